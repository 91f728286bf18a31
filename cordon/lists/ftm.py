"""FollowTheMoney entities as JSON lines: the OpenSanctions export format and cordon's sample."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from cordon.i18n import N_, Message
from cordon.lists.errors import ListLoadError
from cordon.lists.source import check_readable, expand_paths

FILES = None  # any file in a directory


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, decoded JSON object) for every non-blank line of ``path``."""
    check_readable(path)
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                problem = N_("invalid JSON (truncated or corrupt line): %(error)s")
                if isinstance(exc.__cause__, UnicodeDecodeError) or b"\x00" in raw:
                    problem = N_("not UTF-8 JSON text: %(error)s")
                raise ListLoadError(path, Message(problem, error=exc), line=number) from exc
            if not isinstance(data, dict):
                raise ListLoadError(
                    path, Message(N_("expected a JSON object (an FtM entity)")), line=number
                )
            yield number, data


def _references(values: Any) -> list[str]:
    """Entity ids from a property value that may be one id or a list of ids."""
    items = values if isinstance(values, list) else [values]
    return [str(item) for item in items if item]


def _entity(path: Path, number: int, data: dict[str, Any]) -> EntityProxy:
    """Validate one entity dict and turn it into an FtM proxy."""
    if not data.get("id"):
        raise ListLoadError(path, Message(N_("entity has no id")), line=number, field="id")
    schema = model.get(data.get("schema") or "")
    if schema is None:
        raise ListLoadError(
            path,
            Message(N_("unknown FtM schema %(schema)s"), schema=repr(data.get("schema"))),
            line=number,
            field="schema",
        )
    properties = data.get("properties") or {}
    if not isinstance(properties, dict):
        raise ListLoadError(
            path, Message(N_("properties must be an object")), line=number, field="properties"
        )
    entity = model.make_entity(schema)
    entity.id = str(data["id"])
    for key in ("target", "datasets"):  # yente/OpenSanctions: is it screened, where listed
        if key in data:
            entity.context[key] = data[key]
    for prop, values in properties.items():
        if prop not in schema.properties:
            raise ListLoadError(
                path,
                Message(N_("property not in schema %(schema)s"), schema=schema.name),
                line=number,
                field=prop,
            )
        try:
            if schema.properties[prop].type == registry.entity:
                # Entity references are kept verbatim: list ids such as ``us_ofac_sdn-123``
                # contain "_", which FtM's id cleaning would silently drop.
                entity.add(prop, _references(values), cleaned=True)
            else:
                entity.add(prop, values, quiet=True)
        except InvalidData as exc:
            raise ListLoadError(
                path, Message(N_("invalid value: %(error)s"), error=exc), line=number, field=prop
            ) from exc
    return entity


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every entity in the FtM JSON-lines files; ``dataset`` only names the load (ids are kept).

    ``target`` and ``datasets`` are kept in the entity's context: only targets are screened
    (``load.is_listed``), the rest is stored as context for entity pages and links.
    """
    for path in expand_paths(paths, FILES):
        for number, data in _lines(path):
            yield _entity(path, number, data)


def dataset_names(paths: Sequence[Path]) -> list[str]:
    """The ``datasets`` named by the files' entities, in order of first appearance."""
    seen: dict[str, None] = {}
    for path in expand_paths(paths, FILES):
        for _number, data in _lines(path):
            for name in data.get("datasets") or ():
                seen.setdefault(str(name), None)
    return list(seen)


def published_at(paths: Sequence[Path]) -> datetime | None:
    """FtM entity files carry no publication date of their own."""
    return None
