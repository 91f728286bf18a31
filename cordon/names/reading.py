"""A candidate's features read out in a compliance analyst's words, for ``cordon match``.

The features (``Candidate.features``) are the stable, machine-readable contract; this module
only turns them into short sentences: which words are the same, which are translations or
abbreviations of each other (``symbol_match``), what was left over, and which facts beside the
name raised or held back the score.
"""

from __future__ import annotations

import re

from cordon.names.model import Candidate, Feature

_PAIR_RE = re.compile(r"^(?P<query>.+?) ≈ (?P<listed>.+) \((?P<label>[^()]+)\)$")
_WIKIDATA_RE = re.compile(r"^Q\d+$")


def symbol_sentence(pair: str) -> str:
    """One ``symbol_match`` pair (``завод ≈ plant (FACTORY)``) as a sentence."""
    found = _PAIR_RE.match(pair.strip())
    if found is None:
        return pair
    query, listed, label = found["query"], found["listed"], found["label"]
    if _WIKIDATA_RE.match(label):
        return f"'{query}' is the same given or family name as '{listed}' (Wikidata {label})"
    if label.isdigit():
        return f"'{query}' is the same number as '{listed}'"
    if label.islower():
        return f"'{query}' names the same place as '{listed}' ({label})"
    if query.isascii() and listed.isascii():
        return f"'{query}' is an abbreviation or variant of '{listed}' ({label.lower()})"
    return f"'{query}' means '{listed}' ({label.lower()})"


def _words_sentence(detail: str) -> str:
    """The ``name_token_overlap`` detail (``matched: a, b~c; unmatched query words: d``)."""
    matched, _, unmatched = detail.partition("; unmatched query words: ")
    pairs = [p.strip() for p in matched.removeprefix("matched: ").split(",") if p.strip()]
    same = [p for p in pairs if "~" not in p and p != "-"]
    variants = [p.replace("~", " = ") for p in pairs if "~" in p]
    parts = []
    if same:
        parts.append("same words: " + ", ".join(same))
    if variants:
        parts.append("spelling variants or translations: " + ", ".join(variants))
    if unmatched and unmatched != "-":
        parts.append(f"not in the listed name: {unmatched}")
    return "; ".join(parts)


def _feature_sentence(feature: Feature) -> str | None:
    name, detail = feature.name, feature.detail
    if name == "name_token_overlap":
        return _words_sentence(detail)
    if name == "listed_token_overlap":
        missing = detail.removeprefix("unmatched listed words: ")
        return None if missing in ("", "-") else f"listed words not in the query: {missing}"
    if name == "name_char_similarity":
        return None
    if name == "transliteration":
        script, _, words = detail.partition(": ")
        return f"read as '{words}' ({script})"
    if name == "symbol_match":
        return "; ".join(symbol_sentence(pair) for pair in detail.split("; "))
    if name == "common_words_only":
        return "only common words (TRADING, TECHNOLOGY, GROUP…) matched: score halved"
    if name == "needs_support":
        return detail
    readings = {
        "legal_form_match": "same legal form",
        "legal_form_compatible": "compatible legal forms",
        "legal_form_mismatch": "different legal forms (lowers the score)",
        "country_match": "same country",
        "country_mismatch": "different country (lowers the score)",
        "birth_date_match": "same birth date",
        "birth_date_mismatch": "different birth date (lowers the score)",
        "weak_alias": "matched a weak alias (lowers the score)",
        "identifier_match": "same identifier: decisive",
        "identifier_veto": "a different identifier of the same kind: not this entity",
    }
    reading = readings.get(name, name.replace("_", " "))
    return f"{reading} ({detail})" if detail else reading


def analyst_reading(candidate: Candidate) -> str:
    """The candidate's features as short sentences, most telling first."""
    sentences = [s for f in candidate.features if (s := _feature_sentence(f))]
    return ". ".join(sentences)
