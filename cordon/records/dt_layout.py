"""The layout of Russian goods declaration (ДТ) extracts, from ``cordon/data/dt_layout.yaml``.

Its field-code header aliases (G022 sender, G082 recipient, G33 commodity code...), each with the
graph of the form it comes from, join the header aliases of :mod:`cordon.records.headers`; its
graph-1 column and import values let :mod:`cordon.records.assume` default the destination of
import declarations to Russia.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cordon.records.langdata import check_sourced
from cordon.refdata import read_yaml

_CODE = re.compile(r"^(?:G\d{2,4}[A-Z0-9_]*|ND)$", re.IGNORECASE)


@dataclass(frozen=True)
class DtLayout:
    """The ДТ extract layout of ``cordon/data/dt_layout.yaml``."""

    aliases: dict[str, tuple[str, ...]]
    direction_headers: tuple[str, ...]
    import_values: frozenset[str]
    min_code_headers: int
    import_assume: dict[str, str]


def _load_layout() -> DtLayout:
    text = (resources.files("cordon") / "data" / "dt_layout.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = read_yaml(text)
    return DtLayout(
        aliases={field: _aliases(field, entries) for field, entries in data["aliases"].items()},
        direction_headers=tuple(str(v) for v in data["direction_headers"]),
        import_values=frozenset(str(v).casefold() for v in data["import_values"]),
        min_code_headers=int(data["min_code_headers"]),
        import_assume={str(k): str(v) for k, v in data["import_assume"].items()},
    )


def _aliases(field: str, entries: list[Any]) -> tuple[str, ...]:
    """A field's ДТ column names, each checked for its source (the form's graph) and date."""
    where = f"cordon/data/dt_layout.yaml: aliases: {field!r}"
    return tuple(
        str(check_sourced(entry, f"{where}: {entry!r}")["alias"]) for entry in entries
    )


DT_LAYOUT = _load_layout()


def is_code_header(header: str) -> bool:
    """Whether a header is a ДТ field code (G022, G082, G33, ND...)."""
    return _CODE.match(header.strip()) is not None
