"""Run Facilitation Board: monkey-patch first, build the app, migrate, serve. Nothing else."""

import os

# Before anything else is imported: the green library's sockets, locks and sleeps replace the standard ones.
if os.environ.get("ASYNC_MODE", "eventlet") == "eventlet":
    import eventlet

    eventlet.monkey_patch()
elif os.environ.get("ASYNC_MODE") == "gevent":
    from gevent import monkey

    monkey.patch_all()

from facilitation import create_app  # noqa: E402
from facilitation.server import claim_port, serve  # noqa: E402
from facilitation.startup import prepare, print_links  # noqa: E402

app = create_app(os.environ.get("FACILITATION_CONFIG", "default"), instance_path=os.environ.get("INSTANCE_PATH"))

if __name__ == "__main__":
    listener = claim_port(app)  # first: a second server on a port in use refuses before touching anything
    print_links(app, prepare(app))
    serve(app, listener)
