"""Long documents that fill most of a local government's website and hold almost no identifiers.

Development plans (แผนพัฒนาท้องถิ่น) and council minutes (รายงานการประชุมสภา) run to dozens of
pages of prose and tables full of numbers that are not identifiers: budgets, road dimensions,
vote counts, times, years. They matter twice: they are where false alarms would come from, and
they set how many identifiers a crawler meets per megabyte (the detector-speed benchmark's
"site" mix). The only identifiers planted are the office's own line in the footer.
"""

from __future__ import annotations

from synth import content as c

_STRATEGIES = (
    "การพัฒนาด้านโครงสร้างพื้นฐาน", "การพัฒนาด้านคุณภาพชีวิตและสังคม", "การพัฒนาด้านเศรษฐกิจและการเกษตร",
    "การพัฒนาด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "การพัฒนาด้านการศึกษา ศาสนาและวัฒนธรรม",
    "การพัฒนาด้านการบริหารจัดการบ้านเมืองที่ดี",
)
_ROAD_WORKS = (
    "ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "ปรับปรุงถนนลูกรังเป็นถนนลาดยางแอสฟัลท์ติก", "ก่อสร้างรางระบายน้ำ คสล.",
    "ขยายเขตไฟฟ้าแรงต่ำ", "ขุดลอกคลองส่งน้ำ", "ก่อสร้างฝายกักเก็บน้ำ", "วางท่อระบายน้ำ คสล.",
)
_SOCIAL_WORKS = (
    "ส่งเสริมสุขภาพผู้สูงอายุ", "อบรมอาชีพให้แก่กลุ่มสตรี", "ป้องกันและแก้ไขปัญหายาเสพติด",
    "จัดการแข่งขันกีฬาต้านยาเสพติด", "ส่งเสริมการเรียนรู้ศูนย์พัฒนาเด็กเล็ก", "รณรงค์คัดแยกขยะต้นทาง",
    "ปลูกต้นไม้เฉลิมพระเกียรติ", "อนุรักษ์ประเพณีแห่เทียนเข้าพรรษา",
)
_KPIS = (
    "ร้อยละ {p} ของประชาชนได้รับประโยชน์", "ประชาชนพึงพอใจไม่น้อยกว่าร้อยละ {p}",
    "จำนวนผู้เข้าร่วมโครงการไม่น้อยกว่า {n} คน", "ระยะทางที่ดำเนินการ {m} เมตร",
)
_SPEAKERS = ("ประธานสภาฯ", "นายกฯ", "ปลัดฯ", "เลขานุการสภาฯ", "ผู้อำนวยการกองคลัง", "ผู้อำนวยการกองช่าง")
_AGENDA = (
    "เรื่องที่ประธานแจ้งต่อที่ประชุม", "รับรองรายงานการประชุมครั้งที่ผ่านมา", "กระทู้ถาม",
    "เรื่องที่คณะกรรมการที่สภาท้องถิ่นตั้งขึ้นพิจารณาเสร็จแล้ว", "เรื่องที่เสนอใหม่", "เรื่องอื่น ๆ",
)
_DISCUSSION = (
    "ขอให้ฝ่ายบริหารชี้แจงรายละเอียดการโอนงบประมาณรายจ่ายประจำปี {fy} จำนวน {money} บาท เพื่อนำไปตั้งจ่ายเป็นรายการใหม่",
    "ถนนในหมู่ที่ {moo} ชำรุดเสียหายหลังฤดูฝน ระยะทางประมาณ {m} เมตร ขอให้กองช่างสำรวจและประมาณราคาโดยเร็ว",
    "ตามระเบียบกระทรวงมหาดไทยว่าด้วยวิธีการงบประมาณขององค์กรปกครองส่วนท้องถิ่น พ.ศ. ๒๕๖๓ ข้อ {n} "
    "การโอนงบประมาณรายจ่ายในหมวดค่าครุภัณฑ์ที่ดินและสิ่งก่อสร้าง เป็นอำนาจอนุมัติของสภาท้องถิ่น",
    "ผลการเบิกจ่ายงบประมาณ ณ วันที่ {date} คิดเป็นร้อยละ {p} ของงบประมาณทั้งหมด {money} บาท",
    "มีผู้ยื่นคำร้องขอรับการช่วยเหลือจากเหตุอุทกภัยทั้งสิ้น {n} ครัวเรือน ได้ดำเนินการช่วยเหลือแล้ว {p} ครัวเรือน",
    "ขอให้ที่ประชุมพิจารณาร่างข้อบัญญัติงบประมาณรายจ่ายประจำปี {fy} ในวาระที่ {n} ซึ่งประมาณการรายรับไว้ {money} บาท",
)


def development_plan(b: c._Builder) -> tuple[str, str | None]:
    rng = b.rng
    first = b.year - rng.randint(0, 2)
    span = f"พ.ศ. {first} - {first + 4}"
    title = f"แผนพัฒนาท้องถิ่น ({span}) {b.org.name}"
    b.heading(b.n(f"แผนพัฒนาท้องถิ่น ({span})"))
    b.heading(f"{b.org.name} อำเภอ{b.place.amphoe} จังหวัด{b.place.province}")
    b.para(
        f"วิสัยทัศน์ \"{b.org.name} น่าอยู่ เศรษฐกิจมั่นคง ประชาชนมีคุณภาพชีวิตที่ดี บริหารจัดการตามหลักธรรมาภิบาล\" "
        f"แผนพัฒนาท้องถิ่นฉบับนี้จัดทำตามระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
        f"{b.n('พ.ศ. 2548')} และที่แก้ไขเพิ่มเติม โดยผ่านการประชุมประชาคมท้องถิ่นเมื่อวันที่ {b.date(style='full')} "
        f"มีประชาชนเข้าร่วม {b.n(rng.randint(80, 600))} คน จากทั้งหมด {b.n(rng.randint(6, 18))} หมู่บ้าน"
    )
    years = [first + k for k in range(5)]
    for s, strategy in enumerate(rng.sample(_STRATEGIES, k=rng.randint(2, 4)), start=1):
        b.heading(b.n(f"ยุทธศาสตร์ที่ {s} {strategy}"))
        b.para(
            f"แนวทางการพัฒนา {b.n(f'{s}.{rng.randint(1, 5)}')} {rng.choice(_ROAD_WORKS + _SOCIAL_WORKS)}"
            f"ให้ครอบคลุมทุกพื้นที่ ภายใต้กรอบงบประมาณรวม {b.n(c._money(rng, 1_000_000, 40_000_000, satang=False))} บาท"
        )
        header = ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)",
                  *(b.n(f"{y} (บาท)") for y in years), "ตัวชี้วัด (KPI)", "หน่วยงานรับผิดชอบ"]
        rows = []
        for i in range(1, b.rows_for((3, 5), (8, 20), (40, 90)) + 1):
            road = rng.random() < 0.6
            work = rng.choice(_ROAD_WORKS if road else _SOCIAL_WORKS)
            moo = rng.randint(1, 15)
            if road:
                target = (f"กว้าง {rng.choice(('4.00', '5.00', '6.00'))} เมตร ยาว {rng.randint(80, 1500):,} เมตร "
                          f"หนา {rng.choice(('0.15', '0.20'))} เมตร หรือพื้นที่ไม่น้อยกว่า {rng.randint(400, 9000):,} ตารางเมตร")
            else:
                target = f"ประชาชนหมู่ที่ {moo} จำนวน {rng.randint(30, 400)} คน"
            budgets = [c._money(rng, 20_000, 3_000_000, satang=False) if rng.random() < 0.6 else "-" for _ in years]
            kpi = rng.choice(_KPIS).format(p=rng.choice((70, 80, 85, 90)), n=rng.randint(30, 300), m=rng.randint(80, 1500))
            rows.append([
                b.n(i), f"{work} หมู่ที่ {b.n(moo)}", "เพื่อให้ประชาชนได้รับความสะดวกและมีคุณภาพชีวิตที่ดีขึ้น",
                b.n(target), *(b.n(x) for x in budgets), b.n(kpi), rng.choice(c._OFFICES)[0],
            ])
        b.table(header, rows)
    b.para(
        f"รวมทั้งสิ้น {b.n(rng.randint(40, 260))} โครงการ งบประมาณ {b.n(c._money(rng, 20_000_000, 300_000_000, satang=False))} บาท "
        f"ข้อมูล ณ วันที่ {b.date(style='full')} หน้า {b.n(rng.randint(20, 180))}"
    )
    b.para(f"จัดทำโดย งานวิเคราะห์นโยบายและแผน สำนักปลัด {b.org.name} โทร. {b.office_phone()}")
    return title, None


def council_minutes(b: c._Builder) -> tuple[str, str | None]:
    rng = b.rng
    session = rng.choice(("สมัยสามัญ สมัยที่ ๑", "สมัยสามัญ สมัยที่ ๒", "สมัยวิสามัญ สมัยที่ ๑", "สมัยสามัญ สมัยที่ ๓"))
    subject = f"รายงานการประชุมสภา{b.org.name} {session} ครั้งที่ {b.n(rng.randint(1, 4))}/{b.n(b.year)}"
    b.heading(subject)
    b.para(f"วันที่ {b.date(style='full')} เวลา {b.n(rng.choice(('09.00', '09.30', '10.00', '13.30')))} น. "
           f"ณ ห้องประชุมสภา{b.org.name}")
    b.para("ผู้มาประชุม")
    seats = rng.randint(8, 24)
    roles = ["ประธานสภา", "รองประธานสภา"] + [f"สมาชิกสภา เขต {b.n(rng.randint(1, 6))}" for _ in range(seats - 3)] + ["เลขานุการสภา"]
    members = [[b.n(i), c._person(rng).name, role, "มา" if rng.random() < 0.9 else "ลา"] for i, role in enumerate(roles, start=1)]
    b.table(["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "ลายมือชื่อ"], members)
    b.para(f"เมื่อครบองค์ประชุม ประธานสภาฯ กล่าวเปิดการประชุมเวลา {b.n(rng.choice(('09.15', '09.40', '10.05')))} น.")
    paragraphs = b.rows_for((2, 3), (8, 16), (40, 80))
    for k, item in enumerate(_AGENDA, start=1):
        b.heading(b.n(f"ระเบียบวาระที่ {k} {item}"))
        for _ in range(max(1, paragraphs // len(_AGENDA))):
            said = rng.choice(_DISCUSSION).format(
                fy=b.fiscal(), money=b.n(c._money(rng, 10_000, 9_000_000)), moo=b.n(rng.randint(1, 15)),
                m=b.n(rng.randint(50, 2500)), n=b.n(rng.randint(2, 40)), p=b.n(rng.randint(30, 99)),
                date=b.date(style="full"),
            )
            b.para(f"{rng.choice(_SPEAKERS)} {said}")
        if k >= 4:
            yes = rng.randint(8, 20)
            b.para(b.n(f"มติที่ประชุม เห็นชอบ {yes} เสียง ไม่เห็นชอบ {rng.randint(0, 2)} เสียง งดออกเสียง {rng.randint(0, 2)} เสียง"))
    b.para(f"ปิดประชุมเวลา {b.n(rng.choice(('12.00', '12.30', '15.45', '16.10')))} น.")
    b.signature(title="ผู้จดรายงานการประชุม (เลขานุการสภา)")
    b.para(f"สำนักงานเลขานุการสภา {b.org.name} โทร. {b.office_phone()}")
    return subject, None


MAKERS = {"development_plan": development_plan, "council_minutes": council_minutes}
