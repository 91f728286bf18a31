"""Identifiers: normalization, kind recognition by checksum, confirmation and veto."""

from __future__ import annotations

from cordon.names.identifiers import (
    compare_identifiers,
    entity_identifiers,
    identifier_kind,
    normalize_identifier,
)

ROE = {"innCode": ["7718852163"], "ogrnCode": ["1117746521452"], "imoNumber": ["IMO 9321483"]}


def test_normalize_identifier_drops_labels_and_punctuation() -> None:
    assert normalize_identifier("IMO 9321483") == "9321483"
    assert normalize_identifier("inn: 7718-852-163") == "7718852163"


def test_identifier_kind_by_checksum() -> None:
    assert identifier_kind("7718852163") == "inn"
    assert identifier_kind("1117746521452") == "ogrn"
    assert identifier_kind("9321483") == "imo"
    assert identifier_kind("1234567890") is None  # bad INN checksum


def test_entity_identifiers_map_values_to_kinds() -> None:
    assert entity_identifiers(ROE) == {
        "7718852163": "inn",
        "1117746521452": "ogrn",
        "9321483": "imo",
    }


def test_equal_identifier_confirms() -> None:
    verdict, detail = compare_identifiers(["INN 7718852163"], entity_identifiers(ROE))
    assert verdict == "match" and "7718852163" in detail


def test_conflicting_identifier_of_same_kind_vetoes() -> None:
    verdict, detail = compare_identifiers(
        ["7707083893"], entity_identifiers(ROE)
    )  # another valid INN
    assert verdict == "veto" and "inn 7707083893" in detail


def test_unrecognized_identifier_neither_confirms_nor_vetoes() -> None:
    assert compare_identifiers(["ABC-123"], entity_identifiers(ROE)) == (None, "")
    assert compare_identifiers(["7707083893"], {}) == (None, "")
