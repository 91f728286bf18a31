"""Script detection and transliteration of name tokens into comparable ASCII, via ICU and rigour.

Cyrillic goes through ICU's BGN/PCGN Russian romanization, Greek through UNGEGN, Han through
pinyin (with the usual English renderings of Chinese company words), everything else through
ICU ``Any-Latin``. Results are cached per token because names repeat their words endlessly.
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

# Chinese words that company names render in English rather than in pinyin (longest first).
# 市/省/区 ("city", "province", "district") are dropped, as romanized names drop them.
CHINESE_COMPANY_WORDS: dict[str, str] = {
    "进出口": "import export",
    "科技": "technology",
    "技术": "technology",
    "电子": "electronics",
    "贸易": "trading",
    "国际": "international",
    "集团": "group",
    "实业": "industrial",
    "工业": "industry",
    "发展": "development",
    "设备": "equipment",
    "仪器": "instrument",
    "通信": "communication",
    "通讯": "communication",
    "航空": "aviation",
    "航天": "aerospace",
    "光电": "optoelectronic",
    "半导体": "semiconductor",
    "微电子": "microelectronics",
    "机械": "machinery",
    "精密": "precision",
    "物流": "logistics",
    "控股": "holdings",
    "投资": "investment",
    "香港": "hong kong",
    "大学": "university",
    "研究所": "research institute",
    "公司": "company",
    "市": "",
    "省": "",
    "区": "",
}
_CHINESE_WORD_RE = re.compile(
    "|".join(sorted((re.escape(w) for w in CHINESE_COMPANY_WORDS), key=len, reverse=True))
)
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


def _han_words(token: str) -> tuple[str, ...]:
    """Pinyin for a Han run: known company words in English, the rest joined per run."""
    words: list[str] = []
    position = 0
    for found in _CHINESE_WORD_RE.finditer(token):
        if found.start() > position:
            words.append(_pinyin_run(token[position : found.start()]))
        words.extend(CHINESE_COMPANY_WORDS[found.group()].split())
        position = found.end()
    if position < len(token):
        words.append(_pinyin_run(token[position:]))
    return tuple(w for w in words if w)


def _pinyin_run(run: str) -> str:
    latin = _transliterator(_SCRIPT_TRANSLITERATORS["Han"]).transliterate(run)
    return "".join(_ascii_words(latin))


@lru_cache(maxsize=200_000)
def latinize_token(token: str) -> tuple[str, ...]:
    """ASCII words for one cleaned token in any script (a Han run may yield several words)."""
    if token.isascii():
        return _ascii_words(token)
    script = token_script(token)
    if script == "Han":
        return _han_words(token)
    transform = _SCRIPT_TRANSLITERATORS.get(script, _FALLBACK_TRANSLITERATOR)
    return _ascii_words(_transliterator(transform).transliterate(token))


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
