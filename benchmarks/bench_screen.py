"""Screening benchmark: 1,000,000 synthetic records end to end, and accuracy on planted cases.

Usage: ``.venv/bin/python benchmarks/bench_screen.py [--rows 1000000] [--accuracy-rows 20000]``.
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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
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


def screen_child(data: Path, out: Path) -> None:
    """Child process: screen ``data`` and print the summary as JSON on the last line."""
    from cordon.screen.pipeline import screen_file

    start = time.perf_counter()
    summary = screen_file(data, out)
    wall = time.perf_counter() - start
    print(json.dumps({"wall": wall, "summary": summary.to_dict()}))


def run_screen(data: Path, out: Path) -> tuple[dict[str, object], float]:
    """Screen in a child process; return its result and its peak RSS in MiB."""
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(data), str(out)],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
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


def big_run(rows: int, work: Path, setup: dict[str, float]) -> None:
    """Generate and screen ``rows`` records; print the timing table."""
    from cordon.demo import generate_demo_dataset

    start = time.perf_counter()
    big = generate_demo_dataset(work / "big" / "customs.csv", rows=rows, seed=11)
    generate_seconds = time.perf_counter() - start
    result, peak_mib = run_screen(big.path, work / "big-out")
    summary = result["summary"]
    assert isinstance(summary, dict)

    print(f"### {rows:,} records end to end (lists: SDN + UN + sample)\n")
    print("| step | seconds |\n|---|---:|")
    for step, seconds in setup.items():
        print(f"| setup: {step} | {seconds:.1f} |")
    print(f"| setup: generate {rows:,} rows ({big.path.stat().st_size / 1e6:.0f} MB CSV) "
          f"| {generate_seconds:.1f} |")  # fmt: skip
    for stage, seconds in summary["timings"].items():
        print(f"| screen: {stage} | {seconds:.1f} |")
    print(f"| **screen: total wall** | **{result['wall']:.1f}** |")
    print(f"| screen: CPU time (user + sys, all processes) | {result['cpu']:.1f} |")
    print(f"\npeak RSS of the screening process: **{peak_mib:.0f} MiB**; "
          f"input {summary['input_rows']:,}, screened {summary['screened']:,}, "
          f"rejected {summary['rejected']:,}, alerted {summary['alerted']:,}, "
          f"distinct parties matched {summary['parties_screened']:,}\n")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="0 skips the big run")
    parser.add_argument("--accuracy-rows", type=int, default=20_000)
    parser.add_argument("--child", nargs=2, metavar=("DATA", "OUT"))
    args = parser.parse_args()
    if args.child:
        screen_child(Path(args.child[0]), Path(args.child[1]))
        return 0

    work = Path(tempfile.mkdtemp(prefix="cordon-bench-screen-"))
    os.environ["CORDON_HOME"] = str(work / "home")
    from cordon.demo import evaluate, generate_demo_dataset

    setup = prepare_store()
    if args.rows > 0:
        big_run(args.rows, work, setup)

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
