"""Hostile and malformed input: clear JSON errors with the right status, no stack traces,
the store untouched, bodies and simulations bounded, security headers on every answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from scoreline import api
from scoreline.web.guard import CSP

HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def _no_trace(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text and "site-packages" not in text


def test_unknown_team_is_404_with_suggestions(client: TestClient) -> None:
    """A misspelt team: 404, the message names it, the closest real teams suggested."""
    r = client.get("/api/v1/teams/Germny")
    assert r.status_code == 404
    body = r.json()
    assert body["error"] == "unknown_team" and "Germny" in body["message"]
    assert body["suggestions"][0] == "Germany"


def test_unknown_match_is_404_with_nearest_matches(client: TestClient) -> None:
    """No Germany-Japan on 2022-11-24: 404 listing the real meeting the day before."""
    r = client.get("/api/v1/matches/2022-11-24/Germany/Japan")
    assert r.status_code == 404
    body = r.json()
    assert body["error"] == "unknown_match"
    assert "2022-11-23 Germany 1-2 Japan" in body["suggestions"]


@pytest.mark.parametrize("url", [
    "/api/v1/matches/2022-13-45/Germany/Japan",        # impossible date
    "/api/v1/matches/23-11-2022/Germany/Japan",        # wrong date form
    "/api/v1/teams/" + "x" * 81,                       # too long
    "/api/v1/teams/%3Cscript%3Ealert(1)",              # markup
    "/api/v1/teams/Japan%00",                          # control character
    "/api/v1/ratings?top=0",
    "/api/v1/ratings?top=100000",
    "/api/v1/ratings?date=yesterday",
    "/api/v1/ratings?confederation=UEFA;DROP",
    "/api/v1/predict?home=Japan",                      # missing away
    "/api/v1/predict?home=Japan&away=Japan&model=elo",  # a team against itself
    "/api/v1/predict?home=Japan&away=Ghana&model=magic",
    "/api/v1/predict?home=Japan&away=Ghana&neutral=perhaps",
    "/api/v1/tournaments/wc1930",
    "/api/v1/tournaments/wc2022?sims=10",
    "/api/v1/tournaments/wc2022?seed=-1",
    "/api/v1/upsets?year=1066",
    "/api/v1/upsets?tournament=Quidditch%20World%20Cup",
])
def test_bad_parameters_are_422(client: TestClient, url: str) -> None:
    """Malformed or out-of-range path and query parameters: 422 JSON with a message."""
    r = client.get(url)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] in {"invalid_parameter"} and body["message"]
    _no_trace(r.text)


def test_simulation_size_is_capped(client: TestClient, web_app: FastAPI) -> None:
    """A simulation above the server's cap is refused before any work, naming the cap."""
    cap = web_app.state.settings.max_sims
    r = client.get("/api/v1/tournaments/wc2022", params={"sims": cap + 1})
    assert r.status_code == 422 and f"{cap:,}" in r.json()["message"]
    t = client.get("/api/v1/tournaments/wc2022/timeline", params={"sims": 10**9})
    assert t.status_code == 422


def test_sql_in_a_team_name_is_just_an_unknown_team(client: TestClient, store_path: Path) -> None:
    """SQL in names reaches no query text: 404 unknown team, and the store is intact."""
    before = api.data_info(store_path).matches
    for name in ["Japan'; DROP TABLE matches; --", "' OR 1=1 --", "Japan\" OR \"\"=\""]:
        r = client.get(f"/api/v1/teams/{name}")
        assert r.status_code == 404, r.text
        assert r.json()["error"] == "unknown_team"
    assert api.data_info(store_path).matches == before == 49_520


def test_article_over_1mb_is_413(client: TestClient) -> None:
    """An article over 1 MB is refused with 413, whether it is JSON, a form or a huge body."""
    big = "Germany 1-2 Japan. " * 60_000  # 1.14 MB
    r = client.post("/api/v1/check", json={"text": big})
    assert r.status_code == 413 and r.json()["error"] == "payload_too_large"
    page = client.post("/check", data={"text": big})
    assert page.status_code == 413 and "text/html" in page.headers["content-type"]
    huge = client.post("/api/v1/check", content=b"x" * 5_000_000,
                       headers={"content-type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"] == "payload_too_large"


def test_streamed_body_over_the_limit_is_413(client: TestClient, web_app: FastAPI) -> None:
    """A chunked body without Content-Length is cut off at the limit with 413."""
    limit = web_app.state.settings.max_body_bytes

    def chunks() -> Iterator[bytes]:
        for _ in range(limit // 65_536 + 2):
            yield b"a" * 65_536

    r = client.post("/api/v1/check", content=chunks(),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize("body", [b"{not json", b'{"text": 5}', b'{"txt": "x"}', b""])
def test_malformed_article_requests_are_422(client: TestClient, body: bytes) -> None:
    """Broken JSON or missing fields: 422 with a message, no trace."""
    r = client.post("/api/v1/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422
    _no_trace(r.text)


def test_check_form_with_junk_fields_is_422(client: TestClient) -> None:
    """The check page's form with hundreds of fields or a bad date: a 422 page, no trace."""
    junk = client.post("/check", content="&".join(f"f{i}=x" for i in range(500)),
                       headers={"content-type": "application/x-www-form-urlencoded"})
    assert junk.status_code == 422 and "too many fields" in junk.text
    bad_date = client.post("/check", data={"text": "Germany 1-2 Japan", "date": "23/11/2022",
                                           "home": "Germany", "away": "Japan"})
    assert bad_date.status_code == 422 and "YYYY-MM-DD" in bad_date.text
    _no_trace(junk.text + bad_date.text)


def test_article_about_no_match_is_422(client: TestClient) -> None:
    """Text that names no match in the data: 422 invalid_article with the checker's reason."""
    r = client.post("/api/v1/check", json={"text": "It rained all day and nobody played."})
    assert r.status_code == 422 and r.json()["error"] == "invalid_article"


def test_internal_errors_are_500_without_details(client: TestClient,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception: a generic 500 JSON (and HTML page), nothing of the trace."""

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(api, "head_to_head", boom)
    monkeypatch.setattr(api, "team_summary", boom)
    r = client.get("/api/v1/h2h/Tonga/Samoa")  # a pair no other test asks for (none kept)
    assert r.status_code == 500 and r.json()["error"] == "internal_error"
    assert "secret" not in r.text
    _no_trace(r.text)
    page = client.get("/team/Japan")
    assert page.status_code == 500 and "secret" not in page.text
    assert page.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("url", ["/api/v1/ratings?top=3", "/", "/static/style.css",
                                 "/api/v1/teams/Germny", "/api/v1/ratings?top=0", "/nowhere",
                                 "/team/Germny"])
def test_security_headers_on_every_answer(client: TestClient, url: str) -> None:
    """CSP (self only, no framing), nosniff, frame denial and referrer policy everywhere."""
    r = client.get(url)
    for name, value in HEADERS.items():
        assert r.headers.get(name) == value, (url, name)
    assert "'unsafe-inline'" not in r.headers["content-security-policy"]


def test_method_not_allowed_is_json(client: TestClient) -> None:
    """A DELETE on the API: 405 JSON, not an HTML error."""
    r = client.delete("/api/v1/ratings")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"
