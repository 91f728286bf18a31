"""What a reader sees on a rendered page, and the Latin-script words in it that are not data.

A script in the page walks every text node (charts' SVG text and plotly's mode bar too) and the
``title``, ``aria-label``, ``placeholder``, ``alt`` and ``data-title`` attributes, leaving out
scripts, styles and text isolated as data: inside ``<bdi>``, ``translate="no"``, ``<code>``, an
element declared left to right (``dir="ltr"``: a name's transliteration) or in another language
(``lang``: the switcher's language names), the classes the stylesheets isolate left to right
(``.mono``, ``.explain``, ``.code``), plotly's point labels (party names), or Unicode isolates
(U+2066…U+2069), which is how names, codes and identifiers are written in text. What is left is the
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
  const LANG = document.documentElement.lang;
  // Data as written: names (bdi, translate="no"), codes and identifiers (code, and the classes
  // cordon.css and the report lay out left to right in isolation: .mono, .explain, .code),
  // elements declared left to right or in another language; plotly's point labels (names).
  const DATA = 'bdi, code, kbd, samp, script, style, noscript, template, :not(html)[dir="ltr"], '
    + '.mono, .explain, .code, .textpoint';
  const isolated = (el) => {
    if (!el || el.translate === false) return true;
    const data = el.closest(DATA);
    // plotly lays its drawing area out left to right: its text (ticks, legends) is still read
    if (data && !(data.closest('.js-plotly-plot') && !data.matches('.textpoint, .textpoint *'))) {
      return true;
    }
    const other = el.closest('[lang]');
    return other !== null && other.lang !== LANG;
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
    if (!node.textContent.trim() || el.closest('script, style, template')) continue;
    // a date's digits keep their order only under a left-to-right override
    const kept = getComputedStyle(el).unicodeBidi.includes('override');
    found.push([node.textContent, where(el), isolated(el), kept]);
  }
  const ATTRS = ['title', 'aria-label', 'placeholder', 'alt', 'data-title'];
  for (const el of document.querySelectorAll(ATTRS.map((a) => `[${a}]`).join(','))) {
    if (el.closest('script, style, template') || el.translate === false) continue;
    for (const name of ATTRS) {
      const value = el.getAttribute(name);
      if (value && value.trim()) found.push([value, where(el) + '@' + name, false, false]);
    }
  }
  return found;
}"""
_UNICODE_ISOLATE = re.compile("[\u2066\u2067\u2068][^\u2069]*\u2069")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")
# An ISO date in Arabic-Indic digits: without an isolate its parts show in reverse order (the
# hyphen does not hold Arabic-Indic digits together as it holds 0-9).
_DATE = re.compile(r"(?<![0-9٠-٩])[٠-٩]{4}-[٠-٩]{2}(?:-[٠-٩]{2})?(?![0-9٠-٩])")
# An ISO date in 0-9 in Arabic text, where every other number has Arabic-Indic digits.
_LATIN_DATE = re.compile(r"(?<![\w-])[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?(?![\w-])")
_OVERRIDE = re.compile("\u202d[^\u202c]*\u202c")  # left-to-right override (formatting.ltr)
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
    text = _UNICODE_ISOLATE.sub(" ", text)
    for phrase in (w for w in allowed_words() if " " in w):
        text = text.replace(phrase, " ")
    return [w for w in _WORD.findall(text) if not _CODE.fullmatch(w) and w not in allowed_words()]


def loose_dates(text: str) -> list[str]:
    """ISO dates in Arabic-Indic digits outside a left-to-right override: in right-to-left text
    (isolated or not) their parts show in reverse order (٢٠٢٤-٠٣-٠١ as ٠١-٠٣-٢٠٢٤); an override
    (U+202D…U+202C, as ``formatting.ltr`` writes, or CSS ``unicode-bidi: bidi-override``) keeps
    them in order."""
    return _DATE.findall(_OVERRIDE.sub(" ", text))


def page_findings(page: Page) -> list[Finding]:
    """The Latin words left in the loaded page's own text; right to left (Arabic, with its own
    digits), also dates whose parts would reorder, and dates left in 0-9."""
    rtl = page.locator("html").get_attribute("dir") == "rtl"
    return [
        Finding(word, text.strip()[:160], where)
        for text, where, isolated, kept in page.evaluate(WALK_JS)
        for word in [
            *([] if isolated else latin_words(text)),
            *(loose_dates(text) if rtl and not kept else []),
            *(_LATIN_DATE.findall(text) if rtl and not isolated else []),
        ]
    ]
