"""The `cordon` command line: a thin shell over the library, assembled from each package.

Each package owns a ``cli`` module with a ``register(app)`` function that adds its commands;
this module only puts them together. See docs/cli.md for the stable command contract.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup

from cordon import __version__, forward, settings
from cordon.analytics import cli as analytics_cli
from cordon.api import cli as api_cli
from cordon.decisions import cli as decisions_cli
from cordon.errors import CordonError
from cordon.goods import cli as goods_cli
from cordon.i18n import N_, _, use_language
from cordon.i18n.cli import (
    argv_language,
    cli_language,
    error_label,
    languages_help,
    localize_usage_error,
    translate_help,
)
from cordon.lists import cli as lists_cli
from cordon.names import cli as names_cli
from cordon.rescreen import cli as rescreen_cli
from cordon.screen import cli as screen_cli
from cordon.terminal import printable


class CordonGroup(TyperGroup):
    """The command group; the one place where a :class:`CordonError` becomes what the user
    reads: one line on stderr and the error's exit code (docs/cli.md). It also sets the
    language of the whole command (``--lang`` anywhere on the line, else ``CORDON_LANG``) and
    puts every help text in it."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if args is None:  # the `cordon` program itself, not a command run inside the server
            _forward_to_live_server(self, argv)
        with use_language(argv_language(argv)):
            translate_help(self)
            return super().main(argv, *rest, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the top-level line; click's usage errors in the current language."""
        try:
            return super().make_context(*args, **kwargs)
        except ClickUsageError as exc:
            localize_usage_error(exc)
            raise

    def invoke(self, ctx: Any) -> Any:  # a click Context (typer vendors its own click)
        try:
            return super().invoke(ctx)
        except ClickUsageError as exc:  # a subcommand's line: in the current language too
            localize_usage_error(exc)
            raise
        except CordonError as exc:
            typer.echo(f"{error_label()} {printable(exc.localized)}", err=True)
            raise typer.Exit(exc.exit_code) from None


def _forward_to_live_server(group: TyperGroup, argv: list[str]) -> None:
    """Hand the command to the `cordon serve` holding the store, if one runs
    (:mod:`cordon.forward`), and end with its output and exit code; else return."""
    server = forward.should_forward(argv)
    if server is None:
        return
    sent = forward.with_language(forward.absolute_paths(group, argv, os.getcwd()))
    outcome = forward.forward(server, sent)
    if outcome is None:
        return
    sys.stdout.write(outcome.stdout)
    sys.stderr.write(outcome.stderr)
    raise SystemExit(outcome.exit_code)


class CordonApp(typer.Typer):
    """The ``cordon`` program: an unexpected error is one line too (its traceback only with
    ``CORDON_DEBUG=1``), never a wall of DuckDB or Python internals."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            if settings.DEBUG.raw():
                raise
            detail = printable(" ".join(str(exc).split())[:300])
            message = _("internal error: %(kind)s: %(detail)s (set %(env)s=1 for the traceback)")
            kind, env = type(exc).__name__, settings.DEBUG.name
            sys.stderr.write(message % {"kind": kind, "detail": detail, "env": env} + "\n")
            raise SystemExit(1) from None


app = CordonApp(
    cls=CordonGroup,
    name="cordon",
    help=N_("Screen customs records for sanctioned parties, dual-use goods and evasion patterns."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cordon {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=N_("Print the version and exit.")
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help=languages_help(N_("Language of messages and help: %(languages)s (CORDON_LANG).")),
    ),
    digits: str | None = typer.Option(
        None, "--digits", help=N_("latn: Latin digits in Arabic (default: CORDON_DIGITS).")
    ),
) -> None:
    """cordon: sanctions lists, party matching, shipment screening, flow reports and an API."""
    cli_language(lang, digits)  # an unknown language is a usage error (the line already set it)


for _module in (
    lists_cli, goods_cli, names_cli, screen_cli, analytics_cli, api_cli, decisions_cli,
    rescreen_cli,
):
    _module.register(app)
