"""``cordon rescreen``: the stored shipments that hit designations added since their screening."""

from __future__ import annotations

from pathlib import Path

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from cordon.i18n import N_, _, formatting, ngettext
from cordon.rescreen.run import rescreen
from cordon.screen.cli import progress_bar
from cordon.screen.run_store import alerted_records
from cordon.store import connect

console = Console()


def rescreen_command(
    since: str | None = typer.Option(
        None, "--since", metavar="VERSION",
        help=N_("Compare from this list version (default: the versions each run used)."),
    ),
    out: Path = typer.Option(Path("rescreen"), "--out", help=N_("Output folder.")),
    runs: str | None = typer.Option(
        None, "--runs", help=N_("Comma-separated run ids (default: every finished run).")
    ),
    threshold: float | None = typer.Option(
        None, "--threshold", min=0.0, max=1.0,
        help=N_("Party-match threshold (default: each run's)."),
    ),
) -> None:
    """Re-match stored runs' parties against designations added or changed since their lists."""
    selected = [r.strip() for r in runs.split(",") if r.strip()] if runs else None
    conn = connect()
    try:
        with progress_bar(_("re-screening stored runs")) as report:
            result = rescreen(conn, out, since=since, runs=selected, threshold=threshold,
                              progress=report)  # fmt: skip
        shipments = _shipments(conn, result.run_id) if result.run_id else []
    finally:
        conn.close()
    number = formatting.number
    parts = (
        ngettext("%(count)s run examined", "%(count)s runs examined", len(result.source_runs))
        % {"count": number(len(result.source_runs))},
        ngettext("%(count)s new or changed designation", "%(count)s new or changed designations",
                 result.designations) % {"count": number(result.designations)},
        ngettext("%(count)s distinct party matched", "%(count)s distinct parties matched",
                 result.parties) % {"count": number(result.parties)},
    )
    hits = ngettext("%(count)s shipment with a new party match",
                    "%(count)s shipments with a new party match", result.records)
    found = hits % {"count": number(result.records)}
    console.print(f"{formatting.join(parts)}: {found}", highlight=False)
    if result.run_id is None:
        return
    if shipments:
        title = _("New hits (run %(run)s)") % {"run": result.run_id}
        table = Table(title=title, title_justify="left")
        for column in (_("Record"), _("Date"), _("party as written"),
                       _("≈ listed entity (list, score)"), _("Risk")):  # fmt: skip
            table.add_column(column)
        for row in shipments:
            table.add_row(*row)
        console.print(table)
    for label, name in ((_("alerts"), "alerts.jsonl"), (_("summary"), "summary.json")):
        console.print(f"{label:>8}: {(out / name).resolve()}", highlight=False)


def _shipments(
    conn: duckdb.DuckDBPyConnection, run_id: str, limit: int = 50
) -> list[tuple[str, ...]]:
    """The first ``limit`` hits for the terminal: record, date, party, new match, risk."""
    x = "CAST(json_extract(a.reasons, '$[0]') AS JSON)"  # the new match comes first
    columns = f"""
        a.record_id, coalesce(CAST(r.date AS VARCHAR), ''),
        CASE {x}->>'role' WHEN 'exporter' THEN r.exporter_name ELSE r.importer_name END,
        concat('≈ ', {x}->>'matched_name', ' (', {x}->>'list', ' ', {x}->>'entity_id', ', ',
               printf('%.2f', CAST({x}->>'score' AS DOUBLE)), ')'),
        printf('%.2f', a.risk)
    """
    rows = alerted_records(conn, run_id, columns, order="a.risk DESC, a.record_id", limit=limit)
    return [tuple(str(v) for v in row) for row in rows]


def register(app: typer.Typer) -> None:
    """Add ``cordon rescreen`` to the top-level app."""
    app.command("rescreen")(rescreen_command)
