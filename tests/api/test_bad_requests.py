"""Bad requests each get a clear 4xx, and the service stays healthy afterwards."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

QUERY = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Almaz Antey"]}}}}


def _healthy(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    again = client.post("/match/default", json=QUERY)
    assert again.status_code == 200 and again.json()["responses"]["q"]["results"]


def test_malformed_json(client: httpx.Client) -> None:
    resp = client.post(
        "/match/default", content=b'{"queries": {', headers={"content-type": "application/json"}
    )
    assert resp.status_code == 422
    assert "JSON decode error" in resp.text
    _healthy(client)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"queries": [1, 2]}, "queries"),
        ({"queries": {"q": {"schema": 5, "properties": {}}}}, "schema"),
        ({"queries": {"q": {"schema": "Company"}}}, "properties"),
        ({"queries": {"q": {"schema": "Company", "properties": {"name": 7}}}}, "properties"),
        ({"nothing": 1}, "queries"),
    ],
)
def test_wrong_types_name_the_field(client: httpx.Client, body: dict, field: str) -> None:
    resp = client.post("/match/default", json=body)
    assert resp.status_code == 422
    assert field in {str(part) for error in resp.json()["detail"] for part in error["loc"]}
    _healthy(client)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"limit": "abc"}, "limit"),
        ({"limit": 0}, "limit"),
        ({"threshold": 1.5}, "threshold"),
        ({"cutoff": -1}, "cutoff"),
    ],
)
def test_bad_query_parameters(client: httpx.Client, params: dict, name: str) -> None:
    resp = client.post("/match/default", params=params, json=QUERY)
    assert resp.status_code == 422
    assert resp.json()["detail"][0]["loc"] == ["query", name]


def test_semantic_errors_are_400(client: httpx.Client) -> None:
    unknown_schema = {"queries": {"q": {"schema": "Spaceship", "properties": {"name": ["x"]}}}}
    resp = client.post("/match/default", json=unknown_schema)
    assert resp.status_code == 400 and "Unknown schema" in resp.json()["detail"]
    not_matchable = {"queries": {"q": {"schema": "Payment", "properties": {"summary": ["x"]}}}}
    assert client.post("/match/default", json=not_matchable).status_code == 400
    assert client.post("/match/default", json={"queries": {}}).json() == {
        "detail": "No queries provided."
    }
    many = {"queries": {f"q{i}": QUERY["queries"]["q"] for i in range(101)}}
    resp = client.post("/match/default", json=many)
    assert resp.status_code == 400 and "limit: 100" in resp.json()["detail"]
    resp = client.post("/match/default", params={"algorithm": "magic"}, json=QUERY)
    assert resp.status_code == 400 and resp.json()["detail"] == "Invalid algorithm: magic"
    _healthy(client)


def test_huge_json_body_is_413(client: httpx.Client) -> None:
    big = (
        b'{"queries": {"q": {"schema": "Company", "properties": {"name": ["'
        + b"A" * (3 * 1024 * 1024)
        + b'"]}}}}'
    )
    resp = client.post("/match/default", content=big, headers={"content-type": "application/json"})
    assert resp.status_code == 413
    assert "too large" in resp.json()["detail"]
    _healthy(client)


def test_huge_chunked_body_is_413(client: httpx.Client) -> None:
    def chunks():
        yield b'{"queries": {"q": {"schema": "Company", "properties": {"name": ["'
        for _ in range(40):
            yield b"B" * 100_000
        yield b'"]}}}}'

    resp = client.post(
        "/match/default", content=chunks(), headers={"content-type": "application/json"}
    )
    assert resp.status_code == 413
    _healthy(client)


def test_unknown_run_alert_and_bad_ids(client: httpx.Client) -> None:
    assert client.get("/runs/does-not-exist").status_code == 404
    assert client.get("/runs/bad id with spaces").status_code == 422
    assert client.get("/runs/does-not-exist/alerts").status_code == 404
    assert client.get("/alerts/nope:1").status_code == 404
    resp = client.patch("/alerts/nope:1", json={"analyst": "a", "status": "dismissed"})
    assert resp.status_code == 404
    _healthy(client)


@pytest.mark.parametrize(
    ("filename", "status"),
    [("../../../../etc/cron.d/evil.sh", 415), ("payload.exe", 415), ("noextension", 415)],
)
def test_upload_refuses_unreadable_types(
    client: httpx.Client, api_home: Path, filename: str, status: int
) -> None:
    resp = client.post("/screen", files={"file": (filename, b"a,b\n1,2\n", "text/plain")})
    assert resp.status_code == status
    assert "Unsupported file type" in resp.json()["detail"]
    assert (
        not list((api_home / "uploads").glob("*.sh")) if (api_home / "uploads").exists() else True
    )
    _healthy(client)


def test_upload_traversal_name_is_only_a_label(client: httpx.Client, api_home: Path) -> None:
    name = "../../outside/../../pwned.csv"
    body = b"record_id,exporter_name,hs_code\n"
    resp = client.post("/screen", files={"file": (name, body, "text/csv")})
    assert resp.status_code == 202, resp.text
    run_id = resp.json()["run_id"]
    stored = sorted(p.name for p in (api_home / "uploads").iterdir())
    assert f"{run_id}.csv" in stored
    assert (
        not (api_home.parent / "outside").exists() and not (api_home.parent / "pwned.csv").exists()
    )
    assert not any("pwned" in p for p in stored)
    run = client.get(f"/runs/{run_id}").json()
    assert run["input_name"] == "pwned.csv"  # the display label keeps only the last part
    _healthy(client)


def test_empty_upload_and_unknown_list(client: httpx.Client) -> None:
    resp = client.post("/screen", files={"file": ("empty.csv", b"", "text/csv")})
    assert resp.status_code == 400 and "empty" in resp.json()["detail"]
    resp = client.post(
        "/screen", files={"file": ("a.csv", b"x\n1\n", "text/csv")}, data={"lists": "nope"}
    )
    assert resp.status_code == 400 and "Unknown list(s): nope" in resp.json()["detail"]
    resp = client.post(
        "/screen", files={"file": ("a.csv", b"x\n1\n", "text/csv")}, data={"threshold": "high"}
    )
    assert resp.status_code == 422
    assert client.post("/screen").status_code == 422  # no file at all
    _healthy(client)


def test_triage_validation(client: httpx.Client) -> None:
    for body in (
        {"status": "dismissed"},
        {"analyst": "", "status": "dismissed"},
        {"analyst": "   ", "status": "dismissed"},
        {"analyst": "a"},
        {"analyst": "a", "status": "deleted"},
        {"analyst": "a", "status": "open", "extra": 1},
    ):
        resp = client.patch("/alerts/some-run:1", json=body)
        assert resp.status_code == 422, body
    _healthy(client)
