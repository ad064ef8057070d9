"""People who use the dashboard, their sessions, failed logins and the audit log.

Passwords are stored as argon2 hashes only. A session is stored by the SHA-256 of its token, so
the database never holds a cookie that could be replayed; a new token is issued at every login
(no session fixation)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlmodel import Field, SQLModel

from eagle_eye.models.base import str_enum


class Role(str, Enum):
    NATIONAL_ADMIN = "national_admin"  # everything; manages users and the registry
    PROVINCE_OFFICER = "province_officer"  # one province's organisations, incidents and reports
    COORDINATOR = "coordinator"  # one organisation's incidents


class UserBase(SQLModel):
    username: str = Field(max_length=100, unique=True, index=True)
    display_name: str = Field(default="", max_length=200)
    role: Role = Field(sa_type=str_enum(Role))
    #: the province a province officer sees
    province: str = Field(default="", max_length=100)
    #: the organisation a coordinator sees
    org_id: str | None = Field(default=None, foreign_key="organisation.org_id", max_length=64)
    active: bool = True


class User(UserBase, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=200)
    created_at: datetime
    last_login_at: datetime | None = None


class UserPublic(UserBase):
    id: int
    created_at: datetime
    last_login_at: datetime | None


class UserSession(SQLModel, table=True):
    __tablename__ = "user_session"

    id: int | None = Field(default=None, primary_key=True)
    #: SHA-256 of the cookie's token
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    #: the form token that must come back with every change (CSRF)
    csrf_token: str = Field(max_length=64)
    created_at: datetime
    expires_at: datetime


class LoginAttempt(SQLModel, table=True):
    """Failed logins, for the rate limit (by username and by address)."""

    __tablename__ = "login_attempt"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, index=True)
    address: str = Field(max_length=64, index=True)
    at: datetime = Field(index=True)


class AuditEntry(SQLModel, table=True):
    """Who looked at or changed what: opened an incident, changed its status, exported a list ..."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    username: str = Field(max_length=100, index=True)
    action: str = Field(max_length=40)
    target: str = Field(default="", max_length=200)
    detail: str = ""
    address: str = Field(default="", max_length=64)
