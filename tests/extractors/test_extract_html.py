"""HTML: encodings Thai sites use, visible text layout, and numbers hidden in the markup."""

from __future__ import annotations

import pytest
from extract_fixtures import PLANTED as P

from extractors import extract
from synth.render import content_type, render


def _pages(extraction) -> dict[str, str]:  # noqa: ANN001
    return {p.method: p.text for p in extraction.pages}


@pytest.mark.parametrize(
    "options",
    [
        # UTF-8 with <meta charset>: the modern CMS default.
        dict(encoding="utf-8", declare="meta"),
        # TIS-620 declared in an http-equiv meta tag: old government templates.
        dict(encoding="tis-620", declare="meta"),
        # windows-874 bytes, declared only in the HTTP header (content_type argument).
        dict(encoding="windows-874", declare="header"),
        # UTF-8 declared nowhere.
        dict(encoding="utf-8", declare="none"),
        # TIS-620 declared nowhere: charset-normalizer alone would guess cp932/cp949 here.
        dict(encoding="tis-620", declare="none"),
        # Declares UTF-8 but the bytes are TIS-620: decoding as declared gives U+FFFD.
        dict(encoding="tis-620", declare="meta", charset="utf-8"),
    ],
    ids=["utf8-meta", "tis620-meta", "cp874-header-only", "utf8-undeclared", "tis620-undeclared",
         "declared-utf8-actually-tis620"],
)
def test_when_html_in_thai_encoding_then_thai_names_and_numbers_decode_exactly(doc, options):
    data = render(doc, "html", **options)
    result = extract(data, filename="list.html", content_type=content_type("html", **options))
    text = _pages(result)["html"]
    assert result.media_type == "text/html"
    assert P.name_a in text and P.name_c in text
    assert f"{P.id_a} | {P.mobile_a}" in text
    assert "\ufffd" not in text


def test_when_short_tis620_page_undeclared_then_cp874_fallback_reads_thai():
    data = f"<p>นายสมชาย ใจดี {P.id_a}</p>".encode("tis-620")
    text = _pages(extract(data))["html"]
    assert text == f"นายสมชาย ใจดี {P.id_a}"


def test_when_header_charset_contradicts_meta_then_header_wins():
    page = '<html><head><meta charset="utf-8"></head><body><p>นายสมชาย</p></body></html>'
    data = page.encode("cp874")
    text = _pages(extract(data, content_type="text/html; charset=windows-874"))["html"]
    assert text == "นายสมชาย"


def test_when_table_cells_hold_numbers_then_cells_are_joined_with_bars_never_glued():
    page = (
        "<table><tr><td>1</td><td>นางสมศรี</td><td>" + P.id_a + "</td><td>" + P.mobile_a + "</td></tr>"
        "<tr><th>2</th><td>" + P.id_b + "</td><td>" + P.landline + "</td></tr></table>"
    )
    text = _pages(extract(page.encode()))["html"]
    assert text.splitlines() == [
        f"1 | นางสมศรี | {P.id_a} | {P.mobile_a}",
        f"2 | {P.id_b} | {P.landline}",
    ]


def test_when_block_elements_and_breaks_then_each_is_its_own_line():
    page = (
        "<div>ประกาศ<br>เรื่อง</div><p>ย่อหน้า   หนึ่ง\n  ต่อ</p><ul><li>ก</li><li>ข</li></ul>"
        "<span>ติด</span><span>กัน</span><pre>a   b\nc</pre>"
    )
    text = _pages(extract(page.encode()))["html"]
    assert text.splitlines() == ["ประกาศ", "เรื่อง", "ย่อหน้า หนึ่ง ต่อ", "ก", "ข", "ติดกัน", "a b", "c"]


def test_when_script_and_style_then_their_code_is_not_visible_text():
    page = "<style>td{width:1234567px}</style><p>ข้อความ</p><script>var t = 1700000000000;</script>"
    pages = _pages(extract(page.encode()))
    assert pages["html"] == "ข้อความ"
    assert "1700000000000" not in pages.get("html-hidden", "")  # bare JS numbers are timestamps


@pytest.mark.parametrize(
    "markup",
    [
        # A commented-out row of the list, with its markup.
        f"<!-- <tr><td>{P.name_a}</td><td>{P.id_a}</td></tr> -->",
        # A plain comment left by the web editor.
        f"<!-- แก้ไขจาก {P.id_a} -->",
        # A hidden form field carrying the citizen's ID.
        f'<input type="hidden" name="cid" value="{P.id_a}">',
        # Tooltip on a name.
        f'<span title="เลขบัตร {P.id_a}">{P.name_a}</span>',
        # Image alt text.
        f'<img src="card.jpg" alt="บัตร {P.id_a}">',
        # data-* attribute used by a JavaScript table.
        f'<tr data-citizen="{P.id_a}"><td>{P.name_a}</td></tr>',
        # Meta description.
        f'<meta name="description" content="ผู้มีสิทธิ {P.id_a}">',
        # Query string of a link (percent-encoded Thai too).
        f'<a href="/profile.php?cid={P.id_a}&amp;n=%E0%B8%81">ดู</a>',
        # Quoted data inside inline JavaScript.
        f'<script>var rows = [{{"cid": "{P.id_a}"}}];</script>',
        # JSON data block.
        f'<script type="application/json">{{"cid": {P.id_a}}}</script>',
    ],
    ids=["commented-row", "comment", "hidden-input", "title", "alt", "data-attr", "meta-content",
         "href-query", "js-string", "json-script"],
)
def test_when_number_hidden_in_markup_then_it_is_on_the_hidden_page(markup):
    result = extract(f"<html><head></head><body><p>หน้าแรก</p>{markup}</body></html>".encode())
    pages = {p.method: p for p in result.pages}
    assert P.id_a not in pages["html"].text
    hidden = pages["html-hidden"]
    assert hidden.number is None
    assert any(P.id_a in line for line in hidden.text.splitlines())


def test_when_commented_out_table_then_cells_stay_separated_on_the_hidden_page():
    page = f"<p>x</p><!-- <table><tr><td>{P.id_a}</td><td>{P.mobile_a}</td></tr></table> -->"
    hidden = _pages(extract(page.encode()))["html-hidden"]
    assert f"{P.id_a} | {P.mobile_a}" in hidden.splitlines()


def test_when_no_hidden_numbers_then_only_the_visible_page():
    result = extract(b"<html><body><p>hello</p><a href='/a.php?x=abc'>a</a></body></html>")
    assert [(p.number, p.method) for p in result.pages] == [(None, "html")]


def test_when_zero_width_spaces_inside_a_number_then_the_number_reads_whole():
    page = "<p>เลขบัตร " + "\u200b".join([P.id_a[:4], P.id_a[4:9], P.id_a[9:]]) + "</p>"
    assert P.id_a in _pages(extract(page.encode()))["html"]


def test_when_server_says_latin1_but_the_page_is_tis620_then_thai_is_read():
    data = f"<p>{P.name_a} โทร {P.mobile_a}</p>".encode("tis-620")
    text = _pages(extract(data, content_type="text/html; charset=ISO-8859-1"))["html"]
    assert text == f"{P.name_a} โทร {P.mobile_a}"


def test_when_a_real_latin1_page_then_it_stays_latin1():
    data = "<p>Café Ünter 1234</p>".encode("latin-1")
    assert _pages(extract(data, content_type="text/html; charset=ISO-8859-1"))["html"] == "Café Ünter 1234"


def test_when_attributes_hold_few_digits_then_they_are_not_hidden_items():
    page = f'<table id="table1" class="c2"><tr><td title="ลำดับ 1">1</td><td data-x="{P.id_a}">x</td></tr></table>'
    assert _pages(extract(page.encode()))["html-hidden"].splitlines() == [P.id_a]


def test_when_thousands_of_font_tags_are_left_unclosed_then_the_text_after_them_is_still_read():
    page = "<p>" + "<font size=2>ข้อ " * 3000 + f"ท้าย {P.id_a}</p>"
    result = extract(page.encode())
    assert result.pages[0].text.endswith(f"ท้าย {P.id_a}")
    assert result.warnings == []


def test_when_blocks_nest_past_the_parser_limit_then_a_warning_says_text_was_lost():
    result = extract(("<div>" * 5000 + "x" + "</div>" * 5000).encode())
    assert result.warnings == ["HTML is nested too deeply: text past nesting level 2048 was not read"]
