"""Header aliases as sourced data: every alias names its source and date, and the table is pinned.

The aliases moved from bare lists to ``{alias, source, as_of}`` entries (issue 15); the digests
below were taken from the bare lists before the move, so the move is shown to have changed no
alias, no field and no order (the order decides which field a shared key feeds). Adding or
changing an alias on purpose changes a digest: update it in the same commit, saying why.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cordon.records import headers, langdata

# sha256 of the JSON list of [language, field, alias] in file order, per language; and of the
# alias index (header key -> canonical field, aliases and ДТ field codes together).
PINNED = {
    "all": "80a5b8d876c374be995bee58050d8114c58d5a09af3c95c886e6bd06fdbf5429",
    "index": "8e4a011cf07d98ba7869b0d34843746c9e05295abf29df5f39f4209866162156",
}
# Citations of a form field name the form; anything else must say it is a common variant.
FORMS = ("Single Administrative Document", "DV1", "CBP Form 7501", "CBP AMS", "(ДТ)", "ДТС-1",
         "(报关单")  # fmt: skip


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()


def test_the_alias_table_is_the_one_pinned_before_the_move() -> None:
    rows = [[e.language, e.field, e.alias] for e in headers.alias_entries()]
    assert len(rows) == 260
    assert _digest(rows) == PINNED["all"]
    assert _digest(sorted(headers._INDEX.items())) == PINNED["index"]


def test_every_alias_has_a_source_and_a_date() -> None:
    for entry in headers.alias_entries():
        assert entry.source.strip() and entry.as_of.year >= 2026, entry
        cites_a_form = any(form in entry.source for form in FORMS)
        assert cites_a_form or entry.source.startswith("common variant"), entry


def test_every_language_cites_forms_where_it_has_them() -> None:
    cited: dict[str, int] = {}
    for entry in headers.alias_entries():
        if not entry.source.startswith("common variant"):
            cited[entry.language] = cited.get(entry.language, 0) + 1
    assert cited["en"] >= 25 and cited["ru"] >= 30 and cited["zh"] >= 20, cited


ALIAS_FILE = """\
language: tr
source: x
fields:
  hs_code:
  - {alias: gtip, source: Turkish customs declaration, as_of: 2026-12-05}
  - %s
"""


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        ("gtip kodu", r"'hs_code': 'gtip kodu': 'alias:' must be the header text"),
        ("{alias: gtip kodu, as_of: 2026-12-05}", r"'hs_code': 'gtip kodu': 'source:' missing"),
        ("{alias: gtip kodu, source: x}", r"'hs_code': 'gtip kodu': 'as_of:' must be a date"),
    ],
)
def test_an_alias_without_its_source_or_date_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: str, error: str
) -> None:
    (tmp_path / "headers").mkdir()
    (tmp_path / "headers" / "tr.yaml").write_text(ALIAS_FILE % entry, encoding="utf-8")
    # this test's own data folder, read uncached: the package's aliases stay as they are
    monkeypatch.setattr(
        headers, "language_files", lambda kind, body: langdata.language_files(kind, body, tmp_path)
    )
    with pytest.raises(langdata.LanguageFileError, match=error):
        headers.alias_entries.__wrapped__()


def test_every_dt_field_code_alias_names_its_graph() -> None:
    """The ДТ extract aliases (cordon/data/dt_layout.yaml) each cite the form's graph and a date."""
    from importlib import resources

    import yaml

    from cordon.records.dt_layout import DT_LAYOUT

    text = (resources.files("cordon") / "data" / "dt_layout.yaml").read_text(encoding="utf-8")
    entries = [e for field in yaml.safe_load(text)["aliases"].values() for e in field]
    assert len(entries) == sum(map(len, DT_LAYOUT.aliases.values())) > 40
    for entry in entries:
        assert entry["source"].startswith("ДТ графа") and entry["as_of"].year >= 2026, entry
