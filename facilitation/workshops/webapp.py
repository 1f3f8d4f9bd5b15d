"""What makes the room's pages an installable, offline-capable web app: favicon, manifest, service worker.

The service worker is served from the site root so its scope covers /attend and /f/<token>; browsers only
run it in a secure context (https, or 127.0.0.1/localhost), see docs/deployment.md.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, send_from_directory, url_for

bp = Blueprint("webapp", __name__)


@bp.get("/favicon.ico")
def favicon():
    response = send_from_directory(current_app.static_folder, "icons/favicon.ico", mimetype="image/x-icon")
    response.cache_control.max_age = 86400
    return response


def _icon(name: str, size: str, purpose: str = "any") -> dict:
    return {"src": url_for("static", filename=f"icons/{name}"), "sizes": size, "type": "image/png", "purpose": purpose}


@bp.get("/manifest.webmanifest")
def manifest():
    response = jsonify(
        {
            "name": "Facilitation Board",
            "short_name": "Board",
            "description": "Post notes to the workshop's boards from your phone.",
            "start_url": url_for("pages.attendee"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#fbfaf6",
            "theme_color": "#1a1a1a",
            "icons": [
                _icon("icon-192.png", "192x192"),
                _icon("icon-512.png", "512x512"),
                _icon("icon-maskable-512.png", "512x512", "maskable"),
            ],
        }
    )
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/sw.js")
def service_worker():
    response = send_from_directory(current_app.static_folder, "js/sw.js", mimetype="text/javascript")
    # A new worker must be seen on the next load, never a day later.
    response.cache_control.no_cache = True
    response.cache_control.max_age = 0
    return response
