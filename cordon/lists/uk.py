"""The UK HM Treasury OFSI consolidated list CSV ("2022 format" and the older layout) as FtM.

A "Last Updated" line, then a header; one row per name of a designation, rows of one
designation share a ``Group ID`` (the list's own id); ``Alias Type`` says whether a row is the
primary name, a variation, an a.k.a. or an f.k.a. Files before 2022 are Windows-1252 and name
two columns differently (``Passport Details`` and ``NI Number``: free text, from which the
document numbers are taken, the text itself kept in notes) and the primary name
``Prime Alias``; the layout is told from the header.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy

from cordon.i18n import N_, Message
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
_NUMBERED = re.compile(r"\(?\b\d{1,2}\)")  # "(1) Russia (2) Belarus", also "1) ... 2) ..."
_DOCUMENT_NUMBER = re.compile(r"\b[A-Z]{0,4}\d[0-9A-Z/-]{3,}\b")
# column of the 2022 format -> the same column in the older layout
_OLD_COLUMNS = {
    "Passport Number": "Passport Details",
    "National Identification Number": "NI Number",
}
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
    if kind.startswith("primary name") or kind == "prime alias":
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
            path,
            Message(N_("unknown Group Type %(kind)s"), kind=repr(first["Group Type"])),
            line=line,
            field="Group Type",
        )
    entity = make(_SCHEMA[kind], f"{dataset}-{group_id}")
    names = sorted(rows, key=lambda item: _name_prop(item[1]) != "name")  # primary name first
    for _line, row in names:
        prop = _name_prop(row)
        put(entity, "alias" if prop == "name" and entity.has("name") else prop, _full_name(row))
        put(entity, "alias", row.get("Name Non-Latin Script"))
    if not entity.has("name"):
        # Some files (older ones, excerpts) hold only a.k.a. rows for a group: the first one
        # becomes the caption, and a note says the list gave no primary name.
        aliases = [a for prop in ("alias", "weakAlias", "previousName") for a in entity.get(prop)]
        if not aliases:
            raise ListLoadError(
                path,
                Message(N_("group %(id)s has no name"), id=group_id),
                line=line,
                field="Name 6",
            )
        put(entity, "name", aliases[0])
        put(entity, "notes", "No primary name in the list; caption taken from its first alias")
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
        for prop, column in (
            ("passportNumber", "Passport Number"),
            ("idNumber", "National Identification Number"),
        ):
            if column in row:
                for number in _numbered(row[column]):
                    put(entity, prop, number)
            elif row.get(_OLD_COLUMNS[column]):
                details = row[_OLD_COLUMNS[column]]
                put(entity, "notes", f"{_OLD_COLUMNS[column]}: {details}")
                for part in _numbered(details):
                    found = _DOCUMENT_NUMBER.search(part)
                    put(entity, prop, found.group(0) if found else None)
        for position in _numbered(row["Position"]):
            put(entity, "position", position)


def _check_layout(path: Path, line: int, row: dict[str, str]) -> None:
    """Refuse a header with neither the 2022 nor the older name of a required column."""
    for column, old in _OLD_COLUMNS.items():
        if column not in row and old not in row:
            raise ListLoadError(
                path,
                Message(
                    N_("missing column %(column)s (or %(old)s): not the expected format"),
                    column=column,
                    old=old,
                ),
                line=1,
            )


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Each designation (rows grouped by Group ID) as a Person, Organization or Vessel."""
    for path in expand_paths(paths, FILES):
        groups: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
        lines = dict_rows(
            path, required=REQUIRED, header_marker="Group ID", fallback_encoding="cp1252"
        )
        for line, row in lines:
            _check_layout(path, line, row)
            if not row["Group ID"]:
                raise ListLoadError(
                    path, Message(N_("row without Group ID")), line=line, field="Group ID"
                )
            groups[row["Group ID"]].append((line, row))
        for group_id, rows in groups.items():
            yield _entity(group_id, rows, path, dataset)


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The date on the file's leading ``Last Updated,dd/mm/yyyy`` line."""
    for path in expand_paths(paths, FILES):
        first = read_text(path, "cp1252").split("\n", 1)[0]
        match = re.match(r"\s*Last Updated\s*,\s*(\d{1,2}/\d{1,2}/\d{4})", first)
        if match:
            return datetime.strptime(match.group(1), "%d/%m/%Y")
    return None
