"""The one module that knows every feature's adapters: which blueprints, socket handlers and API docs exist.

The factory hands these to web/ and realtime/ plumbing, so neither imports a feature itself. A new
feature adds its api/pages blueprints, its socket module and its openapi_paths here, and nowhere else.
"""

from __future__ import annotations

from flask import Flask

from facilitation.activities import api as activities_api
from facilitation.activities import pages as activity_pages
from facilitation.activities import socket as activities_socket
from facilitation.directory import api as directory_api
from facilitation.directory import pages as directory_pages
from facilitation.evaluation import api as evaluation_api
from facilitation.evaluation import pages as evaluation_pages
from facilitation.evaluation import socket as evaluation_socket
from facilitation.exports import api as exports_api
from facilitation.exports import pages as exports_pages
from facilitation.languages import pages as language_pages
from facilitation.moderation import api as moderation_api
from facilitation.moderation import pages as moderation_pages
from facilitation.moderation import socket as moderation_socket
from facilitation.notes import socket as notes_socket
from facilitation.organisers import pages as organiser_pages
from facilitation.projector import api as projector_api
from facilitation.projector import pages as projector_pages
from facilitation.projector import socket as projector_socket
from facilitation.recordings import pages as recording_pages
from facilitation.recordings import socket as recordings_socket
from facilitation.seating import api as seating_api
from facilitation.seating import pages as seating_pages
from facilitation.seating import socket as seating_socket
from facilitation.security import pages as security_pages
from facilitation.security.http_limits import register_throttles
from facilitation.signups import api as signups_api
from facilitation.sync import socket as sync_socket
from facilitation.themes import api as themes_api
from facilitation.themes import scheduler as themes_scheduler
from facilitation.themes import socket as themes_socket
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
    seating_socket,
    activities_socket,
    recordings_socket,
    themes_socket,
)

BLUEPRINTS = (
    language_pages.bp,
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
    seating_api.bp,
    seating_pages.bp,
    activities_api.bp,
    activity_pages.bp,
    directory_api.bp,
    directory_pages.bp,
    recording_pages.bp,
    themes_api.bp,
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
    seating_api.openapi_paths,
    activities_api.openapi_paths,
    directory_api.openapi_paths,
    themes_api.openapi_paths,
)


def register_features(app: Flask) -> None:
    """Give the app every feature's routes, API document and HTTP limits."""
    language_pages.init_app(app)  # first: every template and message after it is translated
    register_web(app, BLUEPRINTS, OPENAPI_SOURCES)
    register_throttles(app)
    # New notes find their theme a moment after they are posted, outside the post (themes/scheduler.py).
    themes_scheduler.init_app(app)
