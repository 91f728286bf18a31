"""Apply standing decisions to alerts: at alert time for a new run, and to current alerts.

An alert takes the status of the decisions in force on its party-match pairs (party as written,
listed entity) when the listed entity is unchanged in the list version its run used:
confirmed or escalated as soon as one pair says so; dismissed only when every pair of the alert
is dismissed (another match may still be real). Each change appends an audit event that says
"previously dismissed by NAME on DATE: NOTE"; an alert whose decision was withdrawn or lapsed
goes back to open, with an event saying so.
"""

from __future__ import annotations

import duckdb

from cordon.decisions.model import FINGERPRINT_SQL, now, transaction
from cordon.screen.run_store import (
    DECISION_PAIRS,
    DECISION_SCOPE,
    drop_decision_scope,
    set_decided_statuses,
    stage_decision_scope,
)

STANDING_ANALYST = "cordon (standing decision)"
_RANK = "CASE d.status WHEN 'confirmed' THEN 3 WHEN 'escalated' THEN 2 WHEN 'dismissed' THEN 1 END"

_OUTCOME = f"""
CREATE OR REPLACE TEMP TABLE _decision_outcome AS
WITH scope AS (SELECT * FROM {DECISION_SCOPE}),
pairs AS (SELECT * FROM {DECISION_PAIRS}),
run_versions AS (
    SELECT run_id, unnest(map_entries(CAST(lists AS MAP(VARCHAR, VARCHAR))), recursive := true)
    FROM runs WHERE run_id IN (SELECT run_id FROM scope)
),
fingerprinted AS (
    SELECT p.alert_id, p.party_key, p.list, p.entity_id, any_value({FINGERPRINT_SQL}) AS fingerprint
    FROM pairs p
    LEFT JOIN run_versions v ON v.run_id = p.run_id AND v.key = p.list
    LEFT JOIN entities e ON e.dataset = p.list AND e.version = v.value AND e.source_id = p.entity_id
    GROUP BY ALL
),
latest AS (
    SELECT * FROM decisions
    QUALIFY row_number() OVER (PARTITION BY party_key, list, entity_id
                               ORDER BY decided_at DESC, decision_id DESC) = 1
),
decided AS (
    SELECT f.alert_id, d.decision_id, d.status, {_RANK} AS rank, d.decided_at
    FROM fingerprinted f JOIN latest d
      ON d.party_key = f.party_key AND d.list = f.list AND d.entity_id = f.entity_id
     AND d.status <> 'open' AND d.fingerprint IS NOT DISTINCT FROM f.fingerprint
),
per_alert AS (
    SELECT f.alert_id, count(*) AS pairs, count(d.decision_id) AS decided,
           max(d.rank) AS top_rank,
           arg_max(d.decision_id, (d.rank, d.decided_at)) AS decision_id,
           arg_max(d.status, (d.rank, d.decided_at)) AS status
    FROM fingerprinted f LEFT JOIN decided d USING (alert_id)
    GROUP BY f.alert_id
),
target AS (
    SELECT s.alert_id, s.status AS old_status, s.decision_id AS old_decision,
           CASE WHEN p.top_rank >= 2 OR (p.decided > 0 AND p.decided = p.pairs)
                THEN p.decision_id END AS decision_id,
           CASE WHEN p.top_rank >= 2 OR (p.decided > 0 AND p.decided = p.pairs)
                THEN p.status END AS status
    FROM scope s LEFT JOIN per_alert p USING (alert_id)
)
SELECT t.alert_id, coalesce(t.status, 'open') AS status, t.decision_id,
       CASE WHEN t.decision_id IS NOT NULL THEN concat(
                'previously ', d.status, ' by ', d.analyst, ' on ',
                strftime(d.decided_at, '%Y-%m-%d'),
                coalesce(': ' || nullif(trim(d.note), ''), ''),
                ' (standing decision on “', d.party_name, '” ≈ ', d.list, ' ', d.entity_id, ')')
            ELSE 'standing decision ' || t.old_decision
                 || ' no longer applies (withdrawn, or the listed entity changed): open again'
       END AS note
FROM target t LEFT JOIN decisions d ON d.decision_id = t.decision_id
WHERE t.decision_id IS DISTINCT FROM t.old_decision
  AND (t.decision_id IS NOT NULL OR t.old_decision IS NOT NULL)
"""


def apply_decisions(
    conn: duckdb.DuckDBPyConnection,
    *,
    run_id: str | None = None,
    dataset: str | None = None,
    entity_id: str | None = None,
) -> int:
    """Bring alerts in line with the decisions in force; returns how many alerts changed.

    Scope: one run's alerts (``run_id``, at alert time), the alerts naming one listed entity
    (``dataset`` + ``entity_id``, after a decision on it), or every alert with a party match.
    Runs in one transaction of its own.
    """
    with transaction(conn, "applying standing decisions"):
        stage_decision_scope(conn, run_id=run_id, dataset=dataset, entity_id=entity_id)
        conn.execute(_OUTCOME)
        stamp = now()
        set_decided_statuses(conn, "_decision_outcome", stamp)
        row = conn.execute(
            'INSERT INTO alert_events (event_id, alert_id, "at", analyst, status, note) '
            "SELECT replace(CAST(uuid() AS VARCHAR), '-', ''), alert_id, ?, ?, status, note "
            "FROM _decision_outcome",
            [stamp, STANDING_ANALYST],
        ).fetchone()
        conn.execute("DROP TABLE _decision_outcome")
        drop_decision_scope(conn)
    return int(row[0]) if row else 0

