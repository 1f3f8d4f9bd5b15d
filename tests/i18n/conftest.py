"""An app whose English is the pseudo-locale (tests/support/pseudo_locale.py), for the page check."""

from __future__ import annotations

import pytest

from tests.support.apps import build_app, fresh_test_context
from tests.support.pseudo_locale import build_pseudo_catalogues


@pytest.fixture(scope="module")
def pseudo_module_app(tmp_path_factory, migrated_database):
    catalogues = build_pseudo_catalogues(tmp_path_factory.mktemp("pseudo-translations"))
    # Only the pseudo catalogues: "en" is then the pseudo-locale, and nothing else is offered.
    return build_app(
        tmp_path_factory.mktemp("pseudo") / "instance",
        BABEL_TRANSLATION_DIRECTORIES=str(catalogues),
        LANGUAGES=("en",),
    )


@pytest.fixture
def pseudo_app(pseudo_module_app, migrated_database):
    with fresh_test_context(pseudo_module_app, migrated_database) as app:
        yield app
