"""The tables, named as in tiangolo's full-stack template: ``XBase`` holds the shared fields,
``X(table=True)`` the row, ``XPublic`` what leaves the program.

Enums are stored as strings (VARCHAR, no native PostgreSQL ENUM): a member added later then
needs no migration. Datetimes are timezone-aware UTC throughout.
"""

from eagle_eye.models.base import str_enum
from eagle_eye.models.crawl import (
    CrawlRun, CrawlStatus, Document, DocumentBase, DocumentPublic, DocumentState, Finding, FindingBase, FindingPublic,
)
from eagle_eye.models.incidents import (
    ACTIVE_STATUSES, Incident, IncidentBase, IncidentEvent, IncidentPublic, IncidentStatus, OutboxMessage, OutboxStatus,
)
from eagle_eye.models.users import AuditEntry, LoginAttempt, Role, User, UserBase, UserPublic, UserSession
from eagle_eye.models.registry import Organisation, OrganisationBase, OrganisationCreate, OrganisationPublic, OrgType

__all__ = [
    "CrawlRun", "CrawlStatus", "Document", "DocumentBase", "DocumentPublic", "DocumentState", "Finding", "FindingBase",
    "FindingPublic", "ACTIVE_STATUSES", "Incident", "IncidentBase", "IncidentEvent", "IncidentPublic", "IncidentStatus",
    "OutboxMessage", "OutboxStatus", "OrgType", "Organisation", "OrganisationBase", "OrganisationCreate", "OrganisationPublic",
    "str_enum", "AuditEntry", "LoginAttempt", "Role", "User", "UserBase", "UserPublic", "UserSession",
]
