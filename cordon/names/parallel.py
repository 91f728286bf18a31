"""Parallel execution of a big match batch: shares matched in forked worker processes.

Kept apart from the matcher (which scores) and the index storage (which loads and persists): the
only thing this module knows about matching is a ``match_batch`` function to call in each share.
Workers are forked so they inherit the loaded index without copying it (its objects are frozen
out of the garbage collector, so the pages stay shared); plain tuples travel back cheaply.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

from cordon.names.model import Candidate, Feature, Query

MatchBatch = Callable[[list[Query], int, float], list[list[Candidate]]]
_FORKED: tuple[MatchBatch, list[list[Query]], int, float] | None = None  # inherited by workers
_CompactCandidate = tuple[
    str, str, str, str, str, str, str, float, tuple[tuple[str, float, float, str], ...]
]


def can_fork() -> bool:
    """Whether this platform can fork worker processes (the only start method used)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _worker_match(share: int) -> list[list[_CompactCandidate]]:
    """Match one share of the batch in a forked worker."""
    assert _FORKED is not None
    match_batch, shares, limit, threshold = _FORKED
    return [
        [_to_compact(c) for c in found] for found in match_batch(shares[share], limit, threshold)
    ]


def _to_compact(c: Candidate) -> _CompactCandidate:
    features = tuple((f.name, f.value, f.weight, f.detail) for f in c.features)
    return (c.entity_id, c.dataset, c.source_id, c.schema, c.caption, c.matched_name,
            c.query_name, c.score, features)  # fmt: skip


def _from_compact(fields: _CompactCandidate) -> Candidate:
    return Candidate(*fields[:8], features=tuple(Feature(*f) for f in fields[8]))


def match_parallel(
    match_batch: MatchBatch, queries: list[Query], limit: int, threshold: float, workers: int
) -> list[list[Candidate]]:
    """Interleaved shares of the batch (so each gets a like mix of queries): share 0 in this
    process, the others in forked workers that inherit the index and the queries."""
    global _FORKED
    shares = [queries[i::workers] for i in range(workers)]
    _FORKED = (match_batch, shares, limit, threshold)
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            pending = pool.map_async(_worker_match, range(1, workers), chunksize=1)
            parts = [match_batch(shares[0], limit, threshold)]
            parts += [
                [[_from_compact(c) for c in found] for found in part] for part in pending.get()
            ]
    finally:
        _FORKED = None
    answers: list[list[Candidate]] = [[] for _ in queries]
    for share, part in enumerate(parts):
        answers[share::workers] = part
    return answers
