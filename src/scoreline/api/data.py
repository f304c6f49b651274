"""Loading and reading the store: ``scoreline data``, ``team``, ``h2h``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scoreline.api._store import DateLike, _writable_store, get_store
from scoreline.data.dates import parse_date
from scoreline.data.sources import Progress
from scoreline.data.types import Goal, Match, Record

if TYPE_CHECKING:  # pandas and DuckDB load with the first query, not with the API
    from scoreline.data.queries import HeadToHead, TeamSummary
    from scoreline.data.store import LoadReport, StoreInfo

__all__ = ["Goal", "Match", "Record", "data_info", "head_to_head", "load_data", "parse_date",
           "team_summary"]


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
    from scoreline.api._output import checked_output, output_errors

    if report_path is not None and skip_invalid:
        report_path = checked_output(report_path, "the report")
    report = _writable_store(db).load(source, skip_invalid=skip_invalid, progress=progress)
    if report_path is not None and skip_invalid:
        with output_errors(report_path, "the report"):
            Path(report_path).write_text("".join(line + "\n" for line in report.rejected),
                                         encoding="utf-8")
    return report


def data_info(db: str | Path | None = None) -> StoreInfo:
    """Counts, date range, source, commit and last load of the store (``data info``)."""
    return get_store(db).info()


def team_summary(team: str, *, recent: int = 10, db: str | Path | None = None,
                 until: DateLike = None) -> TeamSummary:
    """Record, goals for/against and latest results of a team (``scoreline team``)."""
    from scoreline.data import queries

    return queries.team_summary(get_store(db), team, recent=recent, until=until)


def head_to_head(team_a: str, team_b: str, *, db: str | Path | None = None,
                 until: DateLike = None) -> HeadToHead:
    """Every meeting of two teams with goals and totals (``scoreline h2h``)."""
    from scoreline.data import queries

    return queries.head_to_head(get_store(db), team_a, team_b, until=until)
