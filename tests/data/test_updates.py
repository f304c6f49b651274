"""Keeping the store current: update with a diff, rollback, user matches, killed writers.

Two successive upstream snapshots are made from the real 2021-2022 rows: the older one
stops at 2022-12-10, records Germany-Japan (2022-11-23) as 1-1 without Asano's goal,
spells the Czech Republic "Czechia" and carries a bogus row; the newer one is the real
data. A local HTTP server on 127.0.0.1 serves both the way GitHub does (files by commit,
and the commit that ``main`` points at).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoreline import api
from scoreline.data.sources import UPSTREAM_REPO
from scoreline.data.store import Store
from scoreline.errors import DataValidationError, InvalidParameterError, StoreError
from tests.data.conftest import FILES

OLD_SHA = "a" * 40
NEW_SHA = "b" * 40
BOGUS = "2022-06-01,Czechia,Lemuria,2,0,Friendly,Nowhere,Lemuria,FALSE\n"


def _older(new: Path, old: Path) -> Path:
    """The older snapshot made from the newer one (see the module docstring)."""
    old.mkdir(parents=True)
    for name in FILES:
        lines = (new / name).read_text(encoding="utf-8").splitlines(keepends=True)
        keep = [lines[0]] + [ln for ln in lines[1:] if name == "former_names.csv"
                             or ln[:10] <= "2022-12-10"]
        out = []
        for ln in keep:
            if ln.startswith("2022-11-23,Germany,Japan,1,2,"):
                ln = ln.replace(",1,2,", ",1,1,", 1)
            if name == "goalscorers.csv" and "Takuma Asano,83" in ln:
                continue
            if name != "former_names.csv":
                ln = ln.replace("Czech Republic", "Czechia")
            out.append(ln)
        if name == "results.csv":
            out.append(BOGUS)
        (old / name).write_text("".join(out), encoding="utf-8")
    return old


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory, window_2022: Path) -> tuple[Path, Path]:
    """(older, newer) snapshot directories."""
    root = tmp_path_factory.mktemp("snapshots")
    new = root / "new"
    shutil.copytree(window_2022, new)
    return _older(new, root / "old"), new


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory,
             snapshots: tuple[Path, Path]) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 laid out like raw.githubusercontent.com and the GitHub
    API: both snapshots by commit, ``main`` pointing at the newer; yields its base URL."""
    root = tmp_path_factory.mktemp("www")
    for sha, folder in ((OLD_SHA, snapshots[0]), (NEW_SHA, snapshots[1])):
        shutil.copytree(folder, root / UPSTREAM_REPO / sha)
    commits = root / "repos" / UPSTREAM_REPO / "commits"
    commits.mkdir(parents=True)
    (commits / "main").write_text(NEW_SHA + "\n", encoding="ascii")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def db(tmp_path: Path, snapshots: tuple[Path, Path]) -> Path:
    """A store holding the older snapshot."""
    path = tmp_path / "store.duckdb"
    api.load_data(snapshots[0], db=path)
    return path


def _score(db: Path, date: str, home: str, away: str) -> tuple[int, int]:
    row = api.get_store(db).find_match(date, home, away)
    return int(row["home_score"]), int(row["away_score"])


def test_update_from_main_reports_the_diff_and_rollback_restores(
        db: Path, upstream: str, tmp_path: Path) -> None:
    """``update`` follows ``main`` to the newer snapshot and names what changed: the new
    December matches, the corrected Germany-Japan score and goal list, the renamed team and
    the removed row; ``rollback`` restores the older snapshot and a second one the newer."""
    change = api.update_data(db=db, raw_url=upstream, api_url=upstream,
                             cache_dir=tmp_path / "cache")
    d = change.diff
    assert change.source_commit == NEW_SHA and change.previous_origin is not None
    assert d.matches_added == 29  # 2022-12-11 .. 2022-12-31
    assert "2022-12-18 Argentina 3-3 France" in d.added
    assert d.scores_corrected == 1
    assert d.corrected == ["2022-11-23 Germany v Japan: 1-1 -> 1-2"]
    assert "2022-11-23 Germany v Japan: goal list changed (2 -> 3 goals)" in d.goal_lists
    assert d.renamed == [("Czechia", "Czech Republic")]
    assert d.matches_removed == 1 and d.removed == ["2022-06-01 Czechia 2-0 Lemuria"]
    assert _score(db, "2022-11-23", "Germany", "Japan") == (1, 2)

    back = api.rollback_data(db=db)
    assert back.diff.corrected == ["2022-11-23 Germany v Japan: 1-2 -> 1-1"]
    assert _score(db, "2022-11-23", "Germany", "Japan") == (1, 1)
    assert back.previous_commit == NEW_SHA
    again = api.rollback_data(db=db)
    assert again.source_commit == NEW_SHA
    assert _score(db, "2022-11-23", "Germany", "Japan") == (1, 2)


def test_update_to_a_given_commit(db: Path, upstream: str, tmp_path: Path) -> None:
    """``--ref COMMIT`` installs that commit without asking which one ``main`` is."""
    change = api.update_data(ref=OLD_SHA, db=db, raw_url=upstream, api_url="http://127.0.0.1:9/",
                             cache_dir=tmp_path / "cache")
    assert change.source_commit == OLD_SHA and change.diff.empty


def test_update_from_a_directory_and_nothing_to_roll_back(tmp_path: Path,
                                                          snapshots: tuple[Path, Path]) -> None:
    """Offline, ``--source DIR`` updates like a load; a store loaded once cannot roll back."""
    path = tmp_path / "s.duckdb"
    api.load_data(snapshots[1], db=path)
    with pytest.raises(StoreError, match="no previous snapshot"):
        api.rollback_data(db=path)
    change = api.update_data(snapshots[0], db=path)
    assert change.diff.scores_corrected == 1


def test_bad_snapshot_leaves_the_store_alone(db: Path, tmp_path: Path,
                                             snapshots: tuple[Path, Path]) -> None:
    """An update whose files fail validation changes nothing."""
    bad = tmp_path / "bad"
    shutil.copytree(snapshots[1], bad)
    with (bad / "results.csv").open("a", encoding="utf-8") as fh:
        fh.write("2023-01-01,Spain,Spain,1,0,Friendly,Madrid,Spain,FALSE\n")
    before = api.get_store(db).fingerprint()
    with pytest.raises(DataValidationError, match="plays itself"):
        api.update_data(bad, db=db)
    assert api.get_store(db).fingerprint() == before
    assert _score(db, "2022-11-23", "Germany", "Japan") == (1, 1)


USER_RESULTS = (
    "date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n"
    "2022-12-18,Argentina,France,3,3,FIFA World Cup,Lusail,Qatar,TRUE\n"
    "2023-01-05,Malta,Spain,5,0,Friendly,Ta' Qali,Malta,FALSE\n"
)
USER_GOALS = (
    "date,home_team,away_team,team,scorer,minute,own_goal,penalty\n"
    "2023-01-05,Malta,Spain,Malta,Teddy Teuma,12,FALSE,FALSE\n"
    "2023-01-05,Malta,Spain,Malta,NA,30,FALSE,FALSE\n"
    "2023-01-05,Malta,Spain,Malta,NA,44,FALSE,TRUE\n"
    "2023-01-05,Malta,Spain,Malta,NA,70,TRUE,FALSE\n"
    "2023-01-05,Malta,Spain,Malta,NA,90,FALSE,FALSE\n"
)


def _user_files(tmp_path: Path) -> tuple[Path, Path]:
    results, goals = tmp_path / "tonight.csv", tmp_path / "tonight-goals.csv"
    results.write_text(USER_RESULTS, encoding="utf-8")
    goals.write_text(USER_GOALS, encoding="utf-8")
    return results, goals


def test_added_matches_survive_an_update_until_upstream_has_them(
        db: Path, upstream: str, tmp_path: Path) -> None:
    """Added matches are marked with their file, feed later ratings, stay across an update
    except the one upstream now carries (dropped with a notice), and ``remove`` drops them."""
    results, goals = _user_files(tmp_path)
    before = api.rating_history("Malta", db=db).points
    added = api.add_matches(results, goals=goals, db=db)
    assert added.user_matches == 2 and added.diff.matches_added == 2
    store = api.get_store(db)
    mine = store.matches()[lambda m: m["source"] == "user:tonight.csv"]
    assert sorted(mine["home_team"]) == ["Argentina", "Malta"]
    after = api.rating_history("Malta", db=db).points
    assert len(after) == len(before) + 1
    assert after[-1].rating > before[-1].rating
    assert [s.label for s in api.added_matches(db=db)] == ["tonight.csv"]

    change = api.update_data(db=db, raw_url=upstream, api_url=upstream,
                             cache_dir=tmp_path / "cache")
    assert change.user_dropped == ["2022-12-18 Argentina v France (tonight.csv)"]
    assert change.user_matches == 1
    m = api.get_store(db).matches()
    final = m[(m["home_team"] == "Argentina") & (m["date"] == "2022-12-18")]
    assert len(final) == 1 and final["source"].iloc[0] == "upstream"
    assert final["shootout_winner"].iloc[0] == "Argentina"  # upstream's row, with its shoot-out
    assert (m["source"] == "user:tonight.csv").sum() == 1

    removed = api.remove_matches("tonight.csv", db=db)
    assert removed.user_matches == 0 and removed.diff.matches_removed == 1
    assert api.added_matches(db=db) == []


def test_bad_added_rows_name_the_file_and_line(db: Path, tmp_path: Path) -> None:
    """A malformed row, a goal for a match in neither file and a taken label are refused
    with the user's file and line; nothing is stored."""
    results, _ = _user_files(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(USER_RESULTS.replace("5,0,Friendly", "five,0,Friendly"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"bad\.csv:3: home_score"):
        api.add_matches(bad, db=db)
    orphan = tmp_path / "orphan-goals.csv"
    orphan.write_text(USER_GOALS.replace("2023-01-05,Malta,Spain,Malta,Teddy",
                                         "2023-01-06,Malta,Spain,Malta,Teddy"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"orphan-goals\.csv:2: .*no match"):
        api.add_matches(results, goals=orphan, db=db)
    assert api.added_matches(db=db) == []
    api.add_matches(results, db=db)
    with pytest.raises(InvalidParameterError, match="already added"):
        api.add_matches(results, db=db)
    with pytest.raises(InvalidParameterError, match=r"added: 'tonight\.csv'"):
        api.remove_matches("nope.csv", db=db)


WRITER = """
import sys, time
from scoreline.data.store import Store
store = Store(sys.argv[1])
start = time.perf_counter()
store.install(__import__("scoreline.data.sources", fromlist=["x"]).resolve_source(sys.argv[2]),
              "update")
print(time.perf_counter() - start, flush=True)
"""


def _state(path: Path) -> tuple[str, int, int, tuple[int, int]]:
    """(fingerprint, stored match count, count its load recorded, Germany-Japan score)."""
    with Store(path, read_only=True) as store:
        recorded = store.execute("SELECT matches FROM loads ORDER BY load_id DESC LIMIT 1")
        row = store.find_match("2022-11-23", "Germany", "Japan")
        files = store.execute("SELECT count(*) AS n FROM snapshot_files WHERE slot = 'current'")
        assert int(files["n"].iloc[0]) == len(FILES)
        return (store.fingerprint(), len(store.matches()), int(recorded["matches"].iloc[0]),
                (int(row["home_score"]), int(row["away_score"])))


def test_a_killed_update_leaves_the_old_or_the_new_snapshot(
        db: Path, tmp_path: Path, snapshots: tuple[Path, Path]) -> None:
    """An update killed (SIGKILL) at several points of its run leaves a store that opens
    with the whole old snapshot or the whole new one, never a mix."""
    api.get_store(db).close()
    from scoreline.api import _store

    _store._stores.pop(str(db.resolve()), None)
    pristine = tmp_path / "pristine.duckdb"
    shutil.copy(db, pristine)
    old = _state(pristine)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    launched = time.perf_counter()
    full = subprocess.run([sys.executable, "-c", WRITER, str(db), str(snapshots[1])],
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    wall = time.perf_counter() - launched
    new = _state(db)
    assert new[3] == (1, 2) and old[3] == (1, 1) and new[0] != old[0]
    seconds = float(full.stdout.split()[-1])
    start_up = max(wall - seconds, 0.0)  # imports and opening the store, before the write
    killed = 0
    for fraction in (0.3, 0.7, 0.95):
        shutil.copy(pristine, db)
        Path(str(db) + ".wal").unlink(missing_ok=True)
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(snapshots[1])],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        # kill part-way through the write, as timed in the full run above
        time.sleep(start_up + fraction * seconds)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        killed += proc.returncode == -signal.SIGKILL
        state = _state(db)
        assert state in (old, new)
        assert state[1] == state[2]
    assert killed  # at least one writer died before it finished
