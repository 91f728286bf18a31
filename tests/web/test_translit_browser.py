"""Names stay as written, with their Latin transliteration beside them, in every UI language.

A shipment from a real Chinese party of the UN list (華信船務(香港)有限公司) to a real Russian one
(АО «Рособоронэкспорт») is screened by the live server; Chromium then reads the party pages and the
alert page in the four languages, and the run's HTML report: the name as written, and beside it
the transliteration cordon's own romanizer gives (pinyin, BGN/PCGN), left to right.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from cordon.names.translit import romanize
from tests.api.flow import upload, wait_for_run
from tests.i18n.layout import check_page

pytestmark = pytest.mark.browser

CHINESE = ("華信船務(香港)有限公司", "HK")  # UN list (consolidated.xml), an alias as listed
RUSSIAN = ("АО «Рособоронэкспорт»", "RU")
LANGUAGES = {"en": "ltr", "ar": "rtl", "ru": "ltr", "zh": "ltr"}
HEADER = ",".join((
    "record_id", "date", "exporter_name", "exporter_country", "importer_name", "importer_country",
    "hs_code", "description", "origin_country", "dispatch_country", "destination_country", "value",
    "currency",
))  # fmt: skip


def _translits(page: Page, scope: str) -> list[str]:
    return [text.strip() for text in page.locator(f"{scope} .translit").all_text_contents()]


def test_names_beside_their_transliteration(
    web_server: str, browser: Browser, tmp_path: Path, build_dir: Path
) -> None:
    shipments = tmp_path / "translit.csv"
    shipments.write_text(
        f"{HEADER}\nT-1,2024-02-01,{CHINESE[0]},HK,\"{RUSSIAN[0]}\",RU,852691,GNSS receivers,"
        "CN,HK,RU,50000,USD\n",
        encoding="utf-8",
    )
    with httpx.Client(base_url=web_server, timeout=30) as client:
        run_id = wait_for_run(client, upload(client, shipments))["run_id"]
        alerts = client.get(f"/runs/{run_id}/alerts").json()["results"]
    assert len(alerts) == 1  # CHPL tier 1 goods
    latin = {name: romanize(name) for name, _ in (CHINESE, RUSSIAN)}
    assert latin[CHINESE[0]].startswith("Hua Xin") and latin[RUSSIAN[0]].startswith("AO «Rosob")
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for code, direction in LANGUAGES.items():
        page.goto(f"{web_server}/ui/?lang={code}")
        for name, country in (CHINESE, RUSSIAN):
            page.goto(f"{web_server}/ui/party?" + urlencode({"name": name, "country": country}))
            check_page(page, code, direction)
            heading = page.locator("#party-name")
            assert heading.locator("bdi").inner_text() == name
            transliterated = heading.locator(".translit")
            assert transliterated.inner_text().strip() == latin[name]
            assert transliterated.get_attribute("dir") == "ltr"
        page.goto(f"{web_server}/ui/alerts/{alerts[0]['alert_id']}")
        check_page(page, code, direction)
        shown = _translits(page, "main")
        assert latin[CHINESE[0]] in shown and latin[RUSSIAN[0]] in shown, (code, shown)
    # The run's HTML report (as downloaded): the alert table and the network's flow table.
    report = tmp_path / "report.html"
    report.write_bytes(httpx.get(f"{web_server}/runs/{run_id}/download/report.html").content)
    page.goto(report.as_uri())
    expect(page.locator("#alert-table .translit").first).to_be_visible(timeout=30_000)
    assert _translits(page, "#alert-table") == [latin[CHINESE[0]], latin[RUSSIAN[0]]]
    assert _translits(page, "#network-table") == [latin[CHINESE[0]], latin[RUSSIAN[0]]]
    page.screenshot(path=str(build_dir / "i18n" / "translit-report.png"), full_page=True)
    context.close()
