"""Input defaults per file: values a file leaves out because they go without saying.

A Russian import declaration (ДТ) has no destination column — the destination is Russia by
definition — so its routes would end at "unknown" and the Russia-bound red flags would never
fire. ``--assume destination_country=RU`` (or an ``assume:`` section in the ``--columns`` YAML,
or the upload form's field) fills such a field where a row leaves it empty, and cordon does it
by itself for ДТ import extracts (:mod:`cordon.records.dt_layout`).
Every row that received a default says so in its ``assumed`` column (e.g.
``destination_country``), which the store keeps and alerts.jsonl, the report and the alert
pages show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import yaml

from cordon.i18n import N_, Items, Message
from cordon.records.chunk import RawChunk
from cordon.records.countries import to_iso2
from cordon.records.currencies import to_currency
from cordon.records.dt_layout import DT_LAYOUT, is_code_header
from cordon.records.errors import CANNOT_READ_MAP, InputError
from cordon.records.headers import header_key

# Fields a default may be given for, and how a given value is checked.
ASSUMABLE: dict[str, str] = {
    "destination_country": "country", "dispatch_country": "country",
    "origin_country": "country", "exporter_country": "country", "importer_country": "country",
    "currency": "currency",
}  # fmt: skip
DIRECTION = "_direction"  # pseudo-field: the ДТ graph-1 column, read only to pick import rows
ASSUMED = "assumed"  # the record column naming the fields a row received by default


@dataclass(frozen=True)
class Defaults:
    """The defaults of one file: values per field, and whether only import rows get them."""

    values: dict[str, str] = field(default_factory=dict)
    direction_column: int | None = None  # when set, only rows whose graph 1 says import
    source: str = ""  # "--assume", "ДТ import layout", ...

    def __bool__(self) -> bool:
        return bool(self.values)


def parse_assume(items: Iterable[str], origin: Path | str = "--assume") -> dict[str, str]:
    """``["destination_country=RU", ...]`` as a checked {field: normalized value} mapping.

    Raises :class:`InputError` naming ``origin`` for an unknown field or an unrecognized value.
    """
    parsed: dict[str, str] = {}
    for item in items:
        name, sep, value = str(item).partition("=")
        parsed[name.strip()] = value.strip() if sep else ""
    return check_assume(parsed, origin)


def check_assume(values: Mapping[str, Any], origin: Path | str) -> dict[str, str]:
    """Normalize a {field: value} mapping of defaults; :class:`InputError` on a bad entry."""
    checked: dict[str, str] = {}
    for name, raw in values.items():
        if name not in ASSUMABLE:
            problem = N_(
                "cannot assume %(name)s: defaults exist for %(fields)s (write FIELD=VALUE)"
            )
            raise InputError(origin, Message(problem, name=repr(name), fields=Items(ASSUMABLE)))
        text = "" if raw is None else str(raw).strip()
        value = to_iso2(text) if ASSUMABLE[name] == "country" else to_currency(text)
        if not value:
            problem = N_("assumed %(name)s %(value)s is not a recognized %(kind)s")
            kind = N_("country") if ASSUMABLE[name] == "country" else N_("currency")
            raise InputError(
                origin, Message(problem, name=name, value=repr(text), kind=Message(kind))
            )
        checked[name] = value
    return checked


def load_assume(source: Path | None) -> dict[str, str]:
    """The ``assume:`` section of a ``--columns`` YAML file (empty when there is none)."""
    if source is None:
        return {}
    try:
        loaded = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(source, Message(CANNOT_READ_MAP, error=error)) from error
    section = loaded.get("assume") if isinstance(loaded, dict) else None
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise InputError(source, Message(N_("assume: must be a mapping of field -> value")))
    return check_assume(section, source)


def file_defaults(
    headers: Sequence[str], mapped: Mapping[int, str], explicit: Mapping[str, str]
) -> Defaults:
    """The defaults of a file: the user's, else the ДТ import defaults when the layout fits.

    A ДТ import default needs a file without the defaulted column, and either a graph-1
    column (then only its import rows get it) or a ДТ field-code layout without one.
    """
    if explicit:
        return Defaults(values=dict(explicit), source="--assume")
    fields = set(mapped.values())
    values = {k: v for k, v in DT_LAYOUT.import_assume.items() if k not in fields}
    if not values:
        return Defaults()
    wanted = {header_key(h) for h in DT_LAYOUT.direction_headers}
    direction = next((i for i, h in enumerate(headers) if header_key(h) in wanted), None)
    if direction is not None:
        return Defaults(values=values, direction_column=direction, source="ДТ import rows")
    if sum(map(is_code_header, headers)) >= DT_LAYOUT.min_code_headers:
        return Defaults(values=values, source="ДТ import layout")
    return Defaults()


def apply_defaults(chunk: RawChunk, defaults: Defaults) -> RawChunk:
    """The chunk with empty defaulted fields filled and an ``assumed`` column naming them."""
    table = chunk.table
    count = table.num_rows
    eligible = pa.array([True] * count, pa.bool_())
    if DIRECTION in table.column_names:
        direction = pc.utf8_lower(pc.utf8_trim_whitespace(table.column(DIRECTION)))
        eligible = pc.fill_null(
            pc.is_in(direction, value_set=pa.array(sorted(DT_LAYOUT.import_values))), False
        )
        table = table.drop_columns([DIRECTION])
    marks: list[pa.Array] = []
    for name, value in defaults.values.items():
        if name in table.column_names:
            current = table.column(name).combine_chunks()
            empty = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(current), ""), True)
        else:
            current = pa.nulls(count, pa.string())
            empty = pa.array([True] * count, pa.bool_())
        use = pc.and_(empty, eligible)
        filled = pc.if_else(use, pa.scalar(value), current)
        table = (table.set_column(table.column_names.index(name), name, filled)
                 if name in table.column_names else table.append_column(name, filled))  # fmt: skip
        marks.append(pc.if_else(use, pa.scalar(name), pa.scalar(None, pa.string())))
    assumed = marks[0] if marks else pa.nulls(count, pa.string())
    for mark in marks[1:]:
        assumed = pc.binary_join_element_wise(assumed, mark, ",",
                                              null_handling="skip")  # fmt: skip
    assumed = pc.if_else(pc.equal(assumed, ""), pa.scalar(None, pa.string()), assumed)
    table = table.append_column(ASSUMED, assumed)
    return RawChunk(table=table, lines=chunk.lines, rejects=chunk.rejects,
                    raw_text=chunk.raw_text, bytes_read=chunk.bytes_read)  # fmt: skip
