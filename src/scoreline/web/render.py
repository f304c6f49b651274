"""Jinja filters that format numbers for people (percentages, ratings, signed changes)."""

from __future__ import annotations

from typing import SupportsFloat
from urllib.parse import quote

from jinja2 import Environment


def pct(value: SupportsFloat | None, digits: int = 0) -> str:
    """``0.1234`` -> ``"12%"`` (``"<1%"`` for small non-zero values, ``"–"`` for None)."""
    if value is None:
        return "–"
    p = float(value) * 100
    if 0 < p < 0.5 and digits == 0:
        return "<1%"
    return f"{p:.{digits}f}%"


def signed(value: SupportsFloat, digits: int = 0) -> str:
    """``12.0`` -> ``"+12"``, ``-3.4`` -> ``"−3"`` (a real minus sign)."""
    v = float(value)
    text = f"{abs(v):.{digits}f}"
    return ("+" if v > 0 else "−" if v < 0 else "±") + text


def num(value: SupportsFloat, digits: int = 0) -> str:
    """A number with thousands separators."""
    return f"{float(value):,.{digits}f}"


def seg(value: object) -> str:
    """A value made safe to put in one URL path segment."""
    return quote(str(value), safe="")


def install_filters(env: Environment) -> None:
    """Add the filters to a Jinja environment."""
    env.filters.update(pct=pct, signed=signed, num=num, seg=seg)
