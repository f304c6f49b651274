"""The win-probability chart of a match as inline SVG, drawn by the replay layer."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from scoreline.data.types import Match
from scoreline.errors import InvalidParameterError
from scoreline.inplay.replay import MatchReplay
from scoreline.writing.facts.lookup import StoreLike


def chart_svg(store: StoreLike, match: Match,
              replay: MatchReplay | None = None) -> tuple[str | None, str]:
    """``(svg, "")`` ready to inline in HTML, or ``(None, why it is not available)``.

    Uses :func:`scoreline.inplay.replay.build_replay` (reused when ``replay`` is given) and
    :func:`scoreline.inplay.replay_chart.save_replay_chart`.
    """
    from scoreline.inplay.replay import build_replay
    from scoreline.inplay.replay_chart import save_replay_chart

    if replay is None:
        row = store.find_match(match.date, match.home_team, match.away_team)
        replay = build_replay(row, store.matches(), store.goals(match_id=match.match_id))
    with tempfile.TemporaryDirectory(prefix="scoreline-chart-") as tmp:
        try:
            written = save_replay_chart(replay, Path(tmp) / "chart.svg")
        except InvalidParameterError as exc:
            return None, f"not available: {exc}"
        svg_path = next((p for p in written if p.suffix == ".svg"), None)
        if svg_path is None:
            return None, "not available: the replay layer wrote no SVG"
        svg = svg_path.read_text(encoding="utf-8")
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    svg = re.sub(r"^<!DOCTYPE[^>]*>\s*", "", svg)
    return svg, ""
