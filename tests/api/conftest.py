"""A real Dask cluster of two worker processes, shared by the distributed tests of a module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A ``distributed.Client`` of a ``LocalCluster`` of 2 single-thread processes on
    127.0.0.1 (no dashboard), closed after the module's tests."""
    distributed = pytest.importorskip("distributed")
    from scoreline.api._execution import local_cluster

    with local_cluster(2) as cluster, distributed.Client(cluster) as c:
        yield c
