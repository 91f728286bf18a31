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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from followthemoney.proxy import EntityProxy

from cordon.lists.build import date_range, iso_date, make, put, split_person_name
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
                    f"expected {expected} columns, found {len(row)} (truncated or not OFAC CSV)",
                    line=reader.line_num,
                )
            cells = [_cell(c) for c in row]
            if not (cells[0] or "").isdigit():
                raise ListLoadError(
                    path, f"not an ent_num: {row[0]!r}", line=reader.line_num, field="ent_num"
                )
            yield reader.line_num, cells
    except csv.Error as exc:
        raise ListLoadError(
            path, f"malformed CSV ({exc}); truncated file?", line=reader.line_num
        ) from exc


def _files(paths: Sequence[Path]) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in expand_paths(paths, FILES):
        key = path.name.lower()
        if key not in _COLUMNS:
            raise ListLoadError(
                path, f"not an OFAC legacy CSV file name (expected one of {', '.join(FILES)})"
            )
        files[key] = path
    if "sdn.csv" not in files:
        raise ListLoadError(", ".join(str(p) for p in paths), "sdn.csv is missing")
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
                files["sdn.csv"], "entry without a name", line=line, field="SDN_Name"
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
                files[name], f"ent_num {ent_num} is not in sdn.csv", line=line, field="ent_num"
            )
        grouped[ent_num].append(cells)
    return grouped


def _schema(row: _Row) -> str:
    kind = (row.sdn_type or "").lower()
    if kind == "individual":
        return "Person"
    if kind == "vessel":
        return "Vessel"
    if kind == "aircraft":
        return "Airplane"
    if re.search(r"(Registration|Tax ID No\.|Company Number|Government Gazette)", row.remarks):
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


def _apply(entity: EntityProxy, part: str, links: list[str]) -> None:
    """Turn one remark statement into properties (or a pending link, or a note)."""
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


def _entity(
    row: _Row, dataset: str, alts: list[list[str | None]], addresses: list[list[str | None]]
) -> tuple[EntityProxy, list[str]]:
    entity = make(_schema(row), f"{dataset}-{row.ent_num}")
    put(entity, "name", row.name)
    if entity.schema.is_a("Person"):
        last, first = split_person_name(row.name)
        put(entity, "lastName", last)
        put(entity, "firstName", first)
        put(entity, "position", row.title)
    elif row.title:
        put(entity, "notes", f"Title: {row.title}")
    put(entity, "topics", "sanction")
    for program in (row.programs or "").split("] ["):
        put(entity, "program", program.strip("[] "))
    put(entity, "sourceUrl", SOURCE_URL.format(row.ent_num))
    if entity.schema.is_a("Vessel"):
        put(entity, "callSign", row.call_sign)
        put(entity, "type", row.vessel_type)
        put(entity, "tonnage", (row.tonnage or "").replace(",", ""))
        put(entity, "grossRegisteredTonnage", (row.grt or "").replace(",", ""))
        put(entity, "flag", row.flag)
        put(entity, "notes", f"Owner: {row.owner}" if row.owner else None)
    for _ent, _num, alt_type, alt_name, alt_remarks in alts:
        put(entity, _ALT_PROP.get((alt_type or "").lower(), "alias"), alt_name)
        put(entity, "notes", alt_remarks)
    for _ent, _num, street, city, country, remarks in addresses:
        put(entity, "address", ", ".join(p for p in (street, city, country) if p))
        put(entity, "country", country)
        put(entity, "notes", remarks)
    aliases, parts = remark_parts(row.remarks)
    for kind, name in aliases:
        put(entity, _ALIAS_PROP[kind], name)
    links: list[str] = []
    for part in parts:
        _apply(entity, part, links)
    return entity, links


def _name_index(rows: list[_Row], alts: dict[str, list[list[str | None]]]) -> dict[str, str]:
    """Upper-cased primary names (then aliases) -> ent_num, for resolving "Linked To:" names."""
    index: dict[str, str] = {}
    for ent_num, cells in alts.items():
        for cell in cells:
            index.setdefault((cell[3] or "").upper(), ent_num)
    for row in rows:
        index[row.name.upper()] = row.ent_num
    return index


def _link(dataset: str, subject: str, target: str, name: str) -> EntityProxy:
    link = make("UnknownLink", f"{dataset}-{subject}-linked-{target}")
    link.add("subject", f"{dataset}-{subject}", cleaned=True)  # ids keep the dataset's "_"
    link.add("object", f"{dataset}-{target}", cleaned=True)
    link.add("role", "Linked To")
    link.add("description", f"Linked To: {name}")
    return link


def parse(paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]:
    """Every SDN entry as Person/Company/Organization/Vessel/Airplane, then "Linked To" links."""
    files = _files(paths)
    rows = _rows(files)
    known = {row.ent_num for row in rows}
    alts = _by_ent_num(files, "alt.csv", known)
    addresses = _by_ent_num(files, "add.csv", known)
    index = _name_index(rows, alts)
    links: dict[str, EntityProxy] = {}
    for row in rows:
        entity, linked_names = _entity(row, dataset, alts[row.ent_num], addresses[row.ent_num])
        for name in linked_names:
            target = index.get(name.upper()) or index.get(f"{name}.".upper())
            if target is None or target == row.ent_num:
                put(entity, "notes", f"Linked To: {name} (not found on the list)")
                continue
            link = _link(dataset, row.ent_num, target, name)
            links.setdefault(str(link.id), link)
        owner = index.get((row.owner or "").upper()) if entity.schema.is_a("Vessel") else None
        if owner is not None:
            entity.add("owner", f"{dataset}-{owner}", cleaned=True)  # the owner is listed too
        yield entity
    yield from links.values()


def published_at(paths: Sequence[Path]) -> datetime | None:
    """The legacy CSV files state no publication date."""
    return None
