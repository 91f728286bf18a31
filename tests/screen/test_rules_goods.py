"""RF-21a (misleading documents): a description that contradicts the declared HS code."""

from __future__ import annotations

from cordon.screen.rules import RULES_BY_NAME
from tests.screen.helpers import fire

RULE = RULES_BY_NAME["description_contradicts_code"]


def test_chips_declared_as_plastic_toys() -> None:
    detail = fire(
        RULE,
        hs6="950300",
        chpl_tier=None,
        description="Integrated circuits, microcontrollers STM32",
        description_conflict="describes integrated circuits (8542), not toys (9503)",
    )
    assert RULE.id == "RF-21a"
    conflict = "describes integrated circuits (8542), not toys (9503)"
    assert detail == f"description contradicts HS 950300: {conflict}"


def test_quiet_when_the_goods_stage_saw_no_conflict() -> None:
    assert fire(RULE, description_conflict=None) is None
