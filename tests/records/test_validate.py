"""Per-field policy: which garbage rejects a row (and names the field), which values become null."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cordon.records.rejects import REJECTS_HEADER, RejectsWriter
from cordon.records.schema import Reject
from tests.records.helpers import read_all

HEADER = (
    "id,date,exporter,exporter country,importer,importer tax id,hs code,description,"
    "origin country,value,currency,quantity,net weight"
)
GOOD = [
    "R1",
    "2024-01-02",
    "Acme",
    "CN",
    "OOO Vostok",
    "7701234567",
    "854231",
    "chips",
    "CN",
    "10",
    "USD",
    "5",
    "1,5",
]
FIELDS = HEADER.split(",")


def _write(path: Path, *rows: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        writer.writerows(rows)
    return path


def _read_with(tmp_path: Path, field: str, value: str) -> tuple[list[dict], list[Reject]]:
    row = list(GOOD)
    row[FIELDS.index(field)] = value
    table, rejects, rows = read_all(_write(tmp_path / "in.csv", GOOD, row))
    assert rows == 2
    return table.to_pylist(), rejects


@pytest.mark.parametrize(
    ("source", "field", "value", "reason"),
    [
        ("hs code", "hs_code", "", "missing HS code"),
        ("hs code", "hs_code", "85A231", "not an HS code (2 to 10 digits): '85A231'"),
        ("hs code", "hs_code", "85423100001", "not an HS code (2 to 10 digits): '85423100001'"),
        ("date", "date", "next week", "not a recognized date: 'next week'"),
        (
            "exporter country",
            "exporter_country",
            "Atlantis",
            "not a recognized country: 'Atlantis'",
        ),
        ("origin country", "origin_country", "12345", "not a recognized country: '12345'"),
        ("value", "value", "ten dollars", "not a number: 'ten dollars'"),
        ("value", "value", "-5", "negative: '-5'"),
        ("currency", "currency", "bananas", "not a recognized currency: 'bananas'"),
        ("quantity", "quantity", "5 pcs", "not a number: '5 pcs'"),
        ("net weight", "net_weight_kg", "heavy", "not a number: 'heavy'"),
        ("importer tax id", "importer_tax_id", "n/a!", "not a tax id: 'n/a!'"),
    ],
)
def test_garbage_rejects_the_row_naming_the_field(
    tmp_path: Path, source: str, field: str, value: str, reason: str
) -> None:
    rows, rejects = _read_with(tmp_path, source, value)
    assert [row["record_id"] for row in rows] == ["R1"]
    assert [(r.line, r.record_id, r.field, r.reason) for r in rejects] == [(3, "R1", field, reason)]
    assert rejects[0].raw.startswith("R1,")


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ("date", "date"),
        ("exporter country", "exporter_country"),
        ("value", "value"),
        ("currency", "currency"),
        ("description", "description"),
        ("importer tax id", "importer_tax_id"),
        ("exporter country", "exporter_country"),
    ],
)
def test_empty_values_are_null_not_rejected(tmp_path: Path, source: str, column: str) -> None:
    rows, rejects = _read_with(tmp_path, source, "  ")
    assert rejects == [] and rows[1][column] is None


def test_unknown_country_markers_are_null(tmp_path: Path) -> None:
    rows, rejects = _read_with(tmp_path, "origin country", "НЕИЗВЕСТНО")
    assert rejects == [] and rows[1]["origin_country"] is None


def test_no_party_at_all_is_rejected(tmp_path: Path) -> None:
    row = list(GOOD)
    row[FIELDS.index("exporter")] = ""
    row[FIELDS.index("importer")] = " "
    table, rejects, _ = read_all(_write(tmp_path / "in.csv", row))
    assert table.num_rows == 0
    assert (rejects[0].field, rejects[0].reason) == (
        "exporter_name",
        "no party name: exporter_name and importer_name are both empty",
    )


def test_first_failing_field_is_reported_once(tmp_path: Path) -> None:
    row = list(GOOD)
    row[FIELDS.index("hs code")] = "x"
    row[FIELDS.index("value")] = "y"
    _, rejects, rows = read_all(_write(tmp_path / "in.csv", row))
    assert rows == 1 and [r.field for r in rejects] == ["hs_code"]


def test_missing_record_id_comes_from_the_line(tmp_path: Path) -> None:
    rows, _ = _read_with(tmp_path, "id", "")
    assert [row["record_id"] for row in rows] == ["R1", "line-3"]


def test_tax_id_label_and_spaces_are_removed(tmp_path: Path) -> None:
    rows, rejects = _read_with(tmp_path, "importer tax id", "ИНН 7701 234 567")
    assert rejects == [] and rows[1]["importer_tax_id"] == "7701234567"


def test_rejects_writer_writes_header_and_bounded_raw(tmp_path: Path) -> None:
    path = tmp_path / "out" / "rejects.csv"
    with RejectsWriter(path) as writer:
        writer.write(
            [
                Reject(7, None, "row", "wrong number of fields: 2, expected 7", "a,b"),
                Reject(9, "R9", "value", "not a number: 'x'", "x" * 100_000),
            ]
        )
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == REJECTS_HEADER == ("line", "record_id", "field", "reason", "raw")
    assert rows[1] == ["7", "", "row", "wrong number of fields: 2, expected 7", "a,b"]
    assert rows[2][:4] == ["9", "R9", "value", "not a number: 'x'"] and len(rows[2][4]) < 2100
    assert writer.count == 2


def test_empty_rejects_file_still_has_its_header(tmp_path: Path) -> None:
    path = tmp_path / "rejects.csv"
    with RejectsWriter(path):
        pass
    assert path.read_bytes() == b"line,record_id,field,reason,raw\r\n"


def test_repeated_record_ids_are_made_unique_across_batches(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    rows = [
        ["DT-1", *GOOD[1:]],
        ["DT-2", *GOOD[1:]],
        ["DT-1", *GOOD[1:]],
        ["DT-1", *GOOD[1:]],
        ["", *GOOD[1:]],
    ]
    _write(path, *rows)
    from cordon.records.read import read_batches

    ids = [
        rid
        for batch in read_batches(path, batch_size=2)
        for rid in batch.table.column("record_id").to_pylist()
    ]
    assert ids == ["DT-1", "DT-2", "DT-1@4", "DT-1@5", "line-6"]
