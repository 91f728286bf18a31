"""Which languages cordon speaks, their writing direction and how a request picks one.

The languages are English (the source language of the messages) plus every folder under
``locale/`` that holds a ``cordon.po``: adding a language is adding files, never code.
Direction and native names come from CLDR through Babel.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "cordon"

_TAG = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """English first, then every language with a catalogue, in code order."""
    found = sorted(
        path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    )
    return (DEFAULT_LANGUAGE, *(code for code in found if code != DEFAULT_LANGUAGE))


def normalize(tag: str | None) -> str | None:
    """The cordon language for a language tag (``ar``, ``ru-RU``, ``zh-Hans-CN``, ``zh_CN``).

    None when the tag is not one of :func:`available_languages` (so callers can fall back).
    """
    if not tag or not _TAG.match(tag.strip()):
        return None
    base = re.split(r"[-_]", tag.strip())[0].lower()
    return base if base in available_languages() else None


def negotiate(accept_language: str | None) -> str | None:
    """The best available language of an ``Accept-Language`` header, or None."""
    if not accept_language:
        return None
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if "q=" in params.replace(" ", ""):
            match = re.fullmatch(r"\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*", params)
            if match is None:
                continue  # a malformed weight: ignore this language, as browsers would
            quality = float(match.group(1))
        code = normalize(tag)
        if code is not None and quality > 0:
            weighted.append((-quality, index, code))
    return min(weighted)[2] if weighted else None


@lru_cache(maxsize=16)
def locale(code: str) -> Locale:
    """The Babel locale of a cordon language (CLDR's ``zh`` is Simplified Chinese)."""
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def direction(code: str) -> str:
    """``rtl`` or ``ltr``, for the ``dir`` attribute of pages in this language."""
    return "rtl" if locale(code).character_order == "right-to-left" else "ltr"


def native_name(code: str) -> str:
    """The language's name in itself (العربية, русский, 中文), for the language switcher."""
    name = locale(code).language_name or code
    return name[:1].upper() + name[1:]


def language_section(directory: Path, code: str, key: str) -> dict[str, Any]:
    """The ``key:`` mapping of ``directory/<code>.yaml`` (``{}`` when the language has no file)."""
    path = directory / f"{code}.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return dict(data.get(key) or {})
