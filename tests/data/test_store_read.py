"""The store's table reads (by way of Arrow) give what DuckDB's own DataFrame reads give."""

from __future__ import annotations

import pandas as pd
import pytest

from scoreline.data.store import Store, _typed

_ORDER = {"matches": "match_id", "goals": "match_id, goal_seq", "shootouts": "match_id",
          "former_names": "current, start_date"}


@pytest.mark.parametrize("name", list(_ORDER))
def test_arrow_read_equals_duckdb_frame(store: Store, name: str) -> None:
    """Every table of the real data read through Arrow equals, value for value and dtype
    for dtype (dates ``datetime64[us]``, nullable integers, None for missing text), the
    same table read with DuckDB's ``.df()``."""
    fast = store._table(name)
    plain = _typed(name, store._query(f"SELECT * FROM {name} ORDER BY {_ORDER[name]}").df())
    assert len(fast) > 0
    pd.testing.assert_frame_equal(fast, plain, check_exact=True)
