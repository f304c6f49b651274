"""``scoreline serve`` through typer's CliRunner (uvicorn.run replaced: no socket opened)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scoreline.cli import app

runner = CliRunner()


def test_serve_starts_uvicorn_with_the_app(monkeypatch: pytest.MonkeyPatch,
                                           store_path: Path) -> None:
    """Defaults 127.0.0.1:8000; --host/--port/--db reach uvicorn and the app's settings."""
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(web: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=web)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = runner.invoke(app, ["serve", "--db", str(store_path), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    settings = seen["app"].state.settings
    assert settings.db == str(store_path) and settings.warm
    assert "49,520 matches" in result.output and "http://127.0.0.1:8123/" in result.output


def test_serve_on_an_empty_store_is_one_red_line(tmp_path: Path) -> None:
    """No data loaded: exit 1 with the store error, before any server starts."""
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "empty.duckdb")])
    assert result.exit_code == 1
    assert "data load" in result.output and "Traceback" not in result.output


def test_serve_rejects_a_bad_port() -> None:
    """Ports outside 1..65535 are refused by the option parser."""
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2


def test_serve_workers_start_uvicorn_from_the_settings_factory(
        monkeypatch: pytest.MonkeyPatch, readonly_store: Path) -> None:
    """``--workers 2`` hands uvicorn the app factory by import string, with the settings
    (store, queue, time budget) in the environment for each worker process. The store is
    one no process writes: a child process checks it, read-only."""
    import json
    import os

    import uvicorn

    from scoreline.web import SETTINGS_ENV, app_from_env

    seen: dict[str, Any] = {}

    def fake_run(target: Any, **kwargs: Any) -> None:
        seen.update(kwargs, target=target)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv(SETTINGS_ENV, raising=False)
    result = runner.invoke(app, ["serve", "--db", str(readonly_store), "--workers", "2",
                                 "--queue", "3", "--time-budget", "2.5"])
    assert result.exit_code == 0, result.output
    assert seen["target"] == "scoreline.web:app_from_env" and seen["factory"]
    assert seen["workers"] == 2
    settings = json.loads(os.environ[SETTINGS_ENV])
    assert (settings["db"], settings["heavy_queue"], settings["time_budget_s"]) == (
        str(readonly_store), 3, 2.5)
    web = app_from_env()
    assert web.state.heavy.capacity == 2 + 3 and web.state.heavy.budget_s == 2.5
    monkeypatch.delenv(SETTINGS_ENV)
