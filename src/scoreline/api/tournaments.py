"""Tournament simulations and as-of timelines (``scoreline simulate``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from scoreline._json import JsonDict
from scoreline.api._store import DateLike, get_store
from scoreline.api.forecasts import ModelFactory, model_factory

__all__ = ["SimulationResult", "TimelineResult", "TitleRace", "TitleSeries", "simulate_timeline",
           "simulate_tournament", "title_race"]

from scoreline.tournament.runner import TimelineResult
from scoreline.tournament.simulate import SimulationResult

_Result = TypeVar("_Result", "SimulationResult", "TimelineResult")


def _tournament_model(model: str | ModelFactory) -> ModelFactory:
    """A model factory from a name (:data:`MODELS`, with score grids) or a callable."""
    if callable(model):
        return model
    return model_factory(str(model))


def simulate_tournament(
    tournament: str | Path,
    as_of: DateLike = None,
    *,
    sims: int = 100_000,
    seed: int = 0,
    hot: bool = False,
    model: str | ModelFactory = "default",
    db: str | Path | None = None,
    csv: str | Path | None = None,
    plot: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Simulate a tournament many times and give each team's chance of each stage.

    Parameters
    ----------
    tournament : str or Path
        ``"wc2022"``, ``"wc2026"``, ``"euro2024"`` or a format file (YAML; see
        ``scoreline/tournament/formats/wc2022.yaml``).
    as_of : date or "YYYY-MM-DD", optional
        The model is fitted on matches strictly before this date, and the tournament's
        matches played before it are fixed at their real results. Default: opening day.
    sims : int
        Simulated tournaments (memory stays bounded: batches of 131,072).
    seed : int
        Random seed; the same seed gives the same result.
    hot : bool
        Let team strengths move with simulated results inside each simulated tournament.
    model : str or callable
        A name from :data:`MODELS` with score grids (``default``, ``dixon-coles``) or a
        callable returning an unfitted model (``fit(matches) -> self``,
        ``predict(fixtures) -> Forecast``).
    db : path, optional
        Store file.
    csv, plot : path, optional
        Also write the per-team table (CSV) / the stage chart (PNG) there.
    progress : callable(done, total), optional
        Called after each batch.

    Returns
    -------
    SimulationResult
        ``to_frame()``: per team ``p_<round>`` (reach that knockout round; the first is
        "leave the group"), ``p_champion``, ``se_champion`` and ``p_position_k``; group
        matches by 90-minute scores, knockouts after extra time and shoot-outs.

    Raises
    ------
    InvalidParameterError
        Unknown tournament, bad date, ``sims``/``seed`` out of range, or ``as_of`` before
        the data can rate every team.
    FormatError, UnknownTeamError
        A format file that is inconsistent or names a team not in the data.
    """
    from scoreline.tournament.runner import forecast_tournament

    result = forecast_tournament(
        get_store(db), str(tournament), as_of, sims=sims, seed=seed, hot=hot,
        model_factory=_tournament_model(model), progress=progress,
    )
    from scoreline.tournament.plot import plot_stages

    return _write_outputs(result, csv, plot, plot_stages)


def _write_outputs(result: _Result, csv: str | Path | None, plot: str | Path | None,
                   draw: Callable[[_Result, str | Path], object]) -> _Result:
    """Write ``result.to_frame()`` to ``csv`` and ``draw(result, plot)``, when asked."""
    if csv is not None:
        result.to_frame().to_csv(csv, index=False)
    if plot is not None:
        draw(result, plot)
    return result


def simulate_timeline(
    tournament: str | Path,
    *,
    sims: int = 20_000,
    seed: int = 0,
    hot: bool = False,
    refit: bool = True,
    model: str | ModelFactory = "default",
    db: str | Path | None = None,
    csv: str | Path | None = None,
    plot: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> TimelineResult:
    """Replay a tournament's forecast after every matchday (opening day to the final).

    Each point is :func:`simulate_tournament` as of the day after a matchday: the model
    refitted on everything before that day (``refit``; else the opening-day model) and
    the results so far fixed. ``csv`` / ``plot`` also write the long table / the chart of
    the contenders' title chances (PNG).

    Returns
    -------
    TimelineResult
        ``dates``, one ``SimulationResult`` per date, ``p_champion()`` (dates x teams),
        ``contenders(top)`` and a long ``to_frame()``.
    """
    from scoreline.tournament.runner import forecast_timeline

    result = forecast_timeline(
        get_store(db), str(tournament), sims=sims, seed=seed, hot=hot, refit=refit,
        model_factory=_tournament_model(model), progress=progress,
    )
    from scoreline.tournament.plot import plot_timeline

    return _write_outputs(result, csv, plot, plot_timeline)


@dataclass(frozen=True)
class TitleSeries(JsonDict):
    """One contender's chance of winning the title at each date of a timeline."""

    team: str
    p_champion: list[float]


@dataclass(frozen=True)
class TitleRace(JsonDict):
    """The title chances of a tournament's contenders after every matchday.

    Attributes
    ----------
    tournament : str
    sims : int
        Simulations per date.
    seed : int
    hot : bool
    dates : list of datetime.date
        Forecast dates (each knows the results before it).
    contenders : list of TitleSeries
        Best peak title chance first; ``p_champion[k]`` is the chance at ``dates[k]``.
    """

    tournament: str
    sims: int
    seed: int
    hot: bool
    dates: list[dt.date]
    contenders: list[TitleSeries]


def title_race(timeline: TimelineResult, top: int = 8) -> TitleRace:
    """The ``top`` contenders of a :func:`simulate_timeline` result and their title chances."""
    p = timeline.p_champion()
    teams = list(timeline.teams)
    first = timeline.results[0]
    return TitleRace(
        timeline.tournament, first.sims, first.seed, first.hot, list(timeline.dates),
        [TitleSeries(t, [float(v) for v in p[:, teams.index(t)]])
         for t in timeline.contenders(top)])
