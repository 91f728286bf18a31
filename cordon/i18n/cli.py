"""The language of a CLI command: --lang/--digits, else CORDON_LANG/CORDON_DIGITS."""

from __future__ import annotations

import typer

from cordon.i18n.catalog import gettext as _
from cordon.i18n.context import DIGIT_SYSTEMS, Language, from_environment
from cordon.i18n.languages import available_languages, normalize


def cli_language(lang: str | None, digits: str | None) -> Language:
    """The language asked for on the command line; a clear usage error for an unknown one."""
    default = from_environment()
    code = default.code
    if lang is not None:
        found = normalize(lang)
        if found is None:
            raise typer.BadParameter(
                f"unknown language {lang!r}; one of: {', '.join(available_languages())}",
                param_hint="--lang",
            )
        code = found
    chosen_digits = default.digits
    if digits is not None:
        if digits.strip().lower() not in DIGIT_SYSTEMS:
            raise typer.BadParameter(
                f"unknown digits {digits!r}; one of: {', '.join(DIGIT_SYSTEMS)}",
                param_hint="--digits",
            )
        chosen_digits = digits.strip().lower()
    return Language(code, chosen_digits)


def error_label() -> str:
    """The word that starts an error message on the terminal ("error:")."""
    return _("error:")
