"""The `cordon` command line: a thin shell over the library, assembled from each package.

Each package owns a ``cli`` module with a ``register(app)`` function that adds its commands;
this module only puts them together. See docs/cli.md for the stable command contract.
"""

from __future__ import annotations

import typer

from cordon import __version__
from cordon.analytics import cli as analytics_cli
from cordon.api import cli as api_cli
from cordon.decisions import cli as decisions_cli
from cordon.goods import cli as goods_cli
from cordon.lists import cli as lists_cli
from cordon.names import cli as names_cli
from cordon.screen import cli as screen_cli

app = typer.Typer(
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
):
    _module.register(app)
