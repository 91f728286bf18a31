"""List loading benchmark: parse and load the real OFAC, UN, BIS DPL, CSL and EU files.

Each dataset is loaded into a fresh scratch store ``--repeat`` times; the table shows the
median parse time (files -> FtM entities) and the median full load (parse + checksum +
Arrow build + one-transaction insert), with the machine it ran on.

    .venv/bin/python benchmarks/bench_lists_load.py --repeat 3
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DATASETS = {
    "us_ofac_sdn": SHARED / "ofac",
    "un_sc_sanctions": SHARED / "un" / "consolidated.xml",
    "us_bis_denied": SHARED / "bis" / "dpl.txt",
    "us_trade_csl": SHARED / "bis" / "csl_sample.csv",
    "us_ofac_cons": SHARED / "real-formats" / "ofac_xml",
    "eu_fsf": SHARED / "real-formats" / "eu_fsf" / "eu_fsf_2022-03-18_prefix.xml",
}


def machine() -> str:
    """One line describing the machine and its load while the benchmark ran."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return (
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs "
        f"({platform.processor() or platform.machine()}), load average {load[0]:.2f} at start"
    )


def bench(dataset: str, path: Path, repeat: int) -> tuple[int, int, float, float]:
    """(entities, names, median parse seconds, median load seconds) for one dataset."""
    from cordon.lists.load import load_dataset
    from cordon.lists.registry import get_parser
    from cordon.store import connect

    parser = get_parser(dataset, [path])
    parse_times, load_times = [], []
    entities = names = 0
    for _ in range(repeat):
        start = time.perf_counter()
        list(parser.parse([path], dataset))
        parse_times.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as home:
            os.environ["CORDON_HOME"] = home
            conn = connect()
            start = time.perf_counter()
            result = load_dataset(conn, dataset, [path])
            load_times.append(time.perf_counter() - start)
            conn.close()
        entities, names = result.entity_count, result.name_count
    return entities, names, statistics.median(parse_times), statistics.median(load_times)


def main(argv: list[str]) -> int:
    """Print the markdown table; returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per dataset (median reported)")
    args = parser.parse_args(argv)
    from cordon.lists.build import make, put

    put(make("Person", "warm-up"), "nationality", "Russia")  # one-time country-name table build
    print(f"Machine: {machine()}\n")
    print("| dataset | entities | names | parse (s) | full load (s) | entities/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for dataset, path in DATASETS.items():
        entities, names, parse_s, load_s = bench(dataset, path, args.repeat)
        print(
            f"| {dataset} | {entities:,} | {names:,} | {parse_s:.2f} | {load_s:.2f} | "
            f"{entities / load_s:,.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
