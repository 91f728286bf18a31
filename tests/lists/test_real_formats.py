"""Parsers on the real published files in ../shared/data/real-formats (counts from SOURCES.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy
from rigour.text.scripts import is_latin

from cordon.lists import csl, eu, uk
from cordon.lists.errors import ListLoadError
from cordon.lists.export import export_ftm
from cordon.lists.load import is_listed, load_dataset
from cordon.store import connect


@pytest.fixture(scope="module")
def real(shared_data: Path) -> Path:
    return shared_data / "real-formats"


def _by_id(entities: object) -> dict[str, EntityProxy]:
    return {str(e.id): e for e in entities}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def eu_prefix(real: Path) -> dict[str, EntityProxy]:
    return _by_id(eu.parse([real / "eu_fsf" / "eu_fsf_2022-03-18_prefix.xml"], "eu_fsf"))


def test_eu_repeated_records_merge_into_1024_entities(eu_prefix: dict[str, EntityProxy]) -> None:
    assert len(eu_prefix) == 1024  # 1,044 sanctionEntity records, 20 logicalIds twice
    repeated = eu_prefix["eu_fsf-516"]  # listed under AFG and again under TAQA
    assert repeated.get("program") == ["AFG", "TAQA"]
    assert repeated.get("createdAt") == ["2001-01-31", "2008-03-12"]
    assert repeated.first("name") == "Sayed Ghiasuddin Sayed Ghousuddin"
    assert "Sayyed Ghiassouddine Agha" in repeated.get("alias")
    assert repeated.get("nationality") == ["af"]


def test_eu_caption_prefers_english_and_keeps_languages(eu_prefix: dict[str, EntityProxy]) -> None:
    abu_nidal = next(e for e in eu_prefix.values() if "Čierny september" in e.get("alias"))
    assert abu_nidal.caption == "Abu Nidal Organisation"
    assert "Черен септември" in abu_nidal.get("alias")  # other languages stay aliases
    languages = next(n for n in abu_nidal.get("notes") if n.startswith("Name languages"))
    assert "SK: Čierny september" in languages
    assert any(n.startswith("Regulation ") for n in abu_nidal.get("notes"))
    assert all(e.first("name") not in e.get("alias") for e in eu_prefix.values())


def test_eu_slice_contact_info_and_latin_captions(real: Path) -> None:
    path = real / "eu_fsf" / "eu_fsf_2022-03-18_slice_after_last_duplicate.xml"
    entities = _by_id(eu.parse([path], "eu_fsf"))
    assert len(entities) == 408
    laaico = entities["eu_fsf-6138"]
    assert laaico.get("email") == ["info@laaico.com"]
    assert laaico.get("website") == ["http://www.laaico.com/"]
    assert any("4893800" in n and n.startswith("Fax") for n in laaico.get("notes"))
    assert laaico.get("createdAt") == ["2011-03-21"]
    arabic = [e for e in entities.values() if any(not is_latin(a) for a in e.get("alias"))]
    assert len(arabic) > 50  # the slice is rich in Arabic-script names ...
    assert all(is_latin(e.caption) for e in arabic)  # ... none of which is the caption


def test_eu_file_before_first_duplicate(real: Path) -> None:
    path = real / "eu_fsf" / "eu_fsf_2022-03-18_prefix_before_first_duplicate.xml"
    assert len(list(eu.parse([path], "eu_fsf"))) == 86


def test_csl_current_layout_keeps_identifiers(real: Path) -> None:
    entities = _by_id(csl.parse([real / "csl_csv"], "us_trade_csl"))
    assert len(entities) == 13
    rim = next(e for e in entities.values() if e.caption == "RIM, Ryong Nam")
    assert rim.get("passportNumber") == ["836238033"]  # "Passport, 836238033, KP"
    assert rim.get("gender") == ["male"]
    assert "kp" in rim.get("country")
    bank = next(e for e in entities.values() if e.caption == "SME BANK")
    assert bank.get("ogrnCode") == ["1027739108649"]
    assert bank.get("swiftBic") == ["RUDVRUMM"]
    for entity in entities.values():  # the type never lands in a number property
        for prop in ("passportNumber", "registrationNumber", "taxNumber", "idNumber"):
            for value in entity.get(prop, quiet=True):
                assert any(ch.isdigit() for ch in value), (entity.caption, prop, value)


def test_csl_old_layout_still_read_from_header(shared_data: Path) -> None:
    entities = _by_id(csl.parse([shared_data / "bis" / "csl_sample.csv"], "us_trade_csl"))
    assert entities["us_trade_csl-sdn-20264"].get("taxNumber") == ["80-0890696"]  # 2019 order


def test_csl_ids_present_in_export(real: Path, cordon_home: Path) -> None:
    conn = connect()
    load_dataset(conn, "us_trade_csl", [real / "csl_csv"])
    lines = []

    class _Out:
        def write(self, text: str) -> None:
            lines.append(json.loads(text))

    export_ftm(conn, "us_trade_csl", _Out())  # type: ignore[arg-type]
    passports = [v for line in lines for v in line["properties"].get("passportNumber", [])]
    assert sorted(passports) == ["836238033", "U00242309"]


def test_ofsi_pre2022_layout_in_windows_1252(real: Path) -> None:
    entities = _by_id(uk.parse([real / "gb_hmt_conlist"], "gb_hmt_sanctions"))
    assert len(entities) == 41  # 77 rows, 41 Group IDs
    abbattay = next(e for e in entities.values() if e.caption == "Mohamed ABBATTAY")
    assert abbattay.get("passportNumber") == ["28642163", "954242"]
    assert any(n.startswith("Passport Details: (1) Provisional") for n in abbattay.get("notes"))
    qahtani = entities["gb_hmt_sanctions-13349"]
    assert qahtani.get("nationality") == ["sa", "qa"]  # "1) Saudi Arabia 2) Qatar"
    assert qahtani.get("passportNumber") == ["592667"]
    texts = " ".join(v for e in entities.values() for vs in e.properties.values() for v in vs)
    assert "\ufffd" not in texts and "â€" not in texts  # decoded, not mangled


def test_ofsi_file_in_another_encoding_is_refused(tmp_path: Path, real: Path) -> None:
    raw = (real / "gb_hmt_conlist" / "ConList_pre2022format_excerpt_20q.csv").read_bytes()
    broken = tmp_path / "ConList.csv"
    broken.write_bytes(raw.replace(b"Group ID", b"Group ID\x81", 1))  # undefined in cp1252
    with pytest.raises(ListLoadError, match=r"not valid UTF-8 .* nor cp1252"):
        list(uk.parse([broken], "gb_hmt_sanctions"))


def test_ftm_zala_screens_only_its_14_targets(real: Path, cordon_home: Path) -> None:
    conn = connect()
    result = load_dataset(conn, "zala", [real / "ftm" / "yente_zala_entities.ftm.json"])
    assert result.entity_count == 14
    assert result.link_count == 91 - 14  # addresses, ownerships, register companies: context
    targets = conn.execute(
        "SELECT count(*), count(DISTINCT schema) FROM entities WHERE dataset = 'zala' AND target"
    ).fetchone()
    assert targets == (14, 2)
    names = conn.execute("SELECT count(DISTINCT entity_id) FROM names").fetchone()
    assert names == (14,)
    row = conn.execute(
        "SELECT target, datasets FROM entities WHERE id = 'NK-2Tbri3s6GgNtAwsSXh4qpL'"
    ).fetchone()
    assert row is not None and row[0] is True and "us_ofac_sdn" in row[1]
    context = conn.execute(
        "SELECT count(*) FROM entities WHERE dataset = 'zala' AND NOT target AND schema = 'Company'"
    ).fetchone()
    assert context == (3,)  # register companies with target: false are kept, not screened


def test_ftm_without_target_field_screens_parties_only(tmp_path: Path) -> None:
    from cordon.lists import ftm

    path = tmp_path / "mixed.ftm.json"
    rows = [
        {"id": "p1", "schema": "Person", "properties": {"name": ["Ivan Example"]}},
        {"id": "v1", "schema": "Vessel", "properties": {"name": ["EXAMPLE STAR"]}},
        {"id": "a1", "schema": "Address", "properties": {"full": ["1 Example Road"]}},
        {"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["v1"]}},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    listed = {str(e.id): is_listed(e) for e in ftm.parse([path], "x")}
    assert listed == {"p1": True, "v1": True, "a1": False, "o1": False}


def test_bis_dpl_real_file_counts(real: Path) -> None:
    from cordon.lists import bis

    entities = list(bis.parse([real / "bis_dpl" / "dpl_2018-08_peoplecheck.txt"], "us_bis_denied"))
    assert len(entities) == 536  # 539 rows, 536 distinct


def test_ftm_t1_all_targets_keep_their_datasets(real: Path) -> None:
    from cordon.lists import ftm
    from cordon.lists.load import own_datasets

    entities = list(ftm.parse([real / "ftm" / "yente_t1_entities.ftm.json"], "t1"))
    assert len(entities) == 7
    assert sum(is_listed(e) for e in entities) == 6  # the Address is context
    assert {tuple(own_datasets(e) or ()) for e in entities} == {("eu_fsf",)}


def test_fcdo_real_files(real: Path) -> None:
    from cordon.lists import fcdo

    folder = real / "gb_fcdo_xml"
    entities = list(fcdo.parse([folder / "uk_sanctions_list_2026-08-14_4records.xml"], "gb"))
    assert sorted(str(e.id) for e in entities) == [
        "gb-AFG0011", "gb-AQD0128", "gb-AQD0377", "gb-DPR0075",
    ]  # fmt: skip
    as_published = folder / "uk_sanctions_list_2026-08-14_jaggeman_fixture_asis.xml"
    with pytest.raises(ListLoadError, match=r"line \d+: field UniqueID: Designation without"):
        list(fcdo.parse([as_published], "gb"))  # its synthetic record has no UniqueID
