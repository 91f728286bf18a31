"""Rules needing the whole file (medians, histories, windows): RF-05, RF-08, RF-15, RF-20, RF-21b.

Each is one query, in the SQL DuckDB and Spark both speak, over the run's working records, so
memory stays bounded whatever the file size. Every query selects ``line``, ``record_id`` and the
fields of its detail template for the records it flags.
"""

from __future__ import annotations

from cordon.jurisdictions import GECC, RESTRICTED_DESTINATIONS, RU_BY_NEIGHBOURS, sql_list
from cordon.screen.dialect import Dialect
from cordon.screen.rules.base import RUN_RECORDS, FileRule, distinct_keys

INVASION_DATE = "2022-02-24"
UNDERVALUE_FACTOR = 5.0  # RF-21b: unit value more than five times below the peer median
UNIT_VALUE_MIN_PEERS = 10  # lines of the same HS6, currency and unit needed for a median
ADDRESS_MIN_NAMES = 5  # RF-08: distinct exporter names sharing one address
SPLIT_MIN_LINES = 4  # RF-20: lines of one shipper/consignee/HS6 within the window
SPLIT_WINDOW_DAYS = 7  # RF-20: +- days around each line
NEW_IMPORTER_MIN_LINES = 3  # RF-05: CHPL lines after the invasion that make a "sudden volume"
VOLUME_JUMP_FACTOR = 5.0  # RF-05: post-invasion CHPL value rate vs pre-invasion import value rate
# RF-05 sums values in whole cents, exactly, so the sum is the same whatever order the engine's
# threads add the lines in (a float sum's last digit is not). A line's value counts at most this
# much (10^15, far beyond any real declaration), which keeps every cent sum exact in DECIMAL(38, 0).
CENT_SUM_CAP = 1e15


_CUTOFF = f"DATE '{INVASION_DATE}'"
_GECC = sql_list(GECC)
_RU_BY = sql_list(RESTRICTED_DESTINATIONS)
_NEIGHBOURS = sql_list(RU_BY_NEIGHBOURS)


def unit_value_sql(d: Dialect) -> str:
    """RF-21b (unit value): lines priced far below their HS6/currency/unit peers' median."""
    return f"""
WITH priced AS (
    SELECT line, record_id, hs6, currency, coalesce(lower(unit), '') AS unit_key, unit,
           value / quantity AS unit_value
    FROM run_records WHERE hs6 IS NOT NULL AND value > 0 AND quantity > 0
),
peers AS (
    SELECT hs6, currency, unit_key, median(unit_value) AS median_value, count(*) AS peer_lines
    FROM priced GROUP BY hs6, currency, unit_key HAVING count(*) >= {UNIT_VALUE_MIN_PEERS}
)
SELECT p.line, p.record_id, p.unit_value, coalesce(p.currency, '?') AS currency_text,
       coalesce(p.unit, 'unit') AS unit_text, peers.median_value / p.unit_value AS ratio,
       peers.median_value, p.hs6, peers.peer_lines
FROM priced p JOIN peers USING (hs6, currency, unit_key)
WHERE p.unit_value * {UNDERVALUE_FACTOR} < peers.median_value
"""


UNIT_VALUE_DETAIL = (
    "unit value {unit_value:.4g} {currency_text}/{unit_text} is {ratio:.1f}x below the file's "
    "median {median_value:.4g} for HS {hs6} ({peer_lines} lines)"
)


def address_cluster_sql(d: Dialect) -> str:
    """RF-08: one exporter address shared by many differently named exporters."""
    return f"""
WITH {distinct_keys("exporter_address", d, RUN_RECORDS)},
addressed AS (
    SELECT r.line, r.record_id, r.exporter_key, r.exporter_address,
           k.exporter_address_key AS address_key
    FROM run_records r JOIN exporter_address_keys k ON r.exporter_address = k.exporter_address
),
clusters AS (
    SELECT address_key, count(DISTINCT exporter_key) AS names
    FROM addressed WHERE address_key IS NOT NULL AND exporter_key IS NOT NULL
    GROUP BY address_key HAVING count(DISTINCT exporter_key) >= {ADDRESS_MIN_NAMES}
)
SELECT a.line, a.record_id, a.exporter_address, c.names
FROM addressed a JOIN clusters c USING (address_key)
"""


ADDRESS_CLUSTER_DETAIL = (
    "exporter address '{exporter_address}' is shared by {names} differently named exporters"
)


def _cents(value: str) -> str:
    """SQL: ``value`` (a DOUBLE, capped at CENT_SUM_CAP) as whole cents, an exact DECIMAL to sum."""
    return f"CAST(round(least({value}, {CENT_SUM_CAP:.0e}) * 100) AS DECIMAL(38, 0))"


def _cent_sum(value: str, condition: str) -> str:
    """SQL aggregate: the exact sum of ``value`` over the rows meeting ``condition``, as a DOUBLE
    (0 when there are none); the same on every engine and every run."""
    return f"CAST(coalesce(sum({_cents(value)}) FILTER (WHERE {condition}), 0) AS DOUBLE) / 100"


def new_chpl_importer_sql(d: Dialect) -> str:
    """RF-05: an importer's sudden CHPL volume after the invasion, with no CHPL history before."""
    day, cutoff = d.days("date"), d.days(_CUTOFF)
    return f"""
WITH span AS (
    SELECT min(date) AS first_day,
           greatest({cutoff} - min({day}), 1) AS pre_days,
           greatest(max({day}) - {cutoff} + 1, 1) AS post_days
    FROM run_records WHERE date IS NOT NULL
),
history AS (
    SELECT importer_key,
        count(*) FILTER (WHERE chpl_tier IS NOT NULL AND date < {_CUTOFF}) AS pre_chpl,
        {_cent_sum("value", f"date < {_CUTOFF}")} AS pre_value,
        min(date) FILTER (WHERE chpl_tier IS NOT NULL) AS first_chpl,
        count(*) FILTER (WHERE chpl_tier IS NOT NULL AND date >= {_CUTOFF}) AS post_lines,
        {_cent_sum("value", f"chpl_tier IS NOT NULL AND date >= {_CUTOFF}")} AS post_value
    FROM run_records
    WHERE importer_key IS NOT NULL AND coalesce(importer_country, '') NOT IN {_GECC}
    GROUP BY importer_key
)
SELECT r.line, r.record_id, r.importer_name, h.first_chpl, h.post_lines, h.post_value,
       h.pre_value
FROM run_records r JOIN history h USING (importer_key), span
WHERE span.first_day < {_CUTOFF}
  AND r.chpl_tier IS NOT NULL AND r.date >= {_CUTOFF}
  AND h.pre_chpl = 0 AND h.first_chpl >= {_CUTOFF}
  AND h.post_lines >= {NEW_IMPORTER_MIN_LINES}
  AND h.post_value / span.post_days >= {VOLUME_JUMP_FACTOR} * h.pre_value / span.pre_days
"""


NEW_CHPL_IMPORTER_DETAIL = (
    "importer '{importer_name}' had no CHPL imports before " + INVASION_DATE + "; first on "
    "{first_chpl}, then {post_lines} CHPL lines worth {post_value:.0f} (vs {pre_value:.0f} of all "
    "its imports before)"
)


def destination_switch_sql(d: Dialect) -> str:
    """RF-15: a shipper's HS6 went to Russia/Belarus, then only to a neighbour of theirs."""
    return f"""
WITH to_ru_by AS (
    SELECT exporter_key, hs6, min(date) AS first_ru_by, max(date) AS last_ru_by
    FROM run_records WHERE bound_for IN {_RU_BY} AND exporter_key IS NOT NULL
      AND hs6 IS NOT NULL AND date IS NOT NULL
    GROUP BY exporter_key, hs6
),
to_neighbour AS (
    SELECT exporter_key, hs6, min(date) AS first_neighbour
    FROM run_records WHERE bound_for IN {_NEIGHBOURS} AND exporter_key IS NOT NULL
      AND hs6 IS NOT NULL AND date IS NOT NULL
    GROUP BY exporter_key, hs6
)
SELECT r.line, r.record_id, r.exporter_name, r.hs6, t.first_ru_by, r.bound_for,
       n.first_neighbour
FROM run_records r
JOIN to_ru_by t USING (exporter_key, hs6)
JOIN to_neighbour n USING (exporter_key, hs6)
WHERE r.bound_for IN {_NEIGHBOURS} AND r.date >= {_CUTOFF}
  AND n.first_neighbour >= {_CUTOFF} AND t.last_ru_by < n.first_neighbour
"""


DESTINATION_SWITCH_DETAIL = (
    "shipper '{exporter_name}' sent HS {hs6} to RU/BY from {first_ru_by}, then to {bound_for} "
    "from {first_neighbour}"
)


def split_shipments_sql(d: Dialect) -> str:
    """RF-20: several lines of one shipper/consignee/HS6 within days, below the HS6's median.

    The window runs only over the groups with at least ``SPLIT_MIN_LINES`` lines in the file: a
    smaller group cannot have that many lines within any window (most groups are single lines).
    """
    return f"""
WITH keyed AS (
    SELECT line, record_id, exporter_key, importer_key, hs6, date, value,
           coalesce(currency, '') AS currency_key, exporter_name, importer_name
    FROM run_records
    WHERE exporter_key IS NOT NULL AND importer_key IS NOT NULL AND hs6 IS NOT NULL
      AND date IS NOT NULL AND value IS NOT NULL
),
typical AS (
    SELECT hs6, currency_key, median(value) AS median_value FROM keyed
    GROUP BY hs6, currency_key
),
busy_groups AS (
    SELECT exporter_key, importer_key, hs6 FROM keyed
    GROUP BY exporter_key, importer_key, hs6 HAVING count(*) >= {SPLIT_MIN_LINES}
),
windowed AS (
    SELECT k.*, count(*) OVER near AS lines_near
    FROM keyed k JOIN busy_groups g USING (exporter_key, importer_key, hs6)
    WINDOW near AS (
        PARTITION BY exporter_key, importer_key, hs6 ORDER BY {d.days("date")}
        RANGE BETWEEN {SPLIT_WINDOW_DAYS} PRECEDING AND {SPLIT_WINDOW_DAYS} FOLLOWING
    )
)
SELECT w.line, w.record_id, w.lines_near, w.hs6, w.exporter_name, w.importer_name, w.date
FROM windowed w JOIN typical t USING (hs6, currency_key)
WHERE w.lines_near >= {SPLIT_MIN_LINES} AND w.value < t.median_value
"""


SPLIT_SHIPMENTS_DETAIL = (
    "{lines_near} lines of HS {hs6} from '{exporter_name}' to '{importer_name}' within "
    + str(SPLIT_WINDOW_DAYS)
    + " days of {date}, this one below the file's median value for the HS6"
)

RULES: tuple[FileRule, ...] = (
    FileRule(
        "RF-05",
        "new_chpl_importer",
        f"An importer outside the GECC with no CHPL imports before {INVASION_DATE} starts "
        f"importing CHPL goods after it at >= {VOLUME_JUMP_FACTOR:g}x its earlier import "
        "value rate "
        f"(>= {NEW_IMPORTER_MIN_LINES} lines; only when the file covers the time before).",
        0.2,
        "party",
        new_chpl_importer_sql,
        NEW_CHPL_IMPORTER_DETAIL,
    ),
    FileRule(
        "RF-08",
        "address_cluster",
        f"Many names at one address: >= {ADDRESS_MIN_NAMES} differently named exporters share it.",
        0.2,
        "party",
        address_cluster_sql,
        ADDRESS_CLUSTER_DETAIL,
    ),
    FileRule(
        "RF-15",
        "destination_switch",
        f"Destination switched: the same shipper and HS6 went to Russia/Belarus, then only to "
        f"a neighbour of theirs, from {INVASION_DATE} on.",
        0.35,
        "route",
        destination_switch_sql,
        DESTINATION_SWITCH_DETAIL,
    ),
    FileRule(
        "RF-20",
        "split_shipments",
        f">= {SPLIT_MIN_LINES} lines of the same shipper, consignee and HS6 within "
        f"+-{SPLIT_WINDOW_DAYS} days; flags those below the file's median value for that HS6 "
        "and currency.",
        0.25,
        "route",
        split_shipments_sql,
        SPLIT_SHIPMENTS_DETAIL,
    ),
    FileRule(
        "RF-21b",  # RF-21 (misleading documents), the price half
        "unit_value_outlier",
        f"Unit value more than {UNDERVALUE_FACTOR:g}x below the file's median for the same HS6, "
        f"currency and unit (>= {UNIT_VALUE_MIN_PEERS} peer lines).",
        0.3,
        "goods",
        unit_value_sql,
        UNIT_VALUE_DETAIL,
    ),
)
