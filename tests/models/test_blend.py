"""The blend of models: a mixture of score grids."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoreline.errors import InvalidParameterError, NotFittedError
from scoreline.models.blend import Blend
from scoreline.models.dixon_coles import DixonColes
from scoreline.models.elo import Elo

FIXTURE = pd.DataFrame({"date": [pd.Timestamp("2022-11-23")], "home_team": ["Germany"],
                        "away_team": ["Japan"], "neutral": [True],
                        "tournament": ["FIFA World Cup"]})


def test_blend_is_the_weighted_mixture(matches: pd.DataFrame) -> None:
    """A 30/70 blend of Elo and Dixon-Coles gives 0.3*grid_elo + 0.7*grid_dc, a valid grid."""
    train = matches[(matches["date"] >= "2015-01-01") & (matches["date"] < "2022-11-23")]
    blend = Blend(("elo", "dixon-coles"), weights=(3, 7)).fit(train)
    elo = Elo().fit(train).predict(FIXTURE)
    dc = DixonColes().fit(train).predict(FIXTURE)
    f = blend.predict(FIXTURE)
    assert f.grids == pytest.approx(0.3 * elo.grids + 0.7 * dc.grids, abs=1e-6)
    assert f.grids.sum() == pytest.approx(1.0)
    assert f.model == "blend(elo 0.30, dixon-coles 0.70)"
    assert np.all(f.outcomes >= 0)


def test_bad_parameters_and_not_fitted() -> None:
    """Weights must match the members; 'default' cannot be a member; predict needs fit."""
    with pytest.raises(InvalidParameterError, match="weights"):
        Blend(("elo", "dixon-coles"), weights=(1.0,))
    with pytest.raises(InvalidParameterError, match="default"):
        Blend(("default", "elo"))
    with pytest.raises(NotFittedError, match="fit"):
        Blend().predict(FIXTURE)
