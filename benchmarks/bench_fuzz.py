"""Fuzz the customs readers, the list parsers and the matcher for minutes (issue 10's target).

Runs the targets of ``tests/security/fuzzing.py`` (the attack suite runs the same ones for
seconds) with hypothesis, random and many more examples, each target for ``--seconds`` of wall
time, and prints per target: inputs tried, wall time, failures (a non-``CordonError`` exception
or an input over 5 s twice in a row), the slowest input, and the process's peak memory. Exit 1
on any failure. Record the printed table in docs/benchmarks.md.

Usage: ``.venv/bin/python benchmarks/bench_fuzz.py [--seconds 60] [--target csv ...]``
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.security import fuzzing

CHUNK = 50  # inputs per hypothesis run; runs repeat until the target's time is spent

Target = tuple[st.SearchStrategy[Any], Callable[[Any], None]]


def _file_target(suffix: str, seed: bytes, run: Callable[[Path], object]) -> Target:
    fuzzing.warm_up(suffix, seed, run)
    return fuzzing.mutated(seed), lambda data: fuzzing.check_file(suffix, data, run)


def targets() -> dict[str, Target]:
    """Name -> (input strategy, check of one input)."""
    found: dict[str, Target] = {}
    for suffix, seed in fuzzing.record_seeds().items():
        found[suffix.lstrip(".")] = _file_target(suffix, seed, fuzzing.read_all)
    for fmt, (dataset, name, seed) in fuzzing.list_seeds().items():
        found[f"list-{fmt}"] = _file_target(".in", seed, fuzzing.load_list(dataset, name))
    fuzzing.sample_matcher()
    found["matcher"] = (fuzzing.names, fuzzing.match_name)
    return found


def fuzz(
    name: str, strategy: st.SearchStrategy[object], check: Callable[[object], None], seconds: float
) -> dict[str, object]:
    """Run one target until ``seconds`` have passed; its counts and slowest input."""
    tried = 0
    slowest = 0.0
    failures: list[str] = []
    stop_at = time.monotonic() + seconds

    @settings(
        max_examples=CHUNK,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(data: object) -> None:
        nonlocal tried, slowest
        if time.monotonic() > stop_at:
            return  # the budget is spent: the rest of this chunk is skipped
        started = time.monotonic()
        tried += 1
        try:
            check(data)
        except Exception as exc:  # every failure is recorded, the run goes on
            failures.append(f"{type(exc).__name__}: {str(exc)[:200]} <- {data!r:.200}")
        slowest = max(slowest, time.monotonic() - started)

    started = time.monotonic()
    while time.monotonic() < stop_at:  # chunks of fresh random inputs until the time is up
        run()
    return {
        "target": name,
        "inputs": tried,
        "seconds": time.monotonic() - started,
        "failures": failures,
        "slowest": slowest,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="per target")
    parser.add_argument("--target", action="append", help="only these targets")
    args = parser.parse_args()
    os.environ.setdefault("CORDON_HOME", str(Path("/tmp") / f"cordon-fuzz-{os.getpid()}"))
    chosen = targets()
    if args.target:
        chosen = {k: v for k, v in chosen.items() if k in args.target}
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("| target | inputs tried | wall (s) | failures | slowest input (s) |")
    print("|---|---:|---:|---:|---:|")
    failed = 0
    for name, (strategy, check) in chosen.items():
        result = fuzz(name, strategy, check, args.seconds)
        failures = result["failures"]
        assert isinstance(failures, list)
        failed += len(failures)
        print(
            f"| {name} | {result['inputs']:,} | {result['seconds']:.0f} | {len(failures)} "
            f"| {result['slowest']:.2f} |",
            flush=True,
        )
        for line in failures[:5]:
            print(f"    {line}", file=sys.stderr)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()
    print(
        f"peak memory of the fuzzing process: {peak:,.0f} MiB; "
        f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
