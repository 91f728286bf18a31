"""The FCDO UK Sanctions List XML parser on a hand-written fixture, loading and refused files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from followthemoney.proxy import EntityProxy

from cordon.lists import fcdo
from cordon.lists.errors import ListLoadError
from cordon.lists.load import load_dataset
from cordon.lists.registry import get_parser
from cordon.store import connect

DATASET = "gb_fcdo_sanctions"


@pytest.fixture(scope="module")
def fixture_path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / "uk_sanctions_list_small.xml"


@pytest.fixture(scope="module")
def entities(fixture_path: Path) -> dict[str, EntityProxy]:
    return {str(e.id): e for e in fcdo.parse([fixture_path], DATASET)}


@pytest.fixture()
def conn(cordon_home: Path) -> duckdb.DuckDBPyConnection:
    return connect()


def _designation(body: str) -> str:
    return f"<Designations>\n<Designation>\n{body}\n</Designation>\n</Designations>\n"


def test_every_designation_is_read_with_its_unique_id(entities: dict[str, EntityProxy]) -> None:
    assert {e: entities[e].schema.name for e in entities} == {
        "gb_fcdo_sanctions-RUS9001": "Person",
        "gb_fcdo_sanctions-RUS9002": "Company",  # an Entity with a business registration number
        "gb_fcdo_sanctions-RUS9003": "Vessel",
        "gb_fcdo_sanctions-AQD9004": "Organization",
    }


def test_individual_names_and_details(entities: dict[str, EntityProxy]) -> None:
    person = entities["gb_fcdo_sanctions-RUS9001"]
    assert person.get("name") == ["Ivan Ivanovich PRIMEROV"]  # empty Name3..Name5 skipped
    assert (person.get("firstName"), person.get("lastName")) == (["Ivan"], ["PRIMEROV"])
    assert person.get("alias") == ["Ioann Ivanovich PRIMEROV", "Иван Иванович ПРИМЕРОВ"]
    assert person.get("weakAlias") == ["Ivan PRIMEROFF"]  # AliasStrength Weak
    assert person.get("birthDate") == ["1961-04-12", "1962"]  # dd/mm/1962: year only
    assert person.get("nationality") == ["ru", "by"]
    assert person.get("passportNumber") == ["7100123456"]
    assert person.get("idNumber") == ["771234567890"]
    assert person.get("position") == ["General Director, JSC Northern Optronics"]
    assert person.get("gender") == ["male"]
    assert person.get("birthPlace") == ["Tula, Russia"]
    assert person.get("birthCountry") == ["ru"]
    assert person.get("address") == ["12 Primernaya Street, Moscow, 101000, Russia"]
    assert person.get("program") == ["Russia"]
    assert person.get("createdAt") == ["2022-03-15"]
    assert person.get("modifiedAt") == ["2025-06-10"]
    assert person.get("sourceUrl") == [fcdo.SOURCE_URL]
    notes = person.get("notes")
    assert "Passport details: Russian passport issued 2015" in notes
    assert "Sanctions imposed: Asset freeze|Travel Ban|Trust services sanctions" in notes
    assert "General Director of a defence electronics plant." in notes


def test_entity_registration_address_and_parent(entities: dict[str, EntityProxy]) -> None:
    company = entities["gb_fcdo_sanctions-RUS9002"]
    assert company.get("name") == ["JOINT STOCK COMPANY NORTHERN OPTRONICS"]
    assert company.get("alias") == ["JSC NORTHERN OPTRONICS", "АО СЕВЕРНАЯ ОПТРОНИКА"]
    assert company.get("registrationNumber") == ["1027800000017"]
    assert company.get("address") == [
        "Building 3, 45 Optichesky Prospekt, Saint Petersburg, 194044, Russia"
    ]
    assert company.get("country") == ["ru"]
    assert company.get("legalForm") == ["Joint Stock Company"]
    assert company.get("email") == ["info@northern-optronics.example"]
    assert "Parent company: State Corporation Example Technologies" in company.get("notes")


def test_ship_imo_flag_and_particulars(entities: dict[str, EntityProxy]) -> None:
    ship = entities["gb_fcdo_sanctions-RUS9003"]
    assert ship.get("name") == ["EXAMPLE STAR"]
    assert ship.get("alias") == ["NORD EXAMPLE"]  # Primary Name Variation
    assert ship.get("imoNumber") == ["IMO9000003"]
    assert ship.get("flag") == ["ga"]
    assert ship.get("type") == ["Crude Oil Tanker"]
    assert ship.get("tonnage") == ["61000"]
    assert ship.get("buildDate") == ["2004"]
    assert "Current owner/operator: Example Maritime Holdings Ltd" in ship.get("notes")
    assert "Length: 228" in ship.get("notes")


def test_sparse_un_designation_with_empty_elements(entities: dict[str, EntityProxy]) -> None:
    org = entities["gb_fcdo_sanctions-AQD9004"]
    assert org.get("name") == ["EXAMPLE RELIEF FOUNDATION"]
    assert org.get("alias") == [] and org.get("address") == []
    assert org.get("modifiedAt") == []  # <LastUpdated /> is empty
    assert "UN reference: QDe.999" in org.get("notes")
    assert "Designation source: UN" in org.get("notes")


def test_published_at_from_date_generated(fixture_path: Path) -> None:
    assert fcdo.published_at([fixture_path]) == datetime(2026, 2, 3, 9, 15)


def test_published_at_absent_is_none(tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_text(_designation("<UniqueID>X1</UniqueID>"), encoding="utf-8")
    assert fcdo.published_at([path]) is None


def test_registered_as_gb_fcdo_sanctions(fixture_path: Path) -> None:
    assert get_parser(DATASET, [fixture_path]) is fcdo


def test_load_through_the_store(conn: duckdb.DuckDBPyConnection, fixture_path: Path) -> None:
    result = load_dataset(conn, DATASET, [fixture_path])
    assert (result.entity_count, result.link_count) == (4, 0)
    assert result.published_at == datetime(2026, 2, 3, 9, 15)
    names = dict(
        conn.execute(
            "SELECT prop, count(*) FROM names WHERE version = ? GROUP BY prop", [result.version]
        ).fetchall()
    )
    assert names == {"name": 4, "alias": 5, "weakAlias": 1}
    row = conn.execute(
        "SELECT source_id, schema FROM entities WHERE id = 'gb_fcdo_sanctions-RUS9003'"
    ).fetchone()
    assert row == ("RUS9003", "Vessel")


@pytest.mark.parametrize(
    ("cut", "problem"),
    [
        (lambda xml: xml[: len(xml) * 2 // 3], "invalid XML \\(truncated or corrupt\\)"),
        (lambda xml: xml.replace("</Names>", "</Nmes>", 1), "invalid XML"),
        (lambda xml: "", "file is empty"),
        (lambda xml: xml.replace("Designations", "Export"), "root element is <Export>"),
    ],
    ids=["truncated", "corrupt", "empty", "wrong-root"],
)
def test_broken_file_is_refused_and_previous_version_stays(
    conn: duckdb.DuckDBPyConnection, fixture_path: Path, tmp_path: Path, cut, problem: str
) -> None:
    first = load_dataset(conn, DATASET, [fixture_path])
    broken = tmp_path / "UK-Sanctions-List.xml"
    broken.write_text(cut(fixture_path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ListLoadError, match=problem) as info:
        load_dataset(conn, DATASET, [broken])
    assert "UK-Sanctions-List.xml" in str(info.value)
    active = conn.execute("SELECT version, entity_count FROM list_versions WHERE active").fetchall()
    assert active == [(first.version, 4)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<Names><Name><Name6>X</Name6><NameType>Primary Name</NameType></Name></Names>\n"
            "<IndividualEntityShip>Individual</IndividualEntityShip>",
            r"line 2: field UniqueID: Designation without UniqueID",
        ),
        (
            "<UniqueID>RUS1</UniqueID>\n"
            "<Names><Name><Name6>X</Name6><NameType>Primary Name</NameType></Name></Names>\n"
            "<IndividualEntityShip>Aircraft</IndividualEntityShip>",
            r"line 5: field IndividualEntityShip: designation RUS1: unknown "
            r"IndividualEntityShip 'Aircraft'",
        ),
        (
            "<UniqueID>RUS2</UniqueID>\n"
            "<Names><Name><Name6>X</Name6><NameType>Alias</NameType></Name></Names>\n"
            "<IndividualEntityShip>Entity</IndividualEntityShip>",
            r"line 4: field Names: designation RUS2 has no primary name",
        ),
    ],
    ids=["no-id", "unknown-type", "no-primary-name"],
)
def test_bad_designation_names_file_line_and_element(
    tmp_path: Path, body: str, expected: str
) -> None:
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_text(_designation(body), encoding="utf-8")
    with pytest.raises(ListLoadError, match=rf"UK-Sanctions-List\.xml: {expected}"):
        list(fcdo.parse([path], DATASET))


def test_other_wrappers_namespace_and_date_styles_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_text(
        '<Designations xmlns="urn:example:uksl" DateGenerated="28/01/2026">'
        "<Designation><UniqueID>CHN0001</UniqueID><DateDesignated>05/12/2024</DateDesignated>"
        "<Names><Name><Name1>Wei</Name1><Name6>LI</Name6><NameType>Primary Name</NameType></Name>"
        "<Name><Name6>LI Wei-Ming</Name6><NameType>Formerly known as</NameType></Name></Names>"
        "<IndividualEntityShip>individual</IndividualEntityShip>"
        "<IndividualDetails><Individual><DOBs><DOB>00/00/1970</DOB><DOB>about 1971</DOB></DOBs>"
        "<PassportDetails><Passport><PassportNumber>E12345678</PassportNumber>"
        "<PassportAdditionalInformation>China</PassportAdditionalInformation></Passport>"
        "</PassportDetails></Individual></IndividualDetails></Designation></Designations>",
        encoding="utf-8",
    )
    (person,) = fcdo.parse([path], DATASET)
    assert person.schema.name == "Person"
    assert person.get("previousName") == ["LI Wei-Ming"]
    assert person.get("birthDate") == ["1970"]
    assert "birth date: about 1971" in person.get("notes")  # unreadable, kept
    assert person.get("passportNumber") == ["E12345678"]
    assert "Passport details: China" in person.get("notes")
    assert person.get("createdAt") == ["2024-12-05"]
    assert fcdo.published_at([path]) == datetime(2026, 1, 28)
