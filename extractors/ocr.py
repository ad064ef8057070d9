"""OCR with Debian's Tesseract (``tha+eng``): scanned PDF pages and image files.

Tesseract reads Arabic-digit IDs and phones in Thai documents reliably (100 % at 200–300 dpi in
our trials) and Thai digits (๐–๙) not at all; pages from here carry ``ocr=True`` so the
detectors know. It runs as a subprocess (stdin → stdout), so a hung or crashing OCR cannot take
the scanner down with it, and its time limit is enforced by killing it.

Tesseract reads a table line by line across all its columns, so a number that wraps inside a
narrow cell comes out in two pieces with other cells between them. The same run also writes the
word boxes (TSV), and extractors.ocr_layout uses them to put such pieces back together, and
extractors.ocr_labels to put back an ID column's label that wraps in its header cell.

Where the table is ruled, the cells that hold numbers (and laser codes, whose letters the Thai
model misreads) are first read a cell at a time, whole, on a sheet of their own
(extractors.ocr_cells); what they read whole, the repairs below need not mend.

The Thai model makes junk of mask characters ("XXXX" read as "%"), so the words that look like a
mangled number are read a second time, alone and with a digits-and-masks whitelist
(extractors.ocr_reread): one more Tesseract run per page, on a sheet of small crops. If one of
these runs fails, the text as it stood is kept and the caller is told in a warning. A masked
number glued to a Thai word, whose box no crop can be made of, has its masks counted on the page
(extractors.ocr_glued). Last, a rule read as "ไ1" glued to its cell's number is taken off it
(extractors.ocr_rules).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import time

from eagle_eye.errors import ExtractionError
from extractors.base import Extraction, Limits, Page
from extractors.guard import Deadline, pages_phrase, unreadable
from extractors.ocr_cells import WHITELIST as CELL_WHITELIST
from extractors.ocr_cells import LASER_WHITELIST, read_cells, read_laser_cells
from extractors.ocr_glued import count_glued
from extractors.ocr_labels import rejoin_wrapped_labels
from extractors.ocr_layout import locate_words, rejoin_wrapped_numbers, split_output
from extractors.ocr_masks import merge_split_masks, repair_masks, restore_dashes
from extractors.ocr_reread import WHITELIST, reread_numbers
from extractors.ocr_rules import drop_rule_ones

# Tesseract finds text best when letters are ~20–40 px high; tiny images are scaled up.
_MIN_SIDE = 1200
_DEFAULT_IMAGE_DPI = 300


class OcrError(Exception):
    """OCR of one image failed; ``missing`` means no OCR is possible at all on this machine."""

    def __init__(self, message: str, *, missing: bool = False, timeout: bool = False) -> None:
        super().__init__(message)
        self.missing = missing
        self.timeout = timeout


def ocr_image(image, limits: Limits, *, timeout: float, dpi: int | None = None,
              warnings: list[str] | None = None) -> str:  # noqa: ANN001
    """Text of a PIL image, normalised. Raises OcrError. A failed second pass (extractors.
    ocr_reread) keeps the first pass's text and adds a warning to ``warnings``."""
    page = _prepare(image)
    ends = time.monotonic() + max(timeout, 0.1)
    cmd = ["--psm", "4"]
    if dpi:
        cmd += ["--dpi", str(dpi)]
    cmd += ["txt", "tsv"]  # the plain text and the word boxes, from the same recognition
    output = _tesseract(_png(page), limits.ocr_languages, cmd, timeout=max(timeout, 0.1))
    text, tsv = split_output(output)
    if tsv is not None:
        text, tsv = _sheet_passes(page, text, tsv, dpi=dpi or _DEFAULT_IMAGE_DPI, ends=ends, warnings=warnings)
        text, tsv = _repaired(text, tsv)
    return drop_rule_ones(merge_split_masks(restore_dashes(repair_masks(normalize_thai(_rejoined(text, tsv))))))


def _repaired(text: str, tsv: str) -> tuple[str, str]:
    """Misread masks put back before the layout is read, in the text and in the boxes alike, so
    that "385061024%" above "xxx" is a number's first piece to ocr_layout.

    The text is repaired and each box takes its word's repaired characters back from it: Thai
    words stand without spaces between them in the text, so a mask read as "๐" can be a word of
    its own in the boxes, a plain "๐" there but part of "X9X๐XX2" in the text; repaired apart,
    the boxes would no longer match the text and ocr_layout would give up on the whole page.
    repair_masks keeps lengths, so the words stay where they were."""
    repaired = repair_masks(text)
    lines = locate_words(text, tsv)
    rows = tsv.split("\n")
    if lines is None:  # the boxes do not describe the text anyway: repair them word by word
        for i, row in enumerate(rows):
            cols = row.split("\t")
            if len(cols) == 12 and cols[0] == "5":
                cols[11] = repair_masks(cols[11])
                rows[i] = "\t".join(cols)
        return repaired, "\n".join(rows)
    text_lines = repaired.split("\n")
    for line in lines:
        for word in line.words:
            cols = rows[word.row].split("\t")
            cols[11] = cols[11].replace(word.text, text_lines[word.line][word.start : word.end], 1)
            rows[word.row] = "\t".join(cols)
    return repaired, "\n".join(rows)


def _glued_counted(page, text: str, tsv: str, read_sheet, *, dpi: int) -> tuple[str, str]:  # noqa: ANN001, ARG001
    """count_glued without a sheet: the glued numbers' masks counted, their lost first digits
    left to the pass after it (which needs time for Tesseract)."""
    return count_glued(page, text, tsv)


#: The passes after the first, in order: (what they do, their function, Tesseract's page
#: segmentation mode for their sheet, the characters it may read), each one more run on a sheet
#: of crops. A ruled table's cells first: what they read whole, the later passes need not mend.
_SHEET_PASSES = (
    ("table cells were not read one by one", read_cells, "6", CELL_WHITELIST),
    ("laser codes in table cells were not read one by one", read_laser_cells, "6", LASER_WHITELIST),
    ("masked numbers were not read a second time", reread_numbers, "11", WHITELIST),
    # numpy on the page, no sheet: its counts stay when the next one's sheet fails
    ("masked numbers glued to a word were not counted", _glued_counted, "6", CELL_WHITELIST),
    ("first digits of IDs glued to a word were not read", count_glued, "6", CELL_WHITELIST),
)


def _sheet_passes(page, text: str, tsv: str, *, dpi: int, ends: float,  # noqa: ANN001
                  warnings: list[str] | None) -> tuple[str, str]:
    """Each of _SHEET_PASSES over the page's text and boxes; a pass that fails leaves them as they
    were and says so in ``warnings``."""
    for failed, run, psm, whitelist in _SHEET_PASSES:
        def read_sheet(sheet, sheet_dpi: int, psm: str = psm, whitelist: str = whitelist) -> str:  # noqa: ANN001
            left = ends - time.monotonic()
            if left <= 0:
                raise OcrError("no time was left within the OCR time limit", timeout=True)
            cmd = ["--psm", psm, "--dpi", str(sheet_dpi), "-c", f"tessedit_char_whitelist={whitelist}", "tsv"]
            return _tesseract(_png(sheet), "eng", cmd, timeout=left)

        try:
            text, tsv = run(page, text, tsv, read_sheet, dpi=dpi)
        except Exception as exc:  # noqa: BLE001 - the text so far is still good: keep it
            if warnings is not None:
                why = str(exc) if isinstance(exc, OcrError) else f"an internal error ({type(exc).__name__})"
                warnings.append(f"{failed}: {why}; the first reading is kept")
    return text, tsv


def _tesseract(png: bytes, languages: str, args: list[str], *, timeout: float) -> str:
    cmd = ["tesseract", "stdin", "stdout", "-l", languages, *args]
    try:
        done = subprocess.run(cmd, input=png, capture_output=True, timeout=timeout, check=False,
                              env=_tesseract_env())
    except FileNotFoundError:
        raise OcrError("Tesseract OCR is not installed (apt-get install tesseract-ocr tesseract-ocr-tha)",
                       missing=True) from None
    except subprocess.TimeoutExpired:
        raise OcrError(f"OCR took longer than {timeout:.0f} s", timeout=True) from None
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", errors="replace")
        if "Failed loading language" in stderr or "Error opening data file" in stderr:
            raise OcrError(f"Tesseract has no data for language {languages!r} "
                           "(apt-get install tesseract-ocr-tha)", missing=True)
        raise OcrError(f"Tesseract failed (exit code {done.returncode})")
    return done.stdout.decode("utf-8", errors="replace")


def page_text(output: str) -> str:
    """The page's text from Tesseract's ``txt`` + ``tsv`` output, numbers wrapped inside a table
    cell re-joined (extractors.ocr_layout); the plain text alone when the boxes are unusable."""
    return _rejoined(*split_output(output))


def _rejoined(text: str, tsv: str | None) -> str:
    if tsv is None:
        return text
    try:
        text, tsv = rejoin_wrapped_labels(text, tsv)
    except Exception:  # noqa: BLE001 - a layout bug must not lose the page: keep Tesseract's text
        pass
    try:
        return rejoin_wrapped_numbers(text, tsv)
    except Exception:  # noqa: BLE001
        return text


def _tesseract_env() -> dict[str, str]:
    # One OpenMP thread: on a 2-core machine Tesseract's default threads spin against each other
    # (and against the other scan workers) and a page takes ~3× longer.
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _prepare(image):  # noqa: ANN001, ANN202
    """The image as Tesseract gets it: grey on white, small ones scaled up. The second pass crops
    words from this image, in the coordinates of the first pass's boxes."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode not in ("L", "1"):
        image = image.convert("L")
    if max(image.size) < _MIN_SIDE:
        scale = _MIN_SIDE / max(image.size)
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                             Image.Resampling.LANCZOS)
    return image


def _png(image) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def extract_image(data: bytes, *, limits: Limits, deadline: Deadline, media_type: str, **_: object) -> Extraction:
    """An image file: OCR each frame of a multi-page TIFF, the first frame of anything else."""
    from PIL import Image, UnidentifiedImageError

    result = Extraction(media_type)
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise _bomb() from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise unreadable("image", exc) from None
    with image:
        frames = getattr(image, "n_frames", 1) if media_type == "image/tiff" else 1
        if not limits.ocr_enabled:
            result.warnings.append("image not read: OCR is disabled")
            return result
        numbered = frames > 1
        last = min(frames, limits.max_pages, limits.ocr_max_pages)
        for index in range(last):
            deadline.check(f"image frame {index + 1}")
            try:
                image.seek(index)
                if image.width * image.height > limits.max_image_pixels:
                    raise _bomb()
                frame = image.copy()
            except Image.DecompressionBombError:
                raise _bomb() from None
            except (OSError, ValueError, SyntaxError, EOFError) as exc:
                if index == 0:
                    raise unreadable("image", exc) from None
                result.warnings.append(f"image frame {index + 1} could not be decoded")
                continue
            dpi = _image_dpi(image)
            notes: list[str] = []
            try:
                text = ocr_image(frame, limits, timeout=min(limits.ocr_timeout_s, deadline.remaining()), dpi=dpi,
                                 warnings=notes)
            except OcrError as exc:
                if exc.timeout and deadline.expired():
                    deadline.check(f"image frame {index + 1}")
                raise ExtractionError(f"image could not be read: {exc}",
                                      reason="timeout" if exc.timeout else "unreadable") from None
            where = f"image frame {index + 1}" if numbered else "image"
            result.warnings.extend(f"{where}: {note}" for note in notes)
            result.pages.append(Page(index + 1 if numbered else None, text, "ocr", ocr=True))
        if frames > last:
            result.warnings.append(
                f"image {pages_phrase(list(range(last + 1, frames + 1)), 'frame')} not read: over the page limit"
            )
    return result


def _image_dpi(image) -> int:  # noqa: ANN001
    try:
        dpi = int(round(float(image.info.get("dpi", (0, 0))[0])))
    except (TypeError, ValueError, IndexError):
        dpi = 0
    return dpi if 70 <= dpi <= 1200 else _DEFAULT_IMAGE_DPI


def _bomb() -> ExtractionError:
    return ExtractionError("image has too many pixels: refused as a decompression bomb", reason="bomb")


# --- Thai normalisation of OCR output -----------------------------------------------------------
# The rules of pythainlp.util.normalize (5.4), restated here because importing pythainlp writes
# ~/pythainlp-data unless environment variables are set first, and a library must not depend on
# a writable home or change the process environment. tests/extractors checks they agree.

_CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_LEAD = "เแโใไ"
_FOLLOW = "ะาำๅ"
_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d\u0e47"
_BELOW = "\u0e38\u0e39"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_VOWELS = "ฤฦะ\u0e31าำ\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39เแโใไๅ\u0e4d\u0e47"
_DANGLING = f"{_ABOVE}{_BELOW}{_TONES}\u0e3a\u0e4c\u0e4d\u0e4e"
_NOREPEAT = f"{_FOLLOW}{_LEAD}{_ABOVE}{_BELOW}\u0e3a\u0e4c\u0e4d\u0e4e"
_REORDER = [
    (re.compile("\u0e40\u0e40"), "\u0e41"),
    (re.compile(f"([{_TONES}\u0e4c]+)([{_ABOVE}{_BELOW}]+)"), "\\2\\1"),
    (re.compile(f"\u0e4d([{_TONES}]*)\u0e32"), "\\1\u0e33"),  # OCR's ํา → ำ
    (re.compile(f"([{_FOLLOW}]+)([{_TONES}]+)"), "\\2\\1"),
    (re.compile("([^\u0e24\u0e26])\u0e45"), "\\1\u0e32"),
]
_NOREPEAT_RULES = [(re.compile(f"({ch}[ ]*)+{ch}"), ch) for ch in _NOREPEAT]
_TONE_RUN = re.compile(f"[{_TONES}]+")
_NEWLINES = re.compile("[ \n]*\n[ \n]*")
_SPACE_BEFORE_MARK = re.compile(f"([{_CONSONANTS}])(?<![{_VOWELS}][{_CONSONANTS}]) ([{_DANGLING}])")
_DANGLING_START = re.compile(f"^[{_DANGLING}]+")
_DANGLING_AFTER_SPACE = re.compile(f" +[{_DANGLING}]+")


def normalize_thai(text: str) -> str:
    text = text.replace("\u200b", "").replace("\u200c", "")
    while "  " in text:
        text = text.replace("  ", " ")
    text = _NEWLINES.sub("\n", text).strip()
    text = _SPACE_BEFORE_MARK.sub(r"\1\2", text)
    for pattern, repl in _REORDER:
        text = pattern.sub(repl, text)
    for pattern, repl in _NOREPEAT_RULES:
        text = pattern.sub(repl, text)
    text = _TONE_RUN.sub(lambda m: m.group(0)[-1], text)
    text = _DANGLING_START.sub("", text)
    return _DANGLING_AFTER_SPACE.sub(" ", text)
