"""A safe file format for persisted indexes: JSON and numpy arrays, checksummed, written atomically.

Index files live under ``CORDON_HOME``; whoever can write there must not gain code execution
when cordon loads them (pickle would give it), a crash or a full disk must never leave a
half-written file where a whole one is expected, and a damaged file must be noticed and rebuilt
rather than break every match. Layout::

    cordon-index\\n
    {"format": N, "sha256": "...", "length": L}\\n      <- one JSON header line
    <L bytes: an uncompressed .npz of the arrays, plus the JSON metadata as a uint8 array>

Arrays are read with ``allow_pickle=False``, so an object array is refused, not executed.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import orjson

MAGIC = b"cordon-index\n"
_META = "__meta__"
log = logging.getLogger(__name__)


def write_container(
    path: Path, index_format: int, meta: Any, arrays: Mapping[str, np.ndarray]
) -> None:
    """Write ``meta`` (JSON-able) and ``arrays`` to ``path``: into a temporary file of the same
    directory, flushed and fsynced, then renamed over ``path`` (and the directory fsynced).
    On any error (a full disk: ENOSPC) the temporary file is removed and the error raised;
    ``path`` is then either the old file or absent, never partial."""
    buffer = io.BytesIO()
    payload_arrays = dict(arrays)
    payload_arrays[_META] = np.frombuffer(orjson.dumps(meta), dtype=np.uint8)
    np.savez(buffer, allow_pickle=False, **payload_arrays)
    payload = buffer.getvalue()
    header = orjson.dumps(
        {
            "format": index_format,
            "sha256": hashlib.sha256(payload).hexdigest(),
            "length": len(payload),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC)
            out.write(header + b"\n")
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def read_container(path: Path, index_format: int) -> tuple[Any, dict[str, np.ndarray]] | None:
    """The metadata and arrays of a container file; None when the file is missing, of another
    format, or damaged in any way (truncated, flipped bytes, not a container at all) — a
    damaged file is logged and removed so the caller rebuilds it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cannot read index file %s (%s); it will be rebuilt", path, exc)
        return None
    try:
        return _parse(data, index_format)
    except _OtherFormat:
        return None
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, orjson.JSONDecodeError) as exc:
        log.warning("damaged index file %s (%s); it will be rebuilt", path, exc)
        path.unlink(missing_ok=True)
        return None


class _OtherFormat(Exception):
    """A well-formed file written by another index format."""


def _parse(data: bytes, index_format: int) -> tuple[Any, dict[str, np.ndarray]]:
    if not data.startswith(MAGIC):
        raise ValueError("not a cordon index file")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise ValueError("no header")
    header = orjson.loads(data[len(MAGIC) : end])
    if not isinstance(header, dict):
        raise ValueError("header is not an object")
    if header.get("format") != index_format:
        raise _OtherFormat
    payload = data[end + 1 :]
    if len(payload) != header.get("length"):
        raise ValueError(f"payload is {len(payload)} bytes, header says {header.get('length')}")
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise ValueError("checksum mismatch")
    with np.load(io.BytesIO(payload), allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    meta = orjson.loads(arrays.pop(_META).tobytes())
    return meta, arrays


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
