"""What a reader sees on a rendered page, and the Latin-script words in it that are not data.

A script in the page walks every text node (charts' SVG text too) and the ``title``,
``aria-label``, ``placeholder`` and ``alt`` attributes, leaving out scripts, styles and text
isolated as data: inside ``<bdi>``, ``translate="no"``, ``<code>``, an element written left to
right inside the page (``dir="ltr"``, a name's transliteration, a code) or Unicode isolates
(U+2066…U+2069), which is how names, codes and identifiers are written. What is left is the
language's own text; a Latin-script word in it is English left untranslated, unless it is a code
(capitals of up to three letters, or with digits: HS, CN, USD, RF-05, HS6) or an entry of
``surface_allowed.yaml`` (each with the reason it stays as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from playwright.sync_api import Page

ALLOWED_FILE = Path(__file__).with_name("surface_allowed.yaml")
# Text nodes and read attributes outside isolated data, with a path to where they are.
WALK_JS = """() => {
  const ISOLATED = 'bdi, [translate="no"], code, kbd, samp, script, style, noscript, template';
  const chart = (el) => el.closest('.js-plotly-plot');
  const isolated = (el) => {
    if (!el) return false;
    if (el.closest(ISOLATED)) return true;
    const ltr = el.closest('[dir="ltr"]');
    // plotly's drawing area is laid out left to right: its text is still read, not data
    return ltr !== null && !(chart(el) && ltr.contains(chart(el)));
  };
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
    }
    return parts.join(' > ');
  };
  const found = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || isolated(el)) continue;
    found.push([node.textContent, where(el)]);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    if (el.closest('[translate="no"], script, style, template')) continue;
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) found.push([value, where(el) + '@' + name]);
    }
  }
  return found;
}"""
_UNICODE_ISOLATE = re.compile("[\u2066\u2067\u2068][^\u2069]*\u2069")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")
_CODE = re.compile(r"[A-Z]{1,3}|.*\d.*|.*[_.].*")  # HS, CN, USD; RF-05, HS6; file/field names


@dataclass(frozen=True)
class Finding:
    """A Latin-script word left in a language's own text, and where it was."""

    word: str
    text: str
    where: str


@cache
def allowed_words() -> frozenset[str]:
    """The words of ``surface_allowed.yaml`` (each entry gives its reason)."""
    entries = yaml.safe_load(ALLOWED_FILE.read_text(encoding="utf-8"))["allowed"]
    assert all(entry.get("reason") for entry in entries), "every allowed word says why"
    return frozenset(entry["word"] for entry in entries)


def latin_words(text: str) -> list[str]:
    """The Latin-script words of ``text`` outside Unicode isolates that are not codes or allowed."""
    words = _WORD.findall(_UNICODE_ISOLATE.sub(" ", text))
    return [w for w in words if not _CODE.fullmatch(w) and w not in allowed_words()]


def page_findings(page: Page) -> list[Finding]:
    """The Latin words left in the loaded page's own text."""
    return [
        Finding(word, text.strip()[:160], where)
        for text, where in page.evaluate(WALK_JS)
        for word in latin_words(text)
    ]
