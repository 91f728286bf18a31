"""The EU Financial Sanctions Files consolidated XML (``sanctionEntity`` records) as FtM entities.

Written from the published format (xmlFullSanctionsList_1_1): names in ``nameAlias``
(wholeName / firstName / lastName, ``strong`` false = weak alias), ``identification``
(number + identificationTypeCode), ``birthdate``, ``citizenship``, ``address``,
``subjectType code`` person|enterprise, ``regulation programme``; ids are ``logicalId``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy
from lxml import etree

from cordon.lists.build import iso_date, make, put
from cordon.lists.errors import ListLoadError
from cordon.lists.source import expand_paths
from cordon.lists.xmlsource import children, iter_elements, root_timestamp

FILES = None
ROOT = "export"
_SCHEMA = {"person": "Person", "enterprise": "Organization"}
_ID_PROPS = {
    "passport": "passportNumber",
    "id": "idNumber",
    "regnumber": "registrationNumber",
    "tax": "taxNumber",
    "fiscalcode": "taxNumber",
    "swiftbic": "swiftBic",
    "imo": "imoNumber",
}


def _attr(element: etree._Element, name: str) -> str | None:
    value = (element.get(name) or "").strip()
    return value or None


def _schema(element: etree._Element, path: Path) -> str:
    subject = children(element, "subjectType")
    code = _attr(subject[0], "code") if subject else None
    if code not in _SCHEMA:
        raise ListLoadError(
            path, f"unknown subjectType code {code!r}", line=element.sourceline, field="subjectType"
        )
    return _SCHEMA[code]


def _names(entity: EntityProxy, element: etree._Element) -> None:
    """The first strong name becomes ``name``; other strong ones aliases, weak ones weakAlias."""
    for alias in children(element, "nameAlias"):
        whole = _attr(alias, "wholeName") or " ".join(
            v
            for v in (
                _attr(alias, "firstName"),
                _attr(alias, "middleName"),
                _attr(alias, "lastName"),
            )
            if v
        )
        strong = (_attr(alias, "strong") or "true").lower() == "true"
        if not strong:
            put(entity, "weakAlias", whole)
            continue
        put(entity, "alias" if entity.has("name") else "name", whole)
        if entity.schema.is_a("Person"):
            put(entity, "firstName", _attr(alias, "firstName"))
            put(entity, "lastName", _attr(alias, "lastName"))
            put(entity, "title", _attr(alias, "title"))
            put(entity, "position", _attr(alias, "function"))
            gender = {"M": "male", "F": "female"}.get(_attr(alias, "gender") or "")
            put(entity, "gender", gender)


def _facts(entity: EntityProxy, element: etree._Element) -> None:
    for ident in children(element, "identification"):
        kind = (_attr(ident, "identificationTypeCode") or "").lower()
        number = _attr(ident, "number") or _attr(ident, "latinNumber")
        put(entity, _ID_PROPS.get(kind, "idNumber"), number)
        put(entity, "country", _attr(ident, "countryIso2Code"))
    for birth in children(element, "birthdate"):
        put(entity, "birthDate", iso_date(_attr(birth, "birthdate")) or _attr(birth, "year"))
        place = ", ".join(
            v
            for v in (
                _attr(birth, "city"),
                _attr(birth, "place"),
                _attr(birth, "countryDescription"),
            )
            if v
        )
        put(entity, "birthPlace", place)
        put(entity, "birthCountry", _attr(birth, "countryIso2Code"))
    for citizenship in children(element, "citizenship"):
        put(entity, "nationality", _attr(citizenship, "countryIso2Code"))
    for address in children(element, "address"):
        parts = ("street", "poBox", "city", "zipCode", "region", "place", "countryDescription")
        put(entity, "address", ", ".join(v for v in (_attr(address, p) for p in parts) if v))
        put(entity, "country", _attr(address, "countryIso2Code"))
    dates: list[str] = []
    for regulation in children(element, "regulation"):
        put(entity, "program", _attr(regulation, "programme"))
        put(entity, "notes", _attr(regulation, "numberTitle"))
        if _attr(regulation, "publicationDate"):
            dates.append(str(_attr(regulation, "publicationDate")))
    designated = _attr(element, "designationDate") or (min(dates) if dates else None)
    put(entity, "createdAt", designated)
    for remark in children(element, "remark"):
        put(entity, "notes", (remark.text or "").strip())


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every ``sanctionEntity`` as a Person or Organization; ids use its ``logicalId``."""
    for path in expand_paths(paths, FILES):
        for element in iter_elements(path, ROOT, {"sanctionEntity"}):
            logical_id = _attr(element, "logicalId")
            if logical_id is None:
                raise ListLoadError(
                    path,
                    "sanctionEntity without logicalId",
                    line=element.sourceline,
                    field="logicalId",
                )
            entity = make(_schema(element, path), f"{dataset}-{logical_id}")
            _names(entity, element)
            if not entity.has("name"):
                raise ListLoadError(
                    path,
                    f"sanctionEntity {logical_id} has no name",
                    line=element.sourceline,
                    field="nameAlias",
                )
            put(entity, "topics", "sanction")
            for attribute, label in (
                ("euReferenceNumber", "EU reference"),
                ("unitedNationId", "UN id"),
            ):
                value = _attr(element, attribute)
                put(entity, "notes", f"{label} {value}" if value else None)
            _facts(entity, element)
            yield entity


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The ``generationDate`` of the export root element (as UTC)."""
    return root_timestamp(expand_paths(paths, FILES), ROOT, "generationDate")
