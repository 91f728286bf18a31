"""Keep record ids unique across a whole file: a repeated id (one declaration number shared by
several goods items) gets ``@LINE`` appended, so every record can be addressed on its own.

Seen ids are remembered as 64-bit hashes in a few sorted runs (8 bytes per record; runs are
merged when there are too many), so memory stays small next to the batches themselves.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc


class UniqueIds:
    """Rewrites repeated record ids of successive batches of one file."""

    MAX_RUNS = 8

    def __init__(self) -> None:
        self._runs: list[np.ndarray] = []  # sorted, distinct hashes of earlier batches
        self.renamed = 0

    def _seen_before(self, hashes: np.ndarray) -> np.ndarray:
        seen = np.zeros(len(hashes), dtype=bool)
        for run in self._runs:
            positions = np.minimum(np.searchsorted(run, hashes), len(run) - 1)
            seen |= run[positions] == hashes
        return seen

    def _remember(self, distinct: np.ndarray) -> None:
        self._runs.append(distinct)
        if len(self._runs) > self.MAX_RUNS:
            # Sorted in place and deduplicated with a mask: about half the transient memory
            # of np.unique (which copies the concatenation once more before sorting).
            merged = np.concatenate(self._runs)
            self._runs = []
            merged.sort()
            keep = np.empty(len(merged), dtype=bool)
            keep[:1] = True
            np.not_equal(merged[1:], merged[:-1], out=keep[1:])
            self._runs = [merged[keep]]

    def apply(self, table: pa.Table) -> pa.Table:
        """The table with every record_id seen before (this batch or earlier) suffixed ``@line``."""
        if table.num_rows == 0:
            return table
        ids = pl.from_arrow(table.column("record_id"))
        assert isinstance(ids, pl.Series)
        hashes = ids.hash(seed=0).to_numpy()
        distinct, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
        repeated = np.ones(len(hashes), dtype=bool)
        repeated[first] = False
        # Looked up sorted and once per distinct id: the search walks each run in order.
        repeated |= self._seen_before(distinct)[inverse]
        self._remember(distinct)
        if not repeated.any():
            return table
        self.renamed += int(repeated.sum())
        suffixed = pc.binary_join_element_wise(
            table.column("record_id"), pc.cast(table.column("line"), pa.string()), "@"
        )
        record_ids = pc.if_else(pa.array(repeated), suffixed, table.column("record_id"))
        return table.set_column(table.schema.get_field_index("record_id"), "record_id", record_ids)
