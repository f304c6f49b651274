"""Rules for what happened on the pitch: result, score, goals, minutes, comebacks.

Conventions stated in the evidence of each verdict:
- "after N minutes" is satisfied by a goal in minute N - 1 to N + 1;
- "late" means from the 70th minute on (the last 20 minutes of normal time);
- stoppage time is recorded by the data as minute 45 or 90 (105/120 in extra time), so a
  stoppage-time claim is supported by a goal in those minutes and contradicted otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.names import NOT_NAMES, PERSON_RE, match_player
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.report import CONTRADICTED, Claim
from scoreline.writing.facts.timeline import Goal
from scoreline.writing.facts.wording import ordinal

LATE_MINUTE = 70
STOPPAGE_MINUTES = (45, 90, 105, 120)

_ROLE_RE = re.compile(
    r"\b(opener|opening goal|first goal|equali[sz]er|equali[sz]ing goal|leveller|levelling goal|"
    r"winner|winning goal|decider|match-winner|second goal|third goal|fourth goal|fifth goal|"
    r"consolation(?: goal)?|(?:a|the) (?:second|third|fourth|fifth|sixth|seventh)"
    r"(?=\s+(?:into|in|with|from|to|for|past|on|at|after|before|just|as|and|when|off|"
    r"through|under|over|inside|via|goal)\b|\s*[,.;:!]|\s*$)|"
    r"opened the scoring|opens the scoring|levell?ed|levels|equali[sz]ed|equali[sz]es)"
    r"\b(?!\s+of\b)", re.IGNORECASE)
_GOAL_VERB_RE = re.compile(
    r"\b(scor(?:ed|es|ing)|nett(?:ed|ing)|nets|struck|strikes|head(?:ed|s) (?:in|home)|"
    r"fir(?:ed|es) (?:in|home)|convert(?:ed|s)|slott(?:ed|s)|tapp(?:ed|s) in|volley(?:ed|s)|"
    r"curl(?:ed|s)|pok(?:ed|es)|bundl(?:ed|es)|equali[sz](?:ed|es)|conced(?:ed|ing|es)|"
    r"levell?(?:ed|s)|drew \w+ level|"
    r"open(?:ed|s) the scoring|pull(?:ed|s) one back|doubl(?:ed|es) the lead|"
    r"found the (?:back of the )?net|put \w+(?: \w+)? (?:ahead|in front)|"
    r"gave \w+(?: \w+)? (?:the lead|a \d-\d lead|the advantage)|added (?:a|the|another)|"
    r"completed (?:his|her) hat-trick|made it \d-\d|"
    r"(?:lash|roll|smash|drive|drove|rifl|blast|hammer|sweep|slid|slide|stabb|prodd|chipp|lobb|"
    r"steer|side-foot|nodd|glanc|flick|drill|thump|whipp|bend|turn|head|fir|tapp|pok|squeez|"
    r"rattl|crash|bundl|dink|clipp|guid|sidefoot|stroke|stroked)(?:ed|s|ing|e|es)?\s+"
    r"(?:(?:it|the ball|\w+'s \w+(?: \w+)?)\s+)?(?:in\b|home\b|into (?:the|his|her|an|a) "
    r"(?:own )?(?:net|goal|roof|top|bottom|corner|far|near)|past\b)|signed by|goal (?:from|by)|"
    r"(?:on|onto) the (?:scoresheet|score sheet)|got the (?:decisive|final) touch)\b", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(
    r",\s+|;\s+|\s+before\s+|\s+and then\s+|\s+then\s+|\s+while\s+|\s+whilst\s+|\s+but\s+|"
    r"\s+after\s+(?=[A-Z])|\s+and\s+(?=[A-Z][\w'-]+\s+(?:[A-Z]|scored|netted|added))")
_ABS_MINUTE = [
    re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)[- ]minute\b", re.IGNORECASE),
    re.compile(r"\bminute (\d{1,3})\b", re.IGNORECASE),
    re.compile(r"\bon (\d{1,3}) minutes\b", re.IGNORECASE),
    re.compile(r"(?<![\d-])(\d{1,3})(?:\+(\d{1,2}))?\s*(?:'|’|′|mins?\b)"),
]
_APPROX_MINUTE = re.compile(rf"\bafter (?:just |only |barely )?({NUMBER_RE}) minutes?\b(?! (?:later|after))",
                            re.IGNORECASE)
_WITHIN_MINUTE = re.compile(rf"\b(?:inside|within) (?:the first )?({NUMBER_RE}) minutes?\b(?! of each other)",
                            re.IGNORECASE)
_ANCHORED = re.compile(
    rf"\b({NUMBER_RE}) minutes? (after|before|into) (the break|half-time|half time|the interval|"
    rf"the restart|the second half|the end|full-time|full time)\b", re.IGNORECASE)
_RELATIVE = re.compile(rf"\b({NUMBER_RE}) minutes? (later|after|afterwards|on)\b(?!\s+(?:the|half))",
                       re.IGNORECASE)
_STOPPAGE = re.compile(r"\b(stoppage|injury|added)[- ]time\b|\b(?:45|90)\s*\+\s*\d", re.IGNORECASE)
_HALF = re.compile(r"\b(first|second)[- ]half\b|\bextra[- ]time\b", re.IGNORECASE)
_PENALTY = re.compile(r"\bpenalty\b|\bspot[- ]kick\b|\bfrom the spot\b|\bfrom the penalty spot\b",
                      re.IGNORECASE)
_OWN_GOAL = re.compile(r"\bown[- ]goal\b|\bown net\b|\bput through his own\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:thought|believed|looked like|would have|almost|nearly|ruled out|disallowed|"
    r"cancell?ed|chalked off|struck off|denied|until|could have|should have|saved|"
    r"off the line|hit the (?:post|bar|woodwork))\b", re.IGNORECASE)
_LATE = re.compile(r"\blate\b", re.IGNORECASE)
_GOAL_NOUN = re.compile(r"\b(goal|penalty|strike|header|volley|finish|effort|spot-kick|tap-in)\b",
                        re.IGNORECASE)
_COUNT = re.compile(r"\b(twice|two goals|a brace|(?:a |his |her )?hat-trick|three times|three goals|"
                    r"four goals|four times)\b", re.IGNORECASE)
_COUNT_N = {"twice": 2, "two goals": 2, "a brace": 2, "three times": 3, "three goals": 3,
            "four goals": 4, "four times": 4}
_SCORE_RE = re.compile(r"(?<![\d.-])(\d{1,2})\s*[-–—]\s*(\d{1,2})(?![\d-])")
_RUNNING_MARKERS = re.compile(
    r"\b(kept the score|keep the score|led|leading|lead|trail(?:ed|ing)?|down to|went|at|"
    r"half[- ]time|at the break|behind|ahead|level|up|down)\b", re.IGNORECASE)
_FINAL_MARKERS = re.compile(
    r"\b(win|won|wins|beat|beating|victory|defeat|defeated|lost|loss|triumph|thrash\w*|"
    r"drew|draw|final score|finished|ended)\b", re.IGNORECASE)
_WINDOW = re.compile(
    rf"\b(?:({NUMBER_RE}) goals? )?(?:\w+ ){{0,3}}?in the space of ({NUMBER_RE}) minutes\b|"
    rf"\b({NUMBER_RE}) goals? in ({NUMBER_RE}) minutes\b|"
    rf"\bwithin ({NUMBER_RE}) minutes of each other\b", re.IGNORECASE)
_LATE_GOALS = re.compile(rf"\b({NUMBER_RE}) late goals\b", re.IGNORECASE)
_COMEBACK = re.compile(
    r"\bcome-?back\b|\bcame from behind\b|\bcome from behind\b|\bfought back\b|"
    r"\bfrom (?:a goal|(\w+) goals) down\b|\bturned (?:the game|it|the match) around\b",
    re.IGNORECASE)
_WIN_OVER = re.compile(
    r"\b(?:win|wins|victory|victories|triumph|success|upset|rout|thrashing|defeat of|"
    r"beat|beating|defeated|defeating|stunned|stunning|stun|shocked|upsetting|edged|"
    r"overcame|thrashed|downed|routed|hammered|toppled|knocked out|eliminated)\s+"
    r"(?:over\s+|against\s+|of\s+)?(?:the\s+)?(?:mighty\s+|hosts\s+|holders\s+|champions\s+)?$",
    re.IGNORECASE)
_LOST_TO = re.compile(
    r"\b(?:defeat|defeats|loss|losses|lost|losing|fell|beaten|were beaten)\s+"
    r"(?:\w+\s+){0,2}?(?:to|against|by)\s+(?:the\s+)?$", re.IGNORECASE)
_DRAW = re.compile(r"\b(drew|draw with|draw against|stalemate|shared the points|goalless)\b",
                   re.IGNORECASE)


_MODAL = re.compile(r"\b(?:needed|need|needs|would|could|should|might|must|hoping|hoped|"
                    r"expected|wanted|try|tried|aim|aimed|chance to|bid to|to avoid)\b",
                    re.IGNORECASE)


def _num(text: str | None) -> int | None:
    return None if text is None else to_number(text)


def _goal_text(g: Goal) -> str:
    how = " (pen)" if g.penalty else (" (og)" if g.own_goal else "")
    minute = f" {g.minute}'" if g.minute is not None else ""
    return f"{g.scorer}{how} ({g.team}){minute}"


def _role_goals(ctx: Ctx, role: str) -> tuple[str, list[Goal]]:
    r = role.lower()
    goals = ctx.goals
    if r in ("opener", "opening goal", "first goal") or r.startswith("open"):
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


def _names(clause: str, ctx: Ctx) -> list[str]:
    teams = {m.surface for m in ctx.finder.find(clause)}
    out = []
    for raw in PERSON_RE.findall(clause):
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


def _stoppage_fold(minute: int) -> int:
    """The minute the data stores a goal at: stoppage time folds into 90 (and 120), and a
    first-half "47th minute" may be 45+2, stored at 45 — both readings are allowed."""
    if 90 < minute <= 100:
        return 90
    if 120 < minute <= 130:
        return 120
    return minute


def _names_the_scorer(clause: str, name: str) -> bool:
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
    verb = _GOAL_VERB_RE.match(re.sub(r"^(?:['’]s)?\s*(?:\w+\s+){0,2}?", "", tail)) or \
        re.match(r"\s*(?:then\s+)?(?:scored|netted|headed|struck|fired|slotted|tapped|curled|"
                 r"lashed|rolled|smashed|drove|poked|volleyed|converted|added|pulled|equali[sz]ed|"
                 r"levell?ed|made it|doubled|opened|completed|bundled|glanced|nodded)\b", tail)
    credited = re.search(r"\b(?:goal|strike|header|penalty|brace|hat-trick)s?\s+(?:from|by)\s+$", head)
    return bool((opens and verb) or credited)


def _minute_claim(clause: str) -> dict[str, Any]:
    """The time a clause gives for a goal: exact, approximate, anchored, relative, range."""
    for rx in _ABS_MINUTE:
        m = rx.search(clause)
        if m:
            minute = int(m.group(1))
            stoppage = rx.groups >= 2 and m.group(2) is not None
            return {"minute": minute, "stoppage": stoppage, "span": m.group(0)}
    m = _ANCHORED.search(clause)
    if m:
        n = to_number(m.group(1)) or 0
        anchor = m.group(3).lower()
        if "end" in anchor or "full" in anchor:
            return {"approx": 90 - n, "span": m.group(0)}
        base = 45
        return {"approx": base + n if m.group(2).lower() in ("after", "into") else base - n,
                "span": m.group(0)}
    m = _APPROX_MINUTE.search(clause)
    if m:
        return {"approx": to_number(m.group(1)), "span": m.group(0)}
    m = _WITHIN_MINUTE.search(clause)
    if m:
        return {"at_most": to_number(m.group(1)), "span": m.group(0)}
    m = _RELATIVE.search(clause)
    if m:
        return {"after": to_number(m.group(1)), "span": m.group(0)}
    m = _STOPPAGE.search(clause)
    if m:
        return {"stoppage": True, "span": m.group(0)}
    m = _HALF.search(clause)
    if m:
        return {"half": m.group(0).lower().replace("-", " "), "span": m.group(0)}
    return {}


def goal_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Goal claims of a sentence: who scored which goal, when, and how."""
    out: list[Claim] = []
    conceding_subject = ctx.subject
    for clause in _CLAUSE_SPLIT.split(text):
        role_m = _ROLE_RE.search(clause)
        verb_m = _GOAL_VERB_RE.search(clause)
        names = _names(clause, ctx)
        when = _minute_claim(clause)
        noun = _GOAL_NOUN.search(clause)
        if not role_m and not (verb_m and (names or when)) and not (noun and names and when):
            continue
        if not role_m and not names and set(when) <= {"span", "after"}:
            continue
        hypothetical = _HYPOTHETICAL.search(clause) or _HYPOTHETICAL.search(text)
        params: dict[str, Any] = {"names": names, "when": when, "clause": clause}
        if role_m:
            params["role"] = role_m.group(1)
        params["penalty"] = bool(_PENALTY.search(clause))
        params["own_goal"] = bool(_OWN_GOAL.search(clause))
        params["late"] = bool(_LATE.search(clause))
        if verb_m and verb_m.group(1).lower().startswith("conced") and conceding_subject:
            params["conceded_by"] = conceding_subject
        parts = []
        if role_m:
            parts.append(f"the {role_m.group(1).lower()}")
        else:
            parts.append("a goal")
        if names:
            parts.append(f"was scored by {names[0]}")
        if "minute" in when:
            parts.append(f"in the {ordinal(int(when['minute']))} minute")
        elif "approx" in when:
            parts.append(f"around the {ordinal(int(when['approx']))} minute")
        elif "after" in when:
            parts.append(f"{when['after']} minutes after the previous goal mentioned")
        elif "at_most" in when:
            parts.append(f"within {when['at_most']} minutes")
        elif when.get("stoppage"):
            parts.append("in stoppage time")
        elif "half" in when:
            parts.append(f"in the {when['half']}")
        if params["penalty"]:
            parts.append("from the penalty spot")
        if params["own_goal"]:
            parts.append("as an own goal")
        if "conceded_by" in params:
            parts.append(f"against {params['conceded_by']}")
        claim = Claim("goal", index, clause.strip(" ."), " ".join(parts), params)
        out.append(claim)
        _verify_goal(ctx, claim)
        if hypothetical and claim.verdict == CONTRADICTED:
            claim.unclear(f"the sentence speaks of a goal that did not stand or did not happen "
                          f"(\"{hypothetical.group(0)}\")", claim.data_value, claim.provenance)
        count_m = _COUNT.search(clause)
        if count_m and names:
            out.append(_count_claim(ctx, index, names[0], count_m.group(0)))
    return out


def _count_claim(ctx: Ctx, index: int, name: str, words: str) -> Claim:
    """"X scored twice" / "a hat-trick": the player scored at least that many goals."""
    n = _COUNT_N.get(words.lower(), 3)
    claim = Claim("goal_count", index, f"{name} {words}", f"{name} scored at least {n} goals",
                  {"name": name, "n": n})
    tl = ctx.mf.timeline
    if not tl.goals:
        return claim.uncheckable("the data has no goal list for this match")
    player = match_player(name, ctx.scorers)
    scored = [g for g in tl.goals if player is not None and g.scorer == player.player
              and not g.own_goal]
    value = f"{player.player if player else name} scored {len(scored)}: " + (
        ", ".join(_goal_text(g) for g in scored) or "none")
    if len(scored) >= n:
        return claim.supported(tl.provenance, value)
    return claim.contradicted(value, tl.provenance)


def _verify_goal(ctx: Ctx, claim: Claim) -> None:
    p = claim.params
    tl = ctx.mf.timeline
    prov = tl.provenance
    names: list[str] = p["names"]
    when: dict[str, Any] = p["when"]
    if not tl.goals:
        total = ctx.match.home_score + ctx.match.away_score
        if total == 0 and ctx.match.shootout_winner is not None:
            claim.unclear("the match ended 0-0 and went to penalties: the words may be about "
                          "the shoot-out", "no goals: the match ended 0-0", prov)
        elif total == 0:
            claim.contradicted("no goals: the match ended 0-0", prov)
        else:
            claim.uncheckable("the data has no goal list for this match")
        ctx.goal_claims.append((claim, None))
        return
    candidates = ctx.goals
    role_label = None
    if "role" in p:
        role_label, role_goals = _role_goals(ctx, str(p["role"]))
        if not role_goals:
            what = "the match was drawn" if ctx.match.winner is None and role_label == "winner" else (
                f"no goal of the match was the {role_label}")
            claim.contradicted(f"{what} (goals: {'; '.join(_goal_text(g) for g in ctx.goals)})", prov)
            ctx.goal_claims.append((claim, None))
            return
        candidates = role_goals
    player = None
    if names:
        scoring = [n for n in names if match_player(n, ctx.scorers) is not None]
        if scoring:
            names = scoring + [n for n in names if n not in scoring]
        elif not _names_the_scorer(str(p.get("clause", "")), names[0]):
            claim.unclear(f"{', '.join(names)} did not score in this match, but the sentence "
                          "may not say that they did", "; ".join(_goal_text(g) for g in candidates),
                          prov)
            ctx.goal_claims.append((claim, None))
            return
        player = match_player(names[0], ctx.scorers)
        if player is None and not tl.complete:
            claim.uncheckable(f"{names[0]} is not in the data's goal list, which is incomplete "
                              "for this match")
            ctx.goal_claims.append((claim, None))
            return
        if player is None:
            described = "; ".join(_goal_text(g) for g in candidates)
            label = f"the {role_label}" if role_label else "the goals"
            claim.contradicted(f"{names[0]} did not score in this match; {label}: {described}", prov)
            ctx.goal_claims.append((claim, candidates[0] if len(candidates) == 1 else None))
            return
        by_player = [g for g in candidates if g.scorer == player.player]
        if not by_player:
            described = "; ".join(_goal_text(g) for g in candidates)
            claim.contradicted(f"the {role_label} was {described}", prov)
            ctx.goal_claims.append((claim, candidates[0] if len(candidates) == 1 else None))
            return
        candidates = by_player
    target = _pick(candidates, when, ctx)
    ctx.goal_claims.append((claim, target))
    problems: list[str] = []
    notes: list[str] = []
    if target.minute is None and set(when) - {"span"}:
        claim.uncheckable("the data gives no minute for this goal")
        return
    m = target.minute
    if "minute" in when and m is not None:
        claimed = int(when["minute"])
        if when.get("stoppage") and claimed in (45, 90):
            if m not in STOPPAGE_MINUTES:
                problems.append(f"scored in the {ordinal(m)} minute, not in stoppage time")
        elif _stoppage_fold(claimed) == m and claimed != m:
            notes.append(f"the data records stoppage-time goals at minute {m}")
        elif claimed != m:
            problems.append(f"scored in the {ordinal(m)} minute")
    if "approx" in when and m is not None:
        a = int(when["approx"])
        if abs(m - a) > 1:
            problems.append(f"scored in the {ordinal(m)} minute")
        else:
            notes.append(f"{ordinal(m)} minute, within a minute of {a}")
    if "at_most" in when and m is not None and m > int(when["at_most"]):
        problems.append(f"scored in the {ordinal(m)} minute")
    if when.get("stoppage") and "minute" not in when and m is not None:
        if m in STOPPAGE_MINUTES or (m > 90 and not ctx.match.extra_time):
            notes.append(f"the data records it as minute {m}, where stoppage time is folded in")
        else:
            problems.append(f"scored in the {ordinal(m)} minute, not in stoppage time")
    if "half" in when and m is not None:
        half = str(when["half"])
        ok = (m <= 45) if half.startswith("first") else (45 < m <= 90) if half.startswith(
            "second") else m > 90
        if not ok:
            problems.append(f"scored in the {ordinal(m)} minute, not in the {half}")
    if "after" in when and m is not None:
        ref = _previous_goal(ctx, claim)
        if ref is None or ref.minute is None:
            notes.append("no earlier goal in the article to measure 'after' from")
        else:
            gap = m - ref.minute
            if gap != int(when["after"]):
                problems.append(f"came {gap} minutes after the goal in the {ordinal(ref.minute)} "
                                f"minute ({ref.minute}' to {m}')")
            else:
                notes.append(f"{ref.minute}' to {m}'")
    if p.get("late") and m is not None and m < LATE_MINUTE:
        problems.append(f"scored in the {ordinal(m)} minute, before the last 20 minutes")
    if p.get("penalty") and not target.penalty:
        problems.append("not a penalty")
    if p.get("own_goal") and not target.own_goal:
        problems.append("not an own goal")
    if "conceded_by" in p and target.team == p["conceded_by"]:
        problems.append(f"scored by {target.team}, not against them")
    value = f"{_goal_text(target)}, {target.home_score}-{target.away_score}"
    if role_label:
        value = f"the {role_label}: {value}"
    if problems:
        claim.contradicted(f"{value}; " + "; ".join(problems), prov)
    else:
        claim.supported(prov + (f" ({'; '.join(notes)})" if notes else ""), value)


def _in_range(g: Goal, when: dict[str, Any], ctx: Ctx) -> bool:
    m = g.minute
    if m is None:
        return True
    half = str(when.get("half", ""))
    if half.startswith("first"):
        return m <= 45
    if half.startswith("second"):
        return 45 < m <= 90
    if half.startswith("extra"):
        return m > 90
    if when.get("stoppage") and "minute" not in when:
        return m in STOPPAGE_MINUTES or (m > 90 and not ctx.match.extra_time)
    if "at_most" in when:
        return m <= int(when["at_most"])
    return True


def _pick(candidates: list[Goal], when: dict[str, Any], ctx: Ctx) -> Goal:
    fitting = [g for g in candidates if _in_range(g, when, ctx)]
    used = {id(g) for _, g in ctx.goal_claims if g is not None}
    fresh = [g for g in (fitting or candidates) if id(g) not in used]
    candidates = fresh or fitting or candidates
    want = when.get("minute") or when.get("approx")
    if want is not None:
        pool = fitting or candidates if "minute" in when else candidates
        return min(pool, key=lambda g: abs((g.minute or 0) - int(want)))
    if "after" in when:
        ref = ctx.goal_claims[-1][1] if ctx.goal_claims else None
        if ref is not None and ref.minute is not None:
            target = ref.minute + int(when["after"])
            later = [g for g in candidates if g.order > ref.order]
            if later:
                return min(later, key=lambda g: abs((g.minute or 0) - target))
    return candidates[0]


def _previous_goal(ctx: Ctx, claim: Claim) -> Goal | None:
    for c, g in reversed(ctx.goal_claims):
        if c is not claim:
            found: Goal | None = g
            return found
    return None


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
        if not pair_ok:
            claim.contradicted(data, prov_final, f"The match ended {data}.")
        elif ordered and m.goals_for(left[-1].team) != a:
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


_WIN_VERB = re.compile(r"\b(beat|beats|beating|defeated|defeating|thrashed|thrash|edged|edge|"
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


_SHOOTOUT_NEAR = re.compile(r"\bon pen(?:alties|s)\b|\bshoot-?out\b|\bspot-kicks\b|\bpenalties\b",
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
    team = ctx.subject or m.winner
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
    else:
        claim.contradicted(f"{team} trailed by at most {deficit} goal(s) and "
                           f"{'lost' if m.winner == m.opponent(team) else 'did not lose'}; "
                           f"scores in order: {path}", tl.provenance)
    return [claim]


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
        ", ".join(_goal_text(g) for g in late) or "none")
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
    span_txt = wm.group(2) or wm.group(4) or wm.group(5)
    n = to_number(n_txt) if n_txt else 2
    span = to_number(span_txt) if span_txt else None
    tl = ctx.mf.timeline
    team = next(iter(named)) if len(named) == 1 else (None if named else ctx.subject)
    claim = Claim("goal_window", index, wm.group(0),
                  f"{n} goals{' by ' + team if team else ''} within {span} minutes",
                  {"n": n, "minutes": span, "team": team})
    if span is None or n is None:
        return [claim.uncheckable("could not read the number of goals or minutes")]
    if not tl.known:
        return [claim.uncheckable("the data has no complete, timed goal list for this match")]
    goals = [g for g in tl.goals if team is None or g.team == team]
    best = None
    for i in range(len(goals) - n + 1):
        gap = (goals[i + n - 1].minute or 0) - (goals[i].minute or 0)
        if best is None or gap < best[0]:
            best = (gap, goals[i:i + n])
    if best is None:
        return [claim.contradicted(f"{team or 'the teams'} scored fewer than {n} goals", tl.provenance)]
    value = f"{best[0]} minute{'' if best[0] == 1 else 's'}: " + ", ".join(_goal_text(g) for g in best[1])
    if best[0] <= span:
        claim.supported(tl.provenance, value)
    else:
        claim.contradicted(f"the closest {n} goals were {value}", tl.provenance)
    return [claim]
