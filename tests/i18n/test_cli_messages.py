"""The CLI's result lines and the errors users meet most, in Arabic, Russian and Chinese.

The real ``cordon`` runs as a subprocess on the real OFAC SDN files with ``CORDON_LANG`` or
``--lang``: each line it prints is the catalogue's translation, and the English sentence it
replaces is nowhere in the output. The API keeps English (its ``detail`` is a contract): the same
errors stay English in ``str()``, which the API answers with.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cordon.analytics.errors import UnfinishedRunError
from cordon.analytics.flows import require_finished
from cordon.i18n import use_language
from cordon.store import connect
from tests.cli_process import CORDON, cordon, store_held
from tests.conftest import SHARED_DATA
from tests.i18n.english import english_runs


def _shown(done: subprocess.CompletedProcess[str]) -> str:
    return " ".join(f"{done.stdout}\n{done.stderr}".split())


def _with_env(home: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``cordon ARGS`` with extra environment variables (``CORDON_LANG``)."""
    full = {**os.environ, "CORDON_HOME": str(home), "COLUMNS": "200", "NO_COLOR": "1", **env}
    return subprocess.run([str(CORDON), *args], env=full, capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def ofac_home(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """A CORDON_HOME holding the real OFAC SDN list, loaded by the Russian CLI."""
    home = tmp_path_factory.mktemp("cli-messages")
    loaded = cordon(home, "--lang", "ru", "lists", "load", "--dataset", "us_ofac_sdn",
                    str(shared_data / "ofac"), timeout=600)  # fmt: skip
    text = _shown(loaded)
    assert loaded.returncode == 0, text
    assert "us_ofac_sdn: загружена версия" in text and "субъект" in text, text
    assert "loaded version" not in text and " entities" not in text
    return home


def test_list_commands_speak_the_language(ofac_home: Path, tmp_path: Path) -> None:
    again = _with_env(ofac_home, {"CORDON_LANG": "ar"}, "lists", "load", "-d", "us_ofac_sdn",
                      str(SHARED_DATA / "ofac"))  # fmt: skip
    assert again.returncode == 0 and "بلا تغيير" in _shown(again), _shown(again)
    assert "unchanged" not in again.stdout and "stays active" not in again.stdout
    shown = cordon(ofac_home, "--lang", "zh", "lists", "show")
    assert "已加载名单（当前版本）" in shown.stdout and "数据集" in shown.stdout, shown.stdout
    assert "Loaded lists" not in shown.stdout and "checksum:" not in shown.stdout
    diff = cordon(ofac_home, "--lang", "ar", "lists", "diff", "us_ofac_sdn")
    assert diff.returncode == 1 and "حُمّلت نسخة واحدة فقط" in diff.stderr, diff.stderr
    assert "nothing to compare" not in diff.stderr and diff.stderr.startswith("خطأ:")
    out = tmp_path / "sdn.jsonl"
    exported = cordon(ofac_home, "--lang", "ru", "lists", "export", "us_ofac_sdn", "-o", str(out))
    assert exported.returncode == 0 and "записано в" in exported.stderr, exported.stderr
    assert "wrote" not in exported.stderr and out.stat().st_size > 0


def test_the_errors_users_meet_most(ofac_home: Path, tmp_path: Path) -> None:
    missing = cordon(ofac_home, "screen", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o"))
    assert "no such file" in missing.stderr  # English by default
    env_ar = {"CORDON_LANG": "ar"}
    missing = _with_env(ofac_home, env_ar, "screen", str(tmp_path / "nope.csv"),
                        "--out", str(tmp_path / "o"))  # fmt: skip
    assert missing.returncode == 2 and "الملف غير موجود" in missing.stderr, missing.stderr
    assert "no such file" not in missing.stderr
    headers = tmp_path / "shipments.csv"
    headers.write_text("foo,bar\n1,2\n", encoding="utf-8")
    out = str(tmp_path / "o")
    columns = cordon(ofac_home, "--lang", "ru", "screen", str(headers), "--out", out)
    assert "нет обязательных столбцов" in columns.stderr, columns.stderr
    assert "missing required column" not in columns.stderr and "'foo'" in columns.stderr
    unknown = cordon(ofac_home, "report", "no-such-run", "--lang", "zh", "-o", str(tmp_path / "r"))
    assert "存储中没有筛查任务 'no-such-run'" in unknown.stderr, unknown.stderr
    assert "in the store" not in unknown.stderr
    with store_held(ofac_home / "cordon.duckdb"):
        busy = cordon(ofac_home, "--lang", "ru", "lists", "show")
    assert busy.returncode == 1 and "занято процессом" in busy.stderr, busy.stderr
    assert "is in use by" not in busy.stderr
    refused = cordon(ofac_home, "--lang", "ru", "serve", "--host", "0.0.0.0")
    assert refused.returncode == 2 and "Отказ запускать сервер на 0.0.0.0" in refused.stderr
    assert "Refusing" not in refused.stderr


def test_clicks_own_lines_are_translated(tmp_path: Path) -> None:
    usage = _with_env(tmp_path, {"CORDON_LANG": "ar"}, "lists", "load")
    text = _shown(usage)
    assert usage.returncode == 2
    for arabic in ("الاستخدام: cordon lists load", "للمساعدة جرّب 'cordon lists load --help'",
                   "خطأ", "الوسيط 'paths' مفقود."):  # fmt: skip
        assert arabic in text, text
    for english in ("Usage:", "Try ", "Error", "Missing argument"):
        assert english not in text
    wrong = cordon(tmp_path, "--lang", "ru", "screen", "--bogus")
    assert "Нет такого параметра: --bogus (возможные параметры:" in _shown(wrong), _shown(wrong)
    assert "No such option" not in _shown(wrong)


def test_errors_stay_english_for_machines_and_read_out_for_people(cordon_home: Path) -> None:
    conn = connect()
    try:
        conn.execute("INSERT INTO runs (run_id, input_path, status, started_at) "
                     "VALUES ('r1', 'in.csv', 'running', now())")
        with pytest.raises(UnfinishedRunError) as raised:
            require_finished(conn, "r1")
    finally:
        conn.close()
    error = raised.value
    assert str(error).startswith("run r1 is running, not finished")  # the API's detail
    with use_language("ru"):
        assert error.localized.startswith("проверка r1 в статусе «выполняется», не завершена")
        assert str(error) == error.message  # English whatever the language


_DAMAGED_LIST = {  # language -> (the line a damaged OFAC file gets, the English it replaces)
    "ar": ("المتوقع 12 أعمدة، والموجود 3", "expected 12 columns"),
    "ru": ("ожидалось столбцов: 12, найдено: 3", "expected 12 columns"),
    "zh": ("应有 12 列，实际 3 列", "expected 12 columns"),
}


@pytest.mark.parametrize("lang", sorted(_DAMAGED_LIST))
def test_list_load_errors_speak_the_language(lang: str, tmp_path: Path) -> None:
    """A truncated real sdn.csv and a list file that is not XML, refused in the user's language."""
    real = (SHARED_DATA / "ofac" / "sdn.csv").read_text(encoding="utf-8").splitlines()
    ofac = tmp_path / "ofac"
    ofac.mkdir()
    cut = ",".join(real[0].split(",")[:3])  # '36,"AEROCARIBBEAN AIRLINES",-0- ': 3 of 12 columns
    (ofac / "sdn.csv").write_text("\n".join([*real[:40], cut]) + "\n", encoding="utf-8")
    env = {"CORDON_LANG": lang}
    truncated = _with_env(tmp_path, env, "lists", "load", "-d", "us_ofac_sdn", str(ofac))
    expected, english = _DAMAGED_LIST[lang]
    text = _shown(truncated)
    assert truncated.returncode != 0 and expected in text, text
    assert english not in text and "truncated or not OFAC CSV" not in text, text
    un = tmp_path / "consolidated.xml"
    un.write_text("<CONSOLIDATED_LIST><INDIVIDUALS>", encoding="utf-8")
    broken = _with_env(tmp_path, env, "lists", "load", "-d", "un_sc_sanctions", str(un))
    shown = _shown(broken)
    assert broken.returncode != 0 and "XML" in shown, shown
    assert "invalid XML" not in shown and "truncated or corrupt" not in shown, shown


def test_input_file_errors_speak_the_language(ofac_home: Path, tmp_path: Path) -> None:
    """A damaged workbook and a column map naming a missing header, refused in ar and zh."""
    book = tmp_path / "shipments.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a workbook")
    out = str(tmp_path / "o")
    damaged = _with_env(ofac_home, {"CORDON_LANG": "ar"}, "screen", str(book), "--out", out)
    assert damaged.returncode == 2 and "ليس مصنف" in damaged.stderr, damaged.stderr
    assert "not a readable" not in damaged.stderr
    records = tmp_path / "shipments.csv"
    records.write_text("exporter,hs\nACME,850440\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("exporter_name: Shipper\nhs_code: hs\n", encoding="utf-8")
    unmapped = cordon(ofac_home, "--lang", "zh", "screen", str(records), "--columns", str(mapping),
                      "--out", out)  # fmt: skip
    assert unmapped.returncode == 2 and "但文件中没有这一列" in unmapped.stderr, unmapped.stderr
    assert "but the file has no such column" not in unmapped.stderr


_CLICK_VARIANTS = {  # the command line -> the English click/typer writes for it
    "missing argument": (("match",), "Missing argument"),
    "missing option value": (("screen", "x.csv", "--out"), "requires an argument"),
    "unknown option, with suggestions": (("screen", "--ou", "x"), "Possible options"),
    "unknown command": (("lists", "lod"), "No such command"),
    "extra argument": (("lists", "show", "a", "b"), "unexpected extra argument"),
    "invalid choice": (("screen", "--engine", "bogus", "x.csv"), "is not one of"),
    "not an integer": (("serve", "--port", "abc"), "valid integer"),
    "under the minimum": (("demo", "--rows", "2"), "greater than or equal"),
    "over the maximum": (("serve", "--port", "70000"), "less than or equal"),
    "not a number": (("match", "--threshold", "x", "ACME"), "valid number"),
}


@pytest.mark.parametrize("lang", ["ar", "ru", "zh"])
@pytest.mark.parametrize("variant", sorted(_CLICK_VARIANTS))
def test_click_usage_errors_have_no_english_sentence(
    variant: str, lang: str, tmp_path: Path
) -> None:
    """Each kind of usage error click/typer reports, in each language: no English sentence left."""
    args, english = _CLICK_VARIANTS[variant]
    done = _with_env(tmp_path, {"CORDON_LANG": lang}, *args)
    text = _shown(done)
    assert done.returncode == 2, text
    assert english not in text, text
    assert not english_runs(text), text
