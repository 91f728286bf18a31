"""Commands of cordon.analytics for the `cordon` CLI: ``cordon report`` and ``cordon export``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from cordon.analytics.errors import AnalyticsError
from cordon.analytics.export import ExportFormat, export_table
from cordon.analytics.flows import TABLES
from cordon.analytics.report import build_report
from cordon.i18n import N_, Items, formatting, ngettext, use_language
from cordon.i18n.cli import cli_language, error_label, help_text, languages_help
from cordon.store import connect

_err = Console(stderr=True)


def report(
    run: str | None = typer.Argument(
        None, help=N_("Run id; the latest finished run when omitted.")
    ),
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help=N_("HTML file to write.")),
    lang: str | None = typer.Option(
        None,
        "--lang",
        "-l",
        help=languages_help(N_("Report language: %(languages)s (default: CORDON_LANG, en).")),
    ),
    digits: str | None = typer.Option(
        None, "--digits", help=N_("latn: Latin digits in Arabic (default: CORDON_DIGITS).")
    ),
    partial: bool = typer.Option(
        False, "--partial", help=N_("Report a running or failed run anyway, watermarked PARTIAL.")
    ),
    link_to: str | None = typer.Option(
        None, "--link-to", metavar="URL",
        help=N_(
            "Link each party of the tables to its page in the web app at URL "
            "(e.g. http://127.0.0.1:8000); by default the file links nowhere."
        ),
    ),
) -> None:
    """Write the self-contained HTML flow report of a screening run and print its path."""
    language = cli_language(lang, digits)
    links = f"{link_to.rstrip('/')}/ui/party" if link_to else None
    with use_language(language):
        try:
            with connect() as conn:
                path = build_report(conn, run, out, language, partial=partial, party_links=links)
        except AnalyticsError as exc:
            _err.print(f"[red]{error_label()}[/red] {escape(exc.localized)}", highlight=False)
            raise typer.Exit(1) from None
    typer.echo(str(path.resolve()))


def export(
    run: str = typer.Argument(..., help=N_("Run id (see `cordon report` for the latest).")),
    table: str = typer.Option(
        ...,
        "--table",
        "-t",
        help=help_text(N_("One of: %(tables)s."), tables=Items(TABLES)),
    ),
    fmt: ExportFormat = typer.Option(
        ExportFormat.CSV, "--format", "-f", help=N_("csv or parquet.")
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help=N_("File to write (default: RUN-TABLE.FORMAT here).")
    ),
    partial: bool = typer.Option(
        False, "--partial", help=N_("Export from a running or failed run anyway (partial rows).")
    ),
) -> None:
    """Export one report table of a run as CSV or Parquet and print the path written."""
    try:
        with connect() as conn:
            path, rows = export_table(conn, run, table, fmt, out, partial)
    except AnalyticsError as exc:
        _err.print(f"[red]{error_label()}[/red] {escape(exc.localized)}", highlight=False)
        raise typer.Exit(1) from None
    _err.print(
        ngettext("%(count)s row of %(table)s written", "%(count)s rows of %(table)s written", rows)
        % {"count": formatting.number(rows), "table": f"[bold]{table}[/bold]"}
    )
    typer.echo(str(path.resolve()))


def register(app: typer.Typer) -> None:
    """Add this package's commands to the top-level app."""
    app.command("report")(report)
    app.command("export")(export)
