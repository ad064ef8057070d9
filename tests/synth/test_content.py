"""synth.content: every planted identifier is labelled, written verbatim, and nothing else is."""

import random
import re
from collections import Counter

import pytest
from stdnum.th import moa, pin

from synth import ids
from synth.content import DOC_TYPES, make_document

SEEDS = range(12)


def _docs(size="normal", seeds=SEEDS):
    for doc_type in DOC_TYPES:
        for seed in seeds:
            yield make_document(random.Random(seed * 7919 + DOC_TYPES.index(doc_type)), doc_type, doc_id=f"{doc_type}-{seed}", size=size)


@pytest.fixture(scope="module")
def corpus():
    return list(_docs("normal")) + list(_docs("short", range(6)))


def test_when_documents_made_then_every_written_form_is_in_the_text(corpus):
    for doc in corpus:
        text = doc.plain_text()
        for written, n in Counter(label.written for label in doc.labels).items():
            assert text.count(written) >= n, (doc.doc_id, written)


def test_when_documents_made_then_labels_are_canonical_and_consistent(corpus):
    for doc in corpus:
        for label in doc.labels:
            assert label.canonical == ids.canonical(label.kind, label.written)
            hidden = label.canonical.count("X") if label.kind != "laser_code" else label.canonical[2:].count("X")
            assert label.status == ids.x4_status(hidden), label
            if label.kind == "national_id":
                assert re.fullmatch(r"[\dX]{13}", label.canonical)
                if hidden == 0:
                    assert pin.is_valid(label.canonical) if label.personal else moa.is_valid(label.canonical)
            elif label.kind == "phone":
                assert re.fullmatch(r"[0X][\dX]{8,9}", label.canonical)
            else:
                assert re.fullmatch(r"[A-Z]{2}[\dX]{10}", label.canonical) and label.personal


def test_when_juristic_or_office_numbers_then_not_personal(corpus):
    for doc in corpus:
        for label in doc.labels:
            if label.kind == "national_id" and label.canonical[0] == "0":
                assert not label.personal
            if label.role in ("office", "fax", "officer", "company", "agency", "example"):
                assert not label.personal
            if label.role == "citizen":
                assert label.personal


# Lookarounds exclude mask characters: "***0967716458" is a masked ID, not a mobile.
_ID_SHAPE = re.compile(r"(?<![\dXx*×#])\d[-. ]?\d{4}[-. ]?\d{5}[-. ]?\d{2}[-. ]?\d(?![\dXx*×#])")
_MOBILE_SHAPE = re.compile(
    r"(?<![\dA-Za-z*×#])0[689]\d[- ]?\d{3}[- ]?\d{4}(?![\dXx*×#])|(?<![\dA-Za-z*×#])0[689][- ]\d{4}[- ]\d{4}(?![\dXx*×#])"
)


def test_when_text_scanned_independently_then_no_unlabelled_valid_identifier(corpus):
    for doc in corpus:
        text = ids.to_ascii_digits(doc.plain_text())
        labelled = Counter(label.canonical for label in doc.labels)
        for m in _ID_SHAPE.finditer(text):
            value = re.sub(r"\D", "", m.group())
            if pin.is_valid(value) or moa.is_valid(value):
                assert labelled[value], (doc.doc_id, m.group()[-4:])
        for m in _MOBILE_SHAPE.finditer(text):
            assert labelled[re.sub(r"\D", "", m.group())], (doc.doc_id, m.group()[-4:])


def test_when_many_documents_made_then_every_layout_status_and_role_appears(corpus):
    labels = [label for doc in corpus for label in doc.labels]
    nid_layouts = {label.layout for label in labels if label.kind == "national_id"}
    assert set(ids.NATIONAL_ID_LAYOUTS) <= nid_layouts
    phone_layouts = {label.layout for label in labels if label.kind == "phone"}
    assert set(ids.PHONE_LAYOUTS) <= phone_layouts
    assert {label.layout for label in labels if label.kind == "laser_code"} == set(ids.LASER_LAYOUTS)
    for kind in ("national_id", "phone"):
        assert {label.status for label in labels if label.kind == kind} == {"unmasked", "under_masked", "masked"}
        assert {label.personal for label in labels if label.kind == kind} == {True, False}
    assert any(c in ids.MASK_CHARS.replace("X", "") for label in labels for c in label.written)


def test_when_many_documents_made_then_near_misses_are_planted(corpus):
    text = ids.to_ascii_digits("".join(doc.plain_text() for doc in corpus))
    runs = [re.sub(r"\D", "", m.group()) for m in _ID_SHAPE.finditer(text)]
    assert any(not pin.is_valid(r) and r[0] in "12345678" for r in runs)  # bad checksum
    assert any(r[0] == "9" for r in runs)  # reserved first digit
    assert re.search(r"(?<!\d)\d{14}(?!\d)", text)  # 14-digit references
    assert re.search(r"(?<!\d)\d{11}(?!\d)", text)  # e-GP project numbers
    assert re.search(r"\d{3}-\d-\d{5}-\d", text)  # bank accounts
    assert re.search(r"สายด่วน \d{4}|โทร \d{3,4} ", text)  # hotlines


def test_when_sensitive_allowance_lists_made_then_category_is_set():
    seen = set()
    for seed in range(60):
        doc = make_document(random.Random(seed), "allowance_list", doc_id=str(seed))
        seen.add(doc.sensitive)
        if "ความพิการ" in doc.title:
            assert doc.sensitive == "disability"
        if "เอดส์" in doc.title:
            assert doc.sensitive == "health"
    assert {"disability", "health", None} <= seen


def test_when_long_list_made_then_it_has_hundreds_of_rows():
    doc = make_document(random.Random(5), "allowance_list", doc_id="long", size="long")
    rows = sum(len(b.rows) for b in doc.blocks if b.kind == "table")
    assert rows >= 300 and len(doc.labels) >= 300


def test_when_same_seed_then_same_document():
    a = make_document(random.Random(42), "letter", doc_id="a")
    b = make_document(random.Random(42), "letter", doc_id="a")
    assert a == b


def test_when_unknown_type_or_size_then_value_error():
    with pytest.raises(ValueError):
        make_document(random.Random(0), "memo", doc_id="x")
    with pytest.raises(ValueError):
        make_document(random.Random(0), "letter", doc_id="x", size="huge")
