"""Rules for when and where: date, day of the week, tournament day, venue, other matches."""

from __future__ import annotations

import re
from itertools import pairwise

import pandas as pd

from scoreline.data.types import Match
from scoreline.writing.claims import patterns
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.names import normalise
from scoreline.writing.claims.numbers import find_dates, find_weekdays
from scoreline.writing.claims.report import Claim
from scoreline.writing.facts.wording import long_date

_ABOUT_MATCH = patterns.compile(
    r"\b(game|match|win|won|victory|defeat|upset|draw|drew|beat|played|clash|kick-off|"
    r"scored|lost|triumph|fixture|meeting)\b", re.IGNORECASE)
_MATCH_DAY = patterns.compile(r"\b(?:Match ?[Dd]ay|[Mm]atchday)\s+(\d{1,2})\b")
_STADIUM = patterns.compile(
    r"\b((?:[A-Z][\w'’.-]+\s+){1,4}(?:Stadium|Arena|Stadion|Estadio|Stade|Ground))\b")
_PLACE = patterns.compile(r"\bin\s+((?:[A-Z][\w'’.-]+)(?:\s+[A-Z][\w'’.-]+){0,2})")
_STAGE = patterns.compile(
    r"\b(opening (?:game|match|fixture)|opener|final|semi-final|quarter-final|"
    r"third-place (?:play-off|match)|(?:game|match|clash|meeting|fixture|tie))\s+"
    r"(?:between|of)\s*$", re.IGNORECASE)
_ROLE_PERSON = patterns.compile(
    r"\b(coach|manager|head coach|boss|captain|goalkeeper|midfielder|striker|defender|"
    r"forward|winger|president|referee)\s+((?:[A-Z][\w'’-]+\s?){2,3})")


def _about_match(ctx: Ctx, text: str) -> bool:
    return bool(ctx.match_mentions(text)) or bool(_ABOUT_MATCH.search(text))


_FUTURE = patterns.compile(r"\b(?:face|faces|will|next|meet|meets|take on|takes on|play|plays|"
                     r"travel|host|hosts|before)\b", re.IGNORECASE)


def date_claims(ctx: Ctx, index: int, text: str, skip: list[tuple[int, int]]) -> list[Claim]:
    """Dates and weekdays given for the match (not those of another fixture named beside them)."""
    m = ctx.match
    out: list[Claim] = []
    if not _about_match(ctx, text):
        return out
    others = [x.team for x in ctx.finder.find(text) if x.team not in m.teams]
    if others and _FUTURE.search(text):
        for d in find_dates(text):
            out.append(Claim("date", index, d.surface, "a date of another fixture", {}).uncheckable(
                f"the sentence names {others[0]}: the date belongs to another fixture"))
        for weekday, _ in find_weekdays(text):
            out.append(Claim("weekday", index, f"on {weekday.title()}", "a day of another fixture",
                             {}).uncheckable(
                f"the sentence names {others[0]}: the day belongs to another fixture"))
        return out
    prov = ctx.mf.facts.get("match.date")
    evidence = prov.provenance if prov else "store.find_match"
    for d in find_dates(text):
        if any(a <= d.start < b for a, b in skip):
            continue
        day = d.resolve(ctx.year)
        claim = Claim("date", index, d.surface,
                      f"the match was played on {day.isoformat() if day else d.surface}",
                      {"date": day.isoformat() if day else None})
        if day is None:
            claim.uncheckable("the year is not given and cannot be inferred")
        elif day == m.date:
            claim.supported(evidence, long_date(m.date))
        else:
            claim.contradicted(f"the match was played on {long_date(m.date)}", evidence)
        out.append(claim)
    for weekday, _ in find_weekdays(text):
        claim = Claim("weekday", index, f"on {weekday.title()}",
                      f"the match was played on a {weekday.title()}", {"weekday": weekday})
        actual = f"{m.date:%A}"
        if actual.lower() == weekday:
            claim.supported(evidence, long_date(m.date))
        else:
            claim.contradicted(f"the match was played on {long_date(m.date)}", evidence)
        out.append(claim)
    return out


def match_day_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """"Match Day 4": the match was played on the tournament's 4th day with matches."""
    md = _MATCH_DAY.search(text)
    if not md:
        return []
    n = int(md.group(1))
    e = ctx.mf.edition
    claim = Claim("match_day", index, md.group(0),
                  f"the match was played on day {n} of the {e.label}", {"day": n})
    if not e.is_finals:
        return [claim.uncheckable(f"{e.tournament} is not a finals tournament with match days")]
    actual = e.day_number(ctx.match.date)
    evidence = e.provenance + "; days counted over dates with at least one match"
    if actual == n:
        claim.supported(evidence, f"day {actual} ({long_date(ctx.match.date)})")
    else:
        claim.contradicted(f"day {actual} of the {e.label} ({long_date(ctx.match.date)})", evidence)
    return [claim]


def venue_claims(ctx: Ctx, index: int, text: str, other_match: bool) -> list[Claim]:
    """Stadiums (not in the data) and cities or countries given for the match."""
    m = ctx.match
    out: list[Claim] = []
    for sm in _STADIUM.finditer(text):
        name = re.sub(r"^(?:The|At|In)\s+", "", sm.group(1))
        out.append(Claim("stadium", index, name, f"the match was played at {name}", {}).uncheckable(
            f"scoreline holds the city ({m.city}, {m.country}), not the stadium"))
    if other_match:
        return out
    cities, countries = ctx.places()
    for pm in _PLACE.finditer(text):
        words = [w.rstrip(".") for w in pm.group(1).split()]
        for k in range(len(words), 0, -1):
            place = " ".join(words[:k])
            if place in cities or place in countries:
                break
        else:
            continue
        if place in m.teams and place not in (m.city, m.country):
            continue
        claim = Claim("venue", index, f"in {place}", f"the match was played in {place}",
                      {"place": place})
        evidence = f"store.find_match -> city {m.city!r}, country {m.country!r}"
        if place in (m.city, m.country):
            claim.supported(evidence, f"{m.city}, {m.country}",
                            f"The match was played in {m.city}, {m.country}.")
        elif place in countries or _country_of(ctx, place) not in (None, m.country):
            claim.contradicted(f"played in {m.city}, {m.country}", evidence,
                               f"The match was played in {m.city}, {m.country}, not in {place}.")
        else:
            # a city of the same country: reports name the nearby big city of a stadium
            # (Lille for Villeneuve-d'Ascq, Doha for Al Rayyan)
            claim.unclear(f"the data records {m.city}; {place} may be the nearby city meant",
                          f"{m.city}, {m.country}", evidence)
        out.append(claim)
    return out


def _country_of(ctx: Ctx, city: str) -> str | None:
    """The country the data most often gives for ``city`` (None when it is no city)."""
    key = "country_of"
    if key not in ctx.shared:
        frame = ctx.all_matches()
        # one vectorised count per (city, country), not a value_counts per city (1.1 s);
        # among equal counts the pair seen first in the data wins, as value_counts gives
        counts = frame.groupby(["city", "country"], sort=False).size().reset_index(name="n")
        best = counts.sort_values("n", ascending=False, kind="stable").drop_duplicates("city")
        ctx.shared[key] = dict(zip(best["city"].astype(str), best["country"].astype(str),
                                   strict=True))
    table: dict[str, str] = ctx.shared[key]
    return table.get(city)


def other_match_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Other matches named "between X and Y" (the opening game, the final, a match)."""
    out: list[Claim] = []
    mentions = ctx.finder.find(text)
    for a, b in pairwise(mentions):
        between = text[a.end: b.start]
        if not re.fullmatch(r"\s*(?:and|v|vs\.?|versus)\s*", between):
            continue
        lead = text[max(0, a.start - 60): a.start]
        stage = _STAGE.search(lead)
        if not stage:
            continue
        if {a.team, b.team} == set(ctx.match.teams):
            continue
        kind = stage.group(1).lower()
        e = ctx.mf.edition
        span = text[stage.start() + max(0, a.start - 60): b.end]
        claim = Claim("other_match", index, span.strip(),
                      f"the {kind} {'of the ' + e.label if kind.startswith(('opening', 'final')) else ''} "
                      f"was {a.team} v {b.team}".replace("  ", " "),
                      {"teams": [a.team, b.team], "stage": kind})
        pair = {a.team, b.team}
        if kind.startswith("opening") or kind == "opener":
            actual = e.opening_match()
            if {actual.home_team, actual.away_team} == pair:
                claim.supported(e.provenance + "; first match of the edition", _desc(actual))
            else:
                claim.contradicted(f"the opening game of the {e.label} was {_desc(actual)}",
                                   e.provenance + "; first match of the edition")
        elif kind == "final":
            actual_f = e.final()
            if actual_f is None:
                claim.uncheckable(f"the {e.label} has no single final in the data")
            elif {actual_f.home_team, actual_f.away_team} == pair:
                claim.supported(e.provenance, _desc(actual_f))
            else:
                claim.contradicted(f"the final of the {e.label} was {_desc(actual_f)}", e.provenance)
        else:
            frame = e.matches
            hits = frame[frame["home_team"].isin(pair) & frame["away_team"].isin(pair)]
            scope = e.label
            if (hits.empty or not e.is_finals) and ctx.year:
                frame = ctx.store.matches(since=f"{ctx.year}-01-01", until=f"{ctx.year + 1}-01-01")
                hits = frame[frame["home_team"].isin(pair) & frame["away_team"].isin(pair)]
                scope = str(ctx.year)
            if hits.empty:
                claim.unclear(f"no match {a.team} v {b.team} found in {scope}",
                              provenance=f"store.matches() in {scope}, both teams")
            else:
                claim.supported(f"store.matches() in {scope}, both teams",
                                "; ".join(_desc(Match.from_row(r)) for _, r in hits.iterrows()))
        out.append(claim)
    return out


def person_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """People named with a role the data does not hold (coaches, captains, referees)."""
    out = []
    for pm in _ROLE_PERSON.finditer(text):
        who = pm.group(2).strip()
        out.append(Claim("person", index, pm.group(0).strip(), f"{who} is the {pm.group(1)}", {})
                   .uncheckable(f"scoreline holds results and goalscorers, not who was {pm.group(1)}"))
    return out


def _desc(m: Match) -> str:
    return f"{m.home_team} {m.home_score}-{m.away_score} {m.away_team} on {pd.Timestamp(m.date):%Y-%m-%d}"


_DATELINE_PARTS = patterns.compile(
    r"^(?P<place>[^,(–—]+?)(?:,\s*(?P<rest>[^(–—]*?))?\s*(?:\(.*\))?\s*(?:\s-+|[–—:])*\s*$")


def dateline_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """The place and date a wire report is filed from ("BERLIN, July 14 -"): supported when
    they are the match's city (or country) and day; a report may be filed elsewhere or a day
    later, so a difference is unclear, never contradicted."""
    m = ctx.match
    out: list[Claim] = []
    parts = _DATELINE_PARTS.match(text.strip())
    if not parts:
        return out
    place = parts.group("place").strip()
    titled = " ".join(w.capitalize() if w.isupper() else w for w in re.split(r"(\s+)", place))
    titled = re.sub(r"(?<=-)([a-z])", lambda x: x.group(1).upper(), titled)
    titled = titled.replace(" De ", " de ").replace(" Da ", " da ")
    known = ctx.normalised_places()
    evidence = f"store.find_match -> city {m.city!r}, country {m.country!r}"
    if normalise(titled) in known:
        claim = Claim("venue", index, text.strip(" -–—:"), f"the match was played in {titled}",
                      {"place": titled})
        if normalise(titled) in (normalise(m.city), normalise(m.country)):
            out.append(claim.supported(evidence, f"{m.city}, {m.country}",
                                       f"The match was played in {m.city}, {m.country}."))
        else:
            out.append(claim.unclear(f"the report is filed from {titled}; the match was played "
                                     f"in {m.city}, {m.country}", f"{m.city}, {m.country}",
                                     evidence))
    for d in find_dates(text):
        day = d.resolve(m.date.year)
        claim = Claim("date", index, d.surface, f"the report is dated {d.surface}", {})
        if day == m.date:
            out.append(claim.supported("store.find_match -> date", long_date(m.date),
                                       f"The match was played on {long_date(m.date)}."))
        elif day is not None:
            out.append(claim.unclear(f"a report may be dated after the match; the match was "
                                     f"played on {long_date(m.date)}", long_date(m.date)))
    return out
