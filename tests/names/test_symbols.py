"""Symbols: names that translate (завод = plant), cross scripts and abbreviate, found and explained.

The listed names are real: FEODOSIA STATE OPTICAL PLANT (OFAC SDN 20202, alias), CHINA NATIONAL
AERO-TECHNOLOGY IMPORT & EXPORT CORPORATION (CATIC, US Entity List / NS-CMIC), Muhammad HUSSEIN
style names as the SDN writes them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cordon.names.matcher import Matcher
from cordon.names.model import Candidate, Query
from cordon.names.normalize import normalize_name
from cordon.names.symbols import name_symbols, segment_han, shared_symbol

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` as a reader sees it: words kept, the invisible bidirectional isolates around names
    and words (cordon.i18n.formatting.isolate) dropped, runs of white space made one space."""
    return " ".join(_BIDI_CONTROLS.sub("", text).split())


def _entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    return {
        "id": f"sym-{entity_id}",
        "schema": schema,
        "datasets": ["sym"],
        "properties": {k: v if isinstance(v, list) else [v] for k, v in props.items()},
    }


ENTITIES = [
    _entity("feo", "Company", name="FEODOSIA STATE OPTICAL PLANT", country="ua"),
    _entity("catic", "Company", name="CHINA NATIONAL AERO-TECHNOLOGY IMPORT & EXPORT CORPORATION"),
    _entity("nuc", "Company", name="CHINA NATIONAL NUCLEAR CORPORATION"),
    _entity("elec", "Company", name="CHINA ELECTRONICS TECHNOLOGY GROUP CORPORATION"),
    _entity("p1", "Person", name="Mahdi KAZEMI"),
    _entity("p2", "Person", name="Muhammad Ali HUSSEIN"),
    _entity("tpl", "Company", name="TULA ARMS PLANT"),
    _entity("opt", "Company", name="OPTICAL SYSTEMS TRADING"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.from_entities(ENTITIES, dataset="sym")


def _best(matcher: Matcher, name: str, schema: str = "LegalEntity") -> Candidate:
    found = matcher.match(Query((name,), schema=schema), limit=3)
    assert found, name
    return found[0]


def _feature(candidate: Candidate, name: str) -> str:
    return next(f.detail for f in candidate.features if f.name == name)


def test_rigour_and_data_file_symbols_are_per_word() -> None:
    symbols = name_symbols("феодосийский оптический завод", False)
    assert symbols["завод"] == {"DOMAIN:FACTORY"}  # rigour
    assert "DOMAIN:OPTICS" in symbols["оптический"]  # data file
    assert "PLACE:feodosia" in symbols["феодосийский"]
    assert "SYMBOL:TRADE" in name_symbols("imp exp", False)["imp"]  # a two-word rigour symbol


def test_han_runs_are_segmented_and_stop_words_found() -> None:
    assert [s for s, _ in segment_han("深圳市明达电子")] == ["深圳", "市", "明达", "电子"]


def test_person_name_symbols_align_only_across_scripts() -> None:
    ids = frozenset({"NAME:Q1"})
    assert shared_symbol(ids, ids, True, True) == "NAME:Q1"  # محمد ≈ Mohammed
    assert shared_symbol(ids, ids, False, True) is None  # two Latin spellings: spelling decides
    assert shared_symbol(ids, ids, True, False) is None  # علي ≈ Haidar: Wikidata, not a match
    trade = frozenset({"SYMBOL:TRADE"})
    assert shared_symbol(trade, trade, False, True)  # IMP ≈ IMPORT
    assert shared_symbol(trade, trade, False, False) is None  # TRADING is not IMPORT
    assert shared_symbol(trade, trade, True, False)  # 进出口 ≈ IMPORT


def test_russian_translation_of_a_listed_plant_is_found_and_explained(matcher: Matcher) -> None:
    best = _best(matcher, "Феодосийский оптический завод")
    assert best.entity_id == "sym-feo" and best.score >= 0.8
    detail = _feature(best, "symbol_match")
    assert "завод ≈ plant (FACTORY)" in detail
    assert "оптический ≈ optical (OPTICS)" in detail


def test_chinese_characters_find_the_english_listed_name(matcher: Matcher) -> None:
    best = _best(matcher, "中国航空技术进出口总公司")
    assert best.entity_id == "sym-catic" and best.score >= 0.8, best.explanation
    assert "进出口 ≈ import (TRADE)" in _feature(best, "symbol_match")


def test_abbreviated_english_finds_the_full_name(matcher: Matcher) -> None:
    best = _best(matcher, "China Natl. Aero-Tech Imp/Exp Corp")
    assert best.entity_id == "sym-catic" and best.score >= 0.8, best.explanation


def test_arabic_script_person_meets_latin_listing(matcher: Matcher) -> None:
    best = _best(matcher, "مهدی کاظمی", schema="Person")
    assert best.entity_id == "sym-p1" and best.score >= 0.8, best.explanation


def test_shared_generic_words_alone_do_not_alert(matcher: Matcher) -> None:
    found = matcher.match(Query(("Оптический завод",)), limit=3, threshold=0.8)
    assert found == []


def test_symbols_are_kept_in_normalized_names() -> None:
    name = normalize_name("Тульский оружейный завод")
    assert [sorted(s) for s in name.symbols] == [
        ["PLACE:tula"],
        ["DOMAIN:ARMS"],
        ["DOMAIN:FACTORY"],
    ]


# OFAC SDN entry 20202 (UKRAINE-EO13685) with its aliases, as the SDN CSV lists them.
FEODOSIA_FTM = {
    "id": "sdnfix-20202",
    "schema": "Company",
    "datasets": ["sdnfix"],
    "properties": {
        "name": ["SUE RC 'FEODOSIA OPTICAL PLANT'"],
        "alias": ["FEODOSIA STATE OPTICAL PLANT", "STATE OPTICAL PLANT - FEODOSIA"],
        "country": ["ua"],
    },
}


def test_cordon_match_explains_a_translation_in_analyst_words(
    cordon_home: Path, tmp_path: Path
) -> None:
    from cordon.lists.load import load_dataset
    from cordon.store import connect

    source = tmp_path / "sdnfix.ftm.jsonl"
    source.write_text(json.dumps(FEODOSIA_FTM) + "\n", encoding="utf-8")
    conn = connect()
    load_dataset(conn, "sdnfix", [source])
    conn.close()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "cordon"), "match", "Феодосийский оптический завод"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CORDON_HOME": str(cordon_home), "COLUMNS": "250"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = visible(done.stdout)
    assert "20202" in out
    assert "'завод' means 'plant' (factory)" in out
    assert "'оптический' means 'optical' (optics)" in out
    in_russian = subprocess.run(  # the same reading for a Russian-speaking analyst
        [str(Path(sys.executable).parent / "cordon"), "--lang", "ru", "match",
         "Феодосийский оптический завод"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "CORDON_HOME": str(cordon_home), "COLUMNS": "250"},
    )
    assert in_russian.returncode == 0, in_russian.stderr
    out = visible(in_russian.stdout)
    assert "«оптический» означает «optical» (optics)" in out, out
    assert "Кандидаты для" in out


def test_an_alert_explanation_reads_the_same_in_each_language() -> None:
    from cordon.i18n import use_language
    from cordon.names.reading import explanation_reading

    line = ("name_token_overlap=0.67 (matched: zavod~plant; unmatched query words: x); "
            "symbol_match=1.00 (завод ≈ plant (FACTORY)); identifier_match=1.00 (inn 7718852163)")
    assert visible(explanation_reading(line)) == (
        "spelling variants or translations: zavod = plant; not in the listed name: x. "
        "'завод' means 'plant' (factory). same identifier: decisive (inn 7718852163)"
    )
    with use_language("zh"):
        assert visible(explanation_reading(line)).startswith("拼写变体或译名：zavod = plant；")
    with use_language("ar"):
        assert "«завод» تعني «plant» (factory)" in visible(explanation_reading(line))



def test_facts_beside_the_name_and_why_a_name_alone_is_not_enough_read_in_arabic() -> None:
    from cordon.i18n import use_language
    from cordon.names.reading import explanation_reading

    line = ("legal_form_match=1.00 (jsc vs jsc); legal_form_mismatch=1.00 (llc vs ooo); "
            "country_mismatch=1.00 (cn vs ru,by); needs_support=1.00 (only a one-word alias "
            "matched ('SPACETY'); no identifier, country or birth date agrees, so the score is "
            "held below the alert threshold (at most 0.75))")
    with use_language("ar"):
        shown = visible(explanation_reading(line))
    assert "الشكل القانوني نفسه (JSC)" in shown  # the same form said once
    assert "(LLC مقابل OOO)" in shown
    assert "(الصين مقابل روسيا وبيلاروسيا)" in shown  # countries by name, the list in Arabic
    assert "لم يتطابق إلا اسم مستعار من كلمة واحدة («SPACETY»)" in shown
    assert "٠٫٧٥ على الأكثر" in shown
    assert not re.search(r"[a-z]{3,}", shown), shown  # no English word left

# -- real listings: Hong Kong / Wade-Giles surnames, Arabic-script persons vs Latin listings ----

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def latin_lists(shared_data: Path) -> Matcher:
    """OFAC SDN and the UN list indexed with their Latin-script names only, as most screening
    lists publish them (the UN list's original-script names are the queries below)."""
    sys.path.insert(0, str(BENCHMARKS))
    from eval_sets import latin_only

    from cordon.lists import ofac, un

    entities = [e.to_dict() for e in ofac.parse([shared_data / "ofac"], "us_ofac_sdn")]
    entities += [
        e.to_dict() for e in un.parse([shared_data / "un" / "consolidated.xml"], "un_sc_sanctions")
    ]
    return Matcher.from_entities([e for e in map(latin_only, entities) if e])


@pytest.mark.parametrize(
    ("query", "entity", "symbol"),
    [
        ("CHAN Ming Fu", "us_ofac_sdn-19250", "chan ≈ chen (chen)"),  # SDN: CHEN, Mingfu
        ("CHEUNG Ji Cheng", "us_ofac_sdn-16818", "cheung ≈ zhang (zhang)"),  # SDN: ZHANG, Jicheng
    ],
)
def test_hong_kong_surnames_meet_the_pinyin_listing(
    latin_lists: Matcher, query: str, entity: str, symbol: str
) -> None:
    best = _best(latin_lists, query, schema="Person")
    assert best.entity_id == entity and best.score >= 0.8, best.explanation
    assert symbol in _feature(best, "symbol_match")


def test_wade_giles_apostrophe_meets_the_pinyin_listing(latin_lists: Matcher) -> None:
    best = _best(latin_lists, "CH'EN Ming-fu", schema="Person")
    assert best.entity_id == "us_ofac_sdn-19250" and best.score >= 0.8, best.explanation


@pytest.mark.parametrize(
    ("query", "entities"),
    [
        # UN original-script names; the index holds only their Latin names
        ("عبد الرحمن ياسين", {"un_sc_sanctions-QDi.037", "us_ofac_sdn-6931"}),  # ABDUL RAHMAN YASIN
        (
            "مصعب مصطفى ابو القاسم عمر",
            {"un_sc_sanctions-LYi.024"},
        ),  # Mus’ab Mustafa Abu al Qassim Omar
        (
            "عبد التواب ملا حويش",
            {"un_sc_sanctions-IQi.019", "us_ofac_sdn-7861"},
        ),  # ABD-AL-TAWWAB MULLAH HUWAYSH
        ("فاضل محمود غريب", {"un_sc_sanctions-IQi.047", "us_ofac_sdn-7889"}),  # FADIL MAHMUD GHARIB
    ],
)
def test_arabic_script_listing_meets_its_latin_listing(
    latin_lists: Matcher, query: str, entities: set[str]
) -> None:
    best = _best(latin_lists, query, schema="Person")
    assert best.entity_id in entities and best.score >= 0.8, best.explanation


def test_mahmud_is_not_muhammad(latin_lists: Matcher) -> None:
    """محمود and MUHAMMAD share the skeleton mhmd; the long vowel tells them apart, so Mahmud
    Aziz does not alert on SDN 6856 (AZIZ, Mohammad)."""
    found = latin_lists.match(Query(("محمود عزيز",), schema="Person"), limit=5, threshold=0.8)
    assert "us_ofac_sdn-6856" not in {c.entity_id for c in found}


@pytest.mark.parametrize("query", ["CHEUNG Ming Fu", "WONG Ming Fu"])
def test_another_surname_with_the_same_given_name_stays_below_the_threshold(
    latin_lists: Matcher, query: str
) -> None:
    """ZHANG / WONG are not CHEN: a surname symbol aligns only its own romanizations."""
    assert latin_lists.match(Query((query,), schema="Person"), limit=3, threshold=0.8) == []
