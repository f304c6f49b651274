"""Candidate angles for a match story, each scored for newsworthiness.

Every angle rests on facts (its ``facts`` keys); the story leads with the best-scoring
angle and adds the next one that tells something different. Scores are on a 0-100
scale and only their order matters. They encode editorial judgement, stated here:

==================  ========================================================
final               95: a tournament final is always the story
upset               100 x (1 - 2p) for a winner with pre-match chance p < 0.5
comeback            50, +15 per extra goal of deficit, +10 if the winner came from 80'
late winner         55 from 85', 65 at 90' or later
rout                40 for a 4-goal margin, +6 per extra goal, +15 if a record
shoot-out           55
unbeaten run ended  30 + run / 2 (capped at 60)
hat-trick           45
first win over      30 + 3 per earlier meeting (capped at 45)
winless run ended   30 + 2 per match at the tournament without a win (capped at 50)
tournament debut    20
ordinary result     15 (a win), 20 (a score draw), 10 (0-0)
==================  ========================================================
"""

from __future__ import annotations

from dataclasses import dataclass

from scoreline.data.outcomes import DecidedBy
from scoreline.writing.facts.build import MatchFacts
from scoreline.writing.facts.timeline import Goal
from scoreline.writing.facts.wording import (
    long_date,
    number_word,
    ordinal,
    ordinal_word,
    percent,
)


@dataclass(frozen=True)
class Angle:
    """One way to tell the story of a match.

    Attributes
    ----------
    name : str
        ``"final"``, ``"upset"``, ``"comeback"``, ``"late_winner"``, ``"rout"``, ...
    score : float
        Newsworthiness, 0-100.
    headline : str
        A headline when this angle leads.
    sentence : str
        The lead sentence when this angle leads.
    support : str
        A shorter sentence when this angle comes second.
    facts : tuple of str
        Keys of the facts the angle rests on.
    """

    name: str
    score: float
    headline: str
    sentence: str
    support: str
    facts: tuple[str, ...]


def surname(name: str) -> str:
    """The last word of a player's name (``"Takuma Asano" -> "Asano"``)."""
    return name.split()[-1] if name.split() else name


def _score_for(mf: MatchFacts, first: str) -> str:
    m = mf.match
    other = m.opponent(first)
    return f"{m.goals_for(first)}-{m.goals_for(other)}"


def _where_when(mf: MatchFacts) -> str:
    m = mf.match
    return f"in {m.city} on {long_date(m.date)}"


def _at(mf: MatchFacts) -> str:
    if mf.edition.is_finals:
        return f"at the {mf.edition.label}"
    if mf.match.tournament == "Friendly":
        return "in a friendly"
    return f"in {mf.match.tournament}"


def _scorer_list(goals: list[Goal]) -> str:
    parts = [f"{g.scorer} ({g.minute_text()})" for g in goals]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def candidates(mf: MatchFacts) -> list[Angle]:
    """Every angle the facts support, best first."""
    m, f = mf.match, mf.facts
    w, lo = m.winner, m.loser
    out: list[Angle] = []
    tl = mf.timeline

    if "stage.final" in f:
        sw = m.advancing
        titles = f.value("title.count")
        nth = f", their {ordinal_word(int(titles['titles']))} title," if titles else ""
        if m.shootout_winner and sw:
            other = m.opponent(sw)
            out.append(Angle(
                "final", 95, f"{sw} win the {mf.edition.label} on penalties",
                f"{sw} won the {mf.edition.label}{nth} beating {other} in a penalty shoot-out after a "
                f"{m.home_score}-{m.away_score} draw {'after extra time ' if m.extra_time else ''}"
                f"{_where_when(mf)}.",
                f"It was the final of the {mf.edition.label}.",
                ("stage.final", "score.final", "title.count")))
        elif w and lo:
            out.append(Angle(
                "final", 95, f"{w} beat {lo} {_score_for(mf, w)} to win the {mf.edition.label}",
                f"{w} won the {mf.edition.label}{nth} beating {lo} {_score_for(mf, w)} in the final "
                f"{_where_when(mf)}.",
                f"It was the final of the {mf.edition.label}.",
                ("stage.final", "score.final", "title.count")))

    p = f.value("prob.pre_match")
    if w and lo and p is not None:
        pw = float(p["p_home"] if w == m.home_team else p["p_away"])
        pl = float(p["p_away"] if w == m.home_team else p["p_home"])
        if pw < pl:
            rank = f.value("upset.rank_edition_so_far")
            rank_txt = ""
            if rank is not None and rank["rank"] <= 3:
                nth = "" if rank["rank"] == 1 else ordinal_word(int(rank["rank"])) + "-"
                rank_txt = f", the {nth}biggest upset of the tournament so far"
            # a top-three upset of the tournament so far is news on the day
            out.append(Angle(
                "upset", 100 * (1 - 2 * pw) + (10 if rank and rank["rank"] <= 3 else 0),
                f"{w} stun {lo}",
                f"{w} beat {lo} {_score_for(mf, w)} {_at(mf)} {_where_when(mf)}, a result "
                f"scoreline's model gave a {percent(pw)} chance before kick-off{rank_txt}.",
                f"Before kick-off {w} had a {percent(pw)} chance of winning{rank_txt}.",
                ("prob.pre_match", "upset.rank_edition_so_far")))

    if w and lo and "comeback" in f:
        deficit = int(f.value("comeback"))
        win = tl.by_role("winner")
        minute = win[0].minute if win and win[0].minute is not None else 0
        after = [g for g in tl.goals if g.team == w and any(
            x.team == lo and x.order < g.order for x in tl.goals)]
        down = "a goal" if deficit == 1 else f"{number_word(deficit)} goals"
        low = f.value("inplay.lowest")
        low_txt = ""
        keys: tuple[str, ...] = ("comeback", "goal.1")
        if low and low.get("team") == w and low.get("decided_by") == DecidedBy.REGULATION:
            low_txt = (f", after scoreline's in-play model had put their chance of winning at "
                       f"{percent(float(low['p']))} in the {ordinal(int(low['minute']))} minute")
            keys += ("inplay.lowest",)
        out.append(Angle(
            "comeback", 50 + 15 * (deficit - 1) + (10 if minute >= 80 else 0),
            f"{w} come from behind to beat {lo}",
            f"{w} came from {down} down to beat {lo} {_score_for(mf, w)} {_at(mf)} "
            f"{_where_when(mf)}, with goals from {_scorer_list(after)}{low_txt}.",
            f"{w} came from {down} down, with goals from {_scorer_list(after)}{low_txt}.",
            keys))

    if w and lo and "winner.minute" in f and int(f.value("winner.minute")) >= 85:
        minute = int(f.value("winner.minute"))
        g = tl.by_role("winner")[0]
        lone = m.goals_for(w) == 1 and m.goals_for(lo) == 0
        out.append(Angle(
            "late_winner", 65 if minute >= 90 else 55,
            f"{surname(g.scorer)}'s {ordinal(minute)}-minute winner gives {w} victory over {lo}",
            f"{g.scorer} scored {'the only goal' if lone else 'the winner'} in the {ordinal(minute)} "
            f"minute as {w} beat {lo} {_score_for(mf, w)} {_at(mf)} {_where_when(mf)}.",
            f"{g.scorer}'s winner came in the {ordinal(minute)} minute.",
            ("winner.minute",)))

    margin = abs(m.home_score - m.away_score)
    if w and lo and margin >= 4:
        record_key = f"record.biggest_win.{w}"
        rec = record_key in f
        goals_w = m.goals_for(w)
        extra = f", {w}'s biggest win at the {m.tournament}" if rec else ""
        heavy_key = f"record.heaviest_defeat.{lo}"
        heavy = f.get(heavy_key)
        if heavy is not None:
            support = f"It was {heavy.text}."
        elif rec:
            support = f"The {margin}-goal margin was {w}'s biggest at the {m.tournament}."
        else:
            support = ""
        out.append(Angle(
            "rout", 40 + 6 * (margin - 4) + (15 if rec else 0) + (10 if heavy else 0),
            f"{w} put {number_word(goals_w)} past {lo}",
            f"{w} beat {lo} {_score_for(mf, w)} {_at(mf)} {_where_when(mf)}{extra}."
            + (f" It was {heavy.text}." if heavy is not None else ""),
            support,
            ("score.final",) + ((record_key,) if rec else ()) + ((heavy_key,) if heavy else ())))

    if m.shootout_winner and "stage.final" not in f:
        sw = m.shootout_winner
        other = m.opponent(sw)
        out.append(Angle(
            "shootout", 55, f"{sw} beat {other} on penalties",
            f"{sw} beat {other} in a penalty shoot-out after a {m.home_score}-{m.away_score} draw "
            f"{_at(mf)} {_where_when(mf)}.",
            f"{sw} won the shoot-out.", ("score.final",)))

    if w and lo and f"streak.unbeaten_ended.{lo}" in f:
        run = int(f.value(f"streak.unbeaten_ended.{lo}"))
        out.append(Angle(
            "streak_ended", min(60.0, 30 + run / 2), f"{w} end {lo}'s {run}-match unbeaten run",
            f"{w} ended {lo}'s {run}-match unbeaten run with a {_score_for(mf, w)} win "
            f"{_at(mf)} {_where_when(mf)}.",
            f"The defeat ended {lo}'s run of {run} matches without a loss.",
            (f"streak.unbeaten_ended.{lo}",)))

    for key in [k for k in f.facts if k.startswith("hat_trick.")]:
        scorer = key.split(".", 1)[1]
        n = int(f.value(key))
        team = f.value(f"goal.{next(g.order for g in tl.goals if g.scorer == scorer)}")["team"]
        if w is not None and w == team:
            head = f"{surname(scorer)} hat-trick as {w} beat {lo} {_score_for(mf, w)}"
        else:
            head = f"{surname(scorer)} scores {number_word(n)} for {team}"
        out.append(Angle(
            "hat_trick", 45, head,
            f"{scorer} scored {number_word(n)} goals for {team} {_at(mf)} {_where_when(mf)}.",
            f"{scorer} scored {number_word(n)} goals for {team}.", (key,)))

    done = f.value("group.complete")
    if done:
        top, pts = done["top"], done["points"]
        if w is not None and w == top:
            out.append(Angle(
                "group_top", 35, f"{w} top the group with win over {lo}",
                f"{w} beat {lo} {_score_for(mf, w)} {_at(mf)} {_where_when(mf)} to finish top of "
                f"their group with {pts} points.",
                f"{w} finished top of the group with {pts} points.", ("group.complete",)))
        elif top in m.teams:
            out.append(Angle(
                "group_top", 25, f"{top} finish top of the group",
                f"{top} finished top of their group with {pts} points after "
                f"{m.score_text()} {_at(mf)} {_where_when(mf)}.",
                f"{top} finished top of the group with {pts} points.", ("group.complete",)))

    if w and lo and "h2h.first_win" in f:
        prior = int(f.value("h2h.first_win"))
        out.append(Angle(
            "first_win_over", min(45.0, 30 + 3 * prior), f"{w} beat {lo} for the first time",
            f"{w} beat {lo} for the first time, {_score_for(mf, w)} {_at(mf)} {_where_when(mf)}, "
            f"at the {ordinal(prior + 1)} meeting of the teams.",
            f"It was {w}'s first win over {lo} in {prior + 1} meetings.", ("h2h.first_win",)))

    if w and f"tournament.winless_ended.{w}" in f:
        run = int(f.value(f"tournament.winless_ended.{w}"))
        last = f.value(f"tournament.last_win.{w}")
        since = f" since {last['year']}" if last else ""
        out.append(Angle(
            "winless_ended", min(50.0, 30 + 2 * run),
            f"{w} end {run}-match wait for a win at the {m.tournament}",
            f"{w} won a match at the {m.tournament} for the first time{since}, beating {lo} "
            f"{_score_for(mf, w)} {_where_when(mf)} after {run} matches without a win.",
            f"It was {w}'s first {m.tournament} win{since}, after {run} matches without one.",
            (f"tournament.winless_ended.{w}", f"tournament.last_win.{w}")))

    if w and f"tournament.first_win.{w}" in f:
        out.append(Angle(
            "first_tournament_win", 45, f"{w} win at the {m.tournament} for the first time",
            f"{w} won a match at the {m.tournament} for the first time, beating {lo} "
            f"{_score_for(mf, w)} {_where_when(mf)}.",
            f"It was {w}'s first win at the {m.tournament}.", (f"tournament.first_win.{w}",)))

    if w and lo:
        out.append(Angle(
            "win", 15, f"{w} beat {lo} {_score_for(mf, w)}",
            f"{w} beat {lo} {_score_for(mf, w)} {_at(mf)} {_where_when(mf)}.",
            f"{w} won {_score_for(mf, w)}.", ("score.final",)))
    elif not m.shootout_winner:
        if m.home_score == 0:
            out.append(Angle(
                "goalless", 10, f"{m.home_team} and {m.away_team} draw a blank",
                f"{m.home_team} and {m.away_team} drew 0-0 {_at(mf)} {_where_when(mf)}.",
                "Neither side scored.", ("score.final",)))
        else:
            out.append(Angle(
                "draw", 20,
                f"{m.home_team} and {m.away_team} share the points in {m.home_score}-{m.away_score} draw",
                f"{m.home_team} and {m.away_team} drew {m.home_score}-{m.away_score} {_at(mf)} "
                f"{_where_when(mf)}.",
                f"The match ended {m.home_score}-{m.away_score}.", ("score.final",)))
    out.sort(key=lambda a: -a.score)
    return out


#: Angle pairs that read as one headline.
_COMBINED = {
    ("upset", "comeback"): "{w} come from behind to stun {lo}",
    ("comeback", "upset"): "{w} come from behind to stun {lo}",
    ("upset", "late_winner"): "{scorer}'s late winner gives {w} shock win over {lo}",
    ("late_winner", "upset"): "{scorer}'s late winner gives {w} shock win over {lo}",
    ("upset", "rout"): "{w} stun {lo} {score}",
    ("rout", "upset"): "{w} stun {lo} {score}",
    ("upset", "streak_ended"): "{w} stun {lo} to end {run}-match unbeaten run",
    ("streak_ended", "upset"): "{w} stun {lo} to end {run}-match unbeaten run",
}


def headline(mf: MatchFacts, ranked: list[Angle]) -> str:
    """The headline: from the best angle, merged with the second when they read as one."""
    top = ranked[0]
    if len(ranked) > 1:
        pattern = _COMBINED.get((top.name, ranked[1].name))
        if pattern is not None:
            m = mf.match
            win = mf.timeline.by_role("winner")
            run = mf.facts.value(f"streak.unbeaten_ended.{m.loser}", 0)
            score = _score_for(mf, m.winner) if m.winner else ""
            return pattern.format(w=m.winner, lo=m.loser, run=run, score=score,
                                  scorer=surname(win[0].scorer) if win else "")
    return top.headline
