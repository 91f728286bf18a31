"""The matcher's contract: what a query is and what a candidate answer carries.

Shared by the CLI (`cordon match`), the Python API (`cordon.match`), shipment screening and
the HTTP API, so every caller gets the same ranked, explained candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    """One party to screen: its names and whatever supporting facts the caller has."""

    names: tuple[str, ...]
    schema: str = "LegalEntity"  # FtM schema: LegalEntity, Company, Organization, Person, Vessel
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-2, lower or upper case
    identifiers: tuple[str, ...] = ()  # INN, OGRN, IMO, registration or tax numbers, any format
    birth_dates: tuple[str, ...] = ()  # ISO dates or prefixes (YYYY, YYYY-MM)


@dataclass(frozen=True)
class Feature:
    """One named piece of evidence and its contribution to the score."""

    name: str  # e.g. name_token_overlap, legal_form_mismatch, identifier_match
    value: float  # the feature's raw value in [0, 1]
    weight: float  # its weight in the calibrated score (negative weights penalise)
    detail: str = ""  # human-readable: which tokens, which transliteration, which id


@dataclass(frozen=True)
class Candidate:
    """A listed entity proposed for a query, with its score and the reasons for it."""

    entity_id: str  # FtM id in the store, e.g. us_ofac_sdn-12345
    dataset: str  # e.g. us_ofac_sdn
    source_id: str  # the list's own id: OFAC ent_num, UN reference number
    schema: str
    caption: str
    matched_name: str  # the listed name or alias that matched best
    query_name: str  # the query name it was compared with
    score: float  # calibrated, in [0, 1]
    features: tuple[Feature, ...] = field(default_factory=tuple)

    @property
    def explanation(self) -> str:
        """The features that carried the score, as one line for people."""
        parts = [
            f"{f.name}={f.value:.2f}" + (f" ({f.detail})" if f.detail else "")
            for f in self.features
        ]
        return "; ".join(parts)
