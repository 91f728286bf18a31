"""Load the hand-made analytics fixture run into a store by inserting rows directly."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "analytics"
RUN_ID = "fixture-run"
OTHER_RUN_ID = "other-run"
RUNNING_RUN_ID = "running-run"


def _insert_run(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    started: datetime,
    status: str,
    counts: tuple[int, int, int, int],
) -> None:
    input_rows, screened, rejected, alerted = counts
    conn.execute(
        "INSERT INTO runs (run_id, input_path, started_at, finished_at, status, progress,"
        " input_rows, screened, rejected, alerted, threshold, lists)"
        " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 0.8, ?)",
        [run_id, f"/data/{run_id}.csv", started, started, status, input_rows, screened, rejected,
         alerted, json.dumps({"cordon_sample": "v1"})],
    )


def _insert_records(conn: duckdb.DuckDBPyConnection, run_id: str, csv_path: Path) -> None:
    conn.execute(
        f"INSERT INTO records BY NAME SELECT '{run_id}' AS run_id, *"
        " FROM read_csv(?, header = true,"
        " types = {'hs6': 'VARCHAR', 'chpl_tier': 'VARCHAR', 'record_id': 'VARCHAR'})",
        [str(csv_path)],
    )


def _insert_alerts(conn: duckdb.DuckDBPyConnection, run_id: str, jsonl_path: Path) -> None:
    for line in jsonl_path.read_text(encoding="utf-8").splitlines():
        alert = json.loads(line)
        conn.execute(
            "INSERT INTO alerts (alert_id, run_id, record_id, risk, reasons)"
            " VALUES (?, ?, ?, ?, ?)",
            [f"{run_id}:{alert['record_id']}", run_id, alert["record_id"], alert["risk"],
             json.dumps(alert["reasons"])],
        )


def load_fixture_run(conn: duckdb.DuckDBPyConnection) -> str:
    """Insert the fixture run plus two decoy runs; return the fixture run's id.

    ``other-run`` (older, done) reuses record ids r1 and r2 with other values, so a query that
    forgets to filter by run shows wrong numbers; ``running-run`` (newest, unfinished) must be
    skipped when the latest finished run is asked for.
    """
    _insert_run(conn, OTHER_RUN_ID, datetime(2024, 1, 1, 9, 0), "done", (2, 2, 0, 2))
    conn.execute(
        "INSERT INTO records (run_id, record_id, date, exporter_name, importer_name, hs6,"
        " chpl_tier, origin_country, dispatch_country, destination_country, value, currency,"
        " risk, alerted)"
        " VALUES (?, 'r1', DATE '2023-01-10', 'Decoy Exporter', 'Decoy Importer', '854231', '1',"
        " 'US', 'TR', 'RU', 999999, 'USD', 0.9, true),"
        " (?, 'r2', DATE '2023-01-11', 'Decoy Exporter', 'Decoy Importer', '854231', '1',"
        " 'US', 'TR', 'RU', 888888, 'USD', 0.9, true)",
        [OTHER_RUN_ID, OTHER_RUN_ID],
    )
    conn.execute(
        "INSERT INTO alerts (alert_id, run_id, record_id, risk, reasons) VALUES"
        " ('other-run:r1', 'other-run', 'r1', 0.99, '[]'),"
        " ('other-run:r2', 'other-run', 'r2', 0.99, '[]')"
    )
    _insert_run(conn, RUN_ID, datetime(2024, 6, 1, 9, 0), "done", (14, 12, 2, 7))
    _insert_records(conn, RUN_ID, FIXTURE_DIR / "records.csv")
    _insert_alerts(conn, RUN_ID, FIXTURE_DIR / "alerts.jsonl")
    conn.execute(
        "INSERT INTO entities (dataset, version, id, source_id, schema, caption, properties)"
        " VALUES ('cordon_sample', 'v1', 'cordon_sample-rostec', 'rostec', 'Company', 'Rostec',"
        " '{}')"
    )
    _insert_run(conn, RUNNING_RUN_ID, datetime(2024, 7, 1, 9, 0), "running", (0, 0, 0, 0))
    return RUN_ID
