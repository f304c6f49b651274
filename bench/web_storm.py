"""A busy match day against ``scoreline serve`` on 127.0.0.1: storms, with a probe alongside.

Starts ``scoreline serve`` in a subprocess (127.0.0.1 only; a fresh cache folder for fits
and forecasts, the user's compiled kernels), then runs, each bounded in count and time:

1. 150 predicts on 150 distinct dates at 10 requests/s (open loop: latency is counted
   from the moment a request was due, so a slow server cannot hide its queue);
2. 50 identical predicts for a new date, all at once: the server's ``/api/v1/health``
   counts the fits they cost (target: one);
3. 50 distinct tournament simulations, all at once;

while probes ask for light routes 5 times a second each: a cached forecast, a
head-to-head and ``/api/v1/health`` (target p99 < 100 ms), with the lean client of
``bench/loadgen.py`` as the storms (httpx's own CPU, about a millisecond per request,
delayed fifty requests sent at once by up to 0.1 s). The same probes run first for
the same time on the idle server (the named peer), from a process of their own (the
storm client's CPU is not the server's latency): each storm's probe p99 is printed as a
ratio to the idle one. Every storm request must complete, or be refused with 503, within
1 s. The server's memory (its whole process tree: the event-loop process, the heavy
workers, the fork server) is sampled throughout, as the sum of resident sets (shared pages
counted once per process) and of proportional sets (shared pages split), target < 1 GB;
the table of each process at the peak follows. Then a second server with ``--workers 2``,
once both its server processes have finished their warm-up, takes 200 requests/s of cached
predicts for 10 s (target p99 < 50 ms) from the lean client of ``bench/loadgen.py``. The
client shares the machine with the server: its CPU and the servers' are printed.

Usage::

    python bench/web_storm.py [--port 8100] [--time-budget 0.8] [--queue 4] [--only identical]

Prints one table per phase and the load average (``/proc/loadavg``) beside each. The
server's time budget defaults to 0.8 s for the 1 s target: when 50 requests arrive at once,
admitting them and sending the 503s costs the event loop up to about 0.15 s beyond the
budget (a fit of the default model on a new date takes longer than the budget).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from loadgen import LeanClient

HOST = "127.0.0.1"
PROBE = "/api/v1/predict?home=Germany&away=Japan&date=2022-11-23&neutral=true"
PROBES = {"cached predict": PROBE, "h2h": "/api/v1/h2h/Germany/Japan",
          "health": "/api/v1/health"}
"""Light routes probed during the storms, each 5 times a second."""
IDLE_S = 10.0
REQUEST_TIMEOUT_S = 30.0
PHASE_LIMIT_S = 120.0


def loadavg() -> str:
    """The 1, 5 and 15-minute load averages."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def cpu_s(pid: int) -> float:
    """CPU time (user + system) used so far by one process, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def runqueue_wait_s(pid: int) -> float:
    """Time the threads of one process have spent runnable but waiting for a core, in
    seconds (``/proc/PID/task/*/schedstat``, second field): what a busy machine adds to
    every answer, whatever the server does."""
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError, IndexError, ValueError):
                total += int((task / "schedstat").read_text().split()[1])
    except OSError:
        return float("nan")
    return total / 1e9


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (the heavy workers are the fork server's children)."""
    out = [pid]
    for p in out:
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident and proportional set sizes of a process tree, in MB (from /proc)."""
    rss = pss = 0
    for p in tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
            errors="replace")
    except OSError:
        return ""


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def role(pid: int) -> str:
    """What a process of the server's tree is, from its command line and its parent's."""
    cmd = _cmdline(pid)
    if "resource_tracker" in cmd:
        return "resource tracker"
    if "forkserver" in cmd:
        return "heavy worker" if "forkserver" in _cmdline(_parent(pid)) else "fork server"
    if "spawn_main" in cmd:
        return "server process"
    if " serve " in cmd:
        return "supervisor" if "--workers 1 " not in cmd else "server process"
    return "other"


def memory_by_process(pid: int) -> list[tuple[str, int, float, float]]:
    """(role, pid, RSS MB, PSS MB) of every process of a server's tree."""
    rows = []
    for p in tree(pid):
        rss, pss = memory_mb_one(p)
        rows.append((role(p), p, rss, pss))
    return rows


def memory_mb_one(pid: int) -> tuple[float, float]:
    """Resident and proportional set size of one process, in MB."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
    except OSError:
        pass
    return rss / 1024, pss / 1024


def print_memory(pid: int, when: str) -> None:
    """The memory of each process of a server's tree, and the sums."""
    rows = memory_by_process(pid)
    print(f"\nserver memory by process, {when}:\n\n| process | pid | RSS MB | PSS MB |\n"
          "|---|---:|---:|---:|")
    for name, p, rss, pss in rows:
        print(f"| {name} | {p} | {rss:.0f} | {pss:.0f} |")
    print(f"| sum | | {sum(r[2] for r in rows):.0f} | {sum(r[3] for r in rows):.0f} |")


@dataclass
class Samples:
    """Latencies (seconds) and statuses of one kind of request."""

    latency: list[float] = field(default_factory=list)
    status: list[int] = field(default_factory=list)

    def add(self, seconds: float, status: int) -> None:
        self.latency.append(seconds)
        self.status.append(status)

    def row(self, name: str) -> str:
        lat = np.array(self.latency) * 1000 if self.latency else np.array([np.nan])
        ok = sum(s == 200 for s in self.status)
        busy = sum(s == 503 for s in self.status)
        other = len(self.status) - ok - busy
        return (f"| {name} | {len(self.status)} | {ok} | {busy} | {other} | "
                f"{np.percentile(lat, 50):.0f} | {np.percentile(lat, 99):.0f} | "
                f"{lat.max():.0f} |")


async def fetch(client: LeanClient, url: str, due: float, into: Samples) -> None:
    """GET ``url``; latency counted from ``due`` (perf_counter time); failures count as 0."""
    status = await client.get(url)
    into.add(time.perf_counter() - due, status)


def probe_process(port: int, stop: Any, ready: Any, out: Any) -> None:
    """The probes in a process of their own, until ``stop`` is set; the samples go to
    ``out``. A separate process, so that the storm client's own CPU and event loop do not
    count as the server's latency."""

    async def main() -> dict[str, Samples]:
        into = {name: Samples() for name in PROBES}
        client = LeanClient(HOST, port, timeout_s=REQUEST_TIMEOUT_S)
        try:
            for url in PROBES.values():  # connections open before the first timed probe
                await client.get(url)
            ready.set()
            tasks = []
            start = time.perf_counter()
            k = 0
            while not stop.is_set():
                due = start + k / 5.0
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                for name, url in PROBES.items():
                    tasks.append(asyncio.create_task(fetch(client, url, due, into[name])))
                k += 1
            await asyncio.gather(*tasks)
        finally:
            await client.close()
        return into

    samples = asyncio.run(main())
    out.put({name: (s.latency, s.status) for name, s in samples.items()})


class Prober:
    """:func:`probe_process` started, then stopped with its samples returned."""

    def __init__(self, port: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._stop, self._ready, self._out = ctx.Event(), ctx.Event(), ctx.Queue()
        self._process = ctx.Process(target=probe_process, daemon=True,
                                    args=(port, self._stop, self._ready, self._out))
        self._process.start()

    async def started(self) -> None:
        if not await asyncio.to_thread(self._ready.wait, 120):
            sys.exit("the probe process did not start within 2 minutes")

    async def stop(self) -> dict[str, Samples]:
        self._stop.set()
        data = await asyncio.to_thread(self._out.get, True, PHASE_LIMIT_S)
        await asyncio.to_thread(self._process.join, 30)
        return {name: Samples(list(lat), list(st)) for name, (lat, st) in data.items()}


async def idle_probes(port: int, seconds: float) -> dict[str, Samples]:
    """The probes alone on the idle server for ``seconds`` (the peer of the storm probes)."""
    prober = Prober(port)
    await prober.started()
    await asyncio.sleep(seconds)
    return await prober.stop()


def p99(samples: Samples) -> float:
    return float(np.percentile(np.array(samples.latency) * 1000, 99)) if samples.latency \
        else float("nan")


async def storm(client: LeanClient, urls: list[str], rate: float | None) -> Samples:
    """Send ``urls`` at ``rate`` per second (None: all at once); wait for every answer.

    With the lean client (bench/loadgen.py): httpx costs about a millisecond of CPU per
    request, on the two cores the server needs, so that fifty requests sent at once left
    its client up to 0.1 s after they were due, counted as the server's latency."""
    out = Samples()
    start = time.perf_counter()
    tasks = []
    for k, url in enumerate(urls):
        due = start if rate is None else start + k / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(fetch(client, url, due, out)))
    await asyncio.wait_for(asyncio.gather(*tasks), PHASE_LIMIT_S)
    return out


async def health(client: httpx.AsyncClient) -> dict[str, object]:
    return (await client.get("/api/v1/health")).json()  # type: ignore[no-any-return]


async def phase(client: httpx.AsyncClient, port: int, urls: list[str],
                rate: float | None, server_pid: int) -> tuple[
                    Samples, dict[str, Samples], dict[str, object], dict[str, object],
                    tuple[float, float, float, float]]:
    """One storm with the probe alongside; the server's health before and after.

    Starts when the server's heavy pool is idle (jobs of the previous phase that outlived
    their requests have finished), so that each phase's fits are its own."""
    for _ in range(600):
        before = await health(client)
        if not before["heavy"]["admitted"]:  # type: ignore[index]
            break
        await asyncio.sleep(0.5)
    prober = Prober(port)
    await prober.started()
    lean = LeanClient(HOST, port, max_connections=256, timeout_s=REQUEST_TIMEOUT_S)
    cpu_before, client_before, wall = cpu_s(server_pid), time.process_time(), time.perf_counter()
    waited_before = runqueue_wait_s(server_pid)
    result = await storm(lean, urls, rate)
    probes = await prober.stop()
    await lean.close()
    cpu = (cpu_s(server_pid) - cpu_before, time.process_time() - client_before,
           time.perf_counter() - wall, runqueue_wait_s(server_pid) - waited_before)
    await asyncio.sleep(0.5)
    after = await health(client)
    return result, probes, before, after, cpu


def start_server(port: int, workers: int, args: argparse.Namespace,
                 env: dict[str, str]) -> subprocess.Popen[bytes]:
    script = Path(sys.executable).with_name("scoreline")
    head = [str(script)] if script.exists() else [
        sys.executable, "-c", "from scoreline.cli import main; main()"]
    argv = [*head, "serve", "--host", HOST, "--port", str(port), "--workers", str(workers),
            "--time-budget", str(args.time_budget), "--queue", str(args.queue),
            "--heavy-workers", str(args.heavy_workers)]
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def wait_ready(base: str, server: subprocess.Popen[bytes], processes: int = 1) -> None:
    """Until the server answers and every one of its ``processes`` server processes has
    finished its start-up warm-up (at most 10 min): a warm-up still running in one of them
    would be measured as the other's latency."""
    ready: set[int] = set()
    async with httpx.AsyncClient(base_url=base, timeout=5) as client:
        for _ in range(3000):
            if server.poll() is not None:
                sys.exit(f"the server exited with {server.returncode}")
            try:
                # a new connection each time: uvicorn's processes share the listening socket
                answer = await client.get("/api/v1/health", headers={"connection": "close"})
                body = answer.json() if answer.status_code == 200 else {}
                if body and not body["warming"]:
                    ready.add(int(body.get("pid", 0)))
                    if len(ready) >= processes:
                        return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    sys.exit("the server did not finish starting within 10 minutes")


async def until_ok(client: httpx.AsyncClient, url: str, tries: int = 200) -> None:
    """Ask until the answer is 200 (a 503 means it is being computed)."""
    for _ in range(tries):
        if (await client.get(url)).status_code == 200:
            return
        await asyncio.sleep(0.5)
    sys.exit(f"{url} never answered 200")


class RssMonitor:
    """Samples a server's memory (resident and proportional) every 0.2 s in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0.0
        self.peak_pss = 0.0
        self.peak_rows: list[tuple[str, int, float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            rows = memory_by_process(self.pid)
            rss, pss = sum(r[2] for r in rows), sum(r[3] for r in rows)
            if rss > self.peak:
                self.peak_rows = rows
            self.peak = max(self.peak, rss)
            self.peak_pss = max(self.peak_pss, pss)
            time.sleep(0.2)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


HEADER = ("| requests | n | 200 | 503 | other | p50 ms | p99 ms | max ms |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|")


async def storms(args: argparse.Namespace, env: dict[str, str]) -> None:
    base = f"http://{HOST}:{args.port}"
    server = start_server(args.port, 1, args, env)
    try:
        await wait_ready(base, server)
        monitor = RssMonitor(server.pid)
        limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
        async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S,
                                     limits=limits) as client:
            for url in PROBES.values():
                await until_ok(client, url)
            load = loadavg()
            idle = await idle_probes(args.port, IDLE_S)
            print(f"\n### probes on the idle server, {IDLE_S:g} s (the peer)\n\n"
                  f"load average at start: {load}; after: {loadavg()}\n")
            print(HEADER)
            for name, samples in idle.items():
                print(samples.row(f"probe {name} (idle)"))
            first = dt.date(2005, 1, 3)
            dates = [first + dt.timedelta(days=9 * k) for k in range(150)]
            phases = [
                ("150 predicts, distinct dates, 10/s",
                 [f"/api/v1/predict?home=Brazil&away=Argentina&date={d}&neutral=true"
                  for d in dates], 10.0),
                ("50 identical predicts, new date, at once",
                 ["/api/v1/predict?home=Spain&away=Italy&date=2004-06-14"] * 50, None),
                ("50 distinct simulations, at once",
                 [f"/api/v1/tournaments/wc2022?sims=2000&seed={k}" for k in range(50)], None),
            ]
            for name, urls, rate in phases:
                if args.only and args.only not in name:
                    continue
                load = loadavg()
                result, probes, before, after, cpu = await phase(client, args.port, urls, rate,
                                                                 server.pid)
                slow = sum(1 for lat, s in zip(result.latency, result.status, strict=True)
                           if s in (200, 503) and lat > 1.0)
                fits = int(after["fits"]) - int(before["fits"])  # type: ignore[call-overload]
                print(f"\n### {name}\n\nload average at start: {load}; after: {loadavg()}\n")
                print(HEADER)
                print(result.row("storm"))
                for probe_name, samples in probes.items():
                    print(samples.row(f"probe {probe_name} (5/s)"))
                ratios = ", ".join(f"{n} {p99(probes[n]) / p99(idle[n]):.1f}x"
                                   for n in PROBES)
                print(f"\nprobe p99 during the storm / idle p99: {ratios}")
                print(f"CPU during the phase ({cpu[2]:.1f} s): the server's event-loop "
                      f"process {cpu[0]:.1f} s, this client {cpu[1]:.1f} s; the event-loop "
                      f"process's threads waited {cpu[3]:.1f} s for a core")
                print(f"fits during the phase: {fits}; storm answers (200 or 503) over 1 s: "
                      f"{slow} of {len(result.status)}; server memory peak so far: "
                      f"RSS {monitor.peak:.0f} MB, PSS {monitor.peak_pss:.0f} MB", flush=True)
        monitor.stop()
        print(f"\nserver memory (process tree), peak over the storms: RSS sum "
              f"{monitor.peak:.0f} MB, PSS sum {monitor.peak_pss:.0f} MB (target < 1024)")
        print("\nat the peak of the RSS sum:\n\n| process | pid | RSS MB | PSS MB |\n"
              "|---|---:|---:|---:|")
        for name, p, rss, pss in monitor.peak_rows:
            print(f"| {name} | {p} | {rss:.0f} | {pss:.0f} |")
        print_memory(server.pid, "after the storms")
    finally:
        server.terminate()
        server.wait(timeout=30)


async def cached_rate(args: argparse.Namespace, env: dict[str, str]) -> None:
    base = f"http://{HOST}:{args.port + 1}"
    server = start_server(args.port + 1, 2, args, env)
    try:
        await wait_ready(base, server, processes=2)
        pairs = [("Brazil", "Bolivia"), ("Germany", "Japan"), ("Argentina", "France"),
                 ("Spain", "Morocco"), ("England", "United States"), ("Japan", "Costa Rica")]
        urls = [f"/api/v1/predict?home={h}&away={a}&date=2022-11-23&neutral=true"
                for h, a in pairs]
        limits = httpx.Limits(max_connections=512, max_keepalive_connections=512)
        async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S,
                                     limits=limits) as client:
            for url in urls:  # both workers: each request may land on either
                await until_ok(client, url)
                for _ in range(20):
                    await client.get(url)
            load = loadavg()
            n = int(200 * args.seconds)
            servers = tree(server.pid)
            server_before = sum(cpu_s(p) for p in servers)
            client_before, wall = time.process_time(), time.perf_counter()
            lean = LeanClient(HOST, args.port + 1, max_connections=512)
            result = await storm(lean, [urls[k % len(urls)] for k in range(n)], 200.0)
            await lean.close()
            client_cpu, wall = time.process_time() - client_before, time.perf_counter() - wall
            server_cpu = sum(cpu_s(p) for p in servers) - server_before
            kept = (await client.get("/api/v1/health")).json().get("answers", {})
        print(f"\n### cached predicts at 200/s for {args.seconds:g} s, --workers 2\n\n"
              f"load average at start: {load}; after: {loadavg()}\n")
        print(HEADER)
        print(result.row("cached predict"))
        print(f"\nCPU during the {wall:.1f} s: this client (one process, the lean client of "
              f"bench/loadgen.py, same two cores) "
              f"{client_cpu:.1f} s, the server's processes {server_cpu:.1f} s "
              f"({server_cpu / max(n, 1) * 1000:.2f} ms per request); answers sent from kept "
              f"bytes by the last process asked: {kept}")
        print_memory(server.pid, "--workers 2, after the run")
        print("\ntarget: p99 < 50 ms")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--time-budget", type=float, default=0.8)
    parser.add_argument("--queue", type=int, default=4)
    parser.add_argument("--heavy-workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--only", default="",
                        help="run only the storms whose name contains this (e.g. identical), "
                             "and not the --workers 2 run")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="scoreline-storm-"))
    try:
        from scoreline._paths import numba_cache_dir

        env = dict(os.environ, SCORELINE_CACHE=str(scratch),
                   NUMBA_CACHE_DIR=str(numba_cache_dir()))
        print(f"load average before: {loadavg()}; new fit and forecast cache in {scratch}")
        asyncio.run(storms(args, env))
        if not args.only:
            asyncio.run(cached_rate(args, env))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
