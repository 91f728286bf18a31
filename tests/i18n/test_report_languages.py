"""The demo run's red flags, report and CLI in the four languages (real screening, real CLI)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cordon import store
from cordon.analytics.report import build_report
from cordon.i18n import use_language
from cordon.i18n.reasons import parse_detail, reason_text, rule_title
from cordon.screen.alerts import read_alerts
from tests.i18n.conftest import DemoRun

MISSING_MARK = re.compile(r"⟦[^⟧]*⟧")


def _red_flags(run: DemoRun) -> list[dict[str, str]]:
    return [
        dict(reason)  # type: ignore[arg-type]
        for alert in read_alerts(run.result.alerts)
        for reason in alert["reasons"]
        if reason["kind"] == "red_flag"
    ]


def test_every_red_flag_detail_of_the_demo_is_recognised(demo_run: DemoRun) -> None:
    flags = _red_flags(demo_run)
    rules = Counter(flag["rule"] for flag in flags)
    assert len(rules) >= 8, rules  # the demo plants most red flags
    unread = []
    for flag in flags:  # each sentence of a detail (both parties, RF-12's second entity) is read
        parts = [flag["detail"]] if parse_detail(flag["rule"], flag["detail"]) else (
            flag["detail"].split("; ")
        )
        unread += [part for part in parts if parse_detail(flag["rule"], part) is None]
    assert unread == []
    assert "RF-12" in rules


@pytest.mark.parametrize("code", ["ar", "ru", "zh"])
def test_red_flags_read_in_each_language(demo_run: DemoRun, code: str) -> None:
    flags = _red_flags(demo_run)
    with use_language(code):
        texts = [reason_text(flag) for flag in flags]
        titles = {rule_title(flag["rule"]) for flag in flags}
    english_words = re.compile(r"\b(consigned|dispatched|origin|resembles|below|shared|bank)\b")
    assert [t for t in texts if english_words.search(t)] == []
    assert all(not re.search(r"[a-z]{4,} [a-z]{4,}", title) for title in titles)


def test_party_names_stay_as_written_in_every_language(demo_run: DemoRun) -> None:
    party = next(
        reason for alert in read_alerts(demo_run.result.alerts) for reason in alert["reasons"]
        if reason["kind"] == "party_match"
    )
    for code in ("en", "ar", "ru", "zh"):
        with use_language(code):
            assert str(party["matched_name"]) in reason_text(party)


@pytest.mark.parametrize(("code", "direction", "phrase"), [
    ("en", "ltr", "Top parties in CHPL goods"),
    ("ar", "rtl", "أبرز الأطراف في سلع CHPL"),
    ("ru", "ltr", "Основные участники торговли товарами CHPL"),
    ("zh", "ltr", "CHPL商品主要交易方"),
])  # fmt: skip
def test_report_in_each_language(
    demo_run: DemoRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    code: str, direction: str, phrase: str,
) -> None:
    monkeypatch.setenv("CORDON_I18N_STRICT", "1")
    conn = store.connect(demo_run.store_path, read_only=True)
    try:
        html = build_report(conn, None, tmp_path / f"{code}.html", code).read_text("utf-8")
    finally:
        conn.close()
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert phrase in html
    assert MISSING_MARK.findall(html) == []
    # Names as written, in the script of the customs record, whatever the language.
    assert "ООО" in html and "有限公司" in html


def _cordon(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CORDON_")}
    environment.update({"CORDON_HOME": str(home), **env})
    return subprocess.run(
        [str(Path(sys.executable).parent / "cordon"), *args], capture_output=True, text=True,
        env=environment, timeout=300, check=False,
    )


def test_cli_report_lang_and_environment(demo_run: DemoRun, tmp_path: Path) -> None:
    arabic = _cordon("report", "--lang", "ar", "--out", str(tmp_path / "ar.html"),
                     home=demo_run.home)
    assert arabic.returncode == 0, arabic.stderr
    html = (tmp_path / "ar.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl">' in html and "تقرير الفحص" in html
    assert "٬" in html or "٫" in html  # Arabic-Indic digits by default

    unknown = _cordon("report", "--lang", "xx", "--out", str(tmp_path / "x.html"),
                      home=demo_run.home)
    assert unknown.returncode == 2 and "unknown language 'xx'" in unknown.stderr

    russian = _cordon("report", "no-such-run", "--out", str(tmp_path / "n.html"),
                      home=demo_run.home, CORDON_LANG="ru")
    assert russian.returncode == 1 and "ошибка:" in russian.stderr
