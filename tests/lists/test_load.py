"""Versioned loading: atomic swap, shrink guard, unchanged checksum, and refusal of broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from cordon.lists import load
from cordon.lists.errors import ListLoadError
from cordon.lists.load import load_dataset
from cordon.store import connect


@pytest.fixture()
def conn(cordon_home: Path) -> duckdb.DuckDBPyConnection:
    return connect()


@pytest.fixture()
def ofac_dir(fixtures_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of the small OFAC fixture (10 entries)."""
    return Path(shutil.copytree(fixtures_dir / "lists" / "ofac_small", tmp_path / "ofac"))


def _active(conn: duckdb.DuckDBPyConnection, dataset: str) -> list[tuple[str, int]]:
    return conn.execute(
        "SELECT version, entity_count FROM list_versions WHERE dataset = ? AND active", [dataset]
    ).fetchall()


def _drop_rows(sdn: Path, keep: int) -> None:
    lines = sdn.read_text(encoding="utf-8").splitlines(keepends=True)
    sdn.write_text("".join(lines[:keep]), encoding="utf-8")


def test_load_records_version_counts_and_rows(
    conn: duckdb.DuckDBPyConnection, ofac_dir: Path
) -> None:
    result = load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    assert (result.entity_count, result.link_count) == (10, 4)
    assert result.published_at is None
    assert _active(conn, "us_ofac_sdn") == [(result.version, 10)]
    stored = conn.execute(
        "SELECT count(*) FROM entities WHERE dataset = 'us_ofac_sdn' AND version = ?",
        [result.version],
    ).fetchone()
    assert stored == (14,)
    names = conn.execute(
        "SELECT prop, count(*) FROM names WHERE version = ? GROUP BY prop ORDER BY prop",
        [result.version],
    ).fetchall()
    assert dict(names) == {"alias": 4, "name": 10, "previousName": 2}
    assert result.name_count == 16
    row = conn.execute("SELECT source_id FROM entities WHERE id = 'us_ofac_sdn-101'").fetchone()
    assert row == ("101",)


def test_same_checksum_makes_no_new_version(
    conn: duckdb.DuckDBPyConnection, ofac_dir: Path
) -> None:
    first = load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    again = load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    assert again.unchanged and again.version == first.version
    assert again.link_count == 4
    assert conn.execute("SELECT count(*) FROM list_versions").fetchone() == (1,)


def test_new_version_replaces_old_atomically(
    conn: duckdb.DuckDBPyConnection, ofac_dir: Path
) -> None:
    first = load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    (ofac_dir / "sdn.csv").write_text(
        (ofac_dir / "sdn.csv").read_text(encoding="utf-8").replace("KAMA DRONE", "KAMA UAV"),
        encoding="utf-8",
    )
    second = load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    assert second.previous_version == first.version
    assert _active(conn, "us_ofac_sdn") == [(second.version, 10)]
    versions = conn.execute(
        "SELECT count(*) FROM list_versions WHERE dataset = 'us_ofac_sdn'"
    ).fetchone()
    assert versions == (2,)


def test_shrink_over_ten_percent_is_refused_unless_forced(
    conn: duckdb.DuckDBPyConnection, ofac_dir: Path
) -> None:
    first = load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    _drop_rows(ofac_dir / "sdn.csv", 8)  # 10 -> 8 entries: 20% fewer
    (ofac_dir / "sdn_comments.csv").unlink()
    (ofac_dir / "add.csv").write_text(
        '101,8001,"12 Example ul.","Moscow","Russia",-0- \r\n', encoding="utf-8"
    )
    with pytest.raises(ListLoadError, match=r"would shrink from 10 to 8 entities \(20% fewer"):
        load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    assert _active(conn, "us_ofac_sdn") == [(first.version, 10)]
    forced = load_dataset(conn, "us_ofac_sdn", [ofac_dir], force=True)
    assert _active(conn, "us_ofac_sdn") == [(forced.version, 8)]


def test_failure_during_insertion_keeps_previous_version(
    conn: duckdb.DuckDBPyConnection, ofac_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    (ofac_dir / "sdn.csv").write_text(
        (ofac_dir / "sdn.csv").read_text(encoding="utf-8").replace("ALTAI", "ALTAY"),
        encoding="utf-8",
    )

    def explode(*_args: object) -> None:
        raise RuntimeError("disk full (simulated) after the entities were inserted")

    monkeypatch.setattr(load, "_insert_names", explode)
    with pytest.raises(RuntimeError, match="simulated"):
        load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    assert _active(conn, "us_ofac_sdn") == [(first.version, 10)]
    assert conn.execute("SELECT count(DISTINCT version) FROM entities").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM list_versions").fetchone() == (1,)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"   \r\n", "file is empty"),
        ('101,"ACME",-0- ,"X"'.encode("utf-16"), "UTF-16 encoded"),
        (bytes(range(256)) * 4, "NUL bytes"),
        ('101,"CAF\xc9",-0- ,"X"'.encode("latin-1"), "not valid UTF-8"),
        (b'101,"ACME LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 19', "malformed CSV"),
    ],
    ids=["empty", "blank", "utf16", "binary", "latin1", "truncated"],
)
def test_broken_csv_is_refused_and_previous_version_stays(
    conn: duckdb.DuckDBPyConnection, ofac_dir: Path, content: bytes, problem: str
) -> None:
    first = load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    (ofac_dir / "sdn.csv").write_bytes(content)
    with pytest.raises(ListLoadError, match=problem) as info:
        load_dataset(conn, "us_ofac_sdn", [ofac_dir])
    assert "sdn.csv" in str(info.value)
    assert _active(conn, "us_ofac_sdn") == [(first.version, 10)]


@pytest.mark.parametrize(
    ("cut", "problem"),
    [
        (lambda xml: xml[: len(xml) // 2], "invalid XML"),
        (lambda xml: xml.replace("</INDIVIDUAL>", "</INDIVIDUL>", 1), "invalid XML"),
        (lambda xml: xml.replace("ALI", "AL\udcc9", 1), "Invalid bytes in character encoding"),
        (lambda xml: "", "file is empty"),
    ],
    ids=["truncated", "corrupt", "bad-encoding", "empty"],
)
def test_broken_xml_is_refused_and_previous_version_stays(
    conn: duckdb.DuckDBPyConnection, fixtures_dir: Path, tmp_path: Path, cut, problem: str
) -> None:
    good = fixtures_dir / "lists" / "un_small.xml"
    first = load_dataset(conn, "un_sc_sanctions", [good])
    assert first.published_at is not None and first.published_at.year == 2026
    broken = tmp_path / "consolidated.xml"
    broken.write_bytes(cut(good.read_text(encoding="utf-8")).encode("utf-8", "surrogateescape"))
    with pytest.raises(ListLoadError, match=problem) as info:
        load_dataset(conn, "un_sc_sanctions", [broken])
    assert "consolidated.xml" in str(info.value)
    assert _active(conn, "un_sc_sanctions") == [(first.version, 3)]


def test_file_with_no_entities_is_refused(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>", encoding="utf-8"
    )
    with pytest.raises(ListLoadError, match="no listed entities found"):
        load_dataset(conn, "un_sc_sanctions", [path])
    assert conn.execute("SELECT count(*) FROM list_versions").fetchone() == (0,)


def test_missing_path_is_refused(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    with pytest.raises(ListLoadError, match="no such file or directory"):
        load_dataset(conn, "us_ofac_sdn", [tmp_path / "nope"])


def test_ftm_export_of_a_registered_dataset_loads_with_the_ftm_parser(
    conn: duckdb.DuckDBPyConnection, fixtures_dir: Path
) -> None:
    result = load_dataset(conn, "us_ofac_sdn", [fixtures_dir / "lists" / "ftm_small.jsonl"])
    assert result.entity_count == 2  # Company + Person; the Ownership is a relation
    assert result.link_count == 1


def test_only_the_newest_versions_are_kept(
    conn: duckdb.DuckDBPyConnection, ofac_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "KEEP_VERSIONS", 2)
    sdn = ofac_dir / "sdn.csv"
    versions = []
    for name in ("ALTAI OPTICS", "ALTAY OPTICS", "ALTAJ OPTICS"):
        sdn.write_text(
            sdn.read_text(encoding="utf-8").replace("ALTA", name[:5], 1), encoding="utf-8"
        )
        versions.append(load_dataset(conn, "us_ofac_sdn", [ofac_dir]).version)
    kept = conn.execute("SELECT version FROM list_versions ORDER BY loaded_at, version").fetchall()
    assert [v for (v,) in kept] == versions[1:]
    stored = conn.execute("SELECT DISTINCT version FROM entities ORDER BY version").fetchall()
    assert [v for (v,) in stored] == sorted(versions[1:])
    assert conn.execute(
        "SELECT count(*) FROM names WHERE version = ?", [versions[0]]
    ).fetchone() == (0,)
