"""The FCDO "UK Sanctions List" in its CSV edition (beside the XML), as FtM entities.

The CSV carries the XML's fields as columns, one row per name of a designation, rows of one
designation sharing its ``Unique ID``. Each designation's rows are turned back into the XML's
``<Designation>`` element and built by ``cordon.lists.fcdo`` - one mapping for both editions.
Column names are matched loosely (case, spaces, punctuation and ``(s)`` suffixes ignored).
A leading ``Report Date: dd/mm/yyyy`` line (if any) gives the publication date.

Written from the published column list; no real CSV edition was available to test on (see
docs/lists.md), so a first real file should be checked against the XML of the same day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy
from lxml import etree

from cordon.i18n import N_, Items, Message
from cordon.lists.errors import ListLoadError
from cordon.lists.fcdo import designation_entity, timestamp
from cordon.lists.source import dict_rows, expand_paths, read_text

FILES = None
_DESIGNATION = {  # column -> element directly under <Designation>
    "lastupdated": "LastUpdated",
    "uniqueid": "UniqueID",
    "ofsigroupid": "OFSIGroupID",
    "unreferencenumber": "UNReferenceNumber",
    "regimename": "RegimeName",
    "regime": "RegimeName",
    "designationtype": "IndividualEntityShip",
    "individualentityship": "IndividualEntityShip",
    "designationsource": "DesignationSource",
    "sanctionsimposed": "SanctionsImposed",
    "otherinformation": "OtherInformation",
    "ukstatementofreasons": "UKStatementofReasons",
    "statementofreasons": "UKStatementofReasons",
    "datedesignated": "DateDesignated",
}
_NAME = {f"name{i}": f"Name{i}" for i in range(1, 7)} | {
    "nametype": "NameType",
    "aliastype": "NameType",
    "aliasstrength": "AliasStrength",
}
_ADDRESS = {f"addressline{i}": f"AddressLine{i}" for i in range(1, 7)} | {
    "addresspostalcode": "AddressPostalCode",
    "postalcode": "AddressPostalCode",
    "addresscountry": "AddressCountry",
}
_DETAILS = {  # values fcdo reads by element name wherever they sit
    "phonenumber": "PhoneNumber",
    "emailaddress": "EmailAddress",
    "website": "Website",
    "namenonlatinscript": "NameNonLatinScript",
    "dob": "DOB",
    "dateofbirth": "DOB",
    "nationality": "Nationality",
    "passportnumber": "PassportNumber",
    "passportadditionalinformation": "PassportAdditionalInformation",
    "nationalidentifiernumber": "NationalIdentifierNumber",
    "nationalidentifieradditionalinformation": "NationalIdentifierAdditionalInformation",
    "position": "Position",
    "gender": "Gender",
    "typeofentity": "TypeOfEntity",
    "businessregistrationnumber": "BusinessRegistrationNumber",
    "parentcompany": "ParentCompany",
    "subsidiaries": "Subsidiary",
    "subsidiary": "Subsidiary",
    "imonumber": "IMONumber",
    "currentbelievedflagofship": "CurrentBelievedFlagOfShip",
    "previousflags": "PreviousFlag",
    "typeofship": "TypeOfShip",
    "tonnageofship": "TonnageOfShip",
    "lengthofship": "LengthOfShip",
    "yearbuilt": "YearBuilt",
    "currentowneroperator": "CurrentOwnerOperator",
    "previousowneroperator": "PreviousOwnerOperator",
    "hullidentificationnumber": "HullIdentificationNumber",
}
_BIRTH = {"townofbirth": "TownOfBirth", "countryofbirth": "CountryOfBirth"}
_REQUIRED = ("uniqueid", "name6", "nametype")
_REPORT_DATE = re.compile(r"(?:Report Date|Date Generated)\s*:?\s*,?\s*([0-9/:T.\-]+)", re.I)


def column_key(header: str) -> str:
    """``Business registration number (s)`` -> ``businessregistrationnumber``."""
    return re.sub(r"[^a-z0-9]", "", re.sub(r"\(.*?\)", "", header.lower()))


def _add(parent: etree._Element, tag: str, value: str) -> None:
    etree.SubElement(parent, tag).text = value


def _designation(rows: list[tuple[int, dict[str, str]]]) -> etree._Element:
    """The ``<Designation>`` element the rows of one Unique ID stand for."""
    element = etree.Element("Designation")
    element.sourceline = rows[0][0]
    names = etree.SubElement(element, "Names")
    addresses = etree.SubElement(element, "Addresses")
    seen: set[tuple[str, str]] = set()
    seen_addresses: set[tuple[tuple[str, str], ...]] = set()
    for _line, row in rows:
        name = {_NAME[k]: v for k, v in row.items() if k in _NAME and v}
        if any(k.startswith("Name") and k != "NameType" for k in name):
            node = etree.SubElement(names, "Name")
            for tag, value in name.items():
                _add(node, tag, value)
        address = tuple((_ADDRESS[k], v) for k, v in row.items() if k in _ADDRESS and v)
        if address and address not in seen_addresses:
            seen_addresses.add(address)
            node = etree.SubElement(addresses, "Address")
            for tag, value in address:
                _add(node, tag, value)
        birth = tuple((_BIRTH[k], v) for k, v in row.items() if k in _BIRTH and v)
        for key, value in row.items():
            target = _DESIGNATION.get(key) or _DETAILS.get(key)
            if target and value and (target, value) not in seen:
                seen.add((target, value))
                _add(element, target, value)
        if birth and ("Location", repr(birth)) not in seen:
            seen.add(("Location", repr(birth)))
            node = etree.SubElement(element, "Location")
            for tag, value in birth:
                _add(node, tag, value)
    return element


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Each designation (rows grouped by Unique ID) as a Person, Organization/Company or Vessel."""
    for path in expand_paths(paths, FILES):
        groups: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
        for line, raw in dict_rows(path, required=(), header_marker="Unique ID"):
            row = {column_key(k): v for k, v in raw.items()}
            missing = [k for k in _REQUIRED if k not in row]
            if missing:
                raise ListLoadError(
                    path,
                    Message(
                        N_("missing column(s) %(columns)s: not the FCDO CSV"),
                        columns=Items(missing),
                    ),
                    line=1,
                )
            if not row["uniqueid"]:
                raise ListLoadError(
                    path, Message(N_("row without Unique ID")), line=line, field="Unique ID"
                )
            groups[row["uniqueid"]].append((line, row))
        for rows in groups.values():
            yield designation_entity(_designation(rows), path, dataset)


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The date of a leading ``Report Date: ...`` line, if the file has one."""
    for path in expand_paths(paths, FILES):
        for line in read_text(path).splitlines()[:3]:
            found = _REPORT_DATE.search(line)
            if found and (stamp := timestamp(found.group(1))) is not None:
                return stamp
    return None
