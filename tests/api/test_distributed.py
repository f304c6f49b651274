"""Jobs on a real LocalCluster of 2 worker processes give the in-process results.

Kept small (a few thousand simulations, half-year backtests with monthly refits) so the
module runs in well under a minute on two cores.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from typing import Any

import numpy as np
import pandas as pd
import pytest

from scoreline import api
from scoreline.api._execution import InProcess, OnDask, Task, chunked_simulator, executor
from scoreline.api.backtests import _backtest_models
from scoreline.errors import TaskError
from scoreline.evaluate.backtest import backtest
from scoreline.evaluate.tune import ModelSpec
from scoreline.tournament.format import TournamentFormat, load_format
from scoreline.tournament.simulate import PairGrids, SimulationResult, pair_grids, simulate
from tests.tournament.conftest import StrengthModel, ranked_strengths

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def wc2026() -> TournamentFormat:
    """The shipped World Cup 2026 format."""
    return load_format("wc2026")


@pytest.fixture(scope="module")
def grids(wc2026: TournamentFormat) -> PairGrids:
    """WC 2026 pair grids of a stand-in model (no fit needed)."""
    return pair_grids(StrengthModel(ranked_strengths(wc2026)), wc2026, dt.date(2026, 6, 11))


def _same(a: SimulationResult, b: SimulationResult) -> bool:
    return (a.sims == b.sims and np.array_equal(a.stage_counts, b.stage_counts)
            and np.array_equal(a.position_counts, b.position_counts))


def test_same_seed_identical_in_process_on_cluster_and_any_chunk(
    client: Any, wc2026: TournamentFormat, grids: PairGrids
) -> None:
    """For one seed, the stage and position counts are identical in-process, in-process
    in chunks, and on the cluster at two chunk sizes (one not dividing the total)."""
    reference = simulate(wc2026, grids, sims=5_000, seed=11)
    runs = [
        chunked_simulator(InProcess(), 1_250)(wc2026, grids, sims=5_000, seed=11),
        chunked_simulator(OnDask(client, "test"), 1_000)(wc2026, grids, sims=5_000, seed=11),
        chunked_simulator(OnDask(client, "test"), 777)(wc2026, grids, sims=5_000, seed=11),
    ]
    for run in runs:
        assert _same(run, reference)
    other_seed = simulate(wc2026, grids, sims=5_000, seed=12)
    assert not np.array_equal(other_seed.stage_counts, reference.stage_counts)


def test_api_simulation_on_a_client_equals_in_process(client: Any) -> None:
    """``api.simulate_tournament(..., client=)`` fits here, simulates on the workers, and
    gives the in-process probabilities exactly."""
    local = api.simulate_tournament("wc2022", sims=3_000, seed=5, model="dixon-coles")
    remote = api.simulate_tournament("wc2022", sims=3_000, seed=5, model="dixon-coles",
                                     client=client, chunk=1_000)
    assert _same(local, remote)
    assert np.array_equal(local.p_reach, remote.p_reach)


def test_timeline_on_a_client_equals_in_process(client: Any) -> None:
    """The matchday replay (one model, results fixed as they came) runs each date's
    simulations in chunks on the workers and gives the in-process title chances exactly."""
    kwargs: dict[str, Any] = {"sims": 1_000, "seed": 2, "refit": False, "model": "dixon-coles"}
    local = api.simulate_timeline("wc2022", **kwargs)
    remote = api.simulate_timeline("wc2022", client=client, chunk=300, **kwargs)
    assert remote.dates == local.dates and len(local.dates) > 10
    assert np.array_equal(remote.p_champion(), local.p_champion())


def test_backtest_blocks_equal_the_single_run(client: Any, matches: pd.DataFrame) -> None:
    """Three time blocks per model, each fitted from scratch on the data before it, give
    the single walk-forward run's forecasts within 1e-4 per probability (the single run
    warm-starts its optimisers: Elo's ordered logit, Dixon-Coles' likelihood)."""
    since, until = pd.Timestamp("2018-01-01"), pd.Timestamp("2018-07-01")
    names = ["elo", "dixon-coles"]
    single = [backtest(matches, ModelSpec(n).build, since, until, refit="30D") for n in names]
    blocked, n_blocks = _backtest_models(OnDask(client, "test"), matches, names, since, until,
                                        refit="30D", blocks=3)
    assert n_blocks == 3
    cols = ["p_home", "p_draw", "p_away"]
    for one, split in zip(single, blocked, strict=True):
        assert split.scores.n_matches == one.scores.n_matches
        assert split.forecasts["match_id"].tolist() == one.forecasts["match_id"].tolist()
        diff = np.abs(split.forecasts[cols].to_numpy() - one.forecasts[cols].to_numpy()).max()
        assert diff < 1e-4, (one.model, diff)
        assert split.scores.rps == pytest.approx(one.scores.rps, abs=1e-5)


def test_run_backtest_takes_a_client(client: Any) -> None:
    """``api.run_backtest(..., client=)`` scores the same World Cup matches as in-process."""
    kwargs: dict[str, Any] = {"model": "elo", "tournament": "FIFA World Cup", "refit": "7D"}
    local = api.run_backtest("2018-06-14", "2018-07-16", **kwargs)
    remote = api.run_backtest("2018-06-14", "2018-07-16", client=client, blocks=2, **kwargs)
    assert remote.scores.n_matches == local.scores.n_matches == 64
    assert remote.scores.rps == pytest.approx(local.scores.rps, abs=1e-5)


def test_a_failing_task_on_the_cluster_is_one_named_error(
    client: Any, wc2026: TournamentFormat, grids: PairGrids
) -> None:
    """A task raising on a worker surfaces as a TaskError naming it and its cause."""
    tasks = [Task("chunk ok", simulate, (wc2026, grids), {"sims": 100}),
             Task("chunk 7 of the test", simulate, (wc2026, grids), {"sims": 0})]
    with pytest.raises(TaskError, match=r"chunk 7 of the test: InvalidParameterError: sims=0"):
        OnDask(client, "test").run(tasks)


def test_killed_worker_is_survived(
    client: Any, wc2026: TournamentFormat, grids: PairGrids
) -> None:
    """Killing a busy worker process mid-job (SIGKILL) reruns its tasks elsewhere (its
    nanny starts a new process): the merged simulation equals the in-process one."""
    reference = simulate(wc2026, grids, sims=40_000, seed=3)
    ex = OnDask(client, "test")
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker(done: int, total: int) -> None:
        if killed:
            return
        busy = [w for w, keys in client.processing().items() if keys and w in pids]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(pids[busy[0]])

    result = chunked_simulator(ex, 2_500)(
        wc2026, grids, sims=40_000, seed=3, progress=kill_a_busy_worker)
    assert killed and killed[0] not in set(client.run(os.getpid).values())
    assert _same(result, reference)


def test_interrupt_cancels_and_closes_the_cluster(
    wc2026: TournamentFormat, grids: PairGrids
) -> None:
    """Ctrl-C while gathering cancels the pending tasks and closes the cluster it started;
    this process's environment is as before (Dask's nanny exports worker settings into it)."""
    environ = dict(os.environ)
    with pytest.raises(KeyboardInterrupt), executor("local:2") as ex:
        assert isinstance(ex, OnDask)
        started = ex

        def interrupt(done: int, total: int) -> None:
            raise KeyboardInterrupt

        chunked_simulator(ex, 1_000)(wc2026, grids, sims=20_000, seed=1, progress=interrupt)
    assert started.client.status == "closed"
    assert dict(os.environ) == environ
