"""Reading the JSON documents models write with ``to_json`` (never pickle).

A document is an object ``{"format": "scoreline.<model>/<n>", "params": {...},
"fitted": {...}}``; ``fitted`` is absent for an unfitted model. Every reading problem
becomes one :class:`~scoreline.errors.FormatError` that names the model.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from scoreline.errors import FormatError


def read_document(text: str, format_tag: str, name: str) -> dict[str, Any]:
    """Parse ``text`` and check that it is a ``format_tag`` document of model ``name``.

    Raises
    ------
    FormatError
        Not JSON, not an object, or another format (e.g. another model's document).
    """
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise FormatError(f"cannot read {name} JSON: {exc}") from exc
    if not isinstance(payload, dict) or payload.get("format") != format_tag:
        got = payload.get("format") if isinstance(payload, dict) else None
        article = "an" if name[:1].upper() in "AEIOU" else "a"
        raise FormatError(f"not {article} {name} model: format is {got!r}, expected {format_tag!r}")
    return payload


@contextmanager
def reading(name: str) -> Iterator[None]:
    """Turn a missing or malformed field of model ``name``'s document into a FormatError."""
    try:
        yield
    except FormatError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"cannot read {name} JSON: {exc}") from exc


__all__ = ["read_document", "reading"]
