"""yente compatibility of ``POST /match/{dataset}``, ``/search`` and ``/catalog`` over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from tests.api.conftest import LINKED_DATASET


def _shape(value: Any) -> Any:
    """The JSON type skeleton of a value: keys kept, leaves replaced by their JSON type name."""
    if isinstance(value, dict):
        return {key: _shape(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "null" if value is None else type(value).__name__


def _missing(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Keys (and type mismatches) of ``expected``'s shape that ``actual`` lacks."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object"]
        problems = []
        for key, inner in expected.items():
            if key not in actual:
                problems.append(f"{path}.{key}: missing")
            elif inner not in ("null",) and actual[key] is not None:
                problems.extend(_missing(inner, actual[key], f"{path}.{key}"))
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected an array"]
        return _missing(expected[0], actual[0], f"{path}[0]") if expected and actual else []
    return [] if expected == _shape(actual) else [f"{path}: {_shape(actual)} is not {expected}"]


def test_yente_doc_request_gets_yente_shaped_answer(
    client: httpx.Client, api_fixtures: Path
) -> None:
    request = json.loads((api_fixtures / "yente_match_request.json").read_text())
    documented = json.loads((api_fixtures / "yente_match_response.json").read_text())
    # The documented names are not listed: ask with threshold 0 so results come back to compare.
    resp = client.post("/match/default", params={"cutoff": 0.0}, json=request)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body["responses"]) == {"entity1", "entity2"}
    assert resp.headers["x-batch-size"] == "2"
    assert body["limit"] == 5  # yente's default page of matches
    top = _shape(documented)
    top["responses"] = {}
    assert _missing(top, body) == []
    answer = documented["responses"]["entity1"]
    for key in ("entity1", "entity2"):
        one = body["responses"][key]
        assert one["status"] == 200
        assert one["total"] == {"value": len(one["results"]), "relation": "eq"}
        assert _missing(_shape({k: v for k, v in answer.items() if k != "results"}), one) == []
        for result in one["results"]:
            assert _missing(_shape(answer["results"][0]), result) == [], result
    echoed = body["responses"]["entity2"]["query"]
    assert echoed["schema"] == "Company"
    assert echoed["properties"]["registrationNumber"] == ["84BA99810"]
    assert echoed["properties"]["jurisdiction"] == ["hk"]


def test_listed_company_matches_with_explained_features(
    client: httpx.Client, api_fixtures: Path
) -> None:
    request = json.loads((api_fixtures / "opensanctions_match_request.json").read_text())
    resp = client.post("/match/default", json=request)
    assert resp.status_code == 200, resp.text
    company = resp.json()["responses"]["q2"]
    assert company["query"]["properties"]["jurisdiction"] == [
        "ru"
    ]  # country name cleaned as yente does
    top = company["results"][0]
    assert "ALMAZ-ANTEY" in top["caption"]
    assert top["match"] is True and top["score"] >= resp.json()["matcher"]["threshold"]
    assert top["datasets"] == ["cordon_sample"]
    assert top["features"] and all(0.0 <= v <= 1.0 for v in top["features"].values())
    assert set(top["explanations"]) == set(top["features"])
    assert all(r["score"] >= resp.json()["matcher"]["threshold"] for r in company["results"])


def test_cyrillic_query_and_identifier(client: httpx.Client) -> None:
    query = {
        "schema": "Company",
        "properties": {"name": ["АО Рособоронэкспорт"], "innCode": ["7718852163"]},
    }
    resp = client.post("/match/cordon_sample", json={"queries": {"rosoboron": query}})
    assert resp.status_code == 200, resp.text
    results = resp.json()["responses"]["rosoboron"]["results"]
    assert results[0]["id"] == "us_ofac_sdn-18782"
    assert results[0]["match"] is True


def test_threshold_limit_and_algorithm_parameters(client: httpx.Client) -> None:
    query = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Almaz Antey"]}}}}
    loose = client.post(
        "/match/default", params={"threshold": 0.3, "limit": 2, "algorithm": "logic-v1"}, json=query
    )
    assert loose.status_code == 200, loose.text
    body = loose.json()
    assert body["limit"] == 2
    assert len(body["responses"]["q"]["results"]) <= 2
    assert body["matcher"] == body["matcher"] | {
        "name": "cordon-v1",
        "requested": "logic-v1",
        "threshold": 0.3,
    }
    strict = client.post("/match/default", params={"threshold": 1.0, "cutoff": 0.0}, json=query)
    assert strict.status_code == 200
    flags = [r["match"] for r in strict.json()["responses"]["q"]["results"]]
    scores = [r["score"] for r in strict.json()["responses"]["q"]["results"]]
    assert flags == [s >= 1.0 for s in scores]


def test_dataset_scope(client: httpx.Client) -> None:
    query = {
        "queries": {
            "q": {"schema": "Company", "properties": {"name": ["Zenit Navigation Systems"]}}
        }
    }
    inside = client.post(f"/match/{LINKED_DATASET}", json=query).json()["responses"]["q"]["results"]
    outside = client.post("/match/cordon_sample", json=query).json()["responses"]["q"]["results"]
    assert [r["id"] for r in inside][:1] == ["testlinks-100"]
    assert all(r["id"] != "testlinks-100" for r in outside)


def test_unknown_dataset_is_404_like_yente(client: httpx.Client) -> None:
    query = {"queries": {"q": {"schema": "Company", "properties": {"name": ["x"]}}}}
    resp = client.post("/match/no_such_list", json=query)
    assert resp.status_code == 404
    assert resp.json() == {"detail": "No such dataset."}


def test_algorithms_and_catalog(client: httpx.Client) -> None:
    algos = client.get("/algorithms").json()
    assert algos["best"] == "cordon-v1" and algos["aliases"]["logic-v2"] == "cordon-v1"
    catalog = client.get("/catalog").json()
    assert catalog["current"] == ["cordon_sample", LINKED_DATASET]
    sample = catalog["datasets"][0]
    assert sample["name"] == "cordon_sample" and sample["entity_count"] == 52
    assert sample["index_current"] is True and sample["version"]


def test_search_by_name_any_script(client: httpx.Client) -> None:
    resp = client.get("/search", params={"q": "Алмаз-Антей", "limit": 3})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["limit"] == 3 and body["offset"] == 0
    assert body["results"] and "ALMAZ-ANTEY" in body["results"][0]["caption"]
    scoped = client.get(f"/search/{LINKED_DATASET}", params={"q": "Sidorov Ivan"}).json()
    assert [r["id"] for r in scoped["results"]][:1] == ["testlinks-102"]
    assert client.get("/search/nope", params={"q": "x"}).status_code == 404


def test_entity_with_nested_links(client: httpx.Client) -> None:
    resp = client.get("/entities/testlinks-100")
    assert resp.status_code == 200, resp.text
    entity = resp.json()
    assert entity["caption"] == "ZENIT NAVIGATION SYSTEMS LLC"
    links = entity["properties"]["unknownLinkFrom"]  # reverse of UnknownLink.object
    assert {link["schema"] for link in links} == {"UnknownLink"}
    far_ends = sorted(link["properties"]["subject"][0]["id"] for link in links)
    assert far_ends == ["testlinks-101", "testlinks-102"]
    plain = client.get("/entities/testlinks-100", params={"nested": "false"}).json()
    assert "unknownLinkFrom" not in plain["properties"]
    assert client.get("/entities/nope-1").status_code == 404


def _top(client: httpx.Client, country: str, weights: dict[str, float]) -> dict[str, Any]:
    query = {"schema": "Company", "properties": {"name": ["Almaz Antey"], "country": [country]}}
    body = {"weights": weights, "queries": {"q": query}}
    resp = client.post("/match/default", params={"threshold": 0.5}, json=body)
    assert resp.status_code == 200, resp.text
    return dict(resp.json()["responses"]["q"]["results"][0])


def test_weights_move_the_score_in_their_direction(client: httpx.Client) -> None:
    """A request's weights replace the scorer's: by cordon's feature name or yente's."""
    plain = _top(client, "us", {})
    assert "country_mismatch" in plain["features"]
    harsher = _top(client, "us", {"country_mismatch": -0.3})  # yente's name and cordon's
    assert harsher["id"] == plain["id"]
    assert abs(harsher["score"] - (plain["score"] - 0.3 + 0.06)) < 1e-3
    lifted = _top(client, "us", {"country_mismatch": 0.05})  # a mismatch raised above zero
    assert lifted["score"] > plain["score"]
    assert abs(lifted["score"] - min(1.0, plain["score"] + 0.05 + 0.06)) < 1e-3
    agreeing = _top(client, "ru", {"country_match": -0.2})  # cordon's own feature name
    assert "country_match" in agreeing["features"]
    assert abs(agreeing["score"] - (plain["score"] + 0.06 - 0.2)) < 1e-3


def test_unknown_weights_are_refused_naming_them(client: httpx.Client) -> None:
    query = {"schema": "Company", "properties": {"name": ["Almaz Antey"]}}
    for weights in ({"name_match": 0.5, "bogus": 1.0}, {"country_mismatch": -2.0}):
        resp = client.post("/match/default", json={"weights": weights, "queries": {"q": query}})
        assert resp.status_code == 422, resp.text
        assert all(name in resp.json()["detail"] for name in weights)
