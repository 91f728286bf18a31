"""screen_file end to end on a hand-made file: alerts.jsonl contract, summary.json, the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest

from cordon.records.errors import InputError
from cordon.screen.alerts import read_alerts
from cordon.screen.pipeline import NoListsError, screen_file
from cordon.store import connect

REASON_KEYS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "party_match": {
        "kind": str,
        "role": str,
        "list": str,
        "entity_id": str,
        "matched_name": str,
        "score": (float, int),
        "explanation": str,
    },
    "chpl": {"kind": str, "hs6": str, "tier": str},
    "red_flag": {"kind": str, "rule": str, "detail": str},
}


@pytest.fixture(scope="module")
def run(
    sample_home: Path, fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """One screening of tests/fixtures/screen/shipments.csv against the sample list."""
    out = tmp_path_factory.mktemp("screen-out")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CORDON_HOME", str(sample_home))
        summary = screen_file(fixtures_dir / "screen" / "shipments.csv", out, run_id="run-test")
        conn = connect()
        store = {
            "run": conn.execute(
                "SELECT status, progress, input_rows, screened, rejected, alerted, lists "
                "FROM runs WHERE run_id = 'run-test'"
            ).fetchone(),
            "records": conn.execute(
                "SELECT record_id, hs6, chpl_tier, importer_entity, importer_score, "
                "exporter_entity, risk, alerted FROM records WHERE run_id = 'run-test' "
                "ORDER BY line"
            ).fetchall(),
            "alerts": conn.execute(
                "SELECT alert_id, record_id, risk, reasons, status FROM alerts "
                "WHERE run_id = 'run-test' ORDER BY alert_id"
            ).fetchall(),
        }
        conn.close()
    alerts = {alert["record_id"]: alert for alert in read_alerts(out / "alerts.jsonl")}
    return {"summary": summary, "out": out, "alerts": alerts, "store": store}


def test_every_alert_has_exactly_the_contract_keys_and_types(run: dict[str, Any]) -> None:
    lines = (run["out"] / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(run["alerts"]) == run["summary"].alerted > 0
    for line in lines:
        alert = json.loads(line)
        assert list(alert) == ["record_id", "risk", "reasons"]
        assert isinstance(alert["record_id"], str)
        assert isinstance(alert["risk"], float | int) and 0.0 <= alert["risk"] <= 1.0
        assert alert["reasons"], "an alert always lists its reasons"
        for reason in alert["reasons"]:
            shape = REASON_KEYS[reason["kind"]]
            assert set(reason) == set(shape), reason
            for key, kind in shape.items():
                assert isinstance(reason[key], kind), (key, reason)
            if reason["kind"] == "party_match":
                assert reason["role"] in ("exporter", "importer")
                assert 0.0 <= reason["score"] <= 1.0


def test_importer_inn_of_a_listed_entity_is_decisive(run: dict[str, Any]) -> None:
    reasons = run["alerts"]["DT-001"]["reasons"]
    party = [r for r in reasons if r["kind"] == "party_match"]
    assert party[0]["role"] == "importer"
    assert (party[0]["list"], party[0]["entity_id"]) == (
        "cordon_sample",
        "18782",
    )  # Rosoboronexport
    assert party[0]["score"] == 1.0
    assert "identifier" in party[0]["explanation"]
    assert run["alerts"]["DT-001"]["risk"] == 1.0


def test_listed_exporter_written_without_punctuation_is_matched(run: dict[str, Any]) -> None:
    party = [r for r in run["alerts"]["DT-002"]["reasons"] if r["kind"] == "party_match"]
    assert [(r["role"], r["entity_id"]) for r in party] == [("exporter", "sinno-electronics")]


def test_chpl_goods_are_always_alerted_with_their_tier(run: dict[str, Any]) -> None:
    chpl = [r for r in run["alerts"]["DT-003"]["reasons"] if r["kind"] == "chpl"]
    assert chpl == [{"kind": "chpl", "hs6": "852691", "tier": "2"}]
    rules = {r["rule"] for r in run["alerts"]["DT-003"]["reasons"] if r["kind"] == "red_flag"}
    assert {"RF-01", "RF-02", "RF-03"} <= rules


def test_reasons_are_ordered_party_then_goods_then_red_flags(run: dict[str, Any]) -> None:
    kinds = [r["kind"] for r in run["alerts"]["DT-002"]["reasons"]]
    assert kinds == sorted(kinds, key=["party_match", "chpl", "red_flag"].index)


def test_hidden_chips_and_a_bank_consignee_alert_without_chpl_code(run: dict[str, Any]) -> None:
    alert = run["alerts"]["DT-005"]
    rules = {r["rule"] for r in alert["reasons"] if r["kind"] == "red_flag"}
    assert {"RF-16", "RF-21a"} <= rules
    assert not [r for r in alert["reasons"] if r["kind"] == "chpl"]
    assert alert["risk"] >= 0.5


def test_clean_ordinary_trade_is_not_alerted(run: dict[str, Any]) -> None:
    assert "DT-004" not in run["alerts"]
    assert "DT-006" not in run["alerts"]


def test_summary_json_accounts_for_every_row(run: dict[str, Any]) -> None:
    data = json.loads((run["out"] / "summary.json").read_text(encoding="utf-8"))
    assert data["input_rows"] == data["screened"] + data["rejected"] == 6
    assert data["alerted"] == len(run["alerts"])
    assert data["run_id"] == "run-test"
    assert set(data["lists"]) == {"cordon_sample"}
    assert data["thresholds"]["party_match"] == pytest.approx(0.8)
    assert data["reasons_by_kind"]["party_match"] >= 2
    assert data["reasons_by_rule"]["RF-16"] == 1
    assert {"read", "classify", "parties", "file_rules", "score"} <= set(data["timings"])
    assert data["started_at"] <= data["finished_at"]


def test_run_records_and_alerts_are_persisted(run: dict[str, Any]) -> None:
    status, progress, input_rows, screened, rejected, alerted, lists = run["store"]["run"]
    assert (status, progress, input_rows, screened, rejected) == ("done", 1.0, 6, 6, 0)
    assert alerted == len(run["alerts"]) and "cordon_sample" in json.loads(lists)
    records = {row[0]: row for row in run["store"]["records"]}
    assert records["DT-001"][1:5] == ("854231", "1", "us_ofac_sdn-18782", 1.0)
    assert records["DT-002"][5] == "cordon_sample-sinno-electronics"
    assert records["DT-004"][6:] == (0.0, False)
    assert records["DT-001"][7] is True
    alert_ids = [row[0] for row in run["store"]["alerts"]]
    assert alert_ids == sorted(f"run-test:{rid}" for rid in run["alerts"])
    stored = {row[1]: json.loads(row[3]) for row in run["store"]["alerts"]}
    assert stored["DT-001"] == run["alerts"]["DT-001"]["reasons"]


def test_missing_required_column_fails_the_run_with_the_file_named(
    sample_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    bad = tmp_path / "no_hs.csv"
    bad.write_text("exporter,importer\nAcme,Beta\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no_hs\.csv"):
        screen_file(bad, tmp_path / "out", run_id="run-bad")
    conn = connect()
    status, error = conn.execute(
        "SELECT status, error FROM runs WHERE run_id = 'run-bad'"
    ).fetchone()
    conn.close()
    assert status == "failed" and "no_hs.csv" in error


def test_screening_without_any_list_loaded_is_refused(
    cordon_home: Path, fixtures_dir: Path
) -> None:
    with pytest.raises(NoListsError, match="cordon lists load"):
        screen_file(fixtures_dir / "screen" / "shipments.csv", cordon_home / "out")


def test_rejects_csv_has_the_contract_header(run: dict[str, Any]) -> None:
    with (run["out"] / "rejects.csv").open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == ["line", "record_id", "field", "reason", "raw"]


def test_repeated_record_ids_get_one_alert_each(
    sample_home: Path, fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    lines = (fixtures_dir / "screen" / "shipments.csv").read_text(encoding="utf-8").splitlines()
    source = tmp_path / "twice.csv"
    source.write_text("\n".join([lines[0], lines[1], lines[1]]) + "\n", encoding="utf-8")
    summary = screen_file(source, tmp_path / "out", run_id="run-twice")
    assert summary.alerted == 2
    alerted = [a["record_id"] for a in read_alerts(tmp_path / "out" / "alerts.jsonl")]
    assert alerted == ["DT-001", "DT-001@3"]
    conn = connect()
    ids = conn.execute(
        "SELECT alert_id FROM alerts WHERE run_id = 'run-twice' ORDER BY 1"
    ).fetchall()
    conn.close()
    assert [i for (i,) in ids] == ["run-twice:DT-001", "run-twice:DT-001@3"]


def _as_format(source: Path, target: Path) -> Path:
    """The fixture CSV rewritten as Parquet, JSON Lines or XLSX (all values as text)."""
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if target.suffix == ".parquet":
        pl.DataFrame(rows).write_parquet(target)
    elif target.suffix == ".jsonl":
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
        book.save(target)
    return target


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".xlsx"])
def test_every_input_format_gives_the_same_alerts(
    suffix: str, run: dict[str, Any], sample_home: Path, fixtures_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    source = _as_format(fixtures_dir / "screen" / "shipments.csv", tmp_path / f"shipments{suffix}")
    summary = screen_file(source, tmp_path / "out")
    assert summary.input_rows == summary.screened == 6
    alerts = {a["record_id"]: a for a in read_alerts(tmp_path / "out" / "alerts.jsonl")}
    assert sorted(alerts) == sorted(run["alerts"])
    assert alerts["DT-001"]["reasons"] == run["alerts"]["DT-001"]["reasons"]


def test_a_run_interrupted_midway_leaves_no_records_behind(
    sample_home: Path, fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))

    def interrupt(fraction: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        screen_file(
            fixtures_dir / "screen" / "shipments.csv", tmp_path / "out", run_id="run-stop",
            progress=interrupt, batch_size=2,
        )  # fmt: skip
    conn = connect()
    status, error = conn.execute(
        "SELECT status, error FROM runs WHERE run_id = 'run-stop'"
    ).fetchone()
    left = conn.execute("SELECT count(*) FROM records WHERE run_id = 'run-stop'").fetchone()
    conn.close()
    assert (status, error, left) == ("failed", "KeyboardInterrupt: ", (0,))


def test_progress_rises_batch_by_batch_to_one(
    sample_home: Path, fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    seen: list[float] = []
    screen_file(
        fixtures_dir / "screen" / "shipments.csv", tmp_path / "out", progress=seen.append,
        batch_size=2,
    )  # fmt: skip
    assert len(seen) >= 4  # three batches, the file pass, the end
    assert seen == sorted(seen) and seen[-1] == 1.0 and 0 < seen[0] < 1
