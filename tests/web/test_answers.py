"""Answers kept as bytes (scoreline.web.answers): a repeated predict or head-to-head skips
the framework and answers exactly what the route answered; errors are never kept."""

from __future__ import annotations

import os
from typing import Any

from scoreline.web.answers import AnswerCache

URL = "/api/v1/predict?away=Japan&home=Germany&neutral=true&date=2022-11-23&knockout=false"
"""A query string of its own (parameter order included): no other test asks for it."""


def _sent(client: Any) -> int:
    return int(client.get("/api/v1/health").json()["answers"]["sent"])


def test_a_repeated_predict_is_answered_from_the_bytes_kept(client: Any) -> None:
    """The second identical request is served from the kept bytes (the health counter
    moves by one) with the same body, type, length and security headers as the first."""
    first = client.get(URL)
    assert first.status_code == 200
    before = _sent(client)
    again = client.get(URL)
    assert _sent(client) == before + 1
    assert again.status_code == 200 and again.content == first.content
    for header in ("content-type", "content-length", "content-security-policy",
                   "x-content-type-options"):
        assert again.headers[header] == first.headers[header], header
    assert again.json()["home_team"] == "Germany"


def test_a_repeated_head_to_head_is_answered_from_the_bytes_kept(client: Any) -> None:
    """The head-to-head (a pure read of the store) is kept too: the second request of the
    same path is sent from memory, equal to the first; the teams the other way round are
    another answer, with the record from the other side."""
    url = "/api/v1/h2h/Scotland/Wales"
    first = client.get(url)
    assert first.status_code == 200
    before = _sent(client)
    again = client.get(url)
    assert _sent(client) == before + 1 and again.content == first.content
    record = first.json()["record"]
    assert record["team"] == "Scotland" and record["played"] > 100
    other = client.get("/api/v1/h2h/Wales/Scotland")
    assert _sent(client) == before + 1
    assert other.json()["record"]["wins"] == record["losses"]


def test_head_of_a_kept_answer_has_headers_and_no_body(client: Any) -> None:
    """``HEAD`` of a kept answer: 200, its length and type, an empty body."""
    body = client.get(URL).content
    head = client.head(URL)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(body))
    assert head.headers["content-type"] == "application/json"


def test_errors_are_not_kept(client: Any) -> None:
    """An unknown team is a 404 every time, from the route, never from kept bytes."""
    url = "/api/v1/predict?home=Germany&away=Atlantis&date=2022-11-23"
    before = _sent(client)
    for _ in range(2):
        answer = client.get(url)
        assert answer.status_code == 404 and answer.json()["error"] == "unknown_team"
    assert _sent(client) == before


def test_another_query_string_is_another_entry_and_the_size_is_bounded() -> None:
    """Keys are path and exact query string; past the size the least recently used goes."""
    cache = AnswerCache(2)
    scope = {"path": "/api/v1/predict", "query_string": b"home=A&away=B"}
    cache.put(scope, b"{}")
    assert cache.get(scope) == b"{}"
    assert cache.get(dict(scope, query_string=b"away=B&home=A")) is None
    assert cache.get(dict(scope, path="/api/v1/other")) is None
    cache.put(dict(scope, query_string=b"2"), b"2")
    cache.put(dict(scope, query_string=b"3"), b"3")
    assert len(cache) == 2 and cache.get(scope) is None


def test_health_names_its_server_process(client: Any) -> None:
    """``pid`` is the process that answered (the TestClient's app runs in this one)."""
    assert client.get("/api/v1/health").json()["pid"] == os.getpid()
