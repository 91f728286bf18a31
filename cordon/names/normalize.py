"""Turn any written form of a party name into comparable ASCII words and phonetic keys.

Steps: invisible characters dropped (Unicode format characters, Cf, and default-ignorables such
as the soft hyphen or the zero-width space: ROSO + soft hyphen + BORON is ROSOBORON), the name
and each word capped in length (see ``cordon.limits``), Unicode NFKC, case folding, quotes and
punctuation to spaces, legal forms cut out and kept as types (organizations) or titles dropped
(people), script detection and transliteration per token, and a phonetic skeleton per word.
Results are cached: names and words repeat.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import icu

from cordon.limits import get_limits
from cordon.names.legal_forms import repair_legal_words, split_legal_forms
from cordon.names.persons import strip_titles
from cordon.names.phonetic import skeleton
from cordon.names.symbols import NO_SYMBOLS, STOP, name_symbols, segment_han
from cordon.names.translit import ABJAD_SCRIPTS, latinize_token, token_script, transliteration_name

NameKind = Literal["person", "organization", "thing"]

# An apostrophe between two letters is part of the word: MUS'AB, CH'EN, O'BRIEN (MUSAB, CHEN,
# OBRIEN, as lists write them without it); anywhere else it is a quote.
_INNER_APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])['’ʼ`´](?=[^\W\d_])")
_QUOTES_RE = re.compile(r"[\"'«»“”„‟‘’‚‛‹›`´ʹʺ＂＇「」『』]")
_PUNCT_RE = re.compile(r"[\W_]+")
_SPACES_RE = re.compile(r"\s+")
# Persian letters folded to their Arabic twins (یک → يك) and the zero-width non-joiner that
# separates the parts of a Persian compound name (محمد‌رضا) made a space.
_PERSIAN_FOLD = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643", "\u200c": " "})
_SURROGATE_RE = re.compile("[\ud800-\udfff]")  # lone halves: no codec (ICU, rigour) takes them
_INVISIBLE_RE = re.compile(
    "["
    + "".join(
        f"{re.escape(start)}-{re.escape(end)}"
        for start, end in icu.UnicodeSet("[[:Default_Ignorable_Code_Point:][:Cf:]]").ranges()
    )
    + "]"
)
PERSON_SCHEMATA = frozenset({"Person"})
THING_SCHEMATA = frozenset({"Vessel", "Airplane"})


@dataclass(frozen=True)
class NormalizedName:
    """A name ready for matching: its words, their phonetic keys and what was taken out."""

    original: str
    words: tuple[str, ...]  # lower-case ASCII words of the core name
    keys: tuple[str, ...]  # phonetic skeleton of each word
    legal_forms: frozenset[str]  # generic legal-form types removed from the core, e.g. {"jsc"}
    scripts: tuple[str, ...]  # writing systems of the original, e.g. ("Cyrillic",)
    transliteration: str  # romanization applied: "none", "BGN/PCGN", "pinyin", ...
    abjad: bool  # written in a script without vowels (Arabic, Persian, Hebrew)
    glued: tuple[str, ...] = ()  # key of each adjacent word pair written as one word
    compact: str = ""  # the keys in sorted order without spaces, for character similarity
    joined: str = ""  # the keys in written order without spaces
    symbols: tuple[frozenset[str], ...] = ()  # per word: its rigour / data-file symbols
    sources: tuple[str, ...] = ()  # per word: the written token (or Han segment) it renders
    native: tuple[bool, ...] = ()  # per word: written in a non-Latin script
    invisible: int = 0  # invisible characters (Cf, default-ignorable) dropped from the original


def kind_of_schema(schema: str) -> NameKind:
    """Which name rules apply to an FtM schema."""
    if schema in PERSON_SCHEMATA:
        return "person"
    if schema in THING_SCHEMATA:
        return "thing"
    return "organization"


def drop_invisible(text: str) -> str:
    """The text without Unicode format (Cf) and default-ignorable characters: they render as
    nothing, so ``ROSO``+soft hyphen+``BORON`` must read as ``ROSOBORON``, not two words."""
    return _INVISIBLE_RE.sub("", text)


def clean_text(name: str) -> str:
    """Invisible characters dropped (the Persian zero-width non-joiner made a space first),
    apostrophes inside words dropped (MUS'AB → MUSAB), NFKC, Persian letters folded, case
    folding, other quotes to spaces and squashed whitespace; other punctuation is kept."""
    text = _INNER_APOSTROPHE_RE.sub("", drop_invisible(name.translate(_PERSIAN_FOLD)))
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _QUOTES_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


def strip_punctuation(text: str) -> str:
    """Every run of non-word characters becomes one space."""
    return _PUNCT_RE.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def normalize_name(name: str, kind: NameKind = "organization") -> NormalizedName:
    """Normalize one name; ``kind`` decides between legal-form and title handling. A name
    longer than the name limit is cut, and so is each word longer than the word limit: callers
    refuse such names first, this keeps matching bounded whatever they pass."""
    limits = get_limits()
    head = _SURROGATE_RE.sub("\ufffd", name[: 2 * limits.max_name_length]).translate(
        _PERSIAN_FOLD
    )  # ZWNJ: a space
    visible = drop_invisible(head)[: limits.max_name_length]
    text = clean_text(visible)
    legal: frozenset[str] = frozenset()
    if kind == "person":
        text = strip_titles(text)
    elif kind == "organization":
        forms = split_legal_forms(text)
        text, legal = forms.core, forms.generic
    words: list[str] = []
    scripts: list[str] = []
    about: dict[str, tuple[str, frozenset[str], bool]] = {}  # word -> source, symbols, native
    core = strip_punctuation(text)
    symbols = name_symbols(core, kind == "person") if kind != "thing" and core else {}
    for token in core.split():
        token = token[: limits.max_token_length]
        script = token_script(token)
        if script not in ("Latin", "Common") and script not in scripts:
            scripts.append(script)
        native = not token.isascii()
        pieces = (
            segment_han(token)
            if script == "Han" and kind == "organization"
            else ((token, symbols.get(token, NO_SYMBOLS)),)
        )
        for source, meaning in pieces:
            if STOP in meaning:
                continue
            for word in latinize_token(source):
                words.append(word)
                about.setdefault(word, (source, meaning, native))
    if kind == "organization":
        repaired = repair_legal_words(words)  # LMIITED, JOINT TSOCK COMPANY
        if scripts or repaired != words:
            forms = split_legal_forms(" ".join(repaired))
            if forms.generic:
                words = strip_punctuation(forms.core).split()
                legal = legal | forms.generic
    if not words:  # a name made only of punctuation or a bare legal form: keep what there is
        words = [
            w
            for t in strip_punctuation(clean_text(visible)).split()
            for w in latinize_token(t[: limits.max_token_length])
        ]
    keys = tuple(skeleton(w) for w in words)
    translit = transliteration_name(scripts[0]) if scripts else "none"
    facts = [about.get(w, (w, NO_SYMBOLS, False)) for w in words]
    return NormalizedName(
        original=name,
        words=tuple(words),
        keys=keys,
        legal_forms=legal,
        scripts=tuple(scripts),
        transliteration=translit,
        abjad=any(s in ABJAD_SCRIPTS for s in scripts),
        glued=tuple(skeleton(words[i] + words[i + 1]) for i in range(len(words) - 1)),
        compact="".join(sorted(keys)),
        joined="".join(keys),
        symbols=tuple(meaning for _, meaning, _ in facts),
        sources=tuple(source for source, _, _ in facts),
        native=tuple(native for _, _, native in facts),
        invisible=len(head) - len(drop_invisible(head)),
    )
