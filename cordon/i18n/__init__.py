"""cordon in English, Arabic, Russian and Simplified Chinese.

Every string shown to people goes through :func:`gettext` (``_``) and the gettext catalogues in
``cordon/i18n/locale/<lang>/LC_MESSAGES/cordon.po``; numbers, money and dates go through
:mod:`cordon.i18n.formatting` (Babel, CLDR data). The language in force is a context variable set
by :func:`use_language` (the web app per request, ``cordon report --lang``) and defaults to
``CORDON_LANG``. Adding a language is adding a ``.po`` file (see docs/i18n.md).
"""

from __future__ import annotations

from cordon.i18n.catalog import N_, gettext, missing_messages, ngettext, pgettext
from cordon.i18n.context import Language, current, use_language
from cordon.i18n.languages import (
    DEFAULT_LANGUAGE,
    available_languages,
    direction,
    native_name,
    negotiate,
    normalize,
)
from cordon.i18n.message import Items, Message

_ = gettext

__all__ = [
    "DEFAULT_LANGUAGE",
    "N_",
    "Items",
    "Language",
    "Message",
    "_",
    "available_languages",
    "current",
    "direction",
    "gettext",
    "missing_messages",
    "native_name",
    "negotiate",
    "ngettext",
    "normalize",
    "pgettext",
    "use_language",
]
