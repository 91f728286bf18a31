"""The Python entry point for screening one party name: ``cordon.match("NAME", ...)``."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from cordon.names.matcher import Matcher
from cordon.names.model import Candidate, Query
from cordon.store import connect


def match(
    name: str,
    *,
    schema: str | None = None,
    country: str | None = None,
    ids: Sequence[str] = (),
    datasets: Sequence[str] | None = None,
    limit: int = 10,
    threshold: float = 0.0,
    conn: duckdb.DuckDBPyConnection | None = None,
) -> list[Candidate]:
    """Ranked, explained candidates for one name against the active lists in the store.

    ``schema`` is an FtM schema (Person, Company, Organization, LegalEntity, Vessel; default
    LegalEntity), ``country`` an ISO code, ``ids`` identifiers (INN, OGRN, IMO...) that confirm
    or veto. Raises ValueError for an empty name or an unknown dataset.
    """
    if not name or not name.strip():
        raise ValueError("match: the name to screen is empty")
    query = Query(
        names=(name,),
        schema=schema or "LegalEntity",
        countries=(country,) if country else (),
        identifiers=tuple(ids),
    )
    own = conn is None
    connection = connect() if conn is None else conn
    try:
        return Matcher.for_store(connection, datasets).match(
            query, limit=limit, threshold=threshold
        )
    finally:
        if own:
            connection.close()


def candidate_dict(candidate: Candidate) -> dict[str, object]:
    """The JSON shape of a candidate (CLI ``--json`` and the HTTP API)."""
    return {
        "entity_id": candidate.entity_id,
        "list": candidate.dataset,
        "source_id": candidate.source_id,
        "schema": candidate.schema,
        "caption": candidate.caption,
        "matched_name": candidate.matched_name,
        "query_name": candidate.query_name,
        "score": candidate.score,
        "explanation": candidate.explanation,
        "features": [
            {"name": f.name, "value": round(f.value, 4), "weight": f.weight, "detail": f.detail}
            for f in candidate.features
        ],
    }
