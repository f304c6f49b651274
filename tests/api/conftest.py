"""A real Dask cluster of two worker processes, shared by the distributed tests of a module."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from scoreline.api.execution import WORKER_ENV


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A ``distributed.Client`` of a ``LocalCluster`` of 2 single-thread processes on
    127.0.0.1 (no dashboard), closed after the module's tests."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        scheduler_port=0, dashboard_address=None, silence_logs=logging.ERROR,
        # no dashboard, and its HTTP server on a free local port (not the default 8787)
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        env=WORKER_ENV,
    ) as cluster, distributed.Client(cluster) as c:
        yield c
