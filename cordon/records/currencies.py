"""Currency codes and names in several languages (USD, RMB, юань, 人民币, 643) to ISO 4217."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

# Names and abbreviations customs exports use that ISO 4217 and its translations do not cover.
_ALIASES: dict[str, str] = {
    "RMB": "CNY", "YUAN": "CNY", "CHINESE YUAN": "CNY", "RENMINBI": "CNY", "CNH": "CNY",
    "ЮАНЬ": "CNY", "ЮАНИ": "CNY", "ЮАНЕЙ": "CNY", "КИТАЙСКИЙ ЮАНЬ": "CNY", "ЮАНЬ ЖЭНЬМИНЬБИ": "CNY",
    "人民币": "CNY", "元": "CNY", "人民币元": "CNY", "CN¥": "CNY",
    "RUR": "RUB", "РУБ": "RUB", "РУБЛЬ": "RUB", "РУБЛИ": "RUB", "РУБЛЕЙ": "RUB", "Р": "RUB",
    "РОССИЙСКИЙ РУБЛЬ": "RUB", "₽": "RUB", "卢布": "RUB", "俄罗斯卢布": "RUB",
    "US$": "USD", "$": "USD", "US DOLLAR": "USD", "DOLLAR": "USD", "DOLLARS": "USD",
    "ДОЛЛАР": "USD", "ДОЛЛАР США": "USD", "ДОЛЛ США": "USD", "ДОЛЛ": "USD", "美元": "USD",
    "€": "EUR", "ЕВРО": "EUR", "欧元": "EUR", "EURO": "EUR", "EUROS": "EUR",
    "£": "GBP", "ФУНТ СТЕРЛИНГОВ": "GBP", "英镑": "GBP",
    "ТЕНГЕ": "KZT", "ДИРХАМ": "AED", "ЛИРА": "TRY", "ТУРЕЦКАЯ ЛИРА": "TRY",
    "港币": "HKD", "港元": "HKD",
    "БЕЛОРУССКИЙ РУБЛЬ": "BYN", "BYR": "BYN", "日元": "JPY", "ИЕНА": "JPY",
}  # fmt: skip

_PUNCT = re.compile(r"[\s.,;:()\-_/]+")


def _key(text: str) -> str:
    return _PUNCT.sub(" ", text.upper().replace("Ё", "Е")).strip()


@lru_cache(maxsize=1)
def _lookup_table() -> dict[str, str]:
    table: dict[str, str] = {}
    translators = [gettext.NullTranslations()]
    for language in ("ru", "zh_CN"):
        try:
            translators.append(
                gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=[language])
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
    for alias, code in _ALIASES.items():
        table[_key(alias)] = code
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
