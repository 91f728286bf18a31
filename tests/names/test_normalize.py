"""Each normalization rule: Unicode, quotes, punctuation, scripts, transliteration, keys."""

from __future__ import annotations

import pytest

from cordon.names.normalize import clean_text, kind_of_schema, normalize_name, strip_punctuation
from cordon.names.phonetic import consonant_key, skeleton
from cordon.names.translit import latinize_token, token_script


def test_clean_text_applies_nfkc_and_casefold() -> None:
    assert clean_text("ＡＬＭＡＺ　Straße") == "almaz strasse"


@pytest.mark.parametrize("quoted", ["«Алмаз»", "“Алмаз”", "„Алмаз“", "'Алмаз'", '"Алмаз"'])
def test_clean_text_turns_every_quote_into_space(quoted: str) -> None:
    assert clean_text(quoted) == "алмаз"


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [
        ("MUS'AB", "musab"),  # UN LYi.024 writes Mus’ab, OFAC MUSAB
        ("Mus’ab Mustafa", "musab mustafa"),
        ("CHʼEN Ming-fu", "chen ming-fu"),  # Wade-Giles Ch'en (陈): CHEN as pinyin lists write it
        ("O`BRIEN", "obrien"),
        ("O´Brien", "obrien"),
    ],
)
def test_an_apostrophe_between_two_letters_joins_them(written: str, cleaned: str) -> None:
    assert clean_text(written) == cleaned


def test_an_apostrophe_beside_a_space_or_a_digit_stays_a_quote() -> None:
    assert clean_text("ROCK 'N' ROLL") == "rock n roll"
    assert clean_text("SUE RC 'FEODOSIA OPTICAL PLANT'") == "sue rc feodosia optical plant"
    assert clean_text("PLANT'5") == "plant 5"


def test_a_joined_apostrophe_word_meets_the_list_spelling() -> None:
    assert (
        normalize_name("Mus’ab Mustafa", "person").keys
        == normalize_name("MUSAB MUSTAFA", "person").keys
    )


def test_strip_punctuation_splits_hyphens_and_dots() -> None:
    assert strip_punctuation("almaz-antey, a.a. (raspletin)") == "almaz antey a a raspletin"


@pytest.mark.parametrize(
    ("token", "script"),
    [
        ("almaz", "Latin"),
        ("алмаз", "Cyrillic"),
        ("华为", "Han"),
        ("محمد", "Arabic"),
        ("Χρήστος", "Greek"),
        ("123", "Common"),
    ],
)
def test_token_script(token: str, script: str) -> None:
    assert token_script(token) == script


def test_cyrillic_uses_bgn_pcgn_and_drops_soft_signs() -> None:
    assert latinize_token("ельцин") == ("yeltsin",)
    assert latinize_token("рособоронэкспорт") == ("rosoboroneksport",)


def test_chinese_company_names_are_segmented_into_pinyin_words_with_symbols() -> None:
    name = normalize_name("深圳市华为技术有限公司")
    assert name.words == ("shenzhen", "huawei", "jishu")  # 市 (city) dropped
    assert name.sources == ("深圳", "华为", "技术")
    assert "DOMAIN:TECH" in name.symbols[2] and "LOC:cn-gd-sz" in name.symbols[0]
    assert name.legal_forms == frozenset({"llc"})
    assert name.transliteration == "pinyin"


def test_catic_is_segmented_by_longest_match() -> None:
    name = normalize_name("中国航空技术进出口总公司")
    assert name.sources == ("中国", "航空", "技术", "进出口", "总公司")
    assert [sorted(s) for s in name.symbols] == [
        ["LOC:cn"],
        ["DOMAIN:AVIATION"],
        ["DOMAIN:TECH"],
        ["SYMBOL:TRADE"],
        ["SYMBOL:CORP", "SYMBOL:GENERAL", "SYMBOL:NATL"],  # 总公司: NATIONAL … CORPORATION
    ]


def test_persian_yeh_kaf_and_zwnj_are_folded() -> None:
    persian = normalize_name("محمد\u200cرضا کاظمی", "person")
    arabic = normalize_name("محمد رضا كاظمي", "person")
    assert persian.words == arabic.words and len(persian.words) == 3
    assert persian.sources == arabic.sources


def test_greek_uses_ungegn() -> None:
    assert normalize_name("Χρήστος Παπαδόπουλος", "person").words == ("christos", "papadopoulos")


def test_arabic_is_marked_abjad_and_compared_by_consonants() -> None:
    name = normalize_name("محمد حسين", "person")
    assert name.abjad and name.scripts == ("Arabic",)
    assert consonant_key(name.words[0]) == consonant_key("muhammad")
    assert consonant_key(name.words[1]) == consonant_key("hussein")


@pytest.mark.parametrize(
    "spellings",
    [
        ("kontsern", "concern"),
        ("yuriy", "iurii", "jurij", "yury"),
        ("aleksandr", "alexandr"),
        ("khimprom", "himprom"),
        ("antey", "antei", "antej"),
        ("alekseyev", "alekseev"),
        ("shchukin", "schukin"),
        ("technologies", "technology"),
    ],
)
def test_romanization_variants_share_a_skeleton(spellings: tuple[str, ...]) -> None:
    assert len({skeleton(s) for s in spellings}) == 1


def test_skeleton_keeps_different_names_apart() -> None:
    assert skeleton("almaz") != skeleton("antey")
    assert skeleton("2021") == "2021"


def test_organization_name_loses_legal_form_but_keeps_its_type() -> None:
    name = normalize_name("АО «Концерн ВКО «Алмаз-Антей»")
    assert name.words == ("kontsern", "vko", "almaz", "antey")
    assert name.legal_forms == frozenset({"jsc"})
    assert name.scripts == ("Cyrillic",) and name.transliteration == "BGN/PCGN"


def test_person_name_loses_titles_not_legal_forms() -> None:
    assert normalize_name("Mr. John SMITH", "person").words == ("john", "smith")
    assert normalize_name("Mr. John SMITH", "person").legal_forms == frozenset()


def test_bare_legal_form_is_kept_as_the_name() -> None:
    assert normalize_name("ООО").words == ("ooo",)


def test_kind_of_schema() -> None:
    assert kind_of_schema("Person") == "person"
    assert kind_of_schema("Vessel") == "thing"
    assert kind_of_schema("Company") == "organization"
