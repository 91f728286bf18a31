"""The Common High Priority Items List (CHPL): 50 six-digit HS codes Russia seeks for its weapons.

Version of 23 February 2024, published by BIS with the EU, Japan and the UK. Tiers:
1 integrated circuits of highest concern; 2 other electronics; 3.A further electronic
components; 3.B mechanical and other components; 4.A equipment to make and test electronics;
4.B CNC machine tools. Labels are cordon's own short wording, not the official descriptions.
Records coded in HS 2017 aircraft parts (8803.xx) are read as their HS 2022 successor (8807.xx).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

CHPL_VERSION = "2024-02-23"
TIERS: tuple[str, ...] = ("1", "2", "3.A", "3.B", "4.A", "4.B")


@dataclass(frozen=True)
class ChplItem:
    """One CHPL code: its HS6 subheading, tier and a short label."""

    hs6: str
    tier: str
    label: str


_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("854231", "1", "processors and controllers"),
    ("854232", "1", "memories"),
    ("854233", "1", "amplifiers"),
    ("854239", "1", "other electronic integrated circuits"),
    ("851762", "2", "machines to receive, convert and transmit data (switches, routers, modems)"),
    ("852691", "2", "radio navigational aid apparatus (GNSS receivers)"),
    ("853221", "2", "tantalum fixed capacitors"),
    ("853224", "2", "ceramic dielectric multilayer capacitors"),
    ("854800", "2", "electrical parts of machinery n.e.s."),
    ("847150", "3.A", "processing units for computers"),
    ("850440", "3.A", "static converters (power supplies, inverters)"),
    ("851769", "3.A", "other transmission and reception apparatus"),
    ("852589", "3.A", "other television, digital and video cameras"),
    ("852910", "3.A", "aerials, antennas and their parts"),
    ("852990", "3.A", "parts for radio, radar and television apparatus"),
    ("853669", "3.A", "plugs and sockets up to 1000 V"),
    ("853690", "3.A", "other apparatus for electrical circuits up to 1000 V (connectors)"),
    ("854110", "3.A", "diodes"),
    ("854121", "3.A", "transistors under 1 W"),
    ("854129", "3.A", "transistors of 1 W or more"),
    ("854130", "3.A", "thyristors, diacs and triacs"),
    ("854149", "3.A", "photosensitive semiconductor devices"),
    ("854151", "3.A", "semiconductor-based transducers (sensors)"),
    ("854159", "3.A", "other semiconductor devices"),
    ("854160", "3.A", "mounted piezo-electric crystals"),
    ("848210", "3.B", "ball bearings"),
    ("848220", "3.B", "tapered roller bearings"),
    ("848230", "3.B", "spherical roller bearings"),
    ("848250", "3.B", "other cylindrical roller bearings"),
    ("880730", "3.B", "other parts of aircraft, helicopters and unmanned aircraft"),
    ("901310", "3.B", "telescopic sights, periscopes and telescopes for arms or machines"),
    ("901380", "3.B", "other optical devices and instruments"),
    ("901420", "3.B", "instruments for aeronautical or space navigation"),
    ("901480", "3.B", "other navigational instruments"),
    ("847180", "4.A", "other units of automatic data-processing machines"),
    ("848610", "4.A", "machines for making boules or wafers"),
    ("848620", "4.A", "machines for making semiconductor devices or integrated circuits"),
    ("848640", "4.A", "machines for masks, reticles and assembling or handling chips"),
    ("853400", "4.A", "printed circuits"),
    ("854320", "4.A", "signal generators"),
    ("902750", "4.A", "instruments using optical radiation (UV, visible, IR)"),
    ("903020", "4.A", "oscilloscopes"),
    ("903032", "4.A", "multimeters with a recording device"),
    ("903039", "4.A", "other instruments for electrical quantities with a recording device"),
    ("903082", "4.A", "instruments for checking semiconductor wafers or devices"),
    ("845710", "4.B", "machining centres for metal"),
    ("845811", "4.B", "numerically controlled horizontal lathes for metal"),
    ("845891", "4.B", "other numerically controlled lathes for metal"),
    ("845961", "4.B", "numerically controlled milling machines for metal"),
    ("846693", "4.B", "parts and accessories for machine tools of 8456 to 8461"),
)

CHPL: Mapping[str, ChplItem] = MappingProxyType(
    {hs6: ChplItem(hs6, tier, label) for hs6, tier, label in _ITEMS}
)

# HS 2017 subheadings whose HS 2022 successor is on the CHPL (heading 8803 moved to 8807).
HS2017_SUCCESSORS: Mapping[str, str] = MappingProxyType(
    {"880310": "880710", "880320": "880720", "880330": "880730", "880390": "880790"}
)


def chpl_item(hs6: str | None) -> ChplItem | None:
    """The CHPL entry for an HS6 code (HS 2022, or HS 2017 aircraft parts), or None."""
    if not hs6:
        return None
    return CHPL.get(hs6) or CHPL.get(HS2017_SUCCESSORS.get(hs6, ""))


def chpl_tier(hs6: str | None) -> str | None:
    """The CHPL tier ("1", "2", "3.A", "3.B", "4.A", "4.B") of an HS6 code, or None."""
    item = chpl_item(hs6)
    return item.tier if item is not None else None
