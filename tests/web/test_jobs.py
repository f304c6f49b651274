"""What a heavy worker process loads and keeps (scoreline.web.jobs): no web framework, few
fits in memory (see also test_process_memory.py), the C heap trimmed after each job."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from scoreline.web.jobs import release_memory


def _python(code: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path),
                                              **env))
    return done.stdout.strip()


def test_heavy_workers_do_not_load_the_web_framework() -> None:
    """What a heavy worker imports to run jobs (scoreline.web.jobs) loads neither FastAPI
    nor pydantic nor the templates: a worker never serves HTTP."""
    code = ("import sys, scoreline.web.jobs\n"
            "print(sorted(m for m in ('fastapi', 'pydantic', 'starlette', 'jinja2') "
            "if m in sys.modules))\n")
    assert _python(code) == "[]"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_release_memory_trims_the_c_heap_on_linux() -> None:
    """On Linux (glibc) a worker can hand its free heap pages back after a job."""
    assert release_memory() is True


def test_fits_in_memory_follow_the_environment_and_ignore_nonsense() -> None:
    """``SCORELINE_FITS_IN_MEMORY`` sets the in-memory fit cache's size; a value that is no
    number leaves the default of 16."""
    code = "import scoreline.api.forecasts as f; print(f._FITTED.size)"
    assert _python(code, SCORELINE_FITS_IN_MEMORY="3") == "3"
    assert _python(code, SCORELINE_FITS_IN_MEMORY="many") == "16"
