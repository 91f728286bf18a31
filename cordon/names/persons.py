"""Person-name parts that matter for matching: initials, patronymics, particles and titles."""

from __future__ import annotations

import re

from rigour.names import remove_person_prefixes

from cordon.refdata import load

# Name particles that carry little identity (weighted down, never required to match).
PARTICLES = frozenset(
    str(entry["word"]) for entry in load("cordon.names", "particles.yaml", "particles")["particles"]
)
_PATRONYMIC_RE = re.compile(
    r"^[a-z]{3,}(ovich|evich|yevich|ievich|ich|ovna|evna|yevna|ichna|ogly|kyzy)$"
)


def strip_titles(folded: str) -> str:
    """Remove honorifics and titles (Mr, Dr, Sheikh...) with rigour's prefix list."""
    return remove_person_prefixes(folded) or folded


def is_initial(word: str) -> bool:
    """A single letter standing for a given name."""
    return len(word) == 1 and word.isalpha()


def is_patronymic(word: str) -> bool:
    """A Russian-style patronymic (…ovich, …evna, …ogly) that lists often omit."""
    return bool(_PATRONYMIC_RE.match(word))


def is_particle(word: str) -> bool:
    """A connecting particle (al, bin, von, de...)."""
    return word in PARTICLES


def initial_matches(initial: str, word: str) -> bool:
    """Whether an initial stands for a word."""
    return is_initial(initial) and word.startswith(initial) and len(word) > 1
