"""Executors without a cluster: scheduler strings, the missing extra, task errors in-process."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from scoreline.api._execution import InProcess, Task, executor, parse_scheduler
from scoreline.cli import app
from scoreline.errors import InvalidParameterError, OptionalDependencyError, TaskError
from scoreline.evaluate.tune import tuning_folds


def test_parse_scheduler_forms() -> None:
    """none, local, local:N and tcp://HOST:PORT parse; other forms are clear errors."""
    assert parse_scheduler(None).kind == "none"
    assert parse_scheduler("none").kind == "none"
    assert parse_scheduler("local").workers is None
    assert parse_scheduler("local:3").workers == 3
    assert str(parse_scheduler("local:3")) == "local:3"
    remote = parse_scheduler("tcp://10.0.0.5:8786")
    assert remote.kind == "remote" and remote.address == "tcp://10.0.0.5:8786"
    for bad in ("local:0", "local:x", "dask", "tcp://host", "http://h:1"):
        with pytest.raises(InvalidParameterError, match="scheduler"):
            parse_scheduler(bad)


def test_in_process_never_imports_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default executor is a plain loop and works without the extra installed."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    with executor("none") as ex:
        assert isinstance(ex, InProcess)
        assert ex.run([Task("double", lambda x: 2 * x, (k,)) for k in range(3)]) == [0, 2, 4]


def test_missing_extra_gives_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``distributed`` importable, a Dask scheduler fails with the pip command."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    with (pytest.raises(OptionalDependencyError,
                        match=r"pip install 'scoreline\[distributed\]'"),
          executor("local:2")):
        pass


def test_missing_extra_in_the_cli_is_one_red_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """``scoreline tune --scheduler local:2`` without the extra exits 1 with the command."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = CliRunner().invoke(app, ["tune", "--model", "elo", "--folds", "2018",
                                      "--refit", "30D", "--no-test", "--scheduler", "local:2"])
    assert result.exit_code == 1
    assert "pip install 'scoreline[distributed]'" in result.output
    assert "Traceback" not in result.output


def test_failing_task_names_itself() -> None:
    """A task that raises becomes one TaskError naming the task and the cause."""
    tasks = [Task("fold 2017", tuning_folds, ("2017",)), Task("fold 2030", tuning_folds, ("2030",))]
    with executor() as ex, pytest.raises(TaskError, match=r"fold 2030: InvalidParameterError"):
        ex.run(tasks)
