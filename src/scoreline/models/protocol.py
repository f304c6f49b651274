"""The one contract every scoreline model meets, declared as a :class:`typing.Protocol`.

No base class is required: a model is anything with these members (scikit-learn's
estimator convention, with forecasts instead of labels).

- ``name`` and ``version``: the model's name in forecasts, and the version of its maths
  (bumped whenever forecasts change for the same parameters; caches are keyed by it).
- ``get_params()``: the constructor parameters, unchanged and JSON-serialisable; they are
  validated at construction, so ``Elo(home_advantage=-1)`` fails at once.
- ``fit(matches, *, warm_start=None) -> self``: learn from played matches (data only
  here). ``warm_start`` is an already fitted model of the same kind to start from; it is
  never mutated, so one fitted model can seed many others. Without it a model built with
  ``warm_start=True`` continues from its own previous fit.
- ``predict(fixtures) -> Forecast``: 90-minute forecasts with the score grid of every
  fixture (:class:`~scoreline.models.score_grid.ScoreGrid` via ``Forecast.score_grid``);
  every model returns the same columns from ``Forecast.to_frame()``.
- ``to_json()`` / ``from_json(text)``: parameters and fitted state as JSON, never pickle;
  the rebuilt model predicts exactly what the original did.

Fitted attributes end in ``_`` (``ratings_``, ``attack_``, ``rho_``); reading them before
``fit`` raises :class:`~scoreline.errors.NotFittedError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, Self, runtime_checkable

from scoreline.models.score_grid import Forecast

if TYPE_CHECKING:  # annotations only: the model protocol must not load pandas
    import pandas as pd


@runtime_checkable
class Model(Protocol):
    """A forecasting model: ``fit(matches) -> self``, ``predict(fixtures) -> Forecast``.

    See the module docstring for what each member promises.
    """

    @property
    def name(self) -> str:
        """Name used in forecasts (``Forecast.model``)."""
        ...  # pragma: no cover

    @property
    def version(self) -> str:
        """Version of the model's maths, for forecast caches."""
        ...  # pragma: no cover

    def get_params(self) -> dict[str, object]:
        """Constructor parameters as given (JSON-serialisable)."""
        ...  # pragma: no cover

    def fit(self, matches: pd.DataFrame, *, warm_start: Self | None = None) -> Self:
        """Fit on played matches (sorted by date); never mutates ``warm_start``."""
        ...  # pragma: no cover

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        """90-minute forecasts of ``fixtures`` (same order)."""
        ...  # pragma: no cover

    def to_json(self) -> str:
        """Parameters and fitted state as a JSON document."""
        ...  # pragma: no cover

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Rebuild a model written by :meth:`to_json`."""
        ...  # pragma: no cover


ModelFactory = Callable[[], Model]
"""Returns a new, unfitted model (``scoreline.models.default_model``, ``lambda: Elo()``)."""


__all__ = ["Model", "ModelFactory"]
