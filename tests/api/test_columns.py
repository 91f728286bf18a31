"""Unrecognized upload headers over the real HTTP API: 422 with the headers, the mapping page,
and the same mapping sent as a ``--columns`` YAML document screening the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import yaml

from cordon.records.headers import dump_column_map
from tests.api.flow import upload, wait_for_run
from tests.columns_fixture import mapping, odd_headers_file


def test_unrecognized_headers_lead_to_the_mapping_step(
    client: httpx.Client, tmp_path: Path
) -> None:
    odd = odd_headers_file(tmp_path)
    with odd.open("rb") as fh:
        resp = client.post("/screen", files={"file": ("odd.csv", fh, "text/csv")},
                           data={"assume": "currency=USD"})  # fmt: skip
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert "Seller firm" in body["headers"] and "hs_code" in body["missing"]
    assert body["detail"].startswith("odd.csv: missing required column(s)")
    assert str(tmp_path) not in body["detail"] and "uploads" not in body["detail"]
    url = body["mapping_url"]
    assert re.fullmatch(r"/ui/uploads/[0-9T]{15}-[0-9a-f]{8}/columns", url)

    page = client.get(url)
    assert page.status_code == 200
    assert "Tariff line" in page.text and "currency=USD" in page.text  # the form's choices kept
    # what the aliases recognized is pre-set
    assert re.search(r'<option value="Amount"[^>]* selected[ >]', page.text)
    # a mapping still without an HS code column: the form again, saying what is missing
    partial = {f"column.{k}": v for k, v in mapping().items() if k != "hs_code"}
    again = client.post(url, data={**partial, "action": "screen"})
    assert again.status_code == 400 and "missing required column(s): hs_code" in again.text
    bad = client.post(url, data={**partial, "column.hs_code": "Tariff line",
                                 "assume": "destination_country=Atlantis", "action": "screen"})
    assert bad.status_code == 400 and "Atlantis" in bad.text
    assert client.get("/ui/uploads/20990101T000000-00000000/columns").status_code == 404

    # the API takes the same mapping as a --columns MAP.yaml document
    document = dump_column_map(mapping(), {"destination_country": "RU"})
    assert yaml.safe_load(document)["assume"] == {"destination_country": "RU"}
    run_id = upload(client, odd, columns=document)
    run = wait_for_run(client, run_id)
    assert run["status"] == "done", run.get("error")
    # every row but the fixture's garbage line S-008 read through the mapping
    assert (run["input_rows"], run["rejected"]) == (8, 1) and run["alerted"] > 0
    alerts = client.get(f"/runs/{run_id}/alerts", params={"limit": 500}).json()["results"]
    assert {"S-001", "S-002"} <= {a["record_id"] for a in alerts}
    lines = client.get(f"/runs/{run_id}/download/alerts.jsonl").text.splitlines()
    assert all(json.loads(line)["assumed"] == {"destination_country": "RU"} for line in lines)

    broken = client.post("/screen", files={"file": ("odd.csv", odd.read_bytes(), "text/csv")},
                         data={"columns": "columns: [1, 2"})  # fmt: skip
    assert broken.status_code == 400 and broken.json()["detail"].startswith("columns:")


def test_uploads_abandoned_at_the_mapping_step_are_removed_after_a_week(tmp_path: Path) -> None:
    import os
    import time

    from cordon.api.column_step import PendingUpload, expire_pending, save_pending

    uploads = tmp_path / "uploads"
    uploads.mkdir()
    for run_id in ("OLD", "NEW"):
        (uploads / f"{run_id}.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        (uploads / f"{run_id}.columns.yaml").write_text("columns: {}\n", encoding="utf-8")
        save_pending(uploads, PendingUpload(run_id, f"{run_id}.csv", "x.csv", None, None, {}))
    eight_days_ago = time.time() - 8 * 86400
    os.utime(uploads / "OLD.pending.json", (eight_days_ago, eight_days_ago))
    hostile = uploads / "EVIL.pending.json"  # a stored name outside uploads/ is never followed
    hostile.write_text(json.dumps({"run_id": "EVIL", "stored_name": "../victim", "input_name": "v",
                                   "lists": None, "threshold": None, "assume": {}}))  # fmt: skip
    os.utime(hostile, (eight_days_ago, eight_days_ago))
    (tmp_path / "victim").write_text("keep", encoding="utf-8")

    assert expire_pending(uploads) == ["OLD"]
    assert sorted(p.name for p in uploads.iterdir()) == [
        "EVIL.pending.json", "NEW.columns.yaml", "NEW.csv", "NEW.pending.json"]  # fmt: skip
    assert (tmp_path / "victim").read_text(encoding="utf-8") == "keep"
