"""Thai wording shared by emails, generated documents and (later) the dashboard.

Times are stored in UTC and shown in Thailand's time (UTC+7, no daylight saving) with the
Buddhist-era year that Thai officials read and write (2026 CE = พ.ศ. 2569).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

BANGKOK = timezone(timedelta(hours=7), "ICT")

_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
           "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
BUDDHIST_ERA_OFFSET = 543


def local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no defined moment; use timezone-aware UTC")
    return moment.astimezone(BANGKOK)


def thai_date(moment: datetime, *, short: bool = False) -> str:
    """``22 พฤศจิกายน 2569`` (or ``22 พ.ย. 2569``) in Thailand's time."""
    t = local(moment)
    month = (_MONTHS_SHORT if short else _MONTHS)[t.month - 1]
    return f"{t.day} {month} {t.year + BUDDHIST_ERA_OFFSET}"


def thai_datetime(moment: datetime, *, short: bool = False) -> str:
    """``22 พฤศจิกายน 2569 เวลา 09:15 น.`` in Thailand's time."""
    t = local(moment)
    return f"{thai_date(moment, short=short)} เวลา {t:%H:%M} น."


def thai_duration(delta: timedelta) -> str:
    """A plain remaining time: ``2 วัน 5 ชั่วโมง``, ``45 นาที``; ``เลยกำหนดแล้ว`` when past."""
    seconds = int(delta.total_seconds())
    if seconds <= 0:
        return "เลยกำหนดแล้ว"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [f"{days} วัน"] if days else []
    if hours:
        parts.append(f"{hours} ชั่วโมง")
    if not days and minutes:
        parts.append(f"{minutes} นาที")
    return " ".join(parts) or "ไม่ถึง 1 นาที"


#: Kinds of number, as a coordinator calls them.
KIND_TH = {
    "national_id": "เลขประจำตัวประชาชน 13 หลัก",
    "phone": "หมายเลขโทรศัพท์ส่วนบุคคล",
    "laser_code": "รหัสหลังบัตรประชาชน (Laser Code)",
}

#: Risk levels of the 7-factor score (reference/002).
LEVEL_TH = {
    "none": "ไม่มีความเสี่ยง",
    "low": "ความเสี่ยงต่ำ",
    "medium": "ความเสี่ยงปานกลาง",
    "high": "ความเสี่ยงสูง",
}

#: PDPA s.26 categories, as detectors.context names them.
SENSITIVE_TH = {
    "disability": "ความพิการ",
    "health": "ข้อมูลสุขภาพ",
    "religion": "ศาสนาหรือความเชื่อ",
    "criminal_record": "ประวัติอาชญากรรม",
    "ethnicity": "เชื้อชาติ",
    "political_opinion": "ความคิดเห็นทางการเมือง",
    "sexual_behaviour": "พฤติกรรมทางเพศ",
    "biometric": "ข้อมูลชีวภาพ",
    "genetic": "ข้อมูลพันธุกรรม",
    "union": "ข้อมูลสหภาพแรงงาน",
}

#: Organisation types (eagle_eye.models.OrgType values).
ORG_TYPE_TH = {
    "pao": "องค์การบริหารส่วนจังหวัด",
    "city": "เทศบาลนคร",
    "town": "เทศบาลเมือง",
    "subdistrict": "เทศบาลตำบล",
    "sao": "องค์การบริหารส่วนตำบล",
    "other": "องค์กรปกครองส่วนท้องถิ่น",
}

#: Incident statuses (eagle_eye.models.IncidentStatus values).
STATUS_TH = {
    "open": "พบการเปิดเผย",
    "notified": "แจ้งหน่วยงานแล้ว",
    "acknowledged": "หน่วยงานรับทราบแล้ว",
    "remediated": "แก้ไขแล้ว (ตรวจยืนยันแล้ว)",
    "closed": "ปิดเรื่อง",
    "reopened": "พบซ้ำ",
}


def sensitive_th(categories: tuple[str, ...] | list[str]) -> list[str]:
    return [SENSITIVE_TH.get(c, c) for c in categories]


__all__ = [
    "BANGKOK", "KIND_TH", "LEVEL_TH", "ORG_TYPE_TH", "SENSITIVE_TH", "STATUS_TH", "local", "sensitive_th",
    "thai_date", "thai_datetime", "thai_duration",
]

