"""Name symbols: what a word of a name means, shared across languages and scripts.

rigour's name analysis (``rigour.names.analyze_names``) tags name parts with symbols:
Wikidata person-name ids shared across scripts (محمد / Mohammed → ``NAME:Q…``), organisation
words across languages (завод / plant → ``DOMAIN:FACTORY``), places (中国 / China → ``LOC:cn``),
numbers and ordinals. ``cordon/names/data/symbols.yml`` adds what rigour lacks (Russian place
adjectives, Chinese surnames in Cantonese and Wade-Giles, …), each entry with its source.

Two words sharing a symbol align in matching and the index proposes candidates by symbol, so a
name written in one language finds its listed translation. Person-name symbols (``NAME:``) are
used only across scripts: within Latin script, spelling similarity already decides, and
Wikidata's name groups are too broad to equate two Latin spellings on their own. They are
looked up per word and only when needed (:func:`person_symbols`), because rigour's person-name
tagger is expensive to build.

Chinese names written without spaces are segmented here by longest match on the same
vocabulary (rigour's and the data file's), so 中国航空技术进出口总公司 yields 中国 / 航空 / 技术 /
进出口 / 总公司, each with its symbols.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import yaml
from rigour.names import NameTypeTag, analyze_names
from rigour.names.symbol import SymbolCategory

DATA_FILE = Path(__file__).resolve().parent / "data" / "symbols.yml"
NO_SYMBOLS: frozenset[str] = frozenset()
STOP = "STOP"  # a Han segment romanized names leave out (市, 省 …)
MAX_SEGMENT = 6  # longest Han segment looked up, in characters
# rigour symbol categories used, and the prefix cordon writes them with
_CATEGORIES: dict[SymbolCategory, str] = {
    SymbolCategory.NAME: "NAME",
    SymbolCategory.DOMAIN: "DOMAIN",
    SymbolCategory.SYMBOL: "SYMBOL",
    SymbolCategory.LOCATION: "LOC",
    SymbolCategory.NUMERIC: "NUM",
}
_PERSON_PREFIXES = ("NAME:", "SURNAME:")  # the only symbols of person names
_CROSS_SCRIPT_PREFIXES = ("NAME:",)  # symbols that align two words only across scripts
_ALWAYS_PREFIXES = ("NUM:", "SURNAME:")  # symbols that align two words whatever they look like


def symbol_label(symbol: str) -> str:
    """A reader's label for a symbol: ``DOMAIN:FACTORY`` → ``FACTORY``, ``LOC:cn`` → ``cn``."""
    return symbol.split(":", 1)[-1]


def cross_script_only(symbol: str) -> bool:
    """Whether a symbol aligns words only when one of them is written in a non-Latin script."""
    return symbol.startswith(_CROSS_SCRIPT_PREFIXES)


def symbol_allowed(symbol: str, crossing: bool, same_initial: bool) -> bool:
    """Whether two words sharing ``symbol`` may align: numbers and surnames always (a
    ``SURNAME:`` symbol of the data file is one Chinese surname in its romanizations: CHEUNG ≈
    ZHANG, CHAN ≈ CHEN, also within Latin script and with different initials); person names only
    across scripts (``crossing``: one word in a non-Latin script) and when they begin alike
    (``same_initial``: Wikidata groups Ali with Haidar); organisation words across
    scripts, or within Latin script when they begin alike (NATL ≈ NATIONAL, IMP ≈ IMPORT, but
    not TRADING ≈ IMPORT: two different English words are two different names)."""
    if symbol.startswith(_ALWAYS_PREFIXES):
        return True
    if cross_script_only(symbol):
        return crossing and same_initial
    return crossing or same_initial


def shared_symbol(
    left: frozenset[str], right: frozenset[str], crossing: bool, same_initial: bool
) -> str | None:
    """A symbol two words share and may align on (:func:`symbol_allowed`); None when none."""
    if not left or not right:
        return None
    common = left & right
    if not common:
        return None
    usable = sorted(s for s in common if symbol_allowed(s, crossing, same_initial))
    if not usable:
        return None
    # prefer the symbol a reader understands: organisation words and places before name ids
    return min(usable, key=lambda s: (s.startswith("NAME:"), s))


@lru_cache(maxsize=1)
def _supplement() -> dict[str, frozenset[str]]:
    """Form → symbols from the data file (every form case-folded)."""
    entries = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    table: dict[str, set[str]] = {}
    for entry in entries:
        symbol = str(entry["symbol"])
        if not entry.get("source"):
            raise ValueError(f"{DATA_FILE}: symbol {symbol} has no source")
        for form in entry["forms"]:
            table.setdefault(str(form).casefold(), set()).add(symbol)
    return {form: frozenset(symbols) for form, symbols in table.items()}


def _for_kind(symbols: Iterable[str], person: bool) -> frozenset[str]:
    """Person names keep person-name symbols only; organisations everything but surnames."""
    if person:
        return frozenset(s for s in symbols if s.startswith(_PERSON_PREFIXES))
    return frozenset(s for s in symbols if not s.startswith("SURNAME:"))


@lru_cache(maxsize=200_000)
def name_symbols(text: str, person: bool) -> Mapping[str, frozenset[str]]:
    """Token → symbols for a case-folded name (its core, without legal forms): for
    organisations rigour's and the data file's (a multi-word symbol, ``imp exp`` → TRADE, is
    given to each of its words); for people the data file's only — rigour's person-name
    symbols are looked up per word, and only across scripts (:func:`person_symbols`)."""
    found: dict[str, set[str]] = {}
    if not person:
        for name in analyze_names(
            NameTypeTag.ORG, [text], phonetics=False, consolidate=False, rewrite=False
        ):
            for span in name.spans:
                prefix = _CATEGORIES.get(span.symbol.category)
                if prefix is None:
                    continue
                symbol = f"{prefix}:{span.symbol.id}"
                for part in span.parts:
                    found.setdefault(part.form, set()).add(symbol)
    supplement = _supplement()
    for token in text.split():
        extra = supplement.get(token)
        if extra:
            found.setdefault(token, set()).update(extra)
    return {token: kept for token, symbols in found.items() if (kept := _for_kind(symbols, person))}


@lru_cache(maxsize=200_000)
def person_symbols(token: str) -> frozenset[str]:
    """rigour's Wikidata person-name symbols of one written word (محمد, Mohammed → NAME:Q…).

    rigour builds its person-name tagger on first use, which costs ~15 s of CPU and ~400 MB;
    so cordon asks only for person names written in an abjad (Arabic, Persian, Hebrew), whose
    romanizations lack vowels — never for Latin or Cyrillic person names, which romanize well,
    nor for organisations."""
    found: set[str] = set()
    for name in analyze_names(
        NameTypeTag.PER, [token], phonetics=False, consolidate=False, rewrite=False
    ):
        for span in name.spans:
            if span.symbol.category == SymbolCategory.NAME and len(span.parts) == 1:
                found.add(f"NAME:{span.symbol.id}")
    return frozenset(found) if found else NO_SYMBOLS


@lru_cache(maxsize=100_000)
def segment_symbols(segment: str) -> frozenset[str]:
    """Symbols of one whole Han segment (rigour's when it tags the segment as one word, plus
    the data file's); empty when the segment is not a known word."""
    symbols = set(_supplement().get(segment, ()))
    for name in analyze_names(
        NameTypeTag.ORG, [segment], phonetics=False, consolidate=False, rewrite=False
    ):
        for span in name.spans:
            prefix = _CATEGORIES.get(span.symbol.category)
            if prefix is not None and "".join(p.form for p in span.parts) == segment:
                symbols.add(f"{prefix}:{span.symbol.id}")
    return _for_kind(symbols, person=False)


@lru_cache(maxsize=50_000)
def segment_han(run: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Split a run of Han characters into known words (longest match first, with their
    symbols) and the unknown stretches between them (no symbols)."""
    segments: list[tuple[str, frozenset[str]]] = []
    unknown = ""
    position = 0
    while position < len(run):
        for length in range(min(MAX_SEGMENT, len(run) - position), 0, -1):
            piece = run[position : position + length]
            symbols = segment_symbols(piece)
            if symbols:
                break
        else:
            unknown += run[position]
            position += 1
            continue
        if unknown:
            segments.append((unknown, NO_SYMBOLS))
            unknown = ""
        segments.append((piece, symbols))
        position += length
    if unknown:
        segments.append((unknown, NO_SYMBOLS))
    return tuple(segments)
