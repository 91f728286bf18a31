"""The party stage: distinct parties matched once, INN decisive, near misses and linked entities."""

from __future__ import annotations

import json
from collections.abc import Sequence

import polars as pl
import pytest

from cordon.names.matcher import Matcher
from cordon.names.model import Candidate, Query
from cordon.screen.parties import PartyScreener
from tests.screen.helpers import record_frame

LISTED = [
    {"id": "us_ofac_sdn-18782", "schema": "Company", "datasets": ["us_ofac_sdn"],
     "properties": {"name": ["ROSOBORONEKSPORT OAO"], "alias": ["АО «Рособоронэкспорт»"],
                    "country": ["ru"], "innCode": ["7718852163"]}},
    {"id": "us_ofac_sdn-22406", "schema": "Company", "datasets": ["us_ofac_sdn"],
     "properties": {"name": ["MOLOT-ORUZHIE, OOO"], "country": ["ru"]}},
    {"id": "us_ofac_sdn-16911", "schema": "Company", "datasets": ["us_ofac_sdn"],
     "properties": {"name": ["KALASHNIKOV CONCERN"], "country": ["ru"]}},
]  # fmt: skip


class CountingMatcher:
    """A real matcher that records how many queries reached it."""

    def __init__(self) -> None:
        self.inner = Matcher.from_entities(LISTED, dataset="us_ofac_sdn")
        self.calls: list[int] = []

    def match_many(
        self, queries: Sequence[Query], limit: int = 5, threshold: float = 0.8
    ) -> list[list[Candidate]]:
        self.calls.append(len(queries))
        return self.inner.match_many(queries, limit=limit, threshold=threshold)


PARTY_COLUMNS = [f"{role}_{what}" for role in ("exporter", "importer")
                 for what in ("entity", "score", "near_miss", "linked")]  # fmt: skip


def _batch(*records: dict[str, object]) -> pl.DataFrame:
    """A batch as the party stage receives it (no party columns yet)."""
    return record_frame(*records).drop(PARTY_COLUMNS)


def _four_importers() -> pl.DataFrame:
    return _batch(
        {
            "record_id": "A",
            "line": 2,
            "importer_name": "ООО «Вектор»",
            "importer_tax_id": "7718852163",
        },
        {
            "record_id": "B",
            "line": 3,
            "importer_name": "ООО «Вектор»",
            "importer_tax_id": "7718852163",
        },
        {
            "record_id": "C",
            "line": 4,
            "importer_name": "Molot Oruzhie LLC",
            "importer_tax_id": None,
        },
        {
            "record_id": "D",
            "line": 5,
            "importer_name": "ООО «Ромашка»",
            "importer_tax_id": "7701111111",
        },
    )


def test_inn_of_a_listed_entity_is_decisive_and_parties_are_matched_once() -> None:
    matcher = CountingMatcher()
    screener = PartyScreener(matcher, threshold=0.8)
    frame, matches = screener.screen(_four_importers())
    assert frame.filter(pl.col("record_id") == "A")["importer_entity"].item() == "us_ofac_sdn-18782"
    assert frame.filter(pl.col("record_id") == "A")["importer_score"].item() == 1.0
    reason = json.loads(matches.filter(pl.col("record_id") == "A")["reason"].item())
    assert (reason["role"], reason["list"], reason["entity_id"]) == (
        "importer",
        "us_ofac_sdn",
        "18782",
    )
    assert matches["record_id"].to_list().count("B") == 1
    assert frame.filter(pl.col("record_id") == "D")["importer_entity"].item() is None
    # one exporter + three distinct importers in one call for the batch
    assert matcher.calls == [4]
    screener.screen(_four_importers())
    assert matcher.calls == [4], "a second batch of the same parties is served from the cache"


def test_linked_entity_is_reported_for_rf12() -> None:
    links = {"us_ofac_sdn-22406": ("KALASHNIKOV CONCERN (us_ofac_sdn 16911)",)}
    frame, _ = PartyScreener(CountingMatcher(), threshold=0.8, links=links).screen(
        _four_importers()
    )
    linked = frame.filter(pl.col("record_id") == "C")["importer_linked"].item()
    assert linked.startswith(
        "importer 'Molot Oruzhie LLC' matches listed entity MOLOT-ORUZHIE, OOO (us_ofac_sdn 22406"
    )
    assert "which the list links (Linked To) to KALASHNIKOV CONCERN (us_ofac_sdn 16911)" in linked


def test_rf12_needs_a_match_not_a_near_miss() -> None:
    links = {"us_ofac_sdn-22406": ("KALASHNIKOV CONCERN (us_ofac_sdn 16911)",)}
    frame, _ = PartyScreener(CountingMatcher(), threshold=0.7, links=links).screen(
        _batch({"importer_name": "Molot-Oruzhie Trade House", "importer_tax_id": None})
    )
    assert frame["importer_near_miss"].item() is not None  # a near miss (RF-10) ...
    assert frame["importer_linked"].item() is None  # ... is not a link to a listed network


def test_a_strict_threshold_turns_a_match_into_a_near_miss() -> None:
    screener = PartyScreener(CountingMatcher(), threshold=0.7)
    frame, matches = screener.screen(
        _batch({"importer_name": "Molot-Oruzhie Trade House", "importer_tax_id": None})
    )
    near = frame["importer_near_miss"].item()
    assert matches.height == 0
    assert near is not None and near.startswith(
        "importer 'Molot-Oruzhie Trade House' resembles 'MOLOT-ORUZHIE, OOO'"
    )
    assert "below the threshold 0.70" in near


def test_party_cache_is_bounded_but_keeps_the_current_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("cordon.screen.parties.CACHE_LIMIT", 5)
    matcher = CountingMatcher()
    screener = PartyScreener(matcher, threshold=0.8)
    screener.screen(_four_importers())
    assert len(screener.cache) == 4
    other = _four_importers().with_columns(pl.col("importer_name") + " TRADING")
    frame, _ = screener.screen(other)
    assert len(screener.cache) <= 5, "the cache was reset instead of growing past its limit"
    assert matcher.calls[-1] == len(screener.cache), "this batch's parties were all matched"
    assert frame.height == other.height


def test_a_batch_adds_rows_only_for_its_new_parties_and_screens_as_a_fresh_screener(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    links = {"us_ofac_sdn-22406": ("KALASHNIKOV CONCERN (us_ofac_sdn 16911)",)}
    screener = PartyScreener(CountingMatcher(), threshold=0.8, links=links)
    screener.screen(_four_importers())
    assert screener.tables["importer"][0].height == 3  # three distinct importers
    second = pl.concat(
        [
            _four_importers().with_columns(pl.col("line") + 10),
            _batch({"record_id": "E", "line": 20, "importer_name": "Rosoboroneksport OAO"}),
        ]
    )
    built: list[int] = []
    role_table = PartyScreener._role_table

    def counting(self: PartyScreener, distinct: pl.DataFrame, role: str) -> object:
        built.append(distinct.height)
        return role_table(self, distinct, role)  # type: ignore[arg-type]

    monkeypatch.setattr(PartyScreener, "_role_table", counting)
    frame, matches = screener.screen(second)
    assert built == [1]  # only the new importer; the exporter and three importers were known
    assert screener.tables["importer"][0].height == 4
    monkeypatch.setattr(PartyScreener, "_role_table", role_table)
    fresh_frame, fresh_matches = PartyScreener(
        CountingMatcher(), threshold=0.8, links=links
    ).screen(second)
    assert frame.equals(fresh_frame)
    assert matches.equals(fresh_matches)
