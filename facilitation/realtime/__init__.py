"""Socket.IO adapters. Importing this package registers the handlers on the unbound extension,
which re-applies them to every app's server in init_app."""

from . import (
    evaluation,  # noqa: F401
    handlers,  # noqa: F401
    moderation,  # noqa: F401
    projector,  # noqa: F401
    voting,  # noqa: F401
)
