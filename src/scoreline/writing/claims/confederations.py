"""Which teams belong to which confederation (the data layer's membership table)."""

from __future__ import annotations

import datetime as dt

SOURCE = ("scoreline.data.confederations (current FIFA membership, source: FIFA member "
          "associations by confederation)")


def members(confederation: str, date: dt.date) -> tuple[set[str], str] | None:
    """``(teams of the confederation, source)``, or None when no table is available.

    The table holds current membership; ``date`` is accepted for when it learns history
    (Australia moved from OFC to AFC in 2006, for instance).
    """
    try:
        from scoreline.data import confederations as conf
    except ImportError:  # pragma: no cover - the table ships with the package
        return None
    return set(conf.members(confederation)), SOURCE
