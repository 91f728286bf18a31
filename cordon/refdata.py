"""Reference tables kept as sourced data files, not as Python literals.

Country groups, the CHPL, the FX rates, the legal-form vocabulary, the goods-description word
lists and the name particles are facts with a source and a date; written as code, they lose both
and get edited by whoever touches the module. Each lives
in a YAML file under ``cordon/<package>/data/`` with ``source`` (where the facts come from) and
``as_of`` (the date of that source) at the top, beside its body, and each entry of the body (a
country group, a CHPL item, a currency's rates, a legal-form word) its own ``source`` and
``as_of``; this module reads each file once per process and refuses one that lacks any of them,
naming the file and the entry. (Per-language
tables — header aliases, country and currency names, tax-id labels, date patterns, red-flag
sentences — have their own loader, :mod:`cordon.records.langdata`.)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# Every reference file: (package, file under its data/ folder, the body key it must have).
FILES: tuple[tuple[str, str, str], ...] = (
    ("cordon", "jurisdictions.yaml", "groups"),
    ("cordon.goods", "chpl.yaml", "items"),
    ("cordon.analytics", "fx_rates.yaml", "currencies"),
    ("cordon.names", "legal_form_words.yaml", "words"),
    ("cordon.names", "legal_form_pairs.yaml", "pairs"),
    ("cordon.goods", "description_families.yaml", "families"),
    ("cordon.goods", "cover_terms.yaml", "chapters"),
    ("cordon.names", "particles.yaml", "particles"),
)


# libyaml's parser when PyYAML was built with it: the sourced data files are ~10x faster to read.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """A YAML document as ``yaml.safe_load`` reads it (the same safe types), parsed by libyaml
    when available: the data files are read at every process start."""
    return yaml.load(text, Loader=_LOADER)  # a safe loader, C or Python


class ReferenceDataError(ValueError):
    """A reference file that cannot be used; the message names the file and the problem."""


@lru_cache(maxsize=16)
def load(package: str, name: str, body: str) -> dict[str, Any]:
    """The mapping in ``<package>/data/<name>``, checked for ``source``, ``as_of`` and ``body``."""
    path = resources.files(package) / "data" / name
    where = f"{package.replace('.', '/')}/data/{name}"
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ReferenceDataError(f"{where}: cannot read: {error}") from error
    if not isinstance(data, dict):
        raise ReferenceDataError(f"{where}: not a mapping")
    if not str(data.get("source") or "").strip():
        raise ReferenceDataError(f"{where}: 'source:' missing (say where the facts come from)")
    if not isinstance(data.get("as_of"), dt.date):
        raise ReferenceDataError(f"{where}: 'as_of:' must be the source's date (YYYY-MM-DD)")
    if not data.get(body):
        raise ReferenceDataError(f"{where}: '{body}:' missing or empty")
    entries = data[body].items() if isinstance(data[body], dict) else enumerate(data[body])
    for key, entry in entries:
        if not isinstance(entry, dict) or not str(entry.get("source") or "").strip():
            raise ReferenceDataError(f"{where}: {body}: {key!r}: 'source:' missing")
        if not isinstance(entry.get("as_of"), dt.date):
            raise ReferenceDataError(f"{where}: {body}: {key!r}: 'as_of:' must be a date")
    return data


def country_codes(values: Any, where: str) -> frozenset[str]:
    """A set of ISO alpha-2 codes; anything else (YAML's ``NO`` read as false) is an error."""
    codes = frozenset(values if isinstance(values, list) else ())
    bad = sorted(repr(c) for c in codes if not (isinstance(c, str) and len(c) == 2 and c.isupper()))
    if bad or not codes:
        raise ReferenceDataError(f"{where}: not ISO alpha-2 country codes: {', '.join(bad)}")
    return codes
