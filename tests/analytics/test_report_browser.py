"""The report in headless Chromium (Debian's package): no JS errors, every chart drawn, offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from cordon.analytics.report import build_report
from tests.analytics.fixture_run import RUN_ID
from tests.conftest import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOT = REPO_ROOT / "build" / "report-fixture.png"
CHARTS = {"chpl_by_month", "routes", "currency_share", "alert_network"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"{CHROMIUM} missing: run `make browser-deps` (Debian chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def opened_report(
    browser: Browser, fixture_store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> Iterator[tuple[Page, list[str], list[str]]]:
    """The fixture run's report opened from disk: the page, JS errors and outside requests."""
    report = build_report(fixture_store, RUN_ID, tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def refuse_network(route, request) -> None:  # type: ignore[no-untyped-def]
        if request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    page.route("**/*", refuse_network)
    page.goto(report.as_uri(), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.chart .main-svg').length >= 4")
    yield page, errors, outside
    page.close()


def test_report_renders_every_chart_without_errors(
    opened_report: tuple[Page, list[str], list[str]],
) -> None:
    page, errors, outside = opened_report
    charts = page.eval_on_selector_all(
        ".chart",
        """divs => divs.map(d => {
            const svgs = [...d.querySelectorAll('svg.main-svg')];
            const box = d.getBoundingClientRect();
            return {name: d.dataset.chart, svgs: svgs.length, width: box.width, height: box.height,
                    shapes: d.querySelectorAll('path, rect, circle').length,
                    canvas: d.querySelectorAll('canvas').length};
        })""",
    )
    assert {c["name"] for c in charts} == CHARTS
    for chart in charts:
        assert chart["svgs"] + chart["canvas"] > 0, chart
        assert chart["width"] > 300 and chart["height"] > 200, chart
        assert chart["shapes"] > 5, chart  # drawn marks, not an empty plot frame
    # origins CN DE RU + dispatch CN HK KZ DE RU + destinations RU KZ BY
    assert page.locator("#chart-routes .sankey-node").count() == 11
    overflowing = page.evaluate(
        "[...document.querySelectorAll('section')].filter(s => s.scrollWidth > s.clientWidth)"
        ".map(s => s.id)"
    )
    assert overflowing == []  # every section fits a laptop-wide window
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 50_000
    assert errors == []
    assert outside == []  # self-contained: nothing fetched from the network


def test_alert_table_sorts_and_filters(opened_report: tuple[Page, list[str], list[str]]) -> None:
    page, errors, _ = opened_report
    rows = page.locator("#alert-table tbody tr")
    assert rows.count() == 7
    assert rows.first.locator("td").nth(1).inner_text() == "r1"  # highest risk first
    page.fill("#alert-filter", "ural")
    assert rows.count() == 4  # r3, r4, r6, r9 go to Ural Trade
    assert "4 of 7 alerts" in page.inner_text("#alert-count")
    page.fill("#alert-filter", "")
    page.select_option("#alert-kind", "red_flag")
    red_flagged = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    assert sorted(red_flagged) == ["r2", "r3", "r6"]
    page.select_option("#alert-kind", "")
    page.click("th[data-key=value_usd]")  # numbers sort descending first
    assert rows.first.locator("td").nth(1).inner_text() == "r2"  # $5,000
    page.click("th[data-key=value_usd]")
    assert rows.first.locator("td").nth(1).inner_text() == "r9"  # $139; r8 (no USD value) last
    assert rows.last.locator("td").nth(1).inner_text() == "r8"
    assert errors == []
