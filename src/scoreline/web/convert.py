"""API results as JSON-ready values (dates as ISO strings, NaN/NA as null, tables as records)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any


def jsonable(value: Any) -> Any:
    """``value`` with dataclasses, tables, dates and numpy scalars turned into JSON types.

    DataFrames become lists of records; timestamps at midnight become ``YYYY-MM-DD``.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "to_dict") and hasattr(value, "columns"):  # a DataFrame
        return [jsonable(r) for r in value.to_dict(orient="records")]
    if type(value).__name__ in {"NAType", "NaTType"}:
        return None
    if isinstance(value, dt.datetime):
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if hasattr(value, "item") and hasattr(value, "dtype"):  # numpy / pandas scalars
        return jsonable(value.item())
    return value


def rating_history(result: Any) -> dict[str, Any]:
    """:class:`scoreline.api.RatingHistory` as ``{team, points: [...]}``."""
    return {"team": result.team, "points": jsonable(result.points)}


def simulation(result: Any) -> dict[str, Any]:
    """A tournament ``SimulationResult`` as its JSON summary (favourites first)."""
    return jsonable(result.summary())  # type: ignore[no-any-return]


def timeline(result: Any, sims: int, top: int = 8) -> dict[str, Any]:
    """A ``TimelineResult`` as the title chances of its ``top`` contenders at each date."""
    p = result.p_champion()
    teams = list(result.teams)
    return {
        "tournament": result.tournament,
        "sims": sims,
        "dates": jsonable(result.dates),
        "contenders": [{"team": t, "p_champion": [float(v) for v in p[:, teams.index(t)]]}
                       for t in result.contenders(top)],
    }


MAX_CLAIM_TEXT = 400
"""Longest text field of a claim in a check answer, in characters (the rest is cut, "…")."""


def check(report: Any, max_claims: int) -> dict[str, Any]:
    """An article ``CheckReport`` as JSON, bounded: at most ``max_claims`` claims, each
    text field at most :data:`MAX_CLAIM_TEXT` characters (``counts`` cover every claim).

    A 1 MB article must answer with its verdicts, not with a copy of itself.
    """
    data: dict[str, Any] = jsonable(report.to_dict())
    claims = data["claims"]
    truncated = len(claims) > max_claims
    kept = []
    for claim in claims[:max_claims]:
        for name in ("text", "statement", "evidence", "reason", "data_value"):
            value = claim.get(name)
            if isinstance(value, str) and len(value) > MAX_CLAIM_TEXT:
                claim[name] = value[:MAX_CLAIM_TEXT - 1] + "\u2026"
                truncated = True
        kept.append(claim)
    return {**data, "claims": kept, "claims_total": len(claims), "truncated": truncated}
