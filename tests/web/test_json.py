"""The one JSON encoder (``scoreline.api.to_jsonable``) and its use by ``--json`` and ``/api/v1``."""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from scoreline import api
from scoreline.cli import app

runner = CliRunner()


class _Side(str, enum.Enum):
    HOME = "home"


@dataclass(frozen=True)
class _Result:
    day: dt.date
    p: float
    table: pd.DataFrame
    side: _Side


def test_encoder_rules() -> None:
    """Dates become ISO strings, NaN/inf/NA/NaT null, numpy scalars numbers, enums their
    value, DataFrames lists of records, dataclasses objects."""
    frame = pd.DataFrame({"date": pd.to_datetime(["2022-11-23"]), "x": [np.nan],
                          "n": pd.array([pd.NA], dtype="Int64")})
    out = api.to_jsonable(_Result(dt.date(2022, 11, 23), math.inf, frame, _Side.HOME))
    assert out == {"day": "2022-11-23", "p": None,
                   "table": [{"date": "2022-11-23", "x": None, "n": None}], "side": "home"}
    assert api.to_jsonable([np.int64(3), np.float64(-np.inf), np.bool_(True), pd.NaT,
                            dt.datetime(2022, 11, 23, 19, 0), Path("a/b")]) == [
        3, None, True, None, "2022-11-23T19:00:00", "a/b"]
    assert json.loads(api.to_json({"nan": float("nan")})) == {"nan": None}


def test_encoder_refuses_unknown_objects() -> None:
    """An object it cannot write is a TypeError, not a silent ``str()``."""
    with pytest.raises(TypeError, match="cannot write a object"):
        api.to_jsonable(object())


def test_result_to_dict_is_the_encoder() -> None:
    """A result's ``to_dict()`` is what the encoder writes for it (with derived points)."""
    rec = api.Record(played=3, wins=2, draws=1, goals_for=5, goals_against=1)
    assert rec.to_dict()["points"] == 7 and api.to_jsonable(rec) == rec.to_dict()


@pytest.mark.parametrize(("cli", "url"), [
    (["team", "Japan", "--recent", "3"], "/api/v1/teams/Japan?recent=3"),
    (["h2h", "Germany", "Japan"], "/api/v1/h2h/Germany/Japan"),
    (["ratings", "--date", "2022-11-20", "--top", "5"], "/api/v1/ratings?date=2022-11-20&top=5"),
    (["predict", "Germany", "Japan", "--date", "2022-11-23", "--neutral"],
     "/api/v1/predict?home=Germany&away=Japan&date=2022-11-23&neutral=true"),
    (["match", "2022-11-23", "Germany", "Japan", "--no-chart"],
     "/api/v1/matches/2022-11-23/Germany/Japan"),
    (["upsets", "--tournament", "FIFA World Cup", "--year", "2022", "--top", "5"],
     "/api/v1/upsets?tournament=FIFA%20World%20Cup&year=2022&top=5"),
])
def test_cli_json_equals_web_json(cli: list[str], url: str, store_path: Path,
                                  client: TestClient) -> None:
    """``--json`` of a command and the ``/api/v1`` answer for the same result are identical."""
    result = runner.invoke(app, [*cli, "--db", str(store_path), "--json"])
    assert result.exit_code == 0, result.output
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    assert json.loads(result.stdout) == answer.json()
