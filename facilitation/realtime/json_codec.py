"""The JSON python-socketio encodes every packet with: orjson, with the standard library behind it.

A broadcast is serialised once per emit (python-socketio reuses the packet for every recipient), but that
once ran through Flask's JSON provider, which sorts keys and escapes non-ASCII. orjson does the same job
several times faster. Decoding falls back to the standard library for what orjson refuses (integers past
64 bits, NaN): a client's odd payload is then judged by the payload checks, as before, not dropped here.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

OPTIONS = orjson.OPT_NON_STR_KEYS


class FastJSON:
    """A json-module look-alike (dumps/loads), as python-socketio's `json` option expects."""

    @staticmethod
    def dumps(obj: Any, *_args: Any, **_kwargs: Any) -> str:
        try:
            return orjson.dumps(obj, option=OPTIONS).decode()
        except TypeError:
            return json.dumps(obj, separators=(",", ":"), default=str)

    @staticmethod
    def loads(text: str | bytes, *_args: Any, **_kwargs: Any) -> Any:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            return json.loads(text)
