"""Phonetic skeletons of romanized name tokens, so BGN, ICAO, GOST and informal spellings collide.

``Kontsern``/``Concern``, ``Yuriy``/``Iurii``/``Jurij``, ``Aleksandr``/``Alexander`` and
``Khimprom``/``Himprom`` get the same or near keys; tokens from abjad scripts (Arabic, Persian)
are additionally compared without vowels, since their romanizations omit them.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Ordered rewrites; upper-case letters are placeholders that later rules leave alone.
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "S"),
    ("sch", "S"),
    ("sh", "S"),
    ("tch", "C"),
    ("ch", "C"),
    ("zh", "Z"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("tz", "c"),
    ("ts", "c"),
    ("x", "ks"),
    ("c", "k"),
    ("q", "k"),
    ("w", "v"),
    ("ou", "u"),
    ("j", "i"),
    ("y", "i"),
)
_VOWELS = "aeiou"
_DOUBLE_RE = re.compile(r"(.)\1+")
_GLIDE_START_RE = re.compile(r"^i(?=[aeou])")
_GLIDE_BETWEEN_RE = re.compile(r"(?<=[aeou])i(?=[aeou])")
_VOWEL_RE = re.compile(r"[aeiouy]")
_PLURAL_RE = re.compile(r"(?<=[^siu])(?:e?s)$")  # technologies/technology, systems/system


def _singular(word: str) -> str:
    """Drop an English plural ending from longer words (technologies, systems, metals)."""
    if len(word) <= 5:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return _PLURAL_RE.sub("", word)


@lru_cache(maxsize=300_000)
def skeleton(word: str) -> str:
    """The phonetic key of one lower-case ASCII word; digits are kept verbatim."""
    if not word or word.isdigit():
        return word
    key = _singular(word)
    for source, target in _DIGRAPHS:
        if source in key:
            key = key.replace(source, target)
    key = _GLIDE_START_RE.sub("", key)
    key = _GLIDE_BETWEEN_RE.sub("", key)
    key = _DOUBLE_RE.sub(r"\1", key)
    return key.lower() or word


@lru_cache(maxsize=300_000)
def consonant_key(word: str) -> str:
    """The key without vowels (first letter kept), to compare romanizations of abjad scripts."""
    key = skeleton(word)
    if len(key) <= 1:
        return key
    stripped = (
        key[0] + _VOWEL_RE.sub("", key[1:]) if key[0] not in _VOWELS else _VOWEL_RE.sub("", key)
    )
    return _DOUBLE_RE.sub(r"\1", stripped) or key
