"""The groups of a past tournament, read from its matches in the results data.

A group stage is a set of round robins: before the first knockout match, every pair of
teams of a group meets exactly once and no team meets a team of another group. So the
first ``groups x size x (size - 1) / 2`` matches of the tournament (by date) split into
connected components, one per group. The data does not name the groups; a format names
each group by one of its teams (``groups_from_data: {A: Brazil, ...}``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def infer_groups(
    matches: pd.DataFrame, anchors: Mapping[str, str], group_size: int
) -> dict[str, list[str]]:
    """Each group's teams, the naming team first, then in order of their first match.

    Parameters
    ----------
    matches : DataFrame
        The tournament's matches (``date``, ``home_team``, ``away_team``), any order.
    anchors : mapping of group name to team
        One team of each group, which names it.
    group_size : int
        Teams per group.

    Raises
    ------
    ValueError
        Too few matches, a component that is not a complete round robin of
        ``group_size`` teams, or an anchor that is in no group or shares one (the message
        says which).
    """
    n_groups = len(anchors)
    per_group = group_size * (group_size - 1) // 2
    need = n_groups * per_group
    ordered = matches.sort_values("date", kind="stable")
    if len(ordered) < need:
        raise ValueError(
            f"the data has {len(ordered)} matches of this tournament in its dates, fewer "
            f"than the {need} group matches of {n_groups} groups of {group_size}"
        )
    first = ordered.head(need)
    parent: dict[str, str] = {}
    seen_order: dict[str, int] = {}

    def root(team: str) -> str:
        while parent.setdefault(team, team) != team:
            parent[team] = parent[parent[team]]
            team = parent[team]
        return team

    pairs: set[frozenset[str]] = set()
    for home, away in zip(first["home_team"], first["away_team"], strict=True):
        for team in (home, away):
            seen_order.setdefault(str(team), len(seen_order))
        parent[root(str(home))] = root(str(away))
        pairs.add(frozenset((str(home), str(away))))
    components: dict[str, list[str]] = {}
    for team in sorted(seen_order, key=seen_order.__getitem__):
        components.setdefault(root(team), []).append(team)
    groups: dict[str, list[str]] = {}
    taken: dict[str, str] = {}
    for gname, anchor in anchors.items():
        if anchor not in seen_order:
            raise ValueError(f"{gname}: {anchor!r} plays in none of the first {need} matches")
        key = root(anchor)
        if key in taken:
            raise ValueError(f"{gname}: {anchor!r} is in the same group as {taken[key]}'s team")
        taken[key] = gname
        teams = components[key]
        if len(teams) != group_size:
            raise ValueError(
                f"{gname}: the group of {anchor} has {len(teams)} teams in the data "
                f"({', '.join(teams)}), expected {group_size}"
            )
        missing = [
            f"{a}-{b}" for i, a in enumerate(teams) for b in teams[i + 1:]
            if frozenset((a, b)) not in pairs
        ]
        if missing:
            raise ValueError(f"{gname}: pairs that did not meet in the group stage: {missing}")
        groups[gname] = [anchor] + [t for t in teams if t != anchor]
    if len(taken) != len(components):
        stray = [c[0] for k, c in components.items() if k not in taken]
        raise ValueError(f"teams of no named group play in the group stage: {stray}")
    return groups
