"""The matcher: ranked, explained list candidates for party queries, one at a time or in batches.

``Matcher.for_store(conn)`` loads (or builds once and persists) the name index for the active
list versions; ``match`` answers one query with every feature explained, ``match_many`` screens
a batch fast, deduplicating queries and, for big batches, using a pool of worker processes;
``match_among`` matches a batch against a few of the listed entities only (re-screening against
the designations a list update added), scored exactly as ``match_many`` scores them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

import duckdb
import numpy as np
from followthemoney import model
from followthemoney.proxy import EntityProxy

from cordon.names.identifiers import compare_identifiers, normalize_identifier
from cordon.names.index import (
    MATCHABLE_SCHEMATA,
    CandidateRequest,
    ListedEntity,
    NameIndex,
    QueryKeys,
    listed_entity,
)
from cordon.names.index_store import load_index, settled
from cordon.names.model import Candidate, Query
from cordon.names.normalize import NormalizedName, kind_of_schema, normalize_name
from cordon.names.parallel import can_fork, match_parallel
from cordon.names.score import (
    EVIDENCE_WEIGHTS,
    Evidence,
    NameComparison,
    compare_birth_dates,
    compare_countries,
    compare_names,
    coverage_weights,
    explain,
    final_score,
    legal_form_evidence,
    name_characters,
    needs_support,
)
from cordon.settings import DEFAULT_THRESHOLD

BONUS_HEADROOM = 0.11  # the most supporting evidence can add to a name score
BOUND_SLACK = 0.1  # the index's bounds miss word pairs only the full comparison finds
ALIAS_HEADROOM = 0.03  # what another alias of the same entity can gain on evidence (legal form)
PARALLEL_MIN_QUERIES = 1_000  # below this, a process pool costs more than it saves


@lru_cache(maxsize=64)
def matchable_schemata(query_schema: str) -> frozenset[str]:
    """Listed schemata a query of this FtM schema may match (Person never matches Company)."""
    try:
        schema = model.get(query_schema) or model.get("LegalEntity")
    except Exception:
        schema = model.get("LegalEntity")
    assert schema is not None
    return frozenset(
        name
        for name in MATCHABLE_SCHEMATA
        if (other := model.get(name)) is not None and schema.can_match(other)
    )


def looks_like_company(name: NormalizedName) -> bool:
    """A name that says it is an organisation: it carries a legal form (ООО, LLC, 有限公司) or
    an organisation word (plant, trading, 公司: rigour's SYMBOL and DOMAIN symbols)."""
    return bool(name.legal_forms) or any(
        symbol.startswith(("SYMBOL:", "DOMAIN:")) for found in name.symbols for symbol in found
    )


@dataclass
class _Best:
    score: float
    name_position: int
    query_name: NormalizedName
    comparison: NameComparison | None
    evidence: Evidence


@dataclass
class _Plan:
    """A query made ready for candidate search: its rules and each normalized name's request."""

    kind: str
    person: bool
    allowed: frozenset[str]
    floor: float  # the lowest name-bound estimate worth a full comparison
    names: list[tuple[NormalizedName, CandidateRequest]]
    weights: Mapping[str, float]  # the evidence features' weights (score.EVIDENCE_WEIGHTS)
    alias_headroom: float  # what another alias of an entity can gain on evidence


@dataclass(frozen=True)
class _Scope:
    """Some listed entities to match among, e.g. the designations a list update added."""

    names: np.ndarray  # one flag per listed name: its entity is in scope
    reach: np.ndarray  # scoped names counted along the flat postings (cumulative, len + 1)
    entities: frozenset[int]
    size: int  # listed names in scope: no candidate is cut below it

    def reached_by(self, keys: QueryKeys) -> bool:
        """Whether any posting list the query's keys reach holds a name in scope."""
        reach = self.reach
        return any(reach[stop] > reach[start] for (start, stop), _, _ in keys.reached)


class Matcher:
    """Matches queries against one name index (one set of list versions)."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self._entity_names: list[list[int]] | None = None

    # -- construction -----------------------------------------------------------------------

    @classmethod
    def for_store(
        cls, conn: duckdb.DuckDBPyConnection, datasets: Sequence[str] | None = None
    ) -> Matcher:
        """The matcher for the active versions of ``datasets`` (all when None), from the
        persisted index or built once and persisted under ``index_dir``. A missing or damaged
        file is rebuilt; the file is only a cache, so when it cannot be written (a full disk)
        the index is used from memory and a warning logged."""
        return cls(load_index(conn, datasets))

    @classmethod
    def from_entities(
        cls,
        entities: Iterable[EntityProxy | Mapping[str, Any]],
        dataset: str = "adhoc",
        versions: Mapping[str, str] | None = None,
    ) -> Matcher:
        """A matcher over FtM entities (proxies or their dict form), e.g. for tests."""
        pairs = []
        for item in entities:
            data = item.to_dict() if isinstance(item, EntityProxy) else dict(item)
            props = data.get("properties", {})
            entity_id = str(data["id"])
            names = props.get("name", [entity_id])
            ds = (data.get("datasets") or [dataset])[0]
            source_id = str(data.get("source_id") or entity_id.removeprefix(f"{ds}-"))
            entity = listed_entity(
                ds, entity_id, source_id, data["schema"], data.get("caption") or names[0], props
            )
            pairs.append((entity, props))
        return cls(settled(NameIndex.build(pairs, versions or {dataset: "adhoc"})))

    @property
    def versions(self) -> dict[str, str]:
        """Dataset -> list version this matcher screens against."""
        return dict(self.index.versions)

    # -- matching ---------------------------------------------------------------------------

    def match(
        self,
        query: Query,
        limit: int = 10,
        threshold: float = 0.0,
        weights: Mapping[str, float] = EVIDENCE_WEIGHTS,
    ) -> list[Candidate]:
        """The best candidates for one query, best first, each with its explained features;
        ``weights`` overrides the evidence features' weights (complete, as
        ``{**score.EVIDENCE_WEIGHTS, ...}``)."""
        return self._match_batch([query], limit, threshold, weights=weights)[0]

    def match_many(
        self,
        queries: Sequence[Query],
        limit: int = 5,
        threshold: float = DEFAULT_THRESHOLD,
        processes: int = 1,
    ) -> list[list[Candidate]]:
        """Candidates at or above ``threshold`` for each query (same order); duplicate queries
        are matched once. With ``processes`` > 1, batches of at least PARALLEL_MIN_QUERIES
        unique queries are shared among that many forked worker processes (opt-in: forking
        a process that runs threads, such as a web server, is the caller's decision)."""
        return self._match_unique(queries, limit, threshold, processes, None)

    def match_among(
        self,
        queries: Sequence[Query],
        entity_ids: Iterable[str],
        threshold: float = DEFAULT_THRESHOLD,
        processes: int = 1,
    ) -> list[list[Candidate]]:
        """For each query, every candidate among the listed entities ``entity_ids`` at or above
        ``threshold``, best first: no cut to the best few, and the same scores as
        :meth:`match_many` (the whole index weighs the words). A query name whose keys reach
        no name of those entities is not compared at all, so most of a big batch costs only
        its normalization."""
        wanted = set(entity_ids)
        positions = [i for i, e in enumerate(self.index.entities) if e.entity_id in wanted]
        flags = np.zeros(len(self.index.entities), dtype=np.bool_)
        flags[positions] = True
        names = flags[np.array([n.entity for n in self.index.names], dtype=np.int64)]
        if not names.any():
            return [[] for _ in queries]
        reach = np.concatenate(([0], np.cumsum(names[self.index.posting_positions])))
        scope = _Scope(names, reach, frozenset(positions), int(names.sum()))
        return self._match_unique(queries, scope.size, threshold, processes, scope)

    def _match_unique(
        self,
        queries: Sequence[Query],
        limit: int,
        threshold: float,
        processes: int,
        scope: _Scope | None,
    ) -> list[list[Candidate]]:
        """Match each distinct query once, in forked workers when the batch is big enough."""
        unique = list(dict.fromkeys(queries))
        workers = min(processes, os.cpu_count() or 1)
        if workers > 1 and len(unique) >= PARALLEL_MIN_QUERIES and can_fork():
            batch = partial(self._match_batch, scope=scope)
            answers = match_parallel(batch, unique, limit, threshold, workers)
        else:
            answers = self._match_batch(unique, limit, threshold, scope)
        by_query = dict(zip(unique, answers, strict=True))
        return [by_query[q] for q in queries]

    def _match_batch(
        self,
        queries: Sequence[Query],
        limit: int,
        threshold: float,
        scope: _Scope | None = None,
        weights: Mapping[str, float] = EVIDENCE_WEIGHTS,
    ) -> list[list[Candidate]]:
        """Match queries together: every name's candidates are ranked in one array pass
        (:meth:`NameIndex.rank`), then each query's candidates are compared in full. With a
        ``scope``, only its entities are candidates (names reaching none are left out)."""
        plans = [self._plan(query, limit, threshold, weights) for query in queries]
        if scope is not None:
            for plan in plans:
                plan.names = [(n, r) for n, r in plan.names if scope.reached_by(r.keys)]
        requests = [request for plan in plans for _, request in plan.names]
        ranked = iter(self.index.rank(requests, None if scope is None else scope.names))
        return [
            self._finish(query, plan, [next(ranked) for _ in plan.names], limit, threshold, scope)
            for query, plan in zip(queries, plans, strict=True)
        ]

    def _plan(
        self, query: Query, limit: int, threshold: float, weights: Mapping[str, float]
    ) -> _Plan:
        kind = kind_of_schema(query.schema)
        person = kind == "person"
        allowed = matchable_schemata(query.schema)
        w_query, w_listed, w_chars = coverage_weights(person)
        # raised evidence weights can lift a name score further: the search looks deeper
        headroom = max(BONUS_HEADROOM, sum(max(0.0, w) for w in weights.values()))
        gate = max(0.0, (threshold - headroom - w_listed - w_chars) / w_query)
        floor = threshold - headroom
        normalized = [n for n in (normalize_name(raw, kind) for raw in query.names) if n.keys]
        if query.schema == "LegalEntity" and any(map(looks_like_company, normalized)):
            allowed = matchable_schemata("Company")  # a firm is never a person's name part
        names = []
        for name in normalized:
            request = CandidateRequest(
                self.index.query_keys(name, person),
                max(2 * limit, 10),
                gate,
                allowed,
                (w_query, w_listed, floor - w_chars - BOUND_SLACK),
            )
            names.append((name, request))
        alias_headroom = max(ALIAS_HEADROOM, weights["legal_form_match"])
        return _Plan(kind, person, allowed, floor, names, weights, alias_headroom)

    def _finish(
        self,
        query: Query,
        plan: _Plan,
        ranked: list[list[tuple[float, float, int]]],
        limit: int,
        threshold: float,
        scope: _Scope | None = None,
    ) -> list[Candidate]:
        """Compare a query's ranked candidates in full and keep the best per entity."""
        index, person, floor = self.index, plan.person, plan.floor
        w_query, w_listed, w_chars = coverage_weights(person)
        best: dict[int, _Best] = {}
        for (name, request), candidates in zip(plan.names, ranked, strict=True):
            for query_bound, listed_bound, position in candidates:
                listed = index.names[position]
                # skip what cannot reach the threshold or beat the entity's best, by a cheap
                # bound: first with any character similarity, then with the actual one
                bounds = w_query * query_bound + w_listed * listed_bound
                found = best.get(listed.entity)
                highest = bounds + w_chars * 1.0
                if highest < floor or (
                    found is not None and found.score >= highest + plan.alias_headroom
                ):
                    continue
                characters = name_characters(name, listed.name)
                estimate = bounds + w_chars * characters
                if estimate < floor:
                    continue
                if found is not None and found.score >= estimate + plan.alias_headroom:
                    continue
                self._consider(query, name, request.keys, position, plan, characters, best)
        self._add_identifier_hits(query, plan, best, scope)
        ranked_entities = sorted(best.items(), key=lambda item: -item[1].score)
        return [
            self._candidate(e, b, plan.weights)
            for e, b in ranked_entities[:limit]
            if b.score >= threshold and b.score > 0
        ]

    def _consider(
        self,
        query: Query,
        name: NormalizedName,
        keys: QueryKeys,
        position: int,
        plan: _Plan,
        characters: float,
        best: dict[int, _Best],
    ) -> None:
        listed = self.index.names[position]
        entity = self.index.entities[listed.entity]
        comparison = compare_names(
            name,
            keys.weights,
            listed.name,
            listed.weights,
            plan.person,
            self.index.common_idf,
            characters,
        )
        evidence = self._evidence(query, name, listed.name, entity, listed.weak)
        evidence.unsupported = needs_support(
            comparison,
            name,
            listed.name,
            listed.weak,
            entity.schema == "Person",
            listed.name.original == entity.caption,
        )
        score = final_score(comparison.score, evidence, plan.weights)
        current = best.get(listed.entity)
        if current is None or score > current.score:
            best[listed.entity] = _Best(score, position, name, comparison, evidence)

    def _evidence(
        self,
        query: Query,
        name: NormalizedName,
        listed: NormalizedName,
        entity: ListedEntity,
        weak: bool,
    ) -> Evidence:
        evidence = Evidence(weak_alias=weak)
        evidence.legal_forms, evidence.legal_detail = legal_form_evidence(name, listed)
        evidence.country, evidence.country_detail = compare_countries(
            query.countries, entity.countries
        )
        evidence.birth_date, evidence.birth_detail = compare_birth_dates(
            query.birth_dates, entity.birth_dates
        )
        if query.identifiers:
            evidence.identifier, evidence.identifier_detail = compare_identifiers(
                query.identifiers, entity.identifiers
            )
        return evidence

    def _add_identifier_hits(
        self,
        query: Query,
        plan: _Plan,
        best: dict[int, _Best],
        scope: _Scope | None = None,
    ) -> None:
        """Entities sharing an identifier with the query are candidates whatever their names
        (only those in ``scope`` when given)."""
        for raw in query.identifiers:
            for entity_position in self.index.entities_with_identifier(normalize_identifier(raw)):
                if (
                    entity_position in best
                    or self.index.entities[entity_position].schema not in plan.allowed
                    or (scope is not None and entity_position not in scope.entities)
                ):
                    continue
                name = normalize_name(query.names[0], plan.kind) if query.names else None
                positions = self.entity_names()[entity_position]
                if not positions:
                    continue
                entity = self.index.entities[entity_position]
                listed = self.index.names[positions[0]]
                query_name = name or listed.name
                evidence = self._evidence(query, query_name, listed.name, entity, listed.weak)
                comparison = None
                if name is not None and name.keys:
                    idf = self.index.query_keys(name, plan.person).weights
                    comparison = compare_names(
                        name, idf, listed.name, listed.weights, plan.person, self.index.common_idf
                    )
                best[entity_position] = _Best(
                    final_score(0.0, evidence, plan.weights),
                    positions[0],
                    query_name,
                    comparison,
                    evidence,
                )

    def entity_names(self) -> list[list[int]]:
        """Listed-name positions of each entity."""
        if self._entity_names is None:
            table: list[list[int]] = [[] for _ in self.index.entities]
            for position, listed in enumerate(self.index.names):
                table[listed.entity].append(position)
            self._entity_names = table
        return self._entity_names

    def _candidate(
        self, entity_position: int, found: _Best, weights: Mapping[str, float]
    ) -> Candidate:
        entity = self.index.entities[entity_position]
        listed = self.index.names[found.name_position]
        features = explain(found.comparison, found.evidence, found.query_name, weights)
        return Candidate(
            entity_id=entity.entity_id,
            dataset=entity.dataset,
            source_id=entity.source_id,
            schema=entity.schema,
            caption=entity.caption,
            matched_name=listed.name.original,
            query_name=found.query_name.original,
            score=round(found.score, 4),
            features=features,
        )
