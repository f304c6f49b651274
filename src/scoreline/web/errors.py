"""scoreline's errors as HTTP answers: JSON under ``/api/``, an HTML page elsewhere.

==============================================  ======
error                                           status
==============================================  ======
UnknownTeamError, UnknownMatchError             404 (with ``suggestions``)
InvalidParameterError, DataValidationError,     422
FormatError, ArticleError, bad query/path
an article or request body over the limit       413
BusyError (heavy-work queue full, time budget)  503 with ``Retry-After``
anything else                                   500, a generic message (details in the log)
==============================================  ======
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from scoreline.errors import (
    ArticleError,
    ArticleTooLargeError,
    BusyError,
    DataValidationError,
    FormatError,
    InvalidParameterError,
    ScorelineError,
    UnknownMatchError,
    UnknownTeamError,
)

log = logging.getLogger("scoreline.web")

_STATUS: list[tuple[type[ScorelineError], int, str]] = [
    (UnknownTeamError, 404, "unknown_team"),
    (UnknownMatchError, 404, "unknown_match"),
    (InvalidParameterError, 422, "invalid_parameter"),
    (DataValidationError, 422, "invalid_data"),
    (FormatError, 422, "invalid_format"),
    (ArticleError, 422, "invalid_article"),
    (BusyError, 503, "busy"),
]

_HTTP_NAMES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
               413: "payload_too_large", 415: "unsupported_media_type"}


def classify(exc: Exception) -> tuple[int, str, str, list[str]]:
    """``(status, error code, message, suggestions)`` for an exception raised by a route."""
    if isinstance(exc, ArticleTooLargeError):
        return 413, "payload_too_large", str(exc), []
    if isinstance(exc, ScorelineError):
        for kind, status, code in _STATUS:
            if isinstance(exc, kind):
                suggestions = list(getattr(exc, "suggestions", []))
                return status, code, str(exc), suggestions
    log.error("unexpected error", exc_info=exc)
    return 500, "internal_error", "internal error; the details are in the server log", []


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, str]]]:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        problems.append({"location": where, "message": str(err.get("msg", "invalid"))})
    text = "; ".join(f"{p['location']}: {p['message']}" for p in problems) or "invalid request"
    return text, problems


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, code: str, message: str,
                   suggestions: list[str] | None = None,
                   problems: list[dict[str, str]] | None = None) -> Response:
    """The error as JSON for the API, or as the HTML error page for a page."""
    if _is_api(request):
        payload: dict[str, object] = {"error": code, "message": message}
        if suggestions:
            payload["suggestions"] = suggestions
        if problems:
            payload["problems"] = problems
        return JSONResponse(payload, status_code=status)
    templates = request.app.state.templates
    try:
        return templates.TemplateResponse(  # type: ignore[no-any-return]
            request, "error.html",
            {"status": status, "code": code, "message": message,
             "suggestions": suggestions or [], "title": f"Error {status}"},
            status_code=status)
    except Exception:  # the error page itself must never fail
        log.exception("error page failed")
        return HTMLResponse(f"<h1>Error {status}</h1>", status_code=status)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def on_scoreline(request: Request, exc: Exception) -> Response:
        status, code, message, suggestions = classify(exc)
        response = error_response(request, status, code, message, suggestions)
        if isinstance(exc, BusyError):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        message, problems = _validation_message(exc)
        return error_response(request, 422, "invalid_parameter", message, problems=problems)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = _HTTP_NAMES.get(exc.status_code, "http_error")
        message = str(exc.detail) if exc.detail else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        response = error_response(request, exc.status_code, code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    app.add_exception_handler(ScorelineError, on_scoreline)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(Exception, on_scoreline)
