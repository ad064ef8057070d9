"""Blocks -> HTML (Jinja2, ``alerts/templates/documents/document.html.j2``) -> PDF (WeasyPrint)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from alerts.documents.blocks import BOX, TICK, Block

#: PDF (WeasyPrint, fontconfig): Laksaman is the Debian tlwg font drawn after TH SarabunPSK, the
#: government's standard font. "TH Sarabun*" must NOT be in the list: Debian's fontconfig rule
#: (89-tlwg-laksaman-synthetic.conf) then shrinks Laksaman by a 0.66 matrix and WeasyPrint draws
#: squeezed, overlapping Thai (seen in the page renders).
CSS_FONTS = '"Laksaman", "Garuda", "Norasi", "DejaVu Sans", sans-serif'
# the template stays in alerts/templates/, which pyproject ships as package data of ``alerts``
_TEMPLATES = Path(__file__).parent.parent / "templates" / "documents"


@cache
def _jinja():
    env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["nl2br"] = lambda text: Markup("<br>").join(escape(line) for line in str(text).split("\n"))
    return env


def to_html(blocks: Sequence[Block], *, title: str) -> str:
    return _jinja().get_template("document.html.j2").render(
        blocks=blocks, title=title, fonts=_css_fonts(), tick=TICK, box=BOX)


def _css_fonts():
    """The font list, trusted: a constant of this module, not escaped (an escaped ``&#34;`` inside
    ``<style>`` would break the CSS and fall back to an arbitrary font)."""
    return Markup(CSS_FONTS)


def to_pdf(html: str) -> bytes:
    return _weasyprint().HTML(string=html, base_url=str(_TEMPLATES)).write_pdf()


@cache
def _weasyprint():  # noqa: ANN202
    """WeasyPrint, imported without its side effect: it sets Pillow's LOAD_TRUNCATED_IMAGES for the
    whole process, after which a truncated image would be OCR'd as if whole instead of reported
    unreadable. Our documents embed no images, so Pillow's own (strict) default is put back."""
    from PIL import ImageFile

    strict = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint

    ImageFile.LOAD_TRUNCATED_IMAGES = strict
    return weasyprint
