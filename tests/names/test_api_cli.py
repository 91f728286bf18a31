"""`cordon match` and `cordon.match(...)` over the bundled sample list in an isolated store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cordon
from cordon.cli import app
from cordon.config import get_settings
from cordon.lists.sample import load_sample
from cordon.names.index_store import UnknownDatasetError
from cordon.names.matcher import Matcher
from cordon.store import connect


@pytest.fixture()
def sample_store(cordon_home: Path) -> Path:
    conn = connect()
    load_sample(conn)
    conn.close()
    return cordon_home


def test_cordon_match_returns_ranked_explained_candidates(sample_store: Path) -> None:
    found = cordon.match("JSC CONCERN ALMAZ ANTEY", limit=3)
    assert found[0].source_id == "16865" and found[0].dataset == "cordon_sample"
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert "name_token_overlap" in found[0].explanation


def test_cordon_match_with_identifier_and_unknown_dataset(sample_store: Path) -> None:
    top = cordon.match("Some Trading House", ids=["7718852163"], limit=1)[0]
    assert top.source_id == "18782" and top.score == 1.0
    with pytest.raises(UnknownDatasetError, match="us_ofac_sdn"):
        cordon.match("ROSOBORONEXPORT", datasets=["us_ofac_sdn"])
    with pytest.raises(ValueError, match="empty"):
        cordon.match("  ")


def test_index_is_persisted_per_list_version_and_reused(sample_store: Path) -> None:
    conn = connect()
    matcher = Matcher.for_store(conn)
    files = list(get_settings().index_dir.glob("names-*.index"))
    assert len(files) == 1
    assert matcher.versions == {
        "cordon_sample": conn.execute("SELECT version FROM list_versions WHERE active").fetchone()[
            0
        ]
    }
    assert Matcher.for_store(conn).index is matcher.index
    conn.close()


def test_cli_match_json_shape(sample_store: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "match",
            "АО «Концерн ВКО «Алмаз-Антей»",
            "--schema",
            "Company",
            "--country",
            "RU",
            "--limit",
            "2",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload) == 2
    first = payload[0]
    assert set(first) == {
        "entity_id",
        "list",
        "source_id",
        "schema",
        "caption",
        "matched_name",
        "query_name",
        "score",
        "explanation",
        "features",
    }
    assert first["source_id"] == "16865" and first["list"] == "cordon_sample"
    assert 0.0 <= first["score"] <= 1.0
    assert {"name", "value", "weight", "detail"} == set(first["features"][0])
    assert any(f["name"] == "country_match" for f in first["features"])


def test_cli_match_table_and_errors(sample_store: Path) -> None:
    result = CliRunner().invoke(app, ["match", "ROSOBORONEXPORT", "--id", "7718852163"])
    assert result.exit_code == 0 and "18782" in result.output
    missing = CliRunner().invoke(app, ["match", "X", "--dataset", "nope"])
    assert missing.exit_code == 2 and "nope" in missing.output
