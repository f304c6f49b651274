"""Numbers, ordinals, minutes and dates as written in match reports."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from scoreline.writing.claims import patterns
from scoreline.writing.claims.alternation import word_alternation

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90, "hundred": 100}
_ORD_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
              "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}

WORD_NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORD_NUMBERS.update(_TENS)
WORD_NUMBERS.update({"a": 1, "an": 1, "a couple of": 2, "a pair of": 2, "single": 1})
for _t, _v in list(_TENS.items())[:-1]:
    for _i in range(1, 10):
        WORD_NUMBERS[f"{_t}-{_UNITS[_i]}"] = _v + _i
        WORD_NUMBERS[f"{_t} {_UNITS[_i]}"] = _v + _i

_COMPOUND_TENS = list(_TENS)[:-1]
# The words as a prefix tree, "twenty-three" as tens, a dash or space, then a unit: a
# pattern a fifth of the sorted list's size (dozens of rules embed it, and compiling them
# was most of a check's start-up) that matches the same, longest first. A compound is
# longer than every other word matching where it starts ("sixty" and "six" for
# "sixty-six"), so trying compounds first keeps that order.
NUMBER_RE = (r"(?:\d{1,3}|" + word_alternation(_COMPOUND_TENS) + "[- ]"
             + word_alternation(_UNITS[1:10]) + "|"
             + word_alternation(w for w in WORD_NUMBERS
                                if not any(w.startswith(f"{t}{sep}")
                                           for t in _COMPOUND_TENS for sep in "- ")) + ")")

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], start=1)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
               "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_MONTH_ALT = word_alternation(MONTHS)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def to_number(text: str) -> int | None:
    """``"eight" -> 8``, ``"33" -> 33``, ``"33rd" -> 33``, ``"third" -> 3``."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", t)
    if m:
        return int(m.group(1))
    if t in WORD_NUMBERS:
        return WORD_NUMBERS[t]
    return _ORD_UNITS.get(t)


@dataclass(frozen=True)
class DateMention:
    """A calendar date written in the text (year may be missing)."""

    month: int
    day: int
    year: int | None
    start: int
    end: int
    surface: str

    def resolve(self, year: int | None) -> dt.date | None:
        """The date with ``year`` filled in when missing (None if impossible)."""
        y = self.year or year
        if y is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


_DATE_MDY = patterns.compile(
    rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", re.IGNORECASE)
_DATE_DMY = patterns.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\b\.?(?:,?\s+(\d{{4}})\b)?",
    re.IGNORECASE)
_DATE_ISO = patterns.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def find_dates(text: str) -> list[DateMention]:
    """Every date in ``text`` ("November 23", "23 November 2022", "2022-11-23")."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE_ISO.finditer(text):
        out.append(DateMention(int(m.group(2)), int(m.group(3)), int(m.group(1)), m.start(),
                               m.end(), m.group(0)))
        taken.append(m.span())
    for regex, mi, di in ((_DATE_MDY, 1, 2), (_DATE_DMY, 2, 1)):
        for m in regex.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            month_word = m.group(mi).lower()
            if month_word == "may" and m.group(mi) == "may":  # the verb
                continue
            day = int(m.group(di))
            if not 1 <= day <= 31:
                continue
            year = int(m.group(3)) if m.group(3) else None
            out.append(DateMention(MONTHS[month_word], day, year, m.start(), m.end(), m.group(0)))
            taken.append(m.span())
    return sorted(out, key=lambda d: d.start)


def find_weekdays(text: str) -> list[tuple[str, int]]:
    """``(weekday, position)`` of each "on Wednesday"-style mention."""
    return [(m.group(1).lower(), m.start()) for m in
            re.finditer(r"\b(?:on|last|this)\s+(" + "|".join(WEEKDAYS) + r")\b", text,
                        re.IGNORECASE)]


def context_year(texts: list[str]) -> int | None:
    """The year the article is set in: full dates first, then years near a tournament name,
    then the most frequent plausible year."""
    full = Counter(d.year for t in texts for d in find_dates(t) if d.year)
    if full:
        return int(full.most_common(1)[0][0])
    near: Counter[int] = Counter()
    years: Counter[int] = Counter()
    for t in texts:
        for m in re.finditer(r"\b(18[7-9]\d|19\d\d|20[0-4]\d)\b", t):
            years[int(m.group(1))] += 1
            window = t[max(0, m.start() - 25): m.end() + 25].lower()
            if any(w in window for w in ("cup", "euro", "copa", "qatar", "championship", "games")):
                near[int(m.group(1))] += 1
    if near:
        return int(near.most_common(1)[0][0])
    if years:
        return int(years.most_common(1)[0][0])
    return None
