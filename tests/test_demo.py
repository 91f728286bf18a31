"""`cordon demo` end to end on a small dataset: planted cases are alerted, clean ones are not."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from cordon.cli import app
from cordon.demo import generate_demo_dataset
from cordon.screen.alerts import read_alerts


def test_generated_data_is_multilingual_with_rising_yuan_share(tmp_path: Path) -> None:
    truth = generate_demo_dataset(tmp_path / "demo.csv", rows=3000, seed=3)
    with truth.path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == truth.rows == 3000
    text = " ".join(r["exporter_name"] + r["importer_name"] + r["description"] for r in rows)
    assert "ООО" in text and "有限公司" in text and "Co., Ltd." in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text) and any("а" <= ch <= "я" for ch in text)

    def cny_share(year: str) -> float:
        ru = [
            r for r in rows if r["date"].startswith(year) and r["importer_country"] in ("RU", "BY")
        ]
        return sum(r["currency"] == "CNY" for r in ru) / len(ru)

    assert cny_share("2022") < cny_share("2023") < cny_share("2024")
    assert truth.planted_party_rows >= 50
    assert {"transshipment", "undervalued_chips", "hidden_chips", "split_shipments"} <= set(
        truth.cases
    )


def test_generation_is_reproducible(tmp_path: Path) -> None:
    first = generate_demo_dataset(tmp_path / "a" / "demo.csv", rows=500, seed=5)
    second = generate_demo_dataset(tmp_path / "b" / "demo.csv", rows=500, seed=5)
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.truth_path.read_bytes() == second.truth_path.read_bytes()


def test_russian_dialect_is_read_through_the_header_aliases(
    tmp_path: Path, cordon_home: Path
) -> None:
    from cordon.records.read import read_batches

    truth = generate_demo_dataset(tmp_path / "ru.csv", rows=300, seed=9, dialect="ru")
    header = truth.path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("Номер декларации;Дата;Отправитель")
    batches = list(read_batches(truth.path))
    assert sum(b.table.num_rows for b in batches) == 300
    assert sum(len(b.rejects) for b in batches) == 0


def test_cordon_demo_alerts_every_planted_party(cordon_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = CliRunner().invoke(app, ["demo", "--out", str(out), "--rows", "2500"])
    assert result.exit_code == 0, result.output
    assert "recall" in result.output and str(out / "alerts.jsonl") in result.output

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["input_rows"] == summary["screened"] == 2500
    alerts = {a["record_id"]: a for a in read_alerts(out / "alerts.jsonl")}
    with (out / "demo_truth.csv").open(encoding="utf-8", newline="") as fh:
        truth = list(csv.DictReader(fh))

    party = [t for t in truth if t["expected"] == "party_match"]
    missed = [
        t
        for t in party
        if not any(
            r["kind"] == "party_match"
            and r["role"] == t["role"]
            and r["entity_id"] == t["source_id"]
            for r in alerts.get(t["record_id"], {"reasons": []})["reasons"]
        )
    ]
    assert len(party) >= 40 and len(missed) <= 0.05 * len(party), missed[:5]

    planted_ids = {t["record_id"] for t in party}
    false_party = [
        rid
        for rid, a in alerts.items()
        if rid not in planted_ids and any(r["kind"] == "party_match" for r in a["reasons"])
    ]
    assert len(false_party) <= 0.01 * (2500 - len(planted_ids))

    for case, rule in (
        ("transshipment", "RF-02"),
        ("undervalued_chips", "RF-21b"),
        ("split_shipments", "RF-20"),
    ):
        rows = [t for t in truth if t["case"] == case]
        hits = [
            t
            for t in rows
            if any(
                r.get("rule") == rule
                for r in alerts.get(t["record_id"], {"reasons": []})["reasons"]
            )
        ]
        assert rows and len(hits) >= 0.8 * len(rows), (case, len(hits), len(rows))
    assert (out / "report.html").exists()


def test_cordon_demo_as_a_russian_customs_export(cordon_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo-ru"
    result = CliRunner().invoke(app, ["demo", "--out", str(out), "--rows", "600", "--russian"])
    assert result.exit_code == 0, result.output
    assert (out / "customs_demo.csv").read_text(encoding="utf-8").startswith("Номер декларации;")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["input_rows"] == summary["screened"] == 600
    assert summary["reasons_by_kind"]["party_match"] > 0 and summary["reasons_by_kind"]["chpl"] > 0
