"""Goal claims about the reported match: who scored which goal, when, and how.

A clause makes a goal claim when it gives a goal's role ("the equaliser", "added a
fourth", "opened the scoring"), a scoring verb with a name or a time, or names a scorer
of the match in a sentence about goals ("Andres Iniesta let it drop", "24' - Diego Costa
(ESP)"). Names are matched to the data's scorers despite accents, hyphens and surnames
alone (``names.match_player``); times are read by ``minutes.read_minute``.

Contradicted only when the data decides it without doubt: the goal list is complete; the
name is plainly the scorer ("Scott McKenna headed Scotland's consolation", not "beyond De
Gea"); the clause is not about a goal that did not stand. A time that misses is
contradicted when the goal is identified by its scorer or role, or by a written minute
within three of the recorded one.
"""

from __future__ import annotations

import re
from typing import Any

from scoreline.writing.claims import patterns
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.minutes import read_minute
from scoreline.writing.claims.names import NOT_NAMES, PERSON_RE, match_player, resembles
from scoreline.writing.claims.numbers import to_number
from scoreline.writing.claims.report import CONTRADICTED, SUPPORTED, Claim
from scoreline.writing.claims.when import STOPPAGE_MINUTES, When
from scoreline.writing.facts.timeline import Goal
from scoreline.writing.facts.wording import ordinal

LATE_MINUTE = 70

_ROLE_RE = patterns.compile(
    r"\b(opener|opening goal|first goal|equali[sz]er|equali[sz]ing goal|leveller|levelling goal|"
    r"winner|winning goal|decider|match-winner|(?:second|third|fourth|fifth|sixth) goal|"
    r"consolation(?: goal)?|(?:a|the) (?:second|third|fourth|fifth|sixth|seventh)"
    r"(?=\s+(?:into|in|with|from|to|for|past|on|at|after|before|just|as|and|when|off|"
    r"through|under|over|inside|via)\b|\s*[,.;:!]|\s*$|\s+(?:a|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|\d{1,2})\s+minutes?\b)|"
    r"opened the scoring|opens the scoring|took the lead|went ahead|went in front|were in front|"
    r"broke the deadlock|started the rout|"
    r"levell?ed|levels|equali[sz]ed|equali[sz]es|equali[sz]e|level)"
    r"\b(?!\s+of\b)", re.IGNORECASE)
GOAL_VERB_RE = patterns.compile(
    r"\b(scor(?:ed|es|ing|e)|nett(?:ed|ing)|nets|struck|strikes|head(?:ed|s) (?:in|home)|"
    r"fir(?:ed|es) (?:in|home)|convert(?:ed|s)|slott(?:ed|s)|tapp(?:ed|s) in|volley(?:ed|s)|"
    r"curl(?:ed|s|ing)|pok(?:ed|es)|bundl(?:ed|es|ing)|equali[sz](?:ed|es)|conced(?:ed|ing|es)|"
    r"levell?(?:ed|s)|drew \w+ level|"
    r"open(?:ed|s) the scoring|pull(?:ed|s) one back|doubl(?:ed|es) the lead|"
    r"found the (?:back of the )?net|put \w+(?: \w+)? (?:ahead|in front)|"
    r"gave \w+(?: \w+)? (?:the lead|a \d-\d lead|the advantage)|added (?:a|the|another)|"
    r"completed (?:his|her) hat-trick|made it \d-\d|regained the (?:lead|advantage)|"
    r"(?:lash|roll|smash|drive|drove|rifl|blast|hammer|sweep|slid|slide|stabb|prodd|chipp|lobb|"
    r"steer|side-foot|nodd|glanc|flick|drill|thump|whipp|bend|turn|head|fir|tapp|pok|squeez|"
    r"rattl|crash|bundl|dink|clipp|guid|sidefoot|stroke|stroked|push|pushed)(?:ed|s|ing|e|es)?\s+"
    r"(?:(?:it|the ball|\w+'s \w+(?: \w+)?)\s+)?(?:in\b|home\b|into (?:the|his|her|an|a) "
    r"(?:own |empty )?(?:net|goal|roof|top|bottom|corner|far|near)|past\b)|signed by|"
    r"goals? (?:from|by)|(?:on|onto) the (?:scoresheet|score sheet)|"
    r"got the (?:decisive|final) touch|to finish|to equali[sz]e)\b", re.IGNORECASE)
#: Words that make a sentence about goals (so a scorer named in it makes a goal claim).
_GOALISH = patterns.compile(
    r"\b(?:goals?|scor\w*|net\w*|strike|header|volley|finish\w*|penalty|spot|equali[sz]\w*|"
    r"level\w*|lead|ahead|in front|hat-trick|treble|brace|winner|opener|half-volley|"
    r"shot|drive|effort)\b|\d'|\(\w{3}\)", re.IGNORECASE)
_CLAUSE_SPLIT = patterns.compile(
    r",\s+|;\s+|\s+before\s+(?!(?:the\s+)?(?:interval|break|half[- ]time|hour|full[- ]time|kick-off|end|"
    r"final whistle|restart)\b)|\s+and then\s+|\s+then\s+|\s+while\s+|\s+whilst\s+|\s+but\s+|"
    r"\s+after\s+(?=[A-Z])|\s+and\s+(?=[A-Z][\w'-]+\s+(?:[A-Z]|scored|netted|added))|"
    r"\s+and\s+(?=(?:substitute|captain|defender|striker|midfielder|winger|forward|then|"
    r"veteran|teenager)\s+[A-Z])|"
    r"\s+and\s+his\s+|:\s+")
_PENALTY = patterns.compile(r"\bpenalty\b|\bspot[- ]kick\b|\bfrom the spot\b|\bpen\b|\bpenalties\b",
                      re.IGNORECASE)
_OWN_GOAL = patterns.compile(r"\bown[- ]goal\b|\bown net\b|\bput through his own\b", re.IGNORECASE)
_HYPOTHETICAL = patterns.compile(
    r"\b(?:thought|believed|looked like|would have|almost|nearly|ruled out|disallowed|"
    r"cancell?ed|chalked off|struck off|denied|until|could have|should have|saved|"
    r"off the line|hit the (?:post|bar|woodwork|inside of the post)|hits the|wide|over the bar)\b",
    re.IGNORECASE)
#: Said anywhere in the sentence, these make a goal claim doubtful.
_HYPOTHETICAL_SENTENCE = patterns.compile(
    r"\b(?:(?:thought|believed) (?:he|she|they|it) had|ruled out|disallowed|cancell?ed|"
    r"chalked off|struck off|looked like the winner|until)\b", re.IGNORECASE)
#: Events that are not goals, though a scorer is named beside a time.
_NOT_A_GOAL = patterns.compile(
    r"\b(?:sent off|send-off|booked|yellow card|red card|saw red|expelled|dismissed|"
    r"substituted|replaced|injur\w*|fouled|tripped|brought down|headbutt\w*|went off|came off|"
    r"saved|denied|hit the (?:post|bar)|missed)\b", re.IGNORECASE)
_MATCH_OPENER = patterns.compile(
    r"\b(?:scor|nett|head|fir|slott|grabb?|bagg?|curl|tapp?|convert|struck|strik|got|add|"
    r"smash|lash|roll|drill|sweep|side-?foot)\w*\s+(?:the|an|a)\s+(?:\w+\s+)?opener\b|"
    r"\bopener\s+(?:came|from|for|in the|after|was)\b", re.IGNORECASE)
#: Late in the match; "late in the first half", "late on in the half" are not.
_LATE = patterns.compile(r"\blate\b(?!\s+(?:on\s+)?in\s+the\s+(?:first\s+)?half|\s+(?:first[- ]half|in the "
                   r"opening half)|\s+(?:on\s+)?before\s+(?:half[- ]time|the\s+(?:break|interval)))",
                   re.IGNORECASE)
_GOAL_NOUN = patterns.compile(r"\b(goal|penalty|strike|header|volley|finish|effort|spot-kick|tap-in|"
                        r"shot|drive)\b", re.IGNORECASE)
_COUNT = patterns.compile(r"\b(twice|two goals|a brace|(?:a |his |her )?hat-trick|treble|three times|"
                    r"three goals|four goals|four times|all three goals)\b", re.IGNORECASE)
_COUNT_N = {"twice": 2, "two goals": 2, "a brace": 2, "three times": 3, "three goals": 3,
            "four goals": 4, "four times": 4, "treble": 3, "all three goals": 3}
_AGAIN = patterns.compile(r"\bagain\b", re.IGNORECASE)


def goal_text(g: Goal) -> str:
    """``"Ritsu Dōan (Japan) 75'"``, with (pen) or (og)."""
    how = " (pen)" if g.penalty else (" (og)" if g.own_goal else "")
    minute = f" {g.minute}'" if g.minute is not None else ""
    return f"{g.scorer}{how} ({g.team}){minute}"


def _role_goals(ctx: Ctx, role: str) -> tuple[str, list[Goal]]:
    r = role.lower()
    goals = ctx.goals
    if r in ("opener", "opening goal", "first goal", "took the lead", "went ahead",
             "went in front", "were in front", "broke the deadlock", "started the rout") \
            or r.startswith("open"):
        return "opener", goals[:1]
    if r.startswith(("equali", "level")):
        return "equaliser", [g for g in goals if "equaliser" in g.roles]
    if r in ("winner", "winning goal", "decider", "match-winner"):
        return "winner", [g for g in goals if "winner" in g.roles]
    if r.startswith("consolation"):
        loser = ctx.match.loser
        return "consolation", [g for g in goals if loser is not None and g.team == loser]
    words = r.split()
    n = to_number(words[1] if words[0] in ("a", "the") else words[0])
    if not n:
        return r, []
    # "added a fourth": a team's fourth goal (either team's, when the text names no team)
    counts: dict[str, int] = {}
    nth = []
    for g in goals:
        counts[g.team] = counts.get(g.team, 0) + 1
        if counts[g.team] == n:
            nth.append(g)
    return f"{ordinal(n)} goal of a team", nth


def names_in(clause: str, ctx: Ctx) -> list[str]:
    """Person names in a clause (capitalised words that are not teams or common words)."""
    teams = {m.surface for m in ctx.finder.find(clause)}
    out = []
    raws = [part for raw in PERSON_RE.findall(clause) for part in re.split(r"['’]s\s+", raw)]
    for raw in raws:
        name = re.sub(r"['’]s$", "", raw)
        words = [w for w in name.split() if w not in NOT_NAMES]
        if not words:
            continue
        name = " ".join(words)
        if name in teams or any(name == t or name in t.split() for t in teams):
            continue
        if ctx.finder.find(name):
            continue
        out.append(name)
    return out


def names_the_scorer(clause: str, name: str) -> bool:
    """Whether ``name`` is plainly the scorer: it opens the clause and a scoring verb follows
    within a few words ("Scott McKenna headed Scotland's consolation"), or "a goal from X"."""
    i = clause.find(name)
    if i < 0:
        return False
    head = re.split(r"\b(?:when|as|after|before|until|and|with)\b", clause[:i])[-1]
    tail = clause[i + len(name): i + len(name) + 40]
    opens = not re.search(r"[A-Za-z]", re.sub(r"\b(?:then|but|and|so|substitute|captain|"
                                              r"defender|striker|midfielder|winger|forward|"
                                              r"goalkeeper|veteran|teenager|midfield|full-back)\b",
                                              "", head, flags=re.IGNORECASE))
    verb = GOAL_VERB_RE.match(re.sub(r"^(?:['’]s)?\s*(?:\w+\s+){0,2}?", "", tail)) or \
        re.match(r"\s*(?:then\s+)?(?:scored|netted|headed|struck|fired|slotted|tapped|curled|"
                 r"lashed|rolled|smashed|drove|poked|volleyed|converted|added|pulled|equali[sz]ed|"
                 r"levell?ed|made it|doubled|opened|completed|bundled|glanced|nodded)\b", tail)
    credited = re.search(r"\b(?:goal|strike|header|penalty|brace|hat-trick)s?\s+(?:from|by)\s+$", head)
    owned = re.match(r"['’]s\s+(?:\w+\s+){0,2}?(?:own goal|goal|strike|header|penalty|winner|"
                     r"equali[sz]er|opener|brace|hat-trick|finish|effort)\b", tail)
    return bool((opens and verb) or credited or owned)


def goal_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Goal claims of a sentence: who scored which goal, when, and how."""
    out: list[Claim] = []
    conceding_subject = ctx.subject
    goalish = bool(_GOALISH.search(text))
    pending: When | None = None
    after_goal = False  # the clause before named a goal
    for clause in _clauses(text):
        if _BOTH_GOALS.search(clause):
            out += _all_goals_claim(ctx, index, clause)
            continue
        role_m = _ROLE_RE.search(clause)
        if role_m and role_m.group(1).lower() in ("level",) and not re.search(
                r"\b(?:headed|drew|brought|pulled|fired|put)\b[^.]{0,30}\blevel\b", clause):
            role_m = None
        if role_m and _AGAIN.search(clause) and role_m.group(1).lower() in (
                "took the lead", "went ahead", "went in front", "were in front"):
            role_m = None
        if role_m and role_m.group(1).lower() == "opener" and not _MATCH_OPENER.search(clause):
            role_m = None  # "a breathless Group B opener": the first match, not the first goal
        if _NOT_A_GOAL.search(clause) and not role_m:
            continue
        verb_m = GOAL_VERB_RE.search(clause)
        names = names_in(clause, ctx)
        scorer_names = [n for n in names if match_player(n, ctx.scorers) is not None]
        when = read_minute(clause, ctx.match.extra_time)
        noun = _GOAL_NOUN.search(clause)
        trigger = (role_m or (verb_m and (names or when)) or (scorer_names and (goalish or when))
                   or (noun and when is not None and when.after is None))
        if not trigger:
            if when is not None and when.after is None and not after_goal:
                pending = when  # "in first-half stoppage time, Rivaldo ... and Ronaldo"
            # a time right after a goal ("Messi scored twice, in the 23rd minute and in extra
            # time, and Di María ...") is that goal's, never the next one's
            after_goal = after_goal and when is not None
            continue
        after_goal = True
        if when is None and pending is not None:
            when, pending = pending, None
        if not role_m and not names and when is not None and when.after is not None and not verb_m:
            continue
        hypothetical = _HYPOTHETICAL.search(clause) or _HYPOTHETICAL_SENTENCE.search(text)
        if scorer_names:
            names = scorer_names + [n for n in names if n not in scorer_names]
        params: dict[str, Any] = {"names": names, "when": when, "clause": clause}
        if role_m:
            params["role"] = role_m.group(1)
        params["penalty"] = bool(_PENALTY.search(clause))
        params["own_goal"] = bool(_OWN_GOAL.search(clause))
        params["late"] = bool(_LATE.search(clause))
        if verb_m and verb_m.group(1).lower().startswith("conced") and conceding_subject:
            params["conceded_by"] = conceding_subject
        claim = Claim("goal", index, clause.strip(" ."), _statement(params), params)
        out.append(claim)
        time_claim = _verify(ctx, claim)
        for c in (claim, time_claim):
            if c is None:
                continue
            if hypothetical and c.verdict == CONTRADICTED:
                c.unclear(f"the sentence speaks of a goal that did not stand or did not happen "
                          f"(\"{hypothetical.group(0)}\")", c.data_value, c.provenance)
            elif hypothetical and c.verdict == SUPPORTED and not scorer_names:
                c.unclear(f"the sentence may speak of a chance, not a goal "
                          f"(\"{hypothetical.group(0)}\")", c.data_value, c.provenance)
        if time_claim is not None:
            out.append(time_claim)
        count_m = _COUNT.search(clause)
        if count_m and names:
            i = clause.find(names[0])
            ok = i >= 0 and i + len(names[0]) <= count_m.start()
            between = clause[i + len(names[0]): count_m.start()] if ok else "x" * 99
            if 0 <= len(between) <= 40 and not re.search(r"\b(?:win|won|title|champion|cup)\w*",
                                                          between, re.IGNORECASE):
                out.append(_count_claim(ctx, index, names[0], count_m.group(0), clause))
    return out


_BOTH_GOALS = patterns.compile(r"\b(?:both|all (?:two|three|four|five|six|\d) (?:of the )?|the|all the) goals "
                         r"(?:came|were scored|arrived|fell)\b", re.IGNORECASE)


def _clauses(text: str) -> list[str]:
    """The clauses of a sentence; a clause that only gives a time ("a minute before the
    interval, Ronaldo's drive squirmed in") is joined to the next one."""
    out: list[str] = []
    carry = ""
    for clause in _CLAUSE_SPLIT.split(text):
        when = read_minute(clause)
        rest = clause.replace(when.span, "") if when is not None else clause
        words = len(re.findall(r"[A-Za-z]+", rest))
        if (when is not None and words <= 3) or (
                words <= 4 and not _ROLE_RE.search(clause) and not GOAL_VERB_RE.search(clause)):
            carry = f"{carry}{clause}, "  # a time or a name alone, or an aside: joined on
            continue
        out.append(carry + clause)
        carry = ""
    if carry:
        out.append(carry.rstrip(", "))
    return out


def _all_goals_claim(ctx: Ctx, index: int, clause: str) -> list[Claim]:
    """"Both goals came in stoppage time": every goal of the match fits the time."""
    when = read_minute(clause, ctx.match.extra_time)
    tl = ctx.mf.timeline
    if when is None or when.after is not None:
        return []
    claim = Claim("goal_minute", index, clause.strip(" ."), f"every goal came {when.label}", {})
    if not tl.known:
        return [claim.uncheckable("the data has no complete, timed goal list for this match")]
    listing = "; ".join(goal_text(g) for g in tl.goals)
    if all(g.minute is not None and when.fits(g.minute) for g in tl.goals):
        return [claim.supported(tl.provenance, listing, f"The goals: {listing}.")]
    return [claim.unclear(f"not every goal came {when.label}", listing, tl.provenance)]


def _statement(p: dict[str, Any]) -> str:
    parts = [f"the {str(p['role']).lower()}" if "role" in p else "a goal"]
    if p["names"]:
        parts.append(f"was scored by {p['names'][0]}")
    when: When | None = p["when"]
    if when is not None:
        parts.append(when.label if when.after is None else f"{when.after} minutes after the "
                     "previous goal mentioned")
    if p["penalty"]:
        parts.append("from the penalty spot")
    if p["own_goal"]:
        parts.append("as an own goal")
    if "conceded_by" in p:
        parts.append(f"against {p['conceded_by']}")
    return " ".join(parts)


def _count_claim(ctx: Ctx, index: int, name: str, words: str, clause: str) -> Claim:
    """"X scored twice" / "a hat-trick": the player scored at least that many goals."""
    n = _COUNT_N.get(words.lower().replace("his ", "").replace("her ", ""), 3)
    claim = Claim("goal_count", index, f"{name} {words}", f"{name} scored at least {n} goals",
                  {"name": name, "n": n})
    tl = ctx.mf.timeline
    if not tl.goals:
        return claim.uncheckable("the data has no goal list for this match")
    player = match_player(name, ctx.scorers)
    scored = [g for g in tl.goals if player is not None and g.scorer == player.player
              and not g.own_goal]
    value = f"{player.player if player else name} scored {len(scored)}: " + (
        ", ".join(goal_text(g) for g in scored) or "none")
    if len(scored) >= n:
        return claim.supported(tl.provenance, value)
    if player is None and not names_the_scorer(clause, name):
        return claim.unclear(f"{name} is not among the match's scorers, but the sentence may "
                             "not say that they scored", value, tl.provenance)
    return claim.contradicted(value, tl.provenance)


def _verify(ctx: Ctx, claim: Claim) -> Claim | None:
    """Give ``claim`` its verdict; return the claim about the goal's time, when it is one of
    its own."""
    p = claim.params
    tl = ctx.mf.timeline
    prov = tl.provenance
    names: list[str] = p["names"]
    when: When | None = p["when"]
    if not tl.goals:
        total = ctx.match.home_score + ctx.match.away_score
        if total == 0 and ctx.match.shootout_winner is not None:
            claim.unclear("the match ended 0-0 and went to penalties: the words may be about "
                          "the shoot-out", "no goals: the match ended 0-0", prov)
        elif total == 0:
            claim.contradicted("no goals: the match ended 0-0", prov,
                               "The match ended 0-0: there was no goal.")
        else:
            claim.uncheckable("the data has no goal list for this match")
        ctx.goal_claims.append((claim, None))
        return None
    candidates = ctx.goals
    role_label = None
    clause = str(p.get("clause", ""))
    if "role" in p:
        role_label, role_goals = _role_goals(ctx, str(p["role"]))
        if not role_goals:
            what = "the match was drawn" if ctx.match.winner is None and role_label == "winner" else (
                f"no goal of the match was the {role_label}")
            claim.contradicted(f"{what} (goals: {'; '.join(goal_text(g) for g in ctx.goals)})", prov)
            ctx.goal_claims.append((claim, None))
            return None
        candidates = role_goals
    sure = "role" in p
    identity: str | None = None  # who scored, when the words name the wrong player
    if names:
        # of several names, the one who scored a goal that fits the role, else the first scorer
        fit = [n for n in names if any(
            (pl := match_player(n, ctx.scorers)) is not None and g.scorer == pl.player
            for g in candidates)]
        timely = [n for n in fit if when is not None and when.after is None and any(
            (pl := match_player(n, ctx.scorers)) is not None and g.scorer == pl.player
            and g.minute is not None and when.fits(g.minute) for g in candidates)]
        fit = timely + [n for n in fit if n not in timely]  # "X's goal was cancelled out by Y in the 67th"
        if fit:
            names = fit + [n for n in names if n not in fit]
            p["names"] = names
        player = match_player(names[0], ctx.scorers)
        plain = names_the_scorer(clause, names[0])
        if player is None and not tl.complete:
            claim.uncheckable(f"{names[0]} is not in the data's goal list, which is incomplete "
                              "for this match")
            ctx.goal_claims.append((claim, None))
            return None
        by_player = [g for g in candidates if player is not None and g.scorer == player.player]
        described = "; ".join(goal_text(g) for g in candidates)
        if by_player:
            candidates = by_player
            sure = sure or plain
        elif plain and player is None and (alike := [
                s for s in dict.fromkeys(g.scorer for g in candidates) if resembles(names[0], s)]):
            claim.unclear(f"{names[0]} is not a scorer's name in the data, but is close to "
                          f"{', '.join(alike)}'s", described, prov)
            ctx.goal_claims.append((claim, None))
            return None
        elif plain:
            label = f"the {role_label}" if role_label else "the goals"
            identity = (f"{names[0]} did not score in this match ({label}: {described})"
                        if player is None else f"the {role_label} was scored by {described}, "
                        f"not {player.player}")
        elif "role" in p or when is not None:
            names = []  # "from an Andrea Pirlo corner": not the scorer; the role or time tells
        else:
            claim.unclear(f"{', '.join(names)} did not score this goal, but the sentence may not "
                          "say that they did", described, prov)
            ctx.goal_claims.append((claim, None))
            return None
    target = _pick(ctx, candidates, when)
    ctx.goal_claims.append((claim, target))
    if target.minute is None and when is not None:
        claim.uncheckable("the data gives no minute for this goal")
        return None
    m = target.minute
    problems: list[str] = []
    timing: list[str] = []
    notes: list[str] = []
    time_doubt: str | None = None
    if when is not None and m is not None:
        if when.after is not None:
            ref = _previous_goal(ctx, claim, target)
            # "two minutes later" may count from the goal named before or from the goal just
            # before this one in the match (a sentence can name two goals, or skip one)
            before = [g for g in ctx.goals if g.order < target.order and g.minute is not None]
            if before and (ref is None or ref.minute is None
                           or abs(m - ref.minute - when.after) > 1) \
                    and abs(m - (before[-1].minute or 0) - when.after) <= 1:
                ref = before[-1]
            if ref is None or ref.minute is None:
                time_doubt = "no earlier goal in the article to measure 'later' from"
            else:
                gap = m - ref.minute
                if abs(gap - when.after) > 1:
                    timing.append(f"it came {gap} minutes after the goal in the "
                                  f"{ordinal(ref.minute)} minute ({ref.minute}' to {m}')")
                else:
                    notes.append(f"{ref.minute}' to {m}'")
        elif when.fits(m):
            if m in STOPPAGE_MINUTES and (when.exact or 0) > m:
                notes.append(f"the data records stoppage-time goals at minute {m}")
        elif when.near_miss(m):
            time_doubt = (f"'{when.span}' is loose and the goal came in the {ordinal(m)} minute; "
                          f"read strictly it means minutes {when.lo} to {when.hi}")
        else:
            near = when.exact is not None and abs(m - when.exact) <= 3
            if sure or near:
                timing.append(f"it was scored in the {ordinal(m)} minute, not {when.label}")
            else:
                claim.unclear(f"no goal fits '{when.span}' and the words do not say which goal "
                              "is meant", "; ".join(goal_text(g) for g in ctx.goals), prov)
                return None
    if p.get("late") and m is not None and m < LATE_MINUTE:
        timing.append(f"it was scored in the {ordinal(m)} minute, before the last 20 minutes")
    if p.get("penalty") and not target.penalty and sure and re.search(
            r"\b(?:penalty|spot-kick|from the spot|pen)\b", clause, re.IGNORECASE) and not re.search(
            r"\b(?:won|earned|conceded|gave away|awarded|box|area)\b", clause, re.IGNORECASE):
        problems.append("it was not a penalty")
    if p.get("own_goal") and not target.own_goal and sure:
        problems.append("it was not an own goal")
    if "conceded_by" in p and target.team == p["conceded_by"]:
        problems.append(f"it was scored by {target.team}, not against them")
    value = f"{goal_text(target)}, {target.home_score}-{target.away_score}"
    if role_label:
        value = f"the {role_label}: {value}"
    if identity is not None:
        problems.insert(0, identity)
    note = f" ({'; '.join(notes)})" if notes else ""
    time_claim = None
    if identity is not None and "role" not in p:
        timing = []  # the goal is not identified: its time cannot be judged
    if when is not None and (names or "role" in p):
        # the time is its own claim: the scorer can be right and the minute wrong
        i = claim.text.find(when.span)
        if i >= 0:
            left, right = claim.text[:i].strip(" ,"), claim.text[i + len(when.span):].strip(" ,")
            who = names[0] if names else str(p.get("role", ""))
            claim.text = left if (who in left or len(left) >= len(right)) and left else right
        time_claim = Claim("goal_minute", claim.sentence, when.span,
                           f"the goal ({goal_text(target)}) came {when.label}",
                           {"minute": m})
        if timing:
            time_claim.contradicted(f"{value}; " + "; ".join(timing), prov,
                                    f"The data: {value}; " + "; ".join(timing) + ".")
        elif time_doubt is not None:
            time_claim.unclear(time_doubt, value, prov)
        else:
            time_claim.supported(prov + note, value, f"The data: {value}{note}.")
    else:
        problems += timing
    if problems:
        claim.contradicted(f"{value}; " + "; ".join(problems), prov,
                           f"The data: {value}; " + "; ".join(problems) + ".")
    else:
        claim.supported(prov + note, value, f"The data: {value}{note}.")
    return time_claim


def _pick(ctx: Ctx, candidates: list[Goal], when: When | None) -> Goal:
    used = {id(g) for _, g in ctx.goal_claims if g is not None}
    if when is not None and when.after is not None:
        refs: list[Goal] = [g for _, g in ctx.goal_claims if g is not None]
        ref = refs[-1] if refs else None
        if ref is not None and ref.minute is not None:
            aim = ref.minute + when.after
            later = [g for g in candidates if g.order > ref.order]
            if later:
                return min(later, key=lambda g: abs((g.minute or 0) - aim))
        return candidates[0]
    if when is not None:
        fitting = [g for g in candidates if g.minute is not None and when.fits(g.minute)]
        if fitting:
            fresh = [g for g in fitting if id(g) not in used]
            return (fresh or fitting)[0]
        return min(candidates, key=lambda g: abs((g.minute or 0) - when.target))
    fresh = [g for g in candidates if id(g) not in used]
    return (fresh or candidates)[0]


def _previous_goal(ctx: Ctx, claim: Claim, target: Goal | None = None) -> Goal | None:
    """The goal named before ``claim`` ("N minutes later" counts from it): the latest earlier
    goal claim about another, earlier goal."""
    for c, g in reversed(ctx.goal_claims):
        if c is claim or g is None or g is target:
            continue
        if target is not None and g.order >= target.order:
            continue
        found: Goal = g
        return found
    return None
