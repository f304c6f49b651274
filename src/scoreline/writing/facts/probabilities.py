"""Pre-match chances, upset ranks and the in-play low, from the replay and upsets layers.

The pre-match forecast is the walk-forward forecast of :mod:`scoreline.forecast.prematch`
(a model fitted only on matches before the match's week) and the in-play low comes from
:func:`scoreline.inplay.replay.build_replay`. Upset ranks come from
:mod:`scoreline.insight.upsets` when it is present. When a layer is missing or cannot
say anything about a match, the fact is left out and ``MatchFacts.unavailable`` says
why: a story never invents a number.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import pandas as pd

from scoreline.data.outcomes import DecidedBy
from scoreline.writing.facts.lookup import StoreLike
from scoreline.writing.facts.wording import ordinal, percent

if TYPE_CHECKING:
    from scoreline.inplay.replay import MatchReplay
    from scoreline.writing.facts.build import MatchFacts

log = logging.getLogger(__name__)

NOT_AVAILABLE = "not available: the upsets layer is missing"


def _replay(store: StoreLike, mf: MatchFacts) -> MatchReplay:
    from scoreline.inplay.replay import build_replay

    m = mf.match
    row = store.find_match(m.date, m.home_team, m.away_team)
    return build_replay(row, store.matches(), store.goals(match_id=m.match_id))


def add_probability_facts(store: StoreLike, mf: MatchFacts, *, all_time: bool = True,
                          team: bool = True) -> None:
    """Add ``prob.pre_match``, ``inplay.lowest`` and the ``upset.*`` facts when available.

    ``all_time`` adds the rank among every upset of the tournament up to the match day and
    ``team`` the rank among the winner's wins there: they need a walk-forward forecast of
    every such match (slow the first time; cached afterwards).
    """
    m, f = mf.match, mf.facts
    # a second call (a claim that needs the all-time ranks after the others) reuses the
    # replay: it does not depend on which ranks are asked for
    replay = mf.replay
    if replay is None:
        try:
            replay = _replay(store, mf)
        except ImportError:  # pragma: no cover - the replay layer ships with the package
            replay = None
    mf.replay = replay
    if replay is None or replay.prematch is None:
        why = "not available: no pre-match forecast for this match" + (
            f" ({'; '.join(replay.notes)})" if replay is not None and replay.notes else "")
        for key in ("prob.pre_match", "inplay.lowest"):
            mf.unavailable[key] = why
    else:
        pre = replay.prematch
        prov = (f"walk-forward pre-match forecast (scoreline.forecast.prematch.prematch_forecasts, "
                f"default model) fitted on matches before {pre.trained_until}; 90-minute result")
        f.add("prob.pre_match",
              f"before kick-off scoreline's model gave {m.home_team} {percent(pre.p_home)}, the draw "
              f"{percent(pre.p_draw)} and {m.away_team} {percent(pre.p_away)} (90 minutes)",
              {"p_home": pre.p_home, "p_draw": pre.p_draw, "p_away": pre.p_away,
               "home_xg": pre.home_xg, "away_xg": pre.away_xg, "trained_until": pre.trained_until},
              prov)
        if replay.winner_lowest_p is not None and replay.winner is not None:
            what = "winning" if replay.decided_by == DecidedBy.REGULATION else "going through"
            f.add("inplay.lowest",
                  f"{replay.winner}'s chance of {what} was down to {percent(replay.winner_lowest_p)} "
                  f"in the {ordinal(int(replay.winner_lowest_minute or 0))} minute",
                  {"team": replay.winner, "p": replay.winner_lowest_p,
                   "minute": replay.winner_lowest_minute, "decided_by": replay.decided_by},
                  "scoreline.inplay.replay.build_replay: in-play model (scoreline.inplay) from the "
                  "pre-match expected goals and the goal minutes; lowest point of the eventual winner")
        else:
            mf.unavailable["inplay.lowest"] = "not available: " + (
                "; ".join(replay.notes) if replay.notes else "no winner or no timeline")
    _add_upset_ranks(store, mf, all_time, team)


#: Elo ratings are shown beside upsets by the upsets layer; stories do not use them.
_NO_ELO_COLUMNS = ("home_elo", "away_elo")


def _surprises(store: StoreLike, selected: pd.DataFrame) -> pd.DataFrame:
    from scoreline.insight.upsets import match_surprises

    matches = store.matches()
    no_elo = pd.DataFrame({c: pd.Series(dtype="float64") for c in _NO_ELO_COLUMNS},
                          index=pd.Index([], name="match_id", dtype="int64"))
    return match_surprises(selected, matches, elo=no_elo)


def _rank_fact(mf: MatchFacts, key: str, ranked: pd.DataFrame, scope: str, prov: str) -> None:
    m, f = mf.match, mf.facts
    row = ranked[ranked["match_id"] == m.match_id]
    if row.empty:
        mf.unavailable[key] = f"not ranked: the result was not an upset ({scope})"
        return
    rank, of = int(row["rank"].iloc[0]), len(ranked)
    p = float(row["p_winner"].iloc[0])
    place = "the biggest" if rank == 1 else f"the {ordinal(rank)}-biggest"
    text = (f"{place} of the {of} upset wins of {scope}" if key == "upset.rank_team" else
            f"{place} of the {of} upsets of {scope}")
    f.add(key, f"{text} ({m.advancing} had a {percent(p)} chance before kick-off)",
          {"rank": rank, "of": of, "p_winner": p, "upset_bits": float(row["upset_bits"].iloc[0]),
           "scope": scope}, prov)


def _add_upset_ranks(store: StoreLike, mf: MatchFacts, all_time: bool, team: bool) -> None:
    """Upset ranks within the edition (whole, and up to the match day), at the tournament up to
    the match day (``all_time``) and among the winner's wins there (``team``)."""
    try:
        from scoreline.insight.upsets import rank_upsets
    except ImportError:  # pragma: no cover - the upsets layer ships with the package
        for key in ("upset.rank_edition", "upset.rank_tournament", "upset.rank_team"):
            mf.unavailable[key] = NOT_AVAILABLE
        return
    m, f, e = mf.match, mf.facts, mf.edition
    winner = m.advancing
    if winner is None:
        return
    base = ("scoreline.insight.upsets.match_surprises + rank_upsets: upset = win (or shoot-out) "
            "by the side with the lower walk-forward pre-match win probability, ranked by "
            "-log2 p(winner)")
    t = m.tournament
    until = m.date + dt.timedelta(days=1)
    parts = [e.matches]
    history = team_history = None
    if e.is_finals and team:
        # only the winner's wins can rank among its upset wins: forecast just those
        games = store.matches(team=winner, tournament=t, until=until)
        won = ((games["home_team"] == winner) & (games["home_score"] > games["away_score"])) | (
            (games["away_team"] == winner) & (games["away_score"] > games["home_score"])) | (
            games["shootout_winner"] == winner)
        team_history = games[won.to_numpy()]
        parts.append(team_history)
    if e.is_finals and all_time:
        history = store.matches(tournament=t, until=until)
        parts.append(history)
    selected = pd.concat(parts).drop_duplicates("match_id") if len(parts) > 1 else parts[0]
    surprises = _surprises(store, selected)  # one walk-forward pass for every ranking
    edition = surprises[surprises["match_id"].isin(e.matches["match_id"])]
    mine = edition[edition["match_id"] == m.match_id]
    if not mine.empty:
        r = mine.iloc[0]
        p_adv = float(r["p_winner"])
        if bool(r["upset"]):
            text = (f"{winner} were the underdogs: a {percent(p_adv)} chance of "
                    f"{'winning' if r['decided_by'] == DecidedBy.REGULATION else 'going through'} "
                    f"before kick-off")
        else:
            text = (f"{winner} were the favourites ({r['underdog']} had the lower pre-match "
                    f"win probability)")
        f.add("upset.is_upset", text,
              {"upset": bool(r["upset"]), "underdog": str(r["underdog"]), "p_winner": p_adv}, base)
    if not e.is_finals:
        return
    _rank_fact(mf, "upset.rank_edition", rank_upsets(edition), f"the {e.label}",
               base + f"; matches of the {e.label} ({len(e.matches)})")
    so_far = edition[pd.to_datetime(edition["date"]) < pd.Timestamp(until)]
    _rank_fact(mf, "upset.rank_edition_so_far", rank_upsets(so_far),
               f"the {e.label} up to {m.date.isoformat()}",
               base + f"; matches of the {e.label} up to {m.date.isoformat()} ({len(so_far)})")
    if history is None:
        mf.unavailable["upset.rank_tournament"] = "not computed (all-time ranking not asked for)"
    else:
        past = surprises[surprises["match_id"].isin(history["match_id"])]
        _rank_fact(mf, "upset.rank_tournament", rank_upsets(past),
                   f"{t} history to {m.date.isoformat()}",
                   base + f"; every {t} match up to {m.date.isoformat()} ({len(history)})")
    if team_history is None:
        mf.unavailable["upset.rank_team"] = "not computed (team ranking not asked for)"
        return
    mine_all = surprises[surprises["match_id"].isin(team_history["match_id"])]
    ranked = rank_upsets(mine_all)
    ranked = ranked[ranked["winner"] == winner].reset_index(drop=True)
    ranked["rank"] = range(1, len(ranked) + 1)
    _rank_fact(mf, "upset.rank_team", ranked, f"{winner} at the {t} to {m.date.isoformat()}",
               base + f"; {winner}'s {t} matches up to {m.date.isoformat()}")
