"""The matching evaluation sets (benchmarks/eval_sets.py) built from the real list files.

Checks their integrity, not the matcher: dev and test never share an entity, the counts are the
ones docs/evaluation.md reports, the hand-written tables say only what the lists say, negatives
are not listed names, and the index the cross-script queries run against has no non-Latin name.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import eval_sets  # noqa: E402

# docs/evaluation.md reports these; a change to the data files or the builder must update both
EXPECTED_COUNTS = {
    ("cross_script", "positive", "dev"): 372,
    ("cross_script", "positive", "test"): 393,
    ("cross_script", "negative", "dev"): 2624,
    ("cross_script", "negative", "test"): 2500,
    ("persons", "positive", "dev"): 1511,
    ("persons", "positive", "test"): 1489,
    ("persons", "negative", "dev"): 2230,
    ("persons", "negative", "test"): 2082,
}


@pytest.fixture(scope="module")
def sets(shared_data: Path) -> eval_sets.EvalSets:
    return eval_sets.build(shared_data)


def test_counts_are_the_documented_ones(sets: eval_sets.EvalSets) -> None:
    found = {}
    for suite in ("cross_script", "persons"):
        for split in eval_sets.SPLITS:
            cases = sets.suite(suite, split)
            found[(suite, "positive", split)] = sum(bool(c.expected) for c in cases)
            found[(suite, "negative", split)] = sum(not c.expected for c in cases)
    assert found == EXPECTED_COUNTS


def test_dev_and_test_share_no_entity(sets: eval_sets.EvalSets) -> None:
    for suite in ("cross_script", "persons"):
        dev = {e for c in sets.suite(suite, "dev") for e in c.expected}
        test = {e for c in sets.suite(suite, "test") for e in c.expected}
        assert dev and test
        assert not dev & test, f"{suite}: entities on both sides: {sorted(dev & test)[:5]}"
        dev_names = {c.name for c in sets.suite(suite, "dev") if not c.expected}
        test_names = {c.name for c in sets.suite(suite, "test") if not c.expected}
        assert not dev_names & test_names


def test_every_script_and_kind_is_on_both_sides(sets: eval_sets.EvalSets) -> None:
    table = eval_sets.counts(sets.suite("cross_script"))
    for kind in ("xs-person-arabic", "xs-org-cyrillic", "xs-org-greek", "tr-ru", "tr-zh"):
        assert table[kind]["dev"] >= 10 and table[kind]["test"] >= 10, (kind, table[kind])
    for kind in eval_sets.NEGATIVES_PER_KIND:
        assert min(table[kind].values()) >= 20, (kind, table[kind])


def test_the_issues_examples_are_in_the_translated_set(sets: eval_sets.EvalSets) -> None:
    by_name = {c.name: c for c in sets.suite("cross_script")}
    feodosia = by_name["ГУП РК «Феодосийский оптический завод»"]
    assert feodosia.expected == ("us_ofac_sdn-20202",)
    assert feodosia.listed_name == "SUE RC 'FEODOSIA OPTICAL PLANT'"
    assert by_name["中国航空工业集团有限公司"].expected == ("us_ofac_cons-30925",)


def test_split_is_deterministic_and_groups_one_party_on_several_lists(
    sets: eval_sets.EvalSets,
) -> None:
    assert eval_sets.split_of("un_sc_sanctions-IQi.001") == "test"
    assert eval_sets.split_of("us_ofac_sdn-20202") == "dev"
    assert {eval_sets.split_of(f"k{i}") for i in range(20)} == set(eval_sets.SPLITS)
    # Saddam Hussein on the UN list, the EU file and the SDN: one party, every id expected
    saddam = [c for c in sets.suite("cross_script") if c.name == "صدام حسين التكريتي"]
    assert saddam
    assert saddam[0].expected == ("eu_fsf-13", "un_sc_sanctions-IQi.001", "us_ofac_sdn-7843")
    assert saddam[0].split == eval_sets.split_of("eu_fsf-13")  # the group's smallest id


def test_curated_rows_name_real_list_entries(shared_data: Path) -> None:
    lists = eval_sets.load_lists(shared_data)
    rows = eval_sets.translated_rows()
    assert len(rows) == 104
    assert all(r.source.startswith(("http://", "https://")) for r in rows)
    assert len(eval_sets.translated_cases(lists, rows)) == len(rows)
    wrong = replace(rows[0], listed_name="BANK ROSSIYA OJSC")
    with pytest.raises(ValueError, match=r"BANK ROSSIYA OJSC.*us_ofac_sdn-16681"):
        eval_sets.translated_cases(lists, [wrong])
    unknown = replace(rows[0], list_id="999999")
    with pytest.raises(ValueError, match="us_ofac_sdn-999999"):
        eval_sets.translated_cases(lists, [unknown])


def test_negatives_are_not_listed_names(sets: eval_sets.EvalSets, shared_data: Path) -> None:
    lists = eval_sets.load_lists(shared_data)
    listed = {
        eval_sets.sound_set(n) for es in lists.values() for d in es for n in eval_sets.names_of(d)
    }
    negatives = [c for c in sets.suite("cross_script") + sets.suite("persons") if not c.expected]
    assert len(negatives) > 8000
    assert not [c for c in negatives if eval_sets.is_namesake(c.name, listed, c.schema == "Person")]
    # a whole listed name in another script is a namesake; a part of one is a hard negative
    assert eval_sets.is_namesake("Лебедев Дмитрий Алексеевич", listed, person=True)
    assert eval_sets.is_namesake("Dmitri Alekseevich Lebedev Junior", listed, person=True)
    assert not eval_sets.is_namesake("Зайцев Алексей", listed, person=True)
    names = {c.name for c in negatives}
    assert "Зайцев Алексей" in names or "Алексей Зайцев" in names


def test_cross_script_index_is_latin_only(sets: eval_sets.EvalSets) -> None:
    names = [n for d in sets.latin_index for n in eval_sets.names_of(d)]
    assert len(names) > 30_000
    assert all(eval_sets.is_latin(n) for n in names)
    indexed = {d["id"] for d in sets.latin_index}
    for case in sets.suite("cross_script"):
        assert not case.expected or indexed & set(case.expected), case
        assert case.expected or case.kind.startswith("neg-")
