"""The few SQL expressions DuckDB and Spark SQL spell differently, behind one small object.

The file rules (``cordon.screen.rules.history``), the run's working records and the scoring are
written once, in the SQL both engines speak; where the two disagree (regex flags, date
arithmetic, products and ordered string aggregates, JSON paths) the query asks its ``Dialect``.
Nothing else in the plan knows which engine runs it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    """SQL templates of one engine; ``{0}`` is the column (or expression) they apply to."""

    name: str
    key_template: str  # comparison key of a text column: lower case, words joined by one space
    days_template: str  # a DATE as days since 1970-01-01 (an integer both engines subtract)
    # noisy-OR aggregate of a weight column, rounded to 4 decimals: the product taken over the
    # clipped weights in ascending order, so it is the same whatever order the rows arrive in
    risk_template: str
    reasons_json: str  # JSON array text of a record's reasons ordered by rank, rule, reason
    json_text_template: str  # text of a top-level JSON field: {0} the column, {1} the field
    param_template: str  # a named query parameter

    def key(self, column: str) -> str:
        """SQL for the comparison key of text ``column`` (null when nothing is left)."""
        return self.key_template.format(column)

    def days(self, date: str) -> str:
        """SQL for ``date`` as an integer day number."""
        return self.days_template.format(date)

    def risk(self, weight: str = "weight") -> str:
        """SQL aggregate: ``round(1 - prod(1 - clip(weight, 0, 1)), 4)`` over a group, the
        product over the clipped weights in ascending order (one order on every engine)."""
        return self.risk_template.format(weight)

    def json_text(self, column: str, field: str) -> str:
        """SQL for the text of ``column``'s top-level JSON field ``field``."""
        return self.json_text_template.format(column, field)

    def param(self, name: str) -> str:
        """The marker of named query parameter ``name``."""
        return self.param_template.format(name)


DUCKDB = Dialect(
    name="duckdb",
    key_template="nullif(trim(regexp_replace(lower({0}), '[^\\p{{L}}\\p{{N}}]+', ' ', 'g')), '')",
    days_template="({0} - DATE '1970-01-01')",
    # list_sort of a plain list() rather than product(... ORDER BY ...): DuckDB's ordered
    # aggregates sort every group apart, ~7x the CPU for the same floats (Spark's form, below)
    risk_template=(
        "round(1 - list_reduce(list_prepend(1::DOUBLE, list_sort(list(least(greatest({0}, 0), 1)) "
        "FILTER (WHERE {0} IS NOT NULL))), lambda kept, w: kept * (1 - w)), 4)"
    ),
    # sorted as one list of structs (nulls last, as ORDER BY) rather than an ordered string_agg
    reasons_json=(
        "'[' || array_to_string(list_transform(list_sort(list({'rank': rank, 'rule': rule, "
        "'reason': reason})), lambda entry: entry.reason), ',') || ']'"
    ),
    json_text_template="json_extract_string({0}, '$.{1}')",
    param_template="${0}",
)

# Spark SQL string literals take backslash escapes: the regex needs its backslashes doubled.
SPARK = Dialect(
    name="spark",
    key_template="nullif(trim(regexp_replace(lower({0}), '[^\\\\p{{L}}\\\\p{{N}}]+', ' ')), '')",
    days_template="unix_date({0})",
    risk_template=(
        "round(1 - aggregate(array_sort(collect_list(least(greatest({0}, 0D), 1D))), 1D, "
        "(kept, w) -> kept * (1 - w)), 4)"
    ),
    reasons_json=(
        "concat('[', array_join(transform(array_sort(collect_list(struct(rank, rule, reason))), "
        "r -> r.reason), ','), ']')"
    ),
    json_text_template="get_json_object({0}, '$.{1}')",
    param_template=":{0}",
)
