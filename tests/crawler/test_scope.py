"""ScopeMiddleware on its own: which requests go on, and in what order the queue hands them out."""

from __future__ import annotations

import scrapy
from scrapy.utils.test import get_crawler

from crawler.context import SETTING, CrawlContext, OrgTarget
from crawler.middlewares import ScopeMiddleware
from eagle_eye.settings import Settings


def scope(max_per_pattern: int = 100, *, shared_queue: bool = False) -> ScopeMiddleware:
    ctx = CrawlContext(settings=Settings(crawl_max_urls_per_pattern=max_per_pattern), engine=None, run_id=1,
                       options=None, host_owner={"a.go.th": "a", "b.go.th": "b"},
                       targets={o: OrgTarget(o, frozenset({f"{o}.go.th"}), (f"http://{o}.go.th/",)) for o in "ab"})
    return ScopeMiddleware(get_crawler(settings_dict={SETTING: ctx, "EAGLE_EYE_SITES_TAKE_TURNS": shared_queue}))


def passed(mw: ScopeMiddleware, org: str, path: str, **kwargs) -> scrapy.Request | None:  # noqa: ANN003
    return mw.get_processed_request(scrapy.Request(f"http://{org}.go.th{path}", meta={"org_id": org}, **kwargs), None)


def test_when_two_sites_yield_links_into_a_shared_queue_then_the_queue_order_takes_the_sites_in_turn():
    mw = scope(shared_queue=True)
    requests = [passed(mw, "a", f"/news/{n}.html") for n in range(3)] + [passed(mw, "b", f"/news/{n}.html") for n in range(3)]
    # a priority queue pops the highest priority first
    order = [r.url.split("/")[2][0] for r in sorted(requests, key=lambda r: -r.priority)]
    assert order in (["a", "b"] * 3, ["b", "a"] * 3)


def test_when_the_queue_is_the_process_own_then_every_link_keeps_its_priority():
    # Scrapy's own queue takes hosts in turn by itself, and keeps one internal queue per
    # priority, searched on every pop: a priority per URL made each pop cost the queue's length
    mw = scope()
    requests = [passed(mw, org, f"/news/{n}.html") for org in "ab" for n in range(3)]
    assert {r.priority for r in requests} == {0}


def test_when_a_link_repeats_then_it_goes_on_once_and_counts_once_against_its_shape():
    mw = scope(max_per_pattern=2)
    assert passed(mw, "a", "/news/1.html") is not None
    assert [passed(mw, "a", "/news/1.html") for _ in range(5)] == [None] * 5  # the dupefilter has it
    assert passed(mw, "a", "/news/2.html") is not None  # repeats used no place of the cap
    assert passed(mw, "a", "/news/3.html") is None  # the third URL of the shape is a trap
    assert mw.ctx.stats["a"]["skipped_trap"] == 1


def test_when_a_request_must_not_be_filtered_then_it_keeps_its_priority_and_always_goes_on():
    mw = scope()
    passed(mw, "a", "/")
    again = passed(mw, "a", "/", dont_filter=True, priority=5)  # e.g. a page fetched again to render it
    assert again is not None and again.priority == 5


def test_when_a_crawl_is_shared_over_redis_then_its_sites_take_turns_and_otherwise_not():
    from crawler.process import _redis_settings

    shared = Settings(redis_url="redis://127.0.0.1:6379/15")
    assert _redis_settings(shared, run_id=1)["EAGLE_EYE_SITES_TAKE_TURNS"] is True
    assert "EAGLE_EYE_SITES_TAKE_TURNS" not in _redis_settings(Settings(), run_id=1)
