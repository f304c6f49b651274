"""Load test of the web app on 127.0.0.1: ``/api/v1/predict`` and the match page.

Starts ``uvicorn`` with the app in a subprocess (one worker, like ``scoreline serve``),
warms each endpoint, then drives it with an open-loop generator: requests are sent at a
fixed rate whatever the server's speed, and latency is measured from the moment each
request was *due* (so a slow server cannot hide its queue: no coordinated omission).
Each run is bounded in time and in requests in flight. A static file served by the same
server is the peer: it shows what the machine, the client and uvicorn cost by themselves.

Usage::

    python bench/web_load.py [--rate 200] [--seconds 10] [--db PATH] [--model default]

Prints throughput and p50/p90/p99/max latency per endpoint, and the ratio of each p50 to
the static file's p50. Target (issue 7): p99 under 50 ms for predict at 200 requests/s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from itertools import cycle

import httpx
import numpy as np
from loadgen import LeanClient

PAIRS = [("Brazil", "Bolivia"), ("Germany", "Japan"), ("Argentina", "France"),
         ("Spain", "Morocco"), ("England", "United States"), ("Japan", "Costa Rica")]
MAX_IN_FLIGHT = 512
TIMEOUT_S = 10.0


@dataclass
class Run:
    """One endpoint at one rate."""

    name: str
    sent: int
    ok: int
    errors: int
    seconds: float
    latencies_ms: np.ndarray

    @property
    def throughput(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        return float(np.percentile(self.latencies_ms, q)) if len(self.latencies_ms) else float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, db: str | None) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn\n"
        "from scoreline.web import WebSettings, create_app\n"
        f"app = create_app(WebSettings(db={db!r}))\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning', ws='none',"
        " access_log=False)\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], env=os.environ.copy())


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
        try:
            if httpx.get(base + "/static/style.css", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {timeout_s:.0f} s")


async def open_loop(base: str, name: str, urls: list[str], rate: float, seconds: float) -> Run:
    """Send ``rate`` requests per second for ``seconds``; latency from each due time.

    The client is bench/loadgen.py's lean one (httpx costs about a millisecond of CPU per
    request, on the cores the server needs); its CPU time is printed beside the figures."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    client = LeanClient(host, int(port), max_connections=MAX_IN_FLIGHT, timeout_s=TIMEOUT_S)
    latencies: list[float] = []
    errors = 0

    async def one(url: str, due: float) -> None:
        nonlocal errors
        if await client.get(url) == 200:
            latencies.append((time.perf_counter() - due) * 1000)
        else:
            errors += 1

    n = int(rate * seconds)
    cpu0 = time.process_time()
    start = time.perf_counter()
    tasks = []
    source = cycle(urls)
    for i in range(n):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(next(source), due)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    await client.close()
    print(f"{name}: client CPU {time.process_time() - cpu0:.2f} s in {elapsed:.1f} s",
          file=sys.stderr)
    return Run(name, n, len(latencies), errors, elapsed, np.array(latencies))


def sequential(base: str, urls: list[str], n: int = 30) -> float:
    """Median latency (ms) of ``n`` requests sent one after another: the service time."""
    times = []
    with httpx.Client(base_url=base, timeout=TIMEOUT_S) as client:
        for _, url in zip(range(n), cycle(urls), strict=False):
            t0 = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
    return float(np.median(times))


def report(runs: list[Run], rate: float) -> None:
    peer = next((r for r in runs if r.name == "static file (peer)"), None)
    print(f"\nopen loop at {rate:.0f} requests/s, latency from each request's due time (ms)")
    print(f"{'endpoint':<28}{'sent':>6}{'ok':>6}{'err':>5}{'req/s':>8}{'p50':>8}{'p90':>8}"
          f"{'p99':>9}{'max':>9}{'p50/peer':>10}")
    for r in runs:
        ratio = r.pct(50) / peer.pct(50) if peer and peer.pct(50) > 0 else float("nan")
        print(f"{r.name:<28}{r.sent:>6}{r.ok:>6}{r.errors:>5}{r.throughput:>8.1f}"
              f"{r.pct(50):>8.1f}{r.pct(90):>8.1f}{r.pct(99):>9.1f}"
              f"{(r.latencies_ms.max() if len(r.latencies_ms) else float('nan')):>9.1f}"
              f"{ratio:>10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration per endpoint")
    parser.add_argument("--db", default=None, help="store path (default $SCORELINE_DB)")
    parser.add_argument("--model", default="default", help="model of /api/v1/predict")
    args = parser.parse_args()
    if not (1 <= args.rate <= 2000 and 1 <= args.seconds <= 120):
        raise SystemExit("--rate must be 1..2000 and --seconds 1..120")

    predict = [f"/api/v1/predict?home={h}&away={a}&neutral=true&model={args.model}"
               for h, a in PAIRS]
    endpoints = {
        "static file (peer)": ["/static/style.css"],
        "/api/v1/predict": predict,
        "match page": ["/match/2022-11-23/Germany/Japan"],
    }
    load_before = os.getloadavg()[0]
    runs = []
    service: dict[str, float] = {}
    for name, urls in endpoints.items():
        # A fresh server per endpoint: a queue left by one run cannot slow the next.
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(port, args.db)
        try:
            wait_ready(base, proc)
            for url in urls:  # warm: fits, caches, compiled code
                r = httpx.get(base + url, timeout=300)
                if r.status_code != 200:
                    raise SystemExit(f"{name}: {url} answered {r.status_code}: {r.text[:300]}")
            service[name] = sequential(base, urls)
            runs.append(asyncio.run(open_loop(base, name, urls, args.rate, args.seconds)))
            print(f"{name}: done", file=sys.stderr)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(f"scoreline web load test: {os.cpu_count()} CPUs, 1 uvicorn worker, "
          f"predict model={args.model}; 1-min load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after (other processes on the machine skew figures)")
    print("\none request at a time (service time, ms): " + ", ".join(
        f"{k} p50 {v:.1f}" for k, v in service.items()))
    report(runs, args.rate)
    target = runs[1].pct(99)
    verdict = "meets" if target < 50 else "MISSES"
    print(f"\npredict p99 {target:.1f} ms at {args.rate:.0f} req/s: {verdict} the 50 ms target")

if __name__ == "__main__":
    main()
