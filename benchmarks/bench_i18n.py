"""Time what the four languages cost: compiling the catalogues, looking messages up, and rendering
the demo run's report in each language from the same tables.

Usage: ``.venv/bin/python benchmarks/bench_i18n.py [--rows N]`` (default 20,000 demo records);
prints a markdown table. The report's queries run once; only the rendering is timed per language.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from cordon.analytics.report import collect_tables, render_report
from cordon.i18n import _, use_language
from cordon.i18n.catalog import known_messages, translations
from cordon.i18n.languages import available_languages
from cordon.lists.status import run_list_statuses

LOOKUPS = 200_000


def main() -> None:
    """Generate and screen the demo data, then time catalogues, lookups and report rendering."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CORDON_HOME"] = tmp
        from cordon import store
        from cordon.demo import run_demo

        conn = store.connect(Path(tmp) / "cordon.duckdb")
        result = run_demo(Path(tmp) / "demo", rows=args.rows, conn=conn)
        run_id = result.summary.run_id
        tables = collect_tables(conn, run_id)
        lists = run_list_statuses(conn, run_id)
        print(f"demo run: {args.rows:,} records, {result.summary.alerted:,} alerts\n")
        print("| language | compile catalogue (ms) | messages | lookups/s | render report (s) "
              "| HTML (MB) |")
        print("|---|---:|---:|---:|---:|---:|")
        for code in available_languages():
            translations.cache_clear()
            known_messages.cache_clear()
            start = time.perf_counter()
            translations(code)
            count = len(known_messages(code))
            compile_ms = 1000 * (time.perf_counter() - start)
            with use_language(code):
                start = time.perf_counter()
                for _i in range(LOOKUPS):
                    _("Alerts")
                rate = LOOKUPS / (time.perf_counter() - start)
            start = time.perf_counter()
            html = render_report(run_id, tables, lists, code)
            render_s = time.perf_counter() - start
            print(f"| {code} | {compile_ms:.1f} | {count:,} | {rate:,.0f} | {render_s:.2f} | "
                  f"{len(html.encode()) / 1e6:.1f} |")
        conn.close()


if __name__ == "__main__":
    main()
