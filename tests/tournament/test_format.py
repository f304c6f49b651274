"""Tournament formats: the shipped files, bad files, and agreement with the real matches."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from scoreline.data.store import Store
from scoreline.errors import FormatError, InvalidParameterError, UnknownTeamError
from scoreline.tournament import reference
from scoreline.tournament.format import BUILTIN_FORMATS, format_path, load_format

PLAYED = [n for n in BUILTIN_FORMATS if not n.endswith("_predraw")]
"""Shipped editions with their real groups (not the formats before a draw)."""
from scoreline.tournament.played import load_tournament, tournament_matches
from scoreline.tournament.simulate import fixed_results

CHAMPIONS = {
    "wc1998": "France", "wc2002": "Brazil", "wc2006": "Italy", "wc2010": "Spain",
    "wc2014": "Germany", "wc2018": "France", "wc2022": "Argentina", "wc2026": "Spain",
    "euro2016": "Portugal", "euro2020": "Italy", "euro2024": "Spain",
    "copa2016": "Chile", "copa2019": "Brazil", "copa2021": "Argentina", "copa2024": "Argentina",
    "afcon2019": "Algeria", "afcon2021": "Senegal", "afcon2023": "Ivory Coast",
    "afcon2025": "Morocco", "asian2019": "Qatar", "asian2023": "Qatar",
    "gold2019": "Mexico", "gold2021": "United States", "gold2023": "Mexico", "gold2025": "Mexico",
    "nations2019": "Portugal", "nations2021": "France", "nations2023": "Spain",
    "nations2025": "Portugal",
}
"""Real champion of every shipped edition (from the real final, after extra time/penalties)."""
SIZES = {"wc2026": (48, 104), "copa2016": (16, 32), "copa2019": (12, 26), "copa2021": (10, 28),
         "copa2024": (16, 32), "asian2019": (24, 51), "asian2023": (24, 51),
         **{f"nations{y}": (4, 4) for y in (2019, 2021, 2023, 2025)}}
"""(teams, matches) where not given by the competition's usual size."""


def _size(name: str) -> tuple[int, int]:
    if name in SIZES:
        return SIZES[name]
    if name.startswith("wc"):
        return 32, 64
    if name.startswith("gold"):
        return 16, 31
    return 24, 52 if name.startswith("afcon") else 51


def _write(tmp_path: Path, edit: dict | None = None, base: str = "wc2022", **changes: object) -> Path:
    raw = yaml.safe_load(format_path(base).read_text(encoding="utf-8"))
    raw.update(changes)
    if edit:
        edit["fn"](raw)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def test_every_listed_edition_is_shipped() -> None:
    """The shipped formats are exactly the editions with a known champion, and the World
    Cup 2026 before its draw."""
    assert set(BUILTIN_FORMATS) == set(CHAMPIONS) | {"wc2026_predraw"}


@pytest.mark.parametrize("name", PLAYED)
def test_shipped_formats_load_with_known_teams(name: str, store: Store) -> None:
    """Each shipped format validates (groups from the data where it says so), and every
    team name is a team of the data."""
    fmt = load_tournament(store, name)
    assert (len(fmt.teams), fmt.n_matches) == _size(name)
    assert len(tournament_matches(store, fmt)) == fmt.n_matches


@pytest.mark.parametrize("name", PLAYED)
def test_group_memberships_agree_with_real_matches(name: str, store: Store) -> None:
    """Every group pair met exactly once in the real group stage, and no one else did."""
    fmt = load_tournament(store, name)
    played = tournament_matches(store, fmt)
    per_group = fmt.group_size * (fmt.group_size - 1) // 2 * len(fmt.groups)
    group_stage = played.sort_values("date", kind="stable").head(per_group)
    group_of = fmt.group_of
    pairs = set()
    for rec in group_stage.itertuples():
        assert group_of[rec.home_team] == group_of[rec.away_team], (rec.home_team, rec.away_team)
        pairs.add(frozenset((rec.home_team, rec.away_team)))
    assert len(pairs) == per_group


@pytest.mark.parametrize("name", PLAYED)
def test_bracket_pairings_agree_with_real_matches(name: str, store: Store) -> None:
    """Walking the bracket with the real results (group tables with the format's
    tie-breakers, best thirds and the allocation table) gives exactly the knockout matches
    that were played, and the real champion."""
    fmt = load_tournament(store, name)
    fixed = fixed_results(fmt, tournament_matches(store, fmt))
    played = reference.replay(fmt, fixed)  # raises if a bracket match never happened
    known = set(fixed.knockout) | set(fmt.known_winners)
    assert len(played) == len(fmt.matches) == len(known)
    final = next(m for m in played if m.round == fmt.rounds[-1])
    assert final.winner == CHAMPIONS[name]


def test_euro2024_allocation_row_matches_real_round_of_16(store: Store) -> None:
    """Euro 2024: thirds of C, D, E, F qualified; UEFA's row CDEF sends 3F to 1B (Spain v
    Georgia), 3E to 1C (England v Slovakia), 3D to 1E (Romania v Netherlands), 3C to 1F
    (Portugal v Slovenia), as played."""
    fmt = load_format("euro2024")
    fixed = fixed_results(fmt, tournament_matches(store, fmt))
    r16 = {frozenset((m.home_team, m.away_team)) for m in reference.replay(fmt, fixed) if m.round == "R16"}
    for pair in (("Spain", "Georgia"), ("England", "Slovakia"), ("Romania", "Netherlands"),
                 ("Portugal", "Slovenia")):
        assert frozenset(pair) in r16


def test_group_of_wrong_size(tmp_path: Path) -> None:
    """A group with three teams names the file, the group and the expected size."""
    path = _write(tmp_path, {"fn": lambda r: r["groups"]["C"].pop()})
    with pytest.raises(FormatError, match=r"bad\.yaml: groups\.C: has 3 teams, expected 4"):
        load_format(path)


def test_team_in_two_groups(tmp_path: Path) -> None:
    """A team listed in two groups is refused, naming both groups."""
    def twice(raw: dict) -> None:
        raw["groups"]["B"][0] = "Argentina"

    with pytest.raises(FormatError, match=r"groups\.C: 'Argentina' is already in group B"):
        load_format(_write(tmp_path, {"fn": twice}))


def test_bracket_slot_referencing_nothing(tmp_path: Path) -> None:
    """A bracket slot W99 (no such match) and a slot 1Z (no such group) are refused."""
    def bad_winner(raw: dict) -> None:
        raw["knockout"]["matches"][8]["home"] = "W99"

    with pytest.raises(FormatError, match=r"knockout match 57: slot W99 references no earlier match 99"):
        load_format(_write(tmp_path, {"fn": bad_winner}))

    def bad_group(raw: dict) -> None:
        raw["knockout"]["matches"][0]["home"] = "1Z"

    with pytest.raises(FormatError, match=r"knockout match 49: slot 1Z references no group Z"):
        load_format(_write(tmp_path, {"fn": bad_group}))


def test_unknown_team_gets_suggestions(tmp_path: Path, store: Store) -> None:
    """A misspelt team raises UnknownTeamError naming the file and place, with close names."""
    def misspell(raw: dict) -> None:
        raw["groups"]["C"][0] = "Argentinia"

    with pytest.raises(UnknownTeamError) as info:
        load_format(_write(tmp_path, {"fn": misspell}), store.teams())
    assert "Argentina" in info.value.suggestions
    assert re.search(r"bad\.yaml: groups\.C: unknown team 'Argentinia'; did you mean", str(info.value))


def test_allocation_row_must_respect_slot(tmp_path: Path) -> None:
    """An allocation sending a third to a winner its slot does not allow is refused."""
    def swap(raw: dict) -> None:
        raw["best_thirds"]["allocation"]["CDEF"] = {"1B": "3C", "1C": "3E", "1E": "3D", "1F": "3F"}

    with pytest.raises(FormatError, match=r"allocation CDEF\.1C.*|allocation CDEF\.1B.*|CDEF\.1F"):
        load_format(_write(tmp_path, {"fn": swap}, base="euro2024"))


def test_missing_allocation_rows(tmp_path: Path) -> None:
    """An allocation table without every combination of groups says which is missing."""
    def drop(raw: dict) -> None:
        del raw["best_thirds"]["allocation"]["ABCD"]

    with pytest.raises(FormatError, match=r"allocation has 14 rows, expected 15.*missing e\.g\. ABCD"):
        load_format(_write(tmp_path, {"fn": drop}, base="euro2024"))


def test_unknown_tournament_name() -> None:
    """A name that is neither shipped nor a file lists the shipped formats."""
    with pytest.raises(InvalidParameterError, match=r"expected one of .*euro2024.*wc2022"):
        load_format("wc1930")


def test_not_yaml(tmp_path: Path) -> None:
    """A file that is not YAML gets a FormatError naming it."""
    path = tmp_path / "broken.yaml"
    path.write_text("groups: [A: {", encoding="utf-8")
    with pytest.raises(FormatError, match=r"broken\.yaml: not valid YAML"):
        load_format(path)


def test_format_dates_and_stages(wc2026) -> None:  # type: ignore[no-untyped-def]
    """WC 2026: 11 June to 19 July, stages group, R32 .. final, champion."""
    assert wc2026.start_date == dt.date(2026, 6, 11)
    assert wc2026.stages == ["group", "R32", "R16", "QF", "SF", "F", "champion"]
