"""The EU Financial Sanctions Files consolidated XML (``sanctionEntity`` records) as FtM entities.

Format xmlFullSanctionsList_1_1, checked on a real export of 2022-03-18: names in ``nameAlias``
(wholeName / firstName / lastName, ``nameLanguage``, ``strong`` false = weak alias),
``identification`` (number + identificationTypeCode), ``birthdate``, ``citizenship``, ``address``
with its ``contactInfo``, ``subjectType code`` person|enterprise, ``regulation``; ids are
``logicalId``. Real exports repeat a ``sanctionEntity`` once per programme under the same
``logicalId``: the repeats are merged into one entity keeping every programme, name and date.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy
from lxml import etree

from cordon.i18n import N_, Message
from cordon.lists.build import best_name, iso_date, make, put
from cordon.lists.errors import ListLoadError
from cordon.lists.source import expand_paths
from cordon.lists.xmlsource import children, descendants, iter_elements, root_timestamp

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
_CONTACT_PROPS = {"PHONE": "phone", "EMAIL": "email", "WEB": "website"}


@dataclass(frozen=True)
class _Name:
    """One ``nameAlias``: the name, its language and strength, and a person's name parts."""

    whole: str
    language: str | None
    strong: bool
    parts: tuple[tuple[str, str | None], ...]  # (FtM property, value) for persons


@dataclass
class _Record:
    """Everything read for one logicalId so far (several ``sanctionEntity`` when repeated)."""

    entity: EntityProxy
    names: list[_Name] = field(default_factory=list)


def _attr(element: etree._Element, name: str) -> str | None:
    value = (element.get(name) or "").strip()
    return value or None


def _schema(element: etree._Element, path: Path) -> str:
    subject = children(element, "subjectType")
    code = _attr(subject[0], "code") if subject else None
    if code not in _SCHEMA:
        raise ListLoadError(
            path,
            Message(N_("unknown subjectType code %(code)s"), code=repr(code)),
            line=element.sourceline,
            field="subjectType",
        )
    return _SCHEMA[code]


def _read_names(element: etree._Element) -> list[_Name]:
    names: list[_Name] = []
    for alias in children(element, "nameAlias"):
        first, middle, last = (_attr(alias, k) for k in ("firstName", "middleName", "lastName"))
        whole = _attr(alias, "wholeName") or " ".join(v for v in (first, middle, last) if v)
        whole = " ".join(whole.split())  # the list has doubled spaces ("Mohammad  SHAFI'I")
        if not whole:
            continue
        gender = {"M": "male", "F": "female"}.get(_attr(alias, "gender") or "")
        names.append(
            _Name(
                whole=whole,
                language=_attr(alias, "nameLanguage"),
                strong=(_attr(alias, "strong") or "true").lower() == "true",
                parts=(
                    ("firstName", first),
                    ("middleName", middle),
                    ("lastName", last),
                    ("title", _attr(alias, "title")),
                    ("position", _attr(alias, "function")),
                    ("gender", gender),
                ),
            )
        )
    return names


def _apply_names(entity: EntityProxy, names: list[_Name]) -> None:
    """Caption = the English (else Latin-script) strong name; other strong names are aliases,
    weak ones ``weakAlias``; the languages the list states are kept in one note."""
    strong = [n for n in names if n.strong]
    if strong:
        caption = strong[best_name([(n.whole, n.language) for n in strong])]
        put(entity, "name", caption.whole)
    for name in names:
        if name.strong and name.whole != entity.first("name"):
            put(entity, "alias", name.whole)
        elif not name.strong:
            put(entity, "weakAlias", name.whole)
        if name.strong and entity.schema.is_a("Person"):
            for prop, value in name.parts:
                put(entity, prop, value)
    languages = sorted({f"{n.language}: {n.whole}" for n in names if n.language})
    if languages:
        put(entity, "notes", "Name languages - " + "; ".join(languages))


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
    for contact in descendants(element, "contactInfo"):
        key, value = (_attr(contact, "key") or "").upper(), _attr(contact, "value")
        if key in _CONTACT_PROPS:
            put(entity, _CONTACT_PROPS[key], value)
        elif value:
            put(entity, "notes", f"{key.title() or 'Contact'}: {value}")
    _regulations(entity, element)
    for remark in children(element, "remark"):
        put(entity, "notes", (remark.text or "").strip())


def _regulations(entity: EntityProxy, element: etree._Element) -> None:
    """Programme, regulation reference and URL, and the listing date of each record."""
    dates: list[str] = []
    for regulation in children(element, "regulation"):
        put(entity, "program", _attr(regulation, "programme"))
        published = _attr(regulation, "publicationDate")
        reference = _attr(regulation, "numberTitle")
        dated = f" of {published}" if published else ""
        put(entity, "notes", f"Regulation {reference}{dated}" if reference else None)
        for url in children(regulation, "publicationUrl"):
            put(entity, "sourceUrl", (url.text or "").strip())
        if published:
            dates.append(published)
    put(entity, "createdAt", _attr(element, "designationDate") or (min(dates) if dates else None))
    put(entity, "notes", _attr(element, "designationDetails"))


def _record(element: etree._Element, path: Path, dataset: str, logical_id: str) -> _Record:
    entity = make(_schema(element, path), f"{dataset}-{logical_id}")
    put(entity, "topics", "sanction")
    for attribute, label in (("euReferenceNumber", "EU reference"), ("unitedNationId", "UN id")):
        value = _attr(element, attribute)
        put(entity, "notes", f"{label} {value}" if value else None)
    _facts(entity, element)
    return _Record(entity, _read_names(element))


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every logicalId as one Person or Organization, its repeated records merged."""
    records: dict[str, _Record] = {}
    for path in expand_paths(paths, FILES):
        for element in iter_elements(path, ROOT, {"sanctionEntity"}):
            logical_id = _attr(element, "logicalId")
            if logical_id is None:
                raise ListLoadError(
                    path,
                    Message(N_("sanctionEntity without logicalId")),
                    line=element.sourceline,
                    field="logicalId",
                )
            record = _record(element, path, dataset, logical_id)
            if not any(n.strong for n in record.names):
                raise ListLoadError(
                    path,
                    Message(N_("sanctionEntity %(id)s has no name"), id=logical_id),
                    line=element.sourceline,
                    field="nameAlias",
                )
            seen = records.get(logical_id)
            if seen is None:
                records[logical_id] = record
                continue
            if seen.entity.schema != record.entity.schema:
                raise ListLoadError(
                    path,
                    Message(
                        N_("sanctionEntity %(id)s repeats as %(schema)s, first seen as %(first)s"),
                        id=logical_id,
                        schema=record.entity.schema.name,
                        first=seen.entity.schema.name,
                    ),
                    line=element.sourceline,
                    field="subjectType",
                )
            seen.entity.merge(record.entity)
            seen.names.extend(n for n in record.names if n not in seen.names)
    for record in records.values():
        _apply_names(record.entity, record.names)
        yield record.entity


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The ``generationDate`` of the export root element (as UTC)."""
    return root_timestamp(expand_paths(paths, FILES), ROOT, "generationDate")
