"""The Common High Priority Items List (CHPL): 50 six-digit HS codes Russia seeks for its weapons.

The list is data, with its source and version date: ``cordon/goods/data/chpl.yaml`` (version of
23 February 2024, published by BIS with the EU, Japan and the UK), its six tiers (1 integrated
circuits of highest concern ... 4.B CNC machine tools: :data:`TIER_MEANINGS`). Labels are cordon's
own short wording, not the official descriptions. Records coded in HS 2017 aircraft parts
(8803.xx) are read as their HS 2022 successor (8807.xx).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from cordon.refdata import ReferenceDataError, load

_DATA = load("cordon.goods", "chpl.yaml", "items")
CHPL_VERSION = _DATA["as_of"].isoformat()
# tier -> what it covers ("1": integrated circuits of highest concern, ...), in the list's order.
TIER_MEANINGS: Mapping[str, str] = MappingProxyType(
    {str(tier): str(meaning) for tier, meaning in _DATA["tiers"].items()}
)
TIERS: tuple[str, ...] = tuple(TIER_MEANINGS)


@dataclass(frozen=True)
class ChplItem:
    """One CHPL code: its HS6 subheading, tier and a short label."""

    hs6: str
    tier: str
    label: str


def _items() -> dict[str, ChplItem]:
    items = {}
    for entry in _DATA["items"]:
        item = ChplItem(str(entry["hs6"]), str(entry["tier"]), str(entry["label"]))
        if len(item.hs6) != 6 or not item.hs6.isdigit() or item.tier not in TIERS:
            raise ReferenceDataError(f"cordon/goods/data/chpl.yaml: bad item {entry!r}")
        items[item.hs6] = item
    return items


CHPL: Mapping[str, ChplItem] = MappingProxyType(_items())

# HS 2017 subheadings whose HS 2022 successor is on the CHPL (heading 8803 moved to 8807).
HS2017_SUCCESSORS: Mapping[str, str] = MappingProxyType(
    {str(old): str(new) for old, new in _DATA["hs2017_successors"].items()}
)


def chpl_item(hs6: str | None) -> ChplItem | None:
    """The CHPL entry for an HS6 code (HS 2022, or HS 2017 aircraft parts), or None."""
    if not hs6:
        return None
    return CHPL.get(hs6) or CHPL.get(HS2017_SUCCESSORS.get(hs6, ""))


def chpl_tier(hs6: str | None) -> str | None:
    """The CHPL tier ("1", "2", "3.A", "3.B", "4.A", "4.B") of an HS6 code, or None."""
    item = chpl_item(hs6)
    return item.tier if item is not None else None
