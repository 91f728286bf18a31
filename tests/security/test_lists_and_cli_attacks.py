"""Lists and CLI hardening: a full disk during a list load, DTDs, hostile dataset names and
terminal escapes in file names."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

from cordon.lists.errors import ListLoadError
from cordon.lists.load import load_dataset
from cordon.store import connect
from tests.security.conftest import CORDON, can_mount_small_disk, run_cordon

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "cordon" / "data" / "sample_list.ftm.jsonl"


def test_full_disk_during_a_list_load_says_so_and_keeps_the_old_version(
    cordon_home: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: "cannot rollback - no transaction is active" hid the cause."""
    if can_mount_small_disk():  # a real 3 MiB tmpfs as CORDON_HOME
        script = (
            f'mount -t tmpfs -o size=3m tmpfs "{cordon_home}" && '
            f'"{CORDON}" lists load "{SAMPLE}" >/dev/null && '
            f'"{CORDON}" lists load --dataset us_ofac_sdn "{shared_data / "ofac"}"; '
            f'echo "rc=$?"; "{CORDON}" lists show --json'
        )
        result = subprocess.run(
            ["unshare", "-rm", "sh", "-c", script],
            capture_output=True,
            text=True,
            timeout=300,
            env={"CORDON_HOME": str(cordon_home), "PATH": "/usr/bin:/bin"},
            check=False,
        )
        assert "rc=1" in result.stdout, result.stdout + result.stderr
        assert "No space left on device" in result.stderr
        assert "the previous version stays active" in result.stderr
        assert "cannot rollback" not in result.stderr and "Traceback" not in result.stderr
        assert '"cordon_sample"' in result.stdout and "us_ofac_sdn" not in result.stdout
        return
    # no mount namespace here: the same failure injected inside the load's transaction
    conn = connect()
    load_dataset(conn, "cordon_sample", [SAMPLE])

    def full_disk(*_: object) -> None:
        raise duckdb.IOException('Could not write file "x.wal": No space left on device')

    monkeypatch.setattr("cordon.lists.load._prune", full_disk)
    with pytest.raises(ListLoadError, match="No space left on device"):
        load_dataset(conn, "us_ofac_sdn", [shared_data / "ofac"])
    active = conn.execute("SELECT dataset FROM list_versions WHERE active").fetchall()
    assert active == [("cordon_sample",)]
    conn.close()


def test_list_file_with_a_dtd_is_refused(cordon_home: Path, tmp_path: Path) -> None:
    """Before: an undefined or internal entity silently dropped the text it stood for."""
    path = tmp_path / "un.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY n "IVAN">]>\n'
        '<CONSOLIDATED_LIST dateGenerated="2024-01-01T00:00:00"><INDIVIDUALS><INDIVIDUAL>'
        "<DATAID>1</DATAID><FIRST_NAME>&n;</FIRST_NAME><SECOND_NAME>PETROV</SECOND_NAME>"
        "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS>"
        "</CONSOLIDATED_LIST>\n",
        encoding="utf-8",
    )
    conn = connect()
    with pytest.raises(ListLoadError, match="declares a DTD"):
        load_dataset(conn, "un_sc_sanctions", [path])
    conn.close()


@pytest.mark.parametrize("name", ["../../etc", "US_OFAC", "a/b", "x" * 65, ""])
def test_hostile_dataset_names_are_refused(cordon_home: Path, name: str) -> None:
    conn = connect()
    with pytest.raises(ListLoadError, match="invalid dataset name"):
        load_dataset(conn, name, [SAMPLE])
    conn.close()


def test_terminal_escapes_in_file_names_are_shown_escaped(
    sample_home: Path, tmp_path: Path
) -> None:
    hostile = tmp_path / "\x1b]0;owned\x07\x1b[2J\u202eevil.csv"
    hostile.write_bytes(b"")
    result = run_cordon("screen", str(hostile), "--out", str(tmp_path / "o"), home=sample_home)
    assert result.returncode == 2, result.stderr
    assert "\x1b" not in result.stderr + result.stdout and "\u202e" not in result.stderr
    assert "\\x1b]0;owned\\x07\\x1b[2J\\u202eevil.csv" in result.stderr
    bad_name = run_cordon("lists", "load", "--dataset", "../../etc", str(SAMPLE), home=sample_home)
    assert bad_name.returncode == 1 and "invalid dataset name" in bad_name.stderr


def test_garbled_publication_date_is_a_clear_refusal(cordon_home: Path, tmp_path: Path) -> None:
    """Found by bench_fuzz.py: a mutated ``dateGenerated`` escaped as a ValueError traceback."""
    from tests.security.fuzzing import list_seeds

    _, _, seed = list_seeds()["un"]
    garbled = seed.replace(b'dateGenerated="2026-02-27T', b'dateGenerated="2026-02-27 T', 1)
    assert garbled != seed
    path = tmp_path / "consolidated.xml"
    path.write_bytes(garbled)
    conn = connect()
    with pytest.raises(ListLoadError, match="dateGenerated is not a timestamp"):
        load_dataset(conn, "un_sc_sanctions", [path])
    conn.close()
