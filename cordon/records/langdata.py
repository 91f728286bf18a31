"""Reference data that differs by language, read from one file per language per kind.

``cordon/records/data/<kind>/<lang>.yaml`` holds the header aliases (``headers``), country names
(``countries``) and currency names (``currencies``) of one language, with its source. Adding a
language is adding a file to each kind; the files are read once per process and checked on load
(a broken file is an error naming it, never a silent gap).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
# English first (the field names' own language), then the others in code order.
FIRST = "en"


class LanguageFileError(ValueError):
    """A language data file that cannot be used; the message names the file and the problem."""


@lru_cache(maxsize=8)
def language_files(kind: str, body: str) -> tuple[tuple[str, dict[str, Any]], ...]:
    """``(language, file)`` of every ``data/<kind>/*.yaml``, English first.

    Each file is a mapping with ``language`` (its stem), ``source`` and a non-empty ``body``
    mapping; other keys (``pycountry_locale``) are the file's own settings.
    """
    paths = sorted((DATA_DIR / kind).glob("*.yaml"), key=lambda p: (p.stem != FIRST, p.stem))
    if not paths:
        raise LanguageFileError(f"{DATA_DIR / kind}: no language file")
    loaded = []
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise LanguageFileError(f"{path}: cannot read: {error}") from error
        if not isinstance(data, dict) or data.get("language") != path.stem:
            raise LanguageFileError(f"{path}: 'language: {path.stem}' missing")
        if not data.get("source"):
            raise LanguageFileError(f"{path}: 'source:' missing (say where the names come from)")
        content = data.get(body)
        if not isinstance(content, dict) or not content:
            raise LanguageFileError(f"{path}: '{body}:' must be a non-empty mapping")
        loaded.append((path.stem, data))
    return tuple(loaded)
