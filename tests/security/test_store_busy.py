"""A second process on the store: while another process holds it (as `cordon serve` does),
every command answers one clear line naming the holder, never a DuckDB lock traceback."""

from __future__ import annotations

from pathlib import Path

from tests.cli_process import store_held
from tests.security.conftest import run_cordon

COMMANDS = [
    ("lists", "show"),
    ("match", "ROSOBORONEXPORT"),
    ("export", "run1", "--table", "alerts"),
]


def test_every_command_explains_a_busy_store_in_one_line(sample_home: Path, tmp_path: Path) -> None:
    records = tmp_path / "in.csv"
    records.write_text("exporter_name,importer_name\nA,B\n", encoding="utf-8")
    with store_held(sample_home / "cordon.duckdb") as holder:
        for command in [*COMMANDS, ("screen", str(records), "--out", str(tmp_path / "out"))]:
            result = run_cordon(*command, home=sample_home)
            assert result.returncode == 1, (command, result.stderr)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1, (command, result.stderr)
            assert f"in use by process {holder}" in lines[0]
            assert "Traceback" not in result.stderr + result.stdout
