"""The claim rules' regular expressions, compiled once per machine rather than per process.

Python compiles a regular expression from scratch in every process, with a parser and a
code generator written in Python. The claim rules hold about two hundred long patterns
(alternations of number words, months and phrasings), and compiling them took 0.15-0.25 s
of every ``scoreline check``. What that compilation makes is a list of integers, which
``re`` hands to its C engine (``_sre.compile``); :func:`compile` keeps those lists in the
user cache, in one file per interpreter build (the codes belong to its engine), and makes
later patterns from them directly. It returns the very object ``re.compile`` would: an
ordinary :class:`re.Pattern` built by the same engine call from the same codes.

Only CPython 3.11 (whose ``re._compiler.compile`` this mirrors) uses the file; any other
interpreter, an unreadable file or an entry that does not fit falls back to ``re.compile``.
New entries are written at the process's exit, merged with the file, atomically. The file
keeps at most :data:`MAX_PATTERNS` patterns (past that, those of the last process).
``SCORELINE_FIT_CACHE=0`` turns it off, with the other on-disk caches.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

MAX_PATTERNS = 2000
"""Patterns kept in the file (the claim rules hold about 200)."""

_entries: dict[str, list[Any]] | None = None
_added: dict[str, list[Any]] = {}
_used: set[str] = set()


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the codes kept on this machine when there are.

    Parameters
    ----------
    pattern : str
        A regular expression (text patterns only).
    flags : int or re.RegexFlag
        As for :func:`re.compile`.
    """
    flags = int(flags)
    table = _table()
    if table is None:
        return re.compile(pattern, flags)
    import _sre

    key = f"{flags}:{pattern}"
    entry = table.get(key) or _added.get(key)
    if entry is not None:
        try:
            compiled: re.Pattern[str] = _sre.compile(pattern, *entry[:4], tuple(entry[4]))
        except (TypeError, ValueError, RuntimeError):
            compiled = re.compile(pattern, flags)
        else:
            _used.add(key)
            return compiled
    from re import _compiler, _parser  # type: ignore[attr-defined]

    # re._compiler.compile, keeping what it hands to the engine
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = [flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex,
             indexgroup]
    compiled = _sre.compile(pattern, *entry[:4], tuple(indexgroup))
    if not _added:
        atexit.register(_save)
    _added[key] = entry
    _used.add(key)
    return compiled


def _path() -> Path:
    """The file of this interpreter build's codes."""
    import _sre

    from scoreline._paths import user_cache_dir

    build = f"{sys.implementation.cache_tag}|{sys.version}|{_sre.MAGIC}"
    return user_cache_dir() / "patterns" / (
        hashlib.sha256(build.encode()).hexdigest()[:16] + ".json")


def _table() -> dict[str, list[Any]] | None:
    """The kept entries (read once), or None where the file is not used."""
    global _entries
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11) or \
            os.environ.get("SCORELINE_FIT_CACHE", "1") == "0":
        return None
    if _entries is None:
        try:
            loaded = json.loads(_path().read_text(encoding="utf-8"))
            _entries = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            _entries = {}
    return _entries


def _save() -> None:
    """Merge this process's new entries into the file (atomically; failures only cost time)."""
    path = _path()
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(current, dict):
            current = {}
    except (OSError, ValueError):
        current = {}
    current.update(_added)
    if len(current) > MAX_PATTERNS:
        current = {k: v for k, v in current.items() if k in _used}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".patterns-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(current, out, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
