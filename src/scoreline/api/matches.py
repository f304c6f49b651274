"""Past matches: replays, upsets, surprises and comebacks (``match``, ``upsets``, ``comebacks``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scoreline._json import JsonDict
from scoreline.api._store import DateLike, _iso, get_store
from scoreline.data.dates import parse_date
from scoreline.inplay.replay import MatchReplay
from scoreline.insight.comebacks import Comeback
from scoreline.insight.upsets import MatchSurprise

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Comeback", "ComebackRanking", "MatchReplay", "MatchSurprise", "SurpriseTable",
           "UpsetRanking",
           "comebacks", "match_replay", "match_surprises", "upsets"]


@dataclass(frozen=True)
class UpsetRanking(JsonDict):
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
    upsets: list[MatchSurprise]


@dataclass(frozen=True)
class ComebackRanking(JsonDict):
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
    comebacks: list[Comeback]


@dataclass(frozen=True)
class SurpriseTable(JsonDict):
    """Pre-match forecast and surprise of every match of a selection (upset or not).

    Attributes
    ----------
    selection : str
        What was scored, e.g. ``"FIFA World Cup 2022"``.
    frame : pandas.DataFrame
        One row per match, ``match_id`` order, with the columns
        :data:`scoreline.insight.upsets.SURPRISE_COLUMNS` (the JSON is its records).
    """

    selection: str
    frame: pd.DataFrame


@dataclass(frozen=True)
class _Selection:
    """The matches a ranking covers, and how to name them."""

    matches: pd.DataFrame
    label: str


def _check_top(top: int | None) -> None:
    from scoreline.errors import InvalidParameterError

    if top is not None and top < 1:
        raise InvalidParameterError(f"top must be at least 1, got {top}")


def _select(db: str | Path | None, *, tournament: str | None, year: int | None,
            since: DateLike, until: DateLike, all_time: bool = False,
            fifa_only: bool = False) -> _Selection:
    """The selection of :func:`upsets`, :func:`match_surprises` and :func:`comebacks`."""
    from scoreline.insight.selection import between_fifa_members, select_matches

    selected, what = select_matches(
        get_store(db), tournament=tournament, year=year, since=_iso(since, "since"),
        until=_iso(until, "until"), all_time=all_time)
    if fifa_only:
        selected = between_fifa_members(selected)
        what += " (FIFA members only)"
    return _Selection(selected, what)


def match_replay(
    date: str | dt.date,
    home: str,
    away: str,
    *,
    chart: str | Path | None = None,
    db: str | Path | None = None,
) -> MatchReplay:
    """A past match minute by minute (``scoreline match DATE HOME AWAY``).

    Parameters
    ----------
    date : date-like
        Day of the match, ``YYYY-MM-DD``.
    home, away : str
        The two teams in either order, any spelling the store resolves.
    chart : path, optional
        Also draw the win-probability chart; PNG and SVG are written beside this path
        (its suffix is replaced; the folder must exist). Skipped, with a note, when there
        is no timeline.
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

    Notes
    -----
    A repeated request is answered from the on-disk result cache while the store file and
    the code are unchanged (:mod:`scoreline.api._results`; ``SCORELINE_RESULT_CACHE=0``
    turns it off); the chart is drawn from that replay.
    """
    import dataclasses

    from scoreline.api._output import checked_output, output_errors
    from scoreline.api._results import cached_result

    day = parse_date(date, "date")
    if chart is not None:
        chart = checked_output(chart, "the chart")

    def compute() -> MatchReplay:
        from scoreline.inplay.replay import build_replay

        store = get_store(db)
        row = store.find_match(day, home, away)
        return build_replay(row, store.matches(), store.goals(match_id=int(row["match_id"])))

    replay = cached_result("match_replay", db, {"date": day.isoformat(), "home": home,
                                                "away": away}, MatchReplay, compute)
    if chart is not None:
        if replay.has_timeline:
            from scoreline.inplay.replay_chart import save_replay_chart

            with output_errors(chart, "the chart"):
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
    since: DateLike = None,
    until: DateLike = None,
    all_time: bool = False,
    top: int | None = 20,
    fifa_only: bool = False,
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
    fifa_only : bool
        Leave out matches of sides that are not FIFA members (CONIFA teams, regions; see
        :mod:`scoreline.data.confederations`).
    db : path, optional
        Store file.

    Without a period: a tournament's whole history, else the latest year in the data.
    A repeated request is answered from the on-disk result cache while the store file and
    the code are unchanged (:mod:`scoreline.api._results`).
    """
    from scoreline.api._results import cached_result

    _check_top(top)

    def compute() -> UpsetRanking:
        from scoreline.insight.upsets import rank_upsets, records

        table = match_surprises(tournament=tournament, year=year, since=since, until=until,
                                all_time=all_time, fifa_only=fifa_only, db=db)
        ranked = rank_upsets(table.frame)
        return UpsetRanking(table.selection, len(table.frame), len(ranked),
                            records(ranked if top is None else ranked.head(top)))

    request = {"tournament": tournament, "year": year, "since": _iso(since, "since"),
               "until": _iso(until, "until"), "all_time": all_time, "top": top,
               "fifa_only": fifa_only}
    return cached_result("upsets", db, request, UpsetRanking, compute)


def match_surprises(
    *,
    tournament: str | None = None,
    year: int | None = None,
    since: DateLike = None,
    until: DateLike = None,
    all_time: bool = False,
    fifa_only: bool = False,
    db: str | Path | None = None,
) -> SurpriseTable:
    """Pre-match probabilities and surprise (bits) of every match of a selection.

    Same selection arguments as :func:`upsets` (``fifa_only`` too); see
    :class:`SurpriseTable`.
    """
    from scoreline.insight.upsets import match_surprises as surprises

    chosen = _select(db, tournament=tournament, year=year, since=since, until=until,
                     all_time=all_time, fifa_only=fifa_only)
    return SurpriseTable(chosen.label, surprises(chosen.matches, get_store(db).matches()))


def comebacks(
    *,
    tournament: str | None = None,
    year: int | None = None,
    since: DateLike = None,
    until: DateLike = None,
    top: int | None = 20,
    db: str | Path | None = None,
) -> ComebackRanking:
    """Wins ranked by the eventual winner's lowest in-play win probability (``scoreline comebacks``).

    Only matches with complete goal minutes can be ranked. A win after extra time is
    measured by the winner's chance of going through. Same selection arguments as
    :func:`upsets` (without a period: the tournament's whole history).
    """
    from scoreline.insight.comebacks import comeback_table, records

    _check_top(top)
    chosen = _select(db, tournament=tournament, year=year, since=since, until=until)
    store = get_store(db)
    table = comeback_table(chosen.matches, store.matches(), store.goals())
    return ComebackRanking(chosen.label, len(table),
                           records(table if top is None else table.head(top)))
