"""Commands of cordon.lists for the `cordon` CLI: ``cordon lists load|update|show|diff|export``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from cordon.lists import catalog
from cordon.lists.errors import ListLoadError
from cordon.lists.load import LoadResult, load_dataset
from cordon.store import connect

lists_app = typer.Typer(
    name="lists",
    help="Load, update, inspect, diff and export sanctions lists.",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)


@contextmanager
def _store() -> Iterator[duckdb.DuckDBPyConnection]:
    conn = connect()
    try:
        yield conn
    finally:
        conn.close()


def _fail(exc: Exception) -> typer.Exit:
    errors.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


def report_load(result: LoadResult) -> None:
    """One line per load for people: what is active now and what changed."""
    if result.unchanged:
        console.print(
            f"{result.dataset}: unchanged (same checksum {result.checksum[:12]}); "
            f"version {result.version} stays active with {result.entity_count:,} entities",
            highlight=False,
        )
        return
    before = (
        f" (was {result.previous_count:,} in {result.previous_version})"
        if result.previous_version
        else ""
    )
    console.print(
        f"[green]{result.dataset}[/]: loaded version {result.version}: "
        f"{result.entity_count:,} entities{before}, {result.name_count:,} names, "
        f"{result.link_count:,} links",
        highlight=False,
    )


@lists_app.command("load")
def load_command(
    paths: list[Path] = typer.Argument(..., help="Files or directories of one dataset."),
    dataset: str | None = typer.Option(
        None,
        "--dataset",
        "-d",
        help="Dataset name, e.g. us_ofac_sdn (FtM input: defaults to its own).",
    ),
    force: bool = typer.Option(
        False, "--force", help="Accept a version >10% smaller than the active one."
    ),
) -> None:
    """Load list files as a new version of DATASET (atomic; refuses broken or shrunken input)."""
    try:
        name = dataset or _ftm_dataset(paths)
        with _store() as conn, console.status(f"Loading {name}..."):
            result = load_dataset(conn, name, paths, force=force)
    except ListLoadError as exc:
        raise _fail(exc) from exc
    report_load(result)


def _ftm_dataset(paths: list[Path]) -> str:
    """The single dataset named by FtM input files, for ``load`` without ``--dataset``."""
    from cordon.lists import ftm

    names = ftm.dataset_names(paths)
    if len(names) != 1:
        found = ", ".join(names) or "none"
        raise ListLoadError(
            ", ".join(map(str, paths)), f"give --dataset (datasets named in the input: {found})"
        )
    return names[0]


@lists_app.command("show")
def show_command(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """The active version of every loaded dataset: counts, load and publication times, checksum."""
    with _store() as conn:
        active = catalog.active_versions(conn)
    if as_json:
        typer.echo(json.dumps([v.to_json() for v in active], indent=2))
        return
    table = Table(title="Loaded lists (active versions)")
    for column in (
        "dataset",
        "version",
        "entities",
        "names",
        "loaded at (UTC)",
        "published",
        "checksum",
    ):
        table.add_column(column, justify="right" if column in ("entities", "names") else "left")
    for v in active:
        table.add_row(
            v.dataset,
            v.version,
            f"{v.entity_count:,}",
            f"{v.name_count:,}",
            f"{v.loaded_at:%Y-%m-%d %H:%M:%S}",
            f"{v.published_at:%Y-%m-%d}" if v.published_at else "-",
            v.checksum[:12],
        )
    if not active:
        console.print("No lists loaded yet: try `cordon lists load --dataset us_ofac_sdn PATH`.")
        return
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the ``lists`` command group to the top-level app."""
    app.add_typer(lists_app, name="lists")
