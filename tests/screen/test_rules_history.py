"""File rules over a whole run in DuckDB: RF-05, RF-08, RF-15, RF-20 and RF-21b (unit value)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import duckdb

from cordon.screen.rules import RULES_BY_NAME
from cordon.screen.rules.base import drop_run_records, prepare_run_records
from tests.screen.helpers import flagged, persist_records

SHELL = "Room 1203, 12/F, Tower 2, Lippo Centre, 89 Queensway, Admiralty, Hong Kong"


def test_rf21_unit_value_twelve_times_below_the_files_median(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rule = RULES_BY_NAME["unit_value_outlier"]
    peers = [{"value": 12000.0 + 100 * i, "quantity": 2000.0} for i in range(10)]
    persist_records(
        store,
        "run",
        *peers,
        {"value": 1000.0, "quantity": 2000.0},
        {"value": 6000.0, "quantity": 2000.0},
    )
    hits = flagged(store, rule)
    assert rule.id == "RF-21b"
    assert list(hits) == ["R11"]
    assert "below the file's median" in hits["R11"] and "HS 854231" in hits["R11"]


def test_rf21_needs_ten_peers_of_the_same_currency_and_unit(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rule = RULES_BY_NAME["unit_value_outlier"]
    peers = [{"value": 12000.0, "quantity": 2000.0} for _ in range(8)]  # 9 lines with the outlier
    eur = [{"value": 12000.0, "quantity": 2000.0, "currency": "EUR"} for _ in range(5)]
    persist_records(store, "run", *peers, *eur, {"value": 100.0, "quantity": 2000.0})
    assert flagged(store, rule) == {}


def test_rf08_five_exporters_at_one_formation_agent_address(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rule = RULES_BY_NAME["address_cluster"]
    shells = [
        {"exporter_name": f"{word} Trading Limited", "exporter_address": address}
        for word, address in zip(
            ("Goldway", "Silverline", "Victory", "Fortune", "Unicorn"),
            (SHELL, SHELL.upper(), SHELL.replace(",", ""), SHELL, SHELL),
            strict=True,
        )
    ]
    four = [
        {"exporter_name": f"Firm {n}", "exporter_address": "1 Main Street, Almaty"}
        for n in range(4)
    ]
    persist_records(store, "run", *shells, *four)
    hits = flagged(store, rule)
    assert rule.id == "RF-08"
    assert sorted(hits) == ["R1", "R2", "R3", "R4", "R5"]
    assert "shared by 5 differently named exporters" in hits["R1"]


def test_rf05_importer_new_to_chpl_goods_with_sudden_volume(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rule = RULES_BY_NAME["new_chpl_importer"]
    newcomer = {
        "importer_name": "ТОО «Алтын Трейд»",
        "importer_tax_id": "230540012345",
        "importer_country": "KZ",
    }
    veteran = {
        "importer_name": "ТОО «Старый Импорт»",
        "importer_tax_id": "190340012345",
        "importer_country": "KZ",
    }
    tea = {"hs6": "090230", "chpl_tier": None, "value": 800.0, "date": date(2022, 1, 20)}
    persist_records(
        store,
        "run",
        {**newcomer, **tea},
        *(
            {**newcomer, "date": date(2022, 6, 1) + timedelta(days=30 * i), "value": 90000.0}
            for i in range(3)
        ),
        {**veteran, "date": date(2022, 1, 10)},
        *({**veteran, "date": date(2022, 7, 1) + timedelta(days=30 * i)} for i in range(3)),
    )
    hits = flagged(store, rule)
    assert rule.id == "RF-05"
    assert sorted(hits) == ["R2", "R3", "R4"]
    assert "had no CHPL imports before 2022-02-24; first on 2022-06-01" in hits["R2"]


def test_rf05_silent_when_the_file_starts_after_the_invasion(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rule = RULES_BY_NAME["new_chpl_importer"]
    persist_records(
        store,
        "run",
        *({"date": date(2023, 1, 1) + timedelta(days=9 * i), "value": 90000.0} for i in range(4)),
    )
    assert flagged(store, rule) == {}


def test_rf15_shipper_moves_its_chips_from_russia_to_kazakhstan(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rule = RULES_BY_NAME["destination_switch"]
    to_ru = {"destination_country": "RU", "importer_country": "RU"}
    to_kz = {"destination_country": "KZ", "importer_country": "KZ", "importer_name": "ТОО «Восток»"}
    interleaved = {"exporter_name": "Ningbo Kaitai Trading Co., Ltd."}
    persist_records(
        store,
        "run",
        {**to_ru, "date": date(2021, 12, 5)},
        {**to_ru, "date": date(2022, 2, 1)},
        {**to_kz, "date": date(2022, 6, 10)},
        {**to_kz, "date": date(2022, 9, 1)},
        {**interleaved, **to_ru, "date": date(2022, 1, 5)},
        {**interleaved, **to_kz, "date": date(2022, 5, 1)},
        {**interleaved, **to_ru, "date": date(2022, 8, 1)},
    )
    hits = flagged(store, rule)
    assert rule.id == "RF-15"
    assert sorted(hits) == ["R3", "R4"]
    assert "sent HS 854231 to RU/BY from 2021-12-05, then to KZ from 2022-06-10" in hits["R3"]


def test_rf20_five_small_lines_within_a_week(store: duckdb.DuckDBPyConnection) -> None:
    rule = RULES_BY_NAME["split_shipments"]
    split = [{"date": date(2023, 3, 1) + timedelta(days=i), "value": 300.0} for i in range(5)]
    others = [
        {
            "importer_name": f"ООО «Клиент {n}»",
            "importer_tax_id": f"77000000{n:02d}",
            "date": date(2023, 1, 1) + timedelta(days=9 * n),
            "value": 20000.0,
        }
        for n in range(10)
    ]
    three = [
        {
            "importer_name": "ООО «Тройка»",
            "importer_tax_id": "7799999999",
            "date": date(2023, 4, 1) + timedelta(days=i),
            "value": 300.0,
        }
        for i in range(3)
    ]
    persist_records(store, "run", *split, *others, *three)
    hits = flagged(store, rule)
    assert rule.id == "RF-20"
    assert sorted(hits) == ["R1", "R2", "R3", "R4", "R5"]
    assert hits["R1"].startswith("5 lines of HS 854231 from")


def test_file_rules_only_read_their_own_run(store: duckdb.DuckDBPyConnection) -> None:
    rule = RULES_BY_NAME["address_cluster"]
    shells = [{"exporter_name": f"Shell {n} Limited", "exporter_address": SHELL} for n in range(5)]
    persist_records(store, "other-run", *shells)
    assert flagged(store, rule, "run") == {}
    assert len(flagged(store, rule, "other-run")) == 5


def test_rf20_rouble_lines_are_compared_with_rouble_lines(store: duckdb.DuckDBPyConnection) -> None:
    rule = RULES_BY_NAME["split_shipments"]
    split = [
        {"date": date(2023, 3, 1) + timedelta(days=i), "value": 25_000.0, "currency": "RUB"}
        for i in range(4)
    ]
    roubles = [
        {"importer_name": f"ООО «Клиент {n}»", "importer_tax_id": f"77100000{n:02d}",
         "date": date(2023, 1, 1) + timedelta(days=9 * n), "value": 1_700_000.0, "currency": "RUB"}
        for n in range(5)
    ]  # fmt: skip
    dollars = [
        {"importer_name": f"Buyer {n} LLC", "importer_tax_id": f"55500000{n:02d}",
         "date": date(2023, 6, 1) + timedelta(days=9 * n), "value": 300.0}
        for n in range(12)
    ]  # fmt: skip
    persist_records(store, "run", *split, *roubles, *dollars)
    assert sorted(flagged(store, rule)) == ["R1", "R2", "R3", "R4"]


def test_rf20_restricted_to_busy_groups_flags_what_the_full_window_flags(
    store: duckdb.DuckDBPyConnection,
) -> None:
    """The window runs only over groups of >= 4 lines; over every group it flags the same rows."""
    rule = RULES_BY_NAME["split_shipments"]
    rng = random.Random(20)
    records = []
    for group in range(60):
        size = 1 + group % 6  # groups of 1 to 6 lines
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(300))
        hs6 = ("854231", "847150")[group % 2]
        for _ in range(size):
            day += timedelta(days=rng.choice((0, 1, 2, 3, 4, 6, 9)))
            records.append(
                {
                    "exporter_name": f"Exporter {group % 7} Trading Co",
                    "importer_name": f"ООО «Покупатель {group}»",
                    "importer_tax_id": f"77{group:08d}",
                    "hs_code": hs6 + "0000",
                    "hs6": hs6,
                    "date": day,
                    "value": float(rng.choice((200, 400, 900, 5_000, 20_000))),
                    "currency": rng.choice(("USD", "USD", "EUR")),
                }
            )
    persist_records(store, "run", *records)
    restricted = "FROM keyed k JOIN busy_groups g USING (exporter_key, importer_key, hs6)"
    assert restricted in rule.sql()
    full = rule.sql().replace(restricted, "FROM keyed k")  # the window over every group
    prepare_run_records(store, "run")
    try:
        new = store.execute(rule.sql() + " ORDER BY line").fetchall()
        old = store.execute(full + " ORDER BY line").fetchall()
    finally:
        drop_run_records(store)
    sizes = {line: near for line, _, near, *_ in new}
    assert len(new) >= 20 and {4, 5, 6} <= set(sizes.values())  # the rule fires in many groups
    assert new == old
