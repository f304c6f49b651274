"""Counting claims: head-to-head records, "the first win over X since 1966", "their second
World Cup win", "won all six of their matches at the tournament".

Every count reads the data's results after extra time (a shoot-out is a draw), before the
match — or up to and including it when the sentence says "now" or counts the match itself
("their second win at a World Cup": this win is the second). A count is contradicted only
when the words name the team, the opponent or scope, and the number without doubt.
"""

from __future__ import annotations

import re

import pandas as pd

from scoreline.writing.claims import patterns
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.history import _results, _subject_of, _tournament_filter
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.report import Claim
from scoreline.writing.facts import history as hist

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_ORD_RE = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
_TOURN = (r"(?:FIFA\s+)?World Cups?(?:\s+finals)?|Euros?|European Championships?|Copa Am[eé]rica|"
          r"Asian Cups?|Africa Cup of Nations|AFCON|Gold Cups?|major tournaments?")
_PAIR_WORDS = r"(?:the\s+)?(?:two\s+)?(?:sides|teams|countries|nations|neighbours|neighbors|rivals)"

#: "won 12 of the 30 meetings", "had won three of their four previous meetings with Chile"
_WON_OF = patterns.compile(
    rf"\b(?P<verb>won|lost|drawn|drew)\s+(?:only\s+|just\s+)?(?P<n>{NUMBER_RE})\s+of\s+(?:their|the|its)\s+"
    rf"(?P<m>{NUMBER_RE})\s+(?:previous\s+|earlier\s+|prior\s+)?(?:(?P<t>{_TOURN})\s+)?"
    rf"(?:meetings|matches|games|encounters)(?:\s+(?:with|against)\s+(?P<opp>[A-Z][\w'’. -]+?)"
    rf"|\s+between\s+{_PAIR_WORDS})?(?=[\s,.;]|$)", re.IGNORECASE)
#: "Italy had won the last six meetings between the two nations"
_LAST_N = patterns.compile(
    rf"\b(?P<verb>won|lost|drawn)\s+(?:each\s+of\s+|all\s+of\s+)?the\s+(?:last|previous)\s+(?P<n>{NUMBER_RE})\s+"
    rf"(?:(?P<t>{_TOURN})\s+)?(?:meetings|matches|games|encounters)(?:\s+(?:with|against)\s+"
    rf"(?P<opp>[A-Z][\w'’. -]+?)|\s+between\s+{_PAIR_WORDS})?(?=[\s,.;]|$)", re.IGNORECASE)
#: "lost both previous World Cup meetings", "won all three previous meetings"
_ALL_MEETINGS = patterns.compile(
    rf"\b(?P<verb>won|lost|drawn|drew)\s+(?P<all>both|all\s+(?P<n>{NUMBER_RE}))\s+(?:of\s+)?(?:their\s+|the\s+)?"
    rf"(?P<prev>previous\s+|earlier\s+|prior\s+)?(?:(?P<t>{_TOURN})\s+)?(?:meetings|encounters)\b"
    r"(?(prev)|(?=\s+(?:between|with|against)\b))"
    r"(?!\s+(?:with|against)\s+(?:African|Asian|European|South American|North American|"
    r"Central American|CONCACAF|Caribbean|Oceanian|Oceania)\b)", re.IGNORECASE)
#: "their first win over Brazil since a 3-1 friendly in Oslo in 1997",
#: "the first victory of Chile against Brazil since 1987"
_FIRST_SINCE = patterns.compile(
    rf"\bfirst\s+(?:(?P<t>{_TOURN})\s+)?(?:(?:win|victory)\s+)?(?:of\s+(?P<who>[A-Z][\w'’ -]+?)\s+)?"
    rf"(?:over|against)\s+(?P<opp>[A-Z][\w'’. -]+?)\s+(?:(?:at|in)\s+(?:a\s+|the\s+)?(?P<t2>{_TOURN})\s+)?"
    rf"since\s+(?P<gap>[^.;]{{0,60}}?)\b(?P<year>(?:18|19|20)\d\d)\b", re.IGNORECASE)
#: "first World Cup win in 24 years", "their first World Cup victory since 1998"
_FIRST_T_SINCE = patterns.compile(
    rf"\bfirst\s+(?P<t>{_TOURN})\s+(?:win|victory)\s+(?:(?:in\s+(?P<years>{NUMBER_RE})\s+years)|"
    rf"since\s+(?P<gap>[^.;]{{0,60}}?)\b(?P<year>(?:18|19|20)\d\d)\b)", re.IGNORECASE)
#: "only their second win at a World Cup finals", "their fourth-ever World Cup win",
#: "only the third in the history of the country"
_NTH_WIN = patterns.compile(
    rf"\b(?P<ord>{_ORD_RE})(?:[- ]ever)?\s+(?:(?P<t>{_TOURN})\s+)?(?:win|victory)\s+"
    rf"(?:(?:at|in)\s+(?:a\s+|the\s+)?(?P<t2>{_TOURN}))?", re.IGNORECASE)
#: "won all six of their matches at the tournament"
_ALL_EDITION = patterns.compile(
    rf"\b(?P<verb>won|lost|drawn|drew)\s+all\s+(?P<n>{NUMBER_RE})\s+(?:of\s+)?(?:their|its)\s+"
    r"(?:matches|games)\s+(?:at|in)\s+(?:the|this)\s+(?:tournament|competition|finals|World Cup|Euros?)\b",
    re.IGNORECASE)
def _team_and_opponent(ctx: Ctx, text: str, pos: int, opp_words: str | None) -> tuple[str | None, str | None]:
    m = ctx.match
    team = _subject_of(ctx, text, pos)
    opp = None
    if opp_words:
        found = ctx.finder.find(opp_words)
        opp = found[0].team if found else None
        if opp is None:
            return team, None
    if team is None or (team not in m.teams and not ctx.finder.find(team)):
        team = None
    if opp is None and team in m.teams:
        opp = m.opponent(team)
    if team is None and opp in m.teams:
        team = m.opponent(opp)
    return team, opp


def _meetings(ctx: Ctx, team: str, opp: str, tournament: str | None, include_now: bool) -> pd.DataFrame:
    res = hist.against(_results(ctx, team), [opp])
    if tournament:
        res = _at(res, tournament)
    if include_now and set(ctx.match.teams) == {team, opp}:
        m = ctx.match
        gf, ga = m.goals_for(team), m.goals_for(opp)
        now = pd.DataFrame([{"match_id": m.match_id, "date": pd.Timestamp(m.date), "opponent": opp,
                             "goals_for": gf, "goals_against": ga,
                             "result": "W" if gf > ga else "L" if gf < ga else "D",
                             "tournament": m.tournament, "city": m.city, "country": m.country}])
        res = pd.concat([res, now], ignore_index=True)
    return res


def _at(res: pd.DataFrame, tournament: str) -> pd.DataFrame:
    if tournament == "major":
        return res[res["tournament"].isin(["FIFA World Cup", "UEFA Euro", "Copa América",
                                           "African Cup of Nations", "AFC Asian Cup", "Gold Cup"])]
    return hist.at_tournament(res, tournament)


def _tourn(ctx: Ctx, words: str | None) -> str | None:
    if not words:
        return None
    w = re.sub(r"\s+finals?$|s$", "", words.strip(), flags=re.IGNORECASE)
    if w.lower().startswith("major tournament"):
        return "major"
    return _tournament_filter(ctx, w)


def _listing(res: pd.DataFrame, limit: int = 12) -> str:
    rows = [f"{pd.Timestamp(d):%Y} {r} {gf}-{ga}" for d, r, gf, ga in
            zip(res["date"], res["result"], res["goals_for"], res["goals_against"], strict=True)]
    if len(rows) > limit:
        rows = [*rows[:3], "...", *rows[-(limit - 4):]]
    return ", ".join(rows)


_VERB_RESULT = {"won": "W", "lost": "L", "drawn": "D", "drew": "D"}


def record_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Head-to-head counts, "first win since", nth wins and edition records of a sentence."""
    out: list[Claim] = []
    now = bool(re.search(r"\bnow\b|\bincluding this\b", text, re.IGNORECASE))
    for rx in (_WON_OF, _LAST_N):
        for mm in rx.finditer(text):
            out += _count_claim(ctx, index, text, mm, now, last=rx is _LAST_N)
    for mm in _ALL_MEETINGS.finditer(text):
        out += _all_meetings_claim(ctx, index, text, mm)
    for mm in _FIRST_SINCE.finditer(text):
        out += _first_since_claim(ctx, index, text, mm)
    for mm in _FIRST_T_SINCE.finditer(text):
        out += _first_tournament_since(ctx, index, text, mm)
    for mm in _NTH_WIN.finditer(text):
        if _FIRST_T_SINCE.match(text, mm.start()) or _FIRST_SINCE.match(text, mm.start()):
            continue
        out += _nth_win_claim(ctx, index, text, mm)
    for mm in _ALL_EDITION.finditer(text):
        out += _edition_claim(ctx, index, text, mm)
    for mm in _OPENER_SINCE.finditer(text):
        out += _opener_since(ctx, index, text, mm)
    for mm in _CAREER_COUNT.finditer(text):
        out.append(Claim("career_total", index, mm.group(0).strip(), "a player's career total",
                         {}).unclear("career totals are not complete in the data: it holds goal "
                                     "lists only for some matches (most since 1990)"))
    return out


#: "Spain's first win in the opening match of a major tournament since 2010"
_OPENER_SINCE = patterns.compile(
    rf"\bfirst\s+(?:win|victory)\s+in\s+(?:the|an|its|their|a)\s+open(?:ing|er)\s*(?:game|match|"
    rf"fixture)?\s+(?:of|at)\s+(?:a|the|any)\s+(?P<t>{_TOURN})\s+since\s+(?P<year>(?:18|19|20)\d\d)\b",
    re.IGNORECASE)
_MAJOR = ("FIFA World Cup", "UEFA Euro", "Copa América", "African Cup of Nations", "AFC Asian Cup",
          "Gold Cup")


def _opener_since(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    """The team's last win in its first match of a tournament edition was in YEAR."""
    m = ctx.match
    team = _subject_of(ctx, text, mm.start())
    if team not in m.teams:
        team = m.advancing
    year = int(mm.group("year"))
    words = mm.group("t").lower()
    tournaments = _MAJOR if "major" in words else (_tourn(ctx, mm.group("t")) or m.tournament,)
    claim = Claim("first_win_since", index, mm.group(0).strip(),
                  f"{team}'s previous win in an opening match of a tournament was in {year}", {})
    if team is None:
        return [claim.unclear("the sentence does not say which team")]
    res = _results(ctx, team)
    res = res[res["tournament"].isin(list(tournaments))].sort_values("date")
    openers = []
    for _, part in res.groupby("tournament"):
        gaps = part["date"].diff().dt.days.fillna(999) > 60
        openers += [row for (_, row), first in zip(part.iterrows(), gaps, strict=True) if first]
    wins = sorted(pd.Timestamp(r["date"]).year for r in openers if r["result"] == "W")
    listing = ", ".join(f"{pd.Timestamp(r['date']):%Y} {r['tournament']} {r['result']} "
                        f"{r['goals_for']}-{r['goals_against']} v {r['opponent']}"
                        for r in sorted(openers, key=lambda r: r["date"])[-6:])
    prov = hist.results_provenance(team, m.date, f"first match of each edition of {', '.join(tournaments)}")
    value = f"{team}'s opening matches: {listing}"
    last = wins[-1] if wins else None
    if last == year:
        return [claim.supported(prov, value, f"{value}.")]
    return [claim.contradicted(value, prov, f"{team} also won an opening match in {last}"
                               f" ({value})." if last else f"{value}.")]


#: "his 98th international goal", "109 goals for his country", "a career total of 85"
_CAREER_COUNT = patterns.compile(
    rf"\b(?:(?:his|her)\s+(?:\d{{1,3}}(?:st|nd|rd|th)|{_ORD_RE})\s+(?:international\s+)?goal"
    rf"(?:\s+for\s+(?:his|her)\s+country)?|(?:{NUMBER_RE})\s+(?:international\s+goals|goals\s+for\s+"
    r"(?:his|her)\s+country|caps)|career\s+(?:total|tally)\s+(?:of\s+)?\d{1,3})\b", re.IGNORECASE)


def _count_claim(ctx: Ctx, index: int, text: str, mm: re.Match[str], now: bool,
                 last: bool) -> list[Claim]:
    if re.search(r"\b(?:matches|games)\b", mm.group(0), re.IGNORECASE) and not (
            mm.group("opp") or re.search(r"\bbetween\b", mm.group(0))):
        return []  # "won one of their seven matches": not a head-to-head count
    team, opp = _team_and_opponent(ctx, text, mm.start(), mm.group("opp"))
    n = to_number(mm.group("n"))
    total = None if last else to_number(mm.group("m"))
    verb = mm.group("verb").lower()
    claim = Claim("head_to_head", index, mm.group(0).strip(),
                  f"{team} {verb} {n} of {'the last ' if last else ''}{total or n} meetings with {opp}",
                  {})
    if team is None or opp is None or n is None:
        return [claim.unclear("the sentence does not say plainly which two teams it counts")]
    tournament = _tourn(ctx, mm.group("t"))
    res = _meetings(ctx, team, opp, tournament, now)
    prov = hist.results_provenance(team, ctx.match.date, f"opponent {opp!r}"
                                   + (f", {tournament}" if tournament else "")
                                   + ("; this match included ('now')" if now else ""))
    if last:
        res = res.tail(n)
        total = n
    got = int((res["result"] == _VERB_RESULT[verb]).sum())
    value = f"{team} v {opp}: {hist.record(res).text()} ({_listing(res)})"
    if res.empty:
        return [claim.unclear(f"the data has no meeting of {team} and {opp}", value, prov)]
    if got == n and (total is None or total == len(res)):
        return [claim.supported(prov, value, f"{team} {verb} {got} of {len(res)} meetings with "
                                f"{opp}: {_listing(res)}.")]
    return [claim.contradicted(value, prov, f"{team} {verb} {got} of {len(res)} "
                               f"{'last ' if last else ''}meetings with {opp} "
                               f"({_listing(res)}), not {n} of {total}.")]


def _all_meetings_claim(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    team, opp = _team_and_opponent(ctx, text, mm.start(), None)
    n = 2 if mm.group("all").lower() == "both" else to_number(mm.group("n") or "")
    verb = mm.group("verb").lower()
    claim = Claim("head_to_head", index, mm.group(0).strip(),
                  f"{team} {verb} all {n} earlier meetings with {opp}", {})
    if team is None or opp is None or n is None:
        return [claim.unclear("the sentence does not say plainly which two teams it counts")]
    tournament = _tourn(ctx, mm.group("t"))
    # "all three previous meetings" leaves this match out; "have now won all three meetings"
    # counts it; with neither word both readings are tried
    now = bool(re.search(r"\bnow\b", text[max(0, mm.start() - 20): mm.start()], re.IGNORECASE))
    readings = [False] if mm.group("prev") else [True] if now else [False, True]
    for include in readings:
        res = _meetings(ctx, team, opp, tournament, include)
        got = int((res["result"] == _VERB_RESULT[verb]).sum())
        if len(res) == n and got == n:
            break
    prov = hist.results_provenance(team, ctx.match.date, f"opponent {opp!r}"
                                   + (f", {tournament}" if tournament else "")
                                   + ("; this match included" if include else ""))
    value = f"{team} v {opp}: {hist.record(res).text()} ({_listing(res)})"
    if len(res) == n and got == n:
        return [claim.supported(prov, value)]
    which = "meetings" if include else "earlier meetings"
    return [claim.contradicted(value, prov, f"{team} {verb} {got} of {len(res)} {which} "
                               f"with {opp} ({_listing(res) or 'none'}).")]


def _first_since_claim(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    m = ctx.match
    opp_found = ctx.finder.find(mm.group("opp"))
    opp = opp_found[0].team if opp_found else None
    team = None
    if mm.group("who"):
        who = ctx.finder.find(mm.group("who"))
        team = who[0].team if who else None
    if team is None and opp in m.teams:
        team = m.opponent(opp)
    if team is None:
        team = _subject_of(ctx, text, mm.start())
    year = int(mm.group("year"))
    tournament = _tourn(ctx, mm.group("t") or mm.group("t2"))
    claim = Claim("first_win_since", index, mm.group(0).strip(),
                  f"{team}'s last win over {opp} before this one was in {year}", {})
    if team is None or opp is None:
        return [claim.unclear("the sentence does not say plainly which two teams it is about")]
    res = _meetings(ctx, team, opp, tournament, False)
    wins = res[res["result"] == "W"]
    prov = hist.results_provenance(team, m.date, f"opponent {opp!r}, wins"
                                   + (f", {tournament}" if tournament else ""))
    if wins.empty:
        return [claim.contradicted(f"{team} had never beaten {opp}", prov,
                                   f"{team} had never beaten {opp} before this match.")]
    last = wins.iloc[-1]
    ly = pd.Timestamp(last["date"]).year
    value = (f"{team}'s last win over {opp}: {int(last['goals_for'])}-{int(last['goals_against'])} "
             f"on {pd.Timestamp(last['date']):%Y-%m-%d} ({last['tournament']}, {last['city']})")
    if ly == year:
        return [claim.supported(prov, value)]
    return [claim.contradicted(value, prov, f"{value}, not in {year}.")]


def _first_tournament_since(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    m = ctx.match
    team = m.advancing if m.advancing in (ctx.subject, None) or ctx.subject is None else ctx.subject
    team = _subject_of(ctx, text, mm.start()) or team
    tournament = _tourn(ctx, mm.group("t"))
    claim = Claim("first_win_since", index, mm.group(0).strip(),
                  f"{team}'s previous {tournament} win", {})
    if team is None or tournament is None:
        return [claim.unclear("the sentence does not say plainly which team and tournament")]
    res = _at(_results(ctx, team), tournament)
    wins = res[res["result"] == "W"]
    prov = hist.results_provenance(team, m.date, f"{tournament}, wins")
    if wins.empty:
        return [claim.unclear(f"{team} had no earlier {tournament} win", provenance=prov)]
    last = wins.iloc[-1]
    ly = pd.Timestamp(last["date"]).year
    value = (f"{team}'s previous {tournament} win: {int(last['goals_for'])}-"
             f"{int(last['goals_against'])} against {last['opponent']} on "
             f"{pd.Timestamp(last['date']):%Y-%m-%d}")
    if mm.group("years"):
        want = to_number(mm.group("years"))
        gap = m.date.year - ly
        ok = want is not None and abs(gap - want) <= 1 and m.advancing == team
    else:
        ok = ly == int(mm.group("year")) and m.advancing == team
    if ok:
        return [claim.supported(prov, value)]
    return [claim.contradicted(value, prov)]


def _nth_win_claim(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    m = ctx.match
    word = mm.group("ord").lower()
    n = _ORDINALS.get(word) or to_number(word)
    tournament = _tourn(ctx, mm.group("t") or mm.group("t2"))
    if tournament is None or n is None or n == 1 or tournament == "major":
        return []
    team = _subject_of(ctx, text, mm.start())
    if team not in m.teams:
        team = m.advancing
    claim = Claim("nth_win", index, mm.group(0).strip(),
                  f"this was {team}'s win number {n} at the {tournament}", {})
    if team is None or m.advancing != team:
        return [claim.unclear("the sentence does not say plainly whose win it counts")]
    res = _at(_results(ctx, team), tournament)
    wins = res[res["result"] == "W"]
    prov = hist.results_provenance(team, m.date, f"{tournament}, wins")
    listing = ", ".join(f"{pd.Timestamp(d):%Y} {o} {gf}-{ga}" for d, o, gf, ga in
                        zip(wins["date"], wins["opponent"], wins["goals_for"], wins["goals_against"],
                            strict=True))
    got = len(wins) + (1 if m.winner == team else 0)
    value = f"{team}'s {tournament} wins before this one: {len(wins)}" + (f" ({listing})" if listing else "")
    if got == n:
        return [claim.supported(prov, value)]
    return [claim.contradicted(value, prov, f"This was {team}'s win number {got} at the "
                               f"{tournament}, not {n}: earlier wins {listing or 'none'}.")]


def _edition_claim(ctx: Ctx, index: int, text: str, mm: re.Match[str]) -> list[Claim]:
    m = ctx.match
    team = _subject_of(ctx, text, mm.start())
    if team not in m.teams:
        team = m.advancing
    n = to_number(mm.group("n"))
    verb = mm.group("verb").lower()
    e = ctx.mf.edition
    claim = Claim("edition_record", index, mm.group(0).strip(),
                  f"{team} {verb} all {n} of its matches at the {e.label}", {})
    if team is None or not e.is_finals:
        return [claim.unclear("the sentence does not say plainly which team and tournament")]
    frame = e.matches
    own = frame[((frame["home_team"] == team) | (frame["away_team"] == team))
                & (frame["date"] <= pd.Timestamp(m.date))]
    results = []
    for _, r in own.iterrows():
        gf = r["home_score"] if r["home_team"] == team else r["away_score"]
        ga = r["away_score"] if r["home_team"] == team else r["home_score"]
        results.append("W" if gf > ga else "L" if gf < ga else "D")
    want = _VERB_RESULT[verb]
    got = sum(1 for r in results if r == want)
    value = f"{team} at the {e.label} up to this match: {len(results)} played, {got} {verb}"
    prov = e.provenance + f"; matches of {team} up to {m.date.isoformat()}"
    if got == n == len(results):
        return [claim.supported(prov, value)]
    return [claim.contradicted(value, prov, f"{team} played {len(results)} matches at the "
                               f"{e.label} and {verb} {got}, not all {n}.")]
