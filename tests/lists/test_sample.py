"""The bundled sample list loads offline as cordon_sample, with real list ids and names."""

from __future__ import annotations

import json
from pathlib import Path

from cordon.lists.sample import load_sample, sample_path
from cordon.lists.sample_build import build_sample, to_lines
from cordon.store import connect


def test_sample_loads_as_cordon_sample(cordon_home: Path) -> None:
    conn = connect()
    result = load_sample(conn)
    assert result.dataset == "cordon_sample"
    assert 30 <= result.entity_count <= 80
    row = conn.execute(
        "SELECT e.source_id, e.schema, e.properties FROM entities e "
        "JOIN list_versions v USING (dataset, version) "
        "WHERE v.active AND e.id = 'us_ofac_sdn-18782'"
    ).fetchone()
    assert row is not None
    source_id, schema, properties = row
    assert schema == "Company"
    assert source_id == "18782"
    props = json.loads(properties)
    assert props["innCode"] == ["7718852163"]
    assert props["ogrnCode"] == ["1117746521452"]
    assert "Рособоронэкспорт" in props["alias"]


def test_sample_second_load_is_unchanged(cordon_home: Path) -> None:
    conn = connect()
    first = load_sample(conn)
    second = load_sample(conn)
    assert second.unchanged
    assert second.version == first.version
    assert conn.execute("SELECT count(*) FROM list_versions").fetchone() == (1,)


def test_sample_has_chinese_and_russian_names_and_story_programs() -> None:
    entities = [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines()]
    names = [n for e in entities for p in ("name", "alias") for n in e["properties"].get(p, [])]
    assert any("\u4e00" <= ch <= "\u9fff" for n in names for ch in n)  # Chinese
    assert any("\u0400" <= ch <= "\u04ff" for n in names for ch in n)  # Cyrillic
    countries = {c for e in entities for c in e["properties"].get("country", [])}
    assert {"ru", "cn", "hk"} <= countries
    assert len({e["id"] for e in entities}) == len(entities)


def test_sample_ofac_part_is_what_the_parser_makes_of_the_real_rows(shared_data: Path) -> None:
    committed = sample_path().read_text(encoding="utf-8").splitlines()
    assert committed == to_lines(build_sample(shared_data / "ofac"))


def test_sample_links_connect_sample_entities(cordon_home: Path) -> None:
    result = load_sample(connect())
    assert result.link_count >= 5
    entities = [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines()]
    ids = {e["id"] for e in entities}
    links = [e for e in entities if e["schema"] == "UnknownLink"]
    assert all({*e["properties"]["subject"], *e["properties"]["object"]} <= ids for e in links)


def test_stored_links_keep_their_underscore_ids(cordon_home: Path) -> None:
    conn = connect()
    load_sample(conn)
    rows = conn.execute(
        "SELECT properties FROM entities WHERE dataset = 'cordon_sample' AND schema = 'UnknownLink'"
    ).fetchall()
    assert rows, "the sample list's links were not stored"
    for (properties,) in rows:
        props = json.loads(properties)
        assert props.get("subject") and props.get("object"), props
        assert all("_" in ref for ref in props["subject"] + props["object"])
