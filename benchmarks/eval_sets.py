"""Evaluation sets for name matching that nobody tuned on, built from the real list files.

Issue 9. Built at benchmark time from ``../shared/data`` (never copied into the project) plus two
hand-written tables under ``benchmarks/data/`` (see docs/evaluation.md):

* **cross-script** — every non-Latin name the UN list (``NAME_ORIGINAL_SCRIPT``), the EU file and
  the FCDO UK file publish beside an entity's Latin names becomes a query; the index holds the
  lists' Latin-script names only, as OFAC and most screening lists publish them. Arabic persons,
  Cyrillic and Greek organization names (the EU's translations), a few Chinese ones.
* **translated** — Russian and Chinese names of companies the OFAC lists publish in English or in a
  Latin transliteration (``benchmarks/data/translated_names.tsv``, written by us, with sources).
* **hard negatives** — unlisted names that share generic words with listed ones: one-word Russian
  company names, «НПО «…»», "… GENERAL TRADING LLC", Chinese 有限公司 names and ordinary people's
  names in Cyrillic, Arabic, Persian, Chinese and Latin script (``negative_name_parts.tsv``).
* **persons** — the OpenSanctions-style person benchmark: realistic variants of SDN and UN persons'
  names against SDN + UN indexed together, and ordinary people's names as negatives.

Every case has a deterministic **dev** or **test** split from a hash of its party (entities on
several lists that share a UN reference number or a three-word name are one party, on one side);
negatives split by a hash of their text. Tune on dev; report test.

    .venv/bin/python benchmarks/eval_sets.py --split dev --out /tmp/dev.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from lxml import etree
from rigour.text import ascii_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from matching_queries import ListedRecord, positive

from cordon.lists import eu, fcdo, ofac, un
from cordon.names.index import MATCHABLE_SCHEMATA

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA = Path(__file__).resolve().parent / "data"
SPLIT_SALT = "cordon-eval-v1"  # changing it reshuffles dev/test: never do it after tuning
SPLITS = ("dev", "test")
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
SEED = 9

# (dataset, files relative to SHARED); OFAC's consolidated XML has no cordon parser (read below)
SOURCES: dict[str, tuple[str, ...]] = {
    "us_ofac_sdn": ("ofac",),
    "un_sc_sanctions": ("un/consolidated.xml",),
    "eu_fsf": ("real-formats/eu_fsf/eu_fsf_2022-03-18_prefix.xml",),
    "gb_fcdo_sanctions": ("real-formats/gb_fcdo_xml/uk_sanctions_list_2026-08-14_4records.xml",),
    "us_ofac_cons": ("real-formats/ofac_xml/ofac_cons_consolidated_2022-03-24.xml",),
}
PARSERS = {"us_ofac_sdn": ofac, "un_sc_sanctions": un, "eu_fsf": eu, "gb_fcdo_sanctions": fcdo}
PERSON_LISTS = ("us_ofac_sdn", "un_sc_sanctions")  # the person benchmark indexes these together
# hard negatives per kind (dev + test together; about half land in each split)
NEGATIVES_PER_KIND = {
    "neg-ru-company": 200, "neg-ru-npo": 54, "neg-trading": 192, "neg-zh-company": 400,
    "neg-person-ru": 800, "neg-person-ru-latin": 800, "neg-person-ar": 800,
    "neg-person-ar-latin": 800, "neg-person-fa": 100, "neg-person-zh": 600,
    "neg-person-latin": 800,
}  # fmt: skip
PERSON_POSITIVES = 3000  # sampled SDN + UN persons, one realistic variant each


@dataclass(frozen=True)
class EvalCase:
    """One query of an evaluation set and the entities it must find (none for a negative)."""

    name: str
    schema: str  # FtM schema of the query: Person, Company or LegalEntity
    kind: str  # e.g. xs-person-arabic, tr-ru, neg-ru-company, person-typo
    split: str  # dev or test
    expected: tuple[str, ...] = ()  # FtM ids of the listed entity (on every list that has it)
    listed_name: str = ""  # for positives: a name the list publishes for it, for reading reports


@dataclass
class EvalSets:
    """The indexes (FtM entity dicts) and the cases of every suite."""

    latin_index: list[dict[str, Any]]  # SDN + UN + EU + UK + OFAC consolidated, Latin names only
    person_index: list[dict[str, Any]]  # SDN + UN as published
    cross_script: list[EvalCase] = field(default_factory=list)  # incl. translated + negatives
    persons: list[EvalCase] = field(default_factory=list)

    def suite(self, name: str, split: str | None = None) -> list[EvalCase]:
        """The cases of suite ``cross_script`` or ``persons`` in ``split`` (all when None)."""
        cases: list[EvalCase] = getattr(self, name)
        return [c for c in cases if split is None or c.split == split]

    def index_for(self, name: str) -> list[dict[str, Any]]:
        """The entities a suite's queries are matched against."""
        return self.latin_index if name == "cross_script" else self.person_index


def split_of(key: str) -> str:
    """``dev`` or ``test`` for a split key, from a salted SHA-256 (stable across runs and hosts)."""
    digest = hashlib.sha256(f"{SPLIT_SALT}:{key}".encode()).digest()
    return SPLITS[digest[0] % 2]


def script_of(text: str) -> str:
    """The dominant script of a name's letters, lower case (latin, arabic, cyrillic, cjk, ...)."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            counts[unicodedata.name(char, "UNKNOWN").split()[0].lower()] += 1
    return counts.most_common(1)[0][0] if counts else "none"


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter (accented ones included)."""
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text
    ) and any(c.isalpha() for c in text)


@cache
def word_set(name: str) -> frozenset[str]:
    """A name's words in ASCII, lower case: two names with equal sets are the same name."""
    return frozenset(re.findall(r"[a-z0-9]+", ascii_text(name).lower()))


# -- the lists ---------------------------------------------------------------------------------


def _ofac_xml(path: Path, dataset: str) -> Iterator[dict[str, Any]]:
    """Names, type and programmes of every ``sdnEntry`` of an OFAC SDN.XML-schema file.

    Benchmark-only: cordon has no parser for this file (it loads the legacy CSV); the evaluation
    needs its names and ids to check the hand-written table and to index its entities."""
    schemata = {"Individual": "Person", "Entity": "Organization", "Vessel": "Vessel"}
    for _, entry in etree.iterparse(str(path), tag="{*}sdnEntry"):
        uid = entry.findtext("{*}uid")
        schema = schemata.get(entry.findtext("{*}sdnType") or "", "LegalEntity")

        def whole(node: etree._Element) -> str:
            first, last = node.findtext("{*}firstName"), node.findtext("{*}lastName")
            return " ".join(p.strip() for p in (first, last) if p and p.strip())

        props: dict[str, list[str]] = {"name": [whole(entry)], "alias": [], "weakAlias": []}
        for aka in entry.iter("{*}aka"):
            weak = aka.findtext("{*}category") == "weak"
            props["weakAlias" if weak else "alias"].append(whole(aka))
        props["program"] = [p.text for p in entry.iter("{*}program") if p.text]
        entry.clear()
        yield {"id": f"{dataset}-{uid}", "schema": schema, "properties": props}


def _merge(entities: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One dict per id: the EU file repeats a record under two programmes."""
    merged: dict[str, dict[str, Any]] = {}
    for data in entities:
        seen = merged.get(data["id"])
        if seen is None:
            merged[data["id"]] = data
            continue
        for prop, values in data["properties"].items():
            old = seen["properties"].setdefault(prop, [])
            old.extend(v for v in values if v not in old)
    return list(merged.values())


@cache
def load_lists(shared: Path = SHARED) -> dict[str, list[dict[str, Any]]]:
    """Dataset -> its matchable entities as FtM dicts (``datasets`` set), from the real files."""
    out: dict[str, list[dict[str, Any]]] = {}
    for dataset, files in SOURCES.items():
        paths = [shared / f for f in files]
        if dataset in PARSERS:
            raw: Iterable[dict[str, Any]] = (
                e.to_dict() for e in PARSERS[dataset].parse(paths, dataset)
            )
        else:
            raw = _ofac_xml(paths[0], dataset)
        entities = _merge(raw)
        for data in entities:
            data["datasets"] = [dataset]
        out[dataset] = [d for d in entities if d["schema"] in MATCHABLE_SCHEMATA]
    return out


def names_of(data: dict[str, Any]) -> list[str]:
    """Every name, alias, weak alias and previous name of an entity dict."""
    props = data["properties"]
    return [n for prop in NAME_PROPS for n in props.get(prop, []) if n and n.strip()]


def latin_only(data: dict[str, Any]) -> dict[str, Any] | None:
    """The entity with its non-Latin names removed (None when no Latin name remains)."""
    props = {
        k: ([v for v in vs if is_latin(v)] if k in NAME_PROPS else vs)
        for k, vs in data["properties"].items()
    }
    if not any(props.get(p) for p in NAME_PROPS):
        return None
    if not props.get("name"):  # an alias becomes the name
        for prop in NAME_PROPS[1:]:
            if props.get(prop):
                props["name"], props[prop] = props[prop][:1], props[prop][1:]
                break
    return {**data, "properties": props}


def _un_reference(data: dict[str, Any]) -> str | None:
    """The UN reference number of a UN entity or of an EU record that carries one."""
    if data["datasets"][0] == "un_sc_sanctions":
        return str(data["id"]).removeprefix("un_sc_sanctions-")
    for note in data["properties"].get("notes", []):
        if note.startswith("UN id "):
            return str(note.removeprefix("UN id ").strip())
    return None


def _groups(lists: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Entity id -> split key, and split key -> every entity id of that real-world party.

    Entities on different lists are one party when the EU record carries the UN reference
    number, or when they share a name or strong alias of three words or more (same words in
    ASCII; weak aliases such as "ABU MOHAMMED" are shared by different people). Merging
    namesakes errs on the safe side: both land in one split and either counts as found."""
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for entities in lists.values():
        for data in entities:
            entity_id = str(data["id"])
            reference = _un_reference(data)
            links = [f"un:{reference}"] if reference else []
            links += [
                "name:" + " ".join(sorted(words))
                for prop in ("name", "alias")
                for name in data["properties"].get(prop, [])
                if len(words := word_set(name)) >= 3
            ]
            for link in links:
                parent[find(entity_id)] = find(link)
    roots: dict[str, set[str]] = defaultdict(set)
    for entities in lists.values():
        for data in entities:
            roots[find(str(data["id"]))].add(str(data["id"]))
    key_of: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    for ids in roots.values():
        key = min(ids)  # independent of the order the links were made in
        members[key] = ids
        key_of.update(dict.fromkeys(ids, key))
    return key_of, members


# -- cases -------------------------------------------------------------------------------------


def cross_script_cases(lists: dict[str, list[dict[str, Any]]]) -> list[EvalCase]:
    """Each non-Latin name of a UN, EU or UK entity that also has a Latin name, as a query."""
    key_of, members = _groups(lists)
    cases: dict[tuple[str, str], EvalCase] = {}
    for dataset in ("un_sc_sanctions", "eu_fsf", "gb_fcdo_sanctions"):
        for data in lists[dataset]:
            names = names_of(data)
            latin = [n for n in names if is_latin(n)]
            if not latin:
                continue
            person = data["schema"] == "Person"
            key = key_of[data["id"]]
            for name in names:
                if is_latin(name) or script_of(name) in ("none", "latin"):
                    continue
                kind = f"xs-{'person' if person else 'org'}-{script_of(name)}"
                case = EvalCase(
                    name=" ".join(name.split()),
                    schema="Person" if person else "LegalEntity",
                    kind=kind,
                    split=split_of(key),
                    expected=tuple(sorted(members[key])),
                    listed_name=latin[0],
                )
                cases.setdefault((case.name, key), case)
    return list(cases.values())


@dataclass(frozen=True)
class TranslatedRow:
    """One row of ``translated_names.tsv``."""

    dataset: str
    list_id: str
    listed_name: str
    lang: str
    local_name: str
    relation: str
    source: str


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a project TSV data file (``#`` comment lines, then a header line)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def translated_rows(path: Path = DATA / "translated_names.tsv") -> list[TranslatedRow]:
    """The hand-written table of Russian and Chinese company names."""
    return [TranslatedRow(**row) for row in read_tsv(path)]


def translated_cases(
    lists: dict[str, list[dict[str, Any]]], rows: Sequence[TranslatedRow]
) -> list[EvalCase]:
    """The table's local names as Company queries; a row whose listed name is not on the list
    it names is an error (the table must say only what the lists say)."""
    by_id = {data["id"]: data for entities in lists.values() for data in entities}
    key_of, members = _groups(lists)
    cases = []
    for row in rows:
        entity_id = f"{row.dataset}-{row.list_id}"
        data = by_id.get(entity_id)
        if data is None or row.listed_name not in names_of(data):
            raise ValueError(
                f"translated_names.tsv: {row.listed_name!r} is not a name of {entity_id}"
            )
        key = key_of[entity_id]
        cases.append(
            EvalCase(
                name=row.local_name,
                schema="Company",
                kind=f"tr-{row.lang}",
                split=split_of(key),
                expected=tuple(sorted(members[key])),
                listed_name=row.listed_name,
            )
        )
    return cases


def _parts(path: Path = DATA / "negative_name_parts.tsv") -> dict[str, list[str]]:
    parts: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv(path):
        parts[row["group"]].append(row["value"])
    return parts


def _negative(kind: str, parts: dict[str, list[str]], rng: random.Random) -> tuple[str, str]:
    """One unlisted name of ``kind`` and its query schema."""
    pick = rng.choice
    if kind == "neg-ru-company":
        return f"{pick(parts['ru_form'])} «{pick(parts['ru_word'])}»", "Company"
    if kind == "neg-ru-npo":
        form = pick(("", "АО ", "ООО "))
        return f"{form}НПО «{pick(parts['ru_npo_word'])}»", "Company"
    if kind == "neg-trading":
        return f"{pick(parts['trade_head'])} {pick(parts['trade_tail'])}", "Company"
    if kind == "neg-zh-company":
        name = "".join(pick(parts[g]) for g in ("zh_city", "zh_brand", "zh_industry", "zh_form"))
        return name, "Company"
    if kind in ("neg-person-ru", "neg-person-ru-latin"):
        given, surname = pick(parts["ru_given_m"]), pick(parts["ru_surname_m"])
        roll = rng.random()
        if roll < 0.4:
            name = f"{surname} {given} {pick(parts['ru_patronymic_m'])}"
        elif roll < 0.7:
            name = f"{given} {surname}"
        else:
            name = f"{surname} {given}"
        return (ascii_text(name).upper() if kind.endswith("latin") else name), "Person"
    if kind == "neg-person-ar":
        words = [pick(parts["ar_given"]), pick(parts["ar_given"]), pick(parts["ar_family"])]
        return " ".join(words[rng.randint(0, 1) :]), "Person"
    if kind == "neg-person-ar-latin":
        words = [pick(parts["latin_ar_given"]), pick(parts["latin_ar_given"])]
        words.append(pick(parts["latin_ar_family"]))
        return " ".join(words[rng.randint(0, 1) :]), "Person"
    if kind == "neg-person-fa":
        return f"{pick(parts['fa_given'])} {pick(parts['fa_surname'])}", "Person"
    if kind == "neg-person-zh":
        given = "".join(pick(parts["zh_given"]) for _ in range(rng.randint(1, 2)))
        return pick(parts["zh_surname"]) + given, "Person"
    if kind == "neg-person-latin":
        given, surname = pick(parts["latin_given"]), pick(parts["latin_surname"])
        return (f"{given} {surname}" if rng.random() < 0.6 else f"{surname}, {given}"), "Person"
    raise ValueError(f"unknown negative kind {kind!r}")


@cache
def sound_set(name: str) -> frozenset[str]:
    """A name's words reduced to their consonants in ASCII (Лебедев Дмитрий Алексеевич and
    LEBEDEV, Dmitri Alekseyevich both give {lbdv, dmtr, lksvch}): spelling-blind, coarse."""
    words = (re.sub(r"[aeiouyj]", "", w).replace("kh", "h") for w in word_set(name))
    return frozenset(re.sub(r"(.)\1+", r"\1", w) for w in words if w)


def is_namesake(name: str, listed: set[frozenset[str]], person: bool) -> bool:
    """Whether ``name`` sounds like a whole listed name: equal to one or, for a person,
    containing all the words of a listed name of two words or more (then alerting on it is
    right, not false; a company name has many generic words, so only equality counts)."""
    sounds = sound_set(name)
    if sounds in listed:
        return True
    return person and any(
        frozenset(sub) in listed
        for size in range(2, len(sounds))
        for sub in itertools.combinations(sorted(sounds), size)
    )


def negative_cases(listed: Iterable[str], kinds: Sequence[str], seed: int = SEED) -> list[EvalCase]:
    """Distinct unlisted names of each kind, none a namesake of a listed name (see
    :func:`is_namesake`; a name with only some of a listed person's words stays: it must not
    alert). Fewer than ``NEGATIVES_PER_KIND`` when the parts cannot make that many names."""
    taken = {sound_set(n) for n in listed}
    parts = _parts()
    cases: list[EvalCase] = []
    for kind in kinds:
        rng = random.Random(f"{seed}:{kind}")
        seen: set[str] = set()
        for _ in range(NEGATIVES_PER_KIND[kind] * 20):  # bounded: small part lists run dry
            if len(seen) >= NEGATIVES_PER_KIND[kind]:
                break
            name, schema = _negative(kind, parts, rng)
            if name in seen or is_namesake(name, taken, schema == "Person"):
                continue
            seen.add(name)
            cases.append(EvalCase(name=name, schema=schema, kind=kind, split=split_of(name)))
    return cases


def _full_names(data: dict[str, Any]) -> tuple[str, ...]:
    """A person's Latin-script names and strong aliases of two words or more: a one-word
    nickname or a weak alias alone is not meant to alert (issue 9)."""
    props = data["properties"]
    names = props.get("name", []) + props.get("alias", [])
    return tuple(n for n in names if is_latin(n) and len(n.replace(",", " ").split()) >= 2)


def person_cases(lists: dict[str, list[dict[str, Any]]], seed: int = SEED) -> list[EvalCase]:
    """Realistic variants (typos, reordering, informal romanization, Cyrillic, case) of the
    full names of sampled SDN and UN persons, made by ``matching_queries.positive``."""
    key_of, members = _groups(lists)
    persons = [
        data
        for dataset in PERSON_LISTS
        for data in lists[dataset]
        if data["schema"] == "Person" and _full_names(data)
    ]
    indexed = {data["id"] for dataset in PERSON_LISTS for data in lists[dataset]}
    rng = random.Random(seed)
    sample = rng.sample(persons, min(PERSON_POSITIVES, len(persons)))
    cases = []
    for data in sample:
        props = data["properties"]
        record = ListedRecord(
            data["id"],
            "Person",
            _full_names(data),
            tuple(props.get("country", []) + props.get("nationality", [])),
        )
        query = positive(record, rng)
        key = key_of[data["id"]]
        cases.append(
            EvalCase(
                name=query.name,
                schema="Person",
                kind=f"person-{query.variant}",
                split=split_of(key),
                expected=tuple(sorted(members[key] & indexed)),
                listed_name=record.names[0],
            )
        )
    return cases


COMPANY_NEGATIVES = ("neg-ru-company", "neg-ru-npo", "neg-trading", "neg-zh-company")
PERSON_NEGATIVES = tuple(k for k in NEGATIVES_PER_KIND if k.startswith("neg-person"))


def build(shared: Path = SHARED) -> EvalSets:
    """Every suite, from the real files under ``shared`` and the tables under benchmarks/data."""
    lists = load_lists(shared)
    every_name = [n for entities in lists.values() for data in entities for n in names_of(data)]
    latin_index = [e for e in (latin_only(d) for es in lists.values() for d in es) if e]
    indexed = {data["id"] for data in latin_index}
    cross = [
        c
        for c in cross_script_cases(lists) + translated_cases(lists, translated_rows())
        if indexed & set(c.expected)
    ]
    negatives = negative_cases(every_name, COMPANY_NEGATIVES + PERSON_NEGATIVES)
    person_negatives = [c for c in negatives if c.kind in PERSON_NEGATIVES]
    return EvalSets(
        latin_index=latin_index,
        person_index=[d for dataset in PERSON_LISTS for d in lists[dataset]],
        cross_script=cross + negatives,
        persons=person_cases(lists) + person_negatives,
    )


def counts(cases: Iterable[EvalCase]) -> dict[str, dict[str, int]]:
    """kind -> split -> number of cases."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SPLITS, 0))
    for case in cases:
        table[case.kind][case.split] += 1
    return dict(sorted(table.items()))


def main(argv: Sequence[str] | None = None) -> None:
    """Print the sets' counts per kind and split; write a split of a suite as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", choices=("cross_script", "persons"), default="cross_script")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--out", type=Path, help="write the cases of --suite/--split here")
    args = parser.parse_args(argv)
    sets = build()
    for suite in ("cross_script", "persons"):
        print(f"{suite} (index: {len(sets.index_for(suite))} entities)")
        print("| kind | dev | test |\n|---|---:|---:|")
        for kind, by_split in counts(sets.suite(suite)).items():
            print(f"| {kind} | {by_split['dev']} | {by_split['test']} |")
    if args.out:
        with args.out.open("wb") as handle:
            for case in sets.suite(args.suite, args.split):
                handle.write(orjson.dumps(asdict(case)) + b"\n")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
