"""The US ITA Consolidated Screening List CSV (several US lists in one file) as FtM entities.

The ``source`` column names the sub-list (SDN, Entity List, DPL...); it is kept in ``program``
beside the entry's own programs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy

from cordon.i18n import N_, Message
from cordon.lists.build import iso_date, make, merge_into, put, put_all, split_list, stable_id
from cordon.lists.errors import ListLoadError
from cordon.lists.source import dict_rows, expand_paths

FILES = None
REQUIRED = ("source", "name", "type", "programs", "addresses", "alt_names", "ids")
_SCHEMA = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
_SOURCE_CODE = re.compile(r"\(([A-Z]+)\)")
_COUNTRY = re.compile(r"[A-Z]{2}")
_ID_PROPS = (
    ("imo", "imoNumber"),
    ("tax", "taxNumber"),
    ("passport", "passportNumber"),
    ("registration", "registrationNumber"),
    ("mercantil", "registrationNumber"),
    ("company number", "registrationNumber"),
    ("website", "website"),
    ("email", "email"),
    ("swift", "swiftBic"),
    ("d-u-n-s", "dunsCode"),
    ("v.a.t.", "vatCode"),
    ("national id", "idNumber"),
    ("cedula", "idNumber"),
    ("identification number", "idNumber"),
)


def _source_id(row: dict[str, str]) -> str:
    """The row's own id: ``_id`` when the file has it, else sub-list code + entity number."""
    if row.get("_id"):
        return row["_id"]
    code = _SOURCE_CODE.search(row["source"])
    prefix = code.group(1).lower() if code else "csl"
    if row.get("entity_number"):
        return f"{prefix}-{row['entity_number']}"
    return f"{prefix}-{stable_id(row['source'], row['name'], row['addresses'], row['start_date'])}"


def _split_id(text: str, current: bool) -> tuple[str, str, str | None] | None:
    """(type, number, country) of one ``ids`` item, or None when it is not ``type, number``.

    current layout (files with an ``_id`` column): ``TYPE, NUMBER[, COUNTRY]``, e.g.
    ``Passport, 836238033, KP``; 2019 layout: ``[COUNTRY, ]NUMBER, TYPE``.
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2:
        return None
    if current:
        country = parts.pop() if len(parts) >= 3 and _COUNTRY.fullmatch(parts[-1]) else None
        return parts[0], ", ".join(parts[1:]), country
    country = parts.pop(0) if len(parts) >= 3 and _COUNTRY.fullmatch(parts[0]) else None
    return ", ".join(parts[1:]), parts[0], country


def _add_id(entity: EntityProxy, text: str, current: bool) -> None:
    """One ``ids`` item into its FtM property (gender into ``gender``); others into notes."""
    split = _split_id(text, current)
    if split is None:
        put(entity, "notes", text)
        return
    kind, number, country = split
    if kind.lower() == "gender" and entity.schema.is_a("Person"):
        put(entity, "gender", number.lower())
        return
    label = f"{kind} {number}".lower()  # "Vessel Registration Identification IMO 9000003"
    prop = next((p for key, p in _ID_PROPS if key in label), None)
    if prop is None:
        put(entity, "notes", f"{kind} {number}")
        return
    put(entity, prop, number)
    put(entity, "country", country)
    digits = number.replace(" ", "")
    if country in (None, "RU") and digits.isdigit():
        if prop == "taxNumber" and len(digits) in (10, 12):
            put(entity, "innCode", digits)
        if prop == "registrationNumber" and len(digits) in (13, 15):
            put(entity, "ogrnCode", digits)


def _entity(row: dict[str, str], dataset: str, current: bool) -> EntityProxy:
    schema = _SCHEMA.get(row["type"].lower(), "LegalEntity")
    entity = make(schema, f"{dataset}-{_source_id(row)}")
    put(entity, "name", row["name"])
    put(entity, "topics", "sanction" if "Treasury" in row["source"] else "export.control")
    put(entity, "program", row["source"])
    put_all(entity, "program", split_list(row["programs"]))
    put_all(entity, "alias", split_list(row["alt_names"]))
    for address in split_list(row["addresses"]):
        put(entity, "address", address)
        last = address.rsplit(",", 1)[-1].strip()
        if re.fullmatch(r"[A-Z]{2}", last):
            put(entity, "country", last)
    for item in split_list(row["ids"]):
        _add_id(entity, item, current)
    put(entity, "position" if schema == "Person" else "notes", row.get("title"))
    put_all(entity, "birthDate", [iso_date(d) or d for d in split_list(row.get("dates_of_birth"))])
    put_all(entity, "birthPlace", split_list(row.get("places_of_birth")))
    put_all(entity, "citizenship", split_list(row.get("citizenships")))
    put_all(entity, "nationality", split_list(row.get("nationalities")))
    if schema == "Vessel":
        put(entity, "callSign", row.get("call_sign"))
        put(entity, "type", row.get("vessel_type"))
        put(
            entity,
            "grossRegisteredTonnage",
            (row.get("gross_registered_tonnage") or "").replace(",", ""),
        )
        put(entity, "tonnage", (row.get("gross_tonnage") or "").replace(",", ""))
        put(entity, "flag", row.get("vessel_flag"))
    put(entity, "createdAt", row.get("start_date"))
    put(entity, "notes", row.get("remarks"))
    put(
        entity,
        "notes",
        f"Federal Register: {row['federal_register_notice']}"
        if row.get("federal_register_notice")
        else None,
    )
    put(entity, "notes", f"Ends {row['end_date']}" if row.get("end_date") else None)
    put(entity, "sourceUrl", row.get("source_list_url"))
    put(entity, "sourceUrl", row.get("source_information_url"))
    return entity


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every CSL row as Person/Organization/Vessel/LegalEntity (by its ``type``).

    The ``ids`` layout is told by the header: files with an ``_id`` column (the current
    export) write ``TYPE, NUMBER[, COUNTRY]``, older ones ``[COUNTRY, ]NUMBER, TYPE``.
    """
    entities: dict[str, EntityProxy] = {}
    for path in expand_paths(paths, FILES):
        for line, row in dict_rows(path, required=REQUIRED):
            if not row["name"]:
                raise ListLoadError(
                    path, Message(N_("row without a name")), line=line, field="name"
                )
            merge_into(entities, _entity(row, dataset, current="_id" in row))
    yield from entities.values()


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The CSL file states no publication date."""
    return None
