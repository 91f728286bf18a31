"""Helpers shared by the parsers to fill FtM entities without silently losing source facts."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from rigour.text.scripts import is_latin

_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %Y", "%B %Y", "%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
_LABEL = re.compile(r"(?<!^)(?=[A-Z])")


def make(schema: str, entity_id: str) -> EntityProxy:
    """A new FtM entity of ``schema`` with ``entity_id``."""
    entity = model.make_entity(schema)
    entity.id = entity_id
    return entity


def put(entity: EntityProxy, prop: str, value: str | None) -> None:
    """Add ``value`` to ``prop``; if the schema lacks it or FtM rejects it, keep it in notes."""
    if value is None or not value.strip():
        return
    value = value.strip()
    schema_prop = entity.schema.properties.get(prop)
    cleaned = None
    if schema_prop is not None and schema_prop.type == registry.entity:
        cleaned = schema_prop.type.clean(value, format=schema_prop.format, proxy=entity)
    elif schema_prop is not None:
        cleaned = _clean(schema_prop.type.name, schema_prop.format, value)
    if schema_prop is not None and cleaned is not None:
        entity.add(prop, cleaned, cleaned=True, quiet=True)
        return
    label = _LABEL.sub(" ", prop).lower()
    entity.add("notes", f"{label}: {value}", quiet=True)


@lru_cache(maxsize=1 << 16)
def _clean(type_name: str, fmt: str | None, value: str) -> str | None:
    """FtM's cleaning of ``value`` as ``type_name``, remembered: lists repeat countries,
    programmes and dates thousands of times. Only entity references depend on the entity
    itself (they may not point at it), so they are never cached."""
    return registry.get(type_name).clean(value, format=fmt)


def put_all(entity: EntityProxy, prop: str, values: Iterable[str | None]) -> None:
    """``put`` every value."""
    for value in values:
        put(entity, prop, value)


def iso_date(text: str | None) -> str | None:
    """An ISO date or prefix (YYYY, YYYY-MM, YYYY-MM-DD) from the formats publishers use."""
    if not text:
        return None
    text = text.strip().removeprefix("circa ").strip()
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt in ("%Y",):
            return f"{parsed:%Y}"
        if fmt in ("%b %Y", "%B %Y"):
            return f"{parsed:%Y-%m}"
        return f"{parsed:%Y-%m-%d}"
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return text
    return None


def date_range(text: str) -> list[str]:
    """Dates for ``A to B``: their common ISO prefix (month or year) or both ends."""
    start, _, end = text.partition(" to ")
    first, last = iso_date(start), iso_date(end)
    if first is None or last is None:
        return [d for d in (first, last) if d]
    if first[:7] == last[:7] and len(first[:7]) == 7:
        return [first[:7]]
    if first[:4] == last[:4]:
        return [first[:4]]
    return [first, last]


def split_person_name(name: str) -> tuple[str | None, str | None]:
    """(last name, first names) from the ``LAST, First`` form of Western lists."""
    last, sep, first = name.partition(",")
    if not sep:
        return None, None
    return last.strip() or None, first.strip() or None


def stable_id(*parts: str | None) -> str:
    """A short, stable hash id for lists whose entries carry no id of their own (e.g. BIS DPL)."""
    joined = "\x1f".join((p or "").strip().upper() for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def merge_into(entities: dict[str, EntityProxy], entity: EntityProxy) -> None:
    """Add ``entity`` by id, merging its values into an earlier entity with the same id."""
    key = str(entity.id)
    if key in entities:
        entities[key].merge(entity)
    else:
        entities[key] = entity


def split_list(value: str | None, separator: str = ";") -> list[str]:
    """The non-empty, stripped parts of a ``separator``-joined cell."""
    return [part.strip() for part in (value or "").split(separator) if part.strip()]


def utc_naive(stamp: str) -> datetime:
    """An ISO 8601 timestamp (``Z`` or offset allowed) as a naive UTC datetime."""
    parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def day_month_year(value: str | None) -> str | None:
    """``dd/mm/yyyy`` (``00`` for unknown day or month, as the UK list writes it) -> ISO prefix."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", (value or "").strip())
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    if month == 0:
        return f"{year:04d}"
    if day == 0:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def caption_rank(name: str, language: str | None) -> int:
    """How well a name serves as an entity's caption: English first, then names with no stated
    language in Latin script, then other Latin-script names, then the rest (0 = best)."""
    lang = (language or "").strip().lower()
    if lang in ("en", "eng", "english"):
        return 0
    if is_latin(name):
        return 1 if not lang else 2
    return 3


def best_name(names: Sequence[tuple[str, str | None]]) -> int:
    """Index of the caption among (name, language) pairs; the first of the best rank wins."""
    ranks = [caption_rank(name, language) for name, language in names]
    return ranks.index(min(ranks))
