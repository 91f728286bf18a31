"""A run's files for download: alerts (JSON Lines, CSV, XLSX), rejects and the report.

Alerts are rebuilt from the store, so every run can be downloaded wherever it was screened:
``alerts.jsonl`` in the ``cordon screen`` contract (``record_id``, ``risk``, ``reasons``), and a
flat table (one row per alert, readable reasons, triage status) as CSV or XLSX. Rejects exist only
as the run's ``rejects.csv`` file: uploads keep it under ``CORDON_HOME/runs/RUN``.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import duckdb
import orjson
from openpyxl import Workbook

from cordon.analytics import flows
from cordon.analytics.report import build_report
from cordon.screen.alerts import assumed_json_sql
from cordon.screen.run_store import alert_count, alerted_records

# Columns of the flat alert table (CSV and XLSX), from cordon.analytics.flows.alerts.
TABLE_COLUMNS: tuple[str, ...] = (
    "alert_id", "record_id", "date", "exporter", "exporter_country", "importer",
    "importer_country", "hs6", "chpl_tier", "category", "origin", "dispatch", "destination",
    "value", "currency", "value_usd", "risk", "status", "reasons",
)  # fmt: skip
PARTY_PAGE = "/ui/party"  # the served report links its parties to the web app's party pages
MAX_REJECT_ROWS = 1_000  # rows of rejects.csv shown on a page (the download has them all)


def alerts_jsonl(conn: duckdb.DuckDBPyConnection, run_id: str) -> bytes:
    """The run's alerts as alerts.jsonl lines, in input order."""
    flows.require_run(conn, run_id)
    rows = alerted_records(
        conn, run_id, f"a.record_id, a.risk, CAST(a.reasons AS VARCHAR), {assumed_json_sql('r')}",
        order="r.line NULLS LAST, a.record_id",
    )
    lines = []
    for record_id, risk, reasons, assumed in rows:
        line = {"record_id": record_id, "risk": risk, "reasons": orjson.loads(reasons)}
        if assumed:  # as cordon screen writes it: only on records that received defaults
            line["assumed"] = orjson.loads(assumed)
        lines.append(orjson.dumps(line) + b"\n")
    return b"".join(lines)


def _table_rows(conn: duckdb.DuckDBPyConnection, run_id: str) -> list[list[object]]:
    table = flows.alerts(conn, run_id, limit=max(alert_count(conn, run_id), 1))
    data = table.select(list(TABLE_COLUMNS)).to_pylist()
    return [[item[column] for column in TABLE_COLUMNS] for item in data]


def alerts_csv(conn: duckdb.DuckDBPyConnection, run_id: str) -> bytes:
    """The run's alerts as a flat UTF-8 CSV table (riskiest first), with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(TABLE_COLUMNS)
    writer.writerows(["" if v is None else v for v in row] for row in _table_rows(conn, run_id))
    return buffer.getvalue().encode("utf-8")


def alerts_xlsx(conn: duckdb.DuckDBPyConnection, run_id: str) -> bytes:
    """The run's alerts as an XLSX workbook (one sheet, header row, riskiest first)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("alerts")
    sheet.append(list(TABLE_COLUMNS))
    for row in _table_rows(conn, run_id):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_html(conn: duckdb.DuckDBPyConnection, run_id: str) -> bytes:
    """The run's self-contained HTML report (cordon.analytics.report)."""
    with tempfile.TemporaryDirectory(prefix="cordon-report-") as tmp:
        return build_report(
            conn, run_id, Path(tmp) / "report.html", party_links=PARTY_PAGE
        ).read_bytes()


def rejects_file(runs_dir: Path, run_id: str) -> Path | None:
    """The rejects.csv of a run screened by this server, or None."""
    path = runs_dir / run_id / "rejects.csv"
    return path if path.is_file() else None


def read_rejects(path: Path, limit: int = MAX_REJECT_ROWS) -> tuple[list[dict[str, str]], bool]:
    """The first ``limit`` rejects of a rejects.csv, and whether there are more."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows: list[dict[str, str]] = []
        for row in reader:
            if len(rows) == limit:
                return rows, True
            rows.append(row)
    return rows, False
