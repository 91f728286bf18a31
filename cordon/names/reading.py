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
from cordon.i18n.message import Message, read_message
from cordon.names.model import Candidate, Feature
from cordon.names.score import HELD_BELOW, SUPPORTED, UNSUPPORTED

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
    return sentence % {"query": formatting.isolate(query), "listed": formatting.isolate(listed),
                       "label": formatting.isolate(label)}


def _words_sentence(detail: str) -> str:
    """The ``name_token_overlap`` detail (``matched: a, b~c; unmatched query words: d``)."""
    matched, _mark, unmatched = detail.partition("; unmatched query words: ")
    pairs = [p.strip() for p in matched.removeprefix("matched: ").split(",") if p.strip()]
    same = [formatting.isolate(p) for p in pairs if "~" not in p and p != "-"]
    variants = [
        " = ".join(formatting.isolate(word) for word in p.split("~")) for p in pairs if "~" in p
    ]
    parts = []
    if same:
        parts.append(_("same words: %(words)s") % {"words": formatting.join(same)})
    if variants:
        parts.append(
            _("spelling variants or translations: %(words)s")
            % {"words": formatting.join(variants)}
        )
    if unmatched and unmatched != "-":
        parts.append(_("not in the listed name: %(words)s") % {"words": _words(unmatched)})
    return pgettext("clause separator", "; ").join(parts)


def _feature_sentence(feature: Feature) -> str | None:
    name, detail = feature.name, feature.detail
    if name == "name_token_overlap":
        return _words_sentence(detail)
    if name == "listed_token_overlap":
        missing = detail.removeprefix("unmatched listed words: ")
        if missing in ("", "-"):
            return None
        return _("listed words not in the query: %(words)s") % {"words": _words(missing)}
    if name == "name_char_similarity":
        return None
    if name == "transliteration":
        _scripts, _colon, words = detail.partition(": ")
        return _("read in Latin letters as %(words)s") % {"words": formatting.isolate(words)}
    if name == "symbol_match":
        separator = pgettext("clause separator", "; ")
        return separator.join(symbol_sentence(pair) for pair in detail.split("; "))
    if name == "common_words_only":
        return _("only common words (TRADING, TECHNOLOGY, GROUP…) matched: score halved")
    if name == "needs_support":
        return _support_sentence(detail)
    known = _READINGS.get(name)
    reading = _(known) if known else name.replace("_", " ")
    return f"{reading} ({_evidence(name, detail)})" if detail else reading


def _words(text: str) -> str:
    """Words of a name (``a, b`` or ``a b``) as written, each isolated, in a list."""
    return formatting.join(formatting.isolate(w) for w in text.replace(",", " ").split())


def _evidence(name: str, detail: str) -> str:
    """A fact beside the name as shown: countries by name, legal forms and dates as codes, one
    value against the other (``llc vs ooo``)."""
    sides = detail.split(" vs ")
    if name.startswith("country_"):
        shown = [
            formatting.join(formatting.country(code) for code in side.split(","))
            for side in sides
        ]
    elif name.startswith(("legal_form_", "birth_date_")):
        shown = [formatting.ltr(formatting.digits(side.upper())) for side in sides]
    else:
        shown = [formatting.isolate(side) for side in sides]
    if len(shown) == 2 and shown[0] != shown[1]:
        return _("%(query)s against %(listed)s") % {"query": shown[0], "listed": shown[1]}
    if len(shown) == 2:  # the same on both sides ("jsc vs jsc"): said once
        return shown[0]
    return " ".join(shown)


def _support_sentence(detail: str) -> str:
    """The ``needs_support`` detail (why the name alone is not enough) in the current language;
    as written when it is not one of cordon's sentences."""
    message = read_message(detail, (SUPPORTED, HELD_BELOW))
    why = read_message(str(message.values["why"]), UNSUPPORTED) if message else None
    if message is None or why is None:
        return detail
    values = {
        key: formatting.isolate(str(value)) if key == "name" else _words(str(value))
        for key, value in why.values.items()
    }
    cap = message.values.get("cap")
    shown: dict[str, object] = {"why": why.with_values(values)}
    if cap is not None:
        shown["cap"] = formatting.number(float(str(cap)), 2)
    return Message(message.text).with_values(shown).translated()


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
