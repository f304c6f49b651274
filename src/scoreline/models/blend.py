"""A weighted blend of models: the mixture of their score grids.

For weights ``w_k`` (summing to one) the blended grid is ``sum_k w_k * grid_k``, so the
blended 1X2 is the same mixture of the members' 1X2 and every market derived from the
grid stays consistent. Expected goals are the same mixture of the members' rates.
Forecast combination of this kind rarely loses to its best member when the members err
differently (here: long-run Elo ratings against a time-weighted goal model).

References
----------
Bates, J. M. & Granger, C. W. J. (1969). The combination of forecasts. Operational
Research Quarterly 20(4), 451-468.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Self

import numpy as np
import pandas as pd

from scoreline.errors import InvalidParameterError, NotFittedError
from scoreline.models._json import read_document, reading
from scoreline.models.score_grid import Forecast

if TYPE_CHECKING:
    from scoreline.models.protocol import Model

_JSON_FORMAT = "scoreline.blend/1"


class Blend:
    """Weighted mixture of the score grids of several models.

    Parameters
    ----------
    models : sequence of str
        Member model names for :func:`scoreline.models.get_model` (not ``default``).
    weights : sequence of float, optional
        Non-negative weights, one per member, normalised to sum to one (default equal).
    warm_start : bool
        Refitting keeps the fitted members, so each continues from its previous fit
        (members warm-start themselves when built with ``warm_start=True``).

    Attributes
    ----------
    members_ : list of Model
        The fitted member models, in the order of ``models``.
    """

    members_: list[Model]

    def __init__(
        self,
        models: Sequence[str] = ("elo", "dixon-coles"),
        weights: Sequence[float] | None = None,
        warm_start: bool = True,
    ) -> None:
        names = [str(m) for m in models]
        if not names or any(n.strip().lower() == "default" for n in names):
            raise InvalidParameterError(
                f"models must name at least one model other than 'default', got {names!r}")
        if weights is not None:
            w = [float(x) for x in weights]
            if len(w) != len(names) or not all(math.isfinite(x) and x >= 0 for x in w) \
                    or sum(w) <= 0:
                raise InvalidParameterError(
                    f"weights must be {len(names)} non-negative numbers with a positive sum, "
                    f"got {list(weights)!r}")
        if not isinstance(warm_start, bool):
            raise InvalidParameterError(f"warm_start must be True or False, got {warm_start!r}")
        self.models = tuple(names)
        self.weights = None if weights is None else tuple(float(x) for x in weights)
        self.warm_start = warm_start

    @property
    def name(self) -> str:
        """``blend(elo 0.50, dixon-coles 0.50)``-style name used in forecasts."""
        w = self._normalised()
        return "blend(" + ", ".join(f"{m} {x:.2f}" for m, x in zip(self.models, w,
                                                                      strict=True)) + ")"

    @property
    def version(self) -> str:
        """Versions of the members' maths (``get_model(name).version``), for forecast caches."""
        from scoreline.models import get_model

        return ",".join(f"{m}={get_model(m).version}" for m in self.models)

    def get_params(self) -> dict[str, object]:
        """Constructor parameters (JSON-serialisable)."""
        return {"models": list(self.models), "weights": None if self.weights is None
                else list(self.weights), "warm_start": self.warm_start}

    def __repr__(self) -> str:
        return f"Blend(models={self.models!r}, weights={self.weights!r})"

    def _normalised(self) -> np.ndarray:
        w = np.ones(len(self.models)) if self.weights is None else np.asarray(self.weights)
        return np.asarray(w / w.sum(), dtype=np.float64)

    def fit(self, matches: pd.DataFrame, *, warm_start: Blend | None = None) -> Self:
        """Fit every member on ``matches`` (each validates them as it does alone).

        ``warm_start`` (a fitted blend of the same members) starts each member from the
        matching fitted member; it is never changed.
        """
        from scoreline.models import get_model

        starts: list[Model | None] = [None] * len(self.models)
        if warm_start is not None and warm_start is not self:
            if not isinstance(warm_start, Blend) or warm_start.models != self.models:
                raise InvalidParameterError(
                    f"warm_start must be a fitted Blend of {list(self.models)}, got {warm_start!r}")
            if hasattr(warm_start, "members_"):
                starts = list(warm_start.members_)
            self.members_ = [get_model(m) for m in self.models]
        elif not (self.warm_start and hasattr(self, "members_")):
            self.members_ = [get_model(m) for m in self.models]
        for member, start in zip(self.members_, starts, strict=True):
            member.fit(matches, warm_start=start)
        return self

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        """The weighted mixture of the members' forecasts (same fixtures, same order)."""
        if not hasattr(self, "members_"):
            raise NotFittedError("this Blend is not fitted yet; call fit(matches) first")
        w = self._normalised()
        parts = [m.predict(fixtures) for m in self.members_]
        return Forecast(
            fixtures=parts[0].fixtures,
            grids=sum(x * p.grids for x, p in zip(w, parts, strict=True)),
            expected_home_goals=sum(x * p.expected_home_goals for x, p in zip(w, parts,
                                                                                strict=True)),
            expected_away_goals=sum(x * p.expected_away_goals for x, p in zip(w, parts,
                                                                                strict=True)),
            model=self.name,
        )

    def to_json(self) -> str:
        """Parameters and each fitted member's own JSON document (never pickle)."""
        payload: dict[str, object] = {"format": _JSON_FORMAT, "params": self.get_params()}
        if hasattr(self, "members_"):
            payload["members"] = [json.loads(m.to_json()) for m in self.members_]
        return json.dumps(payload)

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Rebuild a blend written by :meth:`to_json`.

        Raises
        ------
        FormatError
            The text is not a scoreline blend JSON document.
        """
        from scoreline.models import get_model

        payload = read_document(text, _JSON_FORMAT, "Blend")
        with reading("Blend"):
            model = cls(**payload["params"])
            members = payload.get("members")
            if members is not None:
                if len(members) != len(model.models):
                    raise ValueError(f"{len(members)} members for {len(model.models)} models")
                model.members_ = [type(get_model(name)).from_json(json.dumps(doc))
                                  for name, doc in zip(model.models, members, strict=True)]
        return model


__all__ = ["Blend"]
