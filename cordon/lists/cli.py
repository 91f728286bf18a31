"""Commands of cordon.lists for the `cordon` CLI: ``cordon lists load|update|show|remove|diff|
export``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn
from rich.table import Table

from cordon.errors import UsageError
from cordon.i18n import N_
from cordon.lists import catalog
from cordon.lists.errors import ListLoadError
from cordon.lists.load import LoadResult, load_dataset
from cordon.store import connect

lists_app = typer.Typer(
    name="lists",
    help=N_("Load, update, inspect, diff and export sanctions lists."),
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


def _force_option() -> bool:
    """``--force`` of the commands that load a version (``load``, ``update``)."""
    return typer.Option(
        False,
        "--force",
        help=N_("Accept a version with a tenth fewer entities than the active one, or more."),
    )


def _rescreen_option() -> Path | None:
    """``--rescreen DIR`` of the commands that load a version (``load``, ``update``)."""
    return typer.Option(
        None,
        "--rescreen",
        metavar="DIR",
        help=N_("Then re-screen the stored runs against what changed (cordon rescreen --out DIR)."),
    )


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
        f"{result.link_count:,} links"
        + (f"; published {result.published_at:%Y-%m-%d}" if result.published_at else ""),
        highlight=False,
    )


@lists_app.command("load")
def load_command(
    paths: list[Path] = typer.Argument(..., help=N_("Files or directories of one dataset.")),
    dataset: str | None = typer.Option(
        None,
        "--dataset",
        "-d",
        help=N_("Dataset name, e.g. us_ofac_sdn (FtM input: defaults to its own)."),
    ),
    force: bool = _force_option(),
    rescreen: Path | None = _rescreen_option(),
) -> None:
    """Load list files as a new version of DATASET (atomic; refuses broken or shrunken input)."""
    if dataset is not None:
        check_dataset_name(dataset, paths)
    try:
        name = dataset or _ftm_dataset(paths)
        with _store() as conn, console.status(f"Loading {name}..."):
            result = load_dataset(conn, name, paths, force=force)
    except ListLoadError as exc:
        raise _fail(exc) from exc
    report_load(result)
    _then_rescreen(rescreen)


def _then_rescreen(out: Path | None) -> None:
    """``--rescreen DIR``: re-screen the stored runs after a load or an update."""
    if out is not None:
        from cordon.rescreen.cli import rescreen_command

        rescreen_command(since=None, out=out, runs=None, threshold=None)


def check_dataset_name(dataset: str, paths: list[Path] | None = None) -> None:
    """Refuse (exit 2, before any file is read) a dataset name cordon has no parser for.

    Any name is accepted for FtM JSON-lines input (its entities name their own datasets).
    """
    from cordon.lists.registry import DATASETS, FTM_SUFFIXES

    if dataset in DATASETS:
        return
    if paths and all(p.name.lower().endswith(FTM_SUFFIXES) for p in paths):
        return
    raise UsageError(
        f"unknown dataset {dataset!r}; valid names: {', '.join(DATASETS)} "
        "(any name for FtM .json/.jsonl/.ndjson/.ftm files)"
    )


def _ftm_dataset(paths: list[Path]) -> str:
    """The single dataset named by FtM input files, for ``load`` without ``--dataset``."""
    from cordon.lists import ftm
    from cordon.lists.registry import DATASETS, FTM_SUFFIXES

    if not all(p.name.lower().endswith(FTM_SUFFIXES) for p in paths):
        known = ", ".join(name for name in DATASETS if DATASETS[name].downloads)
        raise ListLoadError(
            ", ".join(map(str, paths)),
            f"give --dataset ({known}); only FtM JSON lines name their own dataset",
        )
    names = ftm.dataset_names(paths)
    if len(names) != 1:
        found = ", ".join(names) or "none"
        raise ListLoadError(
            ", ".join(map(str, paths)), f"give --dataset (datasets named in the input: {found})"
        )
    return names[0]


@lists_app.command("show")
def show_command(
    as_json: bool = typer.Option(False, "--json", help=N_("Print JSON instead of a table.")),
) -> None:
    """The active version of every loaded dataset: counts, publication date, age, staleness."""
    from cordon.lists.status import status_of

    with _store() as conn:
        active = catalog.active_versions(conn)
    statuses = [status_of(v) for v in active]
    if as_json:
        typer.echo(
            json.dumps(
                [v.to_json() | s.to_json() for v, s in zip(active, statuses, strict=True)],
                indent=2,
            )
        )
        return
    if not active:
        console.print("No lists loaded yet: try `cordon lists load --dataset us_ofac_sdn PATH`.")
        return
    table = Table(
        title="Loaded lists (active versions)",
        caption="age: days since publication (* since load: the file states no date); "
        "checksum: sha256 prefix (full value with --json)",
        box=box.SIMPLE_HEAD,
    )
    widest = max(len(v.dataset) for v in active)
    table.add_column("dataset", no_wrap=True, min_width=widest)
    table.add_column("version", overflow="fold")
    for column in ("entities", "names"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("loaded (UTC)")
    table.add_column("published", no_wrap=True)
    table.add_column("age (days)", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("checksum", no_wrap=True)
    for v, status in zip(active, statuses, strict=True):
        table.add_row(
            v.dataset,
            v.version,
            f"{v.entity_count:,}",
            f"{v.name_count:,}",
            f"{v.loaded_at:%Y-%m-%d %H:%M}",
            f"{v.published_at:%Y-%m-%d}" if v.published_at else "-",
            f"{status.age_days:,}" + ("" if status.age_basis == "published" else "*"),
            "[bold red]STALE[/]" if status.stale else "[green]current[/]",
            v.checksum[:8],
        )
    console.print(table)
    stale = [s for s in statuses if s.stale]
    if stale:
        errors.print(
            f"[bold yellow]warning:[/] {len(stale)} list(s) older than "
            f"{stale[0].stale_after_days} days (CORDON_LIST_STALE_DAYS): "
            + "; ".join(s.describe() for s in stale)
            + ". Run `cordon lists update`.",
            highlight=False,
            soft_wrap=True,
        )


@lists_app.command("remove")
def remove_command(
    dataset: str = typer.Argument(..., help=N_("Dataset to remove, e.g. cordon_sample.")),
    note: str | None = typer.Option(None, "--note", help=N_("Why (kept in the audit log).")),
) -> None:
    """Remove every version of DATASET from the store; the removal is recorded (list_events)."""
    from cordon.lists.remove import remove_dataset

    with _store() as conn:
        result = remove_dataset(conn, dataset, note)
    count = f"{result.entity_count:,} entities" if result.entity_count is not None else "no active"
    console.print(
        f"{dataset}: removed {result.versions} version(s) ({count} no longer screened); "
        f"recorded in list_events by {result.actor} at {result.at:%Y-%m-%d %H:%M:%S} UTC",
        highlight=False,
    )


@lists_app.command("update")
def update_command(
    datasets: list[str] = typer.Argument(
        None, help=N_("Datasets to update (default: every known publisher).")
    ),
    mirror: str | None = typer.Option(
        None,
        "--mirror",
        help=N_("Base URL serving <dataset>/<file> instead of publishers (or CORDON_LIST_MIRROR)."),
    ),
    force: bool = _force_option(),
    rescreen: Path | None = _rescreen_option(),
) -> None:
    """Download the publishers' current files over HTTPS, verify and load them."""
    from cordon.lists.update import downloadable, update_many

    for name in datasets or ():
        if name not in downloadable():
            raise UsageError(
                f"unknown dataset {name!r} for update; valid names: {', '.join(downloadable())}"
            )
    names = datasets or downloadable()
    with (
        _store() as conn,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            console=console,
            transient=True,
        ) as bar,
    ):
        tasks: dict[str, TaskID] = {}

        def on_progress(url: str, done: int, total: int | None) -> None:
            if url not in tasks:
                tasks[url] = bar.add_task(url.rsplit("/", 1)[-1][:40], total=total)
            bar.update(tasks[url], completed=done)

        results = update_many(conn, names, mirror=mirror, force=force, progress=on_progress)
    failed = False
    for dataset, result in results.items():
        if isinstance(result, ListLoadError):
            failed = True
            errors.print(
                f"[bold red]{dataset}: not updated[/] - {result}", highlight=False, soft_wrap=True
            )
        else:
            report_load(result)
    _then_rescreen(rescreen)
    if failed:
        errors.print("The previous version of each failed dataset stays active.")
        raise typer.Exit(code=1)


@lists_app.command("diff")
def diff_command(
    dataset: str = typer.Argument(..., help=N_("Dataset name, e.g. us_ofac_sdn.")),
    old: str | None = typer.Argument(
        None, help=N_("Older version (default: the one before the active).")
    ),
    new: str | None = typer.Argument(None, help=N_("Newer version (default: the active one).")),
    as_json: bool = typer.Option(False, "--json", help=N_("Print JSON instead of tables.")),
) -> None:
    """Designations added, removed and changed between two versions of DATASET."""
    from cordon.lists.diff import diff_versions

    try:
        with _store() as conn:
            result = diff_versions(conn, dataset, old, new)
    except ListLoadError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    console.print(
        f"{dataset}: {result.old_version} -> {result.new_version}: "
        f"[green]{len(result.added)} added[/], [red]{len(result.removed)} removed[/], "
        f"[yellow]{len(result.changed)} changed[/]"
    )
    for title, refs in (("Added", result.added), ("Removed", result.removed)):
        if refs:
            table = Table(title=f"{title} designations")
            for column in ("list id", "schema", "name"):
                table.add_column(column)
            for ref in refs:
                table.add_row(ref.source_id, ref.schema, ref.caption)
            console.print(table)
    if result.changed:
        table = Table(title="Changed designations")
        for column in ("list id", "name", "changed properties"):
            table.add_column(column)
        for change in result.changed:
            table.add_row(change.entity.source_id, change.entity.caption, ", ".join(change.changes))
        console.print(table)


@lists_app.command("export")
def export_command(
    dataset: str = typer.Argument(..., help=N_("Dataset name, e.g. us_ofac_sdn.")),
    fmt: str = typer.Option(
        "ftm", "--format", help=N_("Output format (only 'ftm': FtM JSON lines).")
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help=N_("Write to this file instead of stdout.")
    ),
    version: str | None = typer.Option(
        None, "--version", help=N_("Version to export (default: active).")
    ),
) -> None:
    """Write DATASET's entities as FollowTheMoney JSON lines."""
    from cordon.lists.export import export_ftm

    if fmt != "ftm":
        raise _fail(ValueError(f"unsupported format {fmt!r}; only 'ftm' is available"))
    try:
        with _store() as conn:
            if out is None:
                export_ftm(conn, dataset, sys.stdout, version)
                return
            with out.open("w", encoding="utf-8") as fh:
                count = export_ftm(conn, dataset, fh, version)
    except ListLoadError as exc:
        raise _fail(exc) from exc
    errors.print(f"{dataset}: wrote {count:,} entities to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``lists`` command group to the top-level app."""
    app.add_typer(lists_app, name="lists")
