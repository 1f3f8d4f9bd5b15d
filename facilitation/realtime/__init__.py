"""Socket.IO adapters. Importing this package registers the handlers on the unbound extension,
which re-applies them to every app's server in init_app."""

from . import handlers  # noqa: F401
