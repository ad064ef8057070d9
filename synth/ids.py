"""Fake Thai identifiers, and every way they are written in the wild.

Pure functions: the caller passes the ``random.Random`` so a corpus is reproducible from a seed.
Values are canonical ASCII (national ID 13 digits, phone national digits with the leading 0,
laser code 2 letters + 10 digits); the ``layout_*`` functions turn a value into written text and
:func:`mask_written` hides digits of already-written text, as a careless clerk would.
:func:`canonical` goes the other way, so labels and detections can be compared.
"""

from __future__ import annotations

import random
import re

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ASCII = str.maketrans(THAI_DIGITS, "0123456789")

#: Characters seen in the wild standing in for a hidden digit (same set as detectors.base).
MASK_CHARS = "Xx*×#"

# Province codes used in digits 2-3 of real person IDs (registration office). Realism only:
# nothing checks them, but a benchmark of plausible numbers catches engines that overfit.
_PROVINCE_CODES = (
    10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31, 32, 33, 34,
    35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57,
    58, 60, 61, 62, 63, 64, 65, 66, 67, 70, 71, 72, 73, 74, 75, 76, 77, 80, 81, 82, 83, 84, 85,
    86, 90, 91, 92, 93, 94, 95, 96,
)

# Real provincial landline area codes (the digits after the leading 0); Bangkok's 2 is separate
# because its numbers have 7 digits after the code, the provinces' 6.
PROVINCIAL_AREA_CODES = (
    "32", "34", "35", "36", "37", "38", "39", "42", "43", "44", "45",
    "53", "54", "55", "56", "73", "74", "75", "76", "77",
)

# Juristic-person type digit (4th digit): 0-<office>-<type>-<year>-... as the DBD issues them.
_JURISTIC_TYPES = {"partnership": "2", "limited_partnership": "3", "company": "5", "public_company": "7"}


# --------------------------------------------------------------------------- values


def national_id_check_digit(first12: str) -> str:
    """d13 = (11 - sum(d_i * (14 - i), i = 1..12) mod 11) mod 10."""
    digits = first12.translate(_TO_ASCII)
    if len(digits) != 12 or not digits.isdigit():
        raise ValueError("need exactly 12 digits")
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits))
    return str((11 - total % 11) % 10)


def _with_check(first12: str) -> str:
    return first12 + national_id_check_digit(first12)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def national_id(rng: random.Random, *, first_digit: int | None = None) -> str:
    """A checksum-valid person ID: first digit 1-8, then a real province code."""
    d1 = first_digit if first_digit is not None else rng.choice((1, 1, 1, 3, 3, 3, 2, 4, 5, 6, 7, 8))
    if not 1 <= d1 <= 8:
        raise ValueError("a person's ID starts with 1-8")
    first12 = f"{d1}{rng.choice(_PROVINCE_CODES):02d}{rng.randint(1, 20):02d}{_digits(rng, 7)}"
    return _with_check(first12)


def juristic_id(rng: random.Random, *, entity: str | None = None) -> str:
    """A checksum-valid juristic-person number: 0 + office + type + BE year + sequence.

    ``entity`` is company, limited_partnership, partnership, public_company, or agency
    (a government agency's tax number, 0994000xxxxxx).
    """
    entity = entity or rng.choice(("company", "company", "limited_partnership", "partnership"))
    if entity == "agency":
        return _with_check("0994000" + _digits(rng, 5))
    office = rng.choice(("10", "10", "10") + tuple(f"{c:02d}" for c in _PROVINCE_CODES if c >= 20))
    year = f"{rng.randint(30, 67):02d}"
    return _with_check(f"0{office}{_JURISTIC_TYPES[entity]}{year}{_digits(rng, 6)}")


def invalid_national_id(rng: random.Random) -> str:
    """13 digits shaped like a person ID (first digit 1-8) with a WRONG check digit."""
    good = national_id(rng)
    wrong = rng.choice([d for d in "0123456789" if d != good[-1]])
    return good[:-1] + wrong


def reserved_national_id(rng: random.Random) -> str:
    """Checksum-valid but starting with 9: not a valid person ID."""
    return _with_check("9" + _digits(rng, 11))


def mobile(rng: random.Random) -> str:
    """10 digits with a real mobile prefix (06x, 08x, 09x)."""
    prefix = rng.choice(("06", "08", "08", "09", "09"))
    second = rng.choice("123456") if prefix == "06" else rng.choice("0123456789")
    return prefix + second + _digits(rng, 7)


def landline(rng: random.Random, *, area: str | None = None) -> str:
    """9 digits: 02 + 7 digits (Bangkok) or 0 + a real provincial area code + 6 digits."""
    area = area if area is not None else rng.choice(("2",) * 3 + PROVINCIAL_AREA_CODES)
    rest = 7 if area == "2" else 6
    return "0" + area + rng.choice("2345679") + _digits(rng, rest - 1)


def laser_code(rng: random.Random) -> str:
    """2 uppercase letters + 10 digits, e.g. ME0123456789 (never X, which reads as a mask)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWYZ"
    return rng.choice(letters) + rng.choice(letters) + _digits(rng, 10)


def is_mobile(value: str) -> bool:
    return len(value) == 10 and value[:2] in ("06", "08", "09")


# --------------------------------------------------------------------------- layouts

NATIONAL_ID_LAYOUTS = (
    "contiguous", "dashed", "spaced", "dotted", "thai_digits", "mixed_digits", "spread", "wrapped",
    "glued_thai",
)
PHONE_LAYOUTS = ("contiguous", "dashed", "spaced", "plus66", "66", "thai_digits", "range")
LASER_LAYOUTS = ("dashed", "contiguous", "spaced")

_NID_GROUPS = (1, 4, 5, 2, 1)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def to_ascii_digits(text: str) -> str:
    return text.translate(_TO_ASCII)


def _group(value: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(value[i : i + size])
        i += size
    return sep.join(out)


def _mixed_digits(text: str, rng: random.Random) -> str:
    # At least one of each script, so "mixed" is never accidentally pure.
    positions = [i for i, c in enumerate(text) if c.isdigit()]
    thai = set(rng.sample(positions, rng.randint(1, len(positions) - 1)))
    return "".join(to_thai_digits(c) if i in thai else c for i, c in enumerate(text))


def layout_national_id(value: str, layout: str, rng: random.Random) -> str:
    """Write a 13-digit value in ``layout`` (see NATIONAL_ID_LAYOUTS)."""
    if len(value) != 13 or not value.isdigit():
        raise ValueError("need 13 ASCII digits")
    if layout == "contiguous":
        return value
    if layout == "dashed":
        return _group(value, _NID_GROUPS, "-")
    if layout == "spaced":
        return _group(value, _NID_GROUPS, " ")
    if layout == "dotted":
        return _group(value, _NID_GROUPS, ".")
    if layout == "thai_digits":
        base = rng.choice(("contiguous", "contiguous", "dashed", "spaced"))
        return to_thai_digits(layout_national_id(value, base, rng))
    if layout == "mixed_digits":
        base = rng.choice(("contiguous", "dashed"))
        return _mixed_digits(layout_national_id(value, base, rng), rng)
    if layout == "spread":
        return " ".join(value)
    if layout == "wrapped":
        if rng.random() < 0.5:
            # Between groups, as a narrow table cell breaks after a dash or a space.
            groups = _group(value, _NID_GROUPS, " ").split(" ")
            cut = rng.randint(1, len(groups) - 1)
            sep = rng.choice(("-", " "))
            head = sep.join(groups[:cut]) + ("-" if sep == "-" else "")
            return head + "\n" + sep.join(groups[cut:])
        cut = rng.randint(4, 10)
        return value[:cut] + "\n" + value[cut:]
    if layout == "glued_thai":
        return rng.choice((value, value, _group(value, _NID_GROUPS, "-")))
    raise ValueError(f"unknown national ID layout {layout!r}")


def _phone_groups(value: str, rng: random.Random) -> list[str]:
    """Common national groupings: 081-234-5678 / 08-1234-5678, 02-123-4567 / 0-2123-4567,
    044-243129 / 044-243-129 / 0-4424-3129."""
    if is_mobile(value):
        return rng.choice(([value[:3], value[3:6], value[6:]], [value[:2], value[2:6], value[6:]]))
    if value[1] == "2":
        return rng.choice(([value[:2], value[2:5], value[5:]], [value[:1], value[1:5], value[5:]]))
    return rng.choice(
        ([value[:3], value[3:]], [value[:3], value[3:6], value[6:]], [value[:1], value[1:5], value[5:]])
    )


def _intl_groups(national: str) -> list[str]:
    # +66 81 234 5678, +66 2 123 4567, +66 44 243 129
    if is_mobile(national):
        return [national[:2], national[2:5], national[5:]]
    if national[0] == "2":
        return [national[:1], national[1:4], national[4:]]
    return [national[:2], national[2:5], national[5:]]


def _range_suffix(value: str, rng: random.Random) -> str:
    """The last k digits of a later number on the same switchboard (044-243-129-30)."""
    k = rng.choice((1, 2, 2, 2))
    while k <= 4:
        last = int(value[-k:])
        if last + 1 < 10**k:
            return str(last + rng.randint(1, min(9, 10**k - 1 - last))).zfill(k)
        k += 1
    raise ValueError("no range fits")


def layout_phone(value: str, layout: str, rng: random.Random) -> str:
    """Write a phone number (national digits with leading 0) in ``layout``.

    ``range`` is a landline switchboard range; asked of a mobile it raises ValueError
    (see :func:`phone_layouts_for`).
    """
    if not (value.isdigit() and value.startswith("0") and len(value) in (9, 10)):
        raise ValueError("need a 9- or 10-digit national number with leading 0")
    if layout == "contiguous":
        return value
    if layout == "dashed":
        return "-".join(_phone_groups(value, rng))
    if layout == "spaced":
        return " ".join(_phone_groups(value, rng))
    if layout == "plus66":
        national = value[1:]
        style = rng.choice(("spaced", "dashed", "plain"))
        if style == "plain":
            return "+66" + national
        sep = " " if style == "spaced" else "-"
        return "+66" + sep + sep.join(_intl_groups(national))
    if layout == "66":
        return "66" + value[1:]
    if layout == "thai_digits":
        base = rng.choice(("contiguous", "dashed", "dashed", "spaced"))
        return to_thai_digits(layout_phone(value, base, rng))
    if layout == "range":
        if is_mobile(value):
            raise ValueError("a range is written for landlines only")
        return "-".join(_phone_groups(value, rng)) + "-" + _range_suffix(value, rng)
    raise ValueError(f"unknown phone layout {layout!r}")


def phone_layouts_for(value: str) -> tuple[str, ...]:
    return tuple(x for x in PHONE_LAYOUTS if not (x == "range" and is_mobile(value)))


def layout_laser(value: str, layout: str, rng: random.Random) -> str:  # noqa: ARG001 - uniform API
    """ME0-1234567-89, ME0123456789 or ME0 1234567 89."""
    if not re.fullmatch(r"[A-Z]{2}\d{10}", value):
        raise ValueError("need 2 uppercase letters + 10 digits")
    if layout == "contiguous":
        return value
    if layout in ("dashed", "spaced"):
        sep = "-" if layout == "dashed" else " "
        return value[:3] + sep + value[3:10] + sep + value[10:]
    raise ValueError(f"unknown laser layout {layout!r}")


# --------------------------------------------------------------------------- masking


def _is_digit(c: str) -> bool:
    return "0" <= c <= "9" or c in THAI_DIGITS


def mask_written(written: str, *, hidden: int, where: str, char: str = "X") -> str:
    """Replace ``hidden`` digits (ASCII or Thai) of written text with ``char``.

    ``where`` is front, back or middle. Separators, letters and line breaks stay as they are,
    so a masked value keeps its layout, as it does when a clerk overtypes digits.
    """
    positions = [i for i, c in enumerate(written) if _is_digit(c)]
    if not 0 <= hidden <= len(positions):
        raise ValueError("cannot hide more digits than there are")
    if where == "front":
        chosen = positions[:hidden]
    elif where == "back":
        chosen = positions[len(positions) - hidden :]
    elif where == "middle":
        start = (len(positions) - hidden) // 2
        chosen = positions[start : start + hidden]
    else:
        raise ValueError(f"unknown where {where!r}")
    out = list(written)
    for i in chosen:
        out[i] = char
    return "".join(out)


def x4_status(hidden: int, *, min_hidden: int = 4) -> str:
    """The X4 rule as the labels use it: 0 hidden unmasked, 1-3 under_masked, 4+ masked."""
    if hidden == 0:
        return "unmasked"
    return "masked" if hidden >= min_hidden else "under_masked"


# --------------------------------------------------------------------------- canonical form

_MASK_TABLE = {ord(c): "X" for c in MASK_CHARS}


def canonical(kind: str, written: str) -> str:
    """The canonical value of written text: what a Label's ``canonical`` holds.

    Thai digits become ASCII, mask characters X, separators go; phones lose +66/66 for 0 and
    a switchboard range suffix. Works on labels' written forms and on detected spans alike.
    """
    text = to_ascii_digits(written)
    if kind == "laser_code":
        text = text.strip()
        letters, rest = text[:2].upper(), text[2:]
        body = "".join("X" if c in MASK_CHARS else c for c in rest if c.isdigit() or c in MASK_CHARS)
        return letters + body
    body = "".join(c for c in text.translate(_MASK_TABLE) if c.isdigit() or c == "X")
    if kind == "national_id":
        return body
    if kind == "phone":
        stripped = text.lstrip()
        if stripped.startswith("+66") or (stripped.startswith("66") and len(body) in (10, 11)):
            body = "0" + body[2:]
        elif len(body) in (8, 9) and body[0] in "23456789":
            body = "0" + body  # typed into a spreadsheet as a number, the leading 0 was lost
        # A switchboard range (044-243-129-30) adds digits after a whole number: drop them.
        if len(body) > 9 and body[0] == "0" and body[1] not in "689":
            return body[:9]
        return body[:10]
    raise ValueError(f"unknown kind {kind!r}")
