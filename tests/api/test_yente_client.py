"""OpenSanctions' yente client (nomenklatura's YenteEnricher) pointed at cordon works unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from followthemoney import Dataset, StatementEntity
from nomenklatura.enrich.yente import YenteEnricher

from tests.api.live import live_server

KEY = "yente-client-key-0123456789"


class MemoryCache:
    """The enricher's response cache, kept in a dict (nomenklatura's needs a database)."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get_json(self, key: str, max_age: int | None = None) -> Any:
        return self.data.get(key)

    def set_json(self, key: str, value: Any) -> None:
        self.data[key] = value

    def get(self, key: str, max_age: int | None = None) -> Any:
        return self.data.get(key)

    def set(self, key: str, value: Any) -> None:
        self.data[key] = value


@pytest.fixture(scope="module")
def enricher(api_home: Path) -> Iterator[tuple[YenteEnricher, Dataset]]:
    """A YenteEnricher configured the way users point it at a yente server, with an API key."""
    with live_server(api_home, api_key=KEY) as base:
        dataset = Dataset.make({"name": "client", "title": "Client data"})
        config = {"api": f"{base}/", "dataset": "default", "api_key": KEY}
        yield YenteEnricher(dataset, MemoryCache(), config), dataset  # type: ignore[arg-type]


def _entity(dataset: Dataset, entity_id: str, schema: str, **props: list[str]) -> StatementEntity:
    return StatementEntity.from_data(
        dataset, {"id": entity_id, "schema": schema, "properties": props}
    )


def test_enricher_matches_listed_company(enricher: tuple[YenteEnricher, Dataset]) -> None:
    client, dataset = enricher
    query = _entity(dataset, "q1", "Company", name=["JSC Concern Almaz-Antey"], country=["ru"])
    found = list(client.match(query))
    assert [entity.id for entity in found] == ["us_ofac_sdn-16865"]
    assert found[0].caption == "JOINT-STOCK COMPANY CONCERN ALMAZ-ANTEY"
    assert any(url.endswith("/entities/us_ofac_sdn-16865") for url in found[0].get("sourceUrl"))


def test_enricher_finds_nothing_for_unlisted(enricher: tuple[YenteEnricher, Dataset]) -> None:
    client, dataset = enricher
    query = _entity(dataset, "q2", "Company", name=["Ningbo Kitchenware Co. Ltd"])
    assert list(client.match(query)) == []


def test_enricher_expands_linked_entities(enricher: tuple[YenteEnricher, Dataset]) -> None:
    client, dataset = enricher
    query = _entity(dataset, "q3", "Company", name=["Orbita Trading Ltd"])
    match = next(iter(client.match(query)))
    assert match.id == "testlinks-101"
    expanded = {entity.id: entity.schema.name for entity in client.expand(query, match)}
    assert expanded == {
        "testlinks-101": "Company",
        "testlinks-link-1": "UnknownLink",
        "testlinks-100": "Company",
    }
