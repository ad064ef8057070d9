"""Find digit runs in text and cut them into groups: the one pass over the text.

A *run* is a stretch of digits (Arabic or Thai) and mask characters, possibly split into
*groups* by short separators: spaces, dashes, dots, or one line break (numbers wrap in
narrow table cells and PDF text). Detectors then look for their layouts among the groups.

The whole engine makes one regex pass over the text; everything after that works on the
few short runs it finds. The pattern begins with a character class on purpose: that lets
``re`` skip ahead with its fast prefix scan (measured ~4x faster than a leading lookbehind).
"""

from __future__ import annotations

import re

from detectors.text import (
    ASCII_DIGITS_TO_X,
    CANON,
    DIGIT,
    DIGITS_TO_X,
    MASK,
    THAI_DIGITS,
)

_DM = f"[{DIGIT}{MASK}]"
_WS = "[ \\t\\u00a0\\u2009\\u202f]"
_PUNCT = "[-.\\u2010-\\u2015\\u2212]"
#: One separator: punctuation with optional spaces, or 1-3 spaces, or a line break; a line
#: break may follow the first two (wrap after "1-2345-" or after a space) or come before the
#: dash ("X-XXXX" / "-XXXX9-" when a cell wraps just before it).
_SEP = (
    f"(?:{_WS}{{0,3}}{_PUNCT}{_WS}{{0,3}}(?:\\r?\\n{_WS}{{0,8}})?"
    f"|{_WS}{{1,3}}(?:\\r?\\n{_WS}{{0,8}})?"
    f"|\\r?\\n{_WS}{{0,8}}(?:{_PUNCT}{_WS}{{0,3}})?)"
)
#: Any character a separator is made of.
_SEP_CHAR = f"[{_PUNCT[1:-1]}{_WS[1:-1]}\\r\\n]"  # the dash first: a literal, not a range
#: A run: starts on a digit or mask character that does not follow a digit, and holds at
#: least 9 digit-or-mask characters (the shortest identifier, a landline, has 9).
#: Possessive quantifiers and a digit-first lookahead: measured 65 -> 99 MB/s, same matches.
#: The first lookahead only restates what the second implies, with single-character repeats:
#: 8 more digits at once, or a group, separator characters and a digit. Most numbers in a text
#: (dates, amounts, house numbers) fail it at once, before the second's costly repeat of
#: alternatives: ~25% faster, same matches (tests/detectors/test_runs.py).
RUN = re.compile(
    f"{_DM}(?<![{DIGIT}]{_DM})"
    f"(?={_DM}{{8}}|{_DM}{{0,7}}+{_SEP_CHAR}++{_DM})"
    f"(?=(?:{_DM}|{_SEP}{_DM}){{8}})"
    f"{_DM}*+(?:{_SEP}{_DM}++)*+"
)
_SPLIT = re.compile(f"({_SEP})")
_GROUPS = re.compile(f"{_SEP_CHAR}+")

#: Separator kinds between two groups.
SPACE, PUNCT, WRAP, WRAP_PUNCT = "space", "punct", "wrap", "wrap_punct"
_PUNCT_CHARS = frozenset("-.\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_SEP_CHARS = " \t\u00a0\u2009\u202f\r\n" + "".join(_PUNCT_CHARS)

#: A run with every digit and mask character written as "0": where its groups and separators
#: are, which is all its layout depends on.
_BLOT = str.maketrans(dict.fromkeys(f"0123456789{THAI_DIGITS}{MASK}", "0"))
#: A run's canonical characters with the separators dropped.
_COMPACT = {**CANON, **dict.fromkeys(map(ord, _SEP_CHARS))}
#: The same tables for ASCII runs as bytes, whose translate is a plain table look-up
#: (str.translate consults a dict per character: ~0.5 µs even for a short run).
_ASCII_BLOT = bytes.maketrans(b"0123456789Xx*#", b"0" * 14)
_ASCII_CANON = bytes.maketrans(b"x*#", b"XXX")
_ASCII_SEPS = "".join(c for c in _SEP_CHARS if c.isascii()).encode("ascii")
_THAI_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
#: Distinct shapes an engine remembers (a site writes its numbers in a few dozen), and the
#: longest run it remembers one for: a bound on memory whatever text comes in.
MAX_SHAPES, MAX_SHAPE_CHARS = 4096, 64


def sep_kind(sep: str) -> str:
    has_punct = not _PUNCT_CHARS.isdisjoint(sep)
    if "\n" in sep:
        return WRAP_PUNCT if has_punct else WRAP
    return PUNCT if has_punct else SPACE


class Shape:
    """Where a run's groups and separators are, whatever its digits (e.g. "0-0000-00000-00-0").

    Every layout question depends on this alone, and thousands of numbers share a few dozen
    shapes: an engine works each out once, windows included (see :func:`find_runs`).
    """

    __slots__ = ("_able", "_windows", "bounds", "offsets", "remaining", "seps", "sizes")

    def __init__(self, blotted: str) -> None:
        bounds: list[tuple[int, int]] = []
        seps: list[str] = []
        if blotted.isdigit():  # one unbroken group: nothing to split (an engine per file meets many)
            bounds.append((0, len(blotted)))
        else:
            pos = 0
            for k, part in enumerate(_SPLIT.split(blotted)):  # group, separator, group, ...
                if k % 2:
                    seps.append(sep_kind(part))
                else:
                    bounds.append((pos, pos + len(part)))
                pos += len(part)
        #: (start, end) of each group, from the start of the run
        self.bounds = tuple(bounds)
        self.sizes = tuple(end - start for start, end in bounds)
        #: seps[k]: the separator kind between group k and k+1
        self.seps = tuple(seps)
        #: offsets[k]: characters in groups before k, i.e. where group k starts in Run.digits
        offsets = [0]
        for size in self.sizes:
            offsets.append(offsets[-1] + size)
        self.offsets = tuple(offsets)
        #: remaining[i]: characters in groups i.. (lets recognizers skip runs too short for them)
        self.remaining = tuple(offsets[-1] - o for o in offsets)
        self._windows: dict[tuple, tuple[tuple, ...]] = {}
        self._able: dict[int, tuple[tuple, tuple]] = {}

    def able(self, i: int, recognizers: tuple) -> tuple:
        """Those of ``recognizers`` (see detectors.recognizer) with a window of one of their
        lengths at group ``i``: the others cannot match there, whatever the digits."""
        found = self._able.get(i)
        if found is None or found[0] is not recognizers:  # one engine's recognizers, in practice
            found = self._able[i] = (
                recognizers,
                tuple(rec for rec in recognizers if self.windows(i, rec.lengths, rec.max_groups)),
            )
        return found[1]

    def windows(self, i: int, lengths: tuple[int, ...], max_groups: int) -> tuple[tuple, ...]:
        """Windows of groups ``i..j-1`` whose characters add up to one of ``lengths``, shortest
        first, as the arguments of :class:`Window` relative to the run."""
        found = self._windows.get((i, lengths, max_groups))
        if found is None:
            found = self._windows[i, lengths, max_groups] = self._find_windows(i, lengths, max_groups)
        return found

    def _find_windows(self, i: int, lengths: tuple[int, ...], max_groups: int) -> tuple[tuple, ...]:
        sizes, seps, offsets = self.sizes, self.seps, self.offsets
        n = len(sizes)
        if n == 1:  # one unbroken group: the window is the run, whatever i and max_groups
            return ((0, 1, *self.bounds[0], 0, sizes[0], sizes, (), sizes, False),) if sizes[0] in lengths else ()
        found = []
        longest = max(lengths)
        for j in range(i, min(n, i + max_groups)):
            total = offsets[j + 1] - offsets[i]
            if total > longest:
                break
            if total in lengths:
                win_sizes, win_seps = sizes[i : j + 1], seps[i:j]
                merged = [win_sizes[0]]
                for size, sep in zip(win_sizes[1:], win_seps):
                    if sep == WRAP:  # a wrap inside a digit group: join the two parts
                        merged[-1] += size
                    else:
                        merged.append(size)
                wrapped = WRAP in win_seps or WRAP_PUNCT in win_seps
                found.append((
                    i, j + 1, self.bounds[i][0], self.bounds[j][1], offsets[i], offsets[j + 1],
                    win_sizes, win_seps, tuple(merged), wrapped,
                ))
        return tuple(found)


class Run:
    """One run: its canonical digits (separators dropped) and its :class:`Shape`."""

    __slots__ = ("start", "end", "digits", "masked", "shape", "sizes", "seps", "remaining", "_text")

    def __init__(self, start: int, end: int, digits: str, masked: str, shape: Shape, text: str) -> None:
        self.start, self.end, self.digits, self.shape = start, end, digits, shape
        #: the run as written with every digit as X (what a context snippet shows of it)
        self.masked = masked
        self.sizes, self.seps, self.remaining = shape.sizes, shape.seps, shape.remaining
        self._text = text

    @property
    def plus(self) -> bool:
        """'+' written just before the run (international phone form); asked of few runs."""
        start, text = self.start, self._text
        return start > 0 and (text[start - 1] == "+" or text[max(start - 2, 0) : start] == "+ ")

    def chars(self, k: int) -> str:
        """Canonical characters of group ``k``."""
        offsets = self.shape.offsets
        return self.digits[offsets[k] : offsets[k + 1]]

    def group_end(self, k: int) -> int:
        return self.start + self.shape.bounds[k][1]


def find_runs(text: str, shapes: dict | None = None):
    """Yield every run in ``text`` (one regex pass).

    ``shapes`` remembers the shapes seen (pass the same dict for every page of an engine): it
    only saves work, the runs are the same without it.
    """
    if shapes is None:
        shapes = {}
    for m in RUN.finditer(text):
        start, end = m.span()
        raw = m.group()
        # The common cases skip str.translate, which costs ~0.5 µs per call even on short strings.
        key: int | bytes | str
        if raw.isdigit() and raw.isascii():  # the commonest: one group of ASCII digits
            key = len(raw)
            digits, masked = raw, "X" * key
        elif raw.isalnum():
            # one unbroken group (Thai digits, or masks), nothing to split
            key = len(raw)
            digits = raw.translate(CANON)
            masked = "X" * key if "X" not in digits else raw.translate(DIGITS_TO_X)
        else:
            # Thai digits as Arabic ones first: that changes none of the three answers and
            # leaves most runs ASCII, for the byte tables
            ascii_raw = raw if raw.isascii() else raw.translate(_THAI_TO_ARABIC)
            if ascii_raw.isascii():
                ascii_bytes = ascii_raw.encode("ascii")
                key = ascii_bytes.translate(_ASCII_BLOT)
                digits = ascii_bytes.translate(_ASCII_CANON, _ASCII_SEPS).decode("ascii")
                masked = ascii_bytes.translate(ASCII_DIGITS_TO_X).decode("ascii")
            else:
                key = raw.translate(_BLOT)
                digits = raw.translate(_COMPACT)
                masked = raw.translate(DIGITS_TO_X)
        shape = shapes.get(key)
        if shape is None:
            shape = Shape(raw.translate(_BLOT))
            if len(shapes) < MAX_SHAPES and len(raw) <= MAX_SHAPE_CHARS:
                shapes[key] = shape
        yield Run(start, end, digits, masked, shape, text)


class Window:
    """Consecutive groups ``i..j-1`` of a run, read as one candidate number."""

    __slots__ = ("i", "j", "start", "end", "chars", "sizes", "seps", "merged", "wrapped")

    def __init__(
        self, i: int, j: int, start: int, end: int, chars: str, sizes: tuple[int, ...], seps: tuple[str, ...],
        merged: tuple[int, ...], wrapped: bool,
    ) -> None:
        self.i, self.j, self.start, self.end = i, j, start, end
        #: canonical characters of the window, separators dropped
        self.chars = chars
        #: group sizes as written, and the separator kinds between them
        self.sizes, self.seps = sizes, seps
        #: sizes with groups joined across bare line breaks (a wrap inside a digit group)
        self.merged = merged
        #: a line break (bare or after punctuation) separates two of its groups
        self.wrapped = wrapped


def window_at(run: Run, i: int, lengths: tuple[int, ...], max_groups: int = 13) -> list[Window]:
    """Windows starting at group ``i`` whose characters add up to one of ``lengths``, shortest first."""
    shape, start, digits = run.shape, run.start, run.digits
    out = []  # a loop, not a comprehension: Python 3.11 makes each comprehension a function call
    # the memo itself first: it always holds the answer, and a method call costs as much again
    for first, j, lo, hi, a, b, sizes, seps, merged, wrapped in (
        shape._windows.get((i, lengths, max_groups)) or shape.windows(i, lengths, max_groups)
    ):
        out.append(Window(first, j, start + lo, start + hi, digits[a:b], sizes, seps, merged, wrapped))
    return out


def first_window(run: Run, i: int, lengths: tuple[int, ...], max_groups: int = 13) -> Window | None:
    """The shortest of :func:`window_at`'s windows: for recognizers that judge only that one."""
    shape = run.shape
    specs = shape._windows.get((i, lengths, max_groups)) or shape.windows(i, lengths, max_groups)
    if not specs:
        return None
    first, j, lo, hi, a, b, sizes, seps, merged, wrapped = specs[0]
    start = run.start
    return Window(first, j, start + lo, start + hi, run.digits[a:b], sizes, seps, merged, wrapped)


def fits(
    window: Window, layouts: dict[tuple[int, ...], str], wrapped_layouts: dict[tuple[int, ...], str] | None = None
) -> str | None:
    """The name of the layout the window is written in, or None.

    Tries the sizes as written, then with bare line breaks joined, so both
    '1-2345-678<br>90-12-1' and '12345678<br>90121' are found. Joined sizes are checked against
    ``wrapped_layouts`` (default: all): loose layouts would let a wrap glue unrelated numbers.
    """
    name = layouts.get(window.sizes)
    if name is None and WRAP in window.seps:
        name = (layouts if wrapped_layouts is None else wrapped_layouts).get(window.merged)
    return name


def mixed_scripts(text: str, window: Window) -> bool:
    """Thai and Arabic digits on either side of a break: two numbers, not one wrapped. Unless a
    group of it mixes them itself ("๓2๓๑99⏎๓๑๔๒0๕⏎๖"): a number typed in both, as some are,
    wraps like any other (๐ does not count: OCR reads a mask's x as ๐)."""
    span = text[window.start : window.end]
    if not (any("๐" <= c <= "๙" for c in span) and any("0" <= c <= "9" for c in span)):
        return False
    return not any(any("๑" <= c <= "๙" for c in group) and any("0" <= c <= "9" for c in group)
                   for group in _GROUPS.split(span))
