"""Compose a match story from facts: headline, lead, goals, context, group table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scoreline.data.types import Match, Record
from scoreline.writing.facts.build import MatchFacts
from scoreline.writing.facts.fact import FactSet
from scoreline.writing.facts.timeline import Goal
from scoreline.writing.facts.wording import long_date, ordinal, percent, plural
from scoreline.writing.story.angles import Angle, candidates, headline

#: The winner's in-play low is worth a line when it fell below this probability.
NOTABLE_LOW = 0.25

#: Angles that can follow the lead angle in the lead paragraph, by lead angle.
_NO_SECOND = {("final", "win"), ("final", "shootout")}


@dataclass
class Story:
    """A written report of one match; every statement comes from :attr:`facts`.

    Attributes
    ----------
    match : Match
    headline : str
    lead : str
        The opening paragraph (what matters most first).
    goals : list of str
        One line per goal in order (``"33' İlkay Gündoğan (Germany, penalty): the opener, 1-0"``).
    goals_note : str or None
        What the data lacks about the goals, when it lacks something.
    context : list of str
        Further facts, most newsworthy first.
    table_title : str or None
    table : list of Record or None
        Group table after the match day, for group games.
    angles : list of (str, float)
        Every candidate angle and its newsworthiness score, best first.
    facts : FactSet
    unavailable : dict
        Facts left out, with why.
    chart_svg : str or None
        The win-probability chart as inline SVG (HTML format), when available.
    """

    match: Match
    headline: str
    lead: str
    goals: list[str]
    goals_note: str | None
    context: list[str]
    table_title: str | None
    table: list[Record] | None
    angles: list[tuple[str, float]]
    facts: FactSet
    unavailable: dict[str, str] = field(default_factory=dict)
    chart_svg: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the text and the facts with their provenance."""
        m = self.match
        return {
            **m.header(),
            "city": m.city,
            "country": m.country,
            "shootout_winner": m.shootout_winner,
            "headline": self.headline,
            "lead": self.lead,
            "goals": self.goals,
            "goals_note": self.goals_note,
            "context": self.context,
            "table_title": self.table_title,
            "table": [r.to_dict() for r in self.table] if self.table else None,
            "angles": [{"angle": a, "score": round(s, 1)} for a, s in self.angles],
            "facts": self.facts.records(),
            "unavailable": self.unavailable,
        }


def _goal_line(g: Goal, m: Match) -> str:
    """One goal; 'the winner' is named only in one-goal wins, where it reads naturally."""
    how = []
    if g.penalty:
        how.append("penalty")
    if g.minute is not None and g.minute > 90 and m.extra_time:
        how.append("extra time")
    if g.own_goal:
        how.insert(0, f"own goal for {g.team}")
        who = f"{g.scorer} ({', '.join(how)})"
    else:
        who = f"{g.scorer} ({g.team}{', ' + ', '.join(how) if how else ''})"
    roles = []
    if "opener" in g.roles:
        roles.append("the opener")
    if "equaliser" in g.roles:
        roles.append("the equaliser")
    if "winner" in g.roles and abs(m.home_score - m.away_score) == 1:
        roles.append("the winner")
    elif "go-ahead" in g.roles and "opener" not in g.roles:
        roles.append(f"puts {g.team} ahead")
    role = f": {' and '.join(roles)}" if roles else ""
    minute = f"{g.minute_text()} " if g.minute is not None else ""
    return f"{minute}{who}{role}, {g.home_score}-{g.away_score}"


def _goals(mf: MatchFacts) -> tuple[list[str], str | None]:
    m, tl = mf.match, mf.timeline
    total = m.home_score + m.away_score
    if total == 0:
        return [], None
    if not tl.goals:
        return [], "The data holds no goal list for this match: no scorers, no minutes."
    if not tl.timed:
        lines = [f"{g.scorer} ({g.team}{', penalty' if g.penalty else ''}"
                 f"{', own goal' if g.own_goal else ''})" for g in tl.goals]
        return lines, "The data gives no minutes for these goals, so their order is not known."
    lines = [_goal_line(g, m) for g in tl.goals]
    note = None if tl.complete else (
        f"The data lists {len(tl.goals)} of the {total} goals; roles are not given.")
    return lines, note


def _context(mf: MatchFacts, used: set[str]) -> list[str]:
    m, f = mf.match, mf.facts
    out: list[str] = []

    def say(key: str, text: Callable[[], str]) -> None:
        if key in f and key not in used:
            out.append(text())
            used.add(key)

    p = f.value("prob.pre_match")
    if p is not None and "prob.pre_match" not in used:
        out.append(
            f"Before kick-off scoreline's model gave {m.home_team} {percent(p['p_home'])}, "
            f"the draw {percent(p['p_draw'])} and {m.away_team} {percent(p['p_away'])} "
            f"(90 minutes).")
        used.add("prob.pre_match")
    rank = f.value("upset.rank_edition")
    if rank and "upset.rank_edition" not in used:
        out.append(f"It was the biggest of the {rank['of']} upsets of the {mf.edition.label} by "
                   "scoreline's pre-match probabilities." if rank["rank"] == 1 else
                   f"It ranks {ordinal(rank['rank'])} of the {rank['of']} upsets of the "
                   f"{mf.edition.label} by scoreline's pre-match probabilities.")
        used.add("upset.rank_edition")
    rank = f.value("upset.rank_tournament")
    if rank and "upset.rank_tournament" not in used:
        out.append(f"It was the biggest of {rank['of']} upsets in {m.tournament} history up to "
                   "that day." if rank["rank"] == 1 else
                   f"In {m.tournament} history up to that day it ranks {ordinal(rank['rank'])} "
                   f"of {rank['of']} upsets.")
        used.add("upset.rank_tournament")
    rank = f.value("upset.rank_team")
    if rank and "upset.rank_team" not in used and rank["of"] > 1:
        out.append(f"Of {m.advancing}'s {rank['of']} {m.tournament} wins as underdogs, only "
                   f"{rank['rank'] - 1} had been less likely." if rank["rank"] > 1 else
                   f"It was the least likely of {m.advancing}'s {rank['of']} {m.tournament} "
                   "wins as underdogs.")
        used.add("upset.rank_team")
    low = f.get("inplay.lowest")
    if (low is not None and "inplay.lowest" not in used and low.value["p"] < NOTABLE_LOW
            and (low.value["minute"] or 0) > 0):  # lowest at kick-off: the pre-match chance
        out.append(low.text[0].upper() + low.text[1:] + " (scoreline's in-play model).")
        used.add("inplay.lowest")
    w, lo = m.winner, m.loser
    h2h = f.value("h2h.before")
    if w and lo and "h2h.first_win" in f:
        say("h2h.first_win", lambda:
            f"It was {w}'s first win over {lo}: in {h2h['played']} earlier meetings they had "
            f"drawn {h2h['drawn']} and lost {h2h['lost']}.")
    say("h2h.first_at_tournament", lambda:
        f"It was the teams' first meeting at the {m.tournament}.")
    if w and lo:
        say("h2h.first_win_at_tournament", lambda:
            f"It was {w}'s first {m.tournament} win over {lo}, at the "
            f"{ordinal(int(f.value('h2h.first_win_at_tournament')) + 1)} attempt.")
    if h2h and h2h["played"] and "h2h.first_win" not in used:
        a, b = h2h["team"], h2h["opponent"]
        say("h2h.before", lambda:
            f"Before this match the teams had met {plural(h2h['played'], 'time')}: {a} "
            f"{plural(h2h['won'], 'win')}, {plural(h2h['drawn'], 'draw')}, {b} "
            f"{plural(h2h['lost'], 'win')}.")
    if "h2h.at_tournament" in f and "h2h.first_win_at_tournament" not in used:
        t = f.value("h2h.at_tournament")
        a, b = h2h["team"], h2h["opponent"]
        say("h2h.at_tournament", lambda:
            f"At the {m.tournament} they had met {plural(t['played'], 'time')} before: {a} "
            f"{plural(t['won'], 'win')}, {plural(t['drawn'], 'draw')}, {b} "
            f"{plural(t['lost'], 'win')}.")
    def per_team(team: str) -> None:
        say(f"tournament.winless_ended.{team}", lambda:
            f"{team} had gone {f.value(f'tournament.winless_ended.{team}')} {m.tournament} "
            f"matches without a win.")
        say(f"tournament.unbeaten_ended.{team}", lambda:
            f"{team} had not lost in {f.value(f'tournament.unbeaten_ended.{team}')} "
            f"{m.tournament} matches.")
        say(f"streak.unbeaten_ended.{team}", lambda:
            f"{team} had been unbeaten in {f.value(f'streak.unbeaten_ended.{team}')} matches.")
        say(f"streak.winning_extended.{team}", lambda:
            f"{team} have now won {f.value(f'streak.winning_extended.{team}')} matches in a row.")
        say(f"record.biggest_win.{team}", lambda:
            f"It was {team}'s biggest win at the {m.tournament}; the previous best was by "
            f"{f.value(f'record.biggest_win.{team}')['previous']} goals.")
        say(f"tournament.debut.{team}", lambda: f"It was {team}'s first match at the {m.tournament}.")
    for team in m.teams:
        per_team(team)
    if lo:
        key = f"confederation.first_defeat.{lo}"
        fd = f.value(key)
        if fd:
            text = f.get(key).text  # type: ignore[union-attr]
            say(key, lambda: f"It was {text}.")
    if w:
        last = f.value(f"tournament.last_win.{w}")
        if last and f"tournament.first_win.{w}" not in f:
            say(f"tournament.last_win.{w}", lambda:
                f"{w}'s previous {m.tournament} win was {last['goals_for']}-"
                f"{last['goals_against']} against {last['opponent']} in {last['year']}.")
    for key in [k for k in f.facts if k.startswith("hat_trick.")]:
        if key not in used:
            out.append(f"{key.split('.', 1)[1]} scored {f.value(key)} goals.")
            used.add(key)
    return out


def compose(mf: MatchFacts) -> Story:
    """Write the story of a match from its facts (no data access here)."""
    ranked: list[Angle] = candidates(mf)
    top = ranked[0]
    lead = [top.sentence]
    used = set(top.facts)
    second = next((a for a in ranked[1:] if a.name not in {"win", "draw", "goalless"}
                   and (top.name, a.name) not in _NO_SECOND and not set(a.facts) & used), None)
    if second is not None and second.score >= 30 and second.support:
        lead.append(second.support)
        used |= set(second.facts)
    goals, note = _goals(mf)
    m = mf.match
    table_title = None
    if mf.table:
        table_title = f"Group table at the end of {long_date(m.date)}"
        used.add("group.table")
    return Story(
        match=m,
        headline=headline(mf, ranked),
        lead=" ".join(lead),
        goals=goals,
        goals_note=note,
        context=_context(mf, used),
        table_title=table_title,
        table=mf.table,
        angles=[(a.name, a.score) for a in ranked],
        facts=mf.facts,
        unavailable=dict(mf.unavailable),
    )
