"""``GET /parties``: a party as written in the records, across runs (the party page's data)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from cordon.api.db import Database
from cordon.api.deps import get_db
from cordon.api.models import ErrorResponse
from cordon.api.party import PartyRef, find_parties, party_profile
from cordon.api.responses import json_response

router = APIRouter(tags=["Parties"])


@router.get("/parties", responses={404: {"model": ErrorResponse}})
def party(
    name: str | None = Query(None, min_length=1, max_length=500, description="As written"),
    country: str | None = Query(None, min_length=2, max_length=2, description="ISO alpha-2"),
    tax_id: str | None = Query(None, min_length=1, max_length=40),
    q: str | None = Query(None, min_length=2, max_length=200, description="Find parties"),
    db: Database = Depends(get_db),
) -> Any:
    """One party's profile (``name``, optional ``country`` and ``tax_id``), or with ``q`` the
    parties whose name contains it."""
    with db.cursor() as cur:
        if q is not None:
            return json_response({"results": find_parties(cur, q)})
        if name is None:
            raise HTTPException(422, detail="give name (a party) or q (a search)")
        profile = party_profile(cur, PartyRef(name=name, country=country, tax_id=tax_id))
    if not profile["totals"]["shipments"]:
        raise HTTPException(404, detail=f"No shipment of a party written {name!r} in the store")
    return json_response(profile)
