"""Thai national ID (เลขประจำตัวประชาชน): 13 digits, mod-11 check digit.

First digit 1-8: a natural person. 0: a juristic person (company) number, public. 9: reserved.
"""

from __future__ import annotations

from operator import mul

from detectors import context as cues
from detectors.base import Kind
from detectors.recognizer import Candidate, PageView, Verdict
from detectors.runs import PUNCT, SPACE, WRAP, WRAP_PUNCT, Run, first_window, fits, mixed_scripts

LAYOUTS: dict[tuple[int, ...], str] = {
    (13,): "contiguous",
    (1, 4, 5, 2, 1): "grouped",
    (1, 4, 5, 3): "grouped",
    (1, 12): "grouped",
    (1,) * 13: "spread",
}
#: What a number broken by line breaks must add up to once the breaks are joined: only the two
#: common layouts, or a wrap could glue a laser code's tail and a house number into "1 + 12".
WRAPPED_LAYOUTS = {(13,): "contiguous", (1, 4, 5, 2, 1): "grouped"}
CANONICAL = (1, 4, 5, 2, 1)
_PATTERN = {layout: f"national_id.{layout}" for layout in (*LAYOUTS.values(), "split")}
_WEIGHTS = tuple(range(13, 1, -1))


#: Each ASCII digit's code is the digit plus 48: summed over the weights, 48 * sum(weights) too.
_CODE_OFFSET = ord("0") * sum(_WEIGHTS)


def _weighted_sum(first12: str) -> int:
    """sum(d_i * (14 - i)) over the first 12 ASCII characters, each read as its code minus 48."""
    return sum(map(mul, first12[:12].encode("ascii"), _WEIGHTS)) - _CODE_OFFSET


def check_digit(first12: str) -> int:
    """d13 = (11 - sum(d_i * (14 - i)) mod 11) mod 10, over ASCII digits."""
    # _weighted_sum written out (this runs once per 13-digit number); byte codes instead of
    # int() per digit: a third of the time
    return (11 - (sum(map(mul, first12[:12].encode("ascii"), _WEIGHTS)) - _CODE_OFFSET) % 11) % 10


def is_valid(value: str) -> bool:
    """13 ASCII digits with a correct check digit (any first digit)."""
    return len(value) == 13 and value.isascii() and value.isdigit() and check_digit(value) == int(value[12])


def completions(value: str) -> list[str]:
    """Valid IDs obtainable by filling the single 'X' of ``value`` (empty if not exactly one)."""
    if value.count("X") != 1:
        return []
    filled = [value.replace("X", str(d)) for d in range(10)]
    if len(value) != 13 or not (filled[0].isascii() and filled[0].isdigit()):
        return []
    gap = value.index("X")
    if gap == 12:
        return [filled[check_digit(value)]]
    # the weighted sum of the known digits once, then each digit in the gap by arithmetic alone
    known = _weighted_sum(value) - (ord("X") - ord("0")) * _WEIGHTS[gap]
    want = ord(value[12]) - ord("0")
    return [filled[d] for d in range(10) if (11 - (known + _WEIGHTS[gap] * d) % 11) % 10 == want]


class NationalIdRecognizer:
    kind = Kind.NATIONAL_ID
    lengths, max_groups = (13,), 13

    def match(self, run: Run, i: int, view: PageView) -> Candidate | None:
        if run.remaining[i] < 13:
            return None
        window = first_window(run, i, self.lengths, self.max_groups)  # one at most: a single length
        if window is None:
            return None
        layout = LAYOUTS.get(window.sizes) or fits(window, LAYOUTS, WRAPPED_LAYOUTS) or self._split(window)
        if layout is None or (layout == "spread" and not self._spread_is_alone(run, window)):
            return None
        cand = Candidate(self.kind, window, _PATTERN[layout], window.chars)
        return cand if self.validate(cand, run, view) else None

    def validate(self, cand: Candidate, run: Run, view: PageView) -> bool:
        value, window, reasons = cand.value, cand.window, cand.reasons
        if value[0] == "9":
            return False  # reserved: not issued to anyone
        hidden = value.count("X")
        if hidden == 0:
            # check_digit(value), written out: once per 13-digit number (map stops at 12 weights)
            if (11 - (sum(map(mul, value.encode("ascii"), _WEIGHTS)) - _CODE_OFFSET) % 11) % 10 != ord(value[12]) - 48:
                return False
            reasons.append("checksum valid")
        elif hidden == 1:
            options = len(completions(value))
            if not options:
                return False  # no digit makes this a valid ID: not an ID
            # the final "mod 10" folds two sums onto check digit 0/1, so one gap can fit two numbers
            reasons.append(
                "one hidden digit: recoverable from the checksum"
                if options == 1
                else f"one hidden digit: the checksum narrows it to {options} numbers"
            )
        elif hidden == 13 and window.sizes == (13,):
            return False  # 13 bare X's could be anything
        if not window.wrapped and not cand.pattern.endswith(".split"):
            return True  # written on one line: nothing below applies
        if window.wrapped and window.sizes == CANONICAL:
            # the break falls between the 1-4-5-2-1 groups: a line ending, nothing was joined
            cand.pattern += "+wrapped"
            reasons.append("broken across a line between its 1-4-5-2-1 groups")
            return True
        joined = window.wrapped or cand.pattern.endswith(".split")
        if joined and (mixed_scripts(view.text, window) or self._row_number_after(run, window, view.text)
                       or self._document_number(run, window, view.text)):
            return False  # the break separates two numbers (a contract number and the next row's)
        if joined and hidden and self._amount_after(run, window):
            return False  # a masked phone and the next cell's amount ("XXX-XXX-4118⏎700")
        if cand.pattern.endswith(".split"):
            if value[0] == "0" or self._glued_phone(run, window):
                return False
            if not view.doc_mentions_id_cards():
                return False  # two bare numbers side by side are trusted only where IDs are the topic
            reasons.append("split in two by the cell it was typed in; the document mentions ID cards")
        elif window.wrapped and value[0] == "0":
            # a company's number wraps like any other, but its first ten digits can read like a
            # mobile: trusted only where a company is named (which also makes it the topic)
            if not (view.cue(cues.COMPANY, window.start, window.end, above=1)
                    or view.row_cue(cues.COMPANY, window.start)
                    or view.cue(cues.JURISTIC_LABEL, window.start, window.end, above=3)):
                return False
            cand.pattern += "+wrapped"
            reasons.append("broken across a line beside a company's name")
        elif window.wrapped:
            if self._glued_phone(run, window):
                return False  # most likely a phone and another number on the next line
            dashed = PUNCT in window.seps or WRAP_PUNCT in window.seps
            if not dashed and not view.doc_mentions_id_cards():
                # bare digits broken by a line break could be two unrelated numbers:
                # trusted only where ID cards are the topic
                return False
            cand.pattern += "+wrapped"
            reasons.append(
                "broken across a line in the 1-4-5-2-1 layout"
                if dashed
                else "broken across a line; the document mentions ID cards"
            )
        return True

    @staticmethod
    def _row_number_after(run: Run, window, text: str) -> bool:
        """After the last line break come 1-2 digits and a cell separator: the next row's number."""
        last = window.j - 1
        if last == window.i or run.seps[last - 1] != WRAP or run.sizes[last] > 2:
            return False
        return text[window.end : window.end + 3].lstrip(" ")[:1] in ("|", ".")

    @staticmethod
    def _document_number(run: Run, window, text: str) -> bool:
        """Bare digits right after a document number's label ("เลขคุมสัญญา⏎) 670880704255"), a
        digit or three after the break: the number is the document's, what follows the next
        row's number. (Dashed in the 1-4-5-2-1 layout it is an ID, whatever a scan read beside it.)"""
        last = window.j - 1
        if last == window.i or run.seps[last - 1] != WRAP or run.sizes[last] > 3:
            return False
        if PUNCT in window.seps or WRAP_PUNCT in window.seps:
            return False
        return cues.DOC_NUMBER_BEFORE.search(text, max(0, window.start - 40), window.start) is not None

    @staticmethod
    def _amount_after(run: Run, window) -> bool:
        """A phone's ten positions, and after the last break three digits ending "00": an amount
        (an allowance list pays 600-1,000 baht a month), not the last digits of an ID whose
        others are masked. With no checksum to tell, the two read as one."""
        last = window.j - 1
        if run.seps[last - 1] not in (WRAP, SPACE):
            return False
        tail, head = run.chars(last), window.chars[:2]
        phone_like = head[0] in "0X" or head == "66"  # (a phone starts 0, or 66 with no "+")
        return phone_like and len(tail) == 3 and tail[1:] == "00" and tail[0] != "X"

    @staticmethod
    def _split(window) -> str | None:
        # A cell's line break that the extractor turned into a space: "28510002 66868".
        if len(window.sizes) == 2 and window.seps[0] in (SPACE, WRAP) and min(window.sizes) >= 2:
            return "split"
        return None

    @staticmethod
    def _spread_is_alone(run: Run, window) -> bool:
        # 13 single digits inside a longer row of single digits is a row of counts, not an ID.
        sizes, seps = run.sizes, run.seps
        before = window.i > 0 and sizes[window.i - 1] == 1 and seps[window.i - 1] == SPACE
        after = window.j < len(sizes) and sizes[window.j] == 1 and seps[window.j - 1] == SPACE
        return not (before or after)

    @staticmethod
    def _glued_phone(run: Run, window) -> bool:
        """The part before the first bare break is itself a phone number."""
        size = 0
        for k in range(window.i, window.j):
            size += run.sizes[k]
            if k < window.j - 1 and run.seps[k] in (WRAP, SPACE):
                break
        return size in (9, 10) and window.chars[0] == "0"

    def classify(self, cand: Candidate, view: PageView) -> Verdict:
        start, end = cand.window.start, cand.window.end
        first = cand.value[0]
        if first not in "0X":
            # issued to a natural person whatever the context: no cue can change that
            return _NATURAL_PERSON[first]
        # outside tables the company's name may be on the line above; in a table that line is
        # another row (another company, or a bank a citizen is paid through)
        company = view.cue(cues.COMPANY, start, end, above=0 if view.in_table_row(start) else 1)
        if first == "0":
            if company:
                return Verdict(False, ("leading 0: juristic-person number", f"company context: {company}"))
            if view.cue(cues.PERSON_TITLE, start, end):
                return _JURISTIC_BESIDE_NAME
            return _JURISTIC
        if view.cue(cues.PERSON_TITLE, start, end):
            return _HIDDEN_FIRST_BESIDE_NAME
        if company:
            return Verdict(False, ("first digit hidden", f"company context: {company}"))
        return _HIDDEN_FIRST

    def display(self, value: str) -> str:
        # the 1-4-5-2-1 layout with the first 9 digits hidden
        return f"X-XXXX-XXXX{value[9]}-{value[10:12]}-{value[12]}"


# Verdicts that say the same for every number, made once.
#: The verdict for each first digit that only a natural person's number has.
_NATURAL_PERSON = {d: Verdict(True, (f"first digit {d}: a natural person",)) for d in "123456789"}
_JURISTIC = Verdict(False, ("leading 0: juristic-person number",))
_JURISTIC_BESIDE_NAME = Verdict(
    False, ("leading 0: juristic-person number", "beside a person's name: check who it belongs to"), needs_review=True
)
_HIDDEN_FIRST_BESIDE_NAME = Verdict(True, ("first digit hidden", "beside a person's name"))
_HIDDEN_FIRST = Verdict(True, ("first digit hidden: presumed a person",))
