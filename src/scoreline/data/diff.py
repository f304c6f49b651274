"""What changed between two snapshots of the store: new, removed and corrected matches,
changed goal lists, and renamed teams.

Matches are compared by their lasting key ``(date, home_team, away_team, seq)`` (see
:mod:`scoreline.data.snapshot`); ``match_id`` changes between snapshots and is not used.
A team is *renamed* when every match it played in the old snapshot is, in the new one, the
same match (date, opponent, score) under another name; those matches count as renamed,
not as removed and added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

KEY = ["date", "home_team", "away_team", "seq"]
VALUES = ["home_score", "away_score", "tournament", "city", "country", "neutral"]
GOAL_FIELDS = ["team", "scorer", "minute", "own_goal", "penalty"]
LISTED = 20
"""How many matches each list of the diff names (the counts are always complete)."""


@dataclass(frozen=True)
class SnapshotDiff:
    """Differences from an old to a new snapshot.

    Attributes
    ----------
    matches_added, matches_removed, scores_corrected, details_corrected, goals_changed : int
        Counts: new matches; matches gone; matches with a different score; matches with
        another tournament, venue or neutral flag; matches whose goal list changed.
    renamed : list of (str, str)
        ``(old name, new name)`` of renamed teams.
    added, removed, corrected, goal_lists : list of str
        Up to :data:`LISTED` readable lines each, e.g. ``"2026-07-19 Spain 1-0 Brazil"``
        or ``"2022-11-23 Germany v Japan: 1-1 -> 1-2"``.
    """

    matches_added: int = 0
    matches_removed: int = 0
    scores_corrected: int = 0
    details_corrected: int = 0
    goals_changed: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)
    goal_lists: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the two snapshots hold the same matches and goals."""
        return not (self.matches_added or self.matches_removed or self.scores_corrected
                    or self.details_corrected or self.goals_changed or self.renamed)


def _line(r: tuple[Any, ...]) -> str:
    date, home, away, home_score, away_score = r[:5]
    return f"{pd.Timestamp(date):%Y-%m-%d} {home} {int(home_score)}-{int(away_score)} {away}"


def _renames(gone: pd.DataFrame, new: pd.DataFrame) -> dict[str, str]:
    """Old name -> new name for teams whose every removed match reappears renamed."""
    renames: dict[str, str] = {}
    if gone.empty or new.empty:
        return renames
    old_teams = set(gone["home_team"]) | set(gone["away_team"])
    new_teams = set(new["home_team"]) | set(new["away_team"])
    for side, other in (("home_team", "away_team"), ("away_team", "home_team")):
        joined = gone.merge(new, on=["date", other, "home_score", "away_score"],
                            suffixes=("_old", "_new"))
        pairs = joined[[f"{side}_old", f"{side}_new"]].drop_duplicates()
        for old, renamed in pairs.itertuples(index=False):
            if old != renamed and old in old_teams and renamed in new_teams:
                renames.setdefault(str(old), str(renamed))
    # keep a rename only if the old name is absent from the new snapshot altogether
    return renames


def diff_snapshots(old_matches: pd.DataFrame, old_goals: pd.DataFrame,
                   new_matches: pd.DataFrame, new_goals: pd.DataFrame) -> SnapshotDiff:
    """Compare two snapshots' ``matches`` and ``goals`` tables (store columns)."""
    if old_matches.empty:
        return SnapshotDiff(matches_added=len(new_matches))
    old = old_matches[KEY + VALUES].copy()
    new = new_matches[KEY + VALUES].copy()
    merged = old.merge(new, on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    gone = merged[merged["_merge"] == "left_only"]
    came = merged[merged["_merge"] == "right_only"]
    both = merged[merged["_merge"] == "both"]

    gone_rows = gone[KEY + [f"{c}_old" for c in VALUES]].set_axis(KEY + VALUES, axis=1)
    came_rows = came[KEY + [f"{c}_new" for c in VALUES]].set_axis(KEY + VALUES, axis=1)
    still_named = set(new_matches["home_team"]) | set(new_matches["away_team"])
    renames = {o: n for o, n in _renames(gone_rows, came_rows).items() if o not in still_named}
    if renames:
        as_new = gone_rows.replace({"home_team": renames, "away_team": renames})
        reappear = as_new.merge(came_rows[KEY], on=KEY, how="left", indicator=True)
        renamed_mask = (reappear["_merge"] == "both").to_numpy()
        gone_rows = gone_rows[~renamed_mask]
        moved_keys = as_new[renamed_mask][KEY]
        came_rows = came_rows.merge(moved_keys, on=KEY, how="left", indicator=True)
        came_rows = came_rows[came_rows["_merge"] == "left_only"].drop(columns="_merge")

    score_changed = ((both["home_score_old"] != both["home_score_new"])
                     | (both["away_score_old"] != both["away_score_new"]))
    detail_changed = pd.Series(False, index=both.index)
    for c in ("tournament", "city", "country", "neutral"):
        detail_changed |= both[f"{c}_old"].astype(str) != both[f"{c}_new"].astype(str)
    corrected = [
        f"{pd.Timestamp(r.date):%Y-%m-%d} {r.home_team} v {r.away_team}: "
        f"{int(r.home_score_old)}-{int(r.away_score_old)} -> "
        f"{int(r.home_score_new)}-{int(r.away_score_new)}"
        for r in both[score_changed].head(LISTED).itertuples(index=False)
    ]
    goal_lists = _goal_changes(old_matches, old_goals, new_matches, new_goals, both[KEY])
    cols = ["date", "home_team", "away_team", "home_score", "away_score"]
    return SnapshotDiff(
        matches_added=len(came_rows), matches_removed=len(gone_rows),
        scores_corrected=int(score_changed.sum()),
        details_corrected=int((detail_changed & ~score_changed).sum()),
        goals_changed=len(goal_lists), renamed=sorted(renames.items()),
        added=[_line(tuple(r)) for r in came_rows[cols].head(LISTED).itertuples(index=False)],
        removed=[_line(tuple(r)) for r in gone_rows[cols].head(LISTED).itertuples(index=False)],
        corrected=corrected, goal_lists=goal_lists[:LISTED] if goal_lists else [],
    )


def _goal_changes(old_matches: pd.DataFrame, old_goals: pd.DataFrame,
                  new_matches: pd.DataFrame, new_goals: pd.DataFrame,
                  common: pd.DataFrame) -> list[str]:
    """Readable lines for matches in both snapshots whose goal lists differ.

    Each goal is hashed; a match's goal list is compared by the count and the sum of its
    goals' hashes, which ignores order (the same goals listed differently are no change).
    """
    def signature(matches: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
        g = goals[["match_id", *GOAL_FIELDS]].merge(matches[["match_id", *KEY]], on="match_id")
        g = g.merge(common, on=KEY)
        text = g[GOAL_FIELDS].astype(str)
        g = g.assign(h=pd.util.hash_pandas_object(text, index=False).to_numpy() % (1 << 52))
        return g.groupby(KEY).agg(n=("h", "size"), h=("h", "sum"))

    joined = signature(old_matches, old_goals).join(
        signature(new_matches, new_goals), how="outer", suffixes=("_old", "_new"))
    joined = joined.fillna(0)
    changed = joined[(joined["n_old"] != joined["n_new"]) | (joined["h_old"] != joined["h_new"])]
    return [f"{pd.Timestamp(date):%Y-%m-%d} {home} v {away}: goal list changed "
            f"({int(row.n_old)} -> {int(row.n_new)} goals)"
            for (date, home, away, _seq), row in changed.iterrows()]
