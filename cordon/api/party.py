"""A party as written in the records: everything the store knows about it, across runs.

A party is one name as the records write it (compared by its party key, :mod:`cordon.partykey`)
with the country it declares and, for importers, its tax id — the grouping an analyst can
defend. Its page gathers its shipments in every run, counterparties, HS chapters and CHPL tiers
by month, routes, currencies, the listed entities it matched and the standing decisions on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from cordon.lists.catalog import entity_names
from cordon.partykey import party_key, party_key_sql
from cordon.screen.run_store import RECORDS_WITH_ALERTS, parties_named

MAX_SHIPMENTS = 500  # shipment rows on a page (counts cover them all)
MAX_PARTIES_FOUND = 50
# The listed entities the party's records matched, named as the lists name them.
_MATCHED_NAMES = entity_names("SELECT exporter_entity FROM pa UNION SELECT importer_entity FROM pa")


@dataclass(frozen=True)
class PartyRef:
    """Which party: a name as written, its declared country and (importers) tax id."""

    name: str
    country: str | None = None
    tax_id: str | None = None


def _where(conn: duckdb.DuckDBPyConnection, ref: PartyRef) -> tuple[str, dict[str, Any]]:
    """SQL selecting the party's records with the ``role`` it plays in each and their alert's
    ``status`` and ``alert_id`` (NULL when not alerted)."""
    params = {"key": party_key(conn, ref.name), "country": ref.country, "tax": ref.tax_id}
    exporter = (f"{party_key_sql('r.exporter_name')} = $key "
                "AND ($country IS NULL OR r.exporter_country = $country) AND $tax IS NULL")
    importer = (f"{party_key_sql('r.importer_name')} = $key "
                "AND ($country IS NULL OR r.importer_country = $country) "
                "AND ($tax IS NULL OR r.importer_tax_id = $tax)")  # fmt: skip
    role = f"CASE WHEN {exporter} THEN 'exporter' ELSE 'importer' END"
    return (
        f"SELECT r.*, {role} AS role, a.status, a.alert_id FROM {RECORDS_WITH_ALERTS} "
        f"WHERE ({exporter}) OR ({importer})"
    ), params


def party_profile(conn: duckdb.DuckDBPyConnection, ref: PartyRef) -> dict[str, Any]:
    """Every section of a party's page as JSON-ready rows (empty lists for an unknown party)."""
    base, params = _where(conn, ref)
    cte = f"WITH pa AS ({base})"

    def rows(select: str, extra: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        cur = conn.execute(f"{cte} {select}", {**params, **(extra or {})})
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    return {
        "party": {"name": ref.name, "country": ref.country, "tax_id": ref.tax_id,
                  "party_key": params["key"]},
        "totals": rows("SELECT count(*) AS shipments, count(DISTINCT run_id) AS runs, "
                       "count(alert_id) AS alerted, min(date) AS first_date, "
                       "max(date) AS last_date FROM pa")[0],
        "spellings": rows("SELECT CASE role WHEN 'exporter' THEN exporter_name ELSE importer_name "
                          "END AS name, role, count(*) AS shipments FROM pa GROUP BY ALL "
                          "ORDER BY shipments DESC, name"),
        "shipments": rows(
            "SELECT run_id, record_id, alert_id, status, date, role, CASE role WHEN 'exporter' "
            "THEN importer_name ELSE exporter_name END AS counterparty, hs6, chpl_tier, category, "
            "origin_country, dispatch_country, destination_country, value, currency, assumed "
            "FROM pa ORDER BY date DESC NULLS LAST, run_id DESC, line LIMIT $limit",
            {"limit": MAX_SHIPMENTS}),
        "counterparties": rows(
            "SELECT CASE role WHEN 'exporter' THEN importer_name ELSE exporter_name END AS name, "
            "CASE role WHEN 'exporter' THEN importer_country ELSE exporter_country END AS country, "
            "count(*) AS shipments, count(alert_id) AS alerted FROM pa GROUP BY ALL "
            "ORDER BY shipments DESC, name NULLS LAST LIMIT 50"),
        "goods_by_month": rows(
            "SELECT strftime(date_trunc('month', date), '%Y-%m') AS month, left(hs6, 2) AS chapter,"
            " chpl_tier, count(*) AS shipments FROM pa GROUP BY ALL "
            "ORDER BY month NULLS LAST, chapter, chpl_tier NULLS FIRST"),
        "routes": rows(
            "SELECT origin_country AS origin, dispatch_country AS dispatch, "
            "destination_country AS destination, count(*) AS shipments, "
            "bool_or(assumed IS NOT NULL) AS assumed FROM pa GROUP BY 1, 2, 3 "
            "ORDER BY shipments DESC, origin NULLS LAST LIMIT 30"),
        "currencies": rows("SELECT currency, count(*) AS shipments, sum(value) AS value FROM pa "
                           "GROUP BY currency ORDER BY shipments DESC"),
        "matches": rows(
            "SELECT e.id AS entity, e.caption, e.dataset, e.source_id, max(x.score) AS best_score,"
            " count(*) AS shipments FROM (SELECT CASE role WHEN 'exporter' THEN exporter_entity "
            "ELSE importer_entity END AS entity, CASE role WHEN 'exporter' THEN exporter_score "
            f"ELSE importer_score END AS score FROM pa) x JOIN ({_MATCHED_NAMES}) e "
            "ON e.id = x.entity GROUP BY ALL ORDER BY best_score DESC"),
        "decisions": rows(
            "SELECT decision_id, party_name, list, entity_id, status, analyst, note, decided_at "
            "FROM decisions WHERE party_key = $key ORDER BY decided_at DESC"),
    }


def find_parties(
    conn: duckdb.DuckDBPyConnection, text: str, limit: int = MAX_PARTIES_FOUND
) -> list[dict[str, Any]]:
    """Parties of the screened records whose name contains ``text`` (case-insensitive)."""
    rows = parties_named(conn, text, limit)
    keys = ("name", "country", "tax_id", "shipments")
    return [dict(zip(keys, row, strict=True)) for row in rows]
