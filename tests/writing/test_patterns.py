"""The claim rules' patterns made from the codes kept on disk
(scoreline.writing.claims.patterns) are the patterns ``re.compile`` makes: same pattern,
flags and groups, same matches on real text, whether compiled in this process or read
back from the file; a damaged file costs only time."""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import pytest

from scoreline.writing.claims import patterns

CLAIM_MODULES = ("article", "goals", "history", "locate", "minutes", "others", "records",
                 "scorers", "setting", "stages", "standings", "tallies", "titles", "upsets")

TEXT = (Path(__file__).resolve().parents[3] / "shared" / "articles"
        / "2022-11-23-germany-japan.txt")

needs_the_file = pytest.mark.skipif(
    sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11),
    reason="the kept codes are used by CPython 3.11 only")


def _rule_patterns() -> list[re.Pattern[str]]:
    """Every module-level pattern of the claim rules."""
    found = []
    for name in CLAIM_MODULES:
        module = importlib.import_module(f"scoreline.writing.claims.{name}")
        found += [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    assert len(found) > 120
    return found


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user cache, and the module's memory of the file forgotten."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path))
    monkeypatch.setattr(patterns, "_entries", None)
    monkeypatch.setattr(patterns, "_added", {})
    monkeypatch.setattr(patterns, "_used", set())
    return tmp_path


def _same(made: re.Pattern[str], reference: re.Pattern[str], text: str) -> None:
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        reference.pattern, reference.flags, reference.groups, reference.groupindex)
    assert [m.group(0) for m in made.finditer(text)] == [
        m.group(0) for m in reference.finditer(text)]


@needs_the_file
def test_rule_patterns_from_the_file_are_those_of_re(fresh: Path) -> None:
    """Compiled here, then kept, then read back by a process that has not compiled them:
    each of the rules' patterns equals ``re.compile``'s and matches the same spans of a
    real article."""
    text = TEXT.read_text(encoding="utf-8")
    rules = _rule_patterns()
    for rule in rules:
        _same(patterns.compile(rule.pattern, rule.flags), rule, text)
    patterns._save()
    kept = json.loads(patterns._path().read_text(encoding="utf-8"))
    assert len(kept) >= len({(r.pattern, r.flags) for r in rules})
    patterns._entries, patterns._added = None, {}  # as a new process
    for rule in rules:
        _same(patterns.compile(rule.pattern, rule.flags), rule, text)
    assert not patterns._added  # every one came from the file


@needs_the_file
def test_a_damaged_entry_falls_back_to_re(fresh: Path) -> None:
    """An entry whose codes the engine refuses is compiled again by ``re``."""
    source = r"\b(?P<minute>\d{1,3})(?:st|nd|rd|th)?[- ]minute\b"
    path = patterns._path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({f"{int(re.IGNORECASE)}:{source}": [int(re.IGNORECASE) | 32, [99, 1, 2], 1,
                                                           {"minute": 1}, [None, "minute"]]}))
    made = patterns.compile(source, re.IGNORECASE)
    _same(made, re.compile(source, re.IGNORECASE), "in the 75th minute, and the 83rd-minute winner")


def test_off_with_the_other_caches(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``SCORELINE_FIT_CACHE=0``: plain ``re.compile``, and no file."""
    monkeypatch.setenv("SCORELINE_FIT_CACHE", "0")
    made = patterns.compile(r"\bdrew (\d+)-(\d+)\b")
    assert made.match("drew 1-1") and not patterns._added
    assert not list(fresh.rglob("*.json"))
