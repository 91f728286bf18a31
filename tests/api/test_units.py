"""The API's pure helpers: upload naming, yente query conversion, algorithm names, triage writes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cordon.api.jobs import UploadRejected, display_name, store_upload, upload_suffix
from cordon.api.matching import QueryError, example_to_proxy, proxy_to_query, resolve_algorithm
from cordon.api.security import key_matches
from cordon.api.triage import record_decision
from cordon.screen.run_store import UnknownAlert
from cordon.store import connect


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("C:\\Users\\me\\Desktop\\exports 2023.xlsx", "exports 2023.xlsx"),
        ("bad\x00name\x1b.csv", "badname.csv"),
        ("", "upload"),
        (None, "upload"),
        ("....", "upload"),
    ],
)
def test_display_name_keeps_only_a_safe_last_part(raw: str | None, label: str) -> None:
    assert display_name(raw) == label


def test_upload_suffix() -> None:
    assert upload_suffix("Shipments.CSV") == ".csv"
    assert upload_suffix("../x.parquet") == ".parquet"
    for bad in ("run.sh", "archive.tar.gz", "noext", "csv"):
        with pytest.raises(UploadRejected) as err:
            upload_suffix(bad)
        assert err.value.status == 415


def test_store_upload_generated_name_and_limits(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    size = store_upload(io.BytesIO(b"a,b\n1,2\n"), uploads, "run1", ".csv", max_bytes=100)
    assert size == 8 and (uploads / "run1.csv").read_bytes() == b"a,b\n1,2\n"
    with pytest.raises(UploadRejected) as empty:
        store_upload(io.BytesIO(b""), uploads, "run2", ".csv", max_bytes=100)
    assert empty.value.status == 400 and not (uploads / "run2.csv").exists()
    with pytest.raises(UploadRejected) as big:
        store_upload(io.BytesIO(b"x" * 101), uploads, "run3", ".csv", max_bytes=100)
    assert big.value.status == 413 and not (uploads / "run3.csv").exists()


def test_yente_algorithm_names_map_to_cordon() -> None:
    for name in ("best", "logic-v2", "LOGIC-V1", " name-based ", "regression-v1", "cordon-v1"):
        assert resolve_algorithm(name) == "cordon-v1"
    with pytest.raises(ValueError, match="Invalid algorithm: magic"):
        resolve_algorithm("magic")


def test_query_entity_conversion() -> None:
    proxy = example_to_proxy(
        "Company",
        {
            "name": "АО «Концерн ВКО «Алмаз-Антей»",
            "jurisdiction": ["Russia"],
            "innCode": ["7731084175"],
            "registrationNumber": "1027739001993",
            "notAProperty": ["ignored"],
        },
    )
    query = proxy_to_query(proxy)
    assert query.names == ("АО «Концерн ВКО «Алмаз-Антей»",)
    assert query.schema == "Company"
    assert query.countries == ("ru",)
    assert set(query.identifiers) == {"7731084175", "1027739001993"}
    assert "notAProperty" not in proxy.properties


def test_person_name_parts_are_combined_like_yente() -> None:
    proxy = example_to_proxy(
        "Person", {"firstName": ["Ivan"], "lastName": ["Sidorov"], "birthDate": ["1961"]}
    )
    query = proxy_to_query(proxy)
    assert query.names and "Ivan Sidorov" in query.names
    assert query.birth_dates == ("1961",)
    assert proxy_to_query(example_to_proxy("Thing", {"name": ["x"]})).schema == "LegalEntity"


def test_unusable_schemas_are_refused() -> None:
    with pytest.raises(QueryError, match="Unknown schema"):
        example_to_proxy("Spaceship", {"name": ["x"]})
    with pytest.raises(QueryError, match="Non-matchable"):
        example_to_proxy("Payment", {"summary": ["x"]})


def test_key_comparison() -> None:
    assert key_matches("secret-key", "secret-key")
    assert not key_matches("secret-key", "secret-kez")
    assert not key_matches("secret-key", None)


def test_triage_writes_are_atomic(tmp_path: Path) -> None:
    conn = connect(tmp_path / "store.duckdb")
    conn.execute(
        "INSERT INTO alerts (alert_id, run_id, record_id, risk, reasons) "
        "VALUES ('r:1', 'r', '1', 0.9, '[]')"
    )
    with pytest.raises(UnknownAlert):
        record_decision(conn, "r:2", analyst="a", status="dismissed", note=None)
    with pytest.raises(ValueError, match="status must be one of"):
        record_decision(conn, "r:1", analyst="a", status="closed", note=None)
    record_decision(conn, "r:1", analyst=" Dana ", status="escalated", note="check")
    record_decision(conn, "r:1", analyst="Lee", status=None, note="called")
    rows = conn.execute(
        'SELECT analyst, status, note FROM alert_events ORDER BY "at", event_id'
    ).fetchall()
    assert rows == [("Dana", "escalated", "check"), ("Lee", None, "called")]
    assert conn.execute("SELECT status FROM alerts").fetchone() == ("escalated",)
    conn.close()
