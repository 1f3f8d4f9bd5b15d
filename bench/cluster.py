"""`make bench POINT=cluster-2000`: the cluster (issue 10) with 2 workers and with 1, against both bare servers.

Both clusters are what `make cluster` starts (facilitation/cluster: PostgreSQL, Redis message queue, nginx,
single-worker app processes), so the only difference between them is the number of workers. The bare
Flask-SocketIO and bare Node servers (bench/servers.py) run in the same run for the ratios. Every target
faces the same websocket swarm (bench/swarm.mjs) with PHONES phones, through nginx for the clusters:

- fanout: 5 posting sockets, 5 posts/s for 8 s; latency of every delivery to every phone;
- posts: 20 posting sockets offering 20 posts/s for 6 s to the same room: acknowledged posts per second;
- reconnect: every phone dropped at once, 3 notes posted meanwhile, back with full-jitter backoff and a
  `sync`, until all are at the latest revision.

`cluster-<N>` runs N phones (`cluster-20` is what tests/cluster/test_bench_point.py runs). BENCH_RUNS (3)
runs; within a run the targets alternate, each started fresh and its scenarios run one after the other.
Every scenario's result is written to bench/results/cluster-<N>.json as soon as it finishes, so a crash
in one scenario (or target) keeps the others. Clusters listen on BENCH_CLUSTER_PORT (5400: nginx, workers
on 5401.., Redis 5450, PostgreSQL 5451).
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench.common import RESULTS
from bench.points import RUNS, run_swarm
from bench.servers import SOCKET_UNLIMITED, UNLIMITED, started
from facilitation.cluster.launcher import Cluster, Settings

PORT = int(os.environ.get("BENCH_CLUSTER_PORT", "5400"))
TARGETS = ("cluster-2", "cluster-1", "flask", "node")
SCENARIOS: dict[str, dict] = {
    "fanout": {"scenario": "fanout", "posters": 5, "rate": 5, "seconds": 8},
    "posts": {"scenario": "fanout", "posters": 20, "rate": 20, "seconds": 6},
    "reconnect": {"scenario": "reconnect", "posters": 1},
}
# What the table shows per scenario (paths into the swarm's result).
METRICS: dict[str, list[str]] = {
    "fanout": ["fanout_ms.p50", "fanout_ms.p99", "ack_ms.p99", "delivered_share"],
    "posts": ["posts_per_second", "acked", "ack_ms.p99", "fanout_ms.p99", "delivered_share"],
    "reconnect": ["all_back_ms", "back_ms.p50"],
}


@dataclass
class Target:
    name: str
    url: str
    pid: int
    demo: dict | None = None  # the product's workshop, board and section; None for a bare server


def phones_of(point: str) -> int:
    return int(point.split("-", 1)[1])


def _demo(database_url: str) -> dict:
    engine = create_engine(database_url)
    try:
        with engine.connect() as con:
            workshop_id, code = con.execute(text("select id, join_code from workshops order by id limit 1")).one()
            board_id, section_id = con.execute(
                text(
                    "select b.id, s.id from boards b join sections s on s.board_id = b.id where b.workshop_id = :w "
                    "and b.open_to_attendees and b.mode = 'open' order by b.position, s.position"
                ),
                {"w": workshop_id},
            ).first()
    finally:
        engine.dispose()
    return {"workshop_id": workshop_id, "code": code, "board_id": board_id, "section_id": section_id}


@contextmanager
def _cluster(workers: int, phones: int) -> Iterator[Target]:
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as folder:
        settings = Settings(
            folder=Path(folder),
            workers=workers,
            port=PORT,
            per_address=2 * phones + 500,
            extra_env={"RATE_LIMITS": UNLIMITED, "SOCKET_RATE_LIMITS": SOCKET_UNLIMITED, "DRAIN_SECONDS": "2"},
        )
        cluster = Cluster(settings)
        try:
            cluster.start()
            url, pid = f"http://127.0.0.1:{PORT}", cluster.workers[0].process.pid
            yield Target(f"cluster-{workers}", url, pid, _demo(cluster.postgres.url))
        finally:
            cluster.stop()


@contextmanager
def _target(name: str, phones: int) -> Iterator[Target]:
    if name.startswith("cluster-"):
        with _cluster(int(name.split("-")[1]), phones) as target:
            yield target
    else:
        with started(name) as server:
            yield Target(name, server.url, server.pid)


def _tokens(target: Target, count: int) -> list[str]:
    with requests.Session() as http:
        return [
            http.post(f"{target.url}/api/v1/join", json={"code": target.demo["code"]}, timeout=30).json()["token"]
            for _ in range(count)
        ]


def _configs(target: Target, phones: int) -> dict[str, dict]:
    """One swarm config per scenario; the product's phones join once and keep their tokens throughout."""
    most_posters = max(s["posters"] for s in SCENARIOS.values())
    if target.demo is None:
        listeners, posters, place = [None] * phones, [None] * most_posters, {"board_id": 1, "section_id": 1}
    else:
        tokens = _tokens(target, phones + most_posters)
        listeners = [{"token": token} for token in tokens[:phones]]
        posters = [{"token": token} for token in tokens[phones:]]
        place = {k: target.demo[k] for k in ("board_id", "section_id", "workshop_id")}
    return {
        name: {
            **scenario,
            **place,
            "url": target.url,
            "pid": target.pid,
            "tag": f"{name[:1]}{os.urandom(4).hex()}",
            "phones": listeners,
            "posters": posters[: scenario["posters"]],
        }
        for name, scenario in SCENARIOS.items()
    }


def _derived(outcome: dict) -> dict:
    """Posts acknowledged per second of posting, and the share of expected deliveries that arrived."""
    if outcome.get("expected"):
        outcome["delivered_share"] = round(100 * outcome["delivered"] / outcome["expected"], 2)
    if outcome.get("posting_seconds"):
        outcome["posts_per_second"] = round(outcome["acked"] / outcome["posting_seconds"], 1)
    return outcome


def _write(path: Path, result: dict) -> None:
    """Replace the file whole (a crash mid-write must not leave half a JSON)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(result, indent=2) + "\n")
    partial.replace(path)


def run(point: str = "cluster-2000") -> dict:
    phones = phones_of(point)
    path = RESULTS / f"{point}.json"
    result: dict = {
        "point": point,
        "phones": phones,
        "cores": os.cpu_count(),
        "scenarios": SCENARIOS,
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_before": os.getloadavg(),
        "runs": [],
    }
    for run_number in range(1, RUNS + 1):
        for name in TARGETS:
            print(f"  {point} run {run_number}/{RUNS}: {name}", flush=True)
            try:
                with _target(name, phones) as target:
                    configs = _configs(target, phones)
                    for scenario, config in configs.items():
                        load = os.getloadavg()
                        try:
                            outcome = _derived(run_swarm(config))
                        except Exception as error:  # a swarm that hung past its timeout: the next still runs
                            outcome = {"error": f"{type(error).__name__}: {error}"}
                        entry = {"run": run_number, "server": name, "scenario": scenario, "load": load, **outcome}
                        result["runs"].append(entry)
                        _write(path, result)
                        print(f"    {scenario}: {json.dumps(outcome)[:300]}", flush=True)
            except Exception as error:  # a target that would not start or crashed: the others still run
                result["runs"].append({"run": run_number, "server": name, "error": f"{type(error).__name__}: {error}"})
                _write(path, result)
                print(f"    {name} failed: {error}", flush=True)
    result["load_after"] = os.getloadavg()
    _write(path, result)
    path.with_suffix(".md").write_text("\n".join(table(result)) + "\n")
    return result


def _get(run: dict, path: str):
    value = run
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def medians(result: dict) -> dict[str, dict[str, dict[str, float]]]:
    """{scenario: {target: {metric: median over the runs that produced it}}}."""
    figures: dict = {}
    for scenario, metrics in METRICS.items():
        for target in TARGETS:
            runs = [r for r in result["runs"] if r.get("scenario") == scenario and r["server"] == target]
            runs = [r for r in runs if "error" not in r]
            for metric in metrics:
                values = [v for v in (_get(r, metric) for r in runs) if isinstance(v, (int, float))]
                if values:
                    figures.setdefault(scenario, {}).setdefault(target, {})[metric] = round(
                        statistics.median(values), 1
                    )
    return figures


def _ratio(a, b) -> str:
    return f"{a / b:.2f}x" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "–"


def table(result: dict) -> list[str]:
    figures = medians(result)
    runs = len({r["run"] for r in result["runs"]})
    lines = [
        f"Cluster behind nginx, {result['phones']} websocket phones, {runs} run(s), medians, {result['cores']} cores, "
        f"started {result['started']}, load average before {', '.join(f'{x:.2f}' for x in result['load_before'])}",
        "",
        "| scenario | metric | 2 workers | 1 worker | bare Flask-SocketIO | bare Node "
        "| 2 workers / 1 | 2 workers / Flask | 1 worker / Flask | 2 workers / Node |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scenario, metrics in METRICS.items():
        by_target = figures.get(scenario, {})
        for metric in metrics:
            two, one, flask, node = (by_target.get(t, {}).get(metric) for t in TARGETS)
            shown = ["–" if v is None else v for v in (two, one, flask, node)]
            lines.append(
                f"| {scenario} | {metric} | {' | '.join(str(v) for v in shown)} | {_ratio(two, one)} "
                f"| {_ratio(two, flask)} | {_ratio(one, flask)} | {_ratio(two, node)} |"
            )
    errors = [r for r in result["runs"] if "error" in r]
    for r in errors:
        lines.append(f"\nrun {r['run']} {r['server']} {r.get('scenario', '')}: {r['error'][:300]}")
    return lines


if __name__ == "__main__":
    # A timeout's SIGTERM must still stop the cluster's processes (they run in sessions of their own).
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(1))
    print("\n".join(table(run(sys.argv[1] if len(sys.argv) > 1 else "cluster-2000"))))
