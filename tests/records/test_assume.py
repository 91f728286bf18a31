"""Input defaults: --assume, the assume: section of a column map, ДТ import extracts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cordon.records.assume import parse_assume
from cordon.records.errors import InputError
from cordon.records.read import read_batches

DT_IMPORT = Path(__file__).resolve().parents[1] / "fixtures" / "records" / "dt_import.csv"


def _rows(path: Path, **kwargs: object) -> list[dict[str, object]]:
    return [row for batch in read_batches(path, **kwargs) for row in batch.table.to_pylist()]  # type: ignore[arg-type]


def test_dt_import_rows_are_bound_for_russia_and_marked_assumed() -> None:
    rows = {row["record_id"]: row for row in _rows(DT_IMPORT)}
    assert len(rows) == 4
    for record_id, row in rows.items():
        if record_id.endswith("0045678"):  # graph 1 = ЭК: an export, no default
            assert (row["destination_country"], row["assumed"]) == (None, None)
        else:
            assert (row["destination_country"], row["assumed"]) == ("RU", "destination_country")
    first = rows["10005020/150323/0012345"]
    # ДТ field codes are read as their canonical fields
    assert (first["exporter_name"], first["importer_name"], first["importer_tax_id"]) == (
        "SHENZHEN HUAXIN ELECTRONICS CO LTD", 'ООО "НАВИГАТОР"', "7701234567")
    assert (first["dispatch_country"], first["origin_country"], first["hs_code"]) == (
        "HK", "CN", "8526910000")
    assert (first["value"], first["currency"]) == (182000.0, "CNY")


def test_a_dt_code_layout_without_graph_1_is_taken_as_imports(tmp_path: Path) -> None:
    text = DT_IMPORT.read_bytes().decode("cp1251").splitlines()
    table = list(csv.reader(text, delimiter=";"))
    column = table[0].index("G011")
    kept = [row[:column] + row[column + 1:] for row in table[:4]]  # the three import rows
    path = tmp_path / "imports.csv"
    path.write_text("\n".join(";".join(row) for row in kept) + "\n", encoding="utf-8")
    rows = _rows(path)
    assert [(r["destination_country"], r["assumed"]) for r in rows] == [
        ("RU", "destination_country")] * 3


def test_no_default_without_a_dt_layout_or_an_assumption(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("record_id,exporter_name,hs_code,origin_country\nA1,Acme,852691,CN\n",
                    encoding="utf-8")
    [row] = _rows(path)
    assert (row["destination_country"], row["assumed"]) == (None, None)
    [row] = _rows(path, assume={"destination_country": "Russia", "origin_country": "DE"})
    # a default fills an empty field, never a written one
    assert (row["destination_country"], row["origin_country"], row["assumed"]) == (
        "RU", "CN", "destination_country")


def test_assume_section_of_a_column_map(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("ref,seller,code\nA1,Acme,852691\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  record_id: ref\n  exporter_name: seller\n  hs_code: code\n"
                       "assume:\n  destination_country: RU\n  currency: рубль\n", encoding="utf-8")
    [row] = _rows(path, column_map=mapping)
    assert (row["record_id"], row["destination_country"], row["currency"], row["assumed"]) == (
        "A1", "RU", "RUB", "destination_country,currency")
    mapping.write_text("record_id: ref\nexporter_name: seller\nhs_code: code\n"
                       "assume:\n  destination_country: Narnia\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"map\.yaml.*assumed destination_country 'Narnia'"):
        _rows(path, column_map=mapping)


@pytest.mark.parametrize(("items", "says"), [
    (["importer_name=X"], "cannot assume 'importer_name'"),
    (["destination_country=Narnia"], "'Narnia' is not a recognized country"),
    (["destination_country"], "'' is not a recognized country"),
    (["currency=ZZZ"], "'ZZZ' is not a recognized currency"),
])
def test_bad_assumptions_are_clear_errors(items: list[str], says: str) -> None:
    with pytest.raises(InputError, match=says):
        parse_assume(items)
    assert parse_assume(["destination_country = россия"]) == {"destination_country": "RU"}
