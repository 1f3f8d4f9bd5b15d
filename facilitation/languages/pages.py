"""The language switcher on every page, and the wiring of Flask-Babel into the app."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, redirect, request, session
from flask_babel import (
    Babel,
    force_locale,
    format_date,
    format_datetime,
    format_decimal,
    format_time,
    get_locale,
    gettext,
)
from jinja2 import pass_context
from markupsafe import Markup

from facilitation.kernel.access import organiser_from_session
from facilitation.languages import catalogues
from facilitation.languages.choice import LANGUAGE_COOKIE, choose_locale, offered_tags
from facilitation.organisers import service as organisers

bp = Blueprint("languages", __name__)

COOKIE_SECONDS = 365 * 24 * 3600


def _local_path(target: str | None) -> str:
    """Only a path on this site: the switcher must not become an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@bp.post("/language")
def switch_language():
    """Remember the chosen language on this device (and on a signed-in organiser's account), then go back."""
    chosen = request.form.get("lang", "")
    response = redirect(_local_path(request.form.get("next")), code=303)
    if chosen not in offered_tags():
        return response
    response.set_cookie(
        LANGUAGE_COOKIE,
        chosen,
        max_age=COOKIE_SECONDS,
        samesite="Lax",
        httponly=True,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    actor = organiser_from_session(session)
    if actor is not None:
        organisers.set_language(actor.organiser_id, chosen)
    return response


def page_language() -> catalogues.Language:
    """The language this page is rendered in (for <html lang dir> and the switcher)."""
    return catalogues.language(str(get_locale()))


def _in_room_languages(context, msgid: str, params: dict) -> list[tuple[str, str]]:
    tags = context.get("room_languages") or [str(get_locale())]
    texts = []
    for tag in tags:
        with force_locale(tag):
            texts.append((tag, gettext(msgid, **params)))
    return texts


@pass_context
def room_text(context, msgid: str, **params) -> Markup:
    """A shared screen's chrome in each of the room's languages (`room_languages` in the template's context,
    else the page's): a span per language, the first first. Extracted like _() (make translations)."""
    return Markup("").join(
        Markup('<span class="room-text{}" lang="{}" dir="{}">{}</span>').format(
            " room-text-second" if index else "", tag, catalogues.language(tag).direction, text
        )
        for index, (tag, text) in enumerate(_in_room_languages(context, msgid, params))
    )


@pass_context
def room_label(context, msgid: str, **params) -> str:
    """room_text for an attribute (alt, aria-label): the languages joined, the first first."""
    return " · ".join(text for _tag, text in _in_room_languages(context, msgid, params))


def _template_globals() -> dict:
    return {
        "page_language": page_language(),
        "offered_languages": catalogues.offered(),
        "js_catalogue": lambda: catalogues.js_catalogue(str(get_locale())),
    }


def with_js_catalogue(state: dict) -> dict:
    """The page's state island plus the page language's JS catalogue (static/js/core/i18n.js reads it)."""
    return {**state, "i18n": catalogues.js_catalogue(str(get_locale()))}


def init_app(app: Flask) -> None:
    """Flask-Babel with our locale choice; `_()`/`ngettext` and the format filters in every template."""
    # A Babel of its own per app: Flask-Babel caches loaded catalogues on the Babel object by language
    # alone, so apps sharing one (tests build several, with other folders) would share catalogues.
    Babel(app, locale_selector=choose_locale)
    # {% trans %} blocks are extracted and looked up with their whitespace collapsed (babel.cfg: trimmed).
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.filters.update(
        format_date=format_date,
        format_time=format_time,
        format_datetime=format_datetime,
        format_decimal=format_decimal,
        with_js_catalogue=with_js_catalogue,
    )
    app.jinja_env.globals.update(room_text=room_text, room_label=room_label)
    app.context_processor(_template_globals)
