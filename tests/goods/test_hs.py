"""HS code normalization, scalar and vectorized."""

from __future__ import annotations

import pyarrow as pa
import pytest

from cordon.goods.hs import heading_array, hs6_array, hs_chapter, hs_heading, normalize_hs

CASES = [
    # code, hs6, heading
    ("852691", "852691", "8526"),
    ("8526.91", "852691", "8526"),
    ("8526.91.0000", "852691", "8526"),
    ("8526 91 000 0", "852691", "8526"),
    ("85269100", "852691", "8526"),  # EU CN / China 8 digits
    ("8807300000", "880730", "8807"),  # EAEU TN VED 10 digits
    ("8542-31-90", "854231", "8542"),
    ("10121", "010121", "0101"),  # leading zero lost in a spreadsheet
    ("8807", None, "8807"),  # a heading: no HS6, heading kept
    ("85", None, None),  # a chapter
    ("abc", None, None),
    ("85A231", None, None),
    ("12345678901", None, None),
    ("", None, None),
    (None, None, None),
]


@pytest.mark.parametrize(("code", "hs6", "heading"), CASES)
def test_normalize_hs_and_heading(code: str | None, hs6: str | None, heading: str | None) -> None:
    assert normalize_hs(code) == hs6
    assert hs_heading(code) == heading


def test_vectorized_forms_agree_with_scalar() -> None:
    codes = pa.array([code for code, _, _ in CASES], pa.string())
    assert hs6_array(codes).to_pylist() == [hs6 for _, hs6, _ in CASES]
    assert heading_array(codes).to_pylist() == [heading for _, _, heading in CASES]


def test_chapter() -> None:
    assert hs_chapter("8526.91") == "85" and hs_chapter("1") == "01" and hs_chapter("x") is None
