"""Who reads the store, checked on the source: SQL naming a store table outside its readers fails.

Each table belongs to a store concept (runs, records, alerts, triage audit, decisions, list
versions and entities, uploads); the modules below are the ones that query it today. A new module
with its own ``FROM alerts`` (or JOIN / INTO / UPDATE) fails here: read the concept through one of
its readers (``lists/catalog.py`` for the entities of active list versions,
``screen/run_store.py`` for a run's records and alerts — an alert beside its record, alert
statuses —, ``api/queries.py`` for runs and alerts as the API's listings show them,
``decisions/model.py`` for decisions, …) or, when a new reader is really needed, add it here so
the list stays the truth. The lists are meant
to shrink (see docs/architecture.md, "Who reads the store"); never grow them to silence the test.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cordon"
# table -> the modules that may name it in SQL (relative to cordon/).
READERS: dict[str, frozenset[str]] = {
    "runs": frozenset({
        "store.py", "api/queries.py", "api/jobs.py", "api/changes.py", "analytics/flows.py",
        "decisions/apply.py", "lists/status.py", "rescreen/run.py", "screen/persist.py",
    }),
    "records": frozenset({
        "store.py", "screen/run_store.py", "analytics/flows.py",
        "screen/alerts.py", "screen/persist.py",
    }),
    "alerts": frozenset({
        "store.py", "screen/run_store.py", "analytics/flows.py",
        "screen/persist.py",
    }),
    "alert_events": frozenset({
        "api/queries.py", "api/bulk.py", "api/triage.py", "decisions/apply.py",
    }),
    "decisions": frozenset({
        "decisions/model.py", "decisions/apply.py", "decisions/transfer.py", "api/queries.py",
        "api/party.py",
    }),
    "list_versions": frozenset({
        "lists/catalog.py", "lists/load.py", "lists/diff.py", "rescreen/changes.py",
        "analytics/flows.py", "api/changes.py",
    }),
    "entities": frozenset({
        "lists/catalog.py", "lists/load.py", "lists/diff.py", "lists/export.py",
        "names/index_store.py", "rescreen/changes.py", "decisions/apply.py",
    }),
    "uploads": frozenset({"api/queries.py", "api/jobs.py", "analytics/flows.py"}),
    "list_events": frozenset({"lists/remove.py"}),
}  # fmt: skip
_SQL = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE)\s+(" + "|".join(READERS) + r")\b", re.IGNORECASE)


def _tables_named(path: Path) -> set[str]:
    """The store tables named after FROM/JOIN/INTO/UPDATE in ``path``'s string literals.

    Each literal (each literal part of an f-string) is scanned on its own: joined together,
    the words of unrelated strings ("… from", "alerts …") made SQL that no module runs.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        table.lower()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        for table in _SQL.findall(node.value)
    }


def _actual_readers() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        for table in _tables_named(path):
            found[table].add(str(path.relative_to(PACKAGE)))
    return found


def test_no_module_outside_a_tables_readers_queries_it() -> None:
    actual = _actual_readers()
    strays = {t: sorted(actual[t] - READERS[t]) for t in READERS if actual[t] - READERS[t]}
    assert not strays, f"ad-hoc SQL on store tables; read them through their readers: {strays}"


def test_the_reader_lists_name_only_modules_that_still_query_the_table() -> None:
    """A module that stopped querying a table leaves its list (the lists only shrink)."""
    actual = _actual_readers()
    stale = {t: sorted(READERS[t] - actual[t]) for t in READERS if READERS[t] - actual[t]}
    assert not stale, f"remove from READERS: {stale}"


def test_the_scan_sees_sql_in_plain_and_formatted_strings(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('Q = "SELECT 1 FROM alerts a"\nR = f"x JOIN records r ON {1}"\n')
    assert _tables_named(module) == {"alerts", "records"}


def test_the_scan_does_not_join_unrelated_strings(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('A = _("%(n)s rows from")\nB = "alerts today"\n')
    assert _tables_named(module) == set()
