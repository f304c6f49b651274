"""The JSON API on the real data: each route answers with what its API function gives."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ARTICLE = (Path(__file__).resolve().parents[2].parent / "shared" / "articles"
           / "2022-11-23-germany-japan.txt")


def test_ratings_as_of_a_date(client: TestClient) -> None:
    """Ratings before the 2022 World Cup: ranked 1..N, Brazil first, football-sized Elo."""
    r = client.get("/api/v1/ratings", params={"date": "2022-11-20", "top": 5})
    assert r.status_code == 200
    body = r.json()
    assert body["date"] == "2022-11-20"
    assert [row["rank"] for row in body["rows"]] == [1, 2, 3, 4, 5]
    assert body["rows"][0]["team"] == "Brazil"
    assert all(1800 < row["rating"] < 2400 for row in body["rows"])


def test_team_summary_and_rating_history(client: TestClient) -> None:
    """Japan's record and its Elo history, oldest first, with the 2022 win over Germany."""
    summary = client.get("/api/v1/teams/Japan", params={"recent": 3}).json()
    assert summary["team"] == "Japan" and summary["overall"]["played"] > 700
    assert len(summary["recent"]) == 3
    history = client.get("/api/v1/teams/japan/ratings", params={"until": "2022-12-01"}).json()
    points = history["points"]
    assert history["team"] == "Japan" and points[0]["date"] < points[-1]["date"] < "2022-12-01"
    win = next(p for p in points if p["date"] == "2022-11-23")
    assert win["opponent"] == "Germany" and win["score"] == "2-1" and win["change"] > 20


def test_head_to_head(client: TestClient) -> None:
    """Germany v Japan: every meeting, the 2022 World Cup one with its three goals."""
    body = client.get("/api/v1/h2h/Germany/Japan").json()
    wc = next(m for m in body["meetings"] if m["date"] == "2022-11-23")
    assert (wc["home_score"], wc["away_score"]) == (1, 2)
    assert sorted(g["minute"] for g in wc["goals"]) == [33, 75, 83]


def test_match_detail_germany_japan(client: TestClient) -> None:
    """The worked example: pre-match forecast, three goals, timeline, Japan's low point."""
    r = client.get("/api/v1/matches/2022-11-23/Germany/Japan")
    assert r.status_code == 200
    m = r.json()
    assert [g["minute"] for g in m["goals"]] == [33, 75, 83]
    assert [g["team"] for g in m["goals"]] == ["Germany", "Japan", "Japan"]
    pre = m["prematch"]
    assert 0.3 < pre["p_home"] < 0.7 and 0.1 < pre["p_away"] < 0.4
    assert pre["trained_until"] < "2022-11-23"  # no lookahead
    assert len(m["timeline"]) == 91 and m["timeline"][0]["minute"] == 0
    assert m["winner"] == "Japan" and m["winner_lowest_p"] < 0.05
    assert 70 <= m["winner_lowest_minute"] <= 75


def test_story(client: TestClient) -> None:
    """The story of the match, teams in either order, with facts behind it."""
    body = client.get("/api/v1/matches/2022-11-23/Japan/Germany/story").json()
    assert body["home_team"] == "Germany" and "Japan" in body["headline"]
    assert len(body["goals"]) == 3 and body["facts"]


@pytest.mark.parametrize("model", ["elo", "default"])
def test_predict(client: TestClient, model: str) -> None:
    """A fixture forecast: probabilities in [0, 1] summing to 1, the stronger side favoured."""
    r = client.get("/api/v1/predict", params={"home": "Brazil", "away": "Bolivia",
                                             "date": "2022-11-20", "model": model})
    assert r.status_code == 200, r.text
    f = r.json()
    assert f["home_team"] == "Brazil" and f["date"] == "2022-11-20"
    total = f["p_home"] + f["p_draw"] + f["p_away"]
    assert abs(total - 1) < 1e-6 and 0.6 < f["p_home"] < 0.99


def test_predict_knockout(client: TestClient) -> None:
    """A neutral World Cup knockout: the two chances to go through add up to 1."""
    f = client.get("/api/v1/predict", params={
        "home": "Argentina", "away": "France", "date": "2022-12-18", "neutral": True,
        "knockout": True, "tournament": "FIFA World Cup"}).json()
    assert f["knockout"] and f["tournament"] == "FIFA World Cup" and f["neutral"]
    assert f["p_home_advance"] + f["p_away_advance"] == pytest.approx(1.0)
    assert f["p_home_advance"] > f["p_home"]  # extra time and penalties add to a win in 90'


def test_upsets_and_comebacks(client: TestClient) -> None:
    """2022 World Cup: Cameroon over Brazil and Saudi Arabia over Argentina among the top
    upsets; Germany-Japan among the top comebacks."""
    upsets = client.get("/api/v1/upsets", params={"tournament": "FIFA World Cup",
                                                  "year": 2022, "top": 5}).json()
    assert upsets["selection"] == "FIFA World Cup 2022" and upsets["matches_scored"] == 64
    pairs = {(u["home_team"], u["away_team"]) for u in upsets["upsets"]}
    assert {("Cameroon", "Brazil"), ("Argentina", "Saudi Arabia")} <= pairs
    comebacks = client.get("/api/v1/comebacks", params={"tournament": "fifa world cup",
                                                        "year": 2022, "top": 3}).json()
    assert any(c["winner"] == "Japan" and c["loser"] == "Germany" for c in comebacks["comebacks"])


def test_tournament_simulation_is_cached(client: TestClient) -> None:
    """WC 2022 from the opening day: Brazil and Argentina favourites, reach-stage
    probabilities monotone; the same inputs are served from the cache."""
    params = {"sims": 2000, "seed": 3}
    body = client.get("/api/v1/tournaments/wc2022", params=params).json()
    assert body["sims"] == 2000 and body["as_of"] == "2022-11-20"
    top2 = {t["team"] for t in body["teams"][:2]}
    assert top2 == {"Brazil", "Argentina"}
    for t in body["teams"]:
        assert 1 >= t["p_r16"] >= t["p_qf"] >= t["p_sf"] >= t["p_final"] >= t["p_champion"] >= 0
    start = time.perf_counter()
    again = client.get("/api/v1/tournaments/wc2022", params=params).json()
    assert again == body and time.perf_counter() - start < 0.5


def test_tournament_timeline(client: TestClient) -> None:
    """Title chances after every matchday of WC 2022: Argentina's ends at 1 (champions)."""
    body = client.get("/api/v1/tournaments/wc2022/timeline", params={"top": 4}).json()
    assert body["dates"][0] == "2022-11-20" and len(body["dates"]) > 20
    series = {c["team"]: c["p_champion"] for c in body["contenders"]}
    assert len(series) == 4 and series["Argentina"][-1] == pytest.approx(1.0)
    assert all(len(s) == len(body["dates"]) for s in series.values())


def test_check_article(client: TestClient) -> None:
    """The real press article on Germany-Japan: found the match, most claims supported."""
    text = ARTICLE.read_text(encoding="utf-8")
    r = client.post("/api/v1/check", json={"text": text})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["home_team"], body["away_team"], body["date"]) == ("Germany", "Japan",
                                                                    "2022-11-23")
    assert body["counts"]["supported"] >= 5
    assert sum(body["counts"].values()) == len(body["claims"])
    named = client.post("/api/v1/check", json={"text": text, "date": "2022-11-23",
                                                "home": "Germany", "away": "Japan"}).json()
    assert named["located_by"] == "given"


def test_openapi_documents_every_route(client: TestClient) -> None:
    """The OpenAPI schema lists every /api/v1 route with its parameters and models."""
    spec = client.get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/v1/ratings", "/api/v1/teams/{team}", "/api/v1/teams/{team}/ratings",
            "/api/v1/h2h/{team_a}/{team_b}", "/api/v1/matches/{date}/{home}/{away}",
            "/api/v1/matches/{date}/{home}/{away}/story", "/api/v1/predict", "/api/v1/upsets",
            "/api/v1/comebacks", "/api/v1/tournaments/{tournament}",
            "/api/v1/tournaments/{tournament}/timeline", "/api/v1/check"} <= paths
    assert all(p.startswith("/api/v1/") for p in paths)
    assert "MatchReplay" in spec["components"]["schemas"]


def test_api_reference_page(client: TestClient) -> None:
    """/api lists every route with its parameters, from the schema, with no CDN explorer."""
    page = client.get("/api")
    assert page.status_code == 200
    assert "/api/v1/predict" in page.text and "wc2022 | wc2026" in page.text
    assert "euro2016 | euro2020 | euro2024" in page.text and "nations2025" in page.text
    assert "cdn" not in page.text.lower()
    assert client.get("/docs").status_code == 404
