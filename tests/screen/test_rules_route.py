"""RF-01, RF-02, RF-03 and INF-01: where CHPL goods go and how they travel."""

from __future__ import annotations

from cordon.screen.rules import RULES_BY_NAME
from tests.screen.helpers import fire

RF01 = RULES_BY_NAME["chpl_to_non_gecc"]
RF02 = RULES_BY_NAME["chpl_via_hub"]
RF03 = RULES_BY_NAME["unusual_route_to_ru_by"]
INF01 = RULES_BY_NAME["cny_to_third_country"]


def test_rule_ids_follow_the_red_flag_doc() -> None:
    assert (RF01.id, RF02.id, RF03.id, INF01.id) == ("RF-01", "RF-02", "RF-03", "INF-01")


def test_rf01_chpl_microcontrollers_to_a_russian_importer() -> None:
    detail = fire(RF01)
    assert detail == "CHPL tier 1 goods (HS 854231) consigned to a party in RU, outside the GECC"


def test_rf01_quiet_for_a_german_consignee_or_ordinary_goods() -> None:
    assert fire(RF01, importer_country="DE", destination_country="DE") is None
    assert fire(RF01, hs6="620342", chpl_tier=None) is None


def test_rf01_falls_back_to_destination_when_importer_country_is_missing() -> None:
    assert "in KZ" in (fire(RF01, importer_country=None, destination_country="KZ") or "")


def test_rf02_us_gnss_modules_dispatched_from_hong_kong() -> None:
    detail = fire(
        RF02, hs6="852691", chpl_tier="2", origin_country="US", dispatch_country="HK",
        exporter_country="US", importer_country="RU",
    )  # fmt: skip
    assert detail == "CHPL goods (HS 852691) of US origin dispatched through transshipment hub HK"


def test_rf02_quiet_when_goods_leave_from_where_they_were_made() -> None:
    assert fire(RF02, origin_country="CN", dispatch_country="CN") is None
    assert fire(RF02, origin_country="DE", dispatch_country="FR") is None


def test_rf03_taiwanese_chips_to_russia_via_turkey() -> None:
    detail = fire(RF03, origin_country="TW", dispatch_country="TR", destination_country="RU")
    assert detail == "CHPL goods (HS 854231) bound for RU: origin TW but dispatched from TR"


def test_rf03_quiet_for_a_direct_route_or_another_destination() -> None:
    assert fire(RF03, origin_country="CN", dispatch_country="CN") is None
    assert (
        fire(RF03, origin_country="TW", dispatch_country="TR", destination_country="IN",
             importer_country="IN") is None
    )  # fmt: skip


def test_inf01_yuan_invoice_for_chips_consigned_to_kazakhstan() -> None:
    detail = fire(INF01, currency="CNY", importer_country="KZ", destination_country="KZ")
    assert detail == "CHPL goods (HS 854231) invoiced in CNY but consigned to KZ"


def test_inf01_quiet_for_yuan_trade_with_russia() -> None:
    assert fire(INF01, currency="CNY") is None
    assert fire(INF01, currency="USD", importer_country="KZ") is None
