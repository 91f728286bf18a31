"""The real SDN and UN files loaded through the CLI into one store (once for the module)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cordon.cli import app
from cordon.store import connect

runner = CliRunner()


@pytest.fixture(scope="module")
def real_home(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A CORDON_HOME holding the real OFAC SDN and UN lists, loaded with `cordon lists load`."""
    home = tmp_path_factory.mktemp("real-lists")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CORDON_HOME", str(home))
        for dataset, path in (("us_ofac_sdn", "ofac"), ("un_sc_sanctions", "un/consolidated.xml")):
            result = runner.invoke(
                app, ["lists", "load", "--dataset", dataset, str(shared_data / path)]
            )
            assert result.exit_code == 0, result.output
        yield home


def test_show_json_reports_real_counts(real_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORDON_HOME", str(real_home))
    shown = json.loads(runner.invoke(app, ["lists", "show", "--json"]).stdout)
    counts = {d["dataset"]: d["entity_count"] for d in shown}
    assert counts == {"un_sc_sanctions": 1003, "us_ofac_sdn": 8976}
    un = next(d for d in shown if d["dataset"] == "un_sc_sanctions")
    assert un["published_at"] == "2026-02-27T00:00:09.554000"
    assert all(len(d["checksum"]) == 64 and d["name_count"] > d["entity_count"] for d in shown)


def test_aliases_and_addresses_of_alt_and_add_are_stored(real_home: Path) -> None:
    conn = connect(real_home / "cordon.duckdb", read_only=True)
    names = {
        row[0]
        for row in conn.execute(
            "SELECT n.name FROM names n JOIN list_versions v USING (dataset, version) "
            "WHERE v.active AND n.entity_id = 'us_ofac_sdn-18782'"
        ).fetchall()
    }
    assert {"ROSOBORONEKSPORT OAO", "ROSOBORONEXPORT JSC", "OJSC ROSOBORONEXPORT"} <= names
    row = conn.execute(
        "SELECT e.properties FROM entities e JOIN list_versions v USING (dataset, version) "
        "WHERE v.active AND e.id = 'us_ofac_sdn-18782'"
    ).fetchone()
    assert row is not None
    assert json.loads(row[0])["address"] == ["27 Stromynka ul., Moscow 107076, Russia"]
    links = conn.execute("SELECT count(*) FROM entities WHERE schema = 'UnknownLink'").fetchone()
    assert links is not None and links[0] > 3000
    conn.close()


def test_un_reference_numbers_are_source_ids(real_home: Path) -> None:
    conn = connect(real_home / "cordon.duckdb", read_only=True)
    row = conn.execute(
        "SELECT source_id, schema FROM entities WHERE id = 'un_sc_sanctions-QDi.001'"
    ).fetchone()
    assert row == ("QDi.001", "Person")
    conn.close()
