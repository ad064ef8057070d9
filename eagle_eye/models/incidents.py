"""Breach incidents, their timeline, and the outbox of emails about them.

An incident's state is one ``status`` plus one timestamp per transition; every transition goes
through ``alerts.lifecycle.transition`` and writes an :class:`IncidentEvent`.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from eagle_eye.models.base import str_enum


class IncidentStatus(str, Enum):
    OPEN = "open"  # found, the coordinator not yet told
    NOTIFIED = "notified"  # the first email was accepted by the mail server
    ACKNOWLEDGED = "acknowledged"  # the coordinator said they know
    REMEDIATED = "remediated"  # a re-fetch proved every exposure gone or masked
    CLOSED = "closed"  # done: remediated long enough, or every finding a false positive
    REOPENED = "reopened"  # an exposure came back after remediation: told again like a new one


#: still someone's to act on
ACTIVE_STATUSES = (IncidentStatus.OPEN, IncidentStatus.NOTIFIED, IncidentStatus.ACKNOWLEDGED, IncidentStatus.REOPENED)


class IncidentBase(SQLModel):
    org_id: str = Field(foreign_key="organisation.org_id", index=True, max_length=64)
    status: IncidentStatus = Field(default=IncidentStatus.OPEN, sa_type=str_enum(IncidentStatus), index=True)
    #: the 7-factor score (alerts.risk) with the monitoring team's edits applied
    risk_score: int = 0
    risk_level: str = Field(default="none", max_length=10)
    #: automatic factor values, and the team's edits, factor name -> 0..3
    risk_factors: dict = Field(default_factory=dict, sa_type=sa.JSON)
    risk_overrides: dict = Field(default_factory=dict, sa_type=sa.JSON)
    #: why each automatic factor has its value (Thai)
    risk_reasons: dict = Field(default_factory=dict, sa_type=sa.JSON)
    #: distinct exposed identifiers, documents holding them, people (approximate), as last grouped
    finding_count: int = 0
    document_count: int = 0
    people_exposed: int = 0
    #: awareness: the 72-hour PDPA clock runs from here
    opened_at: datetime
    notified_at: datetime | None = None
    acknowledged_at: datetime | None = None
    remediated_at: datetime | None = None
    closed_at: datetime | None = None
    reopened_at: datetime | None = None
    #: follow-up bookkeeping (actions taken, not states)
    last_reminder_at: datetime | None = None
    reminder_count: int = 0
    escalated_at: datetime | None = None
    #: the coordinator said it is fixed: the next verification re-fetches its documents first
    fix_reported_at: datetime | None = None
    last_verified_at: datetime | None = None
    updated_at: datetime


class Incident(IncidentBase, table=True):
    __tablename__ = "incident"
    #: the dashboard's default order (newest first, id breaking ties) read off the index, and its
    #: "new this week"; on PostgreSQL org_id rides along, so paging the list is an index-only scan
    #: joined to the organisations (SQLite has no INCLUDE: a plain index on the two)
    __table_args__ = (sa.Index("ix_incident_opened_at", "opened_at", "id", postgresql_include=["org_id"]),)

    id: int | None = Field(default=None, primary_key=True)


class IncidentPublic(IncidentBase):
    id: int


class IncidentEvent(SQLModel, table=True):
    """One line of an incident's timeline. ``detail`` is masked text only."""

    __tablename__ = "incident_event"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incident.id", index=True)
    at: datetime
    #: status, findings_added, email_queued, email_sent, email_failed, reminder, escalated,
    #: verified, false_positive, risk_edited, note
    kind: str = Field(max_length=30)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    #: "system", "coordinator", or a dashboard user's name
    actor: str = Field(default="system", max_length=100)
    detail: str = ""


class OutboxStatus(str, Enum):
    PENDING = "pending"  # to send (again) at next_attempt_at
    SENDING = "sending"  # claimed by a sender; if that sender died, sent again after the lease
    SENT = "sent"  # the mail server accepted it
    FAILED = "failed"  # refused for good, or out of attempts: a person must look


class OutboxMessage(SQLModel, table=True):
    """An email, written in full when queued so that a resend is the same message (same
    Message-ID) whatever changed since. Bodies hold masked values only."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    #: makes queueing idempotent: the same notification is never queued twice
    key: str = Field(max_length=200, unique=True)
    incident_id: int | None = Field(default=None, foreign_key="incident.id", index=True)
    #: notification, update, reminder, escalation, digest
    kind: str = Field(max_length=20)
    to_addrs: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    cc_addrs: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    subject: str
    text_body: str
    html_body: str
    message_id: str = Field(max_length=200)
    status: OutboxStatus = Field(default=OutboxStatus.PENDING, sa_type=str_enum(OutboxStatus), index=True)
    attempts: int = 0
    next_attempt_at: datetime
    last_error: str = ""
    created_at: datetime
    claimed_at: datetime | None = None
    #: host:pid of the sender holding it
    claimed_by: str = Field(default="", max_length=300)
    sent_at: datetime | None = None
