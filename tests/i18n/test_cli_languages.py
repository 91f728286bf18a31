"""The CLI in English, Arabic, Russian and Chinese: --help texts and messages, as a subprocess.

Every command's ``--help`` is rendered in-process in each language with strict catalogues (a help
text missing from a catalogue shows as ⟦…⟧); the real ``cordon`` then runs as a subprocess with
``CORDON_LANG`` and with the global ``--lang``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cordon.cli import app
from tests.cli_process import CORDON

LANGUAGES = ("en", "ar", "ru", "zh")
HELP = {
    "en": "Standing triage decisions",
    "ar": "قرارات الفرز الدائمة",
    "ru": "Постоянные решения разбора",
    "zh": "长期研判决定",
}
EMPTY = {"en": "0 decisions", "ar": "لا قرارات", "ru": "0 решений", "zh": "0 项决定"}


def _command_paths() -> list[list[str]]:
    paths: list[list[str]] = [[]]
    root = typer.main.get_command(app)
    for name, command in getattr(root, "commands", {}).items():
        paths.append([name])
        paths += [[name, sub] for sub in getattr(command, "commands", {})]
    return paths


def _run(args: list[str], home: Path, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CORDON_HOME": str(home), "COLUMNS": "200"}
    env.pop("CORDON_LANG", None)
    if lang is not None:
        env["CORDON_LANG"] = lang
    return subprocess.run([str(CORDON), *args], env=env, capture_output=True, text=True,
                          timeout=60)  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_help_text_is_in_the_catalogue(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORDON_LANG", lang)
    monkeypatch.setenv("CORDON_I18N_STRICT", "1")
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    paths = _command_paths()
    assert len(paths) > 15  # lists, data, decisions and their subcommands are all seen
    for path in paths:
        shown = runner.invoke(app, [*path, "--help"])
        assert shown.exit_code == 0, (path, shown.output)
        assert "⟦" not in shown.output, (lang, path, shown.output)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_messages_in_each_language(lang: str, cordon_home: Path) -> None:
    listed = _run(["decisions", "list"], cordon_home, lang)
    assert listed.returncode == 0 and EMPTY[lang] in listed.stdout, listed.stdout


def test_the_global_lang_option_and_its_errors(cordon_home: Path) -> None:
    listed = _run(["--lang", "ru", "decisions", "list"], cordon_home)
    assert listed.returncode == 0 and EMPTY["ru"] in listed.stdout
    helped = _run(["--lang=ar", "decisions", "--help"], cordon_home, "zh")  # --lang wins
    assert HELP["ar"] in helped.stdout
    wrong = _run(["--lang", "klingon", "decisions", "list"], cordon_home)
    assert wrong.returncode == 2 and "klingon" in wrong.stderr
    missing = _run(["decisions", "import", str(cordon_home / "nope.csv")], cordon_home, "ru")
    assert missing.returncode == 2 and "файл не найден" in missing.stderr
