"""Thai phone numbers: mobiles (06/08/09 + 8 digits), landlines (0 + area code, 9 digits),
the +66 / 66 forms that drop the leading 0, and switchboard ranges like 044-243-129-30.

Whether a number is personal depends on whose it is: a citizen's number in a list or beside a
citizen's name is personal data; an office line, fax, hotline or a letter's contact block is not.
"""

from __future__ import annotations

import re

from detectors import context as cues
from detectors.base import Kind
from detectors.recognizer import Candidate, PageView, Verdict
from detectors.runs import PUNCT, SPACE, Run, Window, window_at

_MOBILE_SECOND = "689X"
#: area codes: 02 Bangkok, 03x-05x and 07x the provinces; 06 is a mobile prefix, never a
#: landline's (a mobile that wrapped after 9 digits, "062308886" / "0", is not a landline)
_LANDLINE_SECOND = "23457X"
_PATTERN = {"mobile": "phone.mobile", "landline": "phone.landline"}
_REASON = {"mobile": "mobile number", "landline": "landline number"}
_PHONE_WORD = ("โทร", "เบอร์", "มือถือ", "tel", "Tel", "TEL", "phone", "Phone", "โทรศัพท์")


def national_form(window: Window, run: Run) -> tuple[str, str] | None:
    """(national digits with leading 0, form name) if the window is written as a phone."""
    chars = window.chars
    if len(chars) in (11, 10) and chars.startswith("66"):
        # window.sizes[0] == 2: "66" written as a group of its own; one group once a line break
        # inside it is joined: a narrow cell wrapped it ("66868976" / "031")
        if run.plus or window.sizes[0] == 2 or len(window.merged) == 1:
            return "0" + chars[2:], "international"
        return None
    return chars, "national"


#: How phone numbers are grouped in the wild. A closed list on purpose: "any few groups"
#: also reads a PDF table row's date, house number and row number as a landline.
NATIONAL_LAYOUTS = {
    # mobiles: 0812345678, 081-234-5678, 08-1234-5678, 081-2345678, 0812-345678, 081-2345-678
    (10,), (3, 3, 4), (2, 4, 4), (3, 7), (4, 6), (3, 4, 3),
    # landlines: 021234567, 02-123-4567, 02-1234567, 044-243129, 044-243-129, 0-4424-3129
    (9,), (2, 3, 4), (2, 7), (3, 6), (3, 3, 3), (1, 4, 4),
}
#: After "66": +66 81 234 5678, +66 2 123 4567, +66 44 243 129, +66 44 243129.
INTERNATIONAL_LAYOUTS = {(9,), (2, 3, 4), (2, 7), (8,), (1, 3, 4), (2, 3, 3), (2, 6), (1, 7)}


def layout_ok(window: Window, how: str) -> bool:
    # a narrow cell breaks a phone inside its groups ("09-7" / "154-" / "4××"): judge it joined
    sizes = window.merged
    if max(sizes) == 1:
        return set(window.seps) <= {SPACE}  # spread by PDF extraction
    if how == "international":
        if sizes[0] == 2:
            return sizes[1:] in INTERNATIONAL_LAYOUTS  # "66" written as its own group
        return sizes[0] > 2 and (sizes[0] - 2,) + sizes[1:] in INTERNATIONAL_LAYOUTS
    return sizes in NATIONAL_LAYOUTS


class PhoneRecognizer:
    kind = Kind.PHONE
    # shortest first: a landline (9) followed by a range suffix must not be read as 11 digits
    lengths, max_groups = (9, 10, 11), 10

    def match(self, run: Run, i: int, view: PageView) -> Candidate | None:
        if run.remaining[i] < 9:
            return None
        for window in window_at(run, i, self.lengths, self.max_groups):
            form = national_form(window, run)
            if form is None or not layout_ok(window, form[1]):
                continue
            value, how = form
            cand = self._validate(window, value, how, run, view)
            if cand is not None:
                return cand
        return None

    def _validate(self, window: Window, value: str, how: str, run: Run, view: PageView) -> Candidate | None:
        if value[0] not in "0X":
            return None
        if len(value) == 10:
            if value[1] not in _MOBILE_SECOND:
                return None
            kind = "mobile"
        elif len(value) == 9:
            if value[1] not in _LANDLINE_SECOND:
                return None
            kind = "landline"
        else:
            return None
        if how == "international" and not run.plus and len(window.chars) == 10 and not self._phone_word_near(window, view):
            return None  # "66" + 8 digits without "+" is too common a shape to trust alone
        hidden = value.count("X")
        start = window.start
        if cues.BANK.search(view.text, start - 30 if start > 30 else 0, start):
            return None  # an account number, not a phone
        if hidden and (len(value) - hidden < 2 or not self._phone_word_near(window, view)):
            return None  # a masked run of the right length is a phone only where phones are the topic
        cand = Candidate(self.kind, window, _PATTERN[kind], value, reasons=[_REASON[kind]])
        if how == "international":
            cand.pattern += "+66"
        if kind == "landline" and self._range_suffix(run, window):
            cand.pattern = "phone.range"
            cand.extra_groups = 1
            cand.end = run.group_end(window.j)
            cand.reasons.append("a range of switchboard lines")
        return cand

    @staticmethod
    def _range_suffix(run: Run, window: Window) -> bool:
        j = window.j
        return (
            j < len(run.sizes)
            and run.seps[j - 1] == PUNCT
            and run.sizes[j] <= 4  # 044-243-129-30, or -105 when the digits roll over
            and run.chars(j).isdigit()
        )

    @staticmethod
    def _phone_word_near(window: Window, view: PageView) -> bool:
        # Lists put "โทรศัพท์" in a column header far above the rows: the head counts too (and
        # is asked first: its answer is kept for the page).
        if view.head_mentions(_PHONE_WORD):
            return True
        near = view.line(window.start, window.end) + view.above(window.start, 1)
        return any(map(near.__contains__, _PHONE_WORD))

    def classify(self, cand: Candidate, view: PageView) -> Verdict:
        start, end = cand.window.start, cand.end or cand.window.end
        text = view.text
        if cand.pattern == "phone.range":
            return _SWITCHBOARD
        label = _label_right_before(text, start)
        if label:
            return Verdict(False, (f"office line: labelled {label}",))
        if cues.EXTENSION_AFTER.match(text, end):
            return _EXTENSION
        role = view.cue(cues.CITIZEN_ROLE, start, end)
        if role:
            return Verdict(True, (f"citizen on this line: {role}",))
        # In a table row only the phone's own cell speaks for it: the next cell may well name
        # the unit a citizen's complaint went to ("ศูนย์ดำรงธรรม", "กองช่าง").
        org = view.cell_cue(cues.ORG_CONTACT, start, end)
        if org:
            return Verdict(False, (f"organisation contact: {org}",))
        # a company's row: its name is in another cell, but the whole row is the company's
        # (unless a person is named in it: "สหกรณ์" also names a bank a citizen is paid through)
        company = view.cue(cues.COMPANY, start, end)
        if company and not view.cue(cues.PERSON_TITLE, start, end):
            return Verdict(False, (f"a company's number: {company}",))
        if view.row_has_personal_id(start):
            return _ROW_OF_PERSON_ID
        # The officer named in a contact block is staff, not a citizen: check before names.
        org = None if view.in_table_row(start) else view.cue_before(cues.ORG_CONTACT, start, lines=2)
        if org:
            return Verdict(False, (f"organisation contact: {org}",))
        if view.cue(cues.PERSON_TITLE, start, end, above=1 if view.wrapped_rows(start) else 0):
            return _BESIDE_NAME
        if view.in_list_row(start, end):
            return _LIST_ROW
        if len(cand.value) == 10:
            return _MOBILE
        if view.list_of_people():
            return _LANDLINE_IN_LIST
        return _LANDLINE

    def display(self, value: str) -> str:
        if len(value) == 10:
            return f"XXX-XXX-{value[6:]}"
        return f"XX-XXX-{value[5:]}"


_NO_DIGIT = re.compile("[^0-9๐-๙]*$")

# Verdicts that say the same for every number, made once.
_SWITCHBOARD = Verdict(False, ("a range of lines is an office switchboard",))
_EXTENSION = Verdict(False, ("office line: has an extension",))
_ROW_OF_PERSON_ID = Verdict(True, ("same row as a person's ID number",))
_BESIDE_NAME = Verdict(True, ("beside a person's name",))
_LIST_ROW = Verdict(True, ("a row of a list of people",))
_MOBILE = Verdict(True, ("mobile number with no organisation cue",))
_LANDLINE_IN_LIST = Verdict(True, ("landline in a list of people",))
_LANDLINE = Verdict(False, ("landline with no person cue",))


def _label_right_before(text: str, start: int) -> str | None:
    """An office label (fax, hotline ...) with nothing but words or punctuation between it and the number."""
    window_start = start - 24 if start > 24 else 0
    first = cues.ORG_LABEL.search(text, window_start, start)
    if first is None:  # the common case: one search, no iterator
        return None
    last = first
    for last in cues.ORG_LABEL.finditer(text, first.start(), start):  # keep the last one
        pass
    if not _NO_DIGIT.match(text, last.end(), start):
        return None
    return last.group()
