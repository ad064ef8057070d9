"""The demo `make demo` runs: serve the sample websites on loopback, import the sample registry,
crawl every organisation, and show what was found. Needs nothing outside the machine.

    python seeds/demo.py [--data-dir data/demo]

The data dir is emptied first so every run shows a first crawl.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seeds import mailbox  # noqa: E402
from seeds.serve import serve  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "demo")
    parser.add_argument("--port", type=int, default=8000, help="the dashboard's port")
    parser.add_argument("--no-serve", action="store_true",
                        help="stop after the emails (also without a terminal); else serve the dashboard until Ctrl-C")
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("eagle-eye")
    env = {
        **os.environ,
        "EAGLE_EYE_DATA_DIR": str(args.data_dir),
        # the sample sites live on loopback, which a real crawl refuses to visit
        "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
        "EAGLE_EYE_FINGERPRINT_KEY": os.environ.get("EAGLE_EYE_FINGERPRINT_KEY", "eagle-eye-demo-key-not-a-secret"),
        "EAGLE_EYE_LOG_LEVEL": os.environ.get("EAGLE_EYE_LOG_LEVEL", "WARNING"),
        # signs the acknowledge links in the emails; public on purpose, like the fingerprint key
        "EAGLE_EYE_SECRET_KEY": os.environ.get("EAGLE_EYE_SECRET_KEY", "eagle-eye-demo-secret-not-a-secret"),
        "EAGLE_EYE_DASHBOARD_URL": f"http://127.0.0.1:{args.port}",
        "EAGLE_EYE_MAIL_FROM": "Eagle Eye (demo) <eagle-eye@demo.invalid>",
    }
    env.pop("EAGLE_EYE_DATABASE_URL", None)
    shutil.rmtree(args.data_dir, ignore_errors=True)
    mail_dir = args.data_dir / "mailbox"
    try:
        servers = serve(ROOT / "seeds" / "sites")
    except OSError as exc:
        print(f"demo: cannot serve the sample sites ({exc.strerror}); is another demo running?", file=sys.stderr)
        return 2
    smtp = mailbox.start(mail_dir)
    env.update(EAGLE_EYE_SMTP_HOST="127.0.0.1", EAGLE_EYE_SMTP_PORT=str(smtp.port))
    try:
        steps = [
            ("== the registry: seeds/registry.csv", ["orgs", "import", str(ROOT / "seeds" / "registry.csv")]),
            ("== crawling the sample sites (served on 127.0.0.11-14); incidents are opened and emails queued", ["crawl"]),
            ("== what was found (exposed personal identifiers; masked values only)", ["findings", "--format", "table"]),
            ("== incidents, one per organisation", ["incidents", "--format", "table"]),
            (f"== delivering the emails to the demo mailbox (SMTP on 127.0.0.1:{smtp.port})", ["alerts", "send"]),
        ]
        for title, command in steps:
            print(title, flush=True)
            code = subprocess.run([str(exe), *command], env=env, check=False).returncode
            if code > 1:  # 1 from crawl means "exposures found", which is the point of the demo
                return code
    finally:
        for server in servers:
            server.shutdown()
        smtp.stop()
    print(f"== the coordinators' emails are in {mail_dir}:")
    for path in sorted(mail_dir.glob("*.html")):
        print(f"     {path}  (open in a browser; the .eml beside it in a mail client)")
    print(f"== the database is {args.data_dir / 'eagle_eye.db'}; "
          f"EAGLE_EYE_DATA_DIR={args.data_dir} eagle-eye findings --format jsonl exports every finding, "
          "eagle-eye incidents --format csv every incident")
    if args.no_serve or not sys.stdout.isatty():
        # not at a terminal (a script, a test): nobody to press Ctrl-C, so no server left behind
        print(f"== the dashboard is not started without a terminal: EAGLE_EYE_DATA_DIR={args.data_dir} "
              "eagle-eye serve (add a user first: eagle-eye users add NAME --role national_admin)")
        return 0
    return _dashboard(exe, env, args.port)


def _dashboard(exe: Path, env: dict[str, str], port: int) -> int:
    """The dashboard on loopback with a fresh demo login, until Ctrl-C."""
    password = secrets.token_urlsafe(9)
    subprocess.run([str(exe), "users", "add", "demo", "--role", "national_admin", "--name", "ผู้ดูแล (demo)"],
                   env={**env, "EAGLE_EYE_NEW_PASSWORD": password}, check=True, stdout=subprocess.DEVNULL)
    print(f"== the dashboard: http://127.0.0.1:{port}/  user: demo  password: {password}")
    print("   (the acknowledge links in the emails work too; Ctrl-C stops)", flush=True)
    try:
        return subprocess.run([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              check=False).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
