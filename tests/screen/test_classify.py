"""The goods stage of the pipeline: HS6, CHPL tier, story category and description conflicts."""

from __future__ import annotations

import polars as pl

from cordon.screen.classify import GOODS_COLUMNS, classify


def _batch(codes: list[str | None], descriptions: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {"hs_code": codes, "description": descriptions},
        schema={"hs_code": pl.String, "description": pl.String},
    )


def test_full_codes_get_hs6_tier_and_category() -> None:
    out = classify(_batch(["8526.91.0000", "3926909709"], ["GNSS receiver", "plastic parts"]))
    assert set(GOODS_COLUMNS) <= set(out.columns)
    assert out.get_column("hs6").to_list() == ["852691", "392690"]
    assert out.get_column("chpl_tier").to_list() == ["2", None]
    assert out.get_column("category").to_list() == ["navigation", None]


def test_four_digit_headings_still_get_their_story_category() -> None:
    out = classify(_batch(["8807", "8411"], ["parts of UAV", "turbojet engine"]))
    assert out.get_column("hs6").to_list() == [None, None]
    assert out.get_column("category").to_list() == ["aircraft_parts", "turbojet"]
    assert "_goods_key" not in out.columns


def test_chips_under_a_toy_code_raise_a_description_conflict() -> None:
    out = classify(_batch(["950300"], ["microcontroller STM32F407 integrated circuits"]))
    assert out.get_column("description_conflict").to_list()[0]
