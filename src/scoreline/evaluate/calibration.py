"""Calibration of 1X2 forecasts: a binned table and a reliability plot.

A forecast is calibrated when, of all the matches given a probability near p for an
outcome, that outcome happens about a share p of the time. The table bins every
(match, outcome) probability into equal-width bins and compares the mean forecast with
the observed frequency, with a binomial standard error.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from scoreline.data.outcomes import OUTCOME_NAMES
from scoreline.errors import InvalidParameterError


def calibration_table(probs: ArrayLike, outcomes: ArrayLike, bins: int = 10) -> pd.DataFrame:
    """Mean forecast against observed frequency, per outcome and probability bin.

    Parameters
    ----------
    probs : array, shape (n, 3)
        ``p_home``, ``p_draw``, ``p_away`` per match.
    outcomes : int array, shape (n,)
        0 home win, 1 draw, 2 away win (90 minutes).
    bins : int
        Number of equal-width bins on [0, 1].

    Returns
    -------
    DataFrame
        One row per non-empty (outcome, bin): ``outcome`` ('home', 'draw', 'away'),
        ``bin_low``, ``bin_high``, ``n``, ``mean_forecast``, ``observed`` (share of the
        ``n`` matches where the outcome happened), ``std_error`` (binomial, of
        ``observed`` around ``mean_forecast``).
    """
    if int(bins) < 1:
        raise InvalidParameterError(f"bins must be at least 1, got {bins!r}")
    p = np.asarray(probs, dtype=np.float64)
    y = np.asarray(outcomes, dtype=np.int64)
    if p.ndim != 2 or p.shape[1] != 3 or y.shape != (p.shape[0],):
        raise InvalidParameterError(
            f"probs must have shape (n, 3) and outcomes (n,); got {p.shape} and {y.shape}"
        )
    edges = np.linspace(0.0, 1.0, int(bins) + 1)
    rows = []
    for k, name in enumerate(OUTCOME_NAMES):
        forecast = p[:, k]
        happened = (y == k).astype(np.float64)
        which = np.clip(np.digitize(forecast, edges[1:-1]), 0, int(bins) - 1)
        for b in range(int(bins)):
            mask = which == b
            n = int(mask.sum())
            if n == 0:
                continue
            mean_forecast = float(forecast[mask].mean())
            rows.append(
                {
                    "outcome": name,
                    "bin_low": float(edges[b]),
                    "bin_high": float(edges[b + 1]),
                    "n": n,
                    "mean_forecast": mean_forecast,
                    "observed": float(happened[mask].mean()),
                    "std_error": float(np.sqrt(mean_forecast * (1 - mean_forecast) / n)),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["outcome", "bin_low", "bin_high", "n", "mean_forecast", "observed", "std_error"],
    )


def reliability_plot(table: pd.DataFrame, path: str | Path, title: str = "") -> Path:
    """Draw a reliability diagram of a :func:`calibration_table` into a PNG file.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`calibration_table`.
    path : str or Path
        PNG file to write (parent directories must exist).
    title : str
        Plot title.

    Returns
    -------
    Path
        The file written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(path)
    fig, ax = plt.subplots(figsize=(6, 6), dpi=100)
    try:
        ax.plot([0, 1], [0, 1], color="0.6", linestyle="--", linewidth=1, label="perfect")
        for name, colour in zip(OUTCOME_NAMES, ("tab:blue", "tab:grey", "tab:red"), strict=True):
            part = table[table["outcome"] == name]
            if part.empty:
                continue
            ax.errorbar(
                part["mean_forecast"], part["observed"], yerr=2 * part["std_error"],
                marker="o", markersize=4, capsize=2, color=colour, label=f"{name} win"
                if name != "draw" else "draw",
            )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("forecast probability")
        ax.set_ylabel("observed frequency (±2 s.e.)")
        ax.set_title(title or "Reliability of 1X2 forecasts (90 minutes)")
        ax.legend(loc="upper left")
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(out, format="png")
    finally:
        plt.close(fig)
    return out


__all__ = ["OUTCOME_NAMES", "calibration_table", "reliability_plot"]
