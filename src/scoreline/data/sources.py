"""Where the four source CSVs come from: a directory, a URL, or the pinned upstream commit.

Resolution order when no source is given: ``$SCORELINE_DATA`` (a directory), else the
pinned upstream commit of github.com/martj42/international_results: from the user cache
directory, else from a copy of exactly that commit in ``../shared/data/international_results``
beside the working directory (the layout of a checkout next to its shared data, so set-up
works offline), else downloaded over HTTPS into the cache, and verified against the
SHA-256 sums below either way.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scoreline.errors import DataSourceError

log = logging.getLogger(__name__)

FILES = ("results.csv", "goalscorers.csv", "shootouts.csv", "former_names.csv")
"""The four source files, in load order."""

UPSTREAM_REPO = "martj42/international_results"
UPSTREAM_COMMIT = "65d212aac5deec5157071dcf6e9b05fce0223c84"
UPSTREAM_BASE_URL = f"https://raw.githubusercontent.com/{UPSTREAM_REPO}/{UPSTREAM_COMMIT}/"
UPSTREAM_SHA256 = {
    "results.csv": "100afa17b2258ffcc0e9ef9612e374c5349e2b9390ec450b72147d4643c42070",
    "goalscorers.csv": "e8b9b468e9fe30f1f92e82a66312af980b83fdeb5eb411497097a850748b8815",
    "shootouts.csv": "2acdc95fdad14f5f17200150a1a4a5fa6c2ccf57d31c8b4f61a2c7d9c0493113",
    "former_names.csv": "2d57f59a3ac13b24c2fcf208ced5a38710529d122da38929838d0980b002677e",
}
UPSTREAM_RAW_URL = "https://raw.githubusercontent.com/"
"""Where upstream files are served by commit: ``<raw>/<repo>/<commit>/<file>``."""
UPSTREAM_API_URL = "https://api.github.com/"
"""GitHub's API, asked which commit a branch (``main``) points at."""
DOWNLOAD_TIMEOUT_S = 60.0

Progress = Callable[[str, int, int | None], None]
"""Callback ``(file_name, bytes_done, bytes_total_or_None)`` for download progress."""


@dataclass(frozen=True)
class SourceFiles:
    """Local paths of the four source files and where they came from.

    Attributes
    ----------
    directory : Path
        Directory holding the four CSVs.
    origin : str
        What the user asked for (a directory, a URL) or ``upstream@<commit>``.
    commit : str or None
        Upstream commit when known (pinned download, or a ``SOURCE_COMMIT`` file).
    sha256 : dict
        SHA-256 of each file as read.
    """

    directory: Path
    origin: str
    commit: str | None
    sha256: dict[str, str]

    def path(self, name: str) -> Path:
        """Path of one of :data:`FILES`."""
        return self.directory / name


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_cache_dir() -> Path:
    """Per-user cache directory for downloaded snapshots (``platformdirs``)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("scoreline"))


def _from_directory(directory: Path, origin: str) -> SourceFiles:
    if not directory.is_dir():
        raise DataSourceError(f"data source {str(directory)!r} is not a directory")
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        raise DataSourceError(
            f"data source {str(directory)!r} lacks {', '.join(missing)}; expected the four "
            f"files {', '.join(FILES)} of {UPSTREAM_REPO}"
        )
    commit_file = directory / "SOURCE_COMMIT"
    commit = None
    if commit_file.is_file():
        text = commit_file.read_text(encoding="utf-8", errors="replace").split()
        commit = text[0] if text else None
    sums = {name: sha256_of(directory / name) for name in FILES}
    return SourceFiles(directory=directory, origin=origin, commit=commit, sha256=sums)


def _download(
    base_url: str,
    target: Path,
    expected: dict[str, str] | None,
    progress: Progress | None,
) -> dict[str, str]:
    """Fetch the four files into ``target`` (atomically per file); return their sums."""
    import urllib.error  # with the first download: http and ssl cost ~50 ms to import
    import urllib.request

    target.mkdir(parents=True, exist_ok=True)
    sums: dict[str, str] = {}
    for name in FILES:
        url = base_url.rstrip("/") + "/" + name
        fd, tmp_name = tempfile.mkstemp(dir=target, prefix=f".{name}.", suffix=".part")
        tmp = Path(tmp_name)
        digest = hashlib.sha256()
        try:
            with (os.fdopen(fd, "wb") as out,
                  urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as resp):
                total = resp.headers.get("Content-Length")
                total_n = int(total) if total and total.isdigit() else None
                done = 0
                while block := resp.read(1 << 16):
                    out.write(block)
                    digest.update(block)
                    done += len(block)
                    if progress:
                        progress(name, done, total_n)
            got = digest.hexdigest()
            if expected is not None and got != expected[name]:
                raise DataSourceError(
                    f"{url}: checksum mismatch: got sha256 {got}, expected {expected[name]} "
                    f"(the pinned {UPSTREAM_REPO} commit); the cached copy was not replaced"
                )
            tmp.replace(target / name)
            sums[name] = got
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            if isinstance(exc, DataSourceError):
                raise
            raise DataSourceError(
                f"could not download {url}: {exc}; pass a local copy with --source DIR "
                f"or set SCORELINE_DATA"
            ) from exc
        finally:
            tmp.unlink(missing_ok=True)
    return sums


#: Where a checkout's shared data sits, relative to the working directory.
LOCAL_COPY = Path("..") / "shared" / "data" / "international_results"


def _local_pinned_copy() -> SourceFiles | None:
    """The pinned snapshot from :data:`LOCAL_COPY`, when all four files are there with the
    pinned commit's checksums (anything else is not the pinned snapshot and is ignored)."""
    directory = (Path.cwd() / LOCAL_COPY).resolve()
    if not all((directory / n).is_file() for n in FILES):
        return None
    sums = {n: sha256_of(directory / n) for n in FILES}
    if sums != UPSTREAM_SHA256:
        return None
    return SourceFiles(directory, f"upstream@{UPSTREAM_COMMIT[:12]}", UPSTREAM_COMMIT, sums)


def resolve_source(
    source: str | Path | None = None,
    *,
    cache_dir: Path | None = None,
    upstream_base_url: str | None = None,
    progress: Progress | None = None,
) -> SourceFiles:
    """Find (and if needed download) the four source CSVs.

    Parameters
    ----------
    source : str or Path, optional
        A directory, or an ``http(s)://`` base URL serving the four files. When
        omitted: ``$SCORELINE_DATA``, else the pinned upstream commit (cached, a local copy
        in ``../shared/data/international_results``, or downloaded).
    cache_dir : Path, optional
        Where downloads are kept (default: the user cache directory).
    upstream_base_url : str, optional
        Override of the pinned upstream base URL (tests point it at 127.0.0.1);
        checksums are still verified against the pinned commit's sums.
    progress : callable, optional
        Download progress callback, see :data:`Progress`.

    Raises
    ------
    DataSourceError
        Missing directory or file, a failed download, or a checksum mismatch.
    """
    if source is None:
        env = os.environ.get("SCORELINE_DATA")
        if env:
            return _from_directory(Path(env).expanduser(), f"$SCORELINE_DATA={env}")
        cache = (cache_dir or default_cache_dir()) / UPSTREAM_COMMIT
        if all((cache / n).is_file() for n in FILES):
            sums = {n: sha256_of(cache / n) for n in FILES}
            if sums == UPSTREAM_SHA256:
                return SourceFiles(cache, f"upstream@{UPSTREAM_COMMIT[:12]}", UPSTREAM_COMMIT, sums)
            log.warning("cached snapshot in %s is damaged; downloading again", cache)
        if upstream_base_url is None:
            local = _local_pinned_copy()
            if local is not None:
                return local
        base = upstream_base_url or UPSTREAM_BASE_URL
        sums = _download(base, cache, UPSTREAM_SHA256, progress)
        return SourceFiles(cache, f"upstream@{UPSTREAM_COMMIT[:12]}", UPSTREAM_COMMIT, sums)
    text = str(source)
    if text.startswith(("http://", "https://")):
        key = hashlib.sha256(text.encode()).hexdigest()[:16]
        target = (cache_dir or default_cache_dir()) / "url" / key
        sums = _download(text, target, None, progress)
        return SourceFiles(target, text, None, sums)
    return _from_directory(Path(text).expanduser(), text)


def _is_commit(ref: str) -> bool:
    return len(ref) == 40 and all(c in "0123456789abcdef" for c in ref.lower())


def resolve_ref(ref: str, *, api_url: str | None = None) -> str:
    """The commit a branch or tag of the upstream repository points at (a full commit
    hash is returned as it is).

    Raises
    ------
    DataSourceError
        The API cannot be reached or does not know the ref.
    """
    if _is_commit(ref):
        return ref.lower()
    import urllib.error
    import urllib.request

    base = (api_url or UPSTREAM_API_URL).rstrip("/")
    url = f"{base}/repos/{UPSTREAM_REPO}/commits/{ref}"
    request = urllib.request.Request(url, headers={"Accept": "application/vnd.github.sha"})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_S) as resp:
            sha = resp.read(200).decode("ascii", errors="replace").strip()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise DataSourceError(
            f"could not ask {url} which commit {ref!r} is: {exc}; give --ref COMMIT or "
            "--source DIR_OR_URL") from exc
    if not _is_commit(sha):
        raise DataSourceError(f"{url} answered {sha[:60]!r}, not a commit hash")
    return str(sha).lower()


def upstream_snapshot(
    ref: str = "main",
    *,
    cache_dir: Path | None = None,
    raw_url: str | None = None,
    api_url: str | None = None,
    progress: Progress | None = None,
) -> SourceFiles:
    """Download the upstream files at a branch, tag or commit (default: ``main``).

    The branch is first resolved to its commit, so the snapshot is named and cached by
    commit (``<cache>/<commit>/``); the pinned commit is verified against its known sums.

    Parameters
    ----------
    ref : str
        Branch, tag or full commit hash of github.com/martj42/international_results.
    cache_dir : Path, optional
        Default: the user cache directory.
    raw_url, api_url : str, optional
        Overrides of :data:`UPSTREAM_RAW_URL` and :data:`UPSTREAM_API_URL` (tests point
        them at 127.0.0.1).
    progress : callable, optional

    Raises
    ------
    DataSourceError
        The ref cannot be resolved or a file cannot be downloaded.
    """
    commit = resolve_ref(ref, api_url=api_url)
    cache = (cache_dir or default_cache_dir()) / commit
    expected = UPSTREAM_SHA256 if commit == UPSTREAM_COMMIT else None
    if all((cache / n).is_file() for n in FILES):
        sums = {n: sha256_of(cache / n) for n in FILES}
        if expected is None or sums == expected:
            return SourceFiles(cache, f"upstream@{commit[:12]}", commit, sums)
    base = (raw_url or UPSTREAM_RAW_URL).rstrip("/") + f"/{UPSTREAM_REPO}/{commit}/"
    sums = _download(base, cache, expected, progress)
    return SourceFiles(cache, f"upstream@{commit[:12]}", commit, sums)
