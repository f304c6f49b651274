"""Regression guard: the claim checker's figures on the annotated development articles.

The floors are the figures reached (``python bench/claims_eval.py`` prints them with every
miss); they may rise, never silently fall. The targets themselves (precision >= 0.95, false
claims caught >= 0.85, true claims supported >= 0.80) are reported, not asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreline.writing.claims import check
from scoreline.writing.claims.evaluation import evaluate

DEV = Path(__file__).resolve().parents[3] / "shared" / "articles" / "dev"

#: Figures reached on the 14 development articles (366 claims: 291 true, 17 false, 58 uncheckable).
FLOORS = {"contradicted_right": 19, "false_caught": 17, "true_supported": 246}


@pytest.fixture(scope="module")
def dev_evaluation(store):
    """The checker run over every annotated development article (the match given)."""
    if not (DEV / "claims.json").exists():
        pytest.skip(f"no development articles at {DEV}")
    return evaluate(DEV, lambda path, match: check(store, path.read_bytes(), match=match).claims)


def test_no_wrong_contradiction_on_the_dev_set(dev_evaluation) -> None:
    """Every contradicted verdict hits a false claim; no uncheckable claim is contradicted."""
    assert dev_evaluation.wrong_contradictions == []
    assert dev_evaluation.overall.uncheckable_contradicted == 0
    assert not dev_evaluation.failed


def test_dev_set_figures_do_not_fall(dev_evaluation) -> None:
    """False claims caught and true claims supported stay at or above the figures reached."""
    overall = dev_evaluation.overall
    assert overall.contradicted_right >= FLOORS["contradicted_right"]
    assert overall.false_caught >= FLOORS["false_caught"], dev_evaluation.missed_false
    assert overall.true_supported >= FLOORS["true_supported"]
