"""The `cordon lists` commands driven through the real CLI."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

from typer.testing import CliRunner

from cordon.cli import app

runner = CliRunner()


def test_load_show_json_and_unchanged(cordon_home: Path, fixtures_dir: Path) -> None:
    ofac = str(fixtures_dir / "lists" / "ofac_small")
    first = runner.invoke(app, ["lists", "load", "--dataset", "us_ofac_sdn", ofac])
    assert first.exit_code == 0, first.output
    assert "10 entities" in first.output
    again = runner.invoke(app, ["lists", "load", "--dataset", "us_ofac_sdn", ofac])
    assert "unchanged" in again.output
    shown = runner.invoke(app, ["lists", "show", "--json"])
    data = json.loads(shown.stdout)
    assert [(d["dataset"], d["entity_count"], d["name_count"]) for d in data] == [
        ("us_ofac_sdn", 10, 16)
    ]
    table = runner.invoke(app, ["lists", "show"])
    assert "us_ofac_sdn" in table.output


def test_ftm_load_takes_dataset_from_file(cordon_home: Path, fixtures_dir: Path) -> None:
    result = runner.invoke(app, ["lists", "load", str(fixtures_dir / "lists" / "ftm_small.jsonl")])
    assert result.exit_code == 0, result.output
    assert "example_dataset" in result.output


def test_refused_load_exits_1_with_file_and_problem(cordon_home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "consolidated.xml"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["lists", "load", "-d", "un_sc_sanctions", str(empty)])
    assert result.exit_code == 1
    assert "consolidated.xml: file is empty" in result.output.replace("\n", "")


def test_export_and_diff_commands(cordon_home: Path, fixtures_dir: Path, tmp_path: Path) -> None:
    runner.invoke(
        app,
        ["lists", "load", "-d", "un_sc_sanctions", str(fixtures_dir / "lists" / "un_small.xml")],
    )
    out = tmp_path / "un.jsonl"
    exported = runner.invoke(
        app, ["lists", "export", "un_sc_sanctions", "--format", "ftm", "--out", str(out)]
    )
    assert exported.exit_code == 0, exported.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    bad_format = runner.invoke(app, ["lists", "export", "un_sc_sanctions", "--format", "csv"])
    assert bad_format.exit_code == 1
    diff = runner.invoke(app, ["lists", "diff", "un_sc_sanctions"])
    assert diff.exit_code == 1
    assert "only one version loaded" in diff.output.replace("\n", " ")


def test_update_offline_exits_1_and_says_why(cordon_home: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    result = runner.invoke(
        app, ["lists", "update", "un_sc_sanctions", "--mirror", f"http://127.0.0.1:{closed}"]
    )
    assert result.exit_code == 1
    text = result.output.replace("\n", " ")
    assert "un_sc_sanctions: not updated" in text
    assert "cannot reach the publisher" in text


def test_diff_command_lists_added_designations(
    cordon_home: Path, fixtures_dir: Path, tmp_path: Path
) -> None:
    ofac = Path(shutil.copytree(fixtures_dir / "lists" / "ofac_small", tmp_path / "ofac"))
    runner.invoke(app, ["lists", "load", "-d", "us_ofac_sdn", str(ofac)])
    sdn = ofac / "sdn.csv"
    sdn.write_text(
        sdn.read_text(encoding="utf-8").replace("KAMA DRONE SYSTEMS", "KAMA UAV SYSTEMS"),
        encoding="utf-8",
    )
    runner.invoke(app, ["lists", "load", "-d", "us_ofac_sdn", str(ofac)])
    table = runner.invoke(app, ["lists", "diff", "us_ofac_sdn"])
    assert table.exit_code == 0, table.output
    assert "0 added, 0 removed, 1 changed" in " ".join(table.output.split())
    data = json.loads(runner.invoke(app, ["lists", "diff", "us_ofac_sdn", "--json"]).stdout)
    assert data["changed"][0]["changes"]["name"] == {
        "added": ["KAMA UAV SYSTEMS"],
        "removed": ["KAMA DRONE SYSTEMS"],
    }


def test_load_without_dataset_needs_ftm_input(cordon_home: Path, fixtures_dir: Path) -> None:
    result = runner.invoke(app, ["lists", "load", str(fixtures_dir / "lists" / "dpl_small.txt")])
    assert result.exit_code == 1
    assert "give --dataset (us_ofac_sdn," in " ".join(result.output.split())
