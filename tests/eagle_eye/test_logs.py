"""Logs: JSON lines off a terminal, and never a raw number."""

from __future__ import annotations

import io
import json
import logging

from eagle_eye.logs import JsonFormatter, RedactingFilter, formatter


def test_when_not_a_terminal_then_one_json_object_per_line_with_numbers_masked():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter(stream))
    handler.addFilter(RedactingFilter())
    log = logging.getLogger("eagle_eye.test_logs")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("fetched %s", "https://x.go.th/list-1101700203451.pdf")
    finally:
        log.removeHandler(handler)
    [line] = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert isinstance(handler.formatter, JsonFormatter)
    assert (entry["level"], entry["logger"]) == ("warning", "eagle_eye.test_logs")
    assert "1101700203451" not in line and "list-" in entry["message"]


def test_when_a_terminal_then_readable_lines():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not isinstance(formatter(Tty()), JsonFormatter)
