"""``cordon decisions list|export|import``: standing triage decisions from the command line."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cordon.decisions.model import list_decisions
from cordon.decisions.transfer import export_decisions, import_decisions
from cordon.i18n import _, formatting
from cordon.store import connect

console = Console()
errors = Console(stderr=True)
decisions_app = typer.Typer(
    help="Standing triage decisions on (party as written, listed entity) pairs.",
    no_args_is_help=True,
)


@decisions_app.command("list")
def list_command(
    everything: bool = typer.Option(
        False, "--all", help="The whole history, not only the decisions in force."
    ),
) -> None:
    """Decisions in force (newest per pair, not withdrawn), oldest first."""
    conn = connect()
    try:
        decisions = list_decisions(conn, in_force_only=not everything)
    finally:
        conn.close()
    title = _("%(count)s decision(s)") % {"count": formatting.number(len(decisions))}
    table = Table(title=title, title_justify="left")
    for column in (_("decided"), _("status"), _("party as written"), _("listed entity"),
                   _("analyst"), _("note")):  # fmt: skip
        table.add_column(column)
    for d in decisions:
        table.add_row(d.decided_at.strftime("%Y-%m-%d %H:%M"), d.status, d.party_name,
                      f"{d.list} {d.entity_id}", d.analyst, d.note or "")  # fmt: skip
    console.print(table)


@decisions_app.command("export")
def export_command(
    out: Path = typer.Option(Path("decisions.csv"), "--out", help="CSV file to write."),
) -> None:
    """Write every decision (the whole history) to a CSV file."""
    conn = connect()
    try:
        count = export_decisions(conn, out)
    finally:
        conn.close()
    errors.print(_("%(count)s decision(s)") % {"count": formatting.number(count)}, highlight=False)
    console.print(str(out.resolve()), highlight=False)


@decisions_app.command("import")
def import_command(
    path: Path = typer.Argument(..., metavar="CSV", help="A file written by `decisions export`."),
) -> None:
    """Add the decisions of a CSV not yet in the store and apply them to current alerts."""
    if not path.is_file():
        errors.print(f"[bold red]{_('error:')}[/] {path}: {_('no such file')}", highlight=False)
        raise typer.Exit(code=2)
    conn = connect()
    try:
        result = import_decisions(conn, path)
    finally:
        conn.close()
    counts = {"read": result.read, "added": result.added, "skipped": result.skipped,
              "changed": result.alerts_changed}  # fmt: skip
    console.print(
        _("read %(read)s, added %(added)s, already present %(skipped)s; "
          "%(changed)s alert(s) changed status")
        % {key: formatting.number(value) for key, value in counts.items()},
        highlight=False,
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``cordon decisions`` to the top-level app."""
    app.add_typer(decisions_app, name="decisions")
