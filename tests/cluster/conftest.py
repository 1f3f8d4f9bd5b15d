"""A real cluster for the fault tests: what `make cluster` starts (facilitation/cluster), with 2 workers.

One cluster per test module (starting one costs seconds). It runs in a temporary folder on ports 5620-5622
(nginx, workers), 5670 (Redis) and 5671 (PostgreSQL) unless CLUSTER_TEST_PORT moves them. Fails in CI when
PostgreSQL, Redis or nginx are missing (.ci/run installs them) and skips elsewhere.
"""

from __future__ import annotations

import gc
import os
import shutil
import warnings

import pytest

from facilitation.cluster.launcher import Cluster, Settings
from facilitation.cluster.services import port_open
from tests.support.backing_services import have_backing_services
from tests.support.live_server import ORGANISER_EMAIL, ORGANISER_PASSWORD

pytestmark = [pytest.mark.live]

# The header timeout the test cluster's nginx enforces (the product default is 5 s): short, so it is cheap to see.
HEADER_TIMEOUT = 2
# Connections one address may hold at nginx (the product default is 1000): low, so it is cheap to reach, and
# above what the other tests hold at once (50 phones and a screen).
PER_ADDRESS = 100


def _have_nginx() -> bool:
    return shutil.which("nginx") is not None or os.path.exists("/usr/sbin/nginx")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if not (have_backing_services() and _have_nginx()):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL, redis-server and nginx must be installed in CI (.ci/run installs them)")
        pytest.skip("PostgreSQL, redis-server or nginx not installed")
    port = int(os.environ.get("CLUSTER_TEST_PORT", "5620"))
    if port_open(port):
        pytest.fail(f"port {port} is taken: stop what listens there or set CLUSTER_TEST_PORT")
    settings = Settings(
        folder=tmp_path_factory.mktemp("cluster"),
        workers=2,
        port=port,
        header_timeout=HEADER_TIMEOUT,
        per_address=PER_ADDRESS,
        extra_env={
            "ORGANISER_EMAIL": ORGANISER_EMAIL,
            "ORGANISER_PASSWORD": ORGANISER_PASSWORD,
            # Every test phone reaches nginx from 127.0.0.1: per-address limits must not be what is tested.
            "RATE_LIMITS": "post_per_ip=100000/60,join_per_ip=100000/60",
            "DRAIN_SECONDS": "3",
        },
    )
    cluster = Cluster(settings)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        # Clients that nginx or a killed worker cut off (python-socketio's engine.io sockets, requests'
        # pools) are dropped without being closed; collect them here, where their ResourceWarning is not an
        # error, rather than in whichever test of the next module the collector happens to run in.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
