"""Every web page in English, Arabic, Russian and Chinese in one Chromium session.

Each page must carry its language and direction, keep every element inside the viewport (right to
left too) and show no message missing from a catalogue; screenshots go to build/i18n/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.api.conftest import FIXTURES
from tests.api.flow import upload, wait_for_run
from tests.columns_fixture import odd_headers_file
from tests.i18n.layout import check_page

pytestmark = pytest.mark.browser

LANGUAGES = {"en": "ltr", "ar": "rtl", "ru": "ltr", "zh": "ltr"}


@pytest.fixture(scope="module")
def strict_messages() -> Iterator[None]:
    """Untranslated messages show as ⟦…⟧ in the live server's pages."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORDON_I18N_STRICT", "1")
        yield


def test_every_page_in_four_languages(
    web_server: str, browser: Browser, build_dir: Path, strict_messages: None
) -> None:
    with httpx.Client(base_url=web_server, timeout=30) as client:
        run_id = wait_for_run(client, upload(client, FIXTURES / "shipments.csv"))["run_id"]
        alerts = client.get(f"/runs/{run_id}/alerts", params={"limit": 50}).json()["results"]
        odd = odd_headers_file(build_dir)  # unrecognized headers: the column-mapping page
        with odd.open("rb") as fh:
            mapping_url = client.post("/screen", files={"file": (odd.name, fh, "text/csv")}).json()[
                "mapping_url"]  # fmt: skip
    alert = next(a for a in alerts if any(r["kind"] == "party_match" for r in a["reasons"]))
    pages = {
        "runs": "/ui/",
        "lists": "/ui/search",
        "search": "/ui/search?q=Алмаз-Антей",
        "run": f"/ui/runs/{run_id}",
        "report": f"/ui/runs/{run_id}/report",
        "alert": f"/ui/alerts/{alert['alert_id']}",
        "entity": "/ui/entities/testlinks-100",
        "error": "/ui/runs/no-such-run",
        "columns": mapping_url,
        "changes": "/ui/changes",
    }
    shots = build_dir / "i18n"
    shots.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for code, direction in LANGUAGES.items():
        page.goto(f"{web_server}/ui/?lang={code}")  # the switcher's cookie keeps the language
        for name, path in pages.items():
            page.goto(f"{web_server}{path}")
            if name == "report":
                expect(page.locator(".chart .main-svg").first).to_be_visible(timeout=30_000)
            check_page(page, code, direction)
            page.screenshot(path=str(shots / f"web-{code}-{name}.png"), full_page=True)
    # The switcher is a link per language, each written in its own language.
    switcher = page.locator("#language-switcher a")
    assert switcher.all_inner_texts() == ["English", "العربية", "Русский", "中文"]
    context.close()
    assert errors == []


def test_upload_progress_and_triage_messages_in_arabic(
    web_server: str, browser: Browser, build_dir: Path
) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{web_server}/ui/?lang=ar")
    expect(page.get_by_role("heading", name="فحص ملف جمركي")).to_be_visible()
    page.set_input_files("#file-input", str(FIXTURES / "shipments.csv"))
    page.click("#upload-button")
    page.wait_for_url("**/ui/runs/*", timeout=180_000)
    page.locator("a.alert-link").first.click()
    page.click("button[data-status=escalated]")  # no analyst name: the script says why, in Arabic
    expect(page.locator("#triage-error")).to_have_text(
        "أدخل اسمك بصفتك محللًا: كل قرار يُوقَّع باسم صاحبه."
    )
    page.fill("#analyst", "ليلى")
    page.click("button[data-status=escalated]")
    expect(page.locator("#alert-status")).to_have_text("مُصعَّد")
    page.screenshot(path=str(build_dir / "i18n" / "web-ar-triage.png"), full_page=True)
    page.close()
