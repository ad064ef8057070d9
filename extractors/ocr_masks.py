"""Mask characters and dashes of masked numbers that OCR misread, put back in the page's text.

Debian's Tesseract cannot read Thai digits at all (stack notes), and its Thai model makes junk
of the characters a clerk masks digits with. Two repairs of the text, once the second reading
(extractors.ocr_reread) and the re-joining of wrapped pieces (extractors.ocr_layout) are done:

- ``repair_masks``: a Thai zero, a quote or an underscore among Arabic digits is a misread mask,
  never a real digit, and so is a lone "%" that ends a number written with spaces, and a "%"
  in the masked head or tail of an ID written 1-4-5-2-1 with spaces;
- ``restore_dashes``: an ID written 1-4-5-2-1 with dashes loses a thin dash, between two masks
  ("X-XXXXXXXX1-9" for "X-XXXX-XXXX1-9") or beside a line break where its cell wrapped
  ("6-5217-" / "42370-3" / "27"), and is no longer in any ID layout;
- ``merge_split_masks``: a mask read as a digit or two inside the run of masks of an ID written
  1-4-5-2-1 ("#-###98-#7500-20-7" for "#-####-#7500-20-7": touching "#"s) overfills its group.
"""

from __future__ import annotations

import re

from detectors.base import MASK_CHARS
from detectors.national_id import CANONICAL, is_valid

#: A token of digits and what Tesseract makes of mask characters: it reads "x" as Thai zero,
#: "*" as a quote (straight or curly) or an underscore, and a run of "X" glued to digits as "%".
_MISREAD = '๐"“”_»%'
_MASKISH = re.compile(f"[0-9Xx*×#{_MISREAD}](?:[-.]?[0-9Xx*×#{_MISREAD}]){{3,}}")
_MASK_FIX = str.maketrans({c: "X" for c in _MISREAD})


def repair_masks(text: str) -> str:
    """Put back mask characters OCR misread inside numbers written in Arabic digits. Same length."""

    def fix(m: re.Match[str]) -> str:
        token = m.group()
        if sum("0" <= c <= "9" for c in token) < 3 or not any(c in token for c in _MISREAD):
            return token
        return token.translate(_MASK_FIX)

    text = _LONE_PERCENT.sub(lambda m: m.group(1) + m.group(2)[-1], _MASKISH.sub(fix, text))
    return _SPACED_ID.sub(_spaced_masks, text)


#: The last group of a number written with spaces, a single mask, read as "%" ("216xx xx %" for
#: "216xx xx x"): the "%" stands alone after a group of masks, in a run with a digit in it. A
#: "%" after digits is left alone ("50 % 300" is a size, its "x" read so), and so is one glued to
#: anything (it may be several masks: repair_masks above).
_LONE_PERCENT = re.compile(r"((?<![^\s|(\[])[0-9Xx*×#]*[0-9][0-9Xx*×#]*(?: [0-9Xx*×#]+)* ([Xx*×#]+) )%(?=$|[\s|)\]])",
                           re.MULTILINE)

#: A number written 1-4-5-2-1 with spaces, or spread a position apart as a PDF table shows it
#: ("% % % % 5 2 7 1 7 8 8 5 4"), some of whose masks were read as "%" ("% xxx1 23456
#: 78 9" for "x xxx1 …", "21649 %% %" for "21649 xx x"). Single "%"s and glued ones are both
#: repaired when the groups hold the whole layout and every "%" stands in the masked head
#: or tail (before the first digit or after the last, with only masks between): a "%" between
#: digits, or after a number ("50 % 1234 …", a size), is left alone.
_G = "[0-9Xx*×#%]"
_SPACED_ID = re.compile(f"(?<![^\\s|(\\[])(?<![0-9] )(?:{_G} {_G}{{4}} {_G}{{5}} {_G}{{2}} {_G}|{_G}(?: {_G}){{12}})"
                        f"(?=$|[\\s|)\\]])", re.MULTILINE)
_HEAD_TAIL = re.compile("^[Xx*×#%]*[0-9](?:[0-9Xx*×#]*[0-9])?[Xx*×#%]*$")


def _spaced_masks(m: re.Match[str]) -> str:
    token = m.group()
    if "%" not in token or sum(c.isdigit() for c in token) < 4 or not _HEAD_TAIL.match(token.replace(" ", "")):
        return token
    return token.replace("%", "X")


_POS = "0-9Xx*×#"
#: digits and masks with dashes between them, and the line breaks of a number joined across its
#: cell's lines (extractors.ocr_layout): "XXXXX-XXXX1-0\n25", or the space after a dash where
#: Tesseract put a cell's wrapped first digit on the line of the rest ("1- 901XXXXXX-XX-X")
_DASHED = re.compile(f"(?<![{_POS}A-Za-z-])[{_POS}](?:(?:-[\n ]?|\n-?)?[{_POS}])*(?![{_POS}A-Za-z-])")
_BOUNDS = (1, 5, 10, 12)  # positions a 1-4-5-2-1 ID's dashes follow
_MASK = re.compile(f"[{MASK_CHARS}]")
_DASH_SPECK = re.compile(f"(?<=[{_POS}])(?:-\\.|\\.-)(?=[{_POS}])")


def restore_dashes(text: str) -> str:
    """The dashes OCR lost in IDs written 1-4-5-2-1 put back: a token of 13 digits and masks,
    some masked, with at least two dashes and every one of them where that layout has one, gets
    the layout's other dashes too (a line break stays where it is). Unmasked, its check digit
    must vouch for it as well: the dashes alone would make an ID of any 13-digit number with
    two of them in those places. Anything else, a dash out of place or a single one, is left
    alone: one dash does not make the layout. A speck read as a dot beside a dash between digits
    or masks ("3-.4703-0875") goes first: no number is written so."""

    def fix(m: re.Match[str]) -> str:
        token = m.group()
        positions = [i for i, c in enumerate(token) if c not in "-\n "]
        if len(positions) != 13:
            return token
        if not _MASK.search(token) and not is_valid("".join(token[i] for i in positions)):
            return token
        dashed = {k + 1 for k in range(12) if "-" in token[positions[k] + 1 : positions[k + 1]]}
        if len(dashed) < 2 or not dashed <= set(_BOUNDS) or dashed == set(_BOUNDS):
            return token
        out, at = [], 0
        for k in sorted(set(_BOUNDS) - dashed):
            cut = positions[k - 1] + 1
            out += [token[at:cut], "-"]
            at = cut
        return "".join(out) + token[at:]

    return _DASHED.sub(fix, _DASH_SPECK.sub("-", text))


_LAYOUT = CANONICAL
_FIVE_GROUPS = re.compile(r"(?<![0-9Xx*×#A-Za-z-])[0-9Xx*×#]+(?:-[0-9Xx*×#]+){4}(?![0-9Xx*×#A-Za-z-])")


def merge_split_masks(text: str) -> str:
    """Digits read inside the run of masks of an ID written 1-4-5-2-1 taken out: a token of five
    dashed groups that fits the layout but for one group too long by k, whose excess is a run
    of k or more digits with the same mask on either side of it (across a dash too). A clerk
    masks one run of an ID's digits, so digits between its masks are a misreading of them
    ("#-###98-#7500-20-7", "#-###9#-#7500-20-7" for "#-####-#7500-20-7": touching "#"s read
    as digits); the run becomes masks, as many as the layout has room for (none, if it
    has none). Digits only ever turn into masks or go: none is made up."""

    def fix(m: re.Match[str]) -> str:
        token = m.group()
        groups = token.split("-")
        over = [(i, len(g) - n) for i, (g, n) in enumerate(zip(groups, _LAYOUT)) if len(g) != n]
        if len(over) != 1 or over[0][1] < 1:
            return token
        i, k = over[0]
        flat = "".join(groups)
        start = sum(len(g) for g in groups[:i])
        runs = [(start + r.start(), start + r.end()) for r in re.finditer("[0-9]+", groups[i])]
        runs = [(a, b) for a, b in runs if b - a >= k and 0 < a and b < len(flat)
                and _MASK.match(flat[a - 1]) and flat[a - 1] == flat[b]]
        if len(runs) != 1:
            return token
        a, b = runs[0]
        flat = flat[:a] + flat[a - 1] * (b - a - k) + flat[b:]
        out, at = [], 0
        for n in _LAYOUT:
            out.append(flat[at : at + n])
            at += n
        return "-".join(out)

    return _FIVE_GROUPS.sub(fix, text)
