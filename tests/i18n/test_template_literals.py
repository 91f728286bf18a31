"""No text a person reads escapes the catalogue in the web app's and the report's templates.

The strict browser tests see a ``_()`` message missing from a catalogue; this sees the text that was
never wrapped in ``_()`` at all: words between tags, in ``title``/``placeholder``/``aria-label``/
``alt`` attributes, and string constants a template prints directly (``{{ x or 'none' }}``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

from tests.conftest import REPO_ROOT

TEMPLATES = sorted(
    [*(REPO_ROOT / "cordon" / "web" / "templates").glob("*.html"),
     *(REPO_ROOT / "cordon" / "analytics" / "templates").glob("*.j2")]
)
WORD = re.compile(r"[^\W\d_]{2,}")  # two letters in a row: a word, not a unit or a symbol
READ_ATTRS = re.compile(r"""\b(title|placeholder|aria-label|alt)\s*=\s*(["'])(.*?)\2""", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
IDENTIFIER = re.compile(r"\w+(?:[_.=]\w+)+")  # file names, field names, query syntax
TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S)
# Text that is the same in every language: names of formats and standards, product names.
SAME_EVERYWHERE = {
    "cordon", "CSV", "JSON", "JSONL", "HS", "HS6", "CHPL", "USD", "API", "ISO", "OFAC", "UTC",
}


def _environment() -> Environment:
    return Environment(extensions=["jinja2.ext.i18n"])


def _printed_constants(node: nodes.Node) -> Iterator[str]:
    """String constants a template prints as they are (not arguments, keys or format strings)."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, nodes.CondExpr):
        yield from _printed_constants(node.expr1)
        if node.expr2 is not None:
            yield from _printed_constants(node.expr2)
    elif isinstance(node, nodes.Or | nodes.And):
        yield from _printed_constants(node.left)
        yield from _printed_constants(node.right)
    elif isinstance(node, nodes.Concat):
        for part in node.nodes:
            yield from _printed_constants(part)


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(IDENTIFIER.sub(" ", text)) if w not in SAME_EVERYWHERE]


def escapes(path: Path) -> list[str]:
    """The untranslated words of a template, with where they are."""
    source = path.read_text(encoding="utf-8")
    skeleton = JINJA.sub("\u00a7", source)  # the static HTML, each Jinja part one § sign
    found: list[str] = []
    for _name, _quote, value in READ_ATTRS.findall(skeleton):
        found += [f"attribute: {value!r}"] if _words(value) else []
    for text in TAG.sub("\n", skeleton).split("\n"):
        found += [f"text: {' '.join(text.split())!r}"] if _words(text) else []
    for match in EXPRESSION.finditer(source):
        before = JINJA.sub("\u00a7", source[: match.start()])
        if before.rfind("<") > before.rfind(">"):
            continue  # inside a tag: an attribute value (class, role, href…), not read
        tree = _environment().parse(match.group(0))
        for output in tree.find_all(nodes.Output):
            for child in output.nodes:
                found += [f"constant: {c!r}" for c in _printed_constants(child) if _words(c)]
    return found


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_no_reader_text_outside_the_catalogue(path: Path) -> None:
    assert escapes(path) == [], f"wrap these in _() in {path.name}, then `make i18n` and translate"


def test_the_check_sees_text_attributes_and_constants(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<p title="Shown on hover">{{ _("fine") }} Loose words</p>'
        "{{ x or 'undated' }}{{ '{:,}'.format(n) }}<span class=\"mono\">{{ _('ok') }}</span>",
        encoding="utf-8",
    )
    assert escapes(page) == [
        "attribute: 'Shown on hover'", "text: '§ Loose words'", "constant: 'undated'"
    ]
