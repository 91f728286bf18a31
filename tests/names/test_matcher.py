"""Matcher behaviour on a small hand-made list: cross-script, order, typos, ids, common words."""

from __future__ import annotations

from typing import Any

import pytest

from cordon.names.matcher import Matcher
from cordon.names.model import Query
from cordon.names.normalize import normalize_name
from cordon.names.phonetic import abjad_key, consonant_key, long_vowels_agree
from cordon.names.score import compare_names
from cordon.settings import DEFAULT_THRESHOLD


def _entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    return {
        "id": f"test-{entity_id}",
        "schema": schema,
        "datasets": ["test"],
        "properties": {k: v if isinstance(v, list) else [v] for k, v in props.items()},
    }


ENTITIES = [
    _entity("1", "Company", name="JOINT-STOCK COMPANY CONCERN ALMAZ-ANTEY", country="ru"),
    _entity("2", "Company", name="ROSOBORONEKSPORT OAO", innCode="7718852163", country="ru"),
    _entity("3", "Company", name="SHENZHEN HUAWEI TECHNOLOGY CO., LTD.", country="cn"),
    _entity("4", "Person", name="Ivan Ivanovich PETROV", birthDate="1965-03-02", country="ru"),
    _entity("5", "Company", name="ALFA TECHNOLOGIES LLC"),
    _entity("6", "Vessel", name="OCEAN STAR", imoNumber="9321483"),
    _entity("7", "Person", name="Muhammad HUSSEIN"),
    _entity("8", "Company", name="RADIOTEKHNIKA LLC", alias="РАДИОТЕХНИКА"),
    _entity("9", "UnknownLink", subject="test-1", object="test-2"),
    _entity("10", "Company", name="SEABRASS LIMITED"),
    _entity("11", "Vessel", name="AMINA"),
    _entity("12", "Company", name="AMINA TRADING"),
    *[
        _entity(f"t{i}", "Company", name=f"{word} TECHNOLOGIES TRADING")
        for i, word in enumerate(
            [
                "NOVA",
                "ZETA",
                "KAPPA",
                "OMEGA",
                "SIGMA",
                "DELTA",
                "GAMMA",
                "THETA",
                "ORION",
                "VEGA",
                "LYRA",
                "DRACO",
                "ALTAIR",
                "RIGEL",
                "DENEB",
                "ATLAS",
                "TITAN",
                "APEX",
                "NEXUS",
                "PRISM",
                "QUASAR",
                "ZENITH",
                "ECHO",
                "AXIS",
            ]
        )
    ],
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.from_entities(ENTITIES, dataset="test")


def _top(matcher: Matcher, name: str, **query: Any) -> tuple[str | None, float]:
    found = matcher.match(Query((name,), **query), limit=3)
    return (found[0].entity_id, found[0].score) if found else (None, 0.0)


def test_only_matchable_schemata_are_indexed(matcher: Matcher) -> None:
    assert all(e.schema != "UnknownLink" for e in matcher.index.entities)
    assert len(matcher.index.entities) == len(ENTITIES) - 1


@pytest.mark.parametrize(
    "query",
    [
        "АО «Концерн ВКО «Алмаз-Антей»",
        "JSC CONCERN ALMAZ ANTEY",
        "Концерн Алмаз-Антей",
        "ALMAZANTEY CONCERN JSC",
        "KONTSERN ALMAZ-ANTEI",
    ],
)
def test_cross_script_and_romanization_variants_find_almaz_antey(
    matcher: Matcher, query: str
) -> None:
    entity, score = _top(matcher, query)
    assert entity == "test-1" and score >= DEFAULT_THRESHOLD


def test_cyrillic_and_informal_spelling_find_rosoboronexport(matcher: Matcher) -> None:
    assert _top(matcher, "ОАО «Рособоронэкспорт»")[0] == "test-2"
    assert _top(matcher, "ROSOBORONEXPORT JSC")[1] >= DEFAULT_THRESHOLD


def test_chinese_name_finds_romanized_listing(matcher: Matcher) -> None:
    entity, score = _top(matcher, "深圳市华为技术有限公司")
    assert entity == "test-3" and score >= DEFAULT_THRESHOLD


def test_one_character_typo(matcher: Matcher) -> None:
    entity, score = _top(matcher, "ROSOBORONEKSPOTR")
    assert entity == "test-2" and score >= DEFAULT_THRESHOLD


def test_person_token_order_initials_and_missing_patronymic(matcher: Matcher) -> None:
    for name in ("PETROV Ivan", "Petrov Ivan Ivanovich", "I. I. Petrov", "Иван Иванович Петров"):
        entity, score = _top(matcher, name, schema="Person")
        assert entity == "test-4" and score >= DEFAULT_THRESHOLD, name


def test_arabic_script_person(matcher: Matcher) -> None:
    entity, score = _top(matcher, "محمد حسين", schema="Person")
    assert entity == "test-7" and score >= DEFAULT_THRESHOLD


def test_person_query_never_matches_a_company(matcher: Matcher) -> None:
    found = matcher.match(Query(("ROSOBORONEKSPORT",), schema="Person"))
    assert all(c.schema == "Person" for c in found)


def test_birth_date_supports_and_contradicts(matcher: Matcher) -> None:
    same = _top(matcher, "Ivan Petrov", schema="Person", birth_dates=("1965",))[1]
    other = _top(matcher, "Ivan Petrov", schema="Person", birth_dates=("1980-01-01",))[1]
    plain = _top(matcher, "Ivan Petrov", schema="Person")[1]
    assert same > plain > other


def test_country_supports_and_contradicts(matcher: Matcher) -> None:
    ru = _top(matcher, "ROSOBORONEKSPORT", countries=("RU",))[1]
    cn = _top(matcher, "ROSOBORONEKSPORT", countries=("CN",))[1]
    assert ru > cn


def test_identifier_confirms_even_a_different_name(matcher: Matcher) -> None:
    found = matcher.match(Query(("Russian Defense Export",), identifiers=("INN 7718852163",)))
    assert found[0].entity_id == "test-2" and found[0].score == 1.0
    assert any(f.name == "identifier_match" and "7718852163" in f.detail for f in found[0].features)


def test_vessel_found_by_imo(matcher: Matcher) -> None:
    found = matcher.match(Query(("MV SEA PEARL",), schema="Vessel", identifiers=("IMO 9321483",)))
    assert found[0].entity_id == "test-6" and found[0].score == 1.0


def test_conflicting_identifier_vetoes(matcher: Matcher) -> None:
    found = matcher.match(Query(("ROSOBORONEKSPORT OAO",), identifiers=("7707083893",)))
    assert found[0].entity_id == "test-2" and found[0].score < DEFAULT_THRESHOLD
    assert any(f.name == "identifier_veto" for f in found[0].features)


def test_legal_form_mismatch_lowers_the_score(matcher: Matcher) -> None:
    assert _top(matcher, "ROSOBORONEKSPORT JSC")[1] > _top(matcher, "ROSOBORONEKSPORT LLC")[1]


def test_shared_common_words_do_not_alert(matcher: Matcher) -> None:
    for name in ("BETA TECHNOLOGIES LLC", "PRIMUS TECHNOLOGIES TRADING", "RADIO TECHNOLOGIES"):
        found = matcher.match(Query((name,)), threshold=DEFAULT_THRESHOLD)
        assert found == [], name


def test_common_words_only_is_explained(matcher: Matcher) -> None:
    found = matcher.match(Query(("TECHNOLOGIES TRADING",)), limit=1)
    assert found and any(f.name == "common_words_only" for f in found[0].features)
    assert found[0].score < DEFAULT_THRESHOLD


def test_explanations_name_tokens_and_transliteration(matcher: Matcher) -> None:
    top = matcher.match(Query(("АО «Концерн ВКО «Алмаз-Антей»",)), limit=1)[0]
    names = {f.name for f in top.features}
    assert {
        "name_token_overlap",
        "listed_token_overlap",
        "name_char_similarity",
        "transliteration",
    } <= names
    assert "kontsern~concern" in top.explanation and "BGN/PCGN" in top.explanation
    assert (
        "legal_form_match" in names
        and top.matched_name == "JOINT-STOCK COMPANY CONCERN ALMAZ-ANTEY"
    )


def test_match_many_keeps_order_deduplicates_and_applies_threshold(matcher: Matcher) -> None:
    queries = [
        Query(("ROSOBORONEKSPORT",)),
        Query(("UNRELATED BAKERY",)),
        Query(("ROSOBORONEKSPORT",)),
    ]
    results = matcher.match_many(queries)
    assert [len(r) for r in results] == [1, 0, 1]
    assert results[0][0].entity_id == "test-2" and results[0] == results[2]
    assert all(c.score >= DEFAULT_THRESHOLD for r in results for c in r)


def test_match_many_in_worker_processes_agrees(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cordon.names.matcher.PARALLEL_MIN_QUERIES", 2)
    queries = [
        Query(("ROSOBORONEKSPORT",)),
        Query(("JSC CONCERN ALMAZ ANTEY",)),
        Query(("NOBODY",)),
    ]
    assert matcher.match_many(queries, processes=2) == matcher.match_many(queries, processes=1)


def test_empty_and_punctuation_names_give_no_candidates(matcher: Matcher) -> None:
    assert matcher.match(Query(("",))) == []
    assert matcher.match(Query(("«» - .",))) == []


def test_typo_in_a_legal_form_word_is_still_a_legal_form(matcher: Matcher) -> None:
    entity, score = _top(matcher, "SEABRASS LMIITED")
    assert entity == "test-10" and score >= DEFAULT_THRESHOLD


def test_transposed_letters_of_a_short_single_word_name(matcher: Matcher) -> None:
    entity, score = _top(matcher, "MAINA", schema="Vessel")
    assert entity == "test-11" and score >= DEFAULT_THRESHOLD


def test_a_vessel_query_only_meets_vessels(matcher: Matcher) -> None:
    assert {c.schema for c in matcher.match(Query(("AMINA",), schema="Vessel"))} == {"Vessel"}


def test_mixed_chinese_and_latin_name(matcher: Matcher) -> None:
    entity, score = _top(matcher, "深圳市 HUAWEI 科技有限公司")
    assert entity == "test-3" and score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("محمود", "MAHMUD"),  # و after the first letter is a long vowel: mhmwd -> mhmd
        ("محمود", "MAHMOOD"),
        ("عبيد", "UBAID"),  # ي likewise: byd -> bd
        ("فاطمة", "FATIMA"),  # final ة silent
        ("فاطمه", "FATIMA"),  # final ه silent
        ("يوسف", "YUSUF"),
        ("موسى", "MUSA"),
    ],
)
def test_abjad_key_reads_waw_and_yeh_as_long_vowels(arabic: str, latin: str) -> None:
    (word,) = normalize_name(arabic, "person").words
    assert abjad_key(word) == abjad_key(latin.lower())


def test_abjad_key_keeps_consonants_that_are_consonants() -> None:
    assert abjad_key("wlyd") == abjad_key("walid") == "vld"  # a first و is the consonant w
    assert consonant_key("mhmwd") != consonant_key("mahmud")  # what the plain key missed
    assert abjad_key("mhmwd") != abjad_key("hamid")
    assert abjad_key("ftmh") != abjad_key("fahmi")  # only a final h is silent


def test_a_long_vowel_must_be_a_vowel_of_its_kind_in_the_other_word() -> None:
    assert abjad_key("mhmwd") == abjad_key("muhammad")  # the skeleton alone cannot tell
    assert long_vowels_agree("mhmwd", "mahmud") and long_vowels_agree("mhmwd", "mahmood")
    assert not long_vowels_agree("mhmwd", "muhammad")  # محمود: و between the last m and d
    assert long_vowels_agree("hsyn", "hussein") and not long_vowels_agree("hsyn", "hasan")
    assert long_vowels_agree("khdwr", "khaddour")  # digraphs and doubled letters are one


@pytest.mark.parametrize(
    "listed", ["ABDULRAHMAN YASIN", "ABDUL RAHMAN YASIN", "ABD AL-RAHMAN YASIN"]
)
def test_arabic_words_glue_on_their_consonants(listed: str) -> None:
    query = normalize_name("عبد الرحمن ياسين", "person")  # bd al rhmn yasyn
    found = normalize_name(listed, "person")
    comparison = compare_names(query, [1.0] * len(query.words), found, [1.0] * len(found.words),
                               person=True)  # fmt: skip
    assert not comparison.unmatched_query and not comparison.unmatched_listed, comparison.pairs
    assert comparison.score >= DEFAULT_THRESHOLD
