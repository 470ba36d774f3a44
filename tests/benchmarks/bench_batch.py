"""Batch performance: throughput against a rate limit, memory in the number of rows, planning.

Run: python tests/benchmarks/bench_batch.py [--rows 1000] [--limit 20] [--latency 100]

1. Throughput: ``audience-cli batch`` sends ROWS rows to ``audience-cli serve-local`` (each
   in its own process) limited to LIMIT creates per second (429 without Retry-After beyond
   it), answering after LATENCY ms. The sustained rate is the rows created over the time
   from the first create to the last (the server's own creation times); target >= 90% of
   the limit, with no name created twice.
2. Memory: the peak RSS of ``audience-cli batch`` over a 10,000-row file against a 100-row
   one (the server unlimited, no latency); target within 1.2x.
3. Planning: checking a 10,000-row file (read, validate, history, sandbox listing) as
   ``--dry-run`` does, timed in-process; target under a second.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.support.batch_env import REPO, ServeLocal, add_profile, cli_env, write_rows


def throughput(folder: Path, rows: int, limit: float, latency: float) -> dict[str, float]:
    with ServeLocal(folder / "server", rate_limit=limit, latency_ms=latency) as server:
        env = cli_env(folder / "client")
        add_profile(env, server.url)
        file = write_rows(folder / "rate.csv", rows)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "audience_desktop.cli", "batch", str(file), "--profile",
             "local", "--json"],
            capture_output=True, text=True, env=env, cwd=REPO, timeout=900,
        )  # fmt: skip
        wall = time.monotonic() - started
        audiences = server.audiences()
    names = Counter(a["name"] for a in audiences)
    times = sorted(a["creationTime"] for a in audiences)
    span = (times[-1] - times[0]) / 1000 if len(times) > 1 else float("nan")
    return {
        "exit": done.returncode, "created": len(audiences),
        "duplicates": sum(n - 1 for n in names.values()),
        "rate": (len(times) - 1) / span, "wall": wall, "span": span,
    }  # fmt: skip


def peak_rss(folder: Path, rows: int) -> float:
    """MB: the peak resident size of one ``audience-cli batch`` run over ``rows`` rows."""
    with ServeLocal(folder / f"server-{rows}") as server:
        env = cli_env(folder / f"client-{rows}")
        add_profile(env, server.url)
        file = write_rows(folder / f"mem-{rows}.csv", rows)
        proc = subprocess.Popen(
            [sys.executable, "-m", "audience_desktop.cli", "batch", str(file), "--profile",
             "local", "--json"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=REPO,
        )  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        assert len(server.audiences()) == rows, "not every row was created"
    return usage.ru_maxrss / 1024


def planning(folder: Path, rows: int) -> float:
    """Seconds to plan ``rows`` rows in-process against a demo server (best of 3)."""
    from audience_desktop.application import BatchOptions, BatchSource, app_paths, open_workspace

    os.environ["AUDIENCE_DESKTOP_HOME"] = str(folder / "plan-home")
    file = write_rows(folder / "plan.csv", rows)
    best = float("inf")
    with open_workspace(app_paths().ensure(), demo=True) as workspace:
        profile = workspace.profile("demo")
        for _ in range(3):
            started = time.perf_counter()
            plan = workspace.plan_batch(BatchSource(file), BatchOptions(), profile)
            best = min(best, time.perf_counter() - started)
            assert plan.to_send == rows
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=20)
    parser.add_argument("--latency", type=float, default=100)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        result = throughput(folder, args.rows, args.limit, args.latency)
        print(
            f"throughput: {result['created']} created of {args.rows} rows, "
            f"{result['duplicates']} duplicates, exit {result['exit']}; sustained "
            f"{result['rate']:.2f}/s over {result['span']:.1f} s "
            f"({result['rate'] / args.limit:.0%} of {args.limit:g}/s), whole run {result['wall']:.1f} s"
        )
        plan_seconds = planning(folder, 10_000)
        print(f"planning: 10,000 rows checked in {plan_seconds:.3f} s (best of 3)")
        if not args.skip_memory:
            small, large = peak_rss(folder, 100), peak_rss(folder, 10_000)
            print(f"memory: peak RSS {large:.1f} MB at 10,000 rows vs {small:.1f} MB at 100: "
                  f"{large / small:.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
