"""Rules for what happened before: head-to-head, tournament history, runs, confederations."""

from __future__ import annotations

import re

import pandas as pd

from scoreline.writing.claims import patterns
from scoreline.writing.claims.competitions import tournament_of
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.report import Claim
from scoreline.writing.facts import history as hist

_TOURNAMENT_WORDS = r"(?:FIFA\s+)?World Cup|Euros?|European Championship|Copa América|Copa America|" \
                    r"Asian Cup|Africa Cup of Nations|AFCON|Gold Cup"
_FIRST_WIN = patterns.compile(
    rf"\bfirst(?:[- ]ever)?\s+(?:({_TOURNAMENT_WORDS})\s+)?(?:win|victory|triumph)\s+"
    rf"(?:(?:at|in) (?:the )?({_TOURNAMENT_WORDS})\s+)?(?:over|against)\s+(?:the\s+)?$",
    re.IGNORECASE)
_FIRST_MEETING = patterns.compile(
    rf"\bfirst(?:[- ]ever)?\s+(?:({_TOURNAMENT_WORDS})\s+)?(?:meeting|encounter|match|game)\s+"
    rf"(?:(?:at|in) (?:the )?({_TOURNAMENT_WORDS})\s+)?(?:between|with|against)\b", re.IGNORECASE)
#: The same claim about "the sides": "the first meeting of the two teams (at a World Cup)",
#: "the first time the sides had met", "had never met before"; "first meeting since 1998" is
#: not a first meeting, and "competitive" leaves friendlies out.
_FIRST_MEETING_SIDES = patterns.compile(
    r"\b(?:first(?:[- ]ever)?\s+(?P<comp>competitive\s+|official\s+)?(?:meeting|encounter|match|"
    r"game|clash)\s+(?:of|between)\s+the\s+(?:two\s+)?(?:sides|teams|nations|countries)|"
    r"first\s+time\s+(?:that\s+)?the\s+(?:two\s+)?(?:sides|teams|nations|countries)\s+(?:had\s+|have\s+)?"
    r"(?:ever\s+)?met|(?:had|have)\s+never\s+(?:met|played\s+each\s+other)(?:\s+before)?)"
    rf"(?:\s+(?:at|in)\s+(?:a\s+|the\s+)?(?P<t>{_TOURNAMENT_WORDS}))?(?!\s+since|\s+for)",
    re.IGNORECASE)
_LAST_WIN = patterns.compile(
    rf"\b(?:last|previous)\s+(?:({_TOURNAMENT_WORDS})\s+)?(?:win|victory)\s+"
    rf"(?:(?:at|in) (?:the )?({_TOURNAMENT_WORDS})\s+)?(?:had\s+)?(?:was|came|had come)\s+"
    r"(?:back\s+)?in\s+(\d{4})(?:,?\s+(?:against|over|when they beat|v)\s+(?:the\s+)?"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))?", re.IGNORECASE)
_CONFED_WORDS = {
    "african": "CAF", "asian": "AFC", "european": "UEFA", "south american": "CONMEBOL",
    "north american": "CONCACAF", "central american": "CONCACAF", "concacaf": "CONCACAF",
    "caribbean": "CONCACAF", "oceanian": "OFC", "oceania": "OFC",
}
_CONFED_RECORD = patterns.compile(
    rf"\b(won|lost|drawn|drew|were unbeaten in|unbeaten in)\s+(?:all|each|every one)\s+"
    rf"(?:of\s+)?(?:(?:their|its|the)\s+)?(?:({NUMBER_RE})\s+)?(?:previous\s+|past\s+|prior\s+|"
    rf"earlier\s+)?(?:({NUMBER_RE})\s+)?(?:({_TOURNAMENT_WORDS})\s+)?"
    r"(?:meetings|matches|games|encounters|fixtures)\s+(?:with|against)\s+"
    r"(African|Asian|European|South American|North American|Central American|CONCACAF|"
    r"Caribbean|Oceanian|Oceania)\s+(?:opponents|teams|sides|nations|opposition)", re.IGNORECASE)
_RUN = patterns.compile(
    rf"\b({NUMBER_RE})[- ](?:match|game)\s+(unbeaten|winning|winless)\s+(?:run|streak|record|sequence)|"
    rf"\b(unbeaten|without (?:a )?(?:defeat|loss)|without a win)\s+in\s+({NUMBER_RE})\s+"
    r"(?:straight\s+|consecutive\s+)?(?:matches|games)", re.IGNORECASE)
_POSSESSIVE = patterns.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})['’]s\s+(?:\w+\s+){0,2}$")


def _tournament_filter(ctx: Ctx, words: str | None) -> str | None:
    """The data's tournament for words like "World Cup" (the match's own when it fits)."""
    if not words:
        return None
    w = words.lower().replace("fifa ", "")
    t = ctx.match.tournament
    if w in t.lower():
        return t
    return tournament_of(words) or words


def _subject_of(ctx: Ctx, text: str, pos: int) -> str | None:
    """The team a phrase at ``pos`` is about: a possessive right before it, else the subject."""
    pm = _POSSESSIVE.search(text[:pos])
    if pm:
        found = ctx.finder.find(pm.group(1))
        if found:
            return found[-1].team
    # "It was Tunisia's first victory over France ... and only their second win": the last
    # team named before the phrase that is not an object ("over France")
    from scoreline.writing.claims.context import _OBJECT_BEFORE

    owners = [x for x in ctx.finder.find(text[:pos])
              if not _OBJECT_BEFORE.search(text[max(0, x.start - 30): x.start])]
    if owners and re.search(r"\b(?:their|its|his)\b", text[max(0, pos - 25): pos + 6]):
        return owners[-1].team
    return ctx.subject


def _results(ctx: Ctx, team: str) -> pd.DataFrame:
    key = f"results:{team}"
    if key not in ctx._cache:
        if team in ctx.mf.results:
            ctx._cache[key] = ctx.mf.results[team]
        else:
            ctx._cache[key] = hist.team_results(ctx.store, team, ctx.match.date)
    frame: pd.DataFrame = ctx._cache[key]
    return frame


def first_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """"first (World Cup) win over X", "first meeting" claims."""
    out: list[Claim] = []
    m = ctx.match
    for mention in ctx.finder.find(text):
        before = text[max(0, mention.start - 60): mention.start]
        fm = _FIRST_WIN.search(before)
        if not fm:
            continue
        opponent = mention.team
        team = m.opponent(opponent) if opponent in m.teams else _subject_of(ctx, text, mention.start)
        if team is None or team == opponent:
            continue
        tournament = _tournament_filter(ctx, fm.group(1) or fm.group(2))
        res = hist.against(_results(ctx, team), [opponent])
        if tournament:
            res = hist.at_tournament(res, tournament)
        scope = f" at the {tournament}" if tournament else ""
        claim = Claim("first_win", index, fm.group(0) + mention.surface,
                      f"{team}'s first win over {opponent}{scope}",
                      {"team": team, "opponent": opponent, "tournament": tournament})
        evidence = hist.results_provenance(team, m.date, f"opponent {opponent!r}" + (
            f", tournament {tournament!r}" if tournament else ""))
        wins = res[res["result"] == "W"]
        this_win = {opponent, team} == set(m.teams) and m.winner == team
        rec = hist.record(res)
        if wins.empty and this_win:
            claim.supported(evidence, f"{rec.played} earlier meetings{scope}: {rec.text()}")
        elif not this_win and {opponent, team} == set(m.teams):
            claim.contradicted(f"{team} did not win this match ({m.score_text()})", evidence)
        elif not wins.empty:
            last = wins.iloc[-1]
            claim.contradicted(
                f"{team} had beaten {opponent}{scope} {len(wins)} time(s) before, last "
                f"{int(last['goals_for'])}-{int(last['goals_against'])} on "
                f"{pd.Timestamp(last['date']):%Y-%m-%d}", evidence)
        else:
            claim.uncheckable("the claim is about another match")
        out.append(claim)
    fm2 = _FIRST_MEETING.search(text)
    sides = _FIRST_MEETING_SIDES.search(text)
    competitive = False
    if fm2 and len({x.team for x in ctx.match_mentions(text)}) >= 1:
        words = fm2.group(1) or fm2.group(2)
    elif sides:
        fm2, words, competitive = sides, sides.group("t"), bool(sides.group("comp"))
    else:
        fm2 = None
    if fm2:
        tournament = _tournament_filter(ctx, words)
        team, opponent = m.home_team, m.away_team
        res = hist.against(_results(ctx, team), [opponent])
        if tournament:
            res = hist.at_tournament(res, tournament)
        if competitive:
            res = res[res["tournament"] != "Friendly"]
        scope = f" at the {tournament}" if tournament else ""
        claim = Claim("first_meeting", index, fm2.group(0),
                      f"the first meeting of {team} and {opponent}{scope}",
                      {"tournament": tournament})
        evidence = hist.results_provenance(team, m.date, f"opponent {opponent!r}" + (
            f", tournament {tournament!r}" if tournament else ""))
        if res.empty:
            claim.supported(evidence, f"no earlier meeting{scope}")
        else:
            first = res.iloc[0]
            claim.contradicted(f"{len(res)} earlier meeting(s){scope}, the first on "
                               f"{pd.Timestamp(first['date']):%Y-%m-%d}", evidence)
        out.append(claim)
    return out


def last_win_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """"their last win at the World Cup was in 2002 against Saudi Arabia"."""
    lm = _LAST_WIN.search(text)
    if not lm:
        return []
    team = _subject_of(ctx, text, lm.start())
    if team is None:
        return []
    tournament = _tournament_filter(ctx, lm.group(1) or lm.group(2))
    year = int(lm.group(3))
    opp_words = lm.group(4)
    opponent = None
    if opp_words:
        found = ctx.finder.find(opp_words)
        opponent = found[0].team if found else opp_words
    res = _results(ctx, team)
    if tournament:
        res = hist.at_tournament(res, tournament)
    scope = f" at the {tournament}" if tournament else ""
    claim = Claim("last_win", index, lm.group(0),
                  f"{team}'s last win{scope} before this match was in {year}"
                  + (f" against {opponent}" if opponent else ""),
                  {"team": team, "year": year, "opponent": opponent})
    evidence = hist.results_provenance(team, ctx.match.date, (
        f"tournament {tournament!r}, " if tournament else "") + "last win")
    last = hist.last_result(res, "W")
    if last is None:
        return [claim.contradicted(f"{team} had never won{scope} before", evidence)]
    ly = pd.Timestamp(last["date"]).year
    value = (f"{int(last['goals_for'])}-{int(last['goals_against'])} against {last['opponent']} "
             f"on {pd.Timestamp(last['date']):%Y-%m-%d}")
    if ly == year and (opponent is None or opponent == last["opponent"]):
        claim.supported(evidence, value)
    else:
        claim.contradicted(f"{team}'s last win{scope} was {value}", evidence)
    return [claim]


def confederation_record_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """"won all seven previous meetings with African opponents"."""
    cm = _CONFED_RECORD.search(text)
    if not cm:
        return []
    from scoreline.writing.claims.confederations import members

    team = _subject_of(ctx, text, cm.start())
    verb = cm.group(1).lower()
    n = to_number(cm.group(2) or cm.group(3) or "") if (cm.group(2) or cm.group(3)) else None
    tournament = _tournament_filter(ctx, cm.group(4)) or (
        _tournament_filter(ctx, "World Cup") if re.search(r"World Cup", text) else None)
    confed = _CONFED_WORDS[cm.group(5).lower()]
    scope = f" at the {tournament}" if tournament else ""
    claim = Claim("confederation_record", index, cm.group(0),
                  f"{team} {verb} all {n if n else ''} earlier matches{scope} against {confed} "
                  f"members".replace("  ", " "),
                  {"team": team, "n": n, "confederation": confed, "tournament": tournament})
    if team is None:
        return [claim.uncheckable("the sentence does not say which team")]
    table = members(confed, ctx.match.date)
    if table is None:
        return [claim.uncheckable("no confederation membership table is available")]
    opponents, source = table
    res = hist.against(_results(ctx, team), opponents)
    if tournament:
        res = hist.at_tournament(res, tournament)
    rec = hist.record(res)
    evidence = hist.results_provenance(team, ctx.match.date, (
        f"tournament {tournament!r}, " if tournament else "") + f"opponents in {confed} ({source})")
    want = {"won": rec.wins, "lost": rec.losses, "drawn": rec.draws, "drew": rec.draws}.get(
        verb, rec.wins + rec.draws)
    value = f"{rec.text()} against {confed} members{scope}: " + ", ".join(
        f"{o} {gf}-{ga} ({pd.Timestamp(d).year})" for o, gf, ga, d in
        zip(res["opponent"], res["goals_for"], res["goals_against"], res["date"], strict=False))
    ok = want == rec.played and rec.played > 0 and (n is None or n == rec.played)
    if ok:
        claim.supported(evidence, value)
    else:
        claim.contradicted(value, evidence)
    return [claim]


_ENDED = patterns.compile(r"\b(?:end(?:ed|s|ing)?|snap(?:ped|s)?|halt(?:ed|s)?|stopp(?:ed|ing)|broke|"
                    r"bring(?:s|ing)? an end to|brought an end to|put an end to)\b", re.IGNORECASE)
_BREAKS = {"unbeaten": {"L"}, "winning": {"D", "L"}, "winless": {"W"}, "losing": {"W", "D"}}


def _ended_run(ctx: Ctx, claim: Claim, team: str, n: int, kind: str, evidence: str) -> Claim:
    """"a result that ended a 36-match unbeaten run": the run the team's latest breaking result
    (a defeat for an unbeaten run), this match included, brought to an end. Contradicted only
    when that result is this match; an older one may not be the one the sentence means."""
    frame = _results(ctx, team)
    m = ctx.match
    gf, ga = m.goals_for(team), m.goals_for(m.opponent(team))
    mine = "W" if gf > ga else "L" if gf < ga else "D"
    seq = [*frame["result"].tolist(), mine]
    dates = [*frame["date"].tolist(), m.date]
    opponents = [*frame["opponent"].tolist(), m.opponent(team)]
    breaks = [i for i, r in enumerate(seq) if r in _BREAKS[kind]]
    if not breaks:
        return claim.unclear(f"{team} had no result that ended a {kind} run", None, evidence)
    i = breaks[-1]
    run = 0
    for r in reversed(seq[:i]):
        if r in _BREAKS[kind]:
            break
        run += 1
    day = dates[i].date() if hasattr(dates[i], "date") else dates[i]
    ended = f"{team}'s {kind} run ended against {opponents[i]} on {day:%d %B %Y}"
    claim.statement = f"a {n}-match {kind} run of {team} ended"
    value = f"{ended} after {run} matches"
    if run == n:
        return claim.supported(evidence, value, f"The data: {value}.")
    if i == len(seq) - 1:
        return claim.contradicted(value, evidence, f"The data: {value}, not {n}.")
    return claim.unclear(f"the latest such run ended against {opponents[i]} after {run} matches; "
                         "the sentence may mean another", value, evidence)


def run_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """"36-match unbeaten run", "unbeaten in 17 matches" (before this match)."""
    rm = _RUN.search(text)
    if not rm:
        return []
    if rm.group(1):
        n, kind = to_number(rm.group(1)), rm.group(2).lower()
    else:
        n, kind = to_number(rm.group(4)), rm.group(3).lower()
        kind = "winless" if "win" in kind else "unbeaten"
    team = _subject_of(ctx, text, rm.start())
    if team is None or (team not in ctx.match.teams and not ctx.finder.find(team)):
        team = ctx.match.loser if kind == "unbeaten" else ctx.match.winner
    if team is None or n is None:
        return []
    claim = Claim("run", index, rm.group(0), f"{team} had a {n}-match {kind} run before this match",
                  {"team": team, "n": n, "kind": kind})
    evidence = hist.results_provenance(team, ctx.match.date, "consecutive results")
    if _ENDED.search(text[max(0, rm.start() - 60): rm.start()]):
        return [_ended_run(ctx, claim, team, n, kind, evidence)]
    runs = hist.runs(_results(ctx, team))
    actual = runs[kind]
    if actual == n:
        claim.supported(evidence, f"{actual} matches")
    else:
        claim.contradicted(f"{team}'s {kind} run before this match was {actual} matches", evidence)
    return [claim]
