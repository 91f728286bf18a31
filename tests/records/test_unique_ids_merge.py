"""UniqueIds keeps finding repeats after its sorted runs of seen ids are merged."""

from __future__ import annotations

import pyarrow as pa

from cordon.records.unique_ids import UniqueIds


def _batch(ids: list[str], first_line: int) -> pa.Table:
    lines = list(range(first_line, first_line + len(ids)))
    return pa.table({"record_id": ids, "line": pa.array(lines, pa.int64())})


def test_repeats_are_found_across_merged_runs() -> None:
    unique = UniqueIds()
    line = 2
    for batch in range(UniqueIds.MAX_RUNS + 3):  # forces at least one merge of the runs
        ids = [f"D{batch}-{i}" for i in range(3)] + ["SHARED"]
        unique.apply(_batch(ids, line))
        line += len(ids)
    assert len(unique._runs) <= UniqueIds.MAX_RUNS
    out = unique.apply(_batch(["D0-1", "D5-2", "NEW"], line))
    assert out.column("record_id").to_pylist() == [f"D0-1@{line}", f"D5-2@{line + 1}", "NEW"]
    assert unique.renamed == UniqueIds.MAX_RUNS + 2 + 2  # SHARED after its first batch, then two
