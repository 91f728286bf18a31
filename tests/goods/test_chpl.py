"""cordon's own CHPL table against the reference list in ../shared/data/export-controls/chpl.csv."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from cordon.goods.chpl import CHPL, CHPL_VERSION, TIERS, chpl_item, chpl_tier


@pytest.fixture(scope="module")
def reference(shared_data: Path) -> dict[str, dict[str, str]]:
    with (shared_data / "export-controls" / "chpl.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        return {row["hs6"]: row for row in csv.DictReader(handle)}


def test_same_fifty_codes_and_tiers_as_the_reference(reference: dict[str, dict[str, str]]) -> None:
    assert len(CHPL) == 50
    assert {hs6: item.tier for hs6, item in CHPL.items()} == {
        hs6: row["tier"] for hs6, row in reference.items()
    }
    assert {row["chpl_version"] for row in reference.values()} == {CHPL_VERSION}


def test_tier_counts() -> None:
    assert Counter(item.tier for item in CHPL.values()) == {
        "1": 4,
        "2": 5,
        "3.A": 16,
        "3.B": 9,
        "4.A": 11,
        "4.B": 5,
    }
    assert set(TIERS) == {item.tier for item in CHPL.values()}


def test_every_code_is_an_hs2022_subheading(shared_data: Path) -> None:
    with (shared_data / "hs" / "harmonized-system.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        subheadings = {row["hscode"] for row in csv.DictReader(handle) if row["level"] == "6"}
    assert set(CHPL) <= subheadings


@pytest.mark.parametrize(
    ("hs6", "tier"),
    [
        ("854231", "1"),
        ("852691", "2"),
        ("880730", "3.B"),
        ("880330", "3.B"),
        ("845961", "4.B"),
        ("950300", None),
        (None, None),
        ("", None),
    ],
)
def test_chpl_tier(hs6: str | None, tier: str | None) -> None:
    assert chpl_tier(hs6) == tier


def test_hs2017_aircraft_parts_resolve_to_their_hs2022_item() -> None:
    item = chpl_item("880330")
    assert item is not None and item.hs6 == "880730" and item.label
