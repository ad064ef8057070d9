"""The registry of organisations."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from eagle_eye.models.base import str_enum


class OrgType(str, Enum):
    """The kinds of local-government organisation (องค์กรปกครองส่วนท้องถิ่น)."""

    PAO = "pao"  # องค์การบริหารส่วนจังหวัด (อบจ.)
    CITY = "city"  # เทศบาลนคร
    TOWN = "town"  # เทศบาลเมือง
    SUBDISTRICT = "subdistrict"  # เทศบาลตำบล
    SAO = "sao"  # องค์การบริหารส่วนตำบล (อบต.)
    OTHER = "other"  # กรุงเทพมหานคร, เมืองพัทยา, and anything else registered


class OrganisationBase(SQLModel):
    org_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    org_type: OrgType = Field(sa_type=str_enum(OrgType))
    province: str = Field(max_length=100, index=True)
    district: str = Field(default="", max_length=100)
    #: The organisation's own sites: where its crawl starts and which hosts are its own.
    websites: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    #: Extra pages to start from (the ITA/OIT open-data page where mandatory documents are linked).
    start_pages: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    coordinator_name: str = Field(default="", max_length=200)
    coordinator_email: str = Field(default="", max_length=254)
    #: The coordinator's work contact, from the registry: not a finding, never a citizen's number.
    coordinator_phone: str = Field(default="", max_length=40)
    province_coordinator_email: str = Field(default="", max_length=254)


class Organisation(OrganisationBase, table=True):
    __tablename__ = "organisation"

    created_at: datetime
    updated_at: datetime


class OrganisationCreate(OrganisationBase):
    """One validated registry row, before it is stored."""


class OrganisationPublic(OrganisationBase):
    created_at: datetime
    updated_at: datetime
