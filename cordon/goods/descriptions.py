"""Descriptions that contradict their HS code: chips declared as toys, "микросхемы" as plastics.

Method. Each *goods family* of concern (integrated circuits, discrete semiconductors,
capacitors, navigation, radar, drones, jammers, thermal imagers, bearings) has a multilingual
term list and the HS chapters where such goods are legitimately classified. A description
naming a family conflicts with its code when the code's chapter is not one of those — unless
the description also names the kind of goods the declared chapter covers ("toy drone" under
chapter 95, "plastic case for microcontroller" under 39): a chip inside a toy is still a toy.
Both word tables are sourced data: ``data/description_families.yaml`` and ``data/cover_terms.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cordon.goods.categories import JAMMING
from cordon.goods.keywords import Lexicon
from cordon.refdata import load


@dataclass(frozen=True)
class Family:
    """Goods whose description is checked against the declared chapter."""

    lexicon: Lexicon
    label: str  # what the description says the goods are
    chapters: frozenset[str]  # HS chapters where such goods belong
    expected: str  # where such goods are classified, for the explanation


_CATEGORIES = {"jamming": JAMMING}  # families that reuse a story category's terms


def _families() -> tuple[Family, ...]:
    """The families of ``data/description_families.yaml``, in file order."""
    body = load("cordon.goods", "description_families.yaml", "families")["families"]
    return tuple(
        Family(
            _CATEGORIES[entry["category"]] if "category" in entry
            else Lexicon(name, tuple(entry["terms"])),
            entry["label"], frozenset(entry["chapters"]), entry["expected"],
        )
        for name, entry in body.items()
    )  # fmt: skip


def _cover_terms() -> dict[str, Lexicon]:
    """Per HS chapter, the words naming its goods (``data/cover_terms.yaml``)."""
    body = load("cordon.goods", "cover_terms.yaml", "chapters")["chapters"]
    return {str(chapter): Lexicon(entry["name"], tuple(entry["terms"]))
            for chapter, entry in body.items()}  # fmt: skip


FAMILIES: tuple[Family, ...] = _families()
# Words naming the goods of chapters often used as cover: when present, the code is plausible.
COVER_TERMS: dict[str, Lexicon] = _cover_terms()


def description_conflicts(codes: pa.Array, descriptions: pa.Array) -> pa.Array:
    """Vectorized :func:`description_conflict`: explanation text or null, per record."""
    chapters = pc.utf8_slice_codeunits(codes, 0, 2)
    explained: list[str | None] = [None] * len(codes)
    pending = np.ones(len(codes), dtype=bool)
    for number, family in enumerate(FAMILIES):
        named = family.lexicon.matches(descriptions)
        allowed = pc.is_in(chapters, value_set=pa.array(sorted(family.chapters)))
        conflict = pc.and_(pc.and_(named, pc.is_valid(chapters)), pc.invert(allowed))
        rows = np.flatnonzero(_as_numpy(conflict) & pending)
        if not len(rows):
            continue
        picked = pa.array(rows)
        pairs = zip(
            codes.take(picked).to_pylist(), descriptions.take(picked).to_pylist(), strict=True
        )
        for row, (code, description) in zip(rows.tolist(), pairs, strict=True):
            detail = _explain(number, code, description)
            if detail is not None:
                explained[row] = detail
                pending[row] = False
    return pa.array(explained, pa.string())


def description_conflict(hs6: str | None, description: str | None) -> str | None:
    """Why a description contradicts its HS code, or None when it does not (or cannot be told).

    ``hs6`` may be any normalized code of 2+ digits; only its chapter is compared.
    """
    result = description_conflicts(
        pa.array([hs6], pa.string()), pa.array([description], pa.string())
    )
    return result[0].as_py()


@lru_cache(maxsize=65536)
def _explain(family_number: int, code: str, description: str) -> str | None:
    family = FAMILIES[family_number]
    cover = COVER_TERMS.get(code[:2])
    if cover is not None and cover.first_term(description) is not None:
        return None
    term = family.lexicon.first_term(description)
    return (
        f"description names {family.label} ({term!r}) but HS {code} is in chapter {code[:2]}; "
        f"such goods are classified under {family.expected}"
    )


def _as_numpy(mask: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)
