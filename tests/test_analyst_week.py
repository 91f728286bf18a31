"""docs/analyst-week.md runs as written: every ``cordon`` line of its bash blocks, in order.

The page's commands are run from a folder laid out like the repository's root (``tests`` and
``docs`` beside ``../shared/data``), with a fresh CORDON_HOME; ``RUN`` is the run id the first
``cordon screen`` printed. ``cordon lists update`` downloads from the publishers and is left out
here (tests/lists/test_update.py runs it against a loopback mirror).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cordon.cli import app
from tests.conftest import REPO_ROOT, SHARED_DATA

DOC = REPO_ROOT / "docs" / "analyst-week.md"
NOT_RUN = {"cordon lists update"}  # network: see the module docstring


def documented_commands() -> list[str]:
    """The ``cordon`` lines of the page's bash blocks, comments cut, in order."""
    blocks = re.findall(r"```bash\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("cordon ")]


def test_the_week_runs_as_documented(
    tmp_path: Path, cordon_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("tests", "docs"):
        (root / name).symlink_to(REPO_ROOT / name)
    (tmp_path / "shared").symlink_to(SHARED_DATA.parent)
    monkeypatch.chdir(root)
    commands = documented_commands()
    assert len(commands) >= 14 and "cordon rescreen --out week/fri/" in commands
    assert set(commands) >= NOT_RUN
    runner = CliRunner()
    run_id = None
    outputs: dict[str, str] = {}
    for command in commands:
        if command in NOT_RUN:
            continue
        if "RUN" in command.split():
            assert run_id is not None, f"{command}: no run screened before it"
        args = [run_id if word == "RUN" else word for word in shlex.split(command)[1:]]
        result = runner.invoke(app, args, env={"COLUMNS": "200", "NO_COLOR": "1"})
        assert result.exit_code == 0, f"{command}\n{result.output}"
        outputs[command] = result.output
        if run_id is None and args[0] == "screen":
            found = re.search(r"Screening run (\S+)", result.output)
            assert found, result.output
            run_id = found.group(1)

    # Tuesday: the ДТ import extract's destination was assumed RU and Russia-bound flags fired
    alerts = [json.loads(x) for x in (root / "week/tue/alerts.jsonl").read_text().splitlines()]
    assert alerts and all(a.get("assumed") == {"destination_country": "RU"} for a in alerts)
    assert any(r.get("kind") == "red_flag" for a in alerts for r in a["reasons"])
    # Thursday's update adds one designation; Friday finds exactly that party's shipments
    friday = [json.loads(x) for x in (root / "week/fri/alerts.jsonl").read_text().splitlines()]
    assert friday and {a["reasons"][0]["list"] for a in friday} == {"week_list"}
    assert "≈ SHENZHEN HUAXIN ELECTRONICS CO., LTD. (week_list 3" in outputs[
        "cordon rescreen --out week/fri/"]  # fmt: skip
    linked = (root / "week/report-linked.html").read_text(encoding="utf-8")
    assert 'href="http://127.0.0.1:8000/ui/party?name=' in linked
    assert "/ui/party" not in (root / "week/report.html").read_text(encoding="utf-8")
    assert (root / "week/top_exporters.csv").is_file()
