"""Fixtures for the extractor tests: one Thai allowance list with known, fake identifiers.

Every test builds its input files from this document with synth.render, so no binary fixture is
committed and each format is checked against the same planted values.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # the project root is not on sys.path unless pytest is told so
    sys.path.insert(0, str(_ROOT))

from extract_fixtures import PLANTED, Planted, allowance_doc  # noqa: E402
from synth.model import SynthDoc  # noqa: E402


@pytest.fixture
def planted() -> Planted:
    return PLANTED


@pytest.fixture
def doc() -> SynthDoc:
    return allowance_doc()
