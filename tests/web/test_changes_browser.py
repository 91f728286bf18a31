"""In Chromium: after a list update the runs page offers to re-screen; "what changed this week"
lists exactly the shipments of the new designation, linked to their alerts and party pages."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.api.live import live_server
from tests.cli_process import cordon
from tests.rescreen_fixture import designation_file, screened_home

pytestmark = pytest.mark.browser


def test_list_update_button_then_what_changed(
    browser: Browser, build_dir: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    screened_home(home, tmp_path / "screened")
    update = designation_file(tmp_path)
    loaded = cordon(home, "lists", "load", "--dataset", "testlinks", str(update))
    assert loaded.returncode == 0, loaded.stderr
    with live_server(home) as base:
        assert httpx.get(f"{base}/rescreens").json() == {"lists_changed": True, "results": []}
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/ui/")
        expect(page.locator("#lists-changed")).to_be_visible()
        page.click("#lists-changed #rescreen-button")
        page.wait_for_url("**/ui/changes?done=*")
        expect(page.locator("#lists-changed")).to_have_count(0)
        runs = page.locator(".rescreen-run")
        expect(runs).to_have_count(1)
        rows = runs.first.locator(".rescreen-hits tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.nth(0)).to_contain_text("Shenzhen Huaxin Electronics Co. Ltd")
        expect(rows.nth(0)).to_contain_text("≈ SHENZHEN HUAXIN ELECTRONICS CO., LTD.")
        assert sorted(rows.locator("a.alert-link").all_inner_texts()) == ["S-001", "S-007"]
        page.screenshot(path=str(build_dir / "web-changes.png"), full_page=True)

        api = httpx.get(f"{base}/rescreens").json()
        assert api["lists_changed"] is False
        assert sorted(h["record_id"] for h in api["results"][0]["shipments"]) == ["S-001", "S-007"]
        # the party page of the newly hit exporter, from the hit
        rows.nth(0).locator("a.party-link").click()
        expect(page.locator("h1")).to_contain_text("Shenzhen Huaxin Electronics Co. Ltd")
        page.go_back()
        rows.nth(0).locator("a.entity-link").click()
        listed = page.get_by_role("heading", name="SHENZHEN HUAXIN ELECTRONICS CO., LTD.")
        expect(listed).to_be_visible()
        # nothing changed since: re-screening again says so and adds no run
        page.goto(f"{base}/ui/changes")
        page.click("#rescreen-button")
        expect(page.locator("#rescreen-done")).to_be_visible()
        expect(page.locator(".rescreen-run")).to_have_count(1)
