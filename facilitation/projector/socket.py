"""Socket.IO adapters for the projector: what it shows, the agenda marker, the timer, its clock, word clouds.

Each handler calls one service with the checked fields; the `acknowledged` decorator re-resolves
the sender, checks the payload's shape and turns errors into acks. Authorisation happens in the services.
"""

from __future__ import annotations

from facilitation.kernel import events
from facilitation.projector import agenda_timer, focus, wordcloud
from facilitation.projector import service as projector
from facilitation.realtime.handling import acknowledged
from facilitation.workshops import service as workshops


@acknowledged(events.PROJECTOR_TARGET)
def show_target(actor, workshop_id, fields):
    return projector.show(actor, workshop_id, fields["kind"], fields.get("board_id"))


@acknowledged(events.PROJECTOR_ROTATE)
def rotate(actor, workshop_id, fields):
    return projector.rotate(actor, workshop_id, fields["board_ids"], fields["seconds"])


@acknowledged(events.PROJECTOR_HIDE)
def hide_board(actor, workshop_id, fields):
    return projector.set_hidden(actor, workshop_id, fields["board_id"], fields["hidden"])


@acknowledged(events.PROJECTOR_SPOTLIGHT)
def spotlight(actor, workshop_id, fields):
    return projector.spotlight(actor, workshop_id, fields["note_id"])


@acknowledged(events.PROJECTOR_DISPLAY)
def board_display(actor, workshop_id, fields):
    return projector.set_display(actor, workshop_id, fields["board_id"], fields["display"])


@acknowledged(events.PROJECTOR_FOCUS)
def zoom(actor, workshop_id, fields):
    return focus.set_focus(actor, workshop_id, fields["focus"])


@acknowledged(events.AGENDA_STEP)
def agenda_step(actor, workshop_id, fields):
    return agenda_timer.step_now(actor, workshop_id, fields["step"])


@acknowledged(events.AGENDA_SET)
def agenda_set(actor, workshop_id, fields):
    return agenda_timer.set_now(actor, workshop_id, fields["item_id"])


@acknowledged(events.TIMER_START)
def timer_start(actor, workshop_id, fields):
    return agenda_timer.start_timer(actor, workshop_id, fields.get("minutes"))


@acknowledged(events.TIMER_PAUSE)
def timer_pause(actor, workshop_id, fields):
    return agenda_timer.pause_timer(actor, workshop_id)


@acknowledged(events.TIMER_RESET)
def timer_reset(actor, workshop_id, fields):
    return agenda_timer.reset_timer(actor, workshop_id)


@acknowledged(events.PROJECTOR_CLOCK)
def clock(actor, workshop_id, fields):
    """The server's time, for screens to count the timer down against (round trip halved by the client)."""
    return projector.server_clock(actor, workshop_id)


@acknowledged(events.WORDCLOUD_GET)
def word_cloud(actor, workshop_id, fields):
    return wordcloud.board_word_cloud(actor, workshop_id, fields["board_id"])


@acknowledged(events.PROJECTOR_SHOW)
def show_on_projector(actor, workshop_id, fields):
    return workshops.show_on_projector(actor, workshop_id, fields["board_id"])
