"""The win-probability chart of a replayed match (PNG and SVG), drawn with matplotlib.

matplotlib is imported inside :func:`save_replay_chart` so that importing scoreline stays
light.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scoreline.errors import InvalidParameterError

if TYPE_CHECKING:
    from scoreline.inplay.replay import MatchReplay

TEAM_COLOURS = {
    "Argentina": "#5aa9e6", "Australia": "#e6a800", "Belgium": "#c8102e", "Brazil": "#d9a800",
    "Cameroon": "#007a3d", "Canada": "#d80621", "Costa Rica": "#002b7f", "Croatia": "#d4202c",
    "Denmark": "#c60c30", "Ecuador": "#d9a800", "Egypt": "#c8102e", "England": "#1d3c78",
    "France": "#1f3a93", "Germany": "#262626", "Ghana": "#006b3f", "Iran": "#239f40",
    "Italy": "#1f5fbf", "Japan": "#1f4fb4", "Mexico": "#006847", "Morocco": "#c1272d",
    "Netherlands": "#f36c21", "Nigeria": "#008751", "Poland": "#dc143c", "Portugal": "#a6192e",
    "Qatar": "#8a1538", "Saudi Arabia": "#006c35", "Senegal": "#00853f", "Serbia": "#c6363c",
    "South Korea": "#cd2e3a", "Spain": "#c60b1e", "Switzerland": "#d52b1e", "Tunisia": "#e70013",
    "United States": "#0a3161", "Uruguay": "#5cb8e6", "Wales": "#c8102e", "Scotland": "#1c2c5b",
    "Sweden": "#006aa7", "Colombia": "#d9a800", "Chile": "#d52b1e", "Peru": "#d91023",
    "Norway": "#ba0c2f", "Turkey": "#e30a17", "Greece": "#0d5eaf", "Russia": "#0039a6",
    "Ukraine": "#0057b7", "Austria": "#ed2939", "Hungary": "#477050", "Czech Republic": "#11457e",
    "Algeria": "#006233", "Ivory Coast": "#f77f00", "South Africa": "#007a4d",
}
"""Kit or flag colours of some national teams (others get the fallback pair)."""

_FALLBACK = ("#c0392b", "#2166ac")
_DRAW = "#9e9e9e"


def _distance(a: str, b: str) -> float:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return float(sum((x - y) ** 2 for x, y in zip(ca, cb, strict=True)) ** 0.5)


def team_colours(home_team: str, away_team: str) -> tuple[str, str]:
    """Line colours for the two sides, guaranteed to be easy to tell apart."""
    home = TEAM_COLOURS.get(home_team, _FALLBACK[0])
    away = TEAM_COLOURS.get(away_team, _FALLBACK[1])
    if _distance(home, away) < 120:
        away = _FALLBACK[1] if _distance(home, _FALLBACK[1]) >= 120 else _FALLBACK[0]
    return home, away


def _surname(scorer: str | None) -> str:
    if not scorer:
        return "?"
    parts = scorer.split()
    return parts[-1] if len(parts) > 1 else scorer


def save_replay_chart(replay: MatchReplay, out: str | Path) -> list[Path]:
    """Draw the three win probabilities over the minutes and save PNG and SVG.

    Parameters
    ----------
    replay : MatchReplay
        A replay with a timeline.
    out : path
        Output file; its suffix is replaced by ``.png`` and ``.svg`` (both are written).

    Returns
    -------
    list of Path
        The PNG and the SVG written.

    Raises
    ------
    InvalidParameterError
        The replay has no timeline (its ``notes`` say why).
    """
    if not replay.has_timeline:
        reason = "; ".join(replay.notes) or "no goal timeline"
        raise InvalidParameterError(f"no chart for {replay.score_text}: {reason}")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = replay.timeline_frame()
    minutes = frame["minute"].to_numpy()
    home_c, away_c = team_colours(replay.match.home_team, replay.match.away_team)
    last = int(minutes[-1])

    fig, ax = plt.subplots(figsize=(11, 5.8), dpi=150)
    fig.subplots_adjust(left=0.07, right=0.84, top=0.84, bottom=0.13)
    ax.set_xlim(0, last)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ticks = list(range(0, last + 1, 15))
    ax.set_xticks(ticks, [f"{t}'" for t in ticks])
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
    ax.axvline(45, color="#bdbdbd", linewidth=0.8, linestyle=(0, (2, 2)), zorder=0)
    ax.text(45.6, _free_y(frame, 46, 56), "half-time", ha="left", va="center", fontsize=8,
            color="#9e9e9e")
    if last > 90:
        ax.axvspan(90, last, color="#f5f5f5", zorder=0)
        ax.text(105, _free_y(frame, 95, 115), "extra time", ha="center", va="center",
                fontsize=8, color="#9e9e9e")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_bounds(0, 1)

    series = [
        ("p_home", replay.match.home_team, home_c, 2.6, "-"),
        ("p_draw", "Shoot-out" if replay.match.extra_time else "Draw", _DRAW, 1.6, (0, (4, 2))),
        ("p_away", replay.match.away_team, away_c, 2.6, "-"),
    ]
    # a goal changes the probabilities at once: draw its jump as a vertical step at the
    # goal's minute (value of the minute before, then the value after the goal)
    goal_minutes = {g.minute for g in replay.goals if g.minute is not None}
    xs: list[float] = []
    index: list[int] = []
    for m in minutes:
        if m in goal_minutes and m > 0:
            xs.append(float(m))
            index.append(int(m) - 1)
        xs.append(float(m))
        index.append(int(m))
    for column, label, colour, width, style in series:
        values = frame[column].to_numpy()[index]
        legend_label = label if column == "p_draw" else f"{label} win"
        ax.plot(xs, values, color=colour, linewidth=width, linestyle=style, label=legend_label,
                solid_capstyle="round", solid_joinstyle="round")
    # legend under the x axis: never in the way of lines or goal labels
    fig.legend(loc="lower center", bbox_to_anchor=(0.455, 0.0), ncol=3, fontsize=9,
               frameon=False, handlelength=2.6)
    # end labels instead of a legend: name and final value beside each line
    ends = sorted(((float(frame[c].iloc[-1]), lab, col) for c, lab, col, _, _ in series),
                  key=lambda t: t[0])
    placed: list[float] = []
    for value, label, colour in ends:
        y = value
        while placed and y - placed[-1] < 0.075:
            y = placed[-1] + 0.075
        placed.append(y)
        ax.annotate(f"{label} {value:.0%}", xy=(last, value), xytext=(last + 2, y),
                    textcoords="data", va="center", ha="left", fontsize=10, color=colour,
                    fontweight="bold", annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6} if abs(y - value) > 0.02
                    else None)
    # goals: a marker on the scoring side's line, a guide and a label above the 100% line,
    # labels stacked greedily in rows so that they never overlap
    scale = last / 90.0  # label widths in minutes grow with the x range
    placed_goals: list[tuple[float, str, str, float, str, int]] = []
    row_end: list[float] = []
    for goal in replay.goals:
        if goal.minute is None or goal.p_team_after is None:
            continue
        colour = home_c if goal.team == replay.match.home_team else away_c
        x = float(min(goal.minute, last))
        text = f"{goal.minute}' {_surname(goal.scorer)}"
        if goal.penalty:
            text += " (pen)"
        if goal.own_goal:
            text += " (og)"
        text += f"  {goal.home_goals}-{goal.away_goals}"
        width = (0.85 * len(text) + 2.0) * scale
        ha = "center"
        left = x - width / 2
        if left < 0:
            ha, left = "left", x - 1.0 * scale
        elif x + width / 2 > last + 6 * scale:
            ha, left = "right", x - width + 1.0 * scale
        free = [r for r, end in enumerate(row_end) if end < left]
        if free:
            row = free[0]
        else:
            row = len(row_end)
            row_end.append(-1e9)
        row_end[row] = left + width
        placed_goals.append((x, text, colour, goal.p_team_after, ha, row))
    n_rows = max(1, len(row_end))
    row_height = 0.06
    ax.set_ylim(0, 1.0 + 0.04 + row_height * n_rows)
    for x, text, colour, p_after, ha, row in placed_goals:
        y_label = 1.03 + row_height * row
        ax.plot([x, x], [0, y_label], color=colour, linewidth=0.9, alpha=0.35, zorder=1)
        ax.plot([x], [p_after], marker="o", markersize=9, color=colour,
                markeredgecolor="white", markeredgewidth=1.5, zorder=5)
        ax.text(x, y_label, text, ha=ha, va="bottom", fontsize=9, color="white",
                fontweight="bold", clip_on=False,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": colour, "edgecolor": "none"})
    # the eventual winner's lowest point
    # (only when it was a real comeback: after kick-off, below one half, and not the
    # shoot-out coin at 120')
    if (replay.winner_lowest_p is not None and replay.winner_lowest_minute
            and replay.winner_lowest_p < 0.5):
        winner_c = home_c if replay.winner == replay.match.home_team else away_c
        lx, ly = replay.winner_lowest_minute, replay.winner_lowest_p
        ax.plot([lx], [ly], marker="v", markersize=8, color=winner_c, zorder=6)
        tx = max(lx - 3, 24)
        ty = _free_y(frame, tx - 22, tx)
        ax.annotate(f"{replay.winner}'s low: {ly:.0%} ({lx}')", xy=(lx, ly),
                    xytext=(tx, ty), ha="right", va="center", fontsize=9,
                    color=winner_c, arrowprops={"arrowstyle": "-", "color": winner_c, "lw": 0.8})

    m = replay.match
    score = f"{m.home_team} {m.home_score}\u2013{m.away_score} {m.away_team}"
    if m.shootout_winner:
        score += f" ({m.shootout_winner} on penalties)"
    elif m.extra_time:
        score += " (a.e.t.)"
    date = f"{m.date.day} {_MONTHS[m.date.month - 1]} {m.date.year}"
    fig.text(0.07, 0.965, score, fontsize=16, fontweight="bold", ha="left", va="top")
    sub = f"{replay.match.tournament} \u00b7 {date} \u00b7 {replay.match.city}"
    fig.text(0.07, 0.912, sub, fontsize=10, color="#555555", ha="left", va="top")
    if replay.prematch is not None:
        p = replay.prematch
        pre = (f"Win probability minute by minute. Before kick-off: {replay.match.home_team} "
               f"{p.p_home:.0%}, draw {p.p_draw:.0%}, {replay.match.away_team} {p.p_away:.0%}")
        fig.text(0.07, 0.875, pre, fontsize=9, color="#757575", ha="left", va="top")

    base = Path(out)
    paths = [base.with_suffix(".png"), base.with_suffix(".svg")]
    for path in paths:
        fig.savefig(path, metadata={"Date": None} if path.suffix == ".svg" else None)
    plt.close(fig)
    return paths


def _free_y(frame: Any, x0: float, x1: float) -> float:
    """A height in 0.05..0.95 as far as possible from the three lines between minutes x0, x1."""
    window = frame[(frame["minute"] >= x0) & (frame["minute"] <= x1)]
    if window.empty:
        return 0.5
    values = window[["p_home", "p_draw", "p_away"]].to_numpy().ravel()
    candidates = np.linspace(0.05, 0.95, 37)
    gaps = np.abs(candidates[:, None] - values[None, :]).min(axis=1)
    return float(candidates[int(np.argmax(gaps))])


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
