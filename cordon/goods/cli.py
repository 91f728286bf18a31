"""Commands of cordon.goods: ``cordon data update|load|status`` for the HS 2022 nomenclature and
``cordon hs CODE`` to classify one code."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cordon.config import get_settings
from cordon.goods.categories import story_category
from cordon.goods.chpl import chpl_item
from cordon.goods.descriptions import description_conflict
from cordon.goods.hs import hs_heading, normalize_hs
from cordon.goods.nomenclature import (
    DEFAULT_BASE_URL,
    LoadResult,
    describe,
    download_nomenclature,
    load_nomenclature,
    nomenclature_status,
)
from cordon.i18n import N_
from cordon.i18n.cli import error_label, help_text
from cordon.records.errors import InputError
from cordon.settings import HS_BASE_URL
from cordon.store import connect

data_app = typer.Typer(help=N_("Reference data: the HS 2022 nomenclature."), no_args_is_help=True)
console = Console()
progress_console = Console(stderr=True)  # spinners never mix with --json output


def _load_and_report(path: Path, source: str | None, as_json: bool) -> None:
    """Load ``path`` into the store and print what was loaded; exit 1 if it is invalid."""
    try:
        conn = connect()
        try:
            result = load_nomenclature(conn, path, source=source)
        finally:
            conn.close()
    except InputError as error:
        console.print(f"[red]{error_label()}[/red] {escape(error.localized)}", highlight=False)
        raise typer.Exit(1) from error
    _report(result, as_json)


def _report(result: LoadResult, as_json: bool) -> None:
    if as_json:
        typer.echo(
            json.dumps(
                {"source": result.source, "codes": result.codes, "subheadings": result.subheadings}
            )
        )
    else:
        console.print(
            f"Loaded {result.codes:,} HS 2022 codes ({result.subheadings:,} subheadings) "
            f"from {result.source}"
        )


@data_app.command("update")
def update(
    base_url: str = typer.Option(
        None,
        "--base-url",
        help=help_text(
            N_("Where harmonized-system.csv is published (default %(url)s, or $%(env)s)."),
            url=DEFAULT_BASE_URL,
            env=HS_BASE_URL.name,
        ),
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Print the result as JSON.")),
) -> None:
    """Download the HS 2022 nomenclature from its publisher and load it into the store."""
    url = base_url or HS_BASE_URL.raw() or DEFAULT_BASE_URL
    try:
        with progress_console.status(f"Downloading {url}"):
            path = download_nomenclature(get_settings().data_dir / "hs", url)
    except InputError as error:
        console.print(f"[red]{error_label()}[/red] {escape(error.localized)}", highlight=False)
        raise typer.Exit(1) from error
    _load_and_report(path, url.rstrip("/") + "/" + path.name, as_json)


@data_app.command("load")
def load(
    path: Path = typer.Argument(
        ..., help=N_("A harmonized-system.csv file (section,hscode,description,parent,level).")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Print the result as JSON.")),
) -> None:
    """Load an HS 2022 nomenclature CSV you already have into the store."""
    _load_and_report(path, None, as_json)


@data_app.command("status")
def status(
    as_json: bool = typer.Option(False, "--json", help=N_("Print the result as JSON.")),
) -> None:
    """Show what nomenclature the store holds."""
    conn = connect()
    try:
        codes, source, loaded_at = nomenclature_status(conn)
    finally:
        conn.close()
    if as_json:
        typer.echo(
            json.dumps(
                {"codes": codes, "source": source, "loaded_at": loaded_at and loaded_at.isoformat()}
            )
        )
    elif codes:
        console.print(
            f"{codes:,} HS 2022 codes from {source}, loaded {loaded_at:%Y-%m-%d %H:%M} UTC"
        )
    else:
        console.print(
            "No HS nomenclature loaded: run `cordon data update` or `cordon data load PATH`."
        )


def hs(
    code: str = typer.Argument(
        ..., help=N_("A declared HS code: 2 to 10 digits, dots and spaces allowed.")
    ),
    description: str = typer.Option(
        None, "--description", "-d", help=N_("The goods description, to check it against the code.")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Print the result as JSON.")),
) -> None:
    """Classify one HS code: HS6, heading, description, CHPL tier, story category, conflicts."""
    hs6 = normalize_hs(code)
    item = chpl_item(hs6)
    conn = connect()
    try:
        text = describe(conn, hs6 or hs_heading(code) or code)
    finally:
        conn.close()
    result = {
        "code": code,
        "hs6": hs6,
        "heading": hs_heading(code),
        "description": text,
        "chpl_tier": item.tier if item else None,
        "chpl_label": item.label if item else None,
        "category": story_category(hs6 or hs_heading(code), description),
        "description_conflict": description_conflict(hs6 or hs_heading(code), description),
    }
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    table = Table(show_header=False)
    for key, value in result.items():
        table.add_row(key, "" if value is None else str(value))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add this package's commands to the top-level app."""
    app.add_typer(data_app, name="data")
    app.command("hs")(hs)
