"""Detect a text file's encoding and stream it as UTF-8 bytes, keeping undecodable bytes visible.

Detection: byte-order marks first (UTF-8, UTF-16 LE/BE), then UTF-16 without BOM from its zero
bytes, then a strict UTF-8 check, then charset-normalizer among the encodings customs exports
use (cp1251, GB18030, ...: one file per language in ``data/encodings/``). Bytes that cannot be
decoded are turned into ``0xFF`` bytes — never valid UTF-8 — so the CSV reader rejects exactly
the rows that contain them.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import charset_normalizer

from cordon.records.langdata import sourced_entries

SAMPLE_BYTES = 1 << 20
CHUNK_BYTES = 4 << 20
_ENCODINGS = sourced_entries("encodings", "encodings")
# Encodings charset-normalizer may choose from: those of every data/encodings/<lang>.yaml.
CANDIDATES: tuple[str, ...] = tuple(codec for _, codec, _ in _ENCODINGS)
# What charset-normalizer may answer for one of them (GB2312 and GBK bytes decode as GB18030).
_ALIASES = {
    "ascii": "utf_8",
    **{
        str(alias): codec for _, codec, entry in _ENCODINGS for alias in entry.get("decodes_as", ())
    },
}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)
INVALID_BYTE = b"\xff"
_ESCAPED = re.compile("[\udc80-\udcff]")
_ASCII = bytes(range(0x80))


@dataclass(frozen=True)
class Encoding:
    """The detected encoding of a file and the length of its byte-order mark."""

    name: str  # Python codec name
    bom_length: int = 0
    how: str = (
        "detected"  # "bom", "utf-16 zero bytes", "strict utf-8", "charset-normalizer", "given"
    )

    @property
    def is_utf8(self) -> bool:
        """True when the bytes after the BOM can be used as UTF-8 without transcoding."""
        return codecs.lookup(self.name).name == "utf-8"


def _escape_undecodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


def _invalid_utf8(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return INVALID_BYTE * (error.end - error.start), error.end


codecs.register_error("cordon-escape", _escape_undecodable)
codecs.register_error("cordon-invalid", _invalid_utf8)


def detect_encoding(sample: bytes, given: str | None = None) -> Encoding:
    """The encoding of a file from its first bytes (or ``given``, validated as a codec name)."""
    for bom, name in _BOMS:
        if sample.startswith(bom) and (
            not given or codecs.lookup(given).name.startswith(name[:6].replace("_", "-"))
        ):
            return Encoding(name, len(bom), "bom")
    if given:
        return Encoding(codecs.lookup(given).name, 0, "given")
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return Encoding(utf16, 0, "utf-16 zero bytes")
    if _mostly_utf8(sample):
        return Encoding("utf_8", 0, "strict utf-8")
    guess = _guess(sample[: SAMPLE_BYTES // 4])
    if guess is None:
        return Encoding("utf_8", 0, "fallback")
    return Encoding(guess, 0, "charset-normalizer")


def _guess(sample: bytes, pieces: int = 8) -> str | None:
    """charset-normalizer's choice; if one bad byte spoils the sample, a vote over pieces."""
    best = charset_normalizer.from_bytes(sample, cp_isolation=list(CANDIDATES)).best()
    if best is not None:
        return _ALIASES.get(best.encoding, best.encoding)
    lines = sample.split(b"\n")[:-1] or [sample]
    size = max(1, len(lines) // pieces)
    votes: Counter[str] = Counter()
    for start in range(0, len(lines), size):
        piece = b"\n".join(lines[start : start + size])
        found = charset_normalizer.from_bytes(piece, cp_isolation=list(CANDIDATES)).best()
        if found is not None:
            votes[_ALIASES.get(found.encoding, found.encoding)] += 1
    return votes.most_common(1)[0][0] if votes else None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without BOM: zero bytes (high bytes of ASCII delimiters, digits) on one side only."""
    head = sample[:4096]
    if len(head) < 4:
        return None
    half = len(head) / 2
    even_zeros, odd_zeros = head[0::2].count(0) / half, head[1::2].count(0) / half
    if odd_zeros > 0.05 and even_zeros < 0.005:
        return "utf_16_le"
    if even_zeros > 0.05 and odd_zeros < 0.005:
        return "utf_16_be"
    return None


def _mostly_utf8(sample: bytes) -> bool:
    """Valid UTF-8, allowing a character cut at the end and rare bad bytes (rows to reject)."""
    text = sample[:-4].decode("utf_8", errors="cordon-escape")
    escaped = len(_ESCAPED.findall(text))
    non_ascii = len(sample.translate(None, _ASCII))
    return escaped == 0 or escaped / non_ascii < 0.01


def utf8_chunks(
    stream: BinaryIO, encoding: Encoding, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[bytes]:
    """The stream's content after the BOM as UTF-8 byte chunks; undecodable bytes become 0xFF."""
    stream.seek(encoding.bom_length)
    if encoding.is_utf8:
        while chunk := stream.read(chunk_bytes):
            yield chunk
        return
    decoder = codecs.getincrementaldecoder(encoding.name)(errors="cordon-escape")
    while chunk := stream.read(chunk_bytes):
        yield decoder.decode(chunk).encode("utf_8", errors="cordon-invalid")
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail.encode("utf_8", errors="cordon-invalid")
