"""OFAC legacy CSV parser, checked on real SDN rows (2021 snapshot) and on broken inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from cordon.lists import ofac
from cordon.lists.errors import ListLoadError


@pytest.fixture(scope="module")
def sdn(shared_data: Path) -> dict[str, EntityProxy]:
    """The real SDN snapshot parsed once for the module, by entity id."""
    return {str(e.id): e for e in ofac.parse([shared_data / "ofac"], "us_ofac_sdn")}


def test_snapshot_has_8976_listed_entries_and_links(sdn: dict[str, EntityProxy]) -> None:
    listed = [e for e in sdn.values() if e.schema.is_a("Thing")]
    assert len(listed) == 8976
    schemata = {e.schema.name for e in listed}
    assert schemata == {"Person", "Organization", "Company", "Vessel", "Airplane"}
    assert sum(1 for e in listed if e.schema.name == "Person") == 4620
    assert any(e.schema.name == "UnknownLink" for e in sdn.values())


def test_rosoboroneksport_tax_and_registration_ids(sdn: dict[str, EntityProxy]) -> None:
    roe = sdn["us_ofac_sdn-18782"]
    assert roe.first("name") == "ROSOBORONEKSPORT OAO"
    assert roe.get("taxNumber") == ["7718852163"]
    assert roe.get("innCode") == ["7718852163"]
    assert roe.get("registrationNumber") == ["1117746521452"]
    assert roe.get("ogrnCode") == ["1117746521452"]
    assert roe.get("okpoCode") == ["56467052"]  # "Government Gazette Number"
    assert "http://www.roe.ru/" in roe.get("website")
    assert roe.get("program") == ["SYRIA", "UKRAINE-EO13662"]
    assert "27 Stromynka ul., Moscow 107076, Russia" in roe.get("address")  # from add.csv
    assert "ROSOBORONEXPORT JSC" in roe.get("alias")  # from alt.csv


def test_several_aka_names_from_remarks(sdn: dict[str, EntityProxy]) -> None:
    ekt = sdn["us_ofac_sdn-24744"]  # ELECTRONICS KATRANGI TRADING
    assert {"ELECTRONIC SYSTEM GROUP", "EKT", "ESG", "E.K.T."} <= set(ekt.get("alias"))
    assert "www.ekt2.com" in " ".join(ekt.get("website"))


def test_fka_from_alt_csv_is_previous_name(sdn: dict[str, EntityProxy]) -> None:
    almaz = sdn["us_ofac_sdn-16865"]
    assert almaz.get("previousName") == [
        "OTKRYTOE AKTSIONERNOE OBSHCHESTVO KONTSERN PVO ALMAZ ANTEI"
    ]
    assert "ALMAZ-ANTEY JSC" in almaz.get("alias")


def test_linked_to_becomes_unknown_link(sdn: dict[str, EntityProxy]) -> None:
    link = sdn["us_ofac_sdn-18657-linked-16911"]  # IOFFE, Eduard A -> KALASHNIKOV CONCERN
    assert link.schema.name == "UnknownLink"
    assert link.get("subject") == ["us_ofac_sdn-18657"]
    assert link.get("object") == ["us_ofac_sdn-16911"]
    assert sdn["us_ofac_sdn-16911"].first("name") == "KALASHNIKOV CONCERN"


def test_unresolvable_link_is_kept_as_note(sdn: dict[str, EntityProxy]) -> None:
    notes = sdn["us_ofac_sdn-18782"].get("notes")
    assert "Linked To: ROSTEC (not found on the list)" in notes


def test_person_facts(sdn: dict[str, EntityProxy]) -> None:
    li = sdn["us_ofac_sdn-24838"]  # LI, Shangfu: "DOB 01 Feb 1958 to 28 Feb 1958"
    assert li.schema.name == "Person"
    assert li.get("birthDate") == ["1958-02"]
    assert li.get("birthPlace") == ["Chengdu, Sichuan Province, China"]
    assert li.get("citizenship") == ["cn"]
    assert li.get("gender") == ["male"]
    assert li.get("lastName") == ["LI"]
    ioffe = sdn["us_ofac_sdn-18657"]
    assert ioffe.get("passportNumber") == ["713023636"]
    assert ioffe.get("nationality") == ["ru"]


def test_vessel_fields(sdn: dict[str, EntityProxy]) -> None:
    fortuna = sdn["us_ofac_sdn-30823"]
    assert fortuna.schema.name == "Vessel"
    assert fortuna.get("imoNumber") == ["IMO8674156"]
    assert fortuna.get("callSign") == ["UBDP8"]
    assert fortuna.get("flag") == ["ru"]


def test_comments_file_completes_truncated_remarks(sdn: dict[str, EntityProxy]) -> None:
    entry = sdn["us_ofac_sdn-28263"]  # remarks end mid-alias; sdn_comments.csv has "hn'; ..."
    assert "snowsjohn" in entry.get("alias")
    assert "us_ofac_sdn-28263-linked-" in " ".join(
        i for i in sdn if i.startswith("us_ofac_sdn-28263-")
    )


def test_remark_parts_splits_aliases_and_statements() -> None:
    aliases, parts = ofac.remark_parts(
        "DOB 1960; a.k.a. 'O'NEIL TRADING'; w.k.a. 'BIG BOSS'; f.k.a. 'OLD NAME'; Gender Male."
    )
    assert aliases == [("a", "O'NEIL TRADING"), ("w", "BIG BOSS"), ("f", "OLD NAME")]
    assert parts == ["DOB 1960", "Gender Male"]


def _write(folder: Path, sdn_text: str, alt_text: str | None = None) -> Path:
    folder.mkdir()
    (folder / "sdn.csv").write_text(sdn_text, encoding="utf-8")
    if alt_text is not None:
        (folder / "alt.csv").write_text(alt_text, encoding="utf-8")
    return folder


def test_weak_alias_and_parsed_entry(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "ofac",
        '1,"ACME LLC",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        "\"w.k.a. 'ACME'; Tax ID No. 7718852163 (Russia); "
        'alt. Tax ID No. 7701234567 (Russia)."\r\n',
    )
    (entity,) = ofac.parse([folder], "us_ofac_sdn")
    assert entity.schema.name == "Company"
    assert entity.get("weakAlias") == ["ACME"]
    assert entity.get("taxNumber") == ["7718852163", "7701234567"]
    assert entity.get("innCode") == ["7718852163"]  # the second fails the INN checksum...
    assert "inn code: 7701234567" in entity.get("notes")  # ...and is kept, not dropped


def test_truncated_row_is_refused_with_file_and_line(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "ofac",
        '1,"ACME LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n2,"BETA CO",-0- ,"SD',
    )
    with pytest.raises(ListLoadError, match=r"sdn\.csv: line 2: malformed CSV .*truncated file"):
        list(ofac.parse([folder], "us_ofac_sdn"))


def test_row_with_missing_columns_is_refused(tmp_path: Path) -> None:
    folder = _write(tmp_path / "ofac", '1,"ACME LLC",-0- ,"SDGT"\r\n')
    with pytest.raises(
        ListLoadError, match=r"sdn\.csv: line 1: expected 12 columns, found 4 \(truncated"
    ):
        list(ofac.parse([folder], "us_ofac_sdn"))


def test_alias_of_unknown_entry_is_refused(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "ofac",
        '1,"ACME LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n',
        '99,1,"aka","ACME",-0- \r\n',
    )
    with pytest.raises(
        ListLoadError, match=r"alt\.csv: line 1: field ent_num: ent_num 99 is not in sdn"
    ):
        list(ofac.parse([folder], "us_ofac_sdn"))


def test_missing_sdn_csv_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ofac"
    folder.mkdir()
    (folder / "alt.csv").write_text('1,1,"aka","X",-0- \r\n', encoding="utf-8")
    with pytest.raises(ListLoadError, match=r"sdn\.csv is missing"):
        list(ofac.parse([folder], "us_ofac_sdn"))


def test_vessel_owner_on_the_list_is_referenced(sdn: dict[str, EntityProxy]) -> None:
    starla = sdn["us_ofac_sdn-15902"]  # Vess_owner "NITC", an alias of entry 15117
    assert starla.get("owner") == ["us_ofac_sdn-15117"]
    assert "Owner: NITC" in starla.get("notes")
    assert "NITC" in sdn["us_ofac_sdn-15117"].get("alias")
