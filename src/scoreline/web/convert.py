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


MAX_CLAIM_TEXT = 400
"""Longest text field of a claim in a check answer, in characters (the rest is cut, "…")."""


def check(report: api.CheckReport, max_claims: int) -> dict[str, api.JSON]:
    """An article ``CheckReport`` as JSON, bounded: at most ``max_claims`` claims, each
    text field at most :data:`MAX_CLAIM_TEXT` characters (``counts`` cover every claim).

    A 1 MB article must answer with its verdicts, not with a copy of itself.
    """
    data = report.to_dict()
    claims = data["claims"]
    assert isinstance(claims, list)
    truncated = len(claims) > max_claims
    kept: list[api.JSON] = []
    for claim in claims[:max_claims]:
        assert isinstance(claim, dict)
        for name in ("text", "statement", "evidence", "reason", "data_value"):
            value = claim.get(name)
            if isinstance(value, str) and len(value) > MAX_CLAIM_TEXT:
                claim[name] = value[:MAX_CLAIM_TEXT - 1] + "\u2026"
                truncated = True
        kept.append(claim)
    return {**data, "claims": kept, "claims_total": len(claims), "truncated": truncated}
