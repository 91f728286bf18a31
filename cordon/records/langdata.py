"""Reference data that differs by language, read from one file per language per kind.

``cordon/records/data/<kind>/<lang>.yaml`` holds the header aliases (``headers``), country names
(``countries``), currency names (``currencies``), tax-id labels (``tax_ids``) and date patterns
(``dates``) of one language, with its source; other packages keep their own kinds under their
``data/`` folder (``cordon/names/data/legal_forms``, ``cordon/records/data/encodings``). Adding a
language is adding a file to each kind; the files are read once per process and checked on load
(a broken file is an error naming it, never a silent gap). Kinds read with
:func:`sourced_entries` also give each entry its own ``source`` and ``as_of`` date, checked by
:func:`check_sourced` (which :mod:`cordon.records.headers` applies to every header alias).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from cordon.refdata import read_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
# English first (the field names' own language), then the others in code order.
FIRST = "en"


class LanguageFileError(ValueError):
    """A language data file that cannot be used; the message names the file and the problem."""


@lru_cache(maxsize=16)
def language_files(
    kind: str, body: str, root: Path | None = None
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """``(language, file)`` of every ``<root>/<kind>/*.yaml`` (``root``: this package's
    ``data/``), English first.

    Each file is a mapping with ``language`` (its stem), ``source`` and a non-empty ``body``
    mapping; other keys (``pycountry_locale``) are the file's own settings.
    """
    folder = (root or DATA_DIR) / kind
    paths = sorted(folder.glob("*.yaml"), key=lambda p: (p.stem != FIRST, p.stem))
    if not paths:
        raise LanguageFileError(f"{folder}: no language file")
    loaded = []
    for path in paths:
        try:
            data = read_yaml(path.read_text(encoding="utf-8"))
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


def sourced_entries(
    kind: str, body: str, root: Path | None = None
) -> tuple[tuple[str, str, dict[str, Any]], ...]:
    """``(language, key, entry)`` of every entry of :func:`language_files`, in file order.

    Each entry is a mapping with its own ``source`` (where the fact comes from) and ``as_of``
    (a date: when it was recorded from that source); one without them is an error naming the
    file and the entry.
    """
    found = []
    for language, data in language_files(kind, body, root):
        for key, entry in data[body].items():
            check_sourced(entry, f"{kind}/{language}.yaml: {body}: {key!r}")
            found.append((language, str(key), entry))
    return tuple(found)


def check_sourced(entry: object, where: str) -> dict[str, Any]:
    """``entry`` with its own ``source`` and ``as_of`` date; otherwise an error at ``where``."""
    if not isinstance(entry, dict) or not str(entry.get("source") or "").strip():
        raise LanguageFileError(f"{where}: 'source:' missing (say where it comes from)")
    if not isinstance(entry.get("as_of"), dt.date):
        raise LanguageFileError(f"{where}: 'as_of:' must be a date (YYYY-MM-DD)")
    return entry
