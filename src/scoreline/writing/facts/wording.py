"""Small wording helpers shared by stories and the checker (dates, ordinals, numbers)."""

from __future__ import annotations

import datetime as dt

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


def long_date(day: dt.date) -> str:
    """``"Wednesday 23 November 2022"`` (British order)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def ordinal(n: int) -> str:
    """``1 -> "1st"``, ``33 -> "33rd"``, ``112 -> "112th"``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number_word(n: int) -> str:
    """``7 -> "seven"`` up to twenty, digits above."""
    return _SMALL[n] if 0 <= n < len(_SMALL) else str(n)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 meeting"``, ``"3 meetings"``; ``"once"``/``"twice"`` for times."""
    if word == "time" and n in (1, 2):
        return "once" if n == 1 else "twice"
    return f"{n} {word if n == 1 else (many or word + 's')}"


def percent(p: float) -> str:
    """A probability as a rounded percentage: ``0.137 -> "14%"``, ``0.004 -> "0.4%"``."""
    pct = 100.0 * p
    if pct < 1.0:
        return f"{pct:.1f}%"
    return f"{pct:.0f}%"


_ORDINAL_WORDS = (
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth",
)


def ordinal_word(n: int) -> str:
    """``3 -> "third"`` up to twelfth, ``"13th"`` above."""
    return _ORDINAL_WORDS[n] if 0 < n < len(_ORDINAL_WORDS) else ordinal(n)
