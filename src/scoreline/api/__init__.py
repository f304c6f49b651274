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

from scoreline.api._store import get_store
from scoreline.api.backtests import ModelComparison, compare_models
from scoreline.api.data import data_info, head_to_head, load_data, team_summary
from scoreline.api.execution import SCHEDULER_HELP, parse_scheduler
from scoreline.api.forecasts import (
    MODELS,
    CacheStats,
    MatchForecast,
    cache_stats,
    fitted_model,
    model_factory,
    predict_fixtures,
    predict_match,
    run_backtest,
)
from scoreline.api.formats import TournamentEdition, tournament_editions
from scoreline.api.live import LiveForecast, live_match
from scoreline.api.markets import MatchMarkets, match_markets
from scoreline.api.matches import (
    ComebackRanking,
    UpsetRanking,
    comebacks,
    match_replay,
    match_surprises,
    upsets,
)
from scoreline.api.odds import OddsComparison, OddsRow, OddsScores, compare_odds
from scoreline.api.ratings import RatingHistory, RatingRow, RatingsTable, rating_history, ratings
from scoreline.api.tournament_state import FinalMatch, TournamentStatus, tournament_status
from scoreline.api.tournaments import simulate_timeline, simulate_tournament
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
from scoreline.data.outcomes import DecidedBy, Outcome

__all__ = [
    "MODELS",
    "SCHEDULER_HELP",
    "AddedSource",
    "CacheStats",
    "ComebackRanking",
    "DataChange",
    "DecidedBy",
    "FinalMatch",
    "LiveForecast",
    "MatchForecast",
    "MatchMarkets",
    "ModelComparison",
    "OddsComparison",
    "OddsRow",
    "OddsScores",
    "Outcome",
    "RatingHistory",
    "RatingRow",
    "RatingsTable",
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
    "tournament_editions",
    "tournament_status",
    "tune",
    "update_data",
    "upsets",
    "warm_up",
]
