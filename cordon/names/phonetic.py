"""Phonetic skeletons of romanized name tokens, so BGN, ICAO, GOST and informal spellings collide.

``Kontsern``/``Concern``, ``Yuriy``/``Iurii``/``Jurij``, ``Aleksandr``/``Alexander`` and
``Khimprom``/``Himprom`` get the same or near keys; tokens from abjad scripts (Arabic, Persian)
are additionally compared without vowels, since their romanizations omit them (:func:`abjad_key`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

# Spelling rewrites applied in one left-to-right pass, longest match first; upper-case letters
# are placeholders (S = sh/shch, C = ch, Z = zh) lowered at the end.
_REWRITES: dict[str, str] = {
    "shch": "S", "sch": "S", "sh": "S", "tch": "C", "ch": "C", "zh": "Z", "kh": "h", "gh": "g",
    "ph": "f", "th": "t", "ck": "k", "tz": "k", "ts": "k", "x": "ks", "c": "k", "q": "k",
    "w": "v", "ou": "u", "j": "i", "y": "i",
}  # fmt: skip
_REWRITE_RE = re.compile("|".join(sorted(_REWRITES, key=len, reverse=True)))
_VOWELS = "aeiou"
_DOUBLE_RE = re.compile(r"(.)\1+")
_GLIDE_RE = re.compile(r"^i(?=[aeou])|(?<=[aeou])i(?=[aeou])")  # y/i/j gliding into a vowel
_VOWEL_RE = re.compile(r"[aeiouy]")
_PLURAL_RE = re.compile(r"(?<=[^siu])(?:e?s)$")  # technologies/technology, systems/system
_LONG_VOWEL_RE = re.compile(r"(?<=.)[wy]")  # و / ي after a word's first letter: long vowels
# a consonant (a digraph, a doubled letter) or a run of vowels and long-vowel letters between two
_CONSONANT_RE = re.compile(r"(sh|kh|th|gh|dh|ch|zh|ph|[b-df-hj-np-tvxz]|^[wy])\1*")
_LONG_VOWELS = {"w": "uow", "y": "ieyj"}  # a long-vowel letter and the vowels that render it


def _singular(word: str) -> str:
    """Drop an English plural ending from longer words (technologies, systems, metals)."""
    if len(word) <= 5 or word[-1] != "s":  # every plural ending below ends in s
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return _PLURAL_RE.sub("", word)


def _rewrite(found: re.Match[str]) -> str:
    return _REWRITES[found.group()]


def _single(found: re.Match[str]) -> str:
    """One letter for a run of it (a function: re expands a "\\1" template much slower)."""
    return found.group(1)


@lru_cache(maxsize=300_000)
def skeleton(word: str) -> str:
    """The phonetic key of one lower-case ASCII word; digits are kept verbatim."""
    if not word or word.isdigit():
        return word
    key = _REWRITE_RE.sub(_rewrite, _singular(word))
    if "i" in key:  # a glide is an i
        key = _GLIDE_RE.sub("", key)
    key = _DOUBLE_RE.sub(_single, key)
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
    return _DOUBLE_RE.sub(_single, stripped) or key


@lru_cache(maxsize=300_000)
def abjad_key(word: str) -> str:
    """The consonant skeleton of a romanized Arabic or Persian word (or of a Latin word it is
    compared with): و and ي after the first letter are long vowels, not consonants, and a final
    ه / ة (h) is silent, so محمود (mhmwd) and MAHMUD / MAHMOOD are all ``mhmd``, عبيد (byd) and
    UBAID ``bd``, فاطمه (ftmh) and FATIMA ``ftm``."""
    if len(word) <= 1 or word.isdigit():
        return consonant_key(word)
    word = _LONG_VOWEL_RE.sub("", word)
    if len(word) > 2 and word[-1] == "h":
        word = word[:-1]
    return consonant_key(word)


def _gaps(word: str) -> list[str] | None:
    """The letters between consecutive consonants of a romanized word (w / y after the first
    letter count as vowels); None when the word has no two consonants."""
    spans = [m.span() for m in _CONSONANT_RE.finditer(word)]
    if len(spans) < 2:
        return None
    return [word[end:start] for (_, end), (start, _) in pairwise(spans)]


def long_vowels_agree(left: str, right: str) -> bool:
    """Whether two words equal by :func:`abjad_key` place their long vowels alike: a و / ي
    read as a vowel between two consonants of one must be a vowel of that kind between the
    same consonants of the other. So محمود (mhmwd) is MAHMUD (m-h-m-u-d) but not MUHAMMAD
    (m-h-m-a-d), حسين (hsyn) HUSSEIN but not HASAN; words whose consonants do not line up
    are not judged (True)."""
    left_gaps, right_gaps = _gaps(left), _gaps(right)
    if left_gaps is None or right_gaps is None or len(left_gaps) != len(right_gaps):
        return True
    for one, other in ((left_gaps, right_gaps), (right_gaps, left_gaps)):
        for gap, partner in zip(one, other, strict=True):
            for letter, vowels in _LONG_VOWELS.items():
                if letter in gap and not any(v in partner for v in vowels):
                    return False
    return True


def same_start(left: str, right: str) -> bool:
    """Whether two keys begin with the same consonant (leading vowels skipped, as abjads write
    them): NATL/NATIONAL, IMP/IMPORT, MHMD/MOHAMMED agree; LY/HAIDAR, TRADING/IMPORT do not."""
    return consonant_key(left)[:1].lstrip(_VOWELS) == consonant_key(right)[:1].lstrip(_VOWELS)
