"""What the benchmarks share: a live server with the limits lifted, Chromium, statistics, result files."""

from __future__ import annotations

import gc
import json
import statistics
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path

from tests.support.live_server import LiveServer, start_live_server

RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Benchmarks post and join far faster than people do: lift the per-sender and per-address limits.
UNLIMITED = "post_per_sender=1000000/60,post_per_ip=1000000/60,join_per_ip=1000000/60"


@contextmanager
def live_server(**env: str):
    """app.py under eventlet with the demo workshop, in a temporary folder; stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        server: LiveServer = start_live_server(Path(tmp), RATE_LIMITS=UNLIMITED, **env)
        gc.collect()
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def summary(values: list[float]) -> dict:
    """Median, 95th percentile, min and max, rounded for a table."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median": round(statistics.median(ordered), 2),
        "p95": round(p95, 2),
        "min": round(ordered[0], 2),
        "max": round(ordered[-1], 2),
    }


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path
