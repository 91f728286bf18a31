"""OFAC SDN_ADVANCED.XML load benchmark: a ~120 MB synthetic file in the published schema.

The real SDN_ADVANCED.XML is ~118-122 MB (2025-2026). No copy is kept here, so this script
writes a synthetic one of the same size and shape: the reference-value sets of the schema, then
Locations, IDRegDocuments, DistinctParties (persons, companies, vessels with Latin and Cyrillic
names, aliases, birth dates, places, nationalities, addresses, documents, website/gender
features), ProfileRelationships and SanctionsEntries. Names and numbers are made up from a
seeded generator. It then runs ``cordon lists load --dataset us_ofac_sdn FILE`` in a child
process and reports wall time, the child's CPU time (what the load costs whatever else runs on
the machine) and its peak RSS (targets: < 60 s, < 1 GB on 2 cores).

    .venv/bin/python benchmarks/bench_ofac_advanced.py --size-mb 120
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape

NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
CORDON = Path(sys.executable).with_name("cordon")
COUNTRIES = ["Russia", "China", "Iran", "Hong Kong", "United Arab Emirates", "Turkey", "Belarus"]
PROGRAMS = ["RUSSIA-EO14024", "IRAN", "SDGT", "UKRAINE-EO13662", "CYBER2", "NPWMD"]
SYLLABLES = ["ro", "so", "bo", "ron", "ex", "port", "tek", "mash", "al", "maz", "an", "tey",
             "ura", "vag", "zav", "od", "kri", "stal", "nov", "ski"]  # fmt: skip
CYRILLIC = str.maketrans("abdeiklmnoprstuvxyz", "абдеиклмнопрстувхыз")
REFERENCE = {
    "AliasType": ["A.K.A.", "F.K.A.", "N.K.A.", "Name"],
    "Country": COUNTRIES,
    "DetailReference": ["Male", "Female", "Crude/Oil Products Tanker", "Subject to Directive 1"],
    "DetailType": ["LOOKUP", "COUNTRY", "TEXT", "DATE"],
    "FeatureType": ["Birthdate", "Place of Birth", "Nationality Country", "Location", "Gender",
                    "Website", "Vessel Call Sign", "VESSEL TYPE", "Vessel Flag",
                    "Executive Order 13662 Directive Determination -"],
    "IDRegDocType": ["Passport", "Tax ID No.", "Registration ID",
                     "Vessel Registration Identification"],
    "List": ["SDN List"],
    "LocPartType": ["ADDRESS1", "CITY", "POSTAL CODE"],
    "NamePartType": ["Last Name", "First Name", "Entity Name", "Vessel Name"],
    "PartyType": ["Individual", "Entity", "Transport"],
    "RelationType": ["Linked To", "Owned or Controlled By"],
    "SanctionsType": ["Program", "Block"],
    "Script": ["Latin", "Cyrillic"],
}  # fmt: skip
PARTY_SUBTYPES = [("Vessel", "Transport"), ("Unknown", "Entity"), ("Unknown", "Individual")]


def ref_id(kind: str, name: str) -> int:
    """The synthetic ID of a reference value (its position, offset per kind)."""
    return 1000 * (list(REFERENCE).index(kind) + 1) + REFERENCE[kind].index(name)


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def references(out: TextIO) -> None:
    out.write("  <ReferenceValueSets>\n")
    for kind, names in REFERENCE.items():
        out.write(f"    <{kind}Values>\n")
        for name in names:
            out.write(f'      <{kind} ID="{ref_id(kind, name)}">{escape(name)}</{kind}>\n')
        out.write(f"    </{kind}Values>\n")
    out.write("    <PartySubTypeValues>\n")
    for i, (sub, party) in enumerate(PARTY_SUBTYPES, start=1):
        out.write(
            f'      <PartySubType ID="{i}" PartyTypeID="{ref_id("PartyType", party)}">'
            f"{sub}</PartySubType>\n"
        )
    out.write("    </PartySubTypeValues>\n  </ReferenceValueSets>\n")


def name_part(group: int, value: str, script: str) -> str:
    return (
        "              <DocumentedNamePart>\n"
        f'                <NamePartValue NamePartGroupID="{group}" '
        f'ScriptID="{ref_id("Script", script)}" ScriptStatusID="1" Acronym="false">'
        f"{escape(value)}</NamePartValue>\n              </DocumentedNamePart>\n"
    )


def alias(ref: int, kind: str, primary: bool, parts: list[tuple[int, str]]) -> str:
    text = (
        f'          <Alias FixedRef="{ref}" AliasTypeID="{ref_id("AliasType", kind)}" '
        f'Primary="{str(primary).lower()}" LowQuality="false">\n'
    )
    for script in ("Latin", "Cyrillic"):
        text += (
            f'            <DocumentedName ID="{ref}{len(text)}" FixedRef="{ref}" '
            'DocNameStatusID="1">\n'
        )
        for group, value in parts:
            shown = value if script == "Latin" else value.lower().translate(CYRILLIC)
            text += name_part(group, shown, script)
        text += "            </DocumentedName>\n"
    return text + "          </Alias>\n"


def feature(fid: int, kind: str, body: str) -> str:
    return (
        f'        <Feature ID="{fid}" FeatureTypeID="{ref_id("FeatureType", kind)}">\n'
        f'          <FeatureVersion ID="{fid}" ReliabilityID="1">\n            <Comment/>\n'
        f"{body}          </FeatureVersion>\n        </Feature>\n"
    )


def date_period(year: int, month: int, day: int) -> str:
    ymd = f"<Year>{year}</Year><Month>{month}</Month><Day>{day}</Day>"
    side = f"<From>{ymd}</From><To>{ymd}</To>"
    return (
        '            <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" '
        f'DayFixed="false">\n              <Start Approximate="false">{side}</Start>\n'
        f'              <End Approximate="false">{side}</End>\n            </DatePeriod>\n'
    )


def party(ref: int, rng: random.Random) -> tuple[str, list[str], list[str]]:
    """(DistinctParty XML, its Location XMLs, its IDRegDocument XMLs) for one synthetic entry."""
    kind = rng.choices(["Individual", "Entity", "Transport"], weights=[45, 50, 5])[0]
    sub = {"Transport": 1, "Entity": 2, "Individual": 3}[kind]
    country = rng.choice(COUNTRIES)
    locations, documents, features = [], [], []
    if kind == "Individual":
        groups = [(1, "Last Name"), (2, "First Name")]
        names = [[(1, word(rng).upper()), (2, f"{word(rng)} {word(rng)}")] for _ in range(4)]
    else:
        label = "Vessel Name" if kind == "Transport" else "Entity Name"
        groups = [(1, label)]
        names = [[(1, f"{word(rng).upper()} {word(rng).upper()} OOO")] for _ in range(4)]
    aliases = alias(ref, "Name", True, names[0]) + "".join(
        alias(ref, rng.choice(["A.K.A.", "F.K.A."]), False, n) for n in names[1:]
    )
    for i in range(2):
        lid = ref * 10 + i
        parts = (("ADDRESS1", f"{rng.randint(1, 99)} {word(rng)} ul."), ("CITY", word(rng)),
                 ("POSTAL CODE", str(rng.randint(100000, 999999))))  # fmt: skip
        body = "".join(
            f'      <LocationPart LocPartTypeID="{ref_id("LocPartType", t)}">\n'
            '        <LocationPartValue Primary="true" LocPartValueTypeID="1" '
            f'LocPartValueStatusID="1">\n          <Comment/>\n'
            f"          <Value>{escape(v)}</Value>\n"
            "        </LocationPartValue>\n      </LocationPart>\n"
            for t, v in parts
        )
        locations.append(
            f'    <Location ID="{lid}">\n      <LocationCountry CountryID='
            f'"{ref_id("Country", country)}" CountryRelevanceID="1"/>\n{body}    </Location>\n'
        )
        features.append(
            feature(lid, "Location", f'            <VersionLocation LocationID="{lid}"/>\n')
        )
    detail = '            <VersionDetail DetailTypeID="{t}"{r}>{v}</VersionDetail>\n'
    if kind == "Individual":
        features.append(
            feature(
                ref * 10 + 3,
                "Birthdate",
                date_period(rng.randint(1940, 1995), rng.randint(1, 12), rng.randint(1, 28)),
            )
        )
        features.append(
            feature(
                ref * 10 + 4,
                "Place of Birth",
                detail.format(t=3, r="", v=f"{word(rng)}, {country}"),
            )
        )
        features.append(
            feature(
                ref * 10 + 5,
                "Gender",
                detail.format(
                    t=1, r=f' DetailReferenceID="{ref_id("DetailReference", "Male")}"', v=""
                ),
            )
        )
        docs = [("Passport", str(rng.randint(10**8, 10**9)))]
    elif kind == "Entity":
        features.append(
            feature(
                ref * 10 + 4, "Website", detail.format(t=3, r="", v=f"www.{word(rng).lower()}.ru")
            )
        )
        docs = [
            ("Tax ID No.", str(rng.randint(10**9, 10**10 - 1))),
            ("Registration ID", str(rng.randint(10**12, 10**13 - 1))),
        ]
    else:
        features.append(
            feature(
                ref * 10 + 4,
                "Vessel Call Sign",
                detail.format(t=3, r="", v=f"UB{rng.randint(1000, 9999)}"),
            )
        )
        docs = [("Vessel Registration Identification", f"IMO {rng.randint(9000000, 9999999)}")]
    for i, (doc_type, number) in enumerate(docs):
        documents.append(
            f'    <IDRegDocument ID="{ref * 10 + i}" '
            f'IDRegDocTypeID="{ref_id("IDRegDocType", doc_type)}" '
            f'IdentityID="{ref}" IssuedBy-CountryID="{ref_id("Country", country)}" '
            'ValidityID="1">\n'
            f"      <Comment/>\n      <IDRegistrationNo>{number}</IDRegistrationNo>\n"
            "      <IssuingAuthority/>\n    </IDRegDocument>\n"
        )
    group_xml = "".join(
        f'            <MasterNamePartGroup>\n              <NamePartGroup ID="{g}" '
        f'NamePartTypeID="{ref_id("NamePartType", t)}"/>\n            </MasterNamePartGroup>\n'
        for g, t in groups
    )
    xml = (
        f'    <DistinctParty FixedRef="{ref}">\n      <Comment/>\n'
        f'      <Profile ID="{ref}" PartySubTypeID="{sub}">\n'
        f'        <Identity ID="{ref}" FixedRef="{ref}" Primary="true" False="false">\n'
        f"{aliases}          <NamePartGroups>\n{group_xml}          </NamePartGroups>\n"
        f"        </Identity>\n{''.join(features)}      </Profile>\n    </DistinctParty>\n"
    )
    return xml, locations, documents


def parties(count: int, seed: int) -> Iterator[tuple[str, list[str], list[str]]]:
    rng = random.Random(seed)
    for ref in range(10_000, 10_000 + count):
        yield party(ref, rng)


def write_file(path: Path, size_mb: float, seed: int = 11) -> int:
    """Write a synthetic SDN_ADVANCED.XML of about ``size_mb`` MB; returns the party count."""
    sample = sum(
        len(p) + sum(map(len, locs)) + sum(map(len, docs)) for p, locs, docs in parties(200, seed)
    )
    count = int(size_mb * 1e6 / (sample / 200 + 700))  # + relationship and sanctions entry
    with path.open("w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0" standalone="yes"?>\n<Sanctions xmlns="{NS}">\n')
        out.write("  <DateOfIssue><Year>2026</Year><Month>11</Month><Day>27</Day></DateOfIssue>\n")
        references(out)
        for section, pick in (("Locations", 1), ("IDRegDocuments", 2)):
            out.write(f"  <{section}>\n")
            for generated in parties(count, seed):
                out.writelines(generated[pick])
            out.write(f"  </{section}>\n")
        out.write("  <DistinctParties>\n")
        for generated in parties(count, seed):
            out.write(generated[0])
        out.write("  </DistinctParties>\n  <ProfileRelationships>\n")
        linked = ref_id("RelationType", "Linked To")
        for i, ref in enumerate(range(10_001, 10_000 + count, 3)):
            out.write(
                f'    <ProfileRelationship ID="{i}" From-ProfileID="{ref}" '
                f'To-ProfileID="{ref - 1}" '
                f'RelationTypeID="{linked}" RelationQualityID="1" Former="false" '
                f'SanctionsEntryID="{ref}">\n      <Comment/>\n    </ProfileRelationship>\n'
            )
        out.write("  </ProfileRelationships>\n  <SanctionsEntries>\n")
        rng = random.Random(seed)
        program = ref_id("SanctionsType", "Program")
        sdn_list = ref_id("List", "SDN List")
        for ref in range(10_000, 10_000 + count):
            out.write(
                f'    <SanctionsEntry ID="{ref}" ProfileID="{ref}" ListID="{sdn_list}">\n'
                f'      <EntryEvent ID="{ref}" EntryEventTypeID="1" LegalBasisID="1">\n'
                f'        <Date CalendarTypeID="1"><Year>{rng.randint(2010, 2026)}</Year>'
                "<Month>3</Month><Day>15</Day></Date>\n        <Comment/>\n      </EntryEvent>\n"
                f'      <SanctionsMeasure ID="{ref}" SanctionsTypeID="{program}">\n'
                f"        <Comment>{rng.choice(PROGRAMS)}</Comment>\n      </SanctionsMeasure>\n"
                "    </SanctionsEntry>\n"
            )
        out.write("  </SanctionsEntries>\n</Sanctions>\n")
    return count


def main(argv: list[str]) -> int:
    """Write the file, load it with the real CLI, print the figures; 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=120.0, help="size of the synthetic file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "SDN_ADVANCED.XML"
        start = time.perf_counter()
        count = write_file(path, args.size_mb)
        written = time.perf_counter() - start
        size = path.stat().st_size / 1e6
        load = os.getloadavg()[0]
        env = {**os.environ, "CORDON_HOME": str(Path(tmp) / "home")}
        start = time.perf_counter()
        done = subprocess.run(
            [str(CORDON), "lists", "load", "--dataset", "us_ofac_sdn", str(path)],
            env=env, capture_output=True, text=True, timeout=1800, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_mb = usage.ru_maxrss / 1024
        cpu = usage.ru_utime + usage.ru_stime
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"load average {load:.2f} at start of the load")
    print(
        f"synthetic SDN_ADVANCED.XML: {size:.1f} MB, {count:,} parties (written in {written:.1f} s)"
    )
    print(" ".join(done.stdout.split()) or done.stderr.strip())
    print(
        f"cordon lists load: {seconds:.1f} s wall, {cpu:.1f} CPU-s (user + system), "
        f"peak RSS {peak_mb:,.0f} MB, load average {os.getloadavg()[0]:.2f} at the end"
    )
    ok = done.returncode == 0 and seconds < 60 and peak_mb < 1024
    print("targets (< 60 s, < 1 GB):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
