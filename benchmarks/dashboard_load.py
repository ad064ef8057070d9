"""The dashboard under load, side by side with the framework's floor in one run.

    python benchmarks/dashboard_load.py [--incidents 100000] [--findings 1000000] [--users 50]
                                        [--seconds 30] [--workers 2] [--think 2] [--keep]
                                        [--patch FILE.py] [--sql FILE.sql] [--out REPORT.md]

1. Data: a fresh PostgreSQL database (``--db-url``, default eagle_eye_bench on 127.0.0.1),
   migrated by the app (``open_database``) and filled by COPY with a year of a national
   deployment (benchmarks/dashboard_data.py: 7,850 organisations in 77 provinces, the incidents,
   their documents, findings, timelines and the crawl runs). A national admin and a province
   officer (of the province with the most organisations) are created with
   dashboard.auth.add_user. A database a ``--keep`` run left behind is reused when it holds the
   same sizes, seed and ``--sql`` (a marker table says what it holds).
2. Serve: the real app, ``uvicorn --factory`` (``make_app`` below) on 127.0.0.1 with
   ``--workers`` processes, EAGLE_EYE_SECRET_KEY set as in production (the incident page then
   builds the alert view too).
3. Load: ``--users`` simulated people (asyncio + httpx, each its own connection, logged in once
   with its own session), half national admins, half province officers, each page drawn from
   MIX: the overview; the active incidents with varied province, risk, sort and page (deep pages
   included, from the real number of pages); incidents of any status (deep pages, the overdue
   filter, a search by name); an incident's page; the organisations; the crawls. Each user waits
   a random think time between pages (uniform 0..2x ``--think`` seconds; ``--think 0``: every
   user's next request at once, a saturation test rather than people).
4. Baseline, in the same run: the same users, clients and think time on ``/healthz`` (the
   framework's floor on this machine with this client). The phases alternate in slices of
   ``--slice`` seconds, each going first in turn, until each had ``--seconds``: a noisy
   neighbour on the shared cores hits them alike.

``--patch FILE.py`` measures a proposed change without editing the app: a second server runs the
app after ``FILE.apply(app)`` (monkeypatching a route, say), and its pages become a third phase
in the same alternation, reported beside the app as it is. ``--sql FILE.sql`` runs SQL on the
database before serving (an index, say); it applies to both servers, so compare with a run
without it.

Prints per page and role: requests, p50/p95/p99 (ms, client side, response read in full),
errors and whether p95 < 300 ms (the issue's target); per phase: requests/s, percentiles,
errors and the server's CPU per request (the uvicorn processes, from /proc: steadier than
latency on a shared machine); then the command that reproduces it. The database is dropped at
the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (str(ROOT), str(HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

TARGET_MS = 300.0
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/eagle_eye_bench"
SECRET = "eagle-eye-bench-secret-not-a-secret"
PER_PAGE = 50  # dashboard.routes_incidents.PER_PAGE
#: how often each page is asked for, out of 100
MIX = (("/", 15), ("/incidents?status=active", 30), ("/incidents (any status)", 10), ("/incidents/{id}", 25),
       ("/organisations", 10), ("/crawls", 10))
SORTS = ("opened", "risk", "findings", "people", "org", "status")
RISKS = ("high", "medium", "low", "none")
STATUSES = ("open", "notified", "acknowledged", "remediated", "closed", "reopened")
ACTIVE = ("open", "notified", "acknowledged", "reopened")


# ------------------------------------------------------------------ the server side


def make_app():  # noqa: ANN201 - uvicorn's factory, run in each worker process
    """``create_app`` on settings from the environment (the load script sets it), then the
    ``--patch`` file's ``apply(app)`` if this is the patched server."""
    from dashboard.app import create_app
    from eagle_eye.settings import Settings

    app = create_app(Settings())
    patch = os.environ.get("EAGLE_EYE_BENCH_PATCH")
    if patch:
        import importlib.util

        spec = importlib.util.spec_from_file_location("eagle_eye_bench_patch", patch)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.apply(app)
    return app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``uvicorn --workers N`` in its own process group; stopped with it, whatever happens."""

    def __init__(self, url: str, workers: int, log_dir: Path, patch: Path | None = None) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"uvicorn-{self.port}.log"
        env = {**os.environ, "EAGLE_EYE_DATABASE_URL": url, "EAGLE_EYE_SECRET_KEY": SECRET,
               "EAGLE_EYE_DASHBOARD_URL": self.base, "EAGLE_EYE_DATA_DIR": str(log_dir / "data"),
               "EAGLE_EYE_BENCH_PATCH": str(patch.resolve()) if patch else ""}
        cmd = [sys.executable, "-m", "uvicorn", "dashboard_load:make_app", "--factory", "--app-dir", str(HERE),
               "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers), "--log-level", "warning",
               # a user's connection idles while the other phases run: uvicorn's 5 s default would
               # close it under the client's feet (a ReadError that is the benchmark's, not the app's)
               "--timeout-keep-alive", "120", "--no-access-log"]
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def wait_ready(self, timeout: float = 90.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited ({self.proc.returncode}):\n{self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"the server did not answer /healthz in {timeout:.0f} s:\n{self.log_path.read_text()[-3000:]}")

    def pids(self) -> list[int]:
        """The uvicorn processes (supervisor and workers): this process group."""
        out = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getpgid(int(entry.name)) == self.proc.pid:
                        out.append(int(entry.name))
                except (ProcessLookupError, PermissionError):
                    continue
        return out

    def cpu_seconds(self) -> float:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
        return total

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        self.log.close()


# ------------------------------------------------------------------ the database


def _admin_conninfo(url: str) -> tuple[str, str]:
    import sqlalchemy as sa

    u = sa.make_url(url)
    server = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    return server, u.database


def database_exists(url: str) -> bool:
    import psycopg

    server, name = _admin_conninfo(url)
    with psycopg.connect(server, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def create_database(url: str) -> None:
    import psycopg

    server, name = _admin_conninfo(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    server, name = _admin_conninfo(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare_data(args: argparse.Namespace) -> dict:
    import dashboard_data

    sql = args.sql.read_text() if args.sql else ""
    wanted = {"version": dashboard_data.VERSION, "incidents": args.incidents, "findings": args.findings,
              "seed": args.seed, "sql": sql}
    if database_exists(args.db_url):
        info = dashboard_data.loaded(args.db_url)
        if info and all(info.get(k, "") == v for k, v in wanted.items()):
            print(f"data: reusing {args.db_url.rsplit('/', 1)[1]} (loaded {info['loaded_at']} in {info['load_seconds']} s)")
            return info
        print("data: the existing database holds something else: recreating it")
    create_database(args.db_url)
    print(f"data: loading {args.incidents:,} incidents and {args.findings:,} findings ...", flush=True)
    info = dashboard_data.load(args.db_url, incidents=args.incidents, findings=args.findings, seed=args.seed,
                               log=lambda line: print(line, flush=True))
    print(f"data: loaded in {info['load_seconds']:.1f} s")
    if sql:
        t = time.perf_counter()
        apply_sql(args.db_url, args.sql)
        info["sql"] = sql
        dashboard_data.remember(args.db_url, info)
        print(f"data: applied {args.sql} ({time.perf_counter() - t:.1f} s)")
    return info


class Catalogue:
    """What the simulated users pick from: incident ids each role may open, and how many incidents
    each filter combination lists (to ask for real deep pages)."""

    def __init__(self, url: str, officer_province: str) -> None:
        import sqlalchemy as sa

        engine = sa.create_engine(url)
        with engine.connect() as c:
            self.all_ids = [r[0] for r in c.execute(sa.text("SELECT id FROM incident ORDER BY id"))]
            self.officer_ids = [r[0] for r in c.execute(sa.text(
                "SELECT i.id FROM incident i JOIN organisation o ON o.org_id = i.org_id WHERE o.province = :p"),
                {"p": officer_province})]
            self.provinces = [r[0] for r in c.execute(sa.text("SELECT DISTINCT province FROM organisation ORDER BY 1"))]
            self.counts: dict[tuple[str, str, str], int] = {}
            for province, status, risk, n in c.execute(sa.text(
                    "SELECT o.province, i.status, i.risk_level, count(*) FROM incident i "
                    "JOIN organisation o ON o.org_id = i.org_id GROUP BY 1, 2, 3")):
                self.counts[(province, status, risk)] = n
            self.org_names = [r[0] for r in c.execute(sa.text(
                "SELECT name FROM organisation WHERE province = :p ORDER BY org_id"), {"p": officer_province})]
        engine.dispose()
        self.officer_province = officer_province

    def total(self, *, province: str | None, statuses: tuple[str, ...] | None, risk: str | None) -> int:
        return sum(n for (p, s, r), n in self.counts.items()
                   if (province is None or p == province) and (statuses is None or s in statuses)
                   and (risk is None or r == risk))


# ------------------------------------------------------------------ the users


def _page(rng: random.Random, total: int) -> int:
    pages = max(1, -(-total // PER_PAGE))
    roll = rng.random()
    if roll < 0.6 or pages == 1:
        return 1
    if roll < 0.85:
        return rng.randint(2, min(5, pages))
    return rng.randint(max(1, pages // 2), pages)  # deep: the back half of the list


def next_request(rng: random.Random, role: str, cat: Catalogue) -> tuple[str, str]:
    """(label, path) of the next page this user opens."""
    from urllib.parse import urlencode

    label = rng.choices([m[0] for m in MIX], weights=[m[1] for m in MIX])[0]
    officer = role == "officer"
    scope = cat.officer_province if officer else None
    if label == "/incidents/{id}":
        return label, f"/incidents/{rng.choice(cat.officer_ids if officer else cat.all_ids)}"
    if label == "/incidents?status=active":
        params: dict[str, object] = {"status": "active"}
        province = scope if officer and rng.random() < 0.3 else (rng.choice(cat.provinces) if not officer and rng.random() < 0.4 else None)
        risk = rng.choice(RISKS[:3]) if rng.random() < 0.4 else None
        if province:
            params["province"] = province
        if risk:
            params["risk"] = risk
        if rng.random() < 0.5:
            params.update(sort=rng.choice(SORTS), dir=rng.choice(("desc", "asc")))
        total = cat.total(province=province or scope, statuses=ACTIVE, risk=risk)
        params["page"] = _page(rng, total)
        return label, "/incidents?" + urlencode(params)
    if label == "/incidents (any status)":
        params = {}
        roll = rng.random()
        if roll < 0.15:  # the overview's "overdue" link
            params = {"status": "active", "min_age_days": 3}
        elif roll < 0.25:  # a search by organisation name
            params = {"q": rng.choice(cat.org_names)[-6:]}
        else:
            status = rng.choice(("", "", "closed", "remediated"))
            if status:
                params["status"] = status
            if rng.random() < 0.5:
                params.update(sort=rng.choice(SORTS), dir=rng.choice(("desc", "asc")))
            params["page"] = _page(rng, cat.total(province=scope, statuses=(status,) if status else None, risk=None))
        return label, "/incidents?" + urlencode(params)
    return label, label


class Results:
    def __init__(self) -> None:
        self.ms: dict[tuple[str, str, str], list[float]] = defaultdict(list)  # (phase, label, role)
        self.errors: dict[tuple[str, str, str], int] = defaultdict(int)
        self.examples: dict[str, str] = {}
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

    def add(self, phase: str, label: str, role: str, ms: float, error: str | None) -> None:
        self.ms[(phase, label, role)].append(ms)
        if error:
            self.errors[(phase, label, role)] += 1
            self.examples.setdefault(f"{phase} {label}: {error[:60]}", f"{phase} {label}: {error}")

    def phase(self, phase: str) -> tuple[list[float], int]:
        return ([x for (p, _, _), xs in self.ms.items() if p == phase for x in xs],
                sum(n for (p, _, _), n in self.errors.items() if p == phase))


class User:
    """One person: one HTTP client (own connection, own cookie) per server, one session."""

    def __init__(self, n: int, role: str, bases: dict[str, str], seed: int) -> None:
        import httpx

        self.role, self.rng = role, random.Random(seed * 1000 + n)
        self.clients = {name: httpx.AsyncClient(base_url=base, timeout=120, follow_redirects=False,
                                                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1))
                        for name, base in bases.items()}

    async def login(self, username: str, password: str) -> None:
        first = next(iter(self.clients.values()))
        r = await first.post("/login", data={"username": username, "password": password, "next": "/"})
        if r.status_code != 303 or "eagle_eye_session" not in r.cookies:
            raise SystemExit(f"login as {username} failed: {r.status_code} {r.text[:300]}")
        for client in self.clients.values():  # the same session on every server (one database)
            client.cookies.set("eagle_eye_session", r.cookies["eagle_eye_session"])

    async def run(self, phase: str, server: str, until: float, think: float, cat: Catalogue,
                  results: Results | None) -> None:
        client = self.clients[server]
        if think:  # people do not all click at once
            await asyncio.sleep(min(self.rng.uniform(0, 2 * think), max(0.0, until - time.perf_counter())))
        while time.perf_counter() < until:
            label, path = ("/healthz", "/healthz") if phase == "baseline" else next_request(self.rng, self.role, cat)
            start = time.perf_counter()
            error = None
            try:
                r = await client.get(path)
                if r.status_code != 200:
                    error = f"HTTP {r.status_code} {path}"
            except Exception as exc:  # noqa: BLE001 - a failed request is a result, not a crash
                error = f"{type(exc).__name__}: {exc} {path}"
            ms = (time.perf_counter() - start) * 1000
            if results is not None:
                results.add(phase, label, self.role, ms, error)
            if think:  # the slice ends on time: no trailing think counted in its wall time
                await asyncio.sleep(min(self.rng.uniform(0, 2 * think), max(0.0, until - time.perf_counter())))

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()


async def drive(args: argparse.Namespace, servers: dict[str, Server], cat: Catalogue) -> Results:
    """Log the users in, warm up, then alternate the phases in slices, rotating which goes first."""
    import dashboard_data

    bases = {name: server.base for name, server in servers.items()}
    users = [User(n, "admin" if n % 2 == 0 else "officer", bases, args.seed) for n in range(args.users)]
    t = time.perf_counter()
    for batch in range(0, len(users), 5):  # argon2 on 2 cores: a few at a time
        await asyncio.gather(*(u.login(dashboard_data.ADMIN if u.role == "admin" else dashboard_data.OFFICER,
                                       dashboard_data.PASSWORD) for u in users[batch:batch + 5]))
    print(f"load: {len(users)} users logged in ({time.perf_counter() - t:.1f} s); warming up {args.warmup:g} s ...", flush=True)
    # phase -> the server it runs on: the baseline on the app as it is, pages on each server
    phases = {"baseline": "app", "pages": "app", **({"patched": "patched"} if "patched" in servers else {})}
    for server in dict.fromkeys(phases.values()):
        if args.warmup:
            until = time.perf_counter() + args.warmup / len(set(phases.values()))
            await asyncio.gather(*(u.run("pages", server, until, args.think, cat, None) for u in users))
    results = Results()
    slices = max(1, math.ceil(args.seconds / args.slice))
    length = args.seconds / slices
    names = list(phases)
    order = [names[(k + j) % len(names)] for k in range(slices) for j in range(len(names))]
    for k, phase in enumerate(order, 1):
        server = servers[phases[phase]]
        cpu0, t0 = server.cpu_seconds(), time.perf_counter()
        await asyncio.gather(*(u.run(phase, phases[phase], t0 + length, args.think, cat, results) for u in users))
        results.wall[phase] += time.perf_counter() - t0
        results.cpu[phase] += server.cpu_seconds() - cpu0
        print(f"  slice {k}/{len(order)} {phase:8s} {len(results.phase(phase)[0]):7d} requests so far", flush=True)
    await asyncio.gather(*(u.close() for u in users))
    return results


# ------------------------------------------------------------------ the report


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)] if s else float("nan")


def _mark(ms: float) -> str:
    return "✅" if ms < TARGET_MS else "❌"


def report(args: argparse.Namespace, info: dict, results: Results, cmd: str, load_before: float, load_after: float) -> str:
    lines = []
    think = f"think time {args.think:g} s (uniform 0–{2 * args.think:g})" if args.think else "no think time (saturation)"
    lines.append(f"**Dashboard under load**: {info['incidents']:,} incidents ({info['active_incidents']:,} active), "
                 f"{info['findings']:,} findings, {info['organisations']:,} organisations, PostgreSQL; {args.users} users "
                 f"({args.users - args.users // 2} national admins, {args.users // 2} province officers of "
                 f"{info['officer_province']}), {think}; uvicorn, {args.workers} worker(s); {args.seconds:g} s per phase "
                 f"in alternating {args.seconds / max(1, math.ceil(args.seconds / args.slice)):g} s slices; "
                 f"{os.cpu_count()} cores, load average {load_before:.1f} before, {load_after:.1f} after."
                 + (f" SQL applied first: `{args.sql}`." if args.sql else ""))
    lines.append("")
    phases = ["pages"] + (["patched"] if args.patch else [])
    header = "| page | user | requests | p50 ms | p95 ms | p99 ms | errors | p95 < 300 ms |"
    rule = "|---|---|---:|---:|---:|---:|---:|:-:|"
    if args.patch:
        header += " patched: p50 | p95 | p99 | errors | p95 < 300 ms |"
        rule += "---:|---:|---:|---:|:-:|"
    lines += [header, rule]
    for label in [m[0] for m in MIX]:
        for role in ("admin", "officer"):
            cells = []
            for phase in phases:
                v = results.ms.get((phase, label, role), [])
                e = results.errors.get((phase, label, role), 0)
                if phase == "pages":
                    cells.append(f"{len(v):,}")
                cells += [f"{pct(v, .5):.0f}", f"{pct(v, .95):.0f}", f"{pct(v, .99):.0f}", str(e), _mark(pct(v, .95))]
            if results.ms.get(("pages", label, role)):
                lines.append(f"| `{label}` | {'national' if role == 'admin' else 'province'} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| phase | requests | requests/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/request | p95 < 300 ms |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|:-:|")
    names = {"baseline": "`/healthz` (baseline: same users, same clients)", "pages": "**dashboard pages, all**",
             "patched": f"dashboard pages, all, with `{args.patch.name if args.patch else ''}`"}
    for phase in ["baseline", *phases]:
        v, e = results.phase(phase)
        rate = len(v) / results.wall[phase] if results.wall[phase] else 0.0
        cpu = results.cpu[phase] * 1000 / len(v) if v else 0.0
        lines.append(f"| {names[phase]} | {len(v):,} | {rate:.1f} | {pct(v, .5):.0f} | {pct(v, .95):.0f} | "
                     f"{pct(v, .99):.0f} | {e} | {cpu:.1f} | {_mark(pct(v, .95))} |")
    lines.append("")
    lines.append(f"Data: loaded in {info['load_seconds']:.0f} s by COPY ({info['documents']:,} documents, "
                 f"{info['events']:,} timeline events, {info['crawl_runs']:,} crawl runs). Server CPU: the uvicorn "
                 f"processes only (PostgreSQL and the load generator share the same cores).")
    lines.append("")
    lines.append("```sh")
    lines.append(cmd)
    lines.append("```")
    return "\n".join(lines)


def apply_sql(url: str, path: Path) -> None:
    import psycopg

    libpq = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(path.read_text())
        conn.execute("ANALYZE")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--findings", type=int, default=1_000_000)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30, help="measured seconds per phase")
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (per server)")
    ap.add_argument("--think", type=float, default=2.0, help="mean think time between a user's pages, seconds (0: none)")
    ap.add_argument("--slice", type=float, default=10, help="the phases alternate in slices this long")
    ap.add_argument("--warmup", type=float, default=10, help="seconds of unrecorded page load first")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db-url", default=DEFAULT_URL)
    ap.add_argument("--keep", action="store_true", help="keep the database (a later run with the same sizes reuses it)")
    ap.add_argument("--patch", type=Path, help="a Python file with apply(app): a second server runs the app so "
                    "changed, and its pages are measured side by side with the app as it is (a proposed change, "
                    "measured without editing the app)")
    ap.add_argument("--sql", type=Path, help="SQL to run on the database before serving (e.g. CREATE INDEX); "
                    "a kept database remembers it and is only reused by runs with the same --sql")
    ap.add_argument("--out", type=Path, help="also write the Markdown report here")
    args = ap.parse_args()
    args.db_url = args.db_url.replace("postgresql://", "postgresql+psycopg://", 1)
    if "bench" not in (_admin_conninfo(args.db_url)[1] or ""):
        raise SystemExit("--db-url: the database is dropped and recreated, so its name must contain 'bench'")
    cmd = ".venv/bin/python benchmarks/dashboard_load.py " + " ".join(
        [f"--incidents {args.incidents}", f"--findings {args.findings}", f"--users {args.users}",
         f"--seconds {args.seconds:g}", f"--workers {args.workers}", f"--think {args.think:g}"]
        + ([f"--patch {args.patch}"] if args.patch else []) + ([f"--sql {args.sql}"] if args.sql else []))

    servers: dict[str, Server] = {}
    try:
        info = prepare_data(args)
        cat = Catalogue(args.db_url, info["officer_province"])
        with tempfile.TemporaryDirectory(prefix="eagle-eye-load-") as tmp:
            servers["app"] = Server(args.db_url, args.workers, Path(tmp))
            servers["app"].wait_ready()  # it migrates: one at a time
            if args.patch:
                servers["patched"] = Server(args.db_url, args.workers, Path(tmp), patch=args.patch)
                servers["patched"].wait_ready()
            print("serve: " + ", ".join(f"{name} on {s.base}" for name, s in servers.items())
                  + f", {args.workers} worker(s) each", flush=True)
            load_before = os.getloadavg()[0]
            results = asyncio.run(drive(args, servers, cat))
            load_after = os.getloadavg()[0]
            for server in servers.values():
                server.stop()
            servers.clear()
        text = report(args, info, results, cmd, load_before, load_after)
        if results.examples:
            print("\nerrors (first of each kind):")
            for example in list(results.examples.values())[:20]:
                print("  " + example)
        print("\n" + text)
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(text + "\n", encoding="utf-8")
    finally:
        for server in servers.values():
            server.stop()
        if not args.keep and database_exists(args.db_url):
            drop_database(args.db_url)
            print(f"data: dropped {args.db_url.rsplit('/', 1)[1]} (--keep keeps it)")


if __name__ == "__main__":
    main()
