"""gettext catalogues compiled from the ``.po`` files in memory, once per language and process.

Compiling at first use (Babel's reader and writer) means an editable install, a wheel and a source
checkout all run the very ``.po`` files in the tree, with no build step that could be forgotten.
With ``CORDON_I18N_STRICT=1`` a message missing from the current language's catalogue is shown as
``⟦message⟧``, so tests catch it in rendered pages; :func:`missing_messages` lists them too.
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from cordon.i18n.context import current
from cordon.i18n.languages import DEFAULT_LANGUAGE, DOMAIN, LOCALE_DIR
from cordon.settings import I18N_STRICT

_MISSING: set[tuple[str, str]] = set()
_LOCK = threading.Lock()


@lru_cache(maxsize=16)
def translations(code: str) -> NullTranslations:
    """The compiled catalogue of a language (English: the messages themselves)."""
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == DEFAULT_LANGUAGE or not path.is_file():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


@lru_cache(maxsize=16)
def known_messages(code: str) -> frozenset[str]:
    """The msgids a language translates (non-empty, non-fuzzy; ``context\x04msgid`` keys)."""
    trans = translations(code)
    catalog = getattr(trans, "_catalog", {})
    return frozenset(
        key if isinstance(key, str) else key[0] for key, value in catalog.items() if key and value
    )


def missing(code: str, message: str) -> str:
    """Note ``message`` as missing from ``code``'s catalogue; return it (marked when strict)."""
    with _LOCK:
        _MISSING.add((code, message))
    return f"⟦{message}⟧" if I18N_STRICT.raw() == "1" else message


def gettext(message: str) -> str:
    """``message`` in the current language."""
    code = current().code
    if code == DEFAULT_LANGUAGE or not message:
        return message
    if message not in known_messages(code):
        return missing(code, message)
    return translations(code).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the current language (Arabic has six)."""
    code = current().code
    if code == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    if singular not in known_messages(code):
        return missing(code, singular if n == 1 else plural)
    return translations(code).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, disambiguated by ``context``."""
    code = current().code
    if code == DEFAULT_LANGUAGE:
        return message
    key = f"{context}\x04{message}"
    if key not in known_messages(code):
        return missing(code, message)
    return str(translations(code).pgettext(context, message))


def missing_messages() -> set[tuple[str, str]]:
    """``(language, message)`` pairs looked up but absent from a catalogue since start."""
    with _LOCK:
        return set(_MISSING)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is defined; it is translated where shown."""
    return message
