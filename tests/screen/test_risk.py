"""The risk score: noisy-OR of the reasons' weights, the same in Python and in DuckDB."""

from __future__ import annotations

import itertools

import duckdb
import pytest

from cordon.screen.dialect import DUCKDB
from cordon.screen.risk import combine, create_scores
from cordon.settings import CHPL_TIER_WEIGHTS, DEFAULT_CHPL_WEIGHT


def test_evidence_accumulates_and_stays_in_range() -> None:
    assert combine([]) == 0.0
    assert combine([0.4]) == 0.4
    assert combine([0.4, 0.15]) == pytest.approx(1 - 0.6 * 0.85)
    assert combine([1.0, 0.2]) == 1.0
    assert combine([1.7, -0.3]) == 1.0  # out-of-range weights are clipped


def test_tier_one_chips_weigh_more_than_machine_tools() -> None:
    assert CHPL_TIER_WEIGHTS["1"] > CHPL_TIER_WEIGHTS["3.A"] > CHPL_TIER_WEIGHTS["4.B"]
    assert 0 < DEFAULT_CHPL_WEIGHT < 1  # an unknown tier still counts


# Three weights whose product rounds to 0.8125 in ascending order but to 0.8124 in two of the
# six orders (e.g. 0.44, 0.55..., 0.25): the SQL must take the ascending one whatever the row order.
ORDER_SENSITIVE = [0.25, 0.44, 0.5534523809523809]


@pytest.mark.parametrize(
    "weights",
    [
        [0.4],
        [0.25, 0.25, 0.25],
        [0.9, 0.35, 0.1, 0.05],
        [1.0],
        [1.7, -0.3],
        *(list(order) for order in itertools.permutations(ORDER_SENSITIVE)),
    ],
)
def test_sql_and_python_agree_exactly_whatever_the_row_order(weights: list[float]) -> None:
    conn = duckdb.connect()
    conn.execute("SET threads = 1")  # rows reach the aggregate in insertion order
    conn.execute("CREATE TABLE w (weight DOUBLE)")
    conn.executemany("INSERT INTO w VALUES (?)", [[w] for w in weights])
    assert conn.execute(f"SELECT {DUCKDB.risk()} FROM w").fetchone()[0] == combine(weights)


def test_order_sensitive_weights_are_order_sensitive() -> None:
    """The case above is a real one: some orders of the same weights round differently."""
    rounded = set()
    for order in itertools.permutations(ORDER_SENSITIVE):
        keep = 1.0
        for weight in order:
            keep *= 1.0 - weight
        rounded.add(round(1.0 - keep, 4))
    assert rounded == {0.8124, 0.8125}
    assert combine(ORDER_SENSITIVE) == 0.8125


@pytest.mark.parametrize("slice_lines", [250_000, 2, 1])
def test_scores_table_alerts_forced_or_risky_records(slice_lines: int) -> None:
    conn = duckdb.connect()
    conn.execute(
        "CREATE TABLE r (line BIGINT, record_id VARCHAR, rank INTEGER, kind VARCHAR, rule VARCHAR, "
        "weight DOUBLE, forced BOOLEAN, reason VARCHAR)"
    )
    conn.executemany(
        "INSERT INTO r VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [2, "A", 1, "chpl", None, 0.2, True, '{"kind":"chpl","hs6":"845710","tier":"4.B"}'],
            [
                3,
                "B",
                2,
                "red_flag",
                "RF-16",
                0.25,
                False,
                '{"kind":"red_flag","rule":"RF-16","detail":"x"}',
            ],
            [
                4,
                "C",
                2,
                "red_flag",
                "RF-21",
                0.5,
                False,
                '{"kind":"red_flag","rule":"RF-21","detail":"y"}',
            ],
            [
                4,
                "C",
                2,
                "red_flag",
                "RF-16",
                0.25,
                False,
                '{"kind":"red_flag","rule":"RF-16","detail":"x"}',
            ],
        ],
    )
    create_scores(conn, "r", "s", slice_lines=slice_lines)  # same scores however it is sliced
    rows = conn.execute("SELECT record_id, risk, alerted, reasons FROM s ORDER BY line").fetchall()
    assert [(rid, risk, alerted) for rid, risk, alerted, _ in rows] == [
        ("A", 0.2, True),
        ("B", 0.25, False),
        ("C", 0.625, True),
    ]
    assert rows[2][3].startswith('[{"kind":"red_flag","rule":"RF-16"')  # ordered by rule id


def test_reasons_ordered_by_rank_rule_then_text_whatever_the_row_order() -> None:
    """Null rules (party and CHPL reasons) sort after named ones at the same rank, as ORDER BY."""
    rows = [
        (2, "RF-21", '{"r":"rf21"}'),
        (0, None, '{"r":"party-b"}'),
        (2, None, '{"r":"no-rule"}'),
        (1, None, '{"r":"chpl"}'),
        (2, "RF-16", '{"r":"rf16-b"}'),
        (0, None, '{"r":"party-a"}'),
        (2, "RF-16", '{"r":"rf16-a"}'),
    ]
    expected = (
        '[{"r":"party-a"},{"r":"party-b"},{"r":"chpl"},{"r":"rf16-a"},{"r":"rf16-b"},'
        '{"r":"rf21"},{"r":"no-rule"}]'
    )
    conn = duckdb.connect()
    conn.execute("SET threads = 1")
    conn.execute("CREATE TABLE r (rank INTEGER, rule VARCHAR, reason VARCHAR)")
    for order in (rows, rows[::-1]):
        conn.execute("DELETE FROM r")
        conn.executemany("INSERT INTO r VALUES (?, ?, ?)", [list(row) for row in order])
        assert conn.execute(f"SELECT {DUCKDB.reasons_json} FROM r").fetchone()[0] == expected
