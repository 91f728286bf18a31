"""Descriptions that contradict their HS code, in English, Russian and Chinese."""

from __future__ import annotations

import pyarrow as pa
import pytest

from cordon.goods.descriptions import description_conflict, description_conflicts


@pytest.mark.parametrize(
    ("hs6", "description", "family"),
    [
        ("950300", "Microcontroller STM32F103C8T6", "integrated circuits"),
        ("392690", "Микросхемы интегральные", "integrated circuits"),
        ("392690", "МИКРОСХЕМЫ STM32 В АССОРТИМЕНТЕ", "integrated circuits"),
        ("630790", "集成电路 芯片", "integrated circuits"),
        ("732690", "FPGA Xilinx XC7A35T", "integrated circuits"),
        ("950300", "Quadcopter DJI Mavic 3", "drones or drone parts"),
        ("940540", "Беспилотный летательный аппарат, части", "drones or drone parts"),
        ("691490", "无人机飞控", "drones or drone parts"),
        ("392690", "Tantalum capacitors", "capacitors"),
        ("401699", "Транзисторы IGBT", "discrete semiconductors"),
        ("830249", "北斗卫星导航模块", "satellite navigation equipment"),
        ("940549", "Тепловизор", "thermal imaging or night vision equipment"),
        ("950300", "Подавитель дронов", "radio jamming equipment"),
        ("392690", "подшипники шариковые", "bearings"),
    ],
)
def test_conflicts_are_explained(hs6: str, description: str, family: str) -> None:
    detail = description_conflict(hs6, description)
    assert detail is not None
    assert f"description names {family}" in detail and f"HS {hs6} is in chapter {hs6[:2]}" in detail


@pytest.mark.parametrize(
    ("hs6", "description"),
    [
        ("854231", "Microcontroller STM32F103"),  # the right code
        ("847330", "Микросхемы для компьютеров"),  # computer parts: chapter 84
        ("950300", "Toy robot with STM32 microcontroller"),  # a toy containing a chip is a toy
        ("950300", "Игрушка радиоуправляемая с дроном"),
        ("950300", "儿童玩具 无人机"),
        ("392690", "Plastic case for microcontroller boards"),
        ("200520", "potato chips"),  # snacks, not microchips
        ("200520", "чипсы картофельные"),
        ("441011", "chipboard panels"),
        ("870892", "Глушитель выхлопной"),
        ("950300", None),
        (None, "Microcontroller STM32"),  # no code, nothing to contradict
    ],
)
def test_consistent_or_undecidable_descriptions_pass(
    hs6: str | None, description: str | None
) -> None:
    assert description_conflict(hs6, description) is None


def test_vectorized_form_reports_only_conflicts() -> None:
    result = description_conflicts(
        pa.array(["950300", "854231", "392690", None]),
        pa.array(
            ["STM32 microcontroller", "STM32 microcontroller", "пластмассовые изделия", "chip"]
        ),
    )
    assert [value is not None for value in result.to_pylist()] == [True, False, False, False]
