"""Shared wording: the findings (what was exposed, where, how risky) put into phrases and tables,
apart from the layout of either document."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from alerts.documents.blocks import BLANK, Table
from alerts.documents.view import IncidentReportView
from alerts.thai import KIND_TH, LEVEL_TH, ORG_TYPE_TH, sensitive_th, thai_datetime

PDPA = "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562"

#: The 7 factors of the risk score (reference/002, appendix), in the form's order and wording.
RISK_FACTORS_TH: tuple[tuple[str, str], ...] = (
    ("people", "จำนวนเจ้าของข้อมูลที่อาจได้รับผลกระทบ"),
    ("data_kind", "ลักษณะของข้อมูลที่รั่วไหล"),
    ("discovery", "ระยะเวลาการพบการรั่วไหล"),
    ("access_lost", "การเข้าถึงข้อมูลของบุคลากรของหน่วยงานเมื่อถูกโจรกรรมข้อมูล"),
    ("altered", "ความเสียหายต่อข้อมูล"),
    ("scope", "ขอบเขตในการรั่วไหลของข้อมูล"),
    ("impact", "ผลกระทบที่อาจเกิดขึ้นต่อเจ้าของข้อมูลจากการรั่วไหล"),
)


def or_blank(value: str, blank: str = BLANK) -> str:
    value = (value or "").strip()
    return value or blank


def place(view: IncidentReportView) -> str:
    """``องค์การบริหารส่วนตำบลแม่ระกา อำเภอวังทอง จังหวัดพิษณุโลก``."""
    type_th = ORG_TYPE_TH.get(view.org_type, "")
    name = view.org_name if not type_th or type_th in view.org_name else f"{view.org_name} ({type_th})"
    parts = [name]
    if view.district:
        parts.append(view.district if view.district.startswith(("อำเภอ", "เขต")) else f"อำเภอ{view.district}")
    if view.province:
        parts.append(view.province if view.province.startswith("จังหวัด") else f"จังหวัด{view.province}")
    return " ".join(parts)


def kinds_in_order(kinds: Mapping[str, int]) -> list[tuple[str, int]]:
    known = [(k, kinds[k]) for k in KIND_TH if kinds.get(k)]
    other = sorted((k, n) for k, n in kinds.items() if k not in KIND_TH and n)
    return known + other


def kinds_text(kinds: Mapping[str, int], *, counts: bool) -> str:
    parts = [f"{KIND_TH.get(k, k)} {n:,} รายการ" if counts else KIND_TH.get(k, k) for k, n in kinds_in_order(kinds)]
    return ", ".join(parts)


def data_exposed(view: IncidentReportView) -> list[str]:
    """Everything exposed, numbers first: what the coordinator and the person need to know."""
    out = [KIND_TH.get(k, k) for k, _ in kinds_in_order(view.kinds)]
    if view.names:
        out.append("ชื่อ-นามสกุล")
    if view.addresses:
        out.append("ที่อยู่")
    if view.birth_dates:
        out.append("วันเดือนปีเกิด")
    if view.sensitive:
        out.append(f"ข้อมูลส่วนบุคคลที่มีความอ่อนไหว ({', '.join(sensitive_th(view.sensitive))})")
    return out


def has(view: IncidentReportView, kind: str) -> bool:
    return bool(view.kinds.get(kind))


def impacts(view: IncidentReportView, who: str) -> list[str]:
    """The possible impact, one line per risk; ``who`` is ``เจ้าของข้อมูล`` (report) or ``ท่าน`` (notice)."""
    out = []
    if has(view, "national_id"):
        out.append(f"เลขประจำตัวประชาชนอาจถูกนำไปแอบอ้างหรือสวมรอยเป็น{who} เช่น สมัครบริการ "
                   f"ลงทะเบียนซิมการ์ด หรือทำธุรกรรมในนามของ{who}")
    if has(view, "laser_code"):
        out.append(f"เลขประจำตัวประชาชนพร้อมรหัสหลังบัตร (Laser Code) ใช้ยืนยันตัวตนในบริการออนไลน์ของรัฐ"
                   f"และธนาคารได้ จึงเสี่ยงต่อการถูกเปิดบัญชี ขอสินเชื่อ หรือทำธุรกรรมแทน{who}โดยที่{who}ไม่รู้")
    if has(view, "phone"):
        out.append("หมายเลขโทรศัพท์อาจถูกใช้โทรหรือส่งข้อความหลอกลวง (แก๊งคอลเซ็นเตอร์) หรือก่อกวน")
    if view.names or view.addresses or view.birth_dates:
        out.append("ชื่อ ที่อยู่ หรือวันเดือนปีเกิดที่เปิดเผยพร้อมกัน ทำให้มิจฉาชีพแอบอ้างได้น่าเชื่อถือยิ่งขึ้น")
    if view.sensitive:
        out.append(f"ข้อมูลที่มีความอ่อนไหว ({', '.join(sensitive_th(view.sensitive))}) อาจทำให้{who}"
                   "ถูกเลือกปฏิบัติ ถูกตีตรา หรือได้รับความอับอาย")
    if not out:
        out.append(f"ข้อมูลที่เปิดเผยอาจถูกนำไปใช้ติดต่อหรือแอบอ้างเป็น{who}")
    return out


def web_hosts(view: IncidentReportView) -> list[str]:
    seen: dict[str, None] = {}
    for doc in view.documents:
        host = urlsplit(doc.url).hostname
        if host:
            seen.setdefault(host, None)
    return list(seen)


def removed_line(view: IncidentReportView) -> tuple[bool, str]:
    if view.remediated_at is not None:
        return True, ("นำเอกสาร/หน้าเว็บไซต์ที่พบออก หรือปกปิดข้อมูลแล้ว "
                      f"(ระบบ Eagle Eye ตรวจยืนยันเมื่อ {thai_datetime(view.remediated_at)})")
    return False, f"นำเอกสาร/หน้าเว็บไซต์ที่พบออกจากเว็บไซต์ หรือปกปิดเลขอย่างน้อย 4 หลัก เมื่อวันที่ {BLANK}"


def documents_table(view: IncidentReportView) -> Table:
    rows = []
    for i, doc in enumerate(view.documents, 1):
        where = doc.url
        if doc.pages:
            where += f"\nหน้า {', '.join(str(p) for p in doc.pages)}"
        rows.append((
            str(i), where, f"{doc.people:,}",
            "\n".join(f"{KIND_TH.get(k, k)}: {n:,}" for k, n in kinds_in_order(doc.kinds)),
            "\n".join(doc.examples),
        ))
    if not rows:
        rows.append(("", BLANK, "", "", ""))
    return Table(("ที่", "เอกสาร/หน้าเว็บไซต์ (URL)", "จำนวนคน", "ข้อมูลที่พบ (รายการ)", "ตัวอย่าง (ปกปิดแล้ว)"),
                 tuple(rows), widths=(5, 36, 10, 26, 23),
                 foot=("", "รวม", f"{view.people_exposed:,}",
                       "\n".join(f"{KIND_TH.get(k, k)}: {n:,}" for k, n in kinds_in_order(view.kinds)), ""),
                 numeric=(0, 2))


def risk_table(view: IncidentReportView) -> Table:
    rows = []
    for i, (key, label) in enumerate(RISK_FACTORS_TH, 1):
        value = view.risk_factors.get(key)
        rows.append((str(i), label, BLANK[:8] if value is None else str(value)))
    return Table(("ที่", "ปัจจัยความเสี่ยง (ภาคผนวก)", "คะแนน (0-3)"), tuple(rows), widths=(8, 70, 22),
                 foot=("", f"รวม: {LEVEL_TH.get(view.risk_level, view.risk_level)}", f"{view.risk_score} / 21"),
                 numeric=(0, 2))
