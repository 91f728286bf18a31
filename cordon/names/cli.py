"""Commands of cordon.names for the `cordon` CLI: ``cordon match``."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from cordon.names.api import candidate_dict, match
from cordon.names.index_store import UnknownDatasetError
from cordon.names.reading import analyst_reading


def match_command(
    name: str = typer.Argument(..., help="The party name to screen, in any script."),
    schema: str = typer.Option(
        "LegalEntity", "--schema", help="FtM schema: Company, Person, Organization, Vessel..."
    ),
    country: str | None = typer.Option(
        None, "--country", help="ISO country code of the party, e.g. RU."
    ),
    ids: list[str] = typer.Option([], "--id", help="Identifier (INN, OGRN, IMO...); repeatable."),
    datasets: list[str] = typer.Option(
        [], "--dataset", help="Only this list (repeatable); default all."
    ),
    limit: int = typer.Option(10, "--limit", min=1, help="Maximum candidates shown."),
    threshold: float = typer.Option(0.0, "--threshold", min=0.0, max=1.0, help="Minimum score."),
    as_json: bool = typer.Option(False, "--json", help="Print candidates as a JSON array."),
) -> None:
    """Screen one name against the loaded lists: ranked candidates with score and explanation."""
    try:
        found = match(
            name,
            schema=schema,
            country=country,
            ids=ids,
            datasets=datasets or None,
            limit=limit,
            threshold=threshold,
        )
    except (UnknownDatasetError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps([candidate_dict(c) for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo("no candidates")
        return
    table = Table(title=f"Candidates for {name!r}")
    for column in ("score", "list", "source id", "matched name", "why"):
        table.add_column(column, overflow="fold")
    for candidate in found:
        table.add_row(
            f"{candidate.score:.2f}",
            candidate.dataset,
            candidate.source_id,
            candidate.matched_name,
            analyst_reading(candidate),
        )
    Console().print(table)
    typer.echo("Full feature-by-feature explanations: --json")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the top-level app."""
    app.command("match")(match_command)
