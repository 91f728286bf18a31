"""A candidate's features read out in a compliance analyst's words, for ``cordon match``.

The features (``Candidate.features``) are the stable, machine-readable contract; this module
only turns them into short sentences: which words are the same, which are translations or
abbreviations of each other (``symbol_match``), what was left over, and which facts beside the
name raised or held back the score.
"""

from __future__ import annotations

import re

from cordon.i18n import formatting
from cordon.i18n.catalog import N_, pgettext
from cordon.i18n.catalog import gettext as _
from cordon.names.model import Candidate, Feature

_PAIR_RE = re.compile(r"^(?P<query>.+?) ≈ (?P<listed>.+) \((?P<label>[^()]+)\)$")
_WIKIDATA_RE = re.compile(r"^Q\d+$")
# One feature of Candidate.explanation: "name=0.00" then " (detail)" up to the next feature.
_EXPLAINED_RE = re.compile(
    r"(?P<name>[a-z_]+)=(?P<value>\d+\.\d+)(?: \((?P<detail>.*?)\))?(?=; [a-z_]+=\d+\.\d+|$)"
)
_READINGS = {
    "legal_form_match": N_("same legal form"),
    "legal_form_compatible": N_("compatible legal forms"),
    "legal_form_mismatch": N_("different legal forms (lowers the score)"),
    "country_match": N_("same country"),
    "country_mismatch": N_("different country (lowers the score)"),
    "birth_date_match": N_("same birth date"),
    "birth_date_mismatch": N_("different birth date (lowers the score)"),
    "weak_alias": N_("matched a weak alias (lowers the score)"),
    "identifier_match": N_("same identifier: decisive"),
    "identifier_veto": N_("a different identifier of the same kind: not this entity"),
}


def symbol_sentence(pair: str) -> str:
    """One ``symbol_match`` pair (``завод ≈ plant (FACTORY)``) as a sentence."""
    found = _PAIR_RE.match(pair.strip())
    if found is None:
        return pair
    query, listed, label = found["query"], found["listed"], found["label"]
    if _WIKIDATA_RE.match(label):
        sentence = _(
            "'%(query)s' is the same given or family name as '%(listed)s' (Wikidata %(label)s)"
        )
    elif label.isdigit():
        sentence = _("'%(query)s' is the same number as '%(listed)s'")
    elif label.islower():
        sentence = _("'%(query)s' names the same place as '%(listed)s' (%(label)s)")
    elif query.isascii() and listed.isascii():
        sentence = _("'%(query)s' is an abbreviation or variant of '%(listed)s' (%(label)s)")
        label = label.lower()
    else:
        sentence = _("'%(query)s' means '%(listed)s' (%(label)s)")
        label = label.lower()
    return sentence % {"query": query, "listed": listed, "label": label}


def _words_sentence(detail: str) -> str:
    """The ``name_token_overlap`` detail (``matched: a, b~c; unmatched query words: d``)."""
    matched, _mark, unmatched = detail.partition("; unmatched query words: ")
    pairs = [p.strip() for p in matched.removeprefix("matched: ").split(",") if p.strip()]
    same = [p for p in pairs if "~" not in p and p != "-"]
    variants = [p.replace("~", " = ") for p in pairs if "~" in p]
    parts = []
    if same:
        parts.append(_("same words: %(words)s") % {"words": formatting.join(same)})
    if variants:
        parts.append(
            _("spelling variants or translations: %(words)s")
            % {"words": formatting.join(variants)}
        )
    if unmatched and unmatched != "-":
        parts.append(_("not in the listed name: %(words)s") % {"words": unmatched})
    return pgettext("clause separator", "; ").join(parts)


def _feature_sentence(feature: Feature) -> str | None:
    name, detail = feature.name, feature.detail
    if name == "name_token_overlap":
        return _words_sentence(detail)
    if name == "listed_token_overlap":
        missing = detail.removeprefix("unmatched listed words: ")
        if missing in ("", "-"):
            return None
        return _("listed words not in the query: %(words)s") % {"words": missing}
    if name == "name_char_similarity":
        return None
    if name == "transliteration":
        script, _colon, words = detail.partition(": ")
        return _("read as '%(words)s' (%(script)s)") % {"words": words, "script": script}
    if name == "symbol_match":
        separator = pgettext("clause separator", "; ")
        return separator.join(symbol_sentence(pair) for pair in detail.split("; "))
    if name == "common_words_only":
        return _("only common words (TRADING, TECHNOLOGY, GROUP…) matched: score halved")
    if name == "needs_support":
        return detail
    known = _READINGS.get(name)
    reading = _(known) if known else name.replace("_", " ")
    return f"{reading} ({detail})" if detail else reading


def analyst_reading(candidate: Candidate) -> str:
    """The candidate's features as short sentences in the current language, most telling first."""
    sentences = [s for f in candidate.features if (s := _feature_sentence(f))]
    return pgettext("sentence separator", ". ").join(sentences)


def explanation_reading(explanation: str) -> str:
    """An alert reason's ``explanation`` (the line :meth:`Candidate.explanation` writes, kept in
    alerts.jsonl) read out like :func:`analyst_reading`, in the current language."""
    features = [
        Feature(found["name"], float(found["value"]), 0.0, found["detail"] or "")
        for found in _EXPLAINED_RE.finditer(explanation)
    ]
    sentences = [s for f in features if (s := _feature_sentence(f))]
    return pgettext("sentence separator", ". ").join(sentences)
