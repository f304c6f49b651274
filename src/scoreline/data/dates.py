"""The one reading of a user's date, with one error message.

Every place a date enters scoreline (API arguments, CLI options, web forms and paths,
tournament format files, store queries) goes through :func:`parse_date`, so a bad date
is reported the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

from scoreline.errors import InvalidParameterError

DayLike: TypeAlias = str | dt.date
"""A day as ``YYYY-MM-DD`` or a :class:`datetime.date` (datetimes and Timestamps too)."""


def parse_date(value: object, what: str = "date") -> dt.date:
    """``value`` as a :class:`datetime.date`.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime, pandas.Timestamp or numpy.datetime64
        ``YYYY-MM-DD`` (a time of day after it is dropped), or a date-like object.
    what : str
        Which argument it is, for the error message (``"since"``, ``"as_of"``, ...).

    Raises
    ------
    InvalidParameterError
        ``value`` is not a date (also for ``None``, ``NaT`` and empty strings).
    """
    if isinstance(value, dt.datetime):
        if type(value).__name__ == "NaTType":  # pandas.NaT is a datetime
            raise _not_a_date(value, what)
        return value.date()
    if isinstance(value, dt.date):
        return value
    if type(value).__name__ == "datetime64":  # numpy, without importing it here
        import pandas as pd

        stamp = pd.Timestamp(value)
        if stamp is pd.NaT:
            raise _not_a_date(value, what)
        day: dt.date = stamp.date()
        return day
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10]) if len(text) >= 10 and (
                len(text) == 10 or text[10] in " T") else dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise _not_a_date(value, what)


def parse_optional_date(value: object, what: str = "date") -> dt.date | None:
    """:func:`parse_date`, with ``None`` (and an empty string) passed through as ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, what)


def _not_a_date(value: object, what: str) -> InvalidParameterError:
    return InvalidParameterError(
        f"{what}={value!r} is not a date; expected a date YYYY-MM-DD, e.g. 2022-11-23")
