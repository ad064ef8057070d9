"""Sample sites served on loopback by the tests themselves, one scripted route table per test.

One server answers for several loopback addresses: 127.0.0.1 is the organisation under test,
127.0.0.2 another registered organisation, 127.0.0.3 a site nobody registered. Every request is
recorded, so a test can say what was (never) asked for.
"""

from __future__ import annotations

import select
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.eagle_eye.conftest import eagle_eye
from tests.eagle_eye.test_registry import HEADER

ORG_HOST, OTHER_ORG_HOST, OFFSITE_HOST = "127.0.0.1", "127.0.0.2", "127.0.0.3"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    #: keep writing this many bytes of padding after the body (a huge file)
    stream_bytes: int = 0
    #: answer this much later (a slow site)
    delay_s: float = 0.0
    #: what the padding is made of, repeated (default: the digit zero)
    stream_chunk: bytes = b""
    #: the Content-Length to claim, whatever is really sent (a streamed file that says it is huge)
    content_length: int | None = None
    #: after the headers and the body, one byte every this many seconds, for ever (slow-loris)
    drip_s: float = 0.0
    #: take the request, then never answer a single byte (a server that hangs)
    mute: bool = False
    #: answer only once this is set (or the test ends): a site that waits on the test's cue
    hold: threading.Event | None = None


class Site:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Route] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.port = 0
        #: bytes of body each path was sent before the client went away or the body ended
        self.sent: dict[str, int] = {}
        #: set when the test ends: endless answers stop even if the client never hangs up
        self.closed = threading.Event()

    def url(self, path: str, host: str = ORG_HOST) -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", *, host: str = ORG_HOST, **kwargs) -> None:  # noqa: ANN003
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[(host, path)] = Route(data, **kwargs)

    def requested(self, path: str | None = None, host: str = ORG_HOST) -> list[str]:
        with self.lock:
            return [p for h, p, _ in self.requests if h == host and (path is None or p == path)]

    def hosts_requested(self) -> set[str]:
        with self.lock:
            return {h for h, _, _ in self.requests}


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            host = self.headers.get("Host", "").rsplit(":", 1)[0]
            with site.lock:
                site.requests.append((host, self.path, dict(self.headers)))
            route = site.routes.get((host, self.path))
            if route is not None and route.hold is not None:
                while not route.hold.wait(0.1) and not site.closed.is_set():
                    pass
            if route is not None and route.delay_s:
                time.sleep(route.delay_s)
            if route is not None and route.mute:
                self._wait_for_hang_up()
                return
            if route is None:
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"not found")
                return
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(route.status)
            for k, v in route.headers.items():
                self.send_header(k, v)
            if route.content_length is not None:
                self.send_header("Content-Length", str(route.content_length))
            elif not route.stream_bytes and not route.drip_s:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                self._send(route.body)
                chunk = route.stream_chunk or b"0" * 65536
                for _ in range(route.stream_bytes // len(chunk)):
                    if site.closed.is_set():
                        return
                    self._send(chunk)
                while route.drip_s and not site.closed.is_set():
                    time.sleep(route.drip_s)
                    self._send(b" ")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler stopped reading past its cap, as it should

        def _send(self, data: bytes) -> None:
            self.wfile.write(data)
            self.wfile.flush()
            with site.lock:
                site.sent[self.path] = site.sent.get(self.path, 0) + len(data)

        def _wait_for_hang_up(self) -> None:
            while not site.closed.is_set():
                readable, _, _ = select.select([self.connection], [], [], 0.2)
                try:
                    if readable and not self.connection.recv(4096):
                        return  # the client gave up and closed the connection
                except OSError:
                    return  # ... or reset it

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    return Handler


@pytest.fixture
def site():
    s = Site()
    server = ThreadingHTTPServer(("0.0.0.0", 0), _handler(s))
    server.daemon_threads = True
    s.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    s.closed.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def org_env(tmp_path, site):
    """A registry with the organisation under test and another registered organisation."""
    registry = tmp_path / "orgs.csv"
    registry.write_text(
        f"{HEADER}\n"
        f"t1,อบต.ทดสอบ,sao,พิษณุโลก,วังทอง,{site.url('/')},สมศรี,pdpa@t1.go.th,,\n"
        f"t2,อบต.ข้างเคียง,sao,พิษณุโลก,วังทอง,{site.url('/', OTHER_ORG_HOST)},,,,\n",
        encoding="utf-8",
    )
    env = {
        "EAGLE_EYE_DATA_DIR": str(tmp_path / "data"),
        "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
        "EAGLE_EYE_CRAWL_MAX_URLS_PER_PATTERN": "5",
        "EAGLE_EYE_MAX_FILE_BYTES": str(1024 * 1024),
        "EAGLE_EYE_CRAWL_WORKERS": "2",
    }
    assert eagle_eye("orgs", "import", str(registry), env=env).code == 0
    return env
