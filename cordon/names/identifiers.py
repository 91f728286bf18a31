"""Identifiers that confirm or veto a match: INN, OGRN, IMO, registration and tax numbers.

Values are compared after harsh normalization (upper-case letters and digits only, no
``IMO``/``INN``/``OGRN`` label). A query identifier's kind is recognised by its checksum
(rigour's INN, OGRN and IMO formats), so an unlabelled 10-digit INN still vetoes a listed
entity whose INN differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from rigour.ids import IMO, INN, OGRN

# FtM identifier properties of listed entities and the kind each one holds.
ID_PROPERTIES: dict[str, str] = {
    "innCode": "inn",
    "ogrnCode": "ogrn",
    "imoNumber": "imo",
    "registrationNumber": "registration",
    "taxNumber": "tax",
    "vatCode": "tax",
    "okpoCode": "okpo",
    "kppCode": "kpp",
    "uscCode": "uscc",
    "leiCode": "lei",
    "swiftBic": "bic",
    "idNumber": "id",
    "passportNumber": "passport",
    "mmsi": "mmsi",
}
_LABEL_RE = re.compile(r"^(IMO|INN|OGRN|OGRNIP|KPP|OKPO|USCC|VAT|NO|NR|TIN)(?=\d)")
_NON_ALNUM_RE = re.compile(r"[^0-9A-Z]+")


@lru_cache(maxsize=100_000)
def normalize_identifier(value: str) -> str:
    """Upper-case letters and digits only, without a leading kind label.

    ``IMO 9321483`` -> ``9321483``.
    """
    compact = _NON_ALNUM_RE.sub("", value.upper())
    return _LABEL_RE.sub("", compact)


@lru_cache(maxsize=100_000)
def identifier_kind(value: str) -> str | None:
    """The kind a normalized value provably is (valid INN, OGRN or 7-digit IMO), else None."""
    if not value.isdigit():
        return None
    if len(value) in (10, 12) and INN.is_valid(value):
        return "inn"
    if len(value) in (13, 15) and OGRN.is_valid(value):
        return "ogrn"
    if len(value) == 7 and IMO.is_valid(value):
        return "imo"
    return None


def entity_identifiers(properties: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Normalized identifier -> kind, for a listed entity's FtM properties."""
    found: dict[str, str] = {}
    for prop, kind in ID_PROPERTIES.items():
        for raw in properties.get(prop, ()):
            value = normalize_identifier(raw)
            if len(value) >= 4:
                found[value] = identifier_kind(value) or kind
    return found


def compare_identifiers(query: Iterable[str], listed: Mapping[str, str]) -> tuple[str | None, str]:
    """``("match", detail)`` when a query id equals a listed id, ``("veto", detail)`` when a
    query id of a recognised kind conflicts with the listed id of that kind, else ``(None, "")``."""
    if not listed:
        return None, ""
    conflicts: list[str] = []
    for raw in query:
        value = normalize_identifier(raw)
        if value in listed:
            return "match", f"{listed[value]} {value}"
        kind = identifier_kind(value)
        if kind is not None:
            others = [v for v, k in listed.items() if k == kind]
            if others:
                conflicts.append(f"{kind} {value} != {'/'.join(others)}")
    if conflicts:
        return "veto", "; ".join(conflicts)
    return None, ""
