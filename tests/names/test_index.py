"""The candidate index: what is indexed, typo neighbourhoods, glued words, persistence."""

from __future__ import annotations

import gc
from pathlib import Path

import numpy as np

from cordon.names.index import CandidateRequest, DerivedTables, NameIndex, listed_entity
from cordon.names.index_store import versions_digest
from cordon.names.normalize import normalize_name

PROPS = {
    "name": ["JOINT-STOCK COMPANY CONCERN ALMAZ-ANTEY"],
    "alias": ["ALMAZ-ANTEY CORP"],
    "weakAlias": ["ALMAZ"],
    "innCode": ["7731084175"],
}


def _index() -> NameIndex:
    entities = [
        (listed_entity("t", "t-1", "1", "Company", "ALMAZ-ANTEY", PROPS), PROPS),
        (listed_entity("t", "t-2", "2", "UnknownLink", "link", {}), {}),
    ]
    return NameIndex.build(entities, {"t": "v1"})


def test_every_name_and_alias_of_matchable_entities_is_indexed() -> None:
    index = _index()
    assert [e.entity_id for e in index.entities] == ["t-1"]
    assert {n.name.original for n in index.names} == {*PROPS["name"], *PROPS["alias"], "ALMAZ"}
    assert [n.weak for n in index.names if n.name.original == "ALMAZ"] == [True]
    assert "almazantei" in index.postings  # the hyphenated pair, glued
    assert index.entities_with_identifier("7731084175") == [0]


def test_key_matches_exact_one_edit_and_word_level() -> None:
    index = _index()
    assert index.key_matches("almaz") == [("almaz", 1.0)]
    assert [k for k, _ in index.key_matches("almzz")] == ["almaz"]
    assert [k for k, _ in index.key_matches("xxx", word="anety")] == ["antei"]
    assert index.key_matches("zzzzzz") == []


def test_candidates_are_bounded_and_ranked() -> None:
    index = _index()
    keys, found = index.candidates(normalize_name("ALMAZ ANTEY"), limit=5, gate=0.0)
    assert found and all(0 < q <= 1 and 0 < listed <= 1 for q, listed, _ in found)
    best = index.names[found[0][2]].name.original
    assert best in {"ALMAZ-ANTEY CORP", "JOINT-STOCK COMPANY CONCERN ALMAZ-ANTEY"}
    assert keys.total > 0


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    index = _index()
    path = tmp_path / "names.index"
    index.save(path)
    loaded = NameIndex.load(path)
    assert loaded is not None and loaded.postings == index.postings
    assert loaded.versions == {"t": "v1"}
    assert loaded.entities == index.entities and loaded.names == index.names
    assert any(symbols for n in loaded.names for symbols in n.name.symbols)  # kept per word
    assert loaded.symbol_keys == index.symbol_keys
    derived = DerivedTables.derive(loaded.names, loaded.postings, loaded.common_df)
    assert loaded.tables.meta() == derived.meta()  # read back, equal to what they derive from
    for name, array in derived.arrays().items():
        assert np.array_equal(loaded.tables.arrays()[name], array), name
    assert gc.isenabled()  # the collector paused during the load is running again
    query = normalize_name("ALMAZ ANTEY")
    assert loaded.candidates(query, 5, 0.0)[1] == index.candidates(query, 5, 0.0)[1]
    assert [p.name for p in tmp_path.iterdir()] == ["names.index"]  # no temporary left


def test_load_refuses_missing_or_foreign_files(tmp_path: Path) -> None:
    assert NameIndex.load(tmp_path / "absent.index") is None
    foreign = tmp_path / "old.index"
    foreign.write_bytes(b"not an index at all")
    assert NameIndex.load(foreign) is None


def test_index_key_depends_on_every_list_version() -> None:
    assert versions_digest({"a": "1", "b": "2"}) == versions_digest({"b": "2", "a": "1"})
    assert versions_digest({"a": "1"}) != versions_digest({"a": "2"})


def test_rank_of_a_batch_equals_one_request_at_a_time() -> None:
    people = {"name": ["Ivan Petrovich SIDOROV"], "alias": ["SIDOROV Ivan"]}
    index = NameIndex.build(
        [
            (listed_entity("t", "t-1", "1", "Company", "ALMAZ-ANTEY", PROPS), PROPS),
            (listed_entity("t", "t-3", "3", "Person", "SIDOROV", people), people),
        ],
        {"t": "v1"},
    )
    requests = [
        CandidateRequest(index.query_keys(normalize_name(text), False), limit, 0.0, schemata)
        for text, limit, schemata in [
            ("ALMAZ ANTEY", 5, None),
            ("ALMAZANTEY CONCERN", 1, None),  # glued pair, one candidate asked
            ("IVAN SIDOROV", 5, frozenset({"Company"})),  # the person is filtered out
            ("ZZZZZZ", 5, None),  # nothing reached
            ("SIDOROV", 5, frozenset({"Person"})),
        ]
    ]
    batch = index.rank(requests)
    assert batch == [index.rank([request])[0] for request in requests]
    assert batch[0] and len(batch[1]) == 1 and batch[2] == [] and batch[3] == []
    assert {index.names[p].name.original for _, _, p in batch[4]} == set(
        people["name"] + people["alias"]
    )
