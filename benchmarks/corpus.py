"""The labelled benchmark corpus: synthetic Thai local-government documents as real files.

    python benchmarks/corpus.py --out DIR [--seed N] [--docs N] [--forms text,scan,image] [--ocr-docs N]

writes each document in each requested form plus ``labels.jsonl`` (one line per file: doc_id,
doc_type, form, filename, sensitive, labels). Forms:

- ``text``: one file per document in a text-bearing format, rotating through txt, html (UTF-8 and
  TIS-620), docx, text-layer pdf, and for tabular documents xlsx, xls, ods and csv.
- ``scan``: a scanned PDF (page images at 200 dpi, no text layer): needs OCR.
- ``image``: a PNG of the page: needs OCR.

OCR forms are slow to read, so only the first ``ocr_docs`` documents get them, and those are
generated short. ``build_corpus`` yields the same items in memory for the accuracy report.
All numbers are fake; the labels hold them in full because they are the benchmark's truth.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator, Sequence

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synth.content import DOC_TYPES, TABULAR_TYPES, make_document  # noqa: E402
from synth.model import SynthDoc  # noqa: E402

FORMS = ("text", "scan", "image")
OCR_FORMS = ("scan", "image")

# What the corpus is made of. Lists dominate because that is where real leaks are; plans and
# minutes are there for their many numbers that are not identifiers (false alarms).
DOC_TYPE_WEIGHTS = {
    "allowance_list": 30, "tax_roll": 15, "procurement": 15, "letter": 15, "news": 10, "complaint_register": 15,
    "development_plan": 4, "council_minutes": 4,
}
SIZE_WEIGHTS = {"short": 10, "normal": 86, "long": 4}

# (variant name, render format, options, file suffix). Weights favour what Thai sites publish:
# PDFs and HTML pages first, then Office files.
_TEXT_VARIANTS = (
    ("txt", "txt", {}, ".txt", 8),
    ("html", "html", {"encoding": "utf-8"}, ".html", 18),
    ("html-tis620", "html", {"encoding": "tis-620", "declare": "meta"}, ".tis620.html", 8),
    ("html-cp874-header", "html", {"encoding": "windows-874", "declare": "header"}, ".cp874.html", 3),
    ("pdf", "pdf", {}, ".pdf", 25),
    ("docx", "docx", {}, ".docx", 12),
)
_TABULAR_VARIANTS = (
    ("pdf-narrow", "pdf", {"narrow_id_column": True}, ".narrow.pdf", 10),
    ("xlsx", "xlsx", {}, ".xlsx", 12),
    ("xlsx-numeric", "xlsx", {"numeric_ids": True}, ".numeric.xlsx", 4),
    ("xls", "xls", {}, ".xls", 4),
    ("ods", "ods", {}, ".ods", 3),
    ("csv", "csv", {"encoding": "utf-8"}, ".csv", 6),
    ("csv-sig", "csv", {"encoding": "utf-8-sig"}, ".sig.csv", 2),
)


@dataclasses.dataclass(frozen=True, slots=True)
class CorpusFile:
    """One file of the corpus: the document (labels as they apply to this file) and its bytes."""

    doc: SynthDoc
    form: str
    filename: str
    data: bytes
    variant: str


def _render():
    # Imported late: the renderer pulls in reportlab/PIL/openpyxl, not needed to list labels.
    from synth.render import render

    return render


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


# Rendering a docx table costs time quadratic in its rows (python-docx cell lookup): a 900-row
# list takes minutes. Long lists go to the other formats.
_DOCX_MAX_ROWS = 150


def _text_variant(rng: random.Random, doc: SynthDoc) -> tuple[str, str, dict, str]:
    options = list(_TEXT_VARIANTS)
    if doc.doc_type in TABULAR_TYPES:
        options += list(_TABULAR_VARIANTS)
    if sum(len(b.rows) for b in doc.blocks) > _DOCX_MAX_ROWS:
        options = [o for o in options if o[1] != "docx"]
    name, fmt, opts, suffix, _ = rng.choices(options, weights=[o[4] for o in options])[0]
    return name, fmt, dict(opts), suffix


def _one_line_cells(doc: SynthDoc) -> SynthDoc:
    """The document with line breaks inside table cells turned into spaces, labels to match.

    Only a fallback for the raster renderers, which at the time of writing fail on a cell that
    holds a line break; a raster wraps narrow cells by itself anyway.
    """
    blocks = [
        dataclasses.replace(b, rows=[[c.replace("\n", " ") for c in row] for row in b.rows]) if b.kind == "table" else b
        for b in doc.blocks
    ]
    in_cells = {c for b in doc.blocks if b.kind == "table" for row in b.rows for c in row if "\n" in c}
    labels = [
        dataclasses.replace(label, written=label.written.replace("\n", " "))
        if "\n" in label.written and any(label.written in c for c in in_cells) else label
        for label in doc.labels
    ]
    return dataclasses.replace(doc, blocks=blocks, labels=labels)


def _render_raster(render, doc: SynthDoc, fmt: str, **opts) -> tuple[SynthDoc, bytes]:
    try:
        return doc, render(doc, fmt, **opts)
    except RuntimeError:  # raqm fails on a multi-line cell: see _one_line_cells
        flat = _one_line_cells(doc)
        return flat, render(flat, fmt, **opts)


def make_corpus_doc(seed: int, index: int, *, size: str | None = None) -> SynthDoc:
    """Document ``index`` of the corpus with ``seed``: independent of how many are made."""
    rng = random.Random(seed * 1_000_003 + index)
    doc_type = _weighted(rng, DOC_TYPE_WEIGHTS)
    size = size or _weighted(rng, SIZE_WEIGHTS)
    return make_document(rng, doc_type, doc_id=f"s{seed}-d{index:05d}", size=size)


def build_corpus(
    seed: int, n_docs: int, forms: Sequence[str] = ("text",), *, ocr_docs: int | None = None
) -> Iterator[tuple[SynthDoc, str, str, bytes]]:
    """Yield (doc, form, filename, bytes) for ``n_docs`` documents in each of ``forms``.

    The first ``ocr_docs`` documents (default all) are made short and also get the OCR forms
    requested; the rest get only ``text``. The doc yielded carries the labels that apply to that
    file (a spreadsheet typed as numbers loses juristic numbers).
    """
    for item in iter_corpus(seed, n_docs, forms, ocr_docs=ocr_docs):
        yield item.doc, item.form, item.filename, item.data


def iter_corpus(
    seed: int, n_docs: int, forms: Sequence[str] = ("text",), *, ocr_docs: int | None = None
) -> Iterator[CorpusFile]:
    """Like :func:`build_corpus`, with the render variant of each file named."""
    unknown = set(forms) - set(FORMS)
    if unknown:
        raise ValueError(f"unknown forms {sorted(unknown)}; expected some of {FORMS}")
    render = _render()
    ocr_docs = n_docs if ocr_docs is None else min(ocr_docs, n_docs)
    wants_ocr = any(f in OCR_FORMS for f in forms)
    for i in range(n_docs):
        with_ocr = wants_ocr and i < ocr_docs
        doc = make_corpus_doc(seed, i, size="short" if with_ocr else None)
        pick = random.Random(f"{seed}:{i}:format")
        if "text" in forms:
            name, fmt, opts, suffix = _text_variant(pick, doc)
            try:
                data = render(doc, fmt, **opts)
            except Exception as exc:  # noqa: BLE001 - a renderer bug must not stop a benchmark
                # Say so in the variant name, so the report shows it, and keep the document.
                print(f"corpus: {name} render failed for {doc.doc_id} ({type(exc).__name__}); using html",
                      file=sys.stderr)
                name, suffix, doc = f"html (after {name} failed)", ".html", doc
                data = render(doc, "html", encoding="utf-8")
            yield CorpusFile(doc, "text", doc.doc_id + suffix, data, name)
        if with_ocr and "scan" in forms:
            doc, data = _render_raster(render, doc, "scan_pdf", dpi=200, noise=pick.random() < 0.5)
            yield CorpusFile(doc, "scan", doc.doc_id + ".scan.pdf", data, "scan_pdf")
        if with_ocr and "image" in forms:
            doc, data = _render_raster(render, doc, "png", dpi=200, noise=pick.random() < 0.5)
            yield CorpusFile(doc, "image", doc.doc_id + ".png", data, "png")


def label_record(item: CorpusFile) -> dict:
    doc = item.doc
    return {
        "doc_id": doc.doc_id,
        "doc_type": doc.doc_type,
        "form": item.form,
        "filename": item.filename,
        "variant": item.variant,
        "sensitive": doc.sensitive,
        "labels": [dataclasses.asdict(label) for label in doc.labels],
    }


def write_corpus(out: Path, seed: int, n_docs: int, forms: Sequence[str], *, ocr_docs: int | None) -> Counter:
    out.mkdir(parents=True, exist_ok=True)
    stats: Counter = Counter()
    with (out / "labels.jsonl").open("w", encoding="utf-8") as fh:
        for item in iter_corpus(seed, n_docs, forms, ocr_docs=ocr_docs):
            (out / item.filename).write_bytes(item.data)
            fh.write(json.dumps(label_record(item), ensure_ascii=False) + "\n")
            stats[f"files.{item.form}"] += 1
            stats[f"variant.{item.variant}"] += 1
            for label in item.doc.labels:
                stats[f"labels.{item.form}.{label.kind}"] += 1
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--forms", default="text", help="comma-separated: text,scan,image")
    parser.add_argument("--ocr-docs", type=int, default=10, help="how many documents also get the OCR forms")
    args = parser.parse_args(argv)
    forms = tuple(f.strip() for f in args.forms.split(",") if f.strip())
    stats = write_corpus(args.out, args.seed, args.docs, forms, ocr_docs=args.ocr_docs)
    for key in sorted(stats):
        print(f"{key}\t{stats[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["DOC_TYPES", "FORMS", "CorpusFile", "build_corpus", "iter_corpus", "make_corpus_doc", "write_corpus"]
