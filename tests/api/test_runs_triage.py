"""The main flow over real HTTP: upload, background screening, alert listing and filters, triage."""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from cordon.store import connect
from tests.api.conftest import make_store
from tests.api.flow import upload, wait_for_run
from tests.api.live import live_server


@pytest.fixture(scope="module")
def screened(server: str, api_fixtures: Path) -> dict[str, Any]:
    """One finished run of tests/fixtures/api/shipments.csv against every loaded list."""
    with httpx.Client(base_url=server, timeout=30) as client:
        run_id = upload(client, api_fixtures / "shipments.csv")
        return wait_for_run(client, run_id)


def _alerts(client: httpx.Client, run_id: str, **params: Any) -> dict[str, Any]:
    resp = client.get(f"/runs/{run_id}/alerts", params=params)
    assert resp.status_code == 200, resp.text
    return dict(resp.json())


def test_run_completes_with_accounting(client: httpx.Client, screened: dict[str, Any]) -> None:
    assert screened["status"] == "done", screened.get("error")
    assert screened["progress"] == 1.0
    assert screened["input_rows"] == 8
    assert screened["input_rows"] == screened["screened"] + screened["rejected"]
    assert screened["input_name"] == "shipments.csv"
    assert set(screened["lists"]) == {"cordon_sample", "testlinks"}
    runs = client.get("/runs").json()
    assert screened["run_id"] in [r["run_id"] for r in runs["results"]]
    assert "input_path" not in runs["results"][0]  # server paths are never exposed
    assert not any(key.endswith(("_path", "_dir")) for key in screened["summary"])
    assert screened["summary"]["input_rows"] == 8


def test_alerts_carry_reasons_and_record(client: httpx.Client, screened: dict[str, Any]) -> None:
    page = _alerts(client, screened["run_id"], limit=100)
    assert page["total"] == screened["alerted"] == len(page["results"])
    by_record = {a["record_id"]: a for a in page["results"]}
    party = [r for r in by_record["S-001"]["reasons"] if r["kind"] == "party_match"]
    assert party and party[0]["role"] == "importer" and party[0]["list"] == "cordon_sample"
    assert party[0]["entity_id"] == "18782"  # OFAC ent_num of Rosoboronexport
    assert by_record["S-001"]["record"]["hs6"] == "852691"
    assert "S-003" not in by_record  # trousers between unlisted parties
    risks = [a["risk"] for a in page["results"]]
    assert risks == sorted(risks, reverse=True)


def test_alert_filters(client: httpx.Client, screened: dict[str, Any]) -> None:
    run_id = screened["run_id"]
    everything = _alerts(client, run_id, limit=100)["results"]

    def ids(**params: Any) -> set[str]:
        return {a["record_id"] for a in _alerts(client, run_id, limit=100, **params)["results"]}

    def expected(pred: Any) -> set[str]:
        return {a["record_id"] for a in everything if pred(a)}

    assert ids(kind="party_match") == expected(
        lambda a: any(r["kind"] == "party_match" for r in a["reasons"])
    )
    assert ids(kind="chpl") == expected(lambda a: any(r["kind"] == "chpl" for r in a["reasons"]))
    assert "S-001" in ids(kind="party_match") and "S-007" in ids(kind="chpl")
    assert ids(list="cordon_sample") == ids(kind="party_match")
    assert ids(min_risk=0.9) == expected(lambda a: a["risk"] >= 0.9)
    assert ids(party="almaz") == expected(
        lambda a: (
            "almaz" in (a["record"]["importer_name"] or "").lower()
            or "almaz" in (a["record"]["exporter_name"] or "").lower()
        )
    )
    assert "S-002" in ids(party="ALMAZ")
    assert ids(hs_chapter="85") == expected(lambda a: (a["record"]["hs6"] or "").startswith("85"))
    assert ids(hs_chapter="10") == set()
    rules = {r["rule"] for a in everything for r in a["reasons"] if r["kind"] == "red_flag"}
    for rule in rules:
        assert ids(rule=rule) == expected(
            lambda a, rule=rule: any(r.get("rule") == rule for r in a["reasons"])
        )
    first = _alerts(client, run_id, limit=1, offset=0)
    second = _alerts(client, run_id, limit=1, offset=1)
    assert first["total"] == second["total"] == len(everything)
    assert [first["results"][0]["alert_id"], second["results"][0]["alert_id"]] == [
        a["alert_id"] for a in everything[:2]
    ]
    assert client.get(f"/runs/{run_id}/alerts", params={"kind": "bogus"}).status_code == 422
    assert client.get(f"/runs/{run_id}/alerts", params={"hs_chapter": "8"}).status_code == 422


def test_triage_appends_to_the_audit_log(client: httpx.Client, screened: dict[str, Any]) -> None:
    alert_id = f"{screened['run_id']}:S-002"
    before = client.get(f"/alerts/{alert_id}").json()
    assert before["status"] == "open" and before["events"] == []
    assert before["record"]["importer_name"] == "JSC Concern Almaz-Antey"

    first = client.patch(
        f"/alerts/{alert_id}",
        json={
            "analyst": "Dana K.",
            "status": "escalated",
            "note": "Importer is Almaz-Antey; ask legal.",
        },
    )
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "escalated"
    note_only = client.patch(
        f"/alerts/{alert_id}", json={"analyst": "Lee", "note": "Called the broker."}
    )
    assert note_only.json()["status"] == "escalated"  # a note alone keeps the status
    final = client.patch(
        f"/alerts/{alert_id}",
        json={"analyst": "Dana K.", "status": "confirmed", "note": "Confirmed by legal."},
    ).json()
    assert final["status"] == "confirmed" and final["updated_at"]
    events = final["events"]
    assert [(e["analyst"], e["status"], e["note"]) for e in events] == [
        ("Dana K.", "escalated", "Importer is Almaz-Antey; ask legal."),
        ("Lee", None, "Called the broker."),
        ("Dana K.", "confirmed", "Confirmed by legal."),
    ]
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    assert events[0] == first.json()["events"][0]  # earlier entries are never rewritten
    confirmed = _alerts(client, screened["run_id"], status="confirmed")["results"]
    assert [a["alert_id"] for a in confirmed] == [alert_id]


def test_runs_left_running_are_marked_interrupted(tmp_path: Path) -> None:
    home = make_store(tmp_path / "home")
    conn = connect(home / "cordon.duckdb")
    conn.execute(
        "INSERT INTO runs (run_id, input_path, started_at, status) "
        "VALUES ('stale-run', 'x.csv', now()::TIMESTAMP, 'running')"
    )
    conn.close()
    with live_server(home) as base:
        run = httpx.get(f"{base}/runs/stale-run").json()
    assert run["status"] == "failed"
    assert run["error"].startswith("interrupted")


def test_report_tables_as_json(client: httpx.Client, screened: dict[str, Any]) -> None:
    run_id = screened["run_id"]
    headline = client.get(f"/runs/{run_id}/tables/headline").json()
    assert headline["rows"][0]["alerts"] == screened["alerted"]
    routes = client.get(f"/runs/{run_id}/tables/routes").json()["rows"]
    assert sum(row["records"] for row in routes) == screened["screened"]
    assert ("TR", "RU") in {(row["dispatch"], row["destination"]) for row in routes}
    missing = client.get(f"/runs/{run_id}/tables/nope")
    assert missing.status_code == 404 and "headline" in missing.json()["detail"]
    assert client.get("/runs/no-such-run/tables/headline").status_code == 404


def test_served_report_links_its_parties_to_their_pages(
    client: httpx.Client, screened: dict[str, Any]
) -> None:
    html = client.get(f"/runs/{screened['run_id']}/download/report.html").text
    links = sorted(set(re.findall(r'<a class="party-link" href="(/ui/party\?[^"]+)"', html)))
    network = html[html.index('id="network-table"'):]
    assert links and 'class="party-link"' in network  # top parties and the network's flows
    for href in links[:6]:
        page = client.get(unescape(href))
        assert page.status_code == 200, href
        name = parse_qs(urlsplit(unescape(href)).query)["name"][0]
        assert escape(name, quote=False) in page.text
