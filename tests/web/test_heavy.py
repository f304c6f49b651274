"""Heavy work under load (issue 14): worker processes behind single flight per key, 503
when the queue is full, the time budget, light routes that answer while heavy work runs,
and fits shared between worker processes through the on-disk cache.

Ordering, not timing: the gated jobs of :mod:`tests.web.gates` hold a worker until the
test releases them, so each test knows what is in flight when it asks."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from scoreline import api
from scoreline.errors import BusyError
from scoreline.web import WebSettings, calls, create_app
from scoreline.web.heavy import HeavyPool, call
from tests.web import gates

T = TypeVar("T")


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


async def until(condition: Callable[[], bool], limit_s: float = gates.GATE_LIMIT_S) -> None:
    """Yield to the event loop until ``condition()`` holds; a condition still false after
    the gates' own limit means a broken test (a job that never started), not a slow one."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    while not condition():
        if loop.time() > deadline:
            pytest.fail("the awaited condition never held")
        await asyncio.sleep(0.01)


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def test_single_flight_across_worker_processes(tmp_path: Path) -> None:
    """Ten concurrent requests with one key start one job in one worker process, and all
    ten get its result."""
    pool = HeavyPool(workers=2, queue=0, budget_s=120)
    job = call(gates.gated, str(tmp_path), "same", "done")

    async def main() -> list[str]:
        waiting = [asyncio.ensure_future(pool.run("k", job)) for _ in range(10)]
        await until(lambda: gates.started(tmp_path, "same"))
        gates.release(tmp_path, "same")
        return await asyncio.gather(*waiting)

    try:
        assert run(main) == ["done"] * 10
    finally:
        pool.shutdown(wait=True)
    workers = gates.runs(tmp_path, "same")
    assert len(workers) == 1 and pool.started == 1
    assert workers == pool.worker_pids and workers[0] != os.getpid()


def test_full_pool_refuses_with_retry_after_while_the_job_runs(tmp_path: Path) -> None:
    """With one worker and no queue, a second distinct job is refused with a retry hint
    while the first is still held in its worker; the first then completes."""
    pool = HeavyPool(workers=1, queue=0, budget_s=5)

    async def main() -> tuple[str, BusyError, bool]:
        first = asyncio.ensure_future(pool.run("a", call(gates.gated, str(tmp_path), "a", "a")))
        await until(lambda: gates.started(tmp_path, "a"))
        with pytest.raises(BusyError) as refused:
            await pool.run("b", call(gates.pid))
        held = not first.done()
        gates.release(tmp_path, "a")
        return await first, refused.value, held

    try:
        result, error, held = run(main)
    finally:
        pool.shutdown(wait=True)
    assert result == "a" and held
    assert error.retry_after >= 1 and pool.refused == 1 and pool.admitted == 0


def test_time_budget_answers_busy_and_the_job_fills_the_cache(tmp_path: Path,
                                                              readonly_store: Path) -> None:
    """A job held past the budget gives BusyError to its request; released afterwards, it
    still ends and its result lands in the app's cache, so the retry answers without a
    second job."""
    app = create_app(WebSettings(db=str(readonly_store), heavy_workers=1, heavy_queue=1,
                                 time_budget_s=0.2))
    key = ("gate", "late")

    async def main() -> tuple[BusyError, str]:
        with pytest.raises(BusyError, match=r"more than 0\.2 s") as late:
            await calls.offload(app, app.state.cache, key,
                                call(gates.gated, str(tmp_path), "late", "late result"))
        await until(lambda: gates.started(tmp_path, "late"))  # the worker may start late
        assert app.state.heavy.admitted == 1  # still held: the budget, not the job, ended
        gates.release(tmp_path, "late")
        await until(lambda: app.state.heavy.admitted == 0)
        return late.value, await calls.offload(app, app.state.cache, key, call(gates.die))

    try:
        late, retry = run(main)
    finally:
        app.state.heavy.shutdown(wait=True)
    assert late.retry_after >= 1
    assert retry == "late result" and app.state.heavy.started == 1


def test_a_dead_worker_is_503_and_the_pool_recovers(tmp_path: Path) -> None:
    """A worker process that dies mid-job answers its request with BusyError (503), and
    the next job runs in a new worker process."""
    pool = HeavyPool(workers=1, queue=0, budget_s=120)

    async def main() -> tuple[int, int]:
        before = await pool.run("pid", call(gates.pid))
        with pytest.raises(BusyError, match="worker process stopped"):
            await pool.run("die", call(gates.die))
        return before, await pool.run("pid again", call(gates.pid))

    try:
        before, after = run(main)
    finally:
        pool.shutdown(wait=True)
    assert before != after and pool.admitted == 0


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_run_apart_uses_a_process_of_its_own_that_ends() -> None:
    """``run_apart`` (the start-up's kernel compilation) runs its job in a worker process
    started for it: not this process, not a pool worker (the pool is not even started),
    and gone once the answer is back, with whatever memory the job left in it."""
    pool = HeavyPool(workers=1, queue=0, budget_s=120)
    pid = pool.run_apart(call(os.getpid))

    async def ended() -> None:
        await until(lambda: _gone(pid))

    run(ended)
    assert pid != os.getpid() and pool.worker_pids == [] and pool.started == 0
    assert HeavyPool(1, 0, 1.0, processes=False).run_apart(call(os.getpid)) == os.getpid()


def test_shutdown_ends_the_workers_even_mid_job(tmp_path: Path) -> None:
    """Stopping the pool while a worker holds a job ends that worker process and answers
    the job's request with BusyError, instead of waiting for the job."""
    pool = HeavyPool(workers=1, queue=0, budget_s=120)

    async def main() -> int:
        held = asyncio.ensure_future(pool.run("held", call(gates.gated, str(tmp_path),
                                                           "held", "never")))
        await until(lambda: gates.started(tmp_path, "held"))
        pool.shutdown()
        with pytest.raises(BusyError, match="worker process stopped"):
            await held
        worker = gates.runs(tmp_path, "held")[0]
        await until(lambda: _gone(worker))
        return worker

    assert run(main) != os.getpid()
    assert not gates.released(tmp_path, "held")


def test_workers_end_when_their_server_is_killed(tmp_path: Path) -> None:
    """A server process killed outright (SIGKILL: no shutdown runs) leaves no heavy worker
    behind: the worker sees its server gone and exits."""
    script = (
        "import asyncio, os, signal, sys\n"
        "from scoreline.web.heavy import HeavyPool, call\n"
        "from scoreline.web import jobs\n"
        "pool = HeavyPool(workers=1, queue=0, budget_s=120)\n"
        "print(asyncio.run(pool.run('pid', call(jobs.ready))), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True,
                          text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert done.returncode == -9, done.stderr
    worker = int(done.stdout.split()[0])

    async def main() -> None:
        await until(lambda: _gone(worker))

    run(main)


def test_identical_new_date_predicts_fit_once(readonly_store: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve simultaneous forecasts of one fixture on a date nobody asked for start one
    job, fit the model once (counted by the workers) and give twelve identical answers."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path / "cache"))  # no fit from before
    app = create_app(WebSettings(db=str(readonly_store), heavy_workers=2, heavy_queue=4,
                                 time_budget_s=300))
    url = "/api/v1/predict?home=Peru&away=Chile&date=2013-02-06&model=elo"

    async def main() -> tuple[list[httpx.Response], httpx.Response]:
        async with _client(app) as client:
            answers = await asyncio.gather(*(client.get(url) for _ in range(12)))
            return answers, await client.get("/api/v1/health")

    try:
        answers, health = run(main)
    finally:
        app.state.heavy.shutdown(wait=True)
    assert [r.status_code for r in answers] == [200] * 12
    assert len({r.text for r in answers}) == 1
    assert app.state.heavy.worker_stats()["fits"] == 1 and app.state.heavy.started == 1
    # the health route adds the workers' fits to this process's own (other tests' fits)
    assert health.json()["fits"] == api.cache_stats().fits + 1


def test_full_queue_is_503_and_light_routes_answer_while_heavy_work_runs(
        readonly_store: Path, tmp_path: Path) -> None:
    """While the only heavy worker holds a job, a heavy request (a simulation) gets 503
    with Retry-After at once, and light routes (head-to-head, a cached forecast, health)
    answer 200 before that job is let go."""
    app = create_app(WebSettings(db=str(readonly_store), heavy_workers=1, heavy_queue=0,
                                 time_budget_s=300))
    forecast = "/api/v1/predict?home=Germany&away=Japan&date=2022-11-23&neutral=true"

    async def main() -> tuple[httpx.Response, list[httpx.Response], bool, str]:
        async with _client(app) as client:
            assert (await client.get(forecast)).status_code == 200  # now cached
            held = asyncio.ensure_future(app.state.heavy.run(
                "held", call(gates.gated, str(tmp_path), "held", "let go")))
            await until(lambda: gates.started(tmp_path, "held"))
            busy = await client.get("/api/v1/tournaments/wc2022?seed=2")
            light = [await client.get(u) for u in
                     ("/api/v1/h2h/Germany/Japan", forecast, "/api/v1/health")]
            still_held = not held.done()
            gates.release(tmp_path, "held")
            return busy, light, still_held, await held

    try:
        busy, light, still_held, held = run(main)
    finally:
        app.state.heavy.shutdown(wait=True)
    assert busy.status_code == 503 and busy.json()["error"] == "busy"
    assert int(busy.headers["retry-after"]) >= 1
    assert [r.status_code for r in light] == [200, 200, 200] and still_held
    assert held == "let go" and app.state.heavy.refused == 1


def test_a_fit_in_one_worker_is_read_by_another_from_the_disk_cache(
        readonly_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two pools, one worker process each, sharing a cache folder: the first fits the model
    for a day; the second forecasts another fixture of that day and fits nothing (it reads
    the first one's fit from disk)."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path / "cache"))
    db = str(readonly_store)
    first = HeavyPool(workers=1, queue=0, budget_s=300, db=db)
    second = HeavyPool(workers=1, queue=0, budget_s=300, db=db)

    async def main() -> tuple[api.MatchForecast, api.MatchForecast]:
        a = await first.run("a", call(api.predict_match, "Peru", "Chile", date="2013-02-06",
                                      model="elo", db=db))
        b = await second.run("b", call(api.predict_match, "Bolivia", "Peru",
                                       date="2013-02-06", model="elo", db=db))
        return a, b

    try:
        a, b = run(main)
    finally:
        first.shutdown(wait=True)
        second.shutdown(wait=True)
    assert a.home_team == "Peru" and b.home_team == "Bolivia"
    assert first.worker_pids != second.worker_pids
    assert first.worker_stats()["fits"] == 1
    assert second.worker_stats()["fits"] == 0 and second.worker_stats()["fitted_models"] >= 1
    assert list((tmp_path / "cache" / "fits").glob("*.json"))


@pytest.mark.timeout(900)  # a cold kernel cache compiles first, in a process of its own
def test_warm_up_fills_the_home_page_caches_from_the_workers(
        web_settings: WebSettings) -> None:
    """With ``warm``, start-up computes the home page's parts as jobs of the worker
    processes; once warm, the home page answers from the cache without a new job."""
    from fastapi.testclient import TestClient

    app = create_app(dataclasses.replace(web_settings, warm=True, heavy_workers=1))
    with TestClient(app) as client:
        async def warmed() -> None:  # the kernels may compile first, apart (minutes)
            await until(lambda: not app.state.warming, limit_s=900.0)

        run(warmed)
        jobs_after_warm_up = app.state.heavy.started
        home = client.get("/")
    assert app.state.cache.peek(("ratings", 20))[0]
    assert app.state.heavy.worker_pids and os.getpid() not in app.state.heavy.worker_pids
    assert home.status_code == 200 and jobs_after_warm_up >= 4
    assert app.state.heavy.started == jobs_after_warm_up


def test_errors_of_a_worker_arrive_whole(client: Any) -> None:
    """An unknown team raised in a worker process is a 404 with its suggestions."""
    answer = client.get("/api/v1/predict?home=Germny&away=Japan&date=2015-06-01")
    assert answer.status_code == 404
    assert "Germany" in answer.json()["suggestions"]


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
