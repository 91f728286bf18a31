"""Jinja2 with cordon's catalogues: the ``i18n`` extension, locale filters and page direction.

Both the web app and the HTML report call :func:`install`; templates then use ``{{ _('…') }}``,
``{% trans %}`` blocks, ``|number``, ``|usd``, ``|percent``, ``|month``, ``|country`` and
``|join_list`` (a list in the language's pattern; ``|join_list('or')`` for alternatives),
``lang_code``/``lang_dir`` for the ``<html lang dir>`` attributes, and ``js_locale()`` for the
locale a page's JavaScript formats numbers with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from cordon.i18n import formatting
from cordon.i18n.catalog import gettext, ngettext, pgettext
from cordon.i18n.context import current
from cordon.i18n.languages import available_languages, native_name


def _lang_code() -> str:
    return current().code


def _lang_dir() -> str:
    return current().dir


def element(tag: str, text: object, cls: str | None = None, **attrs: str) -> Markup:
    """``<tag class=cls ...>text</tag>``, text and attributes escaped, as a message argument.

    ``{{ _('HS %(code)s is listed', code=element('span', hs6, 'mono')) }}`` keeps the markup
    out of the message translators see.
    """
    pairs = ({"class": cls} if cls else {}) | {
        k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()
    }
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in pairs.items())
    return Markup(f"<{tag}{attributes}>{escape(text)}</{tag}>")


def join_list(items: Iterable[object], style: formatting.ListStyle = "standard") -> str:
    """``|join_list``: :func:`cordon.i18n.formatting.join`, keeping markup items (``element()``)
    as markup and escaping the rest."""
    shown = list(items)
    if not any(isinstance(item, Markup) for item in shown):
        return formatting.join(shown, style)
    return Markup(formatting.join([escape(item) for item in shown], style))


def install(env: Environment) -> Environment:
    """Add gettext (new-style: autoescaped, ``%(name)s`` arguments) and the locale filters."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext, ngettext=ngettext, pgettext=pgettext, newstyle=True
    )
    filters: dict[str, Any] = {
        "number": formatting.number,
        "percent": formatting.percent,
        "usd": formatting.usd,
        "money": formatting.money,
        "month": formatting.month,
        "day": formatting.day,
        "timestamp": formatting.timestamp,
        "country": formatting.country,
        "digits": formatting.digits,
        "ltr": formatting.ltr,
        "isolate": formatting.isolate,
        "bdi": lambda text: element("bdi", text),
        "code": lambda text: element("code", text),
        "join_list": join_list,
    }
    env.filters.update(filters)
    env.globals.update(
        element=element,
        current_language=current,
        js_locale=formatting.js_locale,
        lang_code=_lang_code,
        lang_dir=_lang_dir,
        languages=lambda: [(code, native_name(code)) for code in available_languages()],
    )
    return env
