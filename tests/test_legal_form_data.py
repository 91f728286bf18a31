"""The legal-form vocabulary and compatible pairs read from data files behave as the Python
tables they replaced: file order decides typo-repair ties, and each pair is two generic types."""

from __future__ import annotations

import pytest
from rapidfuzz.distance import OSA

from cordon.names.legal_forms import (
    _COMPATIBLE,
    LEGAL_FORM_WORDS,
    compare_legal_forms,
    repair_legal_word,
)

# A typo equally close to two vocabulary words -> the word listed first in the file (the result
# the code table gave before the move, found by trying every one-edit typo of every word).
TIES = [
    ("limiteda", ("limited", "limitada"), "limited"),
    ("anonime", ("anonima", "anonim"), "anonima"),
    ("aktsionernoae", ("aktsionernoye", "aktsionernoe"), "aktsionernoye"),
    ("oakrytoye", ("zakrytoye", "otkrytoye"), "zakrytoye"),
]


@pytest.mark.parametrize(("typo", "tied", "winner"), TIES)
def test_a_tie_goes_to_the_word_listed_first(
    typo: str, tied: tuple[str, str], winner: str
) -> None:
    first, second = tied
    assert OSA.normalized_similarity(typo, first) == OSA.normalized_similarity(typo, second)
    assert LEGAL_FORM_WORDS.index(first) < LEGAL_FORM_WORDS.index(second)
    assert repair_legal_word(typo) == winner


def test_the_vocabulary_repairs_one_typo_and_leaves_other_words() -> None:
    assert repair_legal_word("lmiited") == "limited"
    assert repair_legal_word("otvetstvennostju") == "otvetstvennostyu"
    assert repair_legal_word("trading") == "trading"
    assert len(set(LEGAL_FORM_WORDS)) == len(LEGAL_FORM_WORDS) >= 29


def test_compatible_pairs_are_two_types_each_and_symmetric() -> None:
    assert _COMPATIBLE and all(len(pair) == 2 for pair in _COMPATIBLE)
    assert compare_legal_forms(frozenset({"ltd"}), frozenset({"llc"})) == "compatible"
    assert compare_legal_forms(frozenset({"llc"}), frozenset({"llp"})) == "compatible"
    assert compare_legal_forms(frozenset({"plc"}), frozenset({"jsc"})) == "compatible"
    assert compare_legal_forms(frozenset({"jsc"}), frozenset({"llc"})) == "mismatch"
    assert compare_legal_forms(frozenset({"llc"}), frozenset({"llc", "jsc"})) == "match"
    assert compare_legal_forms(frozenset(), frozenset({"llc"})) is None
