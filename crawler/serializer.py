"""How requests are written into the shared queue in Redis: JSON, not scrapy-redis' default
pickle. Whoever can write to Redis could otherwise make every crawl worker run code of their
choosing when it unpickles a "request"; JSON can only ever become data.

scrapy-redis takes this module as SCHEDULER_SERIALIZER: it needs ``dumps`` and ``loads``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

_BYTES = "__bytes__"
#: a dict whose keys are bytes (Scrapy's headers), as a list of [key, value] pairs
_PAIRS = "__pairs__"


def _plain(value: Any) -> Any:  # noqa: ANN401 - whatever Request.to_dict holds
    if isinstance(value, bytes):
        return {_BYTES: base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _plain(v) for k, v in value.items()}
        return {_PAIRS: [[_plain(k), _plain(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"a queued request cannot hold a {type(value).__name__}")


def _decode(obj: dict) -> Any:  # noqa: ANN401
    if len(obj) == 1 and _BYTES in obj:
        return base64.b64decode(obj[_BYTES])
    if len(obj) == 1 and _PAIRS in obj:
        return {k: v for k, v in obj[_PAIRS]}
    return obj


def dumps(obj: dict) -> bytes:
    return json.dumps(_plain(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str) -> dict:
    return json.loads(data, object_hook=_decode)
