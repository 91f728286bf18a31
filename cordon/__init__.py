"""cordon: screen customs shipment records for sanctioned parties, dual-use goods and evasion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from cordon.names.model import Candidate


def match(name: str, **kwargs: Any) -> list[Candidate]:
    """Screen one party name against the loaded lists; see :func:`cordon.names.api.match`."""
    from cordon.names.api import match as _match

    return _match(name, **kwargs)


__all__ = ["__version__", "match"]
