"""The FCDO "UK Sanctions List" XML (``<Designations>``, the single UK source since 2026) as FtM.

Written from the published format: one ``<Designation>`` per listed party with its
``UniqueID`` (e.g. ``RUS0001``, the list's own id), ``Names``, ``NonLatinNames``, ``RegimeName``,
``IndividualEntityShip`` and the ``IndividualDetails`` / ``EntityDetails`` / ``ShipDetails``
blocks. Detail values are read by element name whatever wraps them, and missing or empty
elements are skipped, so small layout changes between releases do not lose data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy
from lxml import etree

from cordon.i18n import N_, Message
from cordon.lists.build import day_month_year, iso_date, make, put, put_all, utc_naive
from cordon.lists.errors import ListLoadError
from cordon.lists.source import expand_paths
from cordon.lists.xmlsource import (
    children,
    descendant_texts,
    descendants,
    header_text,
    iter_elements,
    joined,
    root_attributes,
    text,
)

FILES = None
ROOT = "Designations"
SOURCE_URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
_SCHEMA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_NAME_PARTS = ("Name1", "Name2", "Name3", "Name4", "Name5", "Name6")
_ADDRESS_PARTS = (
    *(f"AddressLine{i}" for i in range(1, 7)),
    "AddressPostalCode",
    "AddressCountry",
)
_UNKNOWN_DAY_MONTH = re.compile(r"\b(?:dd|mm)\b", re.IGNORECASE)


def _date(value: str | None) -> str | None:
    """``dd/mm/yyyy`` (``dd``/``mm``/``00`` for unknown parts), ISO dates and timestamps -> ISO."""
    if not value:
        return None
    value = _UNKNOWN_DAY_MONTH.sub("00", value.strip())
    return day_month_year(value) or iso_date(value.split("T", 1)[0])


def _note(entity: EntityProxy, label: str, values: Iterable[str]) -> None:
    for value in values:
        put(entity, "notes", f"{label}: {value}")


def _name_prop(name: etree._Element) -> str:
    """FtM property of one ``<Name>`` by its ``NameType`` and ``AliasStrength``."""
    kind = (text(name, "NameType") or "alias").lower()
    if kind.startswith("primary name variation"):
        return "alias"
    if kind.startswith("primary name"):
        return "name"
    if any(word in kind for word in ("former", "previous", "fka")):
        return "previousName"
    strength = (text(name, "AliasStrength") or "").lower()
    return "weakAlias" if "weak" in strength or "low" in strength else "alias"


def _names(entity: EntityProxy, designation: etree._Element) -> None:
    """Primary name -> ``name`` (later primaries -> ``alias``), aliases by strength, non-Latin."""
    names = sorted(descendants(designation, "Name"), key=lambda n: _name_prop(n) != "name")
    for name in names:
        full = joined(name, _NAME_PARTS, " ")
        prop = _name_prop(name)
        if prop == "name" and entity.has("name"):
            prop = "alias"
        put(entity, prop, full)
        if prop == "name" and entity.schema.is_a("Person"):
            put(entity, "firstName", text(name, "Name1"))
            put(entity, "lastName", text(name, "Name6"))
    put_all(entity, "alias", descendant_texts(designation, "NameNonLatinScript"))


def _common(entity: EntityProxy, designation: etree._Element) -> None:
    """Facts every designation may carry: regime, dates, sources, addresses, contacts."""
    put(entity, "topics", "sanction")
    put(entity, "sourceUrl", SOURCE_URL)
    put(entity, "program", text(designation, "RegimeName"))
    put(entity, "createdAt", _date(text(designation, "DateDesignated")))
    put(entity, "modifiedAt", _date(text(designation, "LastUpdated")))
    for label, tag in (
        ("UN reference", "UNReferenceNumber"),
        ("OFSI group ID", "OFSIGroupID"),
        ("Designation source", "DesignationSource"),
        ("Sanctions imposed", "SanctionsImposed"),
        ("UK statement of reasons", "UKStatementofReasons"),
    ):
        _note(entity, label, [v for v in [text(designation, tag)] if v])
    put(entity, "notes", text(designation, "OtherInformation"))
    for address in descendants(designation, "Address"):
        put(entity, "address", joined(address, _ADDRESS_PARTS))
        put(entity, "country", text(address, "AddressCountry"))
    put_all(entity, "phone", descendant_texts(designation, "PhoneNumber"))
    put_all(entity, "email", descendant_texts(designation, "EmailAddress"))
    put_all(entity, "website", descendant_texts(designation, "Website"))


def _individual(entity: EntityProxy, details: etree._Element) -> None:
    for raw in descendant_texts(details, "DOB"):
        put(entity, "birthDate", _date(raw) or raw)  # unreadable dates are kept in notes
    put_all(entity, "nationality", descendant_texts(details, "Nationality"))
    put_all(entity, "passportNumber", descendant_texts(details, "PassportNumber"))
    _note(
        entity,
        "Passport details",
        descendant_texts(details, "PassportDetails", "PassportAdditionalInformation"),
    )
    put_all(entity, "idNumber", descendant_texts(details, "NationalIdentifierNumber"))
    _note(
        entity,
        "National identifier details",
        descendant_texts(
            details, "NationalIdentifierDetails", "NationalIdentifierAdditionalInformation"
        ),
    )
    put_all(entity, "position", descendant_texts(details, "Position"))
    put_all(entity, "gender", [g.lower() for g in descendant_texts(details, "Gender")])
    for location in descendants(details, "Location"):
        put(entity, "birthPlace", joined(location, ("TownOfBirth", "CountryOfBirth")))
        put(entity, "birthCountry", text(location, "CountryOfBirth"))


def _entity_details(entity: EntityProxy, details: etree._Element) -> None:
    put_all(entity, "legalForm", descendant_texts(details, "TypeOfEntity", "TypeOfEntities"))
    put_all(entity, "registrationNumber", descendant_texts(details, "BusinessRegistrationNumber"))
    _note(entity, "Parent company", descendant_texts(details, "ParentCompany"))
    _note(entity, "Subsidiary", descendant_texts(details, "Subsidiary", "Subsidiaries"))


def _ship(entity: EntityProxy, details: etree._Element) -> None:
    put_all(entity, "imoNumber", descendant_texts(details, "IMONumber"))
    put_all(entity, "flag", descendant_texts(details, "CurrentBelievedFlagOfShip"))
    put_all(entity, "pastFlags", descendant_texts(details, "PreviousFlag", "PreviousFlags"))
    put_all(entity, "type", descendant_texts(details, "TypeOfShip"))
    put_all(entity, "tonnage", descendant_texts(details, "TonnageOfShip"))
    put_all(entity, "buildDate", descendant_texts(details, "YearBuilt"))
    _note(entity, "Current owner/operator", descendant_texts(details, "CurrentOwnerOperator"))
    _note(entity, "Previous owner/operator", descendant_texts(details, "PreviousOwnerOperator"))
    _note(entity, "Length", descendant_texts(details, "LengthOfShip"))
    _note(
        entity, "Hull identification number", descendant_texts(details, "HullIdentificationNumber")
    )


# IndividualDetails / EntityDetails / ShipDetails values, found by name wherever they sit
_DETAILS = {
    "Person": _individual,
    "Organization": _entity_details,
    "Company": _entity_details,
    "Vessel": _ship,
}


def _schema(designation: etree._Element, path: Path, unique_id: str) -> str:
    """Person / Organization / Vessel by ``IndividualEntityShip``; Company if it has a reg. no."""
    kind = text(designation, "IndividualEntityShip")
    schema = _SCHEMA.get((kind or "").lower())
    if schema is None:
        node = children(designation, "IndividualEntityShip")
        raise ListLoadError(
            path,
            Message(
                N_(
                    "designation %(id)s: unknown IndividualEntityShip %(kind)s (expected "
                    "Individual, Entity or Ship)"
                ),
                id=unique_id,
                kind=repr(kind),
            ),
            line=node[0].sourceline if node else designation.sourceline,
            field="IndividualEntityShip",
        )
    if schema == "Organization" and descendant_texts(designation, "BusinessRegistrationNumber"):
        return "Company"
    return schema


def designation_entity(designation: etree._Element, path: Path, dataset: str) -> EntityProxy:
    """One ``<Designation>`` element as a Person, Organization/Company or Vessel."""
    unique_id = text(designation, "UniqueID")
    if unique_id is None:
        raise ListLoadError(
            path,
            Message(N_("Designation without UniqueID")),
            line=designation.sourceline,
            field="UniqueID",
        )
    entity = make(_schema(designation, path, unique_id), f"{dataset}-{unique_id}")
    _names(entity, designation)
    if not entity.has("name"):
        names = children(designation, "Names")
        raise ListLoadError(
            path,
            Message(N_("designation %(id)s has no primary name"), id=unique_id),
            line=(names[0] if names else designation).sourceline,
            field="Names",
        )
    _common(entity, designation)
    _DETAILS[entity.schema.name](entity, designation)
    return entity


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Each ``<Designation>`` as a Person, Organization/Company or Vessel; ids use UniqueID."""
    for path in expand_paths(paths, FILES):
        for designation in iter_elements(path, ROOT, {"Designation"}):
            yield designation_entity(designation, path, dataset)


def timestamp(value: str) -> datetime | None:
    """An ISO timestamp or ``dd/mm/yyyy`` date as naive UTC, else None."""
    try:
        return utc_naive(value)
    except ValueError:
        pass
    try:
        return datetime.strptime(value, "%d/%m/%Y")
    except ValueError:
        return None


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The file's ``DateGenerated`` (header element or root attribute), if it states one."""
    for path in expand_paths(paths, FILES):
        attributes = root_attributes(path, ROOT)
        stamp = (
            attributes.get("DateGenerated")
            or attributes.get("dateGenerated")
            or header_text(path, ROOT, "DateGenerated", before="Designation")
        )
        if stamp and (parsed := timestamp(stamp)) is not None:
            return parsed
    return None
