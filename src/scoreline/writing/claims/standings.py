"""Group standings: points, places, goal difference and who went through.

The group of a team is inferred from the data (``facts.tables.find_group``: the round-robin
its first matches of the edition form). Which table a sentence speaks of follows its words:
"finished", "topped", "won the group" read the final table; "going into the final day" the
table before the match; otherwise the table after the match day. Places between teams level
on points are unclear (the tie-breaks may go beyond goal difference), never contradicted.
Going through means playing a match of the edition after the group's last match.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from scoreline.data.types import Record
from scoreline.writing.claims import patterns
from scoreline.writing.claims.competitions import years_in
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.names import TeamMention
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.report import Claim
from scoreline.writing.facts.tables import group_table, table_provenance

_GROUPISH = patterns.compile(r"\b(?:points?|group|top|topped|tops|bottom|table|apiece|off the mark|"
                       r"went through|go through|qualif\w*|last 16|round of 16|knockout|"
                       r"exit\w*|bow out|bowed out|eliminated|knocked out|went out|crashed out|"
                       r"finished (?:first|second|third|fourth|"
                       r"top|bottom|last))\b", re.IGNORECASE)
_FINAL_TABLE = patterns.compile(r"\b(?:finish\w*|topped|ended|won the group|final table|top of the group|"
                          r"bottom of the group|went through|exit\w*|bow\w* out)\b", re.IGNORECASE)
_BEFORE = patterns.compile(r"\b(?:going into|before the|ahead of the final|needed)\b", re.IGNORECASE)
_POINTS = patterns.compile(rf"\b(?:on|with|have|has|had|took|collected)\s+({NUMBER_RE})(?:\s+points?|\s+pts)?\b|"
                     rf"\b({NUMBER_RE})\s+points?\b", re.IGNORECASE)
_ZERO = patterns.compile(r"\bwithout a point\b|\byet to get off the mark\b|\bno points\b|\bpointless\b",
                   re.IGNORECASE)
_APIECE = patterns.compile(rf"\b({NUMBER_RE})\s+(?:apiece|each)\b|\b({NUMBER_RE})\s+points?\s+(?:apiece|each)\b",
                     re.IGNORECASE)
_PLACE = patterns.compile(
    r"\b(?P<first>top(?:ped|s)?|lead(?:s)?|led|(?<!their )(?<!his )(?<!the )(?<!a )head(?:s|ed)?|"
    r"won the group|finished (?:on )?top|"
    r"on top|first)\b|\b(?P<second>second|runners?-up)\b|\b(?P<third>third)\b|"
    r"\b(?P<last>bottom|last|fourth)\b", re.IGNORECASE)
_THROUGH = patterns.compile(r"\b(?:went through|go through|goes through|qualif(?:y|ied|ies)|advanced|"
                      r"joined \w+ in the (?:knockout|last 16)|into the (?:knockout|last 16|round of 16)|"
                      r"reach(?:ed)? the (?:last 16|round of 16|knockout))\b", re.IGNORECASE)
_OUT = patterns.compile(r"\b(?:exit\w*|bow(?:ed)? out|eliminated|knocked out|went out|go out|crashed out|"
                  r"not enough to (?:take|send|put|see)|packing their bags)\b", re.IGNORECASE)
#: What may stand between a team and its place: "Spain second", "Spain, in second",
#: "Spain finished second", "Spain were runners-up".
_NAMED_PLACE_GAP = patterns.compile(r"\s*,?\s*(?:(?:were|was|are|is|in|finish\w*|end\w*|came|placed|"
                              r"as|the)\s+)*", re.IGNORECASE)
_AHEAD = patterns.compile(r"\b(ahead of|behind|above|below)\s+(?:the\s+)?$", re.IGNORECASE)


def _groups(ctx: Ctx) -> tuple[dict[str, list[str]], list[str] | None]:
    """Every round-robin group of the edition by team (the rule of ``facts.tables.find_group``
    run once over plain lists), and the reported match's group (None for a later round)."""
    e = ctx.mf.edition
    key = f"groups:{e.label}"
    if key not in ctx._cache:
        firsts: dict[str, list[str]] = {}
        for h, a in zip(e.matches["home_team"].tolist(), e.matches["away_team"].tolist(),
                        strict=True):
            firsts.setdefault(h, []).append(a)
            firsts.setdefault(a, []).append(h)
        by_team: dict[str, list[str]] = {}
        for size in (4, 3, 5, 6):
            for team, opps in firsts.items():
                if team in by_team or len(opps) < size - 1:
                    continue
                group = {team, *opps[: size - 1]}
                if len(group) == size and all(
                        set(firsts.get(t, [])[: size - 1]) == group - {t} for t in group):
                    for t in group:
                        by_team[t] = sorted(group)
        m = ctx.match
        own = by_team.get(m.home_team)
        own_ok = own is not None and m.away_team in own and m.away_team in firsts[m.home_team][
            : len(own) - 1]
        ctx._cache[key] = (by_team, own if own_ok else None)
    found: tuple[dict[str, list[str]], list[str] | None] = ctx._cache[key]
    return found


def _group_of(ctx: Ctx, team: str) -> list[str] | None:
    """The group of ``team`` in the edition (None outside a finals tournament)."""
    if not ctx.mf.edition.is_finals:
        return None
    by_team, own = _groups(ctx)
    ctx._cache[f"group_stage_over:{ctx.mf.edition.label}"] = own is None
    return by_team.get(team)


def _went_through(ctx: Ctx, team: str, group: list[str]) -> bool:
    frame = ctx.mf.edition.matches
    games = frame[frame["home_team"].isin(group) & frame["away_team"].isin(group)]
    last_group_day = games["date"].max()
    later = frame[((frame["home_team"] == team) | (frame["away_team"] == team))
                  & (frame["date"] > last_group_day)]
    return not later.empty


def _through(ctx: Ctx, text: str, group: list[str]) -> tuple[dt.date, str]:
    m = ctx.match
    over = ctx._cache.get(f"group_stage_over:{ctx.mf.edition.label}", False)
    if _BEFORE.search(text) and not over:
        return m.date - dt.timedelta(days=1), "before this match"
    if _FINAL_TABLE.search(text) or over:
        frame = ctx.mf.edition.matches
        games = frame[frame["home_team"].isin(group) & frame["away_team"].isin(group)]
        return pd.Timestamp(games["date"].max()).date(), "in the final group table"
    return m.date, "after this match day"


def _table_text(rows: list[Record]) -> str:
    return ", ".join(f"{i}. {r.team} {r.points} pts (GD {r.goal_difference:+d})"
                     for i, r in enumerate(rows, start=1))


#: What a team does in a standings clause: "Iran top Group B", "Mexico still went through".
_STAND_VERB = patterns.compile(
    r"\s*(?:,\s*who\b[^,]*,\s*)?(?:(?:also|still|already|now|then|had|have|has|duly|only)\s+)*"
    r"(?:are|is|were|was|have|has|had|finished|finish|finishes|top|topped|tops|lead|leads|led|"
    r"sit|sits|sat|stay|stayed|remain|remained|went|go|goes|bow|bowed|exit|exited|joined|"
    r"qualified|advanced|ended|end|head|heads|headed|won the group|came|come)\b", re.IGNORECASE)
_BOTH = patterns.compile(r"\b(?:both teams|both sides|the two teams|both)\s+(?=exit|bow|go|went|are|were)",
                   re.IGNORECASE)


def _subjects(ctx: Ctx, text: str) -> list[tuple[list[str], int, int]]:
    """``(teams, start, end)`` of each clause whose subject is a team (or "both teams"):
    the predicate runs from the subject to the next subject."""
    mentions = [x for x in ctx.finder.find(text)
                if not re.search(r"\b(?:in|at)\s+$", text[max(0, x.start - 4): x.start])]
    starts: list[tuple[list[str], int, int]] = []
    k = 0
    while k < len(mentions):
        x = mentions[k]
        lead = text[: x.start]
        opens = not lead.strip(" -–•*") or re.search(
            r"(?:[,;]\s*(?:and\s+|but\s+|while\s+)?|\s(?:and|but|while|as|so|after)\s+|^)"
            r"(?:the\s+|The\s+)?$", lead) is not None
        group = [x]
        while k + 1 < len(mentions) and re.fullmatch(r"\s*(?:and|,)\s*",
                                                     text[group[-1].end: mentions[k + 1].start]):
            group.append(mentions[k + 1])
            k += 1
        if opens and _STAND_VERB.match(text, group[-1].end):
            starts.append(([g.team for g in group], x.start, group[-1].end))
        k += 1
    both = _BOTH.search(text)
    if both:
        starts.append((list(ctx.match.teams), both.start(), both.end()))
    # "Peru shock Brazil 1-0 but go out": a predicate with no subject of its own
    lone = re.search(r"\b(?:but|and)\s+(?=(?:bow|exit|went|go|are|were|finish)\w*\b)", text)
    if lone and ctx.subject and not any(a <= lone.start() <= a + 40 for _, a, _ in starts):
        starts.append(([ctx.subject], lone.start(), lone.end()))
    starts.sort(key=lambda t: t[1])
    out = []
    for i, (teams, _a, b) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        out.append((teams, b, end))
    return out


def standing_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Points, places and qualification claims of a sentence about a group."""
    if not _GROUPISH.search(text) or set(years_in(_SINCE_YEAR.sub("", text))) - {
            ctx.match.date.year}:
        return []  # another edition's table or exit ("Germany went out in 2018")
    mentions = ctx.finder.find(text)
    out: list[Claim] = []
    for teams, a, b in _subjects(ctx, text):
        seg = re.sub(r"^\s*,\s*who\b[^,]*,", lambda m: " " * len(m.group(0)), text[a:b])
        for team in teams:
            group = _group_of(ctx, team)
            if group is None:
                continue
            through, when = _through(ctx, seg if _FINAL_TABLE.search(seg) else text, group)
            rows = group_table(ctx.mf.edition, group, through)
            pos = {r.team: i for i, r in enumerate(rows, start=1)}
            by_team = {r.team: r for r in rows}
            prov = table_provenance(ctx.mf.edition, through)
            table = _table_text(rows)
            t = TeamMention(team=team, start=a, end=a, surface="", alias=False)
            out += _points(ctx, index, t, seg, by_team, table, prov, when)
            if _group_words(ctx, seg):
                out += _place(ctx, index, t, seg, text[a:], rows, pos, table, prov, when,
                              [x for x in mentions if x.start >= a])
            out += _qualified(ctx, index, t, seg, group)
    return out


#: A year as a point of reference, not the time of the words: "for the first time since 1938".
_SINCE_YEAR = patterns.compile(r"\b(?:since|until|before|after)\s+(?:the\s+)?(?:\w+\s+)?(?:1[89]|20)\d\d\b",
                         re.IGNORECASE)
_GROUP_WORDS = patterns.compile(r"\b(?:group|table|points?|pool|standings)\b", re.IGNORECASE)


def _after_groups(ctx: Ctx) -> bool:
    """Whether the reported match was played after the group stage (a knockout match)."""
    return bool(ctx._cache.get(f"group_stage_over:{ctx.mf.edition.label}", False))


def _group_words(ctx: Ctx, seg: str) -> bool:
    """In a report of a knockout match, a place ("top", "second") or an exit speaks of the
    group only when the words name it: "Iceland eliminated them in the round of 16" is this
    match's doing."""
    return not _after_groups(ctx) or _GROUP_WORDS.search(seg) is not None


def _points(ctx: Ctx, index: int, t: TeamMention, seg: str, by_team: dict[str, Record],
            table: str, prov: str, when: str) -> list[Claim]:
    n: int | None = None
    words = ""
    if _ZERO.search(seg):
        n, words = 0, _ZERO.search(seg).group(0)  # type: ignore[union-attr]
    elif (ap := _APIECE.search(seg)) is not None:
        n, words = to_number(ap.group(1) or ap.group(2)), ap.group(0)
    elif (pm := _POINTS.search(seg)) is not None and not re.match(
            r"\s*(?:goals?|minutes?|matches|match|games?|wins?|draws?|defeats?)\b",
            seg[pm.end():]) and not (pm.group(1) and pm.group(1).lower() in ("a", "an")
                                     and not re.search(r"(?:points?|pts)$", pm.group(0))):
        # "with a game to spare" is no points total; "with a point" is
        n, words = to_number(pm.group(1) or pm.group(2)), pm.group(0)
    if n is None or t.team not in by_team:
        return []
    row = by_team[t.team]
    claim = Claim("standing", index, f"{t.surface}{seg[: seg.find(words) + len(words)]}".strip(),
                  f"{t.team} had {n} points ({when})", {"team": t.team, "points": n})
    value = f"{t.team} {row.points} points ({when}): {table}"
    if row.points == n:
        return [claim.supported(prov, value, f"{t.team} had {row.points} points {when}: {table}.")]
    return [claim.contradicted(value, prov, f"{t.team} had {row.points} points {when}, not {n}: "
                               f"{table}.")]


def _place(ctx: Ctx, index: int, t: TeamMention, seg: str, text: str, rows: list[Record],
           pos: dict[str, int], table: str, prov: str, when: str,
           mentions: list[TeamMention]) -> list[Claim]:
    out: list[Claim] = []
    pm = _PLACE.search(seg)
    if pm is not None and re.search(r"\b(?:minute|goal|half|time|round|match|game|leg|title|"
                                    r"world|cup|straight|successive|consecutive|win|victory|"
                                    r"defeat|loss|draw|appearance|meeting|final|semi|quarter|"
                                    r"string|season|edition|tournament)", seg[pm.end(): pm.end() + 16],
                                    re.IGNORECASE):
        pm = None  # "a second straight win", "their second match": not a place in the table
    who = t.team
    if pm is not None:
        # "Japan top the group, with Spain second": a place word right after another team is
        # that team's; after another team further back, nobody's for sure
        between = [x for x in mentions if x.start - t.start < pm.start() and x.team != t.team
                   and seg[x.start - t.start: x.end - t.start].strip()]  # not in a "who" clause
        if between:
            gap = seg[between[-1].end - t.start: pm.start()]
            if between[-1].team in pos and _NAMED_PLACE_GAP.fullmatch(gap):
                who = between[-1].team
            else:
                pm = None
    if pm is not None and who in pos:
        want = {"first": 1, "second": 2, "third": 3, "last": len(rows)}[pm.lastgroup or "first"]
        have = pos[who]
        claim = Claim("standing", index, f"{t.surface}{seg[: pm.end()]}".strip(),
                      f"{who} were placed {want} of {len(rows)} ({when})", {})
        row = rows[have - 1]
        level = [r.team for r in rows if r.points == row.points and r.team != who]
        value = f"{who} placed {have} ({when}): {table}"
        if have == want or (want == 1 and row.points == rows[0].points and
                            re.search(r"\blead", pm.group(0), re.IGNORECASE)):
            out.append(claim.supported(prov, value, f"{who} were {have} of {len(rows)} {when}: "
                                       f"{table}."))
        elif level and any(pos[o] == want for o in level):
            out.append(claim.unclear(f"{who} were level on points with {', '.join(level)}; "
                                     "the tie-break decides the place", value, prov))
        else:
            out.append(claim.contradicted(value, prov, f"{who} were {have} of {len(rows)} "
                                          f"{when}, not {want}: {table}."))
    for other in mentions:
        if other.start <= t.end or other.team not in pos or other.team == t.team:
            continue
        am = _AHEAD.search(text[t.end: other.start][-20:])
        if am is None:
            continue
        ahead = am.group(1).lower() in ("ahead of", "above")
        ok = (pos[t.team] < pos[other.team]) == ahead
        claim = Claim("standing", index, f"{am.group(0)}{other.surface}".strip(),
                      f"{t.team} {'ahead of' if ahead else 'behind'} {other.team} ({when})", {})
        value = f"({when}) {table}"
        out.append(claim.supported(prov, value) if ok else claim.contradicted(value, prov))
        break
    return out


def _qualified(ctx: Ctx, index: int, t: TeamMention, seg: str, group: list[str]) -> list[Claim]:
    th, ou = _THROUGH.search(seg), _OUT.search(seg)
    if th is None and ou is None:
        return []
    words = (th or ou).group(0)  # type: ignore[union-attr]
    said = th is not None and ou is None
    claim = Claim("standing", index, words, f"{t.team} {'went through' if said else 'went out'}",
                  {})
    if _group_words(ctx, seg):
        went = _went_through(ctx, t.team, group)
        stage = "the group stage"
    else:  # a knockout match: through or out is this match's result
        frame = ctx.mf.edition.matches
        went = not frame[((frame["home_team"] == t.team) | (frame["away_team"] == t.team))
                         & (frame["date"] > pd.Timestamp(ctx.match.date))].empty
        stage = f"this match ({ctx.match.date:%Y-%m-%d})"
    prov = ctx.mf.edition.provenance + f"; matches of {t.team} after {stage}"
    value = (f"{t.team} {'played on after' if went else 'played no match after'} {stage}")
    if went == said:
        return [claim.supported(prov, value, f"{value}.")]
    if re.search(r"\b(?:not|never|no)\b", seg[: seg.find(words)]):
        return [claim.unclear("the sentence may say the opposite", value, prov)]
    return [claim.contradicted(value, prov, f"{value}.")]
