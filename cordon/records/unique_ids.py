"""Keep record ids unique across a whole file: a repeated id (one declaration number shared by
several goods items) gets ``@LINE`` appended, so every record can be addressed on its own.

Seen ids are remembered as 64-bit hashes in a sorted array (8 bytes per record), so memory
stays small next to the batches themselves.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc


class UniqueIds:
    """Rewrites repeated record ids of successive batches of one file."""

    def __init__(self) -> None:
        self._seen = np.empty(0, dtype=np.uint64)
        self.renamed = 0

    def apply(self, table: pa.Table) -> pa.Table:
        """The table with every record_id seen before (in this or an earlier batch) suffixed ``@line``."""
        if table.num_rows == 0:
            return table
        ids = pl.from_arrow(table.column("record_id"))
        assert isinstance(ids, pl.Series)
        hashes = ids.hash(seed=0).to_numpy()
        _, first = np.unique(hashes, return_index=True)
        repeated = np.ones(len(hashes), dtype=bool)
        repeated[first] = False
        repeated |= np.isin(hashes, self._seen, assume_unique=False)
        self._seen = np.union1d(self._seen, hashes)
        if not repeated.any():
            return table
        self.renamed += int(repeated.sum())
        suffixed = pc.binary_join_element_wise(
            table.column("record_id"), pc.cast(table.column("line"), pa.string()), "@"
        )
        record_ids = pc.if_else(pa.array(repeated), suffixed, table.column("record_id"))
        return table.set_column(table.schema.get_field_index("record_id"), "record_id", record_ids)
