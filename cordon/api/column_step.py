"""The column-mapping step of an upload whose headers cordon does not recognize.

``POST /screen`` checks the upload's headers before queueing it. When no party name or no HS
code column can be found, the upload is kept as *pending* (its form choices beside it in
``uploads/RUN.pending.json``) and the client is sent to the mapping page, where the analyst maps
the file's headers to canonical fields and may add defaults (``assume``). The mapping is saved
as ``uploads/RUN.columns.yaml`` — the very ``--columns MAP.yaml`` file the CLI takes, which the
page also offers as a download — and the upload is screened with it.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from cordon.records.headers import dump_column_map, load_column_map, resolve_columns
from cordon.records.read import file_headers

PENDING_SUFFIX = ".pending.json"
COLUMNS_SUFFIX = ".columns.yaml"
PENDING_DAYS = 7  # an upload left at the mapping step longer than this is removed


@dataclass(frozen=True)
class PendingUpload:
    """An upload waiting for its column mapping, with the choices made on the upload form."""

    run_id: str
    stored_name: str  # the upload's file name under uploads/
    input_name: str  # the client's file name (display only)
    lists: list[str] | None
    threshold: float | None
    assume: dict[str, str]

    def path(self, uploads_dir: Path) -> Path:
        """Where the upload is stored."""
        return uploads_dir / self.stored_name


def check_columns(path: Path, column_map: Path | None = None) -> None:
    """Raise :class:`~cordon.records.errors.MissingColumnsError` when the file's headers (with
    ``column_map``, a ``--columns`` YAML file) give no party name or no HS code column."""
    resolve_columns(path, file_headers(path), load_column_map(column_map))


def save_pending(uploads_dir: Path, pending: PendingUpload) -> None:
    """Keep an upload for the mapping page (and remove the ones abandoned there)."""
    expire_pending(uploads_dir)
    target = uploads_dir / f"{pending.run_id}{PENDING_SUFFIX}"
    target.write_text(json.dumps(asdict(pending), ensure_ascii=False), encoding="utf-8")


def expire_pending(uploads_dir: Path, days: float = PENDING_DAYS) -> list[str]:
    """Remove the uploads left at the mapping step for more than ``days`` (the file, its form
    choices and any saved mapping); the run ids removed."""
    cutoff = time.time() - days * 86400
    removed = []
    for marker in uploads_dir.glob(f"*{PENDING_SUFFIX}"):
        try:
            if marker.stat().st_mtime >= cutoff:
                continue
            pending = PendingUpload(**json.loads(marker.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue  # unreadable or half-written: left for a person to look at
        if Path(pending.stored_name).name != pending.stored_name:
            continue  # never delete outside uploads/
        pending.path(uploads_dir).unlink(missing_ok=True)
        (uploads_dir / f"{pending.run_id}{COLUMNS_SUFFIX}").unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
        removed.append(pending.run_id)
    return removed


def load_pending(uploads_dir: Path, run_id: str) -> PendingUpload | None:
    """The pending upload ``run_id``, or None when there is none (or it was screened)."""
    source = uploads_dir / f"{run_id}{PENDING_SUFFIX}"
    if not source.is_file():
        return None
    return PendingUpload(**json.loads(source.read_text(encoding="utf-8")))


def drop_pending(uploads_dir: Path, run_id: str) -> None:
    """The upload left the mapping step (it is being screened)."""
    (uploads_dir / f"{run_id}{PENDING_SUFFIX}").unlink(missing_ok=True)


def write_column_map(
    uploads_dir: Path, run_id: str, columns: dict[str, str], assume: dict[str, str]
) -> Path:
    """Save a mapping as the upload's ``--columns`` YAML file; returns its path."""
    target = uploads_dir / f"{run_id}{COLUMNS_SUFFIX}"
    target.write_text(dump_column_map(columns, assume), encoding="utf-8")
    return target
