"""The language in force: a context variable, so threads and requests never share one by accident.

The CLI's default is ``CORDON_LANG`` (and ``CORDON_DIGITS=latn`` for Latin digits in Arabic);
the web app and ``cordon report --lang`` set it explicitly with :func:`use_language`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from cordon import settings
from cordon.i18n.languages import DEFAULT_LANGUAGE, direction, normalize

DIGIT_SYSTEMS = ("default", "latn")


@dataclass(frozen=True)
class Language:
    """A language and the digits its numbers are written with."""

    code: str = DEFAULT_LANGUAGE
    digits: str = "default"  # "latn" writes Arabic with 0-9 instead of ٠-٩

    @property
    def dir(self) -> str:
        """``rtl`` or ``ltr``."""
        return direction(self.code)


_CURRENT: ContextVar[Language | None] = ContextVar("cordon_language", default=None)


def from_environment() -> Language:
    """``CORDON_LANG`` / ``CORDON_DIGITS``, falling back to English and default digits."""
    code = normalize(settings.LANG.raw()) or DEFAULT_LANGUAGE
    digits = (settings.DIGITS.raw() or "default").lower()
    return Language(code, digits if digits in DIGIT_SYSTEMS else "default")


def current() -> Language:
    """The language set by the innermost :func:`use_language`, else the environment's."""
    return _CURRENT.get() or from_environment()


@contextmanager
def use_language(language: Language | str | None) -> Iterator[Language]:
    """Make ``language`` current inside the block (a code, a :class:`Language`, or None = env)."""
    if language is None:
        chosen = from_environment()
    elif isinstance(language, str):
        chosen = Language(normalize(language) or DEFAULT_LANGUAGE)
    else:
        chosen = language
    token = _CURRENT.set(chosen)
    try:
        yield chosen
    finally:
        _CURRENT.reset(token)
