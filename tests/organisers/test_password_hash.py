"""Organiser passwords: werkzeug's strong default outside tests, and one method for real and dummy hashes."""

from __future__ import annotations

import shutil

import pytest
from werkzeug import security

from facilitation import config, create_app
from facilitation.extensions import db
from facilitation.kernel.errors import NotSignedIn
from facilitation.models import Organiser
from facilitation.organisers import service as organisers
from tests.support.apps import DATABASE_FILE


def test_the_local_default_and_production_leave_the_method_to_werkzeug():
    assert config.Config.PASSWORD_HASH_METHOD is None
    assert config.ProductionConfig.PASSWORD_HASH_METHOD is None
    assert config.TestConfig.PASSWORD_HASH_METHOD == "pbkdf2:sha256:1"


def test_an_app_in_the_default_mode_stores_scrypt_hashes(tmp_path, migrated_database, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copyfile(migrated_database, instance / DATABASE_FILE)
    app = create_app("default", instance_path=str(instance), ASYNC_MODE="threading")
    with app.app_context():
        account, _password = organisers.create_organiser("strong@example.org", "a long enough password")
        assert account.password_hash.startswith("scrypt:"), account.password_hash
        db.session.remove()
        db.engine.dispose()


def test_tests_store_the_cheap_configured_method(organiser):
    stored = db.session.get(Organiser, organiser.organiser_id).password_hash
    assert stored.startswith("pbkdf2:sha256:1$"), stored


def test_an_unknown_email_is_checked_once_against_a_dummy_of_the_stored_method(organiser, monkeypatch):
    """One hash check either way, against a dummy made once per app with the method of stored passwords, so
    an unknown email costs what a known one costs and timing does not tell which emails exist."""
    checked, generated = [], []

    def recording_check(stored, password):
        checked.append(stored)
        return security.check_password_hash(stored, password)

    monkeypatch.setattr(organisers, "check_password_hash", recording_check)
    monkeypatch.setattr(organisers, "generate_password_hash", lambda *args: generated.append(args))
    with pytest.raises(NotSignedIn):
        organisers.authenticate("nobody@example.org", "a long enough password")
    with pytest.raises(NotSignedIn):
        organisers.authenticate("organiser@example.org", "a long enough password")
    stored = db.session.get(Organiser, organiser.organiser_id).password_hash
    dummy, real = checked
    assert real == stored
    assert dummy.split("$")[0] == stored.split("$")[0] == "pbkdf2:sha256:1"
    assert not generated, "nothing is hashed afresh while someone waits to sign in"
