"""`make bench`: every point (bench/points.py) against the product and both bare servers, alternating.

Writes bench/results/<date>.json and prints the Markdown table. `make bench POINT=fanout-1000` (or
`python -m bench.run fanout-1000 reconnect-2000`) runs points alone; BENCH_RUNS=5 runs each more often.
The py-spy profile runs by name (`make bench POINT=profile-1000`), and so do the older browser
benchmarks: `make bench POINT=projector_update` (or page_weight); the cluster (`cluster-2000`, or
`cluster-<N>` phones) and `themes` run by default too, after the points, each with its own table.
"""

from __future__ import annotations

import json
import signal
import sys
import time

from bench import cluster, page_weight, points, profile, projector_update, report, themes
from bench.common import RESULTS

BROWSER = {"projector_update": projector_update, "page_weight": page_weight}
# Each prints its own table: grouping the demo tree (issue 12). The cluster points are named cluster-<phones>.
SEPARATE = {"themes": themes}
CLUSTER_DEFAULT = "cluster-2000"


def main(names: list[str]) -> None:
    chosen = names or [*points.POINTS, CLUSTER_DEFAULT, *SEPARATE]
    results = []
    for name in chosen:
        if name.startswith("profile-"):
            print(profile.run(name).read_text())
            continue
        if name == "cluster":  # the name before the cluster point took its size
            name = CLUSTER_DEFAULT
        if name.startswith("cluster-"):
            # A timeout's SIGTERM must still stop the cluster's processes (they run in sessions of their own).
            signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(1))
            print(f"running {name}…", flush=True)
            print("\n".join(cluster.table(cluster.run(name))))
            continue
        if name in BROWSER or name in SEPARATE:
            module = BROWSER.get(name) or SEPARATE[name]
            print("\n".join(module.table(module.run())))
            continue
        print(f"running {name}…", flush=True)
        results.append(points.run_point(name))
        points.save(results, RESULTS)  # after each point: a long run interrupted keeps what it measured
    if results:
        for result in results:
            result["summary"] = report.summarise(result)
        path = points.save(results, RESULTS)
        # The day's table holds every point measured today, the ones of this run replacing earlier ones.
        today = json.loads(path.read_text())
        ordered = [today[name] for name in points.POINTS if name in today]
        lines = report.table(ordered)
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        table_path = path.with_suffix(".md")
        table_path.write_text(f"# make bench, {stamp}\n\n" + "\n".join(lines) + "\n")
        print("\n".join(lines))
        print(f"\n{path}\n{table_path}")


if __name__ == "__main__":
    main(sys.argv[1:])
