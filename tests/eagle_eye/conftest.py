"""Run the real ``eagle-eye`` console script on real files generated here."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from synth.content import make_document
from synth.model import Label
from synth.render import render

KEY = "cli-test-key"
FINGERPRINT = re.compile(r"\b[0-9a-f]{64}\b")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def eagle_eye(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> Run:
    """The installed console script, as a user runs it (falls back to ``python -m``)."""
    exe = Path(sys.executable).with_name("eagle-eye")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "eagle_eye.cli"]
    full_env = {**os.environ, "EAGLE_EYE_FINGERPRINT_KEY": KEY, **(env or {})}
    proc = subprocess.run([*cmd, *args], capture_output=True, text=True, env=full_env, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def digits_of(label: Label) -> str:
    return "".join(c for c in label.canonical if c.isdigit())


def assert_no_raw_identifier(output: str, labels: list[Label]) -> None:
    """Nothing printed may hold a planted number: whole, as written, or 6+ digits of it."""
    without_fp = FINGERPRINT.sub("<fp>", output)
    printed_digits = re.sub(r"[^0-9]", " ", without_fp.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
    runs = [r for r in printed_digits.split() if len(r) >= 6]
    for label in labels:
        raw = digits_of(label)
        if label.status != "masked":
            # a masked value may legitimately read like our own display (4 digits visible)
            assert label.canonical not in output
            assert label.written not in output
        for run in runs:
            for i in range(len(raw) - 5):
                assert raw[i : i + 6] not in run, f"6 digits of a planted {label.kind} printed"


@dataclass
class Corpus:
    folder: Path
    labels: list[Label]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    """One folder of real files in every format, with the truth of what is planted in them."""
    folder = tmp_path_factory.mktemp("scan-corpus")
    rng = random.Random(20261121)
    labels: list[Label] = []
    plan = [
        ("allowance_list", "pdf", {"narrow_id_column": True}),
        ("allowance_list", "docx", {}),
        ("tax_roll", "xlsx", {"numeric_ids": True}),
        ("procurement", "html", {"encoding": "tis-620", "declare": "meta"}),
        ("complaint_register", "csv", {}),
        ("letter", "txt", {}),
        ("news", "html", {}),
        ("allowance_list", "ods", {}),
        ("tax_roll", "xls", {}),
    ]
    for n, (doc_type, fmt, options) in enumerate(plan):
        doc = make_document(rng, doc_type, doc_id=f"d{n}")
        ext = "html" if fmt == "html" else fmt
        (folder / f"{n:02d}_{doc_type}.{ext}").write_bytes(render(doc, fmt, **options))
        labels.extend(doc.labels)
    # bad input must not stop the scan
    (folder / "99_broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    return Corpus(folder, labels)


def run_on_terminal(args: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, bytes]:
    """Run the console script with stderr on a pseudo-terminal, as a person at a terminal sees it.
    Returns the finished process (stdout captured) and everything drawn on the terminal."""
    import pty

    master, slave = pty.openpty()
    exe = Path(sys.executable).with_name("eagle-eye")
    proc = subprocess.run([str(exe), *args], stdout=subprocess.PIPE, stderr=slave, env={**os.environ, **env}, timeout=600)
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    return proc, drawn
from tests.alerts.conftest import smtp, sqlite_world, world  # noqa: F401 - shared fixtures
