"""Context cues: the words around a number that say whose number it is.

Every cue is a named regex so a detection can say which one decided it. The engine only ever
looks at a small window around each number (its line and the lines just above) plus the
head of the document, never the whole text again: this keeps the detector fast.
"""

from __future__ import annotations

import re
from functools import partial

from detectors.text import ASCII_DIGITS_TO_X, DIGIT, DIGITS_TO_X
from detectors.text import MASK as MASK_CLASS

_THAI_LETTER = "ก-ฮเ-ไ"

#: A person's title followed by a name. "นาย" is also the start of office titles
#: (นายกเทศมนตรี, นายอำเภอ ...) which name an office, not a citizen.
PERSON_TITLE = re.compile(
    "(?:นางสาว|น\\.ส\\.|นาง(?!งาม)|"
    "นาย(?!กเทศมนตรี|กองค์การ|กอบ[จต]|อำเภอ|ทะเบียน|ช่างโยธา|ตรวจ|ด่าน|ท้าย|จ้าง|ประกัน|ทุน|ห้าง)|"
    "ด\\.\\s?ช\\.|ด\\.\\s?ญ\\.|เด็กชาย|เด็กหญิง|ว่าที่\\s?ร\\.?\\s?ต\\.|ดร\\.|"
    "[จสพร]\\.\\s?[สอตท]\\.\\s?[อตทต]\\.|Mr\\.|Mrs\\.|Ms\\.|Miss)"
    f"\\s?[{_THAI_LETTER}A-Z]"
)

# Patterns below are alternations of literals on purpose: a branch that starts with a
# character class (e.g. "[Ff]ax") disables re's fast first-character scan, ~5x slower.

#: Words that make a number the organisation's own: contact blocks, offices, officers' roles, a
#: notice's complaints line ("ร้องเรียนได้ที่", its tone mark left off: OCR often drops it).
ORG_CONTACT = re.compile(
    "ผู้ประสานงาน|เจ้าหน้าที่|ติดต่อ|สอบถาม|ในวันและเวลาราชการ|สำนักงาน|สำนักปลัด|"
    "กอง(?:คลัง|ช่าง|การ|สาธารณสุข|สวัสดิการ|ยุทธศาสตร์|[ก-ฮ])|ฝ่าย|ตำแหน่ง|นักวิชาการ|นักจัดการ|"
    "นักพัฒนา|นักทรัพยากร|เจ้าพนักงาน|ปลัด|นายกเทศมนตรี|นายกองค์การ|ผู้อำนวยการ|หัวหน้า|"
    "ผู้รับผิดชอบ|ส่วนราชการ|ศูนย์|ที่ทำการ|ศาลากลาง|ที่ว่าการ|E-?mail|e-?mail|อีเมล|www\\.|"
    "ไปรษณีย์อิเล็กทรอนิกส์|ประชาสัมพันธ์|ร้องเรียนได้ที"
)

#: A label right before the number that marks an office line.
ORG_LABEL = re.compile("โทรสาร|แฟกซ์|Fax|fax|FAX|สายด่วน|Hot\\s?line|hot\\s?line|HOTLINE|Call\\s?[Cc]ent(?:er|re)|call\\s?cent(?:er|re)|คอลเซ็นเตอร์")

#: An extension after the number ("โทร 0-4424-3129 ต่อ 12") only exists on office switchboards.
EXTENSION_AFTER = re.compile("\\s*(?:ต่อ|Ext\\.?|ext\\.?)\\s*[0-9๐-๙]")

#: Words that say the person on this line is a citizen dealt with, not an officer. Not a bare
#: "ร้องเรียน": offices write it in their own labels ("ศูนย์รับเรื่องร้องเรียน", "ร้องเรียนได้ที่").
CITIZEN_ROLE = re.compile(
    "ผู้ร้อง|ยื่นคำร้อง|ผู้ขอ|ผู้มีสิทธิ|ผู้รับเงิน|ผู้สมัคร|ผู้เสียภาษี|ผู้ชำระ|"
    "ผู้ยื่น|ผู้ป่วย|ผู้สูงอายุ|ผู้พิการ|ผู้ได้รับ|ราษฎร|ผู้เสียหาย|ผู้ประกอบการรายย่อย"
)

#: Juristic persons: the owner of a 0-leading 13-digit number.
COMPANY = re.compile(
    "บริษัท|บจก|บมจ|ห้างหุ้นส่วน|หจก|นิติบุคคล|จำกัด|มหาชน|สหกรณ์|มูลนิธิ|สมาคม|"
    "กิจการร่วมค้า|ผู้เสียภาษีอากร|เลขประจำตัวผู้เสียภาษี|Co\\.,?\\s?[Ll]td|CO\\.,?\\s?LTD|Limited|LIMITED"
)

#: The label of a juristic person's number itself: it heads the number's cell, which a scanned
#: table's first reading may put a line or two further up than the company's name.
JURISTIC_LABEL = re.compile("เลขประจำตัวผู้เสียภาษี|ผู้เสียภาษีอากร|เลขทะเบียนนิติบุคคล")

#: A document number's label just before a number (e-GP's 12-digit contract control number,
#: a project's number): a digit below it on the next line is the next row's, not the number's.
DOC_NUMBER_BEFORE = re.compile("(?:เลขคุมสัญญา|เลขที่โครงการ|เลขที่สัญญา)[\\s|():]{0,6}$")

#: The document talks about ID cards: lets a number broken across lines be trusted.
ID_CUE = re.compile("ประชาชน|บัตร|เลขประจำตัว|ID\\s?[Cc]ard|id\\s?card|National\\s?ID|national\\s?id")

#: The back-of-card laser code.
LASER_CUE = re.compile("หลังบัต|เลเซอร์|Laser|laser|LASER|ไลเซอร์")

#: A bank account, not a phone.
BANK = re.compile("บัญชี|ธนาคาร|Account|account")

ADDRESS = re.compile(
    f"หมู่ที่|หมู่\\s?[{DIGIT}]|ม\\.\\s?[{DIGIT}]|บ้านเลขที่|ตำบล|ต\\.\\s?[ก-ฮ]|อำเภอ|อ\\.\\s?[ก-ฮ]|"
    "จังหวัด|จ\\.\\s?[ก-ฮ]|ถนน|ถ\\.\\s?[ก-ฮ]|ซอย|แขวง|รหัสไปรษณีย์|ที่อยู่"
)

BIRTH = re.compile("เกิด|Birth|birth|D\\.?O\\.?B")
_DOB = re.compile("D\\.?O\\.?B")


def mentions_birth(text: str) -> bool:
    """Whether BIRTH matches: its words looked for as words, ~2x cheaper over a document's head."""
    return "เกิด" in text or "Birth" in text or "birth" in text or _DOB.search(text) is not None


DATE = re.compile(
    f"[{DIGIT}]{{1,2}}\\s?[/.-]\\s?[{DIGIT}]{{1,2}}\\s?[/.-]\\s?[{DIGIT}]{{2,4}}|"
    f"[{DIGIT}]{{1,2}}\\s?(?:ม\\.?ค|ก\\.?พ|มี\\.?ค|เม\\.?ย|พ\\.?ค|มิ\\.?ย|ก\\.?ค|ส\\.?ค|ก\\.?ย|ต\\.?ค|พ\\.?ย|ธ\\.?ค)\\.?\\s?[{DIGIT}]{{2,4}}|"
    "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม"
)

#: PDPA s.26 sensitive data, by category. An allowance list for people with disabilities or
#: HIV is sensitive by its title alone.
SENSITIVE: dict[str, re.Pattern[str]] = {
    "disability": re.compile("พิการ|ทุพพลภาพ|Disab|disab"),
    "health": re.compile(
        "เอดส์|เอชไอวี|HIV|AIDS|ผู้ป่วย|ป่วยเป็น|โรค(?!งาน)|จิตเวช|ติดเตียง|ไตวาย|มะเร็ง|วัณโรค|"
        "ฟอกไต|สุขภาพจิต|บำบัดยาเสพติด|ผลตรวจ|ประวัติการรักษา"
    ),
    # not the division every municipality has: "กองการศึกษา ศาสนาและวัฒนธรรม"
    "religion": re.compile("ศาสนา(?!และวัฒนธรรม)|มุสลิม|อิสลาม|คริสต์|ฮินดู|ซิกข์|ลัทธิ|ความเชื่อทางศาสนา"),
    "criminal_record": re.compile("ประวัติอาชญากรรม|ต้องโทษ|ผู้ต้องขัง|พ้นโทษ|ผู้กระทำผิด|ผู้ต้องหา|คดีอาญา|ถูกคุมประพฤติ"),
    "ethnicity": re.compile("เชื้อชาติ|ชาติพันธุ์|ชนเผ่า"),
    "political_opinion": re.compile("ความคิดเห็นทางการเมือง|สมาชิกพรรค"),
    "sexual_behaviour": re.compile("พฤติกรรมทางเพศ|เพศวิถี"),
    "biometric": re.compile("ลายนิ้วมือ|ข้อมูลชีวภาพ|ชีวมิติ|ใบหน้า|ม่านตา"),
    "genetic": re.compile("พันธุกรรม|ดีเอ็นเอ|DNA"),
    "union": re.compile("สหภาพแรงงาน"),
}

#: Literal words that every category's pattern starts from: most documents contain none of
#: them, and one look for the words spares every category's regex.
_SENSITIVE_GATE = tuple(
    {word.split("(")[0].split("\\")[0] for rx in SENSITIVE.values() for word in rx.pattern.split("|")}
)


def _literal_trie(words) -> str:
    """A regex that matches where any of ``words`` does, written as a tree of shared prefixes:
    over Thai text (whose first letters are everywhere) ~1.7x faster than str.find per word,
    where a flat alternation of 50 words is no faster."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alts = [re.escape(ch) + branch(child) for ch, child in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body  # a word may end here

    return branch(tree)


_SENSITIVE_GATE_RX = re.compile(_literal_trie(sorted(_SENSITIVE_GATE)))


def sensitive_categories(text: str) -> tuple[str, ...]:
    if _SENSITIVE_GATE_RX.search(text) is None:
        return ()
    return tuple(cat for cat, rx in SENSITIVE.items() if rx.search(text))


#: In a whole string (a file name, a URL, an error) only 9+ digits can be an identifier. Mask
#: characters count as part of a number: "0-278XX56-42" is one under-masked laser code.
_IDENTIFIER_LENGTH = re.compile(f"[{DIGIT}{MASK_CLASS}](?:(?:[ \\-.]|\\r?\\n)?[{DIGIT}{MASK_CLASS}]){{8,}}")

SNIPPET_WIDTH = 40


def _mask_digits(m: re.Match[str]) -> str:
    number = m.group()
    if number.isascii():
        return number.encode("ascii").translate(ASCII_DIGITS_TO_X).decode("ascii")
    return number.translate(DIGITS_TO_X)


#: 5+ digits that are not a run (a fragment OCR split off, a number cut by a stray character):
#: still part of someone's identifier, so a snippet masks them too.
#: Possessive: a chain of digits has one parse, and not backtracking into it is ~20% faster.
#: The lookahead is implied by what follows it (4 more digits, maybe single separators between,
#: fill the next 4 characters at least) and turns dates and short numbers away sooner.
_PARTIAL_NUMBER = re.compile(f"[{DIGIT}](?=[{DIGIT} \\-.]{{4}})(?:[ \\-.]?+[{DIGIT}]){{4,}}+")
#: mask_partial_numbers(snippet): a partial object, so each of the engine's snippets costs no
#: Python call of its own.
mask_partial_numbers = partial(_PARTIAL_NUMBER.sub, _mask_digits)


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the line(s) holding text[start:end]."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def lines_before(text: str, line_start: int, count: int, limit: int = 240) -> str:
    """Up to ``count`` lines above the line starting at ``line_start`` (at most ``limit`` chars)."""
    pos = line_start - 1
    for _ in range(count):
        if pos <= 0:
            pos = 0
            break
        pos = text.rfind("\n", 0, pos)
        if pos < 0:
            pos = 0
            break
    lo = max(pos, line_start - limit)
    return text[lo:line_start]


def mask_long_numbers(text: str) -> str:
    """Mask every stretch that could be an identifier we did not recognise (9+ digits)."""
    return _IDENTIFIER_LENGTH.sub(_mask_digits, text)
