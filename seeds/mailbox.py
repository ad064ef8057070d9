"""A local mailbox for the demo: an SMTP server on loopback that files every message it accepts
as ``NNN-<subject>.eml`` (open it in any mail client) plus its HTML part as ``.html`` (open it in
a browser) in one folder.

    python seeds/mailbox.py DIR [--port 8025]     # until Ctrl-C
"""

from __future__ import annotations

import argparse
import re
import socket
import threading
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller


class FolderHandler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._lock:
            number = len(list(self.folder.glob("*.eml"))) + 1
            kind = _slug(str(message["X-Eagle-Eye-Kind"] or "message"))
            incident = message["X-Eagle-Eye-Incident"]
            name = f"{number:03d}-{kind}" + (f"-incident-{_slug(str(incident))}" if incident else "")
            (self.folder / f"{name}.eml").write_bytes(envelope.original_content)
            html = message.get_body(preferencelist=("html",))
            if html is not None:
                (self.folder / f"{name}.html").write_text(html.get_content(), encoding="utf-8")
        return "250 OK"


def _slug(text: str) -> str:
    # ASCII only: Thai vowel marks are not "word" characters and would cut a subject to pieces
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:40] or "message"


def free_port() -> int:
    # aiosmtpd's Controller cannot pick a free port itself (stack notes): ask the OS
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(folder: Path, port: int = 0) -> Controller:
    controller = Controller(FolderHandler(folder), hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return controller


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, default=8025)
    args = parser.parse_args()
    controller = start(args.folder, args.port)
    print(f"mailbox on 127.0.0.1:{controller.port}, filing into {args.folder}; Ctrl-C stops")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        controller.stop()
