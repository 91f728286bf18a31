"""Attacks on name matching: invisible characters, giant words, poisoned or damaged index files,
a full disk. Each test reproduces the failure on the real code path, then checks the defence."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import logging
import os
import pickle
import resource
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from cordon.config import get_settings
from cordon.names.index import INDEX_FORMAT, NameIndex, listed_entity
from cordon.names.index_file import MAGIC
from cordon.names.matcher import Matcher
from cordon.names.model import Query
from cordon.names.normalize import normalize_name
from cordon.store import connect
from tests.security.conftest import can_mount_small_disk, run_cordon

EVASIVE = "ROSO\u00adBORON\u200bEXPORT"  # soft hyphen, zero-width space


def _listed(name: str) -> Matcher:
    props = {"name": [name], "country": ["ru"]}
    return Matcher.from_entities(
        [{"id": "t-1", "schema": "Company", "properties": props, "datasets": ["t"]}]
    )


def test_invisible_characters_vanish_instead_of_splitting_words() -> None:
    plain = normalize_name("ROSOBORONEXPORT")
    for text in (EVASIVE, "ROSO\u2060BORON\u200dEXPORT", "\u202eROSOBORONEXPORT\ufeff"):
        found = normalize_name(text)
        assert found.words == plain.words and found.invisible >= 2


def test_invisible_characters_do_not_hide_a_listed_party() -> None:
    top = _listed("ROSOBORONEXPORT").match(Query(names=(EVASIVE,), schema="Company"), limit=1)
    assert top and top[0].score == pytest.approx(1.0)
    assert "invisible_characters_removed" in top[0].explanation


def test_giant_single_word_is_bounded_in_time_and_memory() -> None:
    matcher = _listed("ROSOBORONEXPORT")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    for length in (60_000, 200_000):
        matcher.match(Query(names=("A" * length,), schema="Company"), limit=1)
        matcher.index.key_matches("b" * length, word="b" * length)  # past normalize's cap
    assert time.monotonic() - started < 5
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 200


def test_list_entry_with_a_megabyte_word_does_not_hang_later_matches() -> None:
    started = time.monotonic()
    props = {"name": ["Z" * 1_000_000], "alias": ["ROSOBORONEXPORT"]}
    entity = listed_entity("t", "t-1", "1", "Company", "giant", props)
    index = NameIndex.build([(entity, props)], {"t": "v"})
    matcher = Matcher(index)
    top = matcher.match(Query(names=("ROSOBORONEKSPORT",), schema="Company"), limit=1)
    assert top and top[0].score > 0.8
    assert time.monotonic() - started < 5


class _Exploit:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_in_the_index_directory_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    path = tmp_path / "names.index"
    path.write_bytes(pickle.dumps((INDEX_FORMAT, _Exploit(marker))))
    assert NameIndex.load(path) is None
    # a well-formed header and checksum around an object (pickled) array: refused as well
    buffer = io.BytesIO()
    np.save(buffer, np.array([_Exploit(marker)], dtype=object), allow_pickle=True)

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("__meta__.npy", buffer.getvalue())
    payload = archive.getvalue()
    header = {"format": INDEX_FORMAT, "sha256": hashlib.sha256(payload).hexdigest()}
    header["length"] = len(payload)
    path.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + payload)
    assert NameIndex.load(path) is None
    assert not marker.exists()


def _saved(tmp_path: Path) -> tuple[NameIndex, Path]:
    index = _listed("ROSOBORONEXPORT").index
    path = tmp_path / "names.index"
    index.save(path)
    return index, path


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty"])
def test_damaged_index_file_is_detected_and_removed(tmp_path: Path, damage: str) -> None:
    _, path = _saved(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[-100] ^= 0xFF
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    assert NameIndex.load(path) is None
    assert not path.exists()


def test_truncated_index_is_rebuilt_by_the_real_cli(sample_home: Path) -> None:
    first = run_cordon("match", "ROSOBORONEXPORT", "--json", home=sample_home)
    assert first.returncode == 0, first.stderr
    (path,) = get_settings().index_dir.glob("names-*.index")
    path.write_bytes(path.read_bytes()[:1000])
    again = run_cordon("match", "ROSOBORONEXPORT", "--json", home=sample_home)
    assert again.returncode == 0 and "Traceback" not in again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert NameIndex.load(path) is not None  # rebuilt and written whole


def test_full_disk_leaves_matching_working(
    sample_home: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    index_dir = get_settings().index_dir
    if can_mount_small_disk():  # a real full tmpfs under the index directory
        result = run_cordon(
            "match", "ROSOBORONEXPORT", "--json", home=sample_home, small_disk=index_dir
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert json.loads(result.stdout)[0]["score"] > 0.9
        assert "not cached" in result.stderr
    # and in-process, with ENOSPC injected where the file is made durable

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("cordon.names.index_file.os.fsync", no_space)
    conn = connect()
    with caplog.at_level(logging.WARNING):
        matcher = Matcher.for_store(conn)
    conn.close()
    assert matcher.match(Query(names=("ROSOBORONEXPORT",)), limit=1)[0].score > 0.9
    assert "not cached" in caplog.text
    assert list(index_dir.glob("*")) == []  # no partial file, no temporary left
