"""Name particles as data (``names/data/particles.yaml``), pinned on the real OFAC SDN names.

The particles moved from a Python literal in :mod:`cordon.names.persons` to a sourced data file.
Which words of the SDN list's names (``shared/data/ofac/sdn.csv``) are particles was computed from
the literal before the move; dropping one of those entries from the file fails here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from cordon.names.persons import PARTICLES, is_particle
from cordon.refdata import load

# Particles written in SDN names, computed from the Python table before it became data.
IN_SDN_NAMES = {
    "abd", "abu", "al", "ben", "bin", "da", "de", "del", "di", "du", "e", "el", "ibn", "la", "le",
    "ud", "ul", "y",
}  # fmt: skip


def test_the_particles_of_the_sdn_names_are_unchanged(shared_data: Path) -> None:
    words: set[str] = set()
    with (shared_data / "ofac" / "sdn.csv").open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) > 1:
                words |= set(re.split(r"[\W_]+", row[1].lower()))
    assert {word for word in words if is_particle(word)} == IN_SDN_NAMES


def test_every_particle_is_one_folded_word_with_its_own_source() -> None:
    entries = load("cordon.names", "particles.yaml", "particles")["particles"]
    assert len(entries) == len(PARTICLES) == 27  # no repeats
    for entry in entries:
        assert re.fullmatch(r"[a-z]+", entry["word"]) and entry["source"].strip(), entry
