"""Claim-checker accuracy on annotated match reports.

Usage::

    python bench/claims_eval.py [DIR] [--locate] [--all]

DIR (default ``../shared/articles/dev`` from the repository root) holds articles and their
``claims.json`` annotations (see its README). The checker runs over every annotated
article (given the annotated match; ``--locate`` lets it find the match from the text) and
its claims are matched to the annotated ones by overlapping character spans. Prints, per
annotated kind and overall: contradiction precision, false claims caught, true claims
supported, uncheckable claims contradicted; then every wrong contradiction and every
missed false claim with its text (``--all`` also lists the true claims not supported).
Scoring rules: ``scoreline.writing.claims.evaluation``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from scoreline import api
from scoreline.writing.claims.evaluation import Evaluation, KindScore, evaluate
from scoreline.writing.claims.report import Claim

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / ".." / "shared" / "articles" / "dev"


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x:4.2f}"


def _row(name: str, s: KindScore) -> str:
    return (f"| {name:<20} | {_pct(s.precision)} ({s.contradicted_right}/{s.contradicted}) | "
            f"{_pct(s.recall)} ({s.false_caught}/{s.false}) | "
            f"{_pct(s.supported_share)} ({s.true_supported}/{s.true}) | "
            f"{s.uncheckable_contradicted}/{s.uncheckable} |")


def report(ev: Evaluation, show_all: bool) -> str:
    """The figures as a Markdown table and the lists of misses."""
    header = ("| kind | contradiction precision | false caught | true supported | "
              "uncheckable contradicted |")
    lines = [header, "|---|---|---|---|---|"]
    for kind in sorted(ev.by_kind):
        lines.append(_row(kind, ev.by_kind[kind]))
    lines.append(_row("**overall**", ev.overall))
    lines.append("")
    lines.append(f"wrong contradictions ({len(ev.wrong_contradictions)}):")
    lines += [f"  {f}: [{k}] {t!r} -> {v}" for f, t, v, k in ev.wrong_contradictions]
    lines.append(f"missed false claims ({len(ev.missed_false)}):")
    lines += [f"  {f}: {q!r} ({got})" for f, q, got in ev.missed_false]
    if ev.failed:
        lines.append("articles rejected:")
        lines += [f"  {f}: {why}" for f, why in ev.failed]
    if show_all:
        lines.append(f"true claims not supported ({len(ev.unsupported_true)}):")
        lines += [f"  {f}: {q!r} ({got})" for f, q, got in ev.unsupported_true]
    slowest = max(ev.seconds.items(), key=lambda kv: kv[1])
    lines.append(f"check time per article: mean {sum(ev.seconds.values()) / len(ev.seconds):.3f} s,"
                 f" slowest {slowest[1]:.3f} s ({slowest[0]})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--locate", action="store_true",
                        help="find each article's match from its text instead of the annotation")
    parser.add_argument("--all", action="store_true", help="also list unsupported true claims")
    args = parser.parse_args()

    def run(path: Path, match: tuple[str, str, str]) -> list[Claim]:
        rep = api.check_article(path, match=None if args.locate else match)
        claims: list[Claim] = rep.claims
        return claims

    api.check_article(ROOT / ".." / "shared" / "articles" / "2022-11-23-germany-japan.txt")  # warm-up
    t0 = time.perf_counter()
    ev = evaluate(args.dir.resolve(), run)
    print(report(ev, args.all))
    print(f"{len(ev.seconds)} articles in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
