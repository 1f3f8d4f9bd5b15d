"""kernel/bidi.isolate: user text as one isolated run, whatever bidi controls it holds."""

from __future__ import annotations

import pytest

from facilitation.kernel.bidi import FSI, PDI, isolate, steers_direction


@pytest.mark.parametrize("text", ["Group 1", "", "Café 🎉", "10:00 Lunch"])
def test_left_to_right_text_is_left_alone(text):
    assert isolate(text) == text
    assert not steers_direction(text)


@pytest.mark.parametrize(
    ("text", "isolated"),
    [
        ("a\u202eb", f"{FSI}a\u202eb{PDI}"),
        ("مرحبا", f"{FSI}مرحبا{PDI}"),
        (f"a{PDI}\u202eb", f"{FSI}a\u202eb{PDI}"),  # a stray pop would close our isolate
        ("a\u2067b", f"{FSI}a\u2067b{PDI}{PDI}"),  # an isolate the text opens is closed
        (f"\u2066x{PDI}", f"{FSI}\u2066x{PDI}{PDI}"),
    ],
)
def test_text_that_steers_direction_is_isolated_and_balanced(text, isolated):
    assert isolate(text) == isolated


def test_none_is_empty():
    assert isolate(None) == ""
