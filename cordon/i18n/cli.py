"""The language of a CLI command: --lang/--digits, else CORDON_LANG/CORDON_DIGITS.

Typer builds the commands from English help texts (marked ``N_()`` where they are written);
:func:`translate_help` puts them in the current language just before click shows them, and
:func:`argv_language` reads ``--lang`` off the command line early enough for ``--help`` and for
every message the command prints.
"""

from __future__ import annotations

from collections.abc import Sequence

import typer
import typer.rich_utils
from typer.core import TyperCommand, TyperGroup

from cordon.i18n.catalog import N_
from cordon.i18n.catalog import gettext as _
from cordon.i18n.context import DIGIT_SYSTEMS, Language, from_environment
from cordon.i18n.languages import available_languages, normalize

# typer's own words around the help (panel titles, hints): translated like the rest.
_TYPER_WORDS = {
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "DEFAULT_STRING": N_("[default: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
}


_WITH_VALUES: dict[str, tuple[str, dict[str, str]]] = {}


def help_text(message: str, **values: str) -> str:
    """A help text with values (a default, a list of choices): English now, and remembered so
    :func:`translate_help` can translate its message and put the values back
    (``help=help_text(N_("… %(x)s"), x=…)``)."""
    text = message % values
    _WITH_VALUES[text] = (message, values)
    return text


def _translated(text: str) -> str:
    message, values = _WITH_VALUES.get(text, (text, {}))
    return _(message) % values if values else _(message)


# typer's help of its own options, shown by `cordon --help`: in the catalogue so it is translated.
_TYPER_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


def cli_language(lang: str | None, digits: str | None) -> Language:
    """The language asked for on the command line; a clear usage error for an unknown one."""
    default = from_environment()
    code = default.code
    if lang is not None:
        found = normalize(lang)
        if found is None:
            raise typer.BadParameter(
                _("unknown language %(lang)r; one of: %(choices)s")
                % {"lang": lang, "choices": ", ".join(available_languages())},
                param_hint="--lang",
            )
        code = found
    chosen_digits = default.digits
    if digits is not None:
        if digits.strip().lower() not in DIGIT_SYSTEMS:
            raise typer.BadParameter(
                _("unknown digits %(digits)r; one of: %(choices)s")
                % {"digits": digits, "choices": ", ".join(DIGIT_SYSTEMS)},
                param_hint="--digits",
            )
        chosen_digits = digits.strip().lower()
    return Language(code, chosen_digits)


def argv_language(argv: Sequence[str]) -> Language | None:
    """The language of the first valid ``--lang X``/``--lang=X``/``-l X`` on the command line
    (with ``--digits``), or None (the environment's); an invalid one is left to click to refuse."""
    values: dict[str, str] = {}
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        for option in ("--lang", "-l", "--digits"):
            key = "digits" if option == "--digits" else "lang"
            if arg == option and index + 1 < len(argv):
                values.setdefault(key, argv[index + 1])
            elif option.startswith("--") and arg.startswith(option + "="):
                values.setdefault(key, arg.split("=", 1)[1])
    code = normalize(values.get("lang"))
    digits = values.get("digits", "").strip().lower()
    if code is None and digits not in DIGIT_SYSTEMS:
        return None
    default = from_environment()
    return Language(code or default.code, digits if digits in DIGIT_SYSTEMS else default.digits)


def translate_help(command: TyperGroup | TyperCommand) -> None:
    """Put the help of ``command`` and every subcommand and parameter in the current language."""
    for name, english in _TYPER_WORDS.items():
        setattr(typer.rich_utils, name, _(english))
    _translate_tree(command)


def _translate_tree(command: TyperGroup | TyperCommand) -> None:
    if command.help:
        command.help = _translated(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = _translated(text)  # type: ignore[attr-defined]
    for sub in getattr(command, "commands", {}).values():
        _translate_tree(sub)


def error_label() -> str:
    """The word that starts an error message on the terminal ("error:")."""
    return _("error:")
