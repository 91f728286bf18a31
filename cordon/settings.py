"""Every setting cordon has, declared once: the environment variables it reads and the tunables.

Why one module: an environment variable read in three packages, or a threshold written as a
module constant in two, is a fact the next engineer changes in one place and misses in the
other. Here each setting has its name, default, type and one line of documentation;
``docs/settings.md`` is generated from these tables (``scripts/gen_docs.py``) and
``tests/test_docs.py`` fails when the two differ. Code reads the environment only through
:meth:`EnvVar.raw` (a test checks that no other module calls ``os.environ.get``).

Tunables are the scoring and risk figures a run depends on: they are recorded in every run's
``summary.json`` (``tunables``), and ``/match`` accepts the threshold per request as yente does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvVar:
    """One environment variable cordon reads."""

    name: str
    kind: str  # path, int, float, text, flag
    default: str  # as documented ("" when unset means "off" or "none")
    doc: str

    def raw(self) -> str | None:
        """The variable's value, stripped; None when it is unset or blank."""
        value = os.environ.get(self.name, "").strip()
        return value or None


HOME = EnvVar(
    "CORDON_HOME", "path", "the user data directory (platformdirs)",
    "Directory of the store, the name indexes and downloaded reference data.",
)  # fmt: skip
LIST_STALE_DAYS = EnvVar(
    "CORDON_LIST_STALE_DAYS", "int", "7",
    "A list older than this many days (publication, else load date) is shown stale.",
)  # fmt: skip
LIST_MIRROR = EnvVar(
    "CORDON_LIST_MIRROR", "text", "",
    "Base URL `lists update` downloads from instead of the publishers' URLs.",
)  # fmt: skip
HS_BASE_URL = EnvVar(
    "CORDON_HS_BASE_URL", "text", "the WCO/UN nomenclature URL",
    "Where `goods update` fetches the HS nomenclature from.",
)  # fmt: skip
LANG = EnvVar(
    "CORDON_LANG", "text", "en",
    "Language of the CLI, the report and the web app: any with a catalogue in "
    "cordon/i18n/locale/ (en, ar, ru, zh).",
)  # fmt: skip
DIGITS = EnvVar(
    "CORDON_DIGITS", "text", "default",
    "Digits in numbers: `default` (the language's own), `latin` or `native`.",
)  # fmt: skip
I18N_STRICT = EnvVar(
    "CORDON_I18N_STRICT", "flag", "",
    "`1` marks every untranslated message with ⟦…⟧ (used by the catalogue tests).",
)  # fmt: skip
API_KEY = EnvVar(
    "CORDON_API_KEY", "text", "",
    "Key `cordon serve` requires from clients (same as --api-key).",
)  # fmt: skip
LOG_LEVEL = EnvVar(
    "CORDON_LOG_LEVEL", "text", "warning",
    "uvicorn log level of `cordon serve`.",
)  # fmt: skip
DEBUG = EnvVar(
    "CORDON_DEBUG", "flag", "",
    "Any value shows the traceback of an unexpected CLI error.",
)  # fmt: skip
MAX_NAME_LENGTH = EnvVar(
    "CORDON_MAX_NAME_LENGTH", "int", "1000",
    "Characters in one party name; longer names are refused (422, reject row).",
)  # fmt: skip
MAX_TOKEN_LENGTH = EnvVar(
    "CORDON_MAX_TOKEN_LENGTH", "int", "100",
    "Characters in one word of a name; longer words are refused.",
)  # fmt: skip
MATCH_TIMEOUT = EnvVar(
    "CORDON_MATCH_TIMEOUT", "float", "10",
    "Seconds one API match may take before it answers 503.",
)  # fmt: skip
READ_TIMEOUT = EnvVar(
    "CORDON_READ_TIMEOUT", "float", "30",
    "Seconds a client may pause in the middle of a request body (then 408).",
)  # fmt: skip
HEADER_TIMEOUT = EnvVar(
    "CORDON_HEADER_TIMEOUT", "float", "10",
    "Seconds a client has to send a request's headers (then 408 and the connection closed).",
)  # fmt: skip

ENV_VARS: tuple[EnvVar, ...] = (
    HOME, LIST_STALE_DAYS, LIST_MIRROR, HS_BASE_URL, LANG, DIGITS, I18N_STRICT, API_KEY,
    LOG_LEVEL, DEBUG, MAX_NAME_LENGTH, MAX_TOKEN_LENGTH, MATCH_TIMEOUT, READ_TIMEOUT,
    HEADER_TIMEOUT,
)  # fmt: skip


# -- tunables: the figures scoring and risk depend on ------------------------------------------

DEFAULT_THRESHOLD = 0.80
NEAR_MISS_MARGIN = 0.15
ALERT_RISK = 0.5
DUCKDB_MEMORY_LIMIT_MIB = 512
# Weight of the CHPL goods evidence by tier: Tier 1-2 are the items Russia most seeks.
CHPL_TIER_WEIGHTS: dict[str, float] = {
    "1": 0.4, "2": 0.35, "3.A": 0.25, "3.B": 0.25, "4.A": 0.2, "4.B": 0.2,
}  # fmt: skip
DEFAULT_CHPL_WEIGHT = 0.2  # a tier the table does not know still counts
# Similarity of two abjad-script (Arabic, Persian) words with the same consonant skeleton, by
# the skeleton's length: one or two consonants (L: Ali, Ula; SD: Said, Saud) say less than three.
ABJAD_SIMILARITY: dict[int, float] = {1: 0.75, 2: 0.8}
ABJAD_SIMILARITY_LONG = 0.9  # three consonants or more (MHMD)
# Name scoring (cordon.names.score): a name score is the weighted sum of query coverage, listed
# coverage and character similarity; evidence adds or subtracts; caps bound what little supports.
W_QUERY_COVERAGE = 0.55  # share of the query's IDF mass found in the listed name
W_LISTED_COVERAGE = 0.25  # share of the listed name's IDF mass found in the query
W_CHARACTERS = 0.20  # character similarity of the sorted phonetic keys
# People: unmatched listed names count more (SAMIR AZIZ is not SAMIR ABD AL-AZIZ AL-NAJIM).
W_PERSON_QUERY_COVERAGE = 0.45
W_PERSON_LISTED_COVERAGE = 0.35
LEGAL_FORM_MATCH = 0.03
LEGAL_FORM_MISMATCH = -0.08
COUNTRY_MATCH = 0.03
COUNTRY_MISMATCH = -0.06
BIRTH_DATE_MATCH = 0.05
BIRTH_DATE_MISMATCH = -0.12
WEAK_ALIAS = -0.05
COMMON_WORDS_ONLY = -0.5  # times the name score, when only common words matched
IDENTIFIER_VETO_CAP = 0.2
MIN_TOKEN_SIMILARITY = 0.75 - 1e-9  # one edit in a 4-letter word
LIGHT_TOKEN = 0.3  # weight factor of patronymics and particles in person names
INITIAL_SIMILARITY = 0.85
SYMBOL_SIMILARITY = 0.95  # two words sharing a symbol: завод ≈ plant (FACTORY)


@dataclass(frozen=True)
class Tunable:
    """One scoring or risk figure: its key in ``summary.json``, value and meaning."""

    key: str
    value: float
    doc: str


TUNABLES: tuple[Tunable, ...] = (
    Tunable(
        "party_match_threshold", DEFAULT_THRESHOLD,
        "Name-match score at or above which a party matches (`--threshold`, `/match?threshold=`).",
    ),
    Tunable(
        "near_miss_margin", NEAR_MISS_MARGIN,
        "RF-10 (near miss) looks this far below the party-match threshold.",
    ),
    Tunable(
        "alert_risk", ALERT_RISK,
        "Risk at or above which a record is alerted without a CHPL code or a party match.",
    ),
    *(
        Tunable(f"chpl_weight_tier_{tier}", weight, f"Risk weight of CHPL Tier {tier} goods.")
        for tier, weight in CHPL_TIER_WEIGHTS.items()
    ),
    Tunable(
        "chpl_weight_other", DEFAULT_CHPL_WEIGHT, "Risk weight of CHPL goods of any other tier.",
    ),
    *(
        Tunable(
            f"abjad_similarity_{length}", similarity,
            f"Similarity of two Arabic/Persian-script words sharing a {length}-consonant skeleton.",
        )
        for length, similarity in ABJAD_SIMILARITY.items()
    ),
    Tunable(
        "abjad_similarity_long", ABJAD_SIMILARITY_LONG,
        "Similarity of two Arabic/Persian-script words sharing a longer consonant skeleton.",
    ),
    *(
        Tunable(key, value, doc)
        for key, value, doc in (
            ("name_weight_query_coverage", W_QUERY_COVERAGE,
             "Name score: weight of the share of the query's IDF mass found in the listed name."),
            ("name_weight_listed_coverage", W_LISTED_COVERAGE,
             "Name score: weight of the share of the listed name's IDF mass found in the query."),
            ("name_weight_characters", W_CHARACTERS,
             "Name score: weight of the character similarity of the sorted phonetic keys."),
            ("person_weight_query_coverage", W_PERSON_QUERY_COVERAGE,
             "Person names: weight of query coverage (unmatched listed names count more)."),
            ("person_weight_listed_coverage", W_PERSON_LISTED_COVERAGE,
             "Person names: weight of listed-name coverage."),
            ("legal_form_match", LEGAL_FORM_MATCH, "Added when the legal forms agree."),
            ("legal_form_mismatch", LEGAL_FORM_MISMATCH, "Added when the legal forms differ."),
            ("country_match", COUNTRY_MATCH, "Added when a country agrees."),
            ("country_mismatch", COUNTRY_MISMATCH, "Added when the countries conflict."),
            ("birth_date_match", BIRTH_DATE_MATCH, "Added when a birth date agrees."),
            ("birth_date_mismatch", BIRTH_DATE_MISMATCH, "Added when the birth years conflict."),
            ("weak_alias", WEAK_ALIAS, "Added when the listed name matched is a weak alias."),
            ("common_words_only", COMMON_WORDS_ONLY,
             "Times the name score, added when only common words matched."),
            ("identifier_veto_cap", IDENTIFIER_VETO_CAP,
             "Highest score when an identifier of the same kind conflicts."),
            ("min_token_similarity", MIN_TOKEN_SIMILARITY,
             "Lowest edit similarity at which two words count as the same (one edit in four)."),
            ("light_token", LIGHT_TOKEN,
             "Weight factor of patronymics, initials and particles in person names."),
            ("initial_similarity", INITIAL_SIMILARITY, "Similarity of an initial to its name."),
            ("symbol_similarity", SYMBOL_SIMILARITY,
             "Similarity of two words sharing a symbol (завод ≈ plant, FACTORY)."),
        )
    ),
    Tunable(
        "duckdb_memory_limit_mib", DUCKDB_MEMORY_LIMIT_MIB,
        "DuckDB memory limit while screening (lowered to this, never raised; the rest spills).",
    ),
)  # fmt: skip


def tunables() -> dict[str, float]:
    """Every tunable by key, as a run records them in its summary."""
    return {tunable.key: tunable.value for tunable in TUNABLES}
