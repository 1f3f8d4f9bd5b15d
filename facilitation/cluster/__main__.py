"""`python -m facilitation.cluster [start|stop|prepare]`: what `make cluster` and `make cluster-stop` run."""

from __future__ import annotations

import os
import signal
import sys

from facilitation.cluster.launcher import Cluster, Settings, stop_left_running


def start() -> None:
    """Start everything, print the links, restart dead workers, and stop everything on Ctrl-C (or SIGTERM)."""
    settings = Settings.from_environment()
    stop_left_running(settings.folder)  # a previous launcher killed without cleaning up
    cluster = Cluster(settings)

    def stop_on_signal(_signum, _frame) -> None:
        cluster.supervising = False
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        links = cluster.start()
        print(links.rstrip().replace("make run HOST=0.0.0.0", "make cluster HOST=0.0.0.0"), flush=True)
        print(
            f"Cluster: nginx on {settings.base_url}/ in front of {settings.workers} workers "
            f"(ports {cluster.workers[0].port}-{cluster.workers[-1].port}), PostgreSQL :{cluster.postgres.port}, "
            f"Redis :{cluster.redis.port}. Logs in {cluster.logs}. Ctrl-C stops everything.",
            flush=True,
        )
        cluster.supervise()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        print("Stopping the cluster…", flush=True)
        cluster.stop()


def prepare() -> None:
    """Migrate to every head and create the demo once; print the links (the cluster's own process)."""
    from facilitation import create_app
    from facilitation.startup import prepare as migrate_and_seed
    from facilitation.startup import print_links

    app = create_app("default", instance_path=os.environ["INSTANCE_PATH"])
    print_links(app, migrate_and_seed(app))


def stop() -> None:
    stopped = stop_left_running(Settings.from_environment().folder)
    print(f"Stopped {stopped} cluster processes." if stopped else "No cluster was running.")


COMMANDS = {"start": start, "stop": stop, "prepare": prepare}

if __name__ == "__main__":
    COMMANDS[sys.argv[1] if len(sys.argv) > 1 else "start"]()
