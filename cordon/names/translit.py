"""Script detection and transliteration of name tokens into comparable ASCII, via ICU and rigour.

Cyrillic goes through ICU's BGN/PCGN Russian romanization, Greek through UNGEGN, Han through
pinyin (company names are first segmented into words by ``cordon.names.symbols``, whose
symbols carry their meaning), everything else through ICU ``Any-Latin``. Results are cached
per token because names repeat their words endlessly.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu
from rigour.text.scripts import text_scripts

# Transliterator ids per script; each is followed by Latin-ASCII to drop diacritics.
_SCRIPT_TRANSLITERATORS: dict[str, str] = {
    "Cyrillic": "Russian-Latin/BGN; Latin-ASCII",
    "Greek": "Greek-Latin/UNGEGN; Latin-ASCII",
    "Han": "Han-Latin/Names; Latin-ASCII",
}
_FALLBACK_TRANSLITERATOR = "Any-Latin; Latin-ASCII"

# Scripts written without short vowels: their romanizations are compared by consonant skeleton.
ABJAD_SCRIPTS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})

_ARTICLE = "\u0627\u0644"  # ال, the definite article
_TA_MARBUTA = "\u0629"  # ة
_TATWEEL = "\u0640"  # ـ, a stretching stroke
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_SILENT_RE = re.compile(r"[·'\"ʹʺʻʼʿʾ`]")  # soft/hard signs, BGN separators, ayin/hamza marks


@lru_cache(maxsize=32)
def _transliterator(transform_id: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(transform_id)


@lru_cache(maxsize=200_000)
def token_script(token: str) -> str:
    """The dominant real script of a token ("Latin", "Cyrillic", "Han"...); "Common" for digits."""
    if token.isascii():
        return "Latin" if any(c.isalpha() for c in token) else "Common"
    scripts = text_scripts(token)
    if not scripts:
        return "Common"
    if len(scripts) == 1:
        return next(iter(scripts))
    return "Han" if "Han" in scripts else sorted(scripts)[0]


def _ascii_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _NON_ALNUM_RE.split(_SILENT_RE.sub("", text.lower())) if w)


def _pinyin_run(run: str) -> str:
    latin = _transliterator(_SCRIPT_TRANSLITERATORS["Han"]).transliterate(run)
    return "".join(_ascii_words(latin))


@lru_cache(maxsize=200_000)
def latinize_token(token: str) -> tuple[str, ...]:
    """ASCII words for one cleaned token in any script (a Han run may yield several words)."""
    if token.isascii():
        return _ascii_words(token)
    script = token_script(token)
    if script == "Han":  # one word per run: cordon.names.symbols segments company names first
        run = _pinyin_run(token)
        return (run,) if run else ()
    if script == "Arabic":
        return _arabic_words(token)
    transform = _SCRIPT_TRANSLITERATORS.get(script, _FALLBACK_TRANSLITERATOR)
    return _ascii_words(_transliterator(transform).transliterate(token))


def _arabic_words(token: str) -> tuple[str, ...]:
    """An Arabic-script word romanized as lists write it: the article ال attached to a name is
    its own word (التكريتي → al tkryty, as AL-TIKRITI), tatweel is dropped and a final ta
    marbuta is silent (سميرة → smyr, as SAMIRA)."""
    token = token.replace(_TATWEEL, "")
    if token.endswith(_TA_MARBUTA) and len(token) > 2:
        token = token[:-1]
    words: tuple[str, ...] = ()
    if token.startswith(_ARTICLE) and len(token) > len(_ARTICLE) + 2:  # not الله
        words, token = ("al",), token[len(_ARTICLE) :]
    latin = _transliterator(_FALLBACK_TRANSLITERATOR).transliterate(token)
    return words + _ascii_words(latin)


def transliteration_name(script: str) -> str:
    """Which romanization :func:`latinize_token` applies to a script, for explanations."""
    return {
        "Latin": "none",
        "Common": "none",
        "Cyrillic": "BGN/PCGN",
        "Greek": "UNGEGN",
        "Han": "pinyin",
    }.get(script, "ICU Any-Latin")


def to_cyrillic(text: str) -> str:
    """Romanized Russian back to Cyrillic by ICU's reverse BGN/PCGN transform (``sechin`` ->
    ``сечин``), as a Russian declarant would write it; used to build cross-script variants."""
    return str(_transliterator("Latin-Russian/BGN").transliterate(text.lower()))


_DISPLAY_TRANSLITERATORS: dict[str, str] = {
    "Cyrillic": "Russian-Latin/BGN",
    "Han": "Han-Latin/Names; Latin-ASCII",
    "Arabic": "Arabic-Latin; Latin-ASCII",
}


@lru_cache(maxsize=20_000)
def romanize(text: str) -> str:
    """A readable Latin transliteration of a whole name for display beside the name as written.

    Cyrillic by BGN/PCGN, Chinese by pinyin syllables (without tone marks), Arabic by ICU's
    Arabic-Latin (a consonant skeleton); Latin text comes back unchanged.
    """
    if text.isascii():
        return text
    scripts = text_scripts(text) - {"Latin"}
    script = "Han" if "Han" in scripts else (sorted(scripts)[0] if scripts else "Latin")
    if script == "Latin":
        return text
    transform = _DISPLAY_TRANSLITERATORS.get(script, "Any-Latin")
    latin = re.sub(r"\s+", " ", _transliterator(transform).transliterate(text)).strip()
    return latin.title() if script in ("Han", "Arabic") else latin
