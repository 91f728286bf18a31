"""The `cordon demo` job: sample list, synthetic data, screening, report, and where it all is."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cordon import store
from cordon.demo.evaluate import DemoScore, evaluate
from cordon.demo.generate import DemoTruth, Dialect, generate_demo_dataset
from cordon.lists.registry import SAMPLE_DATASET
from cordon.lists.sample import load_sample
from cordon.screen.alerts import ALERTS_FILE
from cordon.screen.pipeline import screen_file
from cordon.screen.summary import RunSummary

DATA_FILE = "customs_demo.csv"
REPORT_FILE = "report.html"


@dataclass(frozen=True)
class DemoResult:
    """Everything the demo produced."""

    out_dir: Path
    truth: DemoTruth
    summary: RunSummary
    score: DemoScore
    report: Path | None  # None when no report builder is installed

    @property
    def alerts(self) -> Path:
        """The run's alerts.jsonl."""
        return self.out_dir / ALERTS_FILE


def _build_report(conn: duckdb.DuckDBPyConnection, run_id: str, out_path: Path) -> Path | None:
    """The HTML report when cordon.analytics.report is available, else None."""
    try:
        report = importlib.import_module("cordon.analytics.report")
    except ImportError:
        return None
    build: Callable[..., Path] | None = getattr(report, "build_report", None)
    return build(conn, run_id, out_path) if build is not None else None


def run_demo(
    out_dir: Path,
    rows: int = 20_000,
    seed: int = 7,
    *,
    dialect: Dialect = "en",
    conn: duckdb.DuckDBPyConnection | None = None,
    progress: Callable[[float], None] | None = None,
) -> DemoResult:
    """Load the bundled sample list, generate ``rows`` records, screen them and build the report.

    Works offline: everything comes from the package. Screening uses the sample list only, so the
    result does not depend on other lists the store may hold. ``dialect="ru"`` writes the data as
    a Russian customs export (Russian headers, ``;``, dd.mm.yyyy dates, decimal commas).
    """
    connection = store.connect() if conn is None else conn
    try:
        load_sample(connection)
        truth = generate_demo_dataset(out_dir / DATA_FILE, rows=rows, seed=seed, dialect=dialect)
        summary = screen_file(
            truth.path, out_dir, lists=[SAMPLE_DATASET], conn=connection, progress=progress
        )
        report = _build_report(connection, summary.run_id, out_dir / REPORT_FILE)
        score = evaluate(truth.truth_path, out_dir / ALERTS_FILE, summary.screened)
        return DemoResult(out_dir, truth, summary, score, report)
    finally:
        if conn is None:
            connection.close()
