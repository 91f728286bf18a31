"""BIS DPL, ITA CSL, EU FSF, UK OFSI and FtM parsers on real files and fixtures in their formats."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from cordon.lists import bis, csl, eu, ftm, uk
from cordon.lists.errors import ListLoadError


def _by_id(entities: object) -> dict[str, EntityProxy]:
    return {str(e.id): e for e in entities}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def lists_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists"


def test_dpl_real_file_parses_every_order(shared_data: Path) -> None:
    entities = list(bis.parse([shared_data / "bis" / "dpl.txt"], "us_bis_denied"))
    assert len(entities) == 579  # 581 rows, two exact duplicates merged
    first = next(e for e in entities if e.first("name") == "I. ASH")
    assert first.schema.name == "LegalEntity"
    assert first.get("country") == ["us"]
    assert first.get("createdAt") == ["2003-06-19"]
    assert first.get("topics") == ["export.control"]


def test_dpl_fixture_merges_duplicate_rows(lists_dir: Path) -> None:
    entities = list(bis.parse([lists_dir / "dpl_small.txt"], "us_bis_denied"))
    assert [e.first("name") for e in entities] == ["JOHN EXAMPLE", "EXAMPLE AVIATION PARTS LTD"]
    assert entities[1].get("country") == ["hk"]
    assert all(str(e.id).startswith("us_bis_denied-") for e in entities)


def test_dpl_missing_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text('"Name"\t"City"\n"X"\t"Y"\n', encoding="utf-8")
    with pytest.raises(
        ListLoadError, match=r"dpl\.txt: line 1: missing column\(s\) Street_Address"
    ):
        list(bis.parse([path], "us_bis_denied"))


def test_csl_real_sample_keeps_sub_list_in_program(shared_data: Path) -> None:
    entities = _by_id(csl.parse([shared_data / "bis" / "csl_sample.csv"], "us_trade_csl"))
    assert len(entities) == 115
    plant = entities["us_trade_csl-ssi-18792"]  # 90 EKSPERIMENTALNY ZAVOD OAO
    assert plant.get("program")[0].startswith("Sectoral Sanctions Identifications List (SSI)")
    assert plant.get("innCode") == ["5030056754"]
    assert "90 EXPERIMENTAL PLANT OPEN JOINT STOCK COMPANY" in plant.get("alias")


def test_csl_fixture_ids_vessels_and_people(lists_dir: Path) -> None:
    entities = _by_id(csl.parse([lists_dir / "csl_small.csv"], "us_trade_csl"))
    company = entities["us_trade_csl-a1b2c3"]
    assert company.schema.name == "Organization"
    assert company.get("country") == ["cn", "hk"]
    assert "示例半导体贸易有限公司" in company.get("alias")
    assert company.get("registrationNumber") == ["91440300MA5XXXXX1"]
    vessel = entities["us_trade_csl-d4e5f6"]
    assert vessel.get("imoNumber") == ["IMO9000003"]
    assert vessel.get("grossRegisteredTonnage") == ["61000"]
    russian = entities["us_trade_csl-g7h8i9"]
    assert russian.get("innCode") == ["7718852163"]
    assert russian.get("ogrnCode") == ["1117746521452"]
    person = entities["us_trade_csl-j1k2l3"]
    assert person.get("birthDate") == ["1970-05-01", "1971"]
    assert person.get("passportNumber") == ["4500123456"]
    assert person.get("position") == ["General Director"]


def test_eu_fixture_names_ids_and_dates(lists_dir: Path) -> None:
    path = lists_dir / "eu_small.xml"
    entities = _by_id(eu.parse([path], "eu_fsf"))
    company = entities["eu_fsf-900001"]
    assert company.schema.name == "Organization"
    assert company.first("name") == "Example Microwave Components Limited"
    assert company.get("alias") == ["示例微波元件有限公司"]
    assert company.get("weakAlias") == ["EMC Ltd"]
    assert company.get("registrationNumber") == ["74412345"]
    assert company.get("program") == ["RUS"]
    person = entities["eu_fsf-900002"]
    assert person.schema.name == "Person"
    assert person.get("alias") == ["Иван Иванович Примеров"]
    assert person.get("passportNumber") == ["7100123456"]
    assert person.get("birthDate") == ["1961-04-12"]
    assert person.get("nationality") == ["ru"]
    assert eu.published_at([path]) == datetime(2025, 11, 20, 17, 2, 11, 271000)  # UTC


def test_eu_unknown_subject_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "eu.xml"
    path.write_text(
        '<export><sanctionEntity logicalId="1"><subjectType code="alien"/>'
        '<nameAlias wholeName="X" strong="true"/></sanctionEntity></export>',
        encoding="utf-8",
    )
    with pytest.raises(
        ListLoadError, match=r"eu\.xml: line 1: field subjectType: unknown subjectType"
    ):
        list(eu.parse([path], "eu_fsf"))


def test_uk_fixture_groups_rows_by_group_id(lists_dir: Path) -> None:
    path = lists_dir / "uk_conlist_small.csv"
    entities = _by_id(uk.parse([path], "gb_hmt_sanctions"))
    assert set(entities) == {
        "gb_hmt_sanctions-90001",
        "gb_hmt_sanctions-90002",
        "gb_hmt_sanctions-90003",
    }
    person = entities["gb_hmt_sanctions-90001"]
    assert person.get("name") == ["Ivan Ivanovich PRIMEROV"]
    assert person.get("weakAlias") == ["Ivan PRIMEROFF"]  # AKA of quality Low
    assert person.get("alias") == ["Иван Иванович ПРИМЕРОВ"]
    assert person.get("nationality") == ["ru", "by"]
    assert person.get("birthDate") == ["1961-04-12", "1961"]
    company = entities["gb_hmt_sanctions-90002"]
    assert company.get("previousName") == ["AO SEVERNAYA OPTRONIKA"]
    assert "NORTHERN OPTRONICS" in company.get("alias")
    assert entities["gb_hmt_sanctions-90003"].get("imoNumber") == ["IMO9000003"]
    assert uk.published_at([path]) == datetime(2025, 11, 20)


def test_uk_file_without_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    path.write_text("Last Updated,20/11/2025\nName,Country\nX,Y\n", encoding="utf-8")
    with pytest.raises(ListLoadError, match="no header line with column 'Group ID'"):
        list(uk.parse([path], "gb_hmt_sanctions"))


def test_ftm_fixture_keeps_ids_and_dataset_name(lists_dir: Path) -> None:
    path = lists_dir / "ftm_small.jsonl"
    entities = _by_id(ftm.parse([path], "example_dataset"))
    assert set(entities) == {"os-example-company", "os-example-person", "os-example-ownership"}
    assert entities["os-example-company"].get("innCode") == ["7718852163"]
    assert ftm.dataset_names([path]) == ["example_dataset"]


def test_ftm_bad_line_and_unknown_schema_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "a", "schema": "Company", "properties": {}}\n{"id": "b", "sch', encoding="utf-8"
    )
    with pytest.raises(ListLoadError, match=r"bad\.jsonl: line 2: invalid JSON"):
        list(ftm.parse([path], "x"))
    path.write_text('{"id": "a", "schema": "Spaceship", "properties": {}}\n', encoding="utf-8")
    with pytest.raises(ListLoadError, match="line 1: field schema: unknown FtM schema 'Spaceship'"):
        list(ftm.parse([path], "x"))
