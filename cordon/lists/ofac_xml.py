"""OFAC's XML in the SDN.XML schema (``sdnList``/``sdnEntry``) as FtM entities.

OFAC publishes the SDN list (``SDN.XML``) and its non-SDN consolidated list
(``CONSOLIDATED.XML``) in this schema. Every structured field is turned into the statement
the legacy CSV writes in its remarks (``DOB 1962``, ``Passport 123 (Russia)``) and built by
``cordon.lists.ofac.build``, so an entry gives the same entity in both formats. Streamed with
``lxml.iterparse``; the header's ``Record_Count`` is checked against the entries read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy
from lxml import etree

from cordon.i18n import N_, Message
from cordon.lists.build import put
from cordon.lists.errors import ListLoadError
from cordon.lists.ofac import Entry, Pending, build, resolve
from cordon.lists.ofac_format import files_with_root
from cordon.lists.xmlsource import children, header_text, iter_elements, text

FILES = None
ROOT = "sdnList"
_LINKED = re.compile(r"\(\s*(Linked To:[^()]*)\)")
_ALT_TYPES = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}


def person_name(last: str | None, first: str | None) -> str | None:
    """OFAC's display form of a name: ``LAST, First`` (as the legacy CSV writes it)."""
    if last and first:
        return f"{last}, {first}"
    return last or first


def _nested(
    element: etree._Element, list_tag: str, item_tag: str, value_tag: str | None
) -> list[str]:
    """Texts of ``<list_tag><item_tag><value_tag>`` (or of the items when no value tag)."""
    out: list[str] = []
    for node in children(element, list_tag):
        for item in children(node, item_tag):
            value = text(item, value_tag) if value_tag else (item.text or "").strip() or None
            if value:
                out.append(value)
    return out


def _statements(element: etree._Element) -> list[str]:
    """The structured fields as remark statements, in the legacy CSV's wording."""
    labelled = (
        ("DOB", "dateOfBirthList", "dateOfBirthItem", "dateOfBirth"),
        ("POB", "placeOfBirthList", "placeOfBirthItem", "placeOfBirth"),
        ("nationality", "nationalityList", "nationality", "country"),
        ("citizen", "citizenshipList", "citizenship", "country"),
    )
    statements = [
        f"{label} {value}"
        for label, list_tag, item_tag, value_tag in labelled
        for value in _nested(element, list_tag, item_tag, value_tag)
    ]
    for node in children(element, "idList"):
        for ident in children(node, "id"):
            kind, number = text(ident, "idType"), text(ident, "idNumber")
            country = text(ident, "idCountry")
            if kind and number:
                statements.append(f"{kind} {number}" + (f" ({country})" if country else ""))
    return statements


def _id_dates(entity: EntityProxy, element: etree._Element) -> None:
    """Issue and expiry dates of documents (the legacy CSV drops them), kept as notes."""
    for node in children(element, "idList"):
        for ident in children(node, "id"):
            dates = [
                f"{label} {value}"
                for label, value in (
                    ("issued", text(ident, "issueDate")),
                    ("expires", text(ident, "expirationDate")),
                )
                if value
            ]
            if dates:
                label = f"{text(ident, 'idType')} {text(ident, 'idNumber')}"
                put(entity, "notes", f"{label}: {', '.join(dates)}")


def _aliases(element: etree._Element) -> list[tuple[str, str]]:
    aliases = []
    for node in children(element, "akaList"):
        for aka in children(node, "aka"):
            alias = person_name(text(aka, "lastName"), text(aka, "firstName"))
            kind = _ALT_TYPES.get((text(aka, "type") or "").lower(), "aka")
            if (text(aka, "category") or "").lower() == "weak" and kind == "aka":
                kind = "wka"
            if alias:
                aliases.append((kind, alias))
    return aliases


def _addresses(element: etree._Element) -> list[tuple[str | None, str | None, str | None]]:
    """(street, city line, country) as the legacy add.csv writes them."""
    out = []
    for node in children(element, "addressList"):
        for address in children(node, "address"):
            street = ", ".join(v for v in (text(address, f"address{i}") for i in (1, 2, 3)) if v)
            city = " ".join(
                v
                for v in (text(address, t) for t in ("city", "stateOrProvince", "postalCode"))
                if v
            )
            out.append((street or None, city or None, text(address, "country")))
    return out


def _entry(element: etree._Element, path: Path) -> Entry:
    uid = text(element, "uid")
    if uid is None or not uid.isdigit():
        raise ListLoadError(
            path,
            Message(N_("sdnEntry without a numeric uid (%(uid)s)"), uid=repr(uid)),
            line=element.sourceline,
            field="uid",
        )
    name = person_name(text(element, "lastName"), text(element, "firstName"))
    if name is None:
        raise ListLoadError(
            path,
            Message(N_("sdnEntry %(uid)s has no name"), uid=uid),
            line=element.sourceline,
            field="lastName",
        )
    infos = children(element, "vesselInfo")
    vessel = {
        key: text(infos[0], tag) if infos else None
        for key, tag in (
            ("call_sign", "callSign"),
            ("vessel_type", "vesselType"),
            ("tonnage", "tonnage"),
            ("grt", "grossRegisteredTonnage"),
            ("flag", "vesselFlag"),
            ("owner", "vesselOwner"),
        )
    }
    return Entry(
        ent_num=uid,
        name=name,
        sdn_type=text(element, "sdnType"),
        programs=_nested(element, "programList", "program", None),
        title=text(element, "title"),
        remarks=_LINKED.sub(r"\1", text(element, "remarks") or ""),
        aliases=_aliases(element),
        addresses=_addresses(element),
        statements=_statements(element),
        vessel=vessel,
    )


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every ``sdnEntry`` as Person/Company/Organization/Vessel/Airplane, then their links."""
    entries: list[Pending] = []
    index: dict[str, str] = {}
    for path in files_with_root(paths, ROOT):
        count = 0
        for element in iter_elements(path, ROOT, {"sdnEntry"}):
            entry = _entry(element, path)
            pending = build(entry, dataset)
            _id_dates(pending.entity, element)
            entries.append(pending)
            for _kind, alias in entry.aliases:
                index.setdefault(alias.upper(), entry.ent_num)
            index[entry.name.upper()] = entry.ent_num
            count += 1
        stated = header_text(path, ROOT, "Record_Count", before="sdnEntry")
        if stated is not None and stated.isdigit() and int(stated) != count:
            raise ListLoadError(
                path,
                Message(
                    N_(
                        "the file says Record_Count %(stated)s but holds %(count)s sdnEntry "
                        "elements (truncated?)"
                    ),
                    stated=stated,
                    count=count,
                ),
                field="Record_Count",
            )
    yield from resolve(dataset, entries, index)


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The ``Publish_Date`` (MM/DD/YYYY) of the file's ``publshInformation`` header."""
    for path in files_with_root(paths, ROOT):
        stamp = header_text(path, ROOT, "Publish_Date", before="sdnEntry")
        if stamp:
            try:
                return datetime.strptime(stamp, "%m/%d/%Y")
            except ValueError as exc:
                raise ListLoadError(
                    path,
                    Message(N_("unreadable Publish_Date %(value)s"), value=repr(stamp)),
                    field="Publish_Date",
                ) from exc
    return None
