"""Tournament simulations and as-of timelines (``scoreline simulate``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from scoreline._json import JsonDict
from scoreline.api._store import DateLike, get_store
from scoreline.api.forecasts import Model, ModelFactory, model_factory

if TYPE_CHECKING:
    from distributed import Client

    from scoreline.data.store import Store
    from scoreline.tournament.format import TournamentFormat
    from scoreline.tournament.result import SimulationResult, TimelineResult

__all__ = ["TitleRace", "TitleSeries", "simulate_timeline",
           "simulate_tournament", "title_race"]


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
    scheduler: str | None = None,
    client: Client | None = None,
    chunk: int | None = None,
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
        Called after each batch (after each chunk on Dask).
    scheduler : str, optional
        ``none`` (default, in-process), ``local``, ``local:N`` or ``tcp://HOST:PORT``: run
        the simulations in chunks on Dask (see :mod:`scoreline.api._execution`). The model
        is fitted here; only the pair grids go to the workers.
    client : distributed.Client, optional
        Run the chunks on this Dask client instead.
    chunk : int, optional
        Simulations per task (default: about four tasks per worker thread). Every
        simulation has its own random stream, so for the same seed the result is
        identical in-process, on any cluster and at any chunk size.

    A repeated in-process simulation of a model given by name (same edition or format
    file content, day, sims, seed, hot, model) is answered from the on-disk result cache
    while the store file and the code are unchanged (:mod:`scoreline.api._results`);
    ``progress`` is then not called.

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
    from scoreline.api._results import cached_result

    csv, plot = _checked_outputs(csv, plot)

    def compute() -> SimulationResult:
        from scoreline.api._execution import chunked_simulator, executor
        from scoreline.tournament.runner import forecast_tournament

        store = get_store(db)
        fmt, fitted = _cached_fit(store, tournament, as_of, model, db)
        with executor(scheduler, client) as ex:
            return forecast_tournament(
                store, fmt, as_of, sims=sims, seed=seed, hot=hot,
                model_factory=_tournament_model(model), model=fitted, progress=progress,
                simulator=chunked_simulator(ex, chunk),
            )

    request = _simulation_request(tournament, as_of, sims, seed, hot, model)
    if request is None or client is not None or scheduler not in (None, "none"):
        result = compute()  # a model given as code, or work sent to Dask: always run
    else:
        from scoreline.tournament.result import SimulationResult

        result = cached_result("simulate_tournament", db, request, SimulationResult, compute)
    return _write_outputs(result, csv, plot, _plot_stages)


def _plot_stages(result: SimulationResult, path: str | Path) -> object:
    """:func:`scoreline.tournament.plot.plot_stages`, imported only when a chart is asked
    for (it loads the simulator and matplotlib)."""
    from scoreline.tournament.plot import plot_stages

    return plot_stages(result, path)


def _simulation_request(tournament: str | Path, as_of: DateLike, sims: int, seed: int,
                        hot: bool, model: str | ModelFactory) -> dict[str, object] | None:
    """The result-cache request of a simulation (None when it cannot be keyed: a model
    given as a callable). A format file is keyed by its content, a shipped edition by
    its name (its file is part of the code's identity)."""
    if callable(model):
        return None
    request: dict[str, object] = {"tournament": str(tournament), "as_of": str(as_of),
                                  "sims": sims, "seed": seed, "hot": hot, "model": model}
    path = Path(tournament)
    if path.suffix.lower() in (".yaml", ".yml", ".json") or path.is_file():
        try:
            request["format_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None  # let the simulation itself say what is wrong with the file
    return request


def _cached_fit(store: Store, tournament: str | Path, as_of: DateLike,
               model: str | ModelFactory, db: str | Path | None) -> tuple[TournamentFormat, Model | None]:
    """The tournament's format and, for a model given by name, its fit on the matches before
    the forecast day from :func:`~scoreline.api.fitted_model` (memory, then the on-disk
    cache shared by every process), so that repeated simulations do not refit."""
    from scoreline.api.forecasts import fitted_model
    from scoreline.data.dates import parse_date
    from scoreline.tournament.played import load_tournament
    from scoreline.tournament.runner import check_model_data

    fmt = load_tournament(store, str(tournament))
    if callable(model):
        return fmt, None
    day = parse_date(as_of, "as_of") if as_of is not None else fmt.start_date
    check_model_data(fmt, store.matches(until=day), day)
    return fmt, fitted_model(str(model), day, db=db)


def _checked_outputs(csv: str | Path | None,
                     plot: str | Path | None) -> tuple[Path | None, Path | None]:
    """The output paths checked before any simulation runs (see :mod:`scoreline.api._output`)."""
    from scoreline.api._output import checked_output

    return (None if csv is None else checked_output(csv, "the CSV"),
            None if plot is None else checked_output(plot, "the chart"))


def _write_outputs(result: _Result, csv: Path | None, plot: Path | None,
                   draw: Callable[[_Result, str | Path], object]) -> _Result:
    """Write ``result.to_frame()`` to ``csv`` and ``draw(result, plot)``, when asked."""
    from scoreline.api._output import output_errors

    if csv is not None:
        with output_errors(csv, "the CSV"):
            result.to_frame().to_csv(csv, index=False)
    if plot is not None:
        with output_errors(plot, "the chart"):
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
    scheduler: str | None = None,
    client: Client | None = None,
    chunk: int | None = None,
) -> TimelineResult:
    """Replay a tournament's forecast after every matchday (opening day to the final).

    Each point is :func:`simulate_tournament` as of the day after a matchday: the model
    refitted on everything before that day (``refit``; else the opening-day model) and
    the results so far fixed. ``csv`` / ``plot`` also write the long table / the chart of
    the contenders' title chances (PNG). ``scheduler``, ``client`` and ``chunk`` run each
    date's simulations in chunks on Dask, as in :func:`simulate_tournament` (the fits stay
    here), with identical results.

    Returns
    -------
    TimelineResult
        ``dates``, one ``SimulationResult`` per date, ``p_champion()`` (dates x teams),
        ``contenders(top)`` and a long ``to_frame()``.
    """
    from scoreline.api._execution import chunked_simulator, executor
    from scoreline.tournament.runner import forecast_timeline

    csv, plot = _checked_outputs(csv, plot)
    with executor(scheduler, client) as ex:
        result = forecast_timeline(
            get_store(db), str(tournament), sims=sims, seed=seed, hot=hot, refit=refit,
            model_factory=_tournament_model(model), progress=progress,
            simulator=chunked_simulator(ex, chunk),
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
