"""The bridge between yente's match API and cordon's matcher.

Converts yente query entities into ``cordon.names.model.Query``, candidates into yente's scored
entity shape, maps yente's algorithm names onto cordon's matcher, and keeps one warm
``Matcher`` per set of active list versions so a request never rebuilds an index.
"""

from __future__ import annotations

import gc
import math
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

from followthemoney import model
from followthemoney.helpers import combine_names
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from cordon.api.db import Database
from cordon.api.entities import StoredEntity, all_active_entities, get_entities
from cordon.errors import LimitError
from cordon.lists.catalog import count_active_entities
from cordon.names.index_store import active_versions
from cordon.names.matcher import Matcher
from cordon.names.model import Candidate, Query
from cordon.names.score import EVIDENCE_WEIGHTS

ALGORITHM = "cordon-v1"
ALGORITHM_DESCRIPTION = (
    "cordon's multilingual name matcher: transliteration, legal-form types, token and "
    "character features, identifiers that confirm or veto; calibrated score in [0, 1]."
)
# yente's algorithm names (yente.routers.util.ENABLED_ALGORITHMS plus "best") all run cordon's.
YENTE_ALGORITHMS = ("best", "logic-v2", "logic-v1", "name-based", "name-qualified", "regression-v1")
# yente's (nomenklatura's logic-v1/v2) feature names for the weights cordon's scorer has under
# another name: a request's ``weights`` may use either name.
YENTE_WEIGHT_NAMES = {
    "country_mismatch": "country_mismatch",
    "dob_year_disjoint": "birth_date_mismatch",
    "dob_day_disjoint": "birth_date_mismatch",
}
MAX_BATCH = 100  # yente's YENTE_MAX_BATCH default
ENTITY_CACHE_LIMIT = 50_000  # entities remembered when the lists are too big to preload


class QueryError(LimitError, ValueError):
    """A query entity cannot be matched (unknown or non-matchable schema)."""


def resolve_algorithm(name: str) -> str:
    """cordon's algorithm for a yente (or cordon) algorithm name; ValueError if unknown."""
    clean = name.strip().lower()
    if clean in YENTE_ALGORITHMS or clean in (ALGORITHM, "cordon"):
        return ALGORITHM
    raise ValueError(f"Invalid algorithm: {name}")


def resolve_weights(requested: Mapping[str, float]) -> Mapping[str, float]:
    """The evidence weights of a request: cordon's defaults with ``requested`` applied, each
    named by cordon's feature name or yente's; ValueError naming the unknown names, the
    values outside -1..1 and two names set to different values for one feature."""
    unknown = sorted(
        k for k in requested if k not in EVIDENCE_WEIGHTS and k not in YENTE_WEIGHT_NAMES
    )
    if unknown:
        known = sorted({*EVIDENCE_WEIGHTS, *YENTE_WEIGHT_NAMES})
        raise ValueError(
            f"Unknown weights: {', '.join(unknown)} (cordon weighs: {', '.join(known)})"
        )
    bad = sorted(k for k, v in requested.items() if not (math.isfinite(v) and -1.0 <= v <= 1.0))
    if bad:
        raise ValueError(f"Weights must be within -1..1: {', '.join(bad)}")
    weights = dict(EVIDENCE_WEIGHTS)
    set_by: dict[str, str] = {}
    for name, value in requested.items():
        feature = YENTE_WEIGHT_NAMES.get(name, name)
        if feature in set_by and weights[feature] != value:
            raise ValueError(f"Weights {set_by[feature]} and {name} both set {feature}")
        weights[feature], set_by[feature] = float(value), name
    return weights


def _values(raw: Any) -> list[str]:
    items = raw if isinstance(raw, list | tuple) else [raw]
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def example_to_proxy(schema_name: str, properties: dict[str, Any]) -> EntityProxy:
    """A FtM entity built from a yente query example; unknown properties are ignored as in yente."""
    schema = model.get(schema_name)
    if schema is None:
        raise QueryError(f"Cannot parse example entity: Unknown schema: {schema_name!r}")
    if schema.name != "Thing" and not schema.matchable:
        raise QueryError(f"Cannot parse example entity: Non-matchable schema: {schema.name}")
    proxy = model.make_entity(schema)
    for prop_name, raw in properties.items():
        prop = schema.get(prop_name)
        if prop is None:
            continue
        for value in _values(raw):
            proxy.add(prop, value, cleaned=False, quiet=True, fuzzy=True)
    if not proxy.get_type_values(registry.name, matchable=True):
        combine_names(proxy)
    return proxy


def proxy_to_query(proxy: EntityProxy) -> Query:
    """cordon's matcher query for a FtM query entity."""
    birth_dates = tuple(proxy.get("birthDate", quiet=True))
    return Query(
        names=tuple(proxy.get_type_values(registry.name, matchable=True)),
        schema=proxy.schema.name if proxy.schema.name != "Thing" else "LegalEntity",
        countries=tuple(proxy.get_type_values(registry.country)),
        identifiers=tuple(proxy.get_type_values(registry.identifier)),
        birth_dates=birth_dates,
    )


def scored_result(
    candidate: Candidate, entity: StoredEntity | None, threshold: float
) -> dict[str, Any]:
    """One yente ``ScoredEntityResponse`` for a candidate (entity data from the store)."""
    if entity is not None:
        data = entity.to_response()
    else:
        data = {
            "id": candidate.entity_id,
            "caption": candidate.caption,
            "schema": candidate.schema,
            "properties": {"name": [candidate.matched_name]},
            "datasets": [candidate.dataset],
            "referents": [],
            "target": True,
            "first_seen": None,
            "last_seen": None,
            "last_change": None,
        }
    data["score"] = candidate.score
    data["match"] = candidate.score >= threshold
    data["features"] = {f.name: f.value for f in candidate.features}
    data["explanations"] = {
        f.name: {
            "score": f.value,
            "detail": f.detail or None,
            "query": candidate.query_name,
            "candidate": candidate.matched_name,
        }
        for f in candidate.features
    }
    return data


class MatcherPool:
    """Warm matchers keyed by dataset selection, refreshed when a list's active version changes.

    The active lists' entities are kept in memory too (up to ``preload_limit``), so answering a
    match never waits on the store.
    """

    def __init__(
        self, db: Database, recheck_seconds: float = 2.0, preload_limit: int = 300_000
    ) -> None:
        self._db = db
        self._recheck = recheck_seconds
        self._preload_limit = preload_limit
        self._state_lock = threading.Lock()  # short: swaps of the dicts below
        self._build_lock = threading.Lock()  # long: index loads and entity preloads
        self._matchers: dict[tuple[str, ...], Matcher] = {}
        self._active: dict[str, str] = {}
        self._checked_at = 0.0
        self._known: dict[str, str] | None = None  # None until the first read
        self._refreshing = False
        self._entities: dict[str, StoredEntity] = {}
        self._preloaded = False

    def known_active(self) -> dict[str, str] | None:
        """The last read active versions without touching the store (None before the first read).

        When they are older than the re-check interval a background thread re-reads them, so a
        request never waits on the store for it.
        """
        if time.monotonic() - self._checked_at >= self._recheck and not self._refreshing:
            with self._state_lock:
                if self._refreshing:
                    return self._known
                self._refreshing = True
            threading.Thread(target=self._refresh, daemon=True, name="cordon-recheck").start()
        return self._known

    def _refresh(self) -> None:
        try:
            self.active()
        finally:
            self._refreshing = False

    def active(self) -> dict[str, str]:
        """Loaded datasets and their active versions (re-read at most every few seconds)."""
        now = time.monotonic()
        if now - self._checked_at < self._recheck:
            return self._active
        with self._db.cursor() as cur:
            active = active_versions(cur, None)
        with self._state_lock:
            if active != self._active:
                self._matchers = {}
                self._entities = {}
                self._preloaded = False
                self._active = active
            self._known = active
            self._checked_at = now
        return active

    def ready(self, datasets: Sequence[str]) -> Matcher | None:
        """The matcher for these datasets if it is already warm, without touching the store."""
        return self._matchers.get(tuple(sorted(datasets)))

    def get(self, datasets: Sequence[str]) -> Matcher:
        """The matcher over these datasets' active versions, loaded (or built) once."""
        key = tuple(sorted(datasets))
        self.active()
        matcher = self.ready(key)
        if matcher is not None:
            return matcher
        with self._build_lock:
            matcher = self._matchers.get(key)
            if matcher is not None and self._preloaded:
                return matcher  # built by another thread while this one waited
            # Loading creates millions of long-lived objects: without the cyclic collector
            # running meanwhile (its full passes took 0.1-0.4 s each) the load is faster.
            gc.disable()
            try:
                if matcher is None:
                    with self._db.cursor() as cur:
                        matcher = Matcher.for_store(cur, list(key))
                    with self._state_lock:
                        self._matchers = {**self._matchers, key: matcher}
                if not self._preloaded:
                    self._preload_entities()
            finally:
                gc.enable()
            # Keep the index and entities out of the collector's scans for good: its full
            # passes would otherwise stall requests.
            gc.collect()
            gc.freeze()
            return matcher

    def _preload_entities(self) -> None:
        with self._db.cursor() as cur:
            if count_active_entities(cur) > self._preload_limit:
                return
            loaded = all_active_entities(cur)
        with self._state_lock:
            self._entities = {**loaded, **self._entities}
            self._preloaded = True

    def entities(self, ids: Sequence[str]) -> dict[str, StoredEntity]:
        """Entities for candidate ids: from memory, else from the store (then remembered)."""
        known = self._entities
        found = {i: known[i] for i in ids if i in known}
        missing = [i for i in ids if i not in found]
        if missing:
            with self._db.cursor() as cur:
                fetched = get_entities(cur, missing)
            with self._state_lock:
                if not self._preloaded and len(self._entities) > ENTITY_CACHE_LIMIT:
                    self._entities = {}
                self._entities.update(fetched)
            found.update(fetched)
        return found
