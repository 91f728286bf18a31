"""Descriptions that contradict their HS code: chips declared as toys, "микросхемы" as plastics.

Method. Each *goods family* of concern (integrated circuits, discrete semiconductors,
capacitors, navigation, radar, drones, jammers, thermal imagers, bearings) has a multilingual
term list and the HS chapters where such goods are legitimately classified. A description
naming a family conflicts with its code when the code's chapter is not one of those — unless
the description also names the kind of goods the declared chapter covers ("toy drone" under
chapter 95, "plastic case for microcontroller" under 39): a chip inside a toy is still a toy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cordon.goods.categories import JAMMING
from cordon.goods.keywords import Lexicon


@dataclass(frozen=True)
class Family:
    """Goods whose description is checked against the declared chapter."""

    lexicon: Lexicon
    label: str  # what the description says the goods are
    chapters: frozenset[str]  # HS chapters where such goods belong
    expected: str  # where such goods are classified, for the explanation


_ELECTRONICS = frozenset({"84", "85", "88", "90"})

FAMILIES: tuple[Family, ...] = (
    Family(JAMMING, "radio jamming equipment", frozenset({"85"}), "chapter 85"),
    Family(
        Lexicon(
            "integrated_circuits",
            (
                "microcontroller*", "microprocessor*", "integrated circuit*", "ic chip*",
                "microchip*", "chipset*", "memory chip*", "semiconductor chip*", "fpga*",
                "asic*", "dram", "sdram", "nand flash", "mcu", "stm32*", "atmega*", "esp32*",
                "xilinx", "altera", "микросхем*", "микроконтроллер*", "микропроцессор*",
                "интегральн* схем*", "плис", "чип", "чипы", "чипов", "集成电路", "芯片",
                "单片机", "微控制器", "微处理器", "存储芯片",
            ),
        ),
        "integrated circuits",
        _ELECTRONICS,
        "8542 (electronic integrated circuits)",
    ),
    Family(
        Lexicon(
            "semiconductors",
            (
                "transistor*", "mosfet*", "igbt*", "thyristor*", "транзистор*", "тиристор*",
                "晶体管", "场效应管", "可控硅",
            ),
        ),
        "discrete semiconductors",
        _ELECTRONICS,
        "8541 (semiconductor devices)",
    ),
    Family(
        Lexicon("capacitors", ("capacitor*", "конденсатор*", "电容器", "电容")),
        "capacitors",
        _ELECTRONICS,
        "8532 (capacitors)",
    ),
    Family(
        Lexicon(
            "navigation",
            (
                "gnss", "gps receiver*", "gps module*", "glonass", "navigation receiver*",
                "navigation module*", "глонасс", "навигационн* приемник*", "навигационн* модул*",
                "гнсс", "导航模块", "导航接收机", "北斗", "卫星导航",
            ),
        ),
        "satellite navigation equipment",
        _ELECTRONICS | {"87", "89"},
        "8526.91 (radio navigational aid apparatus)",
    ),
    Family(
        Lexicon("radar", ("radar*", "радар*", "радиолокац*", "рлс", "雷达")),
        "radar equipment",
        _ELECTRONICS | {"87", "89"},
        "8526.10 (radar apparatus)",
    ),
    Family(
        Lexicon(
            "drones",
            (
                "drone*", "uav*", "unmanned aerial", "unmanned aircraft", "quadcopter*",
                "multicopter*", "flight controller*", "дрон*", "бпла", "беспилотн*",
                "квадрокоптер*", "мультикоптер*", "полетн* контроллер*", "无人机",
                "四轴飞行器", "飞控",
            ),
        ),
        "drones or drone parts",
        _ELECTRONICS,
        "8806 (unmanned aircraft) or 8807 (parts)",
    ),
    Family(
        Lexicon(
            "thermal_imaging",
            (
                "thermal imag*", "thermal camera*", "night vision", "infrared camera*",
                "тепловизор*", "тепловизион*", "ночного видения", "热像仪", "热成像", "夜视",
            ),
        ),
        "thermal imaging or night vision equipment",
        _ELECTRONICS,
        "8525 (cameras) or 9013/9005 (optical devices)",
    ),
    Family(
        Lexicon("bearings", ("bearing*", "подшипник*", "轴承")),
        "bearings",
        frozenset({"84", "85", "87", "88", "90"}),
        "8482 (ball and roller bearings)",
    ),
)  # fmt: skip

# Words naming the goods of chapters often used as cover: when present, the code is plausible.
COVER_TERMS: dict[str, Lexicon] = {
    "95": Lexicon("toys", ("toy*", "game*", "игрушк*", "игров*", "детск*", "玩具", "游戏")),
    "39": Lexicon("plastics", ("plastic*", "пластмасс*", "пластик*", "полимер*", "塑料")),
    "73": Lexicon("steel articles", ("steel", "iron", "стальн*", "сталь", "钢", "铁")),
    "76": Lexicon("aluminium articles", ("aluminium", "aluminum", "алюмин*", "铝")),
    "94": Lexicon(
        "furniture and lamps", ("furniture", "lamp*", "мебел*", "светильник*", "家具", "灯")
    ),
    "49": Lexicon(
        "printed matter", ("book*", "manual*", "catalog*", "книг*", "каталог*", "书", "手册")
    ),
    "42": Lexicon("cases and bags", ("case*", "bag*", "чехол*", "сумк*", "кейс*", "包", "袋")),
}  # fmt: skip


def description_conflicts(codes: pa.Array, descriptions: pa.Array) -> pa.Array:
    """Vectorized :func:`description_conflict`: explanation text or null, per record."""
    chapters = pc.utf8_slice_codeunits(codes, 0, 2)
    explained: list[str | None] = [None] * len(codes)
    pending = np.ones(len(codes), dtype=bool)
    for number, family in enumerate(FAMILIES):
        named = family.lexicon.matches(descriptions)
        allowed = pc.is_in(chapters, value_set=pa.array(sorted(family.chapters)))
        conflict = pc.and_(pc.and_(named, pc.is_valid(chapters)), pc.invert(allowed))
        rows = np.flatnonzero(_as_numpy(conflict) & pending)
        if not len(rows):
            continue
        picked = pa.array(rows)
        pairs = zip(
            codes.take(picked).to_pylist(), descriptions.take(picked).to_pylist(), strict=True
        )
        for row, (code, description) in zip(rows.tolist(), pairs, strict=True):
            detail = _explain(number, code, description)
            if detail is not None:
                explained[row] = detail
                pending[row] = False
    return pa.array(explained, pa.string())


def description_conflict(hs6: str | None, description: str | None) -> str | None:
    """Why a description contradicts its HS code, or None when it does not (or cannot be told).

    ``hs6`` may be any normalized code of 2+ digits; only its chapter is compared.
    """
    result = description_conflicts(
        pa.array([hs6], pa.string()), pa.array([description], pa.string())
    )
    return result[0].as_py()


@lru_cache(maxsize=65536)
def _explain(family_number: int, code: str, description: str) -> str | None:
    family = FAMILIES[family_number]
    cover = COVER_TERMS.get(code[:2])
    if cover is not None and cover.first_term(description) is not None:
        return None
    term = family.lexicon.first_term(description)
    return (
        f"description names {family.label} ({term!r}) but HS {code} is in chapter {code[:2]}; "
        f"such goods are classified under {family.expected}"
    )


def _as_numpy(mask: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)
