"""The agenda's "now" marker and the countdown timer the organiser runs on the projector.

Only moments are stored (when the timer ends, or what was left when paused): screens compute the
countdown from them and the server's clock, so nothing ticks on the server and every screen agrees.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_babel import gettext as _

from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Invalid
from facilitation.kernel.lookups import owned
from facilitation.models import AgendaItem, Workshop
from facilitation.projector.state import aware, commit_projector_change, locked_workshop, now_utc, state_row

MAX_TIMER_MINUTES = 600


def _workshop(actor: Actor, workshop_id: Any, action: str) -> Workshop:
    return locked_workshop(actor, workshop_id, action)


def step_now(actor: Actor, workshop_id: Any, step: Any) -> dict[str, Any]:
    """Move the marker to the next (+1) or previous (-1) agenda item; before the first is "not started"."""
    workshop = _workshop(actor, workshop_id, "agenda.control")
    if step not in (-1, 1) or isinstance(step, bool):
        raise Invalid(_("step is 1 (next) or -1 (previous)."), code="bad_step")
    items = list(workshop.agenda)
    if not items:
        raise Invalid(_("The workshop has no agenda yet."), code="no_agenda")
    row = state_row(workshop)
    ids = [item.id for item in items]
    current = ids.index(row.agenda_now_id) if row.agenda_now_id in ids else -1
    position = max(-1, min(len(ids) - 1, current + step))
    row.agenda_now_id = ids[position] if position >= 0 else None
    return commit_projector_change(workshop)


def set_now(actor: Actor, workshop_id: Any, item_id: Any) -> dict[str, Any]:
    """Put the marker on one agenda item, or clear it (None) so screens follow the timetable's clock."""
    workshop = _workshop(actor, workshop_id, "agenda.control")
    row = state_row(workshop)
    if item_id is None:
        row.agenda_now_id = None
        return commit_projector_change(workshop)
    item = owned(AgendaItem, item_id, workshop, "unknown_agendaitem", _("No such agenda item in this workshop."))
    row.agenda_now_id = item.id
    return commit_projector_change(workshop)


def start_timer(actor: Actor, workshop_id: Any, minutes: Any = None) -> dict[str, Any]:
    """Start a countdown of `minutes`; without minutes, resume a paused one from what was left."""
    workshop = _workshop(actor, workshop_id, "timer.control")
    row = state_row(workshop)
    now = now_utc()
    if minutes is None:
        if row.timer_running:
            raise Invalid(_("The timer is already running."), code="timer_running")
        if row.timer_remaining_ms <= 0:
            raise Invalid(_("Say how many minutes to count down."), code="no_minutes")
        remaining_ms = row.timer_remaining_ms
    else:
        if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 0 < minutes <= MAX_TIMER_MINUTES:
            raise Invalid(
                _(
                    "Minutes must be more than 0 and at most %(MAX_TIMER_MINUTES)s.",
                    MAX_TIMER_MINUTES=MAX_TIMER_MINUTES,
                ),
                code="bad_minutes",
            )
        remaining_ms = round(minutes * 60_000)
        row.timer_duration_seconds = round(minutes * 60)
    row.timer_running = True
    row.timer_remaining_ms = remaining_ms
    row.timer_ends_at = now + timedelta(milliseconds=remaining_ms)
    return commit_projector_change(workshop)


def pause_timer(actor: Actor, workshop_id: Any) -> dict[str, Any]:
    """Freeze the countdown where it is; start without minutes resumes it."""
    workshop = _workshop(actor, workshop_id, "timer.control")
    row = state_row(workshop)
    if not row.timer_running:
        raise Invalid(_("The timer is not running."), code="timer_not_running")
    ends_at = aware(row.timer_ends_at) or now_utc()
    row.timer_remaining_ms = max(0, round((ends_at - now_utc()).total_seconds() * 1000))
    row.timer_running = False
    row.timer_ends_at = None
    return commit_projector_change(workshop)


def reset_timer(actor: Actor, workshop_id: Any) -> dict[str, Any]:
    """Stop the countdown and put it back to its full length, ready to start again."""
    workshop = _workshop(actor, workshop_id, "timer.control")
    row = state_row(workshop)
    row.timer_running = False
    row.timer_ends_at = None
    row.timer_remaining_ms = row.timer_duration_seconds * 1000
    return commit_projector_change(workshop)
