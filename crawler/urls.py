"""URL rules: one canonical form per page, which host belongs to whom, what is an attachment."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that change nothing on the page: tracking, sessions, cache busters.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid",
    "phpsessid", "sid", "sessionid", "jsessionid", "aspsessionid", "cfid", "cftoken", "ref", "share",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "hsa_")

#: File types that are documents to extract, not pages to follow.
ATTACHMENT_EXTENSIONS = frozenset({
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ods", ".odt", ".csv", ".txt", ".rtf",
    ".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".bmp", ".webp",
})
#: Never worth a request: media, archives, executables, styles and scripts.
SKIP_EXTENSIONS = frozenset({
    ".mp3", ".mp4", ".avi", ".mov", ".wmv", ".flv", ".mkv", ".wav", ".ogg", ".webm", ".m4a",
    ".zip", ".rar", ".7z", ".gz", ".tar", ".exe", ".msi", ".apk", ".dmg", ".iso",
    ".css", ".js", ".ico", ".svg", ".woff", ".woff2", ".ttf", ".eot", ".ppt", ".pptx", ".swf",
})
#: PHP templates serve files through scripts: download.php?file=..., index.php?option=com_docman&task=doc_download
_DOWNLOAD_HINT = re.compile(r"download|attach|getfile|file\.php|filedownload|doc_download|dl\.php", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, the rest
    of the query sorted: one URL per page, so duplicates with tracking noise are fetched once."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(sorted(query), doseq=True), ""))


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING_PARAMS or k.startswith(_TRACKING_PREFIXES)


def host_of(url: str) -> str:
    """The host a site is known by: lower case, without a leading 'www.'."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def extension(url: str) -> str:
    path = urlsplit(url).path.lower()
    name = path.rsplit("/", 1)[-1]
    return name[name.rfind("."):] if "." in name else ""


def is_attachment(url: str) -> bool:
    return extension(url) in ATTACHMENT_EXTENSIONS or bool(_DOWNLOAD_HINT.search(urlsplit(url).path + "?" + urlsplit(url).query))


def is_skipped(url: str) -> bool:
    return extension(url) in SKIP_EXTENSIONS


def url_pattern(url: str) -> str:
    """The URL's shape with every number replaced: /calendar?m=2026-11 and ?m=2026-12 share one.
    Many URLs of one shape on one site is how endless calendars and faceted search look."""
    parts = urlsplit(url)
    keys = "&".join(sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True)))
    return f"{parts.hostname}{_DIGITS.sub('#', parts.path)}?{keys}"
