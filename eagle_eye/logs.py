"""Logs for long-running commands: readable lines on a terminal, one JSON object per line
otherwise (containers, systemd, log shippers). Every message goes through detectors.redact, so
a URL or a library's error quoting a number never writes it out."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

from detectors import redact

TEXT_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


def formatter(stream=None) -> logging.Formatter:  # noqa: ANN001
    stream = stream or sys.stderr
    return logging.Formatter(TEXT_FORMAT) if stream.isatty() else JsonFormatter()


def configure(level: str) -> None:
    """Root logging for this process (replaces any handler set before)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter())
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
