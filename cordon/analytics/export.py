"""Write one report table of a run to CSV or Parquet, exactly as :data:`flows.TABLES` returns it."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from cordon.analytics import flows
from cordon.analytics.errors import UnknownTableError
from cordon.csv_safety import defuse_table


class ExportFormat(StrEnum):
    """File formats of ``cordon export``."""

    CSV = "csv"
    PARQUET = "parquet"


def report_table(conn: duckdb.DuckDBPyConnection, run_id: str, name: str) -> pa.Table:
    """The report table ``name`` of ``run_id``; :class:`UnknownTableError` lists the valid names."""
    try:
        function = flows.TABLES[name]
    except KeyError:
        raise UnknownTableError(
            f"no report table {name!r}; choose one of: {', '.join(flows.TABLES)}"
        ) from None
    return function(conn, run_id)


def write_table(table: pa.Table, fmt: ExportFormat, out_path: Path) -> Path:
    """Write ``table`` as CSV (header row, ISO dates, empty = null) or Parquet; return the path."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.CSV:  # opened in spreadsheets: formula-like text is defused
        pa_csv.write_csv(defuse_table(table), out_path)
    else:
        pq.write_table(table, out_path)
    return out_path


def export_table(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    name: str,
    fmt: ExportFormat,
    out_path: Path | None = None,
    partial: bool = False,
) -> tuple[Path, int]:
    """Export one report table; the default path is ``<run>-<table>.<format>`` here.

    Returns the path written and the number of rows. A run that is running or failed is
    refused (:class:`~cordon.analytics.errors.UnfinishedRunError`) unless ``partial``.
    """
    flows.require_finished(conn, run_id, partial)
    table = report_table(conn, run_id, name)
    path = out_path if out_path is not None else Path(f"{_safe(run_id)}-{name}.{fmt.value}")
    return write_table(table, fmt, path), table.num_rows


def _safe(run_id: str) -> str:
    """A run id usable in a file name (``:`` and ``/`` replaced)."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)
