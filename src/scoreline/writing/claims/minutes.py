"""When a goal came, as match reports write it, read as a range of recorded minutes.

The data records a goal's minute as an integer; stoppage-time goals are stored at 45, 90,
105 or 120 ("90+3" is 90). Each expression becomes the range of recorded minutes that
satisfy it:

============================================  ==========================================
"67th minute", "67'", "minute 67", "at 67     67 (a minute past 90 or 120 may be stored
minutes"                                       at 90 or 120)
"90+3", "two minutes into stoppage time"      90 (45+2: 45)
"after ten minutes", "with seven minutes on   9 to 11 (the minute before and after)
the clock"
"inside five minutes", "in the first ten      1 to 5
minutes"
"four minutes from time", "with four minutes   85 to 87 (or 115 to 117 in extra time)
left"
"two minutes after half-time / the break"     46 to 48
"a minute before the interval"                43 to 45
"just before / after the hour", "on the       55-59 / 61-65 / 59-61
hour"
"just before half-time"                       40 to 45 (35 to 39: unclear)
"four minutes of extra time left"             115 to 117
"in (first-half) stoppage time"               45, 90, 105, 120 (first half: 45)
"in extra time"                               91 to 120
"in the first / second half"                  1-45 / 46-90
"N minutes later"                             the previous goal's minute + N, +-1
============================================  ==========================================
"""

from __future__ import annotations

import re

from scoreline.writing.claims import patterns
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.when import STOPPAGE_MINUTES, When


def _n(text: str) -> int:
    return to_number(text.replace("a couple of", "two")) or 0


_N = NUMBER_RE
_STOPPAGE_WORDS = r"(?:stoppage|injury|added|additional)[- ]time"
_RULES: list[tuple[re.Pattern[str], str]] = [
    (patterns.compile(r"(?<![\d-])(45|90|105|120)\s*\+\s*(\d{1,2})(?:\s*(?:'|’|′|mins?\b|minutes?\b))?"),
     "plus"),
    (patterns.compile(rf"\b({_N})(?:st|nd|rd|th)? minutes? into (?:the )?(?:first[- ]half )?{_STOPPAGE_WORDS}",
                re.IGNORECASE), "into_stoppage"),
    (patterns.compile(rf"\b(?:the )?({_N}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
                rf" minute of {_STOPPAGE_WORDS}", re.IGNORECASE), "into_stoppage"),
    (patterns.compile(r"\b(\d{1,3})(?:st|nd|rd|th)[- ]minute\b", re.IGNORECASE), "exact"),
    (patterns.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
                r"twelfth)[- ]minute\b(?! of (?:stoppage|injury|added))", re.IGNORECASE), "exact"),
    (patterns.compile(r"\bminute (\d{1,3})\b", re.IGNORECASE), "exact"),
    (patterns.compile(r"\b(?:at|on|after) (\d{1,3}) minutes\b(?! (?:later|after|before|from|into|of|left))",
                re.IGNORECASE), "exact"),
    (patterns.compile(r"(?<![\d-])(\d{1,3})\s*(?:'|’|′)(?!\w)"), "exact"),
    (patterns.compile(r"(?<![\d-])(\d{1,3}) ?mins?\b", re.IGNORECASE), "exact"),
    (patterns.compile(rf"\b({_N}) minutes? (?:from|before) (?:time|the end|full[- ]time|the final whistle)\b|"
                rf"\bwith (?:just |only |barely )?({_N}) minutes? (?:remaining|left|to go|to play)\b",
                re.IGNORECASE), "from_time"),
    (patterns.compile(rf"\b({_N}) minutes? of extra[- ]time (?:left|remaining|to go)\b|"
                rf"\b({_N}) minutes? (?:from|before) (?:penalties|a shoot-?out)\b", re.IGNORECASE),
     "et_left"),
    (patterns.compile(rf"\b({_N}) minutes? (?:after|into) (?:half[- ]time|the break|the interval|the restart|"
                r"the second half|the resumption)\b", re.IGNORECASE), "after_break"),
    (patterns.compile(rf"\b({_N}) minutes? before (?:half[- ]time|the break|the interval)\b", re.IGNORECASE),
     "before_break"),
    (patterns.compile(r"\bjust (?:before|ahead of) (?:half[- ]time|the break|the interval)\b|"
                r"\bon the stroke of half[- ]time\b|\blate (?:on )?in the first half\b",
                re.IGNORECASE), "late_first_half"),
    (patterns.compile(r"\bjust after (?:half[- ]time|the break|the interval|the restart)\b|"
                r"\bsoon after the (?:break|restart|interval)\b", re.IGNORECASE), "early_second_half"),
    (patterns.compile(r"\bjust (?:before|short of) the hour\b", re.IGNORECASE), "before_hour"),
    (patterns.compile(r"\bjust (?:after|past) the hour\b", re.IGNORECASE), "after_hour"),
    (patterns.compile(r"\b(?:on|around|at) the hour(?: mark)?\b", re.IGNORECASE), "hour"),
    (patterns.compile(rf"\b(?:after|with) (?:just |only |barely )?({_N}) minutes?(?: on the clock| gone)?\b"
                r"(?! (?:later|after|before|from|into|of|left))", re.IGNORECASE), "approx"),
    (patterns.compile(rf"\b(?:inside|within|in the (?:first|opening)) (?:the )?(?:first |opening )?({_N}) "
                r"minutes?\b(?! of each other)", re.IGNORECASE), "at_most"),
    (patterns.compile(rf"\b({_N}) minutes? (?:later|afterwards|after that|on|after)\b"
                r"(?!\s+(?:the|half|kick|his|her|their|a|an)\b)", re.IGNORECASE), "relative"),
    (patterns.compile(rf"\b(?:first[- ]half {_STOPPAGE_WORDS}|{_STOPPAGE_WORDS} (?:of|at the end of) the "
                rf"first half|(?:the )?added time of the first half)\b", re.IGNORECASE),
     "first_half_stoppage"),
    (patterns.compile(rf"\b{_STOPPAGE_WORDS}\b|\bdeep into (?:stoppage|injury) time\b", re.IGNORECASE),
     "stoppage"),
    (patterns.compile(r"\bin extra[- ]time\b", re.IGNORECASE), "extra_time"),
    (patterns.compile(r"\b(?:in|early in|late in|midway through) the (first|second)[- ]half\b|"
                r"\b(first|second)[- ]half (?:goal|strike|header|penalty)\b", re.IGNORECASE), "half"),
]


def read_minute(clause: str, extra_time: bool | None = None) -> When | None:
    """The time a clause gives for a goal, or None (see the module docstring)."""
    for rx, how in _RULES:
        m = rx.search(clause)
        if not m:
            continue
        span = m.group(0)
        groups = [g for g in m.groups() if g]
        n = _n(groups[0]) if groups else 0
        if how == "plus":
            base, extra = int(m.group(1)), int(m.group(2))
            return When(f"{base}+{extra}", span, base, base, frozenset({base + extra}), exact=base)
        if how == "into_stoppage":
            return When("in stoppage time", span, 1, 0, STOPPAGE_MINUTES)
        if how == "exact":
            if n <= 0 or n > 130:
                continue
            allowed = {90} if 90 < n <= 100 else {120} if 120 < n <= 130 else set()
            return When(f"minute {n}", span, n, n, frozenset(allowed), exact=n)
        if how == "from_time":
            # "with five minutes left" in extra time counts from the 120th minute
            late = frozenset(range(120 - n - 1, 120 - n + 2)) if n < 30 else frozenset()
            return When(f"{n} minutes from time", span, 90 - n - 1, 90 - n + 1, late)
        if how == "et_left":
            return When(f"{n} minutes before the end of extra time", span, 120 - n - 1, 120 - n + 1)
        if how == "after_break":
            return When(f"{n} minutes after half-time", span, 45 + n - 1, 45 + n + 1)
        if how == "before_break":
            return When(f"{n} minutes before half-time", span, 45 - n - 1, 45 - n + 1)
        if how == "late_first_half":
            return When("just before half-time", span, 40, 45, margin=5)
        if how == "early_second_half":
            return When("just after half-time", span, 46, 50, margin=5)
        if how == "before_hour":
            return When("just before the hour", span, 55, 59, margin=4)
        if how == "after_hour":
            return When("just after the hour", span, 61, 65, margin=4)
        if how == "hour":
            return When("on the hour", span, 59, 61, margin=3)
        if how == "approx":
            return When(f"after {n} minutes", span, n - 1, n + 1)
        if how == "at_most":
            return When(f"within {n} minutes", span, 0, n)
        if how == "relative":
            return When(f"{n} minutes later", span, after=n)
        if how == "first_half_stoppage":
            return When("in first-half stoppage time", span, 45, 45)
        if how == "stoppage":
            allowed = set(STOPPAGE_MINUTES)
            return When("in stoppage time", span, 91 if not extra_time else 1,
                        100 if not extra_time else 0, frozenset(allowed))
        if how == "extra_time":
            return When("in extra time", span, 91, 120)
        if how == "half":
            first = (m.group(1) or m.group(2) or "").lower() == "first"
            return When(f"in the {'first' if first else 'second'} half", span,
                        *((1, 45) if first else (46, 90)))
    return None
