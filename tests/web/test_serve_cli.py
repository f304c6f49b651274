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
