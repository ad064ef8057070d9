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
    """Office XML never declares entities; a part that does is an entity-expansion attack."""
    try:
        with zf.open(info) as f:
            head = f.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise unreadable(kind, exc) from None
    doctype = _DOCTYPE.search(head)
    if doctype and _ENTITY.search(head, doctype.start()):
        raise ExtractionError(f"{kind} file declares XML entities: refused as an entity bomb", reason="bomb")


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
