"""Render a :class:`~scoreline.writing.story.compose.Story` as Markdown, HTML or JSON."""

from __future__ import annotations

import html
import textwrap

from scoreline._json import dumps
from scoreline.writing.facts.wording import long_date
from scoreline.writing.story.compose import Story

#: Markdown text is wrapped at this many characters.
MARKDOWN_WIDTH = 80

_STYLE = (
    "<style>body{font-family:Georgia,serif;max-width:44rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5}table{border-collapse:collapse}td,th{padding:.2rem .6rem;"
    "border-bottom:1px solid #ddd}td.n,th.n{text-align:right}.dateline{color:#555}"
    "figure{margin:1.5rem 0}figure svg{max-width:100%;height:auto}</style>"
)
_TABLE_HEAD = ("Team", "P", "W", "D", "L", "GF", "GA", "Pts")


def _wrap(text: str, width: int, indent: str = "", first: str = "") -> str:
    return textwrap.fill(text, width=width, initial_indent=first or indent,
                         subsequent_indent=indent, break_on_hyphens=False, break_long_words=False)


def _table_rows(story: Story) -> list[tuple[str, ...]]:
    return [(r.team, str(r.played), str(r.wins), str(r.draws), str(r.losses), str(r.goals_for),
             str(r.goals_against), str(r.points)) for r in story.table or []]


def _dateline(story: Story) -> str:
    m = story.match
    place = m.city if m.city == m.country else f"{m.city}, {m.country}"
    return f"{m.tournament} · {long_date(m.date)} · {place}"


def to_markdown(story: Story, width: int = MARKDOWN_WIDTH) -> str:
    """The story as Markdown wrapped at ``width`` characters."""
    m = story.match
    out = [f"# {story.headline}", "", f"*{_dateline(story)}*", "", f"**{m.score_text()}**", "",
           _wrap(story.lead, width), ""]
    if story.goals or story.goals_note:
        out += ["## Goals", ""]
        out += [_wrap(line, width, indent="  ", first="- ") for line in story.goals]
        if story.goals_note:
            out += (["", _wrap(story.goals_note, width)] if story.goals else
                    [_wrap(story.goals_note, width)])
        out.append("")
    if story.context:
        out += ["## Context", ""]
        out += [_wrap(line, width, indent="  ", first="- ") for line in story.context]
        out.append("")
    if story.table:
        rows = _table_rows(story)
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_TABLE_HEAD)]

        def line(cells: tuple[str, ...]) -> str:
            padded = [c.ljust(widths[0]) if i == 0 else c.rjust(widths[i])
                      for i, c in enumerate(cells)]
            return "| " + " | ".join(padded) + " |"

        sep = "|" + "|".join(("-" * (w + 1)) + (":" if i else "-") if i else "-" * (w + 2)
                             for i, w in enumerate(widths)) + "|"
        out += [f"## {story.table_title}", "", line(_TABLE_HEAD), sep]
        out += [line(r) for r in rows]
        out.append("")
    missing = {k: v for k, v in story.unavailable.items() if v.startswith("not available")}
    if missing:
        lines = "; ".join(f"{k} ({v.removeprefix('not available: ')})"
                          for k, v in sorted(missing.items()))
        out += [_wrap(f"Not available: {lines}.", width), ""]
    out.append(_wrap(
        f"Every statement above comes from the data; `scoreline story {m.date.isoformat()} "
        f"\"{m.home_team}\" \"{m.away_team}\" --format json` lists each fact with the query "
        "that produced it.", width))
    return "\n".join(out) + "\n"


def to_html(story: Story) -> str:
    """The story as a standalone HTML page (the win-probability chart inline when available)."""
    e = html.escape
    m = story.match
    parts = [
        "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
        f"<title>{e(story.headline)}</title>",
        _STYLE,
        "</head>", "<body>", "<article>",
        f"<h1>{e(story.headline)}</h1>",
        f"<p class=\"dateline\">{e(_dateline(story))}</p>",
        f"<p><strong>{e(m.score_text())}</strong></p>",
        f"<p class=\"lead\">{e(story.lead)}</p>",
    ]
    if story.goals or story.goals_note:
        parts.append("<h2>Goals</h2>")
        if story.goals:
            parts.append("<ul class=\"goals\">" + "".join(f"<li>{e(g)}</li>" for g in story.goals)
                         + "</ul>")
        if story.goals_note:
            parts.append(f"<p>{e(story.goals_note)}</p>")
    parts.append("<h2>Win probability</h2>")
    if story.chart_svg:
        parts.append(f"<figure class=\"chart\">{story.chart_svg}</figure>")
    else:
        parts.append("<p>Win-probability chart not available for this match.</p>")
    if story.context:
        parts.append("<h2>Context</h2><ul>" + "".join(f"<li>{e(c)}</li>" for c in story.context)
                     + "</ul>")
    if story.table:
        num = ' class="n"'
        head = "".join(f"<th{num if i else ''}>{h}</th>" for i, h in enumerate(_TABLE_HEAD))
        body = "".join(
            "<tr>" + "".join(f"<td{num if i else ''}>{e(c)}</td>" for i, c in enumerate(r))
            + "</tr>" for r in _table_rows(story))
        parts.append(f"<h2>{e(story.table_title or '')}</h2><table><thead><tr>{head}</tr></thead>"
                     f"<tbody>{body}</tbody></table>")
    facts = story.facts.records()
    parts.append("<details><summary>Facts and where they come from</summary><ul>" + "".join(
        f"<li><code>{e(f['key'])}</code>: {e(f['text'])} <small>({e(f['provenance'])})</small></li>"
        for f in facts) + "</ul></details>")
    parts += ["</article>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def to_json(story: Story) -> str:
    """The story and its facts as indented JSON (the library's one encoder, as ``--json``)."""
    return dumps(story, indent=2) + "\n"
