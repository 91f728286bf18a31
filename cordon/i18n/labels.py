"""People-facing names of the machine values cordon shows: record fields, statuses, reason kinds.

The machine values stay as they are in alerts.jsonl and the API; only their labels are translated.
"""

from __future__ import annotations

import gettext as gettext_module
from functools import lru_cache
from pathlib import Path

from followthemoney import model, util

from cordon.i18n.catalog import gettext as _
from cordon.i18n.catalog import missing, pgettext
from cordon.i18n.context import current
from cordon.i18n.languages import language_section

FTM_DIR = Path(__file__).resolve().parent / "ftm"


def _field_labels() -> dict[str, str]:
    return {
        "record_id": _("Record id"), "date": _("Date"), "hs_code": _("HS code (declared)"),
        "hs6": _("HS6"), "chpl_tier": _("CHPL tier"), "description": _("Goods description"),
        "exporter_name": _("Exporter"), "exporter_country": _("Exporter country"),
        "exporter_address": _("Exporter address"), "importer_name": _("Importer"),
        "importer_country": _("Importer country"), "importer_tax_id": _("Importer tax id (INN)"),
        "origin_country": _("Country of origin"), "dispatch_country": _("Country of dispatch"),
        "destination_country": _("Country of destination"), "value": _("Declared value"),
        "currency": _("Currency"), "value_usd": _("Value (USD)"), "quantity": _("Quantity"),
        "unit": _("Unit"), "net_weight_kg": _("Net weight (kg)"),
        "exporter_entity": _("Exporter list match"), "importer_entity": _("Importer list match"),
        "exporter_score": _("Exporter match score"), "importer_score": _("Importer match score"),
        "line": _("Input line"), "screened": _("Screened"), "input_file": _("Input file"),
        "category": _("Goods category"),
    }  # fmt: skip


def field_label(key: str) -> str:
    """The label of a shipment-record field; an unknown field keeps a readable form of its key,
    noted as missing (strict mode shows it as ⟦…⟧, so a new field without a label is caught)."""
    known = _field_labels().get(key)
    if known is not None:
        return known
    readable = key.replace("_", " ").capitalize()
    code = current().code
    return readable if code == "en" else missing(code, readable)


def status_label(status: str | None) -> str:
    """A run or triage status (open, escalated, done…) in the current language."""
    labels = {
        "open": pgettext("status", "open"), "escalated": pgettext("status", "escalated"),
        "dismissed": pgettext("status", "dismissed"), "confirmed": pgettext("status", "confirmed"),
        "queued": pgettext("status", "queued"), "running": pgettext("status", "running"),
        "done": pgettext("status", "done"), "failed": pgettext("status", "failed"),
        "interrupted": pgettext("status", "interrupted"),
    }  # fmt: skip
    return labels.get(status or "", status or "")


def reason_kind_label(kind: str | None) -> str:
    """A reason kind (party_match, chpl, red_flag) in the current language."""
    labels = {
        "party_match": _("party match"), "chpl": _("CHPL goods"), "red_flag": _("red flag"),
    }  # fmt: skip
    return labels.get(kind or "", (kind or "").replace("_", " "))


def stage_label(stage: str) -> str:
    """A stage of a screening run (``summary.json``'s ``timings`` keys) in the current language."""
    labels = {
        "load_lists": pgettext("screening stage", "loading the lists"),
        "read": pgettext("screening stage", "reading the file"),
        "classify": pgettext("screening stage", "classifying the goods"),
        "parties": pgettext("screening stage", "matching the parties"),
        "record_rules": pgettext("screening stage", "red flags per record"),
        "persist": pgettext("screening stage", "storing the records"),
        "file_rules": pgettext("screening stage", "red flags across the file"),
        "score": pgettext("screening stage", "risk scores"),
        "decisions": pgettext("screening stage", "standing decisions"),
        "write": pgettext("screening stage", "writing the alerts"),
    }
    return labels.get(stage, stage.replace("_", " "))


def party_status_label(status: str | None) -> str:
    """A party's list status in the report (listed match, near miss, clear)."""
    labels = {"listed match": _("listed match"), "near miss": _("near miss"), "clear": _("clear")}
    return labels.get(status or "", status or "")


def category_label(key: str | None) -> str:
    """A story category of goods (navigation, radar…) in the current language."""
    from cordon.goods.categories import CATEGORY_LABELS

    return _(CATEGORY_LABELS[key]) if key in CATEGORY_LABELS else (key or "")


def role_label(role: str | None) -> str:
    """A party's role in a shipment (exporter or importer)."""
    labels = {"exporter": _("exporter"), "importer": _("importer")}
    return labels.get(role or "", role or "")


def ftm_label(label: str) -> str:
    """A FollowTheMoney schema or property label (its English text) in the current language.

    ``ftm/<lang>.yaml`` comes first (Chinese, labels FtM leaves untranslated, and the few it gets
    wrong for analysts, such as Arabic "INN"); then FtM's own translations (Arabic, Russian).
    English otherwise, noted as missing.
    """
    code = current().code
    if code == "en":
        return label
    ours = _ftm_file(code).get(label)
    if ours:
        return ours
    translated = _ftm_translations(code).gettext(label)
    return translated if translated != label else missing(code, label)


def schema_label(name: str | None) -> str:
    """The label of an FtM schema name (Company → Компания, 公司, شركة)."""
    schema = model.get(name) if name else None
    return ftm_label(schema._label) if schema is not None else (name or "")


@lru_cache(maxsize=16)
def _ftm_translations(code: str) -> gettext_module.NullTranslations:
    return gettext_module.translation("followthemoney", util.i18n_path, [code], fallback=True)


@lru_cache(maxsize=16)
def _ftm_file(code: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in language_section(FTM_DIR, code, "labels").items()}
