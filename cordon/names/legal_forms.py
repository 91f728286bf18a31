"""Legal forms and organization types: found with rigour's org-type database, kept as evidence.

A legal form is removed from the core name used for matching, but remembered as a generic type
(``llc``, ``jsc``...) so that ООО vs LLC agrees, and OOO vs JSC counts as a (weak) disagreement.
rigour covers Russian, English, German, Turkish and most other Latin or Cyrillic forms; the
Chinese, Arabic, UAE free-zone and other forms it lacks are added from one file per language,
``data/legal_forms/<lang>.yaml`` (each form with its source). The typo-repair vocabulary and the
compatible generic types are data too (``data/legal_form_words.yaml``, ``legal_form_pairs.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA
from rigour.names import extract_org_types

from cordon.records.langdata import language_files, sourced_entries
from cordon.refdata import load

# Forms rigour's database lacks, one file per language: (regex on the case-folded name, generic
# type, specific form), applied in file order.
DATA_DIR = Path(__file__).resolve().parent / "data"
_EXTRA_FORMS: tuple[tuple[str, str, str], ...] = tuple(
    (str(entry["pattern"]), str(entry["generic"]), form)
    for _, form, entry in sourced_entries("legal_forms", "forms", DATA_DIR)
)
_EXTRA_RES = tuple((re.compile(p), generic, specific) for p, generic, specific in _EXTRA_FORMS)
_ANY_EXTRA_RE = re.compile("|".join(f"(?:{p})" for p, _, _ in _EXTRA_FORMS))
# What every one of _EXTRA_FORMS contains (each file's hint): a cheap test that most names fail.
_EXTRA_HINT_RE = re.compile(
    "|".join(str(data["hint"]) for _, data in language_files("legal_forms", "forms", DATA_DIR))
)

# Words of spelled-out legal forms, to repair one-typo spellings before recognition (in file
# order: on a tie the first listed wins), and the generic types that describe the same kind of
# company for matching; both sourced data files under data/.
LEGAL_FORM_WORDS: tuple[str, ...] = tuple(
    str(entry["word"]) for entry in load("cordon.names", "legal_form_words.yaml", "words")["words"]
)
_LEGAL_WORD_SET = frozenset(LEGAL_FORM_WORDS)
_COMPATIBLE: frozenset[frozenset[str]] = frozenset(
    frozenset(entry["pair"])
    for entry in load("cordon.names", "legal_form_pairs.yaml", "pairs")["pairs"]
)


@dataclass(frozen=True)
class LegalForms:
    """What was found in a name: the core text left and the forms removed from it."""

    core: str  # the case-folded name with every legal form cut out
    generic: frozenset[str]  # generic types, e.g. {"llc"}
    specific: tuple[str, ...]  # specific compare forms, e.g. ("ooo",)


@lru_cache(maxsize=100_000)
def split_legal_forms(folded: str) -> LegalForms:
    """Cut legal forms out of a case-folded name and classify them; never empties the name."""
    text = folded
    generic: set[str] = set()
    specific: list[str] = []
    extras = _EXTRA_HINT_RE.search(text) and _ANY_EXTRA_RE.search(text)
    for pattern, kind, form in _EXTRA_RES if extras else ():
        if pattern.search(text):
            remainder = pattern.sub(" ", text)
            if remainder.strip(" .,-"):
                text = remainder
                generic.add(kind)
                specific.append(form)
    found = extract_org_types(text, generic=True)
    if found:
        specifics = extract_org_types(text)
        remainder = text
        for matched, _ in found:
            remainder = _standalone(matched).sub(" ", remainder, count=1)
        if remainder.strip(" .,-\"'"):
            text = remainder
            generic.update(kind for _, kind in found)
            specific.extend(form for _, form in specifics)
    return LegalForms(core=text, generic=frozenset(generic), specific=tuple(specific))


@lru_cache(maxsize=4096)
def _standalone(form: str) -> re.Pattern[str]:
    """A pattern for ``form`` as a whole word (not inside another word)."""
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


def compare_legal_forms(query: frozenset[str], listed: frozenset[str]) -> str | None:
    """``"match"``, ``"compatible"``, ``"mismatch"``, or None when either side states no form."""
    if not query or not listed:
        return None
    if query & listed:
        return "match"
    if any(frozenset({a, b}) in _COMPATIBLE for a in query for b in listed):
        return "compatible"
    return "mismatch"


def repair_legal_words(words: list[str]) -> list[str]:
    """Words one typo away from a legal-form word (``lmiited``) replaced by that word."""
    return [repair_legal_word(word) for word in words]


@lru_cache(maxsize=200_000)
def repair_legal_word(word: str) -> str:
    """The legal-form word one typo away from ``word``, or ``word`` itself (cached: words
    repeat across names far more than names do)."""
    if len(word) < 5 or word in _LEGAL_WORD_SET:
        return word
    found = process.extractOne(
        word, LEGAL_FORM_WORDS, scorer=OSA.normalized_similarity, score_cutoff=0.78
    )
    return word if found is None else str(found[0])
