"""Why an input row was rejected: catalogue messages with named values.

``rejects.csv`` is a machine contract and keeps the English sentence, exactly as before
(``wrong number of fields: 3, expected 7``). Each sentence is written from one of the catalogue
messages below with :func:`reject_reason`; the web app's rejects page reads it back into its
message and values (:func:`read_reason`) and shows it in the reader's language
(:func:`cordon.i18n.reasons.reject_reason_text`).
"""

from __future__ import annotations

from functools import lru_cache

from cordon.i18n import N_, Message
from cordon.i18n.message import read_message

FIELD_COUNT = N_("wrong number of fields: %(found)s, expected %(expected)s")
MALFORMED_CSV = N_("malformed CSV: %(error)s")  # the csv module's error, or one of PROBLEMS
TRUNCATED = N_("the file ends inside a quoted field (truncated row)")
RECORD_TOO_LONG = N_("record longer than %(size)s MiB (unclosed quote?)")
UNDECODABLE = N_("undecodable bytes for the file's encoding")
NOT_JSON = N_("not valid JSON: %(error)s")
NOT_AN_OBJECT = N_("a JSON line must hold an object")
FIELD_TOO_LONG = N_("field %(field)s too long: %(length)s characters (limit %(limit)s)")
MISSING_HS = N_("missing HS code")
NOT_HS = N_("not an HS code (%(low)s to %(high)s digits): %(value)s")
NO_PARTY = N_("no party name: exporter_name and importer_name are both empty")
NAME_TOO_LONG = N_(
    "name longer than %(limit)s characters or with a word longer than %(word_limit)s"
)
NOT_A_DATE = N_("not a recognized date: %(value)s")
NOT_A_COUNTRY = N_("not a recognized country: %(value)s")
NOT_A_CURRENCY = N_("not a recognized currency: %(value)s")
NOT_A_TAX_ID = N_("not a tax id: %(value)s")
NEGATIVE = N_("negative: %(value)s")
NOT_A_NUMBER = N_("not a number: %(value)s")

# Every reject reason, and cordon's own problems inside a "malformed CSV: %(error)s".
REASONS: tuple[str, ...] = (
    FIELD_COUNT, MALFORMED_CSV, UNDECODABLE, NOT_JSON, NOT_AN_OBJECT, FIELD_TOO_LONG, MISSING_HS,
    NOT_HS, NO_PARTY, NAME_TOO_LONG, NOT_A_DATE, NOT_A_COUNTRY, NOT_A_CURRENCY, NOT_A_TAX_ID,
    NEGATIVE, NOT_A_NUMBER,
)  # fmt: skip
PROBLEMS: tuple[str, ...] = (TRUNCATED, RECORD_TOO_LONG)

# The values that are numbers (English grouping: 1,048,576) and the one that is a record field.
NUMBER_VALUES = frozenset(
    {"found", "expected", "size", "length", "limit", "word_limit", "low", "high"}
)
FIELD_VALUES = frozenset({"field"})


def reject_reason(message: str, **values: object) -> str:
    """The English reason written to ``rejects.csv`` (``message`` is one of :data:`REASONS`)."""
    return str(Message(message).with_values(values))


@lru_cache(maxsize=4096)
def read_reason(text: str) -> Message | None:
    """The message and values that wrote ``text``, or None for a reason cordon does not know
    (a rejects.csv of another version). An ``error`` that is one of cordon's :data:`PROBLEMS`
    is read back as a message too; the csv module's and orjson's stay text."""
    message = read_message(text, REASONS)
    if message is None:
        return None
    values: dict[str, object] = dict(message.values)
    if "error" in values:
        values["error"] = read_message(str(values["error"]), PROBLEMS) or values["error"]
    return message.with_values(values)
