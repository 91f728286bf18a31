"""Matching benchmark: cordon vs nomenklatura (xref blocker + logic-v1) on the same queries.

Loads OFAC SDN and the UN list from ../shared/data into a scratch store, generates positives
(variants of listed names) and negatives (unlisted look-alikes), then reports recall, false-
positive rate, throughput and index build time for both matchers as a markdown table.

    .venv/bin/python benchmarks/bench_matching.py --positives 2000 --negatives 2000
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from matching_queries import BenchQuery, ListedRecord, make_queries

from cordon.names import legal_forms, normalize, phonetic, translit
from cordon.names.index import MATCHABLE_SCHEMATA
from cordon.names.matcher import Matcher
from cordon.names.model import Query
from cordon.names.score import DEFAULT_THRESHOLD

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
LISTS = {"us_ofac_sdn": SHARED / "ofac", "un_sc_sanctions": SHARED / "un" / "consolidated.xml"}
NOMENKLATURA_THRESHOLD = 0.7  # yente's default match threshold for logic-v1
NOMENKLATURA_CANDIDATES = 10  # blocker candidates scored per query (yente scores a few dozen)


def load_store(home: Path) -> tuple[object, list[str]]:
    """A scratch store with every list whose parser is available."""
    os.environ["CORDON_HOME"] = str(home)
    from cordon.lists.load import load_dataset
    from cordon.store import connect

    conn = connect()
    loaded = []
    for dataset, path in LISTS.items():
        try:
            load_dataset(conn, dataset, [path])
            loaded.append(dataset)
        except Exception as error:
            print(f"note: {dataset} not loaded ({type(error).__name__}: {error})", file=sys.stderr)
    return conn, loaded


def listed_records(conn: object) -> list[tuple[dict, ListedRecord]]:
    """Active matchable entities: their FtM dict and the generator's view of them."""
    schemata = ", ".join(f"'{s}'" for s in MATCHABLE_SCHEMATA)
    rows = conn.execute(  # type: ignore[attr-defined]
        "SELECT e.dataset, e.id, e.schema, e.properties FROM entities e JOIN list_versions v "
        f"USING (dataset, version) WHERE v.active AND e.schema IN ({schemata})"
    ).fetchall()
    out = []
    for dataset, entity_id, schema, properties in rows:
        props = orjson.loads(properties)
        names = tuple(props.get("name", []) + props.get("alias", []))
        data = {"id": entity_id, "schema": schema, "properties": props, "datasets": [dataset]}
        countries = tuple(props.get("country", []) + props.get("nationality", []))
        out.append((data, ListedRecord(entity_id, schema, names, countries)))
    return out


def clear_caches() -> None:
    """Forget every memoized normalization so each timed run starts cold."""
    for function in (
        normalize.normalize_name, translit.latinize_token, translit.token_script,
        phonetic.skeleton, phonetic.consonant_key, legal_forms.split_legal_forms,
        legal_forms.repair_legal_word,
    ):  # fmt: skip
        function.cache_clear()


def evaluate(queries: Sequence[BenchQuery], answers: Sequence[set[str]]) -> dict[str, float]:
    """Recall on positives, false-positive rate on negatives, recall per variant."""
    hits, positives, false_alerts, negatives = 0, 0, 0, 0
    by_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for query, found in zip(queries, answers, strict=True):
        if query.expected is None:
            negatives += 1
            false_alerts += bool(found)
            by_variant[query.variant][1] += 1
            by_variant[query.variant][0] += bool(found)
        else:
            positives += 1
            hit = query.expected in found
            hits += hit
            by_variant[query.variant][1] += 1
            by_variant[query.variant][0] += hit
    result = {"recall": hits / max(positives, 1), "fpr": false_alerts / max(negatives, 1)}
    for variant, (ok, total) in by_variant.items():
        result[f"variant:{variant}"] = ok / total
    return result


def run_cordon(
    conn: object, queries: Sequence[BenchQuery], processes: int, rebuild: bool
) -> dict[str, float]:
    """Build (``rebuild``) or load the persisted index, timed, then match every query."""
    from cordon.config import get_settings
    from cordon.names import matcher as matcher_module

    matcher_module._LOADED.clear()
    if rebuild:
        shutil.rmtree(get_settings().index_dir, ignore_errors=True)
    clear_caches()
    started = time.perf_counter()
    matcher = Matcher.for_store(conn)  # type: ignore[arg-type]
    build = time.perf_counter() - started
    batch = [Query((q.name,), schema=q.schema) for q in queries]
    clear_caches()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    results = matcher.match_many(batch, limit=5, threshold=DEFAULT_THRESHOLD, processes=processes)
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    answers = [{c.entity_id for c in found} for found in results]
    return measured(queries, answers, build, elapsed, cpu)


def measured(
    queries: Sequence[BenchQuery],
    answers: Sequence[set[str]],
    build: float,
    elapsed: float,
    cpu: float,
) -> dict[str, float]:
    """Quality (see :func:`evaluate`) and speed figures of one run."""
    metrics = evaluate(queries, answers)
    unique = len({(q.name, q.schema) for q in queries})
    metrics.update(
        build=build, seconds=elapsed, qps=unique / elapsed, unique=unique, cpu=cpu,
        cpu_qps=unique / cpu,
    )  # fmt: skip
    return metrics


def _cpu_seconds() -> float:
    """CPU time of this process, its threads and its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_nomenklatura(
    records: Sequence[dict], queries: Sequence[BenchQuery], work: Path
) -> dict[str, float]:
    """The same queries through nomenklatura's blocker index and the logic-v1 algorithm."""
    from followthemoney import Dataset, StatementEntity
    from nomenklatura.blocker import Index
    from nomenklatura.matching import LogicV1, ScoringConfig
    from nomenklatura.resolver import Linker
    from nomenklatura.store import MemoryStore

    logging.getLogger("nomenklatura").setLevel(logging.WARNING)
    dataset = Dataset.make({"name": "bench", "title": "bench"})
    store: MemoryStore = MemoryStore(dataset, Linker({}))
    writer = store.writer()
    for data in records:
        writer.add_entity(StatementEntity.from_data(dataset, data))
    writer.flush()
    view = store.default_view()
    started = time.perf_counter()
    index = Index(view, work / "nk-index")
    index.build()
    build = time.perf_counter() - started
    config = ScoringConfig.defaults()
    subjects = {}
    for i, query in enumerate(queries):
        entity = StatementEntity.from_data(
            dataset, {"id": f"q{i}", "schema": query.schema, "properties": {"name": [query.name]}}
        )
        subjects[entity.id] = entity
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    found: dict[str, set[str]] = {key: set() for key in subjects}
    for identifier, candidates in index.match_entities(subjects.values()):
        subject = subjects[identifier.id]
        scored = []
        for candidate_id, _ in candidates[:NOMENKLATURA_CANDIDATES]:
            candidate = view.get_entity(candidate_id.id)
            if candidate is None:
                continue
            result = LogicV1.compare(subject, candidate, config)
            if result.score >= NOMENKLATURA_THRESHOLD:
                scored.append((result.score, candidate_id.id))
        found[identifier.id] = {c for _, c in sorted(scored, reverse=True)[:5]}
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    index.close()
    answers = [found[f"q{i}"] for i in range(len(queries))]
    return measured(queries, answers, build, elapsed, cpu)


SCORE_BANDS = (
    (0.5, 0.6),
    (0.6, 0.7),
    (0.7, 0.8),
    (0.8, 0.85),
    (0.85, 0.9),
    (0.9, 0.95),
    (0.95, 1.01),
)


def calibration_table(conn: object, queries: Sequence[BenchQuery]) -> str:
    """How often cordon's top candidate is the right entity, per band of its score."""
    matcher = Matcher.for_store(conn)  # type: ignore[arg-type]
    batch = [Query((q.name,), schema=q.schema) for q in queries]
    results = matcher.match_many(batch, limit=1, threshold=SCORE_BANDS[0][0])
    counts = {band: [0, 0] for band in SCORE_BANDS}
    for query, found in zip(queries, results, strict=True):
        if not found:
            continue
        top = found[0]
        for band in SCORE_BANDS:
            if band[0] <= top.score < band[1]:
                counts[band][0] += top.entity_id == query.expected
                counts[band][1] += 1
    lines = ["| top score | queries | right entity |", "|---|---|---|"]
    for (low, high), (right, total) in counts.items():
        share = f"{right / total:.3f}" if total else "-"
        lines.append(f"| {low:.2f}–{min(high, 1.0):.2f} | {total} | {share} |")
    return "\n".join(lines)


def table(rows: dict[str, dict[str, float]]) -> str:
    """The markdown results table."""
    lines = [
        "| matcher | recall | false-positive rate | unique queries/s (wall) | "
        "queries per CPU-second | wall s | CPU s | index build/load s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, m in rows.items():
        lines.append(
            f"| {label} | {m['recall']:.3f} | {m['fpr']:.4f} | {m['qps']:,.0f} | "
            f"{m['cpu_qps']:,.0f} | {m['seconds']:.2f} | {m['cpu']:.2f} | {m['build']:.2f} |"
        )
    return "\n".join(lines)


def variant_table(rows: dict[str, dict[str, float]]) -> str:
    """Recall (positives) or alert rate (negatives) per query variant."""
    variants = sorted({k for m in rows.values() for k in m if k.startswith("variant:")})
    lines = ["| variant | " + " | ".join(rows) + " |", "|---" * (len(rows) + 1) + "|"]
    for variant in variants:
        cells = " | ".join(f"{m.get(variant, float('nan')):.3f}" for m in rows.values())
        lines.append(f"| {variant.removeprefix('variant:')} | {cells} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positives", type=int, default=2000)
    parser.add_argument("--negatives", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-nomenklatura", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cordon-bench-") as scratch:
        work = Path(scratch)
        conn, loaded = load_store(work / "home")
        records = listed_records(conn)
        queries = make_queries([r for _, r in records], args.positives, args.negatives, args.seed)
        kinds = Counter(q.variant for q in queries)
        print(
            f"lists: {', '.join(loaded)}; {len(records)} matchable entities; "
            f"{len(queries)} queries ({args.positives} positives, {args.negatives} negatives)"
        )
        print("variants:", dict(kinds))
        rows: dict[str, dict[str, float]] = {}
        rows["cordon (1 process, index built)"] = run_cordon(conn, queries, 1, rebuild=True)
        rows["cordon (2 processes, index loaded)"] = run_cordon(conn, queries, 2, rebuild=False)
        if not args.skip_nomenklatura:
            rows["nomenklatura 4.17.4 logic-v1"] = run_nomenklatura(
                [d for d, _ in records], queries, work
            )
        print()
        print(f"threshold: cordon {DEFAULT_THRESHOLD}, nomenklatura {NOMENKLATURA_THRESHOLD}")
        print(table(rows))
        print()
        print(variant_table(rows))
        print()
        print(calibration_table(conn, queries))


run: Callable[[], None] = main

if __name__ == "__main__":
    main()
