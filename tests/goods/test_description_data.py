"""The goods-description word tables as data: the HS 2022 nomenclature reads as it did in code.

``FAMILIES`` and ``COVER_TERMS`` of :mod:`cordon.goods.descriptions` moved from Python literals
to ``goods/data/description_families.yaml`` and ``cover_terms.yaml``. The expected result below
was computed from the Python tables before the move: for every code of the shared HS 2022
nomenclature (6,940 codes, 5,613 of them six-digit), the conflict the check reports (if any) and
which family and cover-chapter word lists match its description. A dropped family, chapter or
English term changes it and fails here.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pytest

from cordon.goods import descriptions
from cordon.goods.descriptions import COVER_TERMS, FAMILIES, description_conflicts
from cordon.refdata import load

EXPECTED = (
    Path(__file__).parent.parent / "fixtures" / "goods" / "hs2022_description_classification.json"
)


@pytest.fixture(scope="module")
def nomenclature(shared_data: Path) -> tuple[list[str], pa.Array]:
    with (shared_data / "hs" / "harmonized-system.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6940 and sum(r["level"] == "6" for r in rows) == 5613
    return [r["hscode"] for r in rows], pa.array([r["description"] for r in rows])


def _matched(codes: list[str], mask: pa.Array) -> list[str]:
    return [code for code, hit in zip(codes, mask.to_pylist(), strict=True) if hit]


def _classify(codes: list[str], texts: pa.Array) -> dict[str, object]:
    descriptions._explain.cache_clear()  # its cache would hide a changed table
    conflicts = description_conflicts(pa.array(codes), texts).to_pylist()
    return {
        "conflicts": {c: x for c, x in zip(codes, conflicts, strict=True) if x is not None},
        "families": {f.lexicon.name: _matched(codes, f.lexicon.matches(texts))
                     for f in descriptions.FAMILIES},
        "cover": {chapter: _matched(codes, lexicon.matches(texts))
                  for chapter, lexicon in descriptions.COVER_TERMS.items()},
    }  # fmt: skip


def test_the_hs_2022_descriptions_classify_as_before(
    nomenclature: tuple[list[str], pa.Array],
) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert _classify(*nomenclature) == expected
    assert len(expected["conflicts"]) == 4  # "bearing" in chapters 25 and 49


def test_a_dropped_entry_changes_the_classification(
    nomenclature: tuple[list[str], pa.Array], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pin is honest: without the bearings family or the plastics chapter it differs."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    monkeypatch.setattr(descriptions, "FAMILIES", FAMILIES[:-1])
    without_bearings = _classify(*nomenclature)
    assert without_bearings != expected and not without_bearings["conflicts"]
    monkeypatch.setattr(descriptions, "FAMILIES", FAMILIES)
    monkeypatch.setattr(
        descriptions, "COVER_TERMS", {k: v for k, v in COVER_TERMS.items() if k != "39"}
    )
    assert _classify(*nomenclature) != expected
    monkeypatch.undo()
    assert _classify(*nomenclature) == expected


def test_family_order_and_families_follow_the_file() -> None:
    """File order is check order (the first family named explains the conflict)."""
    body = load("cordon.goods", "description_families.yaml", "families")["families"]
    assert [f.lexicon.name for f in FAMILIES] == list(body)
    chapters = load("cordon.goods", "cover_terms.yaml", "chapters")["chapters"]
    assert list(COVER_TERMS) == [str(c) for c in chapters]
    assert all(len(c) == 2 and c.isdigit() for c in COVER_TERMS)


def test_multilingual_terms_still_classify() -> None:
    """Terms no English HS description uses (Russian, Chinese, jamming, navigation) still work."""
    cases = {
        ("9503", "игрушка с микросхемой"): None,  # a chip inside a toy is still a toy
        ("3926", "микроконтроллеры STM32"): "integrated circuits",
        ("9503", "四轴飞行器"): "drones or drone parts",
        ("3926", "глушилка дронов"): "radio jamming equipment",
        ("7326", "GPS module"): "satellite navigation equipment",
    }
    for (code, description), label in cases.items():
        result = description_conflicts(pa.array([code]), pa.array([description]))[0].as_py()
        assert (result is None) if label is None else (label in result), (description, result)
