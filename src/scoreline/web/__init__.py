"""The web app: a JSON API under ``/api/v1`` and server-rendered pages.

Both are thin clients of :mod:`scoreline.api`: a route validates its parameters, calls
one API function and returns (or renders) what it gives back. Start it with
``scoreline serve`` or build it with :func:`create_app`.
"""

from __future__ import annotations

from scoreline.web.app import (
    SETTINGS_ENV,
    WebSettings,
    app_from_env,
    create_app,
    settings_to_env,
)

__all__ = ["SETTINGS_ENV", "WebSettings", "app_from_env", "create_app", "settings_to_env"]
