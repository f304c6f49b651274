"""Home and tournament pages show where a tournament stands as of the latest data day."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_home_shows_the_2026_champion_and_final(client: TestClient) -> None:
    """The data run to the 2026 final, so the home page names the champion and the final,
    draws the day-by-day chart, and its upsets are FIFA members only."""
    r = client.get("/")
    assert r.status_code == 200
    assert "Spain are champions" in r.text and "Spain 1–0 Argentina" in r.text
    assert 'id="timeline-chart"' in r.text
    assert "(FIFA members only)" in r.text


def test_tournament_page_as_of_control(client: TestClient) -> None:
    """The tournament page defaults to after the final and takes an as-of date: during
    the group stage it says the tournament is under way."""
    finished = client.get("/tournament/wc2026")
    assert "Champion: <strong>" in finished.text and 'name="as_of"' in finished.text
    assert "Forecast as of 2026-07-20" in finished.text
    running = client.get("/tournament/wc2026", params={"as_of": "2026-06-20"})
    assert running.status_code == 200
    assert "Under way" in running.text and "Forecast as of 2026-06-20" in running.text


def test_home_upsets_with_all_sides_on_request(client: TestClient) -> None:
    """Asked for all sides, the latest upsets drop the FIFA-only filter."""
    r = client.get("/", params={"all_sides": "true"})
    assert r.status_code == 200 and "(FIFA members only)" not in r.text
    assert "FIFA members only</a>" in r.text
