"""``eagle-eye scan`` end to end: formats, exit codes, JSON fields, and no raw number printed."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import threading

import pytest

from tests.eagle_eye.conftest import KEY, assert_no_raw_identifier, digits_of, eagle_eye, run_on_terminal

FIELDS = {"source", "org_id", "kind", "status", "personal", "display", "fingerprint", "page", "context"}


def fp(value: str) -> str:
    return hmac.new(KEY.encode(), value.encode("ascii"), hashlib.sha256).hexdigest()


@pytest.fixture(scope="module")
def jsonl_run(corpus):
    return eagle_eye("scan", "--format", "jsonl", str(corpus.folder))


def test_when_folder_has_exposures_then_exit_1_and_jsonl_has_the_required_fields(jsonl_run):
    assert jsonl_run.code == 1, jsonl_run.stderr
    records = [json.loads(line) for line in jsonl_run.stdout.splitlines()]
    assert records
    for rec in records:
        assert FIELDS <= rec.keys()
        assert rec["org_id"] is None
        assert rec["kind"] in {"national_id", "phone", "laser_code"}
        assert rec["status"] in {"unmasked", "under_masked", "masked"}
        assert (rec["fingerprint"] is None) is (rec["status"] != "unmasked")
        assert rec["page"] is None or isinstance(rec["page"], int)


def test_when_unmasked_personal_ids_planted_then_their_fingerprints_are_reported(corpus, jsonl_run):
    found = {json.loads(line)["fingerprint"] for line in jsonl_run.stdout.splitlines()}
    planted = {
        fp(digits_of(label))
        for label in corpus.labels
        if label.kind == "national_id" and label.status == "unmasked" and label.personal
    }
    assert planted and planted <= found


def test_when_a_file_is_broken_then_error_names_it_and_the_rest_is_scanned(jsonl_run):
    assert "99_broken.pdf" in jsonl_run.stderr
    sources = {json.loads(line)["source"] for line in jsonl_run.stdout.splitlines()}
    assert len(sources) >= 5


def test_when_scanning_then_no_raw_identifier_in_jsonl_or_stderr(corpus, jsonl_run):
    assert_no_raw_identifier(jsonl_run.output, corpus.labels)


def test_when_table_format_then_readable_and_no_raw_identifier(corpus):
    run = eagle_eye("scan", "--format", "table", str(corpus.folder))
    assert run.code == 1
    assert "exposure" in run.stdout and "national_id" in run.stdout
    assert_no_raw_identifier(run.output, corpus.labels)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        # nothing personal: exit 0
        ("ประกาศเทศบาล เรื่อง การจัดเก็บภาษี ติดต่อ กองคลัง โทร. 0-4424-3129", 0),
        # masked by X4: exit 0
        ("รายชื่อผู้มีสิทธิ\n1 | นายสมชาย ใจดี | XXXX700230121", 0),
        # under-masked: exit 1
        ("รายชื่อผู้มีสิทธิ\n1 | นายสมชาย ใจดี | 1101700230XXX", 1),
        # unmasked: exit 1
        ("รายชื่อผู้มีสิทธิ\n1 | นายสมชาย ใจดี | 1101700230121", 1),
    ],
)
def test_when_file_scanned_then_exit_status_says_if_exposed(tmp_path, content, code):
    path = tmp_path / "doc.txt"
    path.write_text(content, encoding="utf-8")
    assert eagle_eye("scan", str(path)).code == code


@pytest.mark.parametrize(
    "args",
    [
        # a path that does not exist
        ("scan", "/nonexistent/folder"),
        # an unknown format
        ("scan", "--format", "xml", "."),
        # no path at all
        ("scan",),
    ],
)
def test_when_usage_is_wrong_then_exit_2(args):
    run = eagle_eye(*args)
    assert run.code == 2, run.output


def test_when_path_holds_an_id_then_the_error_masks_it():
    run = eagle_eye("scan", "/nonexistent/รายชื่อ_1101700230121.pdf")
    assert run.code == 2
    assert "1101700230121" not in run.output


def test_when_url_given_then_fetched_and_scanned(tmp_path):
    (tmp_path / "list.html").write_text(
        "<html><body><table><tr><td>นายสมชาย ใจดี</td><td>1101700230121</td></tr></table></body></html>",
        encoding="utf-8",
    )

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(tmp_path), **kw)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/list.html"
        run = eagle_eye("scan", "--format", "jsonl", url)
    finally:
        server.shutdown()
    assert run.code == 1
    [rec] = [json.loads(line) for line in run.stdout.splitlines()]
    assert rec["source"] == url and rec["fingerprint"] == fp("1101700230121")


def test_when_no_key_set_then_note_says_fingerprints_are_per_run(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("นายสมชาย ใจดี 1101700230121", encoding="utf-8")
    run = eagle_eye("scan", str(path), env={"EAGLE_EYE_FINGERPRINT_KEY": ""})
    assert "FINGERPRINT_KEY" in run.stderr


def test_when_stderr_is_a_terminal_then_a_progress_bar_is_drawn(corpus):
    proc, drawn = run_on_terminal(["scan", "--format", "jsonl", str(corpus.folder)],
                                  {"EAGLE_EYE_FINGERPRINT_KEY": KEY, "COLUMNS": "100"})
    assert proc.returncode == 1
    assert b"scanning" in drawn and b"100%" in drawn
    # the bar goes to the terminal, not into the machine-readable output
    assert b"scanning" not in proc.stdout


def test_when_a_setting_is_invalid_then_exit_2_naming_it(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("ไม่มีตัวเลข", encoding="utf-8")
    run = eagle_eye("scan", str(path), env={"EAGLE_EYE_OCR_DPI": "10"})
    assert run.code == 2
    assert "EAGLE_EYE_OCR_DPI" in run.stderr and "Traceback" not in run.stderr
