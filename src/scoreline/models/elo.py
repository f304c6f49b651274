"""World Football Elo ratings, as published by eloratings.net, with fitted 1X2 and score grids.

Rating update, per match (after extra time; a shoot-out counts as a draw)::

    W_e   = 1 / (10 ** (-dr / 400) + 1)        dr = R_home - R_away (+100 if not neutral)
    delta = round(K * G * (W - W_e))            W = 1 win, 0.5 draw, 0 loss (home view)
    R_home += delta;  R_away -= delta           (zero-sum)

K comes from the tournament (:mod:`scoreline.models.k_factors`); G is 1 for a one-goal
win or a draw, 1.5 for two goals, 1.75 for three and 1.75 + (N - 3) / 8 for N >= 4.
Each change is rounded to a whole point (halves away from zero), as the published tables
are. Teams enter at ``initial_rating`` (1500).

Forecasts. The Elo win expectancy counts a draw as half a win, so it is not a 1X2
forecast. :meth:`Elo.fit` therefore also fits, on the pre-match ratings of past matches
and their 90-minute results, (1) an ordered logit from the rating difference and the
home flag to home/draw/away probabilities and (2) a Poisson regression of each side's
90-minute goals on the same inputs (:mod:`scoreline.models.ordered_logit`). A forecast's
score grid is the independent-Poisson grid of those goal rates with its home-win, draw
and away-win regions rescaled to the ordered logit's 1X2, so the grid, the 1X2 and every
market derived from the grid agree. ``expected_home_goals``/``expected_away_goals`` are
the Poisson rates. Both links are fitted only on matches of the last
``link_window_days`` before the newest fitted match: a model fitted on matches before D
uses nothing from D on.

References
----------
World Football Elo Ratings, "About the ratings", https://www.eloratings.net/about
Hvattum, L. M. & Arntzen, H. (2010). Using ELO ratings for match result prediction in
association football. International Journal of Forecasting 26(3), 460-470.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, Self, TypeVar, cast

import numpy as np
import pandas as pd
from numpy.typing import DTypeLike, NDArray

from scoreline.data.outcomes import outcome_index
from scoreline.errors import DataValidationError, InvalidParameterError, NotFittedError
from scoreline.models._json import read_document, reading
from scoreline.models._params import check_flag, check_number
from scoreline.models._training import fixture_arrays, goals_90
from scoreline.models.k_factors import k_factors
from scoreline.models.ordered_logit import (
    GoalRates,
    OrderedLogit,
    fit_goal_rates,
    fit_ordered_logit,
    match_outcomes,
    poisson_grids,
)
from scoreline.models.score_grid import MAX_GOALS, Forecast

logger = logging.getLogger(__name__)

_F = TypeVar("_F", bound=Callable[..., Any])


def _njit(**options: Any) -> Callable[[_F], _F]:
    """numba's ``njit``, applied at the first call: importing numba costs a third of a
    second, which a forecast from stored ratings never needs. Without numba the loop runs
    as plain Python."""

    def decorate(func: _F) -> _F:
        compiled: list[Callable[..., Any]] = []

        def first_call(*args: Any) -> Any:
            if not compiled:
                try:
                    from numba import njit
                except ImportError:  # pragma: no cover - numba is a dependency
                    compiled.append(func)
                else:
                    compiled.append(njit(**options)(func))
            return compiled[0](*args)

        first_call.__doc__ = func.__doc__
        first_call.__name__ = func.__name__
        return cast(_F, first_call)

    return decorate

MATCH_COLUMNS = ("date", "home_team", "away_team", "home_score", "away_score", "tournament", "neutral")
"""Columns :meth:`Elo.fit` needs (scores after extra time, without shoot-outs)."""


@_njit(cache=True, nogil=True)
def _run_elo(
    home_idx: NDArray[np.int64],
    away_idx: NDArray[np.int64],
    home_score: NDArray[np.int64],
    away_score: NDArray[np.int64],
    not_neutral: NDArray[np.float64],
    k: NDArray[np.float64],
    ratings: NDArray[np.float64],
    home_advantage: float,
    round_changes: bool,
    pre_home: NDArray[np.float64],
    pre_away: NDArray[np.float64],
    change: NDArray[np.float64],
) -> None:  # pragma: no cover - compiled
    for i in range(home_idx.shape[0]):
        h = home_idx[i]
        a = away_idx[i]
        r_home = ratings[h]
        r_away = ratings[a]
        dr = r_home - r_away + home_advantage * not_neutral[i]
        expected = 1.0 / (10.0 ** (-dr / 400.0) + 1.0)
        goal_diff = home_score[i] - away_score[i]
        if goal_diff > 0:
            result = 1.0
        elif goal_diff < 0:
            result = 0.0
        else:
            result = 0.5
        margin = abs(goal_diff)
        if margin <= 1:
            g = 1.0
        elif margin == 2:
            g = 1.5
        elif margin == 3:
            g = 1.75
        else:
            g = 1.75 + (margin - 3) / 8.0
        delta = k[i] * g * (result - expected)
        if round_changes:
            delta = np.floor(delta + 0.5) if delta >= 0.0 else -np.floor(-delta + 0.5)
        pre_home[i] = r_home
        pre_away[i] = r_away
        change[i] = delta
        ratings[h] = r_home + delta
        ratings[a] = r_away - delta


def _check_columns(matches: pd.DataFrame) -> None:
    if not isinstance(matches, pd.DataFrame):
        raise InvalidParameterError(
            f"matches must be a pandas DataFrame, got {type(matches).__name__}"
        )
    missing = [c for c in MATCH_COLUMNS if c not in matches.columns]
    if missing:
        raise DataValidationError(
            [f"matches: missing column(s) {missing}; expected at least {list(MATCH_COLUMNS)}"]
        )


def _check_rows(matches: pd.DataFrame, offset: int = 0) -> None:
    """Validate the rows Elo is about to run (row numbers reported from ``offset``)."""
    for side in ("home_score", "away_score"):
        if matches[side].isna().any():
            i = int(np.flatnonzero(matches[side].isna().to_numpy())[0])
            raise DataValidationError([f"matches row {offset + i}: {side} is missing"])
    dates = pd.to_datetime(matches["date"])
    if len(dates) > 1 and not dates.is_monotonic_increasing:
        raise DataValidationError(["matches: not sorted by date; sort by date then match_id"])
    same = matches["home_team"].to_numpy() == matches["away_team"].to_numpy()
    if same.any():
        i = int(np.flatnonzero(same)[0])
        raise DataValidationError(
            [f"matches row {offset + i}: {matches['home_team'].iloc[i]!r} plays itself"]
        )


_JSON_FORMAT = "scoreline.elo/1"

_PART_DTYPES: dict[str, DTypeLike] = {
    "date": "datetime64[ns]", "home_idx": np.int64, "away_idx": np.int64,
    "tournament": np.int64, "k": np.float64, "not_neutral": np.float64,
    "pre_home": np.float64, "pre_away": np.float64, "change": np.float64,
    "home_90": np.int64, "away_90": np.int64, "known_90": np.bool_,
}
"""Per-match arrays kept by :class:`Elo` (one entry per fitted match)."""


class Elo:
    """World Football Elo ratings (eloratings.net formula) with a fitted 1X2 link.

    Parameters
    ----------
    initial_rating : float
        Rating of a team at its first match (and of a team never seen, in forecasts).
    home_advantage : float
        Elo points added to a team playing at home (not at a neutral venue), default 100.
    round_changes : bool
        Round each rating change to a whole point, as eloratings.net does.
    link_window_days : int
        The ordered logit and the goal-rate regression are fitted on matches of this many
        days before the newest fitted match (default 8 years).
    warm_start : bool
        When ``fit`` is called again on a fitted model with matches that extend the ones
        it saw (same first rows), run only the new matches and start the link fits at
        the previous estimates. The ratings are identical to a cold fit; the links agree
        to optimiser tolerance. A weekly walk-forward refit then costs a few milliseconds.

    Attributes
    ----------
    ratings_ : Series
        Rating of every team after the last fitted match, highest first.
    history_ : DataFrame
        One row per fitted match: ``date``, ``home_team``, ``away_team``, ``tournament``,
        ``k``, ``home_rating_before``, ``away_rating_before``, ``home_rating_after``,
        ``away_rating_after``, ``change`` (points gained by the home team).
    link_ : OrderedLogit
        Rating difference -> 1X2 (90 minutes).
    goal_rates_ : GoalRates
        Rating difference -> expected 90-minute goals.
    last_date_ : Timestamp
        Date of the last fitted match.

    References
    ----------
    https://www.eloratings.net/about
    """

    link_: OrderedLogit
    goal_rates_: GoalRates
    last_date_: pd.Timestamp
    _teams: list[str]
    _index: dict[str, int]
    _ratings: NDArray[np.float64]
    _parts: list[dict[str, NDArray[Any]]]
    _cache: dict[str, NDArray[Any]] | None
    _n: int
    _tournaments: list[str]
    _tournament_index: dict[str, int]
    _last_key: tuple[pd.Timestamp, str, str]
    _history_complete: bool

    name = "elo"
    version = "1"
    """Version of the model's maths: bump it whenever forecasts change for the same parameters
    (caches of forecasts, e.g. ``scoreline.forecast.prematch``, are keyed by it)."""

    def __init__(
        self,
        *,
        initial_rating: float = 1500.0,
        home_advantage: float = 100.0,
        round_changes: bool = True,
        link_window_days: int = 8 * 365,
        warm_start: bool = True,
    ) -> None:
        self.initial_rating = check_number("initial_rating", initial_rating, unit="Elo points")
        self.home_advantage = check_number("home_advantage", home_advantage, minimum=0,
                                           unit="Elo points")
        self.round_changes = check_flag("round_changes", round_changes)
        window = check_number("link_window_days", link_window_days, minimum=30, unit="days")
        if not window.is_integer():
            raise InvalidParameterError(
                f"link_window_days must be a whole number of days, got {link_window_days!r}")
        self.link_window_days = int(window)
        self.warm_start = check_flag("warm_start", warm_start)

    def get_params(self) -> dict[str, object]:
        """Constructor parameters (JSON-serialisable)."""
        return {
            "initial_rating": self.initial_rating,
            "home_advantage": self.home_advantage,
            "round_changes": self.round_changes,
            "link_window_days": self.link_window_days,
            "warm_start": self.warm_start,
        }

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"Elo({params})"

    # ------------------------------------------------------------------ fitting
    def fit(self, matches: pd.DataFrame, *, warm_start: Elo | None = None) -> Self:
        """Run the ratings over ``matches`` in order and fit the 1X2 and goal links.

        Parameters
        ----------
        matches : DataFrame
            Matches sorted by date (then ``match_id``) with :data:`MATCH_COLUMNS`;
            ``home_score``/``away_score`` after extra time, without shoot-outs. The links
            are fitted on ``home_score_90``/``away_score_90`` when present (matches with
            an unknown 90-minute score are left out of the links only).
        warm_start : Elo, optional
            A fitted Elo model to continue from: when ``matches`` extends the matches it
            saw, only the new ones are run (it is copied, never changed). By default a
            model built with ``warm_start=True`` continues from its own last fit.

        Returns
        -------
        Elo
            ``self``, fitted.
        """
        _check_columns(matches)
        if len(matches) == 0:
            raise DataValidationError(["matches: empty; Elo needs at least one match"])
        if warm_start is not None and warm_start is not self:
            if not isinstance(warm_start, Elo):
                raise InvalidParameterError(
                    f"warm_start must be a fitted Elo model, got {type(warm_start).__name__}")
            if warm_start._extends(matches):
                self._copy_state(warm_start)
            else:
                self._n = 0
        start = self._n if (self.warm_start or warm_start is not None) \
            and self._extends(matches) else 0
        new = matches.iloc[start:] if start else matches
        _check_rows(new, start)
        if start and len(new) and pd.Timestamp(new["date"].iloc[0]) < self.last_date_:
            raise DataValidationError(["matches: not sorted by date; sort by date then match_id"])
        previous = (getattr(self, "link_", None), getattr(self, "goal_rates_", None)) if start \
            else (None, None)
        if not start:
            self._reset()
        self._append(new)
        self._fit_links(*previous)
        return self

    def _extends(self, matches: pd.DataFrame) -> bool:
        """Whether ``matches`` starts with exactly the matches this model has run."""
        n = getattr(self, "_n", 0)
        if n == 0 or n > len(matches) or not hasattr(self, "link_"):
            return False
        if not self._history_complete:  # read from JSON: its run did not start at row 0
            return False
        row = matches.iloc[n - 1]
        return bool(
            pd.Timestamp(row["date"]) == self._last_key[0]
            and row["home_team"] == self._last_key[1]
            and row["away_team"] == self._last_key[2]
        )

    def _copy_state(self, other: Elo) -> None:
        """Take ``other``'s fitted state without sharing anything that a fit changes in place.

        The per-match arrays are never written after they are made, so they are shared;
        the ratings and the name tables grow or change in place, so they are copied.
        """
        self._teams = list(other._teams)
        self._index = dict(other._index)
        self._ratings = other._ratings.copy()
        self._parts = list(other._parts)
        self._cache = other._cache
        self._n = other._n
        self._tournaments = list(other._tournaments)
        self._tournament_index = dict(other._tournament_index)
        self._last_key = other._last_key
        self._history_complete = other._history_complete
        self.link_ = other.link_
        self.goal_rates_ = other.goal_rates_
        self.last_date_ = other.last_date_

    def _reset(self) -> None:
        self._history_complete = True
        self._teams = []
        self._index = {}
        self._ratings = np.zeros(0)
        self._parts = []
        self._cache = None
        self._n = 0
        self._tournaments = []
        self._tournament_index = {}

    @staticmethod
    def _codes(values: pd.Series, index: dict[str, int], names: list[str]) -> NDArray[np.int64]:
        """Stable integer codes of ``values``, extending ``index``/``names`` with new ones."""
        codes, uniques = pd.factorize(values)
        table = np.empty(len(uniques), dtype=np.int64)
        for j, name in enumerate(uniques):
            idx = index.get(name)
            if idx is None:
                idx = len(names)
                index[name] = idx
                names.append(name)
            table[j] = idx
        return np.asarray(table[codes], dtype=np.int64)

    def _team_codes(self, home: pd.Series, away: pd.Series) -> NDArray[np.int64]:
        codes = self._codes(pd.concat([home, away], ignore_index=True), self._index, self._teams)
        if len(self._teams) > len(self._ratings):
            grow = np.full(len(self._teams) - len(self._ratings), self.initial_rating)
            self._ratings = np.concatenate([self._ratings, grow])
        return codes

    def _append(self, matches: pd.DataFrame) -> None:
        n = len(matches)
        if n == 0:
            return
        codes = self._team_codes(matches["home_team"], matches["away_team"])
        home_idx, away_idx = codes[:n], codes[n:]
        home_score = matches["home_score"].to_numpy(dtype=np.int64)
        away_score = matches["away_score"].to_numpy(dtype=np.int64)
        not_neutral = (~matches["neutral"].to_numpy(dtype=bool)).astype(np.float64)
        tournament = self._codes(matches["tournament"], self._tournament_index, self._tournaments)
        k = k_factors(self._tournaments)[tournament]
        pre_home = np.empty(n)
        pre_away = np.empty(n)
        change = np.empty(n)
        _run_elo(
            home_idx, away_idx, home_score, away_score, not_neutral, k, self._ratings,
            self.home_advantage, self.round_changes, pre_home, pre_away, change,
        )
        h90, a90, known = goals_90(matches)
        self._parts.append(
            {
                "date": pd.to_datetime(matches["date"]).to_numpy(dtype="datetime64[ns]"),
                "home_idx": home_idx,
                "away_idx": away_idx,
                "tournament": tournament,
                "k": k,
                "not_neutral": not_neutral,
                "pre_home": pre_home,
                "pre_away": pre_away,
                "change": change,
                "home_90": h90,
                "away_90": a90,
                "known_90": known,
            }
        )
        self._cache = None
        self._n += n
        last = matches.iloc[-1]
        self._last_key = (pd.Timestamp(last["date"]), last["home_team"], last["away_team"])

    def _arrays(self) -> dict[str, NDArray[Any]]:
        if self._cache is None:
            if not self._parts:  # read from JSON, nothing run since
                return {key: np.zeros(0, dtype=dtype) for key, dtype in _PART_DTYPES.items()}
            if len(self._parts) == 1:
                self._cache = self._parts[0]
            else:
                self._cache = {
                    key: np.concatenate([p[key] for p in self._parts]) for key in self._parts[0]
                }
                self._parts = [self._cache]
        return self._cache

    def _fit_links(self, prior: OrderedLogit | None, prior_rates: GoalRates | None) -> None:
        arr = self._arrays()
        last = arr["date"][-1]
        # dates are sorted: the window is a suffix
        first = int(np.searchsorted(
            arr["date"], last - np.timedelta64(self.link_window_days, "D"), side="right"))
        if int(arr["known_90"][first:].sum()) < 50:  # a short history: fit on everything known
            first = 0
        rows = first + np.flatnonzero(arr["known_90"][first:])
        if rows.size == 0:
            raise DataValidationError(["matches: no match with a known 90-minute score to fit on"])
        diff = arr["pre_home"][rows] - arr["pre_away"][rows]
        nn = arr["not_neutral"][rows]
        h90 = arr["home_90"][rows]
        a90 = arr["away_90"][rows]
        outcome = outcome_index(h90, a90)
        self.link_ = fit_ordered_logit(diff, nn, outcome, init=prior)
        self.goal_rates_ = fit_goal_rates(diff, nn, h90, a90, init=prior_rates)
        self.last_date_ = pd.Timestamp(last)

    # ------------------------------------------------------------------ online
    def update(self, match: Mapping[str, object] | pd.Series | pd.DataFrame) -> Self:
        """Apply one or more new matches to the ratings (online), without refitting the links.

        Parameters
        ----------
        match : mapping, Series or DataFrame
            A match with :data:`MATCH_COLUMNS` (or several, as a frame), dated no earlier
            than the last fitted match.

        Returns
        -------
        Elo
            ``self``, with ``ratings_`` and ``history_`` extended.
        """
        self._check_fitted()
        frame = match if isinstance(match, pd.DataFrame) else pd.DataFrame([dict(match)])
        _check_columns(frame)
        _check_rows(frame)
        if len(frame) and pd.Timestamp(frame["date"].iloc[0]) < self.last_date_:
            raise InvalidParameterError(
                f"match dated {pd.Timestamp(frame['date'].iloc[0]).date()} is before the last "
                f"fitted match ({self.last_date_.date()}); refit with fit() instead"
            )
        self._append(frame)
        self.last_date_ = pd.Timestamp(self._arrays()["date"][-1])
        return self

    # ------------------------------------------------------------------ results
    def _check_fitted(self) -> None:
        if not hasattr(self, "link_"):
            raise NotFittedError("this Elo model is not fitted yet; call fit(matches) first")

    def _check_history(self) -> None:
        self._check_fitted()
        if not self._history_complete:
            raise NotFittedError(
                "this Elo model was read from JSON, which keeps the ratings but not the match "
                "history; fit it on the matches to get history_ and ratings_at")

    @property
    def ratings_(self) -> pd.Series:
        """Rating of every team after the last fitted match, highest first."""
        self._check_fitted()
        series = pd.Series(self._ratings.copy(), index=pd.Index(self._teams, name="team"), name="rating")
        return series.sort_values(ascending=False, kind="stable")

    @property
    def history_(self) -> pd.DataFrame:
        """Per-match pre- and post-match ratings (see the class docstring)."""
        self._check_history()
        arr = self._arrays()
        teams = np.asarray(self._teams, dtype=object)
        return pd.DataFrame(
            {
                "date": arr["date"],
                "home_team": teams[arr["home_idx"]],
                "away_team": teams[arr["away_idx"]],
                "tournament": np.asarray(self._tournaments, dtype=object)[arr["tournament"]],
                "k": arr["k"],
                "home_rating_before": arr["pre_home"],
                "away_rating_before": arr["pre_away"],
                "home_rating_after": arr["pre_home"] + arr["change"],
                "away_rating_after": arr["pre_away"] - arr["change"],
                "change": arr["change"],
            }
        )

    def ratings_at(self, date: str | pd.Timestamp) -> pd.Series:
        """Ratings as of the start of ``date`` (after every fitted match strictly before it).

        Parameters
        ----------
        date : str or Timestamp
            ISO date.

        Returns
        -------
        Series
            Rating per team that had played before ``date``, highest first.
        """
        self._check_history()
        arr = self._arrays()
        stop = int(np.searchsorted(arr["date"], np.datetime64(pd.Timestamp(date), "ns"), side="left"))
        # chronological (home, away) pairs; the last occurrence of a team holds its rating
        idx = np.stack([arr["home_idx"][:stop], arr["away_idx"][:stop]], axis=1).ravel()
        post = np.stack(
            [arr["pre_home"][:stop] + arr["change"][:stop], arr["pre_away"][:stop] - arr["change"][:stop]],
            axis=1,
        ).ravel()
        teams, first_in_reversed = np.unique(idx[::-1], return_index=True)
        series = pd.Series(
            post[::-1][first_in_reversed],
            index=pd.Index(np.asarray(self._teams, dtype=object)[teams], name="team"),
            name="rating",
        )
        return series.sort_values(ascending=False, kind="stable")

    def team_ratings(self, teams: NDArray[np.str_] | NDArray[np.object_]) -> NDArray[np.float64]:
        """Current ratings of ``teams`` (``initial_rating`` for a team never seen)."""
        self._check_fitted()
        idx = np.array([self._index.get(t, -1) for t in teams], dtype=np.int64)
        unknown = idx < 0
        if unknown.any():
            logger.info(
                "no Elo rating for %s; using the initial rating %.0f",
                sorted(set(np.asarray(teams, dtype=object)[unknown])),
                self.initial_rating,
            )
        return np.where(unknown, self.initial_rating, self._ratings[np.maximum(idx, 0)])

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        """90-minute forecasts from the current ratings and the fitted links.

        Parameters
        ----------
        fixtures : DataFrame
            ``date``, ``home_team``, ``away_team``, ``neutral``, ``tournament``. The ratings
            used are those after the last fitted match, whatever the fixture dates: fit on
            matches before the fixtures (``scoreline.forecast.walk_forward`` does this).

        Returns
        -------
        Forecast
            1X2 from the ordered logit; score grids consistent with it (module docstring).
        """
        self._check_fitted()
        home, away, not_neutral = fixture_arrays(fixtures)
        diff = self.team_ratings(home) - self.team_ratings(away)
        outcomes = self.link_.predict(diff, not_neutral)
        home_rate, away_rate = self.goal_rates_.predict(diff, not_neutral)
        grids = match_outcomes(poisson_grids(home_rate, away_rate, MAX_GOALS), outcomes)
        return Forecast(
            fixtures=fixtures.reset_index(drop=True),
            grids=grids,
            expected_home_goals=home_rate,
            expected_away_goals=away_rate,
            model=self.name,
        )

    # ------------------------------------------------------------------ persistence
    def to_json(self) -> str:
        """Parameters, current ratings and the fitted links as JSON (never pickle).

        The per-match history is not written: a model read back predicts exactly as this
        one and has the same ``ratings_`` (``update`` extends them), but ``history_`` and
        ``ratings_at`` raise NotFittedError until it is fitted again, from scratch.
        """
        payload: dict[str, object] = {"format": _JSON_FORMAT, "params": self.get_params()}
        if hasattr(self, "link_"):
            payload["fitted"] = {
                "teams": [str(t) for t in self._teams],
                "ratings": [float(r) for r in self._ratings],
                "link": {"beta": self.link_.beta, "gamma": self.link_.gamma,
                         "theta_1": self.link_.theta_1, "theta_2": self.link_.theta_2,
                         "n_matches": self.link_.n_matches},
                "goal_rates": {"alpha": self.goal_rates_.alpha, "beta": self.goal_rates_.beta,
                               "gamma_home": self.goal_rates_.gamma_home,
                               "gamma_away": self.goal_rates_.gamma_away},
                "last_date": self.last_date_.isoformat(),
            }
        return json.dumps(payload)

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Rebuild a model written by :meth:`to_json` (ratings and links, not the history).

        Raises
        ------
        FormatError
            The text is not a scoreline Elo JSON document.
        """
        payload = read_document(text, _JSON_FORMAT, "Elo")
        with reading("Elo"):
            model = cls(**payload["params"])
            fitted = payload.get("fitted")
            if fitted is not None:
                model._reset()
                model._history_complete = False
                teams = [str(t) for t in fitted["teams"]]
                model._teams = teams
                model._index = {t: i for i, t in enumerate(teams)}
                model._ratings = np.asarray(fitted["ratings"], dtype=np.float64)
                if len(model._ratings) != len(teams):
                    raise ValueError("teams and ratings differ in length")
                model.link_ = OrderedLogit(**fitted["link"])
                model.goal_rates_ = GoalRates(**fitted["goal_rates"])
                model.last_date_ = pd.Timestamp(fitted["last_date"])
        return model


def elo_change(
    home_rating: float,
    away_rating: float,
    home_score: int,
    away_score: int,
    k: float,
    neutral: bool = False,
    home_advantage: float = 100.0,
    round_change: bool = True,
) -> float:
    """Points the home team gains (the away team loses) in one match, eloratings.net formula.

    Parameters
    ----------
    home_rating, away_rating : float
        Pre-match ratings.
    home_score, away_score : int
        Score after extra time (a shoot-out is a draw).
    k : float
        Tournament weight.
    neutral : bool
        True at a neutral venue (no home bonus).

    Returns
    -------
    float
        Rating change of the home team (whole points when ``round_change``).
    """
    ratings = np.array([home_rating, away_rating], dtype=np.float64)
    change = np.empty(1)
    _run_elo(
        np.array([0]), np.array([1]), np.array([home_score]), np.array([away_score]),
        np.array([0.0 if neutral else 1.0]), np.array([float(k)]), ratings, home_advantage,
        round_change, np.empty(1), np.empty(1), change,
    )
    return float(change[0])


__all__ = ["MATCH_COLUMNS", "Elo", "elo_change"]
