"""Cells that a spreadsheet would run as formulas, defused before cordon writes any CSV.

Analysts open ``rejects.csv`` and table exports in Excel or LibreOffice, which execute a cell
starting with ``=``, ``+``, ``-`` or ``@`` (and, in some versions, a tab or carriage return) as
a formula: a customs file can carry ``=HYPERLINK(...)`` or a DDE payload into the analyst's
machine. Following OWASP's advice, such text cells get a leading apostrophe, which spreadsheets
show as plain text; numbers (typed columns) are never touched.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_RE = "^[=+\\-@\t\r]"


def defuse_cell(text: str) -> str:
    """``text``, with an apostrophe in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def defuse_table(table: pa.Table) -> pa.Table:
    """Every string column of ``table`` with its formula-like cells defused."""
    columns = []
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.fill_null(pc.match_substring_regex(column, _FORMULA_RE), False)
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        columns.append(column)
    return pa.table(columns, names=table.column_names)
