"""Rating and goal models behind one protocol (:class:`~scoreline.models.protocol.Model`):
``Model(**params).fit(matches) -> self``, ``model.predict(fixtures) -> Forecast``.

>>> from scoreline.models import get_model
>>> model = get_model("default").fit(store.matches(until="2022-11-23"))  # doctest: +SKIP
>>> model.predict(fixtures).to_frame()  # doctest: +SKIP

Model names: ``elo`` (World Football Elo with a fitted ordered logit), ``dixon-coles``
(time-weighted, regularised Dixon–Coles), ``elo-dixon-coles`` (Dixon–Coles with the
pre-match Elo difference as a covariate; the default until the long-memory model replaced
it), ``elo-dixon-coles-venue`` (the same with home-advantage offsets by venue,
``docs/models.md``), ``elo-dixon-coles-long`` (the venue offsets with a longer memory,
decay 0.0006 per day: the best single model on the tuning folds, ``docs/models.md``) and
``default`` (that model, see :func:`default_model`). :class:`Blend` mixes the score grids
of several of them.
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
               "elo-dixon-coles-long", "elo-dixon-coles-mix")
"""Names accepted by :func:`get_model`."""


def default_model() -> Model:
    """A new, unfitted instance of scoreline's default model, ``elo-dixon-coles-long``:
    :class:`~scoreline.models.adjusted.AdjustedEloDixonColes` with the venue offsets
    (0.12, 0.06) (none at neutral tournament matches) and the time decay 0.0006 per day,
    on top of :class:`EloDixonColes` (Elo covariate, confederation offsets, residual
    prior 0.5).

    Chosen by the tuning protocol of ``docs/models.md``: the best single model on the
    tuning folds (weekly walk-forward forecasts 2010-01-01..2018-12-31, 8,584 matches),
    mean RPS of the 1X2 against 90-minute results; the test period
    2019-01-01..2026-07-19 (7,246 matches) was never used to choose:

    ==========================================  =======  =======  ============  ==========
    model                                       tuning   test     test, elite   World Cups
    ==========================================  =======  =======  ============  ==========
    ``elo-dixon-coles`` (the former default)    0.17551  0.16476  0.19266       0.18489
    ``elo-dixon-coles-venue``                   0.17488  0.16426  0.19309       0.18537
    ``elo-dixon-coles-long`` (default)          0.17447  0.16377  0.19253       0.18644
    ==========================================  =======  =======  ============  ==========

    On the test period it gains -0.00098 (standard error 0.00035) on all matches against
    the former default, -0.00289 (0.00097) between confederations, and is level on the
    elite subset (-0.00013, 0.00086); on the World Cups 2014-2026 (296 matches, daily
    refits) it is worse within noise (+0.00155, 0.00146). Stacked and recalibrated
    layers fitted on the tuning folds' own forecasts scored better there, but in-sample;
    ``docs/models.md`` ("The default") gives the reasons and every figure.
    """
    from scoreline.models.adjusted import (
        TUNED_LONG_MEMORY_XI,
        TUNED_VENUE_OFFSETS,
        AdjustedEloDixonColes,
    )

    return AdjustedEloDixonColes(venue_offsets=TUNED_VENUE_OFFSETS, xi=TUNED_LONG_MEMORY_XI)


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
    if key == "default":  # the same model as "elo-dixon-coles-long"
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
    if key == "elo-dixon-coles-mix":
        from scoreline.models.mixture import MixedMemoryEloDixonColes

        return MixedMemoryEloDixonColes()
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
