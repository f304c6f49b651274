"""Titles and finals: "their second World Cup", "champions in 1930", "the defending
champions", "lost three World Cup finals", "retain the Asian Cup crown".

A title is the win of an edition's final (``facts.lookup.finals_played``: the last match of
the edition, or of two that day the one between the winners of their previous match; won
after extra time or on penalties). Counts include the reported match when it is a final
("their second World Cup": this one is the second). When the data cannot tell an edition's
final, a count is unclear, never contradicted.
"""

from __future__ import annotations

import datetime as dt
import re

from scoreline.writing.claims import patterns
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.history import _subject_of
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.report import Claim
from scoreline.writing.facts.lookup import finals_played

_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10}
_ORD_RE = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
_WORLD = r"(?:FIFA\s+)?World Cups?|world (?:title|crown|champions?)"
_EURO = r"European Championships?|Euros?(?:\s+\d{4})?|champions of Europe|European (?:title|crown)"
_COPA = r"Copa Am[eé]rica|champions? of South America"
_ASIA = r"(?:AFC\s+)?Asian Cup|champions of Asia"
_AFRICA = r"Africa(?:n)? Cup of Nations|AFCON|champions of Africa"
_GOLD = r"Gold Cup"
_GENERIC = r"title|crown|trophy"
_ANY = rf"{_WORLD}|{_EURO}|{_COPA}|{_ASIA}|{_AFRICA}|{_GOLD}|{_GENERIC}"

_TOURNAMENTS = [(patterns.compile(_WORLD, re.IGNORECASE), "FIFA World Cup"),
                (patterns.compile(_EURO, re.IGNORECASE), "UEFA Euro"),
                (patterns.compile(_COPA, re.IGNORECASE), "Copa América"),
                (patterns.compile(_ASIA, re.IGNORECASE), "AFC Asian Cup"),
                (patterns.compile(_AFRICA, re.IGNORECASE), "African Cup of Nations"),
                (patterns.compile(_GOLD, re.IGNORECASE), "Gold Cup")]

#: "win their second World Cup", "a record fourth European Championship", "It is Italy's
#: fourth World Cup", "took their second world title", "the first major title of its history"
_NTH_TITLE = patterns.compile(
    rf"\b(?P<ord>{_ORD_RE})(?:[- ]ever)?\s+(?:major\s+)?(?P<t>{_ANY})\b(?!\s+(?:final|match|game|"
    r"goal|shoot-?out|win|victory|meeting|appearance|quarter|semi))", re.IGNORECASE)
#: "won the World Cup for the second time", "champions of Europe for the first time"
_FOR_TIME = patterns.compile(
    rf"\b(?P<t>{_ANY})\s+(?:\w+\s+){{0,4}}?for the (?P<ord>{_ORD_RE}) (?:time|consecutive time)\b",
    re.IGNORECASE)
#: "Uruguay, champions in 1930", "who had also lifted the trophy in 1958, 1962 and 1970"
_YEARS_WON = patterns.compile(
    rf"\b(?:champions|won the (?:{_ANY})|winners|lifted the (?:{_ANY})|won it)\s+in\s+"
    r"(?P<years>(?:18|19|20)\d\d(?:(?:,\s*|\s+and\s+)(?:18|19|20)\d\d)*)", re.IGNORECASE)
#: "the defending (world) champions", "retain(ed) the Asian Cup crown", "won the previous edition"
_DEFENDING = patterns.compile(rf"\bdefending\s+(?:(?P<t>world|European|Asian|African)\s+)?champions?\b|"
                        rf"\b(?:retain(?:ed|s)?|defended)\s+(?:the\s+|their\s+|its\s+)?(?P<t2>{_ANY})"
                        rf"(?:\s+(?:crown|title))?|\bwon the previous edition\b", re.IGNORECASE)
#: "they have lost three World Cup finals", "a second successive European Championship final"
_FINALS_LOST = patterns.compile(rf"\blost\s+(?P<n>{NUMBER_RE})\s+(?P<t>{_ANY})\s+finals\b", re.IGNORECASE)
#: "appearing in their first World Cup final", "to reach their first ever final"
_NTH_FINAL = patterns.compile(rf"\b(?:their|its|a)\s+(?P<ord>{_ORD_RE})(?:[- ]ever)?\s+(?:(?P<t>{_ANY})\s+)?"
                        r"final\b(?!\s+(?:goal|whistle))", re.IGNORECASE)


def _tournament(ctx: Ctx, words: str | None) -> str:
    if words:
        for rx, name in _TOURNAMENTS:
            if rx.search(words):
                return name
    return ctx.match.tournament


_EVERY_DAY = dt.date(2200, 1, 1)


def _finals(ctx: Ctx, tournament: str, *, include_now: bool = True,
            ) -> tuple[list[tuple[int, str, str]], list[int]]:
    """Finals of ``tournament`` before the reported edition, plus the reported match when it
    is the edition's final (``include_now``). The whole list is computed once per tournament
    (cached); a cut at the match day would mistake the edition's last match so far for its
    final."""
    every, unknown = finals_played(ctx.store, tournament, _EVERY_DAY)
    e = ctx.mf.edition
    m = ctx.match
    if tournament == e.tournament:
        done = [f for f in every if f[0] < e.end.year]
        final = e.final()
        if include_now and final is not None and final.match_id == m.match_id and m.advancing:
            done.append((e.end.year, m.advancing, m.opponent(m.advancing)))
        return done, [y for y in unknown if y < e.end.year]
    return [f for f in every if f[0] < m.date.year], [y for y in unknown if y < m.date.year]


def _team(ctx: Ctx, text: str, pos: int) -> str | None:
    # a possessive just before owns the title: "ending Brazil's hopes of a first World Cup"
    owners = [x for x in ctx.finder.find(text[:pos]) if x.team in ctx.match.teams
              and re.match(r"['’]s\b", text[x.end: x.end + 2])
              and len(re.findall(r"[A-Za-z]+", text[x.end + 2: pos])) <= 4]
    if owners:
        return owners[-1].team
    team = _subject_of(ctx, text, pos)
    if team is None:
        return ctx.match.advancing
    return team


def title_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Title counts, title years, defending champions and finals of a sentence."""
    out: list[Claim] = []
    for rx in (_NTH_TITLE, _FOR_TIME):
        for mm in rx.finditer(text):
            out += _nth_title(ctx, index, text, mm)
    for mm in _YEARS_WON.finditer(text):
        out += _years_won(ctx, index, text, mm)
    for mm in _DEFENDING.finditer(text):
        out += _defending(ctx, index, text, mm)
    for mm in _FINALS_LOST.finditer(text):
        out += _finals_lost(ctx, index, text, mm)
    for mm in _NTH_FINAL.finditer(text):
        out += _nth_final(ctx, index, text, mm)
    return out


def _listing(titles: list[int]) -> str:
    return ", ".join(map(str, titles)) or "none"


def _nth_title(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    words = mm.group("t")
    before = text[max(0, mm.start() - 40): mm.start()]
    won_words = re.search(r"\b(?:won|win|wins|winning|claim\w*|lift\w*|conquer\w*|took|take|"
                          r"clinch\w*|seal\w*|secur\w*|retain\w*|became|become|crowned)\b",
                          before, re.IGNORECASE)
    its = re.search(r"\b(?:it|this|that)\s+(?:is|was)\s+(?:\w+['’]s\s+|their\s+|its\s+)$", before,
                    re.IGNORECASE)
    titled = re.match(r"\s+(?:title|crown|trophy|triumph)\b", text[mm.end():]) or re.search(
        r"title|crown|trophy|champions", words, re.IGNORECASE)
    if not (won_words or its or titled) or re.search(r"\b(?:appear\w*|playing|reach\w*|qualif\w*|"
                                                     r"at|in)\s+(?:only\s+)?(?:their|its|a)\s+$",
                                                     before, re.IGNORECASE):
        return []  # "appearing at only their second World Cup": not a title
    since = re.match(r"\s+since\s+(?:the\s+)?((?:18|19|20)\d\d)\b", text[mm.end():])
    if since is None and re.match(r"\s+since\b", text[mm.end():]):
        return []
    gap = re.match(rf"\s+(?:(?:title|crown|trophy|triumph)\s+)?(?:in|for)\s+(?:(?:almost|nearly|"
                   rf"over|more than)\s+)?({NUMBER_RE})\s+years\b", text[mm.end():], re.IGNORECASE)
    major = bool(re.search(r"\bmajor\b", mm.group(0), re.IGNORECASE))
    n = _ORD[mm.group("ord").lower()]
    team = _team(ctx, text, mm.start())
    tournament = _tournament(ctx, words)
    tournaments = ["FIFA World Cup", ctx.match.tournament] if major else [tournament]
    claim = Claim("title", index, mm.group(0).strip(),
                  f"title number {n} for {team} ({' or '.join(dict.fromkeys(tournaments))})", {})
    if team is None:
        return [claim.unclear("the sentence does not say whose title it counts")]
    won: list[int] = []
    unknown: list[int] = []
    for t in dict.fromkeys(tournaments):
        finals, miss = _finals(ctx, t)
        won += [y for y, w, _ in finals if w == team]
        unknown += miss
    won.sort()
    prov = f"finals_played(store, {tournaments!r}) up to {ctx.match.date.isoformat()}"
    value = f"{team}'s titles: {_listing(won)}"
    # the year must stand in the same clause: "first World Cup title; they won again in 1974"
    clause = re.split(r"[;:!?]|,\s|\s[—–-]\s", text[mm.end(): mm.end() + 40])[0]
    dated = re.search(r"\bin\s+((?:18|19|20)\d\d)\b", clause)
    if dated is not None and since is None:
        # "their first World Cup on home soil in 1998": title number n came in that year
        year = int(dated.group(1))
        claim.statement = f"{team}'s title number {n} came in {year}"
        if len(won) >= n and won[n - 1] == year:
            return [claim.supported(prov, value, f"{value}.")]
        if unknown or len(won) < n:
            return [claim.unclear(f"the data does not show title number {n} in {year}", value, prov)]
        return [claim.contradicted(value, prov, f"{value}: title number {n} came in {won[n - 1]}.")]
    if gap is not None and since is None:
        # "a first World Cup triumph in 12 years": the last title came about 12 years before
        years = to_number(gap.group(1))
        earlier = [y for y in won if y < ctx.match.date.year]
        claim.text = mm.group(0).strip() + gap.group(0).rstrip()
        claim.statement = f"{team}'s last title before this match was about {years} years earlier"
        if years is None or unknown:
            return [claim.unclear("the data cannot tell every final", value, prov)]
        if earlier and abs(ctx.match.date.year - earlier[-1] - years) <= 1:
            return [claim.supported(prov, value, f"{value}.")]
        if re.search(r"\b(?:almost|nearly|over|more than)\b", gap.group(0), re.IGNORECASE):
            return [claim.unclear("the gap is given loosely", value, prov)]
        return [claim.contradicted(value, prov, f"{value}.")]
    if since is not None:
        # "a first major trophy since 1966": the last title before this match was in 1966
        year = int(since.group(1))
        earlier = [y for y in won if y < ctx.match.date.year]
        claim.text = mm.group(0).strip() + since.group(0).rstrip()
        claim.statement = f"{team}'s last title before this match was in {year}"
        if earlier and earlier[-1] == year:
            return [claim.supported(prov, value, f"{value}.")]
        if unknown:
            return [claim.unclear("the data cannot tell every final", value, prov)]
        return [claim.contradicted(value, prov, f"{value}.")]
    if len(won) == n and (ctx.match.advancing == team or not won or won[-1] != ctx.match.date.year):
        return [claim.supported(prov, value, f"{value}.")]
    if unknown:
        return [claim.unclear(f"the data cannot tell the final of {_listing(sorted(set(unknown)))}",
                              value, prov)]
    if ctx.match.advancing != team and len(won) + 1 == n:
        return [claim.unclear("the count may include a title still to be won", value, prov)]
    return [claim.contradicted(value, prov, f"{value}: this is title number {len(won)}, not {n}.")]


def _years_won(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    team = _team(ctx, text, mm.start())
    years = [int(y) for y in re.findall(r"(?:18|19|20)\d\d", mm.group("years"))]
    tournament = _tournament(ctx, mm.group(0) if not re.search(_GENERIC, mm.group(0)) else text)
    claim = Claim("title", index, mm.group(0).strip(),
                  f"{team} won the {tournament} in {', '.join(map(str, years))}", {})
    if team is None:
        return [claim.unclear("the sentence does not say which team")]
    finals, unknown = _finals(ctx, tournament)
    won = [y for y, w, _ in finals if w == team]
    prov = f"finals_played(store, {tournament!r})"
    value = f"{team}'s {tournament} titles: {_listing(won)}"
    missing = [y for y in years if y not in won]
    if not missing:
        return [claim.supported(prov, value, f"{value}.")]
    if any(y in unknown for y in missing):
        return [claim.unclear(f"the data cannot tell the final of {_listing(missing)}", value, prov)]
    return [claim.contradicted(value, prov, f"{value}; not {_listing(missing)}.")]


def _defending(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    m = ctx.match
    words = (mm.group("t") or "") + " " + (mm.group("t2") or "")
    tournament = _tournament(ctx, "world cup" if re.search(r"world", words, re.IGNORECASE) else words)
    after = ctx.finder.find(text[mm.end(): mm.end() + 25])
    team = after[0].team if after and re.match(r"\s*$", text[mm.end(): mm.end() + after[0].start]) \
        else _team(ctx, text, mm.start())
    retain = bool(re.search(r"retain|defended", mm.group(0), re.IGNORECASE))
    claim = Claim("title", index, mm.group(0).strip(),
                  f"{team} had won the previous {tournament}", {})
    if team is None:
        return [claim.unclear("the sentence does not say which team")]
    finals, unknown = _finals(ctx, tournament, include_now=False)
    prov = f"finals_played(store, {tournament!r}) before this edition"
    if not finals:
        return [claim.unclear(f"no earlier {tournament} final in the data", provenance=prov)]
    year, winner, loser = finals[-1]
    value = f"the previous {tournament} final ({year}): {winner} beat {loser}"
    if unknown and unknown[-1] > year:
        return [claim.unclear(f"the data cannot tell the {unknown[-1]} final", value, prov)]
    ok = winner == team and (not retain or m.advancing == team)
    if ok:
        return [claim.supported(prov, value, f"{value}.")]
    return [claim.contradicted(value, prov, f"{value}.")]


def _finals_lost(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    team = _team(ctx, text, mm.start())
    n = to_number(mm.group("n"))
    tournament = _tournament(ctx, mm.group("t"))
    claim = Claim("title", index, mm.group(0).strip(), f"{team} lost {n} {tournament} finals", {})
    if team is None or n is None:
        return [claim.unclear("the sentence does not say which team")]
    finals, unknown = _finals(ctx, tournament)
    lost = [y for y, _, loser in finals if loser == team]
    prov = f"finals_played(store, {tournament!r})"
    value = f"{team} lost the {tournament} finals of {_listing(lost)}"
    if len(lost) == n:
        return [claim.supported(prov, value, f"{value}.")]
    if unknown:
        return [claim.unclear(f"the data cannot tell the final of {_listing(unknown)}", value, prov)]
    return [claim.contradicted(value, prov, f"{value}: {len(lost)}, not {n}.")]


def _nth_final(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    m = ctx.match
    final = ctx.mf.edition.final()
    if final is None or final.match_id != m.match_id:
        return []  # only about the reported match, when it is a final
    team = _team(ctx, text, mm.start())
    n = _ORD[mm.group("ord").lower()]
    tournament = _tournament(ctx, mm.group("t"))
    claim = Claim("title", index, mm.group(0).strip(), f"{team}'s final number {n}", {})
    if team not in m.teams:
        return [claim.unclear("the sentence does not say which team")]
    finals, unknown = _finals(ctx, tournament)
    played = [y for y, w, loser in finals if team in (w, loser)]
    prov = f"finals_played(store, {tournament!r})"
    value = f"{team}'s {tournament} finals: {_listing(played)}"
    if len(played) == n:
        return [claim.supported(prov, value, f"{value}.")]
    if unknown:
        return [claim.unclear(f"the data cannot tell the final of {_listing(unknown)}", value, prov)]
    return [claim.contradicted(value, prov, f"{value}: final number {len(played)}, not {n}.")]
