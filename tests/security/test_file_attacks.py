"""Hostile customs files through the real `cordon screen`: bare carriage returns, formula
injection, invisible characters, giant names, XLSX decompression bombs and DTDs."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.security.conftest import CORDON, run_cordon

HEADER = "record_id,date,exporter_name,exporter_country,importer_name,importer_country,hs_code\n"


def _screen(home: Path, path: Path, out: Path) -> tuple[int, str, list[dict[str, Any]]]:
    result = run_cordon("screen", str(path), "--out", str(out), home=home, timeout=120)
    assert "Traceback" not in result.stderr + result.stdout
    alerts = []
    if (out / "alerts.jsonl").exists():
        alerts = [json.loads(line) for line in (out / "alerts.jsonl").read_text().splitlines()]
    return result.returncode, result.stderr, alerts


def test_hostile_csv_is_screened_not_crashed(sample_home: Path, tmp_path: Path) -> None:
    """One file, every CSV attack at once: a bare CR mid-field (before: the whole file failed),
    an evasive spelling (before: no alert), formulas (before: verbatim in rejects.csv) and a
    giant name (before: unbounded matching)."""
    rows = [
        "T1,2024-01-05,ACME\rTRADING,CN,ROSOBORONEXPORT,RU,852691",
        "T2,2024-01-06,Harbin Parts,CN,ROSO\u00adBORON\u200bEXPORT,RU,852691",
        'T3,2024-01-07,=HYPERLINK("http://x"),CN,@SUM(A1),RU,not-a-code',
        f"T4,2024-01-08,Harbin Parts,CN,{'Z' * 5000},RU,852691",
    ]
    path = tmp_path / "hostile.csv"
    path.write_bytes((HEADER + "\n".join(rows) + "\n").encode("utf-8"))
    code, stderr, alerts = _screen(sample_home, path, tmp_path / "out")
    assert code == 0, stderr
    by_id = {a["record_id"]: a for a in alerts}
    for record in ("T1", "T2"):
        party = [r for r in by_id[record]["reasons"] if r["kind"] == "party_match"]
        assert party and party[0]["score"] >= 0.95, (record, by_id[record])
    rejects = list(csv.DictReader(io.StringIO((tmp_path / "out" / "rejects.csv").read_text())))
    by_line = {r["line"]: r for r in rejects}
    assert set(by_line) == {"4", "5"}
    assert by_line["4"]["raw"].startswith("'") or by_line["4"]["raw"][0] not in "=+-@"
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rejects for cell in r.values())
    assert by_line["5"]["field"] == "importer_name" and "longer than" in by_line["5"]["reason"]


def _workbook(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record_id", "exporter_name", "importer_name", "hs_code"])
    sheet.append(["X1", "Harbin Parts", "ROSOBORONEXPORT", "852691"])
    path = tmp_path / "base.xlsx"
    book.save(path)
    return path


def _rewrite(base: Path, out: Path, member: str, payload: object) -> Path:
    """A copy of ``base`` with ``member`` replaced (bytes, or an iterable of byte chunks)."""
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in source.infolist():
            if info.filename != member:
                dst.writestr(info, source.read(info))
        with dst.open(member, "w", force_zip64=True) as handle:
            for chunk in [payload] if isinstance(payload, bytes) else payload:  # type: ignore[attr-defined]
                handle.write(chunk)
    return out


def _bomb_sheet(megabytes: int) -> object:
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    )
    yield head
    for _ in range(megabytes):
        yield b"A" * (1 << 20)
    yield b"</t></is></c></row></sheetData></worksheet>"


@pytest.mark.parametrize("attack", ["ratio", "dtd"])
def test_xlsx_bombs_are_refused_in_one_line(sample_home: Path, tmp_path: Path, attack: str) -> None:
    base = _workbook(tmp_path)
    sheet = "xl/worksheets/sheet1.xml"
    if attack == "ratio":  # 64 MiB of one letter: ~1000:1
        path = _rewrite(base, tmp_path / "bomb.xlsx", sheet, _bomb_sheet(64))
        expected = "decompression bomb"
    elif attack == "dtd":
        xml = zipfile.ZipFile(base).read(sheet)
        dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        body = xml.split(b"?>", 1)[-1]  # without its XML declaration, if any
        path = _rewrite(base, tmp_path / "dtd.xlsx", sheet, b'<?xml version="1.0"?>' + dtd + body)
        expected = "declares a DTD"
    # the CLI under a fresh parent that reports the peak memory of that one child
    measure = (
        "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(done.returncode)"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, str(CORDON), "screen", str(path), "--out",
         str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "CORDON_HOME": str(sample_home)},
    )  # fmt: skip
    *lines, peak_kib = result.stderr.strip().splitlines()
    assert result.returncode == 2 and expected in lines[0], result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert int(peak_kib) / 1024 < 1024  # before: ~5 GB for a 1 MB workbook


def _patch_zip_field(data: bytes, signature: bytes, offset: int, value: int) -> bytes:
    """``data`` with the 2-byte little-endian field at ``offset`` of every header starting with
    ``signature`` set to ``value`` (the way a fuzzer's byte flip lands on it)."""
    out = bytearray(data)
    start = out.find(signature)
    while start != -1:
        out[start + offset : start + offset + 2] = value.to_bytes(2, "little")
        start = out.find(signature, start + 4)
    return bytes(out)


@pytest.mark.parametrize(
    ("field", "expected"),
    [("method", "zip compression method 99"), ("version", "unsupported zip file version"),
     ("name", "damaged member")],
)  # fmt: skip
def test_xlsx_with_an_unsupported_zip_method_or_version_is_refused_in_one_line(
    sample_home: Path, tmp_path: Path, field: str, expected: str
) -> None:
    """Found by fuzzing: zipfile raises NotImplementedError for a compression method (here 99,
    AES) or a zip version it cannot read, and that escaped `cordon screen` as a traceback; and
    (session 4's fuzz run) a member name flagged UTF-8 that is not, a UnicodeDecodeError."""
    data = _workbook(tmp_path).read_bytes()
    if field == "method":  # local (offset 8) and central (offset 10) headers of every member
        data = _patch_zip_field(data, b"PK\x03\x04", 8, 99)
        data = _patch_zip_field(data, b"PK\x01\x02", 10, 99)
    elif field == "version":  # "version needed to extract" of the central directory entries: 9.9
        data = _patch_zip_field(data, b"PK\x01\x02", 6, 99)
    else:  # local headers: the UTF-8 name flag set, the name's first byte not UTF-8
        data = _patch_zip_field(data, b"PK\x03\x04", 6, 0x0800)
        garbled = bytearray(data)
        start = garbled.find(b"PK\x03\x04")
        while start != -1:
            garbled[start + 30] = 0xB3
            start = garbled.find(b"PK\x03\x04", start + 4)
        data = bytes(garbled)
    path = tmp_path / "mutated.xlsx"
    path.write_bytes(data)
    code, stderr, _ = _screen(sample_home, path, tmp_path / "out")
    lines = stderr.strip().splitlines()
    assert code == 2 and len(lines) == 1, stderr
    assert expected in lines[0] and "mutated.xlsx" in lines[0], stderr


def test_xlsx_claiming_16384_columns_reads_only_the_header_columns(
    sample_home: Path, tmp_path: Path
) -> None:
    """A cell in the sheet's last column (XFD) made every row a 16,384-cell tuple."""
    base = _workbook(tmp_path)
    sheet = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(base).read(sheet)
    cell = b'<c r="XFD2" t="inlineStr"><is><t>x</t></is></c>'
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>W%d</t></is></c>%s</row>'
        % (n, n, n, cell.replace(b"XFD2", b"XFD%d" % n))
        for n in range(3, 2003)
    )
    wide = xml.replace(b"</sheetData>", rows + b"</sheetData>", 1)
    path = _rewrite(base, tmp_path / "wide.xlsx", sheet, wide)
    code, stderr, alerts = _screen(sample_home, path, tmp_path / "out")
    assert code == 0, stderr
    assert any(a["record_id"] == "X1" for a in alerts)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["input_rows"] == 2001
