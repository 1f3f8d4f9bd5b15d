"""A py-spy profile of the product at 1,000 phones and 5 posts a second: where the server's time goes.

`make bench POINT=profile-1000` (or `python -m bench.profile`): starts the product, runs the fanout-1000
swarm for 20 s, records the server with py-spy (from PyPI, requirements-test.txt) for 15 s of it, and
writes bench/results/profile-1000.txt: the functions with the most samples on their stack (inclusive) and
on top of it (self), with shares of all samples. bench/README.md keeps the latest summary.
"""

from __future__ import annotations

import collections
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from bench.common import RESULTS
from bench.points import POINTS, run_swarm, swarm_config
from bench.servers import started

SECONDS = 15


def _frame_name(frame: str) -> str:
    # py-spy raw frames look like "function (path/to/module.py:123)"
    name, _, where = frame.partition(" (")
    module = where.rsplit("/", 1)[-1].split(":")[0] if where else ""
    return f"{name} ({module})" if module else name


def summarise(collapsed: str, top: int = 25) -> list[str]:
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        total += samples
        frames = [_frame_name(f) for f in stack.split(";")]
        for name in set(frames):
            inclusive[name] += samples
        own[frames[-1]] += samples
    lines = [f"{total} samples", "", "inclusive (on the stack):"]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in inclusive.most_common(top)]
    lines += ["", "self (on top):"]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in own.most_common(top)]
    return lines


def run() -> Path:
    point = {**POINTS["fanout-1000"], "seconds": 20}
    with started("product") as server, tempfile.TemporaryDirectory() as tmp:
        config = swarm_config(point, server)
        outcome: dict = {}
        swarm = threading.Thread(target=lambda: outcome.update(run_swarm(config)))
        swarm.start()
        raw = Path(tmp) / "profile.txt"
        # Start once the phones are connected and posting has begun.
        threading.Event().wait(12)
        py_spy = Path(sys.executable).with_name("py-spy")
        subprocess.run(
            [
                str(py_spy),
                "record",
                "-p",
                str(server.pid),
                "-d",
                str(SECONDS),
                "-r",
                "100",
                "-f",
                "raw",
                "-o",
                str(raw),
            ],
            check=True,
            capture_output=True,
        )
        swarm.join()
        lines = summarise(raw.read_text())
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "profile-1000.txt"
    path.write_text("\n".join([f"swarm: {outcome.get('fanout_ms')}", *lines]) + "\n")
    return path


if __name__ == "__main__":
    print(run().read_text())
