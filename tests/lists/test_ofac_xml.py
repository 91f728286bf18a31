"""OFAC XML formats (SDN_ADVANCED.XML, SDN.XML schema) cross-checked with the legacy CSV."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from cordon.lists import ofac, ofac_advanced, ofac_xml
from cordon.lists.errors import ListLoadError
from cordon.lists.load import is_listed, load_dataset
from cordon.lists.registry import get_parser
from cordon.store import connect

EXCERPT_IDS = {"18782", "26664", "26671", "26674", "15036"}
COMPARED = (  # names, identifiers, facts: everything the CSV states must come out the same
    "name", "alias", "weakAlias", "previousName", "program", "address", "country",
    "birthDate", "birthPlace", "citizenship", "gender", "passportNumber", "taxNumber",
    "innCode", "registrationNumber", "ogrnCode", "okpoCode", "dunsCode", "website", "imoNumber",
    "mmsi", "callSign", "flag", "pastFlags", "type", "tonnage", "grossRegisteredTonnage",
)  # fmt: skip


@pytest.fixture(scope="module")
def advanced_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / "ofac_advanced"


@pytest.fixture(scope="module")
def csv_entities(shared_data: Path) -> dict[str, EntityProxy]:
    return {str(e.id): e for e in ofac.parse([shared_data / "ofac"], "us_ofac_sdn")}


def _links(entities: dict[str, EntityProxy], ids: set[str]) -> set[tuple[str, str]]:
    pairs = set()
    for entity in entities.values():
        if entity.schema.name == "UnknownLink":
            pair = (entity.first("subject"), entity.first("object"))
            if all(str(p).removeprefix("us_ofac_sdn-") in ids for p in pair):
                pairs.add(pair)
    return pairs


def _same_as_csv(xml: dict[str, EntityProxy], csv: dict[str, EntityProxy], ids: set[str]) -> None:
    listed = {k for k, e in xml.items() if is_listed(e)}
    assert listed == {f"us_ofac_sdn-{i}" for i in ids}
    for key in listed:
        ours, theirs = xml[key], csv[key]
        assert ours.schema == theirs.schema, key
        for prop in COMPARED:
            got = sorted(ours.get(prop, quiet=True))
            assert got == sorted(theirs.get(prop, quiet=True)), (key, prop)
        csv_notes = set(theirs.get("notes"))
        assert csv_notes <= set(ours.get("notes")), key  # XML adds listing facts, loses none
    assert _links(xml, ids) == _links(csv, ids)


def test_sdn_advanced_excerpt_matches_the_legacy_csv(
    advanced_dir: Path, csv_entities: dict[str, EntityProxy]
) -> None:
    path = advanced_dir / "sdn_advanced_excerpt.xml"
    xml = {str(e.id): e for e in ofac_advanced.parse([path], "us_ofac_sdn")}
    _same_as_csv(xml, csv_entities, EXCERPT_IDS)
    gusev = xml["us_ofac_sdn-26671"]
    assert gusev.get("birthDate") == ["1986-06-10", "1977-07-08", "1987-10-07"]
    assert gusev.get("passportNumber") == ["717386212", "A1167292", "1213007"]
    assert gusev.get("createdAt") == ["2019-12-05"]  # listing date: only in the XML
    link = xml["us_ofac_sdn-26674-linked-26671"]
    assert link.get("role") == ["Linked To"]
    assert ofac_advanced.published_at([path]) is not None


def test_sdn_xml_excerpt_matches_the_legacy_csv(
    advanced_dir: Path, csv_entities: dict[str, EntityProxy]
) -> None:
    path = advanced_dir / "sdn_xml_excerpt.xml"
    xml = {str(e.id): e for e in ofac_xml.parse([path], "us_ofac_sdn")}
    _same_as_csv(xml, csv_entities, {"26664", "26671", "26674"})
    published = ofac_xml.published_at([path])
    assert published is not None and published.date().isoformat() == "2021-03-30"


def test_real_consolidated_xml_loads_462(shared_data: Path, cordon_home: Path) -> None:
    path = shared_data / "real-formats" / "ofac_xml" / "ofac_cons_consolidated_2022-03-24.xml"
    result = load_dataset(connect(), "us_ofac_cons", [path.parent])
    assert result.entity_count == 462  # the file's Record_Count
    assert (
        result.published_at is not None and result.published_at.date().isoformat() == "2022-03-24"
    )
    entities = {str(e.id): e for e in ofac_xml.parse([path], "us_ofac_cons")}
    bank = entities["us_ofac_cons-18283"]
    assert bank.schema.name == "Company"
    assert bank.get("ogrnCode") == ["1027739108649"]
    assert bank.get("swiftBic") == ["RUDVRUMM"]
    assert bank.get("program") == ["UKRAINE-EO13662"]
    haniya = entities["us_ofac_cons-9639"]
    assert haniya.first("name") == "HANIYA, Ismail Abdul Salah"
    assert haniya.get("birthDate") == ["1962"]
    assert sum(1 for e in entities.values() if e.schema.name == "UnknownLink") > 200


def test_format_is_told_from_content_and_xml_preferred(
    tmp_path: Path, shared_data: Path, advanced_dir: Path
) -> None:
    folder = tmp_path / "ofac"
    shutil.copytree(shared_data / "ofac", folder)
    assert get_parser("us_ofac_sdn", [folder]) is ofac
    shutil.copy(advanced_dir / "sdn_advanced_excerpt.xml", folder / "SDN_ADVANCED.XML")
    assert get_parser("us_ofac_sdn", [folder]) is ofac_advanced
    assert get_parser("us_ofac_cons", [advanced_dir / "sdn_xml_excerpt.xml"]) is ofac_xml


def test_truncated_advanced_file_is_refused_with_line(tmp_path: Path, advanced_dir: Path) -> None:
    text = (advanced_dir / "sdn_advanced_excerpt.xml").read_text(encoding="utf-8")
    path = tmp_path / "SDN_ADVANCED.XML"
    path.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    with pytest.raises(ListLoadError, match=r"SDN_ADVANCED\.XML: line \d+: invalid XML"):
        list(ofac_advanced.parse([path], "us_ofac_sdn"))


def test_advanced_entry_for_unknown_profile_is_refused(tmp_path: Path, advanced_dir: Path) -> None:
    text = (advanced_dir / "sdn_advanced_excerpt.xml").read_text(encoding="utf-8")
    path = tmp_path / "SDN_ADVANCED.XML"
    path.write_text(text.replace('ProfileID="15036"', 'ProfileID="99999"'), encoding="utf-8")
    with pytest.raises(ListLoadError, match=r"line \d+: field ProfileID: .*unknown profile 99999"):
        list(ofac_advanced.parse([path], "us_ofac_sdn"))


def test_sdn_xml_record_count_mismatch_is_refused(tmp_path: Path, advanced_dir: Path) -> None:
    text = (advanced_dir / "sdn_xml_excerpt.xml").read_text(encoding="utf-8")
    path = tmp_path / "sdn.xml"
    path.write_text(text.replace("<Record_Count>3<", "<Record_Count>4<"), encoding="utf-8")
    with pytest.raises(ListLoadError, match="Record_Count 4 but holds 3"):
        list(ofac_xml.parse([path], "us_ofac_sdn"))


def test_party_without_name_is_refused(tmp_path: Path, advanced_dir: Path) -> None:
    text = (advanced_dir / "sdn_advanced_excerpt.xml").read_text(encoding="utf-8")
    path = tmp_path / "SDN_ADVANCED.XML"
    path.write_text(text.replace(">EVIL CORP<", "><"), encoding="utf-8")
    with pytest.raises(ListLoadError, match="DistinctParty 26664 has no primary name"):
        list(ofac_advanced.parse([path], "us_ofac_sdn"))


@pytest.mark.parametrize(
    ("start", "end", "written"),
    [
        (((1962, 1, 1), (1962, 1, 1)), ((1962, 12, 31), (1962, 12, 31)), "1962"),
        (((1960, 1, 1), (1960, 12, 31)), ((1962, 1, 1), (1962, 12, 31)), "1960 to 1962"),
        (((1960, 5, 1), (1960, 5, 1)), ((1960, 5, 31), (1960, 5, 31)), "1960-05"),
        (((1986, 6, 10), (1986, 6, 10)), ((1986, 6, 10), (1986, 6, 10)), "1986-06-10"),
    ],
)
def test_date_periods_are_written_as_the_csv_writes_them(
    start: tuple[tuple[int, ...], ...], end: tuple[tuple[int, ...], ...], written: str
) -> None:
    from lxml import etree

    def ymd(d: tuple[int, ...]) -> str:
        return f"<Year>{d[0]}</Year><Month>{d[1]}</Month><Day>{d[2]}</Day>"

    xml = (
        f'<DatePeriod xmlns="urn:x"><Start><From>{ymd(start[0])}</From><To>{ymd(start[1])}</To>'
        f"</Start><End><From>{ymd(end[0])}</From><To>{ymd(end[1])}</To></End></DatePeriod>"
    )
    assert ofac_advanced._period(etree.fromstring(xml)) == written
