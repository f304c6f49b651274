"""Finding and downloading the source files, against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import scoreline
from scoreline.data.sources import UPSTREAM_COMMIT, resolve_source
from scoreline.errors import DataSourceError


@pytest.fixture
def served(tmp_path: Path, data_dir: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a copy of the shared files; yields (url, dir)."""
    root = tmp_path / "www"
    shutil.copytree(data_dir, root)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_pinned_download_is_verified_and_cached(served: tuple[str, Path], tmp_path: Path) -> None:
    """With no source and no SCORELINE_DATA, the pinned commit is downloaded, its checksums
    verified, cached, and then reused without the network."""
    url, root = served
    cache = tmp_path / "cache"
    seen: list[str] = []
    files = resolve_source(None, cache_dir=cache, upstream_base_url=url,
                           progress=lambda name, done, total: seen.append(name))
    assert files.commit == UPSTREAM_COMMIT
    assert (cache / UPSTREAM_COMMIT / "results.csv").is_file()
    assert {"results.csv", "goalscorers.csv"} <= set(seen)
    shutil.rmtree(root)  # server now has nothing: the cache must serve
    again = resolve_source(None, cache_dir=cache, upstream_base_url=url)
    assert again.sha256 == files.sha256


def test_tampered_download_is_refused(served: tuple[str, Path], tmp_path: Path) -> None:
    """A file whose checksum differs from the pinned commit's is refused and not cached."""
    url, root = served
    with (root / "results.csv").open("a", encoding="utf-8") as fh:
        fh.write("2030-01-01,Atlantis,Lemuria,9,0,Friendly,Atlantis,Atlantis,FALSE\n")
    with pytest.raises(DataSourceError, match="checksum mismatch"):
        resolve_source(None, cache_dir=tmp_path / "cache", upstream_base_url=url)
    assert not (tmp_path / "cache" / UPSTREAM_COMMIT / "results.csv").exists()


def test_load_from_url(served: tuple[str, Path], tmp_path: Path) -> None:
    """``--source http://...`` loads the files served there into the store."""
    url, _ = served
    with scoreline.open(tmp_path / "s.duckdb") as s:
        report = s.load(url, cache_dir=tmp_path / "cache")
        assert report.matches == 49520 and report.origin == url


def test_unreachable_server(tmp_path: Path) -> None:
    """A download that cannot connect says which URL failed and how to load locally."""
    with pytest.raises(DataSourceError, match="--source DIR"):
        resolve_source("http://127.0.0.1:9/", cache_dir=tmp_path)


def test_environment_directory(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    """SCORELINE_DATA names the directory when no source is given."""
    monkeypatch.setenv("SCORELINE_DATA", str(data_dir))
    files = resolve_source(None)
    assert files.directory == data_dir and files.commit == UPSTREAM_COMMIT


def test_missing_directory_and_files(tmp_path: Path) -> None:
    """A missing directory or missing file is named in the error."""
    with pytest.raises(DataSourceError, match="is not a directory"):
        resolve_source(tmp_path / "nope")
    (tmp_path / "results.csv").write_text("x", encoding="utf-8")
    with pytest.raises(DataSourceError, match=r"goalscorers\.csv"):
        resolve_source(tmp_path)


def _checkout_beside(tmp_path: Path, data_dir: Path, change: bool = False) -> Path:
    """A working directory whose ``../shared/data/international_results`` holds a copy of
    the data (one byte changed in results.csv when ``change``)."""
    shared = tmp_path / "shared" / "data" / "international_results"
    shared.mkdir(parents=True)
    for name in ("results.csv", "goalscorers.csv", "shootouts.csv", "former_names.csv"):
        (shared / name).write_bytes((data_dir / name).read_bytes())
    if change:
        (shared / "results.csv").write_bytes((data_dir / "results.csv").read_bytes() + b"\n")
    work = tmp_path / "project"
    work.mkdir()
    return work


def test_a_pinned_copy_beside_the_checkout_is_used_offline(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no source and no SCORELINE_DATA, the pinned snapshot in ../shared is read (no
    download); a copy that is not the pinned snapshot is ignored and the download tried."""
    monkeypatch.delenv("SCORELINE_DATA", raising=False)
    monkeypatch.setattr("scoreline.data.sources.UPSTREAM_BASE_URL", "http://127.0.0.1:9/")
    monkeypatch.chdir(_checkout_beside(tmp_path / "a", data_dir))
    files = resolve_source(None, cache_dir=tmp_path / "cache")
    assert files.directory == (tmp_path / "a" / "shared" / "data" / "international_results")
    assert files.commit == UPSTREAM_COMMIT
    monkeypatch.chdir(_checkout_beside(tmp_path / "b", data_dir, change=True))
    with pytest.raises(DataSourceError, match="could not download"):
        resolve_source(None, cache_dir=tmp_path / "cache-b")
