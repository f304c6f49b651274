"""``POST /api/v1/live`` and the ``/live`` page through FastAPI's TestClient."""

from __future__ import annotations

from fastapi.testclient import TestClient

GOALS = [{"minute": 33, "side": "home", "scorer": "Gündoğan", "penalty": True},
         {"minute": 75, "side": "away", "scorer": "Dōan"},
         {"minute": 83, "side": "away", "scorer": "Asano"}]


def test_post_live_equals_the_replay(client: TestClient) -> None:
    """The state and curve of Germany-Japan after Asano's goal are the replay's numbers."""
    r = client.post("/api/v1/live", json={"home": "Germany", "away": "Japan",
                                          "date": "2022-11-23", "goals": GOALS})
    assert r.status_code == 200, r.text
    d = r.json()
    replay = client.get("/api/v1/matches/2022-11-23/Germany/Japan").json()
    at83 = replay["timeline"][83]
    assert d["minute"] == 83 and (d["home_goals"], d["away_goals"]) == (1, 2)
    assert abs(d["p_away"] - at83["p_away"]) < 1e-9
    assert len(d["curve"]) == 84 and d["date"] == "2022-11-23"
    assert d["goals_text"] == "33:HOME:Gündoğan:pen,75:AWAY:Dōan,83:AWAY:Asano"


def test_post_live_rejects_impossible_states(client: TestClient) -> None:
    """A goal after the minute, extra time outside a knockout and a bad side are 422s with
    a message."""
    base = {"home": "Germany", "away": "Japan"}
    late = client.post("/api/v1/live", json={**base, "minute": 20, "goals": GOALS[:1]})
    assert late.status_code == 422 and "after minute 20" in late.json()["message"]
    extra = client.post("/api/v1/live", json={**base, "minute": 100})
    assert extra.status_code == 422 and "knockout" in extra.json()["message"]
    side = client.post("/api/v1/live", json={**base, "goals": [{"minute": 3, "side": "left"}]})
    assert side.status_code == 422


def test_knockout_in_extra_time(client: TestClient) -> None:
    """The 2022 final at 100' (2-2): extra-time result, shoot-out chance, advance chances."""
    r = client.post("/api/v1/live", json={"home": "Argentina", "away": "France",
                                          "date": "2022-12-18", "knockout": True,
                                          "minute": 100,
                                          "goals": [{"minute": 23, "side": "home"},
                                                    {"minute": 36, "side": "home"},
                                                    {"minute": 80, "side": "away"},
                                                    {"minute": 81, "side": "away"}]})
    d = r.json()
    assert r.status_code == 200 and d["period"] == "extra time"
    assert abs(d["p_home_advance"] + d["p_away_advance"] - 1) < 1e-9
    assert d["p_shootout"] == d["p_draw"]


def test_live_page_adds_a_goal_by_redirect(client: TestClient) -> None:
    """The no-JS form: ``add=home`` redirects to the state URL holding the goal, which
    renders the new score and a share link to itself."""
    r = client.get("/live", params={"home": "Germany", "away": "Japan", "date": "2022-11-23",
                                    "venue": "neutral", "minute": "33", "add": "home",
                                    "scorer": "Gündoğan", "pen": "true"},
                   follow_redirects=False)
    assert r.status_code == 303
    target = r.headers["location"]
    assert "goals=33%3AHOME%3AG" in target and "%3Apen" in target and "add=" not in target
    page = client.get(target)
    assert page.status_code == 200
    assert 'id="live-score">1–0<' in page.text and "Gündoğan" in page.text
    undo = client.get(target + "&undo=true", follow_redirects=False)
    assert undo.status_code == 303 and "goals=" not in undo.headers["location"]


def test_live_page_without_fixture_shows_the_form(client: TestClient) -> None:
    """``/live`` alone is the fixture picker."""
    r = client.get("/live")
    assert r.status_code == 200 and 'name="home"' in r.text and 'id="live"' not in r.text
