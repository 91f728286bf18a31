"""The US BIS Denied Persons List (tab-separated with a header) as FtM LegalEntity records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy

from cordon.i18n import N_, Message
from cordon.lists.build import make, merge_into, put, stable_id
from cordon.lists.errors import ListLoadError
from cordon.lists.source import dict_rows, expand_paths

FILES = None
COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
PROGRAM = "Denied Persons List (DPL) - Bureau of Industry and Security"


def _entity(row: dict[str, str], dataset: str) -> EntityProxy:
    """One denial order row; the DPL has no ids, so the id hashes name, address and date."""
    key = stable_id(*(row[c] for c in COLUMNS[:7]))
    entity = make("LegalEntity", f"{dataset}-{key}")
    put(entity, "name", row["Name"])
    address = ", ".join(
        row[c] for c in ("Street_Address", "City", "State", "Postal_Code", "Country") if row[c]
    )
    put(entity, "address", address)
    put(entity, "country", row["Country"])
    put(entity, "topics", "export.control")
    put(entity, "program", PROGRAM)
    put(entity, "createdAt", _us_date(row["Effective_Date"]))
    put(entity, "modifiedAt", row["Last_Update"])
    if row["Expiration_Date"]:
        put(entity, "notes", f"Order expires {row['Expiration_Date']}")
    put(
        entity,
        "notes",
        f"{row['Action']}: {row['FR_Citation']}" if row["FR_Citation"] else row["Action"],
    )
    return entity


def _us_date(value: str) -> str | None:
    """``06/19/2003`` -> ``2003-06-19``."""
    try:
        return datetime.strptime(value, "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every denial order; repeated identical rows are merged into one entity."""
    entities: dict[str, EntityProxy] = {}
    for path in expand_paths(paths, FILES):
        for line, row in dict_rows(path, required=COLUMNS, delimiter="\t"):
            if not row["Name"]:
                raise ListLoadError(
                    path, Message(N_("row without a name")), line=line, field="Name"
                )
            merge_into(entities, _entity(row, dataset))
    yield from entities.values()


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The DPL file states no publication date."""
    return None
