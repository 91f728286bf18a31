"""Commands of cordon.screen for the `cordon` CLI: ``cordon screen`` and ``cordon demo``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from cordon.errors import CordonError
from cordon.i18n import N_, _, formatting, use_language
from cordon.i18n.cli import cli_language, error_label, help_text, languages_help
from cordon.i18n.labels import reason_kind_label, stage_label
from cordon.names.index_store import UnknownDatasetError
from cordon.records.assume import parse_assume
from cordon.records.errors import InputError
from cordon.screen.pipeline import NoListsError, new_run_id, screen_file
from cordon.screen.summary import RunSummary
from cordon.settings import DEFAULT_THRESHOLD
from cordon.terminal import printable

console = Console()
errors = Console(stderr=True)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[float], None]]:
    """A rich progress bar driven by a fraction-done callback."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        task = bar.add_task(label, total=100.0)
        yield lambda fraction: bar.update(task, completed=100.0 * fraction)


def summary_table(summary: RunSummary) -> Table:
    """The run's counts, reasons, lists and timings as one rich table."""
    table = Table(
        title=_("Screening run %(run)s") % {"run": summary.run_id},
        show_header=False,
        title_justify="left",
    )
    table.add_column("what", style="bold")
    table.add_column("value", justify="right")
    for label, value in (
        (_("input rows"), summary.input_rows),
        (_("screened"), summary.screened),
        (_("rejected"), summary.rejected),
        (_("alerted"), summary.alerted),
    ):
        table.add_row(label, formatting.number(value))
    table.add_section()
    for kind, count in summary.reasons_by_kind.items():
        table.add_row(
            _("reasons: %(kind)s") % {"kind": reason_kind_label(kind)}, formatting.number(count)
        )
    for rule, count in summary.reasons_by_rule.items():
        table.add_row("  " + _("red flag %(rule)s") % {"rule": rule}, formatting.number(count))
    table.add_section()
    for dataset, version in summary.lists.items():
        table.add_row(_("list %(dataset)s") % {"dataset": dataset}, version)
    table.add_row(
        _("party threshold"), formatting.number(summary.thresholds.get("party_match", 0), 2)
    )
    table.add_section()
    for stage, seconds in summary.timings.items():
        table.add_row(
            _("time %(stage)s") % {"stage": stage_label(stage)},
            _("%(seconds)s s") % {"seconds": formatting.number(seconds, 2)},
        )
    return table


def print_outputs(summary: RunSummary, extra: dict[str, Path | None] | None = None) -> None:
    """Where the run's files are."""
    paths: dict[str, Path | None] = {
        "alerts": summary.out_dir / "alerts.jsonl",
        "rejects": summary.out_dir / "rejects.csv",
        "summary": summary.out_dir / "summary.json",
        **(extra or {}),
    }
    labels = {
        "alerts": _("alerts"), "rejects": _("rejects"), "summary": _("summary"),
        "data": _("data"), "truth": _("truth"), "report": _("report"),
    }  # fmt: skip
    for key, path in paths.items():
        shown = printable(path.resolve()) if path else _("(not built)")
        console.print(f"{labels.get(key, key):>8}: {shown}", highlight=False)


class Engine(StrEnum):
    """Where a screening run executes (both run the plan of cordon.screen.plan)."""

    local = "local"
    spark = "spark"


def _fail(exc: CordonError) -> typer.Exit:
    errors.print(
        f"[bold red]{error_label()}[/] {escape(exc.localized)}", highlight=False, soft_wrap=True
    )
    return typer.Exit(code=2)


def screen(
    input_path: str = typer.Argument(
        ...,
        metavar="INPUT",
        help=N_("Customs file: CSV, XLSX, Parquet or JSON Lines (Spark: also a folder or a glob)."),
    ),
    lists: str | None = typer.Option(
        None, "--lists", help=N_("Comma-separated datasets (default: every loaded list).")
    ),
    out: Path | None = typer.Option(
        None, "--out", help=N_("Output folder (default: ./screen-<run id>).")
    ),
    threshold: float | None = typer.Option(
        None,
        "--threshold",
        min=0.0,
        max=1.0,
        help=help_text(
            N_("Party-match threshold (default %(default)s)."), default=f"{DEFAULT_THRESHOLD:.2f}"
        ),
    ),
    columns: Path | None = typer.Option(
        None, "--columns", help=N_("YAML map: canonical field -> your header (and assume:).")
    ),
    assume: list[str] = typer.Option(
        [], "--assume", metavar="FIELD=VALUE",
        help=N_(
            "Default for a field the file leaves empty, e.g. destination_country=RU "
            "(repeatable; marked as assumed in alerts)."
        ),
    ),
    engine: Engine = typer.Option(
        Engine.local, "--engine",
        help=N_("local (DuckDB, this process) or spark (a Spark cluster)."),
    ),
    spark_master: str | None = typer.Option(
        None, "--spark-master", help=N_("Spark master URL for --engine spark (default local[*]).")
    ),
    spark_remote: str | None = typer.Option(
        None, "--spark-remote", help=N_("Spark Connect server for --engine spark: sc://HOST:PORT.")
    ),
    lang: str | None = typer.Option(
        None, "--lang", "-l",
        help=languages_help(N_("Message language: %(languages)s (alerts.jsonl is unchanged).")),
    ),
) -> None:
    """Screen a customs file: writes alerts.jsonl, rejects.csv and summary.json.

    With --engine spark, INPUT may also be a directory of parts or a glob, on any filesystem
    Spark reads (local, HDFS, S3 through your Spark config).
    """
    with use_language(cli_language(lang, None)):
        _screen(input_path, lists, out, threshold, columns, assume,
                (engine, spark_master, spark_remote))  # fmt: skip


def _screen(
    input_path: str, lists: str | None, out: Path | None, threshold: float | None,
    columns: Path | None, assume: list[str], where: tuple[Engine, str | None, str | None],
) -> None:
    run_id = new_run_id()
    out_dir = out or Path(f"screen-{run_id}")
    datasets = [name.strip() for name in lists.split(",") if name.strip()] if lists else None
    try:
        defaults = parse_assume(assume)
        engine, spark_master, spark_remote = where
        label = _("screening %(file)s") % {"file": escape(printable(Path(input_path).name))}
        with progress_bar(label) as report:
            if engine is Engine.spark:
                from cordon.screen.spark.engine import screen_on_spark

                summary = screen_on_spark(
                    input_path, out_dir, lists=datasets, threshold=threshold,
                    column_map=columns, assume=defaults, master=spark_master,
                    remote=spark_remote, run_id=run_id, progress=report,
                )  # fmt: skip
            else:
                summary = screen_file(
                    Path(input_path), out_dir, lists=datasets, threshold=threshold,
                    column_map=columns, assume=defaults, run_id=run_id, progress=report,
                )  # fmt: skip
    except (InputError, UnknownDatasetError, NoListsError) as exc:
        raise _fail(exc) from exc
    console.print(summary_table(summary))
    print_outputs(summary)


def demo(
    out: Path = typer.Option(Path("cordon-demo"), "--out", help=N_("Output folder.")),
    rows: int = typer.Option(20_000, "--rows", min=10, help=N_("Synthetic records to generate.")),
    russian: bool = typer.Option(
        False, "--russian", help=N_("Write the data as a Russian customs export (headers, ;, 1,5).")
    ),
    lang: str | None = typer.Option(
        None, "--lang", "-l",
        help=languages_help(N_("Language of the messages and the report: %(languages)s.")),
    ),
    digits: str | None = typer.Option(
        None, "--digits", help=N_("latn: Latin digits in Arabic (default: CORDON_DIGITS).")
    ),
) -> None:
    """Generate synthetic customs data with planted evasion cases, screen it and report."""
    from cordon.demo import run_demo

    with use_language(cli_language(lang, digits)):
        with progress_bar(_("demo: %(rows)s records") % {"rows": formatting.number(rows)}) as bar:
            result = run_demo(out, rows=rows, dialect="ru" if russian else "en", progress=bar)
        console.print(summary_table(result.summary))
        score = result.score
        console.print(
            _(
                "planted party records found: %(found)s/%(planted)s (recall %(recall)s); "
                "false party alerts on clean records: %(false)s/%(clean)s (%(rate)s)"
            ) % {
                "found": formatting.number(score.party_found),
                "planted": formatting.number(score.party_planted),
                "recall": formatting.number(score.party_recall, 3),
                "false": formatting.number(score.clean_party_alerts),
                "clean": formatting.number(score.clean_records),
                "rate": formatting.percent(score.false_party_rate, 2),
            },
            highlight=False,
        )
        print_outputs(
            result.summary,
            {"data": result.truth.path, "truth": result.truth.truth_path, "report": result.report},
        )


def register(app: typer.Typer) -> None:
    """Add this package's commands to the top-level app."""
    app.command("screen")(screen)
    app.command("demo")(demo)
