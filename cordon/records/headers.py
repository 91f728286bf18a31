"""Header aliases: which source column holds which canonical field, in any language with a file.

The aliases live in ``data/headers/<lang>.yaml`` (English, Russian, Chinese, Arabic), each with
its source: the customs form field it comes from (an EU SAD box, a ДТ graph, a 报关单 field, a
CBP 7501 block...) or "common variant" when no form is behind it.

Headers are compared after :func:`header_key` (case-folded, ё→е, everything but letters and
digits removed), so "HS Code", "hs_code" and "H.S. CODE" are one key. A ``--columns`` map
(canonical field -> source header) overrides or completes the automatic choice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from cordon.i18n import N_, Items, Message
from cordon.records.dt_layout import DT_LAYOUT
from cordon.records.errors import CANNOT_READ_MAP, InputError, MissingColumnsError
from cordon.records.langdata import LanguageFileError, check_sourced, language_files
from cordon.records.schema import CANONICAL_COLUMNS

REQUIRED_ANY_PARTY: tuple[str, ...] = ("exporter_name", "importer_name")
REQUIRED: tuple[str, ...] = ("hs_code",)


@dataclass(frozen=True)
class HeaderAlias:
    """One header alias of a language file, with the form field or spelling it comes from."""

    language: str
    field: str
    alias: str
    source: str
    as_of: dt.date


@lru_cache(maxsize=1)
def alias_entries() -> tuple[HeaderAlias, ...]:
    """Every alias of every ``data/headers/<lang>.yaml``, in file order (English first).

    A file's ``fields:`` maps each canonical field to a list of ``{alias, source, as_of}``; a
    field that is not canonical, or an alias without its text, source or date, is an error
    naming the file, the field and the alias.
    """
    found = []
    for language, data in language_files("headers", "fields"):
        for field, entries in data["fields"].items():
            where = f"data/headers/{language}.yaml: {field!r}"
            if field not in CANONICAL_COLUMNS or not isinstance(entries, list):
                raise LanguageFileError(f"{where}: not a canonical field with a list of aliases")
            for entry in entries:
                alias = entry.get("alias") if isinstance(entry, dict) else None
                if not isinstance(alias, str) or not alias.strip():
                    raise LanguageFileError(f"{where}: {entry!r}: 'alias:' must be the header text")
                checked = check_sourced(entry, f"{where}: {alias!r}")
                found.append(
                    HeaderAlias(language, field, alias, str(checked["source"]), checked["as_of"])
                )
    return tuple(found)


def _file_aliases() -> dict[str, tuple[str, ...]]:
    """Canonical field -> its aliases in every language file (``data/headers/<lang>.yaml``)."""
    merged: dict[str, list[str]] = {}
    for entry in alias_entries():
        merged.setdefault(entry.field, []).append(entry.alias)
    return {field: tuple(aliases) for field, aliases in merged.items()}


# Header aliases per canonical field, from one file per language (English, Russian, Chinese,
# Arabic…): adding a language's customs headers is adding a file.
ALIASES: dict[str, tuple[str, ...]] = _file_aliases()

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def header_key(header: str) -> str:
    """Comparison key of a header: case-folded, ё→е, without spaces or punctuation."""
    return _NOT_WORD.sub("", header.casefold().replace("ё", "е"))


def _alias_index() -> dict[str, str]:
    """Alias key -> canonical field: the aliases above, then the ДТ extract field codes."""
    index: dict[str, str] = {}
    for table in (ALIASES, DT_LAYOUT.aliases):
        for field, aliases in table.items():
            for alias in (field, *aliases):
                index.setdefault(header_key(alias), field)
    return index


_INDEX = _alias_index()


def load_column_map(source: Mapping[str, str] | Path | None) -> dict[str, str]:
    """The user's column map (canonical field -> source header) from a mapping or a YAML file.

    The YAML file is a mapping, optionally under a top-level ``columns:`` key (next to an
    optional ``assume:`` section of defaults). Unknown canonical names are an
    :class:`InputError`.
    """
    if source is None:
        return {}
    if isinstance(source, Path):
        try:
            loaded = yaml.safe_load(source.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise InputError(source, Message(CANNOT_READ_MAP, error=error)) from error
        if isinstance(loaded, dict):  # its defaults are cordon.records.assume's business
            loaded = {key: value for key, value in loaded.items() if key != "assume"}
        if isinstance(loaded, dict) and isinstance(loaded.get("columns"), dict):
            loaded = loaded["columns"]
        if not isinstance(loaded, dict):
            raise InputError(
                source, Message(N_("column map must be a mapping of canonical field -> header"))
            )
        mapping = {str(key): str(value) for key, value in loaded.items()}
        origin: Path | str = source
    else:
        mapping = dict(source)
        origin = "--columns"
    unknown = sorted(set(mapping) - set(CANONICAL_COLUMNS))
    if unknown:
        raise InputError(
            origin,
            Message(
                N_("unknown canonical field(s) %(fields)s; expected some of: %(known)s"),
                fields=Items(unknown),
                known=Items(CANONICAL_COLUMNS),
            ),
        )
    return mapping


def dump_column_map(columns: Mapping[str, str], assume: Mapping[str, str]) -> str:
    """A ``--columns MAP.yaml`` file (``columns:`` and ``assume:`` sections) for a mapping."""
    document: dict[str, dict[str, str]] = {"columns": dict(columns)}
    if assume:
        document["assume"] = dict(assume)
    head = "# canonical field -> your header; use: cordon screen FILE --columns MAP.yaml\n"
    return head + yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@dataclass(frozen=True)
class ColumnPlan:
    """Which source columns feed which canonical fields, and a currency implied by a header."""

    columns: dict[int, str]  # source column index -> canonical field
    implied_currency: str | None = (
        None  # "USD" when the value header says so and no currency column
    )


_CURRENCY_IN_HEADER = {
    "usd": "USD",
    "долларсша": "USD",
    "美元": "USD",
    "rub": "RUB",
    "руб": "RUB",
    "cny": "CNY",
    "eur": "EUR",
}


def resolve_columns(
    path: Path, headers: Sequence[str], column_map: Mapping[str, str] | None = None
) -> ColumnPlan:
    """Plan the source columns of each canonical field: the explicit map first, then aliases.

    The first source column matching a field wins. A value header naming a currency
    ("Value USD", "金额(美元)") implies that currency when the file has no currency column.
    Raises :class:`InputError` naming the file when the map names a header the file lacks, and
    :class:`MissingColumnsError` (the missing fields and the headers found) when no party name
    or no HS code column exists.
    """
    chosen = choose_columns(path, headers, column_map)
    missing: list[str | Items] = [field for field in REQUIRED if field not in chosen]
    if not any(field in chosen for field in REQUIRED_ANY_PARTY):
        missing.insert(0, Items(REQUIRED_ANY_PARTY, style="or", separator=" or "))
    if missing:
        raise MissingColumnsError(path, headers, missing)
    return ColumnPlan(
        columns={index: field for field, index in chosen.items()},
        implied_currency=_implied_currency(headers, chosen),
    )


def choose_columns(
    path: Path, headers: Sequence[str], column_map: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Canonical field -> source column index: the explicit map, then the header aliases."""
    chosen: dict[str, int] = {}
    by_key: dict[str, int] = {}
    for index, header in enumerate(headers):
        by_key.setdefault(header_key(header), index)
    for field, header in (column_map or {}).items():
        found = _find(headers, header, by_key)
        if found is None:
            raise InputError(
                path,
                Message(
                    N_(
                        "column map names header %(header)s for %(field)s, but the file has no "
                        "such column; headers found: %(found)s"
                    ),
                    header=repr(header),
                    field=field,
                    found=Items(map(repr, headers)),
                ),
            )
        chosen[field] = found
    taken = set(chosen.values())
    for index, header in enumerate(headers):
        alias = _INDEX.get(header_key(header))
        if alias is not None and alias not in chosen and index not in taken:
            chosen[alias] = index
            taken.add(index)
    return chosen


def _implied_currency(headers: Sequence[str], chosen: Mapping[str, int]) -> str | None:
    if "currency" in chosen or "value" not in chosen:
        return None
    key = header_key(headers[chosen["value"]])
    for marker, code in _CURRENCY_IN_HEADER.items():
        if key.endswith(marker) or key.startswith(marker):
            return code
    return None


def _find(headers: Sequence[str], header: str, by_key: Mapping[str, int]) -> int | None:
    if header in headers:
        return list(headers).index(header)
    return by_key.get(header_key(header))
