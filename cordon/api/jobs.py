"""Uploaded customs files and their screening runs in a background worker.

Uploads are stored under a generated name in ``CORDON_HOME/uploads`` (the client's file name is
kept only as a display label); one worker thread screens them in turn with
``cordon.screen.pipeline.screen_file``, which records the run and its progress in the store.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import duckdb

from cordon.api.db import Database

log = logging.getLogger(__name__)

# Extensions the record reader understands; anything else is refused before it is stored.
ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".parquet", ".jsonl", ".ndjson", ".json")
_CHUNK = 1024 * 1024


class UploadRejected(ValueError):
    """The upload cannot be screened; ``status`` is the HTTP status that says why."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def display_name(filename: str | None) -> str:
    """A safe label for the client's file name: last path part, printable, <= 120 chars."""
    raw = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C").strip().strip(".")
    return clean[:120] or "upload"


def upload_suffix(filename: str | None) -> str:
    """The lower-cased extension of an upload, if cordon can read it; else UploadRejected."""
    match = re.search(r"(\.[A-Za-z0-9]{1,8})$", display_name(filename))
    suffix = match.group(1).lower() if match else ""
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRejected(
            f"Unsupported file type {suffix or '(none)'!r}: upload one of "
            f"{', '.join(ALLOWED_SUFFIXES)}.",
            415,
        )
    return suffix


def new_run_id() -> str:
    """A sortable, unguessable run id: UTC stamp plus random hex."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(4)


def store_upload(
    source: IO[bytes], uploads_dir: Path, run_id: str, suffix: str, max_bytes: int
) -> int:
    """Copy an upload to ``uploads_dir/<run_id><suffix>``; returns its size."""
    uploads_dir.mkdir(parents=True, exist_ok=True)
    target = uploads_dir / f"{run_id}{suffix}"
    size = 0
    with target.open("xb") as out:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                break
            out.write(chunk)
    if size == 0:
        target.unlink()
        raise UploadRejected("The uploaded file is empty.", 400)
    if size > max_bytes:
        target.unlink()
        raise UploadRejected(
            f"The uploaded file is larger than the limit of {max_bytes} bytes.", 413
        )
    return size


@dataclass
class JobState:
    """What the server knows about a run before (and besides) its row in ``runs``."""

    run_id: str
    input_name: str
    status: str = "queued"  # queued, running, done, failed
    progress: float = 0.0
    error: str | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))


class ScreeningJobs:
    """Runs uploaded files through the screening pipeline, one at a time, in a worker thread."""

    def __init__(self, db: Database, home: Path) -> None:
        self._db = db
        self.uploads_dir = home / "uploads"
        self.runs_dir = home / "runs"
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cordon-screen")
        self._states: dict[str, JobState] = {}
        self._futures: dict[str, Future[None]] = {}
        self._lock = threading.Lock()

    def submit(
        self,
        run_id: str,
        input_path: Path,
        input_name: str,
        *,
        lists: Sequence[str] | None,
        threshold: float | None,
        assume: Mapping[str, str] | None = None,
        column_map: Path | None = None,
    ) -> JobState:
        """Record the upload and queue its screening; returns the job's live state.
        ``column_map`` is a ``--columns`` YAML file (its ``assume:`` section included)."""
        state = JobState(run_id=run_id, input_name=input_name)
        with self._db.cursor() as cur:
            cur.execute(
                "INSERT INTO uploads (run_id, original_name, stored_path, size_bytes, uploaded_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [run_id, input_name, str(input_path), input_path.stat().st_size, state.started_at],
            )
        with self._lock:
            self._states[run_id] = state
            self._futures[run_id] = self._executor.submit(
                self._run, state, input_path, list(lists) if lists else None, threshold,
                dict(assume or {}), column_map,
            )
        return state

    def state(self, run_id: str) -> JobState | None:
        """The live state of a run submitted to this server, if any."""
        return self._states.get(run_id)

    def with_live_progress(self, run: dict[str, Any]) -> dict[str, Any]:
        """A stored run with the worker's fresher progress while it is running."""
        state = self._states.get(run["run_id"])
        if state is not None and run["status"] == "running":
            run["progress"] = max(run["progress"] or 0.0, state.progress)
        return run

    def wait(self, run_id: str, timeout: float | None = None) -> None:
        """Block until a submitted run has finished (used by tests and shutdown)."""
        future = self._futures.get(run_id)
        if future is not None:
            future.result(timeout=timeout)

    def shutdown(self) -> None:
        """Stop accepting work and wait for the current run to end."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(
        self,
        state: JobState,
        input_path: Path,
        lists: list[str] | None,
        threshold: float | None,
        assume: dict[str, str],
        column_map: Path | None,
    ) -> None:
        from cordon.screen.pipeline import screen_file  # heavy import, only when screening

        state.status = "running"
        cur = self._db.new_cursor()

        def progress(fraction: float) -> None:
            # The pipeline stores progress in runs.progress itself; this is the live copy.
            state.progress = max(state.progress, min(1.0, float(fraction)))

        try:
            screen_file(
                input_path,
                self.runs_dir / state.run_id,
                lists=lists,
                threshold=threshold,
                assume=assume,
                column_map=column_map,
                conn=cur,
                run_id=state.run_id,
                progress=progress,
            )
            state.progress = 1.0
            state.status = "done"
        except Exception as exc:
            log.exception("screening run %s failed", state.run_id)
            state.status = "failed"
            state.error = f"{type(exc).__name__}: {exc}"
            _record_failure(cur, state, input_path)
        finally:
            cur.close()


def _record_failure(cur: duckdb.DuckDBPyConnection, state: JobState, input_path: Path) -> None:
    """Make the failure visible in ``runs`` whether or not the pipeline had created the row."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with contextlib.suppress(duckdb.Error):  # no transaction may be open
        cur.execute("ROLLBACK")
    exists = cur.execute("SELECT 1 FROM runs WHERE run_id = ?", [state.run_id]).fetchone()
    if exists:
        cur.execute(
            "UPDATE runs SET status = 'failed', error = ?, finished_at = ? WHERE run_id = ?",
            [state.error, now, state.run_id],
        )
    else:
        cur.execute(
            "INSERT INTO runs (run_id, input_path, started_at, finished_at, status, progress, "
            "error) "
            "VALUES (?, ?, ?, ?, 'failed', ?, ?)",
            [state.run_id, str(input_path), state.started_at, now, state.progress, state.error],
        )
