"""The web pages over plain HTTP: HTML errors, filter validation, content of each page."""

from __future__ import annotations

import httpx

from tests.api.conftest import FIXTURES
from tests.api.flow import upload, wait_for_run


def test_errors_are_pages_for_the_web_and_json_for_the_api(web_server: str) -> None:
    with httpx.Client(base_url=web_server) as client:
        page = client.get("/ui/runs/no-such-run")
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert "No such run: \u2068no-such-run\u2069" in page.text  # the id isolated as data
        api = client.get("/runs/no-such-run")
        assert api.status_code == 404 and api.json() == {"detail": "No such run: no-such-run"}
        assert client.get("/ui/entities/nope-1").status_code == 404


def test_run_page_filters(web_server: str) -> None:
    with httpx.Client(base_url=web_server, timeout=30) as client:
        run_id = wait_for_run(client, upload(client, FIXTURES / "shipments.csv"))["run_id"]
        everything = client.get(f"/ui/runs/{run_id}")
        assert everything.status_code == 200 and "S-001" in everything.text
        # An empty form field means "any", as browsers send it.
        blank = {"kind": "", "rule": "", "list": "", "min_risk": "", "party": "",
                 "hs_chapter": "", "status": ""}  # fmt: skip
        assert client.get(f"/ui/runs/{run_id}", params=blank).text.count("alert-link") == (
            everything.text.count("alert-link")
        )
        chpl = client.get(f"/ui/runs/{run_id}", params={"kind": "chpl"}).text
        assert "S-007" in chpl and "S-005" not in chpl
        almaz = client.get(f"/ui/runs/{run_id}", params={"party": "almaz"}).text
        assert "S-002" in almaz and "S-001" not in almaz
        for bad, says in (
            ({"min_risk": "high"}, "min_risk must be a number"),
            ({"min_risk": "2"}, "Invalid filter value for min_risk"),
            ({"hs_chapter": "8"}, "Invalid filter value for hs_chapter"),
            ({"kind": "x"}, "Invalid filter value for kind"),
        ):
            resp = client.get(f"/ui/runs/{run_id}", params=bad)
            assert resp.status_code == 400 and says in resp.text, bad
        report = client.get(f"/ui/runs/{run_id}/report")
        assert report.status_code == 200 and "data-figure" in report.text


def test_alert_page_says_lists_threshold_version_and_party_as_written(web_server: str) -> None:
    with httpx.Client(base_url=web_server, timeout=30) as client:
        run_id = wait_for_run(client, upload(client, FIXTURES / "shipments.csv"))["run_id"]
        run = client.get(f"/runs/{run_id}").json()
        page = client.get(f"/ui/alerts/{run_id}:S-002").text
        assert "Screened by cordon " in page and "(version not recorded)" not in page
        assert "party-match threshold 0.80" in page
        for dataset, version in run["lists"].items():
            assert f"{dataset} {version}" in page
        assert "(as written in the record)" in page and "≈" in page
