"""A year of a national Eagle Eye, generated into a PostgreSQL database for the dashboard's load
benchmark (``benchmarks/dashboard_load.py``). Fast: COPY, not the ORM.

    python benchmarks/dashboard_data.py postgresql://postgres@127.0.0.1/eagle_eye_bench [--incidents N] [--findings N]

The shape follows what the product writes (see alerts/ and crawler/):

* 7,850 organisations as the registry has them: one PAO per province, 30 city, 195 town and
  2,247 subdistrict municipalities, 5,300 SAOs, Bangkok and Pattaya; 77 provinces of very
  different sizes.
* incidents over the last 365 days, at most one active per organisation at a time (the grouping
  rule: an organisation's new exposures join its one active incident, or open one). Each
  organisation leaks at its own rate; time to remediation is long-tailed (median a week, 2 %
  never fixed); status, risk and every transition timestamp follow from that timeline: notified
  minutes after opening, acknowledged or reminded daily, escalated after 72 h, remediated,
  closed 30 days later, some reopened, some closed as false positives. Ids follow the opening
  order. 100,000 incidents a year over 7,850 organisations is one a month each: about half of
  them have one open at any moment.
* 3-5 documents per incident (one list holds most of the exposures), with their facts; gone
  once the incident is remediated, half the time.
* findings: ~80 % attached to incidents (unmasked or under-masked personal identifiers; per
  incident long-tailed, a few lists of a thousand people or more), the rest masked or not
  personal, spread over the same documents. Masked displays (``X-XXXX-XXXX1-23-4``), masked
  context, random 64-hex fingerprints and identities.
* incident_event: the timeline of each incident (opened, emails, status changes, reminders,
  escalation, fix reported, verified ...), 5-6 lines on average.
* crawl runs: the scheduler's 15-minute slot crawls (~82 organisations each, stats per
  organisation) and remediation re-checks, about a month of them.

Loading drops the secondary indexes of the big tables, COPYs with foreign-key triggers off (the
data is consistent by construction), recreates the same indexes from their saved definitions,
then VACUUM ANALYZE, as a database that has been running a while would be.
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

#: bump when the generated shape changes: a database kept by --keep is then rebuilt
VERSION = 1
PASSWORD = "bench-password-not-a-secret"
ADMIN = "bench_admin"
OFFICER = "bench_officer"
MARKER = "bench_dataset"
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)

ORG_TYPE_COUNTS = {"city": 30, "town": 195, "subdistrict": 2247, "sao": 5300}  # + 76 PAO + 2 other = 7,850
TYPE_PREFIX = {"pao": "องค์การบริหารส่วนจังหวัด", "city": "เทศบาลนคร", "town": "เทศบาลเมือง",
               "subdistrict": "เทศบาลตำบล", "sao": "องค์การบริหารส่วนตำบล"}
SYLLABLES = ("บ้าน", "นา", "หนอง", "โนน", "ดอน", "ท่า", "วัง", "ห้วย", "แม่", "โคก", "ป่า", "ทุ่ง", "สระ", "คลอง",
             "บาง", "เขา", "ศรี", "ไผ่", "ใหม่", "กลาง", "หลวง", "ทอง", "แก้ว", "สวน", "ลาด", "ยาง", "ตาล", "โพธิ์",
             "ไทร", "เจริญ", "สุข", "ชัย", "พัฒนา", "น้ำ", "ขาม", "หิน", "แดง", "ขาว", "เหนือ", "ใต้", "บัว", "คำ")
FIRST = ("สมศรี", "บุญมี", "กาญจนา", "ประเสริฐ", "สมชาย", "วันเพ็ญ", "ทองใบ", "สุนีย์", "จำเนียร", "เพ็ญศรี", "มานพ", "อำไพ")
LAST = ("ใจดี", "ศรีสุข", "พึ่งบุญ", "แก้วมณี", "ทองคำ", "สุขสวัสดิ์", "บุญเรือง", "ศรีวงศ์", "จันทร์หอม", "มีสุข")
DOC_KINDS = (  # (path stem, media type, extension, share)
    ("allowance-elderly", "application/pdf", "pdf", 30), ("allowance-disabled", "application/pdf", "pdf", 10),
    ("tax-roll", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", 12),
    ("complaints", "text/html", "html", 12), ("procurement", "application/pdf", "pdf", 14),
    ("news", "text/html", "html", 14), ("letter", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                       "docx", 8),
)
PATTERNS = {"national_id": ("dashed_1-4-5-2-1", "contiguous_13", "spaced_1-4-5-2-1", "table_cell_split"),
            "phone": ("mobile_dashed", "mobile_contiguous", "landline_dashed", "intl_plus66"),
            "laser_code": ("laser_dashed", "laser_contiguous")}
SENSITIVE = ("disability", "health", "religion")


def _hex(rng: random.Random, n: int = 64) -> str:
    return f"{rng.getrandbits(n * 4):0{n}x}"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _provinces() -> list[str]:
    from pythainlp.corpus import provinces

    names = sorted(p["name_th"] for p in provinces(details=True))
    assert len(names) == 77, len(names)
    return names


# ---------------------------------------------------------------- organisations


def make_organisations(rng: random.Random, now: datetime) -> list[tuple]:
    provinces = _provinces()
    bangkok = "กรุงเทพมหานคร"
    others = [p for p in provinces if p != bangkok]
    weight = {p: rng.lognormvariate(0, 0.55) for p in others}
    plan: list[tuple[str, str]] = [("pao", p) for p in others]  # one PAO per province
    plan += [("other", bangkok), ("other", "ชลบุรี")]  # Bangkok, Pattaya
    big = sorted(others, key=lambda p: -weight[p] * rng.random())
    plan += [("city", p) for p in big[:ORG_TYPE_COUNTS["city"]]]
    for kind in ("town", "subdistrict", "sao"):
        plan += [(kind, p) for p in rng.choices(others, weights=[weight[p] for p in others], k=ORG_TYPE_COUNTS[kind])]
    per_province: dict[str, int] = {}
    index = {p: i for i, p in enumerate(provinces)}
    rows = []
    created = now - timedelta(days=400)
    for kind, province in plan:
        n = per_province[province] = per_province.get(province, 0) + 1
        org_id = f"{index[province] + 10:02d}{n:05d}"
        place = "".join(rng.sample(SYLLABLES, rng.choice((2, 2, 3))))
        name = ({"pao": TYPE_PREFIX["pao"] + province, "other": "กรุงเทพมหานคร" if province == bangkok else "เมืองพัทยา"}
                .get(kind) or TYPE_PREFIX[kind] + place)
        slug = f"{kind}{org_id}"
        district = "เมือง" + province if kind in ("pao", "city", "other") else "อำเภอ" + "".join(rng.sample(SYLLABLES, 2))
        rows.append((
            org_id, name, kind, province, district, _json([f"https://www.{slug}.go.th/"]),
            _json([f"https://www.{slug}.go.th/ita"] if rng.random() < 0.4 else []),
            f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"pdpa@{slug}.go.th",
            f"0{rng.randint(2, 7)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            f"pdpa@province{index[province] + 10}.go.th", created, created,
        ))
    return rows


ORG_COLUMNS = ("org_id", "name", "org_type", "province", "district", "websites", "start_pages", "coordinator_name",
               "coordinator_email", "coordinator_phone", "province_coordinator_email", "created_at", "updated_at")


# ---------------------------------------------------------------- crawl runs


def make_crawl_runs(rng: random.Random, now: datetime, org_ids: list[str], n_runs: int) -> list[tuple]:
    slots: list[list[str]] = [[] for _ in range(96)]
    for org_id in org_ids:
        slots[rng.randrange(96)].append(org_id)
    rows = []
    at = now - timedelta(minutes=n_runs * 15)
    for run_id in range(1, n_runs + 1):
        at += timedelta(minutes=15)
        recheck = rng.random() < 0.15
        orgs = rng.sample(org_ids, rng.randint(1, 8)) if recheck else slots[run_id % 96]
        stats = {}
        for o in orgs:
            pages = rng.randint(1, 12) if recheck else int(rng.lognormvariate(5, 0.9))
            stats[o] = {"pages": pages, "attachments": rng.randint(0, pages // 4 + 1), "bytes": pages * rng.randint(20_000, 400_000),
                        "errors": 0 if rng.random() < 0.8 else rng.randint(1, 12), "unchanged": pages // 2,
                        "findings": rng.randint(0, 40), "exposures": 0 if rng.random() < 0.7 else rng.randint(1, 60)}
        duration = timedelta(seconds=rng.randint(30, 300) if recheck else rng.randint(300, 1700))
        status = "running" if run_id == n_runs else ("interrupted" if rng.random() < 0.03 else "finished")
        rows.append((run_id, at, None if status == "running" else at + duration, status, _json(orgs), _json(stats),
                     f"bench-host:{rng.randint(1000, 99999)}", recheck))
    return rows


RUN_COLUMNS = ("id", "started_at", "finished_at", "status", "org_ids", "stats", "owner", "recheck")


# ---------------------------------------------------------------- incidents


def _simulate(rng: random.Random, org_ids: list[str], rates: list[float], scale: float, start: datetime,
              now: datetime) -> list[tuple[str, datetime, float | None]]:
    """(org_id, opened_at, days to remediation or None if never): a renewal process per organisation,
    never two active incidents of one organisation at once."""
    out = []
    span = (now - start).total_seconds() / 86400
    for org_id, rate in zip(org_ids, rates):
        t = rng.expovariate(rate * scale) * rng.random()  # the process was already running
        while t < span:
            ttr = None if rng.random() < 0.02 else min(rng.lognormvariate(math.log(7), 0.9), 300.0)
            out.append((org_id, start + timedelta(days=t), ttr))
            if ttr is None:
                break
            t += ttr + rng.expovariate(rate * scale)
    return out


def plan_incidents(rng: random.Random, now: datetime, org_ids: list[str], n: int) -> list[tuple[str, datetime, float | None]]:
    start = now - timedelta(days=365)
    rates = [rng.lognormvariate(0, 0.7) / 30 for _ in org_ids]  # per day, before scaling
    lo, hi, scale = 0.01, 100.0, 1.0
    for _ in range(40):  # bisect the scale until there are N..N*1.03 incidents
        plan = _simulate(random.Random(rng.random()), org_ids, rates, scale, start, now)
        if n <= len(plan) <= n * 1.03 or hi / lo < 1.0001:
            break
        if len(plan) < n:
            lo = scale
        else:
            hi = scale
        scale = math.sqrt(lo * hi)
    if len(plan) < n:
        raise SystemExit(f"cannot fit {n} incidents into a year of {len(org_ids)} organisations")
    plan.sort(key=lambda p: p[1])
    return plan[len(plan) - n:]  # drop the oldest: each organisation keeps a consistent tail of its timeline


INCIDENT_COLUMNS = (
    "id", "org_id", "status", "risk_score", "risk_level", "risk_factors", "risk_overrides", "risk_reasons",
    "finding_count", "document_count", "people_exposed", "opened_at", "notified_at", "acknowledged_at", "remediated_at",
    "closed_at", "reopened_at", "last_reminder_at", "reminder_count", "escalated_at", "fix_reported_at",
    "last_verified_at", "updated_at",
)
EVENT_COLUMNS = ("id", "incident_id", "at", "kind", "from_status", "to_status", "actor", "detail")
REASONS = {
    "people": "จำนวนผู้ได้รับผลกระทบประมาณ {people} คน", "data_kind": "เลขประจำตัวประชาชนพร้อมชื่อ-สกุล",
    "discovery": "เผยแพร่บนเว็บไซต์มาแล้วประมาณ {days} วันก่อนตรวจพบ", "access_lost": "หน่วยงานยังเข้าถึงข้อมูลได้ตามปกติ",
    "altered": "ข้อมูลไม่ถูกแก้ไขหรือทำลาย", "scope": "เปิดเผยต่อสาธารณะบนอินเทอร์เน็ต",
    "impact": "อาจถูกนำไปใช้สวมรอยหรือหลอกลวง",
}


class Incidents:
    """Builds incident rows, their timelines, and what documents and findings need to know."""

    def __init__(self, rng: random.Random, now: datetime, plan: list, findings_attached: int) -> None:
        self.rng, self.now = rng, now
        n = len(plan)
        # exposures per incident: long-tailed (most a handful, a few lists of 1,000+ people)
        raw = [min(3000.0, max(1.0, rng.lognormvariate(1.36, 1.2))) for _ in range(n)]
        k = findings_attached / sum(raw)
        self.exposures = [max(1, int(r * k)) for r in raw]
        short = findings_attached - sum(self.exposures)
        for i in rng.sample(range(n), min(n, abs(short))) if short else ():
            self.exposures[i] = max(1, self.exposures[i] + (1 if short > 0 else -1))
        self.plan = plan
        self.rows: list[tuple] = []
        self.events: list[tuple] = []
        #: per incident: org_id, opened_at, remediated_at (or None), false positive, sensitive
        self.meta: list[tuple] = []

    def build(self) -> None:
        rng, now = self.rng, self.now
        last_of_org = {org_id: i for i, (org_id, _, _) in enumerate(self.plan)}
        event_id = 0

        def event(incident_id: int, at: datetime, kind: str, detail: str = "", frm: str | None = None,
                  to: str | None = None, actor: str = "system") -> None:
            nonlocal event_id
            event_id += 1
            self.events.append((event_id, incident_id, at, kind, frm, to, actor, detail))

        for i, (org_id, opened, ttr) in enumerate(self.plan):
            iid = i + 1
            fixed_at = opened + timedelta(days=ttr) if ttr is not None else None
            if fixed_at is not None and fixed_at > now:
                fixed_at = None
            false_positive = rng.random() < 0.03 and i != last_of_org[org_id]
            exposures = self.exposures[i]
            people = max(1, int(exposures * rng.uniform(0.85, 1.0)))
            sensitive = rng.random() < (0.5 if exposures > 100 else 0.1)  # disability and HIV lists run long
            status, notified = "open", opened + timedelta(minutes=rng.uniform(2, 30))
            if notified > now or rng.random() < 0.01:
                notified = None
            acked = fix_reported = remediated = closed = reopened = escalated = None
            event(iid, opened, "status", "Eagle Eye พบข้อมูลส่วนบุคคลเปิดเผยบนเว็บไซต์", None, "open")
            if notified:
                event(iid, opened + timedelta(minutes=1), "email_queued", f"เตรียมส่งอีเมล (notification) ถึง pdpa@{org_id}.go.th")
                event(iid, notified, "email_sent", "ส่งอีเมลแจ้งเหตุแล้ว")
                event(iid, notified, "status", "", "open", "notified")
                status = "notified"
            end = fixed_at or now
            if false_positive:
                closed = opened + timedelta(hours=rng.uniform(2, 72))
                event(iid, closed, "false_positive", "ทีมเฝ้าระวังระบุว่าไม่ใช่ข้อมูลส่วนบุคคล", actor="ทีมเฝ้าระวัง")
                event(iid, closed, "status", "ไม่ใช่การเปิดเผยข้อมูลส่วนบุคคล", status, "closed", actor="ทีมเฝ้าระวัง")
                status, end, fixed_at = "closed", closed, None
            if notified and not false_positive and rng.random() < 0.65:
                at = notified + timedelta(hours=rng.lognormvariate(math.log(20), 1.0))
                if at < end:
                    acked = at
                    event(iid, at, "status", "ผู้ประสานงานรับทราบผ่านลิงก์ในอีเมล", status, "acknowledged",
                          actor="ผู้ประสานงาน (ลิงก์ในอีเมล)")
                    status = "acknowledged"
                    if rng.random() < 0.3:
                        fix_reported = acked + (end - acked) * rng.uniform(0.3, 0.95)
                        event(iid, fix_reported, "fix_reported", "ผู้ประสานงานแจ้งว่าแก้ไขแล้ว ขอให้ตรวจซ้ำ",
                              actor="ผู้ประสานงาน (ลิงก์ในอีเมล)")
            reminders, last_reminder = 0, None
            if notified and not false_positive:
                waited = ((acked or end) - notified) / DAY
                reminders = min(int(waited), 30)
                for r in range(1, min(reminders, 3) + 1):
                    event(iid, notified + r * DAY, "reminder", f"ส่งแจ้งเตือนครั้งที่ {r}")
                last_reminder = notified + reminders * DAY if reminders else None
                if end - notified > timedelta(hours=72):
                    escalated = notified + timedelta(hours=72)
                    event(iid, escalated, "escalated", "แจ้งผู้ประสานงานระดับจังหวัด")
            if fixed_at is not None:
                remediated = fixed_at
                event(iid, remediated, "verified", "ตรวจซ้ำแล้ว เอกสารถูกนำออกหรือปกปิดแล้ว")
                event(iid, remediated, "status", "", status, "remediated")
                status = "remediated"
                if i == last_of_org[org_id] and rng.random() < 0.08 and now - remediated > 2 * DAY:
                    reopened = remediated + (now - remediated) * rng.uniform(0.2, 0.9)
                    event(iid, reopened, "status", "พบการเปิดเผยซ้ำหลังแก้ไข", "remediated", "reopened")
                    status = "reopened"
                elif remediated + 30 * DAY <= now:
                    closed = remediated + 30 * DAY
                    event(iid, closed, "status", "ไม่พบซ้ำครบ 30 วัน", "remediated", "closed")
                    status = "closed"
            if false_positive:
                factors, score, level = {}, 0, "none"
            else:
                # alerts.risk's rules: people <=50 / <=100 / more; sensitive data 3, with names 2;
                # discovery mostly unknown or > 72 h (3); a public page 3; ID numbers impact 3
                factors = {
                    "people": 1 if people <= 50 else 2 if people <= 100 else 3,
                    "data_kind": 3 if sensitive else 2 if rng.random() < 0.9 else 1,
                    "discovery": 3 if rng.random() < 0.85 else rng.choice((1, 2)), "access_lost": 0, "altered": 0,
                    "scope": 3 if rng.random() < 0.9 else 2, "impact": 3 if sensitive or rng.random() < 0.75 else rng.choice((1, 2)),
                }
                score = sum(factors.values())
                level = "none" if score == 0 else "low" if score <= 7 else "medium" if score <= 14 else "high"
            reasons = {k: v.format(people=people, days=rng.randint(1, 900)) for k, v in REASONS.items()} if factors else {}
            overrides = {"people": 3} if factors and rng.random() < 0.02 else {}  # the team's edits
            if overrides:
                score = sum({**factors, **overrides}.values())
                level = "none" if score == 0 else "low" if score <= 7 else "medium" if score <= 14 else "high"
            documents = rng.randint(3, 5)
            active = status in ("open", "notified", "acknowledged", "reopened")
            verified = (now - timedelta(hours=rng.uniform(0, 6))) if active else remediated
            updated = max(t for t in (opened, notified, acked, fix_reported, remediated, closed, reopened, escalated,
                                      last_reminder) if t is not None)
            self.rows.append((
                iid, org_id, status, score, level, _json(factors), _json(overrides), _json(reasons),
                exposures, documents, people, opened, notified, acked, remediated, closed, reopened, last_reminder,
                reminders, escalated, fix_reported, verified, updated,
            ))
            self.meta.append((org_id, opened, remediated, false_positive, sensitive, documents, people))


# ---------------------------------------------------------------- documents and findings


def _display(rng: random.Random, kind: str) -> str:
    d = f"{rng.randrange(10000):04d}"
    if kind == "national_id":
        return f"X-XXXX-XXXX{d[0]}-{d[1:3]}-{d[3]}"
    if kind == "phone":
        return f"XXX-XXX-{d}"
    return f"XXX-XXXXX{d[:2]}-{d[2:]}"


def _contexts(rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for _ in range(300):
        name = f"{rng.choice(('นาย', 'นาง', 'นางสาว'))}{rng.choice(FIRST)} {rng.choice(LAST)}"
        before = rng.choice((f"ลำดับ {rng.randint(1, 400)} {name} เลขประจำตัวประชาชน", f"{name} โทร",
                             f"ผู้ยื่นคำร้อง {name} เลขบัตร", f"{name} อายุ {rng.randint(60, 99)} ปี"))
        after = rng.choice((f"บ้านเลขที่ XX หมู่ X ตำบล{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)} จำนวนเงิน 600 บาท",
                            "ผู้พิการทางการเคลื่อนไหว", "ค่าภาษีที่ดินและสิ่งปลูกสร้าง XXX บาท", "ร้องเรียนเรื่องไฟฟ้าส่องสว่าง"))
        out.append((before, after))
    return out


DOCUMENT_COLUMNS = ("id", "org_id", "url", "media_type", "state", "error", "size", "pages", "finding_count",
                    "exposure_count", "first_seen_at", "last_seen_at", "changed_at", "gone_at", "facts", "url_key",
                    "content_sha256", "etag", "last_modified", "crawl_run_id")
FINDING_COLUMNS = ("id", "org_id", "document_id", "kind", "status", "personal", "display", "fingerprint", "page",
                   "context", "pattern", "reasons", "needs_review", "ocr", "first_seen_at", "last_seen_at", "gone_at",
                   "identity", "incident_id", "suppressed_at", "suppressed_by")


def write_documents(rng: random.Random, now: datetime, inc: Incidents, runs: list[tuple], doc_copy) -> list[tuple]:  # noqa: ANN001
    """COPY the documents of every incident; returns what the findings need to know of them."""
    run_window_start = runs[0][1] if runs else now
    recent_runs = [r[0] for r in runs if not r[7]]
    docs: list[tuple[int, str, int, int, datetime, datetime | None, int]] = []  # id, org, incident, exposures, first, gone, pages
    doc_id = 0
    kinds, weights = [k for k in DOC_KINDS], [k[3] for k in DOC_KINDS]
    for i, (org_id, opened, remediated, _fp, sensitive, n_docs, people) in enumerate(inc.meta):
        exposures = inc.exposures[i]
        split = [exposures]
        if n_docs > 1:  # one list holds most; the others a few each (some none)
            rest = exposures - max(1, int(exposures * rng.uniform(0.5, 0.95)))
            split = [exposures - rest] + [0] * (n_docs - 1)
            for _ in range(rest):
                split[rng.randrange(1, n_docs)] += 1
        for j, ex in enumerate(split):
            doc_id += 1
            stem, media, ext, _ = kinds[0] if j == 0 and rng.random() < 0.5 else rng.choices(kinds, weights)[0]
            first = opened - timedelta(hours=rng.uniform(0, 6))
            gone = remediated if remediated is not None and rng.random() < 0.5 else None
            last = gone or (remediated or now - timedelta(hours=rng.uniform(0, 24)))
            pages = rng.randint(1, 40) if ext == "pdf" else 1 if ext in ("html", "docx") else rng.randint(1, 4)
            facts = {"people_exposed": min(people, ex), "names": True, "addresses": rng.random() < 0.6,
                     "birth_dates": rng.random() < 0.2, "sensitive": [rng.choice(SENSITIVE)] if sensitive and j == 0 else []}
            run_id = rng.choice(recent_runs) if recent_runs and last >= run_window_start else None
            year = first.year + 543
            doc_copy.write_row((
                doc_id, org_id, f"https://www.{org_id}.go.th/files/{year}/{stem}-{doc_id}.{ext}", media,
                "gone" if gone else "ok", "", rng.randint(8_000, 4_000_000), pages, ex, ex, first, last,
                first if rng.random() < 0.3 else None, gone, _json(facts), _hex(rng), _hex(rng), "", "", run_id,
            ))
            docs.append((doc_id, org_id, i + 1, ex, first, gone, pages))
    return docs


def write_findings(rng: random.Random, now: datetime, inc: Incidents, docs: list[tuple], n_findings: int,
                   finding_copy) -> int:  # noqa: ANN001
    """COPY each incident's exposures into its documents, then the masked and non-personal ones anywhere."""
    n_loose = max(0, n_findings - sum(inc.exposures))
    contexts = _contexts(rng)
    fid = 0
    kinds_attached = ("national_id",) * 72 + ("phone",) * 23 + ("laser_code",) * 5
    reasons_by_kind = {
        "national_id": _json(["checksum valid", "in a list of people", "0 of 13 digits hidden"]),
        "phone": _json(["mobile in a list of people", "0 of 10 digits hidden"]),
        "laser_code": _json(["laser code: identity-proofing secret of an ID card", "0 of 12 digits hidden"]),
    }
    under_reasons = _json(["checksum valid", "in a list of people", "2 of 13 digits hidden: under-masked"])
    masked_reasons = _json(["X4 rule met: 4 or more digits hidden"])
    office_reasons = _json(["office line in a letter's contact block"])
    for doc_id, org_id, incident_id, ex, first, gone, pages in docs:
        fp_incident = inc.meta[incident_id - 1][3]
        for _ in range(ex):
            fid += 1
            kind = rng.choice(kinds_attached)
            under = rng.random() < 0.12
            display = _display(rng, kind)
            before, after = rng.choice(contexts)
            fingerprint = None if under else _hex(rng)
            suppressed = first + 2 * HOUR if fp_incident or rng.random() < 0.005 else None
            finding_copy.write_row((
                fid, org_id, doc_id, kind, "under_masked" if under else "unmasked", True, display, fingerprint,
                rng.randint(1, pages) if pages > 1 else None, f"{before} {display} {after}", rng.choice(PATTERNS[kind]),
                under_reasons if under else reasons_by_kind[kind], rng.random() < 0.03, rng.random() < 0.05, first,
                gone or now - timedelta(hours=rng.uniform(0, 24)), gone, fingerprint or _hex(rng), incident_id,
                suppressed, "ทีมเฝ้าระวัง" if suppressed else "",
            ))
    for _ in range(n_loose):
        fid += 1
        doc_id, org_id, _incident, _ex, first, gone, pages = docs[rng.randrange(len(docs))]
        masked = rng.random() < 0.75
        kind = "national_id" if masked and rng.random() < 0.8 else "phone"
        display = _display(rng, kind)
        before, after = rng.choice(contexts)
        fingerprint = None if masked else _hex(rng)
        finding_copy.write_row((
            fid, org_id, doc_id, kind, "masked" if masked else "unmasked", masked, display, fingerprint,
            rng.randint(1, pages) if pages > 1 else None, f"{before} {display} {after}", rng.choice(PATTERNS[kind]),
            masked_reasons if masked else office_reasons, False, rng.random() < 0.05, first,
            gone or now - timedelta(hours=rng.uniform(0, 24)), gone, fingerprint or _hex(rng), None, None, "",
        ))
    return fid


# ---------------------------------------------------------------- loading


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> int:  # noqa: ANN001
    n = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


BIG_TABLES = ("incident", "incident_event", "document", "finding")


def _drop_secondary_indexes(cursor) -> list[str]:  # noqa: ANN001
    """Drop the plain indexes of the big tables (not primary keys or unique constraints) and return
    their definitions, to recreate them exactly after the load."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", (list(BIG_TABLES),))
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def load(url: str, *, incidents: int, findings: int, seed: int = 1, log=print) -> dict:  # noqa: ANN001
    """Migrate the (empty) database through the app, fill it, create the benchmark's two users.
    Returns what was loaded, with timings."""
    import psycopg
    from dashboard import auth
    from eagle_eye import db
    from eagle_eye.models import Role
    from eagle_eye.settings import Settings

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    engine = db.open_database(Settings(database_url=url))
    engine.dispose()
    timings["migrate"] = time.perf_counter() - t0
    rng = random.Random(seed)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    libpq = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(libpq) as conn, conn.cursor() as cur:
        cur.execute("SET session_replication_role = replica")  # no FK triggers: consistent by construction
        cur.execute("SET maintenance_work_mem = '256MB'")
        indexes = _drop_secondary_indexes(cur)

        def step(name: str, fn) -> object:  # noqa: ANN001
            start = time.perf_counter()
            result = fn()
            timings[name] = time.perf_counter() - start
            log(f"  {name}: {timings[name]:.1f} s")
            return result

        orgs = make_organisations(rng, now)
        step("organisations", lambda: _copy(cur, "organisation", ORG_COLUMNS, orgs))
        org_ids = [o[0] for o in orgs]
        runs = make_crawl_runs(rng, now, org_ids, max(200, min(3000, incidents // 33)))
        step("crawl runs", lambda: _copy(cur, "crawl_run", RUN_COLUMNS, runs))
        plan = step("incident timeline", lambda: plan_incidents(rng, now, org_ids, incidents))
        inc = Incidents(rng, now, plan, findings_attached=min(findings, int(findings * 0.8)))
        step("incident rows", inc.build)
        step("incidents", lambda: _copy(cur, "incident", INCIDENT_COLUMNS, inc.rows))
        step("incident events", lambda: _copy(cur, "incident_event", EVENT_COLUMNS, inc.events))
        counts = {}

        def documents() -> list[tuple]:
            with cur.copy(f"COPY document ({', '.join(DOCUMENT_COLUMNS)}) FROM STDIN") as copy:
                docs = write_documents(rng, now, inc, runs, copy)
            counts["documents"] = len(docs)
            return docs

        def findings_() -> None:
            with cur.copy(f"COPY finding ({', '.join(FINDING_COLUMNS)}) FROM STDIN") as copy:
                counts["findings"] = write_findings(rng, now, inc, docs, findings, copy)

        docs = step("documents", documents)
        step("findings", findings_)
        for table in ("crawl_run", "incident", "incident_event", "document", "finding"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cur.execute("SET session_replication_role = DEFAULT")

        def recreate() -> None:
            for definition in indexes:
                cur.execute(definition)

        step(f"indexes ({len(indexes)})", recreate)
        conn.commit()
        conn.autocommit = True
        step("vacuum analyze", lambda: cur.execute("VACUUM ANALYZE"))
    province = _largest_province(orgs)
    engine = db.create_db_engine(Settings(database_url=url))
    with db.session_scope(engine) as session:
        auth.add_user(session, username=ADMIN, password=PASSWORD, role=Role.NATIONAL_ADMIN, now=now,
                      display_name="ผู้ดูแลระบบ (benchmark)")
        auth.add_user(session, username=OFFICER, password=PASSWORD, role=Role.PROVINCE_OFFICER, now=now,
                      province=province, display_name=f"เจ้าหน้าที่จังหวัด{province} (benchmark)")
    active = sum(1 for r in inc.rows if r[2] in ("open", "notified", "acknowledged", "reopened"))
    info = {"version": VERSION, "incidents": incidents, "findings": counts["findings"], "seed": seed,
            "organisations": len(orgs), "documents": counts["documents"], "events": len(inc.events),
            "crawl_runs": len(runs), "active_incidents": active, "officer_province": province,
            "load_seconds": round(time.perf_counter() - t0, 1), "timings": {k: round(v, 1) for k, v in timings.items()},
            "loaded_at": now.isoformat()}
    engine.dispose()
    remember(url, info)
    return info


def remember(url: str, info: dict) -> None:
    """Write what this database holds into its marker table (a later run reuses it if it matches)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE TABLE IF NOT EXISTS {MARKER} (info json NOT NULL)"))
        connection.execute(sa.text(f"DELETE FROM {MARKER}"))
        connection.execute(sa.text(f"INSERT INTO {MARKER} (info) VALUES (:info)"), {"info": _json(info)})
    engine.dispose()


def _largest_province(orgs: list[tuple]) -> str:
    sizes: dict[str, int] = {}
    for o in orgs:
        sizes[o[3]] = sizes.get(o[3], 0) + 1
    return max(sizes, key=lambda p: (sizes[p], p))


def loaded(url: str) -> dict | None:
    """What a previous run loaded here (the marker table), or None."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            if not connection.execute(sa.text("SELECT to_regclass(:t)"), {"t": MARKER}).scalar():
                return None
            info = connection.execute(sa.text(f"SELECT info FROM {MARKER}")).scalar()
            info = json.loads(info) if isinstance(info, str) else info
            real = connection.execute(sa.text("SELECT (SELECT count(*) FROM incident), (SELECT count(*) FROM finding)")).one()
            if (real[0], real[1]) != (info["incidents"], info["findings"]):
                return None
            return info
    finally:
        engine.dispose()


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url", help="an empty PostgreSQL database, postgresql+psycopg://...")
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--findings", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    url = args.url.replace("postgresql://", "postgresql+psycopg://", 1)
    info = load(url, incidents=args.incidents, findings=args.findings, seed=args.seed)
    print(json.dumps(info, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
