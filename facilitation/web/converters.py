"""URL converters: an id in a path is a database id, or the path matches no route."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

from facilitation.kernel.payloads import INT64_MAX


def up_to(bound: int) -> str:
    """A regular expression for the numbers 1 … bound written without leading zeros.

    The range is in the pattern, not only checked after matching: werkzeug counts a path that a rule's
    pattern matched under another method as a 405, even when the id then fails the range check.
    """
    digits = str(bound)
    shorter = f"[1-9][0-9]{{0,{len(digits) - 2}}}" if len(digits) > 1 else ""
    same_length = []
    for i, top in enumerate(digits):
        rest = len(digits) - i - 1
        low = "1" if i == 0 else "0"
        if int(top) > int(low):
            same_length.append(f"{digits[:i]}[{low}-{int(top) - 1}][0-9]{{{rest}}}")
    same_length.append(digits)
    return "(?:" + "|".join(filter(None, [shorter, *same_length])) + ")"


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: ASCII digits for a number from 1 to 2^63 - 1, what a database id can be.

    Anything else (2^63 and above, which SQLite cannot hold, 0, leading zeros, other scripts' digits)
    matches no route, so it is the usual 404 before any handler or lookup runs.
    """

    regex = up_to(INT64_MAX)

    def __init__(self, map, fixed_digits: int = 0, min: int = 1, max: int | None = INT64_MAX, signed: bool = False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register_converters(app) -> None:
    """Replace Flask's `int` converter; call before any blueprint adds its rules (rules bind at add time)."""
    app.url_map.converters["int"] = IdConverter
