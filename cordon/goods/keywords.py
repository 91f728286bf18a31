"""Multilingual keyword lists matched over whole columns of goods descriptions.

A term is written plainly: ``radar`` matches the whole word, ``микросхем*`` any word starting
with the stem, ``integrated circuit*`` the words in sequence (spaces or hyphens between), and a
term containing Chinese characters matches as a substring (Chinese has no spaces between words).
Matching ignores case. Columns are matched once per distinct description: a fast pyarrow
substring filter on the lower-cased literals finds candidates, and Python's Unicode-aware
regular expressions confirm word boundaries on those candidates only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import pyarrow as pa
import pyarrow.compute as pc

_CJK = re.compile(r"[\u3400-\u9fff]")


def _word(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    return re.escape(word)


def term_pattern(term: str) -> str:
    """The Python regular expression of one term (see the module docstring for the syntax)."""
    if _CJK.search(term):
        return re.escape(term)
    return r"(?<!\w)" + r"[\s\-]+".join(_word(word) for word in term.split()) + r"(?!\w)"


def _literal(term: str) -> str:
    """The longest plain substring every match of the term contains (lower case)."""
    return max(term.lower().replace("*", "").split(), key=len)


@dataclass(frozen=True)
class Lexicon:
    """A named list of terms, matched together over a column of descriptions."""

    name: str
    terms: Sequence[str]

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """One case-insensitive alternation of every term."""
        return re.compile(
            "|".join(f"(?:{term_pattern(term)})" for term in self.terms), re.IGNORECASE
        )

    @cached_property
    def literals(self) -> tuple[str, ...]:
        """Lower-case substrings of which a matching text contains at least one."""
        return tuple(sorted({_literal(term) for term in self.terms}))

    def matches(self, texts: pa.Array) -> pa.Array:
        """Boolean mask of the texts containing any term (false for null texts)."""
        distinct = pc.unique(texts).drop_null()
        lowered = pc.utf8_lower(distinct)
        candidate = pa.array([False] * len(distinct), pa.bool_())
        for literal in self.literals:
            candidate = pc.or_(candidate, pc.match_substring(lowered, literal))
        found = [
            bool(is_candidate) and self.regex.search(text) is not None
            for text, is_candidate in zip(distinct.to_pylist(), candidate.to_pylist(), strict=True)
        ]
        positions = pc.index_in(texts, value_set=distinct)
        return pc.fill_null(pc.take(pa.array(found, pa.bool_()), positions), False)

    @cached_property
    def term_regexes(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """Each term (without its ``*``) with its own compiled expression."""
        return tuple(
            (t.replace("*", ""), re.compile(term_pattern(t), re.IGNORECASE)) for t in self.terms
        )

    def first_term(self, text: str) -> str | None:
        """The first term found in one text (to explain a flag), or None."""
        for term, regex in self.term_regexes:
            if regex.search(text):
                return term
        return None
