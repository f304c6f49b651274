"""What happened before a match: head-to-head, tournament records, runs of results.

Every function reads only matches strictly before the given day (``store.matches(until=day)``),
so a story never uses what happened later. Results are after extra time; a drawn
match decided on penalties counts as a draw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from scoreline.data.types import Match, Record
from scoreline.writing.facts.lookup import StoreLike


def team_results(store: StoreLike, team: str, before: dt.date) -> pd.DataFrame:
    """Every match of ``team`` before ``before``, from its side, oldest first.

    Returns
    -------
    pandas.DataFrame
        Columns: match_id, date, opponent, goals_for, goals_against, result ('W', 'D', 'L'
        after extra time), tournament, city, country.
    """
    frame = store.matches(team=team, until=before)
    home = frame["home_team"] == team
    gf = np.where(home, frame["home_score"], frame["away_score"]).astype(np.int64)
    ga = np.where(home, frame["away_score"], frame["home_score"]).astype(np.int64)
    result = np.where(gf > ga, "W", np.where(gf < ga, "L", "D"))
    return pd.DataFrame(
        {
            "match_id": frame["match_id"].to_numpy(),
            "date": frame["date"].to_numpy(),
            "opponent": np.where(home, frame["away_team"], frame["home_team"]),
            "goals_for": gf,
            "goals_against": ga,
            "result": result,
            "tournament": frame["tournament"].to_numpy(),
            "city": frame["city"].to_numpy(),
            "country": frame["country"].to_numpy(),
        }
    )


def record(results: pd.DataFrame) -> Record:
    """The :class:`~scoreline.data.types.Record` of a :func:`team_results` frame."""
    counts = results["result"].value_counts()
    return Record(
        played=len(results),
        wins=int(counts.get("W", 0)),
        draws=int(counts.get("D", 0)),
        losses=int(counts.get("L", 0)),
        goals_for=int(results["goals_for"].sum()),
        goals_against=int(results["goals_against"].sum()),
    )


def runs(results: pd.DataFrame) -> dict[str, int]:
    """Current runs at the end of ``results`` (oldest first).

    Returns
    -------
    dict
        ``unbeaten`` (matches without defeat), ``winning``, ``winless`` and ``losing``:
        the number of most recent consecutive matches of each kind.
    """
    seq = results["result"].tolist()[::-1]

    def count(ok: set[str]) -> int:
        n = 0
        for r in seq:
            if r not in ok:
                break
            n += 1
        return n

    return {
        "unbeaten": count({"W", "D"}),
        "winning": count({"W"}),
        "winless": count({"D", "L"}),
        "losing": count({"L"}),
    }


def last_result(results: pd.DataFrame, result: str) -> pd.Series | None:
    """The most recent row of ``results`` with this result ('W', 'D' or 'L'), or None."""
    rows = results[results["result"] == result]
    return None if rows.empty else rows.iloc[-1]


def against(results: pd.DataFrame, opponents: Iterable[str]) -> pd.DataFrame:
    """The rows of ``results`` against any of ``opponents``."""
    return results[results["opponent"].isin(set(opponents))]


def at_tournament(results: pd.DataFrame, tournament: str) -> pd.DataFrame:
    """The rows of ``results`` at ``tournament``."""
    return results[results["tournament"] == tournament]


def results_provenance(team: str, before: dt.date, extra: str = "") -> str:
    """A readable description of a :func:`team_results` query."""
    tail = f", {extra}" if extra else ""
    return (
        f"store.matches(team={team!r}, until='{before.isoformat()}'): results after extra time, "
        f"shoot-outs as draws{tail}"
    )


def first_win_year(results: pd.DataFrame) -> int | None:
    """Year of the first win in ``results``, or None."""
    row = results[results["result"] == "W"]
    return None if row.empty else int(pd.Timestamp(row["date"].iloc[0]).year)


def editions_played(results: pd.DataFrame) -> int:
    """Number of distinct calendar years in ``results`` (editions of a finals tournament)."""
    return int(pd.to_datetime(results["date"]).dt.year.nunique())


def margin_record(results: pd.DataFrame) -> int:
    """The biggest winning margin in ``results`` (0 if no win)."""
    wins = results[results["result"] == "W"]
    return int((wins["goals_for"] - wins["goals_against"]).max()) if not wins.empty else 0


def match_result_for(match: Match, team: str) -> str:
    """'W', 'D' or 'L' for ``team`` in ``match`` (after extra time)."""
    if match.winner is None:
        return "D"
    return "W" if match.winner == team else "L"
