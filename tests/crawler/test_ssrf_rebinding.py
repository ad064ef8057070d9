"""DNS rebinding: the name answers a public address to the SSRF check and a private one to the
connection. The crawl runs in a process whose look-ups are scripted that way; the site on
loopback must never be asked."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

from synth import ids
from tests.crawler.test_crawl import person_page
from tests.eagle_eye.conftest import KEY
from tests.eagle_eye.test_registry import HEADER

PUBLIC = "93.184.216.34"  # what the first look-up says

CRAWL = textwrap.dedent("""
    import socket, sys
    real_getaddrinfo, real_gethostbyname = socket.getaddrinfo, socket.gethostbyname
    def getaddrinfo(host, *args, **kwargs):  # the SSRF check's look-up: a public address
        return real_getaddrinfo("{public}" if host == "rebind.test" else host, *args, **kwargs)
    def gethostbyname(host):  # the connection's look-up, moments later: loopback
        return "127.0.0.1" if host == "rebind.test" else real_gethostbyname(host)
    socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
    sys.argv = ["eagle-eye", "crawl", "--org", "t1"]
    from eagle_eye.cli import main
    main()
""")


def test_when_dns_rebinds_to_loopback_then_the_site_is_never_requested(site, tmp_path):
    site.add("/", person_page("ข่าว", ids.national_id(random.Random(5))), host="rebind.test")
    registry = tmp_path / "orgs.csv"
    registry.write_text(f"{HEADER}\nt1,อบต.ทดสอบ,sao,พิษณุโลก,,http://rebind.test:{site.port}/,,,,\n", encoding="utf-8")
    env = {"EAGLE_EYE_DATA_DIR": str(tmp_path / "data"), "EAGLE_EYE_FINGERPRINT_KEY": KEY, "PATH": "/usr/bin:/bin",
           "EAGLE_EYE_CRAWL_JAVASCRIPT": "0", "EAGLE_EYE_CRAWL_RETRIES": "0", "PYTHAINLP_READ_ONLY": "1",
           "PYTHAINLP_OFFLINE": "1"}
    imported = subprocess.run([sys.executable, "-m", "eagle_eye.cli", "orgs", "import", str(registry)], env=env,
                              capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    run = subprocess.run([sys.executable, "-c", CRAWL.format(public=PUBLIC)], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert site.requests == [], "the crawler connected to loopback after a rebinding look-up"
    assert " 1 errors" in run.stdout  # the refusal is recorded, not silent
