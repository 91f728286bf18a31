"""API keys, loopback detection and `cordon serve`'s refusal to listen openly without a key."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from cordon.api.security import is_loopback
from cordon.cli import app as cli_app
from tests.api.live import live_server
from tests.cli_process import store_held

KEY = "s3cret-key-for-tests-0123456789"
QUERY = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Almaz Antey"]}}}}


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("10.0.0.1", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.fixture(scope="module")
def keyed_server(api_home: Path) -> str:
    with live_server(api_home, api_key=KEY) as base:
        yield base


def test_key_required_when_configured(keyed_server: str) -> None:
    with httpx.Client(base_url=keyed_server) as client:
        assert client.get("/healthz").status_code == 200  # liveness stays open
        denied = client.post("/match/default", json=QUERY)
        assert denied.status_code == 401
        assert (
            "ApiKey" in denied.json()["detail"] and denied.headers["www-authenticate"] == "ApiKey"
        )
        assert (
            client.post(
                "/match/default", json=QUERY, headers={"Authorization": "ApiKey wrong"}
            ).status_code
            == 401
        )
        for headers in ({"Authorization": f"ApiKey {KEY}"}, {"X-API-Key": KEY}):
            assert client.post("/match/default", json=QUERY, headers=headers).status_code == 200
        for path in ("/catalog", "/runs", "/search?q=x", "/entities/testlinks-100", "/readyz"):
            assert client.get(path).status_code == 401, path
        assert client.get("/runs", headers={"X-API-Key": KEY}).status_code == 200


def test_web_pages_ask_for_the_key(keyed_server: str) -> None:
    with httpx.Client(base_url=keyed_server) as client:
        page = client.get("/ui/")
        assert page.status_code == 303 and page.headers["location"].startswith("/ui/login")
        wrong = client.post("/ui/login", data={"api_key": "nope", "next": "/ui/"})
        assert wrong.status_code == 200 and "Wrong API key" in wrong.text
        ok = client.post("/ui/login", data={"api_key": KEY, "next": "https://evil.example/"})
        assert ok.status_code == 303 and ok.headers["location"] == "/ui/"  # no open redirect
        assert "httponly" in ok.headers["set-cookie"].lower()
        assert client.get("/ui/").status_code == 200  # the cookie now carries the key
        assert client.get("/runs").status_code == 200


def test_serve_refuses_open_address_without_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CORDON_API_KEY", raising=False)
    started: list[object] = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: started.append(a))
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--port", "8765"])
    assert result.exit_code == 2
    assert "Refusing to serve on 0.0.0.0" in result.output
    assert started == []
    short = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--api-key", "short"])
    assert short.exit_code == 2 and "at least 16" in short.output
    assert started == []


def test_serve_starts_with_key_or_on_loopback(
    monkeypatch: pytest.MonkeyPatch, cordon_home: Path
) -> None:
    calls: list[dict] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append({"app": app, **kw}))
    ok = CliRunner().invoke(
        cli_app, ["serve", "--host", "0.0.0.0", "--port", "8765", "--api-key", KEY]
    )
    assert ok.exit_code == 0, ok.output
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 8765
    assert calls[-1]["app"].state.api_key == KEY
    local = CliRunner().invoke(cli_app, ["serve"])
    assert local.exit_code == 0 and calls[-1]["host"] == "127.0.0.1"
    assert calls[-1]["app"].state.api_key is None
    # the CLI forwarding endpoint is enabled with the token of server.json, removed on exit
    assert calls[-1]["app"].state.cli_token
    assert not (cordon_home / "server.json").exists()


def test_serve_explains_a_busy_store(cordon_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with store_held(cordon_home / "cordon.duckdb") as holder:
        monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("must not start"))
        result = CliRunner().invoke(cli_app, ["serve"])
        assert result.exit_code == 1
        assert f"is in use by process {holder}" in result.output
        assert "Traceback" not in result.output
