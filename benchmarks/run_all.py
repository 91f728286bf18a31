"""Run every benchmark script in this folder in turn; each prints its own markdown table.

Usage: ``.venv/bin/python benchmarks/run_all.py [NAME ...]`` (names without ``bench_`` and ``.py``).
Results are recorded by hand in docs/benchmarks.md together with the command and the machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(selected: list[str]) -> int:
    """Run the selected benchmarks (all when none are named); return the worst exit code."""
    scripts = sorted(HERE.glob("bench_*.py"))
    if selected:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in selected]
    worst = 0
    for script in scripts:
        print(f"\n## {script.stem}\n", flush=True)
        worst = max(worst, subprocess.call([sys.executable, str(script)]))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
