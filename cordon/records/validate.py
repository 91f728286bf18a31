"""Raw text columns to a typed ``RECORD_SCHEMA`` table; rows with bad values become rejects.

Every check is vectorized (pyarrow kernels, or one lookup per distinct value). A row is
rejected for the first failing field, in this order: field length, hs_code, party names,
date, countries, value, currency, quantity, net_weight_kg, importer_tax_id.
Empty values are null; only *garbage* (present but unreadable) rejects a row — see
docs/records.md for the per-field policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cordon.limits import get_limits
from cordon.records.chunk import RawChunk, truncate_raw
from cordon.records.countries import iso2_array
from cordon.records.currencies import to_currency
from cordon.records.langdata import sourced_entries
from cordon.records.reject_reasons import (
    FIELD_TOO_LONG,
    MISSING_HS,
    NAME_TOO_LONG,
    NEGATIVE,
    NO_PARTY,
    NOT_A_COUNTRY,
    NOT_A_CURRENCY,
    NOT_A_DATE,
    NOT_A_NUMBER,
    NOT_A_TAX_ID,
    NOT_HS,
    reject_reason,
)
from cordon.records.schema import RECORD_SCHEMA, Reject
from cordon.records.values import dates_array, decimals_array

# Longest accepted field (characters); longer ones reject the row (a 1 MB "description" is garbage).
MAX_FIELD_CHARS = 10_000
COUNTRY_FIELDS = (
    "exporter_country",
    "importer_country",
    "origin_country",
    "dispatch_country",
    "destination_country",
)
# Whitespace runs (newlines included) become one space in these; descriptions keep their lines.
SINGLE_LINE_FIELDS = ("exporter_name", "exporter_address", "importer_name", "unit")
_HS_SEPARATORS = r"[\s.\-/]"


def _tax_id_label() -> str:
    """A regex for a tax-id label (``ИНН:``, ``TIN``, ``税号``) at the start of a value: the labels
    of every ``data/tax_ids/<lang>.yaml``, longest first, case-insensitive."""
    labels = sorted(
        {key for _, key, _ in sourced_entries("tax_ids", "labels")}, key=lambda x: (-len(x), x)
    )
    alternatives = "|".join(re.escape(label).replace("\\ ", " ") for label in labels)
    return rf"(?i)^({alternatives})\s*[:№#]?\s*"


_TAX_ID_LABEL = _tax_id_label()
_TAX_ID = r"^[0-9A-Za-z][0-9A-Za-z\-/]{3,31}$"


@dataclass
class _Check:
    field: str
    bad: pa.Array  # boolean mask, True where the row fails this check
    reason: Callable[[int], str]  # reason text for a failing row index


def _name_limit_checks(columns: dict[str, pa.Array]) -> list[_Check]:
    """Party names over the documented limits (``cordon.limits``): too long, or a word too
    long. Real names are far shorter; matching work grows with word length."""
    limits = get_limits()
    reason = reject_reason(
        NAME_TOO_LONG, limit=limits.max_name_length, word_limit=limits.max_token_length
    )
    checks: list[_Check] = []

    def over_limits(names: pa.Array) -> pa.Array:
        too_long = pc.greater(pc.utf8_length(names), limits.max_name_length)
        word = pc.match_substring_regex(names, rf"\S{{{limits.max_token_length + 1},}}")
        return pc.or_(too_long, word)

    for name in ("exporter_name", "importer_name"):
        bad = pc.fill_null(_per_distinct(columns[name], over_limits), False)
        checks.append(_Check(name, bad, lambda _: reason))
    return checks


def validate_chunk(
    chunk: RawChunk, implied_currency: str | None = None
) -> tuple[pa.Table, list[Reject]]:
    """The chunk's valid rows as a ``RECORD_SCHEMA`` table, and one reject per invalid row."""
    raw = chunk.table
    count = raw.num_rows
    text = {name: _clean(raw.column(name).combine_chunks()) for name in raw.column_names}
    checks: list[_Check] = [_length_check(raw)]
    columns: dict[str, pa.Array] = {"line": chunk.lines}
    columns["record_id"] = _record_ids(text.get("record_id"), chunk.lines)

    hs_code = text.get("hs_code", _nulls(count))
    columns["hs_code"] = _per_distinct(hs_code, _hs_digits)
    hs_bad = pc.is_null(columns["hs_code"])
    checks.append(_Check("hs_code", hs_bad, _hs_reason(hs_code)))

    for name in SINGLE_LINE_FIELDS:
        columns[name] = _collapse_spaces(text.get(name, _nulls(count)))
    columns["description"] = text.get("description", _nulls(count))
    no_party = pc.and_(pc.is_null(columns["exporter_name"]), pc.is_null(columns["importer_name"]))
    party_field = "exporter_name" if "exporter_name" in text else "importer_name"
    checks.append(
        _Check(
            party_field,
            no_party,
            lambda _: reject_reason(NO_PARTY),
        )
    )
    checks.extend(_name_limit_checks(columns))

    dates, bad_dates = dates_array(text.get("date", _nulls(count)))
    columns["date"] = dates
    checks.append(_Check("date", bad_dates, _value_reason(text.get("date"), NOT_A_DATE)))

    for name in COUNTRY_FIELDS:
        codes, unknown = iso2_array(text.get(name, _nulls(count)))
        columns[name] = codes
        checks.append(_Check(name, unknown, _value_reason(text.get(name), NOT_A_COUNTRY)))

    _numeric(columns, checks, text, "value", count)
    currency_text = text.get("currency", _constant(implied_currency, count))
    currencies, bad_currency = _currencies(currency_text)
    columns["currency"] = currencies
    checks.append(_Check("currency", bad_currency, _value_reason(currency_text, NOT_A_CURRENCY)))
    _numeric(columns, checks, text, "quantity", count)
    _numeric(columns, checks, text, "net_weight_kg", count)

    tax_id = _per_distinct(text.get("importer_tax_id", _nulls(count)), _tax_id)
    columns["importer_tax_id"] = tax_id
    bad_tax = pc.invert(pc.fill_null(_per_distinct(tax_id, _tax_id_ok), True))
    checks.append(
        _Check("importer_tax_id", bad_tax, _value_reason(text.get("importer_tax_id"), NOT_A_TAX_ID))
    )

    columns["assumed"] = text.get("assumed", _nulls(count))
    rejected, rejects = _rejects(chunk, checks, columns["record_id"])
    table = pa.table(
        {field.name: columns[field.name].cast(field.type) for field in RECORD_SCHEMA},
        schema=RECORD_SCHEMA,
    )
    return table.filter(pc.invert(pa.array(rejected))), rejects


def _rejects(
    chunk: RawChunk, checks: list[_Check], record_ids: pa.Array
) -> tuple[np.ndarray, list[Reject]]:
    rejected = np.zeros(chunk.table.num_rows, dtype=bool)
    rejects: list[Reject] = []
    for check in checks:
        failing = np.asarray(
            pc.fill_null(check.bad, False).to_numpy(zero_copy_only=False), dtype=bool
        )
        for index in np.flatnonzero(failing & ~rejected):
            row = int(index)
            rejects.append(
                Reject(
                    line=chunk.lines[row].as_py(),
                    record_id=record_ids[row].as_py(),
                    field=check.field,
                    reason=check.reason(row),
                    raw=truncate_raw(chunk.raw_text(row)),
                )
            )
        rejected |= failing
    rejects.sort(key=lambda reject: reject.line)
    return rejected, rejects


def _clean(values: pa.Array) -> pa.Array:
    trimmed = pc.utf8_trim_whitespace(values)
    return pc.if_else(pc.equal(trimmed, ""), None, trimmed)


def _per_distinct(values: pa.Array, transform: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """``transform`` (element-wise) computed once per distinct value and mapped back to every
    row: names, HS codes and tax ids repeat a lot. A null stays null."""
    encoded = pc.dictionary_encode(values)
    return pc.take(transform(encoded.dictionary), encoded.indices)


def _collapse_spaces(values: pa.Array) -> pa.Array:
    """Whitespace runs to one space."""
    return _per_distinct(values, lambda distinct: pc.replace_substring_regex(distinct, r"\s+", " "))


def _hs_digits(hs_codes: pa.Array) -> pa.Array:
    """The digits of each HS code without separators; null unless 2 to 10 digits remain."""
    digits = pc.replace_substring_regex(hs_codes, _HS_SEPARATORS, "")
    return pc.if_else(pc.match_substring_regex(digits, r"^\d{2,10}$"), digits, None)


def _tax_id(values: pa.Array) -> pa.Array:
    """Tax ids without their label (``ИНН:``) and spaces; null when nothing is left."""
    tax_id = pc.replace_substring_regex(values, _TAX_ID_LABEL, "")
    tax_id = pc.replace_substring_regex(tax_id, r"\s+", "")
    return pc.if_else(pc.equal(tax_id, ""), None, tax_id)


def _tax_id_ok(tax_ids: pa.Array) -> pa.Array:
    return pc.match_substring_regex(tax_ids, _TAX_ID)


def _nulls(count: int) -> pa.Array:
    return pa.nulls(count, pa.string())


def _constant(value: str | None, count: int) -> pa.Array:
    return pa.array([value] * count, pa.string()) if value else _nulls(count)


def _record_ids(ids: pa.Array | None, lines: pa.Array) -> pa.Array:
    """The given ids; a missing one is ``line-N`` from the row's input line number."""
    assigned = pc.binary_join_element_wise("line-", pc.cast(lines, pa.string()), "")
    return assigned if ids is None else pc.coalesce(ids, assigned)


def _length_check(raw: pa.Table) -> _Check:
    too_long = pa.array([False] * raw.num_rows, pa.bool_())
    lengths: dict[str, pa.Array] = {}
    for name in raw.column_names:
        values = raw.column(name).combine_chunks()
        # A value has at least as many bytes as characters: most columns need no character count.
        if (pc.max(pc.binary_length(values)).as_py() or 0) <= MAX_FIELD_CHARS:
            continue
        lengths[name] = pc.utf8_length(values)
        too_long = pc.or_(too_long, pc.fill_null(pc.greater(lengths[name], MAX_FIELD_CHARS), False))

    def reason(row: int) -> str:
        name, length = max(
            ((n, lengths[n][row].as_py() or 0) for n in lengths), key=lambda item: item[1]
        )
        return reject_reason(
            FIELD_TOO_LONG, field=name, length=f"{length:,}", limit=f"{MAX_FIELD_CHARS:,}"
        )

    return _Check("row", too_long, reason)


def _hs_reason(hs_code: pa.Array) -> Callable[[int], str]:
    def reason(row: int) -> str:
        value = hs_code[row].as_py()
        if value is None:
            return reject_reason(MISSING_HS)
        return reject_reason(NOT_HS, low=2, high=10, value=repr(value[:60]))

    return reason


def _value_reason(values: pa.Array | None, problem: str) -> Callable[[int], str]:
    """The reason for a value that cannot be read (``problem`` has a ``%(value)s``)."""

    def reason(row: int) -> str:
        value = values[row].as_py() if values is not None else None
        return reject_reason(problem, value=repr(str(value)[:60]))

    return reason


def _numeric(
    columns: dict[str, pa.Array],
    checks: list[_Check],
    text: dict[str, pa.Array],
    name: str,
    count: int,
) -> None:
    values = text.get(name, _nulls(count))
    numbers, invalid = decimals_array(values)
    negative = pc.fill_null(pc.less(numbers, 0), False)
    columns[name] = numbers

    def reason(row: int) -> str:
        value = values[row].as_py()
        problem = NEGATIVE if negative[row].as_py() else NOT_A_NUMBER
        return reject_reason(problem, value=repr(str(value)[:60]))

    checks.append(_Check(name, pc.or_(invalid, negative), reason))


def _currencies(values: pa.Array) -> tuple[pa.Array, pa.Array]:
    distinct = pc.unique(values).drop_null()
    codes = [to_currency(value) for value in distinct.to_pylist()]
    positions = pc.index_in(values, value_set=distinct)
    resolved = pc.take(pa.array(codes, pa.string()), positions)
    unknown = pc.fill_null(pc.and_(pc.is_valid(values), pc.is_null(resolved)), False)
    return resolved, unknown
