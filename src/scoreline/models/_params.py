"""Checks of model hyperparameters, run at construction (``Elo(home_advantage=-1)`` fails
at once, naming the parameter and the value), never on data."""

from __future__ import annotations

import math

import numpy as np

from scoreline.errors import InvalidParameterError


def check_number(name: str, value: object, *, minimum: float | None = None,
                 above: bool = False, unit: str = "") -> float:
    """``value`` as a float if it is a finite real number (not a bool) within the bound.

    Parameters
    ----------
    minimum : float, optional
        Smallest value allowed (excluded too when ``above``).
    unit : str
        Named in the message (e.g. ``"Elo points"``).

    Raises
    ------
    InvalidParameterError
        Otherwise, naming the parameter, the bound and the value given.
    """
    what = f"a finite number of {unit}" if unit else "a finite number"
    if minimum is not None:
        what += f" {'>' if above else '>='} {minimum:g}"
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise InvalidParameterError(f"{name} must be {what}, got {value!r}")
    v = float(value)
    ok = math.isfinite(v) and (minimum is None or (v > minimum if above else v >= minimum))
    if not ok:
        raise InvalidParameterError(f"{name} must be {what}, got {value!r}")
    return v


def check_flag(name: str, value: object) -> bool:
    """``value`` if it is True or False (not a truthy string or number)."""
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(f"{name} must be True or False, got {value!r}")
    return bool(value)


__all__ = ["check_flag", "check_number"]
