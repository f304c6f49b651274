"""Compute every fact a story or a claim check may use about one match."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from scoreline.data.types import Match, Record
from scoreline.writing.facts import history as hist
from scoreline.writing.facts.fact import FactSet
from scoreline.writing.facts.lookup import (
    Edition,
    StoreLike,
    edition_of,
    finals_won,
)
from scoreline.writing.facts.tables import find_group, group_table, table_provenance
from scoreline.writing.facts.timeline import Timeline, timeline
from scoreline.writing.facts.wording import long_date, number_word, ordinal, ordinal_word, plural

if TYPE_CHECKING:
    from scoreline.inplay.replay import MatchReplay

log = logging.getLogger(__name__)

#: A winning goal from this minute on counts as a late winner.
LATE_WINNER_MINUTE = 85
#: A margin of at least this many goals is a rout.
ROUT_MARGIN = 4
#: Runs shorter than this are not worth a sentence.
NOTABLE_RUN = 8
NOTABLE_TOURNAMENT_RUN = 3


@dataclass
class MatchFacts:
    """A match, the data around it, and its facts.

    Attributes
    ----------
    match : Match
    edition : Edition
    timeline : Timeline
    facts : FactSet
    group : list of str or None
        Teams of the group when the match is a group game.
    table : list of Record or None
        Group table at the end of the match day.
    unavailable : dict
        Fact keys that could not be computed, with why (e.g. probabilities whose layer
        is missing).
    """

    match: Match
    edition: Edition
    timeline: Timeline
    facts: FactSet
    group: list[str] | None = None
    table: list[Record] | None = None
    unavailable: dict[str, str] = field(default_factory=dict)
    results: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    replay: MatchReplay | None = field(default=None, repr=False)


def _match_facts(mf: MatchFacts, store: StoreLike) -> None:
    m, f = mf.match, mf.facts
    prov = f"store.find_match('{m.date.isoformat()}', {m.home_team!r}, {m.away_team!r}) -> match_id {m.match_id}"
    f.add("match", m.label(), {"match_id": m.match_id, "home_team": m.home_team,
                               "away_team": m.away_team, "tournament": m.tournament}, prov)
    f.add("match.date", long_date(m.date),
          {"date": m.date.isoformat(), "weekday": f"{m.date:%A}"}, prov)
    venue = m.city if m.city == m.country else f"{m.city}, {m.country}"
    f.add("match.venue", venue, {"city": m.city, "country": m.country, "neutral": m.neutral}, prov)
    ft = "after extra time" if m.extra_time else ""
    score = f"{m.home_team} {m.home_score}-{m.away_score} {m.away_team}" + (f" {ft}" if ft else "")
    if m.shootout_winner:
        score += f"; {m.shootout_winner} won the penalty shoot-out"
    f.add("score.final", score, {"home_score": m.home_score, "away_score": m.away_score,
                                 "winner": m.winner, "extra_time": m.extra_time,
                                 "shootout_winner": m.shootout_winner}, prov)
    e = mf.edition
    if e.is_finals:
        day = e.day_number(m.date)
        f.add("edition", e.label, {"label": e.label, "start": e.start.isoformat(),
                                   "end": e.end.isoformat(), "matches": len(e.matches),
                                   "day": day}, e.provenance)
        opening = e.opening_match()
        if opening.match_id == m.match_id:
            f.add("stage.opening", f"the opening match of the {e.label}", True, e.provenance)
        final = e.final()
        if final is not None and final.match_id == m.match_id:
            f.add("stage.final", f"the final of the {e.label}", True,
                  e.provenance + "; the final is the only match on the edition's last day")
            champion = m.advancing
            if champion is not None:
                finals, unknown = finals_won(store, m.tournament, m.date + dt.timedelta(days=1))
                won = [y for y, w in finals if w == champion]
                prov = (f"finals_won(store, {m.tournament!r}): the final of each edition (the "
                        "only match on its last day, or the one between the two winners of "
                        "their previous match), its winner after extra time or on penalties")
                if unknown:
                    mf.unavailable["title.count"] = (
                        "not available: the final of the " + ", ".join(map(str, unknown)) +
                        f" {m.tournament} cannot be told from the data, so titles cannot be "
                        "counted")
                else:
                    f.add("title.count",
                          f"{champion}'s {ordinal_word(len(won))} {m.tournament} title "
                          f"({', '.join(map(str, won))})",
                          {"team": champion, "titles": len(won), "years": won}, prov)


def _goal_facts(mf: MatchFacts) -> None:
    m, tl, f = mf.match, mf.timeline, mf.facts
    total = m.home_score + m.away_score
    if total and not tl.goals:
        f.add("goals.missing", "the data has no goal list for this match", True, tl.provenance)
        return
    if total and not tl.complete:
        f.add("goals.incomplete", f"the data lists {len(tl.goals)} of the {total} goals", len(tl.goals),
              tl.provenance)
    if tl.goals and not tl.timed:
        f.add("goals.untimed", "the data gives no minute for some goals", True, tl.provenance)
    for g in tl.goals:
        kind = " (penalty)" if g.penalty else (" (own goal)" if g.own_goal else "")
        when = f"{g.minute_text()} " if g.minute is not None else ""
        f.add(f"goal.{g.order}",
              f"{when}{g.scorer}{kind} for {g.team}, {g.home_score}-{g.away_score}",
              {"order": g.order, "minute": g.minute, "team": g.team, "scorer": g.scorer,
               "penalty": g.penalty, "own_goal": g.own_goal, "home_score": g.home_score,
               "away_score": g.away_score, "roles": list(g.roles)}, tl.provenance)
    if not tl.known:
        return
    w = m.winner
    if w is not None:
        deficit = tl.max_deficit(w, m)
        if deficit > 0:
            f.add("comeback", f"{w} came from {'a goal' if deficit == 1 else plural(deficit, 'goal')} down to win", deficit,
                  tl.provenance + f"; largest deficit of {w} in the running score")
        win = tl.by_role("winner")
        if win and win[0].minute is not None:
            minute = win[0].minute
            f.add("winner.minute", f"the winner came in the {ordinal(minute)} minute", minute,
                  tl.provenance)
    tallies = Counter((g.scorer, g.team) for g in tl.goals if not g.own_goal)
    for (scorer, team), n in tallies.items():
        if n >= 3:
            f.add(f"hat_trick.{scorer}", f"{scorer} scored {number_word(n)} for {team}", n,
                  tl.provenance + "; goals per scorer, own goals excluded")


def _h2h_facts(mf: MatchFacts, store: StoreLike) -> None:
    m, f = mf.match, mf.facts
    lead = m.winner or m.home_team
    other = m.opponent(lead)
    res = mf.results[lead]
    meet = hist.against(res, [other])
    rec = hist.record(meet)
    prov = hist.results_provenance(lead, m.date, f"opponent {other!r}")
    f.add("h2h.before",
          f"{lead} v {other} before this match: {plural(rec.played, 'meeting')}, {lead} "
          f"{plural(rec.wins, 'win')}, {plural(rec.draws, 'draw')}, {other} {plural(rec.losses, 'win')}",
          {"team": lead, "opponent": other, "played": rec.played, "won": rec.wins,
           "drawn": rec.draws, "lost": rec.losses}, prov)
    if m.winner is not None and rec.played >= 1 and rec.wins == 0:
        f.add("h2h.first_win",
              f"{lead}'s first win over {other}, at the {ordinal(rec.played + 1)} meeting",
              rec.played, prov)
    if not mf.edition.is_finals:
        return
    if hist.at_tournament(meet, m.tournament).empty:
        f.add("h2h.first_at_tournament",
              f"the first meeting of {lead} and {other} at the {m.tournament}",
              0, prov + f", tournament {m.tournament!r}")
    else:
        trec = hist.record(hist.at_tournament(meet, m.tournament))
        f.add("h2h.at_tournament",
              f"{lead} v {other} at the {m.tournament} before: {plural(trec.played, 'meeting')}, "
              f"{lead} {plural(trec.wins, 'win')}, {plural(trec.draws, 'draw')}, "
              f"{other} {plural(trec.losses, 'win')}",
              {"played": trec.played, "won": trec.wins, "drawn": trec.draws, "lost": trec.losses},
              prov + f", tournament {m.tournament!r}")
        if m.winner is not None and trec.wins == 0:
            f.add("h2h.first_win_at_tournament",
                  f"{lead}'s first {m.tournament} win over {other}", trec.played,
                  prov + f", tournament {m.tournament!r}")


def _tournament_facts(mf: MatchFacts) -> None:
    m, f = mf.match, mf.facts
    if not mf.edition.is_finals:
        return
    t = m.tournament
    for team in m.teams:
        res = hist.at_tournament(mf.results[team], t)
        prov = hist.results_provenance(team, m.date, f"tournament {t!r}")
        rec = hist.record(res)
        f.add(f"tournament.record.{team}",
              f"{team} at the {t} before this match: {rec.text()}",
              {"played": rec.played, "won": rec.wins, "drawn": rec.draws, "lost": rec.losses},
              prov)
        if rec.played == 0:
            f.add(f"tournament.debut.{team}", f"{team}'s first match at the {t}", True, prov)
        last = hist.last_result(res, "W")
        if last is not None:
            day = pd.Timestamp(last["date"]).date()
            f.add(f"tournament.last_win.{team}",
                  f"{team}'s previous {t} win: {int(last['goals_for'])}-{int(last['goals_against'])} "
                  f"against {last['opponent']} in {day.year}",
                  {"date": day.isoformat(), "year": day.year, "opponent": str(last["opponent"]),
                   "goals_for": int(last["goals_for"]), "goals_against": int(last["goals_against"])},
                  prov)
        if team == m.winner and rec.wins == 0:
            f.add(f"tournament.first_win.{team}",
                  f"{team}'s first win at the {t}, in their {ordinal(rec.played + 1)} match", rec.played,
                  prov)
        runs = hist.runs(res)
        if team == m.winner and runs["winless"] >= NOTABLE_TOURNAMENT_RUN and rec.wins > 0:
            f.add(f"tournament.winless_ended.{team}",
                  f"{team} ended a run of {runs['winless']} {t} matches without a win",
                  runs["winless"], prov)
        if team == m.loser and runs["unbeaten"] >= NOTABLE_TOURNAMENT_RUN:
            f.add(f"tournament.unbeaten_ended.{team}",
                  f"{team}'s run of {runs['unbeaten']} {t} matches without defeat ended",
                  runs["unbeaten"], prov)
    w = m.winner
    if w is not None:
        margin = abs(m.home_score - m.away_score)
        prev = hist.margin_record(hist.at_tournament(mf.results[w], t))
        if margin >= ROUT_MARGIN and margin > prev > 0:
            f.add(f"record.biggest_win.{w}",
                  f"{w}'s biggest win at the {t} (previous best: by {prev} goals)",
                  {"margin": margin, "previous": prev},
                  hist.results_provenance(w, m.date, f"tournament {t!r}, largest winning margin"))
        lo = m.opponent(w)
        losses = mf.results[lo][mf.results[lo]["result"] == "L"]
        if margin >= ROUT_MARGIN and not losses.empty:
            gaps = losses["goals_against"] - losses["goals_for"]
            worst = int(gaps.max())
            if margin >= worst:
                row = losses.loc[gaps.idxmax()]
                when = pd.Timestamp(row["date"]).year
                text = (f"{lo}'s heaviest defeat" + (
                    f", equalling {int(row['goals_for'])}-{int(row['goals_against'])} against "
                    f"{row['opponent']} in {when}" if margin == worst else
                    f" (the previous worst: {int(row['goals_for'])}-{int(row['goals_against'])} "
                    f"against {row['opponent']} in {when})"))
                f.add(f"record.heaviest_defeat.{lo}", text,
                      {"margin": margin, "previous": worst, "previous_year": when,
                       "previous_opponent": str(row["opponent"])},
                      hist.results_provenance(lo, m.date, "largest losing margin"))


#: Adjective of each confederation's members.
CONFEDERATION_ADJECTIVES = {"AFC": "Asian", "CAF": "African", "CONCACAF": "CONCACAF",
                            "CONMEBOL": "South American", "OFC": "Oceanian", "UEFA": "European"}


def _confederation_facts(mf: MatchFacts) -> None:
    """The loser's first defeat at the tournament by a side of the winner's confederation."""
    m, f = mf.match, mf.facts
    w, lo = m.winner, m.loser
    if w is None or lo is None or not mf.edition.is_finals:
        return
    from scoreline.data.confederations import confederation_of, members

    conf = confederation_of(w)
    if conf not in CONFEDERATION_ADJECTIVES or confederation_of(lo) == conf:
        return
    res = hist.against(hist.at_tournament(mf.results[lo], m.tournament), members(conf))
    rec = hist.record(res)
    if rec.played >= 3 and rec.losses == 0:
        adj = CONFEDERATION_ADJECTIVES[conf]
        f.add(f"confederation.first_defeat.{lo}",
              f"{lo}'s first {m.tournament} defeat by {'an' if adj[0] in 'AEIOU' else 'a'} {adj} "
              f"side ({rec.text()} before)",
              {"team": lo, "confederation": conf, "played": rec.played, "won": rec.wins,
               "drawn": rec.draws, "lost": rec.losses},
              hist.results_provenance(lo, m.date, f"tournament {m.tournament!r}, opponents in "
                                      f"{conf} (scoreline.data.confederations, current FIFA "
                                      "membership)"))


def _run_facts(mf: MatchFacts) -> None:
    m, f = mf.match, mf.facts
    for team in m.teams:
        res = mf.results[team]
        runs = hist.runs(res)
        prov = hist.results_provenance(team, m.date, "consecutive results before the match")
        f.add(f"runs.{team}",
              f"{team} before this match: {plural(runs['unbeaten'], 'match', 'matches')} unbeaten, "
              f"{plural(runs['winning'], 'win')} in a row",
              runs, prov)
        if team == m.loser and runs["unbeaten"] >= NOTABLE_RUN:
            f.add(f"streak.unbeaten_ended.{team}",
                  f"{team}'s {runs['unbeaten']}-match unbeaten run ended", runs["unbeaten"], prov)
        if team == m.winner and runs["winning"] >= NOTABLE_RUN:
            f.add(f"streak.winning_extended.{team}",
                  f"{team} won for the {ordinal(runs['winning'] + 1)} match in a row",
                  runs["winning"] + 1, prov)
        if team == m.winner and runs["winless"] >= NOTABLE_RUN:
            f.add(f"streak.winless_ended.{team}",
                  f"{team} won for the first time in {runs['winless'] + 1} matches",
                  runs["winless"], prov)


def _table_facts(mf: MatchFacts) -> None:
    m, f = mf.match, mf.facts
    group = find_group(mf.edition, m)
    if group is None:
        return
    mf.group = group
    mf.table = group_table(mf.edition, group, m.date)
    lines = [f"{r.team} {r.points} pts" for r in mf.table]
    f.add("group.table", f"group table at the end of {long_date(m.date)}: " + ", ".join(lines),
          [r.to_dict() for r in mf.table],
          table_provenance(mf.edition, m.date))
    size = len(group)
    if all(r.played == size - 1 for r in mf.table):
        top = mf.table[0]
        f.add("group.complete",
              f"the group was complete: {top.team} finished top with {top.points} points",
              {"top": top.team, "points": top.points,
               "order": [r.team for r in mf.table]},
              table_provenance(mf.edition, m.date))


def match_facts(store: StoreLike, match: Match, *, probabilities: bool = True,
                all_time: bool = True) -> MatchFacts:
    """Every fact about ``match`` that the data proves, each with its provenance.

    Parameters
    ----------
    store : Store
        The scoreline store.
    match : Match
        From :func:`~scoreline.writing.facts.find_match`.
    probabilities : bool
        Also compute pre-match probabilities, upset ranks and the in-play low (slower:
        they need a fitted model); missing layers are listed in ``unavailable``.
    all_time : bool
        Also rank the upset among every match of the tournament up to that day and among
        the winner's wins there (a walk-forward forecast of each: slow the first time).

    Returns
    -------
    MatchFacts
    """
    mf = MatchFacts(match=match, edition=edition_of(store, match),
                    timeline=timeline(store, match), facts=FactSet())
    mf.results = {t: hist.team_results(store, t, match.date) for t in match.teams}
    _match_facts(mf, store)
    _goal_facts(mf)
    _h2h_facts(mf, store)
    _tournament_facts(mf)
    _run_facts(mf)
    _confederation_facts(mf)
    _table_facts(mf)
    if probabilities:
        from scoreline.writing.facts.probabilities import add_probability_facts

        add_probability_facts(store, mf, all_time=all_time, team=all_time)
    return mf
