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
decay 0.0006 per day; the default until the mixture replaced it), ``elo-dixon-coles-mix``
(the mixture of the score grids of two venue models with decays 0.0004 and 0.0012 per
day, fitted together: the best candidate on the tuning folds, ``docs/models.md``) and
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
    """A new, unfitted instance of scoreline's default model, ``elo-dixon-coles-mix``:
    :class:`~scoreline.models.mixture.MixedMemoryEloDixonColes`, the even mixture of the
    score grids of two :class:`~scoreline.models.adjusted.AdjustedEloDixonColes` models with
    the venue offsets (0.12, 0.06) (none at neutral tournament matches) that differ only in
    their time decay, 0.0004 and 0.0012 per day (half-lives 4.7 and 1.6 years), on top of
    :class:`EloDixonColes` (Elo covariate, confederation offsets, residual prior 0.5). The
    two share one Elo run and one data preparation; every market comes from the mixed grid.

    Chosen by the tuning protocol of ``docs/models.md``: the best candidate on the tuning
    folds (weekly walk-forward forecasts 2010-01-01..2018-12-31, 8,584 matches), mean RPS
    of the 1X2 against 90-minute results, its one mixing weight scored out of sample
    (fitted on eight of the nine tuning years, scored on the ninth: 0.47-0.52, hence 0.5);
    the test period 2019-01-01..2026-07-19 (7,246 matches) was never used to choose:

    ==========================================  =======  =======  ============  ==========
    model                                       tuning   test     test, elite   World Cups
    ==========================================  =======  =======  ============  ==========
    ``elo-dixon-coles`` (the first default)     0.17551  0.16476  0.19266       0.18489
    ``elo-dixon-coles-venue``                   0.17488  0.16426  0.19309       0.18537
    ``elo-dixon-coles-long`` (former default)   0.17447  0.16377  0.19253       0.18644
    ``elo-dixon-coles-mix`` (default)           0.17419  0.16355  0.19240       0.18566
    ==========================================  =======  =======  ============  ==========

    On the tuning folds it gains -0.00028 (standard error 0.00009) on the former default
    (-0.00027 with the weight cross-fitted), on the test period -0.00022 (0.00009), on the
    elite test matches -0.00013 (0.00023) and on the World Cups 2014-2026 (296 matches,
    daily refits) -0.00078 (0.00044);
    the best single fit, one model whose weights mix the same two decays (``xi2``),
    scores 0.17439. ``docs/models.md`` ("The default") gives every figure and the fit's
    cost (two goal-model fits per refit).
    """
    from scoreline.models.mixture import MixedMemoryEloDixonColes

    return MixedMemoryEloDixonColes()


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
    if key == "default":  # the same model as "elo-dixon-coles-mix"
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
        return default_model()
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
