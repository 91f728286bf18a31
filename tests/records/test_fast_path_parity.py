"""The CSV fast path (pyarrow on whole blocks, values validated once per distinct value) reads
exactly what the careful row-by-row path reads: same records, same rejects, same lines."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from cordon.demo import generate_demo_dataset
from cordon.records import csv_reader
from cordon.records.csv_reader import _fast_path_applies
from tests.records.helpers import read_all

# Damage done to some demo rows: values each field check rejects, and rows of the wrong width.
DAMAGE = (
    ("hs_code", ["", "x123", "1", "12345678901"]),
    ("hs_code", ["85.17-12/00", "8471 30 0000"]),  # separators: accepted, digits kept
    ("importer_tax_id", ["ИНН: 7701234567", "abc", "x" * 40, "ИНН"]),
    ("exporter_name", ["W" * 101, "Acme  \t Corp", "B " * 600]),
    ("description", ["d" * 10_001, "ж" * 10_001, "d" * 10_000]),
    ("date", ["2024-13-45", "not a date"]),
    ("value", ["-5", "1,234.5", "12,5", "abc"]),
)


def _damaged_demo(path: Path, dialect: str) -> Path:
    generate_demo_dataset(path, rows=3000, seed=3, dialect=dialect)  # type: ignore[arg-type]
    delimiter = ";" if dialect == "ru" else ","
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    header = rows[0]
    rng = random.Random(5)
    for index in rng.sample(range(1, len(rows)), 300):
        if rng.random() < 0.1:
            rows[index] = rows[index][:3]  # too few fields
            continue
        name, values = rng.choice(DAMAGE)
        if name in header:
            rows[index][header.index(name)] = rng.choice(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return path


@pytest.mark.parametrize(
    ("dialect", "rejected_fields"),
    [
        ("en", {"row", "hs_code", "importer_tax_id", "exporter_name", "date", "value"}),
        ("ru", {"row"}),  # Russian headers: only the rows of the wrong width
    ],
)
def test_fast_path_reads_what_the_careful_path_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialect: str, rejected_fields: set[str]
) -> None:
    path = _damaged_demo(tmp_path / "customs.csv", dialect)
    fast_table, fast_rejects, fast_rows = read_all(path, batch_size=700)
    assert _fast_path_applies(path.read_bytes().split(b"\n", 1)[1])
    monkeypatch.setattr(csv_reader, "_fast_path_applies", lambda data: False)
    careful_table, careful_rejects, careful_rows = read_all(path, batch_size=700)
    assert fast_rows == careful_rows == 3000
    assert {reject.field for reject in fast_rejects} == rejected_fields
    assert fast_rejects == careful_rejects
    assert fast_table.equals(careful_table)


@pytest.mark.parametrize(
    ("block", "applies"),
    [
        (b"a,b\r\nc,d\r\n", True),
        (b"a,b\rc,d\n", False),  # a bare carriage return
        (b"a,b\r", False),
        (b'a,"b\nc"\n', False),  # a record over two lines
        (b'a,"b,c"\n', True),
        ("a,ж\n".encode(), True),
        (b"a,\xff\n", False),  # not UTF-8
        (b"a,\xed\xa0\x80\n", False),  # an encoded surrogate
        (b"a,\xc0\xaf\n", False),  # an overlong encoding
    ],
)
def test_fast_path_applies_only_to_one_line_records_of_valid_utf8(
    block: bytes, applies: bool
) -> None:
    assert _fast_path_applies(block) is applies
