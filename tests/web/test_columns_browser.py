"""In Chromium: an upload with unrecognized headers goes through the column-mapping step; the
mapping downloads as a ``--columns`` YAML file that the real CLI screens to the same alerts."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from cordon.records.assume import load_assume
from cordon.records.headers import load_column_map
from tests.api.conftest import make_store
from tests.cli_process import cordon
from tests.columns_fixture import mapping, odd_headers_file

pytestmark = pytest.mark.browser


def test_map_columns_download_the_map_and_screen(
    web_server: str, browser: Browser, build_dir: Path, tmp_path: Path
) -> None:
    odd = odd_headers_file(tmp_path)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{web_server}/ui/")
    page.set_input_files("#file-input", str(odd))
    page.click("#upload-button")

    page.wait_for_url("**/ui/uploads/*/columns", timeout=60_000)
    expect(page.locator("#file-headers")).to_contain_text("Seller firm")
    expect(page.locator("select[name='column.value']")).to_have_value("Amount")  # recognized
    expect(page.locator("select[name='column.hs_code']")).to_have_value("")
    for field, header in mapping().items():
        page.select_option(f"select[name='column.{field}']", header)
    page.fill("input[name=assume]", "destination_country=RU")
    page.screenshot(path=str(build_dir / "web-columns.png"), full_page=True)

    with page.expect_download() as download:
        page.click("#columns-yaml")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "odd.columns.yaml"
    loaded = load_column_map(saved)  # the whole form: what was mapped and what was recognized
    assert mapping().items() <= loaded.items()
    assert {k: v for k, v in loaded.items() if k not in mapping()} == {
        name: name for name in ("exporter_address", "origin_country", "dispatch_country",
                                "quantity", "unit", "net_weight_kg")}  # fmt: skip
    assert load_assume(saved) == {"destination_country": "RU"}

    page.click("#columns-screen")
    page.wait_for_url("**/ui/runs/*", timeout=30_000)
    expect(page.locator("#alerts-table")).to_be_visible(timeout=120_000)
    run_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    expect(page.locator("#alerts-table")).to_contain_text("Almaz-Antey")
    assert errors == [], errors

    # the downloaded map is the CLI's --columns file: same alerts, destination assumed RU
    home = make_store(tmp_path / "cli-home")
    done = cordon(home, "screen", str(odd), "--columns", str(saved), "--out", str(tmp_path / "cli"))
    assert done.returncode == 0, done.stderr
    cli = [json.loads(x) for x in (tmp_path / "cli" / "alerts.jsonl").read_text().splitlines()]
    web = httpx.get(f"{web_server}/runs/{run_id}/download/alerts.jsonl").text.splitlines()
    assert [(a["record_id"], a["risk"]) for a in cli] == [
        (a["record_id"], a["risk"]) for a in map(json.loads, web)]  # fmt: skip
    assert all(a["assumed"] == {"destination_country": "RU"} for a in cli)
