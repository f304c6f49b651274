"""The public API and the ``scoreline simulate`` command on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scoreline import api
from scoreline.cli import app
from scoreline.errors import InvalidParameterError
from scoreline.tournament.format import load_format

from .conftest import StrengthModel, ranked_strengths

WC2022 = load_format("wc2022")


def strength_factory() -> StrengthModel:
    """A stand-in model factory (no fit), pot-1 teams strongest."""
    return StrengthModel(ranked_strengths(WC2022))


def test_as_of_before_the_data(store_path: Path) -> None:
    """An as-of date before some team's first match is refused, naming the teams."""
    with pytest.raises(InvalidParameterError, match=r"as_of=1930-07-13: the model has no data for Qatar"):
        api.simulate_tournament("wc2022", "1930-07-13", sims=100, db=store_path)
    with pytest.raises(InvalidParameterError, match="expected a date"):
        api.simulate_tournament("wc2022", "next tuesday", sims=100, db=store_path)


def test_as_of_fixes_played_matches(store_path: Path) -> None:
    """As of 23 Nov 2022 the eight matches of 20-22 Nov are fixed: Saudi Arabia's win over
    Argentina is in every simulation, so Argentina's chance to top group C falls."""
    before = api.simulate_tournament("wc2022", "2022-11-22", sims=4000, seed=1, db=store_path,
                                     model=strength_factory)
    after = api.simulate_tournament("wc2022", "2022-11-23", sims=4000, seed=1, db=store_path,
                                    model=strength_factory)
    assert (before.fixed_matches, after.fixed_matches) == (4, 8)
    arg = after.teams.index("Argentina")
    assert after.p_position[arg, 0] < before.p_position[arg, 0] - 0.1


def test_timeline_replays_argentina(store_path: Path) -> None:
    """The day-by-day replay of 2022: Argentina's title chance drops after the loss to Saudi
    Arabia and is 100% after the final."""
    t = api.simulate_timeline("wc2022", sims=3000, seed=1, refit=False, db=store_path,
                              model=strength_factory)
    p = t.p_champion()[:, t.teams.index("Argentina")]
    day = [d.isoformat() for d in t.dates]
    assert p[day.index("2022-11-23")] < p[day.index("2022-11-22")] - 0.02
    assert p[-1] == 1.0 and day[-1] == "2022-12-19"
    assert t.to_frame().groupby("date")["p_champion"].sum().round(6).eq(1).all()


def test_cli_simulate_json_and_files(store_path: Path, tmp_path: Path) -> None:
    """``scoreline simulate wc2022 --as-of 2022-11-20 --json`` with the default model:
    Brazil and Argentina are the two favourites, at credible title chances; --csv and
    --plot write their files."""
    out_csv, out_png = tmp_path / "wc.csv", tmp_path / "wc.png"
    result = CliRunner().invoke(app, [
        "simulate", "wc2022", "--as-of", "2022-11-20", "--sims", "5000", "--json",
        "--db", str(store_path), "--csv", str(out_csv), "--plot", str(out_png),
    ])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["as_of"] == "2022-11-20" and data["sims"] == 5000
    teams = data["teams"]
    assert {teams[0]["team"], teams[1]["team"]} == {"Brazil", "Argentina"}
    assert 0.1 < teams[0]["p_champion"] < 0.5
    assert {"team", "group", "p_r16", "p_champion", "se_champion", "p_position_1"} <= set(teams[0])
    assert out_csv.read_text().startswith("team,group,p_r16")
    assert out_png.read_bytes()[:4] == b"\x89PNG"


def test_cli_errors_are_one_line(store_path: Path, tmp_path: Path) -> None:
    """A bad format file or tournament name prints one red line and exits 1."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n", encoding="utf-8")
    runner = CliRunner()
    for args in (["simulate", str(bad)], ["simulate", "wc1930"]):
        result = runner.invoke(app, [*args, "--db", str(store_path)])
        assert result.exit_code == 1
        assert "error:" in result.output and "Traceback" not in result.output


def test_cli_lists_every_edition(store_path: Path) -> None:
    """``scoreline tournaments --json`` lists every shipped edition by start date, the 2026
    World Cup before its draw among them, past groups read from the data."""
    out = CliRunner().invoke(app, ["tournaments", "--json", "--db", str(store_path)])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    names = [r["name"] for r in rows]
    assert len(names) == 30 and names[0] == "wc1998"
    by_name = {r["name"]: r for r in rows}
    assert by_name["nations2023"]["teams"] == 4 and by_name["nations2023"]["hosts"] == [
        "Netherlands"]
    assert by_name["wc2026_predraw"]["before_draw"] is True
    assert by_name["euro2020"]["groups_from_data"] is True
    assert by_name["euro2020"]["start_date"] == "2021-06-11"


def test_cli_knockout_only_edition_table(store_path: Path) -> None:
    """``scoreline simulate nations2023`` prints the four entrants with their semi-final,
    final and title chances, without group columns (there are no groups)."""
    out = CliRunner().invoke(app, ["simulate", "nations2023", "--sims", "2000", "--db",
                                   str(store_path)], terminal_width=120)
    assert out.exit_code == 0, out.output
    header = next(line for line in out.output.splitlines() if "team" in line)
    assert "SF" in header and "final" in header and "win" in header
    assert "grp" not in header and "pos" not in header
    assert all(t in out.output for t in ("Netherlands", "Croatia", "Spain", "Italy"))


@pytest.mark.parametrize("name", ["afcon2023", "wc2026_predraw"])
def test_api_simulates_any_edition(store_path: Path, name: str) -> None:
    """Any shipped edition simulates through the API (groups from the data; drawn groups
    before the draw, teams labelled by pot)."""
    r = api.simulate_tournament(name, sims=2000, seed=0, db=store_path, model=strength_factory)
    assert r.p_reach[:, -1].sum() == pytest.approx(1.0)
    if name == "wc2026_predraw":
        assert set(r.groups) == {"pot 1", "pot 2", "pot 3", "pot 4"}
