"""Pages of the directory: the organiser's cards (edit, publish, history), and the link workers' read-only
directory behind an unguessable link (search, filters, print, booklet PDF, CSV, XLSX)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitation.directory import service as directory
from facilitation.exports.formats import offers_export
from facilitation.kernel.errors import DomainError
from facilitation.kernel.lookups import get_workshop, parse_id
from facilitation.models import OFFER_TEXT_FIELDS
from facilitation.web.auth import organiser_required
from facilitation.web.forms import flash_outcome

bp = Blueprint("directory_pages", __name__)
LABELS = {**directory.NEEDS, **directory.BENEFITS}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _public_base() -> str:
    """The address printed links use: PUBLIC_URL when set (phones on the venue's network), else this request's."""
    return (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")


def _back(workshop_id: int, offer_id: int | None = None):
    anchor = f"#offer-{offer_id}" if offer_id else ""
    return redirect(url_for("directory_pages.organiser", workshop_id=workshop_id) + anchor)


@bp.get("/organiser/workshops/<int:workshop_id>/directory")
@organiser_required
def organiser(actor, workshop_id: int):
    token = directory.directory_link(actor, workshop_id)
    offers = directory.list_offers(actor, workshop_id)
    return render_template(
        "directory/organiser.html",
        workshop=get_workshop(workshop_id),
        offers=offers,
        histories={o["id"]: directory.history(actor, workshop_id, o["id"]) for o in offers},
        notes=directory.source_notes(actor, workshop_id),
        link=f"{_public_base()}{url_for('directory_pages.public', token=token)}",
        labels=directory.translated(directory.FIELD_LABELS),
        fields=OFFER_TEXT_FIELDS,
        needs=directory.translated(directory.NEEDS),
        benefits=directory.translated(directory.BENEFITS),
    )


@bp.post("/organiser/workshops/<int:workshop_id>/directory/from-note")
@organiser_required
def from_note(actor, workshop_id: int):
    note_id = parse_id(request.form.get("note_id", ""))
    flash_outcome(
        lambda: directory.create_from_note(actor, workshop_id, note_id), _("Offer card started from the note.")
    )
    return _back(workshop_id)


@bp.post("/organiser/workshops/<int:workshop_id>/directory/<int:offer_id>")
@organiser_required
def save(actor, workshop_id: int, offer_id: int):
    form = request.form
    fields = {name: form.get(name, "") for name in OFFER_TEXT_FIELDS}
    fields |= {
        "needs": form.getlist("needs"),
        "benefit_tags": form.getlist("benefit_tags"),
        "version": parse_id(form.get("version", "")),
        "side": form.get("side", ""),
    }
    flash_outcome(lambda: directory.update_offer(actor, workshop_id, offer_id, fields), _("Card saved."))
    return _back(workshop_id, offer_id)


@bp.post("/organiser/workshops/<int:workshop_id>/directory/<int:offer_id>/published")
@organiser_required
def publish(actor, workshop_id: int, offer_id: int):
    published = request.form.get("published") == "1"
    message = _("Published to the directory.") if published else _("Withdrawn from the directory.")
    flash_outcome(lambda: directory.set_published(actor, workshop_id, offer_id, published), message)
    return _back(workshop_id, offer_id)


def _search(token: str) -> dict:
    args = request.args
    return directory.search(token, args.get("q", ""), args.getlist("need"), args.getlist("benefit"))


@bp.get("/d/<token>")
def public(token: str):
    try:
        found = _search(token)
    except DomainError as error:
        return render_template("error.html", message=error.message), error.status
    return render_template(
        "directory/public.html",
        token=token,
        found=found,
        needs=directory.translated(directory.NEEDS),
        benefits=directory.translated(directory.BENEFITS),
        labels=directory.translated(LABELS),
        field_labels=directory.translated(directory.FIELD_LABELS),
    )


def _download(token: str, extension: str, mimetype: str, render) -> Response:
    try:
        found = _search(token)
    except DomainError as error:
        return render_template("error.html", message=error.message), error.status
    return Response(
        render(found),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="cultural-offers.{extension}"'},
    )


@bp.get("/d/<token>/booklet.pdf")
def booklet(token: str):
    return _download(
        token,
        "pdf",
        "application/pdf",
        lambda f: offers_export.offers_booklet(f["workshop"]["title"], f["offers"], LABELS),
    )


@bp.get("/d/<token>/offers.csv")
def offers_csv(token: str):
    return _download(token, "csv", "text/csv", lambda f: offers_export.offers_csv(f["offers"], LABELS))


@bp.get("/d/<token>/offers.xlsx")
def offers_xlsx(token: str):
    return _download(token, "xlsx", XLSX, lambda f: offers_export.offers_xlsx(f["offers"], LABELS))
