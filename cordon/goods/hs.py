"""HS code normalization: any declared code (2 to 10 digits, dots, spaces) to its HS6 subheading.

National extensions (EAEU TN VED 10 digits, China 10 digits, US HTS 10, EU CN 8) share the
first six digits with the international HS, so ``8526.91.0000`` is HS6 ``852691``. A code of
2 or 4 digits names only a chapter or a heading: it has no HS6 (``normalize_hs`` gives None)
but :func:`hs_heading` keeps the heading. Codes of odd length (5, 7, 9 digits) lost their
leading zero in a spreadsheet and are padded back (``10121`` -> ``010121``).
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

_SEPARATORS = re.compile(r"[\s.\-/]")
_SEPARATORS_RE2 = r"[\s.\-/]"


def hs_digits(code: str | None) -> str | None:
    """The code's digits, separators removed, a lost leading zero restored; None if not a code."""
    if code is None:
        return None
    digits = _SEPARATORS.sub("", code)
    if not digits.isdigit() or not 1 <= len(digits) <= 10 or not digits.isascii():
        return None
    return "0" + digits if len(digits) % 2 else digits


def normalize_hs(code: str | None) -> str | None:
    """The 6-digit HS subheading of a declared code, or None (chapters, headings, non-codes)."""
    digits = hs_digits(code)
    if digits is None or len(digits) < 6:
        return None
    return digits[:6]


def hs_heading(code: str | None) -> str | None:
    """The 4-digit HS heading of a code of 4 digits or more, or None."""
    digits = hs_digits(code)
    return digits[:4] if digits is not None and len(digits) >= 4 else None


def hs_chapter(code: str | None) -> str | None:
    """The 2-digit HS chapter of any valid code, or None."""
    digits = hs_digits(code)
    return digits[:2] if digits is not None else None


def _prefix_array(codes: pa.Array, length: int) -> pa.Array:
    """The first ``length`` digits of every code that has at least that many (after padding)."""
    digits = pc.replace_substring_regex(codes, _SEPARATORS_RE2, "")
    valid = pc.match_substring_regex(digits, r"^\d{1,10}$")
    odd = pc.equal(pc.bit_wise_and(pc.utf8_length(digits), 1), 1)
    padded = pc.if_else(odd, pc.binary_join_element_wise("0", digits, ""), digits)
    keep = pc.fill_null(pc.and_(valid, pc.greater_equal(pc.utf8_length(padded), length)), False)
    return pc.if_else(
        keep, pc.utf8_slice_codeunits(padded, 0, length), pa.scalar(None, pa.string())
    )


def hs6_array(codes: pa.Array) -> pa.Array:
    """Vectorized :func:`normalize_hs`: a string array of HS6 codes (null where there is none)."""
    return _prefix_array(codes, 6)


def heading_array(codes: pa.Array) -> pa.Array:
    """Vectorized :func:`hs_heading`: 4-digit headings (null for chapters and non-codes)."""
    return _prefix_array(codes, 4)
