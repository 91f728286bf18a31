"""read_batches on every format and encoding: same records out, accounting per batch and file."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from cordon.records.errors import InputError
from cordon.records.read import detect_format
from tests.records.helpers import read_all

RUSSIAN_IDS = ["10702070/150323/0001", "10702070/150323/0002", "10702070/160323/0003"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16", "utf-16-be"])
def test_russian_customs_export_in_any_encoding(
    fixtures_dir: Path, tmp_path: Path, encoding: str
) -> None:
    text = (fixtures_dir / "records" / "russian_customs.csv").read_text(encoding="utf-8")
    path = tmp_path / "export.csv"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    table, rejects, rows = read_all(path)
    assert rejects == [] and rows == 3
    assert table.column("record_id").to_pylist() == RUSSIAN_IDS
    first = table.slice(0, 1).to_pylist()[0]
    assert first["exporter_name"] == "ШЭНЬЧЖЭНЬ ЭЛЕКТРОНИКС КО ЛТД"
    assert (first["origin_country"], first["dispatch_country"], first["destination_country"]) == (
        "CN",
        "HK",
        "RU",
    )
    assert (first["value"], first["currency"], first["quantity"], first["net_weight_kg"]) == (
        1234567.89,
        "CNY",
        10000.0,
        12.5,
    )
    assert first["date"] == date(2023, 3, 15)
    assert table.column("importer_tax_id").to_pylist() == ["7701234567", "7812345678", "5001234567"]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_chinese_export(fixtures_dir: Path, tmp_path: Path, encoding: str) -> None:
    text = (fixtures_dir / "records" / "chinese.csv").read_text(encoding="utf-8")
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    table, rejects, _ = read_all(path)
    assert rejects == []
    assert table.column("date").to_pylist() == [
        date(2023, 3, 15),
        date(2023, 3, 16),
        date(2023, 3, 17),
    ]
    assert table.column("dispatch_country").to_pylist() == ["HK", "AE", "KZ"]
    assert table.column("currency").to_pylist() == ["CNY", "USD", "CNY"]
    assert table.column("hs_code").to_pylist() == ["85423100", "85269100", "95030090"]


def test_english_export_with_quotes_and_implied_usd(fixtures_dir: Path) -> None:
    table, rejects, _ = read_all(fixtures_dir / "records" / "english.csv")
    assert rejects == []
    assert table.column("line").to_pylist() == [2, 3, 5]
    assert table.column("currency").to_pylist() == ["USD"] * 3  # from the "Value USD" header
    assert table.column("value").to_pylist() == [12500.0, 3400.5, 990.0]
    assert table.column("date").to_pylist() == [
        date(2023, 3, 14),
        date(2023, 3, 14),
        date(2023, 3, 25),
    ]


def test_column_map_yaml(fixtures_dir: Path) -> None:
    folder = fixtures_dir / "records"
    table, rejects, _ = read_all(folder / "german.csv", column_map=folder / "columns.yaml")
    assert rejects == []
    row = table.to_pylist()[0]
    assert (
        row["record_id"],
        row["exporter_name"],
        row["hs_code"],
        row["value"],
        row["currency"],
    ) == ("line-2", "Muster GmbH", "85423190", 1234.5, "EUR")


def test_missing_required_columns_name_file_fields_and_headers(fixtures_dir: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_all(fixtures_dir / "records" / "german.csv")
    message = str(caught.value)
    assert (
        "german.csv" in message
        and "exporter_name or importer_name" in message
        and "hs_code" in message
    )
    assert "'Verkäufer'" in message


def _records() -> list[dict[str, object]]:
    return [
        {
            "id": "X1",
            "exporter": "Acme Ltd",
            "importer": "OOO Vostok",
            "hs code": "8542.31",
            "value": 10.5,
            "date": "2024-01-02",
        },
        {
            "id": "X2",
            "exporter": "Beta Ltd",
            "importer": "OOO Zapad",
            "hs code": 85269100,
            "value": 7,
            "date": "02.01.2024",
        },
        {
            "id": "X3",
            "exporter": "Gamma",
            "importer": None,
            "hs code": "not a code",
            "value": 1,
            "date": None,
        },
    ]


def _check_records(table: pa.Table, rejects: list, first_line: int) -> None:
    assert table.column("record_id").to_pylist() == ["X1", "X2"]
    assert table.column("hs_code").to_pylist() == ["854231", "85269100"]
    assert table.column("value").to_pylist() == [10.5, 7.0]
    assert table.column("date").to_pylist() == [date(2024, 1, 2), date(2024, 1, 2)]
    assert [(r.line, r.field) for r in rejects] == [(first_line + 2, "hs_code")]
    assert "X3" in rejects[0].raw or "Gamma" in rejects[0].raw


def test_json_lines_with_bad_lines(tmp_path: Path) -> None:
    lines = [json.dumps(record) for record in _records()]
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join([*lines, "[1, 2]", '{"id": "X5", "exporter": "cut']) + "\n", encoding="utf-8"
    )
    table, rejects, rows = read_all(path)
    assert rows == 5
    _check_records(table, [r for r in rejects if r.field != "row"], first_line=1)
    assert [(r.line, r.reason[:18]) for r in rejects if r.field == "row"] == [
        (4, "a JSON line must h"),
        (5, "not valid JSON: un"),
    ]


def test_parquet(tmp_path: Path) -> None:
    records = _records()
    for record in records:
        record["hs code"] = str(record["hs code"])
        record["value"] = float(record["value"])  # type: ignore[arg-type]
    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(records), path, row_group_size=2)
    table, rejects, rows = read_all(path, batch_size=1)
    assert rows == 3
    _check_records(table, rejects, first_line=1)


def test_xlsx_with_dates_serials_and_numeric_codes(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append(["ID", "Exporter", "Importer", "HS Code", "Value", "Date"])
    sheet.append(["X1", "Acme Ltd", "OOO Vostok", "8542.31", 10.5, datetime(2024, 1, 2)])
    sheet.append(
        ["X2", "Beta Ltd", "OOO Zapad", 85269100, 7, 45293]
    )  # 45293 = 2024-01-02 as a serial
    sheet.append(["X3", "Gamma", None, "not a code", 1, None])
    path = tmp_path / "in.xlsx"
    book.save(path)
    table, rejects, rows = read_all(path)
    assert rows == 3
    _check_records(table, rejects, first_line=3)
    assert table.column("line").to_pylist() == [3, 4]


def test_format_from_magic_bytes(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    pq.write_table(pa.table({"a": [1]}), path)
    assert detect_format(path) == "parquet"
    path.write_text('{"a": 1}\n')
    assert detect_format(path) == "jsonl"


def test_unreadable_workbook_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"broken\.xlsx"):
        read_all(path)


def test_batches_respect_batch_size_and_total_accounting(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    rows = "".join(
        f"R{i},Exp {i},854231\n" if i % 10 else f"R{i},Exp {i},garbage\n" for i in range(1, 101)
    )
    path.write_text("id,shipper,hs code\n" + rows, encoding="utf-8")
    from cordon.records.read import read_batches

    batches = list(read_batches(path, batch_size=25))
    assert [b.table.num_rows for b in batches] == [25, 25, 25, 15]
    assert sum(b.rows_read for b in batches) == 100
    assert sum(len(b.rejects) for b in batches) == 10
    assert batches[-1].bytes_read == batches[-1].total_bytes == path.stat().st_size


def test_a_json_array_is_an_input_error_not_a_flood_of_rejects(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text('[\n  {"exporter": "Acme", "hs code": "854231"}\n]\n', encoding="utf-8")
    with pytest.raises(InputError, match="JSON array"):
        read_all(path)
