"""Fuzz every extractor for a bounded time; keep what breaks them as regression inputs.

    python benchmarks/fuzz_extractors.py [--seconds 120] [--seed 1] [--formats html,pdf,docx,xlsx,png]

Seeds are real files of each format rendered by ``synth`` (a Thai allowance list). Each round
mutates one (bit flips, byte runs overwritten, chunks deleted, duplicated or truncated, bytes
spliced from another format) and extracts it in a supervised worker process with a wall-clock
limit, as the scanner and the crawler do. The extractor's contract: it returns pages, or raises
ExtractionError with a reason. Anything else is a finding:

* another exception type escaping ``extract`` (a bug: the scan would stop with a traceback);
* the worker process dying (a crash in C code: contained in production, still worth a test);
* running past the limit (a hang: contained by the watchdog, reported as a timeout).

Each finding's input is written to ``tests/extractors/fuzz_corpus/<format>-<sha1>.bin``;
``tests/extractors/test_fuzz_corpus.py`` replays every file there and fails if any still breaks
the contract, so a fix is kept honest. OCR is off (it would make each round seconds long; the
image decoders still run).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from eagle_eye.errors import ExtractionError  # noqa: E402
from eagle_eye.workers import Failed, Supervised  # noqa: E402
from extractors import Limits, extract  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "extractors" / "fuzz_corpus"
LIMIT_S = 20.0
FORMATS = ("html", "pdf", "docx", "xlsx", "png")


def seeds(formats: tuple[str, ...]) -> dict[str, bytes]:
    from synth.content import make_document
    from synth.render import render

    doc = make_document(random.Random(7), "allowance_list", doc_id="fuzz", size="short")
    return {fmt: render(doc, fmt, **({"dpi": 72} if fmt == "png" else {})) for fmt in formats}


def mutate(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buf:
            break
        op = rng.randrange(6)
        at = rng.randrange(len(buf))
        if op == 0:  # flip bits
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # overwrite a run with an "interesting" byte
            n = rng.randint(1, 64)
            buf[at:at + n] = bytes([rng.choice([0, 0xFF, 0x7F, 0x80, 0x20, 0x0A])]) * n
        elif op == 2:  # delete a chunk
            del buf[at:at + rng.randint(1, 4096)]
        elif op == 3:  # duplicate a chunk (lengths and offsets stop matching)
            n = rng.randint(1, 4096)
            buf[at:at] = buf[at:at + n]
        elif op == 4:  # truncate
            del buf[at:]
        else:  # splice bytes of another format in
            other = rng.choice(others)
            i = rng.randrange(len(other))
            buf[at:at + 256] = other[i:i + 256]
    return bytes(buf)


def _extract(item: tuple[str, bytes]) -> str:
    """Runs in the worker: 'ok', 'error:<reason>', or 'bug:<exception type>'."""
    fmt, data = item
    limits = Limits(ocr_enabled=False, timeout_s=LIMIT_S / 2, max_bytes=16 * 1024 * 1024)
    try:
        extract(data, filename=f"fuzz.{fmt}", limits=limits)
        return "ok"
    except ExtractionError as exc:
        return f"error:{exc.reason}"
    except Exception as exc:  # noqa: BLE001 - the point: anything else escaping is a bug
        return f"bug:{type(exc).__name__}"


def main() -> int:
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every broken font: noise here
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()
    formats = tuple(f for f in args.formats.split(",") if f)
    rng = random.Random(args.seed)
    base = seeds(formats)
    runner = Supervised(_extract, workers=os.cpu_count() or 1, limit_s=LIMIT_S)
    outcomes: Counter[str] = Counter()
    kept = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        batch = []
        for _ in range(args.batch):
            fmt = rng.choice(formats)
            batch.append((fmt, mutate(base[fmt], rng, [v for k, v in base.items() if k != fmt])))
        for (fmt, data), result in zip(batch, runner.map(batch), strict=True):
            verdict = f"worker {result.reason}" if isinstance(result, Failed) else result
            outcomes[f"{fmt} {verdict.split(':')[0] if verdict.startswith(('ok', 'error')) else verdict}"] += 1
            if isinstance(result, Failed) or result.startswith("bug:"):
                CORPUS.mkdir(parents=True, exist_ok=True)
                path = CORPUS / f"{fmt}-{hashlib.sha1(data).hexdigest()[:16]}.bin"
                if not path.exists():
                    path.write_bytes(data)
                    kept += 1
                    print(f"finding: {fmt}: {verdict} -> {path.relative_to(CORPUS.parents[2])}", flush=True)
    total = sum(outcomes.values())
    print(f"\n{total} inputs in {args.seconds:.0f} s ({total / args.seconds:.1f}/s), {kept} new findings kept")
    for key, n in sorted(outcomes.items()):
        print(f"  {key:<28} {n}")
    return 1 if kept else 0


if __name__ == "__main__":
    sys.exit(main())
