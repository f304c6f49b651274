"""The DuckDB store: one file holding matches, goals, shoot-outs, former names and load history.

Loads are one transaction: a snapshot lands whole or the store is left as it was.
Reads go through DuckDB once per store object and are then served from memory, so a
``matches(until=...)`` slice costs about a millisecond. A read-only store reads its tables
from the Arrow copies in the user cache when an earlier reader of the same state of the
file kept them (:mod:`scoreline.data.table_cache`), and then connects to DuckDB (and
imports it) only if SQL is asked for.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import numpy as np
import pandas as pd

from scoreline._json import JsonDict
from scoreline._paths import default_db_path
from scoreline.data.dates import DayLike, parse_date
from scoreline.data.history import HISTORY_DDL, UPSTREAM, SnapshotChange, SnapshotHistory
from scoreline.data.names import TeamNames, normalise
from scoreline.data.snapshot import Snapshot
from scoreline.data.sources import Progress, SourceFiles, resolve_source
from scoreline.data.table_cache import TableCache
from scoreline.errors import InvalidParameterError, StoreError, UnknownMatchError

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS matches (
    match_id BIGINT PRIMARY KEY, date DATE NOT NULL, home_team VARCHAR NOT NULL,
    away_team VARCHAR NOT NULL, home_score INTEGER NOT NULL, away_score INTEGER NOT NULL,
    tournament VARCHAR NOT NULL, city VARCHAR, country VARCHAR, neutral BOOLEAN NOT NULL,
    seq INTEGER NOT NULL, home_score_90 INTEGER, away_score_90 INTEGER,
    score_90_source VARCHAR NOT NULL, extra_time BOOLEAN, has_goal_minutes BOOLEAN NOT NULL,
    goals_complete BOOLEAN NOT NULL, shootout_winner VARCHAR, first_shooter VARCHAR
);
CREATE TABLE IF NOT EXISTS goals (
    match_id BIGINT NOT NULL, goal_seq INTEGER NOT NULL, date DATE NOT NULL,
    home_team VARCHAR NOT NULL, away_team VARCHAR NOT NULL, team VARCHAR NOT NULL,
    scorer VARCHAR, minute INTEGER, own_goal BOOLEAN NOT NULL, penalty BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS shootouts (
    match_id BIGINT NOT NULL, date DATE NOT NULL, home_team VARCHAR NOT NULL,
    away_team VARCHAR NOT NULL, winner VARCHAR NOT NULL, first_shooter VARCHAR
);
CREATE TABLE IF NOT EXISTS former_names (
    current VARCHAR NOT NULL, former VARCHAR NOT NULL, start_date DATE NOT NULL,
    end_date DATE NOT NULL
);
CREATE TABLE IF NOT EXISTS loads (
    load_id INTEGER PRIMARY KEY, loaded_at TIMESTAMP NOT NULL, origin VARCHAR NOT NULL,
    source_commit VARCHAR, sha256 VARCHAR NOT NULL, matches INTEGER NOT NULL,
    goals INTEGER NOT NULL, shootouts INTEGER NOT NULL, matches_added INTEGER NOT NULL,
    matches_removed INTEGER NOT NULL, matches_changed INTEGER NOT NULL,
    goals_added INTEGER NOT NULL, goals_removed INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL, warnings VARCHAR NOT NULL
);
"""

MATCH_COLUMNS = [
    "match_id", "date", "home_team", "away_team", "home_score", "away_score", "tournament",
    "city", "country", "neutral", "seq", "home_score_90", "away_score_90", "score_90_source",
    "extra_time", "has_goal_minutes", "goals_complete", "shootout_winner", "first_shooter",
    "source",
]
GOAL_COLUMNS = [
    "match_id", "goal_seq", "date", "home_team", "away_team", "team", "scorer", "minute",
    "own_goal", "penalty",
]
SHOOTOUT_COLUMNS = ["match_id", "date", "home_team", "away_team", "winner", "first_shooter"]
FORMER_COLUMNS = ["current", "former", "start_date", "end_date"]
MATCH_KEY = ["date", "home_team", "away_team", "seq"]
MATCH_VALUES = ["home_score", "away_score", "tournament", "city", "country", "neutral"]
GOAL_ROW = "date, home_team, away_team, team, scorer, minute, own_goal, penalty"


@dataclass(frozen=True)
class LoadReport(JsonDict):
    """What a load did.

    ``matches_added`` etc. compare the new snapshot with what the store held before.
    ``rejected`` lists the rows skipped under ``skip_invalid`` (empty otherwise).
    """

    origin: str
    source_commit: str | None
    matches: int
    goals: int
    shootouts: int
    matches_added: int
    matches_removed: int
    matches_changed: int
    goals_added: int
    goals_removed: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AddedMatchesInfo(JsonDict):
    """The matches of one file a user added (``scoreline data add``) that the store holds."""

    source: str
    matches: int
    first_date: dt.date
    last_date: dt.date


@dataclass(frozen=True)
class StoreInfo(JsonDict):
    """Counts, date range and load history of a store (``scoreline data info``).

    ``matches`` counts every match, the user-added ones too; ``added`` lists those by the
    file they came from (``source`` is the label given to ``scoreline data add``), by
    their first match; ``added_matches`` is their total.
    """

    path: str
    matches: int
    goals: int
    shootouts: int
    teams: int
    tournaments: int
    first_date: dt.date | None
    last_date: dt.date | None
    matches_with_goal_minutes: int
    size_bytes: int
    last_load: dict[str, Any] | None
    loads: int
    added_matches: int = 0
    added: list[AddedMatchesInfo] = field(default_factory=list)


def _as_date(value: DayLike | None, name: str) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(parse_date(value, name))


class Store(SnapshotHistory):
    """A scoreline DuckDB store. Open it with :func:`scoreline.open`.

    Besides the tables it keeps the raw current and previous upstream snapshots and the
    rows users added (:class:`~scoreline.data.history.SnapshotHistory`: ``install``,
    ``rollback``, ``add_user_matches``, ``remove_user_matches``).

    Parameters
    ----------
    db : path, optional
        Store file; see :func:`default_db_path`. ``":memory:"`` for a throwaway store.
    read_only : bool
        Open without write access.
    """

    def __init__(self, db: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = str(db) if db is not None else str(default_db_path())
        self.read_only = read_only
        if self.path != ":memory:" and not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}; run `scoreline data load` first")
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._copies = (TableCache(self.path) if read_only and self.path != ":memory:"
                        else None)
        if self._copies is None or not self._copies.ready():
            self._connect()  # problems with the file show at once, as they always did
        if not read_only:
            self._con.execute(DDL)
            self._con.execute(HISTORY_DDL)
            self._con.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        self._cache: dict[str, pd.DataFrame] = {}
        self._date_index: dict[str, np.ndarray] = {}
        self._team_rows: dict[str, np.ndarray] = {}
        self._tournament_keys: dict[str, str] | None = None
        self._fingerprint: dict[str, str] = {}
        self._names: TeamNames | None = None

    # ------------------------------------------------------------------ lifecycle
    def _connect(self) -> duckdb.DuckDBPyConnection:
        import duckdb

        try:
            self._connection = duckdb.connect(self.path, read_only=self.read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        return self._connection

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, made on first use (a read-only store served from its
        table copies may never need it)."""
        return self._connection if self._connection is not None else self._connect()

    @_con.setter
    def _con(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection = connection

    @property
    def connected(self) -> bool:
        """Whether this store has connected to its DuckDB file yet."""
        return self._connection is not None

    def close(self) -> None:
        """Close the DuckDB connection."""
        if self._connection is not None:
            self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    # ------------------------------------------------------------------ loading
    def load(
        self,
        source: str | Path | None = None,
        *,
        skip_invalid: bool = False,
        progress: Progress | None = None,
        upstream_base_url: str | None = None,
        cache_dir: Path | None = None,
    ) -> LoadReport:
        """Load a snapshot of the four source files, atomically.

        Parameters
        ----------
        source : str or Path, optional
            Directory or base URL (see :func:`scoreline.data.sources.resolve_source`).
        skip_invalid : bool
            Load the valid rows and report the rejected ones instead of failing.
        progress : callable, optional
            Download progress callback.
        upstream_base_url, cache_dir : optional
            Overrides for the pinned download (tests).

        Raises
        ------
        DataSourceError, DataValidationError
            Nothing in the store has changed when these are raised.
        """
        files = resolve_source(source, cache_dir=cache_dir,
                               upstream_base_url=upstream_base_url, progress=progress)
        change = self.install(files, "load", skip_invalid=skip_invalid)
        assert change.report is not None
        return change.report

    def update_from(self, files: SourceFiles) -> SnapshotChange:
        """Install a newer upstream snapshot (see :meth:`install`), reporting the diff."""
        return self.install(files, "update")

    def _invalidate(self) -> None:
        """Forget the tables read so far (after a write)."""
        self._cache.clear()
        self._date_index.clear()
        self._team_rows.clear()
        self._tournament_keys = None
        self._fingerprint.clear()
        self._names = None

    def _replace_tables(self, snap: Snapshot, files: SourceFiles, start: dt.datetime,
                        extra: Callable[[duckdb.DuckDBPyConnection], None] | None = None
                        ) -> LoadReport:
        """Replace every table by ``snap`` in one transaction (``extra`` runs inside it)."""
        con = self._con
        con.register("new_matches", snap.matches[MATCH_COLUMNS])
        con.register("new_goals", snap.goals[GOAL_COLUMNS])
        con.register("new_shootouts", snap.shootouts[SHOOTOUT_COLUMNS])
        con.register("new_former", snap.former_names[FORMER_COLUMNS])
        key = ", ".join(MATCH_KEY)
        values = ", ".join(MATCH_VALUES)
        try:
            con.execute("BEGIN TRANSACTION")
            diff = con.execute(f"""
                SELECT
                  (SELECT count(*) FROM (SELECT {key} FROM new_matches
                                         EXCEPT SELECT {key} FROM matches)),
                  (SELECT count(*) FROM (SELECT {key} FROM matches
                                         EXCEPT SELECT {key} FROM new_matches)),
                  (SELECT count(*) FROM (SELECT {key}, {values} FROM new_matches
                                         EXCEPT SELECT {key}, {values} FROM matches)
                   WHERE ({key}) IN (SELECT ({key}) FROM matches)),
                  (SELECT count(*) FROM (SELECT {GOAL_ROW} FROM new_goals
                                         EXCEPT ALL SELECT {GOAL_ROW} FROM goals)),
                  (SELECT count(*) FROM (SELECT {GOAL_ROW} FROM goals
                                         EXCEPT ALL SELECT {GOAL_ROW} FROM new_goals))
            """).fetchone()
            assert diff is not None
            for table, frame in (("matches", "new_matches"), ("goals", "new_goals"),
                                 ("shootouts", "new_shootouts"), ("former_names", "new_former")):
                con.execute(f"DELETE FROM {table}")
                con.execute(f"INSERT INTO {table} SELECT * FROM {frame}")
            load_id = con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads").fetchone()
            assert load_id is not None
            seconds = (dt.datetime.now() - start).total_seconds()
            row = [
                load_id[0], dt.datetime.now(), files.origin, files.commit,
                json.dumps(files.sha256, sort_keys=True), len(snap.matches), len(snap.goals),
                len(snap.shootouts), *[int(x) for x in diff], len(snap.rejected),
                json.dumps(snap.warnings),
            ]
            con.execute("INSERT INTO loads VALUES (" + ", ".join("?" * len(row)) + ")", row)
            if extra is not None:
                extra(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in ("new_matches", "new_goals", "new_shootouts", "new_former"):
                con.unregister(name)
        return LoadReport(
            origin=files.origin, source_commit=files.commit, matches=len(snap.matches),
            goals=len(snap.goals), shootouts=len(snap.shootouts), matches_added=int(diff[0]),
            matches_removed=int(diff[1]), matches_changed=int(diff[2]),
            goals_added=int(diff[3]), goals_removed=int(diff[4]), seconds=seconds,
            warnings=snap.warnings, rejected=snap.rejected,
        )

    # ------------------------------------------------------------------ reading
    def _table(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            frame = self._copies.read(name) if self._copies is not None else None
            if frame is None:
                if _arrow_available():
                    table = self._read_arrow(f"SELECT * FROM {name} ORDER BY {_ORDER[name]}")
                    if name == "matches" and not table.num_rows:
                        self._check_loaded()
                    frame = _typed(name, _to_frame(table))
                else:
                    frame = _typed(name, self._read_plain(name))
                if self._copies is not None:
                    self._copies.write(name, frame)
                    if not self._copies.ready():
                        self._copies.write_fingerprint(self.fingerprint())
            self._cache[name] = frame
        return self._cache[name]

    def _check_loaded(self) -> None:
        """Raise StoreError when nothing was ever loaded into this store."""
        if self._query("SELECT count(*) FROM loads").fetchone() == (0,):
            raise StoreError(f"the store {self.path} is empty; run `scoreline data load` first")

    def _dates(self, name: str) -> np.ndarray:
        if name not in self._date_index:
            self._date_index[name] = self._table(name)["date"].to_numpy()
        return self._date_index[name]

    def _bounds(self, name: str, since: DayLike | None, until: DayLike | None
                ) -> tuple[int, int]:
        """The rows ``[lo, hi)`` of a date-ordered table from ``since`` to before ``until``."""
        lo_ts, hi_ts = _as_date(since, "since"), _as_date(until, "until")
        n = len(self._table(name))
        if lo_ts is None and hi_ts is None:
            return 0, n
        dates = self._dates(name)
        lo = 0 if lo_ts is None else int(np.searchsorted(dates, lo_ts.to_datetime64(), "left"))
        hi = n if hi_ts is None else int(np.searchsorted(dates, hi_ts.to_datetime64(), "left"))
        return lo, max(lo, hi)

    def _window(self, name: str, since: DayLike | None, until: DayLike | None) -> pd.DataFrame:
        frame = self._table(name)
        lo, hi = self._bounds(name, since, until)
        return frame if (lo, hi) == (0, len(frame)) else frame.iloc[lo:hi]

    def _team_positions(self, name: str) -> np.ndarray:
        """The rows of the matches table where the canonical team ``name`` plays, in order.

        Found once per team and kept (until the next write), so that a team asked for again
        (every head-to-head of a server, the two teams of a story) is a take of its rows
        rather than two string comparisons over every match."""
        rows = self._team_rows.get(name)
        if rows is None:
            m = self._table("matches")
            # compared as pandas columns: with Arrow strings, in Arrow, without making
            # 49,000 Python strings of each column first
            rows = np.flatnonzero(((m["home_team"] == name)
                                   | (m["away_team"] == name)).to_numpy(dtype=bool))
            self._team_rows[name] = rows
        return rows

    def matches(
        self,
        since: DayLike | None = None,
        until: DayLike | None = None,
        team: str | None = None,
        tournament: str | None = None,
    ) -> pd.DataFrame:
        """Matches as a DataFrame, oldest first.

        Parameters
        ----------
        since : date-like, optional
            First date included.
        until : date-like, optional
            First date EXCLUDED: ``until=D`` gives only matches strictly before D, which
            is what a forecast for day D may use.
        team : str, optional
            Any spelling of a team; keeps its matches, home or away.
        tournament : str, optional
            Exact tournament name, case-insensitive (``"FIFA World Cup"``).

        Returns
        -------
        DataFrame
            One row per match: ``match_id, date, home_team, away_team, home_score,
            away_score`` (after extra time, no shoot-outs), ``tournament, city, country,
            neutral, seq, home_score_90, away_score_90`` (NA where unknown),
            ``score_90_source, extra_time, has_goal_minutes, goals_complete,
            shootout_winner, first_shooter``.
        """
        if team is None:
            frame = self._window("matches", since, until)
        else:
            lo, hi = self._bounds("matches", since, until)
            rows = self._team_positions(self.resolve_team(team))
            frame = self._table("matches").iloc[rows[(rows >= lo) & (rows < hi)]]
        if tournament is not None:
            frame = frame[frame["tournament"] == self.resolve_tournament(tournament)]
        return frame.copy()

    def goals(
        self,
        since: DayLike | None = None,
        until: DayLike | None = None,
        team: str | None = None,
        match_id: int | Sequence[int] | None = None,
    ) -> pd.DataFrame:
        """Goals, one row each, in match then scoring order.

        ``team`` keeps goals *credited* to that team (an own goal is credited to the
        team that benefited, as upstream); ``match_id`` keeps those of one match or of
        several (a sequence of ids). ``minute`` is NA when unknown; minutes above 90 are
        extra time.
        """
        frame = self._window("goals", since, until)
        if match_id is not None:
            ids = frame["match_id"].to_numpy()
            wanted = np.unique(np.asarray(match_id, dtype=ids.dtype).reshape(-1))
            lo, hi = np.searchsorted(ids, wanted, "left"), np.searchsorted(ids, wanted, "right")
            counts = hi - lo  # each wanted match's goals are one run of rows
            first = np.repeat(np.cumsum(counts) - counts, counts)
            frame = frame.iloc[np.repeat(lo, counts) + np.arange(counts.sum()) - first]
        if team is not None:
            frame = frame[frame["team"] == self.resolve_team(team)]
        return frame.copy()

    def shootouts(self, since: DayLike | None = None, until: DayLike | None = None,
                  team: str | None = None
                  ) -> pd.DataFrame:
        """Penalty shoot-outs: ``match_id, date, home_team, away_team, winner, first_shooter``."""
        frame = self._window("shootouts", since, until)
        if team is not None:
            name = self.resolve_team(team)
            frame = frame[(frame["home_team"] == name) | (frame["away_team"] == name)]
        return frame.copy()

    def last_date(self) -> dt.date:
        """Date of the latest match in the store."""
        dates = self._dates("matches")
        if not len(dates):
            raise StoreError(f"the store {self.path} is empty; run `scoreline data load` first")
        return parse_date(dates[-1], "last match date")

    def former_names(self) -> pd.DataFrame:
        """``current, former, start_date, end_date`` of renamed teams."""
        return self._table("former_names").copy()

    # ------------------------------------------------------------------ names
    @property
    def names(self) -> TeamNames:
        """The team-name resolver of this store's data."""
        if self._names is None:
            m = self._table("matches")
            teams = pd.unique(pd.concat([m["home_team"], m["away_team"]]))
            self._names = TeamNames(teams, self._table("former_names"))
        return self._names

    def teams(self) -> list[str]:
        """Every canonical team name in the data, sorted."""
        return list(self.names.teams)

    def resolve_team(self, name: str, date: DayLike | None = None) -> str:
        """Canonical name of any spelling of a team (raises UnknownTeamError)."""
        return self.names.resolve(name, date)

    def tournaments(self) -> list[str]:
        """Every tournament name in the data, sorted."""
        return sorted(self._table("matches")["tournament"].unique())

    def resolve_tournament(self, name: str) -> str:
        """The data's spelling of a tournament name (case- and accent-insensitive)."""
        if self._tournament_keys is None:  # kept until the next write: a few ms a call
            self._tournament_keys = {normalise(t): t for t in self.tournaments()}
        known = self._tournament_keys
        key = normalise(name)
        if key in known:
            return known[key]
        from rapidfuzz import process

        close = [c for c, _, _ in process.extract(key, list(known), limit=3)]
        hint = ", ".join(repr(known[c]) for c in close)
        raise InvalidParameterError(f"unknown tournament {name!r}; did you mean {hint}?")

    def find_match(self, date: DayLike, home: str, away: str) -> pd.Series:
        """The match of ``home`` v ``away`` on ``date`` (either order of the two teams).

        Raises
        ------
        UnknownMatchError
            Suggesting the same teams' meetings nearest in time and other matches on
            that date involving either team.
        """
        day = _as_date(date, "date")
        assert day is not None
        home_name, away_name = self.resolve_team(home, day), self.resolve_team(away, day)
        m = self._window("matches", day, day + pd.Timedelta(days=1))
        pair = {home_name, away_name}
        hit = m[m["home_team"].isin(pair) & m["away_team"].isin(pair)]
        if len(hit):
            return hit.iloc[0]
        suggestions = self._nearby_matches(day, home_name, away_name)
        raise UnknownMatchError(
            f"no match {home_name} v {away_name} on {day:%Y-%m-%d}", suggestions)

    def _nearby_matches(self, day: pd.Timestamp, home: str, away: str) -> list[str]:
        m = self._table("matches")
        pair = {home, away}
        same = m[m["home_team"].isin(pair) & m["away_team"].isin(pair)]
        gap = (same["date"] - day).abs()
        by_teams = same.loc[gap.sort_values().index[:3]]
        near = m[(m["date"] - day).abs() <= pd.Timedelta(days=7)]
        near = near[near["home_team"].isin(pair) | near["away_team"].isin(pair)]
        rows = pd.concat([by_teams, near]).drop_duplicates("match_id")
        return [f"{r.date:%Y-%m-%d} {r.home_team} {r.home_score}-{r.away_score} {r.away_team}"
                for r in rows.itertuples(index=False)][:5]

    # ------------------------------------------------------------------ info
    def info(self) -> StoreInfo:
        """Counts, date range, size and load history (raises StoreError when never loaded).

        Counted by aggregate queries in DuckDB: no table is read into memory, so a process
        that only reports on the store (``scoreline data info``, a server's start-up) does
        not hold the tables.
        """
        row = self._query("""
            SELECT (SELECT count(*) FROM matches), (SELECT count(*) FROM goals),
                   (SELECT count(*) FROM shootouts),
                   (SELECT count(*) FROM (SELECT home_team FROM matches
                                          UNION SELECT away_team FROM matches)),
                   (SELECT count(DISTINCT tournament) FROM matches),
                   (SELECT min(date) FROM matches), (SELECT max(date) FROM matches),
                   (SELECT count(*) FROM matches WHERE has_goal_minutes),
                   (SELECT count(*) FROM loads)
        """).fetchone()
        assert row is not None
        n_matches, n_goals, n_shootouts, n_teams, n_tournaments, first, last, timed, n_loads = row
        if n_matches == 0 and n_loads == 0:
            raise StoreError(f"the store {self.path} is empty; run `scoreline data load` first")
        cursor = self._query("SELECT * FROM loads ORDER BY load_id DESC LIMIT 1")
        latest = cursor.fetchone()
        last_load = None
        if latest is not None:
            record = dict(zip([d[0] for d in cursor.description], latest, strict=True))
            record["warnings"] = json.loads(record["warnings"])
            record["sha256"] = json.loads(record["sha256"])
            record["loaded_at"] = record["loaded_at"].isoformat(timespec="seconds")
            last_load = record
        added = self._added_info()
        size = 0
        if self.path != ":memory:" and Path(self.path).exists():
            size = Path(self.path).stat().st_size
        return StoreInfo(
            path=self.path,
            matches=int(n_matches),
            goals=int(n_goals),
            shootouts=int(n_shootouts),
            teams=int(n_teams),
            tournaments=int(n_tournaments),
            first_date=first,
            last_date=last,
            matches_with_goal_minutes=int(timed),
            size_bytes=size,
            last_load=last_load,
            loads=int(n_loads),
            added_matches=sum(a.matches for a in added),
            added=added,
        )

    def _added_info(self) -> list[AddedMatchesInfo]:
        """The user-added matches held, per source file (by their first match)."""
        has_source = self._query(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'matches' "
            "AND column_name = 'source'").fetchone()
        if has_source is None or has_source[0] == 0:  # a store from before user additions
            return []
        rows = self._query(
            "SELECT source, count(*), min(date), max(date) FROM matches "
            "WHERE source IS NOT NULL AND source <> ? GROUP BY source ORDER BY min(match_id)",
            [UPSTREAM]).fetchall()
        return [AddedMatchesInfo(str(source).removeprefix("user:"), int(n), first, last)
                for source, n, first, last in rows]

    def fingerprint(self) -> str:
        """SHA-256 sums of the last loaded snapshot (a cache key for derived results)."""
        if "fingerprint" not in self._fingerprint and self._copies is not None:
            kept = self._copies.fingerprint()
            if kept is not None:
                self._fingerprint["fingerprint"] = kept
        if "fingerprint" in self._fingerprint:
            return self._fingerprint["fingerprint"]
        row = self._query("SELECT sha256 FROM loads ORDER BY load_id DESC LIMIT 1").fetchone()
        if row is None:
            raise StoreError(f"the store {self.path} is empty; run `scoreline data load` first")
        self._fingerprint["fingerprint"] = str(row[0])
        return self._fingerprint["fingerprint"]

    def _query(self, sql: str, params: list[object] | None = None) -> duckdb.DuckDBPyConnection:
        """Run SQL on a cursor of its own: DuckDB connections are not shared across threads."""
        return self._con.cursor().execute(sql, params or [])

    def _read_plain(self, name: str) -> pd.DataFrame:
        """A table by DuckDB's ``.df()``, where pyarrow is kept out of the process."""
        frame = self._query(f"SELECT * FROM {name} ORDER BY {_ORDER[name]}").df()
        if name == "matches" and frame.empty:
            self._check_loaded()
        return frame

    def _read_arrow(self, sql: str) -> pa.Table:
        """The rows of ``sql`` as an Arrow table (see :func:`_to_frame`)."""
        return self._con.cursor().sql(sql).to_arrow_table()

    def execute(self, sql: str, params: list[object] | None = None) -> pd.DataFrame:
        """Run a read-only SQL query with ``?`` parameters and return a DataFrame."""
        return self._query(sql, params).df()




#: The order of each table's rows as the store returns them.
_ORDER = {"matches": "match_id", "goals": "match_id, goal_seq", "shootouts": "match_id",
          "former_names": "current, start_date"}


def _arrow_available() -> bool:
    """Whether pyarrow may be used here (not kept out by ``pandas_without_arrow``)."""
    if sys.modules.get("pyarrow", False) is None:
        return False
    return importlib.util.find_spec("pyarrow") is not None


def _to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table of the store as a DataFrame, dates as ``datetime64[us]`` (what DuckDB's
    ``.df()`` gives).

    ``.df()`` converts column by column into pandas' Arrow-backed strings and takes about
    five times as long on the matches table; an Arrow table converts at once.
    """
    frame = table.to_pandas(date_as_object=False)
    for column, dtype in frame.dtypes.items():
        if dtype.kind == "M":
            frame[column] = frame[column].astype("datetime64[us]")
    return frame


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give DuckDB's result the documented pandas dtypes."""
    frame["date"] = pd.to_datetime(frame["date"]) if "date" in frame else None
    if name == "matches":
        frame = frame.astype({"match_id": "int64", "home_score": "int64", "away_score": "int64",
                              "neutral": bool, "seq": "int64", "has_goal_minutes": bool,
                              "goals_complete": bool, "home_score_90": "Int64",
                              "away_score_90": "Int64", "extra_time": "boolean"})
        for col in ("shootout_winner", "first_shooter"):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    elif name == "goals":
        frame = frame.astype({"match_id": "int64", "goal_seq": "int64", "minute": "Int64",
                              "own_goal": bool, "penalty": bool})
        frame["scorer"] = frame["scorer"].astype(object).where(frame["scorer"].notna(), None)
    elif name == "shootouts":
        frame = frame.astype({"match_id": "int64"})
        frame["first_shooter"] = frame["first_shooter"].astype(object).where(
            frame["first_shooter"].notna(), None)
    elif name == "former_names":
        frame["start_date"] = pd.to_datetime(frame["start_date"])
        frame["end_date"] = pd.to_datetime(frame["end_date"])
    return frame
