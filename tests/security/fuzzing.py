"""Fuzz targets shared by the attack suite (seconds) and ``benchmarks/bench_fuzz.py`` (minutes).

Each target feeds one generated input to a real reader, list parser or the matcher and accepts
only the outcomes a user may meet: a result, or a ``CordonError`` (one clear line). Anything
else — a traceback-worthy exception, more than ``MAX_SECONDS`` for one input (twice in a row,
see :func:`within_deadline`) — fails. Inputs
are real seeds (the shared data, the bundled sample list, a real workbook) mutated by
hypothesis: bytes flipped, inserted and cut, lines shuffled, control and invisible characters
sprinkled in, fields blown up.
"""

from __future__ import annotations

import io
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path

import duckdb
from hypothesis import strategies as st
from openpyxl import Workbook

from cordon.errors import CordonError
from cordon.lists.load import load_dataset
from cordon.names.matcher import Matcher
from cordon.names.model import Query
from cordon.records.read import read_batches
from cordon.store import migrate

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
SAMPLE_LIST = REPO / "cordon" / "data" / "sample_list.ftm.jsonl"
MAX_SECONDS = 5.0
NASTY = [
    "\r", "\n", "\r\n", '"', "'", ",", ";", "\t", "\x00", "\x1b[2J", "\u00ad", "\u200b", "\ufeff",
    "\u202e", "=", "+", "-", "@", "\\", "\ud800", "é", "Я", "中", "ﷺ", "\U0001f600", " " * 50,
]  # fmt: skip
CSV_SEED = (
    "record_id,date,exporter_name,exporter_country,importer_name,importer_country,hs_code,"
    "description,value,currency\n"
    'T1,2024-01-05,Harbin Parts,CN,ROSOBORONEXPORT,RU,852691,"GPS, modules",1200.5,CNY\n'
    'T2,05.01.2024,ООО Ромашка,RU,Almaz-Antey,RU,8526.91,радар,"1 200,50",RUB\n'
)


class Timeout(Exception):
    """One input took longer than MAX_SECONDS."""


@contextmanager
def deadline(seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Fail with :class:`Timeout` when the block runs longer than ``seconds`` (main thread)."""

    def expire(signum: int, frame: object) -> None:
        raise Timeout(f"one input took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def mutated(seed: bytes) -> st.SearchStrategy[bytes]:
    """``seed`` with a few random edits: flips, insertions of nasty text, cuts, repeats."""
    edit = st.one_of(
        st.tuples(st.just("flip"), st.integers(0, max(len(seed) - 1, 0)), st.integers(1, 255)),
        st.tuples(st.just("insert"), st.integers(0, len(seed)), st.sampled_from(NASTY)),
        st.tuples(st.just("cut"), st.integers(0, len(seed)), st.integers(0, len(seed))),
        st.tuples(st.just("repeat"), st.integers(0, len(seed)), st.integers(2, 2000)),
    )

    def apply(edits: list[tuple[str, int, int] | tuple[str, int, str]]) -> bytes:
        data = bytearray(seed)
        for kind, at, arg in edits:
            at = min(at, len(data))
            if kind == "flip" and data:
                data[min(at, len(data) - 1)] ^= int(arg)
            elif kind == "insert":
                data[at:at] = str(arg).encode("utf-8", "surrogatepass")
            elif kind == "cut":
                del data[at : at + int(arg) // 8]
            elif kind == "repeat":
                data[at:at] = bytes(data[at : at + 8]) * int(arg)
        return bytes(data)

    return st.lists(edit, min_size=1, max_size=6).map(apply)


def check_file(
    suffix: str, data: bytes, target: Callable[[Path], object], seconds: float = MAX_SECONDS
) -> None:
    """Write ``data`` to a temporary ``suffix`` file and run ``target`` on it under the rules."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        within_deadline(lambda: target(path), seconds)


def within_deadline(work: Callable[[], object], seconds: float = MAX_SECONDS) -> None:
    """Run ``work``, accepting a ``CordonError``; over ``seconds`` twice in a row fails. (Once
    is forgiven: the first use of a script or table loads ICU or rigour data lazily, which a
    machine loaded many times over can stretch past the deadline; a hang repeats.)"""
    for attempt in (1, 2):
        try:
            with deadline(seconds), suppress(CordonError):
                work()
            return
        except Timeout:
            if attempt == 2:
                raise


def warm_up(suffix: str, seed: bytes, target: Callable[[Path], object]) -> None:
    """Run ``target`` once on its seed without a deadline: lazy one-time loads (ICU, rigour's
    territory tables) are not what the per-input deadline is about."""
    check_file(suffix, seed, target, seconds=600)


def read_all(path: Path) -> int:
    """Every batch and reject of a customs file: the row count seen."""
    total = 0
    for batch in read_batches(path, batch_size=1_000):
        total += batch.table.num_rows + len(batch.rejects)
    return total


@lru_cache(maxsize=1)
def xlsx_seed() -> bytes:
    """A small real workbook (openpyxl-written), the seed of the XLSX target."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in CSV_SEED.splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def jsonl_seed() -> bytes:
    """Two JSON Lines records."""
    return (
        b'{"record_id": "J1", "exporter_name": "Harbin Parts", "importer_name": "ROSOBORONEXPORT",'
        b' "hs_code": "852691", "date": "2024-01-05", "value": 10}\n'
        b'{"record_id": "J2", "exporter_name": "X", "importer_name": "Y", "hs_code": "8471"}\n'
    )


def record_seeds() -> dict[str, bytes]:
    """Per customs-file suffix, its seed."""
    return {".csv": CSV_SEED.encode("utf-8"), ".xlsx": xlsx_seed(), ".jsonl": jsonl_seed()}


def list_seeds() -> dict[str, tuple[str, str, bytes]]:
    """Per list format: (dataset, file name, the first bytes of a real published file)."""
    un = (SHARED / "un" / "consolidated.xml").read_bytes()
    end = un.find(b"</INDIVIDUAL>", 2_000) + len(b"</INDIVIDUAL>")
    un_small = un[:end] + b"</INDIVIDUALS></CONSOLIDATED_LIST>\n"
    sdn = b"\n".join((SHARED / "ofac" / "sdn.csv").read_bytes().splitlines()[:8]) + b"\n"
    ftm = b"\n".join(SAMPLE_LIST.read_bytes().splitlines()[:6]) + b"\n"
    return {
        "un": ("un_sc_sanctions", "consolidated.xml", un_small),
        "ofac": ("us_ofac_sdn", "sdn.csv", sdn),
        "ftm": ("cordon_sample", "list.ftm.jsonl", ftm),
    }


@lru_cache(maxsize=1)
def list_store() -> duckdb.DuckDBPyConnection:
    """An in-memory store the list-parser target loads into (never a user's store)."""
    conn = duckdb.connect()
    migrate(conn)
    return conn


def load_list(dataset: str, name: str) -> Callable[[Path], object]:
    """The list target: load a (mutated) file as ``dataset`` — parse, checks and swap."""

    def target(path: Path) -> object:
        renamed = path.with_name(name)
        path.rename(renamed)
        return load_dataset(list_store(), dataset, [renamed], force=True)

    return target


@lru_cache(maxsize=1)
def sample_matcher() -> Matcher:
    """A matcher over the bundled sample list."""
    import orjson

    entities = [orjson.loads(line) for line in SAMPLE_LIST.read_bytes().splitlines() if line]
    return Matcher.from_entities(entities, dataset="cordon_sample")


names = st.lists(st.one_of(st.characters(), st.sampled_from(NASTY)), max_size=120).map(
    "".join
) | st.builds(
    lambda word, n: word * n, st.sampled_from(["A", "Zh", "中", "\u200b"]), st.integers(1, 50_000)
)


def match_name(name: str) -> None:
    """The matcher target: one query name, any schema of the usual three (the matcher is
    built before the deadline starts)."""
    matcher = sample_matcher()

    def work() -> None:
        for schema in ("Company", "Person", "Vessel"):
            matcher.match(Query(names=(name,), schema=schema), limit=5)

    within_deadline(work)
