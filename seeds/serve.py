"""Serve the sample websites on loopback, one address per organisation (see seeds/registry.csv).

    python seeds/serve.py [--port 8711] [--root seeds/sites]

Only loopback addresses are bound: nothing is reachable from outside the machine.
"""

from __future__ import annotations

import argparse
import mimetypes
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seeds.make_sites import FILE_HOST, ORGS, PORT  # noqa: E402

_TYPES = {
    ".tis620.html": "text/html; charset=TIS-620",  # declared only in the header, as many Thai sites do
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class Handler(SimpleHTTPRequestHandler):
    def guess_type(self, path) -> str:  # noqa: ANN001
        name = str(path)
        for suffix, content_type in _TYPES.items():
            if name.endswith(suffix):
                return content_type
        return mimetypes.guess_type(name)[0] or "application/octet-stream"

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def serve(root: Path, port: int = PORT) -> list[ThreadingHTTPServer]:
    """Start one server per site in background threads; the caller shuts them down."""
    servers = []
    sites = {ip: root / org_id for org_id, (_, ip) in ORGS.items()} | {FILE_HOST: root / "file-host"}
    for ip, folder in sites.items():
        server = ThreadingHTTPServer((ip, port), partial(Handler, directory=str(folder)))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent / "sites")
    args = parser.parse_args()
    try:
        servers = serve(args.root, args.port)
    except OSError as exc:
        raise SystemExit(f"cannot serve the sample sites on port {args.port}: {exc.strerror}") from None
    print(f"serving {len(servers)} sample sites on 127.0.0.11-14:{args.port}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
