"""Heavy work under load: single flight per key, 503 when the queue is full, the time budget,
and light routes that never wait behind heavy ones (issue 14)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

import scoreline.api
from scoreline.errors import BusyError
from scoreline.web import WebSettings, create_app
from scoreline.web.heavy import HeavyPool

T = TypeVar("T")


def test_pool_single_flight_shares_one_computation() -> None:
    """Ten concurrent runs of one key compute once and all get the result."""
    pool = HeavyPool(workers=2, queue=0, budget_s=10)
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "done"

    async def main() -> list[Any]:
        return await asyncio.gather(*(pool.run("k", compute) for _ in range(10)))

    assert run(main) == ["done"] * 10
    assert len(calls) == 1 and pool.started == 1
    pool.shutdown()


def test_pool_full_refuses_at_once() -> None:
    """With one worker and no queue, a second distinct job is refused immediately with a
    retry hint, while the first completes."""
    pool = HeavyPool(workers=1, queue=0, budget_s=5)
    release = threading.Event()

    async def main() -> tuple[Any, float, BusyError]:
        first = asyncio.ensure_future(pool.run("a", lambda: release.wait(5) and "a"))
        await asyncio.sleep(0.05)
        start = time.perf_counter()
        with pytest.raises(BusyError) as refused:
            await pool.run("b", lambda: "b")
        waited = time.perf_counter() - start
        release.set()
        return await first, waited, refused.value

    result, waited, error = run(main)
    assert result == "a" and waited < 0.5
    assert error.retry_after >= 1 and pool.refused == 1 and pool.admitted == 0
    pool.shutdown()


def test_pool_time_budget_answers_busy_and_keeps_computing() -> None:
    """A job longer than the budget gives BusyError at the budget; it still finishes."""
    pool = HeavyPool(workers=1, queue=0, budget_s=0.1)
    finished = threading.Event()

    def slow() -> str:
        time.sleep(0.5)
        finished.set()
        return "late"

    async def main() -> float:
        start = time.perf_counter()
        with pytest.raises(BusyError, match=r"more than 0\.1 s"):
            await pool.run("slow", slow)
        return time.perf_counter() - start

    assert run(main) < 0.45
    assert finished.wait(5)
    pool.shutdown()


def run(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``asyncio.run(main())`` on a thread of its own (another test may leave an event loop
    running on the main thread, e.g. Playwright's)."""
    out: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            out.append(asyncio.run(main()))
        except BaseException as exc:  # noqa: BLE001 - re-raised on the test's thread
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return out[0]


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def test_identical_new_date_predicts_fit_once(store_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve simultaneous forecasts of one fixture on a date nobody asked for fit the
    model once (counted at ``Elo.fit``) and give twelve identical answers."""
    from scoreline.models.elo import Elo

    monkeypatch.setenv("SCORELINE_FIT_CACHE", "0")  # count real fits, not disk reads
    fits: list[int] = []
    real_fit = Elo.fit

    def counting_fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        fits.append(1)
        time.sleep(0.3)  # keep the fit in flight while the other requests arrive
        return real_fit(self, *args, **kwargs)

    monkeypatch.setattr(Elo, "fit", counting_fit)
    app = create_app(WebSettings(db=str(store_path), heavy_workers=2, heavy_queue=4,
                                 time_budget_s=120))
    url = "/api/v1/predict?home=Peru&away=Chile&date=2013-02-06&model=elo"

    async def main() -> list[httpx.Response]:
        async with _client(app) as client:
            return await asyncio.gather(*(client.get(url) for _ in range(12)))

    answers = run(main)
    assert [r.status_code for r in answers] == [200] * 12
    assert len({r.text for r in answers}) == 1
    assert len(fits) == 1 and app.state.heavy.started == 1


def test_full_queue_is_503_and_light_routes_still_answer(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the only heavy worker is busy, another heavy request gets 503 with
    Retry-After at once, and a light route (head-to-head) answers 200."""
    release = threading.Event()

    def blocked_simulation(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        raise RuntimeError("not needed")

    monkeypatch.setattr(scoreline.api, "simulate_tournament", blocked_simulation)
    app = create_app(WebSettings(db=str(store_path), heavy_workers=1, heavy_queue=0,
                                 time_budget_s=30))

    async def main() -> tuple[httpx.Response, httpx.Response, float]:
        async with _client(app) as client:
            first = asyncio.ensure_future(client.get("/api/v1/tournaments/wc2022?seed=1"))
            while app.state.heavy.admitted == 0:
                await asyncio.sleep(0.01)
            start = time.perf_counter()
            busy = await client.get("/api/v1/tournaments/wc2022?seed=2")
            waited = time.perf_counter() - start
            light = await client.get("/api/v1/h2h/Germany/Japan")
            release.set()
            await first
            return busy, light, waited

    busy, light, waited = run(main)
    assert busy.status_code == 503 and busy.json()["error"] == "busy"
    assert int(busy.headers["retry-after"]) >= 1 and waited < 1.0
    assert light.status_code == 200


def test_time_budget_is_503_then_the_retry_is_cached(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A simulation longer than the budget answers 503; it finishes in the background and
    the same request then answers 200 from the cache without computing again."""
    runs: list[int] = []
    real = scoreline.api.simulate_tournament

    def slow_simulation(*args: Any, **kwargs: Any) -> Any:
        runs.append(1)
        time.sleep(0.6)
        return real(*args, **kwargs)

    monkeypatch.setattr(scoreline.api, "simulate_tournament", slow_simulation)
    app = create_app(WebSettings(db=str(store_path), heavy_workers=1, heavy_queue=1,
                                 time_budget_s=0.3))
    url = "/api/v1/tournaments/wc2022?sims=200&seed=7"

    async def main() -> tuple[httpx.Response, httpx.Response]:
        async with _client(app) as client:
            late = await client.get(url)
            while app.state.heavy.admitted:
                await asyncio.sleep(0.05)
            return late, await client.get(url)

    late, retry = run(main)
    assert late.status_code == 503 and "retry-after" in late.headers
    assert retry.status_code == 200 and retry.json()["sims"] == 200
    assert len(runs) == 1


def test_upsets_of_1872_and_head_of_home(client: Any) -> None:
    """``/api/v1/upsets?year=1872`` is an empty ranking (not a 500); ``HEAD /`` is 200 with
    the page's headers and no body."""
    answer = client.get("/api/v1/upsets?year=1872")
    assert answer.status_code == 200, answer.text
    assert answer.json()["upsets"] == []
    head = client.head("/")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("text/html")


def test_check_answer_is_bounded(client: Any) -> None:
    """A long article's check lists claims, bounded by the server's cap, never the text."""
    sentence = "Japan beat Germany 2-1 at the World Cup in Qatar on 23 November 2022. "
    article = sentence * 1000  # about 72 kB: past the cap of 300 claims
    answer = client.post("/api/v1/check", json={"text": article, "date": "2022-11-23",
                                                "home": "Germany", "away": "Japan"})
    assert answer.status_code == 200, answer.text[:300]
    body = answer.json()
    assert len(answer.content) < 150_000  # 300 claims at most, whatever the article's size
    assert len(body["claims"]) == 300 < body["claims_total"] and body["truncated"]
    assert all(len(c["text"]) <= 400 for c in body["claims"])


def test_health_reports_fits_and_the_queue(client: Any) -> None:
    """``/api/v1/health`` is cheap and says how many fits ran and what the pool holds."""
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["fits"] >= 0
    assert body["heavy"]["capacity"] == body["heavy"]["workers"] + 8
