"""Alerts of runs made before RF-21 was split (RF-21a, RF-21b) still read as sentences.

Their stored reasons carry the retired id ``RF-21``: its title and details come from the
``retired:`` section of ``cordon/screen/data/red_flags/<lang>.yaml``, in the report and the web app.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from cordon.analytics.report import build_report
from cordon.i18n import use_language
from cordon.i18n.languages import available_languages
from cordon.i18n.reasons import reason_text, red_flag_file, retired_flag_file, rule_title
from cordon.server import create_app
from cordon.store import connect
from tests.analytics.fixture_run import RUN_ID, load_fixture_run

BRACES = re.compile(r"\{(\w+)\}")
LEGACY = {
    "kind": "red_flag",
    "rule": "RF-21",
    "detail": (
        "unit value 0.35 USD/pcs is 9.4x below the file's median 3.3 for HS 854231 (12 lines)"
    ),
}
RUSSIAN_TITLE = "Недостоверные документы или цены"
# the unit as written, isolated
RUSSIAN_DETAIL = "Цена за единицу 0,35 USD/\u2068pcs\u2069 в 9,4 раза ниже медианы файла 3,3"


def test_retired_ids_are_not_rule_ids_and_name_their_successors() -> None:
    current = red_flag_file("en")
    for rule_id, entry in retired_flag_file("en").items():
        assert rule_id not in current
        assert entry["replaced_by"] and set(entry["replaced_by"]) <= set(current), rule_id
    for code in available_languages():
        ours = retired_flag_file(code)
        assert set(ours) == set(retired_flag_file("en")), code
        for rule_id, entry in retired_flag_file("en").items():
            assert ours[rule_id]["title"], (code, rule_id)
            placeholders = [sorted(BRACES.findall(d)) for d in entry["details"]]
            assert [sorted(BRACES.findall(d)) for d in ours[rule_id]["details"]] == placeholders


def test_a_legacy_reason_reads_as_a_sentence_in_each_language() -> None:
    with use_language("en"):
        assert rule_title("RF-21") == "Misleading documents or prices"
    with use_language("ru"):
        assert rule_title("RF-21") == RUSSIAN_TITLE
        assert reason_text(LEGACY).startswith(f"RF-21: {RUSSIAN_DETAIL}")
    with use_language("zh"):
        assert "单价" in reason_text(LEGACY)


def _store_with_legacy_alert(home: Path) -> str:
    conn = connect(home / "cordon.duckdb")
    try:
        load_fixture_run(conn)
        alert_id = f"{RUN_ID}:r3"
        conn.execute(
            "UPDATE alerts SET reasons = ? WHERE alert_id = ?",
            [json.dumps([{"kind": "chpl", "hs6": "854232", "tier": "1"}, LEGACY]), alert_id],
        )
    finally:
        conn.close()
    return alert_id


def test_a_stored_rf21_alert_in_the_report_and_the_web_app(tmp_path: Path) -> None:
    alert_id = _store_with_legacy_alert(tmp_path)
    conn = connect(tmp_path / "cordon.duckdb")
    try:
        html = build_report(conn, RUN_ID, tmp_path / "ru.html", "ru").read_text("utf-8")
    finally:
        conn.close()
    assert RUSSIAN_DETAIL in html
    app = create_app(store_path=tmp_path / "cordon.duckdb", home=tmp_path, warm=False)
    with TestClient(app) as client:
        page = client.get(f"/ui/alerts/{alert_id}", params={"lang": "ru"})
    assert page.status_code == 200
    assert RUSSIAN_TITLE in page.text and RUSSIAN_DETAIL in page.text
