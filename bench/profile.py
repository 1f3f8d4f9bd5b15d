"""A py-spy profile of the product at 1,000 phones and 5 posts a second: where the server's time goes.

`make bench POINT=profile-1000` (or `python -m bench.profile`): starts the product, runs the fanout-1000
swarm for 20 s, records the server with py-spy (from PyPI, requirements-test.txt) for 15 s of it, and
writes bench/results/profile-1000.txt: the functions with the most samples on their stack (inclusive) and
on top of it (self), with shares of all samples. bench/README.md keeps the latest summary.
"""

from __future__ import annotations

import collections
import signal
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


def _record(pid: int, out: Path, seconds: float | None) -> subprocess.Popen:
    py_spy = Path(sys.executable).with_name("py-spy")
    duration = ["-d", str(int(seconds))] if seconds else []
    argv = [str(py_spy), "record", "-p", str(pid), *duration, "-r", "100", "-f", "raw", "-o", str(out)]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(point_name: str = "profile-1000") -> Path:
    """profile-1000: 15 s of fanout-1000 once posting has begun. profile-<point> (profile-reconnect-2000):
    the whole of that point's swarm, from the first connect to the last phone caught up."""
    whole = point_name != "profile-1000"
    point = dict(POINTS[point_name.removeprefix("profile-")]) if whole else {**POINTS["fanout-1000"], "seconds": 20}
    point.pop("servers", None)
    with started("product") as server, tempfile.TemporaryDirectory() as tmp:
        config = swarm_config(point, server)
        outcome: dict = {}
        swarm = threading.Thread(target=lambda: outcome.update(run_swarm(config)))
        raw = Path(tmp) / "profile.txt"
        if whole:
            recorder = _record(server.pid, raw, None)
            threading.Event().wait(1)  # py-spy attached before the first phone connects
            swarm.start()
            swarm.join()
            recorder.send_signal(signal.SIGINT)  # py-spy writes what it recorded when interrupted
            recorder.wait(timeout=60)
        else:
            swarm.start()
            # Start once the phones are connected and posting has begun.
            threading.Event().wait(12)
            _record(server.pid, raw, SECONDS).wait()
            swarm.join()
        lines = summarise(raw.read_text())
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{point_name}.txt"
    swarm_line = {k: v for k, v in outcome.items() if k in ("fanout_ms", "all_back_ms", "back_ms", "error")}
    path.write_text("\n".join([f"swarm: {swarm_line}", *lines]) + "\n")
    return path


if __name__ == "__main__":
    print(run(*sys.argv[1:2]).read_text())
