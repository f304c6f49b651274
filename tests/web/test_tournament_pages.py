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


def test_every_shipped_edition_is_offered(client: TestClient) -> None:
    """The API lists every shipped edition with its title and dates, by start date, and
    the tournament page links to each of them."""
    from scoreline import api

    body = client.get("/api/v1/tournaments").json()
    names = set(api.tournament_names())
    assert set(body["tournaments"]) == names and len(names) >= 30
    editions = body["editions"]
    assert {e["name"] for e in editions} == names
    assert [e["start_date"] for e in editions] == sorted(e["start_date"] for e in editions)
    nations = next(e for e in editions if e["name"] == "nations2019")
    assert nations["title"] == "UEFA Nations League Finals 2019" and nations["teams"] == 4
    page = client.get("/tournament/wc2026")
    for name in names:
        assert f'href="/tournament/{name}"' in page.text


def test_knockout_only_edition_page(client: TestClient) -> None:
    """A Nations League finals page (four entrants, no groups) names the real champion
    and shows every team with no group."""
    page = client.get("/tournament/nations2021")
    assert page.status_code == 200
    assert "Champion: <strong>" in page.text and ">France</a></strong>" in page.text
    assert page.text.count('<td class="hide-s">-</td>') == 4


def test_past_edition_as_json_and_unknown_one(client: TestClient) -> None:
    """A past edition other than the three early ones simulates through the API; an id
    that is no edition is refused with the list of valid ones."""
    body = client.get("/api/v1/tournaments/afcon2023", params={"sims": 200}).json()
    assert body["tournament"] == "Africa Cup of Nations 2023" and len(body["teams"]) == 24
    r = client.get("/api/v1/tournaments/afcon2030")
    assert r.status_code == 422 and "afcon2023" in r.text
