"""Streaming XML reading shared by the UN, EU and UK FCDO parsers; errors name file and line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from lxml import etree

from cordon.i18n import N_, Message
from cordon.lists.build import utc_naive
from cordon.lists.errors import ListLoadError
from cordon.lists.source import check_readable


def local_name(tag: object) -> str:
    """Tag name without its XML namespace (``{ns}name`` -> ``name``); "" for comments."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def root_attributes(path: Path, expected_root: str) -> dict[str, str]:
    """Attributes of the root element, after checking it is ``expected_root``."""
    check_readable(path, text=False)
    try:
        for _event, element in etree.iterparse(str(path), events=("start",)):
            if local_name(element.tag) != expected_root:
                raise ListLoadError(
                    path,
                    Message(
                        N_("root element is <%(found)s>, expected <%(expected)s>"),
                        found=local_name(element.tag),
                        expected=expected_root,
                    ),
                )
            if element.getroottree().docinfo.doctype:
                # no publisher uses one; with entities unresolved their text would vanish
                raise ListLoadError(
                    path, Message(N_("the file declares a DTD (<!DOCTYPE>): refused"))
                )
            return {local_name(k): v for k, v in element.attrib.items()}
    except etree.XMLSyntaxError as exc:
        raise ListLoadError(
            path, Message(N_("invalid XML: %(error)s"), error=exc.msg), line=exc.lineno
        ) from exc
    raise ListLoadError(path, Message(N_("no XML element found")))


def root_timestamp(paths: Sequence[Path], expected_root: str, attribute: str) -> datetime | None:
    """The first file's root ``attribute`` read as an ISO timestamp, as naive UTC."""
    for path in paths:
        stamp = root_attributes(path, expected_root).get(attribute)
        if stamp:
            try:
                return utc_naive(stamp)
            except ValueError as exc:  # found by fuzzing: a garbled date was a traceback
                raise ListLoadError(
                    path,
                    Message(
                        N_("root attribute %(attribute)s is not a timestamp: %(value)s"),
                        attribute=attribute,
                        value=repr(stamp[:40]),
                    ),
                ) from exc
    return None


def iter_elements(path: Path, expected_root: str, tags: set[str]) -> Iterator[etree._Element]:
    """Each complete element whose local name is in ``tags``, freed after the caller is done."""
    root_attributes(path, expected_root)
    context = etree.iterparse(
        str(path),
        events=("end",),
        tag=[f"{{*}}{tag}" for tag in sorted(tags)],  # any namespace; filtered inside libxml2
        huge_tree=True,
        resolve_entities=False,
    )
    try:
        for _event, element in context:
            yield element
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                parent = element.getparent()
                if parent is None:
                    break
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ListLoadError(
            path,
            Message(N_("invalid XML (truncated or corrupt): %(error)s"), error=exc.msg),
            line=exc.lineno,
        ) from exc


def header_text(path: Path, expected_root: str, tag: str, before: str) -> str | None:
    """Text of a header element ``tag`` that precedes the first ``before`` element, or None."""
    root_attributes(path, expected_root)
    try:
        for event, element in etree.iterparse(str(path), events=("start", "end")):
            name = local_name(element.tag)
            if event == "start" and name == before:
                return None
            if event == "end" and name == tag:
                return (element.text or "").strip() or None
    except etree.XMLSyntaxError as exc:
        raise ListLoadError(
            path, Message(N_("invalid XML: %(error)s"), error=exc.msg), line=exc.lineno
        ) from exc
    return None


def descendants(element: etree._Element, *names: str) -> list[etree._Element]:
    """Elements below ``element`` (any depth, document order) whose local name is in ``names``."""
    return [node for node in element.iterdescendants() if local_name(node.tag) in names]


def descendant_texts(element: etree._Element, *names: str) -> list[str]:
    """Non-empty stripped texts of the descendants named ``names``, whatever wraps them."""
    out: list[str] = []
    for node in descendants(element, *names):
        value = (node.text or "").strip()
        if value:
            out.append(value)
    return out


def text(element: etree._Element, child: str) -> str | None:
    """Stripped text of the first direct child named ``child`` (namespace-agnostic), or None."""
    node = element.find(f"{{*}}{child}")
    if node is None:
        return None
    value = (node.text or "").strip()
    return value or None


def joined(element: etree._Element, parts: Sequence[str], separator: str = ", ") -> str | None:
    """The non-empty texts of the direct children named ``parts``, in that order, joined."""
    found = [v for v in (text(element, part) for part in parts) if v]
    return separator.join(found) or None


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Direct children with local name ``name`` (any namespace)."""
    return list(element.iterchildren(f"{{*}}{name}"))


def values(element: etree._Element, child: str) -> list[str]:
    """Texts of ``<child><VALUE>..</VALUE></child>`` lists (UN style)."""
    out: list[str] = []
    for node in children(element, child):
        for value in children(node, "VALUE"):
            if value.text and value.text.strip():
                out.append(value.text.strip())
    return out
