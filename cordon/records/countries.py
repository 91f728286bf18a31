"""Country names and codes in any language to ISO 3166 alpha-2, scalar and vectorized.

rigour's territory database does most of the work (names in many languages, alpha-2/alpha-3
codes); cordon's own alias table adds customs spellings it lacks (КНР, 中国香港, Белоруссия...).
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc
import pycountry
from rigour.territories import lookup_territory

from cordon.records.langdata import language_files, sourced_entries


# Spellings seen in customs exports that rigour does not resolve: one file per language
# (data/countries/<lang>.yaml), which also names pycountry's translation of ISO 3166 to load;
# each alias with its code, source and date.
def _file_aliases() -> dict[str, str]:
    return {
        alias: str(entry["code"]).upper()
        for _language, alias, entry in sourced_entries("countries", "aliases")
    }

# Values meaning "not stated", per language file (``unknown:``): these become null instead of
# rejecting the row.
UNKNOWN_MARKERS: frozenset[str] = frozenset(
    {"", *(str(marker) for _language, data in language_files("countries", "aliases")
           for marker in data.get("unknown") or ())}
)  # fmt: skip

_PUNCT = re.compile(r"[\s.,;:()\"\-_/]+")
_APOSTROPHES = re.compile(r"['’`]")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def country_key(value: str) -> str:
    """The comparison key of a country string: upper case, ё→е, Arabic short vowels and tatweel
    dropped (الصّين = الصين), punctuation collapsed to spaces."""
    text = _ARABIC_MARKS.sub("", value.upper().replace("Ё", "Е"))
    return _PUNCT.sub(" ", _APOSTROPHES.sub("", text)).strip()


@lru_cache(maxsize=1)
def _numeric_codes() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        table[country.numeric] = country.alpha_2
        table[str(int(country.numeric))] = country.alpha_2
    return table


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """cordon's alias files plus ISO 3166 names in their languages (pycountry's translations).

    Resolving the common names here spares loading rigour's full multilingual index (seconds).
    """
    table: dict[str, str] = {}
    for language, data in language_files("countries", "aliases"):
        try:
            translator = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR,
                languages=[str(data.get("pycountry_locale", language))],
            )
        except OSError:  # pragma: no cover - depends on the pycountry build
            continue
        for country in pycountry.countries:
            for name in {country.name, getattr(country, "common_name", country.name)}:
                table.setdefault(country_key(translator.gettext(name)), country.alpha_2)
    for alias, code in _file_aliases().items():
        table[country_key(alias)] = code
    return table


@lru_cache(maxsize=65536)
def to_iso2(value: str | None) -> str | None:
    """ISO 3166 alpha-2 code (upper case) of a country name or code in any language, or None.

    Sub-national territories resolve to their country (Crimea -> UA, Scotland -> GB);
    dissolved states (USSR, Yugoslavia) and non-countries (EU) give None.
    """
    if value is None:
        return None
    key = country_key(value)
    if not key or key in UNKNOWN_MARKERS:
        return None
    if key in _aliases():
        return _aliases()[key]
    if key.isdigit():
        return _numeric_codes().get(key)
    try:  # ISO codes and English names: cheap, and spares loading rigour's multilingual index
        return str(pycountry.countries.lookup(value.strip()).alpha_2)
    except LookupError:
        pass
    territory = lookup_territory(value.strip()) or lookup_territory(key)
    while territory is not None and "-" in territory.code:
        territory = territory.parent
    if territory is None or territory.is_historical or len(territory.code) != 2:
        return None
    if territory.code == "eu":
        return None
    return territory.code.upper()


def is_unknown_marker(value: str | None) -> bool:
    """True for empty values and explicit "unknown" markers (N/A, XX, НЕИЗВЕСТНО, 未知...)."""
    return value is None or country_key(value) in UNKNOWN_MARKERS


def iso2_array(values: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Vectorized :func:`to_iso2` over a string array, resolving each distinct value once.

    Returns ``(codes, unrecognized)``: ISO alpha-2 codes (null when empty/unknown/unrecognized)
    and a boolean mask of values that are present but not a recognizable country.
    """
    distinct = pc.unique(values).drop_null()
    resolved = [to_iso2(v) for v in distinct.to_pylist()]
    garbage = [
        code is None and not is_unknown_marker(v)
        for v, code in zip(distinct.to_pylist(), resolved, strict=True)
    ]
    positions = pc.index_in(values, value_set=distinct)
    codes = pc.take(pa.array(resolved, pa.string()), positions)
    unrecognized = pc.fill_null(pc.take(pa.array(garbage, pa.bool_()), positions), False)
    return codes, unrecognized
