"""Country groups named in official Russia export-control guidance (see docs/red-flags.md).

Used by the red-flag rules and by the flow analytics to mark transshipment hubs.
"""

from __future__ import annotations

from collections.abc import Iterable

# Russia and Belarus: the destinations the CHPL controls protect.
RESTRICTED_DESTINATIONS: frozenset[str] = frozenset({"RU", "BY"})

# FIN-2022-Alert003 "common transshipment points" plus the Tri-Seal note's Hong Kong and Macau.
TRANSSHIPMENT_HUBS: frozenset[str] = frozenset(
    {
        "AM", "BR", "CN", "GE", "IN", "IL", "KZ", "KG", "MX", "NI", "RS", "SG", "ZA",
        "TW", "TJ", "TR", "AE", "UZ", "HK", "MO",
    }
)  # fmt: skip

# Countries applying Russia export controls (Supplement No. 3 to EAR Part 746, the "GECC").
_EU = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}  # fmt: skip
GECC: frozenset[str] = frozenset(
    _EU | {"US", "AU", "CA", "IS", "JP", "LI", "NZ", "NO", "SG", "KR", "CH", "TW", "GB"}
)


def sql_list(codes: Iterable[str]) -> str:
    """A SQL list literal of these constant country codes for ``IN``, e.g. ``('AE', 'CN')``."""
    return "(" + ", ".join(f"'{code}'" for code in sorted(codes)) + ")"
