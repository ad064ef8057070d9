"""The notice to the affected people (หนังสือแจ้งเจ้าของข้อมูลส่วนบุคคล), with the four parts PDPC's
2022 announcement requires (reference/004): what happened, the possible impact, the remedies and
what the person can do, and whom to contact."""

from __future__ import annotations

from alerts.documents.blocks import BLANK, LONG_BLANK, Block, Fields, Heading, Items, Para, Signature
from alerts.documents.view import IncidentReportView
from alerts.documents.wording import PDPA, data_exposed, has, impacts, or_blank, place
from alerts.thai import thai_date

NOTICE_TITLE = "หนังสือแจ้งเหตุการละเมิดข้อมูลส่วนบุคคลต่อเจ้าของข้อมูลส่วนบุคคล"


def subject_notice_blocks(view: IncidentReportView) -> list[Block]:
    org = view.org_name
    data = data_exposed(view)
    since = f" ตั้งแต่วันที่ {thai_date(view.online_since)}" if view.online_since is not None else ""
    removed_on = thai_date(view.remediated_at) if view.remediated_at is not None else BLANK

    things_to_do = [
        "ระวังสายโทรศัพท์ ข้อความ SMS หรือ LINE ที่อ้างว่าเป็นเจ้าหน้าที่รัฐ ธนาคาร ตำรวจ หรือหน่วยงานนี้ "
        "แล้วขอให้โอนเงิน บอกข้อมูลส่วนตัว หรือยืนยันตัวตน ให้วางสาย แล้วโทรกลับไปยังหมายเลขทางการของหน่วยงานนั้นเอง",
        "อย่าบอกรหัส OTP รหัสผ่าน หรือรหัส PIN แก่ผู้ใด หน่วยงานของรัฐและธนาคารไม่มีนโยบายขอรหัสเหล่านี้",
        "อย่ากดลิงก์ หรือติดตั้งแอปพลิเคชันจากข้อความหรือผู้ที่ไม่รู้จัก",
    ]
    if has(view, "national_id") or has(view, "laser_code"):
        things_to_do.append(
            "ตรวจสอบรายการเดินบัญชีธนาคารและข้อความแจ้งเตือนอย่างสม่ำเสมอ หากพบบัญชี สินเชื่อ หรือธุรกรรมที่ท่านไม่ได้ทำ "
            "ให้ติดต่อธนาคารนั้นทันทีเพื่อระงับ และแจ้งความ ท่านตรวจสอบรายงานข้อมูลเครดิตของตนเองได้ที่บริษัท "
            "ข้อมูลเครดิตแห่งชาติ จำกัด (เครดิตบูโร)")
    if has(view, "laser_code"):
        things_to_do.append(
            "หากกังวลว่ารหัสหลังบัตรประจำตัวประชาชนจะถูกนำไปใช้ ท่านขอทำบัตรประจำตัวประชาชนใหม่ได้ที่สำนักทะเบียน"
            "อำเภอหรือเขต บัตรใหม่จะมีรหัสหลังบัตรใหม่")
    things_to_do += [
        "หากพบว่ามีผู้แอบอ้างใช้ข้อมูลของท่าน ให้แจ้งความที่สถานีตำรวจ หรือแจ้งความออนไลน์ที่ "
        "thaipoliceonline.go.th หรือโทรสายด่วน 1441",
        f"ท่านมีสิทธิขอเข้าถึงและขอรับสำเนาข้อมูลส่วนบุคคลของท่านที่ {org} เก็บไว้ ขอให้แก้ไข ลบ "
        f"หรือระงับการใช้ข้อมูลได้ ตาม{PDPA} โดยติดต่อตามช่องทางด้านล่าง",
        "หากท่านเห็นว่าหน่วยงานไม่ปฏิบัติตามกฎหมาย ท่านมีสิทธิร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล "
        "(สคส.) ทางเว็บไซต์ www.pdpc.or.th",
    ]

    return [
        Fields((("ที่", BLANK), ("ส่วนราชการ", place(view)), ("วันที่", BLANK))),
        Para(f"แจ้งเหตุการละเมิดข้อมูลส่วนบุคคล ของ{org}", lead="เรื่อง "),
        Para(f"คุณ{LONG_BLANK}", lead="เรียน "),
        Heading("1. เหตุการณ์ที่เกิดขึ้น", level=2),
        Para(f"เมื่อวันที่ {thai_date(view.found_at)} {org} ได้รับแจ้งจากระบบเฝ้าระวังการเปิดเผยข้อมูลส่วนบุคคล "
             f"(Eagle Eye) ว่าเอกสารที่หน่วยงานเผยแพร่บนเว็บไซต์ของหน่วยงาน{since} มีข้อมูลส่วนบุคคลของท่าน "
             "โดยไม่ได้ปกปิด ซึ่งบุคคลทั่วไปสามารถเปิดดูได้ ข้อมูลที่อาจถูกเปิดเผย ได้แก่ "
             f"{', '.join(data) or BLANK} ในเอกสารเรื่อง {LONG_BLANK}", style="letter"),
        Heading("2. ผลกระทบที่อาจเกิดขึ้นกับท่าน", level=2),
        Items(tuple(impacts(view, "ท่าน"))),
        Heading("3. สิ่งที่หน่วยงานได้ดำเนินการและแนวทางเยียวยา", level=2),
        Items((
            f"นำข้อมูลของท่านออกจากเว็บไซต์หรือปกปิดแล้ว เมื่อวันที่ {removed_on}",
            f"แจ้งเหตุต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล (สคส.) ตามกฎหมาย เมื่อวันที่ {BLANK}",
            "ตรวจสอบเอกสารอื่นบนเว็บไซต์ และกำหนดขั้นตอนตรวจสอบก่อนเผยแพร่ เพื่อป้องกันไม่ให้เกิดขึ้นซ้ำ",
            f"มาตรการเยียวยาเพิ่มเติม: {LONG_BLANK}",
        ), numbered=False),
        Heading("4. สิ่งที่ท่านควรทำเพื่อป้องกันความเสียหาย", level=2),
        Items(tuple(things_to_do)),
        Heading("5. ช่องทางติดต่อสอบถาม", level=2),
        Fields((
            ("ผู้ประสานงานคุ้มครองข้อมูลส่วนบุคคล", or_blank(view.coordinator_name, LONG_BLANK)),
            ("โทร", or_blank(view.coordinator_phone)),
            ("อีเมล", or_blank(view.coordinator_email)),
            ("เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO)", f"{LONG_BLANK} โทร {BLANK} อีเมล {BLANK}"),
            ("ที่อยู่", f"{place(view)} {LONG_BLANK}"),
        ), label_width=40),
        Para(f"{org} ขออภัยในเหตุการณ์ที่เกิดขึ้นเป็นอย่างสูง และจะดูแลข้อมูลส่วนบุคคลของท่านให้ปลอดภัยยิ่งขึ้น",
             style="letter"),
        Signature(("ขอแสดงความนับถือ", "", f"(ลงชื่อ){LONG_BLANK}", f"({LONG_BLANK})", f"ตำแหน่ง{LONG_BLANK}")),
    ]
