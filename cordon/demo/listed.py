"""The sample-list parties the demo plants, and realistic variant spellings of their names."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import orjson

from cordon.lists.registry import SAMPLE_DATASET, source_id_of
from cordon.lists.sample import sample_path

# State bodies that would not appear as a commercial consignee.
_NOT_TRADERS = re.compile(r"DIRECTORATE|SECURITY SERVICE|DEPARTMENT", re.IGNORECASE)


@dataclass(frozen=True)
class ListedParty:
    """A designated company from the sample list, as the demo uses it."""

    entity_id: str  # FtM id, e.g. us_ofac_sdn-18782
    source_id: str  # the list's own id as alerts report it
    names: tuple[str, ...]  # name, aliases and previous names
    country: str  # ISO alpha-2, upper case
    tax_ids: tuple[str, ...]  # INN / tax numbers


def load_listed_parties(path: Path | None = None) -> list[ListedParty]:
    """Companies and organisations with a country from the bundled sample list."""
    parties = []
    with (path or sample_path()).open("rb") as fh:
        for line in fh:
            if not line.strip():
                continue
            data = orjson.loads(line)
            props = data.get("properties", {})
            if data.get("schema") not in ("Company", "Organization") or not props.get("country"):
                continue
            names = tuple(
                dict.fromkeys(
                    n for key in ("name", "alias", "previousName") for n in props.get(key, [])
                )
            )
            if not names or _NOT_TRADERS.search(names[0]):
                continue
            tax_ids = tuple(dict.fromkeys([*props.get("innCode", []), *props.get("taxNumber", [])]))
            parties.append(
                ListedParty(
                    entity_id=data["id"],
                    source_id=source_id_of(data["id"], SAMPLE_DATASET),
                    names=names,
                    country=str(props["country"][0]).upper(),
                    tax_ids=tax_ids,
                )
            )
    return parties


# Legal-form rewrites a declarant or a data provider plausibly makes (pattern, replacements).
_LEGAL_FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bJOINT[- ]STOCK COMPANY\b", ("JSC", "AO", "Joint Stock Co.")),
    (r"\bJSC\b", ("Joint Stock Company", "AO", "АО")),
    (r"\bOJSC\b|\bOAO\b", ("JSC", "PAO", "ОАО")),
    (r"\bCO\.?,? ?LTD\.?", ("COMPANY LIMITED", "Co Ltd", "CO., LIMITED")),
    (r"\bLIMITED\b(?! LIABILITY)", ("LTD", "Ltd.")),
    (r"\bLIMITED LIABILITY COMPANY\b", ("LLC", "OOO")),
    (r"\bLLC\b", ("OOO", "ООО", "L.L.C.")),
    (r"\bOOO\b", ("LLC", "ООО")),
    (r"^АО\b", ("Акционерное общество", "AO")),
    (r"^ООО\b", ("Общество с ограниченной ответственностью", "OOO")),
)


def _swap_legal_form(name: str, rng: random.Random) -> str:
    for pattern, replacements in _LEGAL_FORMS:
        if re.search(pattern, name, flags=re.IGNORECASE):
            return re.sub(pattern, rng.choice(replacements), name, count=1, flags=re.IGNORECASE)
    return name


def _strip_punctuation(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[«»\"'.,()]", " ", name)).strip()


def name_variant(name: str, rng: random.Random) -> str:
    """A plausible rewriting of a listed name: case, punctuation, quotes, legal form."""
    choice = rng.random()
    if choice < 0.2:
        variant = name
    elif choice < 0.4:
        variant = name.upper() if rng.random() < 0.5 else name.title()
    elif choice < 0.6:
        variant = _strip_punctuation(name)
    elif choice < 0.85:
        variant = _swap_legal_form(name, rng)
    else:
        variant = _strip_punctuation(_swap_legal_form(name, rng)).upper()
    return variant or name
