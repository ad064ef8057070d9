"""How runs are cut: the fast paths give what the general one gives."""

import pytest

from detectors import runs
from detectors.text import ASCII_DIGITS_TO_X, CANON, DIGITS_TO_X


# sorted: _SEP_CHARS comes partly from a frozenset, whose order changes with the hash seed, and
# pytest-xdist needs every worker to collect the same tests in the same order
@pytest.mark.parametrize("char", "0123456789Xx*#" + "".join(sorted(c for c in runs._SEP_CHARS if c.isascii())))
def test_when_ascii_then_byte_tables_agree_with_str_tables(char):
    raw = char.encode("ascii")
    assert raw.translate(runs._ASCII_BLOT).decode() == char.translate(runs._BLOT)
    assert raw.translate(runs._ASCII_CANON, runs._ASCII_SEPS).decode() == char.translate(runs._COMPACT)
    assert raw.translate(ASCII_DIGITS_TO_X).decode() == char.translate(DIGITS_TO_X)


@pytest.mark.parametrize(
    "text",
    [
        "เลขประจำตัว 1-1017-00230-12-1 โทร 081-234-5678",
        "เลขประจำตัว ๑-๑๐๑๗-๐๐๒๓๐-๑๒-๑ โทร ๐๘๑ ๒๓๔ ๕๖๗๘",
        "1\u00a01017\u00a000230\u00a012\u00a01 | 0 4424 3129-30",
        "X-XXXX-XX230-12-1 | 08x-xxx-5678 | 1101700230121 | 11017002\n30121",
    ],
)
def test_when_any_run_then_memo_and_fast_paths_change_nothing(text):
    def cut(found):
        return [(r.start, r.end, r.digits, r.masked, r.sizes, r.seps, r.remaining) for r in found]

    expected = []
    for r in runs.find_runs(text):
        raw = text[r.start : r.end]
        assert r.digits == "".join(c for c in raw.translate(CANON) if c not in runs._SEP_CHARS)
        assert r.masked == raw.translate(DIGITS_TO_X)
        expected.append(r)
    shapes: dict = {}
    assert cut(runs.find_runs(text, shapes)) == cut(runs.find_runs(text, shapes)) == cut(expected)


def test_when_any_text_then_run_pattern_finds_what_the_plain_one_finds():
    """RUN's extra lookahead only says sooner what its last one says: the same runs, always.

    The plain pattern is the one RUN had before the shortcut, kept here as the reference."""
    import random
    import re

    plain = re.compile(
        f"{runs._DM}(?<![{runs.DIGIT}]{runs._DM})"
        f"(?=(?:{runs._DM}|{runs._SEP}{runs._DM}){{8}})"
        f"{runs._DM}*+(?:{runs._SEP}{runs._DM}++)*+"
    )
    rng = random.Random(5)
    alphabet = ["1", "0", "9", "๑", "๙", "X", "x", "*", "×", "#", " ", "  ", "\t", "\u00a0", "\u2009", "\u202f",
                "-", ".", "\u2013", "\u2212", "\n", "\r\n", " \n ", "- \n", "ก", "น", "|", "/", ",", "A"]
    weights = [12] * 10 + [1] * 20  # mostly digits and masks: runs, near-runs and their edges
    found = 0
    for _ in range(20000):
        text = "".join(rng.choices(alphabet, weights, k=rng.randint(0, 40)))
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in runs.RUN.finditer(text)] == expected, repr(text)
        found += len(expected)
    assert found > 10000  # the texts did hold runs
