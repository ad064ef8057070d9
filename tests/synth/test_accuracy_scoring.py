"""benchmarks.accuracy's scoring: multiset matching by canonical value, and digit hiding."""

import pytest

from benchmarks.accuracy import Found, hide_digits, match, tally
from synth.model import Label


def _label(canonical, written, *, kind="national_id", status="unmasked", personal=True):
    return Label(kind, canonical, written, status, personal)


def _found(canonical, *, kind="national_id", status="unmasked", personal=True):
    return Found(kind, canonical, status, personal, "test", canonical)


def _score(labels, found):
    return match(labels, found, form="text", doc_type="allowance_list", variant="txt", filename="f.txt")


def test_when_detections_equal_labels_then_all_true_positives():
    labels = [_label("1234567890121", "1-2345-67890-12-1"), _label("0812345678", "081-234-5678", kind="phone")]
    out = _score(labels, [_found("0812345678", kind="phone"), _found("1234567890121")])
    assert [o.result for o in out] == ["tp", "tp"]


def test_when_same_value_twice_then_each_detection_takes_one_label():
    labels = [_label("0812345678", "a", kind="phone", personal=False), _label("0812345678", "b", kind="phone")]
    out = _score(labels, [_found("0812345678", kind="phone", personal=True)] * 3)
    assert [o.result for o in out] == ["tp", "tp", "fp"]
    # The label that agrees on personal is taken first.
    assert out[0].label.written == "b"


def test_when_kind_differs_then_false_positive_and_false_negative():
    out = _score([_label("0812345678", "x", kind="phone")], [_found("0812345678", kind="national_id")])
    assert sorted(o.result for o in out) == ["fn", "fp"]


def test_when_tallied_then_precision_recall_and_accuracies_follow():
    labels = [_label("1234567890121", "a"), _label("XXXX567890121", "b", status="masked"), _label("3333333333333", "c")]
    found = [_found("1234567890121"), _found("XXXX567890121", status="under_masked"), _found("9999999999999")]
    t = tally(_score(labels, found), lambda o: o.kind)["national_id"]
    assert (t.tp, t.fp, t.fn) == (2, 1, 1)
    assert t.precision == 2 / 3 and t.recall == 2 / 3 and t.status_acc == 0.5 and t.personal_acc == 1.0


@pytest.mark.parametrize(
    ("form", "span", "reasons", "apart"),
    [
        # OCR read a Thai-digit phone wrongly and the engine said to check it: the Thai-digit row
        ("scan", "๐๓๕๕๓๒๕๓๐", ("read by OCR", "OCR of Thai digits is unreliable: check by eye"), True),
        # Thai zeros only: OCR's reading of "x" masks in an Arabic number, an error of the Arabic row
        ("scan", "XXXX๐๐๐1234", ("read by OCR", "OCR of Thai digits is unreliable: check by eye"), False),
        # not flagged by the engine: counted where it stands
        ("image", "๐๓๕๕๓๒๕๓๐", ("read by OCR",), False),
        # a text document reads Thai digits exactly: no excuse there
        ("text", "๐๓๕๕๓๒๕๓๐", ("OCR of Thai digits is unreliable: check by eye",), False),
    ],
)
def test_when_a_false_alarm_is_an_ocr_reading_of_thai_digits_then_it_is_scored_with_them(form, span, reasons, apart):
    found = Found("phone", "0355325300", "unmasked", True, "phone.landline", span, reasons)
    (out,) = match([], [found], form=form, doc_type="allowance_list", variant="v", filename="f")
    assert out.result == "fp"
    assert out.ocr_thai_digits is apart
    assert out.bucket == (f"{form} (Thai digits)" if apart else form)


def test_when_digits_hidden_then_only_last_four_show():
    assert hide_digits("1-2345-67890-12-1") == "•-••••-••••0-12-1"
    assert hide_digits("๑๒๓๔๕๖๗๘๙๐๑๒๑\nx") == "•••••••••๐๑๒๑⏎x"
