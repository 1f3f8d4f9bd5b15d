"""Rate limits shared by HTTP and Socket.IO and, scaled out, by every server process.

Posting and joining are counted in the `limits` package's storage (security/counters.py): this process's
memory on the laptop, Redis when scaled out. They are on the hot path (every note), and a row per post
would cost an upsert, a select and a commit (an fsync) each. Organiser sign-in stays counted in the
database (models.security.RateCounter), bumped with one upsert each and pruned as its windows expire: it
is rare, and its waits must be claimed atomically by exactly one of several attempts arriving together,
which one conditional upsert does on SQLite and PostgreSQL alike. The per-socket token bucket
(realtime/ratelimit.py) stays in the socket's own session: it is per connection by definition.

Windows are fixed, but a request is judged on a sliding estimate (the previous window's count, weighted by
how much of it still overlaps, plus the current count), so a burst straddling a window edge is not let
through twice.

What is limited, and keyed by what:
- posting: per sender (an attendee session, a facilitator's group, an organiser) across all its sockets
  and HTTP, and per IP address (generous: a room behind one NAT address shares it);
- joining: per IP address; and guessing, i.e. unknown join codes, per IP address: after too many in a
  minute, every join from that address is refused for a while, so codes cannot be enumerated;
- organiser sign-in: per account (the email typed, whether or not it has an account) and per IP address,
  with waits that double with every failure past a few free ones (begin_sign_in below).

Windows are wall-clock seconds (every process must agree on them), read from the app's CLOCK setting
(time.time unless set), so a test can move time on.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import SlowDown
from facilitation.models import RateCounter
from facilitation.security import counters


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


# Overridable per app with RATE_LIMITS = "name=count/seconds,...". A person types a note in tens of seconds;
# a room of 300 phones behind one venue address must still be able to join and post together.
DEFAULT_LIMITS: dict[str, Limit] = {
    "post_per_sender": Limit(30, 60),
    "post_per_ip": Limit(600, 60),
    "join_per_ip": Limit(120, 60),
    "join_guess_per_ip": Limit(10, 60),
    # After too many unknown codes: how long (count ignored) every join from that address is refused.
    "join_lockout": Limit(1, 300),
    # Organiser sign-in: `count` failures per `seconds` are free (for typos); past them the Nth failure makes
    # the next attempt, from anywhere, wait 2^(N - count) seconds. Per account and, for one address trying
    # many accounts, per address (a venue's organisers may share one).
    "signin_per_account": Limit(3, 86400),
    "signin_per_ip": Limit(10, 86400),
    # The longest such wait (count ignored): once reached, one attempt per this many seconds.
    "signin_max_wait": Limit(1, 900),
}


def limits() -> dict[str, Limit]:
    """The defaults, overridden by the app's RATE_LIMITS setting ("post_per_sender=5/60,...")."""
    configured = dict(DEFAULT_LIMITS)
    for item in str(current_app.config.get("RATE_LIMITS") or "").split(","):
        name, _, value = item.strip().partition("=")
        if name in configured and value:
            count, _, seconds = value.partition("/")
            configured[name] = Limit(int(count), int(seconds or 60))
    return configured


def _now() -> float:
    """Seconds since the epoch, from the app's clock."""
    return current_app.config.get("CLOCK", time.time)()


def sender_key(actor: Actor) -> str:
    """One key per credential: an attendee session, a group's tablet link, an organiser account."""
    if actor.participant_id is not None:
        return f"participant:{actor.participant_id}"
    if actor.group_id is not None:
        return f"group:{actor.group_id}"
    if actor.organiser_id is not None:
        return f"organiser:{actor.organiser_id}"
    return f"{actor.role}:{actor.workshop_id}"


def _insert():
    return postgresql_insert if db.engine.dialect.name == "postgresql" else sqlite_insert


def _bump_in_database(scope: str, key: str, seconds: int, now: float) -> tuple[int, int]:
    """Count one more in the current window in the database (sign-in only); returns (this window, previous)."""
    start = counters.window_start(now, seconds)
    table = RateCounter.__table__
    statement = (
        _insert()(table)
        .values(scope=scope, key=key, window_start=start, count=1, expires_at=start + 2 * seconds)
        .on_conflict_do_update(
            index_elements=[table.c.scope, table.c.key, table.c.window_start], set_={"count": table.c.count + 1}
        )
        .returning(table.c.count)
    )
    count = db.session.execute(statement).scalar_one()
    if count == 1:
        # A new window began for this key: a cheap moment to drop everything that has expired.
        db.session.execute(delete(RateCounter).where(RateCounter.expires_at < int(now)))
    previous = db.session.scalar(
        select(RateCounter.count).where(
            RateCounter.scope == scope, RateCounter.key == key, RateCounter.window_start == start - seconds
        )
    )
    db.session.commit()
    return count, previous or 0


def _estimate(current: int, previous: int, limit: Limit, now: float) -> tuple[float, int]:
    elapsed = now - counters.window_start(now, limit.seconds)
    estimate = previous * (limit.seconds - elapsed) / limit.seconds + current
    return estimate, max(1, math.ceil(limit.seconds - elapsed))


def count(scope: str, key: str, limit: Limit, now: float | None = None) -> tuple[float, int]:
    """Count one attempt (in the counter storage); returns the sliding estimate of attempts in the last
    window and the seconds until the current window ends."""
    now = _now() if now is None else now
    current, previous = counters.bump(scope, key[:64], limit.seconds, now)
    return _estimate(current, previous, limit, now)


def count_in_database(scope: str, key: str, limit: Limit, now: float | None = None) -> tuple[float, int]:
    """count(), kept in the database: for sign-in, whose waits are claimed there too."""
    now = _now() if now is None else now
    current, previous = _bump_in_database(scope, key[:64], limit.seconds, now)
    return _estimate(current, previous, limit, now)


def hit(scope: str, key: str, limit: Limit, now: float | None = None) -> None:
    """Count one attempt; raise SlowDown (with the seconds to wait) when the sliding estimate is over."""
    estimate, retry_after = count(scope, key, limit, now)
    if estimate > limit.count:
        raise SlowDown(_("Slow down: too many in a short time. Wait a moment and try again."), retry_after=retry_after)


def check_post(actor: Actor, address: str | None) -> None:
    """Before a note is posted over a socket or HTTP: per sender, then per address."""
    configured = limits()
    hit("post:sender", sender_key(actor), configured["post_per_sender"])
    if address:
        hit("post:ip", address, configured["post_per_ip"])


def check_join(address: str | None) -> None:
    """Before a join is tried: refused while the address is locked out, and counted per address."""
    if not address:
        return
    now = _now()
    until = counters.until("join:lockout", address[:64])
    if until <= now:
        until = None
    if until is not None:
        raise SlowDown(
            "Too many wrong codes from this network. Wait a few minutes, then try again.",
            retry_after=max(1, math.ceil(until - now)),
        )
    hit("join:ip", address, limits()["join_per_ip"], now)


def record_guess(address: str | None) -> None:
    """An unknown code was tried; the limit-th one in a minute locks joining from that address for a while."""
    if not address:
        return
    configured = limits()
    estimate, _retry = count("join:guess", address, configured["join_guess_per_ip"])
    if estimate >= configured["join_guess_per_ip"].count:
        seconds = configured["join_lockout"].seconds
        counters.mark_until("join:lockout", address[:64], int(_now()) + seconds, seconds)


@dataclass(frozen=True)
class SignInAttempt:
    """A sign-in under way: the counters it bumped (scope, key, window start), undone if it succeeds."""

    account: str
    counted: tuple[tuple[str, str, int], ...]


def account_key(email: str) -> str:
    """The counter key of a typed email: a digest, so the table holds no addresses and every key fits."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def _sign_in_refusal(wait: float) -> SlowDown:
    seconds = max(1, math.ceil(wait))
    when = f"{seconds} seconds" if seconds < 120 else f"{math.ceil(seconds / 60)} minutes"
    return SlowDown(
        f"Too many failed sign-ins for this account or from this network. Try again in {when}.",
        retry_after=seconds,
    )


def _waiting_until(scope: str, key: str, now: float) -> int | None:
    return db.session.scalar(
        select(func.max(RateCounter.expires_at)).where(
            RateCounter.scope == scope, RateCounter.key == key, RateCounter.expires_at > now
        )
    )


def _claim_wait(scope: str, key: str, now: float, seconds: int) -> int | None:
    """Start a wait of `seconds` unless one is running; None when claimed, else when the running one ends.

    One conditional upsert, so of attempts arriving together exactly one claims the slot.
    """
    table = RateCounter.__table__
    insert = _insert()(table).values(scope=scope, key=key, window_start=0, count=1, expires_at=int(now) + seconds)
    statement = insert.on_conflict_do_update(
        index_elements=[table.c.scope, table.c.key, table.c.window_start],
        set_={"expires_at": insert.excluded.expires_at, "count": table.c.count + 1},
        where=table.c.expires_at <= now,
    ).returning(table.c.expires_at)
    claimed = db.session.execute(statement).scalar_one_or_none()
    running = None if claimed is not None else _waiting_until(scope, key, now)
    db.session.commit()
    return running


def _uncount(counted) -> None:
    for scope, key, start in counted:
        db.session.execute(
            update(RateCounter)
            .where(
                RateCounter.scope == scope,
                RateCounter.key == key,
                RateCounter.window_start == start,
                RateCounter.count > 0,
            )
            .values(count=RateCounter.count - 1)
        )
    db.session.commit()


def begin_sign_in(email: str, address: str | None) -> SignInAttempt:
    """Before a password is checked: SlowDown while the account or the address must wait; otherwise the
    attempt counts as a failure until sign_in_succeeded says otherwise, and past the free failures it starts
    the wait for the next attempt.

    Counting before the password is checked, and claiming the wait atomically, means guesses sent all at
    once get no further than guesses sent one by one. The same work whatever the email, so neither the time
    taken nor the limits met say whether it has an account.
    """
    configured = limits()
    now = _now()
    subjects = [("account", account_key(email), configured["signin_per_account"])]
    if address:
        subjects.append(("ip", address[:64], configured["signin_per_ip"]))
    waits = [_waiting_until(f"signin:wait:{kind}", key, now) for kind, key, _limit in subjects]
    db.session.commit()  # end the read transaction before the counters' own
    if any(waits):
        raise _sign_in_refusal(max(until for until in waits if until) - now)
    counted: list[tuple[str, str, int]] = []
    for kind, key, limit in subjects:
        estimate, _retry = count_in_database(f"signin:{kind}", key, limit, now)
        counted.append((f"signin:{kind}", key, counters.window_start(now, limit.seconds)))
        failures = math.floor(estimate)  # this attempt included
        if failures > limit.count:
            wait = min(2 ** min(failures - limit.count, 32), configured["signin_max_wait"].seconds)
            running = _claim_wait(f"signin:wait:{kind}", key, now, wait)
            if running is not None:
                _uncount(counted)
                raise _sign_in_refusal(running - now)
    return SignInAttempt(account=account_key(email), counted=tuple(counted))


def sign_in_succeeded(attempt: SignInAttempt) -> None:
    """The password was right: the account's failures and wait are forgotten, and the attempt does not count
    against its address (whose earlier failures stand: they may have been guesses at other accounts)."""
    db.session.execute(
        delete(RateCounter).where(
            RateCounter.scope.in_(("signin:account", "signin:wait:account")), RateCounter.key == attempt.account
        )
    )
    _uncount([entry for entry in attempt.counted if entry[0] == "signin:ip"])


def forget_sign_in_failures(email: str) -> None:
    """Someone at the laptop set this account's password: its failures and any wait end now."""
    db.session.execute(
        delete(RateCounter).where(
            RateCounter.scope.in_(("signin:account", "signin:wait:account")), RateCounter.key == account_key(email)
        )
    )
    db.session.commit()
