"""The weekly figures of the world in conftest.py, worked out by hand from its story.

Report week W45 = Mon 2 Nov 00:00 – Mon 9 Nov 00:00 (Bangkok). Its trend runs W38..W45; W38–W42
hold no incident. "End" = Mon 9 Nov 00:00; the 72-hour line is Fri 6 Nov 00:00.
"""

import pytest

from reports.weekly import Figures, build_weekly
from tests.alerts.conftest import make_settings
from tests.reports.conftest import KRT, NOW, PLK, WEEK, open_world, seed

NATIONAL = {
    # all six are registered before the end of W45 (k3 on 28 Oct)
    "monitored": 6,
    # p3 (2 Nov), p2 (3 Nov), k1 (4 and 5 Nov), p1 (6 Nov), k3 (7 Nov); k2 only had a re-check, an
    # interrupted run, and a full run that started on Sunday 1 Nov 23:00, in W44
    "crawled": 5,
    # p3 (2 Nov), k1 (4 Nov), k3 (7 Nov); p1's reopening is not new; p2's second opens at the end
    "new_incidents": 3,
    # p2 (3 Nov), k1 (5 Nov); p1's remediation was on 28 Oct
    "remediated": 2,
    # p1 (reopened 6 Nov), p3 (open), k2's second (acknowledged), k3 (open)
    "still_open": 4,
    # p3 (since Mon 10:00, 134 h) and k2 (since 29 Oct); p1's round restarted Fri 6 Nov 10:00 (62 h),
    # k3 since Sat 20:00 (28 h)
    "overdue": 2,
    # p2: Mon 26 Oct 09:00 -> Tue 3 Nov 09:00 = 192 h; k1: Wed 10:00 -> Thu 16:00 = 30 h; median 111 h
    "median_hours_to_remediate": 111.0,
    # p3 4 + k1 2 + k3 7
    "people_exposed": 13,
    # k2: two incidents opened in W38..W45; p1: reopened in W45
    "repeat_offenders": 2,
    # organisations with an active incident at each week's end, W38..W45:
    # W43 end (26 Oct): p1 (k2's first was remediated 23 Oct); W44 end (2 Nov): p2, k2 (p1 remediated
    # 28 Oct, and is reopened only on 6 Nov though its row says "reopened" now); W45 end: p1 p3 k2 k3
    "active_orgs": (0, 0, 0, 0, 0, 1, 2, 4),
    # k3 is registered on 28 Oct, inside W44
    "monitored_by_week": (5, 5, 5, 5, 5, 5, 6, 6),
}

PROVINCES = {
    PLK: {
        "monitored": 3,  # p1 p2 p3
        "crawled": 3,  # p1 p2 p3, all crawled in W45
        "new_incidents": 1,  # p3
        "remediated": 1,  # p2
        "still_open": 2,  # p1 (reopened), p3
        "overdue": 1,  # p3; p1's round is 62 h old
        "median_hours_to_remediate": 192.0,  # p2 alone
        "people_exposed": 4,  # p3
        "repeat_offenders": 1,  # p1, reopened in W45
        "active_orgs": (0, 0, 0, 0, 0, 1, 1, 2),  # W43 p1; W44 p2; W45 p1 p3
        "monitored_by_week": (3,) * 8,
    },
    KRT: {
        "monitored": 3,  # k1 k2 k3
        "crawled": 2,  # k1 k3; not k2
        "new_incidents": 2,  # k1, k3
        "remediated": 1,  # k1
        "still_open": 2,  # k2, k3
        "overdue": 1,  # k2
        "median_hours_to_remediate": 30.0,  # k1 alone
        "people_exposed": 9,  # k1 2 + k3 7
        "repeat_offenders": 1,  # k2, two incidents in 8 weeks
        "active_orgs": (0, 0, 0, 0, 0, 0, 1, 2),  # W43 none (k2's first fixed 23 Oct); W44 k2; W45 k2 k3
        "monitored_by_week": (2, 2, 2, 2, 2, 2, 3, 3),  # k3 from W44
    },
}

TYPES = {
    "pao": {
        "monitored": 2,  # p1 k1
        "crawled": 2,  # p1 k1
        "new_incidents": 1,  # k1
        "remediated": 1,  # k1
        "still_open": 1,  # p1
        "overdue": 0,  # p1's round is 62 h old
        "median_hours_to_remediate": 30.0,  # k1
        "people_exposed": 2,  # k1
        "repeat_offenders": 1,  # p1
        "active_orgs": (0, 0, 0, 0, 0, 1, 0, 1),  # W43 p1; W44 none; W45 p1
        "monitored_by_week": (2,) * 8,
    },
    "subdistrict": {
        "monitored": 1,  # p2
        "crawled": 1,  # p2
        "new_incidents": 0,  # p2's second opens at the first moment of W46
        "remediated": 1,  # p2
        "still_open": 0,  # p2's second is not open yet at the end
        "overdue": 0,
        "median_hours_to_remediate": 192.0,  # p2
        "people_exposed": 0,
        "repeat_offenders": 0,  # p2's second incident is outside the 8 weeks
        "active_orgs": (0, 0, 0, 0, 0, 0, 1, 0),  # W44 p2
        "monitored_by_week": (1,) * 8,
    },
    "sao": {
        "monitored": 3,  # p3 k2 k3
        "crawled": 2,  # p3 k3
        "new_incidents": 2,  # p3 k3
        "remediated": 0,
        "still_open": 3,  # p3 k2 k3
        "overdue": 2,  # p3 k2
        "median_hours_to_remediate": None,  # nothing remediated
        "people_exposed": 11,  # p3 4 + k3 7
        "repeat_offenders": 1,  # k2
        "active_orgs": (0, 0, 0, 0, 0, 0, 1, 3),  # W44 k2; W45 p3 k2 k3
        "monitored_by_week": (2, 2, 2, 2, 2, 2, 3, 3),  # k3 from W44
    },
}


def figures(f: Figures) -> dict:
    return {name: getattr(f, name) for name in NATIONAL}


def test_when_the_week_is_reported_then_the_national_figures_are_the_hand_computed_ones(report):
    assert figures(report.national) == NATIONAL


def test_when_the_week_is_reported_then_the_leak_rate_and_its_trend_follow_the_timeline(report):
    n = report.national
    # 4 of 6 at the end of W45; W44 2 of 6; W43 1 of 5; before that 0 of 5
    assert n.leak_rate == pytest.approx(4 / 6)
    assert n.trend == pytest.approx((0, 0, 0, 0, 0, 1 / 5, 2 / 6, 4 / 6))
    assert n.change == pytest.approx(4 / 6 - 2 / 6)
    assert [str(w) for w in report.weeks] == [f"2026-W{n}" for n in range(38, 46)]


def test_when_broken_down_by_province_then_each_is_hand_computed(report):
    # นครราชสีมา sorts before พิษณุโลก (น before พ)
    assert [r.province for r in report.by_province] == [KRT, PLK]
    assert {r.province: figures(r.figures) for r in report.by_province} == PROVINCES


def test_when_broken_down_by_type_then_each_is_hand_computed(report):
    # in the registry's order of types, only those with organisations
    assert [r.org_type for r in report.by_type] == ["pao", "subdistrict", "sao"]
    assert {r.org_type: figures(r.figures) for r in report.by_type} == TYPES


@pytest.mark.parametrize(
    ("province", "org_type", "expected"),
    [
        # k1: opened and fixed in W45, 30 h
        (KRT, "pao", {"monitored": 1, "crawled": 1, "new_incidents": 1, "remediated": 1, "still_open": 0, "overdue": 0,
                      "people_exposed": 2, "repeat_offenders": 0, "active_orgs": (0,) * 8}),
        # k2 (open since 29 Oct, overdue, repeat) and k3 (new, 7 people, registered in W44)
        (KRT, "sao", {"monitored": 2, "crawled": 1, "new_incidents": 1, "remediated": 0, "still_open": 2, "overdue": 1,
                      "people_exposed": 7, "repeat_offenders": 1, "active_orgs": (0, 0, 0, 0, 0, 0, 1, 2)}),
        # p1: active in W43, fixed in W44, reopened in W45
        (PLK, "pao", {"monitored": 1, "crawled": 1, "new_incidents": 0, "remediated": 0, "still_open": 1, "overdue": 0,
                      "people_exposed": 0, "repeat_offenders": 1, "active_orgs": (0, 0, 0, 0, 0, 1, 0, 1)}),
        # p2: open through W44, fixed in W45
        (PLK, "subdistrict", {"monitored": 1, "crawled": 1, "new_incidents": 0, "remediated": 1, "still_open": 0,
                              "overdue": 0, "people_exposed": 0, "repeat_offenders": 0,
                              "active_orgs": (0, 0, 0, 0, 0, 0, 1, 0)}),
        # p3: new on Monday, still open and overdue
        (PLK, "sao", {"monitored": 1, "crawled": 1, "new_incidents": 1, "remediated": 0, "still_open": 1, "overdue": 1,
                      "people_exposed": 4, "repeat_offenders": 0, "active_orgs": (0, 0, 0, 0, 0, 0, 0, 1)}),
    ],
)
def test_when_broken_down_by_province_and_type_then_each_cell_is_hand_computed(report, province, org_type, expected):
    [row] = [r for r in report.by_province_type if (r.province, r.org_type) == (province, org_type)]
    assert {k: getattr(row.figures, k) for k in expected} == expected


def test_when_an_organisation_repeats_then_it_is_listed_with_why(report):
    # k2 for its two incidents in 8 weeks; p1 for the reopening; by province, นครราชสีมา first
    assert [(o.name, o.incidents, o.reopened) for o in report.offenders] == [
        ("องค์การบริหารส่วนตำบลโคกกรวด", 2, False),
        ("องค์การบริหารส่วนจังหวัดพิษณุโลก", 1, True),
    ]


def test_when_a_week_before_the_first_incident_is_reported_then_all_is_zero_but_the_registry(seeded):
    with seeded.session() as s:
        early = build_weekly(s, week=WEEK.previous(4), now=NOW)  # W41
    n = early.national
    # five organisations registered, nothing else happened (no crawl either)
    assert (n.monitored, n.crawled, n.new_incidents, n.still_open, n.leaking, n.median_hours_to_remediate) == \
           (5, 0, 0, 0, 0, None)


def test_when_built_on_each_database_then_the_figures_are_the_same(db_settings):
    """The same world on SQLite and on real PostgreSQL (JSON org lists, timestamps, ordering)."""
    world = open_world(make_settings(db_settings.data_dir, database_url=db_settings.database_url))
    seed(world)
    with world.session() as s:
        report = build_weekly(s, week=WEEK, now=NOW)
    assert figures(report.national) == NATIONAL
    assert {r.province: figures(r.figures) for r in report.by_province} == PROVINCES
