"""The authorisation matrix's expectations: for every HTTP route and socket event, which roles may use it.

One row per method + rule (and per any(...) choice) and one per client event, each with a valid request for
the roles allowed to make it. tests/security/test_authorisation_matrix.py enumerates the live app and the
event catalogue against these tables; a route or event without a row fails there.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Any

from facilitation.kernel import events
from tests.security.world import ROLES, World

ALL = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
ORGANISER = frozenset({"organiser"})
VIEWERS = frozenset({"attendee", "facilitator_other", "facilitator", "projector", "organiser"})
POSTERS = frozenset({"attendee", "facilitator_other", "facilitator", "organiser"})
# Moderating a note of the facilitator's own group (group 1): never the other group's facilitator.
GROUP_MODERATORS = frozenset({"facilitator", "organiser"})
FACILITATORS = frozenset({"facilitator", "facilitator_other"})
ATTENDEE = frozenset({"attendee"})
PROJECTOR = frozenset({"projector"})
TOKEN_ROLES = ("attendee", "facilitator", "facilitator_other", "projector")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Row:
    """Who may, and a request that is valid for them. Callables take the World (ids known only once built)."""

    allowed: frozenset[str]
    json: Any = None
    form: Any = None
    params: Any = None  # path parameter overrides: dict or callable(world) -> dict
    query: Any = None  # query string: dict or callable(world) -> dict


def note_body(w: World) -> dict:
    return {"client_id": uuid.uuid4().hex, "board_id": w.ids["board"], "section_id": w.ids["section"], "text": "Hi"}


def theme_pair(w: World) -> dict:
    return {"theme_id": w.ids["theme"], "into_theme_id": w.ids["other_theme"]}


def question_spec(_w: World) -> dict:
    return {"kind": "free_text", "prompt": "Anything else?"}


# --- HTTP: one row per method + rule (+ any(...) choice) -------------------------------------------------
API = "/api/v1/workshops/<int:workshop_id>"
ORG = "/organiser/workshops/<int:workshop_id>"
HTTP_ROWS: dict[str, Row] = {
    "GET /": Row(ALL),
    "GET /favicon.ico": Row(ALL),
    "GET /manifest.webmanifest": Row(ALL),
    "GET /sw.js": Row(ALL),
    f"GET {ORG}/console": Row(ORGANISER),
    f"GET {ORG}/console/connected": Row(ORGANISER),
    f"POST {ORG}/erase": Row(ORGANISER, form={"confirm": "yes"}),
    **{
        f"PUT {API}/<any(groups, boards, perspectives):kind>/order [kind={kind}]": Row(
            ORGANISER, json=lambda w, key=kind[:-1]: {"ids": [w.ids[key]]}
        )
        for kind in ("groups", "boards", "perspectives")
    },
    "GET /api/openapi.json": Row(ALL),
    "POST /api/v1/join": Row(ALL, json=lambda w: {"code": w.join_code, "name": "New"}),
    "POST /api/v1/signups": Row(
        ALL,
        json=lambda w: {
            "code": w.join_code,
            "name": "Bo",
            "email": "bo@example.org",
            "consent": True,
            "consent_text": w.consent_text,
        },
    ),
    "GET /api/v1/signups/consent": Row(ALL, query=lambda w: {"code": w.join_code}),
    "POST /api/v1/workshops": Row(frozenset({"organiser", "organiser_other"}), json={"template": "blank"}),
    "POST /api/v1/workshops/import": Row(
        frozenset({"organiser", "organiser_other"}), json=lambda w: {"document": w.export_document, "mode": "template"}
    ),
    f"PATCH {API}": Row(ORGANISER, json={"title": "Renamed"}),
    f"DELETE {API}": Row(ORGANISER),
    f"GET {API}/removed": Row(ORGANISER),
    f"POST {API}/removed/<int:entry_id>/restore": Row(ORGANISER, params=lambda w: {"entry_id": w.ids["removed_item"]}),
    **{
        f"DELETE {API}/<any(groups, boards, agenda, perspectives):kind>/<int:item_id> [kind={kind}]": Row(
            ORGANISER, params=lambda w, key=key: {"item_id": w.ids[key]}
        )
        for kind, key in (
            ("groups", "group"),
            ("boards", "board"),
            ("agenda", "agenda_item"),
            ("perspectives", "perspective"),
        )
    },
    f"POST {API}/agenda": Row(ORGANISER, json={"starts_at": "16:00", "title": "Drinks"}),
    f"PUT {API}/agenda/<int:item_id>": Row(
        ORGANISER, json={"starts_at": "16:00", "title": "Drinks"}, params=lambda w: {"item_id": w.ids["agenda_item"]}
    ),
    f"GET {API}/audit": Row(ORGANISER),
    f"POST {API}/boards": Row(ORGANISER, json={"kind": "ideas", "title": "More ideas"}),
    **{
        f"GET {API}/boards/<int:board_id>/exports/<any(png, svg, pdf, md, csv, xlsx, json):fmt> [fmt={fmt}]": Row(
            ORGANISER
        )
        for fmt in ("png", "svg", "pdf", "md", "csv", "xlsx", "json")
    },
    f"PUT {API}/boards/<int:board_id>/mode": Row(ORGANISER, json={"mode": "locked"}),
    f"GET {API}/boards/<int:board_id>/wordcloud": Row(VIEWERS),
    f"PUT {API}/boards/<int:item_id>": Row(
        ORGANISER, json={"kind": "solutions", "title": "Renamed"}, params=lambda w: {"item_id": w.ids["board"]}
    ),
    f"GET {API}/changes": Row(VIEWERS, query={"since": "1"}),
    f"GET {API}/evaluation": Row(VIEWERS),
    f"PATCH {API}/evaluation": Row(ORGANISER, json={"title": "How was it?"}),
    f"POST {API}/evaluation/answers": Row(ATTENDEE, json=lambda w: {"answers": w.answers}),
    f"PUT {API}/evaluation/answers/<int:answer_id>/moderation": Row(ORGANISER, json={"decision": "rejected"}),
    f"POST {API}/evaluation/questions": Row(ORGANISER, json=question_spec),
    f"PUT {API}/evaluation/questions/<int:question_id>": Row(
        ORGANISER, json=question_spec, params=lambda w: {"question_id": w.ids["free_text_question"]}
    ),
    f"DELETE {API}/evaluation/questions/<int:question_id>": Row(ORGANISER),
    f"POST {API}/evaluation/questions/<int:question_id>/move": Row(ORGANISER, json={"offset": 1}),
    f"GET {API}/evaluation/review": Row(ORGANISER),
    f"PUT {API}/evaluation/status": Row(ORGANISER, json={"status": "closed"}),
    **{
        f"GET {API}/exports/<any(zip, pdf, xlsx, csv, md, json):fmt> [fmt={fmt}]": Row(ORGANISER)
        for fmt in ("zip", "pdf", "xlsx", "csv", "md", "json")
    },
    f"POST {API}/groups": Row(ORGANISER, json={"name": "Group 7", "colour": "#123456"}),
    f"POST {API}/perspectives": Row(ORGANISER, json={"name": "Funders"}),
    f"PUT {API}/perspectives/<int:item_id>": Row(
        ORGANISER, json={"name": "Commissioners"}, params=lambda w: {"item_id": w.ids["perspective"]}
    ),
    f"GET {API}/links": Row(ORGANISER),
    f"PUT {API}/groups/<int:item_id>": Row(
        ORGANISER, json={"name": "Renamed", "colour": "#123456"}, params=lambda w: {"item_id": w.ids["group"]}
    ),
    f"GET {API}/moderation": Row(GROUP_MODERATORS | FACILITATORS),
    f"POST {API}/notes": Row(POSTERS, json=note_body),
    f"PATCH {API}/notes/<int:note_id>": Row(GROUP_MODERATORS, json={"text": "Tidied", "version": 1}),
    **{
        f"POST {API}/notes/<int:note_id>/<any(approve, reject, hide, unhide, delete, restore):action> "
        f"[action={action}]": Row(allowed, params=lambda w, key=key: {"note_id": w.ids[key]})
        for action, key, allowed in (
            ("approve", "pending_note", GROUP_MODERATORS),
            ("reject", "pending_note", GROUP_MODERATORS),
            ("hide", "note", GROUP_MODERATORS),
            ("unhide", "hidden_note", GROUP_MODERATORS),
            ("delete", "note", GROUP_MODERATORS),
            ("restore", "deleted_note", ORGANISER),
        )
    },
    f"GET {API}/notes/<int:note_id>/history": Row(GROUP_MODERATORS),
    f"POST {API}/notes/<int:note_id>/merge": Row(GROUP_MODERATORS, json=lambda w: {"into_id": w.ids["merge_into"]}),
    f"POST {API}/notes/<int:note_id>/move": Row(
        GROUP_MODERATORS, json=lambda w: {"board_id": w.ids["board"], "section_id": w.ids["other_section"]}
    ),
    f"PUT {API}/notes/<int:note_id>/pin": Row(GROUP_MODERATORS, json={"pinned": True}),
    f"PUT {API}/projector": Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"]}),
    f"GET {API}/projector": Row(VIEWERS),
    f"POST {API}/projector/agenda": Row(ORGANISER, json={"step": 1}),
    f"PUT {API}/projector/display": Row(
        ORGANISER, json=lambda w: {"board_id": w.ids["premoderated_board"], "display": "cloud"}
    ),
    f"PUT {API}/projector/hidden": Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"], "hidden": True}),
    f"PUT {API}/projector/rotation": Row(ORGANISER, json=lambda w: {"board_ids": [w.ids["board"]], "seconds": 30}),
    f"PUT {API}/projector/spotlight": Row(ORGANISER, json=lambda w: {"note_id": w.ids["note"]}),
    f"PUT {API}/projector/target": Row(ORGANISER, json={"kind": "welcome"}),
    f"POST {API}/projector/focus": Row(ORGANISER, json={"focus": None}),
    f"GET {API}/boards/<int:board_id>/themes": Row(VIEWERS),
    f"POST {API}/themes/rename": Row(GROUP_MODERATORS, json=lambda w: {"theme_id": w.ids["theme"], "label": "Ours"}),
    f"POST {API}/themes/merge": Row(GROUP_MODERATORS, json=lambda w: theme_pair(w)),
    f"POST {API}/themes/split": Row(
        GROUP_MODERATORS, json=lambda w: {"theme_id": w.ids["theme"], "note_ids": [w.ids["note"]]}
    ),
    f"POST {API}/themes/move_note": Row(
        GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["note"], "theme_id": w.ids["other_theme"]}
    ),
    f"POST {API}/themes/recluster": Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"]}),
    f"POST {API}/projector/timer": Row(ORGANISER, json={"action": "start", "minutes": 5}),
    f"PUT {API}/retention": Row(ORGANISER, json={"retention_until": "2030-01-01"}),
    f"GET {API}/signups": Row(ORGANISER),
    f"DELETE {API}/signups": Row(ORGANISER),
    f"GET {API}/signups.csv": Row(ORGANISER),
    f"DELETE {API}/signups/<int:signup_id>": Row(ORGANISER),
    f"GET {API}/state": Row(VIEWERS),
    f"GET {API}/vote-rounds": Row(VIEWERS),  # the open rounds (tallies only once revealed)
    f"POST {API}/vote-rounds": Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"], "votes_per_attendee": 3}),
    f"POST {API}/vote-rounds/<int:round_id>/close": Row(ORGANISER),
    f"POST {API}/vote-rounds/<int:round_id>/reveal": Row(ORGANISER),
    f"POST {API}/vote-rounds/<int:round_id>/votes": Row(ATTENDEE, json=lambda w: {"note_id": w.ids["vote_target"]}),
    f"DELETE {API}/vote-rounds/<int:round_id>/votes/<int:note_id>": Row(
        ATTENDEE, params=lambda w: {"note_id": w.ids["voted_note"]}
    ),
    f"GET {API}/wordlist": Row(ORGANISER),
    f"PUT {API}/wordlist": Row(ORGANISER, json={"words": ["badword"]}),
    # Pages for the room. /attend needs the phone's cookie session; /f/ and /p/ carry their token in the
    # path: each role opens the link of its own credential of that kind (none: a made-up one).
    "GET /attend": Row(ATTENDEE),
    "GET /attend/evaluation": Row(ATTENDEE),
    "POST /attend/leave": Row(ALL),
    "GET /f/<token>": Row(FACILITATORS),
    "GET /p/<token>": Row(PROJECTOR),
    "POST /join": Row(ALL, form=lambda w: {"code": w.join_code, "name": "Kim"}),
    # The language switcher: anyone may choose the language of their own device (and account).
    "POST /language": Row(ALL, form={"lang": "cy", "next": "/"}),
    "GET /join/<code>": Row(ALL),
    "GET /qr/<code>.svg": Row(ALL),
    "GET /signup/<code>": Row(ALL),
    "POST /signup/<code>": Row(
        ALL, form=lambda w: {"name": "Bo", "email": "bo@example.org", "consent": "yes", "consent_text": w.consent_text}
    ),
    "GET /static/<path:filename>": Row(ALL, params={"filename": "css/base.css"}),
    # Organiser pages and forms.
    "GET /organiser/": Row(frozenset({"organiser", "organiser_other"})),
    "GET /organiser/import": Row(frozenset({"organiser", "organiser_other"})),
    "POST /organiser/import": Row(
        frozenset({"organiser", "organiser_other"}),
        form=lambda w: {"mode": "template", "document": (io.BytesIO(w.export_bytes), "workshop.json")},
    ),
    "GET /organiser/login": Row(ALL),
    "POST /organiser/login": Row(ALL, form={"email": "owner@example.org", "password": "owner password is long"}),
    "POST /organiser/logout": Row(ALL),
    "POST /organiser/workshops": Row(frozenset({"organiser", "organiser_other"}), form={"template": "blank"}),
    f"GET {ORG}": Row(ORGANISER),
    f"POST {ORG}/agenda": Row(ORGANISER, form={"starts_at": "16:00", "title": "Drinks"}),
    f"POST {ORG}/agenda/<int:item_id>/delete": Row(ORGANISER, params=lambda w: {"item_id": w.ids["agenda_item"]}),
    f"GET {ORG}/attendees": Row(ORGANISER),
    f"POST {ORG}/attendees/<int:participant_id>/remove": Row(ORGANISER),
    f"POST {ORG}/boards": Row(ORGANISER, form={"kind": "ideas", "title": "More", "sections": "One"}),
    f"POST {ORG}/boards/<int:item_id>/delete": Row(ORGANISER, params=lambda w: {"item_id": w.ids["board"]}),
    **{
        f"GET {ORG}/<any(boards, groups, perspectives, agenda):kind>/<int:item_id>/remove [kind={kind}]": Row(
            ORGANISER, params=lambda w, key=key: {"item_id": w.ids[key]}
        )
        for kind, key in (
            ("groups", "group"),
            ("boards", "board"),
            ("agenda", "agenda_item"),
            ("perspectives", "perspective"),
        )
    },
    f"GET {ORG}/remove": Row(ORGANISER),
    f"POST {ORG}/remove": Row(ORGANISER),
    f"POST {ORG}/removed/<int:entry_id>/restore": Row(ORGANISER, params=lambda w: {"entry_id": w.ids["removed_item"]}),
    f"GET {ORG}/evaluation/questions/<int:question_id>/remove": Row(ORGANISER),
    f"POST {ORG}/evaluation/removed/<int:entry_id>/restore": Row(
        ORGANISER, params=lambda w: {"entry_id": w.ids["removed_question"]}
    ),
    f"POST {ORG}/details": Row(ORGANISER, form={"title": "Renamed", "event_date": "", "venue": ""}),
    f"GET {ORG}/evaluation": Row(ORGANISER),
    f"POST {ORG}/evaluation/answers/<int:answer_id>/moderation": Row(ORGANISER, form={"decision": "rejected"}),
    f"POST {ORG}/evaluation/details": Row(ORGANISER, form={"title": "How was it?", "intro": ""}),
    f"POST {ORG}/evaluation/questions": Row(ORGANISER, form={"kind": "free_text", "prompt": "Anything else?"}),
    f"POST {ORG}/evaluation/questions/<int:question_id>/delete": Row(ORGANISER),
    f"POST {ORG}/evaluation/questions/<int:question_id>/move": Row(ORGANISER, form={"direction": "down"}),
    f"POST {ORG}/evaluation/status": Row(ORGANISER, form={"status": "closed"}),
    f"GET {ORG}/exports": Row(ORGANISER),
    f"GET {ORG}/exports/boards/<int:board_id>.<fmt>": Row(ORGANISER, params={"fmt": "csv"}),
    f"GET {ORG}/exports/workshop.<fmt>": Row(ORGANISER, params={"fmt": "md"}),
    f"GET {ORG}/exports/workshop.zip": Row(ORGANISER),
    f"POST {ORG}/groups": Row(ORGANISER, form={"name": "Group 7", "colour": "#123456"}),
    f"POST {ORG}/groups/<int:group_id>/replace-link": Row(ORGANISER),
    f"POST {ORG}/groups/<int:item_id>/delete": Row(ORGANISER, params=lambda w: {"item_id": w.ids["group"]}),
    f"GET {ORG}/moderation": Row(ORGANISER),
    f"POST {ORG}/open": Row(ORGANISER, form={"is_open": "0"}),
    f"POST {ORG}/perspectives": Row(ORGANISER, form={"name": "Funders"}),
    f"POST {ORG}/perspectives/<int:item_id>/delete": Row(ORGANISER, params=lambda w: {"item_id": w.ids["perspective"]}),
    f"POST {ORG}/projector": Row(ORGANISER, form=lambda w: {"board_id": str(w.ids["board"])}),
    f"GET {ORG}/projector-control": Row(ORGANISER),
    f"POST {ORG}/projector-control/agenda": Row(ORGANISER, form={"step": "next"}),
    f"POST {ORG}/projector-control/display": Row(
        ORGANISER, form=lambda w: {"board_id": str(w.ids["premoderated_board"]), "display": "cloud"}
    ),
    f"POST {ORG}/projector-control/hide": Row(
        ORGANISER, form=lambda w: {"board_id": str(w.ids["board"]), "hidden": "1"}
    ),
    f"POST {ORG}/projector-control/rotate": Row(
        ORGANISER, form=lambda w: {"board_ids": [str(w.ids["board"])], "seconds": "30"}
    ),
    f"POST {ORG}/projector-control/show": Row(ORGANISER, form={"kind": "welcome"}),
    f"POST {ORG}/projector-control/spotlight": Row(ORGANISER, form=lambda w: {"note_id": str(w.ids["note"])}),
    f"POST {ORG}/projector-control/timer": Row(ORGANISER, form={"action": "start", "minutes": "5"}),
    f"POST {ORG}/retention": Row(ORGANISER, form={"retention_until": "2030-01-01"}),
    f"POST {ORG}/signups/<int:signup_id>/erase": Row(ORGANISER),
    f"POST {ORG}/signups/erase-all": Row(ORGANISER, form={"confirm": "yes"}),
}

# --- Socket events: each role connects with its own credential (organisers ask for the workshop) --------
ROUND = {"round_id": "round"}
EVENT_ROWS: dict[str, Row] = {
    events.SYNC: Row(VIEWERS, json={"since": 1}),
    events.STATE: Row(VIEWERS, json={}),
    events.NOTE_POST: Row(POSTERS, json=note_body),
    events.PROJECTOR_SHOW: Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"]}),
    events.EVALUATION_STATE: Row(VIEWERS, json={}),
    events.EVALUATION_SUBMIT: Row(ATTENDEE, json=lambda w: {"answers": w.answers}),
    events.NOTE_APPROVE: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["pending_note"]}),
    events.NOTE_REJECT: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["pending_note"]}),
    events.NOTE_HIDE: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["note"]}),
    events.NOTE_UNHIDE: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["hidden_note"]}),
    events.NOTE_DELETE: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["note"]}),
    events.NOTE_RESTORE: Row(ORGANISER, json=lambda w: {"note_id": w.ids["deleted_note"]}),
    events.NOTE_HISTORY: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["note"]}),
    events.NOTE_EDIT: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["note"], "text": "Tidied", "version": 1}),
    events.NOTE_MOVE: Row(
        GROUP_MODERATORS,
        json=lambda w: {"note_id": w.ids["note"], "board_id": w.ids["board"], "section_id": w.ids["other_section"]},
    ),
    events.NOTE_MERGE: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["note"], "into_id": w.ids["merge_into"]}),
    events.NOTE_PIN: Row(GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["note"], "pinned": True}),
    events.BOARD_MODE: Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"], "mode": "locked"}),
    events.WORDLIST_SET: Row(ORGANISER, json={"words": ["badword"]}),
    events.MODERATION_OVERVIEW: Row(GROUP_MODERATORS | FACILITATORS, json={}),
    events.VOTE_ROUND_OPEN: Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"], "votes_per_attendee": 3}),
    events.VOTE_CAST: Row(ATTENDEE, json=lambda w: {"round_id": w.ids["round"], "note_id": w.ids["vote_target"]}),
    events.VOTE_RETRACT: Row(ATTENDEE, json=lambda w: {"round_id": w.ids["round"], "note_id": w.ids["voted_note"]}),
    events.VOTE_REVEAL: Row(ORGANISER, json=lambda w: {"round_id": w.ids["round"]}),
    events.VOTE_ROUND_CLOSE: Row(ORGANISER, json=lambda w: {"round_id": w.ids["round"]}),
    events.VOTE_STATUS: Row(VIEWERS, json={}),
    events.PROJECTOR_TARGET: Row(ORGANISER, json={"kind": "welcome"}),
    events.PROJECTOR_ROTATE: Row(ORGANISER, json=lambda w: {"board_ids": [w.ids["board"]], "seconds": 30}),
    events.PROJECTOR_HIDE: Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"], "hidden": True}),
    events.PROJECTOR_SPOTLIGHT: Row(ORGANISER, json=lambda w: {"note_id": w.ids["note"]}),
    events.PROJECTOR_DISPLAY: Row(
        ORGANISER, json=lambda w: {"board_id": w.ids["premoderated_board"], "display": "cloud"}
    ),
    events.AGENDA_STEP: Row(ORGANISER, json={"step": 1}),
    events.AGENDA_SET: Row(ORGANISER, json=lambda w: {"item_id": w.ids["agenda_item"]}),
    events.TIMER_START: Row(ORGANISER, json={"minutes": 5}),
    events.TIMER_PAUSE: Row(ORGANISER, json={}),
    events.TIMER_RESET: Row(ORGANISER, json={}),
    events.PROJECTOR_CLOCK: Row(VIEWERS, json={}),
    events.PROJECTOR_FOCUS: Row(ORGANISER, json={"focus": None}),
    events.THEME_RENAME: Row(GROUP_MODERATORS, json=lambda w: {"theme_id": w.ids["theme"], "label": "Ours"}),
    events.THEME_MERGE: Row(GROUP_MODERATORS, json=lambda w: theme_pair(w)),
    events.THEME_SPLIT: Row(GROUP_MODERATORS, json=lambda w: {"theme_id": w.ids["theme"], "note_ids": [w.ids["note"]]}),
    events.THEME_MOVE_NOTE: Row(
        GROUP_MODERATORS, json=lambda w: {"note_id": w.ids["note"], "theme_id": w.ids["other_theme"]}
    ),
    events.THEMES_RECLUSTER: Row(ORGANISER, json=lambda w: {"board_id": w.ids["board"]}),
    events.WORDCLOUD_GET: Row(VIEWERS, json=lambda w: {"board_id": w.ids["board"]}),
}

# Issue 14's rows live in their own module, which needs Row and the role sets above.
from tests.security.rooms_expectations import ROOM_EVENT_ROWS, ROOM_HTTP_ROWS  # noqa: E402

HTTP_ROWS.update(ROOM_HTTP_ROWS)
EVENT_ROWS.update(ROOM_EVENT_ROWS)
