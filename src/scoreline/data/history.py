"""Snapshots over time: upstream updates with a diff, rollback, and the user's own matches.

The store keeps the raw bytes of the current and the previous upstream snapshot
(``snapshot_files``) and the rows users added (``user_rows``, with the file they came
from). The tables that everything reads (``matches``, ``goals``, ...) are always rebuilt
from one upstream snapshot plus the user rows, validated like a load, and replaced in one
DuckDB transaction together with the raw files and the user rows: a process killed at
any moment leaves the store with the old state or the new one, never a mix.

A user match is dropped (with a notice) as soon as the upstream snapshot carries a match
of the same two teams on the same day, in either order; its goals and shoot-out go with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from scoreline.data.diff import SnapshotDiff, diff_snapshots
from scoreline.data.parse import parse_file
from scoreline.data.snapshot import build_snapshot
from scoreline.data.sources import FILES, SourceFiles
from scoreline.errors import DataValidationError, InvalidParameterError, StoreError

if TYPE_CHECKING:
    import duckdb

    from scoreline.data.store import LoadReport

USER_KINDS = ("results.csv", "goalscorers.csv", "shootouts.csv")
"""Files a user may add rows to (former names come from upstream only)."""

UPSTREAM = "upstream"
"""``matches.source`` of upstream rows; user rows hold ``user:<label>``."""

HISTORY_DDL = """
CREATE TABLE IF NOT EXISTS snapshot_files (
    slot VARCHAR NOT NULL, name VARCHAR NOT NULL, content BLOB NOT NULL,
    origin VARCHAR NOT NULL, source_commit VARCHAR, stored_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS user_rows (
    label VARCHAR NOT NULL, added_at TIMESTAMP NOT NULL, kind VARCHAR NOT NULL,
    file VARCHAR NOT NULL, line INTEGER NOT NULL, date DATE NOT NULL, home_team VARCHAR NOT NULL,
    away_team VARCHAR NOT NULL, text VARCHAR NOT NULL
);
ALTER TABLE matches ADD COLUMN IF NOT EXISTS source VARCHAR;
"""

USER_COLUMNS = ["label", "added_at", "kind", "file", "line", "date", "home_team", "away_team", "text"]


@dataclass(frozen=True)
class Upstream:
    """The raw files of one upstream snapshot."""

    files: dict[str, bytes]
    origin: str
    commit: str | None


@dataclass(frozen=True)
class SnapshotChange:
    """What a load, update, rollback, add or remove did to the store.

    Attributes
    ----------
    action : str
        ``load``, ``update``, ``rollback``, ``add`` or ``remove``.
    origin, source_commit : str, str or None
        The upstream snapshot now in the store.
    previous_origin, previous_commit : str or None
        The upstream snapshot before (what ``rollback`` restores after an update).
    diff : SnapshotDiff
        Matches and goals before vs after.
    user_dropped : list of str
        User matches dropped because upstream now carries them.
    user_matches : int
        User matches in the store afterwards.
    matches, goals, shootouts : int
    warnings, rejected : list of str
    seconds : float
    report : LoadReport
        The store's load record of the change (counts as ``scoreline data load`` prints).
    """

    action: str
    origin: str
    source_commit: str | None
    previous_origin: str | None
    previous_commit: str | None
    diff: SnapshotDiff
    user_dropped: list[str]
    user_matches: int
    matches: int
    goals: int
    shootouts: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    report: LoadReport | None = None


def _keys(frame: pd.DataFrame, reverse: bool = False) -> pd.Series:
    """``"YYYY-MM-DD|home|away"`` of each row (``reverse``: away first)."""
    day = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    first, second = ("away_team", "home_team") if reverse else ("home_team", "away_team")
    return day + "|" + frame[first].astype(str) + "|" + frame[second].astype(str)


def read_user_file(path: Path, kind: str, label: str, added_at: dt.datetime) -> pd.DataFrame:
    """The rows of a user's CSV (same columns as upstream), checked on their own.

    Raises
    ------
    DataValidationError
        One ``file:line: field: ...`` message per problem, naming the user's file.
    """
    parsed = parse_file(path, kind)
    if parsed.problems:
        prefix = f"{kind}:"
        messages = [m.replace(prefix, f"{path.name}:", 1) if m.startswith(prefix) else m
                    for _, m in parsed.problems]
        raise DataValidationError(messages[:20], len(messages))
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    frame = parsed.frame
    return pd.DataFrame({
        "label": label, "added_at": added_at, "kind": kind, "file": path.name,
        "line": frame["line"].astype("int64"), "date": pd.to_datetime(frame["date"]),
        "home_team": frame["home_team"].astype(str), "away_team": frame["away_team"].astype(str),
        "text": [lines[int(n) - 1] for n in frame["line"]],
    }, columns=USER_COLUMNS)


class SnapshotHistory:
    """Update, rollback and user rows for :class:`~scoreline.data.store.Store` (a mixin:
    the store provides the connection, the table cache and the table writer)."""

    path: str
    _con: duckdb.DuckDBPyConnection
    _table: Callable[[str], pd.DataFrame]
    _invalidate: Callable[[], None]
    _replace_tables: Callable[..., Any]

    # ------------------------------------------------------------------ reading
    def _history_query(self, sql: str, params: list[Any] | None = None) -> Any:
        """A query on the history tables; None on a store written before they existed
        (opened read-only, so they could not be created)."""
        import duckdb

        try:
            return self._con.cursor().execute(sql, params or [])
        except duckdb.CatalogException:
            return None

    def _upstream(self, slot: str) -> Upstream | None:
        cursor = self._history_query(
            "SELECT name, content, origin, source_commit FROM snapshot_files WHERE slot = ?",
            [slot])
        rows = cursor.fetchall() if cursor is not None else []
        if not rows:
            return None
        return Upstream({r[0]: bytes(r[1]) for r in rows}, str(rows[0][2]), rows[0][3])

    def user_rows(self) -> pd.DataFrame:
        """Rows users added (``label, added_at, kind, file, line, date, home_team, away_team,
        text``)."""
        cursor = self._history_query("SELECT * FROM user_rows ORDER BY added_at, label, kind, line")
        if cursor is None:
            return pd.DataFrame(columns=USER_COLUMNS)
        return cursor.df()

    def user_sources(self) -> list[dict[str, Any]]:
        """Each added file: ``label``, ``added_at``, ``matches``, ``goals``, ``shootouts``."""
        rows = self.user_rows()
        out = []
        for label, part in rows.groupby("label", sort=False):
            counts = part["kind"].value_counts()
            out.append({"label": str(label), "added_at": pd.Timestamp(part["added_at"].iloc[0]),
                        "matches": int(counts.get("results.csv", 0)),
                        "goals": int(counts.get("goalscorers.csv", 0)),
                        "shootouts": int(counts.get("shootouts.csv", 0))})
        return out

    # ------------------------------------------------------------------ actions
    def install(self, files: SourceFiles, action: str, *, skip_invalid: bool = False
                ) -> SnapshotChange:
        """Make the snapshot in ``files`` the current upstream one (the current becomes the
        previous), keeping the user rows not yet carried upstream."""
        upstream = Upstream({n: files.path(n).read_bytes() for n in FILES}, files.origin,
                            files.commit)
        return self._rebuild(upstream, self.user_rows(), action, "rotate",
                             skip_invalid=skip_invalid)

    def rollback(self) -> SnapshotChange:
        """Restore the previous upstream snapshot (the current one becomes the previous, so a
        second rollback undoes the first). User rows stay.

        Raises
        ------
        StoreError
            No previous snapshot is kept (only one load so far).
        """
        previous = self._upstream("previous")
        if previous is None:
            raise StoreError(f"the store {self.path} keeps no previous snapshot to roll back "
                             "to; it has been loaded only once")
        return self._rebuild(previous, self.user_rows(), "rollback", "swap")

    def add_user_matches(self, results: Path, goals: Path | None = None,
                         shootouts: Path | None = None, label: str | None = None
                         ) -> SnapshotChange:
        """Add a user's matches (upstream columns), optionally with goals and shoot-outs.

        Raises
        ------
        DataValidationError
            A row is malformed (named by the user's file and line), or the rows do not
            fit the data (a goal for a match that is in neither file, a duplicate match).
        InvalidParameterError
            ``label`` (default: the results file's name) is already in the store.
        StoreError
            The store has no upstream snapshot yet.
        """
        current = self._require_current()
        label = label or results.name
        existing = self.user_rows()
        if label in set(existing["label"]):
            raise InvalidParameterError(
                f"{label!r} was already added; remove it first (scoreline data remove "
                f"{label}) or give another --label")
        now = dt.datetime.now().replace(microsecond=0)
        parts = [read_user_file(Path(p), kind, label, now)
                 for p, kind in ((results, "results.csv"), (goals, "goalscorers.csv"),
                                 (shootouts, "shootouts.csv")) if p is not None]
        rows = pd.concat([existing, *parts], ignore_index=True)
        return self._rebuild(current, rows, "add", "keep")

    def remove_user_matches(self, label: str) -> SnapshotChange:
        """Remove the rows added from ``label`` (see :meth:`user_sources`).

        Raises
        ------
        InvalidParameterError
            Nothing was added under that label (the message lists the labels).
        """
        current = self._require_current()
        rows = self.user_rows()
        if label not in set(rows["label"]):
            known = ", ".join(repr(x) for x in dict.fromkeys(rows["label"])) or "none"
            raise InvalidParameterError(f"nothing was added as {label!r}; added: {known}")
        return self._rebuild(current, rows[rows["label"] != label], "remove", "keep")

    def _require_current(self) -> Upstream:
        current = self._upstream("current")
        if current is None:
            raise StoreError(f"the store {self.path} holds no upstream snapshot yet; run "
                             "`scoreline data load` (or `data update`) first")
        return current

    # ------------------------------------------------------------------ the rebuild
    def _rebuild(self, upstream: Upstream, user: pd.DataFrame, action: str, slots: str,
                 *, skip_invalid: bool = False) -> SnapshotChange:
        start = dt.datetime.now()
        with tempfile.TemporaryDirectory(prefix="scoreline-snapshot-") as tmp:
            folder = Path(tmp)
            for name in FILES:
                (folder / name).write_bytes(upstream.files[name])
            is_carried = pd.Series(False, index=user.index, dtype=bool)
            if len(user):  # a match of the same teams on the same day, either way round
                up = parse_file(folder / "results.csv").frame
                carried = pd.Index(pd.concat([_keys(up), _keys(up, reverse=True)]))
                is_carried = _keys(user).isin(carried)
            dropped_rows = user[is_carried & (user["kind"] == "results.csv")]
            dropped = [f"{r.date:%Y-%m-%d} {r.home_team} v {r.away_team} ({r.label})"
                       for r in dropped_rows.itertuples(index=False)]
            kept = user[~is_carried]
            origins = self._append_user_rows(folder, upstream, kept)
            sums = {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in FILES}
            files = SourceFiles(folder, upstream.origin, upstream.commit, sums)
            try:
                snap = build_snapshot(files, skip_invalid=skip_invalid)
            except DataValidationError as exc:
                raise DataValidationError([_relabel(m, origins) for m in exc.problems],
                                          exc.total) from None
        snap.matches["source"] = UPSTREAM
        kept_results = kept[kept["kind"] == "results.csv"]
        if len(kept_results):
            labels = pd.Series(("user:" + kept_results["label"]).to_numpy(),
                               index=_keys(kept_results).to_numpy())
            mapped = _keys(snap.matches).map(labels)
            snap.matches["source"] = mapped.fillna(UPSTREAM).to_numpy()
        previous = self._upstream("current")
        try:
            old_matches, old_goals = self._table("matches"), self._table("goals")
        except StoreError:
            old_matches, old_goals = snap.matches.iloc[:0], snap.goals.iloc[:0]
        diff = diff_snapshots(old_matches, old_goals, snap.matches, snap.goals)
        report = self._replace_tables(
            snap, files, start, lambda con: self._write_history(con, upstream, kept, slots))
        self._invalidate()
        seconds = (dt.datetime.now() - start).total_seconds()
        if slots == "keep":
            previous = self._upstream("previous")
        return SnapshotChange(
            action=action, origin=upstream.origin, source_commit=upstream.commit,
            previous_origin=previous.origin if previous else None,
            previous_commit=previous.commit if previous else None, diff=diff,
            user_dropped=dropped, user_matches=int((kept["kind"] == "results.csv").sum()),
            matches=len(snap.matches), goals=len(snap.goals), shootouts=len(snap.shootouts),
            seconds=seconds, warnings=snap.warnings, rejected=snap.rejected, report=report)

    @staticmethod
    def _append_user_rows(folder: Path, upstream: Upstream, user: pd.DataFrame
                          ) -> dict[str, tuple[int, list[tuple[str, int]]]]:
        """Append the user rows to the upstream files in ``folder``; for each file, the
        upstream line count and the (label, line) of every appended line."""
        origins: dict[str, tuple[int, list[tuple[str, int]]]] = {}
        for kind in USER_KINDS:
            raw = upstream.files[kind]
            n_lines = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
            part = user[user["kind"] == kind]
            origins[kind] = (n_lines, [(str(r.file), int(r.line))
                                       for r in part.itertuples(index=False)])
            if part.empty:
                continue
            text = ("" if raw.endswith(b"\n") else "\n") + "".join(t + "\n" for t in part["text"])
            with (folder / kind).open("ab") as fh:
                fh.write(text.encode("utf-8"))
        return origins

    @staticmethod
    def _write_history(con: duckdb.DuckDBPyConnection, upstream: Upstream,
                       user: pd.DataFrame, slots: str) -> None:
        """Inside the load transaction: the raw snapshot slots and the user rows."""
        now = dt.datetime.now()
        if slots == "rotate":
            con.execute("DELETE FROM snapshot_files WHERE slot = 'previous'")
            con.execute("UPDATE snapshot_files SET slot = 'previous' WHERE slot = 'current'")
        elif slots == "swap":
            con.execute("UPDATE snapshot_files SET slot = CASE slot WHEN 'current' THEN "
                        "'previous' ELSE 'current' END")
        if slots == "rotate":
            for name in FILES:
                con.execute("INSERT INTO snapshot_files VALUES ('current', ?, ?, ?, ?, ?)",
                            [name, upstream.files[name], upstream.origin, upstream.commit, now])
        con.execute("DELETE FROM user_rows")
        if len(user):
            frame = user[USER_COLUMNS].reset_index(drop=True)
            con.register("new_user_rows", frame)
            try:
                con.execute("INSERT INTO user_rows SELECT * FROM new_user_rows")
            finally:
                con.unregister("new_user_rows")


_LOCATION = re.compile(r"^(results\.csv|goalscorers\.csv|shootouts\.csv):(\d+):")


def _relabel(message: str, origins: dict[str, tuple[int, list[tuple[str, int]]]]) -> str:
    """Point a problem found in an appended user line at the user's file and line."""
    found = _LOCATION.match(message)
    if not found:
        return message
    kind, line = found.group(1), int(found.group(2))
    n_upstream, appended = origins.get(kind, (0, []))
    index = line - n_upstream - 1
    if 0 <= index < len(appended):
        file, user_line = appended[index]
        return f"{file}:{user_line}:" + message[found.end():]
    return message


def snapshot_sha(files: SourceFiles) -> str:
    """The ``loads.sha256`` value of a snapshot (its files' sums, as JSON)."""
    return json.dumps(files.sha256, sort_keys=True)

