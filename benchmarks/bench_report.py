"""Time the HTML report of a synthetic 1,000,000-record screening run (target: under 30 s).

The run is generated straight into a temporary store with DuckDB SQL (``range(N)`` and seeded
random choices): about 15% CHPL goods, 2% alerted, three years of dates, a rising CNY share.
Usage: ``.venv/bin/python benchmarks/bench_report.py [--records N]``; prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb

from cordon.analytics import flows
from cordon.analytics.report import build_report
from cordon.store import connect

RUN_ID = "bench-run"
TARGET_SECONDS = 30.0

_CHPL = "[('854231','1'),('854232','1'),('852691','2'),('853224','2'),('848210','3.B'),"  \
        "('880730','3.B'),('847180','4.A'),('845811','4.B'),('850440','3.A')]"
_COUNTRIES = "['CN','HK','TR','AE','KZ','DE','US','AM','GE','IN','RU','BY']"

_RECORDS_SQL = f"""
INSERT INTO records (run_id, record_id, line, date, exporter_name, exporter_country,
    importer_name, importer_country, hs_code, hs6, origin_country, dispatch_country,
    destination_country, value, currency, chpl_tier, exporter_entity, exporter_score,
    importer_entity, importer_score, risk, alerted)
WITH base AS (
    SELECT i, random() AS u_chpl, random() AS u_cur, random() AS u_route, random() AS u_alert,
           CAST(floor(random() * 1096) AS INTEGER) AS day,
           CAST(floor(random() * 4000) AS INTEGER) AS exporter,
           CAST(floor(random() * 3000) AS INTEGER) AS importer,
           CAST(floor(random() * 12) AS INTEGER) AS origin,
           CAST(floor(random() * 9) AS INTEGER) AS chpl_pick,
           random() * 250000 AS amount
    FROM range($n) AS t(i)
), shaped AS (
    SELECT *, {_CHPL}[chpl_pick + 1] AS chpl,
           '9403' || lpad(CAST(i % 100 AS VARCHAR), 2, '0') AS furniture,
           {_COUNTRIES}[origin + 1] AS origin_code,
           u_cur < 0.15 + 0.45 * day / 1096.0 AS pays_cny
    FROM base
)
SELECT $run, 'r' || i, i + 2, DATE '2022-01-01' + day,
       'Exporter ' || exporter || ' Co., Ltd.', origin_code,
       'Importer ' || importer || ' LLC', 'RU',
       CASE WHEN u_chpl < 0.15 THEN chpl[1] ELSE furniture END,
       CASE WHEN u_chpl < 0.15 THEN chpl[1] ELSE furniture END,
       origin_code,
       CASE WHEN u_route < 0.2 THEN 'KZ' WHEN u_route < 0.3 THEN 'AE' ELSE origin_code END,
       CASE WHEN u_route < 0.9 THEN 'RU' ELSE 'BY' END,
       round(amount, 2),
       CASE WHEN pays_cny THEN 'CNY' WHEN u_cur < 0.8 THEN 'USD' WHEN u_cur < 0.9 THEN 'EUR'
            WHEN u_cur < 0.98 THEN 'RUB' ELSE 'AED' END,
       CASE WHEN u_chpl < 0.15 THEN chpl[2] END,
       CASE WHEN u_alert < 0.005 THEN 'cordon_sample-' || exporter END, random(),
       CASE WHEN u_alert < 0.01 THEN 'cordon_sample-' || importer END, random(),
       CASE WHEN u_alert < 0.02 THEN 0.5 + u_alert * 20 ELSE 0 END,
       u_alert < 0.02
FROM shaped
"""

_ALERTS_SQL = """
INSERT INTO alerts (alert_id, run_id, record_id, risk, reasons)
SELECT run_id || ':' || record_id, run_id, record_id, risk,
       '[' || concat_ws(',',
           CASE WHEN importer_entity IS NOT NULL THEN '{"kind":"party_match","role":"importer",'
                || '"list":"cordon_sample","entity_id":"' || importer_entity || '","matched_name":"'
                || importer_name || '","score":0.93,"explanation":"synthetic"}' END,
           CASE WHEN chpl_tier IS NOT NULL THEN '{"kind":"chpl","hs6":"' || hs6 || '","tier":"'
                || chpl_tier || '"}' END,
           CASE WHEN dispatch_country <> origin_country THEN '{"kind":"red_flag","rule":"RF-01",'
                || '"detail":"dispatched via ' || dispatch_country || '"}' END,
           '{"kind":"red_flag","rule":"RF-09","detail":"synthetic benchmark alert"}'
       ) || ']'
FROM records WHERE run_id = $run AND alerted
"""


def generate_run(conn: duckdb.DuckDBPyConnection, records: int) -> None:
    """Insert a finished synthetic run of ``records`` records and its ~2% alerts."""
    conn.execute("SELECT setseed(0.42)")
    conn.execute(_RECORDS_SQL, {"run": RUN_ID, "n": records})
    conn.execute(_ALERTS_SQL, {"run": RUN_ID})
    alerted = conn.execute("SELECT count(*) FROM alerts WHERE run_id = ?", [RUN_ID]).fetchone()
    conn.execute(
        "INSERT INTO runs (run_id, input_path, started_at, finished_at, status, progress,"
        " input_rows, screened, rejected, alerted, threshold)"
        " VALUES (?, 'synthetic', now(), now(), 'done', 1, ?, ?, 0, ?, 0.8)",
        [RUN_ID, records, records, alerted[0] if alerted else 0],
    )


def main() -> int:
    """Generate the run, time each table and the whole report, print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cordon-bench-") as tmp:
        conn = connect(Path(tmp) / "bench.duckdb")
        started = time.perf_counter()
        generate_run(conn, args.records)
        generated = time.perf_counter() - started
        alerts = conn.execute("SELECT count(*) FROM alerts").fetchone()
        print(f"records: {args.records:,}; alerts: {alerts[0] if alerts else 0:,}; "
              f"generated in {generated:.1f} s; cores: {os.cpu_count()}\n")
        print("| step | seconds |\n| --- | ---: |")
        for name, function in flows.TABLES.items():
            started = time.perf_counter()
            function(conn, RUN_ID)
            print(f"| query `{name}` | {time.perf_counter() - started:.2f} |")
        out = Path(tmp) / "report.html"
        started = time.perf_counter()
        build_report(conn, RUN_ID, out)
        total = time.perf_counter() - started
        print(f"| **build_report** (all queries + charts + HTML, {out.stat().st_size / 1e6:.1f} MB)"
              f" | **{total:.2f}** |")
        verdict = "meets" if total < TARGET_SECONDS else "MISSES"
        print(f"\n{verdict} the {TARGET_SECONDS:.0f} s target")
        conn.close()
        return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
