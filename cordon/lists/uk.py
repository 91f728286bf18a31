"""The UK HM Treasury OFSI consolidated list CSV ("2022 format") as FtM entities.

Written from the published format: a "Last Updated" line, then a header; one row per name
of a designation, rows of one designation share a ``Group ID`` (the list's own id);
``Alias Type`` says whether a row is the primary name, a variation, an a.k.a. or an f.k.a.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy

from cordon.lists.build import day_month_year, make, put
from cordon.lists.errors import ListLoadError
from cordon.lists.source import dict_rows, expand_paths, read_text

FILES = None
REQUIRED = (
    "Name 6",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Title",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Number",
    "National Identification Number",
    "Position",
    "Address 1",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Regime",
    "Listed On",
    "Group ID",
)
_SCHEMA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_NUMBERED = re.compile(r"\(\d+\)")
_IMO = re.compile(r"IMO(?:\s+number)?\s*:?\s*(\d{7})", re.IGNORECASE)


def _numbered(value: str | None) -> list[str]:
    """``(1) Russia (2) Belarus`` -> ``["Russia", "Belarus"]``; plain values pass through."""
    return [p.strip(" ,;") for p in _NUMBERED.split(value or "") if p.strip(" ,;")]


def _full_name(row: dict[str, str]) -> str:
    given = [row[f"Name {i}"] for i in range(1, 6) if row[f"Name {i}"]]
    return " ".join([*given, row["Name 6"]]).strip()


def _name_prop(row: dict[str, str]) -> str:
    kind = row["Alias Type"].lower()
    if kind.startswith("primary name variation"):
        return "alias"
    if kind.startswith("primary name"):
        return "name"
    if kind == "fka":
        return "previousName"
    return "weakAlias" if row.get("Alias Quality", "").lower() == "low" else "alias"


def _entity(
    group_id: str, rows: list[tuple[int, dict[str, str]]], path: Path, dataset: str
) -> EntityProxy:
    line, first = rows[0]
    kind = first["Group Type"].lower()
    if kind not in _SCHEMA:
        raise ListLoadError(
            path, f"unknown Group Type {first['Group Type']!r}", line=line, field="Group Type"
        )
    entity = make(_SCHEMA[kind], f"{dataset}-{group_id}")
    names = sorted(rows, key=lambda item: _name_prop(item[1]) != "name")  # primary name first
    for _line, row in names:
        prop = _name_prop(row)
        put(entity, "alias" if prop == "name" and entity.has("name") else prop, _full_name(row))
        put(entity, "alias", row.get("Name Non-Latin Script"))
    if not entity.has("name"):
        raise ListLoadError(path, f"group {group_id} has no name", line=line, field="Name 6")
    for _line, row in rows:
        _facts(entity, row)
    return entity


def _facts(entity: EntityProxy, row: dict[str, str]) -> None:
    put(entity, "topics", "sanction")
    put(entity, "program", row["Regime"])
    put(
        entity,
        "createdAt",
        day_month_year(row.get("UK Sanctions List Date Designated"))
        or day_month_year(row["Listed On"]),
    )
    put(entity, "modifiedAt", day_month_year(row.get("Last Updated")))
    address = [row.get(f"Address {i}", "") for i in range(1, 7)] + [
        row["Post/Zip Code"],
        row["Country"],
    ]
    put(entity, "address", ", ".join(a for a in address if a))
    put(entity, "country", row["Country"])
    put(entity, "notes", row["Other Information"])
    if entity.schema.is_a("Vessel"):
        for imo in _IMO.findall(row["Other Information"]):
            put(entity, "imoNumber", imo)
    if entity.schema.is_a("Person"):
        put(entity, "title", row["Title"])
        put(entity, "birthDate", day_month_year(row["DOB"]))
        put(
            entity,
            "birthPlace",
            ", ".join(v for v in (row["Town of Birth"], row["Country of Birth"]) if v),
        )
        for nationality in _numbered(row["Nationality"]):
            put(entity, "nationality", nationality)
        for number in _numbered(row["Passport Number"]):
            put(entity, "passportNumber", number)
        for number in _numbered(row["National Identification Number"]):
            put(entity, "idNumber", number)
        for position in _numbered(row["Position"]):
            put(entity, "position", position)


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Each designation (rows grouped by Group ID) as a Person, Organization or Vessel."""
    for path in expand_paths(paths, FILES):
        groups: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
        for line, row in dict_rows(path, required=REQUIRED, header_marker="Group ID"):
            if not row["Group ID"]:
                raise ListLoadError(path, "row without Group ID", line=line, field="Group ID")
            groups[row["Group ID"]].append((line, row))
        for group_id, rows in groups.items():
            yield _entity(group_id, rows, path, dataset)


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The date on the file's leading ``Last Updated,dd/mm/yyyy`` line."""
    for path in expand_paths(paths, FILES):
        first = read_text(path).split("\n", 1)[0]
        match = re.match(r"\s*Last Updated\s*,\s*(\d{1,2}/\d{1,2}/\d{4})", first)
        if match:
            return datetime.strptime(match.group(1), "%d/%m/%Y")
    return None
