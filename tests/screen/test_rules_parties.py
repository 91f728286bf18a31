"""RF-04, RF-10, RF-12 and RF-16: who the parties are."""

from __future__ import annotations

import pytest

from cordon.screen.rules import RULES_BY_NAME
from tests.screen.helpers import fire

RF04 = RULES_BY_NAME["forwarder_consignee"]
RF10 = RULES_BY_NAME["near_miss"]
RF12 = RULES_BY_NAME["linked_to_listed"]
RF16 = RULES_BY_NAME["bank_consignee"]


@pytest.mark.parametrize(
    "consignee",
    ["ООО «Карго Экспресс Логистик»", "Swift Cargo Forwarding LLC", "新丝路国际物流有限公司",
     "Anadolu Lojistik A.Ş."],
)  # fmt: skip
def test_rf04_forwarder_named_as_consignee_of_chips(consignee: str) -> None:
    detail = fire(RF04, importer_name=consignee)
    assert detail == (
        f"controlled goods (HS 854231) consigned to logistics/forwarding firm '{consignee}'"
    )


def test_rf04_quiet_for_ordinary_goods_or_a_manufacturer() -> None:
    assert fire(RF04, importer_name="Swift Cargo LLC", hs6="620342", chpl_tier=None) is None
    assert fire(RF04, importer_name="АО «Завод Прибор»") is None


def test_rf04_fires_for_story_category_goods_outside_the_chpl() -> None:
    detail = fire(
        RF04, importer_name="Swift Cargo LLC", hs6="852610", chpl_tier=None, category="radar"
    )
    assert detail is not None and "852610" in detail


@pytest.mark.parametrize(
    "consignee",
    ["ПАО «Банк Северный Альянс»", "Siberian Commerce Bank JSC", "SBERBANK", "中国银行"],
)
def test_rf16_bank_as_consignee(consignee: str) -> None:
    assert fire(RF16, importer_name=consignee) == f"consignee '{consignee}' is a bank"


def test_rf16_quiet_for_an_embankment_address_name() -> None:
    assert fire(RF16, importer_name="Embankment Trading LLC") is None


def test_rf10_reports_near_misses_of_both_roles() -> None:
    detail = fire(
        RF10,
        exporter_near_miss="exporter 'Sino Electronic Co' resembles 'SINNO ELECTRONICS CO., LTD.'",
        importer_near_miss="importer 'Mikrone' resembles 'MIKRON'",
    )
    assert detail == (
        "exporter 'Sino Electronic Co' resembles 'SINNO ELECTRONICS CO., LTD.'; "
        "importer 'Mikrone' resembles 'MIKRON'"
    )
    assert fire(RF10) is None


def test_rf12_reports_a_party_linked_to_a_listed_entity() -> None:
    linked = (
        "importer 'Molot Oruzhie' resembles MOLOT-ORUZHIE, OOO is linked to KALASHNIKOV CONCERN"
    )
    assert fire(RF12, importer_linked=linked) == linked
    assert fire(RF12) is None
