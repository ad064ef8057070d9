"""HTML → the visible text, plus a second page of the numbers a browser does not show.

Municipal pages leak IDs in commented-out tables, hidden form inputs, ``title``/``alt``/``data-*``
attributes and link query strings (``profile.php?cid=...``) as often as in the visible text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit

from extractors.base import Extraction, Limits, Page
from extractors.guard import Deadline, unreadable
from extractors.textutil import charset_from_content_type, clean_text, decode_text

CELL_SEP = " | "
_BLOCK = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol option p pre section summary table tbody tfoot thead title tr ul".split()
)
_CELLS = frozenset(("td", "th"))
_NOT_TEXT = frozenset(("script", "style", "template"))
_PRE = frozenset(("pre", "textarea", "listing", "plaintext", "xmp"))
_TEXT_ATTRS = frozenset(("value", "title", "alt", "placeholder", "content", "label", "summary",
                         "aria-label", "aria-description", "id", "name", "abbr"))
_URL_ATTRS = frozenset(("href", "src", "action", "formaction", "poster", "cite", "background",
                        "data", "longdesc"))
_JS_TYPES = frozenset(("", "text/javascript", "application/javascript", "module",
                       "text/ecmascript", "application/ecmascript"))
_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"[0-9\u0e50-\u0e59]")
# Hidden items are kept for the numbers in them; "col1" or "h2" is noise, a masked phone
# ("08X-XXX-5678") still has six digits.
_MIN_DIGITS = 4
_JS_STRING = re.compile(r"""(["'`])((?:\\.|(?!\1)[^\\\n]){1,2000})\1""")
_INLINE_TAG = re.compile(r"</?(?:font|span|b|i|u|s|em|strong|small|big|sup|sub|strike|tt|center)\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def declared_charset(data: bytes, content_type: str | None) -> str | None:
    """The HTTP header's charset wins over the page's own meta tag (as in browsers)."""
    header = charset_from_content_type(content_type)
    if header:
        return header
    prefix = data[:4096]
    match = _META_CHARSET.search(prefix) or _XML_ENCODING.search(prefix)
    return match.group(1).decode("ascii") if match else None


def extract_html(data: bytes, *, limits: Limits, deadline: Deadline, content_type: str | None = None,
                 media_type: str = "text/html") -> Extraction:
    text = decode_text(data, declared_charset(data, content_type))
    deadline.check("the HTML page")
    warnings: list[str] = []
    visible, hidden = html_text(text, warnings)
    pages = [Page(None, visible, "html")]
    if hidden:
        pages.append(Page(None, hidden, "html-hidden"))
    return Extraction(media_type, pages, warnings)


def html_text(text: str, warnings: list[str] | None = None) -> tuple[str, str]:
    """(visible text, hidden items one per line) of an HTML document given as a str."""
    root, too_deep = _parse(text)
    if too_deep:
        # Old editors leave thousands of <font> tags unclosed; libxml2 stops at 2048 levels and
        # drops the rest of the page. Without the inline tags the text nests shallowly.
        root, too_deep = _parse(_INLINE_TAG.sub(" ", text))
        if too_deep and warnings is not None:
            warnings.append("HTML is nested too deeply: text past nesting level 2048 was not read")
    if root is None:
        return "", ""
    hidden: list[str] = []
    visible = _walk(root, hidden)
    seen: set[str] = set()
    items = []
    for item in hidden:
        item = _tidy(item)
        if item and item not in seen and len(_DIGIT.findall(item)) >= _MIN_DIGITS:
            seen.add(item)
            items.append(item)
    return visible, "\n".join(items)


def _parse(text: str) -> tuple[object | None, bool]:
    """(root element or None for an empty document, whether libxml2 hit its depth limit)."""
    import lxml.html
    from lxml import etree

    # Re-encode: lxml refuses a str that carries an XML encoding declaration, and a fixed
    # encoding stops it from re-reading the page's (possibly wrong) meta charset.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=True,
                                  no_network=True, huge_tree=True, recover=True)
    raw = text.replace("\x00", "").encode("utf-8", errors="replace")
    try:
        root = lxml.html.document_fromstring(raw, parser=parser)
    except etree.ParserError:
        return None, False  # an empty document
    except (etree.LxmlError, ValueError) as exc:
        raise unreadable("HTML", exc) from None
    return root, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _walk(root, hidden: list[str]) -> str:  # noqa: ANN001 - lxml element
    """Depth-first, without recursion (old sites nest layout tables deeply)."""
    from lxml import etree

    out: list[str] = []
    stack: list[tuple[object, bool, bool]] = [(root, False, False)]
    while stack:
        node, closing, in_pre = stack.pop()
        if closing:
            if node.tag in _BLOCK:
                out.append("\n")
            _tail(node, out, in_pre)
            continue
        if isinstance(node, etree._Comment):
            _comment(node.text or "", hidden)
            _tail(node, out, in_pre)
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not tag:
            _tail(node, out, in_pre)
            continue
        _attributes(node, hidden)
        if tag in _NOT_TEXT:
            if tag == "script" and not node.get("src"):
                _script(node.text or "", node.get("type", ""), hidden)
            _tail(node, out, in_pre)
            continue
        if tag in _CELLS and _has_cell_before(node):
            out.append(CELL_SEP)
        if tag in _BLOCK:
            out.append("\n")
        in_pre = in_pre or tag in _PRE
        if node.text:
            out.append(node.text if in_pre else _WS.sub(" ", node.text))
        stack.append((node, True, in_pre))
        for child in reversed(node):
            stack.append((child, False, in_pre))
    return _lines("".join(out))


def _tail(node, out: list[str], in_pre: bool) -> None:  # noqa: ANN001
    if node.tail:
        out.append(node.tail if in_pre else _WS.sub(" ", node.tail))


def _has_cell_before(node) -> bool:  # noqa: ANN001
    prev = node.getprevious()
    while prev is not None:
        if isinstance(prev.tag, str) and prev.tag.lower() in _CELLS:
            return True
        prev = prev.getprevious()
    return False


def _lines(text: str) -> str:
    lines = (_tidy_line(line) for line in clean_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _tidy_line(line: str) -> str:
    return re.sub(r" {2,}", " ", line).strip()


def _tidy(item: str) -> str:
    return _WS.sub(" ", clean_text(item)).strip()


def _attributes(node, hidden: list[str]) -> None:  # noqa: ANN001
    for name, value in node.attrib.items():
        name = name.lower()
        if not value:
            continue
        if name in _TEXT_ATTRS or name.startswith(("data-", "on")):
            hidden.append(value)
        elif name in _URL_ATTRS:
            hidden.extend(_url_parts(value))


def _url_parts(url: str) -> list[str]:
    url = url.strip()
    if url.lower().startswith("javascript:"):
        return [unquote_plus(url)]
    if url.lower().startswith("data:"):
        return []
    try:
        parts = urlsplit(url)
    except ValueError:
        return [unquote_plus(url)]
    return [unquote_plus(p) for p in (parts.query, parts.fragment) if p]


def _comment(text: str, hidden: list[str]) -> None:
    """A commented-out table is still a table: parse markup inside comments as HTML."""
    if "<" in text and ">" in text:
        inner_hidden: list[str] = []
        root, _ = _parse(text)
        if root is not None:
            hidden.extend(_walk(root, inner_hidden).split("\n"))
            hidden.extend(inner_hidden)
            return
    hidden.extend(text.splitlines())


def _script(code: str, script_type: str, hidden: list[str]) -> None:
    """JSON and templates are data: keep them whole. For JavaScript keep only string literals:
    IDs in embedded data are quoted, while bare 13-digit numbers are mostly timestamps."""
    if script_type.split(";")[0].strip().lower() in _JS_TYPES:
        hidden.extend(m.group(2) for m in _JS_STRING.finditer(code))
    else:
        hidden.extend(code.splitlines())
