"""How surprising each result was, and which wins were upsets.

For every match: the walk-forward pre-match probabilities (:mod:`scoreline.forecast.prematch`,
never from a model that saw the match), the probability of the 90-minute result that
happened and its surprise in bits, ``-log2 p`` (1 bit = a coin toss; 4.3 bits = a 1-in-20
event). An **upset** is a win by the pre-match underdog (the side with the lower pre-match
win probability); its size is the surprise of that team winning:

- a win in 90 minutes: ``-log2 p_win`` of the winner;
- a knockout decided in extra time or on penalties: ``-log2 p_advance``, the pre-match
  probability of that side going through, ``p_win + p_draw * q`` where ``q`` is its chance
  from level after 90 minutes (extra time at the in-play model's rates, then a 50/50
  shoot-out). The data do not flag knockouts decided in 90 minutes; those count as wins.

Ratings shown beside each match are World Football Elo ratings before the match.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scoreline.data.outcomes import DecidedBy, outcome_index, outcome_names
from scoreline.data.types import MATCH_COLUMNS, AboutAMatch, Match
from scoreline.inplay import LAST_MINUTE, GoalTimelines, ScoringProfile, inplay_paths

if TYPE_CHECKING:
    import pandas as pd

    from scoreline.models.protocol import ModelFactory


@dataclass(frozen=True)
class MatchSurprise(AboutAMatch):
    """One match with its pre-match forecast and how surprising the outcome was.

    Attributes
    ----------
    match : Match
        The match (final score after extra time, without shoot-outs).
    p_home, p_draw, p_away : float
        Walk-forward pre-match probabilities of the 90-minute result.
    home_xg, away_xg : float
        Pre-match expected goals per 90 minutes.
    home_elo, away_elo : float or None
        World Football Elo ratings before the match.
    result_90 : str or None
        ``"home"``, ``"draw"`` or ``"away"`` after 90 minutes (None where unknown).
    p_result_90 : float or None
        Pre-match probability of that 90-minute result.
    surprise_bits : float or None
        ``-log2(p_result_90)``.
    winner : str or None
        Winner after extra time, or the shoot-out winner; None for a draw.
    decided_by : str or None
        ``"90 minutes"``, ``"extra time"`` or ``"shoot-out"``.
    underdog : str
        The side with the lower pre-match win probability.
    p_winner : float or None
        Pre-match probability of the winner winning (90-minute win) or going through
        (matches that went to extra time).
    upset : bool
        The underdog won (or went through).
    upset_bits : float or None
        ``-log2(p_winner)`` for upsets, else None.
    p_home_advance, p_away_advance : float or None
        For matches that went to extra time (knockouts): pre-match probability of each
        side going through; None otherwise.
    rank : int or None
        Position in an upset ranking (1 = biggest), None outside a ranking.
    """

    match: Match
    p_home: float
    p_draw: float
    p_away: float
    home_xg: float
    away_xg: float
    home_elo: float | None
    away_elo: float | None
    result_90: str | None
    p_result_90: float | None
    surprise_bits: float | None
    winner: str | None
    decided_by: str | None
    underdog: str
    p_winner: float | None
    upset: bool
    upset_bits: float | None
    p_home_advance: float | None = None
    p_away_advance: float | None = None
    rank: int | None = None


SURPRISE_COLUMNS = (*MATCH_COLUMNS, *(f.name for f in fields(MatchSurprise) if f.name != "match"))
"""Columns of :func:`match_surprises`: the match's, then the surprise's."""


def level_after_90_home_advance(
    home_xg: np.ndarray, away_xg: np.ndarray, profile: ScoringProfile | None = None
) -> np.ndarray:
    """P(home side goes through | level after 90 minutes): extra time, then a 50/50 shoot-out."""
    n = len(home_xg)
    zeros = np.zeros((n, LAST_MINUTE + 1), dtype=np.int64)
    timelines = GoalTimelines(np.arange(n, dtype=np.int64), zeros, zeros, np.ones(n, dtype=bool))
    paths = inplay_paths(timelines, home_xg, away_xg, profile)
    return np.asarray(paths.advance[:, 90, 0])


ELO_CACHE_VERSION = 1
"""Bump when :func:`elo_before` changes, so that old cache files are ignored."""


def elo_before(matches: pd.DataFrame, cache_dir: Path | None = None) -> pd.DataFrame:
    """World Football Elo ratings of both sides before each match (``match_id`` index).

    Kept on disk beside the walk-forward forecasts (``cache_dir``, default the user cache
    directory), keyed by the data's fingerprint and Elo's class, version and parameters:
    running Elo through every match costs 1-2 s in a new process (most of it loading
    the compiled kernel), reading the ratings back a few milliseconds.
    """
    import hashlib

    import pandas as pd

    from scoreline.forecast.prematch import _model_signature, data_fingerprint, default_cache_dir
    from scoreline.models.elo import Elo

    model = Elo()
    ids = matches["match_id"].to_numpy(dtype=np.int64)
    key = hashlib.sha1(f"{ELO_CACHE_VERSION}|{data_fingerprint(matches)}|"
                       f"{_model_signature(model)}".encode()).hexdigest()[:20]
    path = (cache_dir or default_cache_dir()) / f"elo-before-{key}.npz"
    ratings = _read_elo_cache(path, ids)
    if ratings is None:
        history = model.fit(matches).history_
        if len(history) != len(matches):  # pragma: no cover - Elo keeps every match
            raise RuntimeError("Elo history does not align with the matches")
        ratings = (history["home_rating_before"].to_numpy(dtype=np.float64),
                   history["away_rating_before"].to_numpy(dtype=np.float64))
        _write_elo_cache(path, ids, *ratings)
    return pd.DataFrame({"home_elo": ratings[0], "away_elo": ratings[1]},
                        index=pd.Index(ids, name="match_id"))


def _read_elo_cache(path: Path, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The cached ratings for exactly these matches, or None (missing, unreadable, other ids)."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if not np.array_equal(data["match_id"], ids):
                return None
            return np.asarray(data["home_elo"]), np.asarray(data["away_elo"])
    except (OSError, ValueError, KeyError):
        return None


def _write_elo_cache(path: Path, ids: np.ndarray, home: np.ndarray, away: np.ndarray) -> None:
    """Write the ratings atomically (a reader sees the old file or the new one, never half)."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".elo-before-", suffix=".npz")
    except OSError:  # a cache is optional: a read-only cache folder only costs time
        return
    try:
        with os.fdopen(fd, "wb") as out:
            np.savez(out, match_id=ids, home_elo=home, away_elo=away)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def match_surprises(
    selected: pd.DataFrame,
    matches: pd.DataFrame,
    *,
    model_factory: ModelFactory | None = None,
    cache_dir: Path | None = None,
    elo: pd.DataFrame | None = None,
    profile: ScoringProfile | None = None,
) -> pd.DataFrame:
    """Pre-match probabilities and surprise of each selected match.

    Parameters
    ----------
    selected : DataFrame
        The store matches to score.
    matches : DataFrame
        Every store match (training data of the walk-forward forecasts, and Elo history).
    model_factory, cache_dir : optional
        Passed to :func:`~scoreline.forecast.prematch.prematch_forecasts`.
    elo : DataFrame, optional
        :func:`elo_before` of ``matches`` (computed when not given).
    profile : ScoringProfile, optional
        In-play profile for extra time (default: the shipped one).

    Returns
    -------
    DataFrame
        ``SURPRISE_COLUMNS``, one row per selected match that could be forecast, in
        ``match_id`` order.
    """
    import pandas as pd

    from scoreline.forecast.prematch import prematch_forecasts

    pre = prematch_forecasts(matches, selected["match_id"], model_factory=model_factory,
                             cache_dir=cache_dir)
    frame = selected.merge(pre, on="match_id", how="inner").sort_values("match_id")
    if frame.empty:
        return pd.DataFrame(columns=list(SURPRISE_COLUMNS))
    elo = elo if elo is not None else elo_before(matches, cache_dir)
    frame = frame.join(elo, on="match_id")

    hs90, as90 = frame["home_score_90"], frame["away_score_90"]
    known = (hs90.notna() & as90.notna()).to_numpy()
    h90 = hs90.fillna(0).to_numpy(dtype=np.int64)
    a90 = as90.fillna(0).to_numpy(dtype=np.int64)
    result_idx = outcome_index(h90, a90)
    probs = frame[["p_home", "p_draw", "p_away"]].to_numpy(dtype=np.float64)
    p_result = np.where(known, probs[np.arange(len(frame)), result_idx], np.nan)

    home_score = frame["home_score"].to_numpy(dtype=np.int64)
    away_score = frame["away_score"].to_numpy(dtype=np.int64)
    shootout = frame["shootout_winner"].to_numpy(dtype=object)
    extra = frame["extra_time"].fillna(False).to_numpy(dtype=bool) | pd.notna(shootout)
    home_team = frame["home_team"].to_numpy(dtype=object)
    away_team = frame["away_team"].to_numpy(dtype=object)

    # only ties that went to extra time use the chance to go through from level after 90
    q_home = np.zeros(len(frame))
    if extra.any():
        q_home[extra] = level_after_90_home_advance(frame["home_xg"].to_numpy()[extra],
                                                    frame["away_xg"].to_numpy()[extra], profile)
    p_home_adv = probs[:, 0] + probs[:, 1] * q_home
    winner_home = np.where(home_score != away_score, home_score > away_score,
                           np.where(pd.notna(shootout), shootout == home_team, False))
    has_winner = (home_score != away_score) | pd.notna(shootout)
    p_winner = np.where(
        extra,
        np.where(winner_home, p_home_adv, 1.0 - p_home_adv),
        np.where(winner_home, probs[:, 0], probs[:, 2]),
    )
    home_is_underdog = probs[:, 0] < probs[:, 2]
    upset = has_winner & (winner_home == home_is_underdog)
    decided = _pick(home_score != away_score,
                    np.where(extra, DecidedBy.EXTRA_TIME.value,
                             DecidedBy.REGULATION.value).astype(object),
                    _pick(pd.notna(shootout),
                          np.full(len(frame), DecidedBy.SHOOTOUT.value, dtype=object)))

    out = pd.DataFrame({
        "match_id": frame["match_id"].to_numpy(dtype=np.int64),
        "date": frame["date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "home_team": home_team, "away_team": away_team,
        "home_score": home_score, "away_score": away_score,
        "tournament": frame["tournament"].to_numpy(), "city": frame["city"].to_numpy(),
        "country": frame["country"].to_numpy(), "neutral": frame["neutral"].to_numpy(),
        "extra_time": extra, "shootout_winner": frame["shootout_winner"].to_numpy(),
        "has_goal_minutes": frame["has_goal_minutes"].to_numpy(dtype=bool),
        "p_home": probs[:, 0], "p_draw": probs[:, 1], "p_away": probs[:, 2],
        "home_xg": frame["home_xg"].to_numpy(), "away_xg": frame["away_xg"].to_numpy(),
        "home_elo": frame["home_elo"].to_numpy(), "away_elo": frame["away_elo"].to_numpy(),
        "result_90": _pick(known, outcome_names(result_idx)),
        "p_result_90": p_result,
        "surprise_bits": -np.log2(p_result),
        "winner": _pick(has_winner, np.where(winner_home, home_team, away_team)),
        "decided_by": decided,
        "underdog": np.where(home_is_underdog, home_team, away_team),
        "p_winner": np.where(has_winner, p_winner, np.nan),
        "upset": upset,
        "upset_bits": np.where(upset, -np.log2(np.maximum(p_winner, 1e-12)), np.nan),
        "p_home_advance": np.where(extra, p_home_adv, np.nan),
        "p_away_advance": np.where(extra, 1.0 - p_home_adv, np.nan),
    })
    return out.reset_index(drop=True)


def _pick(cond: Any, values: Any, otherwise: Any = None) -> np.ndarray:
    """``values`` where ``cond``, else ``otherwise`` (an object array; None by default)."""
    out = np.full(len(values), None, dtype=object) if otherwise is None else np.array(
        otherwise, dtype=object)
    mask = np.asarray(cond, dtype=bool)
    out[mask] = np.asarray(values, dtype=object)[mask]
    return out


def rank_upsets(surprises: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Upsets only, biggest first (by ``upset_bits``), with a ``rank`` column (1 = biggest)."""
    # astype: an empty selection has an object column, which pandas would read as labels
    ups = surprises[surprises["upset"].astype(bool).to_numpy()].sort_values(
        ["upset_bits", "date"], ascending=[False, True], kind="stable")
    ups = ups.drop(columns=["rank"], errors="ignore").reset_index(drop=True)
    ups.insert(0, "rank", np.arange(1, len(ups) + 1))
    return ups if top is None else ups.head(top)


def records(frame: pd.DataFrame) -> list[MatchSurprise]:
    """Rows of :func:`match_surprises` as :class:`MatchSurprise` dataclasses."""
    own = [f.name for f in fields(MatchSurprise) if f.name != "match" and f.name in frame.columns]
    out = []
    for row in frame.to_dict(orient="records"):
        clean: dict[str, Any] = {
            str(k): (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()
        }
        for k in ("upset",):
            clean[k] = bool(clean[k])
        if clean.get("rank") is not None:
            clean["rank"] = int(clean["rank"])
        out.append(MatchSurprise(match=Match.from_row(clean), **{k: clean[k] for k in own}))
    return out
