"""Opening zip-based office files (DOCX, XLSX, ODS) without being bombed.

Checked before any library sees the file: the declared uncompressed sizes (Python's zipfile never
inflates an entry past its declared size, so the sum is a real bound), the compression ratio of
large entries, the number of entries, and entity declarations in the XML (billion laughs).
"""

from __future__ import annotations

import io
import re
import zipfile

from eagle_eye.errors import ExtractionError
from extractors.base import Limits
from extractors.guard import human_bytes, unreadable

MAX_ENTRIES = 20_000
# Office XML compresses 10–100×; deflate tops out near 1032×, which only runs of one byte reach.
MAX_RATIO = 200
RATIO_MIN_SIZE = 1 << 20
_PROLOG_BYTES = 65536
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def open_zip(data: bytes, limits: Limits, kind: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise unreadable(kind, exc) from None
    if len(infos) > MAX_ENTRIES:
        raise ExtractionError(f"{kind} file has {len(infos)} zip entries: refused as a zip bomb", reason="bomb")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ExtractionError(f"{kind} file is encrypted", reason="encrypted")
        total += info.file_size
        if total > limits.max_unzipped_bytes:
            raise ExtractionError(
                f"{kind} file would unpack to more than {human_bytes(limits.max_unzipped_bytes)}: refused as a zip bomb",
                reason="bomb",
            )
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExtractionError(
                f"{kind} file has an entry compressed more than {MAX_RATIO}:1: refused as a zip bomb",
                reason="bomb",
            )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            _check_prolog(zf, info, kind)
    return zf


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str) -> None:
    """Office XML never declares entities; a part that does is an entity-expansion attack.

    The declarations may sit behind any amount of comment or white space. A part whose prolog
    ends in its first 64 KiB without a DOCTYPE (every part Office writes) is safe; any other is
    read by the XML parser itself up to its first element, where the prolog ends: entities are
    declared there and used only after it, so none has been expanded yet."""
    try:
        with zf.open(info) as f:
            head = f.read(_PROLOG_BYTES)
            doctype = _DOCTYPE.search(head)
            if doctype and _ENTITY.search(head, doctype.start()):
                raise _entity_bomb(kind)
            if _prolog_end(head) == "element":
                return
            f.seek(0)
            if _declares_entities(f):
                raise _entity_bomb(kind)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise unreadable(kind, exc) from None


def _prolog_end(head: bytes) -> str:
    """How the prolog at the start of ``head`` ends: at the first "element", at a "doctype", or
    "unknown" (longer than ``head``, or not UTF-8 XML). XML's grammar: a declaration, then white
    space, comments and processing instructions, each ended by the first "-->" or "?>"."""
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while pos < len(head) and head[pos] in b" \t\r\n":
            pos += 1
        for opening, closing in ((b"<?", b"?>"), (b"<!--", b"-->")):
            if head.startswith(opening, pos):
                end = head.find(closing, pos + len(opening))
                if end < 0:
                    return "unknown"
                pos = end + len(closing)
                break
        else:
            if head.startswith(b"<!", pos):
                return "doctype"
            follows = head[pos + 1 : pos + 2]
            starts_element = head.startswith(b"<", pos) and follows and (follows.isalpha() or follows in b"_:")
            return "element" if starts_element else "unknown"


def _declares_entities(part) -> bool:  # noqa: ANN001 - a binary file object
    from lxml import etree

    events = etree.iterparse(part, events=("start",), resolve_entities=False, load_dtd=False, no_network=True,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        for _, element in events:
            dtd = element.getroottree().docinfo.internalDTD
            return dtd is not None and any(True for _ in dtd.iterentities())
    except etree.XMLSyntaxError as exc:
        # libxml2 2.12+ measures entity amplification while it reads the declarations, even
        # when told not to expand them, and stops there: the bomb is declared
        return any(sign in str(exc) for sign in _BOMB_SIGNS)
    except (etree.LxmlError, ValueError, LookupError):
        pass  # malformed: whoever parses the part says so, if anyone does
    return False


_BOMB_SIGNS = ("entity amplification", "entity reference loop")


def _entity_bomb(kind: str) -> ExtractionError:
    return ExtractionError(f"{kind} file declares XML entities: refused as an entity bomb", reason="bomb")


def read_member(zf: zipfile.ZipFile, name: str, kind: str) -> bytes | None:
    """An entry's bytes, or None if there is no such entry."""
    try:
        return zf.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise unreadable(kind, exc) from None


def parse_xml(blob: bytes, kind: str):  # noqa: ANN201 - lxml element
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, recover=False, remove_comments=True)
    try:
        return etree.fromstring(blob, parser=parser)
    except (etree.LxmlError, ValueError) as exc:
        raise unreadable(kind, exc) from None
