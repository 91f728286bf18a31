"""Precision rules: a name match that rests on too little does not alert, and says why.

The listed entries copy real OFAC SDN entries: FLORES APODACA, Salome (SDNTK, Mexico) with the
one-word alias PELON; GUZMAN LOERA, Joaquin (SDNTK, Mexico, born 1957-04-04); LI, Fangwei
(NPWMD, China, alias LI Fang Wei); PAO ZVEZDA style one-word Russian company names.
"""

from __future__ import annotations

from typing import Any

import pytest

from cordon.names.matcher import Matcher
from cordon.names.model import Candidate, Query
from cordon.settings import DEFAULT_THRESHOLD


def _entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    return {
        "id": f"pr-{entity_id}",
        "schema": schema,
        "datasets": ["pr"],
        "caption": (props.get("name") or [entity_id])[0]
        if isinstance(props.get("name"), list)
        else props.get("name", entity_id),
        "properties": {k: v if isinstance(v, list) else [v] for k, v in props.items()},
    }


ENTITIES = [
    _entity("pelon", "Person", name="FLORES APODACA, Salome", alias="PELON", nationality="mx"),
    _entity(
        "chapo",
        "Person",
        name="GUZMAN LOERA, Joaquin",
        birthDate="1957-04-04",
        nationality="mx",
    ),
    _entity("li", "Person", name="LI, Fangwei", alias="LI Fang Wei", nationality="cn"),
    _entity("kaz", "Company", name="JSC KAZANSKY OPTICAL", alias="ZENIT", country="ru"),
    _entity("weak", "Person", name="AL-MASRI, Abu Hamza", weakAlias="ABU HAMZA"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.from_entities(ENTITIES, dataset="pr")


def _best(matcher: Matcher, query: Query) -> Candidate | None:
    found = matcher.match(query, limit=3)
    return found[0] if found else None


def _feature(candidate: Candidate, name: str) -> str:
    return next((f.detail for f in candidate.features if f.name == name), "")


def test_a_company_never_matches_a_persons_nickname(matcher: Matcher) -> None:
    # a Russian firm whose one-word name is a Mexican trafficker's nickname
    best = _best(matcher, Query(("ООО «Пелон»",), countries=("ru",)))
    assert best is None or best.entity_id != "pr-pelon"
    best = _best(matcher, Query(("PELON",), countries=("ru",)))  # no legal form: held back
    assert best is not None and best.entity_id == "pr-pelon"
    assert best.score < DEFAULT_THRESHOLD
    assert "one-word alias" in _feature(best, "needs_support")
    assert _feature(best, "country_mismatch") == "ru vs mx"


def test_one_word_alias_alerts_with_a_supporting_country(matcher: Matcher) -> None:
    best = _best(matcher, Query(("ZENIT",), countries=("ru",)))
    assert best is not None and best.entity_id == "pr-kaz" and best.score >= DEFAULT_THRESHOLD
    assert "supported by" in _feature(best, "needs_support")
    unsupported = _best(matcher, Query(("ZENIT",)))
    assert unsupported is not None and unsupported.score < DEFAULT_THRESHOLD


def test_given_name_and_one_of_two_surnames_is_held_back(matcher: Matcher) -> None:
    best = _best(matcher, Query(("Joaquin Guzman",), schema="Person"))
    assert best is not None and best.entity_id == "pr-chapo"
    assert best.score < DEFAULT_THRESHOLD
    assert "missing: loera" in _feature(best, "needs_support")
    dated = _best(matcher, Query(("Joaquin Guzman",), schema="Person", birth_dates=("1957",)))
    assert dated is not None and dated.score >= DEFAULT_THRESHOLD
    full = _best(matcher, Query(("Joaquin Guzman Loera",), schema="Person"))
    assert full is not None and full.score >= DEFAULT_THRESHOLD


def test_two_of_three_chinese_syllables_are_held_back(matcher: Matcher) -> None:
    best = _best(matcher, Query(("Li Wei",), schema="Person"))
    assert best is None or best.score < DEFAULT_THRESHOLD
    full = _best(matcher, Query(("Li Fang Wei",), schema="Person"))
    assert full is not None and full.entity_id == "pr-li" and full.score >= DEFAULT_THRESHOLD


def test_weak_alias_needs_support(matcher: Matcher) -> None:
    best = _best(matcher, Query(("Abu Hamza",), schema="Person"))
    assert best is not None and best.score < DEFAULT_THRESHOLD
    assert "weak alias" in _feature(best, "needs_support")


def test_conflicting_birth_year_lowers_and_says_so(matcher: Matcher) -> None:
    same = _best(matcher, Query(("Joaquin Guzman Loera",), schema="Person"))
    other = _best(matcher, Query(("Joaquin Guzman Loera",), schema="Person", birth_dates=("1975",)))
    assert same is not None and other is not None
    assert other.score <= same.score - 0.1
    assert _feature(other, "birth_date_mismatch") == "1975 vs 1957-04-04"
