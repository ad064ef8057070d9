"""Crawl throughput, side by side in one run: the full pipeline against a bare Scrapy spider.

    python benchmarks/crawl_speed.py [--pages 2000] [--attachments 200] [--rounds 3]

Serves a generated loopback site (Thai local-government pages from the corpus generator, and
PDF/DOCX/XLSX attachments) from a separate process and crawls it twice per phase:

* bare Scrapy  - a spider that only fetches and follows the same links, with the same Scrapy
                 settings (robots.txt, AutoThrottle, per-host concurrency), nothing stored;
* Eagle Eye    - ``eagle-eye crawl``: scope and SSRF policy, extraction and detection in worker
                 processes, every document and finding stored in SQLite as it comes.

Phase 1 is HTML pages only (the target: the full pipeline at >= 80% of the bare rate), phase 2
attachments; each phase runs bare and full in turn, ``--rounds`` times, and reports the medians.
The crawl process's own CPU per document is read from /proc over the same span. Peak memory is the largest sum of resident memory over the crawl's process tree.
Then a projection of the wall time for 7,850 organisations x 1,000 documents.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from benchmarks.proctree import descendants  # noqa: E402 - after the path is set

HOST = "127.0.0.21"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PER_SECTION = 50


def build_site(root: Path, pages: int, attachments: int, seed: int = 3) -> None:
    from synth.content import make_document
    from synth.render import render

    rng = random.Random(seed)
    bodies = [render(make_document(rng, rng.choice(("news", "letter", "procurement")), doc_id=f"p{i}"), "html")
              for i in range(60)]
    sections = (pages + PER_SECTION - 1) // PER_SECTION
    (root / "html" / "section").mkdir(parents=True)
    (root / "html" / "page").mkdir(parents=True)
    (root / "html" / "index.html").write_text(
        "".join(f'<a href="/section/{k}.html">ส่วนที่ {k}</a>\n' for k in range(sections)), encoding="utf-8")
    for k in range(sections):
        links = "".join(f'<a href="/page/{i}.html">หน้า {i}</a>\n' for i in range(k * PER_SECTION, min(pages, (k + 1) * PER_SECTION)))
        (root / "html" / "section" / f"{k}.html").write_text(links, encoding="utf-8")
    for i in range(pages):
        # the same realistic bodies, each page made its own by a line and links to its neighbours
        extra = f'<p>หน้า {i}</p><a href="/page/{(i + 1) % pages}.html">ถัดไป</a><a href="/page/{(i + 7) % pages}.html">ข่าวอื่น</a>'
        (root / "html" / "page" / f"{i}.html").write_bytes(bodies[i % len(bodies)].replace(b"</body>", extra.encode() + b"</body>"))
    files = root / "files"
    (files / "f").mkdir(parents=True)
    kinds = (("pdf", "allowance_list"), ("docx", "letter"), ("xlsx", "tax_roll"))
    rendered = [(fmt, render(make_document(rng, doc_type, doc_id=f"a{j}"), fmt)) for j, (fmt, doc_type) in
                enumerate(kinds[j % 3] for j in range(30))]
    links = []
    for j in range(attachments):
        fmt, data = rendered[j % len(rendered)]
        (files / "f" / f"{j}.{fmt}").write_bytes(data)
        links.append(f'<a href="/f/{j}.{fmt}">เอกสาร {j}</a>')
    (files / "index.html").write_text("\n".join(links), encoding="utf-8")


SERVER = textwrap.dedent("""
    import sys, threading, time
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    lock, log = threading.Lock(), open(sys.argv[4], "a", buffering=1)
    class H(SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
        def do_GET(self):
            with lock:  # when each request arrived: the crawl's own pace, without process start-up
                log.write(f"{time.time()}\\n")
            super().do_GET()
    class Server(ThreadingHTTPServer):
        # socketserver's default backlog of 5 drops connections under 8 concurrent requests:
        # the client then waits a second for the SYN retry, and the benchmark measures that
        request_queue_size = 1024
    server = Server((sys.argv[1], int(sys.argv[2])), partial(H, directory=sys.argv[3]))
    print("ready", flush=True)
    server.serve_forever()
""")

BARE = textwrap.dedent("""
    import sys, json, scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.http import HtmlResponse
    from urllib.parse import urlsplit
    start, settings = sys.argv[1], json.loads(sys.argv[2])
    host = urlsplit(start).hostname
    class Bare(scrapy.Spider):
        name = "bare"
        async def start(self):
            yield scrapy.Request(start)
        def parse(self, response):
            if not isinstance(response, HtmlResponse):
                return
            for href in response.css("a::attr(href)").getall():
                url = response.urljoin(href)
                if urlsplit(url).hostname == host:
                    yield scrapy.Request(url)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    process.start()
    print(json.dumps({"responses": crawler.stats.get_value("response_received_count", 0)}))
""")


class ProcessWatch:
    """Every 50 ms: the largest sum of VmRSS over a process and its descendants, and the CPU time
    of the process itself (the crawl's Scrapy process: the one that must keep up with the site)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        #: (wall time, CPU seconds of the process itself)
        self.cpu: list[tuple[float, float]] = []
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        tree, walked = [self.pid], 0.0
        while not self._stop.wait(0.05):
            if time.monotonic() - walked > 0.5:
                # walking all of /proc every 50 ms would take a good part of a core from the
                # crawls it measures; the tree changes only when a worker is replaced
                tree, walked = [self.pid, *descendants(self.pid)], time.monotonic()
            total = 0
            for pid in tree:
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1]) * 1024
                except OSError:
                    pass
            self.peak = max(self.peak, total)
            try:
                fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
                self.cpu.append((time.time(), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS))
            except (OSError, IndexError, ValueError):
                pass

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def cpu_between(self, start: float, end: float) -> float:
        """CPU seconds the process spent from ``start`` to ``end`` (wall-clock times)."""
        def at(t: float) -> float:
            return min(self.cpu, key=lambda sample: abs(sample[0] - t))[1] if self.cpu else float("nan")
        return at(end) - at(start)


@dataclass
class Run:
    name: str
    wall_s: float
    fetched: int
    span_s: float
    cpu_s: float  # the crawl process's own CPU over the span
    peak_rss: int

    @property
    def wall_rate(self) -> float:
        return self.fetched / self.wall_s

    @property
    def rate(self) -> float:
        return self.fetched / self.span_s

    @property
    def cpu_ms(self) -> float:
        return self.cpu_s / self.fetched * 1000


def timed(cmd: list[str], env: dict[str, str], requests_log: Path) -> tuple[float, ProcessWatch, str, tuple[float, float, int]]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    watch = ProcessWatch(proc.pid)
    out, _ = proc.communicate()
    seconds = time.perf_counter() - started
    watch.stop()
    return seconds, watch, out, _requests(requests_log)


def crawl_settings() -> dict:
    from crawler.process import scrapy_settings
    from eagle_eye.settings import Settings

    s = scrapy_settings(Settings(crawl_concurrency_per_host=8, crawl_javascript=False), None)
    keep = ("USER_AGENT", "ROBOTSTXT_OBEY", "AUTOTHROTTLE_ENABLED", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
            "AUTOTHROTTLE_TARGET_CONCURRENCY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_TIMEOUT",
            "RETRY_TIMES", "DOWNLOAD_MAXSIZE", "DEPTH_LIMIT", "REMOTE_CONTROL_ENABLED", "TELNETCONSOLE_ENABLED")
    return {**{k: s[k] for k in keep}, "LOG_LEVEL": "WARNING"}


def run_phase(name: str, site_dir: Path, port: int, start_path: str, work: Path, rounds: int) -> list[list[Run]]:
    """``rounds`` times bare Scrapy then Eagle Eye, against one site server: on a noisy machine
    neighbouring runs meet the same conditions, and the medians say more than one pair."""
    import json

    requests_log = work / f"{name}.requests"
    server = subprocess.Popen([sys.executable, "-c", SERVER, HOST, str(port), str(site_dir), str(requests_log)],
                              stdout=subprocess.PIPE, text=True)
    assert server.stdout.readline().strip() == "ready"
    bare_runs, full_runs = [], []
    try:
        start = f"http://{HOST}:{port}{start_path}"
        registry = work / f"{name}.csv"
        registry.write_text("org_id,name,org_type,province,district,website,coordinator_name,coordinator_email,"
                            f"coordinator_phone,province_coordinator_email\nb1,อบต.ทดสอบ,sao,พิษณุโลก,,{start},,,,\n",
                            encoding="utf-8")
        exe = str(Path(sys.executable).with_name("eagle-eye"))
        for k in range(rounds):
            seconds, watch, out, (first, last, n) = timed(
                [sys.executable, "-c", BARE, start, json.dumps(crawl_settings())], dict(os.environ), requests_log)
            fetched = json.loads(out.strip().splitlines()[-1])["responses"]
            bare_runs.append(Run(f"{name}: bare Scrapy", seconds, fetched, last - first,
                                 watch.cpu_between(first, last), watch.peak))
            env = {**os.environ, "EAGLE_EYE_DATA_DIR": str(work / f"{name}-{k}"), "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
                   "EAGLE_EYE_FINGERPRINT_KEY": "bench", "EAGLE_EYE_LOG_LEVEL": "WARNING",
                   "EAGLE_EYE_CRAWL_CONCURRENCY_PER_HOST": "8",
                   "EAGLE_EYE_CRAWL_MAX_URLS_PER_PATTERN": "100000"}
            subprocess.run([exe, "orgs", "import", str(registry)], env=env, check=True, capture_output=True)
            seconds, watch, out, (first, last, n) = timed([exe, "crawl"], env, requests_log)
            parts = next(ln for ln in out.splitlines() if ln.strip().startswith("b1")).split()
            fetched = int(parts[1]) + int(parts[3])
            full_runs.append(Run(f"{name}: Eagle Eye (full)", seconds, fetched, last - first,
                                 watch.cpu_between(first, last), watch.peak))
            print(f"  {name}, round {k + 1}: bare {bare_runs[-1].rate:.0f}/s, Eagle Eye {full_runs[-1].rate:.0f}/s "
                  f"({full_runs[-1].rate / bare_runs[-1].rate:.0%}) while crawling", flush=True)
    finally:
        server.terminate()
        server.wait()
    return [bare_runs, full_runs]


def _requests(requests_log: Path) -> tuple[float, float, int]:
    """First and last request the server saw since the last call (then cleared), and how many."""
    times = [float(t) for t in requests_log.read_text().split()]
    requests_log.write_text("")
    return (min(times), max(times), len(times)) if times else (float("nan"), float("nan"), 0)


def median_run(runs: list[Run]) -> Run:
    """The run with the median crawling rate: its other figures come from the same run."""
    return sorted(runs, key=lambda r: r.rate)[len(runs) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--attachments", type=int, default=200)
    ap.add_argument("--port", type=int, default=8721)
    ap.add_argument("--workers", type=int, default=0, help="extraction processes (0: one per CPU)")
    ap.add_argument("--rounds", type=int, default=3, help="bare/full pairs per phase, run in turn (medians reported)")
    args = ap.parse_args()
    if args.workers:
        os.environ["EAGLE_EYE_CRAWL_WORKERS"] = str(args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build_site(work / "site", args.pages, args.attachments)
        phases = [("HTML pages", run_phase("HTML pages", work / "site" / "html", args.port, "/", work, args.rounds)),
                  ("attachments", run_phase("attachments", work / "site" / "files", args.port, "/index.html", work,
                                            args.rounds))]
    print(f"\nMedian of {args.rounds} rounds (the run with the median crawling rate):")
    print(f"{'crawl':<30} {'fetched':>8} {'wall s':>7} {'per s':>7} {'vs bare':>8} {'crawling s':>11} "
          f"{'per s':>7} {'vs bare':>8} {'CPU ms/doc':>11} {'peak RSS':>9}")
    for _, (bare_runs, full_runs) in phases:
        bare = median_run(bare_runs)
        for run in (bare, median_run(full_runs)):
            print(f"{run.name:<30} {run.fetched:8d} {run.wall_s:7.1f} {run.wall_rate:7.1f} "
                  f"{run.wall_rate / bare.wall_rate:7.0%} {run.span_s:11.1f} {run.rate:7.1f} "
                  f"{run.rate / bare.rate:7.0%} {run.cpu_ms:11.2f} {run.peak_rss / 2**20:7.0f} MB")
    for name, (bare_runs, full_runs) in phases:
        pairs = sorted(f.rate / b.rate for b, f in zip(bare_runs, full_runs))
        print(f"{name}, Eagle Eye vs bare while crawling, each round: {', '.join(f'{p:.0%}' for p in pairs)}")
    print("wall: the whole command, start-up included; crawling: first to last request the site saw;\n"
          "CPU ms/doc: the crawl process's own CPU while crawling (extraction workers not included).")
    project(median_run(phases[0][1][1]).wall_rate, median_run(phases[1][1][1]).wall_rate)


def project(html_rate: float, att_rate: float, *, orgs: int = 7850, docs: int = 1000, attachment_share: float = 0.3,
            per_host: int = 2, latency_s: float = 0.8, concurrency: int = 32) -> None:
    """Wall time of a full crawl: the slower of what the CPU allows (the measured rates) and what
    politeness allows (each host gets ``per_host`` requests at a time, each taking ``latency_s``;
    one crawl process keeps ``concurrency`` requests in flight, so concurrency/per_host hosts)."""
    cpu_s_per_doc = (1 - attachment_share) / html_rate + attachment_share / att_rate
    print(f"\nProjection: {docs:,} documents per organisation ({attachment_share:.0%} attachments), "
          f"{per_host} requests per host at a time, {latency_s} s per response from a real site, "
          f"{concurrency} requests in flight per crawl process (EAGLE_EYE_CRAWL_CONCURRENCY):")
    for label, n_orgs, workers_list in (("one province (~102 organisations)", round(orgs / 77), (1,)),
                                        (f"the country ({orgs:,} organisations)", orgs, (1, 4, 8, 16))):
        total = n_orgs * docs
        polite_s = total * latency_s / per_host / (concurrency // per_host)
        for workers in workers_list:
            cpu_h = total * cpu_s_per_doc / workers / 3600
            polite_h = polite_s / workers / 3600
            print(f"  {label}, {workers:>2} crawl process(es): CPU bound {cpu_h:6.1f} h, politeness bound "
                  f"{polite_h:6.1f} h -> {max(cpu_h, polite_h):6.1f} h per full crawl")
    print("  A crawl process with its extraction workers used about 1.5 cores here. Raising\n"
          "  EAGLE_EYE_CRAWL_CONCURRENCY lowers the politeness bound (more hosts at once, each still\n"
          "  polite); re-crawls skip unchanged attachments (304 or same hash), so they cost less.")


if __name__ == "__main__":
    main()
