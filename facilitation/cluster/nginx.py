"""nginx's configuration for the cluster, rendered from nginx.conf.template beside this file."""

from __future__ import annotations

import os
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")


def render(
    *,
    folder: Path,
    logs: Path,
    run: Path,
    listen: str,
    worker_ports: list[int],
    header_timeout: float,
    per_address: int,
) -> str:
    """The configuration text: nginx on `listen`, in front of one app process per port in `worker_ports`."""
    # A dead process is skipped at once and tried again after a few seconds.
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=3s;" for port in worker_ports)
    # As root, nginx's workers drop to "nobody" (the folders above are traversable for PostgreSQL already).
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    marks = {
        "@RUN@": str(run),
        "@LOGS@": str(logs),
        "@NGINX@": str(folder),
        "@USER@": user,
        "@SERVERS@": servers,
        "@LISTEN@": listen,
        "@HEADER_TIMEOUT@": f"{header_timeout:g}",
        "@PER_ADDRESS@": str(per_address),
    }
    text = TEMPLATE.read_text()
    for mark, value in marks.items():
        text = text.replace(mark, value)
    return text
