"""Header aliases in English, Russian and Chinese, the column map, the required-columns error."""

from __future__ import annotations

from pathlib import Path

import pytest

from cordon.records.errors import InputError
from cordon.records.headers import header_key, load_column_map, resolve_columns

# Header as written in the export -> the canonical field it must feed.
RUSSIAN = {
    "ОТПРАВИТЕЛЬ": "exporter_name",
    "ПОЛУЧАТЕЛЬ": "importer_name",
    "ИНН ПОЛУЧАТЕЛЯ": "importer_tax_id",
    "КОД ТНВЭД": "hs_code",
    "ОПИСАНИЕ ТОВАРА": "description",
    "СТРАНА ПРОИСХОЖДЕНИЯ": "origin_country",
    "ТОРГУЮЩАЯ СТРАНА": "dispatch_country",
    "СТРАНА НАЗНАЧЕНИЯ": "destination_country",
    "СТОИМОСТЬ": "value",
    "ВАЛЮТА": "currency",
    "ВЕС НЕТТО": "net_weight_kg",
    "ДАТА": "date",
    "АДРЕС ОТПРАВИТЕЛЯ": "exporter_address",
    "КОЛИЧЕСТВО": "quantity",
    "ЕД. ИЗМ.": "unit",
}
CHINESE = {
    "发货人": "exporter_name",
    "收货人": "importer_name",
    "商品编码": "hs_code",
    "商品名称": "description",
    "原产国": "origin_country",
    "启运国": "dispatch_country",
    "目的国": "destination_country",
    "金额": "value",
    "币制": "currency",
    "数量": "quantity",
    "单位": "unit",
    "净重": "net_weight_kg",
    "日期": "date",
}


def test_header_key_ignores_case_spaces_punctuation_and_yo() -> None:
    assert header_key(" H.S. Code ") == header_key("hs_code") == "hscode"
    assert header_key("Импортёр") == header_key("ИМПОРТЕР")


@pytest.mark.parametrize("expected", [RUSSIAN, CHINESE], ids=["russian", "chinese"])
def test_customs_export_headers(expected: dict[str, str]) -> None:
    plan = resolve_columns(Path("x.csv"), list(expected))
    assert {list(expected)[index]: field for index, field in plan.columns.items()} == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Shipper", "Consignee", "HS Code"], ["exporter_name", "importer_name", "hs_code"]),
        (
            ["EXPORTER", "Importer Name", "hs_code", "Goods Description"],
            ["exporter_name", "importer_name", "hs_code", "description"],
        ),
        (
            ["Seller", "Buyer", "Tariff Code", "Value USD"],
            ["exporter_name", "importer_name", "hs_code", "value"],
        ),
        (
            ["出口商", "进口商", "HS编码", "商品描述", "币种", "总价"],
            ["exporter_name", "importer_name", "hs_code", "description", "currency", "value"],
        ),
        (
            ["ЭКСПОРТЕР", "ТН ВЭД", "СТРАНА ОТПРАВЛЕНИЯ"],
            ["exporter_name", "hs_code", "dispatch_country"],
        ),
    ],
)
def test_english_and_other_variants(headers: list[str], expected: list[str]) -> None:
    plan = resolve_columns(Path("x.csv"), headers)
    assert [plan.columns[i] for i in range(len(headers))] == expected


def test_value_header_implies_currency_only_without_currency_column() -> None:
    assert resolve_columns(Path("x"), ["Shipper", "HS Code", "Value USD"]).implied_currency == "USD"
    assert (
        resolve_columns(Path("x"), ["Shipper", "HS Code", "Value USD", "Currency"]).implied_currency
        is None
    )


def test_first_matching_column_wins_and_map_overrides() -> None:
    headers = ["Shipper", "Exporter", "HS Code", "Tariff"]
    assert resolve_columns(Path("x"), headers).columns == {0: "exporter_name", 2: "hs_code"}
    plan = resolve_columns(Path("x"), headers, {"exporter_name": "Exporter", "hs_code": "tariff"})
    assert plan.columns == {1: "exporter_name", 3: "hs_code"}


def test_missing_required_columns() -> None:
    with pytest.raises(InputError) as caught:
        resolve_columns(Path("data/export.csv"), ["Shipper", "Description"])
    assert str(caught.value) == (
        "data/export.csv: missing required column(s): hs_code; "
        "headers found: 'Shipper', 'Description'; "
        "map them with --columns MAP.yaml"
    )


def test_column_map_naming_an_absent_header() -> None:
    with pytest.raises(InputError, match="no such column"):
        resolve_columns(Path("x"), ["Shipper", "HS Code"], {"importer_name": "Buyer"})


def test_column_map_yaml_errors(tmp_path: Path) -> None:
    bad_field = tmp_path / "map.yaml"
    bad_field.write_text("shipper_name: Verkäufer\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown canonical field"):
        load_column_map(bad_field)
    not_mapping = tmp_path / "list.yaml"
    not_mapping.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InputError, match="must be a mapping"):
        load_column_map(not_mapping)
    assert load_column_map({"hs_code": "Code"}) == {"hs_code": "Code"}
