"""``Matcher.match_among`` (re-screening's fast path) finds exactly what the full matcher finds.

The fixture is the real UN consolidated list; a seventh of its entities play the designations a
list update added. Queries are those entities' names as a customs record would write them
(other case, a typo, a word dropped), names of entities outside the scope, and unrelated
parties. The slow path — match every query against the whole index with no candidate cut,
keep the candidates in scope — must give the same entities, names and scores.
"""

from __future__ import annotations

from pathlib import Path

from cordon.lists.un import parse
from cordon.names.matcher import Matcher
from cordon.names.model import Query

THRESHOLD = 0.7


def _variants(name: str) -> list[str]:
    words = name.split()
    typo = name[:-2] + name[-1] + name[-2] if len(name) > 6 else name
    return [name.title(), typo, " ".join(words[1:] or words)]


def test_match_among_equals_the_full_matcher_filtered(shared_data: Path) -> None:
    entities = [e.to_dict() for e in parse([shared_data / "un" / "consolidated.xml"], "un")]
    matcher = Matcher.from_entities(entities, dataset="un")
    scope = {e["id"] for e in entities[::7]}
    queries: list[Query] = []
    for number, entity in enumerate(entities[::3][:100]):
        schema = "Person" if entity["schema"] == "Person" else "LegalEntity"
        for name in _variants(entity["properties"]["name"][0]):
            queries.append(Query(names=(name,), schema=schema))
        if number % 5 == 0:  # unrelated parties, one with a tax id
            queries.append(Query(names=(f"Ningbo Kitchenware {number} Co. Ltd",),
                                 schema="LegalEntity", identifiers=("7716234567",)))  # fmt: skip
    fast = matcher.match_among(queries, scope, threshold=THRESHOLD)
    slow = matcher.match_many(queries, limit=len(entities), threshold=THRESHOLD)
    expected = [[c for c in found if c.entity_id in scope] for found in slow]
    assert fast == expected
    hits = sum(1 for found in fast if found)
    assert hits >= 25, hits  # the comparison is about real matches, not empty lists
    assert all(c.entity_id in scope for found in fast for c in found)
    # an empty scope finds nothing (and compares nothing)
    assert matcher.match_among(queries[:3], [], threshold=THRESHOLD) == [[], [], []]
