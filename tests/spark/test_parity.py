"""Parity is the contract: ``--engine spark`` and the local engine produce the same alerts (same
reasons, same risks) and the same rejects for the same input and lists. Only run ids and
timestamps may differ. Real Spark (``local[2]``), real demo data, a malformed file, a folder of
parts."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pytest

from cordon.demo import generate_demo_dataset
from cordon.screen.pipeline import screen_file
from cordon.screen.rules import ALL_RULES
from cordon.screen.spark.engine import screen_on_spark
from cordon.screen.summary import RunSummary
from cordon.store import connect

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.slow

COMPARED = ("input_rows", "screened", "rejected", "alerted", "reasons_by_kind", "reasons_by_rule",
            "party_matches_by_list", "chpl_by_tier", "lists", "thresholds")  # fmt: skip


def _alerts(out: Path) -> dict[str, dict[str, Any]]:
    lines = (out / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    alerts = [json.loads(line) for line in lines if line.strip()]
    return {alert["record_id"]: alert for alert in alerts}


def _rejects(out: Path) -> list[list[str]]:
    with (out / "rejects.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _both(spark: SparkSession, data: Path | str, tmp: Path) -> tuple[RunSummary, RunSummary]:
    local = screen_file(Path(data), tmp / "local")
    remote = screen_on_spark(data, tmp / "spark", spark=spark)
    return local, remote


def _same_summary(local: RunSummary, remote: RunSummary) -> None:
    mine, theirs = local.to_dict(), remote.to_dict()
    assert {k: mine[k] for k in COMPARED} == {k: theirs[k] for k in COMPARED}


@pytest.fixture(scope="module")
def demo_runs(
    spark: SparkSession, spark_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, RunSummary, RunSummary]:
    tmp = tmp_path_factory.mktemp("parity-demo")
    truth = generate_demo_dataset(tmp / "demo.csv", rows=3000, seed=11)
    local, remote = _both(spark, truth.path, tmp)
    return tmp, local, remote


def test_demo_data_same_alerts_reasons_risks_on_both_engines(
    demo_runs: tuple[Path, RunSummary, RunSummary],
) -> None:
    tmp, local, remote = demo_runs
    expected, got = _alerts(tmp / "local"), _alerts(tmp / "spark")
    assert len(expected) > 300
    assert got == expected  # record ids, risks and the ordered reasons, field for field
    # every rule of the plan fired on this data, so each one was compared across engines
    fired = set(local.reasons_by_rule)
    assert fired == {rule.id for rule in ALL_RULES}, fired
    _same_summary(local, remote)
    assert _rejects(tmp / "spark") == _rejects(tmp / "local")
    assert remote.timings["screen_batches"] > 0 and remote.parties_screened > 0


def test_spark_run_is_in_the_store_like_a_local_one(
    demo_runs: tuple[Path, RunSummary, RunSummary],
) -> None:
    _tmp, local, remote = demo_runs
    conn = connect()
    try:
        runs = dict(
            conn.execute(
                "SELECT run_id, status FROM runs WHERE run_id IN (?, ?)",
                [local.run_id, remote.run_id],
            ).fetchall()
        )
        assert runs == {local.run_id: "done", remote.run_id: "done"}

        def stored(run_id: str) -> tuple[Any, ...]:
            row = conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE alerted), round(sum(risk), 4), "
                "(SELECT count(*) FROM alerts WHERE run_id = $run), "
                "(SELECT sum(hash(record_id, reasons::VARCHAR)) FROM alerts WHERE run_id = $run) "
                "FROM records WHERE run_id = $run",
                {"run": run_id},
            ).fetchone()
            assert row is not None
            return tuple(row)

        assert stored(remote.run_id) == stored(local.run_id)
    finally:
        conn.close()


MALFORMED = (
    "record_id,date,exporter_name,exporter_country,importer_name,importer_country,hs_code,"
    "description,origin_country,dispatch_country,destination_country,value,currency,quantity,unit\n"
    "M1,2023-05-17,Shenzhen Huaxing Electronic Technology Co.,CN,OOO Tekhnosnab,RU,854231,"
    "microcontrollers,CN,HK,RU,12000,USD,2000,pcs\n"
    "M2,2023-13-45,Good Trading,CN,OOO Alfa,RU,847150,computers,CN,CN,RU,500,USD,1,pcs\n"
    "M3,2023-05-18,Good Trading,CN,OOO Alfa,RU,847150,computers,CN,CN,RU,lots,USD,1,pcs\n"
    "M4,2023-05-19,Too few fields\n"
    'M5,2023-05-20,"Unclosed quote Trading,CN,OOO Alfa,RU,847150,computers,CN,CN,RU,1,USD,1,pcs\n'
    "M6,2023-05-21,Beta @BAD@ Ltd,CN,OOO Alfa,RU,885230,parts,CN,AE,RU,99,USD,1,pcs\n"
    "M7,2023-05-22," + "X" * 20000 + ",CN,OOO Alfa,RU,880730,aircraft parts,CN,AE,RU,1,USD,1,pcs\n"
    "M8,2023-05-23,Gamma,ZZ,OOO Alfa,RU,,,CN,CN,RU,-5,XXX,1,pcs\n"
    "M9,2023-05-24,Delta Ltd,CN,OOO Alfa,RU,854231,chips,CN,TR,RU,7000,CNY,10,pcs\n"
)


def test_malformed_file_same_rejects_and_alerts(
    spark: SparkSession, spark_home: Path, tmp_path: Path
) -> None:
    data = tmp_path / "malformed.csv"
    raw = MALFORMED.encode("utf-8").replace(b"@BAD@", b"\xff\xfe\x81")  # not UTF-8
    data.write_bytes(raw[:-25])  # truncated mid-line, like an interrupted export
    local, remote = _both(spark, data, tmp_path)
    assert local.rejected >= 3
    assert _rejects(tmp_path / "spark") == _rejects(tmp_path / "local")
    assert _alerts(tmp_path / "spark") == _alerts(tmp_path / "local")
    _same_summary(local, remote)


def test_folder_of_parts_is_screened_as_one_file(
    spark: SparkSession,
    spark_home: Path,
    tmp_path: Path,
    demo_runs: tuple[Path, RunSummary, RunSummary],
) -> None:
    """A folder of CSV parts (what a cluster holds) gives the alerts of the whole file: the file
    rules see every part; lines of the second part are keyed past the first's."""
    tmp, _local, _remote = demo_runs
    header, *rows = (tmp / "demo.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    parts = tmp_path / "parts"
    parts.mkdir()
    half = len(rows) // 2
    (parts / "part-0.csv").write_text(header + "".join(rows[:half]), encoding="utf-8")
    (parts / "part-1.csv").write_text(header + "".join(rows[half:]), encoding="utf-8")
    remote = screen_on_spark(str(parts), tmp_path / "out", spark=spark)
    assert remote.input_rows == len(rows)
    assert _alerts(tmp_path / "out") == _alerts(tmp / "local")


def test_missing_input_is_one_clear_error(
    spark: SparkSession, spark_home: Path, tmp_path: Path
) -> None:
    from cordon.records.errors import InputError

    with pytest.raises(InputError, match="nothing-here"):
        screen_on_spark(str(tmp_path / "nothing-here"), tmp_path / "out", spark=spark)
    conn = duckdb.connect(str(spark_home / "cordon.duckdb"), read_only=True)
    try:
        status = conn.execute("SELECT status FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    assert status == ("failed",)


def test_ids_repeated_across_parts_become_unique_like_within_a_file(
    spark: SparkSession, spark_home: Path, tmp_path: Path
) -> None:
    """Two parts reusing the same record ids: the later part's ids get ``@LINE`` (its run-wide
    line), as the local reader does within one file, so every alert id in the store is unique."""
    header, first = MALFORMED.splitlines(keepends=True)[:2]
    parts = tmp_path / "parts"
    parts.mkdir()
    for k in range(2):
        (parts / f"part-{k}.csv").write_text(header + first, encoding="utf-8")
    summary = screen_on_spark(str(parts / "*.csv"), tmp_path / "out", spark=spark)
    assert (summary.input_rows, summary.screened, summary.alerted) == (2, 2, 2)
    assert sorted(_alerts(tmp_path / "out")) == ["M1", "M1@10000000002"]
    conn = connect()
    try:
        ids = conn.execute(
            "SELECT record_id FROM alerts WHERE run_id = ? ORDER BY 1", [summary.run_id]
        ).fetchall()
    finally:
        conn.close()
    assert ids == [("M1",), ("M1@10000000002",)]
