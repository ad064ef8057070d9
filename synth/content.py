"""Realistic, labelled Thai local-government documents.

``make_document(rng, doc_type, doc_id=..., size=...)`` returns a :class:`SynthDoc` whose text is
what a เทศบาล/อบต. publishes: announcements with lists of citizens, tax rolls, procurement
summaries, official letters, news, complaint registers. Every identifier planted gets exactly one
:class:`Label`; near-misses (bad checksums, 9-leading numbers, 12/14-digit numbers, bank
accounts, e-GP numbers, document numbers, dates, money, hotlines, postcodes) are planted too and
never labelled, so the benchmark measures false positives as well as misses.

Labelling of ``personal`` follows the domain brief: a citizen's number (in a list, beside a
citizen's name, in a quoted complaint) is personal; an organisation's office line, fax, hotline,
and anything in a letter's or announcement's contact block (even an officer's mobile) is not;
a juristic (0-leading) number in a company context is not.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from functools import lru_cache

from synth import ids
from synth.model import Block, Label, SynthDoc

# pythainlp writes ~/pythainlp-data and reaches for the network unless told not to.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

DOC_TYPES = (
    "allowance_list", "tax_roll", "procurement", "letter", "news", "complaint_register",
    "development_plan", "council_minutes",
)
#: The types that are one big table: the corpus also writes them as spreadsheets/CSV.
TABULAR_TYPES = ("allowance_list", "tax_roll", "procurement", "complaint_register")
SIZES = ("short", "normal", "long")

# --------------------------------------------------------------------------- Thai vocabulary

MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)

# Real provinces, districts, sub-districts, postcodes and landline area codes. pythainlp has
# provinces only; a handful of real districts keeps addresses believable.
_GEO: dict[str, tuple[str, dict[str, tuple[str, tuple[str, ...]]]]] = {
    "นครราชสีมา": ("44", {
        "เมืองนครราชสีมา": ("30000", ("ในเมือง", "หนองจะบก", "หัวทะเล", "บ้านเกาะ", "จอหอ", "โคกกรวด", "หนองระเวียง")),
        "ปักธงชัย": ("30150", ("เมืองปัก", "ตะคุ", "ธงชัยเหนือ", "สุขเกษม", "บ่อปลาทอง", "ภูหลวง", "ตะขบ")),
        "สูงเนิน": ("30170", ("สูงเนิน", "เสมา", "โคราช", "กุดจิก", "มะเกลือเก่า", "มะเกลือใหม่")),
        "ปากช่อง": ("30130", ("ปากช่อง", "กลางดง", "หมูสี", "หนองน้ำแดง", "จันทึก", "วังไทร")),
        "พิมาย": ("30110", ("ในเมือง", "กระชอน", "ชีวาน", "ท่าหลวง", "รังกาใหญ่", "สัมฤทธิ์")),
    }),
    "กระบี่": ("75", {
        "เมืองกระบี่": ("81000", ("ปากน้ำ", "กระบี่ใหญ่", "กระบี่น้อย", "ทับปริก", "ไสไทย", "อ่าวนาง", "หนองทะเล")),
        "อ่าวลึก": ("81110", ("อ่าวลึกใต้", "อ่าวลึกเหนือ", "แหลมสัก", "นาเหนือ", "คลองหิน")),
        "คลองท่อม": ("81120", ("คลองท่อมใต้", "คลองท่อมเหนือ", "คลองพน", "ทรายขาว", "ห้วยน้ำขาว", "พรุดินนา")),
        "เกาะลันตา": ("81150", ("เกาะลันตาใหญ่", "เกาะลันตาน้อย", "ศาลาด่าน", "คลองยาง")),
    }),
    "เชียงใหม่": ("53", {
        "เมืองเชียงใหม่": ("50000", ("ศรีภูมิ", "พระสิงห์", "หายยา", "ช้างม่อย", "ช้างคลาน", "วัดเกต", "ช้างเผือก", "สุเทพ")),
        "สันทราย": ("50210", ("สันทรายหลวง", "สันทรายน้อย", "สันพระเนตร", "หนองหาร", "แม่แฝก")),
        "หางดง": ("50230", ("หางดง", "หนองแก๋ว", "หารแก้ว", "หนองตอง", "ขุนคง", "สบแม่ข่า", "บ้านแหวน")),
        "แม่ริม": ("50180", ("ริมใต้", "ริมเหนือ", "สันโป่ง", "ขี้เหล็ก", "สะลวง", "ห้วยทราย", "แม่แรม", "ดอนแก้ว")),
    }),
    "ขอนแก่น": ("43", {
        "เมืองขอนแก่น": ("40000", ("ในเมือง", "สำราญ", "โคกสี", "ท่าพระ", "บ้านทุ่ม", "เมืองเก่า", "พระลับ", "ศิลา")),
        "บ้านไผ่": ("40110", ("ในเมือง", "เมืองเพีย", "บ้านลาน", "แคนเหนือ", "ภูเหล็ก", "ป่าปอ", "หินตั้ง")),
        "ชุมแพ": ("40130", ("ชุมแพ", "โนนหัน", "นาหนองทุ่ม", "โนนอุดม", "ขัวเรียง", "หนองไผ่", "ไชยสอ")),
    }),
    "อุบลราชธานี": ("45", {
        "เมืองอุบลราชธานี": ("34000", ("ในเมือง", "หัวเรือ", "หนองขอน", "ปทุม", "ขามใหญ่", "แจระแม", "ไร่น้อย", "กระโสบ")),
        "วารินชำราบ": ("34190", ("วารินชำราบ", "ธาตุ", "ท่าลาด", "โนนโหนน", "คูเมือง", "สระสมิง", "คำน้ำแซบ")),
        "เดชอุดม": ("34160", ("เมืองเดช", "นาส่วง", "ไผ่ใหญ่", "ท่าโพธิ์ศรี", "ทุ่งเทิง", "กลาง")),
    }),
    "สงขลา": ("74", {
        "หาดใหญ่": ("90110", ("หาดใหญ่", "ควนลัง", "คูเต่า", "คอหงส์", "คลองแห", "คลองอู่ตะเภา", "ฉลุง", "ทุ่งใหญ่")),
        "เมืองสงขลา": ("90000", ("บ่อยาง", "เขารูปช้าง", "เกาะแต้ว", "พะวง", "ทุ่งหวัง", "เกาะยอ")),
        "สะเดา": ("90120", ("สะเดา", "ปริก", "พังลา", "สำนักแต้ว", "ทุ่งหมอ", "ท่าโพธิ์")),
    }),
    "สุราษฎร์ธานี": ("77", {
        "เมืองสุราษฎร์ธานี": ("84000", ("ตลาด", "มะขามเตี้ย", "วัดประดู่", "ขุนทะเล", "บางใบไม้", "บางชนะ", "คลองน้อย")),
        "เกาะสมุย": ("84140", ("อ่างทอง", "ลิปะน้อย", "ตลิ่งงาม", "หน้าเมือง")),
        "พุนพิน": ("84130", ("ท่าข้าม", "ท่าสะท้อน", "ลีเล็ด", "บางมะเกลือ", "บางงอน", "หนองไทร")),
    }),
    "ชลบุรี": ("38", {
        "เมืองชลบุรี": ("20000", ("บางปลาสร้อย", "มะขามหย่ง", "บ้านโขด", "แสนสุข", "บ้านสวน", "หนองรี", "นาป่า", "ห้วยกะปิ")),
        "ศรีราชา": ("20110", ("ศรีราชา", "สุรศักดิ์", "ทุ่งสุขลา", "บึง", "หนองขาม", "เขาคันทรง", "บางพระ")),
        "บางละมุง": ("20150", ("บางละมุง", "หนองปรือ", "หนองปลาไหล", "โป่ง", "เขาไม้แก้ว", "ห้วยใหญ่", "ตะเคียนเตี้ย")),
    }),
    "พิษณุโลก": ("55", {
        "เมืองพิษณุโลก": ("65000", ("ในเมือง", "วังน้ำคู้", "วัดจันทร์", "วัดพริก", "ท่าทอง", "ท่าโพธิ์", "สมอแข", "บ้านคลอง")),
        "วังทอง": ("65130", ("วังทอง", "พันชาลี", "แม่ระกา", "บ้านกลาง", "วังพิกุล", "แก่งโสภา", "ชัยนาม")),
    }),
    "นครศรีธรรมราช": ("75", {
        "เมืองนครศรีธรรมราช": ("80000", ("ในเมือง", "ท่าวัง", "คลัง", "ท่าไร่", "ปากนคร", "นาทราย", "โพธิ์เสด็จ", "ปากพูน")),
        "ทุ่งสง": ("80110", ("ปากแพรก", "ชะมาย", "หนองหงส์", "ควนกรด", "นาไม้ไผ่", "เขาโร", "กะปาง", "ถ้ำใหญ่")),
    }),
    "บุรีรัมย์": ("44", {
        "เมืองบุรีรัมย์": ("31000", ("ในเมือง", "อิสาณ", "เสม็ด", "บ้านบัว", "สะแกโพรง", "สวายจีก", "บ้านยาง", "พระครู")),
        "นางรอง": ("31110", ("นางรอง", "สะเดา", "ชุมแสง", "ก้านเหลือง", "ถนนหัก", "หนองไทร", "ทุ่งแสงทอง")),
    }),
    "นนทบุรี": ("2", {
        "บางบัวทอง": ("11110", ("โสนลอย", "บางบัวทอง", "บางรักใหญ่", "บางคูรัด", "ละหาร", "ลำโพ", "พิมลราช")),
        "ปากเกร็ด": ("11120", ("ปากเกร็ด", "บางตลาด", "บ้านใหม่", "บางพูด", "บางตะไนย์", "คลองพระอุดม", "เกาะเกร็ด")),
    }),
    "ลำปาง": ("54", {
        "เมืองลำปาง": ("52000", ("เวียงเหนือ", "หัวเวียง", "สวนดอก", "สบตุ๋ย", "พระบาท", "ชมพู", "พิชัย", "บ่อแฮ้ว")),
        "เกาะคา": ("52130", ("ลำปางหลวง", "นาแก้ว", "ไหล่หิน", "วังพร้าว", "ศาลา", "เกาะคา", "ท่าผา")),
    }),
    "ยะลา": ("73", {
        "เมืองยะลา": ("95000", ("สะเตง", "บุดี", "ยุโป", "ลิดล", "ท่าสาป", "ลำใหม่", "หน้าถ้ำ", "ลำพะยา")),
        "เบตง": ("95110", ("เบตง", "ยะรม", "ตาเนาะแมเราะ", "อัยเยอร์เวง", "ธารน้ำทิพย์")),
    }),
    "ราชบุรี": ("32", {
        "เมืองราชบุรี": ("70000", ("หน้าเมือง", "เจดีย์หัก", "ดอนตะโก", "หนองกลางนา", "ห้วยไผ่", "คุ้งน้ำวน", "โคกหม้อ")),
        "บ้านโป่ง": ("70110", ("บ้านโป่ง", "ท่าผา", "กรับใหญ่", "ปากแรต", "หนองกบ", "หนองอ้อ", "สวนกล้วย", "เขาขลุง")),
    }),
    "อุดรธานี": ("42", {
        "เมืองอุดรธานี": ("41000", ("หมากแข้ง", "นิคมสงเคราะห์", "บ้านขาว", "หนองบัว", "บ้านตาด", "โนนสูง", "หมูม่น", "เชียงยืน")),
        "กุมภวาปี": ("41110", ("ตูมใต้", "พันดอน", "เวียงคำ", "แชแล", "เชียงแหว", "ห้วยเกิ้ง", "ปะโค")),
    }),
}

_OFFICES = (
    ("สำนักปลัด", ("งานธุรการ", "งานป้องกันและบรรเทาสาธารณภัย", "งานนิติการ", "งานบริหารทั่วไป")),
    ("กองคลัง", ("งานพัฒนารายได้", "งานการเงินและบัญชี", "งานพัสดุและทรัพย์สิน")),
    ("กองช่าง", ("งานก่อสร้าง", "งานสาธารณูปโภค")),
    ("กองสวัสดิการสังคม", ("งานสังคมสงเคราะห์", "งานพัฒนาชุมชน")),
    ("กองสาธารณสุขและสิ่งแวดล้อม", ("งานส่งเสริมสุขภาพ", "งานรักษาความสะอาด")),
    ("กองการศึกษา ศาสนาและวัฒนธรรม", ("งานส่งเสริมการศึกษา", "งานศูนย์พัฒนาเด็กเล็ก")),
)
_POSITIONS = (
    "นักพัฒนาชุมชนปฏิบัติการ", "นักวิชาการจัดเก็บรายได้ชำนาญการ", "เจ้าพนักงานพัสดุปฏิบัติงาน",
    "นักจัดการงานทั่วไปชำนาญการ", "นักวิเคราะห์นโยบายและแผนปฏิบัติการ", "เจ้าพนักงานธุรการชำนาญงาน",
    "นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "นิติกรชำนาญการ",
)
_HOTLINES = (
    ("ศูนย์บริการข้อมูลภาครัฐเพื่อประชาชน", "1111"), ("ศูนย์ช่วยเหลือสังคม", "1300"),
    ("ศูนย์เอราวัณ (เจ็บป่วยฉุกเฉิน)", "1669"), ("ศูนย์ดำรงธรรม", "1567"),
    ("ศูนย์ป้องกันและบรรเทาสาธารณภัย", "1784"), ("แจ้งเหตุเพลิงไหม้", "199"),
)
_DISABILITIES = (
    "ทางการเห็น", "ทางการได้ยินหรือสื่อความหมาย", "ทางการเคลื่อนไหวหรือทางร่างกาย",
    "ทางจิตใจหรือพฤติกรรม", "ทางสติปัญญา", "ทางการเรียนรู้", "ทางออทิสติก",
)
_BANKS = (
    "ธนาคารกรุงไทย", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.)", "ธนาคารออมสิน",
    "ธนาคารกสิกรไทย", "ธนาคารไทยพาณิชย์", "ธนาคารกรุงเทพ",
)
_CO_A = ("สยาม", "ไทย", "รุ่งเรือง", "เจริญ", "ศรี", "มั่นคง", "ทรัพย์", "โชค", "อุดม", "ธนา", "พูนผล", "เอกชัย")
_CO_B = (
    "ก่อสร้าง", "พัฒนา", "ค้าวัสดุ", "เอ็นจิเนียริ่ง", "ซัพพลาย", "การโยธา", "เทรดดิ้ง", "ปิโตรเลียม",
    "คอนสตรัคชั่น", "ออฟฟิศ", "คอมพิวเตอร์", "อินเตอร์เทรด", "แดรี่",
)
_SHOP = ("การค้า", "พาณิชย์", "วัสดุ", "ก่อสร้าง", "เครื่องเขียน", "ป้ายโฆษณา", "อิงค์เจ็ท", "การไฟฟ้า", "แอร์เซอร์วิส")


@lru_cache(maxsize=None)
def _names() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    def thai_only(names) -> tuple[str, ...]:
        # Sorted: the corpus functions return sets, whose order changes with the hash seed.
        return tuple(sorted(n for n in names if n and 2 <= len(n) <= 14 and all("\u0e00" <= c <= "\u0e7f" for c in n)))

    return thai_only(thai_male_names()), thai_only(thai_female_names()), thai_only(thai_family_names())


@lru_cache(maxsize=None)
def _province_abbr() -> dict[str, str]:
    from pythainlp.corpus import provinces

    return {p["name_th"]: p["abbr_th"] for p in provinces(details=True)}


# --------------------------------------------------------------------------- small pieces


@dataclass(frozen=True, slots=True)
class _Place:
    province: str
    amphoe: str
    tambon: str
    postcode: str
    area: str


@dataclass(frozen=True, slots=True)
class _Org:
    name: str
    head: str
    clerk: str
    code: str
    place: _Place
    phone: str
    fax: str
    domain: str


@dataclass(frozen=True, slots=True)
class _Person:
    title: str
    first: str
    last: str

    @property
    def name(self) -> str:
        return f"{self.title}{self.first} {self.last}"


def _place(rng: random.Random) -> _Place:
    province = rng.choice(sorted(_GEO))
    area, amphoes = _GEO[province]
    amphoe = rng.choice(sorted(amphoes))
    postcode, tambons = amphoes[amphoe]
    return _Place(province, amphoe, rng.choice(tambons), postcode, area)


def _org(rng: random.Random, place: _Place) -> _Org:
    kind = rng.choice(("อบต", "อบต", "อบต", "ทต", "ทต", "ทม", "อบจ"))
    short_amphoe = place.amphoe.removeprefix("เมือง") or place.amphoe
    if kind == "อบต":
        name = f"องค์การบริหารส่วนตำบล{place.tambon}"
        head, clerk, lead = f"นายก{name}", f"ปลัด{name}", "๗"
    elif kind == "ทต":
        name = f"เทศบาลตำบล{place.tambon}"
        head, clerk, lead = f"นายกเทศมนตรีตำบล{place.tambon}", f"ปลัด{name}", "๕"
    elif kind == "ทม":
        name = f"เทศบาลเมือง{short_amphoe}"
        head, clerk, lead = f"นายกเทศมนตรีเมือง{short_amphoe}", f"ปลัด{name}", "๕"
    else:
        name = f"องค์การบริหารส่วนจังหวัด{place.province}"
        head, clerk, lead = f"นายก{name}", f"ปลัด{name}", "๕"
    abbr = _province_abbr().get(place.province, "มท")
    code = f"{abbr} {lead}{ids.to_thai_digits(f'{rng.randint(1000, 9999)}')}"
    phone = ids.landline(rng, area=place.area)
    fax = phone[:-2] + f"{(int(phone[-2:]) + rng.randint(1, 9)) % 100:02d}"
    domain = rng.choice(("go.th", "go.th", "or.th"))
    return _Org(name, head, clerk, code, place, phone, fax, domain)


def _person(rng: random.Random, *, age: str = "adult") -> _Person:
    male, female, family = _names()
    is_male = rng.random() < 0.5
    if age == "child":
        title = "ด.ช." if is_male else "ด.ญ."
    elif is_male:
        title = "นาย"
    else:
        title = rng.choice(("นาง", "นาง", "นางสาว")) if age == "elder" else rng.choice(("นาง", "นางสาว"))
    return _Person(title, rng.choice(male if is_male else female), rng.choice(family))


def _money(rng: random.Random, lo: float, hi: float, *, satang: bool = True) -> str:
    value = rng.uniform(lo, hi)
    value = round(value, 2) if satang and rng.random() < 0.4 else float(round(value / 10) * 10)
    return f"{value:,.2f}"


def _company(rng: random.Random) -> tuple[str, str]:
    """(name, juristic entity kind)."""
    core = rng.choice(_CO_A) + rng.choice(_CO_B)
    if rng.random() < 0.3:
        core += " " + rng.choice(("(2019)", "(ประเทศไทย)", "1999", "99", "กรุ๊ป"))
    roll = rng.random()
    if roll < 0.5:
        return f"บริษัท {core} จำกัด", "company"
    if roll < 0.6:
        return f"บริษัท {core} จำกัด (มหาชน)", "public_company"
    return f"ห้างหุ้นส่วนจำกัด {core}", "limited_partnership"


# --------------------------------------------------------------------------- the builder

# Where a list's ID column comes from. Weighted towards what is common on real sites, but every
# layout appears often enough to be measured.
_TABLE_ID_LAYOUTS = (
    ("contiguous", 30), ("dashed", 25), ("spaced", 8), ("dotted", 3), ("thai_digits", 8),
    ("mixed_digits", 3), ("spread", 5), ("wrapped", 8), ("glued_thai", 6),
)
_PROSE_ID_LAYOUTS = (
    ("contiguous", 20), ("dashed", 25), ("spaced", 8), ("dotted", 2), ("thai_digits", 15),
    ("mixed_digits", 3), ("spread", 3), ("wrapped", 4), ("glued_thai", 15),
)
_PHONE_LAYOUT_WEIGHTS = (
    ("contiguous", 20), ("dashed", 35), ("spaced", 15), ("plus66", 4), ("66", 2), ("thai_digits", 15), ("range", 9),
)
_MASK_POLICIES = (("unmasked", 35), ("x4_back", 14), ("x4_front", 10), ("under", 10), ("strict", 10), ("mixed", 21))
_GLUE_WORDS = ("เลขบัตร", "เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "บัตรประชาชนเลขที่", "เลขที่บัตร")


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


class _Builder:
    """Holds one document's choices (organisation, numerals, layouts, masking) and its labels."""

    def __init__(self, rng: random.Random, doc_type: str, size: str) -> None:
        self.rng = rng
        self.doc_type = doc_type
        self.size = size
        self.place = _place(rng)
        self.org = _org(rng, self.place)
        self.blocks: list[Block] = []
        self.labels: list[Label] = []
        prose = doc_type in ("letter", "news", "council_minutes")
        # Letters are nearly always typed in Thai numerals; lists and tables mostly in Arabic.
        self.thai_numerals = rng.random() < (0.7 if prose else 0.2)
        self.id_layout = _weighted(rng, _PROSE_ID_LAYOUTS if prose else _TABLE_ID_LAYOUTS)
        if self.thai_numerals and rng.random() < 0.6:
            self.id_layout = "thai_digits"
        self.phone_layout = "thai_digits" if self.thai_numerals and rng.random() < 0.7 else _weighted(rng, _PHONE_LAYOUT_WEIGHTS)
        self.policy = _weighted(rng, _MASK_POLICIES)
        self.mask_char = rng.choice("XXXXXxx**×#")
        self.year = rng.choice((2566, 2567, 2567, 2568))

    # ---- numerals, dates

    def n(self, text: object) -> str:
        """Numbers in running text follow the document's numeral style."""
        s = str(text)
        return ids.to_thai_digits(s) if self.thai_numerals else s

    def date(self, *, year: int | None = None, style: str | None = None) -> str:
        rng = self.rng
        y = year or self.year
        d, m = rng.randint(1, 28), rng.randint(1, 12)
        style = style or rng.choice(("full", "full", "abbr", "slash"))
        if style == "full":
            return self.n(f"{d} {MONTHS[m - 1]} {y}")
        if style == "abbr":
            return self.n(f"{d} {MONTHS_ABBR[m - 1]} {y if rng.random() < 0.6 else y % 100:02d}")
        return self.n(f"{d:02d}/{m:02d}/{y}" if rng.random() < 0.6 else f"{d}/{m}/{y % 100:02d}")

    def fiscal(self) -> str:
        return self.n(f"พ.ศ. {self.year + 1}") if self.rng.random() < 0.5 else self.n(f"พ.ศ. {self.year}")

    def doc_no(self, *, circular: bool | None = None) -> str:
        circular = self.rng.random() < 0.5 if circular is None else circular
        num = ids.to_thai_digits(str(self.rng.randint(10, 4999)))
        return f"ที่ {self.org.code}/{'ว ' if circular else ''}{num}"

    def dla_doc_no(self) -> str:
        return "ที่ มท " + ids.to_thai_digits(f"0808.{self.rng.randint(2, 5)}/ว {self.rng.randint(100, 9999)}")

    # ---- masking

    def mask_plan(self, digits: int, *, policy: str | None = None) -> tuple[int, str]:
        """(hidden, where) for one identifier of ``digits`` digits under the document's policy."""
        rng = self.rng
        policy = policy or self.policy
        if policy == "mixed":
            policy = _weighted(rng, (("unmasked", 40), ("x4_back", 20), ("x4_front", 10), ("under", 15), ("strict", 5), ("middle", 10)))
        if policy == "unmasked":
            return 0, "back"
        if policy == "x4_back":
            return (4 if rng.random() < 0.8 else rng.randint(5, 6)), "back"
        if policy == "x4_front":
            return (4 if rng.random() < 0.8 else rng.randint(5, 6)), "front"
        if policy == "under":
            return rng.randint(1, 3), rng.choice(("back", "back", "front", "middle"))
        if policy == "strict":
            return digits - 4, rng.choice(("front", "back"))
        if policy == "middle":
            return rng.randint(4, 5), "middle"
        raise ValueError(policy)

    # ---- planting identifiers (each returns the written text, and records its label)

    def _label(self, kind: str, written: str, hidden: int, personal: bool, layout: str, role: str) -> str:
        status = ids.x4_status(hidden)
        self.labels.append(Label(kind, ids.canonical(kind, written), written, status, personal, layout, role))  # type: ignore[arg-type]
        return written

    def nid(self, value: str, *, layout: str | None = None, hidden: int = 0, where: str = "back",
            personal: bool = True, role: str = "citizen") -> str:
        layout = layout or self.id_layout
        written = ids.layout_national_id(value, layout, self.rng)
        if hidden:
            written = ids.mask_written(written, hidden=hidden, where=where, char=self.mask_char)
        return self._label("national_id", written, hidden, personal, layout, role)

    def citizen_id(self, *, layout: str | None = None, masked: bool = True, vary: float = 0.15) -> str:
        """A citizen's ID in the document's layout (sometimes another) under its masking policy."""
        if layout is None:
            layout = self.id_layout
            if self.rng.random() < vary:
                layout = _weighted(self.rng, _TABLE_ID_LAYOUTS)
        hidden, where = self.mask_plan(13) if masked else (0, "back")
        return self.nid(ids.national_id(self.rng), layout=layout, hidden=hidden, where=where)

    def juristic(self, *, entity: str | None = None, layout: str | None = None, role: str = "company") -> str:
        layout = layout or self.rng.choice(("contiguous", "contiguous", "contiguous", "dashed", "spaced"))
        if self.thai_numerals and self.rng.random() < 0.5:
            layout = "thai_digits"
        return self.nid(ids.juristic_id(self.rng, entity=entity), layout=layout, personal=False, role=role)

    def phone(self, value: str, *, personal: bool, role: str, layout: str | None = None,
              hidden: int = 0, where: str = "back") -> str:
        layouts = ids.phone_layouts_for(value)
        if layout is None or layout not in layouts:
            layout = self.phone_layout if self.phone_layout in layouts else "dashed"
            if self.rng.random() < 0.2:
                layout = _weighted(self.rng, tuple(x for x in _PHONE_LAYOUT_WEIGHTS if x[0] in layouts))
        if personal and layout == "range":
            layout = "dashed"  # a citizen has no switchboard
        if hidden and layout == "range":
            layout = "dashed"  # masking a range would hide its suffix, not the number
        written = ids.layout_phone(value, layout, self.rng)
        if hidden:
            if layout in ("plus66", "66"):
                where = "back"  # masking the front would hide the country code
            written = ids.mask_written(written, hidden=hidden, where=where, char=self.mask_char)
        return self._label("phone", written, hidden, personal, layout, role)

    def citizen_phone(self, *, masked: bool = True) -> str:
        value = ids.mobile(self.rng) if self.rng.random() < 0.9 else ids.landline(self.rng, area=self.place.area)
        hidden, where = 0, "back"
        if masked and self.policy != "unmasked":
            hidden, where = self.mask_plan(len(value))
            where = "back" if where == "middle" else where
        return self.phone(value, personal=True, role="citizen", hidden=hidden, where=where)

    def office_phone(self, *, fax: bool = False, layout: str | None = None) -> str:
        value = self.org.fax if fax else self.org.phone
        if layout is None and not fax and self.rng.random() < 0.2:
            layout = "range"  # offices publish their switchboard as a range: 044-243-129-30
        return self.phone(value, personal=False, role="fax" if fax else "office", layout=layout)

    def officer_mobile(self) -> str:
        return self.phone(ids.mobile(self.rng), personal=False, role="officer")

    def laser(self, *, masked: bool = True) -> str:
        layout = ids.LASER_LAYOUTS[self.rng.choice((0, 0, 1, 2))]
        written = ids.layout_laser(ids.laser_code(self.rng), layout, self.rng)
        hidden = 0
        if masked and self.policy != "unmasked":
            hidden, where = self.mask_plan(10)
            written = ids.mask_written(written, hidden=hidden, where=where, char=self.mask_char)
        return self._label("laser_code", written, hidden, True, layout, "citizen")

    def glued(self, written: str) -> str:
        """Glue a number to a Thai word with no space, as copy-pasted web text often has."""
        return self.rng.choice(_GLUE_WORDS) + written

    # ---- near-misses: never labelled

    def bank_account(self) -> str:
        rng = self.rng
        digits = f"{rng.randint(0, 999):03d}{rng.randint(0, 9)}{rng.randint(0, 99999):05d}{rng.randint(0, 9)}"
        if rng.random() < 0.6:
            return self.n(f"{digits[:3]}-{digits[3]}-{digits[4:9]}-{digits[9]}")
        # A bare 10-digit account starting 0 would be a mobile number: banks' own start 1-9.
        return self.n(str(rng.randint(1, 9)) + digits[1:])

    def egp_project(self) -> str:
        return f"{self.year % 100}{self.rng.randint(1, 12):02d}{self.rng.randint(0, 9999999):07d}"

    def contract_control(self) -> str:
        return f"{self.year % 100}{self.rng.randint(1, 12):02d}{self.rng.randint(0, 99999999):08d}"

    def long_ref(self) -> str:
        return f"{self.year}{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}{self.rng.randint(0, 999999):06d}"

    def hotline(self) -> tuple[str, str]:
        name, number = self.rng.choice(_HOTLINES)
        return name, self.n(number)

    def house_code(self) -> str:
        return self.n(f"{self.rng.randint(1000, 9699)}-{self.rng.randint(0, 999999):06d}-{self.rng.randint(0, 9)}")

    def id_like_distractor(self) -> str:
        """An ID-shaped number that is not an ID: a bad checksum, a reserved first digit 9,
        or a clerk's slip that left 12 or 14 digits."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            value = ids.invalid_national_id(rng)
        elif roll < 0.7:
            value = ids.reserved_national_id(rng)
        elif roll < 0.85:
            value = ids.national_id(rng)[:12]
        else:
            value = ids.national_id(rng) + rng.choice("0123456789")
        if rng.random() < 0.3:
            value = "-".join((value[0], value[1:5], value[5:10], value[10:12], value[12:])).rstrip("-")
        return self.n(value)

    # ---- addresses and blocks

    def address(self, *, short: bool = True) -> str:
        p, rng = self.place, self.rng
        house = f"{rng.randint(1, 399)}" + (f"/{rng.randint(1, 20)}" if rng.random() < 0.25 else "")
        moo = rng.randint(1, 15)
        if short:
            return self.n(f"{house} ม.{moo} ต.{p.tambon} อ.{p.amphoe}")
        return self.n(f"{house} หมู่ {moo} ตำบล{p.tambon} อำเภอ{p.amphoe} จังหวัด{p.province} {p.postcode}")

    def org_address(self) -> str:
        p = self.place
        return self.n(f"ที่ทำการ{self.org.name} หมู่ที่ {self.rng.randint(1, 12)} ตำบล{p.tambon} อำเภอ{p.amphoe} จังหวัด{p.province} {p.postcode}")

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text=text))

    def para(self, text: str) -> None:
        self.blocks.append(Block("paragraph", text=text))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.blocks.append(Block("table", header=header, rows=rows))

    def signature(self, *, title: str | None = None, on_behalf: bool = False) -> None:
        signer = _person(self.rng)
        lines = ["(ลงชื่อ)"] if self.rng.random() < 0.3 else []
        lines.append(f"({signer.name})")
        if on_behalf:
            lines += [f"{self.org.clerk} ปฏิบัติราชการแทน", self.org.head]
        else:
            lines.append(title or self.org.head)
        self.para("\n".join(lines))

    def contact_block(self, *, officer: bool | None = None) -> None:
        """A letter's contact block: office, phone, fax, coordinator. Never personal data."""
        rng = self.rng
        office, units = rng.choice(_OFFICES)
        lines = [office, rng.choice(units)]
        tel = self.office_phone()
        ext = f" ต่อ {self.n(rng.randint(10, 125))}" if rng.random() < 0.4 else ""
        if rng.random() < 0.4:
            lines.append(f"โทร./โทรสาร {tel}{ext}")
        else:
            lines.append(f"{rng.choice(('โทร.', 'โทรศัพท์', 'โทร'))}{rng.choice((' ', ' ', ''))}{tel}{ext}")
            if rng.random() < 0.6:
                lines.append(f"โทรสาร {self.office_phone(fax=True)}")
        if officer if officer is not None else rng.random() < 0.6:
            who = _person(rng)
            # As the references write it: "ผู้ประสานงาน สุภาพร ๐๘ ๗๕๖๘ ๔๘๐๐", with or without "โทร."
            words = ["ผู้ประสานงาน", who.name if rng.random() < 0.6 else who.first, rng.choice(("โทร.", "โทร", ""))]
            lines.append(" ".join(w for w in words if w) + " " + self.officer_mobile())
        if rng.random() < 0.5:
            lines.append(f"ไปรษณีย์อิเล็กทรอนิกส์ saraban@{self.place.postcode}.{self.org.domain}")
        self.para("\n".join(lines))

    def people_table(self, n_rows: int, *, age: str = "elder", extra: str | None = None,
                     amount: tuple[str, ...] | None = None) -> None:
        """The core of allowance lists and attachments: citizens with IDs, addresses, phones."""
        rng = self.rng
        glue = self.id_layout == "glued_thai"
        cols_birth = rng.random() < 0.6
        cols_age = rng.random() < 0.4
        split_address = rng.random() < 0.6
        cols_phone = rng.random() < 0.5
        cols_amount = amount is not None and rng.random() < 0.6
        header = ["ลำดับ", rng.choice(("ชื่อ - สกุล", "ชื่อ-สกุล", "ชื่อ - นามสกุล"))]
        if not glue:
            header.append(rng.choice(("เลขประจำตัวประชาชน", "เลขบัตรประจำตัวประชาชน", "เลขที่บัตรประชาชน")))
        if cols_birth:
            header.append("วัน/เดือน/ปีเกิด")
        if cols_age:
            header.append("อายุ (ปี)")
        header += ["บ้านเลขที่", "หมู่ที่"] if split_address else ["ที่อยู่"]
        if extra:
            header.append(extra)
        if cols_phone:
            header.append(rng.choice(("เบอร์โทรศัพท์", "โทรศัพท์", "เบอร์โทร")))
        if cols_amount:
            header.append("จำนวนเงิน (บาท)")
        header.append("หมายเหตุ")
        rows = []
        for i in range(1, n_rows + 1):
            person = _person(rng, age="child" if age == "mixed" and rng.random() < 0.15 else ("elder" if age == "mixed" else age))
            row = [self.n(i)]
            if glue:
                row.append(f"{person.name} {self.glued(self.citizen_id())}")
            else:
                row.append(person.name)
                if rng.random() < 0.02:
                    row.append(self.id_like_distractor())  # a clerk's typo: not a valid ID, not labelled
                else:
                    row.append(self.citizen_id())
            by = self.year - (rng.randint(60, 95) if age == "elder" else rng.randint(5, 80))
            if cols_birth:
                row.append(self.date(year=by, style=rng.choice(("slash", "abbr"))))
            if cols_age:
                row.append(self.n(self.year - by))
            if split_address:
                row += [self.n(f"{rng.randint(1, 299)}" + (f"/{rng.randint(1, 9)}" if rng.random() < 0.2 else "")), self.n(rng.randint(1, 15))]
            else:
                row.append(self.address())
            if extra == "ประเภทความพิการ":
                row.append(rng.choice(_DISABILITIES))
            if cols_phone:
                row.append(self.citizen_phone() if rng.random() < 0.85 else "-")
            if cols_amount:
                row.append(self.n(rng.choice(amount)))
            remark = rng.choices(("", "รายใหม่", "ย้ายภูมิลำเนาเข้า", "รับเงินสด", "bank", "เสียชีวิต ระงับสิทธิ"), weights=(60, 12, 5, 8, 10, 5))[0]
            if remark == "bank":
                remark = f"โอนเข้าบัญชี {rng.choice(_BANKS)} {self.bank_account()}"
            row.append(remark)
            rows.append(row)
        self.table(header, rows)

    def rows_for(self, short: tuple[int, int], normal: tuple[int, int], long: tuple[int, int]) -> int:
        return self.rng.randint(*{"short": short, "normal": normal, "long": long}[self.size])


# --------------------------------------------------------------------------- document types


_ALLOWANCES = {
    "elderly": ("เบี้ยยังชีพผู้สูงอายุ", "ผู้สูงอายุ", None, "elder", None, ("600", "700", "800", "1,000"),
                "ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. ๒๕๖๖"),
    "disability": ("เบี้ยความพิการ", "คนพิการ", "disability", "mixed", "ประเภทความพิการ", ("800", "1,000"),
                   "ระเบียบกระทรวงมหาดไทยว่าด้วยการจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น พ.ศ. ๒๕๕๓ และที่แก้ไขเพิ่มเติม"),
    "aids": ("เบี้ยยังชีพผู้ป่วยเอดส์", "ผู้ป่วยเอดส์", "health", "adult", None, ("500",),
             "ระเบียบกระทรวงมหาดไทยว่าด้วยการจ่ายเงินสงเคราะห์เพื่อการยังชีพขององค์กรปกครองส่วนท้องถิ่น พ.ศ. ๒๕๔๘"),
}


def _allowance_list(b: _Builder) -> tuple[str, str | None]:
    rng = b.rng
    kind = rng.choices(tuple(_ALLOWANCES), weights=(60, 30, 10))[0]
    what, who, sensitive, age, extra, amounts, regulation = _ALLOWANCES[kind]
    period = rng.choice((f"ประจำปีงบประมาณ {b.fiscal()}", f"ประจำเดือน{MONTHS[rng.randint(0, 11)]} {b.n(b.year)}", f"(รายใหม่) ประจำปีงบประมาณ {b.fiscal()}"))
    subject = rng.choice((
        f"ประกาศรายชื่อผู้มีสิทธิรับเงิน{what} {period}",
        f"รายชื่อ{who}ที่มีสิทธิรับเงิน{what} {period}",
        f"บัญชีรายชื่อผู้ลงทะเบียนขอรับเงิน{what} {period}",
    ))
    title = f"ประกาศ{b.org.name} เรื่อง {subject}"
    b.heading(f"ประกาศ{b.org.name}")
    b.heading(f"เรื่อง {subject}")
    b.para("----------------------------")
    n = b.rows_for((5, 10), (20, 60), (300, 900))
    b.para(
        f"ตามที่{regulation} กำหนดให้{b.org.name}ดำเนินการรับลงทะเบียนและยื่นคำขอรับเงิน{what} "
        f"และตรวจสอบคุณสมบัติของผู้มีสิทธิ นั้น"
    )
    b.para(
        f"บัดนี้ {b.org.name}ได้ดำเนินการตรวจสอบคุณสมบัติของผู้ยื่นคำขอเรียบร้อยแล้ว จึงประกาศรายชื่อ"
        f"ผู้มีสิทธิได้รับเงิน{what} จำนวน {b.n(n)} ราย รายละเอียดดังนี้"
    )
    b.people_table(n, age=age, extra=extra, amount=amounts)
    tel = b.office_phone()
    b.para(
        f"ทั้งนี้ หากผู้ใดมีข้อสงสัยหรือประสงค์จะคัดค้าน ให้ยื่นคำคัดค้านเป็นลายลักษณ์อักษรได้ที่"
        f"{rng.choice(('กองสวัสดิการสังคม', 'สำนักปลัด', 'งานพัฒนาชุมชน'))} {b.org.name} ภายในวันที่ {b.date(style='full')} "
        f"ในวันและเวลาราชการ หรือสอบถามทางโทรศัพท์หมายเลข {tel}"
    )
    b.para(f"ประกาศ ณ วันที่ {b.date(style='full')}")
    b.signature()
    return title, sensitive


def _tax_roll(b: _Builder) -> tuple[str, str | None]:
    rng = b.rng
    land = rng.random() < 0.7
    tax = "ภาษีที่ดินและสิ่งปลูกสร้าง" if land else "ภาษีป้าย"
    subject = rng.choice((
        f"รายชื่อผู้ค้างชำระ{tax} ประจำปี {b.n(f'พ.ศ. {b.year}')}",
        f"บัญชีรายชื่อผู้มีหน้าที่เสีย{tax}ที่ยังมิได้ชำระภาษี ประจำปี {b.n(b.year)}",
        f"ประกาศรายชื่อผู้ชำระ{tax} ประจำปี {b.n(f'พ.ศ. {b.year}')}",
    ))
    title = f"ประกาศ{b.org.name} เรื่อง {subject}"
    b.heading(f"ประกาศ{b.org.name}")
    b.heading(f"เรื่อง {subject}")
    law = "พระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. ๒๕๖๒" if land else "พระราชบัญญัติภาษีป้าย พ.ศ. ๒๕๑๐ และที่แก้ไขเพิ่มเติม"
    b.para(
        f"ตามที่{b.org.name}ได้แจ้งการประเมินภาษีให้ผู้มีหน้าที่เสียภาษีทราบแล้ว อาศัยอำนาจตาม{law} "
        f"จึงขอประกาศรายชื่อผู้มีหน้าที่เสียภาษีที่ยังมิได้ชำระภาษีภายในกำหนด ดังบัญชีแนบท้ายประกาศนี้"
    )
    cols_phone = rng.random() < 0.4
    header = ["ลำดับ", "ชื่อผู้เสียภาษี", rng.choice(("เลขประจำตัวผู้เสียภาษี", "เลขประจำตัวประชาชน/เลขทะเบียนนิติบุคคล", "เลขบัตรประชาชน")),
              "รายการทรัพย์สิน" if land else "รายการป้าย", "ประเภท", "จำนวนเงินภาษี (บาท)"]
    if cols_phone:
        header.append("โทรศัพท์")
    header.append(rng.choice(("หมายเหตุ", "สถานะ")))
    rows = []
    for i in range(1, b.rows_for((5, 10), (15, 50), (300, 800)) + 1):
        is_company = rng.random() < 0.3
        if is_company:
            name, entity = _company(rng)
            number = b.juristic(entity=entity)
        else:
            person = _person(rng)
            name = person.name
            if rng.random() < 0.15:
                name = f"ร้าน{person.first}{rng.choice(_SHOP)} ({person.name})"
            number = b.citizen_id() if rng.random() > 0.02 else b.id_like_distractor()
        if land:
            deed = rng.choice(("โฉนดเลขที่", "น.ส.๓ ก. เลขที่" if b.thai_numerals else "น.ส.3 ก. เลขที่", "โฉนดที่ดินเลขที่"))
            asset = b.n(f"{deed} {rng.randint(1000, 99999)} เลขที่ดิน {rng.randint(1, 400)} หน้าสำรวจ {rng.randint(100, 9999)}")
            use = rng.choice(("เกษตรกรรม", "ที่อยู่อาศัย", "อื่น ๆ (พาณิชยกรรม)", "ทิ้งไว้ว่างเปล่า"))
            amount = _money(rng, 1000, 2_500_000) if is_company else _money(rng, 20, 60000)
        else:
            w, h = rng.choice((50, 80, 100, 120, 150)), rng.choice((100, 120, 200, 240, 300))
            asset = b.n(f"ป้ายประเภท {rng.randint(1, 3)} ขนาด {w} x {h} ซม. จำนวน {rng.randint(1, 4)} ป้าย")
            use = rng.choice(("ป้ายอักษรไทยล้วน", "ป้ายอักษรไทยปนอักษรต่างประเทศ", "ป้ายไม่มีอักษรไทย"))
            amount = _money(rng, 200, 30000, satang=False)
        row = [b.n(i), name, number, asset, use, b.n(amount)]
        if cols_phone:
            if rng.random() < 0.7:
                row.append(b.phone(ids.landline(rng, area=b.place.area) if rng.random() < 0.5 else ids.mobile(rng), personal=False, role="company")
                           if is_company else b.citizen_phone())
            else:
                row.append("")
        status = rng.choice(("ค้างชำระ", "ค้างชำระ", "ผ่อนชำระ งวดที่ ๒" if b.thai_numerals else "ผ่อนชำระ งวดที่ 2", "ชำระแล้ว", "ref"))
        if status == "ref":
            status = f"เลขที่อ้างอิง {b.n(b.long_ref())}"
        row.append(status)
        rows.append(row)
    b.table(header, rows)
    b.para(
        f"ผู้มีรายชื่อตามบัญชีข้างต้น โปรดติดต่อชำระภาษีได้ที่กองคลัง งานพัฒนารายได้ {b.org.name} "
        f"ภายในวันที่ {b.date(style='full')} หากพ้นกำหนดจะต้องเสียเงินเพิ่มตามกฎหมาย สอบถามโทร. {b.office_phone()}"
    )
    if rng.random() < 0.5:
        b.para(f"ชำระผ่านธนาคารได้ที่ {rng.choice(_BANKS)} ชื่อบัญชี {b.org.name} เลขที่บัญชี {b.bank_account()}")
    b.para(f"ประกาศ ณ วันที่ {b.date(style='full')}")
    b.signature()
    return title, None


_WORKS = (
    "จัดซื้อวัสดุสำนักงาน", "จัดซื้อวัสดุคอมพิวเตอร์", "จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น",
    "จัดซื้ออาหารเสริม (นม) โรงเรียน", "จ้างเหมาบริการรถโดยสารปรับอากาศ", "จ้างทำป้ายไวนิลประชาสัมพันธ์",
    "จ้างเหมาจัดเตรียมอาหารกลางวันศูนย์พัฒนาเด็กเล็ก", "จ้างซ่อมแซมรถบรรทุกขยะ หมายเลขทะเบียน 82-5914",
    "จ้างเหมาบริการบุคคลปฏิบัติงานทำความสะอาด", "จ้างเหมาบริการบุคคลปฏิบัติงานประจำรถบรรทุกน้ำ",
)


def _procurement_work(b: _Builder) -> str:
    rng = b.rng
    if rng.random() < 0.45:
        return b.n(
            f"จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้าน{rng.choice(_GEO[b.place.province][1][b.place.amphoe][1])} หมู่ที่ {rng.randint(1, 15)} "
            f"กว้าง {rng.choice((3, 4, 5))} เมตร ยาว {rng.randint(50, 400)} เมตร หนา 0.15 เมตร"
        )
    return b.n(rng.choice(_WORKS))


def _vendor(b: _Builder) -> tuple[str, str, bool]:
    """(display name, the vendor's number written, is_person)."""
    rng = b.rng
    roll = rng.random()
    if roll < 0.6:
        name, entity = _company(rng)
        return name, b.juristic(entity=entity), False
    person = _person(rng)
    if roll < 0.8:
        name = f"ร้าน{person.first}{rng.choice(_SHOP)} โดย{person.name}"
    else:
        name = person.name
    written = b.citizen_id(masked=rng.random() < 0.3)
    return name, written, True


def _procurement(b: _Builder) -> tuple[str, str | None]:
    rng = b.rng
    if rng.random() < 0.6:
        return _procurement_summary(b)
    return _procurement_winner(b)


def _procurement_summary(b: _Builder) -> tuple[str, str | None]:
    rng = b.rng
    month = rng.randint(0, 11)
    subject = f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน{MONTHS[month]} {b.n(f'พ.ศ. {b.year}')}"
    title = f"แบบ สขร.{b.n(1)} {subject} {b.org.name}"
    b.heading(f"แบบ สขร.{b.n(1)}")
    b.heading(subject)
    b.heading(f"{b.org.name} อำเภอ{b.place.amphoe} จังหวัด{b.place.province}")
    header = ["ลำดับที่", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง (บาท)", "ราคากลาง (บาท)", "วิธีซื้อหรือจ้าง",
              "รายชื่อผู้เสนอราคาและราคาที่เสนอ", "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
              "เหตุผลที่คัดเลือกโดยสังเขป", "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"]
    rows = []
    for i in range(1, b.rows_for((3, 6), (8, 30), (200, 500)) + 1):
        work = _procurement_work(b)
        if rng.random() < 0.4:
            work += f" (เลขที่โครงการ {b.egp_project()})"
        budget = rng.uniform(3000, 2_000_000)
        price = budget * rng.uniform(0.85, 1.0)
        name, number, _ = _vendor(b)
        offered = f"{name} ราคา {b.n(f'{price:,.2f}')} บาท"
        method = rng.choice(("เฉพาะเจาะจง", "เฉพาะเจาะจง", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "คัดเลือก"))
        if rng.random() < 0.5:
            winner = f"{name}\nเลขประจำตัวผู้เสียภาษี {number}\nราคา {b.n(f'{price:,.2f}')} บาท"
        else:
            winner = f"{name} ({number}) ราคา {b.n(f'{price:,.2f}')} บาท"
        contract = rng.choice(("สัญญาจ้างเลขที่", "ใบสั่งซื้อเลขที่", "ใบสั่งจ้างเลขที่", "สัญญาซื้อขายเลขที่"))
        contract = b.n(f"{contract} {rng.randint(1, 350)}/{b.year} ลงวันที่ ") + b.date(style="abbr")
        if rng.random() < 0.3:
            contract += f" เลขคุมสัญญา {b.contract_control()}"
        rows.append([b.n(i), work, b.n(f"{budget:,.2f}"), b.n(f"{budget:,.2f}"), method, offered, winner,
                     rng.choice(("ราคาต่ำสุดและมีคุณสมบัติครบถ้วน", "เป็นผู้มีอาชีพขายหรือรับจ้างโดยตรง", "เสนอราคาต่ำสุด")), contract])
    b.table(header, rows)
    b.para(f"ข้อมูล ณ วันที่ {b.date(style='full')}")
    b.signature(title=f"เจ้าหน้าที่พัสดุ {b.org.name}" if rng.random() < 0.5 else None)
    return title, None


def _procurement_winner(b: _Builder) -> tuple[str, str | None]:
    rng = b.rng
    work = _procurement_work(b)
    method = rng.choice(("วิธีเฉพาะเจาะจง", "วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "วิธีคัดเลือก"))
    subject = f"ประกาศผู้ชนะการเสนอราคา {work} โดย{method}"
    title = f"ประกาศ{b.org.name} เรื่อง {subject}"
    b.heading(f"ประกาศ{b.org.name}")
    b.heading(f"เรื่อง {subject}")
    b.para("--------------------------------------------")
    price = rng.uniform(50_000, 4_900_000)
    b.para(
        f"ตามที่{b.org.name} ได้มีโครงการ{work} โดย{method} นั้น"
        + (f" (เลขที่โครงการ {b.egp_project()})" if rng.random() < 0.6 else "")
    )
    name, number, is_person = _vendor(b)
    kind = rng.choice(("ผู้ประกอบการ", "ผู้ให้บริการ", "ผู้ขายส่ง", "ผู้ผลิต"))
    baht = f"{price:,.2f}"
    from pythainlp.util import bahttext

    b.para(
        f"{rng.choice(('ผู้ได้รับการคัดเลือก ได้แก่', 'ผู้เสนอราคาที่ชนะการเสนอราคา ได้แก่'))} {name} ({kind}) "
        f"{rng.choice(('เลขประจำตัวผู้เสียภาษี', 'เลขประจำตัวผู้เสียภาษีอากร'))} {number} "
        f"โดยเสนอราคาเป็นเงินทั้งสิ้น {b.n(baht)} บาท ({bahttext(round(price, 2))}) "
        f"รวมภาษีมูลค่าเพิ่มและภาษีอื่น ค่าขนส่ง ค่าจดทะเบียน และค่าใช้จ่ายอื่น ๆ ทั้งปวง"
    )
    if is_person and rng.random() < 0.5:
        b.para(f"ที่อยู่ {b.address(short=False)} โทร. {b.citizen_phone(masked=False)}")
    if rng.random() < 0.4:
        b.para(f"{b.org.name} เลขประจำตัวผู้เสียภาษีอากรของหน่วยงาน {b.juristic(entity='agency', role='agency')}")
    if rng.random() < 0.5:
        b.para(
            f"ให้ผู้ชนะการเสนอราคานำหลักประกันสัญญาในอัตราร้อยละ {b.n(5)} ของราคาค่าจ้าง เป็นเงิน "
            f"{b.n(f'{price * 0.05:,.2f}')} บาท มาวาง โดยโอนเข้าบัญชี{rng.choice(_BANKS)} ชื่อบัญชี เงินรับฝาก{b.org.name} "
            f"เลขที่บัญชี {b.bank_account()} ภายใน {b.n(7)} วัน นับถัดจากวันที่ได้รับแจ้ง"
        )
    b.para(f"ประกาศ ณ วันที่ {b.date(style='full')}")
    b.signature()
    b.para(f"{b.dla_doc_no()} (หนังสือสั่งการอ้างอิง) สอบถามรายละเอียดได้ที่ งานพัสดุ กองคลัง โทร. {b.office_phone()}")
    return title, None


_PDPC_BODY = (
    "ด้วย{sender}ได้รับแจ้งจากกรมส่งเสริมการปกครองท้องถิ่นว่า สำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล (สคส.) "
    "โดยศูนย์ PDPC Eagle Eye ได้ตรวจพบการเปิดเผยข้อมูลส่วนบุคคลของประชาชนบนเว็บไซต์ขององค์กรปกครองส่วนท้องถิ่นเป็นจำนวนมาก "
    "ซึ่งมีสาเหตุมาจากการเปิดเผยข้อมูลส่วนบุคคลเกินความจำเป็น เช่น ชื่อ - นามสกุล ที่อยู่ เบอร์โทรศัพท์ และเลขประจำตัวประชาชน"
)
_PDPC_ASK = (
    "เพื่อให้การคุ้มครองข้อมูลส่วนบุคคลเป็นไปตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒ จึงขอให้{to}ตรวจสอบ"
    "การเผยแพร่ข้อมูลส่วนบุคคลบนเว็บไซต์ แพลตฟอร์ม หรือช่องทางต่าง ๆ ของหน่วยงาน หากพบว่ามีการเปิดเผยข้อมูลในลักษณะดังกล่าว "
    "ขอให้ยุติการเผยแพร่ในทันที และในการเผยแพร่ข้อมูลส่วนบุคคลของประชาชนต้องมีการพรางหมายเลขต่าง ๆ "
    "ที่สามารถระบุถึงตัวบุคคลด้วย X๔ เพื่อป้องกันการนำข้อมูลส่วนบุคคลของประชาชนไปใช้โดยมิชอบ"
)


def _letter(b: _Builder) -> tuple[str, str | None]:
    rng = b.rng
    variant = rng.choice(("pdpa", "complaint_reply", "coordinator", "verify", "meeting", "tax_notice"))
    to_citizen = variant in ("complaint_reply", "tax_notice")
    citizen = _person(rng)
    if rng.random() < 0.3:
        b.para("ด่วนที่สุด" if rng.random() < 0.5 else "ด่วน")
    b.para(f"{b.doc_no(circular=not to_citizen and rng.random() < 0.6)}\n{b.org_address()}")
    b.para(b.date(style="full"))
    subject = {
        "pdpa": "ขอความร่วมมือตรวจสอบและระงับการเผยแพร่ข้อมูลส่วนบุคคลบนเว็บไซต์ของหน่วยงาน",
        "complaint_reply": "แจ้งผลการพิจารณาเรื่องร้องเรียน",
        "coordinator": "ส่งรายชื่อผู้ประสานงานด้านการคุ้มครองข้อมูลส่วนบุคคล",
        "verify": "ขอความอนุเคราะห์ตรวจสอบข้อมูลทะเบียนราษฎรของผู้มีสิทธิรับเงินเบี้ยยังชีพ",
        "meeting": "ขอเชิญประชุมประชาคมเพื่อจัดทำแผนพัฒนาท้องถิ่น",
        "tax_notice": "แจ้งเตือนให้ชำระภาษีที่ดินและสิ่งปลูกสร้าง",
    }[variant]
    title = f"เรื่อง {subject}"
    b.para(f"เรื่อง {subject}")
    if to_citizen:
        b.para(f"เรียน {citizen.name}")
    else:
        b.para(rng.choice((
            f"เรียน นายอำเภอ{b.place.amphoe}",
            "เรียน นายกเทศมนตรีตำบลทุกแห่ง นายกองค์การบริหารส่วนตำบลทุกแห่ง",
            f"เรียน ท้องถิ่นจังหวัด{b.place.province}",
            "เรียน ผู้ใหญ่บ้านทุกหมู่บ้าน",
        )))
    if rng.random() < 0.5:
        b.para(f"อ้างถึง หนังสือ{'ของท่าน' if to_citizen else 'กรมส่งเสริมการปกครองท้องถิ่น ด่วนที่สุด ' + b.dla_doc_no()} ลงวันที่ {b.date(style='full')}")
    if rng.random() < 0.4:
        b.para(f"สิ่งที่ส่งมาด้วย สำเนาหนังสือ{'จังหวัด' + b.place.province} จำนวน {b.n(1)} ชุด")

    if variant == "pdpa":
        sender = f"อำเภอ{b.place.amphoe}" if rng.random() < 0.5 else b.org.name
        b.para(_PDPC_BODY.format(sender=sender))
        b.para(_PDPC_ASK.format(to="หน่วยงานของท่าน"))
        if rng.random() < 0.5:
            # The PDPC's own poster example: masked and no one's number.
            example_value = "1234567890121" if rng.random() < 0.5 else "0123456789012"
            front = ids.mask_written(example_value, hidden=4, where="front")
            b.para("ตัวอย่างการพรางเลขประจำตัวประชาชน " + b._label("national_id", front, 4, False, "contiguous", "example"))
        if rng.random() < 0.5:
            b.para(
                f"ทั้งนี้ ขอให้แจ้งผลการดำเนินการให้{b.org.name}ทราบ ภายในวันที่ {b.date(style='full')} "
                f"โดยสามารถส่งทางไปรษณีย์อิเล็กทรอนิกส์ saraban@{b.place.postcode}.{b.org.domain}"
            )
    elif variant == "complaint_reply":
        b.para(
            f"ตามที่ท่านได้ยื่นเรื่องร้องเรียนต่อ{b.org.name} เมื่อวันที่ {b.date(style='full')} "
            f"กรณี{rng.choice(('ถนนชำรุดเสียหาย', 'ไฟฟ้าส่องสว่างสาธารณะดับ', 'เหตุเดือดร้อนรำคาญจากกลิ่นฟาร์มสุกร', 'การจัดเก็บขยะมูลฝอยไม่ต่อเนื่อง', 'น้ำประปาไม่ไหล'))} "
            f"บริเวณหมู่ที่ {b.n(rng.randint(1, 15))} ตำบล{b.place.tambon} นั้น"
        )
        glue = rng.random() < 0.3
        id_written = b.citizen_id(masked=rng.random() < 0.3, layout="glued_thai" if glue else None)
        id_text = b.glued(id_written) if glue else f"เลขประจำตัวประชาชน {id_written}"
        laser = f" เลขหลังบัตร {b.laser(masked=False)}" if rng.random() < 0.25 else ""
        b.para(
            f"{b.org.name}ได้ตรวจสอบข้อเท็จจริงตามคำร้องของผู้ร้อง ({citizen.name} {id_text}{laser} "
            f"ที่อยู่ {b.address(short=False)} โทร.{rng.choice((' ', ''))}{b.citizen_phone(masked=rng.random() < 0.3)}) แล้ว "
            f"และได้มอบหมายให้{rng.choice(_OFFICES)[0]}ดำเนินการแก้ไขให้แล้วเสร็จภายในวันที่ {b.date(style='full')}"
        )
    elif variant == "coordinator":
        b.para(
            f"ตามที่{'กรมส่งเสริมการปกครองท้องถิ่น'} ขอให้องค์กรปกครองส่วนท้องถิ่นแต่งตั้งผู้ประสานงานประจำหน่วยงาน "
            f"เพื่อเป็นเครือข่ายในการสอดส่องดูแลและประสานงานเกี่ยวกับการคุ้มครองข้อมูลส่วนบุคคลกับ สคส. นั้น"
        )
        officer = _person(rng)
        b.para(
            f"{b.org.name}ขอแจ้งรายชื่อผู้ประสานงาน ได้แก่ {officer.name} ตำแหน่ง {rng.choice(_POSITIONS)} "
            f"โทรศัพท์ {b.officer_mobile()} ไปรษณีย์อิเล็กทรอนิกส์ {rng.choice(('pdpa', 'it', 'admin'))}@{b.place.postcode}.{b.org.domain}"
        )
    elif variant == "verify":
        b.para(
            f"ด้วย{b.org.name}อยู่ระหว่างตรวจสอบคุณสมบัติผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ ประจำปีงบประมาณ {b.fiscal()} "
            f"พบว่ามีผู้มีสิทธิบางรายที่ข้อมูลทะเบียนราษฎรไม่ตรงกับฐานข้อมูล จึงขอความอนุเคราะห์ตรวจสอบข้อมูล ดังนี้"
        )
        n = b.rows_for((1, 3), (2, 6), (300, 700))
        if n <= 6:
            for i in range(1, n + 1):
                p = _person(rng, age="elder")
                b.para(f"{b.n(i)}. {p.name} เลขประจำตัวประชาชน {b.citizen_id()} ที่อยู่ {b.address()}")
        else:
            b.para("รายละเอียดตามบัญชีรายชื่อแนบท้ายหนังสือฉบับนี้")
            b.people_table(n, age="elder")
        if rng.random() < 0.3:
            b.para(f"รหัสประจำบ้าน {b.house_code()} (กรณีย้ายที่อยู่)")
    elif variant == "meeting":
        b.para(
            f"ด้วย{b.org.name}กำหนดจัดประชุมประชาคมเพื่อจัดทำแผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐) เพิ่มเติม "
            f"ในวันที่ {b.date(style='full')} เวลา {b.n('09.00 - 12.00')} น. ณ ห้องประชุม{b.org.name}"
        )
        b.para("จึงขอเชิญท่านเข้าร่วมประชุมตามวัน เวลา และสถานที่ดังกล่าว หากไม่สามารถเข้าร่วมได้ กรุณาแจ้งล่วงหน้า")
    else:  # tax_notice
        b.para(
            f"ตามที่{b.org.name}ได้แจ้งการประเมินภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี {b.n(b.year)} "
            f"สำหรับที่ดิน โฉนดเลขที่ {b.n(rng.randint(1000, 99999))} ของท่าน "
            f"(เลขประจำตัวผู้เสียภาษี {b.citizen_id(masked=False)}) เป็นเงิน {b.n(_money(rng, 100, 20000))} บาท นั้น"
        )
        b.para(
            f"ปรากฏว่าจนถึงบัดนี้ท่านยังมิได้ชำระภาษี จึงขอให้ท่านชำระภาษีภายใน {b.n(30)} วัน "
            f"นับแต่วันที่ได้รับหนังสือฉบับนี้ หรือชำระผ่าน{rng.choice(_BANKS)} เลขที่บัญชี {b.bank_account()} "
            f"เลขที่อ้างอิง {b.n(b.long_ref())}"
        )
    b.para(rng.choice(("จึงเรียนมาเพื่อโปรดทราบ", "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการต่อไป", "จึงเรียนมาเพื่อโปรดทราบและดำเนินการในส่วนที่เกี่ยวข้องต่อไป")))
    b.para("ขอแสดงความนับถือ")
    b.signature(on_behalf=rng.random() < 0.3)
    b.contact_block()
    return title, None


_NEWS = (
    ("rabies", "ประชาสัมพันธ์โครงการสัตว์ปลอดโรค คนปลอดภัย จากโรคพิษสุนัขบ้า",
     "{org} ขอเชิญชวนประชาชนที่เลี้ยงสุนัขและแมว นำสัตว์เลี้ยงมารับการฉีดวัคซีนป้องกันโรคพิษสุนัขบ้าโดยไม่เสียค่าใช้จ่าย "
     "ตั้งแต่วันที่ {d1} ถึงวันที่ {d2} เวลา {t} น. ณ ศาลาประชาคมหมู่บ้านทุกหมู่บ้าน"),
    ("elderly", "ประชาสัมพันธ์การลงทะเบียนผู้สูงอายุรายใหม่",
     "{org} ขอประชาสัมพันธ์ให้ผู้ที่จะมีอายุครบ ๖๐ ปีบริบูรณ์ ในปีงบประมาณ {fy} มาลงทะเบียนเพื่อขอรับเงินเบี้ยยังชีพผู้สูงอายุ "
     "ได้ตั้งแต่วันที่ {d1} ถึงวันที่ {d2} ในวันและเวลาราชการ โดยนำบัตรประจำตัวประชาชน ทะเบียนบ้าน และสมุดบัญชีเงินฝากธนาคารมาด้วย"),
    ("tax", "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี {year}",
     "{org} ขอแจ้งให้ผู้มีหน้าที่เสียภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย ชำระภาษีภายในเดือน{month} {year} "
     "หากชำระภาษีเกินกำหนดจะต้องเสียเบี้ยปรับและเงินเพิ่มตามที่กฎหมายกำหนด ปีนี้มีผู้ชำระแล้วกว่า {count} ราย เป็นเงิน {money} บาท"),
    ("dengue", "รณรงค์ป้องกันและควบคุมโรคไข้เลือดออก",
     "{org} ร่วมกับโรงพยาบาลส่งเสริมสุขภาพตำบล และอาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) ออกพ่นหมอกควันกำจัดยุงลาย "
     "และแจกทรายอะเบท ระหว่างวันที่ {d1} ถึง {d2} โดยใช้งบประมาณ {money} บาท"),
    ("water", "แจ้งงดจ่ายน้ำประปาชั่วคราว",
     "{org} ขอแจ้งงดจ่ายน้ำประปาชั่วคราว ในวันที่ {d1} เวลา {t} น. เนื่องจากซ่อมแซมท่อเมนประปาที่ชำรุด "
     "บริเวณหมู่ที่ {moo} ขออภัยในความไม่สะดวกมา ณ โอกาสนี้"),
    ("child", "รับสมัครเด็กเล็กเข้าศูนย์พัฒนาเด็กเล็ก ปีการศึกษา {year}",
     "{org} เปิดรับสมัครเด็กที่มีอายุ ๒ ปีบริบูรณ์ ขึ้นไป (เกิดก่อนวันที่ {d1}) เข้าเรียนในศูนย์พัฒนาเด็กเล็ก "
     "รับสมัครตั้งแต่วันที่ {d2} เป็นต้นไป จำนวนจำกัด {count} คน"),
)


def _news(b: _Builder) -> tuple[str, str | None]:
    rng = b.rng
    key, headline, body = rng.choice(_NEWS)
    fmt = dict(
        org=b.org.name, d1=b.date(style="full"), d2=b.date(style="full"), t=b.n(rng.choice(("08.30 - 16.30", "09.00 - 12.00", "13.00 - 15.00"))),
        fy=b.fiscal(), year=b.n(b.year), month=MONTHS[rng.randint(0, 11)], count=b.n(f"{rng.randint(50, 3000):,}"),
        money=b.n(_money(rng, 5000, 3_000_000)), moo=b.n(rng.randint(1, 15)),
    )
    headline = headline.format(**fmt)
    title = f"ข่าวประชาสัมพันธ์ {b.org.name}: {headline}"
    b.heading("ข่าวประชาสัมพันธ์")
    b.heading(headline)
    b.para(f"{b.org.name} อำเภอ{b.place.amphoe} จังหวัด{b.place.province} {b.date(style='full')}")
    b.para(body.format(**fmt))
    name, number = b.hotline()
    b.para(f"หากพบเหตุหรือต้องการความช่วยเหลือ ติดต่อ{name} โทร {number} ตลอด ๒๔ ชั่วโมง")
    if key == "tax" and rng.random() < 0.7:
        # The lucky-draw list: citizens' phones, masked or not by the clerk's habit.
        b.para("ประกาศรายชื่อผู้โชคดีจากการชำระภาษีตรงเวลา ดังนี้")
        rows = [[b.n(i), _person(rng).name, b.citizen_phone(), rng.choice(("พัดลม", "หม้อหุงข้าว", "กระติกน้ำร้อน", "ข้าวสาร ๕ กก."))]
                for i in range(1, b.rows_for((3, 5), (5, 15), (300, 500)) + 1)]
        b.table(["ลำดับ", "ชื่อ - สกุล", "หมายเลขโทรศัพท์", "ของรางวัล"], rows)
    elif b.size == "long":
        b.para("รายชื่อผู้ลงทะเบียนแล้ว ดังนี้")
        b.people_table(b.rows_for((0, 0), (0, 0), (300, 600)), age="elder")
    contact = rng.random()
    if contact < 0.5:
        officer = _person(rng)
        b.para(f"ติดต่อสอบถามได้ที่ {officer.name} {rng.choice(_POSITIONS)} โทร {b.officer_mobile()} หรือ{rng.choice(_OFFICES)[0]} โทร. {b.office_phone()}")
    else:
        b.para(f"สอบถามรายละเอียดเพิ่มเติมได้ที่ {rng.choice(_OFFICES)[0]} {b.org.name} โทร. {b.office_phone()}"
               + (f" โทรสาร {b.office_phone(fax=True)}" if rng.random() < 0.4 else "") + f" หรือสายด่วน {b.n('1111')}")
    if rng.random() < 0.3:
        b.para(f"Facebook: {b.org.name} | รหัสไปรษณีย์ {b.n(b.place.postcode)}")
    return title, None


_COMPLAINTS = (
    "ถนนลูกรังชำรุดเป็นหลุมบ่อ", "ไฟฟ้าส่องสว่างดับ", "ขอให้ตัดกิ่งไม้ที่กีดขวางสายไฟ", "กลิ่นเหม็นจากฟาร์มไก่",
    "เสียงดังจากการก่อสร้างในเวลากลางคืน", "ขยะตกค้างไม่มีผู้จัดเก็บ", "น้ำประปาขุ่น", "สุนัขจรจัดทำร้ายประชาชน",
    "ขอรับความช่วยเหลือผู้ประสบอุทกภัย", "ท่อระบายน้ำอุดตัน",
)


def _complaint_register(b: _Builder) -> tuple[str, str | None]:
    rng = b.rng
    subject = f"ทะเบียนรับเรื่องร้องเรียน/ร้องทุกข์ ประจำปีงบประมาณ {b.fiscal()}"
    title = f"{subject} {b.org.name}"
    b.heading(subject)
    b.heading(f"ศูนย์รับเรื่องร้องเรียน/ร้องทุกข์ {b.org.name}")
    with_laser = rng.random() < 0.5
    with_id = rng.random() < 0.8
    header = ["ที่", "วัน เดือน ปี", "ชื่อ - สกุล ผู้ร้อง"]
    if with_id:
        header.append("เลขประจำตัวประชาชน")
    if with_laser:
        header.append(rng.choice(("เลขหลังบัตร (Laser ID)", "Laser Code", "เลขหลังบัตรประชาชน")))
    header += ["ที่อยู่", "โทรศัพท์", "ช่องทาง", "เรื่องร้องเรียน", "ผลการดำเนินการ"]
    rows = []
    for i in range(1, b.rows_for((4, 8), (10, 40), (300, 600)) + 1):
        person = _person(rng)
        row = [b.n(i), b.date(style=rng.choice(("slash", "abbr"))), person.name]
        if with_id:
            row.append(b.citizen_id() if rng.random() < 0.9 else "-")
        if with_laser:
            row.append(b.laser() if rng.random() < 0.85 else "")
        row.append(b.address())
        row.append(b.citizen_phone())
        row.append(rng.choice(("มาด้วยตนเอง", "โทรศัพท์", "Line OA", "เว็บไซต์", "ศูนย์ดำรงธรรม", "Facebook")))
        row.append(rng.choice(_COMPLAINTS))
        row.append(rng.choice(("ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ส่งเรื่องให้กองช่างดำเนินการ", "แจ้งหน่วยงานที่เกี่ยวข้อง")))
        rows.append(row)
    b.table(header, rows)
    b.para(f"ร้องเรียนได้ที่ {b.org.name} โทร. {b.office_phone()} หรือสายด่วน {b.hotline()[1]}")
    b.signature(title=f"หัวหน้า{rng.choice(_OFFICES)[0]}")
    return title, None


_MAKERS = {
    "allowance_list": _allowance_list,
    "tax_roll": _tax_roll,
    "procurement": _procurement,
    "letter": _letter,
    "news": _news,
    "complaint_register": _complaint_register,
}


def make_document(rng: random.Random, doc_type: str, *, doc_id: str, size: str = "normal") -> SynthDoc:
    """A labelled document of ``doc_type`` (see DOC_TYPES); ``size`` is short, normal or long.

    short is under a page (for OCR benchmarks), normal 1-3 pages, long 10-30 pages of rows.
    """
    # synth.longform builds on this module's builder, so it can only be imported once this one is
    from synth.longform import MAKERS as longform_makers

    makers = {**_MAKERS, **longform_makers}
    if doc_type not in makers:
        raise ValueError(f"unknown doc_type {doc_type!r}; expected one of {DOC_TYPES}")
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; expected one of {SIZES}")
    b = _Builder(rng, doc_type, size)
    title, sensitive = makers[doc_type](b)
    return SynthDoc(doc_id=doc_id, doc_type=doc_type, title=title, blocks=b.blocks, labels=b.labels, sensitive=sensitive)
