"""Typed values from customs text: dates in common formats and decimals with any separators.

Dates are parsed once per distinct value (a file has few distinct dates); decimals are parsed
with vectorized pyarrow string kernels because nearly every value is distinct.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

from cordon.records.langdata import sourced_entries

_EXCEL_EPOCH = date(1899, 12, 30)
# Excel serial days accepted as dates: 1954-10-03 .. 2119-01-08, so YYYYMMDD never looks like one.
_EXCEL_SERIALS = (20000, 80000)


def _date_patterns() -> tuple[re.Pattern[str], ...]:
    """The date patterns of every ``data/dates/<lang>.yaml`` (named groups year, month, day)."""
    return tuple(
        re.compile(str(entry["regex"])) for _, _, entry in sourced_entries("dates", "patterns")
    )


_DATE_PATTERNS = _date_patterns()
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")


@lru_cache(maxsize=65536)
def parse_date(text: str | None) -> date | None:
    """A date from ISO (2024-03-01, with or without time), DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY,
    YYYY/MM/DD, YYYYMMDD, 2024年3月1日 (the patterns of ``data/dates/<lang>.yaml``) or an Excel
    serial day number; None when empty.

    Slashed dates are read day first unless the first number cannot be a day of a month
    (``03/25/2024`` is read as March 25). Raises ``ValueError`` for anything else.
    """
    if text is None or not text.strip():
        return None
    value = text.strip()
    try:
        return _parse_date(value)
    except ValueError as error:
        raise ValueError(f"not a valid date: {value!r} ({error})") from None


def _parse_date(value: str) -> date | None:
    for pattern in _DATE_PATTERNS:
        if match := pattern.match(value):
            year, month, day = (int(match.group(part)) for part in ("year", "month", "day"))
            if match.groupdict().get("sep") == "/" and month > 12 >= day:
                day, month = month, day  # 03/25/2024: only month first makes a date
            return date(year, month, day)
    if (match := _SERIAL.match(value)) and _EXCEL_SERIALS[0] <= int(
        match.group(1)
    ) < _EXCEL_SERIALS[1]:
        return _EXCEL_EPOCH + timedelta(days=int(match.group(1)))
    raise ValueError("no known date format matches")


def _safe_date(text: str) -> date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def dates_array(values: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Vectorized :func:`parse_date` over a string array, one parse per distinct value.

    Returns ``(dates, invalid)``: a date32 array and a mask of non-empty values that are not dates.
    """
    distinct = pc.unique(values).drop_null()
    texts = distinct.to_pylist()
    parsed = [_safe_date(text) for text in texts]
    invalid = [day is None and bool(text.strip()) for text, day in zip(texts, parsed, strict=True)]
    positions = pc.index_in(values, value_set=distinct)
    dates = pc.take(pa.array(parsed, pa.date32()), positions)
    mask = pc.fill_null(pc.take(pa.array(invalid, pa.bool_()), positions), False)
    return dates, mask


# Spaces of any kind and apostrophes are thousands separators ("1 234,56", "1'234.56").
_GROUPING = r"[\s\x{00a0}\x{202f}\x{2009}']"
_NUMBER = r"^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$"
# Commas used as thousands separators: 1,234 / 1,234,567.89
_COMMA_THOUSANDS = r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$"
# Dots as thousands separators, unambiguous: 1.234,56 or 1.234.567
_DOT_THOUSANDS = r"^[-+]?\d{1,3}(\.\d{3})+,\d+$|^[-+]?\d{1,3}(\.\d{3}){2,}$"
# One group after a dot or a comma: ambiguous (1,234 / 1.234)
_ONE_GROUP = r"^[-+]?\d{1,3}[.,]\d{3}$"
# An unambiguous decimal comma: 12,5 or 0,125 or 3,14159
_DECIMAL_COMMA = r"^[-+]?\d+,(\d{1,2}|\d{4,})$|^[-+]?0,\d+$|^[-+]?\d{1,3}(\.\d{3})+,\d+$"


def decimals_array(values: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Decimals written with any common separators to float64, vectorized.

    Accepts ``1234.56``, ``1,234.56``, ``1 234,56``, ``1.234,56``, ``12,5`` and exponents.
    One separator followed by exactly three digits (``1,234`` or ``1.234``) is ambiguous: when
    other values of the same column use decimal commas the comma is the decimal mark and the dot
    groups thousands; otherwise the comma groups thousands and the dot is the decimal mark.
    Returns ``(numbers, invalid)``: float64 values and a mask of non-empty non-numbers.
    """
    plain = pc.match_substring_regex(values, _NUMBER)
    if pc.all(pc.or_(plain, pc.is_null(values))).as_py() is not False:  # the common case
        return pc.cast(values, pa.float64()), pa.array([False] * len(values), pa.bool_())
    text = pc.replace_substring_regex(values, _GROUPING, "")
    decimal_commas = pc.sum(pc.match_substring_regex(text, _DECIMAL_COMMA)).as_py() or 0
    thousands_commas = (
        pc.sum(
            pc.match_substring_regex(
                text, r"^[-+]?\d{1,3}(,\d{3})+\.\d+$|^[-+]?\d{1,3}(,\d{3}){2,}$"
            )
        ).as_py()
        or 0
    )
    comma_is_decimal = decimal_commas > thousands_commas
    one_group = pc.match_substring_regex(text, _ONE_GROUP)
    if comma_is_decimal:
        strip_commas = pc.and_(
            pc.match_substring_regex(text, _COMMA_THOUSANDS), pc.invert(one_group)
        )
        strip_dots = pc.or_(
            pc.match_substring_regex(text, _DOT_THOUSANDS),
            pc.match_substring_regex(text, r"^[-+]?\d{1,3}\.\d{3}$"),
        )
    else:
        strip_commas = pc.match_substring_regex(text, _COMMA_THOUSANDS)
        strip_dots = pc.match_substring_regex(text, _DOT_THOUSANDS)
    text = pc.if_else(strip_commas, pc.replace_substring(text, ",", ""), text)
    text = pc.if_else(strip_dots, pc.replace_substring(text, ".", ""), text)
    text = pc.replace_substring(text, ",", ".")
    well_formed = pc.match_substring_regex(text, _NUMBER)
    present = pc.greater(pc.utf8_length(text), 0)
    invalid = pc.fill_null(pc.and_(present, pc.invert(well_formed)), False)
    numbers = pc.cast(pc.if_else(well_formed, text, None), pa.float64())
    return numbers, invalid
