"""`lists update` against a loopback HTTP server serving fixtures, and its offline behaviour."""

from __future__ import annotations

import json
import shutil
import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from cordon.lists.errors import ListLoadError
from cordon.lists.load import load_dataset
from cordon.lists.sample import load_sample
from cordon.lists.update import check_url, resolve_urls, update_dataset, update_many
from cordon.screen.pipeline import screen_file
from cordon.settings import LIST_MIRROR
from cordon.store import connect
from tests.cli_process import cordon


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def mirror_root(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A mirror tree <dataset>/<filename> built from the fixtures."""
    root = tmp_path / "mirror"
    (root / "un_sc_sanctions").mkdir(parents=True)
    shutil.copy(
        fixtures_dir / "lists" / "un_small.xml", root / "un_sc_sanctions" / "consolidated.xml"
    )
    (root / "us_ofac_sdn").mkdir()
    shutil.copy(
        fixtures_dir / "lists" / "ofac_advanced" / "sdn_advanced_excerpt.xml",
        root / "us_ofac_sdn" / "SDN_ADVANCED.XML",
    )
    (root / "gb_fcdo_sanctions").mkdir()
    shutil.copy(
        fixtures_dir / "lists" / "uk_sanctions_list_small.xml",
        root / "gb_fcdo_sanctions" / "UK-Sanctions-List.xml",
    )
    return root


@pytest.fixture()
def mirror(mirror_root: Path) -> Iterator[str]:
    """Base URL of a loopback HTTP server serving ``mirror_root``."""
    handler = partial(_QuietHandler, directory=str(mirror_root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def conn(cordon_home: Path) -> duckdb.DuckDBPyConnection:
    return connect()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_update_downloads_verifies_and_loads(conn: duckdb.DuckDBPyConnection, mirror: str) -> None:
    result = update_dataset(conn, "un_sc_sanctions", mirror=mirror)
    assert result.entity_count == 3
    assert result.source == f"{mirror}/un_sc_sanctions/consolidated.xml"
    again = update_dataset(conn, "un_sc_sanctions", mirror=mirror)
    assert again.unchanged


def test_update_prefers_ofac_advanced_xml(
    conn: duckdb.DuckDBPyConnection, mirror: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(LIST_MIRROR.name, raising=False)
    assert [name for _url, name in resolve_urls("us_ofac_sdn")] == ["SDN_ADVANCED.XML"]
    assert [name for _url, name in resolve_urls("us_ofac_cons")] == ["CONS_ADVANCED.XML"]
    results = update_many(conn, ["us_ofac_sdn", "un_sc_sanctions"], mirror=mirror)
    assert {
        name: r.entity_count for name, r in results.items() if not isinstance(r, Exception)
    } == {
        "us_ofac_sdn": 5,
        "un_sc_sanctions": 3,
    }
    sdn = results["us_ofac_sdn"]
    assert not isinstance(sdn, Exception)
    assert sdn.link_count == 2 and sdn.published_at is not None
    assert sdn.published_at.date().isoformat() == "2021-03-30"


def test_update_of_the_uk_sanctions_list(
    conn: duckdb.DuckDBPyConnection, mirror: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(LIST_MIRROR.name, raising=False)
    assert resolve_urls("gb_fcdo_sanctions") == [
        ("https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml", "UK-Sanctions-List.xml")
    ]
    result = update_dataset(conn, "gb_fcdo_sanctions", mirror=mirror)
    assert result.entity_count == 4
    assert result.source == f"{mirror}/gb_fcdo_sanctions/UK-Sanctions-List.xml"
    assert result.published_at is not None and result.published_at.year == 2026


def test_mirror_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIST_MIRROR.name, "http://127.0.0.1:8000/lists/")
    assert resolve_urls("un_sc_sanctions") == [
        ("http://127.0.0.1:8000/lists/un_sc_sanctions/consolidated.xml", "consolidated.xml")
    ]
    monkeypatch.delenv(LIST_MIRROR.name)
    assert resolve_urls("un_sc_sanctions")[0][0].startswith("https://")


def test_offline_update_fails_clearly_and_keeps_previous_version(
    conn: duckdb.DuckDBPyConnection, mirror: str
) -> None:
    first = update_dataset(conn, "un_sc_sanctions", mirror=mirror)
    offline = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(ListLoadError, match=r"cannot reach the publisher \(offline or blocked\?\)"):
        update_dataset(conn, "un_sc_sanctions", mirror=offline)
    active = conn.execute("SELECT version FROM list_versions WHERE active").fetchall()
    assert active == [(first.version,)]


def test_missing_file_on_server_is_refused(
    conn: duckdb.DuckDBPyConnection, mirror: str, mirror_root: Path
) -> None:
    (mirror_root / "us_ofac_sdn" / "SDN_ADVANCED.XML").unlink()
    with pytest.raises(ListLoadError, match=r"SDN_ADVANCED\.XML: download failed: HTTP 404"):
        update_dataset(conn, "us_ofac_sdn", mirror=mirror)
    assert conn.execute("SELECT count(*) FROM list_versions").fetchone() == (0,)


def test_corrupt_download_is_refused(
    conn: duckdb.DuckDBPyConnection, mirror: str, mirror_root: Path
) -> None:
    target = mirror_root / "un_sc_sanctions" / "consolidated.xml"
    target.write_text(target.read_text(encoding="utf-8")[:700], encoding="utf-8")
    with pytest.raises(ListLoadError, match="invalid XML"):
        update_dataset(conn, "un_sc_sanctions", mirror=mirror)


def test_plain_http_only_for_loopback() -> None:
    check_url("https://scsanctions.un.org/resources/xml/en/consolidated.xml")
    check_url("http://127.0.0.1:8080/x")
    check_url("http://localhost/x")
    with pytest.raises(ListLoadError, match="HTTPS only"):
        check_url("http://scsanctions.un.org/resources/xml/en/consolidated.xml")
    with pytest.raises(ListLoadError, match="HTTPS only"):
        check_url("ftp://127.0.0.1/x")


def test_unknown_dataset_has_no_download(conn: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ListLoadError, match="no download source known"):
        update_dataset(conn, "cordon_sample")


def test_update_then_rescreen_through_the_cli(
    tmp_path: Path, fixtures_dir: Path, mirror: str
) -> None:
    """`cordon lists update --rescreen DIR`: the designation the update adds finds its shipment."""
    home = tmp_path / "home"
    home.mkdir()
    full = (fixtures_dir / "lists" / "un_small.xml").read_text(encoding="utf-8")
    older = tmp_path / "consolidated.xml"  # the same list before KOREA EXAMPLE TRADING's listing
    older.write_text(full[: full.index("<ENTITY>")] + full[full.index("</ENTITY>") + 9 :],
                     encoding="utf-8")  # fmt: skip
    shipments = tmp_path / "shipments.csv"
    shipments.write_text(
        "record_id,exporter_name,exporter_country,importer_name,importer_country,hs_code\n"
        "W-1,Korea Example Trading Corporation,KP,OOO Stanok,RU,845710\n"
        "W-2,Ningbo Kitchenware Co. Ltd,CN,OOO Posuda,RU,732393\n", encoding="utf-8")
    store = connect(home / "cordon.duckdb")
    try:
        load_sample(store)
        load_dataset(store, "un_sc_sanctions", [older])
        screen_file(shipments, tmp_path / "screened", conn=store)
    finally:
        store.close()
    out = tmp_path / "rescreen"
    done = cordon(home, "lists", "update", "un_sc_sanctions", "--mirror", mirror,
                  "--rescreen", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 shipment with a new party match" in done.stdout
    alerts = [json.loads(line) for line in (out / "alerts.jsonl").read_text().splitlines()]
    assert [a["record_id"] for a in alerts] == ["W-1"]
    assert alerts[0]["reasons"][0]["list"] == "un_sc_sanctions"
