"""OFAC's legacy SDN CSV files (sdn.csv, alt.csv, add.csv, sdn_comments.csv) as FtM entities.

The remarks column packs structured facts ("a.k.a. 'X'", "Tax ID No. ...", "DOB ...",
"Linked To: NAME") into one string; they are parsed into FtM properties, links become
UnknownLink entities, and anything not understood is kept verbatim in ``notes``.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy

from cordon.i18n import N_, Message
from cordon.lists.build import date_range, iso_date, make, put, put_all, split_person_name
from cordon.lists.errors import ListLoadError
from cordon.lists.source import expand_paths, read_text

FILES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
_COLUMNS = {"sdn.csv": 12, "alt.csv": 5, "add.csv": 6, "sdn_comments.csv": 2}
_EMPTY = "-0-"
_EOF_MARK = "\x1a"  # OFAC ends each file with a DOS end-of-file character
SOURCE_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"

_ALIAS = re.compile(r"\b(?P<kind>[afnw])\.k\.a\.,?\s+'(?P<name>.+?)'(?=\.?\s*(?:;|$))")
_ALIAS_PROP = {"a": "alias", "n": "alias", "f": "previousName", "w": "weakAlias"}
_ALT_PROP = {"aka": "alias", "nka": "alias", "fka": "previousName", "wka": "weakAlias"}
_COUNTRY_SUFFIX = re.compile(
    r"^(?P<value>.+?)(?:\s+\((?P<country>[^()]+)\))?(?:\s+(?:expires|issued)\b.*)?$"
)

# Remark label -> FtM property (matched longest label first, see _LABELS).
_SIMPLE: dict[str, str] = {
    "POB": "birthPlace",
    "nationality": "nationality",
    "citizen": "citizenship",
    "Gender": "gender",
    "Website": "website",
    "Email Address": "email",
    "Phone Number": "phone",
    "Telephone": "phone",
    "SWIFT/BIC": "swiftBic",
    "D-U-N-S Number": "dunsCode",
    "V.A.T. Number": "vatCode",
    "MMSI": "mmsi",
    "Former Vessel Flag": "pastFlags",
    "Vessel Year of Build": "buildDate",
    "Aircraft Model": "model",
    "Aircraft Tail Number": "registrationNumber",
    "Aircraft Manufacturer's Serial Number (MSN)": "serialNumber",
    "Aircraft Manufacture Date": "buildDate",
    "Aircraft Serial Identification": "serialNumber",
    "Nationality of Registration": "country",
    "Organization Established Date": "incorporationDate",
    "Passport": "passportNumber",
    "Diplomatic Passport": "passportNumber",
}
_REGISTRATION = (
    "Registration ID",
    "Registration Number",
    "Public Registration Number",
    "Business Registration Number",
    "Business Registration Document #",
    "Commercial Registry Number",
    "Company Number",
    "Chamber of Commerce Number",
    "Certificate of Incorporation Number",
    "Folio Mercantil No.",
    "Matricula Mercantil No",
    "Trade License No.",
    "C.R. No.",
)
_ID_NUMBER = (
    "National ID No.",
    "Cedula No.",
    "D.N.I.",
    "Identification Number",
    "National Foreign ID Number",
    "Personal ID Card",
    "Electoral Registry No.",
    "C.U.R.P. #",
    "R.F.C. #",
    "Driver's License No.",
)
_TAX = ("Tax ID No.", "NIT #", "RUC #", "RIF #", "Italian Fiscal Code", "US FEIN")
_LABELS = sorted(
    [*_SIMPLE, *_REGISTRATION, *_ID_NUMBER, *_TAX, "Government Gazette Number", "DOB"],
    key=len,
    reverse=True,
)
_LABEL_RE = re.compile("(" + "|".join(re.escape(label) for label in _LABELS) + r")(?:\s+|$)")


@dataclass(frozen=True)
class _Row:
    """One sdn.csv row, with the remarks overflow of sdn_comments.csv appended."""

    line: int
    ent_num: str
    name: str
    sdn_type: str | None
    programs: str | None
    title: str | None
    call_sign: str | None
    vessel_type: str | None
    tonnage: str | None
    grt: str | None
    flag: str | None
    owner: str | None
    remarks: str


def _cell(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", _EMPTY) else value


def _read(path: Path) -> Iterator[tuple[int, list[str | None]]]:
    """(line, cells) of an OFAC CSV file, checking the column count and the ent_num of every row."""
    expected = _COLUMNS[path.name.lower()]
    text = read_text(path).rstrip().removesuffix(_EOF_MARK)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if not row or row == [_EOF_MARK]:
                continue
            if len(row) != expected:
                raise ListLoadError(
                    path,
                    Message(
                        N_(
                            "expected %(expected)s columns, found %(found)s (truncated or not "
                            "OFAC CSV)"
                        ),
                        expected=expected,
                        found=len(row),
                    ),
                    line=reader.line_num,
                )
            cells = [_cell(c) for c in row]
            if not (cells[0] or "").isdigit():
                raise ListLoadError(
                    path,
                    Message(N_("not an ent_num: %(value)s"), value=repr(row[0])),
                    line=reader.line_num,
                    field="ent_num",
                )
            yield reader.line_num, cells
    except csv.Error as exc:
        raise ListLoadError(
            path,
            Message(N_("malformed CSV (%(error)s); truncated file?"), error=exc),
            line=reader.line_num,
        ) from exc


def _files(paths: Sequence[Path]) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in expand_paths(paths, FILES):
        key = path.name.lower()
        if key not in _COLUMNS:
            raise ListLoadError(
                path,
                Message(
                    N_("not an OFAC legacy CSV file name (expected one of %(names)s)"),
                    names=", ".join(FILES),
                ),
            )
        files[key] = path
    if "sdn.csv" not in files:
        raise ListLoadError(", ".join(str(p) for p in paths), Message(N_("sdn.csv is missing")))
    return files


def _rows(files: dict[str, Path]) -> list[_Row]:
    overflow: dict[str, str] = defaultdict(str)
    if "sdn_comments.csv" in files:
        for _line, (ent_num, text) in _read(files["sdn_comments.csv"]):
            overflow[str(ent_num)] += text or ""
    rows = []
    for line, cells in _read(files["sdn.csv"]):
        ent_num = str(cells[0])
        if not cells[1]:
            raise ListLoadError(
                files["sdn.csv"], Message(N_("entry without a name")), line=line, field="SDN_Name"
            )
        c = cells
        rows.append(
            _Row(
                line=line,
                ent_num=ent_num,
                name=cells[1],
                sdn_type=c[2],
                programs=c[3],
                title=c[4],
                call_sign=c[5],
                vessel_type=c[6],
                tonnage=c[7],
                grt=c[8],
                flag=c[9],
                owner=c[10],
                remarks=(c[11] or "") + overflow[ent_num],
            )
        )
    return rows


def _by_ent_num(
    files: dict[str, Path], name: str, known: set[str]
) -> dict[str, list[list[str | None]]]:
    """alt.csv or add.csv rows grouped by ent_num; a row of an unknown ent_num is an error."""
    grouped: dict[str, list[list[str | None]]] = defaultdict(list)
    if name not in files:
        return grouped
    for line, cells in _read(files[name]):
        ent_num = str(cells[0])
        if ent_num not in known:
            raise ListLoadError(
                files[name],
                Message(N_("ent_num %(id)s is not in sdn.csv"), id=ent_num),
                line=line,
                field="ent_num",
            )
        grouped[ent_num].append(cells)
    return grouped


def schema_for(sdn_type: str | None, remarks: str) -> str:
    """FtM schema of an entry by its SDN type, Company when its remarks carry a number."""
    kind = (sdn_type or "").lower()
    if kind == "individual":
        return "Person"
    if kind == "vessel":
        return "Vessel"
    if kind == "aircraft":
        return "Airplane"
    if re.search(r"(Registration|Tax ID No\.|Company Number|Government Gazette)", remarks):
        return "Company"
    return "Organization"


def remark_parts(remarks: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Split remarks into (alias kind, name) pairs and the remaining ';'-separated statements."""
    aliases = [(m.group("kind"), m.group("name").strip()) for m in _ALIAS.finditer(remarks)]
    rest = _ALIAS.sub("", remarks)
    parts = [p.strip().removeprefix("alt.").strip().rstrip(".").strip() for p in rest.split(";")]
    return aliases, [p for p in parts if p]


def _label(part: str) -> tuple[str | None, str]:
    """(remark label, value) of one statement, or (None, statement) when unknown."""
    match = _LABEL_RE.match(part)
    if match is None:
        return None, part
    return match.group(1), part[match.end() :].strip()


def _add_number(entity: EntityProxy, label: str, text: str) -> None:
    """Registration, tax and id numbers, with INN/OGRN/OKPO for Russian (or unqualified) ones."""
    match = _COUNTRY_SUFFIX.match(text)
    value, country = (match.group("value"), match.group("country")) if match else (text, None)
    russian = country is None or country == "Russia"
    digits = value.replace(" ", "")
    if value.startswith("IMO "):
        put(entity, "imoNumber", value)
        return
    if label in _TAX:
        put(entity, "taxNumber", value)
        if russian and digits.isdigit() and len(digits) in (10, 12):
            put(entity, "innCode", digits)
    elif label == "Government Gazette Number":
        put(entity, "okpoCode" if russian else "registrationNumber", value)
    elif label in _REGISTRATION:
        put(entity, "registrationNumber", value)
        if russian and digits.isdigit() and len(digits) in (13, 15):
            put(entity, "ogrnCode", digits)
    else:
        put(entity, "idNumber", value)
    if country:
        put(entity, "country", country)


def apply_statement(entity: EntityProxy, part: str, links: list[str]) -> None:
    """Turn one remark statement (``LABEL value``) into properties, a pending link or a note.

    Shared with the XML parsers, which feed their structured fields through it as
    statements (``DOB 1962``, ``Tax ID No. 7706107510 (Russia)``) so that every OFAC format
    gives the same properties.
    """
    if part.startswith("Linked To:"):
        links.append(part.removeprefix("Linked To:").strip())
        return
    if part.startswith("Vessel Registration Identification IMO"):
        put(entity, "imoNumber", part.rsplit(" ", 1)[-1])
        return
    label, value = _label(part)
    if label is None:
        if part not in entity.get("position", quiet=True):  # remarks repeat the title
            put(entity, "notes", part)
    elif label == "DOB":
        dates = date_range(value) if " to " in value else [iso_date(value)]
        if not any(dates):
            put(entity, "notes", part)
        for date in dates:
            put(entity, "birthDate", date)
    elif label in ("Passport", "Diplomatic Passport"):
        match = _COUNTRY_SUFFIX.match(value)
        put(entity, "passportNumber", match.group("value") if match else value)
    elif label in _SIMPLE:
        prop = _SIMPLE[label]
        if prop in ("buildDate", "incorporationDate"):
            value = iso_date(value) or value
        put(entity, prop, value.lower() if prop == "gender" else value)
    else:
        _add_number(entity, label, value)


@dataclass
class Entry:
    """One OFAC entry in the terms all OFAC formats share (the legacy CSV's columns).

    The XML formats fill ``statements`` with their structured facts written as remark
    statements (``DOB 1962``, ``Passport 123 (Russia)``) so that one builder, ``build``, gives
    the same properties whichever format an entry came from.
    """

    ent_num: str
    name: str
    sdn_type: str | None
    programs: list[str]
    title: str | None = None
    remarks: str = ""
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (aka/fka/nka/wka, name)
    addresses: list[tuple[str | None, str | None, str | None]] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    vessel: dict[str, str | None] = field(default_factory=dict)  # CSV vessel column -> value


def build(entry: Entry, dataset: str) -> Pending:
    """The FtM entity of ``entry``, with the "Linked To" names its remarks name."""
    statements = "; ".join([entry.remarks, *entry.statements])
    entity = make(schema_for(entry.sdn_type, statements), f"{dataset}-{entry.ent_num}")
    put(entity, "name", entry.name)
    if entity.schema.is_a("Person"):
        last, first = split_person_name(entry.name)
        put(entity, "lastName", last)
        put(entity, "firstName", first)
        put(entity, "position", entry.title)
    elif entry.title:
        put(entity, "notes", f"Title: {entry.title}")
    put(entity, "topics", "sanction")
    put_all(entity, "program", entry.programs)
    entity.add("sourceUrl", SOURCE_URL.format(entry.ent_num), cleaned=True)  # already clean
    owner = entry.vessel.get("owner")
    if entity.schema.is_a("Vessel"):
        put(entity, "callSign", entry.vessel.get("call_sign"))
        put(entity, "type", entry.vessel.get("vessel_type"))
        put(entity, "tonnage", (entry.vessel.get("tonnage") or "").replace(",", ""))
        put(entity, "grossRegisteredTonnage", (entry.vessel.get("grt") or "").replace(",", ""))
        put(entity, "flag", entry.vessel.get("flag"))
        put(entity, "notes", f"Owner: {owner}" if owner else None)
    for alt_type, alt_name in entry.aliases:
        put(entity, _ALT_PROP.get(alt_type.lower(), "alias"), alt_name)
    for street, city, country in entry.addresses:
        put(entity, "address", ", ".join(p for p in (street, city, country) if p))
        put(entity, "country", country)
    aliases, parts = remark_parts(entry.remarks)
    for kind, name in aliases:
        put(entity, _ALIAS_PROP[kind], name)
    links: list[str] = []
    for part in [*parts, *entry.statements]:
        apply_statement(entity, part, links)
    return Pending(entry.ent_num, entity, links, owner)


def _csv_entry(
    row: _Row, alts: list[list[str | None]], addresses: list[list[str | None]]
) -> tuple[Entry, list[str]]:
    """The Entry of one sdn.csv row with its alt.csv and add.csv rows, and their remarks."""
    notes = [str(a[4]) for a in alts if a[4]] + [str(a[5]) for a in addresses if a[5]]
    entry = Entry(
        ent_num=row.ent_num,
        name=row.name,
        sdn_type=row.sdn_type,
        programs=[p.strip("[] ") for p in (row.programs or "").split("] [")],
        title=row.title,
        remarks=row.remarks,
        aliases=[(a[2] or "aka", str(a[3])) for a in alts if a[3]],
        addresses=[(a[2], a[3], a[4]) for a in addresses],
        vessel={
            "call_sign": row.call_sign,
            "vessel_type": row.vessel_type,
            "tonnage": row.tonnage,
            "grt": row.grt,
            "flag": row.flag,
            "owner": row.owner,
        },
    )
    return entry, notes


def _name_index(rows: list[_Row], alts: dict[str, list[list[str | None]]]) -> dict[str, str]:
    """Upper-cased primary names (then aliases) -> ent_num, for resolving "Linked To:" names."""
    index: dict[str, str] = {}
    for ent_num, cells in alts.items():
        for cell in cells:
            index.setdefault((cell[3] or "").upper(), ent_num)
    for row in rows:
        index[row.name.upper()] = row.ent_num
    return index


def make_link(dataset: str, subject: str, target: str, role: str, name: str) -> EntityProxy:
    """The UnknownLink between two entries (by ent_num) of the same list."""
    link = make("UnknownLink", f"{dataset}-{subject}-linked-{target}")
    link.add("subject", f"{dataset}-{subject}", cleaned=True)  # ids keep the dataset's "_"
    link.add("object", f"{dataset}-{target}", cleaned=True)
    link.add("role", role)
    link.add("description", f"{role}: {name}")
    return link


@dataclass
class Pending:
    """A parsed entry waiting for its "Linked To" names and vessel owner to be resolved."""

    ent_num: str
    entity: EntityProxy
    linked_names: list[str]
    owner: str | None = None


def resolve(dataset: str, entries: list[Pending], index: dict[str, str]) -> Iterator[EntityProxy]:
    """Every entry, then one UnknownLink per "Linked To: NAME" found on the list (else a note)."""
    links: dict[str, EntityProxy] = {}
    for entry in entries:
        entity = entry.entity
        for name in entry.linked_names:
            target = index.get(name.upper()) or index.get(f"{name}.".upper())
            if target is None or target == entry.ent_num:
                put(entity, "notes", f"Linked To: {name} (not found on the list)")
                continue
            link = make_link(dataset, entry.ent_num, target, "Linked To", name)
            links.setdefault(str(link.id), link)
        owner = index.get((entry.owner or "").upper()) if entity.schema.is_a("Vessel") else None
        if owner is not None:
            entity.add("owner", f"{dataset}-{owner}", cleaned=True)  # the owner is listed too
        yield entity
    yield from links.values()


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every SDN entry as Person/Company/Organization/Vessel/Airplane, then "Linked To" links."""
    files = _files(paths)
    rows = _rows(files)
    known = {row.ent_num for row in rows}
    alts = _by_ent_num(files, "alt.csv", known)
    addresses = _by_ent_num(files, "add.csv", known)
    entries = []
    for row in rows:
        entry, notes = _csv_entry(row, alts[row.ent_num], addresses[row.ent_num])
        pending = build(entry, dataset)
        put_all(pending.entity, "notes", notes)
        entries.append(pending)
    yield from resolve(dataset, entries, _name_index(rows, alts))


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The legacy CSV files state no publication date."""
    return None
