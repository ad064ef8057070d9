"""The X4 rule as a setting."""

import pytest

from detectors import MaskingRule
from tests.detectors.conftest import detect


@pytest.mark.parametrize(
    ("rule", "written", "status"),
    [
        # default X4: 4 hidden is enough
        (MaskingRule(), "XXXX700230121", "masked"),
        # default X4: 3 hidden is not
        (MaskingRule(), "XXX1700230121", "under_masked"),
        # PDPC's stricter example: only 4 visible; 4 hidden leaves 9 visible
        (MaskingRule(min_hidden=4, max_visible=4), "XXXX700230121", "under_masked"),
        # PDPC's stricter example satisfied
        (MaskingRule(min_hidden=4, max_visible=4), "XXXXXXXXX0121", "masked"),
        # a laxer rule someone might configure
        (MaskingRule(min_hidden=2), "11017002301XX", "masked"),
        # nothing hidden is unmasked under any rule
        (MaskingRule(min_hidden=1), "1101700230121", "unmasked"),
    ],
)
def test_when_rule_changes_then_status_follows(rule, written, status):
    [d] = detect(f"เลขประจำตัวประชาชน {written}", kind="national_id", rule=rule)
    assert d.status.value == status
