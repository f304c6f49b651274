"""Match stories written from data: every statement is a fact with provenance.

>>> from scoreline.writing.story import write_story, to_markdown
>>> print(to_markdown(write_story(store, "2022-11-23", "Germany", "Japan")))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging

from scoreline.writing.facts.build import match_facts
from scoreline.writing.facts.lookup import StoreLike, find_match
from scoreline.writing.story.angles import Angle, candidates
from scoreline.writing.story.compose import Story, compose
from scoreline.writing.story.render import MARKDOWN_WIDTH, to_html, to_json, to_markdown

log = logging.getLogger(__name__)

FORMATS = ("md", "html", "json")


def write_story(store: StoreLike, date: str | dt.date, home: str, away: str, *,
                probabilities: bool = True, all_time: bool = True, chart: bool = False) -> Story:
    """The story of the match between ``home`` and ``away`` on ``date``.

    Parameters
    ----------
    store : Store
        The scoreline store.
    date : str or datetime.date
        ``YYYY-MM-DD``, the day of the match.
    home, away : str
        Team names, in either order (the story keeps the data's home/away order).
    probabilities : bool
        Include pre-match chances, upset ranks and the in-play low when their layers exist.
    all_time : bool
        Also rank the upset in the tournament's history and among the winner's wins there
        (needs a walk-forward forecast of every such match: slow once, then cached).
    chart : bool
        Attach the win-probability chart as inline SVG (for HTML), when available.

    Returns
    -------
    Story
    """
    match = find_match(store, date, home, away)
    mf = match_facts(store, match, probabilities=probabilities, all_time=all_time)
    story = compose(mf)
    if chart:
        from scoreline.writing.story.chart import chart_svg

        story.chart_svg, why = chart_svg(store, match, mf.replay)
        if story.chart_svg is None:
            story.unavailable["chart"] = why
    return story


__all__ = [
    "FORMATS",
    "MARKDOWN_WIDTH",
    "Angle",
    "Story",
    "candidates",
    "compose",
    "to_html",
    "to_json",
    "to_markdown",
    "write_story",
]
