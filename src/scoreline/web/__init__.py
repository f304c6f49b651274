"""The web app: a JSON API under ``/api/v1`` and server-rendered pages.

Both are thin clients of :mod:`scoreline.api`: a route validates its parameters, calls
one API function and returns (or renders) what it gives back. Start it with
``scoreline serve`` or build it with :func:`create_app`.

The names below load FastAPI on first use, not with the package: the heavy-work processes
import :mod:`scoreline.web.jobs` and never serve HTTP, so they do not hold FastAPI,
pydantic and the templates in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoreline.web.app import (
        SETTINGS_ENV,
        WebSettings,
        app_from_env,
        create_app,
        settings_to_env,
    )

__all__ = ["SETTINGS_ENV", "WebSettings", "app_from_env", "create_app", "settings_to_env"]


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module 'scoreline.web' has no attribute {name!r}")
    from scoreline.web import app

    value = getattr(app, name)
    globals()[name] = value
    return value
