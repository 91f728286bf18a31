"""A heuristic for English left in a translated surface: three common English words in a row.

Names, codes and commands are left out before looking: words in capitals (list names, HS codes,
IDs), words inside quotes or backticks (values, commands), options (``--out``), and paths.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_WORDS = Path(__file__).with_name("common_english.txt")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|«[^»]*»|<[^>]*>")
_PATH_OR_OPTION = re.compile(r"(?:\S*/\S*|--?[\w-]+|\S+\.\w{2,4}\b)")
_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|[^\sA-Za-z]+")


@cache
def common_words() -> frozenset[str]:
    """The common English words of ``common_english.txt``."""
    lines = _WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def english_runs(text: str, length: int = 3) -> list[str]:
    """The runs of ``length`` or more common English words in ``text`` (names/codes left out)."""
    cleaned = _PATH_OR_OPTION.sub(" § ", _QUOTED.sub(" § ", text))
    runs: list[str] = []
    current: list[str] = []
    for token in [*_TOKEN.findall(cleaned), "§"]:
        if token.lower() in common_words() and not (token.isupper() and len(token) > 1):
            current.append(token)
            continue
        if token in {",", ":", ";"} and current:
            continue  # "missing, expected" is still one English run
        if len(current) >= length:
            runs.append(" ".join(current))
        current = []
    return runs
