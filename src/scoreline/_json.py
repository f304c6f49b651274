"""The one JSON encoding of scoreline's results, shared by ``--json`` and ``/api/v1``.

Both interfaces write results through :func:`jsonable` (via ``scoreline.api``), so the
same result always gives the same JSON:

- dataclasses become objects (through their ``to_dict`` when they define one);
- ``datetime.date`` becomes ``YYYY-MM-DD``; a datetime at midnight too, else ISO 8601;
- NaN, infinities, ``pandas.NA`` and ``NaT`` become ``null``;
- numpy scalars become numbers, arrays and Series lists, DataFrames lists of records;
- Enums become their value, paths strings, tuples and sets lists.

This module sits outside the layers (it imports nothing of scoreline), so results of
every layer can offer ``to_dict()`` through :class:`JsonDict`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
from pathlib import PurePath
from typing import Any, Protocol, TypeAlias, cast

JSON: TypeAlias = dict[str, "JSON"] | list["JSON"] | str | int | float | bool | None
"""A JSON-ready value."""


class _Table(Protocol):
    def to_dict(self, orient: str) -> list[dict[str, object]]: ...


class _Array(Protocol):
    def tolist(self) -> list[object]: ...


def jsonable(value: object) -> JSON:
    """``value`` as JSON-ready Python values (see the module docstring for the rules)."""
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, JsonDict) and type(value).to_dict is JsonDict.to_dict:
            return fields_jsonable(value)
        custom = getattr(value, "to_dict", None)
        return jsonable(custom()) if callable(custom) else fields_jsonable(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        if type(value).__name__ == "NaTType":
            return None
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    kind = type(value).__name__
    if kind in {"NAType", "NaTType"}:
        return None
    if kind == "DataFrame":
        return [jsonable(r) for r in cast("_Table", value).to_dict(orient="records")]
    if kind in {"Series", "ndarray", "Index"}:
        return [jsonable(v) for v in cast("_Array", value).tolist()]
    if kind == "datetime64":
        import pandas as pd

        return jsonable(pd.Timestamp(value))
    if hasattr(value, "item") and hasattr(value, "dtype"):  # numpy scalars
        return jsonable(value.item())
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return jsonable(to_dict())
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def fields_jsonable(value: Any) -> dict[str, JSON]:
    """The fields of a dataclass instance, each made JSON-ready."""
    return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}


def dumps(value: object, *, indent: int | None = 2) -> str:
    """``value`` as a JSON document (UTF-8 text, non-ASCII kept)."""
    return json.dumps(jsonable(value), indent=indent, ensure_ascii=False, allow_nan=False)


class JsonDict:
    """Mixin for result dataclasses: ``to_dict()`` gives the fields as JSON-ready values."""

    def to_dict(self) -> dict[str, JSON]:
        """Every field as JSON-ready values (dates ISO, NaN as None, tables as records)."""
        return fields_jsonable(self)
