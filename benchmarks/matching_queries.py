"""Realistic screening queries for the matching benchmark: variants of listed names and look-alikes.

Positives rewrite a real listed name the way declarants do (legal-form swaps, Cyrillic back-
transliteration, informal romanizations, word order, one-character typos, lost punctuation,
aliases); negatives are unlisted names, many sharing common words with listed ones.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cordon.names.normalize import kind_of_schema, normalize_name
from cordon.names.translit import to_cyrillic


@dataclass(frozen=True)
class ListedRecord:
    """A listed entity as the generator sees it."""

    entity_id: str
    schema: str
    names: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True)
class BenchQuery:
    """One benchmark query and the entity it should find (None for negatives)."""

    name: str
    schema: str
    expected: str | None
    variant: str


LEGAL_SWAPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bOPEN JOINT[- ]STOCK COMPANY\b", ("OAO", "JSC", "PAO")),
    (r"\bCLOSED JOINT[- ]STOCK COMPANY\b", ("ZAO", "CJSC")),
    (r"\bJOINT[- ]STOCK COMPANY\b", ("JSC", "AO", "АО")),
    (r"\bLIMITED LIABILITY COMPANY\b", ("LLC", "OOO", "ООО")),
    (r"\bOAO\b", ("JSC", "OJSC", "ОАО", "PAO")),
    (r"\bOJSC\b", ("OAO", "JSC", "ПАО")),
    (r"\bZAO\b", ("CJSC", "ЗАО", "JSC")),
    (r"\bOOO\b", ("LLC", "ООО", "LIMITED LIABILITY COMPANY")),
    (r"\bLLC\b", ("OOO", "L.L.C.", "LIMITED LIABILITY COMPANY")),
    (r"\bJSC\b", ("AO", "OAO", "JOINT STOCK COMPANY")),
    (r"\bCO\.,? LTD\.?", ("COMPANY LIMITED", "CO LTD", "CO., LIMITED")),
    (r"\bLIMITED\b", ("LTD", "LTD.")),
    (r"\bLTD\.?", ("LIMITED", "CO., LTD.")),
    (r"\bFZE\b", ("FZCO", "FZ-LLC")),
    (r"\bGMBH\b", ("G.M.B.H.",)),
    (r"\bS\.?A\.?\b", ("SA",)),
)
INFORMAL: tuple[tuple[str, str], ...] = (
    ("KH", "H"), ("KS", "X"), ("TS", "TZ"), ("YU", "IU"), ("YA", "IA"), ("IY", "Y"),
    ("EY", "EI"), ("YE", "E"), ("SHCH", "SCH"), ("ZH", "J"), ("IY ", "II "), ("V", "W"),
)  # fmt: skip
RUSSIAN_HINT = re.compile(
    r"\w\w(OV|EV|OVA|EVA|INA|SKIY|SKY|SKAYA|OVICH|EVICH)\b|\b(OAO|ZAO|OOO|PAO)\b"
)
RUSSIAN_COUNTRIES = frozenset({"ru", "by", "ua", "kz", "suhh"})
RUSSIAN_FORMS: tuple[tuple[str, str], ...] = (
    (r"\bOPEN JOINT[- ]STOCK COMPANY\b", "ОАО"), (r"\bCLOSED JOINT[- ]STOCK COMPANY\b", "ЗАО"),
    (r"\bPUBLIC JOINT[- ]STOCK COMPANY\b", "ПАО"), (r"\bJOINT[- ]STOCK COMPANY\b", "АО"),
    (r"\bLIMITED LIABILITY COMPANY\b", "ООО"), (r"\bOAO\b", "ОАО"), (r"\bOJSC\b", "ОАО"),
    (r"\bZAO\b", "ЗАО"), (r"\bCJSC\b", "ЗАО"), (r"\bPAO\b", "ПАО"), (r"\bPJSC\b", "ПАО"),
    (r"\bJSC\b", "АО"), (r"\bAO\b", "АО"), (r"\bOOO\b", "ООО"), (r"\bLLC\b", "ООО"),
)  # fmt: skip
_LEFTOVER_LATIN = str.maketrans(
    {
        "h": "х",
        "c": "к",
        "w": "в",
        "q": "к",
        "x": "кс",
        "H": "Х",
        "C": "К",
        "W": "В",
        "Q": "К",
        "X": "КС",
    }
)
COMMON_WORDS = (
    "TECHNOLOGIES", "TECHNOLOGY", "ELECTRONICS", "TRADING", "GROUP", "INTERNATIONAL", "RADIO",
    "SYSTEMS", "INDUSTRIES", "HOLDING", "ENGINEERING", "SHIPPING", "LOGISTICS", "GENERAL",
    "IMPORT EXPORT", "SUPPLY", "DEVELOPMENT", "INVESTMENT", "SERVICES", "COMPONENTS", "MACHINERY",
    "AVIATION", "DEFENSE", "PRECISION", "INSTRUMENTS", "SOLUTIONS", "GLOBAL", "ENERGY", "MARINE",
)  # fmt: skip
NEGATIVE_SCRIPTED = (
    "ООО «РАДИОТЕХНИКА СЕВЕР»", "АО «ЭЛЕКТРОНИКА ПЛЮС»", "ООО «ТЕХНОЛОГИИ БУДУЩЕГО»",
    "ООО «РАДИО КОМПОНЕНТ»", "ЗАО «ТОРГОВЫЙ ДОМ ВОСТОК»", "深圳市明达电子有限公司",
    "上海新华贸易有限公司", "香港宏远科技有限公司", "ООО «ПРОМСНАБ»", "АО «ТЕХНОПАРК ВОЛГА»",
)  # fmt: skip
LEGAL_SUFFIXES = ("LLC", "LTD", "CO., LTD.", "JSC", "GMBH", "FZE", "A.S.", "LIMITED", "INC", "OOO")
SYLLABLES = (
    "ka", "ro", "vel", "tan", "mi", "dor", "lex", "sa", "pri", "mon", "zen", "tor", "ala", "ver",
    "nix", "bo", "qua", "lin", "sor", "del", "mar", "tek", "ori", "vas", "cen", "tri", "ux", "pol",
)  # fmt: skip
FIRST_NAMES = (
    "JOHN", "MARY", "PETER", "ANNA", "DAVID", "SARAH", "MICHAEL", "LAURA", "THOMAS", "EMMA",
    "IVAN", "OLGA", "SERGEY", "NATALIA", "DMITRY", "ELENA", "ANDREY", "TATIANA", "PAVEL", "IRINA",
    "WEI", "LI", "JING", "HAO", "MEI", "YONG", "XIAO", "LING", "JUN", "FANG",
    "KARIM", "LEILA", "OMAR", "FATIMA", "YUSUF", "AMINA", "TARIQ", "NADIA", "SAMIR", "HUDA",
)  # fmt: skip
LAST_NAMES = (
    "SMITH", "JOHNSON", "BROWN", "TAYLOR", "WILSON", "CLARKE", "HUGHES", "PARKER", "COOPER",
    "BAKER",
    "SMIRNOV", "KUZNETSOVA", "POPOV", "SOKOLOVA", "LEBEDEV", "NOVIKOVA", "MOROZOV", "VOLKOVA",
    "ZHANG", "WANG", "LIU", "CHEN", "YANG", "ZHAO", "HUANG", "ZHOU", "WU", "XU",
    "HADDAD", "NASSER", "KHOURY", "MANSOUR", "SALEH", "AZIZ", "FARAH", "RAHMAN", "YOUSEF", "HAMDAN",
)  # fmt: skip


def _typo(name: str, rng: random.Random) -> str:
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return name
    i = rng.choice(long_words)
    word = words[i]
    p = rng.randrange(1, len(word) - 1)
    operation = rng.choice(("delete", "insert", "substitute", "swap"))
    letter = rng.choice("AEIOUNRSTLK")
    if operation == "delete":
        word = word[:p] + word[p + 1 :]
    elif operation == "insert":
        word = word[:p] + letter + word[p:]
    elif operation == "substitute":
        word = word[:p] + letter + word[p + 1 :]
    else:
        word = word[: p - 1] + word[p] + word[p - 1] + word[p + 1 :]
    words[i] = word
    return " ".join(words)


def _legal_swap(name: str, rng: random.Random) -> str | None:
    upper = name.upper()
    for pattern, replacements in LEGAL_SWAPS:
        if re.search(pattern, upper):
            return re.sub(pattern, rng.choice(replacements), upper, count=1)
    return None


def _informal(name: str, rng: random.Random) -> str | None:
    upper = name.upper()
    options = [(a, b) for a, b in INFORMAL if a in upper]
    if not options:
        return None
    source, target = rng.choice(options)
    return upper.replace(source, target)


def _reorder(name: str, rng: random.Random) -> str | None:
    words = name.replace(",", " ").split()
    if len(words) < 2:
        return None
    if len(words) == 2:
        return f"{words[1]} {words[0]}"
    rotated = words[1:] + words[:1]
    return " ".join(rotated) if rng.random() < 0.5 else " ".join(reversed(words))


def _no_punctuation(name: str, rng: random.Random) -> str | None:
    stripped = re.sub(r"[^\w\s]", " " if rng.random() < 0.5 else "", name)
    stripped = re.sub(r"\s+", " ", stripped).strip()
    return stripped if stripped != name else None


def _cyrillic(name: str, record: ListedRecord, rng: random.Random) -> str | None:
    upper = name.upper()
    if not upper.isascii() or not (
        RUSSIAN_COUNTRIES & set(record.countries) or RUSSIAN_HINT.search(upper)
    ):
        return None
    for pattern, russian in RUSSIAN_FORMS:
        upper = re.sub(pattern, russian, upper)
    return to_cyrillic(upper).translate(_LEFTOVER_LATIN).upper()


CHINESE_WORDS: dict[str, str] = {
    "SHENZHEN": "深圳市", "SHANGHAI": "上海", "BEIJING": "北京", "GUANGZHOU": "广州",
    "HONG KONG": "香港", "TECHNOLOGY": "科技", "TECHNOLOGIES": "科技", "ELECTRONICS": "电子",
    "ELECTRONIC": "电子", "TRADING": "贸易", "TRADE": "贸易", "INTERNATIONAL": "国际",
    "GROUP": "集团", "INDUSTRIAL": "实业", "DEVELOPMENT": "发展", "EQUIPMENT": "设备",
    "LOGISTICS": "物流", "INVESTMENT": "投资", "IMPORT AND EXPORT": "进出口",
    "IMPORT & EXPORT": "进出口", "IMPORT EXPORT": "进出口",
}  # fmt: skip
CHINESE_FORMS = re.compile(r"\b(CO\.?,? ?(LTD|LIMITED)\.?|COMPANY LIMITED|LIMITED|LTD\.?)$")


def _chinese(name: str, record: ListedRecord) -> str | None:
    """Known words of a Chinese or Hong Kong firm in characters and its legal form as 有限公司."""
    upper = name.upper()
    if not ({"cn", "hk"} & set(record.countries)) or not CHINESE_FORMS.search(upper):
        return None
    text = CHINESE_FORMS.sub("有限公司", upper)
    for word, chinese in sorted(CHINESE_WORDS.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"\b{re.escape(word)}\b", chinese, text)
    return text if text != upper else None


def positive(record: ListedRecord, rng: random.Random) -> BenchQuery:
    """A realistic rewrite of one of the record's names that should still find it."""
    name = rng.choice(record.names)
    generators = ["typo", "reorder", "punctuation", "informal", "case_alias"]
    if record.schema in ("Organization", "Company", "LegalEntity"):
        generators += ["legal_form", "legal_form"]
    rng.shuffle(generators)
    if RUSSIAN_COUNTRIES & set(record.countries) or RUSSIAN_HINT.search(name.upper()):
        generators.insert(0 if rng.random() < 0.6 else len(generators), "cyrillic")
    if {"cn", "hk"} & set(record.countries):
        generators.insert(0 if rng.random() < 0.6 else len(generators), "chinese")
    for variant in generators:
        text: str | None
        if variant == "typo":
            text = _typo(name, rng)
        elif variant == "reorder":
            text = _reorder(name, rng)
        elif variant == "punctuation":
            text = _no_punctuation(name, rng)
        elif variant == "informal":
            text = _informal(name, rng)
        elif variant == "legal_form":
            text = _legal_swap(name, rng) or f"{name} {rng.choice(LEGAL_SUFFIXES)}"
        elif variant == "cyrillic":
            text = _cyrillic(name, record, rng)
        elif variant == "chinese":
            text = _chinese(name, record)
        else:
            text = name.title() if rng.random() < 0.5 else name.lower()
        if text and text.strip() and text != name:
            return BenchQuery(text, _query_schema(record.schema), record.entity_id, variant)
    return BenchQuery(name.lower(), _query_schema(record.schema), record.entity_id, "case_alias")


def _query_schema(schema: str) -> str:
    if schema in ("Person", "Vessel", "Airplane"):
        return schema
    return "LegalEntity"  # a customs declaration does not say what kind of organization it is


def _invented_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).upper()


def negative(records: Sequence[ListedRecord], rng: random.Random) -> BenchQuery:
    """An unlisted name: invented firms (often with listed firms' common words) or people."""
    roll = rng.random()
    if roll < 0.35:
        words = [_invented_word(rng), *rng.sample(COMMON_WORDS, rng.randint(1, 2))]
        return BenchQuery(
            f"{' '.join(words)} {rng.choice(LEGAL_SUFFIXES)}", "LegalEntity", None, "invented_firm"
        )
    if roll < 0.65:
        record = rng.choice([r for r in records if r.schema != "Person"] or list(records))
        words = rng.choice(record.names).upper().split()
        keep = [w for w in words if w.strip(".,") in COMMON_WORDS or len(w) <= 3]
        name = " ".join([_invented_word(rng), *keep, rng.choice(COMMON_WORDS)])
        return BenchQuery(name, "LegalEntity", None, "shares_common_words")
    if roll < 0.72:
        return BenchQuery(rng.choice(NEGATIVE_SCRIPTED), "LegalEntity", None, "scripted_firm")
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    name = f"{first} {last}" if rng.random() < 0.6 else f"{last} {first} {rng.choice(FIRST_NAMES)}"
    return BenchQuery(name, "Person", None, "person")


def make_queries(
    records: Sequence[ListedRecord], positives: int, negatives: int, seed: int = 7
) -> list[BenchQuery]:
    """``positives`` variants of sampled listed names and ``negatives`` unlisted names.

    Negatives whose normalized words equal a listed name's are dropped (they are listed)."""
    rng = random.Random(seed)
    usable = [r for r in records if r.names]
    listed_keys = {
        frozenset(normalize_name(n, kind_of_schema(r.schema)).keys) for r in usable for n in r.names
    }
    queries = [positive(rng.choice(usable), rng) for _ in range(positives)]
    made = 0
    while made < negatives:
        query = negative(usable, rng)
        if frozenset(normalize_name(query.name, kind_of_schema(query.schema)).keys) in listed_keys:
            continue
        queries.append(query)
        made += 1
    return queries
