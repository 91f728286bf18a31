"""Screening benchmark: 1,000,000 synthetic records end to end, and accuracy on planted cases.

Usage: ``.venv/bin/python benchmarks/bench_screen.py [--rows 1000000] [--accuracy-rows 20000]
[--work DIR]``. With ``--work`` the store and the generated files are kept in DIR and reused by
later runs (so several input sizes can be measured against one store); ``--accuracy-rows 0``
skips the accuracy run.
Loads OFAC SDN + UN (from ../shared/data) and the bundled sample list into a temporary store,
generates the data with cordon's demo generator, screens it in a child process (so its peak RSS
is measured alone) and prints markdown tables: wall time per stage, peak RSS, party recall, false
party alert rate and CHPL classification errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
BATCH_SIZE = 100_000  # screen_file's default
LISTS = {
    "us_ofac_sdn": [SHARED / "ofac"],
    "un_sc_sanctions": [SHARED / "un" / "consolidated.xml"],
}


def prepare_store() -> dict[str, float]:
    """Load SDN, UN and the sample list; build the name index. Returns seconds per step."""
    from cordon import store
    from cordon.lists.load import load_dataset
    from cordon.lists.sample import load_sample
    from cordon.names.matcher import Matcher

    seconds: dict[str, float] = {}
    conn = store.connect()
    try:
        for dataset, paths in LISTS.items():
            start = time.perf_counter()
            load_dataset(conn, dataset, paths)
            seconds[f"load {dataset}"] = time.perf_counter() - start
        start = time.perf_counter()
        load_sample(conn)
        Matcher.for_store(conn, None)
        seconds["load sample + build name index"] = time.perf_counter() - start
    finally:
        conn.close()
    return seconds


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _track_stage_rss(peaks: dict[str, float]) -> None:
    """Sample this process's RSS every 50 ms into ``peaks`` under the running pipeline stage."""
    from contextlib import contextmanager

    from cordon.screen.summary import StageTimer

    current = ["setup"]
    plain_stage = StageTimer.stage

    @contextmanager
    def stage(self: StageTimer, name: str) -> Iterator[None]:
        current[0] = name
        with plain_stage(self, name):
            yield
        current[0] = "between stages"

    StageTimer.stage = stage  # type: ignore[method-assign]

    def sample() -> None:
        while True:
            peaks[current[0]] = max(peaks.get(current[0], 0.0), _rss_mib())
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()


def screen_child(data: Path, out: Path, batch_size: int) -> None:
    """Child process: screen ``data``; print the summary and RSS peaks as JSON on the last line."""
    from cordon.screen.pipeline import screen_file

    peaks: dict[str, float] = {}
    _track_stage_rss(peaks)
    start = time.perf_counter()
    summary = screen_file(data, out, batch_size=batch_size)
    wall = time.perf_counter() - start
    print(json.dumps({"wall": wall, "summary": summary.to_dict(), "rss_by_stage": peaks}))


def run_screen(
    data: Path, out: Path, batch_size: int = BATCH_SIZE
) -> tuple[dict[str, object], float]:
    """Screen in a child process; return its result and its peak RSS in MiB."""
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(data), str(out), "--batch-size", str(batch_size)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    if proc.returncode != 0:
        sys.exit(f"screening {data} failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["cpu"] = usage.ru_utime + usage.ru_stime  # cumulative over children so far
    return result, usage.ru_maxrss / 1024


def chpl_errors(out: Path, data: Path) -> tuple[int, int]:
    """(well-formed CHPL-code records, records whose tier differs from shared chpl.csv)."""
    import duckdb

    with (SHARED / "export-controls" / "chpl.csv").open(encoding="utf-8") as fh:
        tiers = {row["hs6"]: row["tier"] for row in csv.DictReader(fh)}
    conn = duckdb.connect()
    rows = conn.execute(
        "SELECT record_id, substr(regexp_replace(hs_code, '[^0-9]', '', 'g'), 1, 6) "
        "FROM read_csv(?, all_varchar = true)",
        [str(data)],
    ).fetchall()
    alerted = {}
    with (out / "alerts.jsonl").open("rb") as fh:
        for line in fh:
            alert = json.loads(line)
            alerted[alert["record_id"]] = [r for r in alert["reasons"] if r["kind"] == "chpl"]
    expected = [(rid, hs6) for rid, hs6 in rows if hs6 in tiers]
    wrong = sum(
        1
        for rid, hs6 in expected
        if [(r["hs6"], r["tier"]) for r in alerted.get(rid, [])] != [(hs6, tiers[hs6])]
    )
    wrong += sum(1 for rid, hs6 in rows if hs6 not in tiers and alerted.get(rid))
    return len(expected), wrong


def big_run(rows: int, work: Path, setup: dict[str, float], batch_size: int) -> None:
    """Generate and screen ``rows`` records; print the timing table."""
    from cordon.demo import generate_demo_dataset

    start = time.perf_counter()
    data = work / f"big-{rows}" / "customs.csv"
    if not data.exists():
        generate_demo_dataset(data, rows=rows, seed=11)
    generate_seconds = time.perf_counter() - start
    load_before = os.getloadavg()
    result, peak_mib = run_screen(data, work / f"big-{rows}-out", batch_size)
    load_after = os.getloadavg()
    summary = result["summary"]
    assert isinstance(summary, dict)

    print(
        f"### {rows:,} records end to end (lists: SDN + UN + sample; batches of {batch_size:,})\n"
    )
    print("| step | seconds |\n|---|---:|")
    for step, seconds in setup.items():
        print(f"| setup: {step} | {seconds:.1f} |")
    print(f"| setup: generate {rows:,} rows ({data.stat().st_size / 1e6:.0f} MB CSV) "
          f"| {generate_seconds:.1f} |")  # fmt: skip
    rss = result["rss_by_stage"]
    assert isinstance(rss, dict)
    for stage, seconds in summary["timings"].items():
        print(f"| screen: {stage} (peak RSS {rss.get(stage, 0):.0f} MiB) | {seconds:.1f} |")
    print(f"| **screen: total wall** | **{result['wall']:.1f}** |")
    print(f"| screen: CPU time (user + sys, all processes) | {result['cpu']:.1f} |")
    print(f"\npeak RSS of the screening process: **{peak_mib:.0f} MiB**; "
          f"input {summary['input_rows']:,}, screened {summary['screened']:,}, "
          f"rejected {summary['rejected']:,}, alerted {summary['alerted']:,}, "
          f"distinct parties matched {summary['parties_screened']:,}; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (1 min)\n")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="0 skips the big run")
    parser.add_argument("--accuracy-rows", type=int, default=20_000, help="0 skips it")
    parser.add_argument("--work", type=Path, help="keep the store and data here for reuse")
    parser.add_argument("--child", nargs=2, metavar=("DATA", "OUT"))
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="rows per batch")
    args = parser.parse_args()
    if args.child:
        screen_child(Path(args.child[0]), Path(args.child[1]), args.batch_size)
        return 0

    work = args.work or Path(tempfile.mkdtemp(prefix="cordon-bench-screen-"))
    reuse = (work / "home" / "cordon.lists-only").exists()
    os.environ["CORDON_HOME"] = str(work / "home")
    from cordon.demo import evaluate, generate_demo_dataset

    store_file = work / "home" / "cordon.duckdb"
    pristine = store_file.with_suffix(".lists-only")
    if reuse:  # every screening starts from the store as it was with just the lists
        shutil.copyfile(pristine, store_file)
        setup: dict[str, float] = {}
    else:
        setup = prepare_store()
        shutil.copyfile(store_file, pristine)
    if args.rows > 0:
        big_run(args.rows, work, setup, args.batch_size)
    if args.accuracy_rows <= 0:
        return 0

    small = generate_demo_dataset(work / "small" / "customs.csv", rows=args.accuracy_rows, seed=7)
    small_result, _ = run_screen(small.path, work / "small-out")
    small_summary = small_result["summary"]
    assert isinstance(small_summary, dict)
    score = evaluate(
        small.truth_path, work / "small-out" / "alerts.jsonl", small_summary["screened"]
    )
    chpl_total, chpl_wrong = chpl_errors(work / "small-out", small.path)
    print(f"### accuracy on the planted-evasion dataset ({args.accuracy_rows:,} rows, seed 7)\n")
    print("| measure | value | target |\n|---|---:|---:|")
    print(
        f"| party recall | {score.party_recall:.3f} "
        f"({score.party_found}/{score.party_planted}) | >= 0.95 |"
    )
    print(f"| false party alerts on clean records | {score.false_party_rate:.4%} "
          f"({score.clean_party_alerts}/{score.clean_records}) | <= 1% |")  # fmt: skip
    print(f"| CHPL classification errors | {chpl_wrong} of {chpl_total} CHPL-code records | 0 |")
    for case, (planted, detected) in score.cases.items():
        print(f"| case {case}: planted rows with the expected red flag | {detected}/{planted} | |")
    print(f"\nwork dir: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
