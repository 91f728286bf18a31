"""Commands of cordon.lists for the `cordon` CLI: ``cordon lists load|update|show|remove|diff|
export``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn
from rich.table import Table

from cordon.errors import CordonError, UsageError
from cordon.i18n import N_, Items, Message, _, formatting, ngettext
from cordon.i18n.cli import error_label
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


def _fail(exc: CordonError) -> typer.Exit:
    errors.print(
        f"[bold red]{error_label()}[/] {escape(exc.localized)}", highlight=False, soft_wrap=True
    )
    return typer.Exit(code=1)


def _counted(template: str, count: int) -> str:
    """A plural form (``ngettext``'s choice) with ``count`` in the language's digits."""
    return template % {"count": formatting.number(count)}


def _entities(count: int) -> str:
    return _counted(ngettext("%(count)s entity", "%(count)s entities", count), count)


def _date(value: datetime) -> str:
    """An ISO date in the language's digits (no bidi marks: terminals do not reorder)."""
    return formatting.digits(f"{value:%Y-%m-%d}")


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
        line = _(
            "%(dataset)s: unchanged (same checksum %(checksum)s); "
            "version %(version)s stays active with %(entities)s"
        ) % {
            "dataset": result.dataset, "checksum": result.checksum[:12],
            "version": result.version, "entities": _entities(result.entity_count),
        }  # fmt: skip
        console.print(escape(line), highlight=False)
        return
    before = ""
    if result.previous_version:
        before = _(" (was %(count)s in %(version)s)") % {
            "count": formatting.number(result.previous_count or 0),
            "version": result.previous_version,
        }
    published = (
        _("; published %(date)s") % {"date": _date(result.published_at)}
        if result.published_at
        else ""
    )
    line = _(
        "%(dataset)s: loaded version %(version)s: %(entities)s%(before)s, %(names)s, "
        "%(links)s%(published)s"
    ) % {
        "dataset": f"[green]{escape(result.dataset)}[/]", "version": escape(result.version),
        "entities": _entities(result.entity_count), "before": escape(before),
        "names": _counted(ngettext("%(count)s name", "%(count)s names", result.name_count),
                          result.name_count),
        "links": _counted(ngettext("%(count)s link", "%(count)s links", result.link_count),
                          result.link_count),
        "published": published,
    }  # fmt: skip
    console.print(line, highlight=False)


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
        with _store() as conn, console.status(_("Loading %(dataset)s...") % {"dataset": name}):
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
    unknown = N_(
        "unknown dataset %(dataset)s; valid names: %(names)s "
        "(any name for FtM .json/.jsonl/.ndjson/.ftm files)"
    )
    raise UsageError(Message(unknown, dataset=repr(dataset), names=Items(DATASETS)))


def _ftm_dataset(paths: list[Path]) -> str:
    """The single dataset named by FtM input files, for ``load`` without ``--dataset``."""
    from cordon.lists import ftm
    from cordon.lists.registry import DATASETS, FTM_SUFFIXES

    if not all(p.name.lower().endswith(FTM_SUFFIXES) for p in paths):
        known = Items(name for name in DATASETS if DATASETS[name].downloads)
        give = N_("give --dataset (%(known)s); only FtM JSON lines name their own dataset")
        raise ListLoadError(", ".join(map(str, paths)), Message(give, known=known))
    names = ftm.dataset_names(paths)
    if len(names) != 1:
        found = Items(names) or Message(N_("none"))
        give = N_("give --dataset (datasets named in the input: %(found)s)")
        raise ListLoadError(", ".join(map(str, paths)), Message(give, found=found))
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
        console.print(
            _("No lists loaded yet: try `cordon lists load --dataset us_ofac_sdn PATH`."),
            highlight=False,
        )
        return
    table = Table(
        title=_("Loaded lists (active versions)"),
        caption=_(
            "age: days since publication (* since load: the file states no date); "
            "checksum: sha256 prefix (full value with --json)"
        ),
        box=box.SIMPLE_HEAD,
    )
    widest = max(len(v.dataset) for v in active)
    table.add_column(_("dataset"), no_wrap=True, min_width=widest)
    table.add_column(_("version"), overflow="fold")
    for column in (_("entities"), _("names")):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column(_("loaded (UTC)"))
    table.add_column(_("published"), no_wrap=True)
    table.add_column(_("age (days)"), justify="right", no_wrap=True)
    table.add_column(_("status"), no_wrap=True)
    table.add_column(_("checksum"), no_wrap=True)
    for v, status in zip(active, statuses, strict=True):
        table.add_row(
            v.dataset,
            v.version,
            formatting.number(v.entity_count),
            formatting.number(v.name_count),
            formatting.digits(f"{v.loaded_at:%Y-%m-%d %H:%M}"),
            _date(v.published_at) if v.published_at else "-",
            formatting.number(status.age_days) + ("" if status.age_basis == "published" else "*"),
            f"[bold red]{_('STALE')}[/]" if status.stale else f"[green]{_('current')}[/]",
            v.checksum[:8],
        )
    console.print(table)
    stale = [s for s in statuses if s.stale]
    if stale:
        warning = ngettext(
            "%(count)s list older than %(days)s days (%(env)s): %(lists)s. "
            "Run `cordon lists update`.",
            "%(count)s lists older than %(days)s days (%(env)s): %(lists)s. "
            "Run `cordon lists update`.",
            len(stale),
        ) % {
            "count": formatting.number(len(stale)),
            "days": formatting.number(stale[0].stale_after_days),
            "env": "CORDON_LIST_STALE_DAYS", "lists": "; ".join(s.describe() for s in stale),
        }  # fmt: skip
        errors.print(
            f"[bold yellow]{_('warning:')}[/] {escape(warning)}", highlight=False, soft_wrap=True
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
    screened = _("no active version")
    if result.entity_count is not None:
        screened = _counted(
            ngettext("%(count)s entity no longer screened", "%(count)s entities no longer screened",
                     result.entity_count),
            result.entity_count,
        )  # fmt: skip
    line = _(
        "%(dataset)s: %(removed)s (%(screened)s); recorded in list_events by %(actor)s at %(at)s"
    ) % {
        "dataset": dataset, "screened": screened, "actor": result.actor,
        "removed": _counted(
            ngettext("removed %(count)s version", "removed %(count)s versions", result.versions),
            result.versions,
        ),
        "at": formatting.digits(f"{result.at:%Y-%m-%d %H:%M:%S} UTC"),
    }  # fmt: skip
    console.print(escape(line), highlight=False)


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
            unknown = N_("unknown dataset %(dataset)s for update; valid names: %(names)s")
            valid = Items(downloadable())
            raise UsageError(Message(unknown, dataset=repr(name), names=valid))
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
            not_updated = _("%(dataset)s: not updated") % {"dataset": dataset}
            errors.print(
                f"[bold red]{escape(not_updated)}[/] - {escape(result.localized)}",
                highlight=False, soft_wrap=True,
            )
        else:
            report_load(result)
    _then_rescreen(rescreen)
    if failed:
        errors.print(
            _("The previous version of each failed dataset stays active."), highlight=False
        )
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
    counts = _("%(added)s added, %(removed)s removed, %(changed)s changed") % {
        "added": formatting.number(len(result.added)),
        "removed": formatting.number(len(result.removed)),
        "changed": formatting.number(len(result.changed)),
    }
    line = f"{dataset}: {result.old_version} -> {result.new_version}: {counts}"
    console.print(escape(line), highlight=False)
    titles = ((_("Added designations"), result.added), (_("Removed designations"), result.removed))
    for title, refs in titles:
        if refs:
            table = Table(title=title)
            for column in (_("list id"), _("schema"), _("name")):
                table.add_column(column)
            for ref in refs:
                table.add_row(ref.source_id, ref.schema, ref.caption)
            console.print(table)
    if result.changed:
        table = Table(title=_("Changed designations"))
        for column in (_("list id"), _("name"), _("changed properties")):
            table.add_column(column)
        for change in result.changed:
            changes = formatting.join(change.changes)
            table.add_row(change.entity.source_id, change.entity.caption, changes)
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
        unsupported = N_("unsupported format %(format)s; only 'ftm' is available")
        raise _fail(UsageError(Message(unsupported, format=repr(fmt))))
    try:
        with _store() as conn:
            if out is None:
                export_ftm(conn, dataset, sys.stdout, version)
                return
            with out.open("w", encoding="utf-8") as fh:
                count = export_ftm(conn, dataset, fh, version)
    except ListLoadError as exc:
        raise _fail(exc) from exc
    wrote = _("%(dataset)s: wrote %(entities)s to %(path)s") % {
        "dataset": dataset, "entities": _entities(count), "path": out
    }
    errors.print(escape(wrote), highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``lists`` command group to the top-level app."""
    app.add_typer(lists_app, name="lists")
