"""Fast forms of the context cues answer exactly as the plain ones do."""

import random

import pytest

from detectors import context as cues


def _near_misses(rng: random.Random, words, n: int) -> list[str]:
    """Texts of Thai filler and pieces of the words: some whole, most cut short or joined."""
    filler = "ประกาศรายชื่อผู้มีสิทธิรับเงิน 12 ม.3 | นายสมชาย ใจดี\n"
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            word = rng.choice(words)
            cut = rng.randint(1, len(word))
            parts.append(filler[: rng.randint(0, len(filler))])
            parts.append(word if rng.random() < 0.2 else word[:cut] if rng.random() < 0.5 else word[-cut:])
        out.append("".join(parts))
    return out


def test_when_any_text_then_sensitive_gate_agrees_with_looking_for_each_word():
    words = list(cues._SENSITIVE_GATE)
    for text in _near_misses(random.Random(1), words, 3000) + [""]:
        assert bool(cues._SENSITIVE_GATE_RX.search(text)) == any(w in text for w in words), text


@pytest.mark.parametrize("text", ["เกิด 1 ม.ค.", "Date of Birth", "birthday", "D.O.B.", "DOB", "D.OB", "DO.B", "D..O.B", "ดอบ", ""])
def test_when_any_text_then_mentions_birth_agrees_with_the_birth_pattern(text):
    assert cues.mentions_birth(text) == bool(cues.BIRTH.search(text))


def test_when_any_text_then_unwrap_removes_what_the_line_break_regex_removes():
    import re

    from detectors.page import unwrap

    breaks = re.compile("\\s*\\n\\s*")
    rng = random.Random(2)
    pieces = ["เลขประ", "จำตัว", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2009", "\x0b", "\x1c", "x", "|", ""]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert unwrap(text) == breaks.sub("", text), repr(text)


def test_when_any_page_then_snippets_are_what_masking_each_side_and_splitting_gives():
    """The snippet masks both sides in one pass and collapses whitespace without str.split where
    it can: the result is the plain recipe's (mask each side on its own, then split and join)."""
    from detectors.page import PageView
    from detectors.runs import find_runs

    rng = random.Random(4)
    pieces = ["นายสมชาย ", "1101700230121", " 081-234-5678", " | ", "\n", "  ", "\t", "\u00a0", "12/03/2490",
              "151,029.28", "30000", "1 2 3 4 5", "เลข", "x", "\u200b", "๑๒๓๔๕", "ม.3 ", "0-4424-3129-30"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        view = PageView(text, text)
        view.runs.extend(find_runs(text))
        for run in view.runs:
            display = "X-XXXX-XXXX0-12-1"
            masked = view._mask_runs()
            lo, hi = max(0, run.start - cues.SNIPPET_WIDTH), run.end + cues.SNIPPET_WIDTH
            before = cues.mask_partial_numbers(masked[lo : run.start])
            after = cues.mask_partial_numbers(masked[run.end : hi])
            assert view.snippet(run.start, run.end, display) == " ".join(f"{before}[{display}]{after}".split())


def test_when_any_text_then_partial_numbers_are_those_of_the_plain_pattern():
    import re

    plain = re.compile("[0-9๐-๙](?:[ \\-.]?[0-9๐-๙]){4,}")
    rng = random.Random(6)
    alphabet = ["1", "0", "๕", "X", " ", "-", ".", "/", ",", "ก", "\n", "  "]
    weights = [8, 8, 4, 1, 3, 2, 2, 1, 1, 2, 1, 1]
    for _ in range(20000):
        text = "".join(rng.choices(alphabet, weights, k=rng.randint(0, 30)))
        assert [m.span() for m in cues._PARTIAL_NUMBER.finditer(text)] == [m.span() for m in plain.finditer(text)], text
