"""Read a user's fixtures CSV strictly: every bad row is named with its line and field.

Columns: ``date`` (YYYY-MM-DD), ``home_team``, ``away_team`` (any spelling the store
resolves), and optionally ``neutral`` (true/false/1/0/yes/no, default false) and
``tournament`` (default ``Friendly``). Other columns are kept and written back out.
:func:`read_fixtures_completed` takes a blank venue or tournament of a fixture already
played from the data instead.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from scoreline.errors import DataValidationError, UnknownTeamError

REQUIRED = ("date", "home_team", "away_team")
TRUE = frozenset({"true", "1", "yes", "y", "t"})
FALSE = frozenset({"false", "0", "no", "n", "f", ""})
MAX_PROBLEMS = 20

class FixturesError(DataValidationError):
    """A fixtures file has bad rows (``problems`` lists ``file:line: field: problem``)."""

    def __init__(self, problems: list[str], total: int | None = None) -> None:
        super().__init__(problems, total)
        head = "1 problem" if self.total == 1 else f"{self.total} problems"
        more = self.total - len(self.problems)
        tail = f"\n... and {more} more" if more > 0 else ""
        self.args = (f"{head} in the fixtures; nothing was predicted:\n"
                     + "\n".join(self.problems) + tail,)


Resolver = Callable[[str, pd.Timestamp], str]
"""Maps a team name as written on a date to its canonical name (raises UnknownTeamError)."""


def _read(source: str | Path | pd.DataFrame, name: str) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source.astype(str).fillna("")
    try:
        text = source.read_text(encoding="utf-8-sig") if isinstance(source, Path) else source
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError) as exc:
        raise FixturesError([f"{name}: cannot read the file: {exc}"]) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise FixturesError([f"{name}: not a CSV file with a header line: {exc}"]) from None


def _parse(
    source: str | Path | pd.DataFrame, resolve: Resolver, name: str | None
) -> tuple[pd.DataFrame, NDArray[np.bool_], NDArray[np.bool_]]:
    """The validated fixtures, and which rows left ``neutral`` / ``tournament`` blank."""
    label = name or (str(source) if isinstance(source, Path) else "fixtures")
    frame = _read(source, label)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise FixturesError(
            [(f"{label}:1: header: missing column(s) {', '.join(missing)}; expected "
             "date,home_team,away_team[,neutral,tournament]")]
        )
    if frame.empty:
        raise FixturesError([f"{label}: no fixtures after the header line"])
    problems: list[str] = []
    dates = pd.to_datetime(frame["date"].str.strip(), format="%Y-%m-%d", errors="coerce")
    neutral_text = (
        frame["neutral"].str.strip().str.lower() if "neutral" in frame.columns
        else pd.Series("", index=frame.index)
    )
    out = frame.copy()
    for i in range(len(frame)):
        line = i + 2
        date = dates.iloc[i]
        if pd.isna(date):
            problems.append(f"{label}:{line}: date: {frame['date'].iloc[i]!r} is not a real "
                            "date; expected YYYY-MM-DD")
        for side in ("home_team", "away_team"):
            raw = frame[side].iloc[i].strip()
            try:
                out.loc[out.index[i], side] = resolve(raw, None if pd.isna(date) else date)
            except UnknownTeamError as exc:
                problems.append(f"{label}:{line}: {side}: {exc}")
        if out["home_team"].iloc[i] == out["away_team"].iloc[i]:
            problems.append(f"{label}:{line}: away_team: {out['away_team'].iloc[i]!r} cannot "
                            "play itself; expected two different teams")
        if neutral_text.iloc[i] not in TRUE | FALSE:
            problems.append(f"{label}:{line}: neutral: {frame['neutral'].iloc[i]!r} is not a "
                            "flag; expected true or false")
    if problems:
        raise FixturesError(problems[:MAX_PROBLEMS], len(problems))
    out["date"] = dates
    out["neutral"] = neutral_text.isin(TRUE).to_numpy()
    if "tournament" not in out.columns:
        out["tournament"] = ""
    no_tournament = (out["tournament"].str.strip() == "").to_numpy()
    return out.reset_index(drop=True), (neutral_text == "").to_numpy(), no_tournament


def _with_defaults(out: pd.DataFrame, no_tournament: NDArray[np.bool_]) -> pd.DataFrame:
    out["tournament"] = out["tournament"].where(~no_tournament, "Friendly")
    return out


def read_fixtures(
    source: str | Path | pd.DataFrame, resolve: Resolver, name: str | None = None
) -> pd.DataFrame:
    """Parse and validate fixtures; team names become canonical.

    Parameters
    ----------
    source : Path, CSV text or DataFrame
        The fixtures (module docstring).
    resolve : callable
        ``resolve(name, date) -> canonical name``, e.g. ``store.resolve_team``.
    name : str, optional
        File name used in messages (default: the path, or ``fixtures``).

    Returns
    -------
    DataFrame
        ``date`` (datetime64), ``home_team``, ``away_team``, ``neutral`` (bool),
        ``tournament`` and any extra columns, in file order.

    Raises
    ------
    FixturesError
        A DataValidationError with one ``file:line: field: problem`` per bad cell (line 1
        is the header): a missing
        column, a bad date, an unknown team (with the closest names), a team playing
        itself, a bad neutral flag.
    """
    out, _, no_tournament = _parse(source, resolve, name)
    return _with_defaults(out, no_tournament)


@dataclass(frozen=True)
class CompletedFixtures:
    """Fixtures whose blank venue and tournament were taken from the played match.

    Attributes
    ----------
    frame : DataFrame
        As :func:`read_fixtures` returns, in file order and orientation.
    reversed : ndarray of bool
        Rows the data records the other way round at the first-named team's opponent's
        ground (not neutral): forecast them as the data has them and swap the sides back.
    completed : int
        Fixtures given a venue or tournament from the data.
    """

    frame: pd.DataFrame
    reversed: NDArray[np.bool_]
    completed: int


def read_fixtures_completed(
    source: str | Path | pd.DataFrame, resolve: Resolver, played: pd.DataFrame,
    name: str | None = None,
) -> CompletedFixtures:
    """:func:`read_fixtures`, with each blank ``neutral`` or ``tournament`` (or an absent
    column) taken from the match in ``played`` on the same date between the same teams,
    in either order, when there is one; other blanks keep the defaults (not neutral,
    ``Friendly``). A past fixture is thus forecast at the venue and in the tournament it
    was played in (a World Cup group match at a neutral ground, not a home friendly),
    while a value the file states is kept.

    Parameters
    ----------
    played : DataFrame
        ``date``, ``home_team``, ``away_team``, ``neutral``, ``tournament`` of the played
        matches (the store's ``matches()``).
    """
    out, no_neutral, no_tournament = _parse(source, resolve, name)
    keys = played[["date", "home_team", "away_team", "neutral", "tournament"]]
    keys = keys.drop_duplicates(["date", "home_team", "away_team"])
    same = out[["date", "home_team", "away_team"]].merge(
        keys, how="left", on=["date", "home_team", "away_team"])
    other = out[["date", "home_team", "away_team"]].merge(
        keys.rename(columns={"home_team": "away_team", "away_team": "home_team"}),
        how="left", on=["date", "home_team", "away_team"])
    found_same = same["tournament"].notna().to_numpy()
    found_other = other["tournament"].notna().to_numpy() & ~found_same
    found = found_same | found_other
    data_neutral = np.where(found_same, same["neutral"].fillna(False).to_numpy(dtype=bool),
                            other["neutral"].fillna(False).to_numpy(dtype=bool))
    data_tournament = np.where(found_same, same["tournament"].to_numpy(dtype=object),
                               other["tournament"].to_numpy(dtype=object))
    fill_neutral = found & no_neutral
    fill_tournament = found & no_tournament
    neutral = out["neutral"].to_numpy(dtype=bool).copy()
    neutral[fill_neutral] = data_neutral[fill_neutral]
    out["neutral"] = neutral
    tournament = out["tournament"].to_numpy(dtype=object).copy()
    tournament[fill_tournament] = data_tournament[fill_tournament]
    out["tournament"] = tournament
    # the file's home side was the visitor: only when the file leaves the venue to the data
    swapped = fill_neutral & found_other & ~data_neutral
    return CompletedFixtures(_with_defaults(out, no_tournament & ~fill_tournament), swapped,
                             int((fill_neutral | fill_tournament).sum()))


__all__ = ["REQUIRED", "CompletedFixtures", "FixturesError", "Resolver", "read_fixtures",
           "read_fixtures_completed"]
