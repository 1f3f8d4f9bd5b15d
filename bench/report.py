"""Medians across runs, ratios to the two bare servers, and the Markdown table `make bench` prints."""

from __future__ import annotations

import statistics

from bench.servers import SERVERS


def _median(values):
    values = [v for v in values if isinstance(v, (int, float))]
    return round(statistics.median(values), 1) if values else None


def _get(run: dict, path: str):
    value = run
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def medians(result: dict, paths: list[str]) -> dict[str, dict[str, float | None]]:
    """{server: {metric path: median over runs}}."""
    by_server: dict[str, dict] = {}
    for server in SERVERS:
        runs = [r for r in result["runs"] if r["server"] == server and "error" not in r]
        if runs:
            by_server[server] = {path: _median([_get(r, path) for r in runs]) for path in paths}
    return by_server


def _delivered(result: dict, server: str, prefix: str = "") -> str:
    runs = [r for r in result["runs"] if r["server"] == server and "error" not in r]
    got = sum(_get(r, f"{prefix}delivered") or 0 for r in runs)
    expected = sum(_get(r, f"{prefix}expected") or 0 for r in runs)
    return f"{100 * got / expected:.2f}%" if expected else "–"


def _ratio(a, b) -> str:
    return f"{a / b:.2f}x" if isinstance(a, (int, float)) and b else "–"


FANOUT = ["fanout_ms.p50", "fanout_ms.p95", "fanout_ms.p99", "ack_ms.p50", "ack_ms.p99", "acked", "posts"]


def summarise(result: dict) -> dict:
    """The figures of one point, per server, as the table shows them (also saved in the JSON)."""
    scenario = result["config"]["scenario"]
    if result["point"] == "export-200":
        paths = [f"{phase}.fanout_ms.{q}" for phase in ("idle", "exporting") for q in ("p50", "p99")]
        return medians(result, paths)
    if scenario == "fanout":
        figures = medians(result, FANOUT)
        for server in figures:
            figures[server]["delivered"] = _delivered(result, server)
        return figures
    if scenario == "hold":
        return medians(result, ["held", "kb_per_connection", "connect_seconds"])
    return medians(result, ["all_back_ms", "back_ms.p50"])


def table(results: list[dict]) -> list[str]:
    lines = [
        "| point | metric | product | bare Flask-SocketIO | bare Node | product / Flask | product / Node |",
        "|---|---|---|---|---|---|---|",
    ]
    for result in results:
        figures = summarise(result)
        product, flask, node = (figures.get(s, {}) for s in SERVERS)
        for metric in product or flask:
            p, f, n = product.get(metric), flask.get(metric), node.get(metric)
            numeric = all(isinstance(v, (int, float)) for v in (p, f)) and metric not in ("posts", "held")
            lines.append(
                f"| {result['point']} | {metric} | {p} | {f if f is not None else '–'} | {n if n is not None else '–'} "
                f"| {_ratio(p, f) if numeric else ''} | {_ratio(p, n) if numeric else ''} |"
            )
        if result["point"] == "export-200" and product:
            idle, busy = product.get("idle.fanout_ms.p99"), product.get("exporting.fanout_ms.p99")
            lines.append(f"| export-200 | p99 exporting / idle | {_ratio(busy, idle)} | | | | |")
        load = ", ".join(f"{x:.2f}" for x in result["load_before"])
        lines.append(f"| {result['point']} | load average (before) | {load} | | | | |")
    return lines
