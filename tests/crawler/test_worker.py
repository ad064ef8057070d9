"""crawler.worker: what a crawl's worker process does with one document."""

from __future__ import annotations

import random
from datetime import datetime, timezone

from crawler.items import FetchedDocument
from crawler.worker import DocumentHandler, DocumentTask
from detectors import MaskingRule
from eagle_eye.db import open_database, session_scope
from eagle_eye.models import CrawlRun, Organisation, OrgType
from eagle_eye.scanning import ScanOptions
from eagle_eye.settings import Settings
from extractors.base import Limits
from synth import ids
from tests.crawler.test_crawl import person_page

NOW = datetime(2026, 11, 22, tzinfo=timezone.utc)


def handler(settings: Settings) -> DocumentHandler:
    return DocumentHandler(ScanOptions(key=b"k", rule=MaskingRule(), limits=Limits()), settings, run_id=1)


def task(url: str = "http://a.go.th/list.html") -> DocumentTask:
    body = person_page("ประกาศ", ids.national_id(random.Random(1)))
    return DocumentTask(FetchedDocument(org_id="t1", url=url, content_type="text/html; charset=utf-8", size=len(body)), body)


def registered(settings: Settings) -> None:
    with session_scope(open_database(settings)) as session:
        session.add(Organisation(org_id="t1", name="อบต.ทดสอบ", org_type=OrgType.SAO, province="พิษณุโลก",
                                 websites=["http://a.go.th/"], created_at=NOW, updated_at=NOW))
        session.add(CrawlRun(id=1, started_at=NOW))


def test_when_a_page_is_handled_then_its_finding_is_stored_and_counted(db_settings):
    registered(db_settings)
    stored = handler(db_settings)(task())
    assert (stored.finding_count, stored.exposure_count, stored.store_error) == (1, 1, None)


def test_when_the_database_refuses_then_the_worker_reports_it_and_lives_on(tmp_path):
    settings = Settings(data_dir=tmp_path)
    registered(settings)
    # the organisation is not in the registry: the foreign key refuses the document
    stored = handler(settings)(DocumentTask(FetchedDocument(org_id="unregistered", url="http://b.go.th/"), b"<p>x</p>"))
    assert stored.store_error is not None and "b.go.th" not in stored.store_error
    assert handler(settings)(task()).store_error is None  # the next document is stored as usual
