"""The HS 2022 nomenclature in the store: load it from the datasets/harmonized-system CSV,
download it from its publisher, and describe codes.

The CSV has the columns ``section,hscode,description,parent,level`` (6,940 codes at levels
2, 4 and 6). Loading replaces the table's content in one transaction and refuses a file that
does not look like the nomenclature.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import httpx
import pyarrow as pa

from cordon.goods.hs import hs_digits
from cordon.records.errors import InputError
from cordon.store import registered

# The publisher's raw file (GitHub "datasets" organisation; also datahub.io/core/harmonized-system).
DEFAULT_BASE_URL = "https://raw.githubusercontent.com/datasets/harmonized-system/main/data/"
FILE_NAME = "harmonized-system.csv"
EXPECTED_COLUMNS = ("section", "hscode", "description", "parent", "level")
MIN_CODES = 5000  # a real HS 2022 file has 6,940 rows; fewer means a truncated download


@dataclass(frozen=True)
class LoadResult:
    """What ``load_nomenclature`` stored."""

    source: str
    codes: int
    subheadings: int  # level-6 codes


def read_nomenclature(path: Path) -> list[tuple[str, int, str, str, str]]:
    """Rows ``(hscode, level, parent, section, description)`` of the CSV; InputError if bad."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in EXPECTED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    path, f"not an HS nomenclature CSV: missing column(s) {', '.join(missing)}"
                )
            rows = []
            for line, row in enumerate(reader, start=2):
                code, level = row["hscode"].strip(), row["level"].strip()
                if code == "TOTAL":  # the file's root row ("all commodities")
                    continue
                if not code.isdigit() or level not in {"2", "4", "6"} or len(code) != int(level):
                    raise InputError(
                        path, f"bad code {code!r} at level {level!r}", line=line, field="hscode"
                    )
                rows.append(
                    (
                        code,
                        int(level),
                        row["parent"].strip(),
                        row["section"].strip(),
                        row["description"].strip(),
                    )
                )
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the nomenclature: {error}") from error
    if len(rows) < MIN_CODES:
        raise InputError(path, f"only {len(rows)} codes; the HS 2022 nomenclature has about 6,940")
    return rows


def load_nomenclature(
    conn: duckdb.DuckDBPyConnection, path: Path, source: str | None = None
) -> LoadResult:
    """Replace the stored nomenclature with the file's codes, atomically."""
    rows = read_nomenclature(path)
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    label = source or str(path)
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM hs_nomenclature")
        codes, levels, parents, sections, texts = (
            list(column) for column in zip(*rows, strict=True)
        )
        table = pa.table(
            {
                "hscode": codes, "level": pa.array(levels, pa.int32()), "parent": parents,
                "section": sections, "description": texts,
                "source": [label] * len(rows), "loaded_at": [loaded_at] * len(rows),
            }
        )  # fmt: skip
        with registered(conn, "hs_nomenclature_incoming", table):
            conn.execute("INSERT INTO hs_nomenclature SELECT * FROM hs_nomenclature_incoming")
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return LoadResult(label, len(rows), sum(1 for row in rows if row[1] == 6))


def download_nomenclature(
    target_dir: Path, base_url: str = DEFAULT_BASE_URL, timeout: float = 60.0
) -> Path:
    """Download the nomenclature CSV over HTTP(S) into ``target_dir``; returns the file path.

    The file is written under a temporary name and renamed only once complete and valid.
    """
    url = base_url.rstrip("/") + "/" + FILE_NAME
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / FILE_NAME
    partial = target.with_suffix(".part")
    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            response.raise_for_status()
            with partial.open("wb") as handle:
                for block in response.iter_bytes():
                    handle.write(block)
    except httpx.HTTPError as error:
        partial.unlink(missing_ok=True)
        raise InputError(url, f"download failed: {error}") from error
    try:
        read_nomenclature(partial)
    except InputError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def describe(conn: duckdb.DuckDBPyConnection, code: str | None) -> str | None:
    """The HS 2022 description of a code (6-digit subheading, 4-digit heading or chapter), or None.

    Longer national codes are described by their HS6 subheading.
    """
    digits = hs_digits(code)
    if digits is None:
        return None
    key = digits[:6] if len(digits) >= 6 else digits
    row = conn.execute("SELECT description FROM hs_nomenclature WHERE hscode = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def nomenclature_status(conn: duckdb.DuckDBPyConnection) -> tuple[int, str | None, datetime | None]:
    """``(codes, source, loaded_at)`` of the stored nomenclature; ``(0, None, None)`` when empty."""
    row = conn.execute(
        "SELECT count(*), any_value(source), max(loaded_at) FROM hs_nomenclature"
    ).fetchone()
    if row is None or not row[0]:
        return 0, None, None
    return int(row[0]), row[1], row[2]
