"""``cordon rescreen``: the stored shipments that hit designations added since their screening."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cordon.i18n import _, formatting
from cordon.rescreen.run import rescreen
from cordon.screen.cli import progress_bar
from cordon.store import connect

console = Console()


def rescreen_command(
    since: str | None = typer.Option(
        None, "--since", metavar="VERSION",
        help="Compare from this list version (default: the versions each run used).",
    ),
    out: Path = typer.Option(Path("rescreen"), "--out", help="Output folder."),
    runs: str | None = typer.Option(
        None, "--runs", help="Comma-separated run ids (default: every finished run)."
    ),
    threshold: float | None = typer.Option(
        None, "--threshold", min=0.0, max=1.0, help="Party-match threshold (default: each run's)."
    ),
) -> None:
    """Re-match stored runs' parties against designations added or changed since their lists."""
    selected = [r.strip() for r in runs.split(",") if r.strip()] if runs else None
    conn = connect()
    try:
        with progress_bar("re-screening stored runs") as report:
            result = rescreen(conn, out, since=since, runs=selected, threshold=threshold,
                              progress=report)  # fmt: skip
        shipments = _shipments(conn, result.run_id) if result.run_id else []
    finally:
        conn.close()
    counts = {"runs": len(result.source_runs), "designations": result.designations,
              "parties": result.parties, "records": result.records}  # fmt: skip
    console.print(
        _("%(runs)s run(s) examined, %(designations)s new or changed designation(s), "
          "%(parties)s distinct parties matched: %(records)s shipment(s) with a new party match")
        % {key: formatting.number(value) for key, value in counts.items()},
        highlight=False,
    )  # fmt: skip
    if result.run_id is None:
        return
    if shipments:
        table = Table(title=_("New hits (run %(run)s)") % {"run": result.run_id},
                      title_justify="left")  # fmt: skip
        for column in (_("record"), _("date"), _("party as written"),
                       _("≈ listed entity (list, score)"), _("risk")):  # fmt: skip
            table.add_column(column)
        for row in shipments:
            table.add_row(*row)
        console.print(table)
    for label, name in ((_("alerts"), "alerts.jsonl"), (_("summary"), "summary.json")):
        console.print(f"{label:>8}: {(out / name).resolve()}", highlight=False)


def _shipments(conn: object, run_id: str, limit: int = 50) -> list[tuple[str, ...]]:
    """The first ``limit`` hits for the terminal: record, date, party, new match, risk."""
    rows = conn.execute(  # type: ignore[attr-defined]
        """
        SELECT a.record_id, coalesce(CAST(r.date AS VARCHAR), ''),
               CASE x->>'role' WHEN 'exporter' THEN r.exporter_name ELSE r.importer_name END,
               concat('≈ ', x->>'matched_name', ' (', x->>'list', ' ', x->>'entity_id', ', ',
                      printf('%.2f', CAST(x->>'score' AS DOUBLE)), ')'),
               printf('%.2f', a.risk)
        FROM alerts a JOIN records r USING (run_id, record_id),
             LATERAL (SELECT CAST(json_extract(a.reasons, '$[0]') AS JSON) AS x)
        WHERE a.run_id = ? ORDER BY a.risk DESC, a.record_id LIMIT ?
        """,
        [run_id, limit],
    ).fetchall()
    return [tuple(str(v) for v in row) for row in rows]


def register(app: typer.Typer) -> None:
    """Add ``cordon rescreen`` to the top-level app."""
    app.command("rescreen")(rescreen_command)
