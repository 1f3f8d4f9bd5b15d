"""Organiser sign-in cannot be guessed at: growing waits per account and per address, a lock-out that a
correct password from elsewhere does not get past, and the same work whether or not the email exists.

Defaults (facilitation/security/throttle.py): per account 3 failures a day are free, per address 10; past
them the Nth failure makes the next attempt wait 2^(N - free) seconds, at most 15 minutes, answered with
429 and Retry-After.
"""

from __future__ import annotations

import re
import statistics
import time

from facilitation.config import Config
from facilitation.kernel.errors import SlowDown
from facilitation.organisers import service as organisers
from facilitation.security import throttle
from tests.conftest import FreshRequestClient
from tests.support.apps import build_app, fresh_test_context

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
EMAIL = "organiser@example.org"
PASSWORD = "correct horse battery"  # the `organiser` fixture's
ATTACKER = "10.0.0.66"
ORGANISER_LAPTOP = "10.0.0.5"


def sign_in(client, email: str, password: str, address: str = ATTACKER):
    environ = {"REMOTE_ADDR": address}
    token = CSRF_FIELD.search(client.get("/organiser/login", environ_base=environ).get_data(as_text=True)).group(1)
    return client.post(
        "/organiser/login", data={"email": email, "password": password, "csrf_token": token}, environ_base=environ
    )


def assert_must_wait(response, seconds: int) -> None:
    assert response.status_code == 429, response.status_code
    assert response.headers["Retry-After"] == str(seconds)
    assert "Too many failed sign-ins" in response.get_data(as_text=True)


def another_browser(app) -> FreshRequestClient:
    app.test_client_class = FreshRequestClient
    return app.test_client()


def test_each_failure_past_the_free_ones_doubles_the_wait_up_to_a_cap(client, organiser, clock):
    for _free in range(3):
        assert sign_in(client, EMAIL, "a wrong guess").status_code == 401
    waits = []
    for _ in range(14):
        assert sign_in(client, EMAIL, "a wrong guess").status_code == 401
        refused = sign_in(client, EMAIL, "a wrong guess")
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        clock.advance(waits[-1])
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900, 900]


def test_a_refused_attempt_is_answered_without_checking_the_password(client, organiser, clock, monkeypatch):
    for _ in range(4):
        sign_in(client, EMAIL, "a wrong guess")
    checked = []
    monkeypatch.setattr(organisers, "check_password_hash", lambda *args: checked.append(args) or False)
    assert_must_wait(sign_in(client, EMAIL, PASSWORD), 2)
    assert not checked, "a refused attempt tells nothing about the password"


def test_a_correct_password_from_another_address_does_not_bypass_the_lock_out(app, client, organiser, clock):
    for _ in range(4):
        assert sign_in(client, EMAIL, "a wrong guess", ATTACKER).status_code == 401
    laptop = another_browser(app)
    assert_must_wait(sign_in(laptop, EMAIL, PASSWORD, ORGANISER_LAPTOP), 2)
    clock.advance(2)
    assert sign_in(laptop, EMAIL, PASSWORD, ORGANISER_LAPTOP).status_code == 302


def test_a_sign_in_clears_the_accounts_failures_so_a_later_typo_costs_nothing(client, organiser, clock):
    for _ in range(3):
        assert sign_in(client, EMAIL, "a typo", ORGANISER_LAPTOP).status_code == 401
    assert sign_in(client, EMAIL, PASSWORD, ORGANISER_LAPTOP).status_code == 302
    for _ in range(3):
        assert sign_in(client, EMAIL, "another typo", ORGANISER_LAPTOP).status_code == 401
    assert sign_in(client, EMAIL, PASSWORD, ORGANISER_LAPTOP).status_code == 302


def test_an_address_trying_many_accounts_is_slowed_and_other_addresses_are_not(app, client, organiser, clock):
    for n in range(11):  # one guess each: no account reaches its own limit, the address does
        assert sign_in(client, f"guess{n}@example.org", "a wrong guess").status_code == 401
    assert_must_wait(sign_in(client, "guess-new@example.org", "a wrong guess"), 2)
    assert_must_wait(sign_in(client, EMAIL, PASSWORD), 2)
    assert sign_in(another_browser(app), EMAIL, PASSWORD, ORGANISER_LAPTOP).status_code == 302


def test_unknown_emails_meet_the_same_limits_as_known_ones(client, organiser, clock):
    def statuses(email: str) -> list[tuple[int, str | None]]:
        answers = [sign_in(client, email, "a wrong guess", address) for address in ("10.1.0.1",) * 6]
        return [(answer.status_code, answer.headers.get("Retry-After")) for answer in answers]

    known = statuses(EMAIL)
    unknown = statuses("nobody@example.org")
    assert known == unknown == [(401, None)] * 4 + [(429, "2")] * 2


def test_parallel_guesses_cannot_all_slip_through_before_the_first_is_counted(organiser, clock):
    """Attempts in flight count as failures until they succeed, and the wait each claims is taken atomically:
    a burst of guesses sent at once gets the free attempts plus one, never the whole burst."""
    in_flight, refused = [], 0
    for n in range(20):
        try:
            in_flight.append(throttle.begin_sign_in(EMAIL, f"10.2.0.{n}"))
        except SlowDown:
            refused += 1
    assert (len(in_flight), refused) == (4, 16)


def test_of_attempts_racing_for_the_next_wait_exactly_one_claims_it(app, clock):
    """Two attempts that both passed the check before either started a wait: the conditional upsert lets
    one start it; the other learns when it ends and is refused."""
    key = throttle.account_key(EMAIL)
    assert throttle._claim_wait("signin:wait:account", key, clock(), 8) is None
    assert throttle._claim_wait("signin:wait:account", key, clock(), 8) == int(clock()) + 8
    clock.advance(8)
    assert throttle._claim_wait("signin:wait:account", key, clock(), 16) is None, "an expired wait is reclaimed"


def test_a_known_and_an_unknown_email_take_the_same_time(tmp_path, migrated_database):
    """Production-strength hashing (the default method, not the tests' cheap one): one hash check either way,
    so response time does not say which emails have accounts. Limits raised so every attempt is checked."""
    app = build_app(
        tmp_path / "instance",
        PASSWORD_HASH_METHOD=Config.PASSWORD_HASH_METHOD,
        RATE_LIMITS="signin_per_account=1000/86400,signin_per_ip=1000/86400",
    )
    with fresh_test_context(app, migrated_database):
        organisers.create_organiser(EMAIL, PASSWORD)
        client = another_browser(app)

        def timed(email: str) -> float:
            token = CSRF_FIELD.search(client.get("/organiser/login").get_data(as_text=True)).group(1)
            started = time.perf_counter()
            response = client.post(
                "/organiser/login", data={"email": email, "password": "a wrong guess", "csrf_token": token}
            )
            elapsed = time.perf_counter() - started
            assert response.status_code == 401
            return elapsed

        for _warm_up in range(2):
            timed(EMAIL), timed("nobody@example.org")
        known, unknown = [], []
        for n in range(20):  # interleaved, so a slow spell of the machine falls on both alike
            known.append(timed(EMAIL))
            unknown.append(timed(f"nobody{n}@example.org"))
    # The median of each: what an attacker timing many tries would read, unmoved by one busy moment.
    typical_known, typical_unknown = statistics.median(known), statistics.median(unknown)
    ratio = max(typical_known, typical_unknown) / min(typical_known, typical_unknown)
    print(
        f"\n20 sign-ins each, median: known {typical_known:.3f} s, unknown {typical_unknown:.3f} s, ratio {ratio:.2f}"
    )
    assert typical_known > 0.01, "the default method must be the strong one, not the tests' cheap hash"
    assert ratio <= 1.2, (known, unknown)


def test_the_sign_in_limits_are_settings_like_the_others(app):
    app.config["RATE_LIMITS"] = "signin_per_account=1/60,signin_per_ip=2/60,signin_max_wait=1/30"
    configured = throttle.limits()
    assert configured["signin_per_account"] == throttle.Limit(1, 60)
    assert configured["signin_per_ip"] == throttle.Limit(2, 60)
    assert configured["signin_max_wait"].seconds == 30


def test_an_email_with_a_nul_byte_is_simply_not_recognised(app):
    """PostgreSQL would refuse the query with a server error; the answer is the usual one instead."""
    from facilitation.kernel.errors import NotSignedIn
    from facilitation.organisers import service as organisers_service

    try:
        organisers_service.authenticate("organiser@example.org\x00", "correct horse battery")
    except NotSignedIn as refused:
        assert refused.code == "bad_credentials"
    else:
        raise AssertionError("a NUL in the email signed someone in")
