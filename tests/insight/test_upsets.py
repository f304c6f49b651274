"""Upsets at the 2022 World Cup on the real data, walk-forward."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scoreline import api
from scoreline.errors import InvalidParameterError
from scoreline.insight.upsets import level_after_90_home_advance


@pytest.fixture(autouse=True)
def _shared_prematch_cache(monkeypatch: pytest.MonkeyPatch,
                           tmp_path_factory: pytest.TempPathFactory) -> None:
    """One walk-forward cache for the whole session (each refit is computed once)."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path_factory.getbasetemp() / "prematch-cache"))


@pytest.fixture(scope="module")
def wc2022(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    mp = pytest.MonkeyPatch()
    mp.setenv("SCORELINE_CACHE", str(tmp_path_factory.getbasetemp() / "prematch-cache"))
    try:
        return api.match_surprises(tournament="FIFA World Cup", year=2022, db=store_path).frame
    finally:
        mp.undo()


def test_every_match_is_scored_without_lookahead(wc2022: pd.DataFrame, matches: pd.DataFrame) -> None:
    """All 64 matches get probabilities that sum to one, and surprise = -log2 p(result)."""
    assert len(wc2022) == 64
    p = wc2022[["p_home", "p_draw", "p_away"]].to_numpy()
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-9)
    np.testing.assert_allclose(wc2022["surprise_bits"], -np.log2(wc2022["p_result_90"]))
    assert wc2022["home_elo"].between(1400, 2300).all()


def test_saudi_arabia_and_japan_are_upsets(wc2022: pd.DataFrame) -> None:
    """Saudi Arabia 2-1 Argentina is a top-3 upset of 2022 (under a 1-in-8 chance); Germany 1-2
    Japan is a win by the underdog too (where it ranks depends on the model: docs/inplay.md)."""
    ups = wc2022[wc2022["upset"]].sort_values("upset_bits", ascending=False).reset_index(drop=True)
    rank = {w: i + 1 for i, w in enumerate(ups["winner"] + " v " + ups["date"])}
    assert rank["Saudi Arabia v 2022-11-22"] <= 3
    saudi = ups[ups["winner"] == "Saudi Arabia"].iloc[0]
    assert saudi["p_winner"] < 0.12 and saudi["upset_bits"] > 3
    japan = ups[(ups["winner"] == "Japan") & (ups["date"] == "2022-11-23")].iloc[0]
    assert japan["underdog"] == "Japan" and japan["p_away"] < japan["p_home"]
    assert japan["p_winner"] < 0.4


def test_shootout_winners_count_by_going_through(wc2022: pd.DataFrame) -> None:
    """Morocco beat Spain on penalties: decided by shoot-out, sized by the chance to go through."""
    row = wc2022[(wc2022["home_team"] == "Morocco") & (wc2022["away_team"] == "Spain")].iloc[0]
    assert row["decided_by"] == "shoot-out" and row["winner"] == "Morocco"
    assert row["result_90"] == "draw"
    assert row["p_home"] < row["p_winner"] < 0.5
    assert row["p_winner"] == pytest.approx(row["p_home_advance"])
    assert row["p_home_advance"] + row["p_away_advance"] == pytest.approx(1.0)
    assert wc2022["p_home_advance"].notna().sum() == 5  # the 2022 ties that went to extra time


def test_ranking_api(store_path: Path) -> None:
    """The ranking is sorted, numbered from 1 and capped by top."""
    ranking = api.upsets(tournament="fifa world cup", year=2022, top=5, db=store_path)
    assert ranking.selection == "FIFA World Cup 2022"
    assert [u.rank for u in ranking.upsets] == [1, 2, 3, 4, 5]
    bits = [u.upset_bits for u in ranking.upsets]
    assert bits == sorted(bits, reverse=True)
    assert ranking.matches_scored == 64 and ranking.upsets_found >= 10


def test_level_knockout_favours_the_stronger_side() -> None:
    """From level after 90 minutes the side with the higher rate goes through more often."""
    q = level_after_90_home_advance(np.array([2.0, 1.0, 0.6]), np.array([0.6, 1.0, 2.0]))
    assert q[0] > 0.5 and q[1] == pytest.approx(0.5, abs=1e-9) and q[2] < 0.5


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"year": 2022, "since": "2022-01-01"}, "either a year"),
        ({"all_time": True}, "needs a tournament"),
        ({"tournament": "FIFA World Cupp", "year": 2022}, "did you mean"),
        ({"tournament": "FIFA World Cup", "year": 2021}, "no matches"),
        ({"top": 0}, "top must be"),
        ({"since": "not-a-date"}, "not a date"),
    ],
)
def test_bad_selection_is_a_clear_error(store_path: Path, kwargs: dict, message: str) -> None:
    """Conflicting, unknown or empty selections raise InvalidParameterError saying why."""
    with pytest.raises(InvalidParameterError, match=message):
        api.upsets(db=store_path, **kwargs)


def test_elo_before_is_kept_on_disk(matches: pd.DataFrame, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Elo ratings before each match are computed once and read back identically from the
    cache folder; a different history (fewer matches) gets a file of its own."""
    from scoreline.insight.upsets import elo_before
    from scoreline.models.elo import Elo

    sample = matches[matches["date"] < pd.Timestamp("1930-01-01")]
    first = elo_before(sample, tmp_path)
    assert len(list(tmp_path.glob("elo-before-*.npz"))) == 1

    def no_fit(self: Elo, _matches: pd.DataFrame) -> Elo:
        raise AssertionError("Elo was fitted again instead of read from the cache")

    with monkeypatch.context() as m:
        m.setattr(Elo, "fit", no_fit)
        again = elo_before(sample, tmp_path)
    pd.testing.assert_frame_equal(first, again)
    shorter = elo_before(sample.iloc[:-5], tmp_path)
    assert len(list(tmp_path.glob("elo-before-*.npz"))) == 2
    # Elo runs forward in time: the earlier matches' ratings do not depend on later ones
    pd.testing.assert_frame_equal(shorter, first.iloc[:-5])
