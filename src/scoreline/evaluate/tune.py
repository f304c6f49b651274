"""Hyper-parameter tuning by walk-forward backtests over time-block folds.

Protocol (``docs/models.md``, "Tuning protocol"): each candidate setting is backtested
walk-forward on every *tuning fold*, a block of time ``[since, until)`` ending on or before
:data:`TEST_START`; every forecast learns only from matches before its refit day. The
candidates are ranked by their pooled mean RPS over the tuning folds. The *test period*
``[TEST_START, end)`` is backtested once per candidate and reported beside the ranking;
it never takes part in choosing.

Everything here is a plain function of its arguments (the match table, a
:class:`ModelSpec`, a :class:`Fold`), so the same tasks run in a loop or on any executor.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import itertools
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from scoreline.errors import InvalidParameterError
from scoreline.evaluate.backtest import backtest

TEST_START = pd.Timestamp("2019-01-01")
"""First day of the test period: tuning folds end on or before it."""

ParamValue = bool | int | float | str


@dataclass(frozen=True)
class ModelSpec:
    """A model by name and the constructor arguments that override its defaults.

    Attributes
    ----------
    name : str
        A name of :func:`scoreline.models.get_model`.
    params : tuple of (name, value)
        Constructor keyword arguments, sorted by name (hashable, picklable, JSON-ready).
    """

    name: str
    params: tuple[tuple[str, ParamValue], ...] = ()

    def build(self) -> Any:
        """A new unfitted model: the named model's parameters with ``params`` on top."""
        from scoreline.models import get_model

        base = get_model(self.name)
        if not self.params:
            return base
        kwargs = dict(base.get_params()) if hasattr(base, "get_params") else {}
        kwargs.update(self.params)
        try:
            return type(base)(**kwargs)
        except TypeError:
            raise InvalidParameterError(
                f"model {self.name!r} takes parameters {', '.join(tunable_params(self.name))}; "
                f"got {', '.join(k for k, _ in self.params)}"
            ) from None

    def label(self) -> str:
        """``name=value`` pairs, or ``defaults``."""
        return ", ".join(f"{k}={v}" for k, v in self.params) or "defaults"


def tunable_params(model: str) -> list[str]:
    """Constructor keyword arguments of a named model (its ``get_params`` keys, which
    include those a subclass passes on to its parent through ``**kwargs``)."""
    from scoreline.models import get_model

    base = get_model(model)
    if hasattr(base, "get_params"):
        return list(base.get_params())
    signature = inspect.signature(type(base).__init__)
    return [p for p in signature.parameters if p != "self"]


def parse_value(text: str) -> ParamValue:
    """A parameter value from text: ``true``/``false``, an integer, a float, or the text."""
    low = text.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text.strip()


def parse_param(text: str) -> tuple[str, list[ParamValue]]:
    """``'xi=0.001,0.002'`` as ``('xi', [0.001, 0.002])``.

    Raises
    ------
    InvalidParameterError
        No ``=``, an empty name or no value.
    """
    name, sep, values = text.partition("=")
    items = [v for v in values.split(",") if v.strip()]
    if not sep or not name.strip() or not items:
        raise InvalidParameterError(
            f"--param {text!r}: expected NAME=VALUE[,VALUE...], e.g. xi=0.0012,0.0018"
        )
    return name.strip(), [parse_value(v) for v in items]


def settings_grid(model: str, params: Mapping[str, Sequence[ParamValue]]) -> list[ModelSpec]:
    """Every combination of the given values (a Cartesian grid), each checked by building it.

    Raises
    ------
    InvalidParameterError
        An unknown parameter name (listing the model's parameters) or a value the model's
        constructor rejects.
    """
    known = tunable_params(model)
    for name in params:
        if name not in known:
            raise InvalidParameterError(
                f"model {model!r} has no parameter {name!r}; expected one of {', '.join(known)}"
            )
    names = sorted(params)
    specs = [
        ModelSpec(model, tuple(zip(names, combo, strict=True)))
        for combo in itertools.product(*(list(params[n]) for n in names))
    ]
    for spec in specs:
        spec.build()  # the constructor validates each value now, before any task runs
    return specs or [ModelSpec(model)]


@dataclass(frozen=True)
class Fold:
    """A time block ``[since, until)`` of forecast matches; ``test`` marks the test period."""

    since: pd.Timestamp
    until: pd.Timestamp
    test: bool = False

    def label(self) -> str:
        """``2016-01-01..2017-01-01`` (``test`` appended for the test period)."""
        kind = " (test)" if self.test else ""
        return f"{self.since.date()}..{self.until.date()}{kind}"


def tuning_folds(spec: str | int | Sequence[int]) -> list[Fold]:
    """Tuning folds from ``N`` (the N calendar years before :data:`TEST_START`) or from
    start years ``Y1,Y2,..,Yk`` (folds ``[Y1, Y2)``, ..., ``[Yk, 2019)``).

    Raises
    ------
    InvalidParameterError
        Not a count or increasing years, or a fold ending after the test period starts.
    """
    text = ",".join(str(v) for v in spec) if isinstance(spec, Sequence) and not isinstance(
        spec, str) else str(spec)
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise InvalidParameterError(
            f"--folds {text!r}: expected a number of yearly folds (e.g. 4) or start years "
            "(e.g. 2015,2016,2017,2018)"
        ) from None
    end = TEST_START.year
    if len(values) == 1 and 1 <= values[0] <= 50:
        years = list(range(end - values[0], end))
    else:
        years = values
    if not years or any(b <= a for a, b in itertools.pairwise(years)) or years[0] < 1873:
        raise InvalidParameterError(
            f"--folds {text!r}: expected a count 1..50 or increasing start years after 1872")
    if years[-1] >= end:
        raise InvalidParameterError(
            f"--folds {text!r}: tuning folds must end by {TEST_START.date()} (the test "
            f"period starts then); the last start year must be before {end}"
        )
    edges = [pd.Timestamp(dt.date(y, 1, 1)) for y in years] + [TEST_START]
    return [Fold(a, b) for a, b in itertools.pairwise(edges)]


def holdout_folds(until: pd.Timestamp, years: int = 1) -> list[Fold]:
    """The test period ``[TEST_START, until)`` cut into blocks of ``years`` calendar years."""
    edges = [TEST_START]
    while edges[-1] < until:
        edges.append(min(until, pd.Timestamp(dt.date(edges[-1].year + years, 1, 1))))
    return [Fold(a, b, test=True) for a, b in itertools.pairwise(edges)]


@dataclass(frozen=True)
class FoldScore:
    """Sums of one setting's walk-forward scores on one fold (sums pool exactly).

    Attributes
    ----------
    spec : ModelSpec
    fold : Fold
    n_matches : int
        Scored matches (known 90-minute score).
    rps_sum, log_loss_sum, brier_sum : float
        Sums over those matches (divide by ``n_matches`` for the means).
    seconds : float
        Wall time of the fold's backtest on its worker.
    cpu_seconds : float
        CPU time of the process during the task (every thread of it).
    """

    spec: ModelSpec
    fold: Fold
    n_matches: int
    rps_sum: float
    log_loss_sum: float
    brier_sum: float
    seconds: float
    cpu_seconds: float = 0.0


def score_fold(matches: pd.DataFrame, spec: ModelSpec, fold: Fold, refit: str = "7D") -> FoldScore:
    """Walk-forward backtest of one setting on one fold (the task of a tuning sweep).

    Every forecast learns only from matches before its refit day; the model is fitted
    from scratch on the matches before the fold, then warm-started refit after refit.
    """
    cpu = time.process_time()
    result = backtest(matches, spec.build, fold.since, fold.until, refit=refit)
    s = result.scores
    n = s.n_matches
    return FoldScore(spec, fold, n, s.rps * n, s.log_loss * n, s.brier * n, result.seconds,
                     time.process_time() - cpu)


@dataclass(frozen=True)
class LeaderboardRow:
    """One candidate's pooled scores (means over matches, tuning folds and test separately).

    ``fold_rps`` maps each tuning fold's label to its mean RPS; test figures are ``nan``
    when the test period was not run.
    """

    rank: int
    spec: ModelSpec
    n_matches: int
    rps: float
    log_loss: float
    brier: float
    fold_rps: dict[str, float]
    test_n_matches: int
    test_rps: float
    test_log_loss: float
    test_brier: float


@dataclass
class Leaderboard:
    """Fold scores gathered as they finish; :meth:`rows` ranks the candidates by tuning RPS."""

    specs: list[ModelSpec]
    scores: list[FoldScore] = field(default_factory=list)

    def add(self, score: FoldScore) -> None:
        """Take one finished task's score."""
        self.scores.append(score)

    def rows(self) -> list[LeaderboardRow]:
        """Candidates best first by pooled tuning-fold RPS (only folds finished so far)."""
        out = []
        for spec in self.specs:
            mine = [s for s in self.scores if s.spec == spec]
            tune = sorted((s for s in mine if not s.fold.test), key=lambda s: s.fold.since)
            test = [s for s in mine if s.fold.test]
            n, t = sum(s.n_matches for s in tune), sum(s.n_matches for s in test)
            out.append(LeaderboardRow(
                0, spec, n, _mean(tune, "rps_sum", n), _mean(tune, "log_loss_sum", n),
                _mean(tune, "brier_sum", n),
                {s.fold.label(): s.rps_sum / s.n_matches for s in tune}, t,
                _mean(test, "rps_sum", t), _mean(test, "log_loss_sum", t),
                _mean(test, "brier_sum", t),
            ))
        out.sort(key=lambda r: (math.isnan(r.rps), r.rps))
        return [dataclasses.replace(r, rank=k + 1) for k, r in enumerate(out)]


def _mean(scores: Sequence[FoldScore], attr: str, n: int) -> float:
    return sum(getattr(s, attr) for s in scores) / n if n else math.nan


__all__ = [
    "TEST_START",
    "Fold",
    "FoldScore",
    "Leaderboard",
    "LeaderboardRow",
    "ModelSpec",
    "holdout_folds",
    "parse_param",
    "parse_value",
    "score_fold",
    "settings_grid",
    "tunable_params",
    "tuning_folds",
]
