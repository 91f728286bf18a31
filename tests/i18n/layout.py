"""DOM checks shared by the browser tests of the four languages: direction, overflow, messages."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page

# Every visible element must lie inside the viewport, except inside the boxes that scroll
# on purpose (wide tables, plotly's own drawing) and plotly's far off-screen measuring boxes.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const outside = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.table-scroll, .js-plotly-plot, script, style, [hidden]')) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || box.right < -500) continue;  // off-screen on purpose
    if (box.left < -1 || box.right > width + 1) {
      const name = `${el.tagName.toLowerCase()}.${el.getAttribute('class')}`;
      outside.push(`${name} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, outside: outside.slice(0, 8)};
}"""
MISSING = re.compile(r"⟦([^⟧]*)⟧")


def check_page(page: Page, code: str, direction: str) -> dict[str, Any]:
    """lang/dir of the page, nothing outside the viewport, no message missing from a catalogue."""
    html = page.locator("html")
    assert html.get_attribute("lang") == code
    assert html.get_attribute("dir") == direction
    layout = page.evaluate(OVERFLOW_JS)
    assert layout["outside"] == [] and layout["scrollWidth"] <= layout["width"], (code, layout)
    shown = MISSING.findall(page.content())
    assert shown == [], (code, page.url, "not in the catalogue: run `make i18n` and translate")
    return {"layout": layout}
