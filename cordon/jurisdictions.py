"""Country groups named in official Russia export-control guidance (see docs/red-flags.md).

The groups, their sources and dates are data: ``cordon/data/jurisdictions.yaml``. Used by the
red-flag rules and by the flow analytics to mark transshipment hubs.
"""

from __future__ import annotations

from collections.abc import Iterable

from cordon.refdata import ReferenceDataError, country_codes, load

_GROUPS = load("cordon", "jurisdictions.yaml", "groups")["groups"]


def _group(name: str) -> frozenset[str]:
    entry = _GROUPS.get(name) or {}
    where = f"cordon/data/jurisdictions.yaml: {name}"
    if not str(entry.get("source") or "").strip() or not entry.get("as_of"):
        raise ReferenceDataError(f"{where}: the group lacks its source or as_of")
    return country_codes(entry.get("countries"), where)


# Russia and Belarus: the destinations the CHPL controls protect.
RESTRICTED_DESTINATIONS: frozenset[str] = _group("restricted_destinations")
# FIN-2022-Alert003 "common transshipment points" plus the Tri-Seal note's Hong Kong and Macau.
TRANSSHIPMENT_HUBS: frozenset[str] = _group("transshipment_hubs")
# Countries applying Russia export controls (Supplement No. 3 to EAR Part 746, the "GECC").
GECC: frozenset[str] = _group("gecc")
# Russia/Belarus neighbours and close trading partners outside the GECC (cordon's judgement).
RU_BY_NEIGHBOURS: frozenset[str] = _group("ru_by_neighbours")


def sql_list(codes: Iterable[str]) -> str:
    """A SQL list literal of these constant country codes for ``IN``, e.g. ``('AE', 'CN')``."""
    return "(" + ", ".join(f"'{code}'" for code in sorted(codes)) + ")"
