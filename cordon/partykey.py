"""The key under which one party, as written in customs records, is recognized across rows and runs.

A party's name is written with varying case, punctuation and spacing ("OOO «Tekhnosnab»",
"ООО ТЕХНОСНАБ"): the key lower-cases it and turns every run of punctuation, symbols and
spaces into one space. It does not transliterate or drop legal forms — two spellings that
differ in more than that are two parties to the analyst, who can still see them side by side
on the party page. The key is computed in SQL only (one definition), by DuckDB, for stored
records, decisions and imports alike.
"""

from __future__ import annotations

import duckdb


def party_key_sql(expression: str) -> str:
    """SQL for the party key of a name ``expression`` (NULL or '' for a missing name)."""
    return f"trim(regexp_replace(lower({expression}), '[\\pP\\pS\\s]+', ' ', 'g'))"


def party_key(conn: duckdb.DuckDBPyConnection, name: str) -> str:
    """The party key of one name, computed by DuckDB with :func:`party_key_sql`."""
    row = conn.execute(f"SELECT {party_key_sql('$name')}", {"name": name}).fetchone()
    return str(row[0]) if row and row[0] is not None else ""
