"""The FCDO UK Sanctions List CSV edition gives the same entities as the XML edition.

No real CSV edition is available offline, so the CSV is generated here, in the published
column layout, from the real 4-record XML (../shared/data/real-formats/gb_fcdo_xml): one row per
name, the designation's other values spread over its rows as the CSV repeats them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import etree

from cordon.lists import fcdo, fcdo_csv
from cordon.lists.errors import ListLoadError
from cordon.lists.registry import get_parser

COLUMNS = {  # CSV column -> XML element (found anywhere in the designation)
    "Last Updated": "LastUpdated", "Unique ID": "UniqueID", "OFSI Group ID": "OFSIGroupID",
    "UN Reference Number": "UNReferenceNumber", "Regime Name": "RegimeName",
    "Designation Type": "IndividualEntityShip", "Designation source": "DesignationSource",
    "Sanctions Imposed": "SanctionsImposed", "Other Information": "OtherInformation",
    "UK Statement of Reasons": "UKStatementofReasons", "Date Designated": "DateDesignated",
    "Name non-latin script": "NameNonLatinScript", "D.O.B": "DOB",
    "Nationality(/ies)": "Nationality", "Passport number": "PassportNumber",
    "Passport additional information": "PassportAdditionalInformation",
    "Position": "Position", "Town of birth": "TownOfBirth", "Country of birth": "CountryOfBirth",
    "Type of entity": "TypeOfEntity", "IMO number": "IMONumber", "Type of ship": "TypeOfShip",
    "Tonnage of ship": "TonnageOfShip", "Year Built": "YearBuilt", "Previous flags": "PreviousFlag",
}  # fmt: skip
ADDRESS_COLUMNS = {f"Address Line {i}": f"AddressLine{i}" for i in range(1, 7)} | {
    "Address Postal Code": "AddressPostalCode",
    "Address Country": "AddressCountry",
}
NAME_COLUMNS = {f"Name {i}": f"Name{i}" for i in range(1, 7)} | {
    "Name type": "NameType",
    "Alias strength": "AliasStrength",
}


def _values(designation: etree._Element, tag: str) -> list[str]:
    return [
        (n.text or "").strip()
        for n in designation.iter()
        if isinstance(n.tag, str) and etree.QName(n).localname == tag and (n.text or "").strip()
    ]


def _write_csv(xml: Path, out: Path) -> None:
    tree = etree.parse(str(xml))
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Report Date: 14/08/2026\n")
        writer = csv.writer(fh)
        writer.writerow([*COLUMNS, *NAME_COLUMNS, *ADDRESS_COLUMNS])
        for designation in tree.getroot().iter("{*}Designation"):
            names = list(designation.iter("{*}Name"))
            addresses = list(designation.iter("{*}Address"))
            values = {column: _values(designation, tag) for column, tag in COLUMNS.items()}
            rows = max(len(names), len(addresses), *(len(v) for v in values.values()))
            for i in range(rows):
                name = names[i] if i < len(names) else None
                cells = [v[i] if i < len(v) else (v[0] if v and column in ("Unique ID",
                         "Designation Type") else "") for column, v in values.items()]  # fmt: skip
                address = addresses[i] if i < len(addresses) else None
                for node, tags in ((name, NAME_COLUMNS), (address, ADDRESS_COLUMNS)):
                    for tag in tags.values():
                        found = node.find(f"{{*}}{tag}") if node is not None else None
                        cells.append((found.text or "").strip() if found is not None else "")
                writer.writerow(cells)


@pytest.fixture(scope="module")
def real_xml(shared_data: Path) -> Path:
    return (
        shared_data / "real-formats" / "gb_fcdo_xml" / "uk_sanctions_list_2026-08-14_4records.xml"
    )


def test_csv_edition_gives_the_xml_entities(real_xml: Path, tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.csv"
    _write_csv(real_xml, path)
    assert get_parser("gb_fcdo_sanctions", [path]) is fcdo_csv
    from_xml = {str(e.id): e for e in fcdo.parse([real_xml], "gb_fcdo_sanctions")}
    from_csv = {str(e.id): e for e in fcdo_csv.parse([path], "gb_fcdo_sanctions")}
    assert sorted(from_csv) == sorted(from_xml) and len(from_csv) == 4
    for key, theirs in from_xml.items():
        ours = from_csv[key]
        assert ours.schema == theirs.schema, key
        for prop in ("name", "alias", "weakAlias", "birthDate", "passportNumber", "nationality",
                     "program", "createdAt", "modifiedAt", "country", "imoNumber", "birthPlace",
                     "address", "type", "pastFlags", "buildDate", "legalForm"):  # fmt: skip
            assert sorted(ours.get(prop, quiet=True)) == sorted(theirs.get(prop, quiet=True)), (
                key,
                prop,
            )
    published = fcdo_csv.published_at([path])
    assert published is not None and published.date().isoformat() == "2026-08-14"


def test_csv_without_unique_id_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_text("Name 6,Name type,Unique ID\nPRIMEROV,Primary Name,\n", encoding="utf-8")
    with pytest.raises(ListLoadError, match=r"line 2: field Unique ID: row without Unique ID"):
        list(fcdo_csv.parse([path], "gb_fcdo_sanctions"))
    path.write_text("Name 6,Unique ID\nPRIMEROV,RUS1\n", encoding="utf-8")
    with pytest.raises(ListLoadError, match=r"missing column\(s\) nametype"):
        list(fcdo_csv.parse([path], "gb_fcdo_sanctions"))
