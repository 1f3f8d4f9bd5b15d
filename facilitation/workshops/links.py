"""The addresses people in the room use, and the QR code that carries the join link."""

from __future__ import annotations

import io

import segno
from flask import Blueprint, Response, current_app, request

from facilitation.kernel.errors import DomainError
from facilitation.models import Workshop
from facilitation.workshops.participants import normalise_code

bp = Blueprint("links", __name__)


def base_url() -> str:
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    return request.host_url.rstrip("/")


def workshop_links(workshop: Workshop) -> dict:
    base = base_url()
    return {
        "join": f"{base}/join/{workshop.join_code}",
        "projector": f"{base}/p/{workshop.projector_token}",
        "facilitators": [{"group": g, "url": f"{base}/f/{g.facilitator_token}"} for g in workshop.groups],
    }


def qr_svg(data: str) -> bytes:
    """A QR code drawn on the server (segno, pure Python): dark on white for any projector."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=10, border=2, dark="#000", light="#fff", xmldecl=False)
    return buffer.getvalue()


@bp.get("/qr/<code>.svg")
def join_qr(code: str):
    try:
        code = normalise_code(code)
    except DomainError:
        return Response(status=404)
    response = Response(qr_svg(f"{base_url()}/join/{code}"), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
