"""Read a CSV of bookmaker odds strictly: every bad cell is named with its line and field.

Columns: ``date`` (YYYY-MM-DD), ``home_team``, ``away_team``, ``odds_home``,
``odds_draw``, ``odds_away`` (decimal odds of the 90-minute result), optionally
``neutral`` and ``tournament`` (as in :mod:`scoreline.forecast.fixtures_file`; for a
match already in the data its own venue and tournament are used) and optionally a
totals market ``total_line`` (e.g. 2.5), ``odds_over``, ``odds_under`` (all three or
none on a line). Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from scoreline.errors import DataValidationError
from scoreline.forecast.fixtures_file import FixturesError, read_fixtures

ODDS_1X2 = ("odds_home", "odds_draw", "odds_away")
ODDS_TOTALS = ("total_line", "odds_over", "odds_under")
REQUIRED = ("date", "home_team", "away_team", *ODDS_1X2)
MAX_PROBLEMS = 20


class OddsFileError(DataValidationError):
    """An odds file has bad cells (``problems`` lists ``file:line: field: problem``)."""

    def __init__(self, problems: list[str], total: int | None = None) -> None:
        super().__init__(problems, total)
        head = "1 problem" if self.total == 1 else f"{self.total} problems"
        more = self.total - len(self.problems)
        tail = f"\n... and {more} more" if more > 0 else ""
        self.args = (f"{head} in the odds file; nothing was compared:\n"
                     + "\n".join(self.problems) + tail,)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _read(source: str | Path, label: str) -> pd.DataFrame:
    try:
        text = source.read_text(encoding="utf-8-sig") if isinstance(source, Path) else source
    except (OSError, UnicodeDecodeError) as exc:
        raise OddsFileError([f"{label}: cannot read the file: {exc}"]) from None
    # comment lines are blanked, not dropped, so line numbers stay those of the file
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    header = next((i for i, line in enumerate(lines) if line.strip()), 0)
    try:
        frame = pd.read_csv(io.StringIO("\n".join(lines[header:])), dtype=str,
                            keep_default_na=False, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise OddsFileError([f"{label}: not a CSV file with a header line: {exc}"]) from None
    frame.index = pd.RangeIndex(header + 2, header + 2 + len(frame))  # file line numbers
    blank = (frame == "").all(axis=1)
    return frame.loc[~blank]


def read_odds(source: str | Path, resolve: Callable[[str, pd.Timestamp], str],
              name: str | None = None) -> pd.DataFrame:
    """Parse and validate an odds file; team names become canonical.

    Parameters
    ----------
    source : Path or CSV text
        The odds (module docstring).
    resolve : callable
        ``resolve(name, date) -> canonical name`` (``store.resolve_team``).
    name : str, optional
        File name used in messages.

    Returns
    -------
    DataFrame
        ``line`` (line number in the file), ``date``, ``home_team``, ``away_team``,
        ``neutral``, ``tournament``, the odds as floats and ``total_line`` (NaN where no
        totals were given).

    Raises
    ------
    OddsFileError
        One ``file:line: field: problem`` per bad cell: a missing column, odds missing,
        not a number or not above 1, an incomplete totals market, plus every problem
        :func:`scoreline.forecast.fixtures_file.read_fixtures` finds (dates, teams).
    """
    label = name or (str(source) if isinstance(source, Path) else "odds")
    frame = _read(source, label)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        expected = f"{','.join(REQUIRED)}[,total_line,odds_over,odds_under]"
        raise OddsFileError([(f"{label}: header: missing column(s) {', '.join(missing)}; "
                             f"expected {expected}")])
    if frame.empty:
        raise OddsFileError([f"{label}: no fixtures after the header line"])
    problems: list[tuple[int, str]] = []
    values: dict[str, list[float]] = {c: [] for c in (*ODDS_1X2, *ODDS_TOTALS)}
    has_totals = all(c in frame.columns for c in ODDS_TOTALS)
    for line, row in frame.iterrows():
        for column in ODDS_1X2:
            raw = row[column].strip()
            value = _number(raw)
            if raw == "":
                problems.append((int(line), f"{column}: missing; expected decimal odds above 1"))
            elif value is None or value <= 1.0:
                problems.append((int(line), (f"{column}: {raw!r} is not decimal odds; expected "
                                                  "a number above 1 (e.g. 2.10)")))
            values[column].append(value if value is not None else math.nan)
        cells = [row[c].strip() if has_totals else "" for c in ODDS_TOTALS]
        if any(cells) and not all(cells):
            absent = [c for c, v in zip(ODDS_TOTALS, cells, strict=True) if not v]
            problems.append((int(line), (f"{', '.join(absent)}: missing; give total_line, "
                                              "odds_over and odds_under together or none")))
        parsed = [_number(c) if c else math.nan for c in cells]
        if all(cells):
            if parsed[0] is None or parsed[0] < 0 or abs(parsed[0] * 4 - round(parsed[0] * 4)) > 1e-9:
                problems.append((int(line), (f"total_line: {cells[0]!r} is not a goal line; "
                                                  "expected a multiple of 0.25 such as 2.5")))
            for column, raw, value in zip(ODDS_TOTALS[1:], cells[1:], parsed[1:], strict=True):
                if value is None or value <= 1.0:
                    problems.append((int(line), (f"{column}: {raw!r} is not decimal odds; "
                                                      "expected a number above 1")))
        for column, value in zip(ODDS_TOTALS, parsed, strict=True):
            values[column].append(math.nan if value is None else value)
    fixture_columns = [c for c in ("date", "home_team", "away_team", "neutral", "tournament")
                       if c in frame.columns]
    fixtures = None
    try:
        fixtures = read_fixtures(frame[fixture_columns].reset_index(drop=True), resolve, label)
    except FixturesError as exc:
        for problem in exc.problems:
            # read_fixtures numbers rows from line 2; map back to the file's lines
            head, _, rest = problem.partition(": ")
            number = head.rsplit(":", 1)[-1]
            if number.isdigit():
                problems.append((int(frame.index[int(number) - 2]), rest))
            else:
                problems.append((0, problem))
    if problems:
        problems.sort(key=lambda item: item[0])
        text = [f"{label}:{line}: {msg}" if line else msg for line, msg in problems]
        raise OddsFileError(text[:MAX_PROBLEMS], len(text))
    if fixtures is None:  # read_fixtures raised, so problems were reported above
        raise OddsFileError([f"{label}: the fixtures could not be read"])
    out = fixtures[["date", "home_team", "away_team", "neutral", "tournament"]].copy()
    out.insert(0, "line", frame.index.to_numpy())
    for column, column_values in values.items():
        out[column] = column_values
    return out


__all__ = ["ODDS_1X2", "ODDS_TOTALS", "OddsFileError", "read_odds"]
