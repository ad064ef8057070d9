"""The extractors' contract under hostile bytes: pages, or ExtractionError with a reason; never
another exception, a crash or a hang. Replays what the fuzzer kept, and a seeded batch of fresh
mutations of every format (the same mutations as benchmarks/fuzz_extractors.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.fuzz_extractors import _extract, mutate, seeds
from eagle_eye.workers import Failed, Supervised

CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
KEPT = sorted(CORPUS.glob("*.bin"))
FORMATS = ("html", "pdf", "docx", "xlsx", "png")
PER_FORMAT = 40


def _broken(results) -> list[str]:  # noqa: ANN001
    return [f"worker {r.reason}" if isinstance(r, Failed) else r for r in results
            if isinstance(r, Failed) or r.startswith("bug:")]


@pytest.mark.skipif(not KEPT, reason="the fuzzer has kept no breaking input (see fuzz_corpus/README.md)")
@pytest.mark.parametrize("path", KEPT, ids=[p.name for p in KEPT])
def test_when_a_kept_fuzz_input_is_replayed_then_the_contract_holds(path):
    fmt = path.name.split("-", 1)[0]
    assert _broken(Supervised(_extract, workers=1, limit_s=20).map([(fmt, path.read_bytes())])) == []


def test_when_every_format_is_mutated_then_pages_or_a_clean_error_never_a_crash():
    rng = random.Random(2026)
    base = seeds(FORMATS)
    batch = [(fmt, mutate(base[fmt], rng, [v for k, v in base.items() if k != fmt]))
             for fmt in FORMATS for _ in range(PER_FORMAT)]
    results = list(Supervised(_extract, workers=2, limit_s=20).map(batch))
    assert _broken(results) == []
    # the mutations reach the parsers: some inputs still read, some are refused
    assert {r.split(":")[0] for r in results} == {"ok", "error"}
