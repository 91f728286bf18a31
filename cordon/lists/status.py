"""How old each list is, honestly: publication date, age in days and a stale flag.

The age counts from the publisher's stated publication date; a file that states none (the
legacy OFAC CSV, BIS, CSL, FtM exports) is at least as old as its load, so its age counts from
the load and says so (``age_basis``). A list older than ``Settings.list_stale_days`` (default 7,
``CORDON_LIST_STALE_DAYS``) is stale. The CLI (``lists show``), the report and the web app all
read it from here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from cordon.config import get_settings
from cordon.i18n import _, ngettext
from cordon.i18n.formatting import digits, number
from cordon.lists.catalog import ListVersion, active_versions, versions


@dataclass(frozen=True)
class ListStatus:
    """One list version's freshness as of a moment (``as_of``)."""

    dataset: str
    version: str
    published_at: datetime | None
    loaded_at: datetime
    age_days: int  # whole days since publication (else since load)
    age_basis: str  # "published" or "loaded"
    stale: bool
    stale_after_days: int

    def describe(self) -> str:
        """One line for people, in the current language: dataset, publication (or load) date,
        age and the stale flag."""
        if self.published_at:
            when = _("published %(date)s") % {"date": digits(f"{self.published_at:%Y-%m-%d}")}
        else:
            loaded = digits(f"{self.loaded_at:%Y-%m-%d}")
            when = _("publication date not stated, loaded %(date)s") % {"date": loaded}
        age = ngettext("%(count)s day old", "%(count)s days old", self.age_days)
        flag = (
            _(" - STALE (older than %(days)s days)") % {"days": number(self.stale_after_days)}
            if self.stale
            else ""
        )
        return _("%(dataset)s %(when)s, %(age)s%(flag)s") % {
            "dataset": self.dataset, "when": when, "flag": flag,
            "age": age % {"count": number(self.age_days)},
        }  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """The fields ``lists show --json`` adds to each version."""
        return {
            "age_days": self.age_days,
            "age_basis": self.age_basis,
            "stale": self.stale,
            "stale_after_days": self.stale_after_days,
        }


def status_of(
    version: ListVersion, as_of: datetime | None = None, stale_days: int | None = None
) -> ListStatus:
    """The freshness of ``version`` at ``as_of`` (default now, UTC)."""
    now = as_of or datetime.now(UTC).replace(tzinfo=None)
    limit = stale_days if stale_days is not None else get_settings().list_stale_days
    since = version.published_at or version.loaded_at
    age = max(0, (now - since).days)
    return ListStatus(
        dataset=version.dataset,
        version=version.version,
        published_at=version.published_at,
        loaded_at=version.loaded_at,
        age_days=age,
        age_basis="published" if version.published_at else "loaded",
        stale=age > limit,
        stale_after_days=limit,
    )


def list_statuses(
    conn: duckdb.DuckDBPyConnection,
    used: Mapping[str, str] | None = None,
    as_of: datetime | None = None,
) -> list[ListStatus]:
    """Status of the active lists, or of the ``{dataset: version}`` a run used, by dataset.

    Versions a run used that are no longer stored are left out (they were pruned or removed).
    """
    if used is None:
        chosen = active_versions(conn)
    else:
        chosen = [v for v in versions(conn) if used.get(v.dataset) == v.version]
    stale_days = get_settings().list_stale_days
    return [status_of(v, as_of, stale_days) for v in chosen]


def run_list_statuses(conn: duckdb.DuckDBPyConnection, run_id: str) -> list[ListStatus]:
    """Status of the list versions a screening run used, as of the run's start."""
    row = conn.execute("SELECT lists, started_at FROM runs WHERE run_id = ?", [run_id]).fetchone()
    if row is None or not row[0]:
        return []
    used = json.loads(row[0]) if isinstance(row[0], str) else dict(row[0])
    return list_statuses(conn, {str(k): str(v) for k, v in used.items()}, as_of=row[1])
