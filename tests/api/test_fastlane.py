"""The ``/match`` fast lane answers like the FastAPI route and hands it what it cannot take."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Scope

from cordon.api.answer import MatchParams
from cordon.api.fastlane import MatchFastLane, NotForFastLane, parse_params
from cordon.server import create_app
from tests.api.conftest import make_store
from tests.api.live import live_server

ROSOBORON = {
    "schema": "Company",
    "properties": {"name": ["АО «Рособоронэкспорт»"], "innCode": "7718852163"},
}
DOE = {"schema": "Person", "properties": {"firstName": ["John"], "lastName": ["Doe"]}}

# (dataset, query string, raw body): good requests and every kind of bad one.
CASES: list[tuple[str, str, bytes]] = [
    ("default", "", json.dumps({"queries": {"q1": ROSOBORON}}).encode()),
    (
        "default",
        "threshold=0.5&limit=2&algorithm=logic-v1&fuzzy=true",
        json.dumps({"queries": {"a": ROSOBORON, "b": DOE}}).encode(),
    ),
    ("cordon_sample", "cutoff=0.3&threshold=0.9", json.dumps({"queries": {"x": DOE}}).encode()),
    ("nope", "", json.dumps({"queries": {"q": DOE}}).encode()),  # 404
    ("default", "algorithm=magic", json.dumps({"queries": {"q": DOE}}).encode()),  # 400
    ("default", "", b'{"queries": {}}'),  # 400 no queries
    (
        "default",
        "",
        json.dumps({"queries": {"q": {"schema": "Address", "properties": {}}}}).encode(),
    ),
    ("default", "", b'{"queries": {"q": {"schema": 5, "properties": []}}}'),  # 422 types
    ("default", "", b'{"queries": '),  # 422 malformed JSON
    ("default", "limit=0", json.dumps({"queries": {"q": DOE}}).encode()),  # 422
    ("default", "threshold=1.5", json.dumps({"queries": {"q": DOE}}).encode()),  # 422
    ("default", "threshold=nan", json.dumps({"queries": {"q": DOE}}).encode()),  # 422
    ("default", "fuzzy=maybe", json.dumps({"queries": {"q": DOE}}).encode()),  # 422
]


@pytest.fixture(scope="module")
def route_only_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second server over an identical store, with the fast lane switched off."""
    home = make_store(tmp_path_factory.mktemp("route-only"))
    with live_server(home, fast_lane=False) as base:
        yield base


@pytest.mark.parametrize(("dataset", "query", "body"), CASES)
def test_fast_lane_answers_like_the_route(
    server: str, route_only_server: str, dataset: str, query: str, body: bytes
) -> None:
    answers = []
    for base in (server, route_only_server):
        resp = httpx.post(
            f"{base}/match/{dataset}?{query}",
            content=body,
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        answers.append(
            (
                resp.status_code,
                resp.headers["content-type"],
                resp.headers.get("x-batch-size"),
                resp.json(),
            )
        )
    assert answers[0] == answers[1]


def test_parse_params_reads_valid_values_and_refuses_the_rest() -> None:
    assert parse_params(b"") == MatchParams()
    assert parse_params(b"limit=7&threshold=0.25&cutoff=0&algorithm=best&fuzzy=No&x=1") == (
        MatchParams(limit=7, threshold=0.25, cutoff=0.0, algorithm="best")
    )
    assert parse_params(b"limit=3&limit=4").limit == 4  # the last value wins, as in FastAPI
    for bad in (b"limit=0", b"limit=501", b"limit=2.5", b"threshold=-0.1", b"cutoff=inf",
                b"threshold=abc", b"fuzzy=perhaps", b"algorithm=" + b"x" * 41):  # fmt: skip
        with pytest.raises(NotForFastLane):
            parse_params(bad)


def _call(app: Any, scope_extra: dict[str, Any], body: bytes) -> tuple[list[Message], bool]:
    """Run the fast lane around a recording inner app: (messages sent, whether it passed on)."""
    passed: list[Scope] = []

    async def inner(scope: Scope, receive: Any, send: Any) -> None:
        passed.append(scope)
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent: list[Message] = []
    scope = {"type": "http", "method": "POST", "path": "/match/default", "root_path": "",
             "query_string": b"", "headers": [(b"content-type", b"application/json")],
             "app": app, **scope_extra}  # fmt: skip

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(MatchFastLane(inner)(scope, receive, send))
    return sent, bool(passed)


def test_fast_lane_answers_itself_and_passes_on_what_it_cannot(api_home: Path) -> None:
    app = create_app(store_path=api_home / "cordon.duckdb", home=api_home, warm=False)
    good = json.dumps({"queries": {"q1": ROSOBORON}}).encode()
    with TestClient(app):
        sent, passed = _call(app, {}, good)
        assert not passed and sent[0]["status"] == 200
        answer = json.loads(sent[1]["body"])
        assert answer["responses"]["q1"]["results"][0]["id"] == "us_ofac_sdn-18782"
        assert _call(app, {}, b"{not json")[1]  # the route gives the 422
        assert _call(app, {"path": "/match/no_such_list"}, good)[1]  # the route gives the 404
        assert _call(app, {"headers": [(b"content-type", b"text/plain")]}, good)[1]
        assert _call(app, {"method": "GET"}, good)[1]
        app.state.api_key = "k" * 20
        assert _call(app, {}, good)[1]  # no key: the route gives the 401
        keyed = {"headers": [(b"content-type", b"application/json"), (b"x-api-key", b"k" * 20)]}
        sent, passed = _call(app, keyed, good)
        assert not passed and sent[0]["status"] == 200
