"""Every report table checked against figures computed by hand from tests/fixtures/analytics."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from cordon.analytics import flows
from cordon.analytics.errors import UnknownRunError
from tests.analytics.fixture_run import RUN_ID

approx = pytest.approx


def rows(table_name: str, conn: duckdb.DuckDBPyConnection) -> list[dict]:
    return flows.TABLES[table_name](conn, RUN_ID).to_pylist()


def test_headline_counts_and_usd_totals(fixture_store: duckdb.DuckDBPyConnection) -> None:
    [row] = rows("headline", fixture_store)
    assert (row["input_rows"], row["records"], row["rejected"]) == (14, 12, 2)
    assert (row["alerts"], row["alerted_records"], row["chpl_records"]) == (7, 7, 6)
    # 1412 + 5000 + 2824 + 3000 + 1082 + 2000 + 1460 + 139 + 988.4 + 54 + 2556 (r8 in XYZ: no rate)
    assert row["value_usd"] == approx(20515.4)
    assert row["chpl_value_usd"] == approx(1412 + 5000 + 2824 + 3000 + 2000 + 139)
    assert (row["records_without_usd"], row["records_without_date"]) == (1, 1)
    assert (row["first_month"], row["last_month"]) == (date(2022, 6, 1), date(2024, 3, 1))


def test_chpl_by_tier(fixture_store: duckdb.DuckDBPyConnection) -> None:
    got = [(r["tier"], r["records"], round(r["value_usd"], 6), r["alerted_records"])
           for r in rows("chpl_by_tier", fixture_store)]
    assert got == [("1", 4, 9963.0, 4), ("2", 1, 1412.0, 1), ("3.B", 1, 3000.0, 1)]


def test_chpl_by_tier_month_keeps_undated_records_last(
    fixture_store: duckdb.DuckDBPyConnection,
) -> None:
    got = [(r["month"], r["tier"], r["records"], round(r["value_usd"], 6))
           for r in rows("chpl_by_tier_month", fixture_store)]
    assert got == [
        (date(2023, 1, 1), "1", 1, 5000.0),
        (date(2023, 1, 1), "2", 1, 1412.0),
        (date(2023, 2, 1), "1", 1, 2824.0),
        (date(2023, 2, 1), "3.B", 1, 3000.0),
        (date(2024, 3, 1), "1", 1, 2000.0),
        (None, "1", 1, 139.0),
    ]


def test_routes_ranked_by_chpl_value_with_hubs_marked(
    fixture_store: duckdb.DuckDBPyConnection,
) -> None:
    got = [
        (r["origin"], r["dispatch"], r["destination"], r["records"], round(r["value_usd"], 6),
         r["chpl_records"], round(r["chpl_value_usd"], 6), r["alerted_records"], r["via_hub"],
         r["restricted_destination"])
        for r in rows("routes", fixture_store)
    ]
    assert got == [
        ("CN", "CN", "RU", 7, 8417.4, 4, 7375.0, 5, False, True),
        ("CN", "HK", "RU", 1, 5000.0, 1, 5000.0, 1, True, True),
        ("DE", "KZ", "RU", 1, 2000.0, 1, 2000.0, 1, True, True),
        ("DE", "DE", "KZ", 2, 3638.0, 0, 0.0, 0, False, False),
        ("RU", "RU", "BY", 1, 1460.0, 0, 0.0, 0, False, True),
    ]


def test_routes_limit(fixture_store: duckdb.DuckDBPyConnection) -> None:
    assert flows.routes(fixture_store, RUN_ID, limit=2).num_rows == 2


def test_currency_share_by_month(fixture_store: duckdb.DuckDBPyConnection) -> None:
    table = rows("currency_share", fixture_store)
    by_key = {(r["month"], r["currency_group"]): r for r in table}
    assert len(table) == 5 * 5  # 4 months + undated, zero-filled for each currency group
    jan = {group: by_key[(date(2023, 1, 1), group)] for group in flows.CURRENCY_GROUPS}
    assert jan["CNY"]["records"] == 2 and jan["CNY"]["value_usd"] == approx(1412 + 988.4)
    assert jan["CNY"]["value_share"] == approx(2400.4 / 7400.4)
    assert jan["CNY"]["record_share"] == approx(2 / 3)
    assert jan["USD"]["value_share"] == approx(5000 / 7400.4)
    assert jan["EUR"]["records"] == 0 and jan["EUR"]["value_share"] == 0
    march = {group: by_key[(date(2024, 3, 1), group)] for group in flows.CURRENCY_GROUPS}
    # r8 (XYZ, no USD value) and r12 (GBP) are "other"; r8 counts in records only
    assert march["other"]["records"] == 2 and march["other"]["value_usd"] == approx(2556.0)
    assert march["other"]["value_share"] == approx(2556 / (1082 + 2000 + 54 + 2556))
    assert march["RUB"]["value_usd"] == approx(54.0)
    assert by_key[(date(2022, 6, 1), "RUB")]["value_share"] == 1.0
    assert by_key[(None, "CNY")]["value_usd"] == approx(139.0)
    for month in {r["month"] for r in table}:
        shares = [r["value_share"] for r in table if r["month"] == month]
        assert sum(shares) == approx(1.0)


def test_top_exporters_with_screening_status(fixture_store: duckdb.DuckDBPyConnection) -> None:
    got = [(r["name"], r["country"], r["chpl_records"], round(r["chpl_value_usd"], 6),
            r["alerted_records"], r["status"], r["matched_entity"])
           for r in rows("top_exporters", fixture_store)]
    assert got == [
        ("Harbin Avionics", "CN", 2, 6412.0, 2, "clear", None),
        ("Shenzhen Parts", "CN", 3, 5963.0, 3, "near miss", None),  # RF-10 in r3 names it
        ("Astana Import", "KZ", 1, 2000.0, 1, "listed match", "cordon_sample-astana"),
    ]


def test_top_importers_name_the_listed_entity(fixture_store: duckdb.DuckDBPyConnection) -> None:
    got = [(r["name"], r["chpl_records"], round(r["chpl_value_usd"], 6), r["status"],
            r["best_score"], r["matched_caption"], r["matched_list"])
           for r in rows("top_importers", fixture_store)]
    assert got == [
        ("Ural Trade", 4, 7963.0, "near miss", 0.66, None, None),
        ("Rostec Avia", 2, 6412.0, "listed match", 0.95, "Rostec", "cordon_sample"),
    ]


def test_alert_network_edges(fixture_store: duckdb.DuckDBPyConnection) -> None:
    fixture_store.execute("UPDATE records SET importer_name = 'ROSTEK' WHERE record_id = 'r8'")
    table = rows("alert_network", fixture_store)
    got = [(r["exporter"], r["importer"], r["alerts"], round(r["value_usd"], 6), r["max_risk"],
            r["chpl_alerts"], r["exporter_listed"], r["importer_listed"]) for r in table]
    # flows of listed parties first; every node is the party as written, never the listed
    # entity's caption: "ROSTEK" (r8) stays apart from "Rostec Avia" although both match Rostec
    assert got == [
        ("Harbin Avionics", "Rostec Avia", 2, 6412.0, 0.95, 2, False, True),
        ("Astana Import", "Ural Trade", 1, 2000.0, 0.7, 1, True, False),
        ("Harbin Avionics", "ROSTEK", 1, 0.0, 0.95, 0, False, True),
        ("Shenzhen Parts", "Ural Trade", 3, 5963.0, 0.6, 3, False, False),
    ]
    assert [(r["exporter_match"], r["importer_match"]) for r in table] == [
        (None, "≈ Rostec (cordon_sample, 0.95)"),
        ("≈ cordon_sample-astana (?, 0.85)", None),
        (None, "≈ Rostec (cordon_sample, 0.95)"),
        (None, None),
    ]
    assert "Rostec" not in {r["importer"] for r in table} | {r["exporter"] for r in table}


def test_one_party_one_row_whatever_its_countries_and_spelling(
    fixture_store: duckdb.DuckDBPyConnection,
) -> None:
    # the same exporter written twice with another country, case and punctuation
    fixture_store.execute(
        "UPDATE records SET exporter_name = 'SHENZHEN PARTS.', exporter_country = 'HK' "
        "WHERE run_id = 'fixture-run' AND record_id IN ('r4', 'r9')")
    exporters = rows("top_exporters", fixture_store)
    shenzhen = [r for r in exporters if r["party_key"] == "shenzhen parts"]
    assert len(shenzhen) == 1
    assert shenzhen[0]["name"] == "SHENZHEN PARTS."  # the most frequent spelling (2 of 3)
    assert shenzhen[0]["country"] == "CN, HK"
    assert shenzhen[0]["chpl_records"] == 3


def test_story_categories_table(fixture_store: duckdb.DuckDBPyConnection) -> None:
    [row] = rows("story_categories", fixture_store)
    assert (row["category"], row["label"], row["records"], row["alerted_records"]) == (
        "navigation", "radio-navigation / GNSS receivers", 1, 1)


def test_run_lists_reads_the_runs_own_versions(fixture_store: duckdb.DuckDBPyConnection) -> None:
    fixture_store.execute(
        "INSERT INTO list_versions VALUES ('cordon_sample', 'v1', 'abc', TIMESTAMP '2024-05-02',"
        " TIMESTAMP '2024-05-03 10:00', '/somewhere/sample.xml', 1, 1, false),"
        " ('cordon_sample', 'v2', 'def', TIMESTAMP '2024-07-01', TIMESTAMP '2024-07-02', 'x', 2,"
        " 2, true)")
    [row] = rows("run_lists", fixture_store)
    assert (row["dataset"], row["version"], str(row["published_at"]), row["entity_count"]) == (
        "cordon_sample", "v1", "2024-05-02 00:00:00", 1)


def test_alerts_sorted_by_risk_with_readable_reasons(
    fixture_store: duckdb.DuckDBPyConnection,
) -> None:
    table = rows("alerts", fixture_store)
    assert [r["record_id"] for r in table] == ["r1", "r8", "r2", "r6", "r3", "r4", "r9"]
    r2 = table[2]
    assert r2["alert_id"] == "fixture-run:r2"
    assert r2["reason_kinds"] == "chpl, party_match, red_flag"
    assert r2["reasons"] == (
        "importer “Rostec Avia” ≈ Rostec (cordon_sample rostec, score 0.92); "
        "CHPL tier 1 goods (HS 854231); RF-01: CHPL goods dispatched through HK"
    )
    assert table[0]["reasons"].startswith(
        "importer “Rostec Avia” ≈ Rostec (cordon_sample rostec, score 0.95); "
        "CHPL tier 2 goods (HS 852691: radio-navigation / GNSS receivers)"
    )
    assert r2["value_usd"] == 5000.0 and r2["dispatch"] == "HK"
    assert table[1]["value_usd"] is None  # XYZ has no rate


def test_alerts_cap(fixture_store: duckdb.DuckDBPyConnection) -> None:
    capped = flows.alerts(fixture_store, RUN_ID, limit=3).to_pylist()
    assert [r["record_id"] for r in capped] == ["r1", "r8", "r2"]


def test_resolve_run_picks_latest_finished(fixture_store: duckdb.DuckDBPyConnection) -> None:
    assert flows.resolve_run(fixture_store, None) == RUN_ID  # "running-run" is newer but unfinished
    assert flows.resolve_run(fixture_store, "other-run") == "other-run"


def test_unknown_run_is_a_clear_error(fixture_store: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(UnknownRunError, match=r"no screening run 'nope'.*running-run"):
        flows.headline(fixture_store, "nope")


def test_empty_store_has_no_latest_run(cordon_home: object) -> None:
    from cordon.store import connect

    with connect() as conn, pytest.raises(UnknownRunError, match="no finished screening run"):
        flows.resolve_run(conn, None)


def test_party_role_is_checked(fixture_store: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="role must be"):
        flows._top_parties(fixture_store, RUN_ID, "carrier", 5)


def exporter_status_after_near_miss_flag(
    conn: duckdb.DuckDBPyConnection, flagged_name: str
) -> dict[str, str]:
    """Replace r1's alert reasons with one RF-10 naming ``flagged_name``; exporter statuses."""
    detail = f"exporter '{flagged_name}' resembles 'X' (cordon_sample 1) at 0.70"
    conn.execute(
        "UPDATE alerts SET reasons = json_array(json_object('kind', 'red_flag', 'rule', 'RF-10',"
        " 'detail', ?)) WHERE alert_id = 'fixture-run:r1'",
        [detail],
    )
    return {r["name"]: r["status"] for r in rows("top_exporters", conn)}


def test_near_miss_flag_names_only_its_own_party(fixture_store: duckdb.DuckDBPyConnection) -> None:
    statuses = exporter_status_after_near_miss_flag(fixture_store, "Harbin Avionics Group")
    assert statuses["Harbin Avionics"] == "clear"  # another party's near miss
    statuses = exporter_status_after_near_miss_flag(fixture_store, "Harbin Avionics")
    assert statuses["Harbin Avionics"] == "near miss"
