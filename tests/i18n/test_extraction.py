"""Every message in the code and the templates is in the committed catalogue template (cordon.pot).

Fails when someone adds a ``_()`` message without running ``make i18n`` (and so without a
translation): the browser tests' strict mode only sees the pages they render, this sees them all.
It extracts with the same mapping as ``make i18n`` (``cordon/i18n/babel.cfg``).
"""

from __future__ import annotations

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from cordon.i18n.languages import LOCALE_DIR
from tests.conftest import REPO_ROOT


def _key(message: str | tuple[str, ...], context: str | None) -> tuple[str | None, str]:
    return context, message if isinstance(message, str) else message[0]


def test_source_messages_are_all_in_the_catalogue_template() -> None:
    cfg = REPO_ROOT / "cordon" / "i18n" / "babel.cfg"
    with cfg.open() as fh:
        methods, options = parse_mapping_cfg(fh, str(cfg))
    found = {
        _key(message, context)
        for _file, _line, message, _comments, context in extract_from_dir(
            str(REPO_ROOT), method_map=methods, options_map=options, keywords=DEFAULT_KEYWORDS
        )
    }
    with (LOCALE_DIR / "cordon.pot").open("rb") as fh:
        template = {_key(m.id, m.context) for m in read_po(fh) if m.id}
    assert found - template == set(), "run `make i18n` and translate the new messages"
    assert template - found == set(), "run `make i18n`: the template lists messages no longer used"
