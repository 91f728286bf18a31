"""Benchmark: read + validate a generated 1,000,000-row customs CSV with ``read_batches``.

Writes the file into a temporary directory (UTF-8 by default, or ``--encoding cp1251`` to
measure on-the-fly transcoding), plants one malformed row in every 10,000, and prints the
time, throughput, peak RSS and the accounting. Usage::

    .venv/bin/python benchmarks/bench_read.py [--rows N] [--encoding utf-8] [--batch-size N]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from cordon.records.read import read_batches

HEADER = [
    "Record ID",
    "Date",
    "Shipper",
    "Shipper Country",
    "Shipper Address",
    "Consignee",
    "Consignee Country",
    "ИНН ПОЛУЧАТЕЛЯ",
    "HS Code",
    "Goods Description",
    "Country of Origin",
    "Country of Dispatch",
    "Destination Country",
    "Value",
    "Currency",
    "Quantity",
    "Unit",
    "Net Weight",
]
EXPORTERS = [
    "Shenzhen Bright Electronics Co Ltd",
    "Hong Kong Pioneer Trading Ltd",
    "珠海导航科技有限公司",
    "Guangzhou Navi Tech",
]
IMPORTERS = ['ООО "Радиотехника"', "JSC Avia Parts", "OOO Navigator", "АО Радиоприбор"]
COUNTRIES = ["China", "CN", "Hong Kong", "КНР", "ОАЭ", "Türkiye", "Kazakhstan", "中国香港"]
GOODS = [
    ("8542.31.0000", "Microcontrollers STM32F407, industrial grade"),
    ("8526910000", "GNSS receiver modules"),
    ("880730", "Запасные части для БПЛА"),
    ("950300", "Toy cars"),
    ("85423900", "集成电路"),
]


def _encodable(pool: list[Any], encoding: str) -> list[Any]:
    """The values of a pool the target encoding can represent (no "?" garbage in cp1251)."""
    return [
        value
        for value in pool
        if all(_fits(part, encoding) for part in (value if isinstance(value, tuple) else (value,)))
    ]


def _fits(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def write_csv(path: Path, rows: int, encoding: str, seed: int = 7) -> int:
    """Write the benchmark file; returns the number of rows planted as malformed."""
    rng = random.Random(seed)
    exporters, countries, goods = (
        _encodable(pool, encoding) for pool in (EXPORTERS, COUNTRIES, GOODS)
    )
    bad = 0
    with path.open("w", encoding=encoding, errors="replace", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(1, rows + 1):
            code, description = rng.choice(goods)
            if i % 10_000 == 0:
                writer.writerow([f"R{i}", "not a date", "X", "CN"])  # wrong field count
                bad += 1
                continue
            writer.writerow(
                [
                    f"R{i}",
                    f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.202{rng.randint(2, 4)}",
                    rng.choice(exporters),
                    rng.choice(countries),
                    "Room 5, Building 3, Nanshan District",
                    rng.choice(IMPORTERS),
                    "Russia",
                    str(rng.randint(10**9, 10**10 - 1)),
                    code,
                    description,
                    rng.choice(countries),
                    rng.choice(countries),
                    "RU",
                    f"{rng.random() * 100000:.2f}",
                    rng.choice(["USD", "CNY", "юань", "RUB"]),
                    str(rng.randint(1, 5000)),
                    "pcs",
                    f"{rng.random() * 500:.3f}",
                ]
            )
    return bad


def main() -> None:
    """Generate, read and report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--encoding", default="utf-8")
    parser.add_argument("--batch-size", type=int, default=200_000)
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "customs.csv"
        started = time.perf_counter()
        planted = write_csv(path, args.rows, args.encoding)
        console.print(
            f"generated {args.rows:,} rows, {path.stat().st_size / 1e6:,.0f} MB "
            f"in {time.perf_counter() - started:.1f} s"
        )
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        cpu_started = time.process_time()
        kept = rejected = read = batches = 0
        for batch in read_batches(path, batch_size=args.batch_size):
            kept += batch.table.num_rows
            rejected += len(batch.rejects)
            read += batch.rows_read
            batches += 1
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table = Table(title="cordon.records.read_batches", show_header=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for metric, value in (
        ("rows", f"{args.rows:,}"),
        ("encoding", args.encoding),
        ("wall seconds", f"{elapsed:.1f}"),
        ("CPU seconds", f"{cpu:.1f}"),
        ("rows/s", f"{read / elapsed:,.0f}"),
        ("batches", str(batches)),
        ("kept", f"{kept:,}"),
        ("rejected", f"{rejected:,}"),
        ("planted malformed", f"{planted:,}"),
        ("peak RSS MB", f"{peak:,.0f}"),
        ("RSS before reading MB", f"{rss_before:,.0f}"),
    ):
        table.add_row(metric, value)
    console.print(table)
    if read != args.rows or rejected != planted:
        raise SystemExit(
            f"accounting broken: read {read:,} of {args.rows:,}, "
            f"rejected {rejected:,} (planted {planted:,})"
        )


if __name__ == "__main__":
    main()
