"""Numbers, money, percentages, dates and country names in the current language (Babel, CLDR).

A language whose ``digits/<lang>.yaml`` names its own digits (Arabic: ٠١٢٣…) is written with them
unless it asks for Latin digits (``Language(digits="latn")``: ``?digits=latn`` in the web app,
``--digits latn`` or ``CORDON_DIGITS=latn`` in the CLI). Other languages use Latin digits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale, dates, numbers
from babel.lists import format_list

from cordon.i18n.catalog import pgettext
from cordon.i18n.context import Language, current
from cordon.i18n.languages import language_section, locale

MISSING = "–"
COUNTRIES_DIR = Path(__file__).resolve().parent / "countries"
DIGITS_DIR = Path(__file__).resolve().parent / "digits"


@dataclass(frozen=True)
class DigitSystem:
    """A language's own digits (``digits/<lang>.yaml``): CLDR's numbering system, for Babel's
    separators, and the table writing 0-9 and % in them."""

    numbering_system: str
    table: dict[int, int]


class DigitFileError(ValueError):
    """A ``digits/<lang>.yaml`` that cannot be used; the message names the file."""


@lru_cache(maxsize=16)
def _digit_system(code: str) -> DigitSystem | None:
    """The language's ``digits/<lang>.yaml``, or None (it writes 0-9)."""
    data = language_section(DIGITS_DIR, code, "numbers")
    if not data:
        return None
    shown, system = str(data.get("digits") or ""), str(data.get("numbering_system") or "")
    if len(shown) != 10 or not system:
        raise DigitFileError(
            f"{DIGITS_DIR / code}.yaml: 'numbers:' needs 'numbering_system:' and ten 'digits:'"
        )
    percent = str(data.get("percent") or "%")
    return DigitSystem(system, str.maketrans("0123456789%", shown + percent))


def _own_digits(lang: Language) -> DigitSystem | None:
    """The digits ``lang`` writes when they are not 0-9 (and were not asked to be)."""
    return None if lang.digits == "latn" else _digit_system(lang.code)


def digits(text: str, language: Language | None = None) -> str:
    """``text`` with its digits in the language's digit system."""
    system = _own_digits(language or current())
    return text.translate(system.table) if system else text


def numbering_system(language: Language | None = None) -> str:
    """Babel's numbering system for separators: Arabic separators (٬ ٫) with Arabic digits."""
    system = _own_digits(language or current())
    return system.numbering_system if system else "latn"


def js_locale(language: Language | None = None) -> str:
    """The BCP 47 tag a page's JavaScript formats numbers and dates with (``Intl``,
    ``toLocaleString``): the language and its digits from ``digits/<lang>.yaml``, ``ar-u-nu-arab``,
    or ``ar-u-nu-latn`` when Latin digits were asked for; ``ru-u-nu-latn`` for a language
    without the file."""
    lang = language or current()
    return f"{locale(lang.code).language}-u-nu-{numbering_system(lang)}"


ListStyle = Literal["standard", "or"]


def join(items: Iterable[object], style: ListStyle = "standard") -> str:
    """Items as a list in the current language, with CLDR's list patterns (Babel): "a, b, and c",
    "a, b и c", "a、b和c", "a وb وc"; ``style="or"`` for alternatives ("a, b, or c", "a أو b")."""
    words = [str(item) for item in items]
    return format_list(words, style=style, locale=locale(current().code)) if words else ""


def number(value: float | int | None, places: int = 0) -> str:
    """A number with the language's grouping and decimal marks: 12,345 / 12 345 / ١٢٬٣٤٥."""
    if value is None:
        return MISSING
    lang = current()
    pattern = "#,##0" + ("." + "0" * places if places else "")
    text = numbers.format_decimal(
        value, format=pattern, locale=locale(lang.code), numbering_system=numbering_system(lang)
    )
    return digits(text, lang)


def percent(share: float | None, places: int = 1) -> str:
    """A share in [0, 1] as a percentage in the language's style (12.5% / 12,5 % / ١٢٫٥٪)."""
    if share is None:
        return MISSING
    lang = current()
    pattern = locale(lang.code).percent_formats[None].pattern.split(";")[0]
    if places:
        head, _, tail = pattern.rpartition("0")
        pattern = f"{head}0.{'0' * places}{tail}"
    text = numbers.format_percent(
        share, format=pattern, locale=locale(lang.code), numbering_system=numbering_system(lang)
    )
    return digits(text, lang)


def usd(value: float | None) -> str:
    """A compact dollar amount: $20.5K, 20,5 тыс. $, 2.05万美元, ٢٠٫٥ ألف دولار.

    The amount is CLDR's compact number; where the dollar goes is the catalogue's
    ``$%(amount)s`` message, so each language writes it the way its analysts do.
    """
    if value is None:
        return MISSING
    lang = current()
    unit = _compact_unit(abs(value), locale(lang.code))
    places = 2 if unit >= 1e4 else 1 if unit >= 1e3 else 0  # 万 and 亿, millions: two decimals
    amount = numbers.format_compact_decimal(
        value,
        locale=locale(lang.code),
        fraction_digits=places,
        numbering_system=numbering_system(lang),
    )
    return pgettext("money", "$%(amount)s") % {"amount": digits(amount, lang)}


def _compact_unit(value: float, where: Locale) -> float:
    """The unit CLDR's short compact pattern divides ``value`` by in this language: 1,000 for
    "K"/"тыс."/"ألف", 10,000 for 万, 1 where it writes the number in full."""
    if value < 1000:
        return 1.0
    magnitude = "1" + "0" * (len(str(int(value))) - 1)
    pattern = where.compact_decimal_formats.get("short", {}).get("other", {}).get(magnitude)
    text = getattr(pattern, "pattern", "0") if pattern is not None else "0"
    zeros = text.count("0")
    if text.replace("0", "").strip(" .,\u00a0'") == "":  # "0": no abbreviation at this size
        return 1.0
    return float(10 ** (len(magnitude) - zeros))


def ltr(text: str) -> str:
    """``text`` kept left to right (codes, ISO dates) when the language is right to left.

    An isolate (LRI…PDI) around an override (LRO…PDF): isolation keeps the surrounding sentence
    in order, the override keeps Arabic-Indic digits and their hyphens in reading order
    (٢٠٢٤-٠٣-٠١ would otherwise show as ٠١-٠٣-٢٠٢٤).
    """
    return f"\u2066\u202d{text}\u202c\u2069" if current().dir == "rtl" and text else text


def isolate(text: str) -> str:
    """``text`` as written, isolated for bidirectional text (FSI…PDI) in every language: names,
    the words of a name, list ids. The direction inside comes from the text itself, so an Arabic
    name reads right to left and a Latin one left to right, and neither reorders the sentence."""
    return f"\u2068{text}\u2069" if text else text


def money(value: float | None, currency: str | None) -> str:
    """An amount in its own currency, full precision to the unit (1,234 CNY)."""
    if value is None:
        return MISSING
    amount = number(value, 2 if value != int(value) else 0)
    return f"{amount} {currency}" if currency else amount


def month(value: date | datetime | None) -> str:
    """A month and year (March 2024 / март 2024 г. / 2024年3月 / مارس ٢٠٢٤)."""
    if value is None:
        return MISSING
    lang = current()
    return digits(dates.format_skeleton("yMMMM", value, locale=locale(lang.code)), lang)


def short_month(value: date | datetime | None) -> str:
    """A month for chart axes (2024-03 in every language, digits per language)."""
    if value is None:
        return MISSING
    return ltr(digits(value.strftime("%Y-%m")))


def day(value: date | datetime | str | None) -> str:
    """A calendar date in ISO order (2024-03-01), digits per language: unambiguous for analysts.
    A string is taken as an ISO date already (a record's date as stored)."""
    if value is None:
        return MISSING
    text = value if isinstance(value, str) else value.strftime("%Y-%m-%d")
    return ltr(digits(text))


def timestamp(value: datetime | None) -> str:
    """A date and time to the second, ISO order, digits per language."""
    if value is None:
        return MISSING
    return ltr(digits(value.strftime("%Y-%m-%d %H:%M:%S")))


@lru_cache(maxsize=16)
def _country_file(code: str) -> dict[str, str]:
    """``countries/<lang>.yaml``: names analysts write where CLDR's standard name differs."""
    section = language_section(COUNTRIES_DIR, code, "countries")
    return {str(k).upper(): str(v) for k, v in section.items()}


def country(code: str | None) -> str:
    """A country's name in the current language (the language's file, then CLDR), else the code."""
    if not code:
        return MISSING
    key = code.upper()
    lang = current().code
    name = _country_file(lang).get(key) or locale(lang).territories.get(key)
    return str(name) if name else code
