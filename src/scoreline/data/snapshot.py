"""Turn the four parsed source files into the store's tables, checking them against each other.

Conventions of the tables built here:

- ``match_id`` numbers matches 0..n-1 by date, keeping file order within a day. It is
  stable for one snapshot only; ``(date, home_team, away_team, seq)`` is the lasting key
  (``seq`` > 0 only for a second meeting of the same teams on the same day).
- ``home_score``/``away_score`` are after extra time, without shoot-outs (as upstream).
- ``home_score_90``/``away_score_90`` are the 90-minute score (stoppage time included)
  where it can be derived, with ``score_90_source`` saying how:
  ``goal_minutes`` (complete goal list with minutes: goals after minute 90 are extra time),
  ``no_goals`` (0-0 after extra time, so 0-0 after 90), ``assumed_final`` (no shoot-out
  and no goal minutes: extra time is not assumed, true of all but a few knockout ties
  before 1990), ``unknown`` (a shoot-out without goal minutes: NULL).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scoreline.data.parse import ParsedFile, parse_file
from scoreline.data.sources import FILES, SourceFiles
from scoreline.errors import DataValidationError

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 20
KEY = ["date", "home_team", "away_team"]


@dataclass
class Snapshot:
    """Validated tables of one snapshot of the source data, ready to store."""

    matches: pd.DataFrame
    goals: pd.DataFrame
    shootouts: pd.DataFrame
    former_names: pd.DataFrame
    source: SourceFiles
    warnings: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def _match_problems(results: ParsedFile) -> list[tuple[int, str]]:
    frame = results.frame
    problems: list[tuple[int, str]] = []
    same = frame["home_team"] == frame["away_team"]
    for line, team in frame.loc[same, ["line", "home_team"]].itertuples(index=False):
        problems.append((line, (f"results.csv:{line}: away_team: {team!r} plays itself; "
                               "expected two different teams")))
    cols = [c for c in frame.columns if c != "line"]
    dup = frame.duplicated(cols, keep="first")
    if dup.any():
        first_line = frame.groupby(cols, sort=False)["line"].transform("first")
        for line, orig in zip(frame.loc[dup, "line"], first_line[dup], strict=True):
            problems.append((int(line), (f"results.csv:{line}: row: duplicates line {orig} "
                                        "(same date, teams and score); expected each match once")))
    return problems


def _attach(
    events: pd.DataFrame, matches: pd.DataFrame, file: str, what: str
) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Give each goal or shoot-out row the ``match_id`` of its match (by date and teams)."""
    first = matches.loc[matches["seq"] == 0, [*KEY, "match_id"]]
    merged = events.merge(first, on=KEY, how="left", validate="many_to_one")
    orphan = merged["match_id"].isna().to_numpy()
    problems = [
        (int(r.line), (f"{file}:{r.line}: date/home_team/away_team: no match "
                      f"{r.date:%Y-%m-%d} {r.home_team} v {r.away_team} in results.csv; "
                      f"expected {what} of a listed match"))
        for r in merged.loc[orphan, ["line", *KEY]].itertuples(index=False)
    ]
    return merged, problems


def _rejected_keys(results: ParsedFile, kept: pd.DataFrame) -> set[tuple[str, str, str]]:
    """``(date, home, away)`` text of result rows that were rejected (and not kept twice)."""
    raw = results.rejected
    dropped = results.frame[~results.frame["line"].isin(kept["line"])]
    if raw.empty and dropped.empty:
        return set()
    keys: set[tuple[str, str, str]] = set()
    if len(raw):
        keys = set(zip(raw["date"].str.strip(), raw["home_team"].str.strip(),
                       raw["away_team"].str.strip(), strict=True))
    keys |= set(zip(dropped["date"].dt.strftime("%Y-%m-%d"), dropped["home_team"],
                    dropped["away_team"], strict=True))
    kept_keys = set(zip(kept["date"].dt.strftime("%Y-%m-%d"), kept["home_team"],
                        kept["away_team"], strict=True))
    return keys - kept_keys


def _without(events: pd.DataFrame, keys: set[tuple[str, str, str]]) -> pd.DataFrame:
    if not keys or events.empty:
        return events
    own = pd.Series(list(zip(events["date"].dt.strftime("%Y-%m-%d"), events["home_team"],
                             events["away_team"], strict=True)), index=events.index)
    return events.loc[~own.isin(keys)]


def _team_problems(frame: pd.DataFrame, file: str, column: str) -> list[tuple[int, str]]:
    bad = (frame[column] != frame["home_team"]) & (frame[column] != frame["away_team"])
    bad &= frame[column].notna()
    return [
        (int(line), (f"{file}:{line}: {column}: {value!r} did not play in {h} v {a}; "
                    "expected the home or the away team"))
        for line, value, h, a in frame.loc[bad, ["line", column, "home_team", "away_team"]]
        .itertuples(index=False)
    ]


def _ninety_minute_scores(matches: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """Add the 90-minute score columns (see the module docstring)."""
    m = matches
    is_home = goals["team"].to_numpy() == goals["home_team"].to_numpy()
    g = pd.DataFrame({
        "match_id": goals["match_id"].to_numpy(),
        "home": is_home.astype(np.int64),
        "away": (~is_home).astype(np.int64),
        "home90": (is_home & (goals["minute"].fillna(999) <= 90).to_numpy()).astype(np.int64),
        "away90": (~is_home & (goals["minute"].fillna(999) <= 90).to_numpy()).astype(np.int64),
        "na": goals["minute"].isna().to_numpy().astype(np.int64),
        "late": (goals["minute"].fillna(0) > 90).to_numpy().astype(np.int64),
    }).groupby("match_id").sum()
    per = g.reindex(m["match_id"]).fillna(0).astype(np.int64)
    complete = (
        (per["home"].to_numpy() == m["home_score"].to_numpy())
        & (per["away"].to_numpy() == m["away_score"].to_numpy())
        & (per["na"].to_numpy() == 0)
    )
    total = (m["home_score"] + m["away_score"]).to_numpy()
    shootout = m["shootout_winner"].notna().to_numpy()
    level = (m["home_score"] == m["away_score"]).to_numpy()
    with_minutes = complete & (total > 0)
    source = np.select(
        [total == 0, with_minutes, shootout],
        ["no_goals", "goal_minutes", "unknown"],
        default="assumed_final",
    )
    home90 = np.where(with_minutes, per["home90"].to_numpy(), m["home_score"].to_numpy())
    away90 = np.where(with_minutes, per["away90"].to_numpy(), m["away_score"].to_numpy())
    known = source != "unknown"
    out = m.copy()
    out["home_score_90"] = pd.array(np.where(known, home90, 0), dtype="Int64")
    out["away_score_90"] = pd.array(np.where(known, away90, 0), dtype="Int64")
    out.loc[~known, ["home_score_90", "away_score_90"]] = pd.NA
    out["score_90_source"] = source
    extra = pd.array(np.zeros(len(m), dtype=bool), dtype="boolean")
    late = per["late"].to_numpy() > 0
    extra[:] = late | (shootout & level)
    undecided = ~late & shootout & ~level & ~with_minutes
    extra[undecided] = pd.NA
    out["extra_time"] = extra
    out["has_goal_minutes"] = with_minutes
    out["goals_complete"] = complete | (total == 0)
    return out


def build_snapshot(source: SourceFiles, *, skip_invalid: bool = False) -> Snapshot:
    """Parse and cross-check the four files of ``source`` into store tables.

    Parameters
    ----------
    source : SourceFiles
        Where the files are (see :func:`scoreline.data.sources.resolve_source`).
    skip_invalid : bool
        Drop rows with problems (and the goals of dropped matches) instead of failing;
        the problems are kept in ``Snapshot.rejected``. Whole-file problems (empty file,
        not UTF-8, wrong header) still fail.

    Raises
    ------
    DataValidationError
        With one ``file:line: field: what was wrong, what was expected`` per problem.
    """
    parsed = {name: parse_file(source.path(name), name) for name in FILES}
    fatal = [msg for p in parsed.values() if p.fatal for _, msg in p.problems]
    if fatal:
        raise DataValidationError(fatal[:MAX_PROBLEMS_SHOWN], len(fatal))
    problems = [msg for p in parsed.values() for _, msg in p.problems]

    results = parsed["results.csv"]
    match_problems = _match_problems(results)
    problems += [msg for _, msg in match_problems]
    drop_lines = {line for line, _ in match_problems}
    matches = results.frame.loc[~results.frame["line"].isin(drop_lines)]
    matches = matches.sort_values(["date", "line"], kind="stable").reset_index(drop=True)
    matches["seq"] = matches.groupby(KEY, sort=False).cumcount().astype(np.int64)
    matches["match_id"] = np.arange(len(matches), dtype=np.int64)

    # Goals and shoot-outs of a rejected match row follow it out without a second report.
    gone = _rejected_keys(results, matches)
    goals, goal_problems = _attach(_without(parsed["goalscorers.csv"].frame, gone), matches,
                                   "goalscorers.csv", "a goal")
    goal_problems += _team_problems(goals, "goalscorers.csv", "team")
    problems += [msg for _, msg in goal_problems]
    goals = goals.loc[~goals["line"].isin({line for line, _ in goal_problems})]

    shootouts, orphan = _attach(_without(parsed["shootouts.csv"].frame, gone), matches,
                                "shootouts.csv", "a shoot-out")
    warnings = [msg.replace("expected a shoot-out of a listed match", "skipped")
                for _, msg in orphan]
    shoot_problems = _team_problems(shootouts, "shootouts.csv", "winner")
    shoot_problems += _team_problems(shootouts, "shootouts.csv", "first_shooter")
    problems += [msg for _, msg in shoot_problems]
    bad_shoot = {line for line, _ in shoot_problems} | {line for line, _ in orphan}
    shootouts = shootouts.loc[~shootouts["line"].isin(bad_shoot)]
    dup_shoot = shootouts.duplicated("match_id", keep="first")
    problems += [f"shootouts.csv:{line}: row: a second shoot-out for the same match; "
                 "expected one per match" for line in shootouts.loc[dup_shoot, "line"]]
    shootouts = shootouts.loc[~dup_shoot]

    former = parsed["former_names.csv"].frame
    backwards = former["start_date"] > former["end_date"]
    problems += [f"former_names.csv:{line}: end_date: {end:%Y-%m-%d} is before start_date "
                 f"{start:%Y-%m-%d}; expected start_date <= end_date"
                 for line, start, end in former.loc[backwards, ["line", "start_date", "end_date"]]
                 .itertuples(index=False)]
    former = former.loc[~backwards]

    if problems and not skip_invalid:
        raise DataValidationError(problems[:MAX_PROBLEMS_SHOWN], len(problems))

    # Goals of a match whose row was rejected would be orphans: already dropped by _attach.
    shootouts = shootouts.astype({"match_id": np.int64})
    by_match = shootouts.set_index("match_id")
    matches["shootout_winner"] = matches["match_id"].map(by_match["winner"])
    matches["first_shooter"] = matches["match_id"].map(by_match["first_shooter"])
    matches["shootout_winner"] = matches["shootout_winner"].astype(object).where(
        matches["shootout_winner"].notna(), None)
    matches["first_shooter"] = matches["first_shooter"].astype(object).where(
        matches["first_shooter"].notna(), None)

    goals = goals.astype({"match_id": np.int64}).sort_values(
        ["match_id", "line"], kind="stable").reset_index(drop=True)
    goals["goal_seq"] = goals.groupby("match_id").cumcount().astype(np.int64)
    matches = _ninety_minute_scores(matches, goals)
    return Snapshot(
        matches=matches.drop(columns=["line"]),
        goals=goals.drop(columns=["line"]),
        shootouts=shootouts.drop(columns=["line"]).reset_index(drop=True),
        former_names=former.drop(columns=["line"]).reset_index(drop=True),
        source=source,
        warnings=warnings,
        rejected=problems,
    )
