"""National scale, measured: the shared crawl with 1, 2 and 4 crawl processes on one machine.

    python benchmarks/national_scale.py [--orgs 40] [--docs 60] [--workers 1,2,4] [--latency-ms 0,800]

Serves ``--orgs`` generated local-government sites on loopback (benchmarks/loadgen.py: one
address per organisation, HTML pages under a CMS template, 30% PDF/DOCX/XLSX attachments,
identifiers planted), imports them as the registry into a fresh PostgreSQL database, and for each
response latency and each K crawls them all with ``eagle-eye crawl`` plus K-1 ``eagle-eye crawl
--join`` processes sharing Redis and PostgreSQL, as a deployment does.

Measured per run: wall time (start-up and the idle tail included) and the crawling span (first
to last request the sites saw); pages, attachments, documents and findings per second over the
span; peak memory of each crawl process's tree (its extraction workers, fork server and
Playwright driver included) and CPU time per part, sampled from /proc every 0.2 s; CPU of the
site server, of PostgreSQL (this database's backends and the background writers) and of Redis;
the database size per million findings; the projected time of a national crawl (7,850
organisations x 1,000 documents). Checked per run: every organisation's every document stored,
every URL fetched exactly once across processes (the server counts requests per URL), the same
findings whatever K. Writes the tables to ``--out`` too.

Latency 0 measures what the machine can process (CPU bound); a latency models sites that are far
away, where a crawl process waits and more processes help even on a small machine. Steady figures
(the projection's model) come from the middle of each crawl, 20% to 90% of its documents stored:
keep crawls to tens of seconds at least (the default takes 5-8 minutes on a 2-core machine), or a
joining process's start-up falls inside that window. ``--from-saved`` prints the last run's tables
again. The home page is fetched twice per site (its start URL is queued past the dupefilter, its
menu links it again): the check allows that.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from benchmarks.loadgen import Servers, Site, Traffic, build_sites  # noqa: E402

NATIONAL_ORGS, NATIONAL_DOCS = 7850, 1000
EAGLE_EYE = str(Path(sys.executable).with_name("eagle-eye"))
CURRENT_KEY = "eagle_eye:crawl:current"  # crawler.shared.CURRENT: the published crawl
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


# --------------------------------------------------------------------------- /proc sampling


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(comm, CPU ticks, RSS bytes) of a live process, or None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = raw[raw.index("(") + 1:raw.rindex(")")]
    rest = raw[raw.rindex(")") + 2:].split()
    return comm, int(rest[11]) + int(rest[12]), int(rest[21]) * PAGE


def _children(pid: int) -> list[int]:
    out = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            out += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    return out


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def _find(comm: str) -> int | None:
    """The oldest process of that name whose parent is not one (a server's main process)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))) and st[0] == comm:
            with contextlib.suppress(OSError):
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
                if (_stat(ppid) or ("",))[0] != comm:
                    found.append(int(entry))
    return min(found) if found else None


@dataclass
class TreeUsage:
    """One crawl process and its descendants."""

    peak_rss: int = 0
    #: pid -> part (the crawl process itself, "readers": its extraction workers and fork server,
    #: "browser": the Playwright driver) and its CPU ticks as sampled: [(time, ticks)]
    cpu: dict[int, tuple[str, list[tuple[float, int]]]] = field(default_factory=dict)

    def cpu_s(self, part: str | None = None, window: tuple[float, float] | None = None) -> float:
        """CPU seconds of a part, within a window of wall-clock time if given (start-up excluded)."""
        return sum(_within(samples, window) for p, samples in self.cpu.values() if part is None or p == part) / TICK


def _within(samples: list[tuple[float, int]], window: tuple[float, float] | None) -> float:
    if window is None:
        return samples[-1][1]
    return _ticks_at(samples, window[1]) - _ticks_at(samples, window[0])


def _ticks_at(samples: list[tuple[float, int]], t: float) -> float:
    """CPU ticks at time t, interpolated between samples (0 before the process was seen)."""
    before = [(ts, v) for ts, v in samples if ts <= t]
    after = [(ts, v) for ts, v in samples if ts > t]
    if not before:
        return 0.0
    if not after:
        return before[-1][1]
    (t0, v0), (t1, v1) = before[-1], after[0]
    return v0 + (v1 - v0) * (t - t0) / (t1 - t0)


class Sampler:
    """Every 0.2 s: RSS and CPU of each crawl process tree, CPU of the servers it talks to."""

    def __init__(self, database: str, extra: dict[str, list[int]], redis_client=None,  # noqa: ANN001
                 database_url: str | None = None) -> None:
        self.trees: dict[str, tuple[int, TreeUsage]] = {}
        #: (time, requests waiting in the shared queue)
        self.queue: list[tuple[float, int]] = []
        #: (time, documents stored): the crawl's progress as the database sees it
        self.stored: list[tuple[float, int]] = []
        self._database_url, self._db = database_url, None
        self._redis, self._queue_key = redis_client, None
        self.database = database
        self.postmaster, self.redis = _find("postgres"), _find("redis-server")
        #: service -> pid -> [(time, CPU ticks)]
        self.services: dict[str, dict[int, list[tuple[float, int]]]] = {"site server": {}, "PostgreSQL": {}, "Redis": {}}
        self._extra = extra
        self._ours: dict[int, bool] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Sampler:
        self._sample_services(time.time())
        self._thread.start()
        return self

    def watch(self, name: str, pid: int) -> None:
        self.trees[name] = (pid, TreeUsage())

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        if self._db is not None:
            self._db.close()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def _sample(self) -> None:
        now = time.time()
        for root, usage in list(self.trees.values()):
            rss = 0
            for pid in _tree(root):
                st = _stat(pid)
                if st is None:
                    continue
                comm, ticks, size = st
                rss += size
                part = "crawl" if pid == root else "browser" if comm in ("node", "chromium", "chrome") else "readers"
                usage.cpu.setdefault(pid, (part, []))[1].append((now, ticks))
            usage.peak_rss = max(usage.peak_rss, rss)
        self._sample_services(now)
        self._sample_queue(now)
        self._sample_stored(now)

    def _sample_stored(self, now: float) -> None:
        if self._database_url is None:
            return
        import psycopg

        if self._db is None:
            self._db = psycopg.connect(self._database_url, autocommit=True)
        self.stored.append((now, self._db.execute("select count(*) from document").fetchone()[0]))

    def _sample_queue(self, now: float) -> None:
        if self._redis is None:
            return
        if self._queue_key is None:
            self._queue_key = next(iter(self._redis.scan_iter("eagle_eye:crawl:*:requests")), None)
        if self._queue_key is not None:
            self.queue.append((now, int(self._redis.zcard(self._queue_key))))

    def _sample_services(self, now: float) -> None:
        groups = {"site server": self._extra.get("site server", []),
                  "PostgreSQL": [p for p in (_children(self.postmaster) if self.postmaster else []) if self._pg_ours(p)],
                  "Redis": [self.redis] if self.redis else []}
        for name, pids in groups.items():
            for pid in pids:
                st = _stat(pid)
                if st is None:
                    continue
                self.services[name].setdefault(pid, []).append((now, st[1]))

    def _pg_ours(self, pid: int) -> bool:
        if pid in self._ours:
            return True
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return False
        # this database's backends (named once connected: asked again until then), and the
        # writers every database's commits go through
        if f" {self.database} " in title or any(w in title for w in ("walwriter", "checkpointer", "background writer")):
            self._ours[pid] = True
        return pid in self._ours


def machine_busy() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far, every process's (other agents' too)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


# --------------------------------------------------------------------------- one run


@dataclass
class ProcessRun:
    name: str
    wall_s: float
    exit_code: int
    pages: int
    attachments: int
    usage: TreeUsage


@dataclass
class RunReport:
    workers: int
    latency_ms: int
    launched: float
    wall_s: float
    traffic: Traffic
    processes: list[ProcessRun]
    documents: int
    pages: int
    attachments: int
    findings: int
    exposures: int
    errors: int
    status: str
    db_bytes: dict[str, int]
    #: service -> pid -> [(time, CPU ticks)] (Sampler.services)
    services: dict[str, dict[int, list[tuple[float, int]]]]
    machine_busy: float
    problems: list[str]
    #: Redis commands run during the run, by name (the whole server's: other clients' too)
    redis_commands: dict[str, int]
    #: requests in flight per crawl process (EAGLE_EYE_CRAWL_CONCURRENCY)
    concurrency: int
    #: requests waiting in the shared queue, sampled every 0.2 s while crawling
    queue: list[int]
    #: (time, documents stored), sampled every 0.2 s
    stored: list[tuple[float, int]]

    @property
    def crawl_s(self) -> float:
        return self.traffic.span_s

    def rate(self, n: int) -> float:
        return n / self.crawl_s

    @property
    def window(self) -> tuple[float, float]:
        return self.traffic.first, self.traffic.last

    @property
    def start_s(self) -> float:
        """From launching the first process to the first request: start-up."""
        return self.traffic.first - self.launched

    @property
    def tail_s(self) -> float:
        """From the last request to the last process gone: the idle wait, closing, incidents."""
        return self.launched + self.wall_s - self.traffic.last

    @property
    def steady(self) -> tuple[float, float]:
        """The middle of the crawl, from 20% to 90% of the documents stored: no process starting,
        no ramp-up, no tail, as nearly all of a crawl of the country is. By documents stored, not
        requests: each process may fetch megabytes ahead of its extraction workers."""
        return self._stored_at(0.2)[0], self._stored_at(0.9)[0]

    @property
    def steady_documents(self) -> int:
        return self._stored_at(0.9)[1] - self._stored_at(0.2)[1]

    @property
    def steady_rate(self) -> float:
        """Documents stored per second in the steady window."""
        start, end = self.steady
        return self.steady_documents / (end - start)

    def _stored_at(self, share: float) -> tuple[float, int]:
        return next((t, n) for t, n in self.stored if n >= share * self.documents)

    def cpu_s(self, part: str | None = None, window: tuple[float, float] | None = None) -> float:
        """CPU seconds of the crawl processes' trees within the window (default: the crawling span)."""
        return sum(p.usage.cpu_s(part, window or self.window) for p in self.processes)

    def service_cpu_s(self, name: str, window: tuple[float, float] | None = None) -> float:
        return sum(_within(samples, window or self.window) for samples in self.services[name].values()) / TICK


def fresh_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def crawl_env(args: argparse.Namespace, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "EAGLE_EYE_DATA_DIR": str(data_dir),
        "EAGLE_EYE_DATABASE_URL": f"{args.pg}/{args.db}",
        "EAGLE_EYE_REDIS_URL": args.redis,
        "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
        "EAGLE_EYE_FINGERPRINT_KEY": "bench-national-scale",
        "EAGLE_EYE_LOG_LEVEL": "WARNING",
        "EAGLE_EYE_CRAWL_IDLE_CLOSE_S": str(args.idle_close),
        **dict(kv.split("=", 1) for kv in args.env),
    }


def run_once(args: argparse.Namespace, sites: list[Site], servers: Servers, registry: Path, work: Path,
             workers: int, latency_ms: int) -> RunReport:
    """One crawl of every site by ``workers`` processes, on a fresh database and Redis."""
    data = work / f"data-{latency_ms}-{workers}"
    client, env = _prepare(args, registry, data)
    servers.set_latency(latency_ms / 1000)
    servers.take()
    commands0 = redis_commands(client)
    sampler = Sampler(args.db, {"site server": servers.pids}, client, f"{args.pg}/{args.db}").start()
    busy0, started = machine_busy(), time.time()
    procs = _start_crawl(args, env, data, workers, client, sampler, f"{latency_ms}ms-{workers}")
    ended = _wait_all(procs, timeout_s=args.timeout)
    wall_s, busy1 = time.time() - started, machine_busy()
    sampler.stop()
    commands = {k: n - commands0.get(k, 0) for k, n in redis_commands(client).items() if n > commands0.get(k, 0)}
    traffic = servers.take()
    runs = [_process_run(f"crawl {n + 1}", proc, log, ended[n] - started, sampler.trees[f"crawl {n + 1}"][1])
            for n, (proc, log) in enumerate(procs)]
    facts = database_facts(f"{args.pg}/{args.db}")
    _keep_logs(args, data, f"{latency_ms}ms-{workers}")
    return RunReport(
        workers=workers, latency_ms=latency_ms, launched=started, wall_s=wall_s, traffic=traffic, processes=runs,
        documents=facts["documents"], pages=facts["pages"], attachments=facts["attachments"],
        findings=facts["findings"], exposures=facts["exposures"], errors=facts["errors"], status=facts["status"],
        db_bytes=facts["sizes"], services=sampler.services,
        machine_busy=(busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1]),
        problems=check(sites, traffic, facts, runs, workers), redis_commands=commands,
        queue=[n for t, n in sampler.queue if traffic.first <= t <= traffic.last], stored=sampler.stored,
        concurrency=int(env.get("EAGLE_EYE_CRAWL_CONCURRENCY", "32")),
    )


def _prepare(args: argparse.Namespace, registry: Path, data: Path):  # noqa: ANN202 - (redis.Redis, env)
    """A fresh database with the registry imported, and an empty Redis database."""
    import redis

    fresh_database(f"{args.pg}/postgres", args.db)
    client = redis.Redis.from_url(args.redis)
    client.flushdb()  # only the benchmark's own database number
    env = crawl_env(args, data)
    subprocess.run([EAGLE_EYE, "orgs", "import", str(registry)], env=env, check=True, capture_output=True)
    return client, env


def _start_crawl(args: argparse.Namespace, env: dict[str, str], data: Path, workers: int, client,  # noqa: ANN001
                 sampler: Sampler, name: str) -> list[tuple[subprocess.Popen, Path]]:
    """`eagle-eye crawl`, then once it has published the crawl, workers - 1 `crawl --join`."""
    procs: list[tuple[subprocess.Popen, Path]] = []
    for n in range(1, workers + 1):
        if n == 2:
            _wait_published(client, procs[0][0])
        procs.append(_launch([EAGLE_EYE, "crawl", *(["--join"] if n > 1 else [])], env, data / f"crawl-{n}"))
        sampler.watch(f"crawl {n}", procs[-1][0].pid)
        _spy(args, procs[-1][0].pid, f"{name}-{n}")
    return procs


def _keep_logs(args: argparse.Namespace, data: Path, name: str) -> None:
    if args.logs is not None:
        args.logs.mkdir(parents=True, exist_ok=True)
        for log in data.glob("crawl-*.*"):
            shutil.copy(log, args.logs / f"{name}-{log.name}")


def redis_commands(client) -> dict[str, int]:  # noqa: ANN001
    """Calls per command since the server started; each is a round trip unless pipelined."""
    return {name.removeprefix("cmdstat_"): int(v["calls"]) for name, v in client.info("commandstats").items()}


def _spy(args: argparse.Namespace, pid: int, name: str) -> None:
    """py-spy on a crawl process (not its readers), stacks folded, when --py-spy DIR is given."""
    if args.py_spy is None:
        return
    args.py_spy.mkdir(parents=True, exist_ok=True)
    exe = Path(sys.executable).with_name("py-spy")
    if not exe.exists():
        raise SystemExit(f"--py-spy needs py-spy beside {sys.executable} (pip install py-spy)")
    _SPIES.append(subprocess.Popen([str(exe), "record", "--pid", str(pid), "--rate", "50", "--format", "raw",
                                    "--nonblocking", "--output", str(args.py_spy / f"{name}.txt")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))


#: py-spy processes: each writes its profile once its crawl process exits
_SPIES: list[subprocess.Popen] = []


def _launch(cmd: list[str], env: dict[str, str], log: Path) -> tuple[subprocess.Popen, Path]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{log}.out", "w") as out, open(f"{log}.err", "w") as err:
        return subprocess.Popen(cmd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL), log


def _wait_published(client, proc: subprocess.Popen, timeout_s: float = 120) -> None:  # noqa: ANN001
    """Joining processes start once the first has published the crawl, as `eagle-eye worker` does."""
    deadline = time.monotonic() + timeout_s
    while client.get(CURRENT_KEY) is None:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the first crawl process never published its crawl (see its .err log)")
        time.sleep(0.05)


def _wait_all(procs: list[tuple[subprocess.Popen, Path]], timeout_s: float) -> list[float]:
    ended: dict[int, float] = {}
    deadline = time.monotonic() + timeout_s
    while len(ended) < len(procs):
        for n, (proc, _) in enumerate(procs):
            if n not in ended and proc.poll() is not None:
                ended[n] = time.time()
        if time.monotonic() > deadline:
            for proc, _ in procs:
                proc.kill()
            raise RuntimeError(f"the crawl did not finish within {timeout_s} s")
        time.sleep(0.05)
    return [ended[n] for n in range(len(procs))]


def _process_run(name: str, proc: subprocess.Popen, log: Path, wall_s: float, usage: TreeUsage) -> ProcessRun:
    out = Path(f"{log}.out").read_text()
    pages = attachments = 0
    for line in out.splitlines():
        if line.strip().startswith("total:"):  # "total: N pages, M attachments, ..."
            words = line.split()
            pages, attachments = int(words[1]), int(words[3])
    if proc.returncode not in (0, 1):
        err = Path(f"{log}.err").read_text().strip().splitlines()[-5:]
        print(f"  {name} exited {proc.returncode}: " + " | ".join(err), file=sys.stderr)
    return ProcessRun(name, wall_s, proc.returncode, pages, attachments, usage)


def database_facts(url: str) -> dict:
    import psycopg

    with psycopg.connect(url) as conn:
        one = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
        per_org = dict(conn.execute("select org_id, count(*) from document group by org_id").fetchall())
        status, stats = one("select status, stats from crawl_run order by id desc limit 1")
        sizes = dict(conn.execute(
            "select c.relname, pg_total_relation_size(c.oid) from pg_class c "
            "where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace").fetchall())
        return {
            "per_org": per_org,
            "documents": sum(per_org.values()),
            "errors": one("select count(*) from document where state <> 'ok'")[0],
            "findings": one("select count(*) from finding")[0],
            "exposures": one("select count(*) from finding where personal and status <> 'masked'")[0],
            "pages": sum(s.get("pages", 0) for s in stats.values()),
            "attachments": sum(s.get("attachments", 0) for s in stats.values()),
            "stats": stats, "status": status, "sizes": sizes,
        }


def check(sites: list[Site], traffic: Traffic, facts: dict, runs: list[ProcessRun], workers: int) -> list[str]:
    """What a shared crawl must get right; empty when all holds."""
    problems = []
    if facts["status"] != "finished":
        problems.append(f"crawl run {facts['status']}")
    short = [s.org_id for s in sites if facts["per_org"].get(s.org_id, 0) != len(s.documents())]
    if short:
        problems.append(f"{len(short)} organisations not wholly stored (e.g. {short[0]}: "
                        f"{facts['per_org'].get(short[0], 0)} of {len(sites[0].documents())} documents)")
    missing, duplicated = [], []
    for site in sites:
        for path in site.documents():
            n = traffic.requests.get((site.address, path), 0)
            # the home page is the start URL, queued past the dupefilter: its menu link fetches it again
            if n > (2 if path == "/" else 1):
                duplicated.append(path)
            elif n == 0:
                missing.append(path)
    if missing:
        problems.append(f"{len(missing)} URLs never requested (e.g. {', '.join(sorted(set(missing))[:3])})")
    if duplicated:
        problems.append(f"{len(duplicated)} URLs requested more than once (e.g. {', '.join(sorted(set(duplicated))[:3])})")
    robots = [traffic.requests.get((s.address, "/robots.txt"), 0) for s in sites]
    if max(robots) > workers:
        problems.append(f"robots.txt requested up to {max(robots)} times per site (at most once per process)")
    if any(r.exit_code not in (0, 1) for r in runs):
        problems.append("a crawl process failed")
    idle = [r.name for r in runs if r.pages + r.attachments == 0]
    if idle:
        problems.append(f"{', '.join(idle)} fetched nothing")
    return problems


# --------------------------------------------------------------------------- report


def _queue(samples: list[int]) -> str:
    if not samples:
        return "not sampled"
    return f"{sum(samples) / len(samples):,.0f}, {sum(1 for n in samples if n == 0) / len(samples):.0%}"


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def _h(seconds: float) -> str:
    return f"{seconds / 3600:,.1f} h" if seconds < 96 * 3600 else f"{seconds / 86400:,.1f} days"


def tables(reports: list[RunReport], args: argparse.Namespace) -> str:
    first = reports[0]
    lines = [f"{args.orgs} organisations x {args.docs} documents ({first.pages // args.orgs} pages + "
             f"{first.attachments // args.orgs} attachments each), {os.cpu_count()} cores.", ""]
    for table in (_throughput, _waiting, _cpu, _stored, _projection):
        lines += [*table(reports, args), ""]
    return "\n".join(lines)


def _throughput(reports: list[RunReport], args: argparse.Namespace) -> list[str]:
    lines = ["| latency | crawl processes | wall s | start-up s | crawling s | tail s | pages/s | attachments/s "
             "| findings/s | documents/s | steady documents/s | vs 1 process | peak memory per process tree "
             "| crawl-process CPU | CPU used (cores) | machine busy |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    base: dict[int, float] = {}
    for r in reports:
        base.setdefault(r.latency_ms, r.steady_rate)
        peak = " / ".join(_mb(p.usage.peak_rss) for p in r.processes)
        main = " / ".join(f"{p.usage.cpu_s('crawl', r.window) / r.crawl_s:.0%}" for p in r.processes)
        used = (r.cpu_s() + sum(r.service_cpu_s(k) for k in r.services)) / r.crawl_s
        lines.append(f"| {r.latency_ms} ms | {r.workers} | {r.wall_s:.1f} | {r.start_s:.1f} | {r.crawl_s:.1f} "
                     f"| {r.tail_s:.1f} | {r.rate(r.pages):.1f} | {r.rate(r.attachments):.1f} "
                     f"| {r.rate(r.findings):,.0f} | {r.rate(r.pages + r.attachments):.1f} | **{r.steady_rate:.1f}** "
                     f"| {r.steady_rate / base[r.latency_ms]:.2f}x | {peak} MB | {main} | {used:.2f} "
                     f"| {r.machine_busy:.0%} |")
    return lines + ["", "Rates over the crawling span (first to last request the sites saw); steady: documents "
                    "stored per second from 20% to 90% of them stored. Crawl-process CPU: the Scrapy process itself, share of one core. Machine busy: "
                    "every process on the machine, other work included."]


def _waiting(reports: list[RunReport], args: argparse.Namespace) -> list[str]:
    waiting = [r for r in reports if r.latency_ms]
    if not waiting:
        return []
    lines = ["Where latency bounds the crawl, on average over the crawling span: requests in flight (as the sites "
             "saw them), sites with a request in flight, the shared queue:", "",
             "| latency | crawl processes | requests in flight | of the processes' slots | sites busy at once "
             "| shared queue: mean length, time empty |", "|---:|---:|---:|---:|---:|---:|"]
    for r in waiting:
        in_flight = sum(r.traffic.requests.values()) * r.latency_ms / 1000 / r.crawl_s
        slots = r.workers * r.concurrency
        lines.append(f"| {r.latency_ms} ms | {r.workers} | {in_flight:.1f} | {in_flight / slots:.0%} of {slots} "
                     f"| {r.traffic.busy_hosts(r.latency_ms / 1000):.1f} of {args.orgs} | {_queue(r.queue)} |")
    return lines


def _cpu(reports: list[RunReport], args: argparse.Namespace) -> list[str]:
    lines = ["CPU seconds per 1,000 documents in the steady middle of the crawl, by part; Redis commands per "
             "document over the whole run (the Redis server's: other clients' too):", "",
             "| latency | crawl processes | crawl processes (Scrapy) | extraction workers | browser drivers "
             "| site server | PostgreSQL | Redis | Redis commands per document |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in reports:
        docs = r.pages + r.attachments
        per = 1000 / r.steady_documents
        parts = [r.cpu_s(k, r.steady) for k in ("crawl", "readers", "browser")]
        parts += [r.service_cpu_s(k, r.steady) for k in ("site server", "PostgreSQL", "Redis")]
        top = sorted(r.redis_commands.items(), key=lambda kv: -kv[1])[:3]
        commands = f"{sum(r.redis_commands.values()) / docs:.1f} (" + ", ".join(
            f"{name} {n / docs:.1f}" for name, n in top) + ")"
        lines.append(f"| {r.latency_ms} ms | {r.workers} | " + " | ".join(f"{c * per:.1f}" for c in parts)
                     + f" | {commands} |")
    return lines


def _stored(reports: list[RunReport], args: argparse.Namespace) -> list[str]:
    lines = ["| latency | crawl processes | documents | findings | exposed | errors | database MB "
             "| MB per 1M findings | checks |", "|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in reports:
        total = sum(r.db_bytes.values())
        lines.append(f"| {r.latency_ms} ms | {r.workers} | {r.documents:,} | {r.findings:,} | {r.exposures:,} "
                     f"| {r.errors} | {_mb(total)} | {_mb(total / max(1, r.findings) * 1e6)} "
                     f"| {'; '.join(r.problems) or 'all fetched once, all stored'} |")
    counts = {(r.findings, r.documents) for r in reports}
    same = "yes" if len(counts) == 1 else f"**no** {sorted(counts)}"
    return lines + ["", f"Findings and documents the same in every run: {same}."]


def _projection(reports: list[RunReport], args: argparse.Namespace) -> list[str]:
    """A national crawl at the measured costs. Rates measured on a busy machine say how much CPU
    the crawl got; CPU per document hardly depends on that, so the model rests on it."""
    total = NATIONAL_ORGS * NATIONAL_DOCS
    cores = os.cpu_count() or 1
    lines = [f"Projected first full crawl of {NATIONAL_ORGS:,} organisations x {NATIONAL_DOCS:,} documents "
             f"({total / 1e6:.2f} M documents, this mix, no OCR). Model: a machine like this one, all its own, does "
             f"the lower of its CPU bound ({cores} cores / steady CPU per document, every part counted) and its "
             "slots' bound (processes x requests in flight / latency); machines add up while the shared services "
             "keep up (their CPU per million documents on the right).", "",
             "| latency | crawl processes | CPU per document | CPU bound | slots bound | model | measured (steady) "
             "| one machine (model) | 4 machines | 16 machines | PostgreSQL per 1M documents | Redis per 1M documents |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in reports:
        steady_docs = r.steady_documents
        cpu_per_doc = (r.cpu_s(None, r.steady) + sum(r.service_cpu_s(k, r.steady) for k in r.services)) / steady_docs
        cpu_bound = cores / cpu_per_doc
        slots_bound = r.workers * r.concurrency / (r.latency_ms / 1000) if r.latency_ms else float("inf")
        model = min(cpu_bound, slots_bound)
        pg, rd = (r.service_cpu_s(k, r.steady) / steady_docs * 1e6 / 3600 for k in ("PostgreSQL", "Redis"))
        slots = "-" if slots_bound == float("inf") else f"{slots_bound:.0f}/s"
        lines.append(f"| {r.latency_ms} ms | {r.workers} | {cpu_per_doc * 1000:.1f} ms | {cpu_bound:.0f}/s | {slots} "
                     f"| **{model:.0f}/s** | {r.steady_rate:.1f}/s | {_h(total / model)} | {_h(total / model / 4)} "
                     f"| {_h(total / model / 16)} | {pg:.1f} core-h | {rd:.2f} core-h |")
    last = reports[-1]
    per_doc = last.db_bytes.get("document", 0) / max(1, last.documents)
    per_finding = last.db_bytes.get("finding", 0) / max(1, last.findings)
    return lines + ["", f"Database: {per_doc:,.0f} bytes per document and {per_finding:,.0f} bytes per finding, "
                    f"indexes included: the country's documents take {total * per_doc / 2**30:,.1f} GB, and every "
                    f"million findings {per_finding * 1e6 / 2**30:,.2f} GB (this mix has "
                    f"{last.findings / last.documents:.0f} findings per document; real sites have far fewer)."]


def registry_csv(sites: list[Site], port: int, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["org_id", "name", "org_type", "province", "district", "website", "coordinator_name",
                    "coordinator_email", "coordinator_phone", "province_coordinator_email"])
        for s in sites:
            w.writerow([s.org_id, s.name, "sao", "พิษณุโลก", "", f"http://{s.address}:{port}/", "", "", "", ""])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orgs", type=int, default=40, help="organisations (sites), one loopback address each")
    ap.add_argument("--docs", type=int, default=60, help="documents per site (pages and attachments)")
    ap.add_argument("--attachment-share", type=float, default=0.3)
    ap.add_argument("--scan-share", type=float, default=0.0, help="share of attachments that are scans (OCR)")
    ap.add_argument("--workers", default="1,2,4", help="crawl processes per run, comma-separated")
    ap.add_argument("--latency-ms", default="0,800", help="per-response latency of the sites, comma-separated")
    ap.add_argument("--server-procs", type=int, default=1, help="site server processes")
    ap.add_argument("--port", type=int, default=8731)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--idle-close", type=float, default=5, help="EAGLE_EYE_CRAWL_IDLE_CLOSE_S for the run")
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="more settings for the crawl")
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432", help="PostgreSQL server (no database)")
    ap.add_argument("--db", default="eagle_scale", help="database to (re)create for each run")
    ap.add_argument("--redis", default="redis://127.0.0.1:6379/3", help="Redis database, flushed before each run")
    ap.add_argument("--timeout", type=float, default=900, help="seconds a run may take")
    ap.add_argument("--logs", type=Path, metavar="DIR", help="keep each crawl process's output in DIR")
    ap.add_argument("--py-spy", type=Path, metavar="DIR", help="profile each crawl process with py-spy into DIR")
    ap.add_argument("--from-saved", action="store_true",
                    help="print the tables of the last run again (saved beside --out), measuring nothing")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "national_scale.md")
    args = ap.parse_args()
    saved = args.out.with_suffix(".pickle")
    if args.from_saved:
        with open(saved, "rb") as f:
            args, reports, header = pickle.load(f)
    else:
        started = time.perf_counter()
        reports = measure(args)
        command = "python benchmarks/national_scale.py " + " ".join(sys.argv[1:])
        header = f"`{command.strip()}` ({time.strftime('%Y-%m-%d %H:%M')}, {time.perf_counter() - started:.0f} s)"
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with open(saved, "wb") as f:
            pickle.dump((args, reports, header), f)
    report = tables(reports, args)
    print(report)
    args.out.write_text(f"# National scale\n\n{header}\n\n{report}", encoding="utf-8")


def measure(args: argparse.Namespace) -> list[RunReport]:
    workers = [int(k) for k in args.workers.split(",")]
    latencies = [int(x) for x in args.latency_ms.split(",")]
    started = time.perf_counter()
    sites = build_sites(args.orgs, args.docs, seed=args.seed, attachment_share=args.attachment_share,
                        scan_share=args.scan_share, port=args.port)
    print(f"built {len(sites)} sites in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    servers = Servers(sites, args.port, latency_s=0, processes=args.server_procs)
    reports = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            registry = Path(tmp) / "registry.csv"
            registry_csv(sites, args.port, registry)
            for latency in latencies:
                for k in workers:
                    r = run_once(args, sites, servers, registry, Path(tmp), k, latency)
                    print(f"latency {latency} ms, {k} process(es): {r.crawl_s:.1f} s crawling, {r.wall_s:.1f} s wall, "
                          f"{r.rate(r.pages + r.attachments):.1f} documents/s, {r.findings} findings"
                          + (f"; PROBLEMS: {'; '.join(r.problems)}" if r.problems else ""), file=sys.stderr)
                    reports.append(r)
    finally:
        servers.close()
        for spy in _SPIES:
            spy.wait(timeout=30)
    return reports


if __name__ == "__main__":
    main()
