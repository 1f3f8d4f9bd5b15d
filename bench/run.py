"""Run every benchmark, write bench/results/*.json and print one table. `make bench` calls this."""

from __future__ import annotations

import sys

from bench import cluster, fanout, page_weight, projector_update

BENCHMARKS = {"projector_update": projector_update, "page_weight": page_weight, "fanout": fanout, "cluster": cluster}


def main(names: list[str]) -> None:
    chosen = names or list(BENCHMARKS)
    lines: list[str] = []
    for name in chosen:
        module = BENCHMARKS[name]
        print(f"running {name}…", flush=True)
        lines += [*module.table(module.run()), ""]
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
