"""The listening socket of a real server: host and port, the file limit raised, the backlog, TCP_NODELAY."""

from __future__ import annotations

import resource
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from tests.support.live_server import assert_server_survived

pytestmark = pytest.mark.live

# The module's server (tests/realtime/conftest.py): a file limit to raise and a backlog to honour.
LIVE_SERVER_ENV = {"MAX_CONNECTIONS": "3000", "LISTEN_BACKLOG": "1234"}
LIVE_SERVER_START_NOFILE = 1024

# --- the listening socket ----------------------------------------------------------------------------------------


def _listeners(port: int) -> set[str]:
    """Local addresses in LISTEN state on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, state = fields[1], fields[3]
            host_hex, port_hex = address.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                if len(host_hex) == 8:
                    found.add(socket.inet_ntoa(bytes.fromhex(host_hex)[::-1]))
                else:
                    found.add(host_hex)
    return found


def test_server_listens_on_the_configured_host_and_port(live_server):
    assert _listeners(live_server.port) == {"127.0.0.1"}


def test_serve_raises_the_file_limit_and_uses_the_configured_backlog(live_server):
    """The module's server started with a soft limit of 1024 (LIVE_SERVER_START_NOFILE) and must have raised it."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    wanted = int(LIVE_SERVER_ENV["MAX_CONNECTIONS"]) + 256
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"hard file limit {hard} is below {wanted}")
    limits = Path(f"/proc/{live_server.process.pid}/limits").read_text().splitlines()
    (line,) = [entry for entry in limits if entry.startswith("Max open files")]
    assert int(line.split()[3]) == wanted, line
    if not shutil.which("ss"):
        pytest.skip("ss is not installed: cannot read the listen backlog")
    out = subprocess.run(
        ["ss", "-ltnH", f"sport = :{live_server.port}"], capture_output=True, text=True, check=True
    ).stdout
    # For a listening socket, ss reports the backlog in Send-Q (capped by net.core.somaxconn).
    somaxconn = int(Path("/proc/sys/net/core/somaxconn").read_text())
    assert out.split()[2] == str(min(int(LIVE_SERVER_ENV["LISTEN_BACKLOG"]), somaxconn)), out


def test_raise_file_limit_raises_the_soft_limit_and_never_lowers_it():
    from facilitation.server import raise_file_limit

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (512, hard))
        assert raise_file_limit(100) == 512
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == 512
        target = 600 if hard == resource.RLIM_INFINITY else min(600, hard)
        assert raise_file_limit(600) == target
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (target, hard)
        if hard != resource.RLIM_INFINITY:
            assert raise_file_limit(hard + 10_000) == hard  # capped at the hard limit, no error
            assert resource.getrlimit(resource.RLIMIT_NOFILE) == (hard, hard)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.filterwarnings(r"ignore:\s*Eventlet is deprecated")
def test_listening_socket_sets_tcp_nodelay_and_accepted_sockets_inherit_it():
    from facilitation.server import listening_socket

    listener = listening_socket("127.0.0.1", 0, 2048)
    try:
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        host, port = listener.getsockname()
        assert host == "127.0.0.1" and port > 0
        with socket.create_connection((host, port), timeout=5):
            accepted, _address = listener.accept()
            try:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
            finally:
                accepted.close()
    finally:
        listener.close()


def test_module_server_survived(live_server):
    """Run last in this module: nothing above crashed or wedged the shared server."""
    assert_server_survived(live_server)
