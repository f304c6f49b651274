"""Which match: look a match up by date and teams, and find the tournament edition it belongs to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from scoreline.data.dates import DayLike, parse_date
from scoreline.data.types import Match
from scoreline.errors import UnknownMatchError

#: Matches of one tournament further apart than this (days) belong to different editions.
EDITION_GAP_DAYS = 45


class StoreLike(Protocol):
    """The part of the scoreline store the insight layer reads (see ``scoreline.open``)."""

    def matches(self, since: DayLike | None = None, until: DayLike | None = None,
                team: str | None = None,
                tournament: str | None = None) -> pd.DataFrame: ...

    def goals(self, since: DayLike | None = None, until: DayLike | None = None,
              team: str | None = None,
              match_id: int | None = None) -> pd.DataFrame: ...

    def resolve_team(self, name: str, date: DayLike | None = None) -> str: ...

    def find_match(self, date: DayLike, home: str, away: str) -> pd.Series: ...

    def teams(self) -> list[str]: ...

    def former_names(self) -> pd.DataFrame: ...


def match_by_id(store: StoreLike, match_id: int, date: dt.date) -> Match:
    """The match with this id, played on ``date`` (the date narrows the query)."""
    frame = store.matches(since=date, until=date + dt.timedelta(days=1))
    rows = frame[frame["match_id"] == match_id]
    if rows.empty:
        raise UnknownMatchError(f"no match with id {match_id} on {date.isoformat()}")
    return Match.from_row(rows.iloc[0])


def find_match(store: StoreLike, date: str | dt.date, home: str, away: str) -> Match:
    """The match between ``home`` and ``away`` on ``date`` (either order of the teams).

    Parameters
    ----------
    store : Store
        The scoreline store.
    date : str or datetime.date
        ``YYYY-MM-DD``.
    home, away : str
        Team names; resolved with ``store.resolve_team`` (former names and spelling).

    Raises
    ------
    InvalidParameterError
        The date is not a date.
    UnknownTeamError
        A team name matches no team (with suggestions).
    UnknownMatchError
        The teams did not meet that day (with the nearest meetings).
    """
    day = parse_date(date, "date")
    return Match.from_row(store.find_match(day, home, away))


@dataclass(frozen=True)
class Edition:
    """One edition of a tournament: its matches clustered in time.

    Attributes
    ----------
    tournament : str
        Tournament name as in the data.
    label : str
        ``"2022 FIFA World Cup"`` (year of the first match).
    start, end : datetime.date
        First and last match days.
    is_finals : bool
        True for a finals tournament (not a qualifier, not friendlies).
    matches : pandas.DataFrame
        The edition's matches (store columns), by date then match_id.
    """

    tournament: str
    label: str
    start: dt.date
    end: dt.date
    is_finals: bool
    matches: pd.DataFrame = field(compare=False, repr=False)

    @property
    def provenance(self) -> str:
        """How the edition was delimited."""
        return (
            f"store.matches(tournament={self.tournament!r}) clustered into editions at gaps of more "
            f"than {EDITION_GAP_DAYS} days: {self.start.isoformat()} to {self.end.isoformat()}, "
            f"{len(self.matches)} matches"
        )

    def opening_match(self) -> Match:
        """The first match of the edition."""
        return Match.from_row(self.matches.iloc[0])

    def final(self) -> Match | None:
        """The final of a finals edition (see :func:`_final_of`; None when it cannot be told)."""
        if not self.is_finals or len(self.matches) < 3:
            return None
        row = _final_of(self.matches)
        return None if row is None else Match.from_row(row)

    def day_number(self, date: dt.date) -> int:
        """1-based index of ``date`` among the edition's match days."""
        days = sorted({pd.Timestamp(d).date() for d in self.matches["date"]})
        return days.index(date) + 1 if date in days else 0


def is_finals_tournament(tournament: str) -> bool:
    """True unless the tournament is a qualifier or friendlies."""
    low = tournament.lower()
    return "qualification" not in low and low != "friendly"


def edition_of(store: StoreLike, match: Match) -> Edition:
    """The edition of ``match.tournament`` that contains ``match``.

    Finals tournaments are clustered by gaps of more than ``EDITION_GAP_DAYS`` days;
    qualifiers and friendlies are cut at calendar years.
    """
    finals = is_finals_tournament(match.tournament)
    frame = store.matches(
        tournament=match.tournament,
        since=match.date - dt.timedelta(days=400),
        until=match.date + dt.timedelta(days=400),
    )
    frame = frame.sort_values(["date", "match_id"]).reset_index(drop=True)
    if finals:
        gaps = frame["date"].diff().dt.days.fillna(0) > EDITION_GAP_DAYS
        cluster = gaps.cumsum()
        mine = cluster[frame["match_id"] == match.match_id]
        part = frame[cluster == mine.iloc[0]] if not mine.empty else frame.iloc[0:0]
    else:
        part = frame[frame["date"].dt.year == match.date.year]
    part = part.reset_index(drop=True)
    start = pd.Timestamp(part["date"].iloc[0]).date() if not part.empty else match.date
    end = pd.Timestamp(part["date"].iloc[-1]).date() if not part.empty else match.date
    return Edition(
        tournament=match.tournament,
        label=f"{start.year} {match.tournament}",
        start=start,
        end=end,
        is_finals=finals,
        matches=part,
    )


def _final_of(part: pd.DataFrame) -> pd.Series | None:
    """The final among an edition's matches, or None when the data cannot tell.

    The final is the only match on the last day or, of two matches that day (final and
    third place), the one between the two teams that won their previous match of the
    edition (the semi-final winners; in 1950's final group, Uruguay and Brazil). A pure
    round-robin edition (every pair once, nothing else) has none.
    """
    last_day = part["date"].iloc[-1]
    last = part[part["date"] == last_day]
    # a pure round-robin (every pair once, nothing else) has no final
    teams = set(part["home_team"]) | set(part["away_team"])
    pairs = {frozenset(p) for p in zip(part["home_team"], part["away_team"], strict=False)}
    if len(part) == len(pairs) == len(teams) * (len(teams) - 1) // 2:
        return None
    if len(last) == 1:
        return last.iloc[0]
    if len(last) != 2:
        return None
    earlier = part[part["date"] < last_day]
    fits = []
    for _, row in last.iterrows():
        ok = True
        for team in (row["home_team"], row["away_team"]):
            games = earlier[(earlier["home_team"] == team) | (earlier["away_team"] == team)]
            if games.empty:
                ok = False
                break
            prev = Match.from_row(games.iloc[-1])
            ok = ok and prev.advancing == team
        if ok:
            fits.append(row)
    return fits[0] if len(fits) == 1 else None


def finals_won(store: StoreLike, tournament: str, until: dt.date) -> tuple[list[tuple[int, str]], list[int]]:
    """Winners of the finals of ``tournament`` played before ``until`` (exclusive).

    Editions are clustered as in :func:`edition_of`; the final is found by
    :func:`_final_of`; its winner is the winner after extra time or of the shoot-out.

    Returns
    -------
    (list of (year, winner), list of int)
        The finals found, and the years of editions whose final could not be told apart
        (so that a count of titles can say it is a lower bound).
    """
    finals, unknown = finals_played(store, tournament, until)
    return [(year, winner) for year, winner, _ in finals], unknown


def finals_played(store: StoreLike, tournament: str, until: dt.date,
                  ) -> tuple[list[tuple[int, str, str]], list[int]]:
    """The finals of ``tournament`` before ``until`` (exclusive) as ``(year, winner, loser)``
    (see :func:`finals_won`), and the years whose final cannot be told apart."""
    fingerprint = getattr(store, "fingerprint", None)
    key = (id(store), fingerprint() if callable(fingerprint) else None, tournament, until)
    if key in _FINALS_CACHE:
        return _FINALS_CACHE[key]
    if len(_FINALS_CACHE) > 256:
        _FINALS_CACHE.clear()
    frame = store.matches(tournament=tournament, until=until)
    if frame.empty:
        return [], []
    # plain object columns: row-wise comparisons on Arrow strings are several times slower
    frame = frame.astype({c: object for c in ("home_team", "away_team", "tournament")})
    frame = frame.sort_values(["date", "match_id"]).reset_index(drop=True)
    cluster = (frame["date"].diff().dt.days.fillna(0) > EDITION_GAP_DAYS).cumsum()
    out: list[tuple[int, str, str]] = []
    unknown: list[int] = []
    for _, part in frame.groupby(cluster, sort=True):
        year = int(pd.Timestamp(part["date"].iloc[-1]).year)
        if len(part) < 3:
            unknown.append(year)
            continue
        row = _final_of(part)
        record = Match.from_row(row) if row is not None else None
        winner = record.advancing if record is not None else None
        if record is None or winner is None:
            unknown.append(year)
        else:
            out.append((year, winner, record.opponent(winner)))
    _FINALS_CACHE[key] = (out, unknown)
    return out, unknown


#: finals_played results per (store, snapshot, tournament, day): a check or story of a final
#: asks for every earlier final of the tournament, the same list each time.
_FINALS_CACHE: dict[tuple[object, ...], tuple[list[tuple[int, str, str]], list[int]]] = {}
