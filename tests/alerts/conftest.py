"""A small seeded world for the incident lifecycle: organisations, and "crawls" that store
documents through the crawler's own store (crawler.store) from text the real detection engine
reads, so findings, fingerprints and facts are the product's own. The clock is explicit.

Plus a real SMTP server on loopback (aiosmtpd) that keeps what it accepts and can be taken down.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from crawler.items import FetchedDocument
from crawler.store import body_sha256, store_document
from detectors import scan_text
from eagle_eye import db
from eagle_eye.models import CrawlRun, CrawlStatus, Incident, IncidentEvent, Organisation, OrgType, OutboxMessage
from eagle_eye.settings import Settings
from seeds.mailbox import free_port
from synth.ids import laser_code, mobile, national_id

T0 = datetime(2026, 11, 2, 2, 0, tzinfo=timezone.utc)  # 09:00 in Thailand
KEY = "alerts-test-fingerprint-key"
SECRET = "alerts-test-secret"


def people(seed: int, n: int) -> list[dict[str, str]]:
    """n fake citizens, each with a valid ID, a mobile and a laser code (seeded)."""
    rng = random.Random(seed)
    first = ["สมชาย", "สมหญิง", "มานี", "ชูใจ", "ปิติ", "วีระ", "กานดา", "สุดา"]
    last = ["ใจดี", "รักไทย", "มีสุข", "ทองคำ", "ศรีสวัสดิ์"]
    return [{"name": f"{rng.choice(['นาย', 'นาง', 'นางสาว'])}{rng.choice(first)} {rng.choice(last)}",
             "id": national_id(rng), "phone": mobile(rng), "laser": laser_code(rng)} for _ in range(n)]


def allowance_list(rows: list[dict[str, str]], *, title: str = "บัญชีรายชื่อผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ",
                   masked: bool = False) -> str:
    lines = [title, "ลำดับ ชื่อ-สกุล เลขประจำตัวประชาชน ที่อยู่"]
    for i, r in enumerate(rows, 1):
        pid = r["id"]
        shown = f"{pid[0]}-{pid[1:5]}-{pid[5:8]}XX-XX-X" if masked else f"{pid[0]}-{pid[1:5]}-{pid[5:10]}-{pid[10:12]}-{pid[12]}"
        lines.append(f"{i} {r['name']} {shown} บ้านเลขที่ {i} หมู่ 3 ตำบลวังทอง")
    return "\n".join(lines)


def phone_list(rows: list[dict[str, str]]) -> str:
    lines = ["รายชื่อผู้ร้องเรียน", "ลำดับ ชื่อ-สกุล โทรศัพท์"]
    lines += [f"{i} {r['name']} โทร {r['phone'][:3]}-{r['phone'][3:6]}-{r['phone'][6:]}" for i, r in enumerate(rows, 1)]
    return "\n".join(lines)


@dataclass
class World:
    settings: Settings
    engine: object
    runs: int = 0
    #: every raw number planted, for the "never printed" checks
    planted: set[str] = field(default_factory=set)

    def session(self):  # noqa: ANN201
        return db.session_scope(self.engine)

    def org(self, org_id: str = "t1", *, name: str = "องค์การบริหารส่วนตำบลทดสอบ", email: str = "pdpa@t1.go.th",
            province: str = "พิษณุโลก", province_email: str = "pdpa@plk.dla.go.th") -> str:
        with self.session() as s:
            s.add(Organisation(org_id=org_id, name=name, org_type=OrgType.SAO, province=province, district="วังทอง",
                               websites=[f"https://{org_id}.go.th/"], coordinator_name="สมศรี รักษ์ข้อมูล",
                               coordinator_email=email, province_coordinator_email=province_email,
                               created_at=T0, updated_at=T0))
        return org_id

    def crawl(self, now: datetime, pages: dict[str, str | None], *, org_id: str = "t1") -> int:
        """Store one crawl: url -> text (read), or None (the site answers 404). Returns the run id."""
        key = self.settings.fingerprint_key_bytes()
        with self.session() as s:
            run = CrawlRun(started_at=now, finished_at=now + timedelta(minutes=5), status=CrawlStatus.FINISHED,
                           org_ids=[org_id])
            s.add(run)
            s.flush()
            for url, text in pages.items():
                if text is None:
                    item = FetchedDocument(org_id=org_id, url=url, status=404, fetch_error="HTTP 404")
                else:
                    self.planted.update(_numbers(text))
                    body = text.encode()
                    result = scan_text(text, key=key)
                    item = FetchedDocument(org_id=org_id, url=url, status=200, body=body, media_type="text/html",
                                           content_sha256=body_sha256(body), size=len(body),
                                           detections=result.detections, facts=result.facts)
                store_document(s, item, key=key, run_id=run.id, now=now)
            return run.id

    def sync(self, now: datetime, org_ids: list[str] | None = None):  # noqa: ANN201
        from alerts.service import after_crawl

        with self.session() as s:
            return after_crawl(s, settings=self.settings, now=now, org_ids=org_ids)

    def incidents(self) -> list[Incident]:
        with self.session() as s:
            rows = list(s.exec(select(Incident).order_by(Incident.id)))
            for r in rows:
                s.expunge(r)
            return rows

    def events(self, incident_id: int) -> list[IncidentEvent]:
        with self.session() as s:
            rows = list(s.exec(select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)
                               .order_by(IncidentEvent.id)))
            for r in rows:
                s.expunge(r)
            return rows

    def outbox(self) -> list[OutboxMessage]:
        with self.session() as s:
            rows = list(s.exec(select(OutboxMessage).order_by(OutboxMessage.id)))
            for r in rows:
                s.expunge(r)
            return rows


def _numbers(text: str) -> set[str]:
    import re

    return {re.sub(r"\D", "", m) for m in re.findall(r"\d[\d -]{8,}\d", text)}


def make_settings(tmp_path, **overrides) -> Settings:  # noqa: ANN001, ANN003
    return Settings(**{"data_dir": tmp_path, "fingerprint_key": KEY, "secret_key": SECRET,
                       "dashboard_url": "https://eagle.example.go.th", "mail_from": "Eagle Eye <eagle-eye@pdpc.example>",
                       **overrides})


@pytest.fixture
def world(db_settings) -> World:
    """On SQLite and on real PostgreSQL."""
    settings = make_settings(db_settings.data_dir, database_url=db_settings.database_url)
    return World(settings, db.open_database(settings))


@pytest.fixture
def sqlite_world(tmp_path) -> World:
    settings = make_settings(tmp_path)
    return World(settings, db.open_database(settings))


# --- a real SMTP server -------------------------------------------------------------------


class Inbox:
    """What the server accepted, in order. ``refuse`` makes it answer a code for some recipients;
    ``on_data`` runs inside the DATA command (after the message is kept, before the reply)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: dict[str, str] = {}
        self.on_data = None
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, ANN201, N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        with self.lock:
            self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        if self.on_data is not None:
            self.on_data(len(self.messages))
        return "250 Message accepted"

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]




class SmtpServer:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()

