"""Claims about other matches: results of the day, earlier rounds, earlier meetings, fixtures.

A sentence such as "They beat Chile, Peru and Bolivia in the group, thrashed Ecuador 4-1
in the quarter-finals and edged hosts Brazil 2-1 after extra time in Recife" names other
matches. Each is read as an *item*: the two teams (the one acting, from the words before the
verb, a "who" clause or the sentence's subject, and the one named), and what the item says
of the match — a score, a city, a year, a weekday, "on penalties", "after extra time".

The match is looked up in the data: in the named year, else in the edition of the
tournament being reported, else among all earlier meetings. A verdict is contradicted only
when exactly one match fits the item's teams and time and the data disagrees with the score
or the winner; several fitting matches or none give ``unclear``.

The words an item covers are returned so that the rules about the reported match leave them
alone (a score or city of another match is not a claim about this one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import pandas as pd

from scoreline.writing.claims import patterns
from scoreline.writing.claims.competitions import years_in
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.names import TeamMention, match_player, normalise
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.report import Claim

_WIN = (r"beat|beating|(?:had|have|has|having)\s+(?:\w+\s+)?beaten|defeated|defeating|defeat of|victory over|win over|won|win(?:ning)?|thrash(?:ed|ing)?|crush(?:ed|ing)|"
        r"hammer(?:ed|ing)|edg(?:ed|ing)|overc(?:a|o)me|overcoming|eliminat(?:ed|ing)|knock(?:ed|ing) out|"
        r"stun(?:ned|ning)?|shock(?:ed|ing)?|rout(?:ed|ing)?|see off|saw off|passed|pass(?:ing)?|"
        r"dispatch(?:ed|ing)|swept aside|brush(?:ed|ing) aside|upset|downed|got past|came past")
_LOSE = (r"lost|losing|loses|fell|falling|(?:were|was|been|being|get|got)\s+beaten|beaten by|"
         r"defeats?(?! of)|loss(?:es)?|"
         r"flops?|exit(?:ed)? (?:to|against)")
_DRAW = (r"drew(?!\s+(?:first blood|level|a|an|praise|on|back|lots)\b)|drawn|drawing|"
         r"draw(?:s)? (?:with|against)|held|shared")
_VERB_RE = patterns.compile(rf"\b(?P<lose>{_LOSE})\b|\b(?P<draw>{_DRAW})\b|\b(?P<win>{_WIN})\b",
                      re.IGNORECASE)
_FUTURE_RE = patterns.compile(
    r"\b(?:will (?:play|face|meet|take on)|face|faces|take on|takes on|meet|meets|plays|"
    r"next|tomorrow|up next|awaits?|set up a|a date with|tonight|later (?:today|tonight|this "
    r"(?:week|evening)))\b", re.IGNORECASE)
#: A hope or a plan before the words of a result: "will look forward to beating France".
_HOPE_BEFORE_RE = patterns.compile(r"\b(?:will|look(?:s|ing)? forward to|hop(?:e|es|ing) to)\b",
                             re.IGNORECASE)
#: A result after the reported match, told in the past: "went on to beat". ("Five days
#: later" counts from whatever the text named last, so it says nothing here.)
_LATER_RE = patterns.compile(r"\b(?:went on to|would go on to|going on to|subsequently)\b", re.IGNORECASE)
_SCORE_RE = patterns.compile(r"(?<![\d.:-])(\d{1,2})\s*[-–—]\s*(\d{1,2})(?![\d:-])")
_PENS_RE = patterns.compile(r"\bon penalties\b|\bon pens\b|\bshoot-?out\b|\bspot-kicks\b", re.IGNORECASE)
_AET_RE = patterns.compile(r"\bafter extra[- ]time\b|\bin extra[- ]time\b", re.IGNORECASE)
_WEEKDAY_RE = patterns.compile(r"\b(?:on|last|this) (?:the )?(Monday|Tuesday|Wednesday|Thursday|Friday|"
                         r"Saturday|Sunday)\b")
_PLACE_RE = patterns.compile(r"\bin ((?:[A-Z][\w'’.-]*)(?:[ -](?:de |del |do |da )?[A-Z][\w'’.-]*){0,2})")
_WHO_RE = patterns.compile(r",\s*(?:who|which)\s+(?:had\s+|have\s+|has\s+)?$", re.IGNORECASE)
_CLAUSE_END = patterns.compile(r";|\s+while\s+|\s+whereas\s+|\s+but\s+|\.\s", re.IGNORECASE)
_COUNT_RE = patterns.compile(rf"\b(?:scoring|scored|with|netted|grabbed)\s+(?:a\s+)?({NUMBER_RE}|hat-trick|"
                       r"twice|brace)\b", re.IGNORECASE)
_PERSON_RE = patterns.compile(r"(?<![\w'-])([A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|de|da|dos|van|al|el)){0,3})")
_SAME_DAY = patterns.compile(r"\b(?:same (?:afternoon|evening|day|night)|earlier (?:in the|that) (?:day|evening)|"
                       r"at the same time|later on|later that|simultaneous)\b", re.IGNORECASE)
_DAY_BEFORE = patterns.compile(r"\b(?:the (?:evening|day|night) before|a day earlier)\b", re.IGNORECASE)
_DAY_AFTER = patterns.compile(r"\b(?:a day later|the (?:next|following) day|tomorrow)\b", re.IGNORECASE)
#: Signs strong enough to doubt a where-and-when claim anywhere in the sentence.
STRONG_SIGNS = patterns.compile(
    r"\b(?:previous|earlier|last time|had (?:\w+ )?(?:beaten|won|lost|drawn|met|played|"
    r"thrashed|edged|eliminated|knocked|taken|scraped)|same (?:afternoon|evening|day)|"
    r"the other|elsewhere|meetings?|met|ago|before that|warm-up|friendly|return)\b", re.IGNORECASE)
_SIGN_CLAUSE = patterns.compile(r",\s+|;\s+|\s+but\s+|\s+while\s+|\s+and\s+|\s+after\s+|\s+before\s+")
#: Signs that a sentence speaks of other matches than the reported one.
OTHER_SIGNS = patterns.compile(
    r"\b(?:previous|earlier|last time|had (?:\w+ )?(?:beaten|won|lost|drawn|met|played|"
    r"needed|thrashed|edged|eliminated|knocked|taken|scraped|been)|same (?:afternoon|evening|day)|"
    r"the other|elsewhere|on the way|to reach the final|group stage|in the group|first round|"
    r"last 16|round of 16|quarter-?final|semi-?final|third place|since|meetings?|ago|before that|"
    r"warm-up|friendly)\b", re.IGNORECASE)


@dataclass
class Item:
    """One other match as the sentence describes it."""

    actor: str | None
    other: str
    start: int
    end: int
    polarity: str | None = None  # "win" / "lose" / "draw" for the actor
    score: tuple[int, int] | None = None
    year: int | None = None
    place: str | None = None
    weekday: str | None = None
    penalties: bool = False
    extra_time: bool = False
    future: bool = False
    later: bool = False
    day_offset: int | None = None
    score_end: int | None = None
    actor_sure: bool = True
    alternatives: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def _mentions(ctx: Ctx, text: str) -> list[TeamMention]:
    return ctx.finder.find(text)


def _polarity(verb: re.Match[str] | None) -> str | None:
    if verb is None:
        return None
    return "lose" if verb.group("lose") else "draw" if verb.group("draw") else "win"


def find_items(ctx: Ctx, text: str, subject: str | None) -> list[Item]:
    """The other matches a sentence describes (see the module docstring).

    Each clause ("; ", " while ", " but ") has a subject: a team named at its start
    ("Sweden beat Mexico", "Mexico, who had beaten Germany"), else the sentence's subject
    ("They beat Chile, Peru and Bolivia"). Every other team named in the clause, after
    the subject, is an item with that subject as actor — a team of the reported match
    only when the actor is not (a meeting of the two teams is another rule's business).
    """
    m = ctx.match
    mentions = [x for x in _mentions(ctx, text)
                if not _AS_PLACE.search(text[max(0, x.start - 4): x.start])]
    items: list[Item] = []
    if not any(x.team not in m.teams for x in mentions):
        return _meetings(ctx, text, subject, mentions, items)
    bounds = [0] + [c.end() for c in _CLAUSE_END.finditer(text)] + [len(text)]
    for c0, c1 in pairwise(bounds):
        inside = [x for x in mentions if c0 <= x.start < c1]
        if not inside:
            continue
        actor = subject
        first = inside[0]
        lead = text[c0: first.start]
        # "They beat Croatia": a pronoun names the subject carried from before
        sure = bool(re.match(r"\s*(?:and\s+|but\s+)?(?:they|who|which)\b", text[c0: first.start],
                             re.IGNORECASE))
        if _CLAUSE_SUBJECT.fullmatch(lead) or _ACTS.match(text, first.end):
            actor, sure = first.team, True
            inside = inside[1:]
        elif re.search(r"\bwho\b", text[c0: first.start]):
            who = re.search(r"([A-Z][\w'’ -]+?),\s*who\b", text[: first.start])
            found = _mentions(ctx, who.group(1)) if who else []
            if found:
                actor, sure = found[-1].team, True
        polarity: str | None = None
        anchor = c0 if actor is None or actor == subject else first.end
        for k, x in enumerate(inside):
            if x.team == actor:
                continue
            if k + 1 < len(inside) and _THEIR_RESULT.search(text, x.end, inside[k + 1].start):
                # "Germany out despite their 4-2 win over Costa Rica": "their" is the team just
                # named, which acts in the next result (not sure: it may mean the subject)
                actor, anchor, sure, polarity = x.team, x.end, False, None
                continue
            if _ACTS.match(text, x.end) and not _PASSIVE.match(text, x.end) and not re.search(
                    r"\b(?:over|against|to|by|with|beat|beating|and)\s+(?:the\s+)?$",
                    text[max(c0, x.start - 20): x.start], re.IGNORECASE):
                # "after Costa Rica lost 4-2 to Germany": a team followed by its own verb acts
                actor, sure, anchor, polarity = x.team, True, x.end, None
                continue
            if x.team in m.teams and (actor is None or actor in m.teams):
                anchor = x.end
                continue
            if k + 1 < len(inside) and _GAVE.fullmatch(text, x.end, inside[k + 1].start):
                actor, anchor, sure = x.team, x.end, True  # "handed Peru a 2-0 win over Chile"
                continue
            verbs = list(_VERB_RE.finditer(text, anchor, x.start))
            verb = verbs[-1] if verbs else None
            if verb is not None:
                polarity = _polarity(verb)
            elif len(re.findall(r"[A-Za-z]+", text[anchor: x.start])) > 3:
                polarity = None  # too far from the last verb to share it
            passive = _PASSIVE.match(text, x.end)
            if passive:
                polarity = "win"  # "Poland were beaten on penalties": the actor won
            start = verb.start() if verb is not None else x.start
            future = bool(_FUTURE_RE.search(text, max(c0, anchor - 40), min(c1, x.end + 40))
                          or _HOPE_BEFORE_RE.search(text, max(c0, anchor, start - 40), x.start))
            item = Item(actor=actor, other=x.team, start=start, end=x.end,
                        polarity=None if future else polarity, future=future, actor_sure=sure,
                        later=bool(_LATER_RE.search(text, c0, c1)))
            if not sure:
                item.alternatives = [t for t in [*m.teams, *(p.team for p in mentions
                                                            if p.start < x.start)]
                                     if t not in (actor, x.team)]
            nxt = inside[k + 1].start if k + 1 < len(inside) else c1
            _fill(ctx, text, item, anchor, nxt)
            items.append(item)
            anchor = max(item.score_end or x.end, passive.end() if passive else 0)
    return _meetings(ctx, text, subject, mentions, items)


#: A result owned by a pronoun, ending where the opponent is named: "despite their 4-2 win
#: over", "after its heavy defeat to".
_THEIR_RESULT = patterns.compile(
    r"\b(?:their|its)\s+(?:[\w-]+\s+){0,2}?(?:\d{1,2}\s*[-–]\s*\d{1,2}\s+)?(?:[\w-]+\s+)?"
    r"(?:win|victory|success|defeat|loss|draw|thrashing|rout|triumph)\s+(?:over|against|to|with|by|of)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)


_WINDOW_END = patterns.compile(r";|\s+while\s+|\s+but\s+|,\s+(?:and\s+)?(?=[A-Z])|\s+before\s+(?=[A-Z])")
_OBJECT_OF = patterns.compile(r"\b(?:by|to|against|over|with|of|v|vs\.?)\s+(?:the\s+)?$", re.IGNORECASE)
_RESULT_AFTER = patterns.compile(r"\s+(?:\w+\s+){0,2}?(?P<win>win|victory|success|rout|thrashing)\b|"
                           r"\s+(?:\w+\s+){0,2}?(?P<lose>defeat|loss)\b|\s+(?P<draw>draw)\b",
                           re.IGNORECASE)


def _meetings(ctx: Ctx, text: str, subject: str | None, mentions: list[TeamMention],
              items: list[Item]) -> list[Item]:
    """Earlier meetings of the two teams: a score in a clause that names another year or says
    "previous", "met", "friendly" ("their 2-0 loss to Italy in Rome at the 1990 World Cup",
    "when they met in Kazan at the 2018 World Cup, it ended 1-1")."""
    m = ctx.match
    taken = [(i.start, i.end) for i in items]
    for sm in _SCORE_RE.finditer(text):
        if any(a <= sm.start() < b for a, b in taken):
            continue
        bounds = [0] + [c.end() for c in _WINDOW_END.finditer(text)] + [len(text)]
        w0 = max(b for b in bounds if b <= sm.start())
        w1 = min(b for b in bounds if b > sm.start())
        window = text[w0:w1]
        years = years_in(window)
        other_year = any(y != m.date.year for y in years)
        if not (other_year or STRONG_SIGNS.search(window)):
            continue
        if any(x.team not in m.teams and w0 <= x.start < w1 for x in mentions):
            continue
        actor = subject
        polarity: str | None = None
        verbs = list(_VERB_RE.finditer(text, w0, sm.start()))
        if verbs:
            polarity = _polarity(verbs[-1])
        after = _RESULT_AFTER.match(text, sm.end())
        if after:
            polarity = "win" if after.group("win") else "lose" if after.group("lose") else "draw"
        for x in mentions:
            if not (w0 <= x.start < w1) or x.team not in m.teams:
                continue
            verb_at = verbs[-1] if verbs else None
            if _OBJECT_OF.search(text[max(w0, x.start - 12): x.start]):
                actor = m.opponent(x.team)
            elif verb_at is not None and x.end <= verb_at.start():
                actor = x.team
            elif verb_at is not None and x.start >= verb_at.end() and x.end <= sm.start():
                actor = m.opponent(x.team)  # "had thrashed Peru 5-0": the object of the verb
            elif x.end <= sm.start():
                actor = x.team
        owner = re.search(r"([A-Z][\w'’ -]+?)['’]s\b[^.]*$", text[:w0 + 1] if w0 else "")
        if actor is None and owner:
            found = ctx.finder.find(owner.group(1))
            actor = found[-1].team if found and found[-1].team in m.teams else None
        if actor not in m.teams:
            continue
        item = Item(actor=actor, other=m.opponent(actor), start=sm.start(), end=w1,
                    polarity=polarity, score=(int(sm.group(1)), int(sm.group(2))),
                    year=next((y for y in years if y != m.date.year), years[0] if years else None))
        place = _PLACE_RE.search(window)
        item.place = place.group(1) if place else None
        item.penalties = bool(_PENS_RE.search(window))
        item.start = min(item.start, w0 + (verbs[-1].start() - w0 if verbs else sm.start() - w0))
        items.append(item)
        taken.append((item.start, item.end))
    return items


#: What may open a clause before its subject team: "The", "On Saturday,", "In Group A,",
#: "In the group's other game at the same hour,".
_CLAUSE_SUBJECT = patterns.compile(
    r"\s*(?:(?:and|then|but|while|so|meanwhile|however|elsewhere|earlier|later|also)\b[\s,]*)?"
    r"(?:(?:On|In|At|Earlier|Later|Meanwhile|Elsewhere|With|After)\b[^,]{0,60},\s*)?"
    r"(?:the\s+|The\s+)?", re.IGNORECASE)
_GAVE = patterns.compile(r"\s+(?:an?\s+)?(?:\d{1,2}\s*[-–]\s*\d{1,2}\s+)?(?:win|victory|success|draw|defeat)\s+"
                   r"(?:over|against|to|by|with)\s+(?:the\s+)?", re.IGNORECASE)
_PASSIVE = patterns.compile(r"\s+(?:were|was|had been|have been)\s+(?:\w+\s+)?(?:beaten|defeated|"
                      r"knocked out|eliminated|thrashed|dispatched|swept aside|edged out)\b",
                      re.IGNORECASE)


#: What may stand between a team and its verb: "Mexico, who had beaten", "Iran had beaten",
#: "Sweden then beat".
_SUBJECT_GAP = patterns.compile(r"\s*(?:,\s*(?:who|which)\s+)?(?:(?:had|have|has|then|also|duly|"
                          r"comfortably|finally|later|already|were|was)\s+)*", re.IGNORECASE)
_ACTS = patterns.compile(_SUBJECT_GAP.pattern + r"(?:" + _VERB_RE.pattern + r")", re.IGNORECASE)
_AS_PLACE = patterns.compile(r"\b(?:in|at)\s+$")


def _fill(ctx: Ctx, text: str, item: Item, after: int, stop: int) -> None:
    """Read the words of an item, from the previous item (``after``) to the next team or
    the clause end (``stop``): score, city, year, weekday, penalties, extra time."""
    tail = text[item.end: stop]
    head_from = max(after, item.start - 30)
    head = text[head_from: item.start]
    sm = _SCORE_RE.search(tail)
    hm = list(_SCORE_RE.finditer(head))
    # "lost 2-0 to Costa Rica", "a 4-2 win over": the score between the verb and the team
    mid = list(_SCORE_RE.finditer(text, item.start, item.end))
    if mid and not re.search(r"\band\b|,", text[mid[-1].end(): item.end]):
        item.score = (int(mid[-1].group(1)), int(mid[-1].group(2)))
    elif sm and sm.start() <= 25 and not re.search(r"\band\b|,", tail[: sm.start()]):
        item.score = (int(sm.group(1)), int(sm.group(2)))
        item.score_end = item.end + sm.end()
    elif hm and not re.search(r"\band\b|,", head[hm[-1].end():]):
        item.score = (int(hm[-1].group(1)), int(hm[-1].group(2)))
        item.start = min(item.start, head_from + hm[-1].start())
    item.end = stop if stop - item.end <= 90 else item.end + 90
    window = text[max(item.start, after): item.end]
    ym = years_in(window)
    if ym:
        item.year = ym[0]
    item.penalties = bool(_PENS_RE.search(window))
    item.extra_time = bool(_AET_RE.search(window))
    wd = _WEEKDAY_RE.search(window)
    if wd:
        item.weekday = wd.group(1)
    if _SAME_DAY.search(text):
        item.day_offset = 0
    elif _DAY_BEFORE.search(text):
        item.day_offset = -1
    elif _DAY_AFTER.search(text):
        item.day_offset = 1
    for pm in _PLACE_RE.finditer(window):
        item.place = pm.group(1)
        break


def _place_ok(ctx: Ctx, place: str, row: Row) -> bool | None:
    """True/False when ``place`` is a known city or country; None when it is not a place."""
    cities, countries = ctx.places()
    words = place.split()
    for k in range(len(words), 0, -1):
        cand = " ".join(words[:k])
        n = normalise(cand)
        if n in (normalise(str(row["city"])), normalise(str(row["country"]))):
            return True
        if cand in cities or cand in countries:
            return False
    from rapidfuzz import fuzz

    if fuzz.ratio(normalise(place), normalise(str(row["city"]))) >= 85:
        return True
    return None


def describe_row(row: Row) -> str:
    """A stored match in words: "Spain 7-0 Costa Rica (FIFA World Cup, Doha, Wed 23 Nov 2022)"."""
    d = pd.Timestamp(row["date"])
    text = (f"{row['home_team']} {int(row['home_score'])}-{int(row['away_score'])} "
            f"{row['away_team']} ({row['tournament']}, {row['city']}, {d:%a %d %b %Y})")
    if row.get("shootout_winner"):
        text += f", {row['shootout_winner']} won the shoot-out"
    return text


Row = dict[str, Any]


def _candidates(ctx: Ctx, item: Item) -> tuple[list[Row], str]:
    """The matches that fit an item's teams and time, oldest first, and how they were chosen."""
    m = ctx.match
    rows = ctx.team_rows(item.other)
    if item.actor:
        rows = [r for r in rows if item.actor in (r["home_team"], r["away_team"])]
    day = pd.Timestamp(m.date)
    if item.year is not None:
        rows = [r for r in rows if r["date"].year == item.year]
        scope = f"in {item.year}"
    else:
        e = ctx.mf.edition
        start, end = pd.Timestamp(e.start), pd.Timestamp(e.end)
        in_edition = [r for r in rows if r["tournament"] == e.tournament and start <= r["date"] <= end]
        if in_edition and e.is_finals:
            rows, scope = in_edition, f"at the {e.label}"
        else:
            scope = "in any year"
    if item.future or item.later:
        rows = [r for r in rows if r["date"] > day]
        scope += ", after this match"
    elif item.year is None:
        earlier = [r for r in rows if r["date"] <= day and r["match_id"] != m.match_id]
        if earlier or not scope.startswith("at the"):
            rows = earlier
        else:
            # "Italy lost the final 4-1 to Brazil": the edition's only such meeting came later
            scope += ", after this match"
    if item.day_offset is not None:
        want = day + pd.Timedelta(days=item.day_offset)
        same = [r for r in rows if r["date"] == want]
        if same:
            rows = same
    return [r for r in rows if r["match_id"] != m.match_id], scope


def _score_fits(item: Item, row: Row) -> tuple[bool, str]:
    """Whether the item's score and winner fit ``row`` (and why not)."""
    hs, as_ = int(row["home_score"]), int(row["away_score"])
    actor = item.actor
    problems = []
    if item.score is not None and sorted(item.score) != sorted((hs, as_)):
        problems.append(f"the score was {hs}-{as_}")
    if actor is not None and item.polarity is not None:
        gf = hs if row["home_team"] == actor else as_
        ga = as_ if row["home_team"] == actor else hs
        shoot = row.get("shootout_winner")
        if item.penalties and item.polarity in ("win", "lose"):
            won = shoot == actor
            if shoot is None or (won != (item.polarity == "win")):
                problems.append(f"{actor} {'did not win' if item.polarity == 'win' else 'did not lose'} "
                                "a shoot-out")
        elif item.polarity == "win" and gf <= ga and not (gf == ga and shoot == actor):
            problems.append(f"{actor} did not win")
        elif item.polarity == "lose" and gf >= ga and not (gf == ga and shoot not in (None, actor)):
            problems.append(f"{actor} did not lose")
        elif item.polarity == "draw" and gf != ga:
            problems.append("it was not a draw")
    return not problems, "; ".join(problems)


def _judge(ctx: Ctx, item: Item) -> tuple[list[Row], str, list[Row], list[tuple[Row, str]]]:
    """The candidate matches of an item, which of them fit it, and why the others do not."""
    frame, scope = _candidates(ctx, item)
    fits: list[Row] = []
    reasons: list[tuple[Row, str]] = []
    for row in frame:
        ok, why = _score_fits(item, row)
        if ok and item.weekday and f"{pd.Timestamp(row['date']):%A}" != item.weekday:
            ok, why = False, f"it was played on a {pd.Timestamp(row['date']):%A}"
        if ok and item.place:
            place = _place_ok(ctx, item.place, row)
            if place is False:
                ok, why = False, f"it was played in {row['city']}"
        if ok:
            fits.append(row)
        else:
            reasons.append((row, why))
    return frame, scope, fits, reasons


_GOAL_WORDS = patterns.compile(r"\b(?:scor\w*|goals?|netted|hat-trick|brace)\b", re.IGNORECASE)


def check_items(ctx: Ctx, index: int, text: str, items: list[Item]) -> list[Claim]:
    """Verdicts on the items of a sentence."""
    out: list[Claim] = []
    for item in items:
        words = text[item.start: item.end].strip(" ,.;")
        scorer_said = bool(_GOAL_WORDS.search(text[max(0, item.start - 60): item.end]))
        if item.score is None and item.polarity is None and not item.future and not scorer_said:
            continue  # a team named with no result said: nothing to check
        frame, scope, fits, reasons = _judge(ctx, item)
        if not fits and not item.actor_sure:
            # the actor was only the sentence's subject: another team of the sentence may act
            for alt in item.alternatives:
                trial = Item(**{**item.__dict__, "actor": alt})
                t_frame, t_scope, t_fits, _ = _judge(ctx, trial)
                if t_fits and not t_scope.startswith("in any year"):
                    item, frame, scope, fits = trial, t_frame, t_scope, t_fits
                    break
        who = f"{item.actor} v {item.other}" if item.actor else item.other
        kind = "fixture" if item.future else "other_match"
        claim = Claim(kind, index, words, f"a match {who} {scope}"
                      + (f" ended {item.score[0]}-{item.score[1]}" if item.score else ""),
                      {"actor": item.actor, "other": item.other})
        prov = (f"store.matches(): {who}, {scope}"
                + (f", {item.year}" if item.year and 'in ' + str(item.year) not in scope else ""))
        if not frame:
            out.append(claim.unclear(f"no match {who} found {scope}", provenance=prov))
            continue
        if fits:
            row = fits[-1]
            claim.supported(prov, describe_row(row), f"The data has {describe_row(row)}.")
            _scorer_claims(ctx, index, text, item, row, out)
            if not item.future and len(fits) == 1:
                from scoreline.data.types import Match
                from scoreline.writing.claims.stages import other_match_stage

                named = [x.end for x in ctx.finder.find(text)
                         if x.team == item.other and x.start >= item.start]
                stage = other_match_stage(ctx, index, text,
                                          max([*named[:1], item.score_end or 0]),
                                          Match.from_row(row))
                if stage is not None:
                    out.append(stage)
        elif len(frame) == 1:
            row, why = reasons[0]
            score_only = item.score is not None or item.polarity is not None
            sure = item.actor is not None and item.actor_sure and score_only and \
                "played in" not in why and "played on a" not in why
            if sure:
                claim.contradicted(f"{describe_row(row)}: {why}", prov,
                                   f"The data has {describe_row(row)}, so {why}.")
            else:
                claim.unclear(f"the one match {who} {scope} does not fit: {why}", describe_row(row), prov)
        else:
            listing = "; ".join(describe_row(r) for r, _ in reasons[-4:])
            claim.unclear(f"{len(frame)} matches {who} {scope}; none fits the description",
                          listing, prov)
        out.append(claim)
    return out


def _scorer_claims(ctx: Ctx, index: int, text: str, item: Item, row: Row,
                   out: list[Claim]) -> None:
    """Players named beside another match: supported when they scored in it."""
    goals = ctx.store.goals(since=pd.Timestamp(row["date"]), until=pd.Timestamp(row["date"])
                            + pd.Timedelta(days=1))
    goals = goals[(goals["home_team"] == row["home_team"]) & (goals["away_team"] == row["away_team"])]
    if goals.empty:
        return
    scorers = sorted(set(map(str, goals["scorer"])))
    window = text[max(0, item.start - 80): item.end + 80]
    for pm in _PERSON_RE.finditer(window):
        name = pm.group(1)
        if ctx.finder.find(name) or name.split()[0] in ("The", "In", "On", "With", "After"):
            continue
        player = match_player(name, scorers)
        if player is None:
            continue
        n = int((goals["scorer"] == player.player).sum())
        claim = Claim("other_match_goal", index, name,
                      f"{name} scored in {row['home_team']} v {row['away_team']}", {})
        cm = _COUNT_RE.search(window, pm.end())
        if cm and cm.start() - pm.end() < 30:
            want = {"hat-trick": 3, "twice": 2, "brace": 2}.get(cm.group(1).lower()) or to_number(
                cm.group(1))
            if want and want != n:
                out.append(claim.unclear(f"{player.player} scored {n} in that match, "
                                         f"not {want}", describe_row(row)))
                continue
        out.append(claim.supported("store.goals() of that match",
                                   f"{player.player} scored {n} in {describe_row(row)}"))


def item_spans(items: list[Item]) -> list[tuple[int, int]]:
    """Character spans the items cover in their sentence."""
    return [(i.start, i.end) for i in items]


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(chars), b)):
            chars[i] = " "
    return "".join(chars)


def speaks_of_other_matches(ctx: Ctx, text: str, at: int | None = None) -> bool:
    """Whether the sentence shows signs of speaking of other matches too: another team or
    another year anywhere in it, or words such as "previous" or "semi-final" in the clause
    around position ``at`` (the whole sentence when ``at`` is None)."""
    clause = text
    if at is not None and at >= 0:
        bounds = [0] + [c.end() for c in _SIGN_CLAUSE.finditer(text)] + [len(text)]
        for a, b in pairwise(bounds):
            if a <= at < b:
                clause = text[a:b]
                break
    if (OTHER_SIGNS if at is not None else STRONG_SIGNS).search(clause):
        return True
    years = set(years_in(text))
    if years - {ctx.match.date.year}:
        return True
    return any(x.team not in ctx.match.teams for x in ctx.finder.find(text))
