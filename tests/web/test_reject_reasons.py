"""Reject reasons on the rejects page are in the reader's language; rejects.csv stays English.

A real screening run over a customs file with one broken row per reject reason cordon writes
(and a JSON Lines file for the two JSON reasons), then the rejects page in each language.
"""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest
from lxml import html

from cordon.i18n import Message, use_language
from cordon.i18n.reasons import reject_reason_text
from cordon.records.reject_reasons import (
    MALFORMED_CSV,
    PROBLEMS,
    REASONS,
    UNDECODABLE,
    read_reason,
    reject_reason,
)
from tests.api.flow import upload, wait_for_run
from tests.i18n.english import english_runs

GOOD = {
    "record_id": "R-00", "date": "2023-03-14", "exporter_name": "Ningbo Kitchenware Co. Ltd",
    "exporter_country": "CN", "importer_name": "OOO Posuda Plus", "importer_country": "RU",
    "importer_tax_id": "7716234567", "hs_code": "732393", "description": "pans", "value": "8200",
    "currency": "CNY", "quantity": "1500",
}  # fmt: skip
HEADER = ",".join(GOOD)


def _row(**changed: str) -> str:
    return ",".join((GOOD | changed).values())


BROKEN = (
    "R-01,2023-03-14,Ningbo Kitchenware Co. Ltd,CN",  # wrong number of fields
    _row(record_id="R-02", hs_code="xx"),
    _row(record_id="R-03", hs_code=""),
    _row(record_id="R-04", exporter_name="", importer_name=""),
    _row(record_id="R-05", exporter_name="W" * 120),  # a word over the limit
    _row(record_id="R-06", date="someday"),
    _row(record_id="R-07", exporter_country="Atlantis"),
    _row(record_id="R-08", value="lots"),
    _row(record_id="R-09", value="-5"),
    _row(record_id="R-10", currency="doubloons"),
    _row(record_id="R-11", importer_tax_id="!!"),
    _row(record_id="R-12", description="x" * 10_001),
    _row(record_id="R-13", description='"pans'),  # a quote never closed: the file ends in it
)
JSONL = '{"record_id": "J-1", "exporter_name": "A", "hs_code": "732393"}\n{"record_id": \n[1, 2]\n'


@pytest.fixture(scope="module")
def reject_runs(web_server: str, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Two finished runs: a CSV with a broken row per CSV reason, and a JSON Lines file."""
    folder = tmp_path_factory.mktemp("rejects")
    customs = folder / "broken.csv"
    customs.write_text("\n".join((HEADER, _row(), *BROKEN)) + "\n", encoding="utf-8")
    lines = folder / "broken.jsonl"
    lines.write_text(JSONL, encoding="utf-8")
    with httpx.Client(base_url=web_server, timeout=60) as client:
        return [wait_for_run(client, upload(client, path))["run_id"] for path in (customs, lines)]


def _rejects_csv(client: httpx.Client, run_id: str) -> list[dict[str, str]]:
    text = client.get(f"/runs/{run_id}/download/rejects.csv").text
    return list(csv.DictReader(io.StringIO(text)))


_ISOLATED = re.compile("[\u2066\u2068][^\u2069]*\u2069")  # values as written, codes
_LATIN_WORD = re.compile(r"[A-Za-z_]{2,}")


def _latin_words(cell: str) -> list[str]:
    """Latin-script words outside isolated values, other than codes in capitals (HS, CSV, JSON)
    and field names (exporter_name)."""
    words = _LATIN_WORD.findall(_ISOLATED.sub(" ", cell))
    return [word for word in words if not word.isupper() and "_" not in word]


def _reason_cells(page: str) -> list[str]:
    rows = html.fromstring(page).xpath('//table[@id="rejects-table"]/tbody/tr')
    return [row.xpath("td")[3].text_content() for row in rows]


def test_every_reject_reason_is_read_back_from_rejects_csv(
    web_server: str, reject_runs: list[str]
) -> None:
    with httpx.Client(base_url=web_server, timeout=30) as client:
        rejects = [row for run_id in reject_runs for row in _rejects_csv(client, run_id)]
    assert len(rejects) == len(BROKEN) + 2
    read = {row["reason"]: read_reason(row["reason"]) for row in rejects}
    unknown = [text for text, message in read.items() if message is None]
    assert not unknown, f"reasons cordon cannot read back: {unknown}"
    # Every reason cordon writes is exercised here (undecodable bytes: tests/records).
    assert {message.text for message in read.values() if message} == set(REASONS) - {UNDECODABLE}


@pytest.mark.parametrize("message", REASONS + PROBLEMS)
def test_each_reason_reads_back_as_itself(message: str) -> None:
    values = {name: f"<{name}>" for name in re.findall(r"%\((\w+)\)s", message)}
    english = reject_reason(message, **values)
    if message in PROBLEMS:  # cordon's own problems inside "malformed CSV: …"
        outer = read_reason(reject_reason(MALFORMED_CSV, error=english))
        assert outer is not None and outer.text == MALFORMED_CSV
        inner = outer.values["error"]
        assert isinstance(inner, Message) and (inner.text, dict(inner.values)) == (message, values)
        return
    found = read_reason(english)
    assert found is not None and (found.text, dict(found.values)) == (message, values)


@pytest.fixture
def strict_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message missing from a catalogue shows as ⟦…⟧ on the live server's pages."""
    monkeypatch.setenv("CORDON_I18N_STRICT", "1")


@pytest.mark.parametrize("lang", ["ar", "ru", "zh"])
def test_rejects_page_carries_no_english_reason(
    web_server: str, reject_runs: list[str], lang: str, strict_messages: None
) -> None:
    with httpx.Client(base_url=web_server, timeout=30) as client:
        for run_id in reject_runs:
            english = {row["reason"] for row in _rejects_csv(client, run_id)}
            page = client.get(f"/ui/runs/{run_id}/rejects", params={"lang": lang}).text
            shown = _reason_cells(page)
            assert len(shown) == len(_rejects_csv(client, run_id))
            for cell in shown:
                assert cell.strip() and cell not in english, cell
                assert not english_runs(cell), (lang, cell, english_runs(cell))
                assert not _latin_words(cell), (lang, cell, _latin_words(cell))
                assert "⟦" not in cell, cell
            # The machine file is unchanged by the page's language.
            assert {row["reason"] for row in _rejects_csv(client, run_id)} == english


def test_english_page_shows_the_reasons_as_written(web_server: str, reject_runs: list[str]) -> None:
    with httpx.Client(base_url=web_server, timeout=30) as client:
        run_id = reject_runs[0]
        english = [row["reason"] for row in _rejects_csv(client, run_id)]
        shown = _reason_cells(client.get(f"/ui/runs/{run_id}/rejects", params={"lang": "en"}).text)
    assert shown == english
    assert "wrong number of fields: 4, expected 12" in shown


def test_unknown_reason_is_shown_as_written() -> None:
    with use_language("ar"):
        assert reject_reason_text("a reason of another version") == "a reason of another version"
        assert "٤" in reject_reason_text("wrong number of fields: 4, expected 12")
