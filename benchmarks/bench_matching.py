"""Matching benchmark: cordon vs nomenklatura's logic-v2 and logic-v1 on the same queries, same run.

Suites (``--suite``, default all three):

* ``generated`` — OFAC SDN + UN indexed together; realistic variants of listed names and unlisted
  look-alikes made by ``matching_queries.py`` (self-generated, not split);
* ``cross_script`` — the held-back evaluation set of ``eval_sets.py``: original-script and
  translated names against the lists' Latin names, with hard negatives (``--split``, default test);
* ``persons`` — the OpenSanctions-style person benchmark: SDN + UN indexed together, variants of
  listed persons' names and ordinary people's names in several scripts (``--split``).

For each suite: recall, false-alert rate (each matcher at its own default threshold), recall or
alert rate per kind, score bands vs precision, unique names/s with one and two processes, and the
ratio to logic-v2's batch rate. nomenklatura runs as yente does without Elasticsearch: its blocker
index (``nomenklatura.blocker.Index``: name tokens, name parts and rigour's name symbols) proposes
candidates, the algorithm scores the top ``--nk-candidates`` of each query.

    .venv/bin/python benchmarks/bench_matching.py --split test
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_sets
from eval_sets import EvalCase
from matching_queries import ListedRecord, make_queries

from cordon.names.matcher import Matcher
from cordon.names.model import Query
from cordon.settings import DEFAULT_THRESHOLD

NOMENKLATURA_THRESHOLD = 0.7  # yente's default SCORE_THRESHOLD, for logic-v1 and logic-v2
LIMIT = 5  # candidates returned per query, as yente's /match default
SUITES = ("generated", "cross_script", "persons")
SCORE_BANDS = ((0.3, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9),
               (0.9, 0.95), (0.95, 1.01))  # fmt: skip


@dataclass
class Run:
    """One matcher's answers to a suite: alerts per query, its top candidate, time spent."""

    answers: list[set[str]]  # entity ids at or above the matcher's threshold
    tops: list[tuple[float, str | None]]  # best score and entity (any score) per query
    build: float = 0.0
    seconds: float = 0.0
    cpu: float = 0.0
    metrics: dict[str, float] = field(default_factory=dict)


def clear_caches() -> None:
    """Forget every memoized normalization of ``cordon.names`` so each timed run starts cold."""
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("cordon.names"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _cpu_seconds() -> float:
    """CPU time of this process, its threads and its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def evaluate(cases: Sequence[EvalCase], run: Run) -> dict[str, float]:
    """Recall on positives, false-alert rate on negatives, and the rate per kind."""
    hits, positives, false_alerts, negatives = 0, 0, 0, 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case, found in zip(cases, run.answers, strict=True):
        if case.expected:
            ok = bool(found & set(case.expected))
            hits, positives = hits + ok, positives + 1
        else:
            ok = bool(found)
            false_alerts, negatives = false_alerts + ok, negatives + 1
        by_kind[case.kind][0] += ok
        by_kind[case.kind][1] += 1
    result = {
        "recall": hits / max(positives, 1),
        "fpr": false_alerts / max(negatives, 1),
        "false_alerts": false_alerts,
        "negatives": negatives,
        "positives": positives,
    }
    for kind, (ok, total) in by_kind.items():
        result[f"kind:{kind}"] = ok / total
    unique = len({(c.name, c.schema) for c in cases})
    result.update(
        build=run.build, seconds=run.seconds, cpu=run.cpu, unique=unique,
        qps=unique / max(run.seconds, 1e-9), cpu_qps=unique / max(run.cpu, 1e-9),
    )  # fmt: skip
    return result


# -- cordon ------------------------------------------------------------------------------------


# one name per script and kind, matched before timing so that data the libraries load on first
# use (rigour's name taggers, ICU transliterators) counts as start-up, not as per-query work
WARM_UP = (
    ("محمد علي حسن", "Person"),
    ("Иван Петров", "Person"),
    ("王伟", "Person"),
    ("JOHN SMITH", "Person"),
    ("ООО «Вектор»", "Company"),
    ("深圳市宏达贸易有限公司", "Company"),
    ("AL NOOR GENERAL TRADING LLC", "Company"),
)


def cordon_matcher(entities: Sequence[dict[str, Any]]) -> tuple[Matcher, float]:
    """A matcher over the suite's entities, warmed up, and the seconds that took."""
    clear_caches()
    started = time.perf_counter()
    matcher = Matcher.from_entities(entities)
    matcher.match_many([Query((name,), schema=schema) for name, schema in WARM_UP])
    return matcher, time.perf_counter() - started


def run_cordon(matcher: Matcher, cases: Sequence[EvalCase], processes: int) -> Run:
    """Every query at cordon's default threshold, timed; then (untimed) the top candidate at
    any score, for the score bands."""
    batch = [Query((c.name,), schema=c.schema) for c in cases]
    clear_caches()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    results = matcher.match_many(batch, limit=LIMIT, threshold=DEFAULT_THRESHOLD,
                                 processes=processes)  # fmt: skip
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    low = matcher.match_many(batch, limit=1, threshold=SCORE_BANDS[0][0], processes=processes)
    tops = [(found[0].score, found[0].entity_id) if found else (0.0, None) for found in low]
    answers = [{c.entity_id for c in found} for found in results]
    return Run(answers, tops, seconds=elapsed, cpu=cpu)


# -- nomenklatura ------------------------------------------------------------------------------


def run_nomenklatura(
    entities: Sequence[dict[str, Any]], cases: Sequence[EvalCase], work: Path, candidates: int
) -> dict[str, Run]:
    """The same queries through nomenklatura's blocker index, then logic-v2 and logic-v1 on
    each query's top ``candidates``; each algorithm's time includes the shared blocking."""
    from followthemoney import Dataset, StatementEntity
    from nomenklatura.blocker import Index
    from nomenklatura.matching import LogicV1, LogicV2, ScoringConfig
    from nomenklatura.resolver import Linker
    from nomenklatura.store import MemoryStore

    logging.getLogger("nomenklatura").setLevel(logging.WARNING)
    dataset = Dataset.make({"name": "bench", "title": "bench"})
    store: MemoryStore = MemoryStore(dataset, Linker({}))
    writer = store.writer()
    for data in entities:
        writer.add_entity(StatementEntity.from_data(dataset, data))
    writer.flush()
    view = store.default_view()
    started = time.perf_counter()
    index = Index(view, work / "nk-index")
    index.build()
    build = time.perf_counter() - started
    subjects = {
        f"q{i}": StatementEntity.from_data(
            dataset, {"id": f"q{i}", "schema": c.schema, "properties": {"name": [c.name]}}
        )
        for i, c in enumerate(cases)
    }
    cpu_before, started = _cpu_seconds(), time.perf_counter()
    blocked: dict[str, list[Any]] = {key: [] for key in subjects}
    for identifier, found in index.match_entities(subjects.values()):
        blocked[identifier.id] = [
            entity
            for candidate_id, _ in found[:candidates]
            if (entity := view.get_entity(candidate_id.id)) is not None
        ]
    blocking, blocking_cpu = time.perf_counter() - started, _cpu_seconds() - cpu_before
    index.close()
    warm_up = [
        StatementEntity.from_data(
            dataset, {"id": f"w{i}", "schema": schema, "properties": {"name": [name]}}
        )
        for i, (name, schema) in enumerate(WARM_UP)
    ]
    some_listed = next(iter(blocked.values()), []) or [view.get_entity(entities[0]["id"])]
    runs = {}
    for label, algorithm in (("logic-v2", LogicV2), ("logic-v1", LogicV1)):
        config = ScoringConfig.defaults()
        for subject in warm_up:  # as for cordon: first-use loading is start-up, not per query
            for candidate in some_listed:
                algorithm.compare(subject, candidate, config)
        cpu_before, started = _cpu_seconds(), time.perf_counter()
        scored: dict[str, list[tuple[float, str]]] = {}
        for key, subject in subjects.items():
            scores = [
                (algorithm.compare(subject, candidate, config).score, str(candidate.id))
                for candidate in blocked[key]
            ]
            scored[key] = sorted(scores, reverse=True)
        elapsed = time.perf_counter() - started + blocking
        cpu = _cpu_seconds() - cpu_before + blocking_cpu
        ranked = [scored[f"q{i}"] for i in range(len(cases))]
        answers = [{e for s, e in r[:LIMIT] if s >= NOMENKLATURA_THRESHOLD} for r in ranked]
        tops = [r[0] if r else (0.0, None) for r in ranked]
        runs[label] = Run(answers, [(s, e) for s, e in tops], build, elapsed, cpu)
    return runs


# -- reports -----------------------------------------------------------------------------------


def band_table(cases: Sequence[EvalCase], runs: dict[str, Run]) -> str:
    """Per band of each matcher's top score: how many queries, and how often that top candidate
    is the expected party (precision; negatives' top candidates are always wrong)."""
    header = "| top score | " + " | ".join(f"{label}: queries / precision" for label in runs)
    lines = [header + " |", "|---" * (len(runs) + 1) + "|"]
    for low, high in SCORE_BANDS:
        cells = []
        for run in runs.values():
            right = total = 0
            for case, (score, entity) in zip(cases, run.tops, strict=True):
                if entity is not None and low <= score < high:
                    total += 1
                    right += entity in case.expected
            cells.append(f"{total} / {right / total:.3f}" if total else "0 / -")
        lines.append(f"| {low:.2f}–{min(high, 1.0):.2f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def table(rows: dict[str, dict[str, float]], baseline: str | None) -> str:
    """The markdown results table; ``baseline`` is the row the speed ratio is taken against."""
    lines = [
        "| matcher | threshold | recall | false alerts | unique names/s (wall) | "
        "names per CPU-second | wall s | CPU s | index build s | × logic-v2 (wall / CPU) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    base = rows.get(baseline or "")
    for label, m in rows.items():
        threshold = DEFAULT_THRESHOLD if label.startswith("cordon") else NOMENKLATURA_THRESHOLD
        ratio = (
            f"{m['qps'] / base['qps']:.1f}× / {m['cpu_qps'] / base['cpu_qps']:.1f}×"
            if base
            else "-"
        )
        lines.append(
            f"| {label} | {threshold} | {m['recall']:.3f} | {m['fpr']:.2%} "
            f"({m['false_alerts']:.0f}/{m['negatives']:.0f}) | {m['qps']:,.0f} | "
            f"{m['cpu_qps']:,.0f} | {m['seconds']:.2f} | {m['cpu']:.2f} | {m['build']:.2f} | "
            f"{ratio} |"
        )
    return "\n".join(lines)


def kind_table(rows: dict[str, dict[str, float]], cases: Sequence[EvalCase]) -> str:
    """Recall (positive kinds) or alert rate (neg-* kinds) per kind of query."""
    sizes = Counter(c.kind for c in cases)
    kinds = sorted({k for m in rows.values() for k in m if k.startswith("kind:")})
    lines = ["| kind | queries | " + " | ".join(rows) + " |", "|---" * (len(rows) + 2) + "|"]
    for kind in kinds:
        cells = " | ".join(f"{m.get(kind, float('nan')):.3f}" for m in rows.values())
        name = kind.removeprefix("kind:")
        lines.append(f"| {name} | {sizes[name]} | {cells} |")
    return "\n".join(lines)


def errors(cases: Sequence[EvalCase], run: Run, matcher: Matcher, shown: int = 15) -> str:
    """cordon's missed positives and false alerts (the first ``shown`` of each), for tuning on
    dev; printed for test too, so a reader can judge the figures."""
    captions = {e.entity_id: e.caption for e in matcher.index.entities}
    missed, false = [], []
    for case, found, (score, top) in zip(cases, run.answers, run.tops, strict=True):
        best = f"{captions.get(top or '', '-')} {score:.2f}"
        if case.expected and not found & set(case.expected):
            missed.append(f"{case.name} [{case.listed_name}] → {best}")
        elif not case.expected and found:
            false.append(f"{case.name} ({case.kind}) → {best}")
    return (
        f"cordon missed {len(missed)} positives, e.g.:\n  " + "\n  ".join(missed[:shown])
        + f"\ncordon false alerts {len(false)}, e.g.:\n  " + "\n  ".join(false[:shown])
    )  # fmt: skip


# -- suites ------------------------------------------------------------------------------------


def suite(
    name: str, split: str, sets: eval_sets.EvalSets, args: argparse.Namespace
) -> tuple[list[dict[str, Any]], list[EvalCase]]:
    """The entities to index and the cases of one suite."""
    if name != "generated":
        return sets.index_for(name), sets.suite(name, split)
    entities = sets.person_index  # SDN + UN as published
    records = []
    for data in entities:
        props = data["properties"]
        names = tuple(props.get("name", []) + props.get("alias", []))
        countries = tuple(props.get("country", []) + props.get("nationality", []))
        records.append(ListedRecord(data["id"], data["schema"], names, countries))
    queries = make_queries(records, args.positives, args.negatives, args.seed)
    caption = {r.entity_id: r.names[0] for r in records if r.names}
    cases = [
        EvalCase(q.name, q.schema, q.variant, "generated",
                 (q.expected,) if q.expected else (), caption.get(q.expected or "", ""))
        for q in queries
    ]  # fmt: skip
    return entities, cases


def run_suite(name: str, args: argparse.Namespace, sets: eval_sets.EvalSets, work: Path) -> None:
    """Run every matcher on one suite and print its tables."""
    entities, cases = suite(name, args.split, sets, args)
    positives = sum(bool(c.expected) for c in cases)
    print(f"\n### {name} ({args.split if name != 'generated' else 'self-generated'})\n")
    print(
        f"{len(entities)} indexed entities; {len(cases)} queries ({positives} positives, "
        f"{len(cases) - positives} negatives), "
        f"{len({(c.name, c.schema) for c in cases})} unique"
    )
    matcher, build = cordon_matcher(entities)
    runs: dict[str, Run] = {}
    for processes in args.processes:
        run = run_cordon(matcher, cases, processes)
        run.build = build
        runs[f"cordon ({processes} process{'es' if processes > 1 else ''})"] = run
    if not args.skip_nomenklatura:
        for label, run in run_nomenklatura(entities, cases, work, args.nk_candidates).items():
            runs[f"nomenklatura 4.17.4 {label}"] = run
    rows = {label: evaluate(cases, run) for label, run in runs.items()}
    print()
    print(table(rows, "nomenklatura 4.17.4 logic-v2"))
    print()
    print(kind_table(rows, cases))
    print()
    print(band_table(cases, {k: v for k, v in runs.items() if "2 process" not in k}))
    print()
    print(errors(cases, next(iter(runs.values())), matcher), flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", choices=SUITES, action="append")
    parser.add_argument("--split", choices=eval_sets.SPLITS, default="test")
    parser.add_argument("--positives", type=int, default=2000, help="generated suite")
    parser.add_argument("--negatives", type=int, default=2000, help="generated suite")
    parser.add_argument("--seed", type=int, default=7, help="generated suite")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--nk-candidates", type=int, default=10,
                        help="blocker candidates nomenklatura scores per query")  # fmt: skip
    parser.add_argument("--skip-nomenklatura", action="store_true")
    args = parser.parse_args(argv)
    sets = eval_sets.build()
    print(
        f"thresholds: cordon {DEFAULT_THRESHOLD}, nomenklatura {NOMENKLATURA_THRESHOLD}; "
        f"nomenklatura scores the blocker's top {args.nk_candidates} candidates"
    )
    with tempfile.TemporaryDirectory(prefix="cordon-bench-") as scratch:
        for name in args.suite or SUITES:
            run_suite(name, args, sets, Path(scratch) / name)


run: Callable[[], None] = main

if __name__ == "__main__":
    main()
