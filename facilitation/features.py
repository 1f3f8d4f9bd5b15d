"""The one module that knows every feature's adapters: which blueprints, socket handlers and API docs exist.

The factory hands these to web/ and realtime/ plumbing, so neither imports a feature itself. A new
feature adds its api/pages blueprints, its socket module and its openapi_paths here, and nowhere else.
"""

from __future__ import annotations

from flask import Flask

from facilitation.evaluation import api as evaluation_api
from facilitation.evaluation import pages as evaluation_pages
from facilitation.evaluation import socket as evaluation_socket
from facilitation.exports import api as exports_api
from facilitation.exports import pages as exports_pages
from facilitation.moderation import api as moderation_api
from facilitation.moderation import pages as moderation_pages
from facilitation.moderation import socket as moderation_socket
from facilitation.notes import socket as notes_socket
from facilitation.organisers import pages as organiser_pages
from facilitation.projector import api as projector_api
from facilitation.projector import pages as projector_pages
from facilitation.projector import socket as projector_socket
from facilitation.security import pages as security_pages
from facilitation.security.http_limits import register_throttles
from facilitation.signups import api as signups_api
from facilitation.sync import socket as sync_socket
from facilitation.voting import api as voting_api
from facilitation.voting import socket as voting_socket
from facilitation.web import openapi, register_web
from facilitation.workshops import api as workshops_api
from facilitation.workshops import console_pages as workshop_console_pages
from facilitation.workshops import editor_pages as workshop_editor_pages
from facilitation.workshops import links as workshop_links
from facilitation.workshops import pages as room_pages
from facilitation.workshops import webapp as workshop_webapp

# Importing a socket module registers its handlers on the unbound Socket.IO extension; listed so that
# what the server answers is visible here.
SOCKET_MODULES = (
    sync_socket,
    notes_socket,
    moderation_socket,
    voting_socket,
    projector_socket,
    evaluation_socket,
)

BLUEPRINTS = (
    room_pages.bp,
    workshop_webapp.bp,
    organiser_pages.bp,
    workshop_editor_pages.bp,
    workshop_console_pages.bp,
    workshop_links.bp,
    openapi.bp,
    workshops_api.bp,
    evaluation_api.bp,
    signups_api.bp,
    evaluation_pages.bp,
    projector_pages.bp,
    projector_api.bp,
    moderation_api.bp,
    voting_api.bp,
    moderation_pages.bp,
    exports_pages.bp,
    exports_api.bp,
    security_pages.bp,
)

# Later entries win on a shared path: the projector's lists both methods of .../projector.
OPENAPI_SOURCES = (
    moderation_api.openapi_paths,
    voting_api.openapi_paths,
    workshops_api.openapi_paths,
    evaluation_api.openapi_paths,
    signups_api.openapi_paths,
    exports_api.openapi_paths,
    projector_api.openapi_paths,
)


def register_features(app: Flask) -> None:
    """Give the app every feature's routes, API document and HTTP limits."""
    register_web(app, BLUEPRINTS, OPENAPI_SOURCES)
    register_throttles(app)
