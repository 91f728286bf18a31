"""Reading publishers' files safely: resolve paths, refuse empty/binary/mis-encoded input."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from cordon.i18n import N_, Items, Message
from cordon.lists.errors import ListLoadError

_SNIFF_BYTES = 4096
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def expand_paths(paths: Sequence[Path], wanted: Iterable[str] | None = None) -> list[Path]:
    """Files to read: each directory is replaced by its files (only ``wanted`` names when given)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            names = list(wanted) if wanted is not None else None
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if names is not None:
                found = [p for p in found if p.name.lower() in {n.lower() for n in names}]
            if not found:
                raise ListLoadError(path, Message(N_("directory holds none of the expected files")))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ListLoadError(path, Message(N_("no such file or directory")))
    if not files:
        raise ListLoadError(None, Message(N_("no input files given")))
    return files


def check_readable(path: Path, *, text: bool = True) -> None:
    """Refuse an empty file, and (for text formats) binary or UTF-16 content, naming the problem."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = Message(N_("cannot read file: %(reason)s"), reason=reason)
        raise ListLoadError(path, problem) from exc
    if size == 0 or not head.strip():
        raise ListLoadError(path, Message(N_("file is empty")))
    if not text:
        return
    if head.startswith(_UTF16_BOMS):
        raise ListLoadError(path, Message(N_("file is UTF-16 encoded; expected UTF-8 text")))
    if b"\x00" in head:
        raise ListLoadError(
            path, Message(N_("file contains NUL bytes: binary or UTF-16 data, not UTF-8 text"))
        )


def read_text(path: Path, fallback: str | None = None) -> str:
    """The file's content as UTF-8 text (BOM stripped); refuses empty, binary, non-UTF-8 files.

    ``fallback``: the publisher's legacy encoding (e.g. ``cp1252`` for OFSI's pre-2022 files),
    used only when the bytes are not valid UTF-8 and decode cleanly in it.
    """
    check_readable(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        legacy = _legacy(raw, fallback)
        if legacy is None:
            line = raw[: exc.start].count(b"\n") + 1
            raise ListLoadError(
                path,
                Message(
                    N_("not valid UTF-8 (byte 0x%(byte)s at offset %(offset)s) nor %(encoding)s")
                    if fallback
                    else N_("not valid UTF-8 (byte 0x%(byte)s at offset %(offset)s)"),
                    byte=f"{raw[exc.start]:02x}",
                    offset=exc.start,
                    encoding=fallback,
                ),
                line=line,
            ) from exc
        text = legacy
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ListLoadError(
            path, Message(N_("file contains NUL bytes: binary data, not text")), line=line
        )
    return text


def _legacy(raw: bytes, encoding: str | None) -> str | None:
    if encoding is None:
        return None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def checksum(paths: Sequence[Path]) -> str:
    """sha256 over the files' names and bytes, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode("utf-8") + b"\x00")
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\x00")
    return digest.hexdigest()


def dict_rows(
    path: Path,
    *,
    required: Sequence[str],
    delimiter: str = ",",
    header_marker: str | None = None,
    fallback_encoding: str | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a CSV/TSV file with a header; refuses missing columns and ragged rows.

    ``header_marker``: a column name that identifies the header line when publishers put
    other lines (e.g. "Last Updated") before it. ``fallback_encoding``: see ``read_text``.
    A header whose first column is unnamed (a spreadsheet's index column) while the rows lack
    that column is read as if the header did not have it.
    """
    lines = read_text(path, fallback_encoding).splitlines(keepends=True)
    start = 0
    if header_marker is not None:
        start = next((i for i, line in enumerate(lines[:20]) if header_marker in line), -1)
        if start < 0:
            raise ListLoadError(
                path,
                Message(
                    N_("no header line with column %(column)s found"), column=repr(header_marker)
                ),
            )
    reader = csv.reader(lines[start:], delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise ListLoadError(path, Message(N_("file is empty"))) from exc
    missing = [c for c in required if c not in header]
    if missing:
        raise ListLoadError(
            path,
            Message(
                N_("missing column(s) %(columns)s: not the expected format"),
                columns=Items(missing),
            ),
            line=start + 1,
        )
    try:
        for row in reader:
            line = start + reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header[0] == "" and len(row) == len(header) - 1:
                row = ["", *row]
            if len(row) != len(header):
                raise ListLoadError(
                    path,
                    Message(
                        N_(
                            "expected %(expected)s fields, found %(found)s (truncated or "
                            "malformed row)"
                        ),
                        expected=len(header),
                        found=len(row),
                    ),
                    line=line,
                )
            yield line, {h: cell.strip() for h, cell in zip(header, row, strict=True)}
    except csv.Error as exc:
        raise ListLoadError(
            path,
            Message(N_("malformed CSV (%(error)s); truncated file?"), error=exc),
            line=start + reader.line_num,
        ) from exc
