"""Risk score of a personal-data breach: the 7-factor table of reference/002 (appendix 1).

Each factor scores 0-3; the total (0-21) gives the level: 0 none, 1-7 low, 8-14 medium,
15-21 high. ``assess`` fills the factors from what the crawler knows about one incident, with a
short Thai reason per factor for the coordinator and the monitoring team; ``with_overrides``
applies the monitoring team's edits. Pure: no I/O, no settings, no database.

A consequence of the table worth knowing: a public web exposure scores access_lost = altered = 0,
so it reaches "high" (15) only when every other factor is 3, which needs sensitive data
(data_kind 3). Non-sensitive identifiers with names, however many and however long online, top
out at 14 (medium). reference/003's job-site example (judged high) hits the same ceiling.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from enum import Enum

from alerts.thai import KIND_TH, LEVEL_TH, sensitive_th, thai_duration


class RiskLevel(str, Enum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def thai(self) -> str:
        return LEVEL_TH[self.value]


FACTORS: tuple[str, ...] = ("people", "data_kind", "discovery", "access_lost", "altered", "scope", "impact")

#: The factors' headings in reference/002's table, for forms and the dashboard.
FACTOR_TH: dict[str, str] = {
    "people": "จำนวนเจ้าของข้อมูลที่อาจได้รับผลกระทบ",
    "data_kind": "ลักษณะของข้อมูลที่รั่วไหล",
    "discovery": "ระยะเวลาการพบการรั่วไหล",
    "access_lost": "การเข้าถึงข้อมูลของบุคลากรของหน่วยงาน",
    "altered": "ความเสียหายต่อข้อมูล",
    "scope": "ขอบเขตในการรั่วไหลของข้อมูล",
    "impact": "ผลกระทบที่อาจเกิดขึ้นต่อเจ้าของข้อมูล",
}

FACTOR_MAX = 3
SCORE_MAX = FACTOR_MAX * len(FACTORS)


def _is_int(value: object) -> bool:
    # bool is an int subclass; True as a score is always a caller's bug
    return isinstance(value, int) and not isinstance(value, bool)


def level_for(score: int) -> RiskLevel:
    if not _is_int(score) or not 0 <= score <= SCORE_MAX:
        raise ValueError(f"risk score must be an int 0..{SCORE_MAX}, got {score!r}")
    if score == 0:
        return RiskLevel.NONE
    if score <= 7:
        return RiskLevel.LOW
    if score <= 14:
        return RiskLevel.MEDIUM
    return RiskLevel.HIGH


@dataclass(frozen=True, slots=True)
class RiskFactors:
    people: int
    data_kind: int
    discovery: int
    access_lost: int
    altered: int
    scope: int
    impact: int

    def __post_init__(self) -> None:
        for name in FACTORS:
            value = getattr(self, name)
            if not _is_int(value) or not 0 <= value <= FACTOR_MAX:
                raise ValueError(f"risk factor {name!r} must be an int 0..{FACTOR_MAX}, got {value!r}")

    @property
    def score(self) -> int:
        return sum(getattr(self, name) for name in FACTORS)

    @property
    def level(self) -> RiskLevel:
        return level_for(self.score)

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in FACTORS}

    @classmethod
    def from_dict(cls, values: Mapping[str, int]) -> RiskFactors:
        _check_names(values)
        missing = [name for name in FACTORS if name not in values]
        if missing:
            raise ValueError(f"missing risk factors: {', '.join(missing)}")
        return cls(**values)


def _check_names(values: Mapping[str, int]) -> None:
    unknown = sorted(set(values) - set(FACTORS))
    if unknown:
        raise ValueError(f"unknown risk factors: {', '.join(map(str, unknown))}")


def with_overrides(auto: RiskFactors, overrides: Mapping[str, int]) -> RiskFactors:
    """The monitoring team knows what the crawler cannot (who really saw it, whether the
    organisation lost its copy): its value wins, factor by factor; the rest stay automatic."""
    _check_names(overrides)
    return replace(auto, **overrides)


@dataclass(frozen=True, slots=True)
class ExposureFacts:
    """What the crawler knows about one incident (all its exposed documents together)."""

    people_exposed: int | None  # distinct people with an exposed identifier; None = unknown
    kinds: frozenset[str]  # exposed kinds among KIND_TH: "national_id", "phone", "laser_code"
    names: bool = False  # names travel with the numbers
    addresses: bool = False
    birth_dates: bool = False
    sensitive: tuple[str, ...] = ()  # PDPA s.26 categories, e.g. ("disability", "health")
    online_hours: float | None = None  # online before Eagle Eye found it; None = unknown
    public: bool = True  # on a public website

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", frozenset(self.kinds))
        object.__setattr__(self, "sensitive", tuple(self.sensitive))
        unknown = sorted(self.kinds - KIND_TH.keys())
        if unknown:
            raise ValueError(f"unknown exposed kinds: {', '.join(unknown)}")
        if self.people_exposed is not None and (not _is_int(self.people_exposed) or self.people_exposed < 0):
            raise ValueError(f"people_exposed must be an int >= 0 or None, got {self.people_exposed!r}")
        if self.online_hours is not None and (math.isnan(self.online_hours) or self.online_hours < 0):
            raise ValueError(f"online_hours must be >= 0 or None, got {self.online_hours!r}")


@dataclass(frozen=True, slots=True)
class Assessment:
    factors: RiskFactors
    reasons: dict[str, str]  # factor name -> one short Thai sentence saying why that value

    def __post_init__(self) -> None:
        if set(self.reasons) != set(FACTORS):
            raise ValueError(f"an assessment needs one reason per factor, got {sorted(self.reasons)}")

    @property
    def score(self) -> int:
        return self.factors.score

    @property
    def level(self) -> RiskLevel:
        return self.factors.level


_Scored = tuple[int, str]


def _kinds_th(kinds: frozenset[str]) -> str:
    return " และ".join(label for kind, label in KIND_TH.items() if kind in kinds)


def _people(count: int | None) -> _Scored:
    # The crawler counts distinct identifiers, so a count is "known" (level 1 needs a known count
    # <= 50); the table itself puts an unknown count at 3, so None is not a guess.
    if count is None:
        return 3, "ระบุจำนวนผู้ถูกเปิดเผยข้อมูลไม่ได้ ซึ่งเกณฑ์ถือเป็นระดับสูงสุด"
    if count <= 50:
        return 1, f"พบผู้ถูกเปิดเผยข้อมูล {count:,} คน ทราบจำนวนแน่นอนและไม่เกิน 50 คน"
    if count <= 100:
        return 2, f"พบผู้ถูกเปิดเผยข้อมูล {count:,} คน เกิน 50 คนแต่ไม่เกิน 100 คน"
    return 3, f"พบผู้ถูกเปิดเผยข้อมูล {count:,} คน มากกว่า 100 คน"


def _data_kind(facts: ExposureFacts) -> _Scored:
    kinds = _kinds_th(facts.kinds)
    if facts.sensitive:
        return 3, f"มีข้อมูลอ่อนไหว ({', '.join(sensitive_th(facts.sensitive))}) ประกอบกับ{kinds}"
    # reference/002 level 2 is data that identifies "ทันที" (at once): name, photo, video. Its
    # level 1 is data needing other data to find the person, and its example is a staff code:
    # a unique number you must look up. An ID number or laser code without a name is that kind
    # of number (only the civil registry resolves it), so following the source it scores 1, not
    # the 2 the brief proposed; domain.md agrees ("ID number with name" is level 2). Its danger
    # is counted where the source counts consequences: impact (factor 7) scores it 3.
    if facts.names:
        return 2, f"มีชื่อ-นามสกุลประกอบกับ{kinds} จึงระบุตัวบุคคลได้ทันที"
    return 1, f"พบ{kinds} โดยไม่มีชื่อประกอบ ต้องใช้ข้อมูลอื่นประกอบจึงจะระบุตัวบุคคลได้"


def _discovery(hours: float | None) -> _Scored:
    # The clock is how long the item was online before Eagle Eye found it: the organisation
    # learns of it from our alert, so that is its "ทราบเหตุ". Unknown (no publication date)
    # scores 3: most finds are old documents, and scoring low on missing evidence would
    # understate them; the monitoring team lowers it once the date is known.
    if hours is None:
        return 3, ("ไม่ทราบว่าเผยแพร่มานานเท่าใดก่อนถูกพบ จึงให้คะแนนสูงสุดไว้ก่อน "
                   "ทีมติดตามแก้ไขได้เมื่อทราบวันที่เผยแพร่")
    # "ทันที" (at once): only an item seen as it went online; any measurable delay is level 1
    if hours == 0:
        return 0, "พบทันทีที่เผยแพร่"
    online = thai_duration(timedelta(hours=hours)) if math.isfinite(hours) else "นานมาก"
    if hours <= 24:
        return 1, f"พบหลังเผยแพร่ {online} ภายใน 24 ชั่วโมง"
    if hours <= 72:
        return 2, f"พบหลังเผยแพร่ {online} เกิน 24 ชั่วโมงแต่ไม่เกิน 72 ชั่วโมง"
    return 3, f"พบหลังเผยแพร่ {online} เกิน 72 ชั่วโมง"


# A document the organisation published itself: it keeps its copy and nothing was changed, so
# factors 4 and 5 are 0 unless the monitoring team learns otherwise (e.g. a defaced site).
_ACCESS_LOST = 0, ("สันนิษฐานว่าหน่วยงานยังเข้าถึงข้อมูลได้ตามปกติ เพราะเป็นการเผยแพร่ ไม่ใช่การโจรกรรม "
                   "ทีมติดตามแก้ไขได้")
_ALTERED = 0, "สันนิษฐานว่าข้อมูลไม่ถูกแก้ไขหรือเสียหาย เพราะเป็นเอกสารที่หน่วยงานเผยแพร่เอง ทีมติดตามแก้ไขได้"


def _scope(public: bool) -> _Scored:
    # Level 3's own example is "ถูกเปิดเผยสาธารณะ". Off a public page (behind a login, an
    # unlinked address) outsiders still reached it, Eagle Eye at least: level 2, "known
    # outsiders", until the team finds out more.
    if public:
        return 3, "เผยแพร่บนเว็บไซต์สาธารณะ บุคคลภายนอกที่ไม่ทราบจำนวนเข้าถึงได้"
    return 2, "ไม่ได้เผยแพร่สาธารณะ แต่บุคคลภายนอกเข้าถึงได้ (อย่างน้อยระบบ Eagle Eye) ทีมติดตามควรตรวจสอบขอบเขต"


def _impact(facts: ExposureFacts) -> _Scored:
    # Level 3 lists harm that is direct and hard to undo: loss of property, dismissal, refused
    # service. reference/002 also names discrimination (ถูกเลือกปฏิบัติ) and impersonation
    # (ถูกสวมรอยบุคคล) among the serious harms. Sensitive data invites discrimination, dismissal
    # and refused service. An ID number never changes and reference/000 warns that front-of-card
    # data plus the laser code is used for identity proofing, while names, addresses, phones and
    # ID numbers have already leaked in bulk: either number completes an impersonation kit, with
    # or without a name beside it here. reference/003's example 3.3 rates trivial health data
    # (a lactose intolerance) as no clear harm; the crawler cannot judge triviality, and what it
    # flags (disability allowances, HIV, criminal records) is the stigmatising kind, so it scores
    # 3 and the monitoring team lowers it when the data is harmless.
    if facts.sensitive:
        return 3, ("ข้อมูลอ่อนไหวที่ถูกเปิดเผยอาจทำให้ถูกเลือกปฏิบัติ ถูกปฏิเสธการรับบริการ หรือถูกเลิกจ้าง "
                   "ซึ่งแก้ไขได้ยาก")
    card = facts.kinds & {"national_id", "laser_code"}
    if card:
        return 3, f"{_kinds_th(card)} อาจถูกใช้สวมรอยยืนยันตัวตน ทำให้เสียหายต่อทรัพย์สินซึ่งแก้ไขได้ยาก"
    # Phones only from here. With a name, address or birth date a caller can pose as an
    # official who knows the person (call-centre fraud): fear and worry, level 2. Alone, a
    # number brings unwanted calls: the nuisance of level 1.
    extras = [label for flag, label in ((facts.names, "ชื่อ"), (facts.addresses, "ที่อยู่"),
                                        (facts.birth_dates, "วันเกิด")) if flag]
    if extras:
        return 2, (f"หมายเลขโทรศัพท์พร้อม{'และ'.join(extras)} อาจถูกใช้หลอกลวงแบบเจาะจงตัว "
                   "ทำให้เกิดความกลัวหรือความกังวล")
    return 1, "หมายเลขโทรศัพท์เพียงอย่างเดียวอาจทำให้ถูกรบกวน เช่น ถูกโทรหรือส่งข้อความที่ไม่ต้องการ"


_NOTHING_EXPOSED = "ไม่พบเลขที่ระบุตัวบุคคลได้ถูกเปิดเผย จึงไม่มีความเสี่ยงในข้อนี้"


def assess(facts: ExposureFacts) -> Assessment:
    # Nobody exposed (every number masked, or no identifier at all) is the table's "no data
    # subject affected" row; every factor is then 0, so the level is "none" and PDPA s.37(4)'s
    # exemption from notifying applies. Scoring scope 3 for the public page would call it low.
    if facts.people_exposed == 0 or not facts.kinds:
        return Assessment(RiskFactors(0, 0, 0, 0, 0, 0, 0), dict.fromkeys(FACTORS, _NOTHING_EXPOSED))
    scored: dict[str, _Scored] = {
        "people": _people(facts.people_exposed),
        "data_kind": _data_kind(facts),
        "discovery": _discovery(facts.online_hours),
        "access_lost": _ACCESS_LOST,
        "altered": _ALTERED,
        "scope": _scope(facts.public),
        "impact": _impact(facts),
    }
    return Assessment(
        RiskFactors(**{name: value for name, (value, _) in scored.items()}),
        {name: reason for name, (_, reason) in scored.items()},
    )


__all__ = [
    "FACTORS", "FACTOR_MAX", "FACTOR_TH", "SCORE_MAX", "Assessment", "ExposureFacts", "RiskFactors", "RiskLevel",
    "assess", "level_for", "with_overrides",
]
