"""CSV reading: delimiters, exact line numbers on both paths, malformed rows, block boundaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from cordon.records import csv_reader
from cordon.records.chunk import MAX_RAW_CHARS
from cordon.records.csv_reader import sniff_delimiter
from cordon.records.errors import InputError
from tests.records.helpers import HEADER, read_all, write


def _rows(count: int, start: int = 1) -> str:
    return "".join(
        f"R{i},Exporter {i},Importer {i},854231,chips,{i}.5,USD\n"
        for i in range(start, start + count)
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [("a,b;c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("a|b|c", "|"), ("abc", ",")],
)
def test_sniff_delimiter(header: str, expected: str) -> None:
    assert sniff_delimiter(header) == expected


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_any_delimiter_is_read(tmp_path: Path, delimiter: str) -> None:
    text = (HEADER + "\n" + _rows(3)).replace(",", delimiter)
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert rejects == [] and rows == 3
    assert table.column("exporter_name").to_pylist() == ["Exporter 1", "Exporter 2", "Exporter 3"]


def test_fast_path_line_numbers_skip_blank_lines_and_crlf(tmp_path: Path) -> None:
    text = (
        HEADER
        + "\r\n\r\n"
        + _rows(2).replace("\n", "\r\n")
        + "\r\n"
        + _rows(1, start=3).replace("\n", "\r\n")
    )
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert rejects == [] and rows == 3
    assert table.column("line").to_pylist() == [3, 4, 6]
    assert table.column("description").to_pylist() == ["chips"] * 3


def test_wrong_field_count_is_rejected_with_its_line(tmp_path: Path) -> None:
    text = (
        HEADER
        + "\n"
        + _rows(2)
        + "R9,only,three\n"
        + "R10,a,b,854231,d,1,USD,extra\n"
        + _rows(1, start=3)
    )
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert rows == 5 and table.num_rows == 3
    assert [(r.line, r.field) for r in rejects] == [(4, "row"), (5, "row")]
    assert rejects[0].reason == "wrong number of fields: 3, expected 7"
    assert rejects[0].raw == "R9,only,three"
    assert table.column("line").to_pylist() == [2, 3, 6]


def test_multiline_quoted_field_keeps_later_line_numbers_exact(tmp_path: Path) -> None:
    text = HEADER + "\n" + 'R1,"Exp\none",Imp,854231,"two\nline\nnote",1,USD\n' + _rows(1, start=2)
    table, rejects, _ = read_all(write(tmp_path / "in.csv", text))
    assert rejects == []
    assert table.column("line").to_pylist() == [2, 6]
    assert table.column("exporter_name").to_pylist() == [
        "Exp one",
        "Exporter 2",
    ]  # spaces collapsed
    assert table.column("description").to_pylist()[0] == "two\nline\nnote"


@pytest.mark.parametrize("careful", [False, True])
def test_stray_quote_inside_a_field_is_read_the_same_on_both_paths(
    tmp_path: Path, careful: bool
) -> None:
    # An odd quote elsewhere in the block sends the whole block down the careful path.
    extra = 'R3,"Multi\nline",Imp,854231,d,1,USD\n' if careful else _rows(1, start=3)
    text = HEADER + "\n" + 'R1,"Bad"quote,Imp,854231,d,1,USD\n' + _rows(1, start=2) + extra
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert rows == 3 and rejects == []
    assert table.column("exporter_name").to_pylist()[0] == "Badquote"


def test_quote_opened_mid_file_swallows_until_eof_and_is_one_reject(tmp_path: Path) -> None:
    text = HEADER + "\n" + _rows(1) + 'R2,"Exp,Imp,854231,d,1,USD\n' + _rows(2, start=3)
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert table.column("record_id").to_pylist() == ["R1"]
    assert rows == 2 and rejects[0].line == 3 and "truncated" in rejects[0].reason
    assert "R4" in rejects[0].raw


def test_file_cut_inside_a_quoted_field_is_a_truncated_row(tmp_path: Path) -> None:
    text = HEADER + "\n" + _rows(2) + 'R3,Exporter 3,Importer 3,854231,"cut off he'
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert rows == 3 and table.num_rows == 2
    assert (rejects[0].line, rejects[0].field) == (4, "row")
    assert "truncated" in rejects[0].reason


def test_file_cut_mid_row_without_quotes_has_too_few_fields(tmp_path: Path) -> None:
    text = HEADER + "\n" + _rows(2) + "R3,Exporter 3,Imp"
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert rows == 3 and table.num_rows == 2
    assert rejects[0].line == 4 and "wrong number of fields: 3" in rejects[0].reason


def test_megabyte_field_is_rejected_with_bounded_raw(tmp_path: Path) -> None:
    huge = "x" * 1_048_576
    text = (
        HEADER
        + "\n"
        + _rows(1)
        + f"R2,Exporter,Importer,854231,{huge},1,USD\n"
        + f'R3,Exporter,Importer,854231,"{huge}",1,USD\n'
        + _rows(1, start=4)
    )
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert rows == 4 and table.column("record_id").to_pylist() == ["R1", "R4"]
    assert [r.line for r in rejects] == [3, 4]
    assert all("description too long: 1,048,576 characters" in r.reason for r in rejects)
    assert all(len(r.raw) < MAX_RAW_CHARS + 50 for r in rejects)


def test_records_spanning_block_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_reader, "BLOCK_BYTES", 256)
    body = ""
    expected_lines: list[int] = []
    rejected_lines: list[int] = []
    line = 2
    for i in range(40):
        if i % 7 == 3:
            body += f'R{i},"Exporter\n{i}",Importer,854231,"long\ndescription\n{i}",1,USD\n'
            expected_lines.append(line)
            line += 4  # three newlines inside quotes
        elif i % 11 == 5:
            body += f"R{i},broken\n"
            rejected_lines.append(line)
            line += 1
        else:
            body += f"R{i},Exporter {i},Importer,854231,d,1,USD\n"
            expected_lines.append(line)
            line += 1
    table, rejects, rows = read_all(write(tmp_path / "in.csv", HEADER + "\n" + body), batch_size=7)
    assert rows == 40
    assert table.column("line").to_pylist() == expected_lines
    assert [r.line for r in rejects] == rejected_lines
    assert all(r.reason == "wrong number of fields: 2, expected 7" for r in rejects)


def test_unclosed_quote_at_block_end_is_carried_then_rejected_at_eof(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_reader, "BLOCK_BYTES", 128)
    text = HEADER + "\n" + _rows(3) + 'R9,Exp,Imp,854231,"never closed\n' + _rows(20, start=10)
    table, rejects, rows = read_all(write(tmp_path / "in.csv", text))
    assert rows == 4 and table.num_rows == 3
    assert rejects[0].line == 5 and "truncated" in rejects[0].reason


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    table, rejects, rows = read_all(write(tmp_path / "in.csv", HEADER + "\n"))
    assert (table.num_rows, rejects, rows) == (0, [], 0)


def test_empty_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read_all(write(tmp_path / "in.csv", "\n\n"))


@pytest.mark.parametrize("careful", [False, True])
def test_trailing_delimiter_on_data_rows_is_tolerated(tmp_path: Path, careful: bool) -> None:
    extra = 'R9,"Multi\nline",Imp,854231,d,1,USD;\n' if careful else ""
    rows = _rows(3).replace("\n", ";\n").replace(",", ";") + extra.replace(",", ";")
    table, rejects, read = read_all(
        write(tmp_path / "in.csv", HEADER.replace(",", ";") + "\n" + rows)
    )
    assert rejects == [] and read == (4 if careful else 3)
    assert table.column("currency").to_pylist()[:3] == ["USD", "USD", "USD"]
    assert table.column("line").to_pylist()[:3] == [2, 3, 4]


def test_trailing_delimiter_mixed_with_plain_rows_keeps_input_order(tmp_path: Path) -> None:
    body = _rows(1) + _rows(1, start=2).replace("\n", ",\n") + _rows(1, start=3) + "R4,short\n"
    table, rejects, read = read_all(write(tmp_path / "in.csv", HEADER + "\n" + body))
    assert read == 4 and [r.line for r in rejects] == [5]
    assert table.column("record_id").to_pylist() == ["R1", "R2", "R3"]
    assert table.column("line").to_pylist() == [2, 3, 4]
