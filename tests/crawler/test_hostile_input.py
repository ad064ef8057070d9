"""Hostile input through ``eagle-eye crawl``: every one costs its own document, which is recorded
with what happened, while the crawl goes on, finds the exposure planted beside it, and stays
within its memory budget (issue 6, item 4)."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from crawler.process import scrapy_settings
from eagle_eye.settings import Settings
from eagle_eye.workers import Failed, Supervised
from extractors.archive import parse_xml
from extractors.base import Limits
from extractors.pdf import extract_pdf
from synth import ids
from tests.crawler import hostile_files as hf
from tests.crawler.hostile_files import GiB, MiB
from tests.crawler.memory import MemoryWatch
from tests.crawler.test_crawl import assert_nothing_raw, documents, findings, person_page
from tests.eagle_eye.conftest import Run, eagle_eye

#: Small limits, so each crawl takes seconds. The download cap is big enough for a gzip bomb
#: (3 MB compressed, 3 GiB inflated) to reach the decompressor instead of stopping at the cap.
LIMITS = {
    "EAGLE_EYE_MAX_FILE_BYTES": str(8 * MiB),
    "EAGLE_EYE_CRAWL_DOWNLOAD_TIMEOUT_S": "2",
    "EAGLE_EYE_CRAWL_RETRIES": "1",
    "EAGLE_EYE_EXTRACT_TIMEOUT_S": "3",
    # no page here needs a browser: without the Playwright driver each crawl starts seconds
    # sooner, and the budget below measures what the hostile input costs, not Chromium
    "EAGLE_EYE_CRAWL_JAVASCRIPT": "0",
}
#: The crawl's memory budget: the README's bound for a whole crawl's process tree (crawl process,
#: fork server, extraction workers), 1 GiB, held in one process and in the sum over all of them.
#: A crawl of these sites peaks near 320 MiB summed (shared pages counted in every worker).
#: Every hostile input below would take gigabytes if its guard broke (the whole 5 GiB body, a
#: 3 GiB inflated bomb, 10^9 laughs), and the tree is killed the moment it passes this.
BUDGET = 1 * GiB
#: A hung crawl fails the test in minutes, not the default ten.
CRAWL_TIMEOUT_S = 180


@dataclass
class Crawled:
    run: Run
    watch: MemoryWatch
    env: dict[str, str]


def crawl_beside(site, org_env: dict, tmp_path, hostile: dict[str, dict], *,  # noqa: ANN001
                 unlinked: dict[str, dict] | None = None, planted_elsewhere: tuple[str, ...] = ()) -> Crawled:
    """Crawl a site whose home page links the ``hostile`` routes (path -> Route fields) and a
    normal page with a national ID on it; assert the guarantees every hostile input shares.
    ``unlinked`` routes are served too, but only a redirect leads there."""
    planted = ids.national_id(random.Random(",".join(hostile)))
    links = "".join(f'<a href="{path}">เอกสาร</a>' for path in [*hostile, "/people.html"])
    site.add("/", f"<html><body>{links}</body></html>")
    site.add("/people.html", person_page("ทะเบียนผู้มีสิทธิ", planted))
    for path, route in {**hostile, **(unlinked or {})}.items():
        site.add(path, **route)
    env = {**org_env, **LIMITS}
    with MemoryWatch(BUDGET) as watch:
        run = eagle_eye("crawl", "--org", "t1", env=env, timeout=CRAWL_TIMEOUT_S)
    # within the memory budget, never killed for passing it
    assert not watch.killed and watch.peak_tree < BUDGET and watch.peak_process < BUDGET, str(watch)
    # the crawl went on: the exposure beside the hostile input is found and stored
    assert run.code == 1, run.output
    people = [f for f in findings(env) if f["source"] == site.url("/people.html")]
    assert [(f["kind"], f["status"], f["personal"]) for f in people] == [("national_id", "unmasked", True)]
    assert_nothing_raw(tmp_path / "data", run.output, [planted, *planted_elsewhere])
    return Crawled(run, watch, env)


def recorded(env: dict, path: str) -> list[tuple[str, str]]:
    return documents(env, path.lstrip("/"))


# --- (a) decompression bombs ------------------------------------------------------------------

_BOMB_SIZE = 3 * GiB
_GZIP = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
_FILE = {"Content-Type": "application/octet-stream"}

# (path, body built when the test runs, not when it is collected; what is recorded)
DECOMPRESSION_BOMBS = [
    # an HTML page sent with Content-Encoding: gzip, 3 MB on the wire, 3 GiB once inflated
    pytest.param("/news.html", lambda: hf.gzip_bomb(_BOMB_SIZE), _GZIP,
                 ("failed", "decompresses to more than the size cap of 8 MiB: refused as a decompression bomb"),
                 id="gzip-content-encoding"),
    # a DOCX whose word/document.xml inflates to 3 GiB (declared honestly: the zip guard's job)
    pytest.param("/bomb.docx", lambda: hf.docx_bomb(_BOMB_SIZE), _FILE,
                 ("unreadable", "DOCX file would unpack to more than 256 MiB: refused as a zip bomb"), id="docx-zip-bomb"),
    # an XLSX whose only worksheet inflates to 3 GiB
    pytest.param("/bomb.xlsx", lambda: hf.xlsx_bomb(_BOMB_SIZE), _FILE,
                 ("unreadable", "XLSX file would unpack to more than 256 MiB: refused as a zip bomb"), id="xlsx-zip-bomb"),
]


@pytest.mark.parametrize(("path", "build", "headers", "outcome"), DECOMPRESSION_BOMBS)
def test_when_a_decompression_bomb_is_served_then_it_is_refused_at_the_cap_and_recorded(site, org_env, tmp_path, path, build,
                                                                                       headers, outcome):
    crawled = crawl_beside(site, org_env, tmp_path, {path: {"body": build(), "headers": headers}})
    assert recorded(crawled.env, path) == [outcome]


# --- (b) billion laughs in a DOCX -------------------------------------------------------------

BILLION_LAUGHS = [
    # the classic: ten entities of ten references each declared at the top of word/document.xml
    pytest.param("/laughs.docx", hf.billion_laughs(), id="declared-at-the-top"),
    # the same behind 70 KB of comment, past the start of the part a quick check would look at
    pytest.param("/laughs-padded.docx", hf.billion_laughs(padding=70_000), id="behind-a-long-comment"),
]


@pytest.mark.parametrize(("path", "document_xml"), BILLION_LAUGHS)
def test_when_a_docx_declares_a_billion_laughs_then_it_is_refused_as_an_entity_bomb(site, org_env, tmp_path, path,
                                                                                    document_xml):
    crawled = crawl_beside(site, org_env, tmp_path, {path: {"body": hf.docx_bytes(document_xml),
                                                            "headers": {"Content-Type": "application/octet-stream"}}})
    assert recorded(crawled.env, path) == [("unreadable", "DOCX file declares XML entities: refused as an entity bomb")]


def test_when_entities_get_past_the_prolog_check_then_the_docx_parser_still_never_expands_them():
    # three levels (1,000 copies): under libxml2's own amplification limit, so only the
    # parser's settings stand between this and expansion
    few_laughs = hf.billion_laughs().replace(b"&lol9;", b"&lol3;")
    text = "".join(parse_xml(few_laughs, "DOCX").itertext())
    assert "lollol" not in text  # each reference is kept as it is, never replaced by its value


# --- (c) PDFs whose object graph loops --------------------------------------------------------


def _pdf_route(data: bytes) -> dict:
    return {"body": data, "headers": {"Content-Type": "application/pdf"}}


_PDF_ID = ids.national_id(random.Random(36))
LOOPING_PDFS = [
    # the page tree lists itself among its kids: PDFium reads the real page and skips the loop
    pytest.param("/kids-loop.pdf", hf.pdf_kids_loop(f"ID {_PDF_ID}"), ("ok", ""), id="kids-point-back"),
    # the cross-reference table's /Prev names itself: PDFium reads the file
    pytest.param("/prev-loop.pdf", hf.pdf_prev_loop(f"ID {_PDF_ID}"), ("ok", ""), id="xref-prev-loop"),
    # two page-tree nodes are each other's only kid: neither engine finds a page
    pytest.param("/pages-cycle.pdf", hf.pdf_pages_cycle(),
                 ("unreadable", "PDF file could not be read: not one of its pages could be opened"), id="pages-cycle"),
    # the page tree is a reference to itself: PDFium refuses the file, and the fallback parser,
    # which would resolve it for ever, is stopped at the extraction deadline
    pytest.param("/self-ref.pdf", hf.pdf_self_reference(f"ID {_PDF_ID}"),
                 ("unreadable", "extraction took longer than 3 s (stopped while reading the PDF with the fallback parser)"),
                 id="object-refers-to-itself"),
]


@pytest.mark.parametrize(("path", "data", "outcome"), LOOPING_PDFS)
def test_when_a_pdf_object_graph_loops_then_it_is_read_or_refused_within_the_deadline(site, org_env, tmp_path, path, data,
                                                                                       outcome):
    crawled = crawl_beside(site, org_env, tmp_path, {path: _pdf_route(data)}, planted_elsewhere=(_PDF_ID,))
    assert recorded(crawled.env, path) == [outcome]
    read = [f for f in findings(crawled.env) if f["source"] == site.url(path)]
    if outcome[0] == "ok":  # read means read: the number on the real page is found
        assert [(f["kind"], f["status"]) for f in read] == [("national_id", "unmasked")]


def _read_pdf(task: tuple[bytes, str]) -> tuple[str, str]:
    data, engine = task
    try:
        result = extract_pdf(data, engine=engine, limits=Limits(ocr_enabled=False, timeout_s=2))
    except Exception as exc:  # noqa: BLE001 - an ExtractionError is an answer; anything else is checked below
        return type(exc).__name__, str(exc)
    return "read", " ".join(p.text for p in result.pages)


_SPUN = "extraction took longer than 2 s (stopped while reading the PDF with the fallback parser)"
ENGINE_OUTCOMES = [
    # (file, engine, outcome): each engine on its own must end each loop, by reading or refusing
    ("kids-loop", "pdfium", ("read", "ID")), ("kids-loop", "pdfminer", ("read", "ID")),
    ("prev-loop", "pdfium", ("read", "ID")),
    ("prev-loop", "pdfminer", ("ExtractionError", "PDF file could not be read: malformed or truncated (RecursionError)")),
    ("pages-cycle", "pdfium", ("ExtractionError", "PDF file could not be read: not one of its pages could be opened")),
    ("pages-cycle", "pdfminer", ("ExtractionError", "PDF file could not be read: not one of its pages could be opened")),
    # PDFium refuses the file and hands it to pdfminer, which spins until the deadline stops it
    ("self-ref", "pdfium", ("ExtractionError", _SPUN)),
    ("self-ref", "pdfminer", ("ExtractionError", _SPUN)),
]


def test_when_either_pdf_engine_meets_a_looping_object_graph_then_it_ends_within_its_deadline():
    files = {p.values[0].strip("/").removesuffix(".pdf"): p.values[1] for p in LOOPING_PDFS}
    tasks = [(files[name], engine) for name, engine, _ in ENGINE_OUTCOMES]
    # a worker that hangs is killed after 10 s and comes back as Failed: the test cannot hang
    got = list(Supervised(_read_pdf, workers=2, limit_s=10).map(tasks))
    for (name, engine, (kind, text)), result in zip(ENGINE_OUTCOMES, got):
        assert not isinstance(result, Failed), f"{engine} on {name}: {result}"
        assert result[0] == kind and (text in result[1] if kind == "read" else result[1] == text), (name, engine, result)


# --- (d) endless redirects --------------------------------------------------------------------

#: Scrapy's REDIRECT_MAX_TIMES as crawler.process sets it
MAX_REDIRECTS = scrapy_settings(Settings(crawl_javascript=False), None)["REDIRECT_MAX_TIMES"]


def test_when_two_pages_redirect_to_each_other_then_the_loop_is_recorded_after_two_requests(site, org_env, tmp_path):
    crawled = crawl_beside(site, org_env, tmp_path, {"/loop-a": {"status": 302, "headers": {"Location": "/loop-b"}}},
                           unlinked={"/loop-b": {"status": 302, "headers": {"Location": "/loop-a"}}})
    assert recorded(crawled.env, "/loop-a") == [("failed", "redirect loop: it redirects back to an address already visited")]
    assert site.requested("/loop-a") == ["/loop-a"] and site.requested("/loop-b") == ["/loop-b"]


def test_when_redirects_lead_on_for_ever_then_the_chain_is_cut_at_the_cap_and_recorded(site, org_env, tmp_path):
    chain = {f"/r/{n}": {"status": 302, "headers": {"Location": f"/r/{n + 1}"}} for n in range(1, 200)}  # every address new
    crawled = crawl_beside(site, org_env, tmp_path, {"/r/1": chain.pop("/r/1")}, unlinked=chain)
    assert recorded(crawled.env, "/r/1") == [("failed", f"too many redirects (more than {MAX_REDIRECTS})")]
    assert len([p for p in site.requested() if p.startswith("/r/")]) == MAX_REDIRECTS + 1


# --- (e) a 5 GB response ----------------------------------------------------------------------

_FIVE_GB = 5 * GiB
HUGE_RESPONSES = [
    # says so: Content-Length 5 GiB, and the body streams on
    pytest.param("/plan.pdf", {"content_length": _FIVE_GB}, id="content-length-5-gib"),
    # does not say: no Content-Length, 5 GiB until the connection closes
    pytest.param("/plan-streamed.pdf", {}, id="streamed-5-gib"),
]


@pytest.mark.parametrize(("path", "extra"), HUGE_RESPONSES)
def test_when_a_response_is_5_gb_then_the_download_is_cancelled_at_the_cap(site, org_env, tmp_path, path, extra):
    route = {"body": b"%PDF-1.4\n", "stream_bytes": _FIVE_GB, "headers": {"Content-Type": "application/pdf"}, **extra}
    crawled = crawl_beside(site, org_env, tmp_path, {path: route})
    assert recorded(crawled.env, path) == [("failed", "larger than the size cap")]
    # cancelled, not read to the end and thrown away: the server was cut off near the 8 MiB cap
    # (plus what the sockets buffer), and it noticed
    assert site.sent.get(path, 0) < 64 * MiB


# --- (f) slow-loris and a server that never answers --------------------------------------------

SLOW_SERVERS = [
    # headers, then one byte a second for ever: each byte would reset an idle timer; Scrapy's
    # DOWNLOAD_TIMEOUT is for the whole answer
    pytest.param("/slow.html", {"body": b"<html><body>", "drip_s": 1.0}, id="slow-loris-drip"),
    # takes the request and never sends a byte
    pytest.param("/mute.html", {"mute": True}, id="never-answers"),
]


@pytest.mark.parametrize(("path", "route"), SLOW_SERVERS)
def test_when_a_server_answers_too_slowly_or_never_then_the_download_times_out(site, org_env, tmp_path, path, route):
    crawled = crawl_beside(site, org_env, tmp_path, {path: route})
    assert recorded(crawled.env, path) == [("failed", "timed out after 2 s")]
    assert len(site.requested(path)) == 2  # the first try and one retry (EAGLE_EYE_CRAWL_RETRIES=1), no more
