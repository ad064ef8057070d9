"""Fixtures for the extractor tests: one Thai allowance list with known, fake identifiers.

Every test builds its input files from this document with synth.render, so no binary fixture is
committed and each format is checked against the same planted values.
"""

from __future__ import annotations

import pytest
from extract_fixtures import PLANTED, Planted, allowance_doc

from synth.model import SynthDoc


@pytest.fixture
def planted() -> Planted:
    return PLANTED


@pytest.fixture
def doc() -> SynthDoc:
    return allowance_doc()
