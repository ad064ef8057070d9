"""The registry of organisations: read a CSV, validate every row, upsert all or nothing.

The CLI (``eagle-eye orgs import``) and, later, the dashboard's upload use the same
:func:`parse_registry` and :func:`import_organisations`, so both give the same errors.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError
from sqlmodel import Session, select

from eagle_eye.errors import RegistryError
from eagle_eye.models import Organisation, OrganisationCreate, OrgType

REQUIRED_COLUMNS = (
    "org_id", "name", "org_type", "province", "district", "website",
    "coordinator_name", "coordinator_email", "coordinator_phone", "province_coordinator_email",
)
#: Optional columns understood beyond the required ones; any other column is ignored.
OPTIONAL_COLUMNS = ("start_pages",)

#: org_type as written in the wild: the codes, the Thai names and their abbreviations.
ORG_TYPE_ALIASES: dict[str, OrgType] = {
    **{t.value: t for t in OrgType},
    "อบจ": OrgType.PAO, "องค์การบริหารส่วนจังหวัด": OrgType.PAO,
    "ทน": OrgType.CITY, "เทศบาลนคร": OrgType.CITY,
    "ทม": OrgType.TOWN, "เทศบาลเมือง": OrgType.TOWN,
    "ทต": OrgType.SUBDISTRICT, "เทศบาลตำบล": OrgType.SUBDISTRICT,
    "อบต": OrgType.SAO, "องค์การบริหารส่วนตำบล": OrgType.SAO,
    "อื่น": OrgType.OTHER, "อื่นๆ": OrgType.OTHER, "อื่น ๆ": OrgType.OTHER,
}
_ORG_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
# Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is the mail
# server's business; this catches the typos that matter (a missing @, a pasted name).
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{7,30}(?:\s*(?:ต่อ|ext\.?)\s*[0-9]{1,6})?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def parse_registry(data: bytes, *, source: str = "registry") -> list[OrganisationCreate]:
    """Every row of a registry CSV, validated; raises RegistryError listing every problem.

    Line numbers are the file's own (the header is line 1), counting line breaks inside
    quoted fields, so a person can find the row in a text editor or spreadsheet.
    """
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError as exc:
        raise RegistryError(source, [(_line_of(data, exc.start), "file",
                                      "not UTF-8: save the file as 'CSV UTF-8' (not TIS-620 or Windows-874)")]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise RegistryError(source, [(1, "header", f"missing column(s): {', '.join(missing)}")])
    reader.fieldnames = header
    problems: list[tuple[int, str, str]] = []
    rows: list[OrganisationCreate] = []
    first_line: dict[str, int] = {}
    for record in reader:
        line = reader.line_num - _extra_lines(record)
        if None in record:  # more cells than header columns
            problems.append((line, "row", f"{len(header) + len(record[None])} cells for {len(header)} columns"))
            continue
        if all(not (v or "").strip() for v in record.values()):
            continue  # a blank row, as spreadsheets leave at the end
        org, row_problems = _validate_row(record)
        problems += [(line, field, message) for field, message in row_problems]
        if org is not None:
            if org.org_id in first_line:
                problems.append((line, "org_id", f"{org.org_id!r} already on line {first_line[org.org_id]}"))
            else:
                first_line[org.org_id] = line
                rows.append(org)
    if problems:
        raise RegistryError(source, problems)
    return rows


def import_organisations(session: Session, rows: Sequence[OrganisationCreate], *, now: datetime) -> ImportSummary:
    """Upsert by org_id in the caller's transaction: the caller commits all rows or none."""
    existing = {o.org_id: o for o in session.exec(select(Organisation).where(Organisation.org_id.in_([r.org_id for r in rows])))}  # type: ignore[attr-defined]
    created = updated = unchanged = 0
    for row in rows:
        values = row.model_dump()
        org = existing.get(row.org_id)
        if org is None:
            session.add(Organisation(**values, created_at=now, updated_at=now))
            created += 1
        elif any(getattr(org, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(org, k, v)
            org.updated_at = now
            session.add(org)
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return ImportSummary(created, updated, unchanged)


def list_organisations(session: Session, *, province: str | None = None) -> list[Organisation]:
    """Raises ValueError if ``province`` names no Thai province (a typo must not read as 'none')."""
    query = select(Organisation).order_by(Organisation.province, Organisation.org_id)
    if province:
        name = normalize_province(province)
        if name is None:
            raise ValueError(f"{province!r} is not a Thai province")
        query = query.where(Organisation.province == name)
    return list(session.exec(query))


# ---------------------------------------------------------------- one row


def _validate_row(record: dict[str, str | None]) -> tuple[OrganisationCreate | None, list[tuple[str, str]]]:
    get = {k: (v or "").strip() for k, v in record.items() if k is not None}
    problems: list[tuple[str, str]] = []

    org_id = get["org_id"]
    if not _ORG_ID.fullmatch(org_id):
        problems.append(("org_id", "required: letters, digits, '-', '_' or '.', at most 64" if org_id else "required"))
    if not get["name"]:
        problems.append(("name", "required"))
    org_type = ORG_TYPE_ALIASES.get(get["org_type"].replace(".", "").lower())  # "อบต." and "SAO" alike
    if org_type is None:
        problems.append(("org_type", f"{get['org_type']!r} is not one of {', '.join(t.value for t in OrgType)} "
                                     "(or อบจ., เทศบาลนคร, เทศบาลเมือง, เทศบาลตำบล, อบต.)"))
    province = normalize_province(get["province"])
    if province is None:
        problems.append(("province", f"{get['province']!r} is not a Thai province" if get["province"] else "required"))
    websites, bad = _urls(get["website"])
    if bad:
        problems.append(("website", f"not an http(s) URL: {bad}"))
    elif not websites:
        problems.append(("website", "required: one or more URLs separated by spaces"))
    start_pages, bad = _urls(get.get("start_pages", ""))
    if bad:
        problems.append(("start_pages", f"not an http(s) URL: {bad}"))
    for field in ("coordinator_email", "province_coordinator_email"):
        if get[field] and not _EMAIL.fullmatch(get[field]):
            problems.append((field, f"{get[field]!r} is not an email address"))
    if get["coordinator_phone"] and not _PHONE.fullmatch(get["coordinator_phone"]):
        problems.append(("coordinator_phone", "not a phone number (digits, spaces, dashes, '+', 'ต่อ' extension)"))
    if problems:
        return None, problems
    try:
        org = OrganisationCreate(
            org_id=org_id, name=get["name"], org_type=org_type, province=province, district=get["district"],  # type: ignore[arg-type]
            websites=websites, start_pages=start_pages, coordinator_name=get["coordinator_name"],
            coordinator_email=get["coordinator_email"].lower(), coordinator_phone=get["coordinator_phone"],
            province_coordinator_email=get["province_coordinator_email"].lower(),
        )
    except ValidationError as exc:  # length limits
        return None, [(str(err["loc"][0]), err["msg"]) for err in exc.errors(include_input=False)]
    return org, []


def _urls(cell: str) -> tuple[list[str], str | None]:
    """(canonical URLs, the first bad one). Scheme and host lower-cased, default path '/'."""
    out: list[str] = []
    for raw in cell.split():
        parts = urlsplit(raw)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return out, raw
        host = parts.hostname.lower() + (f":{parts.port}" if parts.port else "")
        url = urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))
        if url not in out:
            out.append(url)
    return out, None


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    from pythainlp.corpus import provinces

    names: dict[str, str] = {}
    for p in provinces(details=True):
        for alias in (p["name_th"], p["name_en"].lower(), p["abbr_th"]):
            names[alias] = p["name_th"]
    names["กรุงเทพฯ"] = names["bangkok"]
    return names


def normalize_province(value: str) -> str | None:
    """The Thai name of a province written in Thai, as จังหวัด…/จ.…, or in English."""
    v = " ".join(value.split())
    for prefix in ("จังหวัด", "จ."):
        if v.startswith(prefix):
            v = v[len(prefix):].strip()
    return _provinces().get(v) or _provinces().get(v.lower())


def _extra_lines(record: dict[str, str | None]) -> int:
    # reader.line_num is the line a record *ends* on; quoted cells may hold line breaks
    return sum((v or "").count("\n") for k, v in record.items() if k is not None and isinstance(v, str))


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
