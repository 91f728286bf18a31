"""Diffs between list versions and FtM export of a stored version."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from cordon.lists.diff import diff_versions
from cordon.lists.errors import ListLoadError
from cordon.lists.export import export_ftm
from cordon.lists.load import load_dataset
from cordon.store import connect


@pytest.fixture()
def two_versions(
    cordon_home: Path, fixtures_dir: Path, tmp_path: Path
) -> tuple[duckdb.DuckDBPyConnection, str, str]:
    """The small OFAC fixture, then a version with one entry removed, one added, one changed."""
    conn = connect()
    folder = Path(shutil.copytree(fixtures_dir / "lists" / "ofac_small", tmp_path / "ofac"))
    old = load_dataset(conn, "us_ofac_sdn", [folder]).version
    sdn = folder / "sdn.csv"
    lines = sdn.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith("109,")]  # removed
    lines = [
        line.replace("citizen Russia; ", "citizen Russia; nationality Belarus; ") for line in lines
    ]
    lines.insert(
        -1,
        '111,"NEW FRONT COMPONENTS OOO",-0- ,"RUSSIA-EO14024",' + "-0- ," * 7 + "-0- \r\n",
    )
    sdn.write_text("".join(lines), encoding="utf-8")
    new = load_dataset(conn, "us_ofac_sdn", [folder]).version
    return conn, old, new


def test_default_diff_is_previous_against_active(
    two_versions: tuple[duckdb.DuckDBPyConnection, str, str],
) -> None:
    conn, old, new = two_versions
    result = diff_versions(conn, "us_ofac_sdn")
    assert (result.old_version, result.new_version) == (old, new)
    assert [r.source_id for r in result.added] == ["111"]
    assert [r.caption for r in result.removed] == ["VOLGA TURBINE PARTS"]
    assert len(result.changed) == 1
    change = result.changed[0]
    assert change.entity.source_id == "107"
    assert change.changes == {"nationality": {"added": ["by"], "removed": []}}
    assert json.loads(json.dumps(result.to_json()))["added"][0]["id"] == "us_ofac_sdn-111"


def test_explicit_versions_can_be_reversed(
    two_versions: tuple[duckdb.DuckDBPyConnection, str, str],
) -> None:
    conn, old, new = two_versions
    result = diff_versions(conn, "us_ofac_sdn", new, old)
    assert [r.source_id for r in result.added] == ["109"]
    assert [r.source_id for r in result.removed] == ["111"]


def test_diff_errors(two_versions: tuple[duckdb.DuckDBPyConnection, str, str]) -> None:
    conn, old, _new = two_versions
    with pytest.raises(ListLoadError, match="no version 'nope'"):
        diff_versions(conn, "us_ofac_sdn", old, "nope")
    with pytest.raises(ListLoadError, match="dataset is not loaded"):
        diff_versions(conn, "eu_fsf")


def test_export_writes_active_version_as_ftm(
    two_versions: tuple[duckdb.DuckDBPyConnection, str, str],
) -> None:
    conn, old, _new = two_versions
    out = io.StringIO()
    count = export_ftm(conn, "us_ofac_sdn", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(records) == 14  # 10 listed + 4 links
    assert {r["schema"] for r in records} >= {"Company", "Person", "Vessel", "UnknownLink"}
    company = next(r for r in records if r["id"] == "us_ofac_sdn-101")
    assert company["properties"]["innCode"] == ["7718852163"]
    assert company["datasets"] == ["us_ofac_sdn"]
    older = io.StringIO()
    export_ftm(conn, "us_ofac_sdn", older, version=old)
    assert "VOLGA TURBINE PARTS" in older.getvalue()
    assert "VOLGA TURBINE PARTS" not in out.getvalue()


def test_export_round_trips_through_ftm_loader(
    two_versions: tuple[duckdb.DuckDBPyConnection, str, str], tmp_path: Path
) -> None:
    conn, _old, _new = two_versions
    path = tmp_path / "export.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        export_ftm(conn, "us_ofac_sdn", fh)
    reloaded = load_dataset(conn, "sdn_copy", [path])
    assert reloaded.entity_count == 10
    assert reloaded.link_count == 4
