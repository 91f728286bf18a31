"""Every message in the code and the templates is in the committed catalogue template (cordon.pot).

Fails when someone adds a ``_()`` message without running ``make i18n`` (and so without a
translation): the browser tests' strict mode only sees the pages they render, this sees them all.
"""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cordon.i18n.languages import LOCALE_DIR
from tests.conftest import REPO_ROOT

KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
METHODS = [
    ("cordon/**.py", "python"),
    ("cordon/web/templates/**.html", "jinja2"),
    ("cordon/analytics/templates/**.j2", "jinja2"),
]
OPTIONS = {
    "cordon/web/templates/**.html": {"extensions": "jinja2.ext.i18n"},
    "cordon/analytics/templates/**.j2": {
        "extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true",
    },
}


def _key(message: str | tuple[str, ...], context: str | None) -> tuple[str | None, str]:
    return context, message if isinstance(message, str) else message[0]


def test_source_messages_are_all_in_the_catalogue_template() -> None:
    found = {
        _key(message, context)
        for _file, _line, message, _comments, context in extract_from_dir(
            str(REPO_ROOT), method_map=METHODS, options_map=OPTIONS, keywords=KEYWORDS
        )
    }
    with (LOCALE_DIR / "cordon.pot").open("rb") as fh:
        template = {_key(m.id, m.context) for m in read_po(fh) if m.id}
    assert found - template == set(), "run `make i18n` and translate the new messages"
    assert template - found == set(), "run `make i18n`: the template lists messages no longer used"
