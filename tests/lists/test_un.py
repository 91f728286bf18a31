"""UN consolidated XML parser: the real Feb 2026 list and a hand-written fixture."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from cordon.lists import un
from cordon.lists.errors import ListLoadError


@pytest.fixture(scope="module")
def un_list(shared_data: Path) -> dict[str, EntityProxy]:
    return {
        str(e.id): e for e in un.parse([shared_data / "un" / "consolidated.xml"], "un_sc_sanctions")
    }


def test_real_list_has_730_persons_and_273_organizations(un_list: dict[str, EntityProxy]) -> None:
    schemata = [e.schema.name for e in un_list.values()]
    assert schemata.count("Person") == 730
    assert schemata.count("Organization") == 273


def test_real_entry_keeps_reference_number_aliases_and_dates(
    un_list: dict[str, EntityProxy],
) -> None:
    zidane = un_list["un_sc_sanctions-QDi.001"]
    assert zidane.first("name") == "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"
    assert "Sayf-Al Adl" in zidane.get("alias")  # quality "Good"
    assert "Seif al Adel" in zidane.get("weakAlias")  # quality "Low"
    assert "محمد صلاح الدين عبدالحليم زيدان" in zidane.get("alias")  # NAME_ORIGINAL_SCRIPT
    assert {"1963-04-11", "1960-04-11"} <= set(zidane.get("birthDate"))
    assert zidane.get("nationality") == ["eg"]
    assert zidane.get("createdAt") == ["2001-01-25"]


def test_real_list_publication_date(shared_data: Path) -> None:
    published = un.published_at([shared_data / "un" / "consolidated.xml"])
    assert published == datetime(2026, 2, 27, 0, 0, 9, 554000)


def test_fixture_documents_aliases_and_birth_dates(fixtures_dir: Path) -> None:
    entities = {
        str(e.id): e for e in un.parse([fixtures_dir / "lists" / "un_small.xml"], "un_sc_sanctions")
    }
    kim = entities["un_sc_sanctions-KPi.900"]
    assert kim.get("passportNumber") == ["745310010"]
    assert kim.get("idNumber") == ["ID-4455"]
    assert kim.get("birthDate") == ["1968-09-25", "1966", "1967"]
    assert kim.get("alias") == ["Kim Su Example"]
    assert kim.get("weakAlias") == ["Mr. Kim"]
    assert kim.get("nationality") == ["kp"]
    org = entities["un_sc_sanctions-KPe.900"]
    assert org.schema.name == "Organization"
    assert org.get("previousName") == ["Old Example Bureau"]
    assert org.get("country") == ["kp"]


def test_entry_without_reference_number_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    with pytest.raises(ListLoadError, match=r"un\.xml: line 1: field REFERENCE_NUMBER"):
        list(un.parse([path], "un_sc_sanctions"))


def test_other_xml_root_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<export><sanctionEntity/></export>", encoding="utf-8")
    with pytest.raises(
        ListLoadError, match=r"root element is <export>, expected <CONSOLIDATED_LIST>"
    ):
        list(un.parse([path], "un_sc_sanctions"))
