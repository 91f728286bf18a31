"""The demo run's report in the four languages in one Chromium session: direction, layout, charts.

Screenshots (full page) go to build/i18n/report-<lang>.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from cordon import store
from cordon.analytics.report import build_report
from tests.conftest import REPO_ROOT
from tests.i18n.conftest import DemoRun
from tests.i18n.layout import check_page

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]
SHOTS = REPO_ROOT / "build" / "i18n"
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def test_report_in_four_languages(
    demo_run: DemoRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CHROMIUM.exists(), f"{CHROMIUM} missing: run `make browser-deps`"
    monkeypatch.setenv("CORDON_I18N_STRICT", "1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    conn = store.connect(demo_run.store_path, read_only=True)
    try:
        reports = {
            code: build_report(conn, None, SHOTS / f"report-{code}.html", code)
            for code in ("en", "ar", "ru", "zh")
        }
    finally:
        conn.close()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for code, path in reports.items():
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_function("document.querySelectorAll('.chart .main-svg').length >= 4")
            check_page(page, code, "rtl" if code == "ar" else "ltr")
            rows = page.locator("#alert-table tbody tr")
            assert rows.count() == 25  # the alert table's script ran, in this language
            if code == "ar":
                # Mirrored: the value axis on the right of the bar chart, time from right to left.
                layout = page.evaluate("""() => {
                  const at = (el) => el.getBoundingClientRect().x;
                  const chart = document.querySelector('#chart-chpl_by_month');
                  const months = [...chart.querySelectorAll('.xtick text')]
                    .sort((a, b) => at(a) - at(b)).map((el) => el.textContent);
                  const ticks = [...chart.querySelectorAll('.ytick text')];
                  const values = ticks.map(at);
                  const middle = at(chart) + chart.getBoundingClientRect().width / 2;
                  return {months, valuesFrom: Math.min(...values), middle,
                          ticks: ticks.map((el) => el.textContent)};
                }""")
                latin = [m.translate(ARABIC_DIGITS).strip("\u2066\u202d\u202c\u2069")
                         for m in layout["months"]]
                assert latin[0] > latin[-1], latin  # the latest month on the left
                assert layout["valuesFrom"] > layout["middle"]  # the value axis on the right
                # Arabic-Indic digits on the value axis (plotly writes 0-9; chart-digits.js)
                assert any(re.search("[٠-٩]", t) for t in layout["ticks"]), layout["ticks"]
                assert not any(re.search("[0-9]", t) for t in layout["ticks"]), layout["ticks"]
            page.screenshot(path=str(SHOTS / f"report-{code}.png"), full_page=True)
        browser.close()
    assert errors == []
