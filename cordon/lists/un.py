"""The UN Security Council consolidated list XML (individuals and entities) as FtM entities."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy
from lxml import etree

from cordon.i18n import N_, Message
from cordon.lists.build import iso_date, make, put, put_all
from cordon.lists.errors import ListLoadError
from cordon.lists.source import expand_paths
from cordon.lists.xmlsource import (
    children,
    iter_elements,
    joined,
    root_timestamp,
    text,
    values,
)

FILES = None
ROOT = "CONSOLIDATED_LIST"
_ALIAS_PROP = {"good": "alias", "a.k.a.": "alias", "low": "weakAlias", "f.k.a.": "previousName"}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _common(entity: EntityProxy, element: etree._Element) -> None:
    """Properties shared by individuals and entities."""
    put(entity, "topics", "sanction")
    put(entity, "program", text(element, "UN_LIST_TYPE"))
    put(entity, "createdAt", text(element, "LISTED_ON"))
    put_all(entity, "modifiedAt", values(element, "LAST_DAY_UPDATED"))
    put(entity, "notes", text(element, "COMMENTS1"))
    put(entity, "alias", text(element, "NAME_ORIGINAL_SCRIPT"))
    prefix = element.tag  # INDIVIDUAL_ALIAS / ENTITY_ALIAS, INDIVIDUAL_ADDRESS / ENTITY_ADDRESS
    for alias in children(element, f"{prefix}_ALIAS"):
        quality = (text(alias, "QUALITY") or "good").lower()
        put(entity, _ALIAS_PROP.get(quality, "alias"), text(alias, "ALIAS_NAME"))
        if entity.schema.is_a("Person"):
            birth = text(alias, "DATE_OF_BIRTH")
            put(entity, "birthDate", iso_date(birth) or birth)  # unreadable dates go to notes
    for address in children(element, f"{prefix}_ADDRESS"):
        put(
            entity,
            "address",
            joined(address, ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")),
        )
        put(entity, "country", text(address, "COUNTRY"))


def _birth_dates(element: etree._Element) -> list[str]:
    dates: list[str] = []
    for dob in children(element, "INDIVIDUAL_DATE_OF_BIRTH"):
        for field in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR"):
            raw = text(dob, field)
            value = (iso_date(raw) or raw) if field == "DATE" else raw
            if value:
                dates.append(value)
    return dates


def _person(element: etree._Element, entity_id: str) -> EntityProxy:
    entity = make("Person", entity_id)
    put(entity, "name", joined(element, _NAME_PARTS, " "))
    put(entity, "firstName", text(element, "FIRST_NAME"))
    put(entity, "secondName", text(element, "SECOND_NAME"))
    put(entity, "gender", (text(element, "GENDER") or "").lower())
    put_all(entity, "title", values(element, "TITLE"))
    put_all(entity, "position", values(element, "DESIGNATION"))
    put_all(entity, "nationality", values(element, "NATIONALITY"))
    put_all(entity, "birthDate", _birth_dates(element))
    for place in children(element, "INDIVIDUAL_PLACE_OF_BIRTH"):
        put(entity, "birthPlace", joined(place, ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")))
        put(entity, "birthCountry", text(place, "COUNTRY"))
    for document in children(element, "INDIVIDUAL_DOCUMENT"):
        kind = " ".join((text(document, "TYPE_OF_DOCUMENT") or "").split())
        number = text(document, "NUMBER")
        prop = (
            "passportNumber"
            if kind.lower().startswith(("pass", "pasa")) or "passeport" in kind.lower()
            else "idNumber"
        )
        put(entity, prop, number)
        if number is None and text(document, "NOTE"):
            put(entity, "notes", f"{kind or 'Document'}: {text(document, 'NOTE')}")
    return entity


def _organization(element: etree._Element, entity_id: str) -> EntityProxy:
    entity = make("Organization", entity_id)
    put(entity, "name", text(element, "FIRST_NAME"))
    return entity


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Each INDIVIDUAL as a Person, each ENTITY as an Organization; ids use REFERENCE_NUMBER."""
    for path in expand_paths(paths, FILES):
        for element in iter_elements(path, ROOT, {"INDIVIDUAL", "ENTITY"}):
            reference = text(element, "REFERENCE_NUMBER")
            if reference is None:
                raise ListLoadError(
                    path,
                    Message(N_("entry without REFERENCE_NUMBER")),
                    line=element.sourceline,
                    field="REFERENCE_NUMBER",
                )
            entity_id = f"{dataset}-{reference}"
            build = _person if element.tag == "INDIVIDUAL" else _organization
            entity = build(element, entity_id)
            if not entity.has("name"):
                raise ListLoadError(
                    path,
                    Message(N_("entry %(id)s has no name"), id=reference),
                    line=element.sourceline,
                    field="FIRST_NAME",
                )
            _common(entity, element)
            yield entity


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The file's ``dateGenerated`` attribute (as UTC), if present."""
    return root_timestamp(expand_paths(paths, FILES), ROOT, "dateGenerated")
