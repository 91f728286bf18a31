"""Lists of words in each language's own pattern (CLDR through Babel), and the locale a page's
JavaScript formats numbers with, from the digits data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cordon.i18n import N_, Items, Language, Message, use_language
from cordon.i18n import formatting as fmt
from cordon.i18n.jinja import join_list
from cordon.records.errors import MissingColumnsError
from cordon.web.templating import WEB_DIR
from tests.api.conftest import make_store
from tests.cli_process import cordon

TEMPLATES = [*WEB_DIR.glob("templates/*.html"),
             *(WEB_DIR.parent / "analytics" / "templates").glob("*.j2")]  # fmt: skip


@pytest.mark.parametrize(("code", "three", "alternatives"), [
    ("en", "HS, CHPL, and OFAC", "HS or CHPL"),
    ("ar", "HS وCHPL وOFAC", "HS أو CHPL"),
    ("ru", "HS, CHPL и OFAC", "HS или CHPL"),
    ("zh", "HS、CHPL和OFAC", "HS或CHPL"),
])  # fmt: skip
def test_lists_follow_cldr(code: str, three: str, alternatives: str) -> None:
    with use_language(code):
        assert fmt.join(["HS", "CHPL", "OFAC"]) == three
        assert fmt.join(["HS", "CHPL"], "or") == alternatives
        assert fmt.join(["HS"]) == "HS" and fmt.join([]) == ""


def test_items_in_a_message_stay_english_for_machines() -> None:
    message = Message(N_("unknown dataset %(dataset)s; valid names: %(names)s "
                         "(any name for FtM .json/.jsonl/.ndjson/.ftm files)"),
                      dataset="'x'", names=Items(["us_ofac_sdn", "un_sc", "eu_fsf"]))  # fmt: skip
    assert "valid names: us_ofac_sdn, un_sc, eu_fsf (" in str(message)
    with use_language("ar"):
        assert "us_ofac_sdn وun_sc وeu_fsf" in message.translated()
        assert str(message) == str(Message(message.text).with_values(message.values))
    with use_language("zh"):
        assert "us_ofac_sdn、un_sc和eu_fsf" in message.translated()


def test_missing_columns_keep_the_api_text_and_read_per_language() -> None:
    party = Items(["exporter_name", "importer_name"], style="or", separator=" or ")
    error = MissingColumnsError(Path("odd.csv"), ["foo", "bar"], [party, "hs_code"])
    assert error.missing == ["exporter_name or importer_name", "hs_code"]  # the API's field
    assert "exporter_name or importer_name, hs_code; headers found: 'foo', 'bar'" in str(error)
    with use_language("ru"):
        assert "exporter_name или importer_name и hs_code" in error.localized
        assert "'foo' и 'bar'" in error.localized


@pytest.fixture(scope="module")
def sample_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CORDON_HOME with the bundled sample list loaded (screen refuses an empty store)."""
    return make_store(tmp_path_factory.mktemp("lists-home"))


@pytest.mark.parametrize(("lang", "joined"), [("ar", "'foo' و'bar' و'baz'"),
                                              ("zh", "'foo'、'bar'和'baz'")])  # fmt: skip
def test_cli_missing_columns_lists_in_the_language(
    lang: str, joined: str, sample_home: Path, tmp_path: Path
) -> None:
    customs = tmp_path / "shipments.csv"
    customs.write_text("foo,bar,baz\n1,2,3\n", encoding="utf-8")
    out = str(tmp_path / "o")
    done = cordon(sample_home, "--lang", lang, "screen", str(customs), "--out", out)
    shown = " ".join(done.stderr.split())
    assert done.returncode != 0 and joined in shown, shown
    assert "'foo', 'bar'" not in shown


def test_markup_items_stay_markup() -> None:
    from markupsafe import Markup

    with use_language("ar"):
        joined = join_list([Markup("<code>a</code>"), "<b>"])
    assert joined == Markup("<code>a</code> و&lt;b&gt;")


def test_templates_join_lists_with_the_filter_only() -> None:
    """No template writes its own ", " between the items of a list."""
    literal = re.compile(
        r"""join\(\s*['"],\s*['"]\s*\)"""  # join(', ')
        r"""|,\s*['"]\s*\)?\s*if not loop\.last"""  # ", " if not loop.last
        r"""|if not loop\.last\s*%\}\s*,"""  # {% if not loop.last %}, {% endif %}
    )
    found = [f"{path.name}: {m.group(0)}" for path in TEMPLATES
             for m in literal.finditer(path.read_text(encoding="utf-8"))]  # fmt: skip
    assert not found, found


@pytest.mark.parametrize(("language", "tag"), [
    (Language("en"), "en-u-nu-latn"), (Language("ar"), "ar-u-nu-arab"),
    (Language("ar", "latn"), "ar-u-nu-latn"), (Language("ru"), "ru-u-nu-latn"),
    (Language("zh"), "zh-u-nu-latn"),
])  # fmt: skip
def test_javascript_locale_comes_from_the_digits_data(language: Language, tag: str) -> None:
    assert fmt.js_locale(language) == tag


def test_pages_and_report_give_their_script_that_locale() -> None:
    from cordon.analytics.report import _js_messages
    from cordon.web.templating import templates

    base = templates.env.from_string('{% extends "base.html" %}{% block content %}{% endblock %}')
    for language, tag in (
        (Language("ar"), "ar-u-nu-arab"),
        (Language("ar", "latn"), "ar-u-nu-latn"),
    ):
        with use_language(language):
            page = base.render(needs_key=False, list_status=[], switch_url=lambda code: "")
            script = re.search(r'id="i18n-messages">(.*?)</script>', page, re.S)
            assert script is not None and json.loads(script.group(1))["number_locale"] == tag
            assert _js_messages()["number_locale"] == tag
