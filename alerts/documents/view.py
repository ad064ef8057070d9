"""What the documents are drawn from: one incident, as the lifecycle hands it over.

Nothing here ever holds a raw identifier: the view carries masked URLs and masked examples only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """One exposed web page or attachment."""

    url: str  # already masked: safe to print
    pages: tuple[int, ...]  # PDF pages with exposures; () for web pages
    people: int  # distinct people exposed in it
    kinds: Mapping[str, int]  # "national_id" | "phone" | "laser_code" -> how many exposed
    examples: tuple[str, ...]  # masked displays, e.g. "1-2345-XXXXX-XX-X"


@dataclass(frozen=True, slots=True)
class IncidentReportView:
    incident_id: int
    org_name: str
    org_type: str  # OrgType value: pao/city/town/subdistrict/sao/other
    province: str
    district: str
    coordinator_name: str
    coordinator_email: str
    coordinator_phone: str
    found_at: datetime  # when Eagle Eye found it = awareness; the 72-hour clock starts here (aware UTC)
    online_since: datetime | None  # earliest known moment it was online, if known
    deadline: datetime  # found_at + 72 h
    risk_score: int
    risk_level: str  # "none" | "low" | "medium" | "high"
    risk_factors: Mapping[str, int]  # people, data_kind, discovery, access_lost, altered, scope, impact -> 0..3
    people_exposed: int
    kinds: Mapping[str, int]
    names: bool
    addresses: bool
    birth_dates: bool
    sensitive: tuple[str, ...]  # PDPA s.26 categories, e.g. ("disability",)
    documents: tuple[ReportDocument, ...]
    status: str  # incident status value
    remediated_at: datetime | None
    incident_url: str  # link to the incident on the dashboard
