"""Time ``cordon rescreen``: 1,000,000 stored records against a list update adding 100 designations.

Target (issue 12): under 10 s. The store is built straight with DuckDB SQL: the bundled sample
list and a synthetic FtM list ``bench_list`` (2,000 companies) in version 1; one finished run of
N records whose exporters and importers are drawn (seeded) from ~20,000 Chinese and ~4,000
Russian company names of the demo pools; then ``bench_list`` version 2 adds 100 designations,
50 of them named as pool exporters (written in capitals, with another legal-form spelling).
Timed: ``rescreen()`` cold (right after the update: it builds the name index of the new
version, as the first screening after an update would) and warm (index cached).
Usage: ``.venv/bin/python benchmarks/bench_rescreen.py [--records N]``; prints a markdown table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import tempfile
import time
from pathlib import Path

from cordon.demo.pools import CN_BRANDS, CN_CITIES, CN_TRADES, RU_SUFFIXES, RU_WORDS
from cordon.lists.load import load_dataset
from cordon.lists.sample import load_sample
from cordon.rescreen.run import RescreenResult, rescreen
from cordon.store import connect

RUN_ID = "bench-run"
TARGET_SECONDS = 10.0
NEW_DESIGNATIONS = 100


def pool_names() -> tuple[list[str], list[str]]:
    """~20,000 exporter and 4,000 importer names, in a fixed order."""
    exporters = [
        f"{city} {brand}{other.lower()} {trade} Co., Ltd."
        for city, (brand, _), (other, _), (trade, _) in itertools.product(
            CN_CITIES, CN_BRANDS, CN_BRANDS, CN_TRADES)
    ]  # fmt: skip
    importers = [
        f"ООО «{a}{b.lower()} {s}»"
        for a, b, s in itertools.product(RU_WORDS, RU_WORDS, RU_SUFFIXES)
    ]
    return exporters, importers


def _entity(number: int, name: str, country: str) -> dict[str, object]:
    properties = {"name": [name], "country": [country], "topics": ["sanction"]}
    return {"id": f"bench_list-{number}", "schema": "Company", "datasets": ["bench_list"],
            "properties": properties}  # fmt: skip


def build_store(home: Path, records: int) -> tuple[Path, int]:
    """The store of the docstring before the update; returns (v2 file, names in the pool)."""
    rng = random.Random(12)
    exporters, importers = pool_names()
    words = ["Orbital", "Vostok", "Polar", "Granit", "Kaskad", "Zenith", "Aurora", "Delta",
             "Sirius", "Kristall", "Almaz", "Rubin", "Topaz", "Sapfir", "Yantar", "Agat"]
    forms = ["LLC", "JSC", "Limited", "Trading FZE", "GmbH"]
    base = [_entity(i, f"{a} {b} {c} {rng.choice(forms)}", rng.choice(["ru", "hk", "ae", "tr"]))
            for i, (a, b, c) in enumerate(itertools.islice(
                itertools.product(words, words, words), 2000))]  # fmt: skip
    v1, v2 = home / "bench_list-v1.ftm.jsonl", home / "bench_list-v2.ftm.jsonl"
    v1.write_text("".join(json.dumps(e) + "\n" for e in base), encoding="utf-8")
    hits = [_entity(10_000 + i, name.upper().replace("CO., LTD.", "COMPANY LIMITED"), "cn")
            for i, name in enumerate(rng.sample(exporters, NEW_DESIGNATIONS // 2))]  # fmt: skip
    others = [_entity(20_000 + i, f"Novaya {words[i % 16]} Defence Systems {i} LLC", "ru")
              for i in range(NEW_DESIGNATIONS - len(hits))]  # fmt: skip
    v2.write_text(v1.read_text(encoding="utf-8")
                  + "".join(json.dumps(e) + "\n" for e in hits + others), encoding="utf-8")
    conn = connect(home / "cordon.duckdb")
    try:
        load_sample(conn)
        load_dataset(conn, "bench_list", [v1])
        lists = dict(conn.execute(
            "SELECT dataset, version FROM list_versions WHERE active").fetchall())
        conn.execute(
            "INSERT INTO runs (run_id, input_path, started_at, finished_at, status, progress, "
            "input_rows, screened, threshold, lists) VALUES (?, 'bench.csv', now(), now(), "
            "'done', 1, ?, ?, 0.8, ?)", [RUN_ID, records, records, json.dumps(lists)])
        conn.execute("CREATE TEMP TABLE ex AS SELECT unnest(?) AS name", [exporters])
        conn.execute("CREATE TEMP TABLE im AS SELECT unnest(?) AS name", [importers])
        conn.execute(
            """
            INSERT INTO records (run_id, record_id, line, date, exporter_name, exporter_country,
                importer_name, importer_country, hs6, destination_country, value, currency, risk)
            SELECT $run, 'R' || i, i + 2, DATE '2023-01-01' + CAST(i % 700 AS INTEGER),
                   e.name, 'CN', m.name, 'RU', '854231', 'RU', 1000 + i % 5000, 'USD', 0.4
            FROM (SELECT i, hash(i) % $ne AS e, hash(i * 7 + 3) % $ni AS m
                  FROM range($n) t(i)) r
            JOIN (SELECT row_number() OVER (ORDER BY name) - 1 AS k, name FROM ex) e ON e.k = r.e
            JOIN (SELECT row_number() OVER (ORDER BY name) - 1 AS k, name FROM im) m ON m.k = r.m
            """,
            {"run": RUN_ID, "n": records, "ne": len(exporters), "ni": len(importers)},
        )
    finally:
        conn.close()
    return v2, len(exporters) + len(importers)


def main() -> None:
    """Build the store, load the update, time rescreen cold and warm, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cordon-bench-rescreen-") as tmp:
        home = Path(tmp)
        os.environ["CORDON_HOME"] = str(home)
        v2, pool = build_store(home, args.records)
        conn = connect(home / "cordon.duckdb")
        try:
            row = conn.execute(
                "SELECT version FROM list_versions WHERE dataset = 'bench_list' AND active"
            ).fetchone()
            load_dataset(conn, "bench_list", [v2])
            rows: list[tuple[str, RescreenResult, float, float]] = []
            for label in ("cold (index of the new version built)", "warm (index cached)"):
                start, cpu = time.perf_counter(), _cpu()
                # --since version 1: the warm run compares the same change again (by default a
                # re-screening starts from the versions the previous one covered)
                result = rescreen(conn, home / f"out-{len(rows)}", since=row[0] if row else None)
                seconds = time.perf_counter() - start
                rows.append((label, result, seconds, _cpu() - cpu))
        finally:
            conn.close()
    print(f"{args.records:,} stored records, {pool:,} party names in the pool, "
          f"{NEW_DESIGNATIONS} new designations; load average {os.getloadavg()[0]:.2f}\n")
    print("| run | parties matched | records hit | wall seconds | CPU seconds (all processes) "
          "| target |")
    print("|---|---:|---:|---:|---:|---|")
    for label, result, seconds, cpu in rows:
        ok = "met" if seconds < TARGET_SECONDS else "MISSED"
        print(f"| {label} | {result.parties:,} | {result.records:,} | {seconds:.1f} | {cpu:.1f} "
              f"| < {TARGET_SECONDS:.0f} s wall: {ok} |")


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the matcher's forked workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


if __name__ == "__main__":
    main()
