"""Charts (PNG) of a tournament forecast: stage probabilities and the title race over time.

matplotlib is imported inside the functions (``Agg`` backend) so that importing
scoreline stays light.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from scoreline.tournament.result import TimelineResult
from scoreline.tournament.simulate import SimulationResult


def plot_stages(result: SimulationResult, path: str | Path, top: int = 16) -> Path:
    """A heat table of the ``top`` favourites' chances of reaching each stage.

    Rows are teams (favourites first), columns the stages after the group (the first is
    "leave the group"), cells the probability in per cent.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = result.to_frame().head(top)
    cols = result.stage_columns()
    values = frame[cols].to_numpy()
    labels = [s if s != "F" else "Final" for s in result.stages[1:-1]] + ["Win"]
    labels[0] += "\n(leave group)"
    fig, ax = plt.subplots(figsize=(1.1 * len(cols) + 3.2, 0.36 * len(frame) + 1.6), dpi=110)
    ax.imshow(values, cmap="Greens", vmin=0, vmax=1, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            text = f"{100 * v:.0f}%" if v >= 0.005 else "<1%" if v > 0 else "0"
            ax.text(j, i, text, ha="center", va="center", fontsize=9,
                    color="white" if v > 0.6 else "black")
    ax.set_xticks(range(len(cols)), labels)
    ax.set_yticks(range(len(frame)), [f"{t} ({g})" for t, g in zip(frame["team"], frame["group"], strict=True)])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    hot = ", hot" if result.hot else ""
    ax.set_title(
        f"{result.tournament}: chance of reaching each stage\n"
        f"as of {result.as_of}, {result.sims:,} simulations{hot}, model {result.model}",
        fontsize=10, pad=28,
    )
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out


def plot_timeline(timeline: TimelineResult, path: str | Path, top: int = 8) -> Path:
    """Each contender's title chance after every matchday (step lines, per cent).

    The x axis is the as-of date: the value at a date uses every result before that day.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    p = timeline.p_champion()
    teams = timeline.teams
    dates = np.array(timeline.dates, dtype="datetime64[D]")
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
    colours = plt.get_cmap("tab10")
    for k, team in enumerate(timeline.contenders(top)):
        i = teams.index(team)
        ax.step(dates, 100 * p[:, i], where="post", lw=2, color=colours(k % 10), label=team)
        if p[-1, i] < 0.005:
            continue
        ax.annotate(
            f"{team} {100 * p[-1, i]:.0f}%", (dates[-1], 100 * p[-1, i]),
            xytext=(6, 0), textcoords="offset points", va="center", fontsize=8,
            color=colours(k % 10),
        )
    ax.set_ylabel("chance of winning the tournament (%)")
    ax.set_xlabel("as of (every result before this day known)")
    ax.set_ylim(0, 100)
    ax.set_xlim(dates[0], dates[-1] + np.timedelta64(4, "D"))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    first = timeline.results[0]
    ax.set_title(
        f"{timeline.tournament}: title chances after each matchday "
        f"({first.sims:,} simulations per day, model {first.model})",
        fontsize=10,
    )
    fig.autofmt_xdate()
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out
