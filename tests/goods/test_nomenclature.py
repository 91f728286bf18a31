"""The HS 2022 nomenclature: load, describe, download from a loopback server, and the CLI."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from cordon.cli import app
from cordon.goods.nomenclature import (
    describe,
    download_nomenclature,
    load_nomenclature,
    nomenclature_status,
)
from cordon.records.errors import InputError
from cordon.store import migrate


@pytest.fixture(scope="module")
def hs_csv(shared_data: Path) -> Path:
    return shared_data / "hs" / "harmonized-system.csv"


@pytest.fixture(scope="module")
def conn(hs_csv: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    migrate(connection)
    load_nomenclature(connection, hs_csv)
    yield connection
    connection.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log on stderr (it would mix with the CLI output under test)."""


@pytest.fixture()
def server(hs_csv: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Loopback HTTP servers: one over the shared data folder, one with a broken file."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "harmonized-system.csv").write_text(
        "section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\n"
    )
    handler = functools.partial(_QuietHandler, directory=str(hs_csv.parent.parent))
    handler_broken = functools.partial(_QuietHandler, directory=str(broken))

    class Quiet(ThreadingHTTPServer):
        def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
            pass

    servers = [Quiet(("127.0.0.1", 0), handler), Quiet(("127.0.0.1", 0), handler_broken)]
    for instance in servers:
        threading.Thread(target=instance.serve_forever, daemon=True).start()
    good_url = f"http://127.0.0.1:{servers[0].server_address[1]}/hs/"
    broken_url = f"http://127.0.0.1:{servers[1].server_address[1]}/"
    yield good_url, Path(broken_url)
    for instance in servers:
        instance.shutdown()
        instance.server_close()


def test_load_counts_and_status(conn: duckdb.DuckDBPyConnection, hs_csv: Path) -> None:
    codes, source, loaded_at = nomenclature_status(conn)
    assert codes == 6939 and source == str(hs_csv) and loaded_at is not None
    assert conn.execute("SELECT count(*) FROM hs_nomenclature WHERE level = 6").fetchone() == (
        5613,
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("852691", "Radio navigational aid apparatus"),
        ("8526.91.0000", "Radio navigational aid apparatus"),
        ("8807", "Aircraft; parts of goods of heading 8801, 8802 or 8806"),
        ("95", "Toys, games and sports requisites; parts and accessories thereof"),
        ("880330", None),  # HS 2017 code, gone in HS 2022
        ("not a code", None),
    ],
)
def test_describe(conn: duckdb.DuckDBPyConnection, code: str, expected: str | None) -> None:
    assert describe(conn, code) == expected


def test_reloading_replaces_rather_than_duplicates(
    conn: duckdb.DuckDBPyConnection, hs_csv: Path
) -> None:
    load_nomenclature(conn, hs_csv)
    assert nomenclature_status(conn)[0] == 6939


def test_a_file_that_is_not_the_nomenclature_is_refused(
    tmp_path: Path, conn: duckdb.DuckDBPyConnection
) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("code,text\n01,Animals\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        load_nomenclature(conn, wrong)
    bad_code = tmp_path / "bad.csv"
    bad_code.write_text(
        "section,hscode,description,parent,level\nI,1x,Animals,TOTAL,2\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="line 2, field hscode"):
        load_nomenclature(conn, bad_code)
    assert nomenclature_status(conn)[0] == 6939


def test_download_from_loopback(server: tuple[str, Path], tmp_path: Path) -> None:
    good_url, broken_url = server
    path = download_nomenclature(tmp_path / "data", good_url)
    assert path.name == "harmonized-system.csv" and path.stat().st_size > 500_000
    with pytest.raises(InputError, match="only 1 codes"):
        download_nomenclature(tmp_path / "other", str(broken_url).replace("http:/", "http://"))
    assert not (tmp_path / "other" / "harmonized-system.csv").exists()
    with pytest.raises(InputError, match="download failed"):
        download_nomenclature(tmp_path / "missing", good_url + "nowhere/")


def test_cli_update_load_status_and_hs(
    cordon_home: Path, server: tuple[str, Path], hs_csv: Path
) -> None:
    runner = CliRunner()
    good_url, _ = server
    result = runner.invoke(app, ["data", "update", "--base-url", good_url, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "source": good_url + "harmonized-system.csv",
        "codes": 6939,
        "subheadings": 5613,
    }
    assert (cordon_home / "data" / "hs" / "harmonized-system.csv").is_file()
    result = runner.invoke(app, ["data", "load", str(hs_csv), "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["codes"] == 6939
    status = json.loads(runner.invoke(app, ["data", "status", "--json"]).output)
    assert status["codes"] == 6939 and status["source"] == str(hs_csv)
    result = runner.invoke(app, ["hs", "9503.00.9000", "-d", "microcontroller STM32", "--json"])
    classified = json.loads(result.output)
    assert classified["hs6"] == "950300" and classified["chpl_tier"] is None
    assert classified["description"].startswith("Tricycles, scooters")
    assert "integrated circuits" in classified["description_conflict"]
    result = runner.invoke(app, ["hs", "8526.91", "--json"])
    assert (
        json.loads(result.output)["chpl_tier"] == "2"
        and json.loads(result.output)["category"] == "navigation"
    )


def test_cli_load_of_a_missing_file_fails_clearly(cordon_home: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["data", "load", str(tmp_path / "none.csv")])
    assert result.exit_code == 1 and "none.csv" in result.output
