"""Bad source files are rejected with ``file:line: field: problem`` and the store is untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import scoreline
import scoreline.api
from scoreline.errors import DataValidationError
from tests.data.test_load import table_digest


def edit_line(path: Path, line: int, change: Callable[[list[str]], list[str]]) -> str:
    """Apply ``change`` to the fields of 1-based ``line`` of ``path``; return the new line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[line - 1].rstrip("\n").split(",")
    lines[line - 1] = ",".join(change(fields)) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return lines[line - 1]


def set_field(index: int, value: str) -> Callable[[list[str]], list[str]]:
    def change(fields: list[str]) -> list[str]:
        fields[index] = value
        return fields
    return change


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing column": (
        lambda d: (d / "results.csv").write_text(
            "\n".join(",".join(ln.split(",")[:-1]) for ln in
                      (d / "results.csv").read_text(encoding="utf-8").splitlines()) + "\n",
            encoding="utf-8"),
        "results.csv:1: header: missing column(s) neutral",
    ),
    "wrong delimiter": (
        lambda d: (d / "results.csv").write_text(
            (d / "results.csv").read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8"),
        "results.csv:1: header: found one column",
    ),
    "wrong encoding": (
        lambda d: (d / "goalscorers.csv").write_bytes(
            (d / "goalscorers.csv").read_text(encoding="utf-8").encode("latin-1", "replace")
            .replace(b"TRUE", b"TRU\xc9", 1)),
        "goalscorers.csv:",
    ),
    "non-integer score": (
        lambda d: edit_line(d / "results.csv", 5, set_field(3, "two")),
        "results.csv:5: home_score: 'two' is not an integer",
    ),
    "negative score": (
        lambda d: edit_line(d / "results.csv", 6, set_field(4, "-1")),
        "results.csv:6: away_score: '-1' is negative",
    ),
    "impossible date": (
        lambda d: edit_line(d / "results.csv", 7, set_field(0, "2021-02-30")),
        "results.csv:7: date: '2021-02-30' is not a real date",
    ),
    "bad neutral flag": (
        lambda d: edit_line(d / "results.csv", 8, set_field(8, "yes")),
        "results.csv:8: neutral: 'yes' is not TRUE or FALSE",
    ),
    "minute out of range": (
        lambda d: edit_line(d / "goalscorers.csv", 3, set_field(5, "131")),
        "goalscorers.csv:3: minute: '131' is outside 1..130",
    ),
    "minute zero": (
        lambda d: edit_line(d / "goalscorers.csv", 4, set_field(5, "0")),
        "goalscorers.csv:4: minute: '0' is outside 1..130",
    ),
    "goal for a match that does not exist": (
        lambda d: edit_line(d / "goalscorers.csv", 2, set_field(1, "Atlantis")),
        "goalscorers.csv:2: date/home_team/away_team: no match",
    ),
    "duplicated match": (
        lambda d: (d / "results.csv").write_text(
            (d / "results.csv").read_text(encoding="utf-8")
            + (d / "results.csv").read_text(encoding="utf-8").splitlines(keepends=True)[9],
            encoding="utf-8"),
        "duplicates line 10",
    ),
    "empty file": (
        lambda d: (d / "shootouts.csv").write_text("", encoding="utf-8"),
        "shootouts.csv:1: the file is empty",
    ),
    "header only": (
        lambda d: (d / "shootouts.csv").write_text(
            "date,home_team,away_team,winner,first_shooter\n", encoding="utf-8"),
        "shootouts.csv:2: the file has a header but no rows",
    ),
    "truncated last line": (
        lambda d: (d / "results.csv").write_text(
            (d / "results.csv").read_text(encoding="utf-8")[:-25], encoding="utf-8"),
        "results.csv:",
    ),
    "team playing itself": (
        lambda d: edit_line(d / "results.csv", 9, lambda f: [f[0], f[1], f[1], *f[3:]]),
        "results.csv:9: away_team:",
    ),
    "shoot-out winner not in the match": (
        lambda d: edit_line(d / "shootouts.csv", 2, set_field(3, "Brazil")),
        "shootouts.csv:2: winner: 'Brazil' did not play",
    ),
    "binary file": (
        lambda d: (d / "former_names.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
        "former_names.csv:",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_rejected_and_store_kept(case: str, source: Path, tmp_path: Path,
                                              window_2022: Path) -> None:
    """Each kind of bad input gets its own ``file:line: field`` message; the store keeps
    exactly what it held before the rejected load."""
    corrupt, expected = CASES[case]
    with scoreline.open(tmp_path / "s.duckdb") as s:
        s.load(window_2022)
        before = table_digest(s)
        corrupt(source)
        with pytest.raises(DataValidationError) as err:
            s.load(source)
        assert expected in str(err.value), str(err.value)
        assert table_digest(s) == before
        assert s.info().loads == 1


def test_truncated_last_line_names_the_line(source: Path, tmp_path: Path) -> None:
    """A cut-off last row is reported on its own line number as too few fields."""
    path = source / "results.csv"
    text = path.read_text(encoding="utf-8")
    n_lines = text.count("\n")
    path.write_text(text[:-25], encoding="utf-8")
    with scoreline.open(tmp_path / "s.duckdb") as s, pytest.raises(DataValidationError) as err:
        s.load(source)
    assert f"results.csv:{n_lines}: row: has" in str(err.value)


def test_many_problems_are_counted(source: Path, tmp_path: Path) -> None:
    """With dozens of bad rows the message shows the first 20 and counts the rest."""
    for line in range(2, 52):
        edit_line(source / "results.csv", line, set_field(3, "x"))
    with scoreline.open(tmp_path / "s.duckdb") as s, pytest.raises(DataValidationError) as err:
        s.load(source)
    assert err.value.total == 50
    assert len(err.value.problems) == 20
    assert "and 30 more" in str(err.value)


def test_skip_invalid_loads_valid_rows(source: Path, tmp_path: Path, window_2022: Path) -> None:
    """``skip_invalid`` drops the bad rows (and the goals of dropped matches) and lists them."""
    edit_line(source / "results.csv", 5, set_field(3, "two"))
    edit_line(source / "goalscorers.csv", 3, set_field(5, "500"))
    report_file = tmp_path / "rejected.txt"
    report = scoreline.api.load_data(source, db=tmp_path / "s.duckdb", skip_invalid=True,
                                     report_path=report_file)
    n_matches = (window_2022 / "results.csv").read_text(encoding="utf-8").count("\n") - 1
    assert report.matches == n_matches - 1
    assert len(report.rejected) >= 2
    text = report_file.read_text(encoding="utf-8")
    assert "results.csv:5: home_score" in text and "goalscorers.csv:3: minute" in text
