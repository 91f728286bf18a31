"""Adding a language is adding files (docs/i18n.md, "Adding a language"): proved with Hebrew.

A copy of the ``cordon`` package gains only files — a ``he`` catalogue made from ``cordon.pot``
(each message marked so the page shows it came from the new file) and the red-flag file — and a
fresh Python process renders the web app from that copy: the page is in Hebrew, right to left
(from CLDR: no code says so), the switcher offers עברית, and strict mode finds nothing missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

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
