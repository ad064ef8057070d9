"""Many organisations' websites on loopback, for crawl benchmarks (benchmarks/national_scale.py).

Each organisation gets its own address (127.77.x.y, the whole of 127/8 is loopback on Linux) so
the crawler sees one host per organisation, as on the real web. A site is what a Thai local
government publishes: a home page, section lists, news, procurement notices, letters and
complaint registers as HTML pages under one template (menu, footer), and attachments (PDF
allowance lists and procurement summaries, DOCX letters, XLSX tax rolls) linked from its ITA/OIT
page and from some pages; a robots.txt keeping crawlers out of /admin/, a sitemap on half the
sites, and links to neighbouring organisations and to Facebook.

Pages are generated per organisation (their numbers differ from site to site); attachments come
from a pool rendered once and dealt out differently to each site, because rendering a PDF costs
50-100 ms and a national-scale run needs thousands of them.

The server runs in processes of its own (asyncio, aiohttp), optionally holds every response for
a fixed latency (a real site is far away), and counts requests per URL so a benchmark can check
that a shared crawl fetched every page exactly once.
"""

from __future__ import annotations

import asyncio
import html
import multiprocessing as mp
import os
import random
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

#: (section path, link text, page types it holds and their weights)
SECTIONS = (
    ("news", "ข่าวประชาสัมพันธ์", (("news", 1),)),
    ("procurement", "ประกาศจัดซื้อจัดจ้าง", (("procurement", 1),)),
    ("announce", "ประกาศและหนังสือราชการ", (("letter", 3), ("complaint_register", 2))),
)
#: attachment kinds and weights: what local governments attach most
ATTACHMENT_KINDS = (("pdf", "allowance_list", 3), ("pdf", "procurement", 2), ("docx", "letter", 2), ("xlsx", "tax_roll", 3))
LAST_MODIFIED = "Mon, 03 Nov 2025 02:00:00 GMT"


def address(index: int) -> str:
    return f"127.77.{index // 250}.{index % 250 + 1}"


@dataclass
class Site:
    org_id: str
    name: str
    address: str
    #: path with query, as requested -> (content type, body)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    pages: int = 0
    attachments: int = 0

    def documents(self) -> list[str]:
        """What a crawl should fetch: every page and attachment (not robots.txt or the sitemap)."""
        return [p for p in self.files if p not in ("/robots.txt", "/sitemap.xml")]


def attachment_pool(size: int, *, seed: int, scan_share: float = 0.0) -> list[tuple[str, str, bytes]]:
    """``size`` rendered attachments: (extension, content type, body)."""
    from synth.content import make_document
    from synth.render import content_type, render

    rng = random.Random(seed)
    kinds = [(fmt, doc_type) for fmt, doc_type, weight in ATTACHMENT_KINDS for _ in range(weight)]
    pool = []
    for n in range(size):
        fmt, doc_type = kinds[n % len(kinds)]
        if rng.random() < scan_share:
            fmt, doc = "scan_pdf", make_document(rng, "allowance_list", doc_id=f"s{n}", size="short")
        else:
            doc = make_document(rng, doc_type, doc_id=f"a{n}")
        ext = "pdf" if fmt == "scan_pdf" else fmt
        pool.append((ext, content_type(fmt), render(doc, fmt)))
    return pool


def build_sites(orgs: int, docs: int, *, seed: int = 7, attachment_share: float = 0.3, pool_size: int = 36,
                scan_share: float = 0.0, port: int) -> list[Site]:
    """``orgs`` sites of ``docs`` documents each (pages and attachments), deterministic."""
    pool = attachment_pool(pool_size, seed=seed, scan_share=scan_share)
    names = [f"องค์การบริหารส่วนตำบลทดสอบ{i + 1}" for i in range(orgs)]
    sites = []
    for i in range(orgs):
        site = Site(org_id=f"S{i + 1:05d}", name=names[i], address=address(i))
        neighbours = [(names[j], f"http://{address(j)}:{port}/") for j in ((i + 1) % orgs, (i + 2) % orgs) if j != i]
        _fill(site, docs, attachment_share, pool, random.Random(seed * 100_003 + i), neighbours, sitemap=i % 2 == 0)
        sites.append(site)
    return sites


def _fill(site: Site, docs: int, attachment_share: float, pool: list, rng: random.Random,
          neighbours: list[tuple[str, str]], *, sitemap: bool) -> None:
    from synth.content import make_document
    from synth.render import render

    n_attachments = round(docs * attachment_share)
    n_content = max(len(SECTIONS), docs - n_attachments - 2 - len(SECTIONS))  # home, ITA page, section lists
    attachments = []
    offset = rng.randrange(len(pool))
    for j in range(n_attachments):
        ext, ctype, body = pool[(offset + j) % len(pool)]
        # PHP CMSs serve files through a script; the rest are plain paths
        path = f"/download.php?file={j}.{ext}" if j % 4 == 3 else f"/files/{2568 - j % 3}/{j}.{ext}"
        site.files[path] = (ctype, body)
        attachments.append(path)
    by_section: dict[str, list[str]] = {s: [] for s, _, _ in SECTIONS}
    for k in range(n_content):
        section, _, types = SECTIONS[k % len(SECTIONS)]
        by_section[section].append(f"/{section}/{k // len(SECTIONS) + 1}.html")
    # every page's sidebar shows the latest items of each section, as CMS templates do: most
    # links a crawler meets are ones it has seen before
    latest = [p for paths in by_section.values() for p in paths[-5:]]
    for section, title, types in SECTIONS:
        paths = by_section[section]
        weighted = [t for t, w in types for _ in range(w)]
        for n, path in enumerate(paths):
            doc = make_document(rng, rng.choice(weighted), doc_id=f"{site.org_id}{path}")
            related = [paths[(n + d) % len(paths)] for d in (-1, 1, 2) if len(paths) > 1]
            linked = [attachments[rng.randrange(len(attachments))]] if attachments and rng.random() < 0.35 else []
            site.files[path] = ("text/html; charset=utf-8", _page(site, render(doc, "html"), related + latest, linked))
        site.files[f"/{section}/"] = ("text/html; charset=utf-8", _list_page(site, title, paths))
    site.files["/ita.html"] = ("text/html; charset=utf-8", _list_page(site, "การเปิดเผยข้อมูลสาธารณะ (OIT)", attachments))
    site.files["/"] = ("text/html; charset=utf-8", _home(site, neighbours))
    site.files["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /admin/\n")
    if sitemap:
        urls = "".join(f"<url><loc>http://{site.address}{{port}}{p}</loc></url>" for p in ["/", *sum(by_section.values(), [])])
        site.files["/sitemap.xml"] = ("application/xml", (
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode())
    site.attachments = n_attachments
    site.pages = len(site.documents()) - n_attachments


def _menu(site: Site) -> str:
    items = "".join(f'<li><a href="/{s}/">{html.escape(t)}</a></li>' for s, t, _ in SECTIONS)
    return (f'<div class="header"><a href="/">{html.escape(site.name)}</a><ul class="menu">'
            f'<li><a href="/">หน้าแรก</a></li>{items}<li><a href="/ita.html?utm_source=menu">ITA/OIT</a></li>'
            f'<li><a href="/admin/">ผู้ดูแลระบบ</a></li></ul></div>')


_FOOTER = ('<div class="footer"><p>สำนักงานปลัด โทร. 0 5531 1234 โทรสาร 0 5531 1235</p>'
           '<p><a href="https://www.facebook.com/">Facebook</a> <a href="#top">กลับด้านบน</a></p></div>')


def _page(site: Site, body: bytes, related: list[str], linked: list[str]) -> bytes:
    """A generated document inside the site's template: menu, related links, footer."""
    extra = "".join(f'<li><a href="{p}">อ่านต่อ</a></li>' for p in related)
    extra += "".join(f'<p><a href="{p}">ดาวน์โหลดเอกสารแนบ</a></p>' for p in linked)
    return (body.replace(b"<body>", f"<body>{_menu(site)}".encode(), 1)
            .replace(b"</body>", f'<ul class="related">{extra}</ul>{_FOOTER}</body>'.encode(), 1))


def _list_page(site: Site, title: str, paths: list[str]) -> bytes:
    items = "".join(f'<li><a href="{html.escape(p)}">{html.escape(title)} {n + 1}</a></li>' for n, p in enumerate(paths))
    return _wrap(site, title, f"<ul>{items}</ul>")


def _home(site: Site, neighbours: list[tuple[str, str]]) -> bytes:
    others = "".join(f'<li><a href="{url}">{html.escape(name)}</a></li>' for name, url in neighbours)
    return _wrap(site, site.name, f"<p>หน่วยงานใกล้เคียง</p><ul>{others}</ul>")


def _wrap(site: Site, title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
            f"<body>{_menu(site)}<h1>{html.escape(title)}</h1>{body}{_FOOTER}</body></html>\n").encode()


# ---------------------------------------------------------------------------------- the server


@dataclass
class Traffic:
    """What the server processes saw since the last look."""

    #: (address, path with query) -> requests
    requests: Counter = field(default_factory=Counter)
    first: float = float("inf")
    last: float = float("-inf")
    cpu_s: float = 0.0
    bytes_sent: int = 0
    #: (arrival time, address) of every request, in order of arrival per server process
    arrivals: list[tuple[float, str]] = field(default_factory=list)

    def add(self, other: Traffic) -> None:
        self.requests.update(other.requests)
        self.arrivals = sorted(self.arrivals + other.arrivals)
        self.first, self.last = min(self.first, other.first), max(self.last, other.last)
        self.cpu_s += other.cpu_s
        self.bytes_sent += other.bytes_sent

    def busy_hosts(self, latency_s: float, step_s: float = 0.5) -> float:
        """Mean number of sites with a request in flight, over the span (latency-bound runs)."""
        if not self.arrivals or latency_s <= 0:
            return float("nan")
        counts, t, i, j = [], self.first, 0, 0
        while t < self.last:
            # in flight at t: arrived within the last latency_s
            while j < len(self.arrivals) and self.arrivals[j][0] <= t:
                j += 1
            while i < j and self.arrivals[i][0] < t - latency_s:
                i += 1
            counts.append(len({a for _, a in self.arrivals[i:j]}))
            t += step_s
        return sum(counts) / len(counts)

    @property
    def span_s(self) -> float:
        return self.last - self.first if self.last > self.first else float("nan")


class Servers:
    """``processes`` server processes sharing every site's address and port (SO_REUSEPORT)."""

    def __init__(self, sites: list[Site], port: int, *, latency_s: float, processes: int = 1) -> None:
        # fork: the children inherit the rendered sites instead of pickling megabytes to each
        ctx = mp.get_context("fork")
        self._conns: list[Connection] = []
        self._procs = []
        for _ in range(max(1, processes)):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(sites, port, latency_s, child), daemon=True)
            proc.start()
            child.close()
            self._conns.append(parent)
            self._procs.append(proc)
        for conn in self._conns:
            if conn.recv() != "ready":
                raise RuntimeError("a site server failed to start")

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._procs]

    def set_latency(self, latency_s: float) -> None:
        for conn in self._conns:
            conn.send(("latency", latency_s))
            conn.recv()

    def take(self) -> Traffic:
        """The traffic since the last call, all processes together (then cleared)."""
        total = Traffic()
        for conn in self._conns:
            conn.send(("take", None))
            total.add(conn.recv())
        return total

    def close(self) -> None:
        for conn, proc in zip(self._conns, self._procs):
            try:
                conn.send(("stop", None))
            except OSError:
                pass
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()


def _serve(sites: list[Site], port: int, latency_s: float, conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    asyncio.run(_main(sites, port, latency_s, conn))


async def _main(sites: list[Site], port: int, latency_s: float, conn: Connection) -> None:
    from aiohttp import web

    by_address = {s.address: _with_port(s, port) for s in sites}
    state = {"latency": latency_s, "traffic": Traffic(), "cpu0": time.process_time()}
    stop = asyncio.Event()

    async def handle(request: web.BaseRequest) -> web.StreamResponse:
        address = request.transport.get_extra_info("sockname")[0]
        path = request.raw_path
        traffic: Traffic = state["traffic"]
        now = time.time()
        traffic.requests[(address, path)] += 1
        traffic.arrivals.append((now, address))
        traffic.first, traffic.last = min(traffic.first, now), now
        if state["latency"]:
            await asyncio.sleep(state["latency"])
        entry = by_address.get(address, {}).get(path)
        if entry is None:
            return web.Response(status=404, text="not found")
        ctype, body = entry
        traffic.bytes_sent += len(body)
        return web.Response(body=body, headers={"Content-Type": ctype, "Last-Modified": LAST_MODIFIED})

    def command() -> None:
        what, arg = conn.recv()
        if what == "take":
            traffic, state["traffic"] = state["traffic"], Traffic()
            now = time.process_time()
            traffic.cpu_s, state["cpu0"] = now - state["cpu0"], now
            conn.send(traffic)
        elif what == "latency":
            state["latency"] = arg
            conn.send("ok")
        else:
            stop.set()

    runner = web.ServerRunner(web.Server(handle, access_log=None))
    await runner.setup()
    for site in sites:
        # a deep backlog: the default drops connections under a burst, and the client then waits
        # a second for its SYN to be retried, which a benchmark would measure
        await web.TCPSite(runner, site.address, port, reuse_port=True, backlog=1024).start()
    asyncio.get_running_loop().add_reader(conn.fileno(), command)
    conn.send("ready")
    await stop.wait()
    await runner.cleanup()


def _with_port(site: Site, port: int) -> dict[str, tuple[str, bytes]]:
    files = dict(site.files)
    if "/sitemap.xml" in files:
        ctype, body = files["/sitemap.xml"]
        files["/sitemap.xml"] = (ctype, body.replace(b"{port}", f":{port}".encode()))
    return files
