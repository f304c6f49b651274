"""Find the match an article is about: the teams it names and the date it gives."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from scoreline.data.types import Match
from scoreline.errors import ArticleError
from scoreline.writing.claims import competitions, patterns
from scoreline.writing.claims.article import Article
from scoreline.writing.claims.names import TeamFinder, TeamMention, normalise
from scoreline.writing.claims.numbers import context_year, find_dates, find_weekdays
from scoreline.writing.facts.lookup import StoreLike


@dataclass(frozen=True)
class Location:
    """The match found and how.

    Attributes
    ----------
    match : Match
    year : int or None
        The article's context year (fills dates written without a year).
    how : str
        Why this match: mentions and dates that pointed to it.
    mentions : dict
        Team -> number of mentions in the article (names, demonyms, nicknames).
    """

    match: Match
    year: int | None
    how: str
    mentions: dict[str, int]


def _mentions(article: Article, finder: TeamFinder) -> Counter[str]:
    counts: Counter[str] = Counter()
    for s in article.sentences:
        for m in finder.find(s.text):
            if m.team in TeamFinder.AMBIGUOUS and not m.alias and not _stands_alone(s.text, m):
                continue
            counts[m.team] += 1
    return counts


def _stands_alone(text: str, m: TeamMention) -> bool:
    """A team name that is also a person's name ("Jordan") counts as the team when no other
    capitalised name stands right before or after it ("Jordan Henderson", "Michael Jordan")."""
    before = text[max(0, m.start - 20): m.start]
    after = text[m.end: m.end + 20]
    return not re.search(r"[A-Z][a-z]+\s+$", before) and not re.match(r"\s+[A-Z][a-z]", after)


def article_year(article: Article) -> int | None:
    """The context year, from the sentences and the set-aside post dates."""
    return context_year([s.text for s in article.sentences] + [p for p, *_ in article.set_aside])


def locate(store: StoreLike, article: Article, finder: TeamFinder) -> Location:
    """The one match the article is about.

    Candidates are every meeting, in any year, of two teams the article names. Each scores
    its teams' mentions plus evidence: its date given in full (+12) or as day and month
    in the article's year (+8) or within three days of a full date (+4, e.g. a publication
    date), its year named (+3), its tournament (+3), city (+3) or weekday (+2) named, its
    final score written (+3), and each of its scorers named (+3, at most 9); and from the
    headline and opening sentences, where a report names its match: each of its teams named
    there (+4), both teams in the first line (+4), its score written there (+6), its city as
    the dateline (+5; a score beside words of an earlier match does not count there), each
    of its goals' minutes written (+2, at most 6), and a shoot-out
    named when it had one (+3). A day and month without a year count as a date in any year.

    Raises
    ------
    ArticleError
        Fewer than two teams; no meeting of the teams; full dates given but no meeting near
        them; nothing to tell the teams' meetings apart; or two matches supported about
        equally (an article about two matches: pass ``match=``).
    """
    mentions = _mentions(article, finder)
    year = article_year(article)
    texts = [s.text for s in article.sentences]
    found = [d for t in texts for d in find_dates(t)]
    full = {d.resolve(None) for d in found if d.year} - {None}
    month_days = {(d.month, d.day) for d in found}
    named_years = {y for t in texts for y in competitions.years_in(t)}
    weekdays = {w for t in texts for w, _ in find_weekdays(t)}
    teams = [t for t, _ in mentions.most_common(8)]
    if len(teams) < 2:
        named = ", ".join(teams) or "no team"
        raise ArticleError(
            f"the article names {named}; a match needs two teams in the data. "
            "Pass the match explicitly (--match DATE HOME AWAY)")
    frame = store.matches()
    frame = frame[frame["home_team"].isin(teams) & frame["away_team"].isin(teams)]
    pairs = ", ".join(f"{a} v {b}" for a, b in list(combinations(teams[:4], 2))[:6])
    if frame.empty:
        raise ArticleError(
            f"the article is about no match in the data: the teams it names never met ({pairs}); "
            "pass --match DATE HOME AWAY")
    if full:
        near = frame["date"].apply(
            lambda d: min(abs((pd.Timestamp(d).date() - f).days) for f in full) <= 3)
        by_month_day = frame["date"].apply(lambda d: (d.month, d.day) in month_days
                                           and (year is None or d.year == year))
        if not (near | by_month_day).any():
            given = ", ".join(sorted(f.isoformat() for f in full if f))
            raise ArticleError(
                f"the article is about no match in the data: no match of {pairs} on or near "
                f"{given}; pass --match DATE HOME AWAY if it is about another day")
    lead = [s.text for s in article.sentences if not s.dateline][:3]
    lead_teams = {x.team for t in lead for x in finder.find(t)}
    first_teams = {x.team for x in finder.find(lead[0])} if lead else set()
    dateline_text = " ".join(s.text for s in article.sentences if s.dateline)
    text_all = " ".join(texts)
    shootout_named = bool(re.search(r"\bshoot-?out\b|\bon pen(?:alt(?:y|ies)|s)\b", text_all,
                                    re.IGNORECASE))
    # a score beside words of another meeting ("having already beaten Argentina 3-1") is
    # not the reported match's, even in the opening
    scores_all = _scores(text_all)
    scores_lead = _scores(" ".join(t for t in lead if not _EARLIER.search(t)))
    text_norm = normalise(text_all)
    goals = store.goals()
    goals = goals[goals["match_id"].isin(frame["match_id"])]
    scorers = goals.groupby("match_id")["scorer"].apply(lambda s: sorted(set(map(str, s))))
    minutes = goals.dropna(subset=["minute"]).groupby("match_id")["minute"].apply(
        lambda s: {int(x) for x in s})
    written_minutes = {int(a or b) for a, b in _MINUTE.findall(text_all)}
    text_plain = _unhyphen(text_norm)
    scored: list[tuple[float, bool, Match, str, float]] = []
    for _, row in frame.iterrows():
        m = Match.from_row(row)
        score = float(mentions[m.home_team] + mentions[m.away_team])
        why = [f"{m.home_team} named {mentions[m.home_team]}x, {m.away_team} {mentions[m.away_team]}x"]
        dated = True
        if m.date in full:
            score += 12
            why.append(f"date {m.date.isoformat()} given")
        elif (m.date.month, m.date.day) in month_days:
            score += 8
            why.append(f"day and month {m.date:%d %B} given")
        elif full and min(abs((m.date - f).days) for f in full if f) <= 3:
            score += 4
            why.append("a date within three days given")
        else:
            dated = False
        if m.date.year == year or m.date.year in named_years:
            score += 3
            why.append(f"{m.date.year} named")
        if competitions.names(m.tournament, text_all):
            score += 3
            why.append(f"{m.tournament} named")
        if re.search(rf"\b{re.escape(m.city)}\b", text_all):
            score += 3
            why.append(f"{m.city} named")
        if f"{m.date:%A}".lower() in weekdays:
            score += 2
            why.append(f"{m.date:%A} named")
        result = frozenset((m.home_score, m.away_score))
        if result in scores_all:
            score += 3
            why.append(f"score {m.home_score}-{m.away_score} given")
        lead_named = [t for t in m.teams if t in lead_teams]
        lead_bonus = 4.0 * len(lead_named)  # team names in the lead tell no meeting apart
        if {m.home_team, m.away_team} <= first_teams:
            score += 4
            lead_bonus += 4
            why.append("both teams named in the first line")
        if lead_named:
            score += 4.0 * len(lead_named)
            why.append(f"{' and '.join(lead_named)} named in the headline or opening")
        if result in scores_lead:
            score += 6
            why.append("its score in the headline or opening")
        if m.city in dateline_text or (dateline_text and normalise(m.city) in normalise(dateline_text)):
            score += 5
            why.append(f"dateline {m.city}")
        if shootout_named and m.shootout_winner:
            score += 3
            why.append("a shoot-out, as the article says")
        names = [n for n in scorers.get(m.match_id, [])
                 if re.search(rf"\b{re.escape(_unhyphen(normalise(n)).split()[-1])}\b", text_plain)]
        if names:
            score += min(9, 3 * len(names))
            why.append(f"scorers named: {', '.join(names)}")
        timed = sorted(written_minutes & minutes.get(m.match_id, set()))
        if timed:
            score += min(6, 2 * len(timed))
            why.append(f"goal minutes given: {', '.join(map(str, timed))}")
        scored.append((score, dated, m, "; ".join(why), lead_bonus))
    scored.sort(key=lambda x: (-x[0], -x[2].match_id))
    best = scored[0]
    base = mentions[best[2].home_team] + mentions[best[2].away_team] + best[4]
    if len(scored) > 1:
        second = scored[1]
        if best[0] == base:
            raise ArticleError(
                f"the article names {best[2].home_team} and {best[2].away_team}, who met "
                f"{len(scored)} times, but gives no date, score, scorer or venue to tell which "
                "match it is about; pass --match DATE HOME AWAY")
        # two meetings of the same teams share the names' points: compare what else points to
        # each; matches of other teams also differ by how often their teams are named
        second_base = mentions[second[2].home_team] + mentions[second[2].away_team] + second[4]
        same_pair = set(second[2].teams) == set(best[2].teams)
        close = (second[0] - second_base >= 0.75 * (best[0] - base) if same_pair
                 else second[0] >= 0.75 * best[0])
        if second[0] == best[0] or (close and best[1] and second[1]):
            raise ArticleError(
                "the article is about more than one match: "
                f"{best[2].label()} and {second[2].label()}; pass --match DATE HOME AWAY "
                "to choose the one to check")
    return Location(match=best[2], year=year or best[2].date.year, how=best[3],
                    mentions=dict(mentions))


#: A goal's minute as reports write it: "the 42nd minute", "a 42nd-minute header", "42'".
_MINUTE = patterns.compile(r"\b(\d{1,3})(?:st|nd|rd|th)[- ]minute\b|\b(\d{1,3})['’](?!\w)")


def _unhyphen(text: str) -> str:
    """Hyphens and apostrophes as spaces: "En-Nesyri" and "En Nesyri" read alike."""
    return re.sub(r"[-'’]", " ", text)


#: Words of a sentence that speaks of an earlier match.
_EARLIER = patterns.compile(r"\b(?:previous|earlier|already|last time|ago|meetings?|(?:had|having)\s+"
                      r"(?:\w+\s+)?(?:beaten|won|lost|drawn|met|played|thrashed|edged))\b",
                      re.IGNORECASE)
_SCORE = patterns.compile(r"(?<![\d.,])(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\d.,]|\s*(?:pm|am|[ap]\.m\.))")
#: "4-2 on penalties", "(5-4 pens)", "4-3 in the shoot-out": a shoot-out tally, not a score.
_TALLY_AFTER = patterns.compile(
    r"\)?\s*(?:on\s+|in\s+(?:a\s+|the\s+)?)?(?:pens\b|penalties|spot[- ]?kicks|(?:penalty\s+)?"
    r"shoot-?out)", re.IGNORECASE)
_TALLY_BEFORE = patterns.compile(r"shoot-?out\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
_GOALLESS = patterns.compile(r"\b(?:goalless|scoreless|nil-nil|0-0)\b", re.IGNORECASE)


def _scores(text: str) -> set[frozenset[int]]:
    """Scores written in ``text`` ("2-1", "a goalless draw"), either side first; shoot-out
    tallies ("4-2 on penalties") and times ("7-9 pm") are not scores."""
    found: set[frozenset[int]] = set()
    for sm in _SCORE.finditer(text):
        if _TALLY_AFTER.match(text, sm.end()) or _TALLY_BEFORE.search(text[max(0, sm.start() - 40):
                                                                            sm.start()]):
            continue
        found.add(frozenset((int(sm.group(1)), int(sm.group(2)))))
    if _GOALLESS.search(text):
        found.add(frozenset((0,)))
    return found
