"""Story categories: by code for navigation, radar, remote control, aircraft parts, turbojets; by
description (English, Russian, Chinese) for jamming equipment."""

from __future__ import annotations

import pyarrow as pa
import pytest

from cordon.goods.categories import CATEGORIES, story_categories, story_category


@pytest.mark.parametrize(
    ("hs6", "description", "category"),
    [
        ("852691", "GNSS receiver", "navigation"),
        ("852610", None, "radar"),
        ("852692", "remote control for garage doors", "remote_control"),
        ("880730", "propellers", "aircraft_parts"),
        ("880330", None, "aircraft_parts"),  # HS 2017 heading 8803
        ("8807", None, "aircraft_parts"),  # heading only
        ("841112", "turbojet engine", "turbojet"),
        ("841191", "parts of turbojets", "turbojet"),
        ("854370", "Drone jammer 5.8 GHz", "jamming"),
        ("852692", "Подавитель сигналов БПЛА", "jamming"),
        ("851769", "Глушитель сигнала GPS", "jamming"),
        ("854370", "комплекс РЭБ", "jamming"),
        ("854370", "无人机干扰器", "jamming"),
        ("854370", "信号屏蔽器", "jamming"),
        ("870892", "Глушитель для автомобиля", None),  # a car muffler is not a jammer
        ("854370", "ultrasonic cleaner", None),
        ("950300", "toy car", None),
        (None, None, None),
    ],
)
def test_story_category(hs6: str | None, description: str | None, category: str | None) -> None:
    assert story_category(hs6, description) == category
    assert category is None or category in CATEGORIES


def test_vectorized_form() -> None:
    result = story_categories(
        pa.array(["852691", "854370", None]), pa.array([None, "jammer", "anti-drone gun"])
    )
    assert result.to_pylist() == ["navigation", "jamming", "jamming"]
