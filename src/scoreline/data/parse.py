"""Read one source CSV strictly: every problem becomes ``file:line: field: what, expected``.

Parsing is two passes: the C ``csv`` reader splits rows (keeping each row's line
number), then each column is converted and checked with vectorised pandas operations,
so the whole history parses in a fraction of a second.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from scoreline.data.schema import MINUTE_MAX, MINUTE_MIN, SCHEMAS, Column, Kind

NA_TOKENS = frozenset({"", "NA"})


@dataclass
class ParsedFile:
    """A parsed source file.

    Attributes
    ----------
    name : str
        File name (``results.csv``, ...).
    frame : DataFrame
        Typed columns of the rows that passed, plus ``line`` (1-based line number in
        the file, the header being line 1).
    problems : list of (line, message)
        Every problem found, with the line it is on (0 for whole-file problems).
    fatal : bool
        True when the file cannot be read at all (encoding, header, empty): no row
        can be trusted, so ``--skip-invalid`` cannot help.
    rejected : DataFrame
        The raw text of the rows that failed, with ``line`` and ``problem``.
    """

    name: str
    frame: pd.DataFrame
    problems: list[tuple[int, str]] = field(default_factory=list)
    fatal: bool = False
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)


def _fatal(name: str, line: int, message: str) -> ParsedFile:
    return ParsedFile(name, pd.DataFrame(), [(line, f"{name}:{line}: {message}")], fatal=True)


def _decode(name: str, raw: bytes) -> str | ParsedFile:
    if not raw.strip():
        return _fatal(name, 1, "the file is empty; expected a header line and at least one row")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return _fatal(name, line, "the file holds NUL bytes: it is binary, not CSV text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return _fatal(
            name,
            line,
            f"byte 0x{bad} is not valid UTF-8; expected UTF-8 text (re-save the file as UTF-8)",
        )


def _check_header(name: str, header: list[str], schema: tuple[Column, ...]) -> str | None:
    expected = [c.name for c in schema]
    got = [h.strip() for h in header]
    if got == expected:
        return None
    if len(got) == 1:
        for delim in (";", "\t", "|"):
            if delim in got[0]:
                return (
                    f"header: found one column {got[0]!r} split by {delim!r}; "
                    f"expected comma-separated columns {','.join(expected)}"
                )
    missing = [c for c in expected if c not in got]
    extra = [c for c in got if c not in expected]
    parts = []
    if missing:
        parts.append(f"missing column(s) {', '.join(missing)}")
    if extra:
        parts.append(f"unexpected column(s) {', '.join(extra)}")
    if not parts:
        parts.append(f"columns in the order {','.join(got)}")
    return f"header: {'; '.join(parts)}; expected columns {','.join(expected)}"


def _split_rows_fast(text: str, width: int) -> tuple[list[list[str]], list[int], list[str]] | None:
    """The common case in one C call: every row one line, all of the right width.

    Returns None when anything is unusual (quoted newlines, blank or short lines, CSV
    errors), and the careful line-by-line pass takes over to report it.
    """
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error:
        return None
    n_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if len(rows) != n_lines or any(len(r) != width for r in rows):
        return None
    return rows[1:], list(range(2, len(rows) + 1)), []


def _split_rows(name: str, text: str, width: int) -> tuple[list[list[str]], list[int], list[str]]:
    """Rows with the right field count, their line numbers, and problems for the rest."""
    fast = _split_rows_fast(text, width)
    if fast is not None:
        return fast
    reader = csv.reader(io.StringIO(text), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[str] = []
    next(reader)  # header, already checked
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"{name}:{reader.line_num}: row: {exc}; expected well-formed CSV")
            start = reader.line_num + 1
            continue
        line = start
        start = reader.line_num + 1
        if not row:
            continue  # blank line
        if len(row) != width:
            what = "truncated?" if len(row) < width else "an unquoted comma?"
            problems.append(
                f"{name}:{line}: row: has {len(row)} fields ({what}); expected {width}"
            )
            continue
        rows.append(row)
        lines.append(line)
    return rows, lines, problems


def _convert(
    name: str, col: Column, raw: pd.Series, lines: np.ndarray
) -> tuple[pd.Series, list[tuple[int, str]]]:
    """Typed column and the problems of its bad cells."""
    text = raw.str.strip()
    problems: list[tuple[int, str]] = []

    def report(mask: np.ndarray, what: str) -> None:
        for i in np.flatnonzero(mask):
            problems.append(
                (int(lines[i]), f"{name}:{lines[i]}: {col.name}: {raw.iat[i]!r} {what}")
            )

    if col.kind is Kind.DATE:
        values = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        report(values.isna().to_numpy(), "is not a real date; expected YYYY-MM-DD")
        return values, problems
    if col.kind is Kind.TEXT:
        report((text == "").to_numpy(), "is empty; expected " + col.meaning)
        return text, problems
    if col.kind is Kind.OPTIONAL_TEXT:
        return text.where(~text.isin(NA_TOKENS), None), problems
    if col.kind is Kind.FLAG:
        upper = text.str.upper()
        report(~upper.isin(["TRUE", "FALSE"]).to_numpy(), "is not TRUE or FALSE")
        return upper == "TRUE", problems
    digits = text.str.fullmatch(r"\d+").to_numpy()
    numbers = pd.to_numeric(text.where(digits, None), errors="coerce")
    if col.kind is Kind.GOALS:
        negative = text.str.fullmatch(r"-\d+").to_numpy()
        report(negative, "is negative; expected a goal count >= 0")
        report(~digits & ~negative, "is not an integer; expected a goal count >= 0")
        return numbers.fillna(0).astype("int64"), problems
    # Kind.MINUTE
    na = text.isin(NA_TOKENS).to_numpy()
    report(~digits & ~na, f"is not an integer; expected a minute {MINUTE_MIN}..{MINUTE_MAX} or NA")
    out_of_range = digits & ((numbers < MINUTE_MIN) | (numbers > MINUTE_MAX)).to_numpy()
    report(out_of_range, f"is outside {MINUTE_MIN}..{MINUTE_MAX}; expected a minute or NA")
    return numbers.astype("Int64"), problems


def parse_file(path: Path, name: str | None = None) -> ParsedFile:
    """Read and check one source CSV against :data:`~scoreline.data.schema.SCHEMAS`.

    Never raises for bad content: problems are returned in :class:`ParsedFile` so that
    the caller can report them all at once (or skip the bad rows).
    """
    name = name or path.name
    schema = SCHEMAS[name]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _fatal(name, 0, f"cannot be read: {exc.strerror or exc}")
    text = _decode(name, raw)
    if isinstance(text, ParsedFile):
        return text
    first = text.splitlines()[0] if text.splitlines() else ""
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return _fatal(name, 1, f"header: {first[:80]!r} is not a CSV header line; "
                               f"expected columns {','.join(c.name for c in schema)}")
    bad_header = _check_header(name, header, schema)
    if bad_header:
        return _fatal(name, 1, bad_header)
    try:
        rows, lines_list, row_problems = _split_rows(name, text, len(schema))
    except csv.Error as exc:
        return _fatal(name, 0, f"row: {exc}; expected well-formed CSV")
    problems: list[tuple[int, str]] = [(int(p.split(":")[1]), p) for p in row_problems]
    if not rows and not problems:
        return _fatal(name, 2, "the file has a header but no rows; expected at least one row")
    lines = np.asarray(lines_list, dtype=np.int64)
    raw_frame = pd.DataFrame(rows, columns=[c.name for c in schema], dtype="str")
    typed: dict[str, pd.Series] = {}
    for col in schema:
        typed[col.name], col_problems = _convert(name, col, raw_frame[col.name], lines)
        problems.extend(col_problems)
    frame = pd.DataFrame(typed)
    frame["line"] = lines
    bad_lines = {line for line, _ in problems}
    keep = ~np.isin(lines, list(bad_lines))
    rejected = raw_frame.loc[~keep].copy()
    rejected.insert(0, "line", lines[~keep])
    problems.sort(key=lambda p: p[0])
    return ParsedFile(name, frame.loc[keep].reset_index(drop=True), problems, False, rejected)
