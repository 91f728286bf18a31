"""The language of a CLI command: --lang/--digits, else CORDON_LANG/CORDON_DIGITS.

Typer builds the commands from English help texts (marked ``N_()`` where they are written);
:func:`translate_help` puts them in the current language just before click shows them, and
:func:`argv_language` reads ``--lang`` off the command line early enough for ``--help`` and for
every message the command prints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

import typer
import typer.rich_utils
from typer._click.core import Context
from typer._click.exceptions import UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from cordon.i18n.catalog import N_
from cordon.i18n.catalog import gettext as _
from cordon.i18n.context import DIGIT_SYSTEMS, Language, current, from_environment
from cordon.i18n.formatting import join
from cordon.i18n.languages import available_languages, normalize
from cordon.i18n.message import Items, Message

# typer's own words around the help (panel titles, hints): translated like the rest.
_TYPER_WORDS = {
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "DEFAULT_STRING": N_("[default: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}


class _Formatter(HelpFormatter):
    """click's formatter, with its "Usage:" in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, prefixed with the translated "Usage: "."""
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)


class _Context(Context):
    """click's context, formatting usage and help with :class:`_Formatter`."""

    formatter_class = _Formatter


_WITH_VALUES: dict[str, Message] = {}


def help_text(message: str, **values: object) -> str:
    """A help text with values (a default, a list of choices as :class:`Items`): English now,
    and remembered so :func:`translate_help` can translate its message and put the values back
    (``help=help_text(N_("… %(x)s"), x=…)``)."""
    remembered = Message(message).with_values(values)
    text = str(remembered)
    _WITH_VALUES[text] = remembered
    return text


def languages_help(message: str) -> str:
    """A ``--lang`` help text whose ``%(languages)s`` lists every language with a catalogue, so a
    new UI language is named in the help without editing it (``"en, ar, ru, or zh"``)."""
    return help_text(message, languages=Items(available_languages(), style="or"))


def _translated(text: str) -> str:
    remembered = _WITH_VALUES.get(text)
    return remembered.translated() if remembered is not None else _(text)


# typer's help of its own options, shown by `cordon --help`: in the catalogue so it is translated.
_TYPER_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Show this message and exit."),  # click's --help option, on every command
)


def cli_language(lang: str | None, digits: str | None) -> Language:
    """The language asked for on the command line (else the one in force: the global ``--lang``
    or the environment's); a clear usage error for an unknown one."""
    default = current()
    code = default.code
    if lang is not None:
        found = normalize(lang)
        if found is None:
            raise typer.BadParameter(
                _("unknown language %(lang)r; one of: %(choices)s")
                % {"lang": lang, "choices": join(available_languages(), "or")},
                param_hint="--lang",
            )
        code = found
    chosen_digits = default.digits
    if digits is not None:
        if digits.strip().lower() not in DIGIT_SYSTEMS:
            raise typer.BadParameter(
                _("unknown digits %(digits)r; one of: %(choices)s")
                % {"digits": digits, "choices": join(DIGIT_SYSTEMS, "or")},
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
    command.context_class = _Context
    shown = command.get_help_option(_Context(command))  # made once per command, then kept
    if shown is not None and shown.help:
        shown.help = _(shown.help)
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


# click's (typer's vendored click) error sentences, which it writes in English only: each English
# shape and its catalogue message, with the same named parts. The values (option names, the
# problem a parameter type reports) are kept as click wrote them.
_CLICK_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), message)
    for pattern, message in (
        (r"Missing argument (?P<name>.+)\.", N_("Missing argument %(name)s.")),
        (r"Missing option (?P<name>.+)\.", N_("Missing option %(name)s.")),
        (r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.+)\)",
         N_("No such option: %(option)s (Possible options: %(options)s)")),
        (r"No such option: (?P<option>\S+)", N_("No such option: %(option)s")),
        (r"No such command (?P<name>'.*')\. Did you mean (?P<options>.+)\?",
         N_("No such command %(name)s. Did you mean %(options)s?")),
        (r"No such command (?P<name>'.*')\.", N_("No such command %(name)s.")),
        (r"Invalid value for (?P<name>.+?): (?P<problem>.+)",
         N_("Invalid value for %(name)s: %(problem)s")),
        (r"Got unexpected extra argument\(s\) \((?P<values>.*)\)",
         N_("Got unexpected extra argument(s) (%(values)s)")),
        (r"Option (?P<name>'.+') requires an argument\.",
         N_("Option %(name)s requires an argument.")),
    )
)  # fmt: skip


# The problems typer's parameter types report inside "Invalid value for …: PROBLEM" (typer checks
# values with pydantic, whose sentences these are; click's own Choice says "… is not one of …").
_CLICK_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), message)
    for pattern, message in (
        (r"Input should be a valid integer, unable to parse string as an integer",
         N_("Input should be a valid integer, unable to parse string as an integer")),
        (r"Input should be a valid number, unable to parse string as a number",
         N_("Input should be a valid number, unable to parse string as a number")),
        (r"Input should be greater than or equal to (?P<limit>\S+)",
         N_("Input should be greater than or equal to %(limit)s")),
        (r"Input should be less than or equal to (?P<limit>\S+)",
         N_("Input should be less than or equal to %(limit)s")),
        (r"Value error, (?P<value>.+) is not one of (?P<choices>.+)\.",
         N_("Value error, %(value)s is not one of %(choices)s.")),
        (r"(?P<value>.+) is not one of (?P<choices>.+)\.",
         N_("%(value)s is not one of %(choices)s.")),
    )
)  # fmt: skip


def _localized(english: str, shapes: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    """``english`` in the current language when it has one of ``shapes`` (else None); a
    ``problem`` part is itself read with :data:`_CLICK_PROBLEMS`."""
    for pattern, message in shapes:
        found = pattern.fullmatch(english)
        if found:
            values = found.groupdict()
            problem = values.get("problem")
            if problem is not None:
                values["problem"] = _localized(problem, _CLICK_PROBLEMS) or problem
            return _(message) % values
    return None


def localize_usage_error(error: UsageError) -> None:
    """Make click's ``error`` show its sentence in the current language (unknown shapes as is)."""
    shown = _localized(error.format_message(), _CLICK_ERRORS)
    if shown is not None:
        error.format_message = partial(str, shown)  # type: ignore[method-assign]


def error_label() -> str:
    """The word that starts an error message on the terminal ("error:")."""
    return _("error:")
