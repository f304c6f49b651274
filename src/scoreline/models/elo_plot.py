"""Draw a team's Elo rating over time into a PNG (matplotlib is imported only when drawing)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def plot_rating_history(history: pd.DataFrame, team: str, path: str | Path) -> Path:
    """Plot the rating of ``team`` after each of its matches.

    Parameters
    ----------
    history : DataFrame
        ``date`` and ``rating`` (after the match) of the team's matches, oldest first
        (``scoreline.api.rating_history(...).points``).
    team : str
        Name for the title.
    path : str or Path
        PNG file to write.

    Returns
    -------
    Path
        The file written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(path)
    fig, ax = plt.subplots(figsize=(9, 4), dpi=100)
    try:
        ax.step(pd.to_datetime(history["date"]), history["rating"], where="post",
                color="tab:blue", linewidth=1.2)
        ax.set_title(f"{team}: World Football Elo rating after each match")
        ax.set_ylabel("Elo rating (points)")
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(out, format="png")
    finally:
        plt.close(fig)
    return out


__all__ = ["plot_rating_history"]
