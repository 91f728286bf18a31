"""Countries, currencies, dates and decimals in the forms customs exports write them."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from cordon.records.countries import iso2_array, to_iso2
from cordon.records.currencies import to_currency
from cordon.records.values import dates_array, decimals_array, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("China", "CN"),
        ("CN", "CN"),
        ("CHN", "CN"),
        ("КНР", "CN"),
        ("Китай", "CN"),
        ("中国", "CN"),
        ("China, People's Republic of", "CN"),
        ("156", "CN"),
        ("Hong Kong", "HK"),
        ("Гонконг", "HK"),
        ("中国香港", "HK"),
        ("香港", "HK"),
        ("UAE", "AE"),
        ("ОАЭ", "AE"),
        ("阿联酋", "AE"),
        ("United Arab Emirates", "AE"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Турция", "TR"),
        ("Russia", "RU"),
        ("Российская Федерация", "RU"),
        ("РФ", "RU"),
        ("俄罗斯", "RU"),
        ("643", "RU"),
        ("rus", "RU"),
        ("Белоруссия", "BY"),
        ("Kyrgyz Republic", "KG"),
        ("Киргизия", "KG"),
        ("США", "US"),
        ("Соединенные Штаты Америки", "US"),
        ("Crimea", "UA"),
    ],
)
def test_to_iso2(value: str, expected: str) -> None:
    assert to_iso2(value) == expected


@pytest.mark.parametrize("value", [None, "", "N/A", "XX", "неизвестно", "USSR", "EU", "Atlantis"])
def test_to_iso2_gives_none_for_unknowns_and_non_countries(value: str | None) -> None:
    assert to_iso2(value) is None


def test_iso2_array_separates_unknown_markers_from_garbage() -> None:
    codes, garbage = iso2_array(pa.array(["CN", None, "Atlantis", "N/A", "Китай", "CN"]))
    assert codes.to_pylist() == ["CN", None, None, None, "CN", "CN"]
    assert garbage.to_pylist() == [False, False, True, False, False, False]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("USD", "USD"),
        ("usd", "USD"),
        ("$", "USD"),
        ("доллар США", "USD"),
        ("840", "USD"),
        ("美元", "USD"),
        ("CNY", "CNY"),
        ("RMB", "CNY"),
        ("юань", "CNY"),
        ("Китайский юань", "CNY"),
        ("人民币", "CNY"),
        ("156", "CNY"),
        ("RUB", "RUB"),
        ("RUR", "RUB"),
        ("руб.", "RUB"),
        ("Российский рубль", "RUB"),
        ("643", "RUB"),
        ("EUR", "EUR"),
        ("евро", "EUR"),
        ("€", "EUR"),
    ],
)
def test_to_currency(value: str, expected: str) -> None:
    assert to_currency(value) == expected


def test_unknown_currency_is_none() -> None:
    assert to_currency("bananas") is None and to_currency("") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", date(2024, 3, 1)),
        ("2024-03-01T10:30:00", date(2024, 3, 1)),
        ("2024-03-01 00:00:00", date(2024, 3, 1)),
        ("01.03.2024", date(2024, 3, 1)),
        ("1/3/2024", date(2024, 3, 1)),
        ("03/25/2024", date(2024, 3, 25)),
        ("01-03-2024", date(2024, 3, 1)),
        ("2024/03/01", date(2024, 3, 1)),
        ("20240301", date(2024, 3, 1)),
        ("2024年3月1日", date(2024, 3, 1)),
        ("45352", date(2024, 3, 1)),
        ("45352.0", date(2024, 3, 1)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "31.02.2024", "2024-13-01", "123", "12345678"])
def test_parse_date_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError, match="not a valid date"):
        parse_date(text)


def test_dates_array_marks_garbage_only() -> None:
    dates, invalid = dates_array(pa.array(["2024-03-01", None, "soon", "01.03.2024"]))
    assert dates.to_pylist() == [date(2024, 3, 1), None, None, date(2024, 3, 1)]
    assert invalid.to_pylist() == [False, False, True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.56", 1234.56),
        ("1,234.56", 1234.56),
        ("1 234,56", 1234.56),
        ("1\u00a0234,56", 1234.56),
        ("1.234,56", 1234.56),
        ("1.234.567", 1234567.0),
        ("12,5", 12.5),
        ("0,125", 0.125),
        ("1,234", 1234.0),
        ("1'234.5", 1234.5),
        ("-3e2", -300.0),
        ("", None),
        (None, None),
    ],
)
def test_decimals_array_reads_each_notation(text: str | None, expected: float | None) -> None:
    numbers, invalid = decimals_array(pa.array([text], pa.string()))
    assert numbers.to_pylist() == [expected] and invalid.to_pylist() == [False]


def test_ambiguous_group_follows_the_column_convention() -> None:
    decimal_comma_column, _ = decimals_array(pa.array(["12,5", "0,75", "1,234", "88.682"]))
    assert decimal_comma_column.to_pylist() == [12.5, 0.75, 1.234, 88682.0]
    dot_column, _ = decimals_array(pa.array(["12.5", "0.75", "1,234", "88.682"]))
    assert dot_column.to_pylist() == [12.5, 0.75, 1234.0, 88.682]


@pytest.mark.parametrize("text", ["12 kg", "abc", "1.2.3,4,5", "--1"])
def test_decimals_array_flags_garbage(text: str) -> None:
    numbers, invalid = decimals_array(pa.array(["12.5", text], pa.string()))
    assert numbers.to_pylist() == [12.5, None] and invalid.to_pylist() == [False, True]
