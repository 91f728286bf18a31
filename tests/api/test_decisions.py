"""Standing decisions, bulk triage and sorting through the real HTTP API (uvicorn on loopback)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
from openpyxl import load_workbook

from cordon.analytics.fx import USD_PER_UNIT
from tests.api.conftest import FIXTURES
from tests.api.flow import upload, wait_for_run

SHIPMENTS = FIXTURES / "shipments.csv"


def _run(client: httpx.Client) -> str:
    run = wait_for_run(client, upload(client, SHIPMENTS))
    assert run["status"] == "done", run
    return str(run["run_id"])


def test_dismiss_once_and_the_next_run_of_the_same_file_shows_it_previously_dismissed(
    client: httpx.Client,
) -> None:
    first = _run(client)
    alert = client.get(f"/alerts/{first}:S-002").json()
    [pair] = [r for r in alert["reasons"] if r["kind"] == "party_match"]
    taken = client.post("/decisions", json={
        "alert_id": f"{first}:S-002", "status": "dismissed", "analyst": "Ana Petrova",
        "note": "Different company: other INN"})  # fmt: skip
    assert taken.status_code == 201, taken.text
    body = taken.json()
    assert body["alerts_changed"] >= 1
    [decision] = body["decisions"]
    assert (decision["party_name"], decision["list"], decision["entity_id"]) == (
        "JSC Concern Almaz-Antey", pair["list"], pair["entity_id"])
    assert client.get(f"/alerts/{first}:S-002").json()["status"] == "dismissed"

    second = _run(client)
    again = client.get(f"/alerts/{second}:S-002").json()
    assert again["status"] == "dismissed"
    assert again["decision"]["decision_id"] == decision["decision_id"]
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    [event] = again["events"]
    assert event["note"].startswith(
        f"previously dismissed by Ana Petrova on {today}: Different company: other INN")
    # alerts of other pairs stay open
    assert client.get(f"/alerts/{second}:S-001").json()["status"] == "open"
    listed = client.get("/decisions").json()
    assert decision["decision_id"] in {d["decision_id"] for d in listed["results"]}

    # withdrawing the decision ("open") reopens every alert it had set, with an audit event
    withdrawn = client.post("/decisions", json={
        "party_name": "JSC Concern Almaz-Antey", "list": pair["list"],
        "entity_id": pair["entity_id"], "status": "open", "analyst": "Ana Petrova"})  # fmt: skip
    assert withdrawn.status_code == 201 and withdrawn.json()["alerts_changed"] >= 2
    reopened = client.get(f"/alerts/{second}:S-002").json()
    assert reopened["status"] == "open" and reopened["decision"] is None
    assert "no longer applies" in reopened["events"][-1]["note"]


def test_bad_decisions_are_refused(client: httpx.Client) -> None:
    run_id = _run(client)
    both = {"alert_id": f"{run_id}:S-002", "party_name": "X", "list": "l", "entity_id": "1",
            "status": "dismissed", "analyst": "a"}  # fmt: skip
    assert client.post("/decisions", json=both).status_code == 422
    half = {"party_name": "X", "status": "dismissed", "analyst": "a"}
    assert client.post("/decisions", json=half).status_code == 422
    bad_status = {"alert_id": f"{run_id}:S-002", "status": "maybe", "analyst": "a"}
    assert client.post("/decisions", json=bad_status).status_code == 422
    unknown = {"alert_id": f"{run_id}:nope", "status": "dismissed", "analyst": "a"}
    resp = client.post("/decisions", json=unknown)
    assert resp.status_code == 404 and "No such alert" in resp.json()["detail"]
    # S-007 has no party match: nothing to decide on as a pair
    chpl_only = [a for a in client.get(f"/runs/{run_id}/alerts", params={"limit": 100}).json()[
        "results"] if not any(r["kind"] == "party_match" for r in a["reasons"])]
    assert chpl_only
    resp = client.post("/decisions", json={"alert_id": chpl_only[0]["alert_id"],
                                           "status": "dismissed", "analyst": "a"})
    assert resp.status_code == 422 and "no party match" in resp.json()["detail"]


def test_sorting_and_bulk_triage_of_a_filtered_set(client: httpx.Client) -> None:
    run_id = _run(client)

    def listing(**params: str) -> list[dict[str, object]]:
        resp = client.get(f"/runs/{run_id}/alerts", params={"limit": "1000", **params})
        assert resp.status_code == 200, resp.text
        return list(resp.json()["results"])

    def usd(alert: dict[str, object]) -> float:
        record = alert["record"]
        assert isinstance(record, dict)
        rate = USD_PER_UNIT.get(record["currency"], {}) if record["currency"] != "USD" else {0: 1}
        return float(record["value"]) * rate[max(rate)] if rate else float("-inf")

    by_value = listing(sort="value")
    assert [usd(a) for a in by_value] == sorted((usd(a) for a in by_value), reverse=True)
    by_party = listing(sort="party")
    names = [str(a["record"]["exporter_name"]).lower() for a in by_party]  # type: ignore[index]
    assert names == sorted(names)
    dates = [a["record"]["date"] for a in listing(sort="date")]  # type: ignore[index]
    assert dates == sorted(dates, reverse=True)
    assert client.get(f"/runs/{run_id}/alerts", params={"sort": "bogus"}).status_code == 422

    chpl = listing(kind="chpl")
    resp = client.post(f"/runs/{run_id}/alerts/triage", params={"kind": "chpl"},
                       json={"analyst": "Ana", "status": "escalated", "note": "CHPL batch"})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"alerts": len(chpl), "decisions": 0}
    after = listing()
    escalated = {a["alert_id"] for a in after if a["status"] == "escalated"}
    assert escalated == {a["alert_id"] for a in chpl}
    one = client.get(f"/alerts/{chpl[0]['alert_id']}").json()
    assert one["events"][-1]["note"] == "CHPL batch" and one["events"][-1]["analyst"] == "Ana"
    empty = client.post(f"/runs/{run_id}/alerts/triage", json={"analyst": "Ana"})
    assert empty.status_code == 422
    assert client.post("/runs/no-such-run/alerts/triage",
                       json={"analyst": "a", "status": "dismissed"}).status_code == 404


def test_upload_with_assumed_defaults(client: httpx.Client, tmp_path: Path) -> None:
    path = tmp_path / "no-destination.csv"
    path.write_text("record_id,exporter_name,importer_name,hs_code,origin_country,dispatch_country"
                    "\nA1,Shenzhen Huaxin Electronics,OOO Navigator,852691,CN,HK\n",
                    encoding="utf-8")
    bad = client.post("/screen", files={"file": (path.name, path.read_bytes(), "text/csv")},
                      data={"assume": "destination_country=Narnia"})
    assert bad.status_code == 400 and "Narnia" in bad.json()["detail"]
    run = wait_for_run(client, upload(client, path, assume="destination_country=RU"))
    alert = client.get(f"/alerts/{run['run_id']}:A1").json()
    assert alert["record"]["destination_country"] == "RU"
    assert alert["record"]["assumed"] == "destination_country"
    assert "RF-03" in {r.get("rule") for r in alert["reasons"]}


def test_downloads_of_a_run(client: httpx.Client, api_home: Path) -> None:
    run_id = _run(client)
    got = client.get(f"/runs/{run_id}/download/alerts.jsonl")
    assert got.status_code == 200
    assert f'filename="{run_id}-alerts.jsonl"' in got.headers["content-disposition"]
    written = (api_home / "runs" / run_id / "alerts.jsonl").read_text(encoding="utf-8")
    assert [json.loads(x) for x in got.text.splitlines()] == [
        json.loads(x) for x in written.splitlines()]  # the store gives back the screen contract
    table = client.get(f"/runs/{run_id}/download/alerts.xlsx")
    sheet = load_workbook(io.BytesIO(table.content), read_only=True)["alerts"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("alert_id", "record_id") and len(rows) == 1 + len(written.splitlines())
    rejects = client.get(f"/runs/{run_id}/download/rejects.csv").text
    assert rejects.startswith("line,record_id,field,reason,raw") and "S-008" in rejects
    report = client.get(f"/runs/{run_id}/download/report.html")
    assert report.status_code == 200 and "shipments.csv" in report.text
    assert client.get(f"/runs/{run_id}/download/secrets.txt").status_code == 422
    assert client.get("/runs/no-such-run/download/alerts.csv").status_code == 404


def test_party_profile_across_runs(client: httpx.Client) -> None:
    first, second = _run(client), _run(client)
    resp = client.get("/parties", params={"name": "shenzhen huaxin electronics co ltd",
                                          "country": "CN"})
    assert resp.status_code == 200, resp.text
    profile = resp.json()
    # one party whatever the case and punctuation: S-001 and S-007 of every run, as exporter
    ours = [s for s in profile["shipments"] if s["run_id"] in (first, second)]
    assert sorted((s["run_id"], s["record_id"]) for s in ours) == sorted(
        (run, rid) for run in (first, second) for rid in ("S-001", "S-007"))
    assert {s["role"] for s in ours} == {"exporter"}
    assert {"АО «Рособоронэкспорт»", "OOO Tekhnopark Vostok"} <= {
        c["name"] for c in profile["counterparties"]}
    assert profile["spellings"][0]["name"] == "Shenzhen Huaxin Electronics Co. Ltd"
    assert any(g["chapter"] == "85" and g["chpl_tier"] == "2" for g in profile["goods_by_month"])
    assert {r["currency"] for r in profile["currencies"]} >= {"CNY"}
    almaz = client.get("/parties", params={"name": "JSC Concern Almaz-Antey"}).json()
    assert almaz["matches"] and almaz["matches"][0]["dataset"] == "cordon_sample"
    found = client.get("/parties", params={"q": "huaxin"}).json()["results"]
    assert found[0]["name"] == "Shenzhen Huaxin Electronics Co. Ltd"
    assert client.get("/parties", params={"name": "Nobody Ltd"}).status_code == 404
