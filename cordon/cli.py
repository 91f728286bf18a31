"""The `cordon` command line: a thin shell over the library, assembled from each package.

Each package owns a ``cli`` module with a ``register(app)`` function that adds its commands;
this module only puts them together. See docs/cli.md for the stable command contract.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from cordon import __version__, settings
from cordon.analytics import cli as analytics_cli
from cordon.api import cli as api_cli
from cordon.decisions import cli as decisions_cli
from cordon.errors import CordonError
from cordon.goods import cli as goods_cli
from cordon.lists import cli as lists_cli
from cordon.names import cli as names_cli
from cordon.rescreen import cli as rescreen_cli
from cordon.screen import cli as screen_cli
from cordon.terminal import printable


class CordonGroup(TyperGroup):
    """The command group; the one place where a :class:`CordonError` becomes what the user
    reads: one line on stderr and the error's exit code (docs/cli.md)."""

    def invoke(self, ctx: Any) -> Any:  # a click Context (typer vendors its own click)
        try:
            return super().invoke(ctx)
        except CordonError as exc:
            typer.echo(f"error: {printable(exc.message)}", err=True)
            raise typer.Exit(exc.exit_code) from None


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
            sys.stderr.write(
                f"internal error: {type(exc).__name__}: {detail} "
                f"(set {settings.DEBUG.name}=1 for the traceback)\n"
            )
            raise SystemExit(1) from None


app = CordonApp(
    cls=CordonGroup,
    name="cordon",
    help="Screen customs records for sanctioned parties, dual-use goods and evasion patterns.",
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
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """cordon: sanctions lists, party matching, shipment screening, flow reports and an API."""


for _module in (
    lists_cli, goods_cli, names_cli, screen_cli, analytics_cli, api_cli, decisions_cli,
    rescreen_cli,
):
    _module.register(app)
