/* The language's digits in plotly's axis ticks and hover labels (Arabic-Indic in Arabic).
   plotly's number formatting writes 0-9 only; charts.py names the digits to write instead in
   layout.meta.digits. Text isolated left to right (U+2066…U+2069: CHPL tiers, HS codes) keeps
   its Latin digits. Shared by the web app (/static) and the report (inlined). */
(function () {
  "use strict";
  const OPEN = new Set(["\u2066", "\u2067", "\u2068"]);

  function localize(text, set) {
    let depth = 0;
    let out = "";
    for (const ch of text) {
      if (OPEN.has(ch)) depth += 1;
      else if (ch === "\u2069") depth = Math.max(0, depth - 1);
      out += depth === 0 && ch >= "0" && ch <= "9" ? set[ch.charCodeAt(0) - 48] : ch;
    }
    return out;
  }

  function apply(gd) {
    const set = gd.layout && gd.layout.meta && gd.layout.meta.digits;
    if (!set || set.length !== 10) return;
    gd.querySelectorAll(".xtick text, .ytick text, .hoverlayer text").forEach((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = localize(node.nodeValue, set);
        if (text !== node.nodeValue) node.nodeValue = text;
      }
    });
  }

  window.cordonChartDigits = function (gd) {
    apply(gd);
    gd.on("plotly_afterplot", () => apply(gd));
    gd.on("plotly_hover", () => window.requestAnimationFrame(() => apply(gd)));
  };
})();
