"""The Python API: the one door the CLI and the web app go through.

Each function here validates its arguments, opens the store when given a path (or
uses the default store), calls the layer that does the work, and returns plain
dataclasses or DataFrames. Nothing below this module knows about terminals or HTTP.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoreline.data import queries
from scoreline.data.sources import Progress
from scoreline.data.store import LoadReport, Store, StoreInfo, default_db_path
from scoreline.errors import StoreError

_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def get_store(db: str | Path | None = None, *, read_only: bool | None = None) -> Store:
    """The open store at ``db`` (default: ``$SCORELINE_DB`` or the user data dir).

    Stores are opened once per path and process and then shared, so repeated API
    calls (and web requests) reuse the cached tables. An existing store is opened
    read-only unless asked otherwise, so that several processes (servers, CLI commands,
    benchmarks) can read one file at once; DuckDB lets only one process write, so
    ``scoreline data load`` needs the readers stopped. Within one process that already
    holds the file for writing, the writable connection is shared instead.
    """
    key = str(Path(db).expanduser().resolve()) if db is not None else str(default_db_path())
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            want_read_only = Path(key).exists() if read_only is None else read_only
            try:
                store = Store(key, read_only=want_read_only)
            except StoreError:
                if not want_read_only or read_only:
                    raise
                store = Store(key)  # this process already writes it: share that mode
            _stores[key] = store
        return store


def _writable_store(db: str | Path | None) -> Store:
    """The store at ``db`` opened for writing (reopened if it was opened read-only)."""
    store = get_store(db, read_only=False)
    if store.read_only:
        with _stores_lock:
            store.close()
            store = Store(store.path)
            _stores[store.path] = store
    return store


def load_data(
    source: str | Path | None = None,
    *,
    db: str | Path | None = None,
    skip_invalid: bool = False,
    report_path: str | Path | None = None,
    progress: Progress | None = None,
) -> LoadReport:
    """Load the four source CSVs into the store, atomically (``scoreline data load``).

    Parameters
    ----------
    source : str or Path, optional
        Directory or base URL; default ``$SCORELINE_DATA``, else the pinned upstream
        commit (downloaded once into the user cache, checksums verified).
    db : path, optional
        Store file.
    skip_invalid : bool
        Load valid rows only; the rejected ones are listed in the report.
    report_path : path, optional
        With ``skip_invalid``, where to write the rejected rows (one per line).
    """
    report = _writable_store(db).load(source, skip_invalid=skip_invalid, progress=progress)
    if report_path is not None and skip_invalid:
        Path(report_path).write_text("".join(line + "\n" for line in report.rejected),
                                     encoding="utf-8")
    return report


def data_info(db: str | Path | None = None) -> StoreInfo:
    """Counts, date range, source, commit and last load of the store (``data info``)."""
    return get_store(db).info()


def team_summary(team: str, *, recent: int = 10, db: str | Path | None = None,
                 until: Any = None) -> queries.TeamSummary:
    """Record, goals for/against and latest results of a team (``scoreline team``)."""
    return queries.team_summary(get_store(db), team, recent=recent, until=until)


def head_to_head(team_a: str, team_b: str, *, db: str | Path | None = None,
                 until: Any = None) -> queries.HeadToHead:
    """Every meeting of two teams with goals and totals (``scoreline h2h``)."""
    return queries.head_to_head(get_store(db), team_a, team_b, until=until)


# ---------------------------------------------------------------- stories and claim checks
def story(
    date: Any,
    home: str,
    away: str,
    *,
    db: str | Path | None = None,
    fmt: str | None = "md",
    chart: bool | None = None,
    all_time: bool = True,
) -> Any:
    """The written report of a match, every statement backed by a fact (``scoreline story``).

    Parameters
    ----------
    date : str or datetime.date
        Day of the match, ``YYYY-MM-DD``.
    home, away : str
        Team names in either order (any spelling the store resolves).
    db : path, optional
        Store file.
    fmt : {"md", "html", "json", None}
        ``"md"`` Markdown wrapped at 80 characters, ``"html"`` a standalone page with the
        win-probability chart, ``"json"`` the story and its facts with provenance; ``None``
        returns the :class:`~scoreline.insight.story.Story` object itself.
    chart : bool, optional
        Attach the chart (default: only for HTML).
    all_time : bool
        Also rank the upset in the tournament's history and among the winner's wins there
        (a walk-forward forecast of every such match: about half a minute the first time
        with the default model, cached afterwards).

    Returns
    -------
    str or Story
    """
    from scoreline.errors import InvalidParameterError
    from scoreline.insight import story as st

    if fmt is not None and fmt not in st.FORMATS:
        raise InvalidParameterError(
            f"format {fmt!r} is not one of {', '.join(st.FORMATS)}")
    want_chart = (fmt == "html") if chart is None else chart
    result = st.write_story(get_store(db), date, home, away, chart=want_chart, all_time=all_time)
    if fmt is None:
        return result
    return {"md": st.to_markdown, "html": st.to_html, "json": st.to_json}[fmt](result)


def check_article(
    text: str | bytes | Path,
    match: tuple[Any, str, str] | None = None,
    *,
    db: str | Path | None = None,
) -> Any:
    """Check the claims of a match report against the data (``scoreline check``).

    Parameters
    ----------
    text : str, bytes or Path
        The article: its text, its raw bytes (decoded as UTF-8), or a path to a text file.
    match : (date, home, away), optional
        The match the article is about; found from the teams and date in the text when
        omitted.
    db : path, optional
        Store file.

    Returns
    -------
    CheckReport
        One :class:`~scoreline.insight.claims.Claim` per claim with its verdict
        (``supported``, ``contradicted`` with the data's value, ``not_checkable`` with
        why) and evidence.

    Raises
    ------
    ArticleError
        The file is missing, empty, not text or larger than 1 MB; the article is about no
        match in the data or about more than one.
    """
    from scoreline.errors import ArticleError
    from scoreline.insight import claims

    if isinstance(text, Path):
        try:
            with text.open("rb") as fh:
                data: str | bytes = fh.read(claims.MAX_ARTICLE_BYTES + 1)
        except OSError as exc:
            raise ArticleError(f"cannot read the article {str(text)!r}: {exc.strerror}") from None
        if len(data) > claims.MAX_ARTICLE_BYTES:
            size = text.stat().st_size
            raise ArticleError(
                f"the article {str(text)!r} is {size / 1e6:.1f} MB; scoreline checks articles up "
                f"to {claims.MAX_ARTICLE_BYTES / 1e6:.0f} MB of text")
    else:
        data = text
    return claims.check(get_store(db), data, match=match)


# ---------------------------------------------------------------- ratings, forecasts, backtests
# (issue 3) Heavy modules are imported inside the functions so ``import scoreline.api`` stays light.

MODELS = ("default", "elo", "dixon-coles", "elo-dixon-coles")
"""Model names accepted by ``model=`` (the same as ``scoreline.models.MODEL_NAMES``)."""


def model_factory(name: str = "default") -> Any:
    """A callable that returns a new unfitted model of the given name.

    Names are those of :func:`scoreline.models.get_model` (``default``, ``elo``,
    ``dixon-coles``, ...); an unknown name fails here, before any data is read.

    Raises
    ------
    InvalidParameterError
        An unknown model name (the message lists the valid ones).
    """
    from scoreline.models import get_model

    get_model(name)  # validate now

    def factory() -> Any:
        return get_model(name)

    factory.__name__ = f"model_factory({name!r})"
    return factory


_FITTED: OrderedDict[tuple[str, str, str, str], Any] = OrderedDict()
_FITTED_MAX = 16
_PREDICTED: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_PREDICTED_MAX = 4096
_fitted_lock = threading.Lock()


def fitted_model(model: str, day: Any, *, db: str | Path | None = None) -> Any:
    """The model ``model`` fitted on every match strictly before ``day``, cached.

    Fits are kept (up to 16, least recently used dropped) per store file, data snapshot
    (:meth:`Store.fingerprint`), model name and day, so repeated forecasts for the same
    day (web requests, a CLI session) cost a prediction, not a fit. Fitted models are
    only read after fitting, so they are shared across threads.
    """
    store = get_store(db)
    day = _day(day, "day")
    key = (store.path, store.fingerprint(), model, day.date().isoformat())
    with _fitted_lock:
        if key in _FITTED:
            _FITTED.move_to_end(key)
            return _FITTED[key]
    fitted = model_factory(model)().fit(store.matches(until=day))
    with _fitted_lock:
        _FITTED[key] = fitted
        while len(_FITTED) > _FITTED_MAX:
            _FITTED.popitem(last=False)
    return fitted


def _day(value: Any, what: str) -> Any:
    """A user date as a Timestamp (None stays None)."""
    import pandas as pd

    from scoreline.errors import InvalidParameterError

    if value is None:
        return None
    try:
        return pd.Timestamp(value).normalize()
    except (ValueError, TypeError):
        raise InvalidParameterError(f"{what} {value!r} is not a date; expected YYYY-MM-DD") from None


@dataclass(frozen=True)
class RatingRow:
    """One team in a ratings table (``rank`` is its world rank on that date)."""

    rank: int
    team: str
    confederation: str
    rating: float
    matches: int
    last_match: Any


@dataclass(frozen=True)
class RatingsTable:
    """World Football Elo ratings as of the start of ``date`` (matches before it)."""

    date: Any
    confederation: str | None
    rows: list[RatingRow]


def ratings(
    date: Any = None,
    *,
    top: int | None = 20,
    confederation: str | None = None,
    db: str | Path | None = None,
) -> RatingsTable:
    """World Football Elo ratings table (``scoreline ratings``).

    Parameters
    ----------
    date : date-like, optional
        Ratings after every match strictly before this day (default: after the last match).
    top : int, optional
        Keep the best ``top`` rows (after the confederation filter); None keeps all.
    confederation : str, optional
        AFC, CAF, CONCACAF, CONMEBOL, OFC, UEFA or none.
    db : path, optional
        Store file.
    """
    import pandas as pd

    from scoreline.data.confederations import check_confederation, confederation_of
    from scoreline.errors import InvalidParameterError
    from scoreline.models.elo import Elo

    day = _day(date, "date")
    if top is not None and top < 1:
        raise InvalidParameterError(f"top must be at least 1, got {top}")
    conf = check_confederation(confederation) if confederation else None
    matches = get_store(db).matches(until=day)
    if matches.empty:
        raise InvalidParameterError(f"no match was played before {day.date()}")
    model = Elo().fit(matches)
    history = model.history_
    played = history["home_team"].value_counts().add(history["away_team"].value_counts(),
                                                      fill_value=0)
    last = history.melt(id_vars="date", value_vars=["home_team", "away_team"]).groupby("value")[
        "date"].max()
    rows = [
        RatingRow(rank, team, confederation_of(team), float(rating), int(played[team]),
                  last[team].date())
        for rank, (team, rating) in enumerate(model.ratings_.items(), start=1)
    ]
    if conf is not None:
        rows = [r for r in rows if r.confederation == conf]
    as_of = day if day is not None else model.last_date_ + pd.Timedelta(days=1)
    return RatingsTable(as_of.date(), conf, rows[:top] if top is not None else rows)


@dataclass(frozen=True)
class RatingHistory:
    """A team's Elo rating after each of its matches.

    ``points`` columns: ``date``, ``opponent``, ``venue`` ('home', 'away', 'neutral'),
    ``score`` (team first, after extra time), ``tournament``, ``rating_before``,
    ``rating`` (after the match), ``change``.
    """

    team: str
    points: Any


def rating_history(
    team: str, *, until: Any = None, plot: str | Path | None = None, db: str | Path | None = None
) -> RatingHistory:
    """Elo rating history of one team (``scoreline ratings --team T [--plot]``).

    Parameters
    ----------
    team : str
        Any spelling the store resolves.
    until : date-like, optional
        Only matches strictly before this day.
    plot : path, optional
        Also draw the history into this PNG file.
    db : path, optional
        Store file.
    """
    import numpy as np
    import pandas as pd

    from scoreline.models.elo import Elo
    from scoreline.models.elo_plot import plot_rating_history

    store = get_store(db)
    name = store.resolve_team(team)
    matches = store.matches(until=_day(until, "until"))
    h = Elo().fit(matches).history_.assign(
        home_score=matches["home_score"].to_numpy(), away_score=matches["away_score"].to_numpy(),
        neutral=matches["neutral"].to_numpy())
    h = h[(h["home_team"] == name) | (h["away_team"] == name)]
    home = (h["home_team"] == name).to_numpy()
    points = pd.DataFrame({
        "date": h["date"].dt.date.to_numpy(),
        "opponent": np.where(home, h["away_team"], h["home_team"]),
        "venue": np.where(h["neutral"], "neutral", np.where(home, "home", "away")),
        "score": [f"{a}-{b}" if hm else f"{b}-{a}" for a, b, hm in
                  zip(h["home_score"], h["away_score"], home, strict=True)],
        "tournament": h["tournament"].to_numpy(),
        "rating_before": np.where(home, h["home_rating_before"], h["away_rating_before"]),
        "rating": np.where(home, h["home_rating_after"], h["away_rating_after"]),
        "change": np.where(home, h["change"], -h["change"]),
    })
    if plot is not None:
        plot_rating_history(points, name, plot)
    return RatingHistory(name, points)


@dataclass(frozen=True)
class MatchForecast:
    """A 90-minute forecast of one match (``scoreline predict HOME AWAY``).

    ``top_scorelines`` holds dicts ``home_goals``, ``away_goals``, ``p``. With
    ``knockout``, ``p_home_advance``/``p_away_advance`` include extra time and penalties.
    """

    home_team: str
    away_team: str
    date: Any
    neutral: bool
    tournament: str
    model: str
    p_home: float
    p_draw: float
    p_away: float
    home_xg: float
    away_xg: float
    top_scorelines: list[dict[str, Any]]
    knockout: bool = False
    p_home_advance: float | None = None
    p_away_advance: float | None = None


def predict_match(
    home: str,
    away: str,
    *,
    date: Any = None,
    neutral: bool = False,
    knockout: bool = False,
    tournament: str | None = None,
    model: str = "default",
    db: str | Path | None = None,
) -> MatchForecast:
    """Forecast one match from every match played before ``date``.

    Parameters
    ----------
    home, away : str
        Team names (the home team first; with ``neutral`` the order is only nominal).
    date : date-like, optional
        Day of the match (default: the day after the last match in the store).
    neutral : bool
        Played at a neutral venue (no home advantage).
    knockout : bool
        Also give each side's chance to advance (extra time, then penalties).
    tournament : str, optional
        Tournament name (default ``FIFA World Cup`` for knockouts, else ``Friendly``).
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    db : path, optional
        Store file.
    """
    import pandas as pd

    from scoreline.errors import InvalidParameterError

    store = get_store(db)
    model_factory(model)  # validate the name before reading anything
    day = _day(date, "date")
    if day is None:
        day = pd.Timestamp(store.last_date()) + pd.Timedelta(days=1)
    home_team, away_team = store.resolve_team(home, day), store.resolve_team(away, day)
    if home_team == away_team:
        raise InvalidParameterError(f"{home_team!r} cannot play itself; give two different teams")
    tournament = tournament or ("FIFA World Cup" if knockout else "Friendly")
    key = (store.path, store.fingerprint(), model, day.date().isoformat(), home_team, away_team,
           bool(neutral), bool(knockout), tournament)
    with _fitted_lock:
        if key in _PREDICTED:
            _PREDICTED.move_to_end(key)
            return _PREDICTED[key]
    fixture = pd.DataFrame({
        "date": [day], "home_team": [home_team], "away_team": [away_team], "neutral": [neutral],
        "tournament": [tournament],
    })
    forecast = fitted_model(model, day, db=db).predict(fixture)
    advance = _advance(forecast) if knockout else (None, None)
    result = MatchForecast(
        home_team, away_team, day.date(), bool(neutral), str(fixture["tournament"].iloc[0]),
        forecast.model, float(forecast.p_home[0]), float(forecast.p_draw[0]),
        float(forecast.p_away[0]), float(forecast.expected_home_goals[0]),
        float(forecast.expected_away_goals[0]),
        [{"home_goals": h, "away_goals": a, "p": p} for h, a, p in forecast.top_scorelines(0, 5)],
        bool(knockout), advance[0], advance[1],
    )
    with _fitted_lock:  # forecasts are pure functions of the key: keep the recent ones
        _PREDICTED[key] = result
        while len(_PREDICTED) > _PREDICTED_MAX:
            _PREDICTED.popitem(last=False)
    return result


def _advance(forecast: Any) -> tuple[float, float]:
    """P(home advances), P(away advances) of the first fixture of a forecast."""
    from scoreline.forecast.knockout import advance_probabilities

    result = advance_probabilities(forecast)
    return float(result[0, 0]), float(result[0, 1])


def predict_fixtures(
    fixtures: str | Path | Any,
    *,
    model: str = "default",
    refit: str = "1D",
    out: str | Path | None = None,
    db: str | Path | None = None,
) -> Any:
    """Forecast a CSV of fixtures walk-forward (``scoreline predict --fixtures FILE``).

    Each fixture is predicted by a model fitted on the matches strictly before its own
    date (with ``refit='1D'``; a longer cadence refits less often, never looking ahead).

    Parameters
    ----------
    fixtures : path or DataFrame
        ``date, home_team, away_team[, neutral, tournament]`` (see
        :mod:`scoreline.forecast.fixtures_file`).
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    refit : str
        Refit cadence (``'1D'`` = before every fixture date).
    out : path, optional
        Also write the result as CSV here.
    db : path, optional
        Store file.

    Returns
    -------
    DataFrame
        The fixtures (canonical team names) with ``p_home``, ``p_draw``, ``p_away``,
        ``home_xg``, ``away_xg`` and ``model``.
    """
    from scoreline.forecast.fixtures_file import read_fixtures
    from scoreline.forecast.walk_forward import walk_forward

    store = get_store(db)
    factory = model_factory(model)
    source = Path(fixtures) if isinstance(fixtures, str | Path) else fixtures
    frame = read_fixtures(source, store.resolve_team)
    forecast = walk_forward(store.matches(), factory, fixtures=frame, refit=refit)
    result = forecast.to_frame().assign(model=forecast.model)
    if out is not None:
        result.assign(date=result["date"].dt.strftime("%Y-%m-%d")).to_csv(out, index=False)
    return result


def run_backtest(
    since: Any = "2010-01-01",
    until: Any = None,
    *,
    model: str = "default",
    tournament: str | None = None,
    refit: str = "7D",
    plot: str | Path | None = None,
    db: str | Path | None = None,
    progress: Any = None,
) -> Any:
    """Walk-forward backtest of a model on 90-minute results (``scoreline backtest``).

    Parameters
    ----------
    since, until : date-like
        Window of the forecast matches, ``until`` exclusive (default: after the last match).
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    tournament : str, optional
        Score only this tournament's matches (the model still learns from all).
    refit : str
        Refit cadence: ``'1D'``, ``'7D'``, ``'30D'``.
    plot : path, optional
        Write the reliability diagram to this PNG file.
    db : path, optional
        Store file.

    Returns
    -------
    BacktestResult
        See :class:`scoreline.evaluate.backtest.BacktestResult`.
    """
    import pandas as pd

    from scoreline.evaluate.backtest import backtest
    from scoreline.evaluate.calibration import reliability_plot

    store = get_store(db)
    factory = model_factory(model)
    matches = store.matches()
    name = store.resolve_tournament(tournament) if tournament else None
    start = _day(since, "since")
    stop = _day(until, "until") or pd.Timestamp(matches["date"].iloc[-1]) + pd.Timedelta(days=1)
    result = backtest(matches, factory, start, stop, tournament=name, refit=refit,
                      progress=progress)
    if plot is not None:
        title = f"{result.model}, {start.date()} to {stop.date()}" + (f", {name}" if name else "")
        reliability_plot(result.calibration, plot, title)
    return result


# ---------------------------------------------------------------- tournaments (issue 5)
def _tournament_model(model: Any) -> Any:
    """A model factory from a name (:data:`MODELS`, with score grids) or a callable."""
    if callable(model):
        return model
    return model_factory(str(model))


def simulate_tournament(
    tournament: str | Path,
    as_of: Any = None,
    *,
    sims: int = 100_000,
    seed: int = 0,
    hot: bool = False,
    model: Any = "default",
    db: str | Path | None = None,
    csv: str | Path | None = None,
    plot: str | Path | None = None,
    progress: Any = None,
) -> Any:
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


def _write_outputs(result: Any, csv: str | Path | None, plot: str | Path | None,
                   draw: Any) -> Any:
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
    model: Any = "default",
    db: str | Path | None = None,
    csv: str | Path | None = None,
    plot: str | Path | None = None,
    progress: Any = None,
) -> Any:
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


# ---------------------------------------------------------------- replays, upsets, comebacks (issue 4)
@dataclass(frozen=True)
class UpsetRanking:
    """Upsets of a selection of matches, biggest first (``scoreline upsets``).

    Attributes
    ----------
    selection : str
        What was ranked, e.g. ``"FIFA World Cup 2022"``.
    matches_scored : int
        Matches of the selection with a walk-forward pre-match forecast.
    upsets_found : int
        How many of them the underdog won (before ``top`` is applied).
    upsets : list of MatchSurprise
        Biggest first; ``rank`` is the position in this list (1-based).
    """

    selection: str
    matches_scored: int
    upsets_found: int
    upsets: list[Any]


@dataclass(frozen=True)
class ComebackRanking:
    """Wins ranked by the winner's lowest in-play win probability (``scoreline comebacks``).

    Attributes
    ----------
    selection : str
    wins_with_timeline : int
        Wins of the selection whose goal minutes are complete (the ones ranked).
    comebacks : list of Comeback
        Lowest point first.
    """

    selection: str
    wins_with_timeline: int
    comebacks: list[Any]


def match_replay(
    date: Any,
    home: str,
    away: str,
    *,
    chart: str | Path | None = None,
    db: str | Path | None = None,
) -> Any:
    """A past match minute by minute (``scoreline match DATE HOME AWAY``).

    Parameters
    ----------
    date : date-like
        Day of the match, ``YYYY-MM-DD``.
    home, away : str
        The two teams in either order, any spelling the store resolves.
    chart : path, optional
        Also draw the win-probability chart; PNG and SVG are written beside this path
        (its suffix is replaced). Skipped, with a note, when there is no timeline.
    db : path, optional
        Store file.

    Returns
    -------
    MatchReplay
        Pre-match forecast (walk-forward, 90-minute result), each goal with the
        probabilities right after it, the timeline, the eventual winner's lowest win
        probability and when, notes on missing or inconsistent data, and ``charts``
        (paths written).

    Raises
    ------
    UnknownMatchError
        No such match; the message lists the nearest matches by date and by teams.
    UnknownTeamError
        A team name matches no team (with the closest names).
    """
    import dataclasses

    from scoreline.insight.replay import build_replay

    day = _day(date, "date")
    store = get_store(db)
    row = store.find_match(day, home, away)
    replay = build_replay(row, store.matches(), store.goals(match_id=int(row["match_id"])))
    if chart is not None:
        if replay.has_timeline:
            from scoreline.insight.replay_chart import save_replay_chart

            paths = save_replay_chart(replay, chart)
            replay = dataclasses.replace(replay, charts=[str(p) for p in paths])
        else:
            replay = dataclasses.replace(
                replay, notes=[*replay.notes, "no chart was drawn: the match has no timeline"])
    return replay


def upsets(
    *,
    tournament: str | None = None,
    year: int | None = None,
    since: Any = None,
    until: Any = None,
    all_time: bool = False,
    top: int | None = 20,
    db: str | Path | None = None,
) -> UpsetRanking:
    """The biggest upsets of a tournament, a year or a window (``scoreline upsets``).

    Every match gets its walk-forward pre-match forecast (a model fitted only on matches
    before the match's week); an upset is a win by the side with the lower pre-match win
    probability, sized by ``upset_bits = -log2(p_winner)`` (for extra time and shoot-outs:
    the probability of going through). See :mod:`scoreline.insight.upsets`.

    Parameters
    ----------
    tournament : str, optional
        Tournament name as in the data, any capitalisation (``"FIFA World Cup"``).
    year : int, optional
        Calendar year (not with ``since``/``until``).
    since, until : date-like, optional
        ``since`` inclusive, ``until`` exclusive.
    all_time : bool
        The tournament's whole history (needs ``tournament``).
    top : int, optional
        Keep the ``top`` biggest (None: all).
    db : path, optional
        Store file.

    Without a period: a tournament's whole history, else the latest year in the data.
    """
    from scoreline.errors import InvalidParameterError
    from scoreline.insight.selection import select_matches
    from scoreline.insight.upsets import match_surprises, rank_upsets, records

    if top is not None and top < 1:
        raise InvalidParameterError(f"top must be at least 1, got {top}")
    store = get_store(db)
    selected, what = select_matches(
        store, tournament=tournament, year=year, since=_iso(since, "since"),
        until=_iso(until, "until"), all_time=all_time)
    surprises = match_surprises(selected, store.matches())
    ranked = rank_upsets(surprises)
    return UpsetRanking(what, len(surprises), len(ranked),
                        records(ranked if top is None else ranked.head(top)))


def match_surprises(
    *,
    tournament: str | None = None,
    year: int | None = None,
    since: Any = None,
    until: Any = None,
    all_time: bool = False,
    db: str | Path | None = None,
) -> Any:
    """Pre-match probabilities and surprise (bits) of every match of a selection.

    Same selection arguments as :func:`upsets`. Returns a DataFrame with the columns of
    :class:`~scoreline.insight.upsets.MatchSurprise` (one row per match, upset or not).
    """
    from scoreline.insight.selection import select_matches
    from scoreline.insight.upsets import match_surprises as surprises

    store = get_store(db)
    selected, _ = select_matches(
        store, tournament=tournament, year=year, since=_iso(since, "since"),
        until=_iso(until, "until"), all_time=all_time)
    return surprises(selected, store.matches())


def comebacks(
    *,
    tournament: str | None = None,
    year: int | None = None,
    since: Any = None,
    until: Any = None,
    top: int | None = 20,
    db: str | Path | None = None,
) -> ComebackRanking:
    """Wins ranked by the eventual winner's lowest in-play win probability (``scoreline comebacks``).

    Only matches with complete goal minutes can be ranked. A win after extra time is
    measured by the winner's chance of going through. Same selection arguments as
    :func:`upsets` (without a period: the tournament's whole history).
    """
    from scoreline.errors import InvalidParameterError
    from scoreline.insight.comebacks import comeback_table, records
    from scoreline.insight.selection import select_matches

    if top is not None and top < 1:
        raise InvalidParameterError(f"top must be at least 1, got {top}")
    store = get_store(db)
    selected, what = select_matches(
        store, tournament=tournament, year=year, since=_iso(since, "since"),
        until=_iso(until, "until"))
    table = comeback_table(selected, store.matches(), store.goals())
    return ComebackRanking(what, len(table), records(table if top is None else table.head(top)))


def _iso(value: Any, what: str) -> str | None:
    day = _day(value, what)
    return None if day is None else str(day.date())
