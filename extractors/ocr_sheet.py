"""The sheet the second OCR pass reads (extractors.ocr_reread): crops of the page's number-like
words, and of numbers with the masked end that wrapped below them glued on, stacked on white;
and the glyphs of a word told apart by their ink, where no model reads them (asterisks, runs
of touching masks)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any, NamedTuple

Box = tuple[int, int, int, int]  # left, top, right, bottom



class Ink(NamedTuple):
    """A tail's ink: its glyphs, and how high it is in the height of the number above it."""

    glyphs: int
    height: float


_PAD_X, _PAD_Y = 3, 6  # pixels of the page around a word's box
_GAP = 30  # white pixels between two crops on the sheet


def sheet(image: Any, crops: list[tuple[Any, Box | None] | Any], scale: float) -> tuple[Any, list[tuple[int, int]], list[Ink]]:
    """The crops (a word, and a tail's box glued after it; or a piece made already, such as
    tall_before's) stacked on a white sheet, each one's vertical band on it, and the ink of each
    tail (no glyphs for a word alone or a piece)."""
    from PIL import Image

    pieces, inks = [], []
    for crop in crops:
        word, tail = crop if isinstance(crop, tuple) else (None, None)
        if word is None:
            piece = crop
            inks.append(Ink(0, 0.0))
        elif tail is None:
            piece = _crop(image, (word.left, word.top, word.right, word.bottom))
            inks.append(Ink(0, 0.0))
        else:
            piece, ink = _glued(image, word, tail)
            inks.append(ink)
        if scale != 1.0:
            piece = piece.resize((max(1, round(piece.width * scale)), max(1, round(piece.height * scale))),
                                 Image.Resampling.LANCZOS)
        pieces.append(piece.convert("L"))
    sheet = Image.new("L", (max(p.width for p in pieces) + 2 * _GAP, sum(p.height + _GAP for p in pieces) + _GAP), 255)
    bands, y = [], _GAP
    for piece in pieces:
        sheet.paste(piece, (_GAP, y))
        bands.append((y - _GAP // 2, y + piece.height + _GAP // 2))
        y += piece.height + _GAP
    return sheet, bands, inks


def band_words(tsv: str, bands: list[tuple[int, int]]) -> list[list[tuple[float, int, str]]]:
    """The words of a sheet's TSV gathered by the band (sheet's crop) their middle falls in, as
    (middle, left, text)."""
    found: list[list[tuple[float, int, str]]] = [[] for _ in bands]
    for row in tsv.split("\n"):
        cols = row.split("\t")
        if len(cols) != 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, height = int(cols[6]), int(cols[7]), int(cols[9])
        middle = top + height / 2
        for i, (a, b) in enumerate(bands):
            if a <= middle < b:
                found[i].append((middle, left, cols[11].strip()))
                break
    return found


def _glued(image: Any, word: Any, tail: Box) -> tuple[Any, Ink]:
    """The word, and a tail's ink after it as its next letters: a letter's gap between them, the
    tops level (digits, "#" and "*" start at the same height). Tesseract's eng model reads a few
    masks alone as letters or not at all ("##" → "", "Ht"), and after digits as masks."""
    from PIL import Image

    height = word.bottom - word.top
    up = min(word.top, _PAD_Y)
    head = image.crop((max(0, word.left - _PAD_X), word.top - up, word.right, min(image.height, word.bottom + _PAD_Y)))
    rest = _ink(image.crop((tail[0], tail[1], min(image.width, tail[2] + _PAD_X), tail[3])).convert("L"))
    gap = max(2, height // 6)
    out = Image.new("L", (head.width + gap + rest.width, max(head.height, up + rest.height)), 255)
    out.paste(head.convert("L"), (0, 0))
    out.paste(rest, (head.width + gap, up))
    return out, Ink(_glyphs(rest, (word.right - word.left) / max(1, len(word.text))), rest.height / max(1, height))


def _ink(piece: Any) -> Any:
    """The rows of ``piece`` with ink, without a table rule: the Thai model's box of a tail often
    takes in the cell's rule below it, and its top is not the ink's. A rule is a band of rows
    dark right across, with white rows around it (a "#"'s bars have its strokes around them)."""
    width, dark = piece.width, piece.point(lambda v: 255 if v < 128 else 0)
    rows = [dark.crop((0, y, width, y + 1)).histogram()[255] for y in range(piece.height)]
    bands: list[list[int]] = []
    for y, count in enumerate(rows):
        if not count:
            continue
        if bands and bands[-1][-1] == y - 1:
            bands[-1].append(y)
        else:
            bands.append([y])
    kept = [band for band in bands if not all(rows[y] > 0.85 * width for y in band)]
    if not kept:
        return piece
    return piece.crop((0, kept[0][0], width, kept[-1][-1] + 1))


def ink_glyphs(image: Any, box: Box, advance: float) -> int:
    """The glyphs in ``box`` of the page, counted as a tail's (_glyphs)."""
    return _glyphs(_crop(image, box).convert("L"), advance)


def _glyphs(piece: Any, advance: float) -> int:
    """Glyphs of a tail: runs of columns with ink ("*", "x", "X" stand apart), each as many as its
    ink's width in the number's characters ("##" touch, "####" may touch in pairs; "X" is wider
    than a digit, so a glyph counts two only from 1.8 digits wide)."""
    dark = piece.point(lambda v: 255 if v < 128 else 0)
    inked = [x for x in range(piece.width) if dark.crop((x, 0, x + 1, piece.height)).getbbox()]
    if not inked:
        return 0
    starts = [inked[0]] + [b for a, b in pairwise(inked) if b > a + 1]
    ends = [a for a, b in pairwise(inked) if b > a + 1] + [inked[-1]]
    return sum(max(1, int((end + 1 - start) / max(1.0, advance) + 0.2)) for start, end in zip(starts, ends))


def _crop(image: Any, box: Box) -> Any:
    left, top, right, bottom = box
    return image.crop((max(0, left - _PAD_X), max(0, top - _PAD_Y),
                       min(image.width, right + _PAD_X), min(image.height, bottom + _PAD_Y)))


def shapes(image: Any, word: Any) -> str | None:
    """The glyphs of a word on the page, left to right: "T" for one as high as a digit, "S" for a
    small one at the top of the line (an asterisk); None if any is neither (a dash, a Thai
    letter, a "#" whose strokes touch). A table rule read into the word is left out: it runs
    from the crop's top to its bottom, past the digits."""
    height = word.bottom - word.top
    piece = _crop(image, (word.left, word.top, word.right, word.bottom)).convert("L")
    dark = piece.point(lambda v: 255 if v < 128 else 0)
    columns = [dark.crop((x, 0, x + 1, piece.height)).getbbox() for x in range(piece.width)]
    runs: list[list[int]] = []  # [top, bottom] of the ink of each run of inked columns
    for x, box in enumerate(columns):
        if box is None:
            continue
        if runs and columns[x - 1] is not None:
            runs[-1] = [min(runs[-1][0], box[1]), max(runs[-1][1], box[3])]
        else:
            runs.append([box[1], box[3]])
    out = ""
    middle = (word.top - max(0, word.top - _PAD_Y)) + height / 2
    for top, bottom in runs:
        if bottom - top >= piece.height - 2:
            continue  # a table rule
        if bottom - top >= 0.75 * height:
            out += "T"
        elif bottom - top <= 0.55 * height and bottom <= middle:
            out += "S"
        else:
            return None
    return out



class Glyph(NamedTuple):
    """One glyph of a word on the page: its kind and the page columns it spans."""

    kind: str  # "T" tall (a digit), "S" small at the top (an asterisk), "x" a mask at x-height
    left: int
    right: int


def glyphs(image: Any, word: Any, unit: float, advance: float) -> list[Glyph] | None:
    """The glyphs of ``word`` on the page, measured against the digits of the number it starts
    (``unit``: their height, ``advance``: their width each); None if any glyph is none of the
    three kinds (a Thai letter, a "#" or an "X", which a count cannot tell from other letters).
    Touching masks ("xxxx" at 200 dpi, one run of ink) are cut by width: the first pass reads
    such a run a glyph short."""
    box = (word.left, word.top, word.right, word.bottom)
    piece = _crop(image, box).convert("L")
    x0 = max(0, word.left - _PAD_X)
    dark = piece.point(lambda v: 255 if v < 128 else 0)
    columns = [dark.crop((x, 0, x + 1, piece.height)).getbbox() for x in range(piece.width)]
    runs: list[list[int]] = []  # first and last column, top and bottom of the ink
    for x, ink in enumerate(columns):
        if ink is None:
            continue
        if runs and columns[x - 1] is not None:
            runs[-1][1:] = [x, min(runs[-1][2], ink[1]), max(runs[-1][3], ink[3])]
        else:
            runs.append([x, x, ink[1], ink[3]])
    runs = [r for r in runs if r[3] - r[2] < piece.height - 2]  # not a table rule
    if not runs:
        return None
    tall = [r for r in runs if r[3] - r[2] >= _TALL * unit]
    baseline = max(r[3] for r in tall) if tall else max(r[3] for r in runs)
    out: list[Glyph] = []
    for left, right, top, bottom in runs:
        height = bottom - top
        if height >= _TALL * unit:
            out.append(Glyph("T", x0 + left, x0 + right + 1))
        elif _STAR[0] * unit <= height <= _STAR[1] * unit and baseline - bottom >= 0.3 * unit:
            out.append(Glyph("S", x0 + left, x0 + right + 1))
        elif _XHEIGHT[0] * unit <= height <= _XHEIGHT[1] * unit and baseline - bottom <= 0.1 * unit:
            count = max(1, round((right + 1 - left) / (_X_ADVANCE * advance)))
            step = (right + 1 - left) / count
            for k in range(count):
                a, b = left + round(k * step), left + round((k + 1) * step)
                if not _x_shaped(dark.crop((a, top, b, bottom + 1))):
                    return None
                out.append(Glyph("x", x0 + a, x0 + b))
        else:
            return None
    return out


def cell_shapes(piece: Any, unit: float) -> str | None:
    """The glyphs of a table cell's crop (its rules whitened), line by line, in one string: "T"
    for one a digit's height (``unit``), "*" for a small one at the top of its line, "x" for an
    x-shaped one ("x", "×"; touching ones cut by width), "-" for a flat one, "+" for a cross
    (a phone's +66), "#" for a hash (two bars across: no digit has them). None if any glyph is
    none of these (a letter)."""
    found = cell_glyphs(piece, unit)
    return "".join(kinds for kinds, _ in found) if found else None


def cell_glyphs(piece: Any, unit: float) -> list[tuple[str, Box]] | None:
    """cell_shapes' glyphs, each run of ink with its box in the crop: its kinds ("####" for
    touching hashes, "##T" for a digit touching them)."""
    import numpy as np

    ink = np.asarray(piece.convert("L")) < 128
    bands: list[tuple[int, int]] = []
    for top, bottom in true_runs(ink.any(axis=1)):
        if bands and top - bands[-1][1] < 0.4 * unit:
            top = bands.pop()[0]  # a line's dashes lie under its asterisks, apart from them
        bands.append((top, bottom))
    out: list[tuple[str, Box]] = []
    for top, bottom in bands:
        band = ink[top:bottom]
        runs = []
        for left, right in true_runs(band.any(axis=0)):
            rows = np.flatnonzero(band[:, left:right].any(axis=1))
            high, low = int(rows[0]), int(rows[-1]) + 1
            if low - high >= 0.2 * unit or right - left >= 0.2 * unit:  # not a speck
                runs.append((left, right, high, low))
        tall = [r for r in runs if r[3] - r[2] >= _TALL * unit]
        # a glyph's width from the tall runs no wider than a digit is high: where hashes touch in
        # runs of two and three ("#########44"), the median run is no glyph's width
        widths = sorted(r[1] - r[0] for r in tall)
        singles = [w for w in widths if w <= unit] or widths
        advance = singles[len(singles) // 2] if singles else 0.65 * unit
        line_top = min(r[2] for r in (tall or runs)) if runs else 0
        for left, right, high, low in runs:
            height, width = low - high, right - left
            if height >= _TALL * unit and (hashes := _hashes(band[high:low, left:right], advance)):
                kinds = hashes  # before the x test: where its strokes slant, a "#" is x-shaped too
            elif height >= _TALL * unit:
                # a capital "X" is as tall as a digit, but x-shaped (and wider): no digit is
                kinds = "x" * count if (count := _x_count(band[high:low, left:right], 1.5 * advance)) else "T"
            elif height <= 0.25 * unit and width >= 2 * height:
                kinds = "-"  # flat: an asterisk is as wide as it is high
            elif 0.4 * unit <= height and (count := _x_count(band[high:low, left:right], advance)):
                kinds = "x" * count
            elif height <= 0.6 * unit and high - line_top <= 0.25 * unit and low - line_top <= 0.55 * unit \
                    and width <= 1.2 * advance:
                kinds = "*"
            elif height <= 0.8 * unit and _plus_shaped(band[high:low, left:right]):
                kinds = "+"  # a phone's +66
            else:
                return None
            out.append((kinds, (left, top + high, right, top + low)))
    return out or None


def true_runs(flags: Any) -> list[tuple[int, int]]:
    """[start, end) of each run of True."""
    import numpy as np

    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _plus_shaped(ink: Any) -> bool:
    """A "+": a stroke across its middle row and down its middle column, its corners empty."""
    height, width = ink.shape
    if height < 5 or width < 5:
        return False
    row = ink[height // 2 - 1 : height // 2 + 2].any(axis=0)
    column = ink[:, width // 2 - 1 : width // 2 + 2].any(axis=1)
    a, b = max(1, height // 4), max(1, width // 4)
    corners = ink[:a, :b].any() or ink[:a, -b:].any() or ink[-a:, :b].any() or ink[-a:, -b:].any()
    return bool(row.mean() >= 0.8 and column.mean() >= 0.8 and not corners)


def _hashes(ink: Any, advance: float) -> str:
    """A run of ink as "#"s, and "T" for each digit touching them ("##4": a "4"'s bar meets
    theirs), or "" when no "#" is in it. A "#" has two bars right across it, one in each half,
    and two strokes down through its middle; no digit has two bars (a "4" has one). "#"s touch
    one another by their bars, so they are counted by their strokes, not by width."""
    height, width = ink.shape
    if height < 8 or width < 4:
        return ""
    upper = _longest(ink[round(0.15 * height) : height // 2])
    lower = _longest(ink[height // 2 + 1 : round(0.85 * height)])
    left, right = max(upper[0], lower[0]), min(upper[1], lower[1])
    if right - left < 0.6 * advance or ink[height // 2, left:right].all():
        return ""
    strokes = len(true_runs(ink[height // 2, left:right]))
    if strokes < 2 or strokes % 2:
        return ""
    return _digits_beside(left, advance) + "#" * (strokes // 2) + _digits_beside(width - right, advance)


def _digits_beside(width: int, advance: float) -> str:
    return "T" * round(width / advance) if width >= 0.5 * advance else ""


def _longest(rows: Any) -> tuple[int, int]:
    """[start, end) of the longest run of ink on any of ``rows``."""
    best = (0, 0)
    for row in rows:
        for a, b in true_runs(row):
            if b - a > best[1] - best[0]:
                best = (a, b)
    return best


def _x_count(ink: Any, advance: float) -> int:
    """How many x-shaped glyphs a run of ink is, cut by width (0: not all x-shaped)."""
    from PIL import Image

    width = ink.shape[1]
    count = max(1, round(width / (_X_ADVANCE * advance)))
    step = width / count
    cuts = [ink[:, round(k * step) : round((k + 1) * step)] for k in range(count)]
    # as _x_shaped's crops are: ink white on black
    return count if all(_x_shaped(Image.fromarray((c * 255).astype("uint8"))) for c in cuts) else 0


_TALL = 0.85  # a digit's height, in the height of the digits below
_STAR = (0.2, 0.55)  # an asterisk's, clear of the baseline
_XHEIGHT = (0.55, 0.85)  # a lowercase "x"'s, on the baseline
_X_ADVANCE = 0.9  # an "x" is about this part of a digit wide


def _x_shaped(cell: Any) -> bool:
    """A lowercase x: ink in its four corners, and at half height only in its middle (where the
    strokes cross). Thai letters at x-height have a stem at a side there."""
    width, height = cell.size
    if width < 3 or height < 3:
        return False

    def inked(a: float, b: float, c: float, d: float) -> bool:
        return cell.crop((round(a * width), round(b * height), max(round(c * width), round(a * width) + 1),
                          max(round(d * height), round(b * height) + 1))).getbbox() is not None

    corners = all(inked(*box) for box in ((0, 0, 0.35, 0.25), (0.65, 0, 1, 0.25), (0, 0.75, 0.35, 1), (0.65, 0.75, 1, 1)))
    sides = inked(0, 0.4, 0.2, 0.6) or inked(0.8, 0.4, 1, 0.6)
    return corners and not sides and inked(0.3, 0.4, 0.7, 0.6)


def tall_before(image: Any, word: Any, columns: list[tuple[int, int]], lower: Any) -> Any:
    """The tall glyphs of a number's first piece (``columns``: their page columns, side by side),
    the rest of the piece left out, glued before the number's next piece as if on one line: the
    eng model reads the digits of "*********6" / "646" as "6646", and the asterisks only as junk. Each
    glyph stands on the baseline of the piece below (the first pass's box of the upper piece
    may take in a rule under it, so its bottom is not the baseline)."""
    from PIL import Image

    rest = _crop(image, (lower.left, lower.top, lower.right, lower.bottom)).convert("L")
    base = _ink_box(rest)[3] if _ink_box(rest) else rest.height
    parts = []
    # the digits side by side as on the page: spaced apart, the model misreads them ("5" as "9")
    for a, b in [(columns[0][0], columns[-1][1])] if columns else []:
        part = image.crop((a, word.top, b, word.bottom)).convert("L")
        ink = _ink_box(part)
        parts.append(part.crop((0, ink[1], part.width, ink[3])) if ink else part)
    gap = max(2, (lower.bottom - lower.top) // 6)
    width = sum(p.width for p in parts) + gap * len(parts) + rest.width + _PAD_X
    top = max([0] + [p.height - base for p in parts])  # room above, should a glyph stand taller
    out = Image.new("L", (width, rest.height + top), 255)
    x = _PAD_X
    for part in parts:
        out.paste(part, (x, top + base - part.height))
        x += part.width + gap
    out.paste(rest, (x, top))
    return out


def _ink_box(piece: Any) -> tuple[int, int, int, int] | None:
    return piece.point(lambda v: 255 if v < 128 else 0).getbbox()
