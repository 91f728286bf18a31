"""Currency codes and names in several languages (USD, RMB, юань, 人民币, 643) to ISO 4217."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

from cordon.records.langdata import language_files, sourced_entries

# Names and abbreviations customs exports use that ISO 4217 and its translations do not cover:
# one file per language (data/currencies/<lang>.yaml), naming pycountry's translation to load;
# each alias with its code, source and date.

_PUNCT = re.compile(r"[\s.,;:()\-_/]+")


def _key(text: str) -> str:
    return _PUNCT.sub(" ", text.upper().replace("Ё", "Е")).strip()


@lru_cache(maxsize=1)
def _lookup_table() -> dict[str, str]:
    table: dict[str, str] = {}
    translators = [gettext.NullTranslations()]
    files = language_files("currencies", "aliases")
    for language, data in files:
        try:
            translators.append(
                gettext.translation(
                    "iso4217", pycountry.LOCALES_DIR,
                    languages=[str(data.get("pycountry_locale", language))],
                )
            )
        except OSError:  # pragma: no cover - depends on the pycountry build
            continue
    for currency in pycountry.currencies:
        code = currency.alpha_3
        table[code] = code
        numeric = getattr(currency, "numeric", None)
        if numeric:
            table[numeric] = code
            table[str(int(numeric))] = code
        for translator in translators:
            table.setdefault(_key(translator.gettext(currency.name)), code)
    for _language, alias, entry in sourced_entries("currencies", "aliases"):
        table[_key(alias)] = str(entry["code"]).upper()
    return table


@lru_cache(maxsize=4096)
def to_currency(value: str | None) -> str | None:
    """ISO 4217 alpha-3 code of a currency code, numeric code or name; None if unknown/empty."""
    if value is None:
        return None
    key = _key(value)
    if not key:
        return None
    return _lookup_table().get(key)
