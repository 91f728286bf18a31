"""End to end in a real browser: upload a file, wait for the run, open an alert, dismiss it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.api.conftest import FIXTURES
from tests.api.flow import upload, wait_for_run

pytestmark = pytest.mark.browser


def test_upload_screen_and_dismiss_with_note(
    web_server: str, browser: Browser, build_dir: Path
) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response", lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None
    )

    page.goto(f"{web_server}/ui/")
    expect(page.get_by_role("heading", name="Screen a customs file")).to_be_visible()
    page.set_input_files("#file-input", str(FIXTURES / "shipments.csv"))
    expect(page.locator("#file-label")).to_have_text("shipments.csv")
    page.click("#upload-button")
    expect(page.locator("#upload-status")).to_be_visible()

    # The upload page follows the run and opens it when screening is done.
    page.wait_for_url("**/ui/runs/*", timeout=180_000)
    expect(page.locator("#alerts-table")).to_be_visible(timeout=30_000)
    page.screenshot(path=str(build_dir / "web-run.png"), full_page=True)
    run_url = page.url

    page.click("text=Report charts")
    expect(page.locator(".chart .main-svg").first).to_be_visible(timeout=30_000)
    assert page.locator(".chart").count() >= 1
    page.screenshot(path=str(build_dir / "web-report.png"), full_page=True)
    page.goto(run_url)

    page.select_option("select[name=kind]", "party_match")
    page.click("text=Filter")
    expect(page.locator("#alerts-table tbody tr")).not_to_have_count(0)
    row = page.locator("#alerts-table tbody tr", has_text="Almaz-Antey").first
    row.locator("a.alert-link").click()

    expect(page.get_by_role("heading", name="Why it was alerted")).to_be_visible()
    expect(page.locator(".reason-party_match").first).to_contain_text("cordon_sample")
    page.fill("#analyst", "Dana K.")
    page.fill("#note", "Same name, different company: registry check done.")
    page.click("button[data-status=dismissed]")

    log = page.locator("#audit-log")
    expect(log).to_contain_text("Dana K.")
    expect(log).to_contain_text("dismissed")
    expect(log).to_contain_text("Same name, different company: registry check done.")
    expect(page.locator("#alert-status")).to_have_text("dismissed")
    page.screenshot(path=str(build_dir / "web-alert.png"), full_page=True)

    # The linked listed entity opens from the reason.
    page.locator(".reason-party_match a.entity-link").first.click()
    expect(page.get_by_role("heading", name="Names and aliases")).to_be_visible()
    page.screenshot(path=str(build_dir / "web-entity.png"), full_page=True)

    page.goto(f"{web_server}/ui/")
    expect(page.locator("#runs-table")).to_contain_text("shipments.csv")
    page.screenshot(path=str(build_dir / "web-home.png"), full_page=True)
    assert errors == [], errors


def test_entity_page_shows_links(web_server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{web_server}/ui/entities/testlinks-100")
    expect(page.get_by_role("heading", name="ZENIT NAVIGATION SYSTEMS LLC")).to_be_visible()
    expect(page.locator("#linked")).to_contain_text("ORBITA TRADING LIMITED")
    expect(page.locator("#linked")).to_contain_text("Ivan Petrovich SIDOROV")
    expect(page.locator("body")).to_contain_text("7701234560")
    expect(page.locator("body")).to_contain_text("ООО «Зенит Навигационные Системы»")


def test_openapi_docs_render_offline(web_server: str, browser: Browser) -> None:
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.goto(f"{web_server}/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=30_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/match/{dataset}")
    expect(page.locator(".swagger-ui")).to_contain_text("/alerts/{alert_id}")
    assert failed == []


def test_lists_page_and_search(web_server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{web_server}/ui/search")
    expect(page.locator("#lists-table")).to_contain_text("cordon_sample")
    expect(page.locator("#lists-table")).to_contain_text("testlinks")
    page.fill(".topsearch input", "Алмаз-Антей")
    page.press(".topsearch input", "Enter")
    expect(page.locator("table")).to_contain_text("ALMAZ-ANTEY")


def test_week_in_the_browser_sort_navigate_standing_decision_bulk_rejects_downloads(
    web_server: str, browser: Browser, build_dir: Path
) -> None:
    with httpx.Client(base_url=web_server, timeout=30) as client:
        first = wait_for_run(client, upload(client, FIXTURES / "shipments.csv"))["run_id"]
        second = wait_for_run(client, upload(client, FIXTURES / "shipments.csv"))["run_id"]
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # sorting and next / previous within the listing
    page.goto(f"{web_server}/ui/runs/{first}?sort=value")
    expect(page.locator("select[name=sort]")).to_have_value("value")
    page.locator("#alerts-table a.alert-link").first.click()
    nav = page.locator("#alert-nav")
    expect(nav).to_contain_text("1 of")
    page.click("#alert-next")
    expect(page.locator("#alert-nav")).to_contain_text("2 of")
    assert "sort=value" in page.url
    page.click("#alert-prev")
    expect(page.locator("#alert-nav")).to_contain_text("1 of")

    # a standing decision on the first run's alert reaches the second run's alert
    page.goto(f"{web_server}/ui/alerts/{first}:S-002")
    expect(page.locator("#standing")).to_be_checked()
    page.fill("#analyst", "Dana K.")
    page.fill("#note", "Other INN: not the listed concern.")
    page.click("button[data-status=dismissed]")
    banner = page.locator("#standing-decision")
    expect(banner).to_contain_text("Previously dismissed by Dana K.")
    expect(banner).to_contain_text("Other INN: not the listed concern.")  # after the reload
    page.goto(f"{web_server}/ui/alerts/{second}:S-002")
    expect(page.locator("#alert-status")).to_have_text("dismissed")
    expect(page.locator("#standing-decision")).to_contain_text("Other INN: not the listed concern.")
    page.screenshot(path=str(build_dir / "web-standing-decision.png"), full_page=True)

    # the party page, from the party as written on the alert
    page.locator(".reason-party_match a.party-link").first.click()
    expect(page.locator("#party-name")).to_have_text("JSC Concern Almaz-Antey")
    expect(page.locator("#party-shipments")).to_contain_text(first)
    expect(page.locator("#party-shipments")).to_contain_text(second)
    expect(page.locator("#party-decisions")).to_contain_text("Other INN: not the listed concern.")
    expect(page.locator("#party-matches")).to_contain_text("cordon_sample")
    page.screenshot(path=str(build_dir / "web-party.png"), full_page=True)
    page.goto(f"{web_server}/ui/search?q=almaz")
    expect(page.locator("#party-results")).to_contain_text("JSC Concern Almaz-Antey")

    # bulk triage of a filtered set
    page.goto(f"{web_server}/ui/runs/{second}?kind=chpl")
    rows = page.locator("#alerts-table tbody tr").count()
    page.fill("#bulk-analyst", "Dana K.")
    page.select_option("#bulk-status", "escalated")
    page.fill("#bulk-note", "CHPL batch for the export-control desk")
    page.click("#bulk-apply")
    expect(page.locator("#alerts-table tbody tr", has_text="escalated")).to_have_count(rows)

    # rejects with line, field and reason; downloads
    page.goto(f"{web_server}/ui/runs/{second}")
    page.click("text=Rejects (")
    expect(page.locator("#rejects-table")).to_contain_text("S-008")
    page.goto(f"{web_server}/ui/runs/{second}")
    with page.expect_download() as download:
        page.click("#downloads >> text=alerts.csv")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("alert_id,record_id,") and "S-002" in text
    assert errors == [], errors
