"""Warming up after set-up: compile the kernels and fit the default model once per machine."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoreline.api._store import get_store


@dataclass(frozen=True)
class WarmUp:
    """What :func:`warm_up` did.

    Attributes
    ----------
    steps : list of (str, float)
        Each step's name and wall time in seconds.
    seconds : float
        Total wall time, in seconds.
    """

    steps: list[tuple[str, float]] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"steps": [{"step": s, "seconds": round(t, 3)} for s, t in self.steps],
                "seconds": round(self.seconds, 3)}


def warm_up(db: str | Path | None = None,
            progress: Callable[[str], None] | None = None, *,
            kernels_only: bool = False) -> WarmUp:
    """Compile the numba kernels and fit the default model for the day after the data.

    ``scoreline data load`` calls this, so that the first real command after set-up finds
    its kernels compiled (numba caches them in the user cache directory, see
    :mod:`scoreline._paths`) and the default model fitted (in the on-disk fit cache):
    the Elo kernel and the default fit (``predict``), the tournament kernels (a
    200-simulation run of the 2026 World Cup), and the in-play kernels (the replay of
    the last match in the store, and the compiled sweep that large batches use), and the
    walk-forward pre-match forecasts of every World Cup finals match (a story ranks its
    match's upset among them; about a hundred weekly fits, kept in the pre-match cache).

    Parameters
    ----------
    db : path, optional
        Store file.
    progress : callable(str), optional
        Called with each step's name before it runs.
    kernels_only : bool
        Only the steps that compile kernels: without the World Cup pre-match forecasts
        (``scoreline serve`` runs this in a process of its own at start-up).
    """
    import pandas as pd

    from scoreline.api.forecasts import fitted_model
    from scoreline.api.matches import match_replay
    from scoreline.api.tournaments import simulate_tournament
    from scoreline.inplay import default_profile
    from scoreline.inplay.lattice import load_compiled_sweep

    store = get_store(db)
    last = store.matches(since=store.last_date())
    final = last.iloc[-1]
    day_after = pd.Timestamp(store.last_date()) + pd.Timedelta(days=1)
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("default model fit", lambda: fitted_model("default", day_after, db=db)),
        ("tournament kernels", lambda: simulate_tournament("wc2026", sims=200, db=db)),
        ("in-play kernels", lambda: match_replay(final["date"], final["home_team"],
                                                 final["away_team"], db=db)),
        ("in-play batch kernel", lambda: load_compiled_sweep(default_profile())),
    ]
    if not kernels_only:
        steps.append(("World Cup pre-match forecasts", lambda: _world_cup_forecasts(store)))
    done: list[tuple[str, float]] = []
    start = time.perf_counter()
    for name, step in steps:
        if progress is not None:
            progress(name)
        t0 = time.perf_counter()
        step()
        done.append((name, time.perf_counter() - t0))
    return WarmUp(done, time.perf_counter() - start)


def _world_cup_forecasts(store: Any) -> None:
    """Walk-forward pre-match forecasts of every World Cup finals match, as a match story
    asks for them (so they land in the same pre-match cache)."""
    import pandas as pd

    from scoreline.insight.upsets import match_surprises

    no_elo = pd.DataFrame({c: pd.Series(dtype="float64") for c in ("home_elo", "away_elo")},
                          index=pd.Index([], name="match_id", dtype="int64"))
    matches = store.matches()
    finals = matches[matches["tournament"] == "FIFA World Cup"]
    if not finals.empty:  # a store of a few years may hold none
        match_surprises(finals, matches, elo=no_elo)
