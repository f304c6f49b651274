"""Fixtures of the web tests: one app on a read-only copy of the session's data, a
TestClient, a live uvicorn server in a background thread, and Debian's Chromium driven by
Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from scoreline.web import WebSettings, create_app

CHROMIUM = os.environ.get("SCORELINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def _web_cache(session_cache: Path) -> Iterator[Path]:
    """The run's pre-match forecast cache, for the whole web session (the server thread
    outlives single tests, so the variable is set for the session, not per test)."""
    path = session_cache / "prematch"
    old = os.environ.get("SCORELINE_CACHE")
    os.environ["SCORELINE_CACHE"] = str(path)
    yield path
    if old is None:
        os.environ.pop("SCORELINE_CACHE", None)
    else:
        os.environ["SCORELINE_CACHE"] = old


@pytest.fixture(scope="session")
def readonly_store(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """The real data in a store that this test process only ever reads, as a server does.

    Loaded by another process: the session's own store is held writable by this one, and
    DuckDB lets the server's heavy-work processes open a file read-only only when no
    process writes it.
    """
    path = tmp_path_factory.mktemp("readonly-store") / "scoreline.duckdb"
    load = "import sys, scoreline; s = scoreline.open(sys.argv[1]); s.load(sys.argv[2]); s.close()"
    subprocess.run([sys.executable, "-c", load, str(path), str(data_dir)], check=True)
    return path


@pytest.fixture(scope="session")
def web_settings(readonly_store: Path) -> WebSettings:
    """Small simulations so that the tests stay fast; the real data, read-only; a time
    budget long enough for first computations on a busy test machine."""
    return WebSettings(db=str(readonly_store), max_sims=20_000, page_sims=2_000,
                       timeline_sims=300, max_timeline_sims=1_000, timeline_refit=False,
                       time_budget_s=300.0)


@pytest.fixture(scope="session")
def web_app(web_settings: WebSettings, _web_cache: Path) -> FastAPI:
    """The app under test."""
    return create_app(web_settings)


@pytest.fixture(scope="session")
def client(web_app: FastAPI) -> Iterator[TestClient]:
    """FastAPI's TestClient on the app (server errors become 500 answers, as in production)."""
    with TestClient(web_app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def live_server(web_app: FastAPI) -> Iterator[str]:
    """The app on uvicorn, 127.0.0.1 and a free port, in a background thread; its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(web_app, log_level="warning", ws="none", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium under Playwright (never Playwright's own browser download).

    Fails (does not skip) when Chromium or the playwright package is missing: CI installs
    both, and a browser test that silently skips proves nothing.
    """
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with "
                    "`apt-get update && apt-get install -y chromium` (or set SCORELINE_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need Playwright: pip install playwright==1.65.2 "
                    "(do not run `playwright install`; the tests use Debian's Chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def shots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: pytest's temp dir, or ``$SCORELINE_WEB_SHOTS`` when set."""
    env = os.environ.get("SCORELINE_WEB_SHOTS")
    path = Path(env) if env else tmp_path_factory.mktemp("web-shots")
    path.mkdir(parents=True, exist_ok=True)
    return path
