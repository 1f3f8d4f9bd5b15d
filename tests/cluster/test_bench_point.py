"""`make bench POINT=cluster-2000` at a tiny size: every target starts, every scenario runs and is saved.

Not timed: it fails when the bench point breaks (a cluster that does not start through the benchmark, a swarm
the product refuses, a scenario whose result is lost), never because the machine is slow.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from bench import cluster as bench_cluster
from facilitation.cluster.launcher import pool_settings
from tests.support.backing_services import have_backing_services

pytestmark = [pytest.mark.live]


def test_pool_shares_divide_postgres_connections_between_workers():
    one, two = pool_settings(1, 200), pool_settings(2, 200)
    assert int(one["DATABASE_POOL_SIZE"]) + int(one["DATABASE_MAX_OVERFLOW"]) == 190
    assert 2 * (int(two["DATABASE_POOL_SIZE"]) + int(two["DATABASE_MAX_OVERFLOW"])) <= 190
    # The old fixed pool (10 + 20) is what a 1-worker mass reconnect at 2,000 phones ran out of.
    assert int(two["DATABASE_POOL_SIZE"]) + int(two["DATABASE_MAX_OVERFLOW"]) > 30
    # A reconnect storm waits for a connection rather than being refused and coming back for a second handshake.
    assert float(two["DATABASE_POOL_TIMEOUT"]) > 5


def test_cluster_point_at_twenty_phones(tmp_path, monkeypatch):
    if not (have_backing_services() and shutil.which("nginx") and shutil.which("node")):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL, redis-server, nginx and node must be installed in CI")
        pytest.skip("PostgreSQL, redis-server, nginx or node not installed")
    monkeypatch.setattr(bench_cluster, "RESULTS", tmp_path)
    monkeypatch.setattr(bench_cluster, "RUNS", 1)
    short = {name: {**s, "seconds": 2} if "seconds" in s else s for name, s in bench_cluster.SCENARIOS.items()}
    monkeypatch.setattr(bench_cluster, "SCENARIOS", short)

    result = bench_cluster.run("cluster-20")

    saved = json.loads((tmp_path / "cluster-20.json").read_text())
    assert saved["runs"] == json.loads(json.dumps(result["runs"]))
    by_key = {(r["server"], r.get("scenario")): r for r in result["runs"]}
    assert not [r for r in result["runs"] if "error" in r]
    for target in bench_cluster.TARGETS:
        fanout, posts, back = (by_key[(target, s)] for s in ("fanout", "posts", "reconnect"))
        for outcome in (fanout, posts):
            assert outcome["acked"] == outcome["posts"] and outcome["delivered"] == outcome["expected"]
        assert back["phones"] == 20 and back["all_back_ms"] > 0
    table = "\n".join(bench_cluster.table(result))
    assert "| reconnect | all_back_ms |" in table and "| posts | posts_per_second |" in table
    assert (tmp_path / "cluster-20.md").exists()
