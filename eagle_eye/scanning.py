"""``eagle-eye scan``: files and URLs in, detections out, nothing written anywhere.

Files are scanned in supervised worker processes: extraction libraries are C code fed hostile
input, and a crash or a hang in one must cost one file, not the run.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from detectors import DocumentFacts, Engine, MaskingRule, redact
from detectors.base import Detection
from eagle_eye.errors import EagleEyeError, ExtractionError, FetchError
from eagle_eye.workers import Failed, Supervised
from extractors import extract
from extractors.base import Limits

USER_AGENT = "EagleEye-scan/0.1 (+https://github.com/eagle-eye-th; personal-data exposure check)"


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """Everything a worker needs; resolved once in the parent so every worker uses one key."""

    key: bytes
    rule: MaskingRule
    limits: Limits
    fetch_timeout_s: float = 30.0


@dataclass(slots=True)
class FileResult:
    #: the path or URL with any identifier in it masked: safe to print
    source: str
    detections: list[Detection] = field(default_factory=list)
    facts: DocumentFacts = field(default_factory=DocumentFacts)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    error_reason: str | None = None
    media_type: str | None = None
    pages: int = 0

    @property
    def exposures(self) -> list[Detection]:
        return [d for d in self.detections if d.exposure]


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def expand_sources(inputs: Iterable[str]) -> list[str]:
    """Files and URLs to scan, folders walked recursively in a stable order.

    Raises EagleEyeError for a path that does not exist (a usage error).
    """
    out: list[str] = []
    for item in inputs:
        if is_url(item):
            out.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(str(Path(root) / f) for f in sorted(files) if not f.startswith("."))
        elif path.is_file():
            out.append(str(path))
        else:
            raise EagleEyeError(f"no such file or folder: {redact(item)}")
    return out


def fetch_url(url: str, *, max_bytes: int, timeout_s: float) -> tuple[bytes, str | None]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 - http(s) only
            data = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchError(f"could not fetch ({type(exc).__name__})") from None
    if len(data) > max_bytes:
        raise FetchError(f"larger than the {max_bytes // (1024 * 1024)} MB cap")
    return data, content_type


def scan_source(source: str, options: ScanOptions) -> FileResult:
    """Read, extract and scan one file or URL. Never raises for bad input: the error is recorded."""
    result = FileResult(source=redact(source))
    try:
        if is_url(source):
            data, content_type = fetch_url(source, max_bytes=options.limits.max_bytes, timeout_s=options.fetch_timeout_s)
            name = source.split("?", 1)[0].rsplit("/", 1)[-1] or None
        else:
            path = Path(source)
            if path.stat().st_size > options.limits.max_bytes:
                raise ExtractionError("larger than the file size cap", reason="too_large")
            data, content_type, name = path.read_bytes(), None, path.name
    except EagleEyeError as exc:
        result.error = str(exc)
        result.error_reason = getattr(exc, "reason", "fetch")
        return result
    except OSError as exc:  # unreadable file: permissions, a vanished file, an I/O error
        result.error = f"cannot read the file ({exc.strerror or type(exc).__name__})"
        result.error_reason = "unreadable"
        return result
    return scan_bytes(data, options, source=result.source, filename=name, content_type=content_type)


def scan_bytes(data: bytes, options: ScanOptions, *, source: str, filename: str | None = None,
               content_type: str | None = None) -> FileResult:
    """Extract and scan one file's bytes (``source`` is only a label, already masked).
    Never raises for bad input: the error is recorded."""
    result = FileResult(source=source)
    try:
        extraction = extract(data, filename=filename, content_type=content_type, limits=options.limits)
    except EagleEyeError as exc:
        result.error = str(exc)
        result.error_reason = getattr(exc, "reason", "unreadable")
        return result
    except Exception as exc:  # noqa: BLE001 - a hostile file must cost one file, not the run
        # Third-party messages may quote the document: mask anything number-like.
        result.error = redact(f"unexpected {type(exc).__name__}: {exc}")[:300]
        result.error_reason = "unreadable"
        return result
    scan = Engine(key=options.key, rule=options.rule).scan(extraction.pages)
    result.detections = scan.detections
    result.facts = scan.facts
    result.notes = [*extraction.warnings, *scan.notes]
    result.media_type = extraction.media_type
    result.pages = len(extraction.pages)
    return result


#: Wall-clock grace beyond the cooperative extraction deadline before a worker is killed.
HARD_LIMIT_GRACE_S = 30.0


def scan_sources(sources: list[str], options: ScanOptions, *, jobs: int = 1) -> Iterator[FileResult]:
    """Scan in input order, each file in a worker process that is killed if it crashes or hangs.

    The extractors check their deadline between pages; a hostile file can still hang inside one
    library call, so the parent also enforces a hard limit.
    """
    supervised = Supervised(
        partial(scan_source, options=options),
        workers=jobs,
        limit_s=options.limits.timeout_s + HARD_LIMIT_GRACE_S,
    )
    for source, result in zip(sources, supervised.map(sources)):
        if isinstance(result, Failed):
            message = "the reader crashed on this file" if result.reason == "crash" else "reading took too long"
            yield FileResult(source=redact(source), error=message, error_reason=result.reason)
        else:
            yield result
