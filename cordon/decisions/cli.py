"""``cordon decisions list|export|import``: standing triage decisions from the command line."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cordon.decisions.model import list_decisions
from cordon.decisions.transfer import export_decisions, import_decisions
from cordon.i18n import N_, _, formatting, ngettext
from cordon.i18n.cli import error_label
from cordon.i18n.labels import status_label
from cordon.store import connect

console = Console()
errors = Console(stderr=True)
decisions_app = typer.Typer(
    help=N_("Standing triage decisions on (party as written, listed entity) pairs."),
    no_args_is_help=True,
)


@decisions_app.command("list")
def list_command(
    everything: bool = typer.Option(
        False, "--all", help=N_("The whole history, not only the decisions in force.")
    ),
) -> None:
    """Decisions in force (newest per pair, not withdrawn), oldest first."""
    conn = connect()
    try:
        decisions = list_decisions(conn, in_force_only=not everything)
    finally:
        conn.close()
    title = ngettext("%(count)s decision", "%(count)s decisions", len(decisions))
    table = Table(title=title % {"count": formatting.number(len(decisions))}, title_justify="left")
    for column in (_("decided"), _("Status"), _("party as written"), _("listed entity"),
                   _("analyst"), _("Note")):  # fmt: skip
        table.add_column(column)
    for d in decisions:
        table.add_row(d.decided_at.strftime("%Y-%m-%d %H:%M"), status_label(d.status), d.party_name,
                      f"{d.list} {d.entity_id}", d.analyst, d.note or "")  # fmt: skip
    console.print(table)


@decisions_app.command("export")
def export_command(
    out: Path = typer.Option(Path("decisions.csv"), "--out", help=N_("CSV file to write.")),
) -> None:
    """Write every decision (the whole history) to a CSV file."""
    conn = connect()
    try:
        count = export_decisions(conn, out)
    finally:
        conn.close()
    message = ngettext("%(count)s decision", "%(count)s decisions", count)
    errors.print(message % {"count": formatting.number(count)}, highlight=False)
    console.print(str(out.resolve()), highlight=False)


@decisions_app.command("import")
def import_command(
    path: Path = typer.Argument(
        ..., metavar="CSV", help=N_("A file written by `decisions export`.")
    ),
) -> None:
    """Add the decisions of a CSV not yet in the store and apply them to current alerts."""
    if not path.is_file():
        errors.print(
            f"[bold red]{error_label()}[/] " + _("%(file)s: no such file") % {"file": path},
            highlight=False,
        )
        raise typer.Exit(code=2)
    conn = connect()
    try:
        result = import_decisions(conn, path)
    finally:
        conn.close()
    changed = ngettext(
        "%(count)s alert changed status", "%(count)s alerts changed status", result.alerts_changed
    ) % {"count": formatting.number(result.alerts_changed)}
    counts = _("read %(read)s, added %(added)s, already present %(skipped)s") % {
        "read": formatting.number(result.read),
        "added": formatting.number(result.added),
        "skipped": formatting.number(result.skipped),
    }
    console.print(f"{counts}; {changed}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``cordon decisions`` to the top-level app."""
    app.add_typer(decisions_app, name="decisions")
