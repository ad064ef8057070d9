"""Detection engine: pure functions from text to leak-free detections.

>>> from detectors import scan_text
>>> result = scan_text("...", key=b"secret")
"""

from detectors.base import Detection, DocumentFacts, DocumentScan, Kind, MaskingRule, Status
from detectors.engine import Engine, redact, scan_document, scan_text

__all__ = [
    "Detection",
    "DocumentFacts",
    "DocumentScan",
    "Engine",
    "Kind",
    "MaskingRule",
    "Status",
    "redact",
    "scan_document",
    "scan_text",
]
