"""OFAC's ``SDN_ADVANCED.XML`` (and ``CONS_ADVANCED.XML``), its primary and most complete format.

The file is normalised: ``ReferenceValueSets`` name every code (alias types, name-part types,
feature types, document types, countries, programmes...), then come ``Locations`` and
``IDRegDocuments``, the ``DistinctParties`` (one ``Profile`` each, whose ``Identity`` holds
the names and whose ``Feature``s the facts), the ``ProfileRelationships`` and the
``SanctionsEntries`` (list, programmes, listing date). Codes are always resolved through the
file's own reference values, never by hard-coded numbers.

Streamed with ``lxml.iterparse`` element by element (bounded memory on the ~120 MB file).
Each party is turned into a ``cordon.lists.ofac.Entry`` - the facts written as the legacy
CSV's remark statements - and built by the same ``build`` as the CSV and SDN.XML, so an entry
gives the same entity in all three formats. Entities are completed with their programmes and
listing date from the ``SanctionsEntries`` after the parties, then the relationships become
``UnknownLink``s (role = the relation type, e.g. "Linked To", "Owned or Controlled By").
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy
from lxml import etree

from cordon.i18n import N_, Message
from cordon.lists.build import best_name, put
from cordon.lists.errors import ListLoadError
from cordon.lists.ofac import Entry, Pending, build, make_link, resolve
from cordon.lists.ofac_format import files_with_root
from cordon.lists.ofac_xml import person_name
from cordon.lists.xmlsource import children, iter_elements, local_name, text

FILES = None
ROOT = "Sanctions"
_TAGS = {
    "DateOfIssue",
    "ReferenceValueSets",
    "Location",
    "IDRegDocument",
    "DistinctParty",
    "ProfileRelationship",
    "SanctionsEntry",
}
_SDN_TYPES = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft"}
_ALIAS_KINDS = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}
_GIVEN = ("First Name", "Middle Name", "Patronymic", "Matronymic")
_VESSEL_FEATURES = {
    "vessel call sign": "call_sign",
    "vessel type": "vessel_type",
    "vessel flag": "flag",
    "vessel owner": "owner",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "grt",
}
_STATEMENT_LABELS = {
    "birthdate": "DOB",
    "place of birth": "POB",
    "nationality country": "nationality",
    "citizenship country": "citizen",
}


@dataclass
class _References:
    """``ReferenceValueSets``: code -> name for each kind of value (``AliasType`` -> ...)."""

    values: dict[str, dict[str, str]] = field(default_factory=dict)
    party_types: dict[str, str] = field(default_factory=dict)  # PartySubType ID -> PartyType ID

    def name(self, kind: str, code: str | None) -> str | None:
        return self.values.get(kind, {}).get(code or "")


@dataclass
class _Document:
    kind: str
    number: str
    country: str | None


@dataclass
class _Parsed:
    """What a pass over the file collected besides the parties."""

    refs: _References = field(default_factory=_References)
    locations: dict[str, tuple[tuple[str | None, str | None, str | None], str | None]] = field(
        default_factory=dict
    )  # Location ID -> ((street, city line, country), country)
    documents: dict[str, list[_Document]] = field(default_factory=lambda: defaultdict(list))
    published: datetime | None = None


def _error(path: Path, element: etree._Element, problem: Message, attribute: str) -> ListLoadError:
    return ListLoadError(path, problem, line=element.sourceline, field=attribute)


def _references(element: etree._Element, parsed: _Parsed) -> None:
    for value_set in element:
        for value in value_set:
            kind = local_name(value.tag)
            code = value.get("ID")
            if not kind or code is None:
                continue
            parsed.refs.values.setdefault(kind, {})[code] = (value.text or "").strip()
            if kind == "PartySubType" and value.get("PartyTypeID"):
                parsed.refs.party_types[code] = str(value.get("PartyTypeID"))


def _ymd(element: etree._Element | None) -> date | None:
    if element is None:
        return None
    try:
        return date(
            int(text(element, "Year") or 0),
            int(text(element, "Month") or 1),
            int(text(element, "Day") or 1),
        )
    except ValueError:
        return None


def _at_precision(first: date, last: date) -> str:
    """A date interval as the CSV writes it: a day, ``YYYY-MM``, ``YYYY`` or ``A to B``."""
    if first == last:
        return first.isoformat()
    month_end = calendar.monthrange(last.year, last.month)[1]
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        years = [f"{first.year:04d}", f"{last.year:04d}"]
        return years[0] if first.year == last.year else " to ".join(years)
    if first.day == 1 and last.day == month_end:
        months = [f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"]
        return months[0] if months[0] == months[1] else " to ".join(months)
    return f"{first.isoformat()} to {last.isoformat()}"


def _period(element: etree._Element) -> str | None:
    """A ``DatePeriod`` from its earliest to its latest date (``Start/From`` .. ``End/To``)."""
    ends: list[date] = []
    for side in ("Start", "End"):
        for node in children(element, side):
            for bound in ("From", "To"):
                found = _ymd((children(node, bound) or [None])[0])
                if found is not None:
                    ends.append(found)
    return _at_precision(min(ends), max(ends)) if ends else None


def _location(element: etree._Element, parsed: _Parsed) -> None:
    parts: dict[str, list[str]] = defaultdict(list)
    for part in children(element, "LocationPart"):
        kind = (parsed.refs.name("LocPartType", part.get("LocPartTypeID")) or "").upper()
        for value in children(part, "LocationPartValue"):
            found = text(value, "Value")
            if found:
                parts[kind].append(found)
    countries = [
        parsed.refs.name("Country", node.get("CountryID"))
        for node in children(element, "LocationCountry")
    ]
    country = next((c for c in countries if c), None)
    street = ", ".join(v for k in ("ADDRESS1", "ADDRESS2", "ADDRESS3") for v in parts[k])
    city = " ".join(
        v for k in ("CITY", "STATE/PROVINCE", "POSTAL CODE", "REGION") for v in parts[k]
    )
    parsed.locations[str(element.get("ID"))] = ((street or None, city or None, country), country)


def _document(element: etree._Element, parsed: _Parsed) -> None:
    kind = parsed.refs.name("IDRegDocType", element.get("IDRegDocTypeID"))
    number = text(element, "IDRegistrationNo")
    if kind and number:
        country = parsed.refs.name("Country", element.get("IssuedBy-CountryID"))
        parsed.documents[str(element.get("IdentityID"))].append(_Document(kind, number, country))


def _documented_name(name: etree._Element, groups: dict[str, str], person: bool) -> tuple[str, str]:
    """(name as OFAC writes it, its script) of one ``DocumentedName``."""
    typed: list[tuple[str, str]] = []
    script = ""
    for part in children(name, "DocumentedNamePart"):
        for value in children(part, "NamePartValue"):
            if value.text and value.text.strip():
                typed.append(
                    (groups.get(value.get("NamePartGroupID") or "", ""), value.text.strip())
                )
                script = script or (value.get("ScriptID") or "")
    last = " ".join(v for t, v in typed if t == "Last Name")
    given = " ".join(v for t, v in typed if t in _GIVEN)
    if person and last:
        return person_name(last, given) or last, script
    return " ".join(v for _t, v in typed), script


def _names(
    identity: etree._Element, refs: _References, person: bool
) -> tuple[str | None, list[tuple[str, str]]]:
    """The primary name and the (kind, name) aliases of one ``Identity``."""
    groups = {
        str(group.get("ID")): refs.name("NamePartType", group.get("NamePartTypeID")) or ""
        for master in children(identity, "NamePartGroups")
        for node in children(master, "MasterNamePartGroup")
        for group in children(node, "NamePartGroup")
    }
    primary: str | None = None
    aliases: list[tuple[str, str]] = []
    for alias in children(identity, "Alias"):
        kind_name = (refs.name("AliasType", alias.get("AliasTypeID")) or "").lower()
        written = [_documented_name(n, groups, person) for n in children(alias, "DocumentedName")]
        written = [(n, refs.name("Script", s) or s) for n, s in written if n]
        if not written:
            continue
        best = written[best_name([(n, None if s.lower() == "latin" else s) for n, s in written])][0]
        others = [n for n, _s in written if n != best]
        if alias.get("Primary") == "true" and primary is None:
            primary = best
            aliases.extend(("aka", n) for n in others)
            continue
        kind = _ALIAS_KINDS.get(kind_name, "aka")
        if alias.get("LowQuality") == "true" and kind == "aka":
            kind = "wka"
        aliases.extend((kind, n) for n in [best, *others])
    return primary, aliases


def _feature_value(version: etree._Element, parsed: _Parsed) -> tuple[str | None, str | None]:
    """(value, location ID) of one ``FeatureVersion``: a date, a detail or a location."""
    for period in children(version, "DatePeriod"):
        return _period(period), None
    for detail in children(version, "VersionDetail"):
        reference = detail.get("DetailReferenceID")
        value = (
            parsed.refs.name("DetailReference", reference)
            if reference
            else (detail.text or "").strip()
        )
        if value:
            return value, None
    for location in children(version, "VersionLocation"):
        return None, location.get("LocationID")
    return None, None


def _features(profile: etree._Element, parsed: _Parsed, entry: Entry) -> None:
    """Each ``Feature`` into the entry: address, vessel column, title or a remark statement."""
    for feature in children(profile, "Feature"):
        name = parsed.refs.name("FeatureType", feature.get("FeatureTypeID")) or ""
        key = name.strip().lower()
        for version in children(feature, "FeatureVersion"):
            value, location_id = _feature_value(version, parsed)
            if location_id is not None:
                address, country = parsed.locations.get(location_id, ((None, None, None), None))
                if key == "location":
                    entry.addresses.append(address)
                    continue
                value = country
            if not value:
                continue
            if key in _VESSEL_FEATURES:
                entry.vessel[_VESSEL_FEATURES[key]] = value
            elif key == "title":
                entry.title = value
            else:
                entry.statements.append(f"{_STATEMENT_LABELS.get(key, name)} {value}")


def _party(element: etree._Element, path: Path, parsed: _Parsed) -> tuple[Entry, str]:
    """(Entry, profile ID) of one ``DistinctParty``."""
    fixed = element.get("FixedRef")
    profiles = children(element, "Profile")
    if not fixed or not fixed.isdigit() or not profiles:
        raise _error(
            path,
            element,
            Message(N_("DistinctParty without FixedRef or Profile (%(id)s)"), id=repr(fixed)),
            "FixedRef",
        )
    profile = profiles[0]
    sub_type = profile.get("PartySubTypeID")
    party_type = parsed.refs.name("PartyType", parsed.refs.party_types.get(sub_type or ""))
    sub_name = (parsed.refs.name("PartySubType", sub_type) or "").lower()
    sdn_type = _SDN_TYPES.get(sub_name) or _SDN_TYPES.get((party_type or "").lower())
    identities = children(profile, "Identity")
    primary: str | None = None
    aliases: list[tuple[str, str]] = []
    for identity in identities:
        name, found = _names(identity, parsed.refs, sdn_type == "individual")
        primary = primary or name
        aliases.extend(found)
    if primary is None:
        raise _error(
            path,
            element,
            Message(N_("DistinctParty %(id)s has no primary name"), id=fixed),
            "Alias",
        )
    remarks = " ".join(
        t for t in ((c.text or "").strip() for c in children(element, "Comment")) if t
    )
    entry = Entry(
        ent_num=fixed,
        name=primary,
        sdn_type=sdn_type,
        programs=[],
        remarks=remarks,
        aliases=aliases,
    )
    _features(profile, parsed, entry)
    for identity in identities:
        for doc in parsed.documents.pop(str(identity.get("ID")), []):
            entry.statements.append(
                f"{doc.kind} {doc.number}" + (f" ({doc.country})" if doc.country else "")
            )
    return entry, str(profile.get("ID"))


def _sanctions_entry(element: etree._Element, parsed: _Parsed, entity: EntityProxy) -> None:
    """Programmes, list and listing date of one ``SanctionsEntry`` onto its entity."""
    put(entity, "notes", f"OFAC list: {parsed.refs.name('List', element.get('ListID'))}")
    for measure in children(element, "SanctionsMeasure"):
        kind = (parsed.refs.name("SanctionsType", measure.get("SanctionsTypeID")) or "").lower()
        comment = text(measure, "Comment")
        if kind == "program" and comment:
            put(entity, "program", comment)
    for event in children(element, "EntryEvent"):
        dates = [_ymd(node) for node in children(event, "Date")]
        for found in dates:
            if found is not None:
                entity.add("createdAt", found.isoformat(), cleaned=True)  # an ISO date


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every ``DistinctParty`` as Person/Company/Organization/Vessel/Airplane, then links."""
    for path in files_with_root(paths, ROOT):
        yield from _parse_file(path, dataset)


def _parse_file(path: Path, dataset: str) -> Iterator[EntityProxy]:
    parsed = _Parsed()
    entries: list[Pending] = []
    by_profile: dict[str, Pending] = {}
    index: dict[str, str] = {}
    relations: list[tuple[str, str, str]] = []
    for element in iter_elements(path, ROOT, _TAGS):
        tag = local_name(element.tag)
        if tag == "ReferenceValueSets":
            _references(element, parsed)
        elif tag == "Location":
            _location(element, parsed)
        elif tag == "IDRegDocument":
            _document(element, parsed)
        elif tag == "DistinctParty":
            entry, profile_id = _party(element, path, parsed)
            pending = build(entry, dataset)
            entries.append(pending)
            by_profile[profile_id] = pending
            for _kind, alias in entry.aliases:
                index.setdefault(alias.upper(), entry.ent_num)
            index[entry.name.upper()] = entry.ent_num
        elif tag == "ProfileRelationship":
            kind = parsed.refs.name("RelationType", element.get("RelationTypeID")) or "Related"
            relations.append(
                (str(element.get("From-ProfileID")), str(element.get("To-ProfileID")), kind)
            )
        elif tag == "SanctionsEntry":
            owner = by_profile.get(str(element.get("ProfileID")))
            if owner is None:
                raise _error(
                    path,
                    element,
                    Message(
                        N_("SanctionsEntry for unknown profile %(id)s"), id=element.get("ProfileID")
                    ),
                    "ProfileID",
                )
            _sanctions_entry(element, parsed, owner.entity)
    if not parsed.refs.values:
        raise ListLoadError(
            path, Message(N_("no ReferenceValueSets: not an OFAC advanced XML file"))
        )
    out = {str(entity.id): entity for entity in resolve(dataset, entries, index)}
    for source, target, kind in relations:
        subject, other = by_profile.get(source), by_profile.get(target)
        if subject is None or other is None:
            raise ListLoadError(
                path,
                Message(
                    N_("ProfileRelationship between unknown profiles %(source)s -> %(target)s"),
                    source=source,
                    target=target,
                ),
                field="ProfileRelationship",
            )
        link = make_link(dataset, subject.ent_num, other.ent_num, kind, other.entity.caption)
        out.setdefault(str(link.id), link)
    yield from out.values()


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The file's ``DateOfIssue`` (Year, Month, Day)."""
    for path in files_with_root(paths, ROOT):
        for element in iter_elements(path, ROOT, {"DateOfIssue", "ReferenceValueSets"}):
            if local_name(element.tag) != "DateOfIssue":
                return None
            issued = _ymd(element)
            return datetime(issued.year, issued.month, issued.day) if issued else None
    return None
