"""Run every claim rule over an article about one match."""

from __future__ import annotations

import re

from scoreline.writing.claims import goals, history, setting, upsets
from scoreline.writing.claims.article import Article
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.report import Claim


def check_sentences(ctx: Ctx, article: Article) -> list[Claim]:
    """The claims of every sentence, with verdicts, in article order."""
    out: list[Claim] = []
    for s in article.sentences:
        text = s.text
        ctx.subject = ctx.sentence_subject(text)
        others = setting.other_match_claims(ctx, s.index, text)
        out += others
        skip: list[tuple[int, int]] = []
        if others:
            skip = [(0, len(text))]
        out += goals.score_claims(ctx, s.index, text)
        out += goals.winner_claims(ctx, s.index, text)
        sentence_goals = goals.goal_claims(ctx, s.index, text)
        out += sentence_goals
        out += goals.comeback_claims(ctx, s.index, text)
        out += goals.late_goal_claims(ctx, s.index, text)
        out += goals.window_claims(ctx, s.index, text, sentence_goals)
        out += history.first_claims(ctx, s.index, text)
        out += history.last_win_claims(ctx, s.index, text)
        out += history.confederation_record_claims(ctx, s.index, text)
        out += history.run_claims(ctx, s.index, text)
        out += upsets.upset_claims(ctx, s.index, text)
        out += setting.match_day_claims(ctx, s.index, text)
        out += setting.date_claims(ctx, s.index, text, skip)
        out += setting.venue_claims(ctx, s.index, text, bool(others))
        out += setting.person_claims(ctx, s.index, text)
    for passage, why in article.set_aside:
        kind = "quote" if why.startswith("quoted") else "post_date"
        short = re.sub(r"\s+", " ", passage)
        short = short if len(short) <= 120 else short[:117] + "..."
        out.append(Claim(kind, -1, short, "set aside while reading", {}).uncheckable(why))
    return out
