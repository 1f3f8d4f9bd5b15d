"""The browser's event catalogue (static/js/core/events.js) names exactly the server's events.

Both sides spell every Socket.IO name themselves, so nothing but this test notices when one side
gains, loses or renames an event and the other does not.
"""

from __future__ import annotations

import re
from pathlib import Path

from facilitation.kernel import events

EVENTS_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "core" / "events.js"

# Upper-case string constants of the Python catalogue that are not event names.
NOT_EVENT_NAMES = frozenset({"NAMESPACE"})

NAMESPACE_JS = re.compile(r'^export const NAMESPACE = "([^"]*)";$', re.MULTILINE)
EVENTS_BLOCK = re.compile(r"^export const EVENTS = Object\.freeze\(\{\n(.*?)^\}\);$", re.MULTILINE | re.DOTALL)
EVENT_ENTRY = re.compile(r'^\s*([A-Z][A-Z0-9_]*): "([^"]*)",?\s*$')
BROADCASTS_BLOCK = re.compile(r"^export const BROADCASTS = Object\.freeze\(\[\n(.*?)^\]\);$", re.MULTILINE | re.DOTALL)
BROADCAST_ENTRY = re.compile(r"^\s*EVENTS\.([A-Z][A-Z0-9_]*),?\s*$")


def js_source() -> str:
    """The browser catalogue's text."""
    return EVENTS_JS.read_text(encoding="utf-8")


def block_lines(pattern: re.Pattern[str], what: str) -> list[str]:
    """The lines inside one frozen literal of events.js, blank lines and comments left out."""
    found = pattern.search(js_source())
    assert found, f"{EVENTS_JS}: cannot find the {what} block; has its shape changed?"
    lines = [line.strip() for line in found.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("//")]


def js_events() -> dict[str, str]:
    """EVENTS from events.js as {NAME: "value"}; a line that is not `NAME: "value",` fails the test."""
    names: dict[str, str] = {}
    for line in block_lines(EVENTS_BLOCK, "EVENTS = Object.freeze({...})"):
        entry = EVENT_ENTRY.match(line)
        assert entry, f'{EVENTS_JS}: cannot read {line!r} in EVENTS; expected NAME: "value",'
        name, value = entry.groups()
        assert name not in names, f"{EVENTS_JS}: EVENTS.{name} is defined twice"
        names[name] = value
    assert names, f"{EVENTS_JS}: EVENTS is empty"
    return names


def js_broadcasts() -> list[str]:
    """The names listed in BROADCASTS in events.js (each written as EVENTS.NAME)."""
    names = []
    for line in block_lines(BROADCASTS_BLOCK, "BROADCASTS = Object.freeze([...])"):
        entry = BROADCAST_ENTRY.match(line)
        assert entry, f"{EVENTS_JS}: cannot read {line!r} in BROADCASTS; expected EVENTS.NAME,"
        names.append(entry.group(1))
    return names


def python_events() -> dict[str, str]:
    """The Python catalogue's event names: its public upper-case string constants."""
    return {
        name: value
        for name, value in vars(events).items()
        if name.isupper() and not name.startswith("_") and isinstance(value, str) and name not in NOT_EVENT_NAMES
    }


def differences(js: dict[str, str], python: dict[str, str]) -> list[str]:
    """Every name missing on one side or spelt differently, one readable line each."""
    lines = [f"{name} = {python[name]!r} is in events.py but not in events.js" for name in sorted(python.keys() - js)]
    lines += [f"{name} = {js[name]!r} is in events.js but not in events.py" for name in sorted(js.keys() - python)]
    lines += [
        f"{name} is {js[name]!r} in events.js but {python[name]!r} in events.py"
        for name in sorted(js.keys() & python.keys())
        if js[name] != python[name]
    ]
    return lines


def test_both_catalogues_use_the_same_namespace():
    found = NAMESPACE_JS.search(js_source())
    assert found, f"{EVENTS_JS}: cannot find `export const NAMESPACE = ...;`"
    assert found.group(1) == events.NAMESPACE, (
        f"NAMESPACE is {found.group(1)!r} in events.js but {events.NAMESPACE!r} in events.py"
    )


def test_both_catalogues_name_the_same_events_with_the_same_values():
    problems = differences(js_events(), python_events())
    assert not problems, "The JS and Python event catalogues differ:\n" + "\n".join(problems)


def test_both_catalogues_list_the_same_broadcasts():
    js = js_events()
    listed = js_broadcasts()
    unknown = [name for name in listed if name not in js]
    assert not unknown, f"BROADCASTS in events.js names events EVENTS does not define: {unknown}"
    repeated = sorted({name for name in listed if listed.count(name) > 1})
    assert not repeated, f"BROADCASTS in events.js lists these more than once: {repeated}"
    js_values = {js[name] for name in listed}
    python_values = set(events.BROADCASTS)
    only_python, only_js = sorted(python_values - js_values), sorted(js_values - python_values)
    problems = [f"{value!r} is broadcast in events.py but not in events.js" for value in only_python]
    problems += [f"{value!r} is broadcast in events.js but not in events.py" for value in only_js]
    assert not problems, "The JS and Python BROADCASTS differ:\n" + "\n".join(problems)
