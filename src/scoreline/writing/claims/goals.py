"""Rules for what happened on the pitch: result, score, goals, minutes, comebacks.

Conventions stated in the evidence of each verdict:
- "after N minutes" is satisfied by a goal in minute N - 1 to N + 1;
- "late" means from the 70th minute on (the last 20 minutes of normal time);
- stoppage time is recorded by the data as minute 45 or 90 (105/120 in extra time), so a
  stoppage-time claim is supported by a goal in those minutes and contradicted otherwise.
"""

from __future__ import annotations

import re

import pandas as pd

from scoreline.writing.claims import patterns
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.names import match_player
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.others import describe_row
from scoreline.writing.claims.report import Claim
from scoreline.writing.claims.scorers import LATE_MINUTE, goal_text, names_in
from scoreline.writing.facts.timeline import Goal
from scoreline.writing.facts.wording import ordinal

_SCORE_RE = patterns.compile(r"(?<![\d.-])(\d{1,2})\s*[-–—]\s*(\d{1,2})(?![\d-])")
_RUNNING_MARKERS = patterns.compile(
    r"\b(kept the score|keep the score|led|leading|lead|trail(?:ed|ing)?|down to|went|at|"
    r"half[- ]time|at the break|behind|ahead|level|up|down)\b", re.IGNORECASE)
_FINAL_MARKERS = patterns.compile(
    r"\b(win|won|wins|beat|beating|victory|defeat|defeated|lost|loss|triumph|thrash\w*|"
    r"drew|draw|final score|finished|ended)\b", re.IGNORECASE)
_WINDOW = patterns.compile(
    rf"\b(?:({NUMBER_RE}) goals? )?(?:\w+ ){{0,3}}?in the space of ({NUMBER_RE}) minutes\b|"
    rf"\b({NUMBER_RE}) goals? in ({NUMBER_RE}) minutes\b|"
    rf"\bwithin ({NUMBER_RE}) minutes of each other\b|"
    rf"\b(twice|three times|thrice) in (?:the space of |just |only )?({NUMBER_RE}) minutes\b",
    re.IGNORECASE)
_TIMES = {"twice": 2, "three times": 3, "thrice": 3}
_LATE_GOALS = patterns.compile(rf"\b({NUMBER_RE}) late goals\b", re.IGNORECASE)
_COMEBACK = patterns.compile(
    r"\bcome-?back\b|\bcame from behind\b|\bcome from behind\b|\bfought back\b|"
    r"\bfrom (?:a goal|(\w+) goals) down\b|\bturned (?:the game|it|the match) around\b",
    re.IGNORECASE)
_WIN_OVER = patterns.compile(
    r"\b(?:win|wins|victory|victories|triumph|success|upset|rout|thrashing|defeat of|"
    r"beat|beating|defeated|defeating|stunned|stunning|stun|shocked|upsetting|edged|"
    r"overcame|thrashed|downed|routed|hammered|toppled|knocked out|eliminated)\s+"
    r"(?:over\s+|against\s+|of\s+)?(?:the\s+)?(?:mighty\s+|hosts\s+|holders\s+|champions\s+)?$",
    re.IGNORECASE)
_LOST_TO = patterns.compile(
    r"\b(?:defeat|defeats|loss|losses|lost|losing|fell|beaten|were beaten)\s+"
    r"(?:\w+\s+){0,2}?(?:to|against|by)\s+(?:the\s+)?$", re.IGNORECASE)
#: After a team named as the object: a player steering that team ("Hurst edged England
#: home", "shot Japan ahead"), not someone beating it.
_STEERED = patterns.compile(r"^\s+(?:home|ahead|in front|level|clear|into (?:the )?(?:lead|"
                      r"final|semi-?finals?|quarter-?finals?|last)|to (?:victory|glory|the "
                      r"(?:win|title|final|trophy))|through)\b", re.IGNORECASE)
#: Idioms with "drew" that say nothing of a drawn result: "drew first blood" (scored
#: first), "drew level" (equalised), "drew a save", "drew praise".
_DREW_IDIOM = (r"(?!\s+(?:first blood|level|a|an|praise|criticism|gasps|applause|comparisons?|"
               r"attention|inspiration|on|back|lots|the (?:foul|penalty|save|keeper|goalkeeper|"
               r"defender|crowd|attention|sting))\b)")
_DRAW = patterns.compile(rf"\b(drew{_DREW_IDIOM}|draw with|draw against|stalemate|shared the points|"
                   r"goalless)\b",
                   re.IGNORECASE)


_MODAL = patterns.compile(r"\b(?:needed|need|needs|would|could|should|might|must|hoping|hoped|"
                    r"expected|wanted|try|tried|aim|aimed|chance to|bid to|to avoid)\b",
                    re.IGNORECASE)


#: Words that move a sentence to another meeting of the same teams: "in the group stage the
#: two teams drew 2-2", "the first leg ended 1-1", "when they last met", "had drawn".
_ANOTHER_MEETING = patterns.compile(
    r"\b(?:in the group(?: stage| phase)?|(?:earlier|before) in the (?:tournament|competition|"
    r"group|campaign)|(?:first|second|return) leg|(?:first|previous|last|earlier|reverse|return|"
    r"only other|other|next) (?:meeting|encounter|match|game|fixture|clash|time)s?|"
    r"(?:when|since|time) (?:the two|the sides|the teams|they|both) (?:last |first )?met|"
    r"had (?:\w+ )?(?:drawn|beaten|lost|won|met|played)|(?:last|next) (?:year|month|week|summer|"
    r"winter|time)|(?:in|at) (?:the )?(?:18|19|20)\d\d\b|qualif\w+|friendl\w+|years? ago|"
    r"(?:previous|last|earlier) (?:edition|tournament|world cup|euro))", re.IGNORECASE)


def _another_meeting(ctx: Ctx, claim: Claim, text: str, pair: tuple[int, int]) -> bool:
    """Judge a score that is not this match's when the sentence speaks of another meeting of
    the two teams: supported by such a meeting with that score, else unclear; never
    contradicted, since the sentence may be about a meeting the data lacks. False when the
    sentence gives no sign of another occasion."""
    m = ctx.match
    signs = [x.group(0) for x in _ANOTHER_MEETING.finditer(text)]
    year = patterns.compile(rf"(?:in|at) (?:the )?{m.date.year}", re.IGNORECASE)
    if all(year.fullmatch(g) for g in signs):
        return False  # no sign, or only the match's own year: "On this day in 1982"
    rows = [r for r in ctx.team_rows(m.home_team)
            if {r["home_team"], r["away_team"]} == {m.home_team, m.away_team}
            and r["match_id"] != m.match_id
            and sorted((int(r["home_score"]), int(r["away_score"]))) == sorted(pair)]
    if rows:
        near = min(rows, key=lambda r: abs((pd.Timestamp(r["date"]).date() - m.date).days))
        claim.statement = f"another meeting of {m.home_team} and {m.away_team} ended {pair[0]}-{pair[1]}"
        claim.supported("team_matches(store) -> the two teams' meetings", describe_row(near),
                        f"The data has {describe_row(near)}.")
    else:
        claim.unclear("the sentence speaks of another meeting of the two teams, and the data has "
                      f"none ending {pair[0]}-{pair[1]}",
                      f"{m.home_team} {m.home_score}-{m.away_score} {m.away_team}")
    return True


def score_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Scores written as "2-1": the final score, or a score the match passed through."""
    out: list[Claim] = []
    m = ctx.match
    for sm in _SCORE_RE.finditer(text):
        a, b = int(sm.group(1)), int(sm.group(2))
        before = text[max(0, sm.start() - 45): sm.start()]
        after = text[sm.end(): sm.end() + 30]
        run_at = max((x.end() for x in _RUNNING_MARKERS.finditer(before[-25:])), default=-1)
        fin_at = max((x.end() for x in _FINAL_MARKERS.finditer(before[-25:])), default=-1)
        running = run_at > fin_at or bool(
            re.match(r"\s*(?:down|up|lead|ahead|behind|at half|at the break)", after, re.IGNORECASE))
        final = bool(_FINAL_MARKERS.search(before + " " + after)) and not running
        mentions = ctx.finder.find(before[-30:] + " " + after[:25])
        others = [x.team for x in mentions if x.team not in m.teams]
        if others:
            continue  # a score of another match
        prov = ctx.mf.timeline.provenance
        if re.match(r"\s*(?:\(\s*)?(?:on\s+)?(?:aggregate|agg\b)", after, re.IGNORECASE) or re.search(
                r"\baggregate\s+(?:score\s+)?(?:of\s+)?$", before, re.IGNORECASE):
            out.append(_aggregate_claim(ctx, index, sm, (a, b)))
            continue
        shootout = bool(_SHOOTOUT_NEAR.search(after[:25]) or _SHOOTOUT_NEAR.search(before[-25:]))
        if shootout:
            running = final = False
        if not shootout and (running or (not final and (a, b) not in (
                (m.home_score, m.away_score), (m.away_score, m.home_score)))):
            claim = Claim("running_score", index, sm.group(0),
                          f"the score was {a}-{b} at some point", {"score": (a, b)})
            tl = ctx.mf.timeline
            if not tl.known:
                claim.uncheckable("the data has no complete, timed goal list for this match")
            else:
                seen = {(h, w) for h, w in tl.running_scores()} | {(w, h) for h, w in tl.running_scores()}
                path = ", ".join(f"{h}-{w}" for h, w in tl.running_scores())
                if (a, b) in seen:
                    claim.supported(prov, f"scores in order: {path}")
                elif ctx.match.shootout_winner is not None:
                    claim.unclear("the score may be a shoot-out tally, which the data does not "
                                  "hold", f"scores in order: {path}", prov)
                elif not running:
                    claim.unclear("no word says whether this is the final or a running score",
                                  f"scores in order: {path}", prov)
                elif _another_meeting(ctx, claim, text, (a, b)):
                    pass
                else:
                    claim.contradicted(f"the score was never {a}-{b}; scores in order: {path}", prov)
            out.append(claim)
            continue
        fact = ctx.mf.facts.get("score.final")
        prov_final = fact.provenance if fact is not None else "store.find_match"
        data = f"{m.home_team} {m.home_score}-{m.away_score} {m.away_team}"
        if shootout:
            out.append(_shootout_claim(ctx, index, text, sm, (a, b)))
            continue
        # "Germany 1-2 Japan": a team on each side fixes the order; otherwise journalists
        # write the winner's score first ("Japan stun Germany 2-1"), so only the pair counts
        left = [x for x in ctx.finder.find(before[-30:]) if x.team in m.teams]
        right = [x for x in ctx.finder.find(after[:30]) if x.team in m.teams]
        ordered = (left and right and left[-1].team != right[0].team
                   and before[-30:].rstrip().endswith(left[-1].surface)
                   and after.lstrip().startswith(right[0].surface))
        claimed_winner = _claimed_winner(ctx, before[-45:])
        what = f"the match ended {a}-{b}"
        if ordered:
            what = f"the match ended {left[-1].team} {a}-{b} {right[0].team}"
        elif claimed_winner:
            what += f", won by {claimed_winner}"
        claim = Claim("final_score", index, sm.group(0), what,
                      {"score": (a, b), "winner": claimed_winner})
        pair_ok = sorted((a, b)) == sorted((m.home_score, m.away_score))
        if not pair_ok and _another_meeting(ctx, claim, text, (a, b)):
            pass
        elif not pair_ok or (ordered and m.goals_for(left[-1].team) != a):
            claim.contradicted(data, prov_final, f"The match ended {data}.")
        elif claimed_winner is not None and m.advancing is not None and claimed_winner != m.advancing:
            claim.unclear(f"the score is right but the sentence may name {claimed_winner} as the "
                          "winner", data, prov_final)
        else:
            how = "; journalists write the winner's score first" if (
                not ordered and a != b and (a, b) != (m.home_score, m.away_score)) else ""
            claim.supported(prov_final, data, f"The match ended {data}{how}.")
        out.append(claim)
    return out


def _aggregate_claim(ctx: Ctx, index: int, sm: re.Match[str], pair: tuple[int, int]) -> Claim:
    """"won 4-2 on aggregate": this match and the previous meeting of the two teams within
    four months (the first leg) added up."""
    m = ctx.match
    claim = Claim("aggregate", index, sm.group(0), f"the two legs ended {pair[0]}-{pair[1]} on "
                  "aggregate", {})
    rows = [r for r in ctx.team_rows(m.home_team) if m.away_team in (r["home_team"], r["away_team"])
            and 0 < (pd.Timestamp(m.date) - r["date"]).days <= 120]
    prov = "store.matches(): this match and the previous meeting within 120 days"
    if not rows:
        return claim.unclear("no first leg within four months before this match in the data",
                             provenance=prov)
    first = rows[-1]
    home = m.goals_for(m.home_team) + (first["home_score"] if first["home_team"] == m.home_team
                                       else first["away_score"])
    away = m.goals_for(m.away_team) + (first["home_score"] if first["home_team"] == m.away_team
                                       else first["away_score"])
    value = (f"{m.home_team} {home}-{away} {m.away_team} on aggregate (first leg "
             f"{first['home_team']} {first['home_score']}-{first['away_score']} {first['away_team']} "
             f"on {first['date']:%Y-%m-%d})")
    if sorted(pair) == sorted((int(home), int(away))):
        return claim.supported(prov, value, f"{value}.")
    return claim.unclear("the aggregate does not add up from the two matches found; the legs "
                         "may be others", value, prov)


_WIN_VERB = patterns.compile(r"\b(beat|beats|beating|defeated|defeating|thrashed|thrash|edged|edge|"
                       r"stunned|stun|stuns|shocked|shock|downed|overcame|crushed|hammered|routed|"
                       r"won|win|wins|lost|losing|lose|loses)\b", re.IGNORECASE)


def _claimed_winner(ctx: Ctx, window: str) -> str | None:
    """"Japan beat Germany 2-1" -> Japan; "Germany lost 2-1 to Japan" -> Japan (None when
    the words do not say)."""
    m = ctx.match
    near = [x for x in ctx.finder.find(window) if x.team in m.teams]
    verbs = list(_WIN_VERB.finditer(window))
    if not near or not verbs:
        return None
    verb = verbs[-1]
    subject = [x for x in near if x.end <= verb.start()]
    obj = [x for x in near if x.start >= verb.end()]
    actor = subject[-1].team if subject else (m.opponent(obj[0].team) if obj else None)
    if actor is None:
        return None
    if re.search(r"\b(?:were|was|been|being)\s+$", window[: verb.start()]):
        return m.opponent(actor)  # passive: "Germany were beaten 2-1"
    return m.opponent(actor) if verb.group(1).lower().startswith(("los", "lost")) else actor


_SHOOTOUT_NEAR = patterns.compile(r"\bon pen(?:alties|s)\b|\bshoot-?out\b|\bspot-kicks\b|\bpenalties\b",
                            re.IGNORECASE)


def _shootout_claim(ctx: Ctx, index: int, text: str, sm: re.Match[str],
                    tally: tuple[int, int]) -> Claim:
    """"won 4-2 on penalties": the data holds the shoot-out winner, not its tally."""
    m = ctx.match
    winner = _claimed_winner(ctx, text[max(0, sm.start() - 60): sm.start()]) or ctx.subject
    claim = Claim("shootout", index, sm.group(0),
                  f"{winner or 'a team'} won a penalty shoot-out {tally[0]}-{tally[1]}",
                  {"winner": winner})
    prov = "store.matches(): shootout_winner of the match"
    if m.shootout_winner is None:
        if m.home_score != m.away_score:
            return claim.contradicted(f"{m.score_text()}, no shoot-out", prov,
                                      f"The match ended {m.score_text()}: there was no shoot-out.")
        return claim.unclear("the data records no shoot-out winner for this match")
    if winner is not None and winner != m.shootout_winner:
        return claim.contradicted(f"{m.shootout_winner} won the shoot-out", prov,
                                  f"{m.shootout_winner} won the shoot-out "
                                  f"({m.home_team} {m.home_score}-{m.away_score} {m.away_team}).")
    return claim.supported(prov, f"{m.shootout_winner} won the shoot-out",
                           f"{m.shootout_winner} won the shoot-out after "
                           f"{m.home_team} {m.home_score}-{m.away_score} {m.away_team}; the data "
                           "does not hold the shoot-out tally.")


def winner_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Who won: "win over Germany", "Japan beat Germany", "defeat to Japan", "drew with"."""
    out: list[Claim] = []
    m = ctx.match
    for mention in ctx.match_mentions(text):
        before = text[max(0, mention.start - 40): mention.start]
        loser = winner = None
        if _WIN_OVER.search(before):
            if _STEERED.match(text[mention.end:]):
                continue
            loser, winner = mention.team, m.opponent(mention.team)
        elif _LOST_TO.search(before):
            winner, loser = mention.team, m.opponent(mention.team)
        if winner is None:
            continue
        phrase = re.sub(r"^\S*\s", "", before[-30:]) if len(before) > 30 else before
        claim = Claim("winner", index, (phrase.strip() + " " + mention.surface).strip(),
                      f"{winner} beat {loser}", {"winner": winner, "loser": loser})
        ev = ctx.mf.facts.get("score.final")
        evidence = ev.provenance if ev else "store.find_match"
        data = m.score_text()
        if m.winner == winner:
            claim.supported(evidence, data)
        elif m.winner is None and m.shootout_winner == winner:
            claim.supported(evidence, data, f"{m.home_team} {m.home_score}-{m.away_score} "
                            f"{m.away_team}, then {winner} won the penalty shoot-out.")
        elif _MODAL.search(text[: mention.start]):
            claim.unclear("the sentence says what could or should happen, not what did", data,
                          evidence)
        else:
            claim.contradicted(data, evidence)
        out.append(claim)
    draw = _DRAW.search(text)
    if draw and _MODAL.search(text[: draw.start()]):
        draw = None
    if draw and ctx.match_mentions(text):
        claim = Claim("winner", index, draw.group(0),
                      "the match was drawn", {"draw": True})
        if m.winner is None:
            claim.supported("store.find_match", m.score_text())
        else:
            claim.contradicted(m.score_text(), "store.find_match")
        out.append(claim)
    return out


def comeback_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """A team came from behind (to win, or at least not to lose)."""
    cm = _COMEBACK.search(text)
    if not cm:
        return []
    m, tl = ctx.match, ctx.mf.timeline
    # whose comeback: the team of the scorers named just before ("before Kessié and Haller
    # turned it around"), else the sentence's subject, which may be the other side
    named = ctx.match_mentions(text[: cm.start()])
    explicit = named[-1].team if named and len(re.findall(
        r"[A-Za-z]+", text[named[-1].end: cm.start()])) <= 3 else None  # "Nigeria came from behind"
    scorers_team = explicit or _scorers_team(ctx, text[max(0, cm.start() - 80): cm.start()])
    team = scorers_team or ctx.subject or m.winner
    if team is None:
        return []
    claimed = to_number(cm.group(1)) if cm.group(1) else None
    claim = Claim("comeback", index, cm.group(0), f"{team} came from behind"
                  + (f" ({claimed} goals down)" if claimed else ""), {"team": team})
    if not tl.known:
        return [claim.uncheckable("the data has no complete, timed goal list for this match")]
    deficit = tl.max_deficit(team, m)
    path = ", ".join(f"{h}-{a}" for h, a in tl.running_scores())
    if deficit >= 1 and m.winner != m.opponent(team) and (claimed is None or claimed == deficit):
        claim.supported(tl.provenance, f"{team} trailed by {deficit}; scores in order: {path}")
    elif scorers_team is None and tl.max_deficit(m.opponent(team), m) >= 1 and (
            m.winner != team):
        claim.unclear(f"{m.opponent(team)} came from behind; the sentence may mean them",
                      f"scores in order: {path}", tl.provenance)
    else:
        claim.contradicted(f"{team} trailed by at most {deficit} goal(s) and "
                           f"{'lost' if m.winner == m.opponent(team) else 'did not lose'}; "
                           f"scores in order: {path}", tl.provenance)
    return [claim]


def _scorers_team(ctx: Ctx, words: str) -> str | None:
    """The team of the last goal scorer ``words`` name, if they name one."""
    for name in reversed(names_in(words, ctx)):
        teams = {g.team for g in ctx.goals if g.scorer and match_player(name, [g.scorer])}
        if len(teams) == 1:
            return teams.pop()
    return None


def late_goal_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """"two late goals": goals of the sentence's team from the 70th minute on."""
    lm = _LATE_GOALS.search(text)
    if not lm:
        return []
    n = to_number(lm.group(1))
    team = ctx.subject
    tl = ctx.mf.timeline
    claim = Claim("late_goals", index, lm.group(0), f"{team} scored {n} goals from the "
                  f"{ordinal(LATE_MINUTE)} minute on", {"team": team, "n": n})
    if team is None:
        return [claim.uncheckable("the sentence does not say which team")]
    if not tl.known:
        return [claim.uncheckable("the data has no complete, timed goal list for this match")]
    late = [g for g in tl.goals if g.team == team and (g.minute or 0) >= LATE_MINUTE]
    value = f"{team} scored {len(late)} from the {ordinal(LATE_MINUTE)} minute: " + (
        ", ".join(goal_text(g) for g in late) or "none")
    if len(late) == n:
        claim.supported(tl.provenance + f"; 'late' = minute {LATE_MINUTE} or later", value)
    else:
        claim.contradicted(value, tl.provenance + f"; 'late' = minute {LATE_MINUTE} or later")
    return [claim]


def window_claims(ctx: Ctx, index: int, text: str, sentence_goals: list[Claim]) -> list[Claim]:
    """"two goals in the space of four minutes": goals that close together (by the team of
    the goals named in the same sentence, else by the sentence's team)."""
    wm = _WINDOW.search(text)
    if not wm:
        return []
    named = {g.team for c, g in ctx.goal_claims if g is not None and c in sentence_goals}
    n_txt = wm.group(1) or wm.group(3)
    span_txt = wm.group(2) or wm.group(4) or wm.group(5) or wm.group(7)
    n = _TIMES[wm.group(6).lower()] if wm.group(6) else to_number(n_txt) if n_txt else 2
    span = to_number(span_txt) if span_txt else None
    tl = ctx.mf.timeline
    before = [x.team for x in ctx.match_mentions(text[: wm.start()])]
    # the team of the goals named, else the team named last before the words ("Japan, who
    # scored twice in eight minutes"), else the sentence's subject, which may be wrong
    sure = bool(named) or bool(before)
    team = next(iter(named)) if len(named) == 1 else (None if named else (
        before[-1] if before else ctx.subject))
    claim = Claim("goal_window", index, wm.group(0),
                  f"{n} goals{' by ' + team if team else ''} within {span} minutes",
                  {"n": n, "minutes": span, "team": team})
    if span is None or n is None:
        return [claim.uncheckable("could not read the number of goals or minutes")]
    if not tl.known:
        return [claim.uncheckable("the data has no complete, timed goal list for this match")]
    def closest(who: str | None) -> tuple[int, list[Goal]] | None:
        goals = [g for g in tl.goals if who is None or g.team == who]
        found = None
        for i in range(len(goals) - n + 1):
            gap = (goals[i + n - 1].minute or 0) - (goals[i].minute or 0)
            if found is None or gap < found[0]:
                found = (gap, goals[i:i + n])
        return found

    best = closest(team)
    if best is None or best[0] > span:
        for other in ctx.match.teams:
            alt = closest(other)
            if not sure and team is not None and alt is not None and alt[0] <= span:
                return [claim.unclear(f"{other}'s goals fit, and the sentence may mean them",
                                      None, tl.provenance)]
    if best is None:
        return [claim.contradicted(f"{team or 'the teams'} scored fewer than {n} goals", tl.provenance)]
    value = f"{best[0]} minute{'' if best[0] == 1 else 's'}: " + ", ".join(goal_text(g) for g in best[1])
    if best[0] <= span:
        claim.supported(tl.provenance, value)
    else:
        claim.contradicted(f"the closest {n} goals were {value}", tl.provenance)
    return [claim]


_WENT_FIRST = patterns.compile(r"\s+(?:went|shot|kicked|took) first\b|\s+(?:took|had) the first (?:kick|penalty)\b",
                         re.IGNORECASE)


def shootout_order_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """"Italy went first in the shoot-out": the data records the first team to shoot."""
    m = ctx.match
    out: list[Claim] = []
    for mention in ctx.match_mentions(text):
        wm = _WENT_FIRST.match(text, mention.end)
        if wm is None:
            continue
        row = next((r for r in ctx.team_rows(mention.team) if r["match_id"] == m.match_id), None)
        first = row.get("first_shooter") if row else None
        claim = Claim("shootout", index, f"{mention.surface}{wm.group(0)}",
                      f"{mention.team} took the first kick of the shoot-out", {})
        prov = "store.matches(): first_shooter of the match"
        if m.shootout_winner is None:
            out.append(claim.unclear("the data records no shoot-out for this match"))
        elif not first:
            out.append(claim.uncheckable("the data does not record who shot first"))
        elif first == mention.team:
            out.append(claim.supported(prov, f"{first} shot first",
                                       f"{first} took the first kick of the shoot-out."))
        else:
            out.append(claim.contradicted(f"{first} shot first", prov,
                                          f"{first} took the first kick of the shoot-out."))
    return out
