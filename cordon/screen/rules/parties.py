"""Record rules about who the parties are: RF-04 forwarder consignee, RF-16 bank consignee,
RF-10 near-miss list match and RF-12 party linked to a listed entity.

RF-10 and RF-12 read columns the party stage adds (``exporter_near_miss``, ``importer_linked``).
"""

from __future__ import annotations

import polars as pl

from cordon.screen.rules.base import RecordRule

# Forwarding / logistics terms in English, German, French, Spanish, Russian, Chinese and Turkish.
FORWARDER_PATTERN = (
    r"(?i)(logisti|forward|freight|cargo|express|shipping|courier|transport|spedition|"
    r"transitaire|nakliyat|lojistik|логисти|экспеди|карго|транспорт|доставк|перевоз|"
    r"物流|货运|货代|运输|快递|速递|供应链)"
)
# Bank terms; "bank" must start or end a word so "embankment" does not fire.
BANK_PATTERN = r"(?i)(\bbank|bank\b|\bbanque\b|\bbanco\b|\bbanca\b|банк|銀行|银行)"
_CONTROLLED = pl.col("chpl_tier").is_not_null() | pl.col("category").is_not_null()


def forwarder_consignee() -> pl.Expr:
    """RF-04: controlled goods consigned to a freight forwarder or logistics firm."""
    fires = _CONTROLLED & pl.col("importer_name").str.contains(FORWARDER_PATTERN)
    return pl.when(fires).then(
        pl.format(
            "controlled goods (HS {}) consigned to logistics/forwarding firm '{}'",
            pl.col("hs6"),
            pl.col("importer_name"),
        )
    )


def bank_consignee() -> pl.Expr:
    """RF-16: the consignee is a bank (goods consigned to the bank issuing a letter of credit)."""
    fires = pl.col("importer_name").str.contains(BANK_PATTERN)
    return pl.when(fires).then(pl.format("consignee '{}' is a bank", pl.col("importer_name")))


def _either_role(column: str) -> pl.Expr:
    joined = pl.concat_str(
        [pl.col(f"exporter_{column}"), pl.col(f"importer_{column}")],
        separator="; ",
        ignore_nulls=True,
    )
    return pl.when(joined != "").then(joined)


def near_miss() -> pl.Expr:
    """RF-10: a party name resembles a listed one, scoring below the alert threshold."""
    return _either_role("near_miss")


def linked_to_listed() -> pl.Expr:
    """RF-12: a party matches (at or above the alert threshold) a listed entity that the list
    links (``Linked To``) to another listed entity; the sentence names the party, the matched
    entity and the link."""
    return _either_role("linked")


RULES: tuple[RecordRule, ...] = (
    RecordRule(
        "RF-04",
        "forwarder_consignee",
        "A freight forwarder or logistics firm is the consignee of CHPL or story-category goods "
        "(multilingual logistics/forwarding/cargo terms in the importer name).",
        0.2,
        "party",
        forwarder_consignee,
    ),
    RecordRule(
        "RF-10",
        "near_miss",
        "A party name resembles a listed one but scores below the party-match threshold.",
        0.25,
        "party",
        near_miss,
    ),
    RecordRule(
        "RF-12",
        "linked_to_listed",
        "A party matches (at or above the alert threshold) a listed entity that the list links "
        "(Linked To) to another listed entity: a corporate vehicle in a listed network.",
        0.35,
        "party",
        linked_to_listed,
    ),
    RecordRule(
        "RF-16",
        "bank_consignee",
        "The consignee is a bank (a letter of credit consigned to the issuing bank, "
        "the end user omitted).",
        0.25,
        "party",
        bank_consignee,
    ),
)
