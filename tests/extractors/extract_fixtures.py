"""Planted values and helpers shared by the extractor tests (imported by name: a module named
``conftest`` cannot be imported safely when several test folders have one)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.model import Block, Label, SynthDoc


def thai_id(first12: str) -> str:
    """A 13-digit national ID with a valid check digit (fake: made up here)."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


@dataclass(frozen=True)
class Planted:
    id_a: str = thai_id("110170012345")
    id_b: str = thai_id("350990011223")
    id_c: str = thai_id("571020045678")
    mobile_a: str = "0812345678"
    mobile_b: str = "0969876543"
    landline: str = "021234567"
    name_a: str = "นางสมศรี ใจดี"
    name_b: str = "นายบุญมี ศรีสุข"
    name_c: str = "นางสาวกาญจนา พึ่งบุญ"
    office_phone: str = "044123456"

    def all_numbers(self) -> list[str]:
        return [self.id_a, self.id_b, self.id_c, self.mobile_a, self.mobile_b, self.landline]


PLANTED = Planted()


def allowance_doc(p: Planted = PLANTED) -> SynthDoc:
    labels = [Label("national_id", i, i, "unmasked", True) for i in (p.id_a, p.id_b, p.id_c)]
    labels += [Label("phone", n, n, "unmasked", True) for n in (p.mobile_a, p.mobile_b, p.landline)]
    return SynthDoc(
        doc_id="test-allowance-1",
        doc_type="allowance_list",
        title="บัญชีรายชื่อผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ ประจำปีงบประมาณ 2567",
        blocks=[
            Block("heading", text="องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง จังหวัดนครราชสีมา"),
            Block("paragraph", text=f"สอบถามรายละเอียดได้ที่สำนักปลัด โทร. {p.office_phone} ในวันและเวลาราชการ"),
            Block(
                "table",
                header=["ลำดับ", "ชื่อ-สกุล", "เลขประจำตัวประชาชน", "เบอร์โทรศัพท์มือถือ", "เลขที่บัญชี"],
                rows=[
                    ["1", p.name_a, p.id_a, p.mobile_a, "0123456789"],
                    ["2", p.name_b, p.id_b, p.landline, "0234567891"],
                    ["3", p.name_c, p.id_c, p.mobile_b, "0345678912"],
                ],
            ),
        ],
        labels=labels,
        sensitive=None,
    )


def contains_number(text: str, number: str) -> bool:
    """``number`` occurs in text as a whole number, its digits contiguous or separated only by
    whitespace (how the detectors read an ID wrapped across lines of a narrow cell)."""
    return re.search(r"(?<!\d)" + r"\s*".join(number) + r"(?!\d)", text) is not None


def assert_no_planted_digits(message: str) -> None:
    for number in PLANTED.all_numbers():
        assert number not in message and number.lstrip("0") not in message, message


def tesseract_output(lines: list[list[tuple[str, int]]]) -> str:
    """``tesseract ... txt tsv`` output for lines of (word, left edge): 18 px a character, 24 px
    high, lines 53 px apart (a 200 dpi page)."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    for n, line in enumerate(lines, start=1):
        for k, (word, left) in enumerate(line, start=1):
            rows.append(f"5\t1\t1\t1\t{n}\t{k}\t{left}\t{100 + 53 * n}\t{18 * len(word)}\t24\t95.0\t{word}")
    return "\n".join(rows) + "\n" + "\n".join(" ".join(w for w, _ in line) for line in lines) + "\n"


def scanned(doc: SynthDoc, fmt: str, *, noise: bool = False) -> dict[tuple[str, str], str]:
    """(kind, canonical value) -> status of what is found in ``doc`` rendered as the accuracy
    corpus renders its OCR forms (``scan_pdf`` or ``png`` at 200 dpi), extracted and scanned."""
    from detectors import scan_document
    from extractors import extract
    from synth import ids
    from synth.render import render

    name = "doc.pdf" if fmt == "scan_pdf" else "doc.png"
    result = extract(render(doc, fmt, dpi=200, noise=noise), filename=name)
    return {(d.kind, ids.canonical(d.kind, page.text[d.start : d.end])): d.status.value
            for page in result.pages for d in scan_document([page], key=b"k").detections}
