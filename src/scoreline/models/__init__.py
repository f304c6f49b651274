"""Rating and goal models behind one protocol (:class:`~scoreline.models.protocol.Model`):
``Model(**params).fit(matches) -> self``, ``model.predict(fixtures) -> Forecast``.

>>> from scoreline.models import get_model
>>> model = get_model("default").fit(store.matches(until="2022-11-23"))  # doctest: +SKIP
>>> model.predict(fixtures).to_frame()  # doctest: +SKIP

Model names: ``elo`` (World Football Elo with a fitted ordered logit), ``dixon-coles``
(time-weighted, regularised Dixon–Coles), ``elo-dixon-coles`` (Dixon–Coles with the
pre-match Elo difference as a covariate), ``elo-dixon-coles-venue`` (the same with
home-advantage offsets by venue, ``docs/models.md``), ``elo-dixon-coles-long`` (the venue
offsets with a longer memory, decay 0.0006 per day: the best single model of the test
period on all matches, ``docs/models.md``) and ``default`` (the most accurate in the
walk-forward backtest; see :func:`default_model`). :class:`Blend` mixes the score grids of
several of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scoreline.errors import InvalidParameterError
from scoreline.models.protocol import Model, ModelFactory
from scoreline.models.score_grid import Forecast, ScoreGrid

if TYPE_CHECKING:
    from scoreline.models.blend import Blend
    from scoreline.models.combined import EloDixonColes
    from scoreline.models.dixon_coles import DixonColes
    from scoreline.models.elo import Elo

MODEL_NAMES = ("default", "elo", "dixon-coles", "elo-dixon-coles", "elo-dixon-coles-venue",
               "elo-dixon-coles-long")
"""Names accepted by :func:`get_model`."""


def default_model() -> Model:
    """A new, unfitted instance of scoreline's default model: :class:`EloDixonColes`
    (Elo covariate, confederation offsets, residual prior 0.5).

    Chosen by the walk-forward backtest, mean RPS of the 1X2 against 90-minute results:
    (a) 15,830 matches 2010-01-01..2026-07-19 with a known 90-minute score, weekly refits;
    (b) the 296 matches of the World Cups 2014, 2018, 2022 and 2026, daily refits:

    ===============================================  ======  ==========
    model                                            (a)     World Cups
    ===============================================  ======  ==========
    Elo (eloratings formula, ordered logit)          0.1743  0.1922
    Dixon-Coles (xi 0.0018, prior 3)                 0.1727  0.1857
    EloDixonColes, no offsets, prior 3 (former)      0.1712  0.1851
    EloDixonColes, confederation offsets, prior 0.5  0.1706  0.1849
    ===============================================  ======  ==========

    Against the former default the paired per-match difference is -0.00062 (standard error
    0.00024) on (a) and -0.00020 (standard error 0.00051) on the World Cups: a real gain on
    all matches, within noise on the World Cups. Against Elo it gains 0.0037 and 0.0073,
    against plain Dixon–Coles 0.0021 (standard error 0.0003) and 0.0008 (0.0014).
    :mod:`scoreline.models.combined` lists what else was tried; ``bench/backtest.py``
    reproduces the comparison (``docs/backtest.md``).
    """
    from scoreline.models.combined import EloDixonColes

    return EloDixonColes()


def get_model(name: str) -> Model:
    """A new, unfitted model by name.

    Parameters
    ----------
    name : str
        One of :data:`MODEL_NAMES` (case-insensitive; ``_`` and spaces read as ``-``).

    Raises
    ------
    InvalidParameterError
        For any other name, listing the valid ones.
    """
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    if key == "default":
        return default_model()
    if key == "elo":
        from scoreline.models.elo import Elo

        return Elo()
    if key in ("dixon-coles", "dc"):
        from scoreline.models.dixon_coles import DixonColes

        return DixonColes()
    if key == "elo-dixon-coles":
        from scoreline.models.combined import EloDixonColes

        return EloDixonColes()
    if key == "elo-dixon-coles-venue":
        from scoreline.models.adjusted import TUNED_VENUE_OFFSETS, AdjustedEloDixonColes

        return AdjustedEloDixonColes(venue_offsets=TUNED_VENUE_OFFSETS)
    if key == "elo-dixon-coles-long":
        from scoreline.models.adjusted import (
            TUNED_LONG_MEMORY_XI,
            TUNED_VENUE_OFFSETS,
            AdjustedEloDixonColes,
        )

        return AdjustedEloDixonColes(venue_offsets=TUNED_VENUE_OFFSETS, xi=TUNED_LONG_MEMORY_XI)
    raise InvalidParameterError(
        f"unknown model {name!r}; expected one of {', '.join(repr(n) for n in MODEL_NAMES)}"
    )


def __getattr__(name: str) -> type[Model]:
    # the model classes load lazily (Elo compiles with numba on first import)
    if name == "Blend":
        from scoreline.models.blend import Blend

        return Blend
    if name == "DixonColes":
        from scoreline.models.dixon_coles import DixonColes

        return DixonColes
    if name == "Elo":
        from scoreline.models.elo import Elo

        return Elo
    if name == "EloDixonColes":
        from scoreline.models.combined import EloDixonColes

        return EloDixonColes
    raise AttributeError(f"module 'scoreline.models' has no attribute {name!r}")


__all__ = [
    "MODEL_NAMES",
    "Blend",
    "DixonColes",
    "Elo",
    "EloDixonColes",
    "Forecast",
    "Model",
    "ModelFactory",
    "ScoreGrid",
    "default_model",
    "get_model",
]
