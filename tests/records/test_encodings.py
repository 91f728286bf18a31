"""Encoding detection and transcoding: BOMs, UTF-16 without BOM, cp1251, GB18030, bad bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cordon.records.encodings import detect_encoding, utf8_chunks
from cordon.records.rejects import RejectsWriter
from tests.records.helpers import read_all

RUSSIAN = (
    "ОТПРАВИТЕЛЬ;ПОЛУЧАТЕЛЬ;КОД ТНВЭД;ОПИСАНИЕ ТОВАРА\n"
    + "ООО Ромашка;АО Радиоприбор;8542310000;Микросхемы интегральные, процессоры\n" * 20
)
CHINESE = (
    "发货人,收货人,商品编码,商品名称\n"
    + "深圳市电子有限公司,俄罗斯进口公司,8542310000,集成电路 微控制器\n" * 20
)


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (RUSSIAN, "utf-8", "utf_8"),
        (RUSSIAN, "utf-8-sig", "utf_8"),
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "utf-16", "utf_16_le"),
        (RUSSIAN, "utf-16-le", "utf_16_le"),
        (RUSSIAN, "utf-16-be", "utf_16_be"),
        (CHINESE, "gb18030", "gb18030"),
        (CHINESE, "utf-16", "utf_16_le"),
    ],
)
def test_detects_and_transcodes(text: str, encoding: str, expected: str) -> None:
    data = text.encode(encoding)
    detected = detect_encoding(data)
    assert detected.name == expected
    assert b"".join(utf8_chunks(io.BytesIO(data), detected, chunk_bytes=7)).decode("utf-8") == text


def test_big_endian_bom_is_detected() -> None:
    data = b"\xfe\xff" + RUSSIAN.encode("utf-16-be")
    assert detect_encoding(data).name == "utf_16_be" and detect_encoding(data).bom_length == 2


def test_one_bad_byte_does_not_change_the_guess() -> None:
    data = RUSSIAN.encode("cp1251") + b"\x98\n"  # 0x98 is undefined in cp1251
    assert detect_encoding(data).name == "cp1251"


def test_given_encoding_wins() -> None:
    assert detect_encoding(RUSSIAN.encode("koi8_r"), "koi8_r").name == "koi8-r"


@pytest.mark.parametrize(
    ("encoding", "bad"),
    [
        ("utf-8", b"\xc3\x28"),
        ("cp1251", b"\x98"),
        ("gb18030", b"\x81\x20"),
        ("utf-16-le", "\ud800".encode("utf-16-le", "surrogatepass")),
    ],
)
def test_undecodable_row_is_rejected_and_the_rest_read(
    tmp_path: Path, encoding: str, bad: bytes
) -> None:
    text = RUSSIAN if encoding != "gb18030" else CHINESE
    header, *rows = text.splitlines(keepends=True)
    body = "".join(rows[:5]).encode(encoding)
    broken = rows[5].encode(encoding)
    cut = broken.index("8542".encode(encoding))
    data = (
        header.encode(encoding)
        + body
        + broken[:cut]
        + bad
        + broken[cut:]
        + "".join(rows[6:]).encode(encoding)
    )
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    table, rejects, rows_read = read_all(
        path, encoding=encoding if encoding.startswith("utf-16") else None
    )
    assert rows_read == 20 and table.num_rows == 19
    assert [(r.line, r.field) for r in rejects] == [(7, "row")]
    assert "undecodable" in rejects[0].reason


def test_undecodable_bytes_are_shown_escaped_in_rejects_csv(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    utf8_rows = "ООО Ромашка,854231\n".encode() * 40
    path.write_bytes(b"shipper,hs code\n" + utf8_rows + b"\xff\xfe Broken,854231\nBeta,854231\n")
    _, rejects, rows = read_all(path)
    assert rows == 42 and [r.line for r in rejects] == [42]
    assert rejects[0].raw == "\\xff\\xfe Broken,854231"
    with RejectsWriter(tmp_path / "rejects.csv") as writer:
        writer.write(rejects)
    assert "\\xff\\xfe Broken" in (tmp_path / "rejects.csv").read_text(encoding="utf-8")
