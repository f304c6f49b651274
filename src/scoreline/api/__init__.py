"""The Python API: the one door the CLI and the web app go through.

Each function validates its arguments, opens the store when given a path (or uses the
default store), calls the layer that does the work, and returns typed results. Nothing
below this package knows about terminals or HTTP. The modules split the API by area:
``data`` (the store), ``ratings``, ``forecasts`` (models, forecasts, backtests),
``tournaments``, ``matches`` (replays, upsets, comebacks), ``writing`` (stories and
article checks), ``backtests`` (models side by side, in time blocks), ``tuning``
(hyper-parameter sweeps) and ``execution`` (in-process or on Dask, ``scheduler=``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scoreline._json import JSON
from scoreline._json import dumps as to_json
from scoreline._json import jsonable as to_jsonable
from scoreline.api._store import DateLike, get_store
from scoreline.api.ratings import (  # eager: the function ``ratings`` shares its module's name
    RatingHistory,
    RatingPoint,
    RatingRow,
    RatingsTable,
    rating_history,
    ratings,
)
from scoreline.data.outcomes import DecidedBy, Outcome

if TYPE_CHECKING:
    from scoreline.api._execution import SCHEDULER_HELP, parse_scheduler
    from scoreline.api.backtests import ModelComparison, compare_models
    from scoreline.api.data import (
        Goal,
        Match,
        Record,
        data_info,
        head_to_head,
        load_data,
        parse_date,
        team_summary,
    )
    from scoreline.api.forecasts import (
        MODELS,
        CacheStats,
        FixtureForecasts,
        MatchForecast,
        Model,
        ModelFactory,
        ScoreProbability,
        cache_stats,
        fitted_model,
        model_factory,
        predict_fixtures,
        predict_match,
        run_backtest,
    )
    from scoreline.api.formats import TournamentEdition, tournament_editions, tournament_names
    from scoreline.api.live import (
        LiveCurvePoint,
        LiveForecast,
        LiveGoalRow,
        LivePrematch,
        live_match,
    )
    from scoreline.api.markets import MatchMarkets, match_markets
    from scoreline.api.matches import (
        Comeback,
        ComebackRanking,
        MatchReplay,
        MatchSurprise,
        SurpriseTable,
        UpsetRanking,
        comebacks,
        match_replay,
        match_surprises,
        upsets,
    )
    from scoreline.api.odds import OddsComparison, OddsRow, OddsScores, compare_odds
    from scoreline.api.process import pandas_without_arrow
    from scoreline.api.tournament_state import TournamentStatus, tournament_status
    from scoreline.api.tournaments import (
        TitleRace,
        TitleSeries,
        simulate_timeline,
        simulate_tournament,
        title_race,
    )
    from scoreline.api.tuning import TuneResult, tune
    from scoreline.api.updates import (
        AddedSource,
        DataChange,
        add_matches,
        added_matches,
        remove_matches,
        rollback_data,
        update_data,
    )
    from scoreline.api.warm import WarmUp, warm_up
    from scoreline.api.writing import check_article, story
    from scoreline.data.queries import HeadToHead, TeamSummary
    from scoreline.data.store import AddedMatchesInfo, LoadReport, StoreInfo
    from scoreline.evaluate.backtest import BacktestResult
    from scoreline.tournament.result import SimulationResult, TimelineResult
    from scoreline.writing.claims.report import CheckReport
    from scoreline.writing.story.compose import Story

_SUBMODULES: dict[str, tuple[str, ...]] = {
    "scoreline.api._execution": ("SCHEDULER_HELP", "parse_scheduler"),
    "scoreline.api.backtests": ("ModelComparison", "compare_models"),
    "scoreline.api.data": (
        "Goal", "Match", "Record", "data_info", "head_to_head", "load_data", "parse_date",
        "team_summary"
    ),
    "scoreline.api.forecasts": (
        "MODELS", "CacheStats", "FixtureForecasts", "MatchForecast", "Model", "ModelFactory",
        "ScoreProbability", "cache_stats", "fitted_model", "model_factory", "predict_fixtures",
        "predict_match", "run_backtest"
    ),
    "scoreline.api.formats": ("TournamentEdition", "tournament_editions", "tournament_names"),
    "scoreline.api.live": (
        "LiveCurvePoint", "LiveForecast", "LiveGoalRow", "LivePrematch", "live_match"
    ),
    "scoreline.api.markets": ("MatchMarkets", "match_markets"),
    "scoreline.api.matches": (
        "Comeback", "ComebackRanking", "MatchReplay", "MatchSurprise", "SurpriseTable",
        "UpsetRanking", "comebacks", "match_replay", "match_surprises", "upsets"
    ),
    "scoreline.api.odds": ("OddsComparison", "OddsRow", "OddsScores", "compare_odds"),
    "scoreline.api.process": ("pandas_without_arrow",),
    "scoreline.api.tournament_state": ("TournamentStatus", "tournament_status"),
    "scoreline.api.tournaments": (
        "TitleRace", "TitleSeries", "simulate_timeline", "simulate_tournament", "title_race"
    ),
    "scoreline.api.tuning": ("TuneResult", "tune"),
    "scoreline.api.updates": (
        "AddedSource", "DataChange", "add_matches", "added_matches", "remove_matches",
        "rollback_data", "update_data"
    ),
    "scoreline.api.warm": ("WarmUp", "warm_up"),
    "scoreline.api.writing": ("check_article", "story"),
}
"""The API's functions and result types by the module that defines them: each module is
imported when one of its names is first used, so a command loads only its own area (``scoreline
live`` needs neither the store's loaders nor the tournament simulator)."""

_LAZY = {"HeadToHead": "scoreline.data.queries", "TeamSummary": "scoreline.data.queries",
         "LoadReport": "scoreline.data.store", "StoreInfo": "scoreline.data.store",
         "AddedMatchesInfo": "scoreline.data.store",
         "BacktestResult": "scoreline.evaluate.backtest",
         "SimulationResult": "scoreline.tournament.result",
         "TimelineResult": "scoreline.tournament.result",
         "CheckReport": "scoreline.writing.claims.report",
         "Story": "scoreline.writing.story.compose"}
"""Result types re-exported here whose modules load DuckDB, numba or the writing layer: imported on first use, so that
``import scoreline.api`` (and the CLI) stays light."""


_LAZY.update({name: module for module, names in _SUBMODULES.items() for name in names})


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scoreline.api' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value

__all__ = [
    "JSON",
    "MODELS",
    "SCHEDULER_HELP",
    "AddedMatchesInfo",
    "AddedSource",
    "BacktestResult",
    "CacheStats",
    "CheckReport",
    "Comeback",
    "ComebackRanking",
    "DataChange",
    "DateLike",
    "DecidedBy",
    "FixtureForecasts",
    "Goal",
    "HeadToHead",
    "LiveCurvePoint",
    "LiveForecast",
    "LiveGoalRow",
    "LivePrematch",
    "LoadReport",
    "Match",
    "MatchForecast",
    "MatchMarkets",
    "MatchReplay",
    "MatchSurprise",
    "Model",
    "ModelComparison",
    "ModelFactory",
    "OddsComparison",
    "OddsRow",
    "OddsScores",
    "Outcome",
    "RatingHistory",
    "RatingPoint",
    "RatingRow",
    "RatingsTable",
    "Record",
    "ScoreProbability",
    "SimulationResult",
    "StoreInfo",
    "Story",
    "SurpriseTable",
    "TeamSummary",
    "TimelineResult",
    "TitleRace",
    "TitleSeries",
    "TournamentEdition",
    "TournamentStatus",
    "TuneResult",
    "UpsetRanking",
    "WarmUp",
    "add_matches",
    "added_matches",
    "cache_stats",
    "check_article",
    "comebacks",
    "compare_models",
    "compare_odds",
    "data_info",
    "fitted_model",
    "get_store",
    "head_to_head",
    "live_match",
    "load_data",
    "match_markets",
    "match_replay",
    "match_surprises",
    "model_factory",
    "pandas_without_arrow",
    "parse_date",
    "parse_scheduler",
    "predict_fixtures",
    "predict_match",
    "rating_history",
    "ratings",
    "remove_matches",
    "rollback_data",
    "run_backtest",
    "simulate_timeline",
    "simulate_tournament",
    "story",
    "team_summary",
    "title_race",
    "to_json",
    "to_jsonable",
    "tournament_editions",
    "tournament_names",
    "tournament_status",
    "tune",
    "update_data",
    "upsets",
    "warm_up",
]
