"""Report queries over one screening run: one function per report table, all aggregated in DuckDB.

Every table function has the signature ``(conn, run_id) -> pyarrow.Table`` and is listed in
:data:`TABLES`, which ``cordon export``, the HTML report and the web app share. Values are summed
in US dollars converted at the approximate annual rates of :mod:`cordon.analytics.fx`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import duckdb
import pyarrow as pa

from cordon.analytics.errors import UnfinishedRunError, UnknownRunError
from cordon.analytics.fx import rates_sql
from cordon.goods.categories import CATEGORY_LABELS
from cordon.i18n import N_, Items, Message
from cordon.jurisdictions import RESTRICTED_DESTINATIONS, TRANSSHIPMENT_HUBS, sql_list
from cordon.lists.catalog import entity_names
from cordon.partykey import party_key_sql
from cordon.settings import NEAR_MISS_MARGIN

TableFunction = Callable[[duckdb.DuckDBPyConnection, str], pa.Table]

# Currencies shown on their own in the settlement-currency share; everything else is "other".
CURRENCY_GROUPS: tuple[str, ...] = ("CNY", "USD", "EUR", "RUB", "other")
# A party whose best list score is within this margin below the run's threshold is a "near miss",
# as is a party named by the screening's near-miss red flag (shared/docs/red-flags.md RF-10).
NEAR_MISS_RULE = "RF-10"
# Row caps of the ranked tables (the report says when a table is capped).
TOP_ROUTES = 30
TOP_PARTIES = 25
TOP_NETWORK_EDGES = 60
MAX_ALERT_ROWS = 5_000

# The run's records with a USD value, a month and an alert flag taken from the alerts table.
_RUN_RECORDS = f"""
fx AS (SELECT * FROM {rates_sql()}),
fx_years AS (SELECT currency, min(year) AS first_year, max(year) AS last_year
             FROM fx GROUP BY currency),
run_alerts AS (SELECT record_id, risk AS alert_risk FROM alerts WHERE run_id = $run),
rec AS (
    SELECT r.*,
           CAST(date_trunc('month', r.date) AS DATE) AS month,
           upper(trim(r.currency)) AS currency_code,
           r.value * fx.usd_per_unit AS value_usd,
           a.record_id IS NOT NULL AS has_alert
    FROM records r
    LEFT JOIN fx_years y ON y.currency = upper(trim(r.currency))
    LEFT JOIN fx ON fx.currency = y.currency
        AND fx.year = least(greatest(coalesce(year(r.date), y.last_year), y.first_year),
                            y.last_year)
    LEFT JOIN run_alerts a ON a.record_id = r.record_id
    WHERE r.run_id = $run
)
"""


def _query(
    conn: duckdb.DuckDBPyConnection, select: str, params: Mapping[str, Any], ctes: str = ""
) -> pa.Table:
    """Run ``select`` over the run's records (CTE ``rec``, plus ``ctes``) as an Arrow table."""
    extra = f", {ctes}" if ctes else ""
    return conn.execute(f"WITH {_RUN_RECORDS}{extra} {select}", dict(params)).to_arrow_table()


def require_run(conn: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Raise :class:`UnknownRunError` unless ``run_id`` is a run in the store."""
    found = conn.execute("SELECT 1 FROM runs WHERE run_id = ?", [run_id]).fetchone()
    if found is None:
        known = [row[0] for row in conn.execute(
            "SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 5").fetchall()]
        hint = (
            Message(N_("; latest runs: %(runs)s"), runs=Items(known))
            if known
            else Message(N_("; the store has no runs yet"))
        )
        unknown = N_("no screening run %(run)s in the store%(hint)s")
        raise UnknownRunError(Message(unknown, run=repr(run_id), hint=hint))


def run_status(conn: duckdb.DuckDBPyConnection, run_id: str) -> str:
    """The run's status (running, done, failed); :class:`UnknownRunError` when unknown."""
    require_run(conn, run_id)
    row = conn.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchone()
    return str(row[0]) if row else "unknown"


def require_finished(conn: duckdb.DuckDBPyConnection, run_id: str, partial: bool = False) -> str:
    """The run's status; :class:`UnfinishedRunError` unless it is done or ``partial`` is asked
    for (a crashed run's records are a fraction of its input: reporting them as a normal run
    misled, "200,000 of 0 input rows")."""
    status = run_status(conn, run_id)
    if status != "done" and not partial:
        unfinished = N_(
            "run %(run)s is %(status)s, not finished: its figures would be partial "
            "(ask for them explicitly with --partial; the report is then watermarked)"
        )
        raise UnfinishedRunError(
            Message(unfinished, run=run_id, status=Message(status, context="status"))
        )
    return status


def resolve_run(conn: duckdb.DuckDBPyConnection, run_id: str | None) -> str:
    """The given run id (checked to exist) or, when None, the latest finished run."""
    if run_id is not None:
        require_run(conn, run_id)
        return run_id
    row = conn.execute(
        "SELECT run_id FROM runs WHERE status = 'done'"
        " ORDER BY started_at DESC, run_id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        raise UnknownRunError(
            Message(N_("the store has no finished screening run; run `cordon screen` first"))
        )
    return str(row[0])


def headline(conn: duckdb.DuckDBPyConnection, run_id: str) -> pa.Table:
    """One row of headline figures: records, rejects, alerts, total and CHPL value in USD."""
    require_run(conn, run_id)
    return _query(conn, ctes="""
    totals AS (
        SELECT count(*) AS records,
               coalesce(sum(value_usd), 0) AS value_usd,
               count(*) FILTER (WHERE value IS NOT NULL AND value_usd IS NULL)
                   AS records_without_usd,
               count(*) FILTER (WHERE date IS NULL) AS records_without_date,
               count(*) FILTER (WHERE chpl_tier IS NOT NULL) AS chpl_records,
               coalesce(sum(value_usd) FILTER (WHERE chpl_tier IS NOT NULL), 0) AS chpl_value_usd,
               count(*) FILTER (WHERE has_alert) AS alerted_records,
               min(month) AS first_month,
               max(month) AS last_month
        FROM rec
    )
    """, select="""
    SELECT r.run_id,
           coalesce(u.original_name, parse_filename(r.input_path, false, 'both_slash'))
               AS input_name,
           r.started_at, r.status, r.threshold, r.summary->>'cordon_version' AS cordon_version,
           r.input_rows, t.records, r.rejected,
           (SELECT count(*) FROM alerts WHERE run_id = $run) AS alerts,
           t.alerted_records, t.chpl_records, t.value_usd, t.chpl_value_usd,
           t.records_without_usd, t.records_without_date, t.first_month, t.last_month
    FROM runs r CROSS JOIN totals t
    LEFT JOIN uploads u ON u.run_id = r.run_id
    WHERE r.run_id = $run
    """, params={"run": run_id})


def run_lists(conn: duckdb.DuckDBPyConnection, run_id: str) -> pa.Table:
    """The list versions a run screened against: dataset, version, publication and load dates.

    Read from the run's own record of versions (``runs.lists``), so a later list update does
    not change what the report of an old run says. ``published_at`` is the publisher's date
    when the list states one; ``entity_count`` is NULL for a version no longer in the store.
    """
    require_run(conn, run_id)
    return conn.execute("""
    WITH used AS (
        SELECT unnest(map_entries(CAST(lists AS MAP(VARCHAR, VARCHAR))), recursive := true)
        FROM runs WHERE run_id = $run
    )
    SELECT u.key AS dataset, u.value AS version, v.published_at, v.loaded_at, v.entity_count
    FROM used u
    LEFT JOIN list_versions v ON v.dataset = u.key AND v.version = u.value
    ORDER BY u.key
    """, {"run": run_id}).to_arrow_table()


def chpl_by_tier(conn: duckdb.DuckDBPyConnection, run_id: str) -> pa.Table:
    """Records, USD value and alerted records of CHPL goods per CHPL tier."""
    require_run(conn, run_id)
    return _query(conn, """
    SELECT chpl_tier AS tier, count(*) AS records, coalesce(sum(value_usd), 0) AS value_usd,
           count(*) FILTER (WHERE has_alert) AS alerted_records
    FROM rec WHERE chpl_tier IS NOT NULL
    GROUP BY chpl_tier ORDER BY chpl_tier
    """, {"run": run_id})


def chpl_by_tier_month(conn: duckdb.DuckDBPyConnection, run_id: str) -> pa.Table:
    """Records and USD value of CHPL goods per calendar month and tier (month NULL: undated)."""
    require_run(conn, run_id)
    return _query(conn, """
    SELECT month, chpl_tier AS tier, count(*) AS records, coalesce(sum(value_usd), 0) AS value_usd
    FROM rec WHERE chpl_tier IS NOT NULL
    GROUP BY month, chpl_tier ORDER BY month NULLS LAST, tier
    """, {"run": run_id})


def routes(conn: duckdb.DuckDBPyConnection, run_id: str, limit: int = TOP_ROUTES) -> pa.Table:
    """Top origin → dispatch → destination routes by CHPL value, then total value.

    ``via_hub`` marks goods dispatched from a transshipment hub other than their origin;
    ``restricted_destination`` marks Russia and Belarus.
    """
    require_run(conn, run_id)
    return _query(conn, f"""
    SELECT origin_country AS origin, dispatch_country AS dispatch,
           destination_country AS destination,
           count(*) AS records, coalesce(sum(value_usd), 0) AS value_usd,
           count(*) FILTER (WHERE chpl_tier IS NOT NULL) AS chpl_records,
           coalesce(sum(value_usd) FILTER (WHERE chpl_tier IS NOT NULL), 0) AS chpl_value_usd,
           count(*) FILTER (WHERE has_alert) AS alerted_records,
           coalesce(dispatch_country IN {sql_list(TRANSSHIPMENT_HUBS)}
                    AND dispatch_country IS DISTINCT FROM origin_country, false) AS via_hub,
           coalesce(destination_country IN {sql_list(RESTRICTED_DESTINATIONS)}, false)
               AS restricted_destination
    FROM rec
    GROUP BY origin_country, dispatch_country, destination_country
    ORDER BY chpl_value_usd DESC, value_usd DESC, records DESC,
             origin NULLS LAST, dispatch NULLS LAST, destination NULLS LAST
    LIMIT $limit
    """, {"run": run_id, "limit": limit})


def currency_share(conn: duckdb.DuckDBPyConnection, run_id: str) -> pa.Table:
    """Settlement-currency share per month (CNY, USD, EUR, RUB, other) by USD value and by count.

    Every month has one row per currency group, zero-filled; shares are fractions 0..1.
    """
    require_run(conn, run_id)
    groups = ", ".join(f"('{name}', {rank})" for rank, name in enumerate(CURRENCY_GROUPS))
    named = ", ".join(f"'{name}'" for name in CURRENCY_GROUPS if name != "other")
    return _query(conn, ctes=f"""
    groups AS (SELECT * FROM (VALUES {groups}) AS g(currency_group, rank)),
    months AS (SELECT DISTINCT month FROM rec),
    grouped AS (
        SELECT month,
               CASE WHEN currency_code IN ({named}) THEN currency_code ELSE 'other' END
                   AS currency_group,
               count(*) AS records, coalesce(sum(value_usd), 0) AS value_usd
        FROM rec GROUP BY ALL
    ),
    filled AS (
        SELECT m.month, g.currency_group, g.rank,
               coalesce(x.records, 0) AS records, coalesce(x.value_usd, 0) AS value_usd
        FROM months m CROSS JOIN groups g
        LEFT JOIN grouped x ON x.month IS NOT DISTINCT FROM m.month
            AND x.currency_group = g.currency_group
    )
    """, select="""
    SELECT month, currency_group, records, value_usd,
           value_usd / nullif(sum(value_usd) OVER (PARTITION BY month), 0) AS value_share,
           records / nullif(sum(records) OVER (PARTITION BY month), 0) AS record_share
    FROM filled ORDER BY month NULLS LAST, rank
    """, params={"run": run_id})


def _top_parties(
    conn: duckdb.DuckDBPyConnection, run_id: str, role: str, limit: int
) -> pa.Table:
    """Top ``role`` ("exporter" or "importer") parties of CHPL goods with their screening status.

    One party is one row: records are grouped by the party key of their name as written
    (:mod:`cordon.partykey`), whatever country they declare; ``name`` is the party's most
    frequent spelling, ``country`` every country it declares. A party is a "listed match" when
    one of its records matched a listed entity, a "near miss" when an alert of its records
    carries the near-miss red flag naming it (or a stored best score lies within
    :data:`NEAR_MISS_MARGIN` below the run's threshold), and "clear" otherwise.
    """
    require_run(conn, run_id)
    if role not in ("exporter", "importer"):
        raise ValueError(f"role must be 'exporter' or 'importer', not {role!r}")
    return _query(conn, ctes=f"""
    threshold AS (SELECT threshold FROM runs WHERE run_id = $run),
    near AS (
        SELECT record_id, string_agg(item->>'detail', '; ') AS detail
        FROM (SELECT record_id, unnest(CAST(json_extract(reasons, '$[*]') AS JSON[])) AS item
              FROM alerts WHERE run_id = $run)
        WHERE (item->>'kind') = 'red_flag' AND (item->>'rule') = $near_rule
        GROUP BY record_id
    ),
    parties AS (
        SELECT {party_key_sql(f"{role}_name")} AS party_key,
               mode({role}_name) AS name,
               string_agg(DISTINCT {role}_country, ', ' ORDER BY {role}_country) AS country,
               count(*) AS chpl_records, coalesce(sum(value_usd), 0) AS chpl_value_usd,
               count(*) FILTER (WHERE has_alert) AS alerted_records,
               max({role}_score) AS best_score,
               min({role}_entity) AS matched_entity,
               coalesce(bool_or(contains(
                   n.detail, concat('{role} ''', {role}_name, ''' resembles'))), false)
                   AS flagged_near_miss
        FROM rec LEFT JOIN near n USING (record_id)
        WHERE chpl_tier IS NOT NULL
        GROUP BY 1
        ORDER BY chpl_value_usd DESC, chpl_records DESC, name NULLS LAST
        LIMIT $limit
    ),
    captions AS ({entity_names("SELECT matched_entity FROM parties")})
    """, select="""
    SELECT p.name, p.country, p.party_key, p.chpl_records, p.chpl_value_usd, p.alerted_records,
           CASE WHEN p.matched_entity IS NOT NULL THEN 'listed match'
                WHEN p.flagged_near_miss OR p.best_score >= t.threshold - $margin
                    THEN 'near miss'
                ELSE 'clear' END AS status,
           p.best_score, p.matched_entity, c.caption AS matched_caption, c.dataset AS matched_list
    FROM parties p CROSS JOIN threshold t
    LEFT JOIN captions c ON c.id = p.matched_entity
    ORDER BY p.chpl_value_usd DESC, p.chpl_records DESC, p.name NULLS LAST
    """, params={"run": run_id, "limit": limit, "margin": NEAR_MISS_MARGIN,
                 "near_rule": NEAR_MISS_RULE})


def top_exporters(
    conn: duckdb.DuckDBPyConnection, run_id: str, limit: int = TOP_PARTIES
) -> pa.Table:
    """Top exporters of CHPL goods by USD value, with listed match / near miss / clear status."""
    return _top_parties(conn, run_id, "exporter", limit)


def top_importers(
    conn: duckdb.DuckDBPyConnection, run_id: str, limit: int = TOP_PARTIES
) -> pa.Table:
    """Top importers of CHPL goods by USD value, with listed match / near miss / clear status."""
    return _top_parties(conn, run_id, "importer", limit)


def alert_network(
    conn: duckdb.DuckDBPyConnection, run_id: str, limit: int = TOP_NETWORK_EDGES
) -> pa.Table:
    """Alerted exporter → importer flows, one row per pair of parties as written: listed first.

    A node is always the party as the records write it (grouped by party key, shown in its
    most frequent spelling), never the listed entity it resembles: a match is a lead, not an
    identity. ``exporter_match`` / ``importer_match`` say "≈ NAME (list, score)" for the best
    list match of the party's records at or above the run's threshold.
    """
    require_run(conn, run_id)
    exporter_key, importer_key = party_key_sql("exporter_name"), party_key_sql("importer_name")
    return _query(conn, ctes=f"""
    alerted AS (SELECT *, {exporter_key} AS exporter_key, {importer_key} AS importer_key
                FROM rec WHERE has_alert),
    captions AS ({entity_names(
        "SELECT exporter_entity FROM alerted UNION SELECT importer_entity FROM alerted"
    )}),
    spelling AS (
        SELECT party_key, mode(name) AS name FROM (
            SELECT exporter_key AS party_key, exporter_name AS name FROM alerted
            UNION ALL SELECT importer_key, importer_name FROM alerted)
        GROUP BY party_key
    )
    """, select=f"""
    SELECT se.name AS exporter, si.name AS importer,
           count(*) AS alerts, coalesce(sum(value_usd), 0) AS value_usd, max(risk) AS max_risk,
           count(*) FILTER (WHERE chpl_tier IS NOT NULL) AS chpl_alerts,
           bool_or(exporter_entity IS NOT NULL) AS exporter_listed,
           bool_or(importer_entity IS NOT NULL) AS importer_listed,
           arg_max({_match_label("exporter", "ce")}, exporter_score) AS exporter_match,
           arg_max({_match_label("importer", "ci")}, importer_score) AS importer_match
    FROM alerted a
    LEFT JOIN spelling se ON se.party_key IS NOT DISTINCT FROM a.exporter_key
    LEFT JOIN spelling si ON si.party_key IS NOT DISTINCT FROM a.importer_key
    LEFT JOIN captions ce ON ce.id = a.exporter_entity
    LEFT JOIN captions ci ON ci.id = a.importer_entity
    GROUP BY a.exporter_key, a.importer_key, se.name, si.name
    ORDER BY (exporter_listed OR importer_listed) DESC, alerts DESC, value_usd DESC,
             exporter NULLS LAST, importer NULLS LAST
    LIMIT $limit
    """, params={"run": run_id, "limit": limit})


def _match_label(role: str, alias: str) -> str:
    """SQL for "≈ NAME (list, score)" of a record's matched entity in ``role`` (NULL if none)."""
    return (
        f"CASE WHEN a.{role}_entity IS NOT NULL THEN concat('≈ ', coalesce({alias}.caption, "
        f"a.{role}_entity), ' (', coalesce({alias}.dataset, '?'), ', ', "
        f"printf('%.2f', a.{role}_score), ')') END"
    )


def category_label_sql(expression: str) -> str:
    """SQL for the reader's label of a story category (:data:`CATEGORY_LABELS`), NULL if none."""
    cases = " ".join(
        f"WHEN '{name}' THEN '{label}'" for name, label in CATEGORY_LABELS.items()
    )
    return f"CASE {expression} {cases} END"


def story_categories(conn: duckdb.DuckDBPyConnection, run_id: str) -> pa.Table:
    """Records, USD value, CHPL records and alerted records per goods story category.

    Categories of the China–Russia supply story (navigation, jamming, aircraft and UAV parts…,
    :mod:`cordon.goods.categories`); one row per category present in the run, biggest first.
    """
    require_run(conn, run_id)
    return _query(conn, f"""
    SELECT category, {category_label_sql("category")} AS label, count(*) AS records,
           coalesce(sum(value_usd), 0) AS value_usd,
           count(*) FILTER (WHERE chpl_tier IS NOT NULL) AS chpl_records,
           count(*) FILTER (WHERE has_alert) AS alerted_records,
           count(DISTINCT {party_key_sql("exporter_name")}) AS exporters,
           count(DISTINCT {party_key_sql("importer_name")}) AS importers
    FROM rec WHERE category IS NOT NULL
    GROUP BY category ORDER BY value_usd DESC, records DESC, category
    """, {"run": run_id})


# One reason of the alerts.jsonl contract as one line of text (r: the alert's record).
_REASON_TEXT = f"""
CASE x->>'kind'
    WHEN 'party_match' THEN concat(x->>'role', ' ', coalesce('“' || CASE x->>'role'
        WHEN 'exporter' THEN r.exporter_name ELSE r.importer_name END || '” ', ''),
        '≈ ', x->>'matched_name', ' (',
        x->>'list', ' ', x->>'entity_id', ', score ',
        printf('%.2f', TRY_CAST(x->>'score' AS DOUBLE)), ')')
    WHEN 'chpl' THEN concat('CHPL tier ', x->>'tier', ' goods (HS ', x->>'hs6',
        coalesce(': ' || {category_label_sql("r.category")}, ''), ')')
    WHEN 'red_flag' THEN concat(x->>'rule', ': ', x->>'detail')
    ELSE CAST(x AS VARCHAR)
END
"""


def alerts(conn: duckdb.DuckDBPyConnection, run_id: str, limit: int = MAX_ALERT_ROWS) -> pa.Table:
    """The run's alerts with record details and readable reasons, highest risk first, capped."""
    require_run(conn, run_id)
    return _query(conn, ctes="""
    reasons AS (
        SELECT alert_id, record_id, risk, status, CAST(reasons AS VARCHAR) AS reasons_json,
               CAST(json_extract(reasons, '$[*]') AS JSON[]) AS items
        FROM alerts WHERE run_id = $run
        ORDER BY risk DESC, alert_id LIMIT $limit
    )
    """, select=f"""
    SELECT a.alert_id, a.record_id, r.date, r.exporter_name AS exporter,
           r.exporter_country, r.importer_name AS importer, r.importer_country,
           r.hs6, r.chpl_tier, r.origin_country AS origin, r.dispatch_country AS dispatch,
           r.destination_country AS destination, r.value, r.currency, r.value_usd,
           r.category, a.risk, a.status,
           array_to_string(list_sort(list_distinct(
               list_transform(a.items, lambda x: x->>'kind'))), ', ') AS reason_kinds,
           array_to_string(list_transform(a.items, lambda x: {_REASON_TEXT}), '; ') AS reasons,
           a.reasons_json
    FROM reasons a LEFT JOIN rec r ON r.record_id = a.record_id
    ORDER BY a.risk DESC, a.alert_id
    """, params={"run": run_id, "limit": limit})


TABLES: Mapping[str, TableFunction] = {
    "headline": headline,
    "chpl_by_tier": chpl_by_tier,
    "chpl_by_tier_month": chpl_by_tier_month,
    "routes": routes,
    "currency_share": currency_share,
    "top_exporters": top_exporters,
    "top_importers": top_importers,
    "alert_network": alert_network,
    "story_categories": story_categories,
    "run_lists": run_lists,
    "alerts": alerts,
}
"""Every report table by export name; each function takes ``(conn, run_id)``."""

