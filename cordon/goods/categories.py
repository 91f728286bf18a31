"""Goods categories of the China-Russia military supply story: navigation, radar, remote control,
aircraft and UAV parts, turbojets, and equipment able to jam.

The first five follow from the HS code; jamming equipment has no code of its own (it is declared
under 8526.92, 8543.70, 8517.69...), so it is recognized from the description in English,
Russian or Chinese, whatever the code, and takes precedence.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from cordon.goods.keywords import Lexicon
from cordon.i18n.catalog import N_

CATEGORIES: tuple[str, ...] = (
    "navigation", "radar", "remote_control", "aircraft_parts", "turbojet", "jamming",
)  # fmt: skip

# How reports, alert pages and goods reasons name each category to a reader.
# N_ marks them for the message catalogues; cordon.i18n.labels.category_label translates them.
CATEGORY_LABELS: dict[str, str] = {
    "navigation": N_("radio-navigation / GNSS receivers"),
    "radar": N_("radar apparatus"),
    "remote_control": N_("radio remote-control apparatus"),
    "aircraft_parts": N_("aircraft and UAV parts"),
    "turbojet": N_("turbojets and gas turbines"),
    "jamming": N_("jamming / counter-drone equipment"),
}

# HS6 subheadings and 4-digit headings that define a category by code alone.
BY_HS6: dict[str, str] = {"852691": "navigation", "852610": "radar", "852692": "remote_control"}
BY_HEADING: dict[str, str] = {
    "8803": "aircraft_parts",
    "8807": "aircraft_parts",
    "8411": "turbojet",
}

JAMMING = Lexicon(
    "jamming",
    (
        "jammer*", "jamming", "signal jam*", "drone jam*", "signal suppress*", "signal blocker*",
        "anti-drone", "anti-uav", "counter-drone", "counter-uav", "electronic warfare",
        "подавител*", "подавлени* сигнал*", "подавлени* связ*", "глушилк*",
        "глушител* сигнал*", "глушител* связ*", "глушител* дрон*", "глушител* бпла",
        "глушител* gps", "глушител* gsm", "рэб", "радиоэлектронн* борьб*",
        "постановщик* помех", "генератор* помех", "антидрон*",
        "干扰器", "干扰机", "干扰仪", "信号屏蔽", "屏蔽器", "反无人机", "电子战",
    ),
)  # fmt: skip


def story_categories(hs6: pa.Array, descriptions: pa.Array) -> pa.Array:
    """Vectorized :func:`story_category`: a string array, null where no category applies.

    ``hs6`` may hold any normalized digit codes (4-digit headings, 8/10-digit national codes):
    only their first six and first four digits are looked at.
    """
    subheading = pc.utf8_slice_codeunits(hs6, 0, 6)
    heading = pc.utf8_slice_codeunits(hs6, 0, 4)
    by_code = pc.coalesce(_lookup(subheading, BY_HS6), _lookup(heading, BY_HEADING))
    jamming = JAMMING.matches(descriptions)
    return pc.if_else(jamming, pa.scalar("jamming"), by_code)


def story_category(hs6: str | None, description: str | None) -> str | None:
    """The story category of one record (see :data:`CATEGORIES`), or None.

    ``hs6`` may also be a 4-digit heading (8807, 8411) when the declaration gives no more.
    """
    result = story_categories(pa.array([hs6], pa.string()), pa.array([description], pa.string()))
    return result[0].as_py()


def _lookup(codes: pa.Array, table: dict[str, str]) -> pa.Array:
    keys = pa.array(list(table), pa.string())
    positions = pc.index_in(codes, value_set=keys)
    return pc.take(pa.array(list(table.values()), pa.string()), positions)
