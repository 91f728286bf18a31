"""Every input row ends screened or rejected, whatever is wrong with the file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cordon.screen.pipeline import screen_file

HEADER = (
    "record_id,date,exporter_name,exporter_country,importer_name,importer_country,hs_code,"
    "description,value,currency,quantity\n"
)
GOOD = "R{n},2023-05-0{d},Shenzhen Huaxing Co Ltd,CN,ООО «ТехноСнаб»,RU,854231,chips,100.5,USD,10\n"


def _malformed_file(path: Path) -> int:
    """A CSV mixing good rows with broken ones; returns its number of data rows."""
    rows = [GOOD.format(n=n, d=n % 9 + 1) for n in range(1, 6)]
    rows += [
        "T1,2023-05-01,Truncated Row Co\n",  # truncated: too few fields
        "G1,not-a-date,Acme,CN,Beta,RU,854231,chips,abc,USD,ten\n",  # garbage values
        "G2,2023-05-01,Acme,CN,Beta,RU,,no code at all,5,USD,1\n",  # missing HS code
        "E1,2023-05-01,Acme,CN,Beta,RU,854231,chips,1,USD,1,extra,fields,here\n",  # too many fields
        "B1,2023-05-01,Acme,CN,Beta,RU,854231," + "x" * 1_000_000 + ",1,USD,1\n",  # 1 MB field
    ]
    rows += [GOOD.format(n=n, d=n % 9 + 1) for n in range(6, 9)]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return len(rows)


def _bad_bytes_file(path: Path) -> int:
    body = HEADER.encode() + GOOD.format(n=1, d=1).encode()
    body += b"R2,2023-05-02,\xff\xfe\xfd Broken,CN,Beta,RU,854231,chips,1,USD,1\n"
    body += GOOD.format(n=3, d=3).encode()
    path.write_bytes(body)
    return 3


@pytest.mark.parametrize("make", [_malformed_file, _bad_bytes_file])
def test_input_rows_equal_screened_plus_rejected(
    make, sample_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    source = tmp_path / "input.csv"
    data_rows = make(source)
    summary = screen_file(source, tmp_path / "out")
    assert summary.input_rows == data_rows
    assert summary.input_rows == summary.screened + summary.rejected
    saved = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (saved["input_rows"], saved["screened"], saved["rejected"]) == (
        summary.input_rows, summary.screened, summary.rejected,
    )  # fmt: skip
    with (tmp_path / "out" / "rejects.csv").open(encoding="utf-8", newline="") as fh:
        rejects = list(csv.DictReader(fh))
    assert len(rejects) == summary.rejected
    assert all(row["line"].isdigit() and row["reason"] for row in rejects)


def test_malformed_rows_are_rejected_with_their_line(
    sample_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    source = tmp_path / "input.csv"
    _malformed_file(source)
    summary = screen_file(source, tmp_path / "out")
    with (tmp_path / "out" / "rejects.csv").open(encoding="utf-8", newline="") as fh:
        lines = {int(row["line"]) for row in csv.DictReader(fh)}
    assert 7 in lines  # the truncated row is line 7 of the file (header is line 1)
    assert summary.screened >= 8  # the eight good rows
