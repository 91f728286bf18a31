"""Adding a language is adding files (docs/i18n.md, "Adding a language"): proved with Hebrew.

A copy of the ``cordon`` package gains only files — a ``he`` catalogue made from ``cordon.pot``
(each message marked so the page shows it came from the new file) and the red-flag file — and a
fresh Python process renders the web app from that copy: the page is in Hebrew, right to left
(from CLDR: no code says so), the switcher offers עברית, and strict mode finds nothing missing.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from cordon.i18n.languages import DEFAULT_LANGUAGE, available_languages
from tests.conftest import REPO_ROOT

MARK = "עב·"  # what the fake translator writes in front of every message
RENDER = """
import cordon
from fastapi.testclient import TestClient
from cordon.server import create_app
from pathlib import Path
home = Path(r"{home}")
with TestClient(create_app(store_path=home / "cordon.duckdb", home=home, warm=False)) as client:
    page = client.get("/ui/search", params={{"lang": "he"}})
print(cordon.__file__)
print(page.status_code)
print(page.text)
"""


def _hebrew_catalogue(source: Path, target: Path) -> None:
    with (source / "cordon.pot").open("rb") as fh:
        template = read_po(fh)
    catalog = Catalog(locale="he", domain="cordon")
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, str):
            text: str | tuple[str, ...] = MARK + message.id
        else:
            text = tuple(MARK + message.id[1] for _ in range(catalog.num_plurals))
        catalog.add(message.id, text, context=message.context, flags=message.flags)
    target.parent.mkdir(parents=True)
    with target.open("wb") as fh:
        write_po(fh, catalog)


def test_a_fifth_language_from_files_only(tmp_path: Path) -> None:
    package = tmp_path / "src" / "cordon"
    shutil.copytree(REPO_ROOT / "cordon", package,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    locale_dir = package / "i18n" / "locale"
    _hebrew_catalogue(locale_dir, locale_dir / "he" / "LC_MESSAGES" / "cordon.po")
    flags = package / "screen" / "data" / "red_flags"
    shutil.copy(flags / "en.yaml", flags / "he.yaml")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "CORDON_HOME": str(home), "CORDON_I18N_STRICT": "1",
           "PYTHONPATH": str(package.parent)}
    done = subprocess.run(
        [sys.executable, "-c", RENDER.format(home=home)], cwd=package.parent, env=env,
        capture_output=True, text=True, timeout=120, check=True,
    )
    module, status, html = done.stdout.split("\n", 2)
    assert Path(module).is_relative_to(package)  # the copy, not the checkout, was imported
    assert status == "200"
    assert '<html lang="he" dir="rtl">' in html
    assert f"{MARK}Loaded lists" in html
    assert ">עברית<" in html  # the switcher names it in itself (CLDR)
    assert "⟦" not in html


# Each kind of per-language data file (docs/i18n.md, "Adding a language"): the folder, and whether
# English has a file of its own (it is the source language of messages, glossaries, FtM labels
# and goods families, so those kinds exist only for the other languages).
LANGUAGE_DATA = {
    "screen/data/red_flags": True, "i18n/countries": True, "records/data/headers": True,
    "records/data/countries": True, "records/data/currencies": True, "i18n/glossary": False,
    "i18n/ftm": False, "i18n/goods": False,
}  # fmt: skip
# Where a comparison with a language code is no UI language: the demo writes a Russian customs
# export (a data dialect), FtM values tagged English.
NOT_UI_LANGUAGE = {"cordon/demo/generate.py", "cordon/lists/build.py"}


def test_every_kind_of_language_file_exists_for_each_language() -> None:
    package = REPO_ROOT / "cordon"
    languages = available_languages()
    assert set(languages) == {"en", "ar", "ru", "zh"}
    for folder, english in LANGUAGE_DATA.items():
        wanted = [code for code in languages if english or code != DEFAULT_LANGUAGE]
        missing = [code for code in wanted if not (package / folder / f"{code}.yaml").is_file()]
        assert missing == [], f"cordon/{folder}: no file for {missing}"
    for code in languages[1:]:
        assert (package / "i18n" / "locale" / code / "LC_MESSAGES" / "cordon.po").is_file()


def _language_literals(tree: ast.AST, codes: set[str]) -> list[int]:
    """Lines comparing a value with a language code (``code == "zh"``, ``in ("ar", …)``)."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        for side in (node.left, *node.comparators):
            items = side.elts if isinstance(side, ast.Tuple | ast.List | ast.Set) else [side]
            if any(isinstance(i, ast.Constant) and i.value in codes for i in items):
                lines.append(node.lineno)
    return lines


def test_no_code_path_for_a_particular_language() -> None:
    """Only files make a language: no module compares with a code other than English's (its
    default); what differs between languages comes from CLDR or the language's files."""
    codes = set(available_languages()) - {DEFAULT_LANGUAGE} | {"he", "tr", "fa"}
    found = {
        str(path.relative_to(REPO_ROOT)): lines
        for path in sorted((REPO_ROOT / "cordon").rglob("*.py"))
        if str(path.relative_to(REPO_ROOT)) not in NOT_UI_LANGUAGE
        and (lines := _language_literals(ast.parse(path.read_text(encoding="utf-8")), codes))
    }
    assert found == {}
    planted = ast.parse('x = 2 if lang.code == "zh" else 1\nok = code in ("ar", "ru")')
    assert sorted(_language_literals(planted, codes)) == [1, 2]  # the check sees both forms
