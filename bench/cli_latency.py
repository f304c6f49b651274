"""Wall time of the CLI as a user feels it, as ratios to ``python -c "import numpy"``.

Each command is run as a fresh process, exactly as typed in a shell, and timed from start
to exit. The peer, ``python -c "import numpy"`` with the same interpreter, is timed right
before each command run (alternately, in the same run), so that a busy machine slows both
alike; the figure reported is median(command) / median(peer).

- **warm**: the store is loaded and every cache (compiled kernels, fitted models,
  pre-match forecasts) is filled by an untimed first call; then ``--rounds`` timed runs.
- **new questions** (``--new-questions``): the same, with the result cache off
  (``SCORELINE_RESULT_CACHE=0``), so that each timed run computes its answer as the first
  request for that match, year or article does (kernels compiled, models fitted and
  pre-match forecasts cached as in the warm runs, and the store's tables kept as Arrow
  copies by the first reader). This is what a user feels the first time they ask about
  a match: held to the same targets as the warm runs.
- **first run after set-up** (``--first-run``): a new cache folder and a new store,
  ``scoreline data load`` (the set-up, timed on its own), then one timed run of each
  command in the order below. Later commands may reuse what earlier ones cached (the
  match's pre-match forecast serves the story), as they would for a user.

Usage::

    python bench/cli_latency.py [--rounds 5] [--new-questions] [--first-run] [--data DIR]

Targets (issue 14): warm and new questions ``predict`` <= 5x, ``match``/``story``/``check``/
``upsets`` <= 8x, ``simulate --sims 100000`` <= 15x; first run after set-up <= 30x for each. Prints a
Markdown table and the load average (``/proc/loadavg``) before and after.

Before timing, the package's bytecode is compiled (``compileall``), as ``pip install``
does: where ``PYTHONDONTWRITEBYTECODE`` is set and the package is an editable checkout,
Python would otherwise recompile every scoreline module in every run (0.2-0.5 s), which
no installed copy does.

The targets are of wall time. Beside it the table gives the CPU time (user + system) of
the same processes and its ratio: on a machine shared with other work, wall times stretch
with the load while CPU times move much less, so the CPU ratio tells whether a wall ratio
above target is the command's doing or the machine's (the command's own threads count in
its CPU time: a parallel command shows more CPU than wall time).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ARTICLE = HERE.parent.parent / "shared" / "articles" / "2022-11-23-germany-japan.txt"

COMMANDS: list[tuple[str, list[str], float]] = [
    ("predict", ["predict", "Germany", "Japan", "--date", "2022-11-23", "--neutral"], 5.0),
    ("match", ["match", "2022-11-23", "Germany", "Japan"], 8.0),
    ("upsets", ["upsets", "--tournament", "FIFA World Cup", "--year", "2022"], 8.0),
    ("story", ["story", "2022-11-23", "Germany", "Japan"], 8.0),
    ("check", ["check", "{article}", "--match", "2022-11-23", "Germany", "Japan"], 8.0),
    ("simulate", ["simulate", "wc2022", "--sims", "100000"], 15.0),
]
FIRST_RUN_TARGET = 30.0
PEER = [sys.executable, "-c", "import numpy"]


def loadavg() -> str:
    """The first three fields of /proc/loadavg (1, 5 and 15 minutes)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


class Timing(NamedTuple):
    """Wall and CPU (user + system) seconds of one process."""

    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str]) -> Timing:
    """Wall and CPU time of one process, in seconds (output discarded; failure aborts)."""
    cpu0 = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return Timing(elapsed, _children_cpu() - cpu0)


def median(runs: list[Timing]) -> Timing:
    """Median wall time and median CPU time (each over the runs)."""
    return Timing(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


def cli(args: list[str], article: Path) -> list[str]:
    """The command line of a scoreline command: the installed ``scoreline`` script beside
    this interpreter, as a user types it."""
    script = Path(sys.executable).with_name("scoreline")
    head = [str(script)] if script.exists() else [
        sys.executable, "-c", "from scoreline.cli import main; main()"]
    return [*head, *(a.format(article=article) for a in args)]


def measure(env: dict[str, str], rounds: int, article: Path) -> dict[str, tuple[Timing, Timing]]:
    """Per command: (median command timing, median peer timing) over ``rounds`` alternate runs."""
    out = {}
    for name, args, _ in COMMANDS:
        timed(cli(args, article), env)  # fills the caches; not counted
        own, peer = [], []
        for _ in range(rounds):
            peer.append(timed(PEER, env))
            own.append(timed(cli(args, article), env))
        out[name] = (median(own), median(peer))
    return out


def first_runs(env: dict[str, str], data: str | None, article: Path
               ) -> tuple[Timing, Timing, dict[str, tuple[Timing, Timing]]]:
    """A new cache and store, the timed set-up, then one timed run of each command."""
    base = Path(tempfile.mkdtemp(prefix="scoreline-first-run-"))
    try:
        fresh = dict(env, XDG_CACHE_HOME=str(base / "cache"), SCORELINE_DB=str(base / "s.duckdb"))
        fresh.pop("SCORELINE_CACHE", None)
        fresh.pop("NUMBA_CACHE_DIR", None)
        load = ["data", "load"] + (["--source", data] if data else [])
        peer_setup = timed(PEER, fresh)
        setup = timed(cli(load, article), fresh)
        out = {}
        for name, args, _ in COMMANDS:
            peer = timed(PEER, fresh)
            out[name] = (timed(cli(args, article), fresh), peer)
        return setup, peer_setup, out
    finally:
        shutil.rmtree(base, ignore_errors=True)


HEADER = ("| command | wall s | peer s | ratio | target | met | CPU s | peer CPU s | CPU ratio |\n"
          "|---|---:|---:|---:|---:|:---:|---:|---:|---:|")


def row(name: str, own: Timing, peer: Timing, target: float) -> str:
    """One line of the table: wall ratio against the target, then the CPU figures."""
    ratio = own.wall / peer.wall
    return (f"| {name} | {own.wall:.2f} | {peer.wall:.3f} | {ratio:.1f}x | <= {target:.0f}x | "
            f"{'yes' if ratio <= target else 'no'} | {own.cpu:.2f} | {peer.cpu:.3f} | "
            f"{own.cpu / peer.cpu:.1f}x |")


def compile_bytecode() -> None:
    """Compile scoreline's modules to bytecode where Python looks for it (as pip does)."""
    import importlib.util

    spec = importlib.util.find_spec("scoreline")
    if spec is None or not spec.submodule_search_locations:
        return
    folder = next(iter(spec.submodule_search_locations))
    subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=True,
                   env=dict(os.environ, PYTHONDONTWRITEBYTECODE=""), stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--first-run", action="store_true")
    parser.add_argument("--new-questions", action="store_true",
                        help="Also time the commands with the result cache off.")
    parser.add_argument("--data", default=os.environ.get("SCORELINE_DATA"))
    parser.add_argument("--article", type=Path, default=ARTICLE)
    args = parser.parse_args()
    env = dict(os.environ, COLUMNS="100", NO_COLOR="1")
    compile_bytecode()
    before = loadavg()
    print(f"load average before: {before}", flush=True)
    warm = measure(env, args.rounds, args.article)
    after_warm = loadavg()
    new = (measure(dict(env, SCORELINE_RESULT_CACHE="0"), args.rounds, args.article)
           if args.new_questions else None)
    after_new = loadavg()
    first = first_runs(env, args.data, args.article) if args.first_run else None
    after = loadavg()

    print(f"\nwarm: median of {args.rounds} runs; peer `python -c \"import numpy\"` timed "
          "alternately\n")
    print(HEADER)
    for name, _, target in COMMANDS:
        print(row(name, *warm[name], target))
    print(f"\nload average: before {before}, after the warm runs {after_warm}")
    if new is not None:
        print(f"\nnew questions (result cache off): median of {args.rounds} runs\n")
        print(HEADER)
        for name, _, target in COMMANDS:
            print(row(name, *new[name], target))
        print(f"\nload average after these runs: {after_new}")
    if first is not None:
        setup, peer_setup, runs = first
        print("\nfirst run after set-up (new cache folder and store; `scoreline data load` "
              f"took {setup.wall:.1f} s = {setup.wall / peer_setup.wall:.0f}x the peer)\n")
        print(HEADER)
        for name, _, _ in COMMANDS:
            print(row(name, *runs[name], FIRST_RUN_TARGET))
        print(f"\nload average after the first runs: {after}")


if __name__ == "__main__":
    main()
