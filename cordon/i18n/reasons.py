"""Alert and reject reasons as sentences in the current language, from the machine files.

alerts.jsonl keeps its English ``detail`` text (a stable contract). For people, a red flag's detail
is read back with its rule's English pattern from ``cordon/screen/data/red_flags/en.yaml`` and
written out with the same values in the pattern of the current language's file; a detail no
pattern recognises is shown as written. Names stay as written, isolated for bidirectional text.
rejects.csv keeps its English reasons too; :func:`reject_reason_text` reads each back into its
catalogue message (:mod:`cordon.records.reject_reasons`) for the rejects page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from cordon.i18n import formatting
from cordon.i18n.catalog import gettext as _
from cordon.i18n.catalog import missing, pgettext
from cordon.i18n.context import current
from cordon.i18n.labels import field_label, role_label
from cordon.i18n.languages import DEFAULT_LANGUAGE, language_section
from cordon.i18n.message import Message
from cordon.records.reject_reasons import FIELD_VALUES, NUMBER_VALUES, read_reason
from cordon.refdata import load

RED_FLAGS_DIR = Path(__file__).resolve().parents[1] / "screen" / "data" / "red_flags"
GOODS_DIR = Path(__file__).resolve().parent / "goods"  # RF-21a's goods families per language
NAME_FIELDS = frozenset({
    "name", "listed", "exporter", "importer", "address", "linked", "term", "unit",
})
CODE_FIELDS = frozenset({"hs6", "tier", "code", "chapter", "entry", "list"})
# RF-21a's values that name a goods family, and the field of its entry in i18n/goods/<lang>.yaml
FAMILY_FIELDS: dict[str, str] = {"family": "label", "expected": "expected"}
COUNTRY_FIELDS = frozenset({"country", "origin", "hub", "destination", "dispatch"})
NUMBER_FIELDS = frozenset({
    "lines", "count", "days", "score", "threshold", "factor", "value", "before", "median",
    "unit_value", "cutoff", "first", "since", "date",
})  # fmt: skip
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_LINKED = re.compile(r"(.+?) \((\S+) ([^\s()]+)\)(?:, |$)")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})*|\d+")


@lru_cache(maxsize=16)
def red_flag_file(code: str) -> dict[str, dict[str, Any]]:
    """The rules of one language's red-flag file (``{}`` when the language has none)."""
    return language_section(RED_FLAGS_DIR, code, "rules")


@lru_cache(maxsize=16)
def retired_flag_file(code: str) -> dict[str, dict[str, Any]]:
    """Ids no rule writes any more (``RF-21``, split into ``RF-21a``/``RF-21b``) with their title
    and details, so that the alerts of older runs still read as sentences."""
    return language_section(RED_FLAGS_DIR, code, "retired")


def _red_flag(code: str, rule_id: str) -> dict[str, Any]:
    """A rule's entry in one language's file: a current rule, else a retired id, else ``{}``."""
    return red_flag_file(code).get(rule_id) or retired_flag_file(code).get(rule_id) or {}


@lru_cache(maxsize=64)
def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
        for index, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def rule_title(rule_id: str | None) -> str:
    """A red flag's title in the current language (English, then the id, when missing)."""
    if not rule_id:
        return ""
    code = current().code
    entry = _red_flag(code, rule_id)
    if entry.get("title"):
        return str(entry["title"])
    title = str(_red_flag("en", rule_id).get("title") or rule_id)
    return missing(code, title) if code != "en" else title


def parse_detail(rule_id: str, detail: str) -> tuple[int, dict[str, str]] | None:
    """Which English pattern of the rule wrote ``detail``, and its values; None if none did."""
    for index, template in enumerate(_red_flag("en", rule_id).get("details") or []):
        match = _pattern(str(template)).fullmatch(detail)
        if match:
            return index, match.groupdict()
    return None


def _linked(value: str) -> str:
    """RF-12's linked entities (``CAPTION (list id), …``): each caption as written, isolated,
    with its list and id; joined with the language's list pattern."""
    items = _LINKED.findall(value)
    if not items or "".join(f"{c} ({d} {i}), " for c, d, i in items) != value + ", ":
        return formatting.isolate(value)
    return formatting.join(
        pgettext("linked entity", "%(name)s (%(list)s %(entry)s)")
        % {"name": formatting.isolate(caption), "list": formatting.ltr(dataset),
           "entry": formatting.ltr(entry)}
        for caption, dataset, entry in items
    )


@lru_cache(maxsize=16)
def _family_names(code: str) -> dict[tuple[str, str], str]:
    """(field, English text) -> the text in ``code``, for RF-21a's goods families: what the
    description names (``label``) and where such goods are classified (``expected``)."""
    english = load("cordon.goods", "description_families.yaml", "families")["families"]
    ours = language_section(GOODS_DIR, code, "families")
    return {
        (field, str(english[family][field])): str(entry[field])
        for family, entry in ours.items()
        for field in ("label", "expected")
        if family in english and entry.get(field)
    }


def _value(field: str, value: str) -> str:
    if field == "linked":
        return _linked(value)
    key = FAMILY_FIELDS.get(field)
    if key is not None:
        return _family_names(current().code).get((key, value), value)
    if field in NAME_FIELDS:
        return formatting.isolate(value)
    if field in CODE_FIELDS:
        return formatting.ltr(value)
    if field == "role":
        return role_label(value)
    if field in COUNTRY_FIELDS and re.fullmatch(r"[A-Z]{2}", value):
        return formatting.country(value)
    if field in NUMBER_FIELDS and _ISO_DATE.fullmatch(value):  # RF-05's, RF-15's, RF-20's dates
        return formatting.ltr(formatting.digits(value))
    if field in NUMBER_FIELDS:
        number = _NUMBER.fullmatch(value)
        if number:
            places = len(number.group(1) or "") - 1 if number.group(1) else 0
            return formatting.number(float(value), max(places, 0))
        return formatting.digits(value)
    return value


def red_flag_detail(rule_id: str, detail: str) -> str:
    """A red flag's detail in the current language (as written when no pattern recognises it).

    A detail may join several sentences with ``"; "`` (both parties of a record, RF-12's second
    matched entity): each part is translated on its own when each is a sentence of the rule.
    """
    if current().code == "en" or not detail:
        return detail
    text = _detail(rule_id, detail)
    return text[:1].upper() + text[1:]


def _detail(rule_id: str, detail: str) -> str:
    parts = detail.split("; ")
    whole = len(parts) == 1 or not all(parse_detail(rule_id, part) for part in parts)
    parsed = parse_detail(rule_id, detail) if whole else None
    if parsed is None and len(parts) > 1:
        separator = pgettext("clause separator", "; ")
        return separator.join(_detail(rule_id, part) for part in parts)
    if parsed is None:
        return detail
    index, values = parsed
    code = current().code
    templates = _red_flag(code, rule_id).get("details") or []
    if index >= len(templates):
        return missing(code, detail)
    return _PLACEHOLDER.sub(
        lambda m: _value(m.group(1), values.get(m.group(1), "")), str(templates[index])
    )


def reason_text(reason: Mapping[str, Any]) -> str:
    """One reason of an alert as a sentence in the current language."""
    kind = reason.get("kind")
    if kind == "party_match":
        return _("%(role)s matches %(name)s (%(list)s %(entry)s, score %(score)s)") % {
            "role": role_label(str(reason.get("role"))),
            "name": formatting.isolate(str(reason.get("matched_name") or "")),
            "list": formatting.isolate(str(reason.get("list") or "")),
            "entry": formatting.isolate(str(reason.get("entity_id") or "")),
            "score": formatting.number(float(reason.get("score") or 0), 2),
        }
    if kind == "chpl":
        return _("CHPL tier %(tier)s goods (HS %(hs6)s)") % {
            "tier": formatting.ltr(str(reason.get("tier"))),
            "hs6": reason.get("hs6"),
        }
    if kind == "red_flag":
        rule = str(reason.get("rule") or "")
        return f"{rule}: {red_flag_detail(rule, str(reason.get('detail') or ''))}"
    return str(dict(reason))


def _reject_value(name: str, value: object) -> object:
    """A value of a reject reason as shown: numbers in the language's digits, a record field by
    its label, a nested problem translated, an input value or a library's error as written."""
    if isinstance(value, Message):
        return value.with_values({key: _reject_value(key, v) for key, v in value.values.items()})
    text = str(value)
    if name in NUMBER_VALUES and _GROUPED.fullmatch(text):
        return formatting.number(int(text.replace(",", "")))
    if name in FIELD_VALUES:
        return field_label(text)
    return formatting.isolate(text)


def reject_reason_text(reason: str) -> str:
    """A reason of ``rejects.csv`` in the current language (as written in English, and when it
    is not one of cordon's reasons: a rejects.csv of another version)."""
    message = read_reason(reason) if current().code != DEFAULT_LANGUAGE else None
    if message is None:
        return reason
    values = {name: _reject_value(name, value) for name, value in message.values.items()}
    return message.with_values(values).translated()
