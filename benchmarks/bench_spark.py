"""Scale benchmark: the local engine against DuckDB's own scan, and the Spark engine's scaling.

Usage: ``.venv/bin/python benchmarks/bench_spark.py --work DIR [--sizes 1,5,10] [--ppc 1,2]
[--master local[2]] [--part-rows N] [--skip-local]``. Reuses ``bench_screen.py``'s layout: the store
(OFAC SDN + UN + the sample list) and the 1,000,000-row demo CSV (``big-1000000/customs.csv``)
are made once. An input of N million rows is a folder of parts: slices of the 1M file and of
copies of it whose record ids are prefixed ``cK-`` (so ids stay unique across parts), of
``--part-rows`` rows (one task reads one part: parallelism comes from the number of parts).

Prints markdown tables:
1. the local engine on the 1M file end to end (child process, peak RSS) against DuckDB scanning
   the same CSV (count rows and distinct importer names), measured in the same run;
2. the Spark engine on ``--master`` (one JVM per run, session start timed apart) for every size
   and partitions-per-core setting: wall, rows/s, rows/s per core, ratio to the local engine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench_screen import prepare_store, run_screen

MILLION = 1_000_000


def one_million(work: Path) -> Path:
    """The 1M-row demo CSV (made once, as bench_screen.py makes it)."""
    from cordon.demo import generate_demo_dataset

    data = work / f"big-{MILLION}" / "customs.csv"
    if not data.exists():
        generate_demo_dataset(data, rows=MILLION, seed=11)
    return data


def parts_folder(work: Path, base: Path, millions: int, part_rows: int = MILLION) -> Path:
    """A folder of CSV parts of ``part_rows`` rows each, ``millions`` million rows in all: slices
    of the 1M base file, the k-th copy of the base with record ids prefixed ``cK-`` (copy 0 keeps
    its ids), so ids stay unique across parts. Parts are made once under ``slices/``."""
    import duckdb

    slices = work / "slices"
    slices.mkdir(parents=True, exist_ok=True)
    folder = work / f"parts-{millions}m-{part_rows}"
    folder.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect()
    for j in range(millions * MILLION // part_rows):
        copy, offset = divmod(j * part_rows, MILLION)
        source = slices / f"c{copy:03d}-{offset:07d}-{part_rows}.csv"
        if not source.exists():
            ids = f"'c{copy}-' || record_id" if copy else "record_id"
            conn.execute(
                f"COPY (SELECT {ids} AS record_id, * EXCLUDE (record_id) "
                f"FROM read_csv('{base}', all_varchar = true, header = true) "
                f"LIMIT {part_rows} OFFSET {offset}) TO '{source}' (HEADER, DELIMITER ',')"
            )
        link = folder / f"part-{j:04d}.csv"
        if not link.exists():
            link.symlink_to(source)
    conn.close()
    return folder


def duckdb_scan(data: Path) -> float:
    """Seconds DuckDB takes to count the CSV's rows and distinct importer names."""
    import duckdb

    conn = duckdb.connect()
    conn.execute("SET threads = 2")
    start = time.perf_counter()
    conn.execute(
        "SELECT count(*), count(DISTINCT importer_name) FROM read_csv(?, header = true)",
        [str(data)],
    ).fetchall()
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def spark_child(data: str, out: str, master: str, ppc: int) -> None:
    """Child process: one Spark session, one run; prints a JSON line."""
    from cordon.screen.spark.engine import screen_on_spark
    from cordon.screen.spark.session import spark_session

    start = time.perf_counter()
    spark = spark_session(master)
    spark.sparkContext.setLogLevel("ERROR")
    cores = int(spark.sparkContext.defaultParallelism)
    session_s = time.perf_counter() - start
    start = time.perf_counter()
    summary = screen_on_spark(data, Path(out), spark=spark, partitions_per_core=ppc)
    wall = time.perf_counter() - start
    spark.stop()
    print(json.dumps({"wall": wall, "session": session_s, "cores": cores,
                      "summary": summary.to_dict()}))  # fmt: skip


def run_spark(data: Path, out: Path, master: str, ppc: int) -> dict[str, object]:
    """One Spark run in a child process (its own JVM)."""
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(data), str(out), master, str(ppc)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    if proc.returncode != 0:
        sys.exit(f"spark run on {data} failed:\n{proc.stderr[-5000:]}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    shutil.rmtree(out, ignore_errors=True)  # GBs of Parquet at 10M rows
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, required=False)
    parser.add_argument("--sizes", default="1,5,10", help="input sizes in millions of rows")
    parser.add_argument("--ppc", default="1,2", help="partitions-per-core settings")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--part-rows", type=int, default=MILLION, help="rows per input part")
    parser.add_argument("--skip-local", action="store_true")
    parser.add_argument("--child", nargs=4, metavar=("DATA", "OUT", "MASTER", "PPC"))
    args = parser.parse_args()
    if args.child:
        data, out, master, ppc = args.child
        spark_child(data, out, master, int(ppc))
        return 0
    work = (args.work or Path("/tmp/cordon-bench-spark")).absolute()
    os.environ["CORDON_HOME"] = str(work / "home")
    store_file = work / "home" / "cordon.duckdb"
    pristine = store_file.with_suffix(".lists-only")
    if pristine.exists():
        shutil.copyfile(pristine, store_file)
    else:
        prepare_store()
        shutil.copyfile(store_file, pristine)
    base = one_million(work)

    local_wall = None
    if not args.skip_local:
        scan_before = duckdb_scan(base)
        load = os.getloadavg()[0]
        result, peak = run_screen(base, work / "local-1m-out")
        scan_after = duckdb_scan(base)
        scan = (scan_before + scan_after) / 2
        local_wall = float(str(result["wall"]))
        print("### local engine, 1,000,000 records, against DuckDB's scan of the same CSV\n")
        print("| measure | value |\n|---|---:|")
        print(f"| DuckDB scan (rows, distinct importers), mean before/after | {scan:.2f} s |")
        print(f"| local engine end to end | {local_wall:.1f} s |")
        print(f"| ratio | **{local_wall / scan:.1f}×** (target ≤ 15×) |")
        print(f"| peak RSS | {peak:.0f} MiB (target < 2,048) |")
        print(f"| load average (1 min) before → after | {load:.2f} → {os.getloadavg()[0]:.2f} |")
        summary = result["summary"]
        assert isinstance(summary, dict)
        print(f"\nstage seconds: {json.dumps(summary['timings'])}\n")

    print(f"### Spark engine, master {args.master}, parts of {args.part_rows:,} rows\n")
    print("| rows | partitions/core | wall s | session start s | rows/s | rows/s per core "
          "| ratio to local 1M | load avg before → after |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for millions in (int(x) for x in args.sizes.split(",")):
        data = parts_folder(work, base, millions, args.part_rows)
        for ppc in (int(x) for x in args.ppc.split(",")):
            load = os.getloadavg()[0]
            result = run_spark(data, work / "spark-out", args.master, ppc)
            wall, cores = float(str(result["wall"])), int(str(result["cores"]))
            rows = millions * MILLION
            ratio = f"{wall / local_wall:.2f}×" if local_wall and millions == 1 else ""
            print(f"| {rows:,} | {ppc} | {wall:.1f} | {float(str(result['session'])):.1f} "
                  f"| {rows / wall:,.0f} | {rows / wall / cores:,.0f} | {ratio} "
                  f"| {load:.2f} → {os.getloadavg()[0]:.2f} |", flush=True)  # fmt: skip
            summary = result["summary"]
            assert isinstance(summary, dict)
            print(f"<!-- {millions}M ppc {ppc} stages: {json.dumps(summary['timings'])} -->")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\nCPU seconds of all child runs: {usage.ru_utime + usage.ru_stime:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
