"""No English left on what an Arabic (and a Russian, a Chinese) reader sees: every web page and the
report, walked text node by text node in Chromium (:mod:`tests.i18n.surface`).

The store is a screened demo-like run: the demo's 2,500 multilingual records and the API fixture's
shipments screened through the web app (alerts of every reason kind and most red flags, rejected
rows, party pages in Latin, Cyrillic and Chinese script, a listed entity with links), then a list
update re-screened (the changes page). A Latin-script word left in the language's own text fails,
unless it is a name, a code or an identifier isolated as data, or an entry of
``surface_allowed.yaml`` (docs/i18n.md, "What stays English").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from cordon import store
from cordon.analytics.report import build_report
from cordon.lists.load import load_dataset
from cordon.store import connect
from tests.api.conftest import FIXTURES, make_store
from tests.api.flow import upload, wait_for_run
from tests.api.live import live_server
from tests.columns_fixture import odd_headers_file
from tests.i18n.conftest import DemoRun
from tests.i18n.surface import (
    ALLOWED_FILE,
    Finding,
    latin_words,
    loose_dates,
    page_findings,
)
from tests.rescreen_fixture import DATASET, designation_file
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

LANGUAGES = ("ar", "ru", "zh")
SCRIPTS = {"cyrillic": re.compile("[а-яА-ЯёЁ]"), "han": re.compile("[\u4e00-\u9fff]")}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium (never a downloaded browser)."""
    assert Path(CHROMIUM).exists(), "install it: make browser-deps"
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def _alerts(client: httpx.Client, run_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    while True:
        page = client.get(f"/runs/{run_id}/alerts", params={"limit": 500, "offset": len(found)})
        found += page.json()["results"]
        if len(found) >= page.json()["total"]:
            return found


def _pages(run_ids: list[str], alerts: list[dict[str, Any]], mapping_url: str) -> dict[str, str]:
    """Every page: the fixed ones, each run's pages, an alert per reason kind/rule/role, a party
    page per script its name is written in, and listed entities (one with linked entities)."""
    pages = {
        "runs": "/ui/", "lists": "/ui/search", "search": "/ui/search?q=Алмаз-Антей",
        "changes": "/ui/changes", "error": "/ui/runs/no-such-run", "columns": mapping_url,
        "linked entity": "/ui/entities/testlinks-100",
        "invalid filter": f"/ui/runs/{run_ids[0]}?min_risk=2",
    }  # fmt: skip
    for index, run_id in enumerate(run_ids):
        pages |= {f"run {index}": f"/ui/runs/{run_id}",
                  f"rejects {index}": f"/ui/runs/{run_id}/rejects",
                  f"report {index}": f"/ui/runs/{run_id}/report"}  # fmt: skip
    parties: dict[str, tuple[str, str]] = {}
    for alert in alerts:
        for reason in alert["reasons"]:
            detail = reason.get("rule") or reason.get("role") or ""
            key = f"alert {reason['kind']} {detail}".strip()
            pages.setdefault(key, f"/ui/alerts/{alert['alert_id']}")
        for role in ("exporter", "importer"):
            name = alert["record"].get(f"{role}_name") or ""
            script = next((s for s, letters in SCRIPTS.items() if letters.search(name)), "latin")
            parties.setdefault(script, (name, alert["record"].get(f"{role}_country") or ""))
    for script, (name, country) in parties.items():
        pages[f"party {script}"] = "/ui/party?" + urlencode({"name": name, "country": country})
    return pages


@pytest.fixture(scope="module")
def surface(
    demo_run: DemoRun, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, dict[str, str], Path]]:
    """A live server over the screened store, its pages, and the folder of the reports."""
    home = tmp_path_factory.mktemp("surface-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORDON_HOME", str(home))
        mp.setenv("CORDON_I18N_STRICT", "1")
        make_store(home)
        with live_server(home) as base, httpx.Client(base_url=base, timeout=180) as client:
            run_ids = [
                wait_for_run(client, upload(client, path))["run_id"]
                for path in (demo_run.result.truth.path, FIXTURES / "shipments.csv")
            ]
            alerts = [alert for run_id in run_ids for alert in _alerts(client, run_id)]
            odd = odd_headers_file(home)
            with odd.open("rb") as fh:
                mapping_url = client.post(
                    "/screen", files={"file": (odd.name, fh, "text/csv")}
                ).json()["mapping_url"]
        conn = connect(home / "cordon.duckdb")  # a list update, for the changes page
        try:
            load_dataset(conn, DATASET, [designation_file(home)])
        finally:
            conn.close()
        reports = home / "reports"
        conn = store.connect(demo_run.store_path, read_only=True)
        try:
            for code in LANGUAGES:
                build_report(conn, None, reports / f"report-{code}.html", code)
        finally:
            conn.close()
        with live_server(home) as base:
            assert httpx.post(f"{base}/ui/changes", timeout=300).status_code == 303
            yield base, _pages(run_ids, alerts, mapping_url), reports


def _walk(page: Page, url: str, chart: bool) -> list[Finding]:
    page.goto(url)
    if chart:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        page.wait_for_timeout(300)  # plotly's mode bar and the digits script run after the plot
    return page_findings(page)


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_latin_words_left_on_any_page_or_the_report(
    surface: tuple[str, dict[str, str], Path], browser: Browser, code: str
) -> None:
    base, pages, reports = surface
    assert {
        "alert party_match exporter",
        "alert chpl",
        "alert red_flag RF-12",
        "alert red_flag RF-21a",
        "party cyrillic",
        "party han",
        "party latin",
    } <= set(pages)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{base}/ui/?lang={code}")  # the cookie keeps the language
    left: dict[str, list[str]] = {}
    for name, path in pages.items():
        found = _walk(page, base + path, chart=name.startswith("report"))
        assert page.locator("html").get_attribute("lang") == code, name
        if found:
            left[name] = sorted({f"{f.word} in {f.text!r} ({f.where})" for f in found})
    report = (reports / f"report-{code}.html").resolve().as_uri()
    found = _walk(page, report, chart=True)
    if found:
        left["report file"] = sorted({f"{f.word} in {f.text!r} ({f.where})" for f in found})
    page.close()
    shown = "\n".join(f"{name}: {item}" for name, items in left.items() for item in items)
    assert not left, f"English left (translate, isolate the data, or allow with a reason):\n{shown}"


def test_the_walk_sees_english_in_the_language_text(
    surface: tuple[str, dict[str, str], Path], browser: Browser
) -> None:
    """The check can fail: English in a paragraph, a title or the mode bar is found; the same
    words as data (a name in <bdi>, a code, a transliteration) are not."""
    base = surface[0]
    page = browser.new_page()
    page.goto(f"{base}/ui/search?lang=ar")
    page.evaluate("""() => {
      const main = document.querySelector('main');
      main.insertAdjacentHTML('beforeend', '<p>left in English</p>'
        + '<span title="Download plot">٣</span><bdi>Gulf Star Trading</bdi>'
        + '<span class="mono">data_set</span><span dir="ltr">Rosoboroneksport</span>');
    }""")
    words = {finding.word for finding in page_findings(page)}
    page.close()
    assert words == {"left", "in", "English", "Download", "plot"}
    assert latin_words("\u2068Gulf Star\u2069 HS CN RF-05 HS6 CHPL JSON Lines") == []
    assert latin_words("units k and pcs") == ["units", "k", "and", "pcs"]
    assert loose_dates("قبل ٢٠٢٢-٠٢-٢٤ و\u2066\u202d٢٠٢٢-٠٤-٢٦\u202c\u2069") == ["٢٠٢٢-٠٢-٢٤"]
    assert loose_dates("\u2068٢٠٢٢-٠٢-٢٤\u2069") == ["٢٠٢٢-٠٢-٢٤"]  # isolated, not kept in order


def test_every_allowed_word_says_why() -> None:
    entries = yaml.safe_load(ALLOWED_FILE.read_text(encoding="utf-8"))["allowed"]
    assert entries and all(entry["word"] and len(entry["reason"]) > 10 for entry in entries)
