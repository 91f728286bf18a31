"""Multilingual keyword lists compiled to RE2 patterns that pyarrow runs over whole columns.

A term is written plainly: ``radar`` matches the whole word, ``микросхем*`` any word starting
with the stem, ``integrated circuit*`` the words in sequence (spaces or hyphens between), and a
term containing Chinese characters matches as a substring (Chinese has no spaces between words).
Matching ignores case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import pyarrow as pa
import pyarrow.compute as pc

_LETTER = r"[\p{L}\p{N}]"
_LEFT = r"(?:^|[^\p{L}\p{N}])"
_RIGHT = r"(?:$|[^\p{L}\p{N}])"
_CJK = re.compile(r"[\u3400-\u9fff]")


def _word(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + _LETTER + "*"
    return re.escape(word)


def term_pattern(term: str) -> str:
    """The RE2 pattern (without flags) of one term, see the module docstring for the syntax."""
    if _CJK.search(term):
        return re.escape(term)
    words = term.split()
    return _LEFT + r"[\s\-]+".join(_word(word) for word in words) + _RIGHT


@dataclass(frozen=True)
class Lexicon:
    """A named list of terms, matched together over a column of descriptions."""

    name: str
    terms: Sequence[str]

    @cached_property
    def pattern(self) -> str:
        """One case-insensitive RE2 alternation of every term."""
        return "(?i)" + "|".join(f"(?:{term_pattern(term)})" for term in self.terms)

    def matches(self, texts: pa.Array) -> pa.Array:
        """Boolean mask of the texts containing any term (false for null texts)."""
        return pc.fill_null(pc.match_substring_regex(texts, self.pattern), False)

    def first_term(self, text: str) -> str | None:
        """The first term found in one text (to explain a flag), or None."""
        probe = pa.array([text], pa.string())
        for term in self.terms:
            if pc.match_substring_regex(probe, "(?i)" + term_pattern(term))[0].as_py():
                return term.replace("*", "")
        return None
