"""API results as JSON-ready values (dates as ISO strings, NaN/NA as null, tables as records)."""

from __future__ import annotations

from scoreline import api


def jsonable(value: object) -> api.JSON:
    """``value`` as JSON-ready values: the library's one encoder, :func:`scoreline.api.to_jsonable`."""
    return api.to_jsonable(value)


def rating_history(result: api.RatingHistory) -> dict[str, api.JSON]:
    """:class:`scoreline.api.RatingHistory` as ``{team, points: [...]}``."""
    return result.to_dict()


def simulation(result: api.SimulationResult) -> dict[str, api.JSON]:
    """A tournament ``SimulationResult`` as its JSON summary (favourites first)."""
    return {k: jsonable(v) for k, v in result.summary().items()}
