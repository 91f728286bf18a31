"""The party stage: screen each batch's distinct exporters and importers with the matcher.

Distinct (name, country, tax id) queries are matched once per batch with ``Matcher.match_many``
and cached across batches. An importer tax id equal to a listed entity's INN/registration id is
decisive (the matcher's ``identifier_match``). Adds per-role columns to the batch and yields the
``party_match`` reasons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

import duckdb
import orjson
import polars as pl

from cordon.lists.catalog import ACTIVE_ENTITIES
from cordon.names.model import Candidate, Query
from cordon.screen.alerts import party_match_reason
from cordon.settings import NEAR_MISS_MARGIN

Role = Literal["exporter", "importer"]
ROLES: tuple[Role, ...] = ("exporter", "importer")
MAX_MATCHES_PER_PARTY = 3  # party_match reasons kept per party (distinct listed entities)
# Distinct parties remembered across batches before the cache is reset: ~2.2 KB each (measured
# with tracemalloc on 8,000 demo parties), so ~110 MiB; a batch always keeps its own parties.
CACHE_LIMIT = 50_000


class BatchMatcher(Protocol):
    """The part of cordon.names.matcher.Matcher the party stage uses."""

    def match_many(
        self, queries: Sequence[Query], limit: int = ..., threshold: float = ...
    ) -> list[list[Candidate]]: ...


@dataclass(frozen=True)
class PartyResult:
    """What screening found for one distinct party."""

    matches: tuple[Candidate, ...] = ()  # at/above the threshold, distinct entities, best first
    near_miss: Candidate | None = (
        None  # best candidate below the threshold, above the near-miss floor
    )
    # RF-12: for each matched entity (at/above the threshold) the list links to others, a
    # sentence naming the matched listed entity and what it is linked to
    linked: tuple[str, ...] = field(default_factory=tuple)


def _key_columns(role: Role) -> list[str]:
    """The batch columns that identify a party of ``role`` (only importers carry a tax id)."""
    names = [f"{role}_name", f"{role}_country"]
    return [*names, "importer_tax_id"] if role == "importer" else names


def _distinct_parties(frame: pl.DataFrame, role: Role) -> pl.DataFrame:
    """The batch's distinct parties of ``role`` that have a name."""
    keys = _key_columns(role)
    named = pl.col(keys[0]).is_not_null() & (pl.col(keys[0]) != "")
    return frame.select(keys).unique().filter(named)


def party_query(name: str, country: str | None, tax_id: str | None = None) -> Query:
    """The matcher query for one party: its name, country and (importers) tax id."""
    return Query(
        names=(name,),
        schema="LegalEntity",
        countries=(country,) if country else (),
        identifiers=(tax_id,) if tax_id else (),
    )


def load_links(
    conn: duckdb.DuckDBPyConnection, datasets: Sequence[str] | None
) -> dict[str, tuple[str, ...]]:
    """FtM entity id -> the listed entities it is linked to (``UnknownLink``, both ways).

    Each linked entity is named once, however many links (both ways, or the same link in
    several lists) lead to it, in a fixed order: caption, list, list id.
    """
    where = "" if datasets is None else "AND e.dataset IN (SELECT unnest($datasets))"
    rows = conn.execute(
        f"""
        WITH active AS (
            SELECT e.* FROM {ACTIVE_ENTITIES} WHERE TRUE {where}
        ),
        links AS (
            SELECT json_extract_string(properties, '$.subject[0]') AS subject,
                   json_extract_string(properties, '$.object[0]') AS object
            FROM active WHERE schema = 'UnknownLink'
        ),
        pairs AS (
            SELECT subject AS entity, object AS other FROM links
            UNION ALL SELECT object, subject FROM links
        )
        SELECT DISTINCT p.entity, o.caption, o.dataset, o.source_id
        FROM pairs p JOIN active o ON o.id = p.other
        ORDER BY p.entity, o.caption, o.dataset, o.source_id
        """,
        {"datasets": list(datasets)} if datasets is not None else {},
    ).fetchall()
    links: dict[str, list[str]] = {}
    for entity, caption, dataset, source_id in rows:
        links.setdefault(entity, []).append(f"{caption} ({dataset} {source_id})")
    return {entity: tuple(others) for entity, others in links.items()}


class PartyScreener:
    """Screens the parties of successive batches, remembering every distinct party it has seen."""

    def __init__(
        self,
        matcher: BatchMatcher,
        threshold: float,
        links: Mapping[str, tuple[str, ...]] | None = None,
        near_miss_margin: float = NEAR_MISS_MARGIN,
    ) -> None:
        self.matcher = matcher
        self.threshold = threshold
        self.near_floor = max(threshold - near_miss_margin, 0.0)
        self.links = links or {}
        self.cache: dict[Query, PartyResult] = {}
        # Per role, every distinct party seen since the cache was last reset: its batch columns
        # and its party_match reasons (``_role_table``), so a batch builds rows only for new ones.
        self.tables: dict[Role, tuple[pl.DataFrame, pl.DataFrame]] = {}
        self.queries_matched = 0

    def _result(self, candidates: Sequence[Candidate]) -> PartyResult:
        ranked = sorted(candidates, key=lambda c: -c.score)
        matches: list[Candidate] = []
        seen: set[tuple[str, str]] = set()
        for cand in ranked:
            key = (cand.dataset, cand.source_id)
            if (
                cand.score >= self.threshold
                and key not in seen
                and len(matches) < MAX_MATCHES_PER_PARTY
            ):
                matches.append(cand)
                seen.add(key)
        near = next((c for c in ranked if self.near_floor <= c.score < self.threshold), None)
        linked_to = [  # RF-12 only for a match at or above the alert threshold
            f"listed entity {cand.caption} ({cand.dataset} {cand.source_id}, "
            f"score {cand.score:.2f}), which the list links (Linked To) to "
            + ", ".join(self.links[cand.entity_id])
            for cand in matches
            if cand.entity_id in self.links
        ]
        return PartyResult(tuple(matches), None if matches else near, tuple(linked_to[:2]))

    def _screen(self, queries: list[Query]) -> None:
        unique = list(dict.fromkeys(queries))
        todo = [q for q in unique if q not in self.cache]
        if not todo:
            return
        answers = self.matcher.match_many(todo, limit=5, threshold=self.near_floor)
        for query, candidates in zip(todo, answers, strict=True):
            self.cache[query] = self._result(candidates)
        self.queries_matched += len(todo)

    def _role_table(self, distinct: pl.DataFrame, role: Role) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Per distinct party of ``role``: its batch columns and its party_match reasons."""
        keys = _key_columns(role)
        rows = distinct.rows()
        queries = [party_query(*row) for row in rows]
        columns: dict[str, list[object]] = {
            f"{role}_{column}": [] for column in ("entity", "score", "near_miss", "linked")
        }
        reasons: dict[str, list[object]] = {k: [] for k in (*keys, "weight", "reason")}
        for row, query in zip(rows, queries, strict=True):
            result = self.cache[query]
            best = result.matches[0] if result.matches else None
            columns[f"{role}_entity"].append(best.entity_id if best else None)
            columns[f"{role}_score"].append(best.score if best else None)
            columns[f"{role}_near_miss"].append(
                self._near_miss_detail(role, row[0], result.near_miss)
            )
            columns[f"{role}_linked"].append(
                f"{role} '{row[0]}' matches " + "; ".join(result.linked) if result.linked else None
            )
            for cand in result.matches:
                for key, value in zip(keys, row, strict=True):
                    reasons[key].append(value)
                reasons["weight"].append(float(cand.score))
                reasons["reason"].append(orjson.dumps(party_match_reason(role, cand)).decode())
        key_schema = dict.fromkeys(keys, pl.String)
        table = distinct.with_columns(
            pl.Series(name, values, dtype=pl.Float64 if name.endswith("_score") else pl.String)
            for name, values in columns.items()
        )
        reason_table = pl.DataFrame(
            reasons, schema={**key_schema, "weight": pl.Float64, "reason": pl.String}
        )
        return table, reason_table

    def _near_miss_detail(self, role: Role, name: str, near: Candidate | None) -> str | None:
        if near is None:
            return None
        return (
            f"{role} '{name}' resembles '{near.matched_name}' ({near.dataset} {near.source_id}) "
            f"at {near.score:.2f}, below the threshold {self.threshold:.2f}"
        )

    def _unknown(self, distinct: pl.DataFrame, role: Role) -> pl.DataFrame:
        """The parties of ``distinct`` the role's table does not hold yet."""
        known = self.tables.get(role)
        if known is None:
            return distinct
        keys = _key_columns(role)
        return distinct.join(known[0].select(keys), on=keys, how="anti", nulls_equal=True)

    def _known_tables(self, new: pl.DataFrame, role: Role) -> tuple[pl.DataFrame, pl.DataFrame]:
        """The role's table of screened parties and their reasons, with rows added for the
        ``new`` parties (the only ones built in Python)."""
        known = self.tables.get(role)
        if known is None:
            known = self._role_table(new, role)
        elif new.height:
            table, reasons = self._role_table(new, role)
            known = (pl.concat([known[0], table]), pl.concat([known[1], reasons]))
        self.tables[role] = known
        return known

    def screen(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """The batch with per-role party columns, and its party_match reasons.

        The reasons frame has columns line, record_id, weight and reason (contract JSON).
        """
        distinct = {role: _distinct_parties(frame, role) for role in ROLES}
        # Only parties not seen in earlier batches become queries (and rows built in Python).
        new = {role: self._unknown(distinct[role], role) for role in ROLES}
        if len(self.cache) + sum(part.height for part in new.values()) > CACHE_LIMIT:
            self.cache.clear()  # bounded memory: forget earlier batches, keep this one whole
            self.tables.clear()
            new = distinct
        self._screen([party_query(*row) for role in ROLES for row in new[role].rows()])
        reason_parts = []
        for role in ROLES:
            keys = _key_columns(role)
            table, reason_table = self._known_tables(new[role], role)
            frame = frame.join(table, on=keys, how="left", nulls_equal=True, maintain_order="left")
            hits = frame.select("line", "record_id", *keys).join(
                reason_table, on=keys, how="inner", nulls_equal=True, maintain_order="left"
            )
            reason_parts.append(hits.select("line", "record_id", "weight", "reason"))
        return frame, pl.concat(reason_parts)
