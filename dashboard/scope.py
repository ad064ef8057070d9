"""What each role may see, applied in the query itself: a national admin sees every
organisation, a province officer only the province's, a coordinator only their organisation's.
Every page, detail and export goes through these, so a direct URL gets no further than a link."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col

from dashboard.auth import Forbidden
from eagle_eye.models import Incident, Organisation, Role, User


def organisations(user: User):  # noqa: ANN201 - a SQL condition on Organisation
    if user.role is Role.NATIONAL_ADMIN:
        return sa.true()
    if user.role is Role.PROVINCE_OFFICER:
        return Organisation.province == user.province
    return Organisation.org_id == user.org_id


def incident(session: Session, user: User, incident_id: int) -> tuple[Incident, Organisation]:
    """The incident if this user may see it; Forbidden otherwise (also when it does not exist, so
    ids of other provinces cannot be probed)."""
    row = session.exec(
        sa.select(Incident, Organisation).join(Organisation, col(Organisation.org_id) == Incident.org_id)
        .where(Incident.id == incident_id, organisations(user))
    ).first()
    if row is None:
        raise Forbidden(f"incident {incident_id} is not one you can see")
    return row[0], row[1]


def organisation(session: Session, user: User, org_id: str) -> Organisation:
    org = session.exec(sa.select(Organisation).where(Organisation.org_id == org_id, organisations(user))).scalar_one_or_none()
    if org is None:
        raise Forbidden(f"organisation {org_id} is not one you can see")
    return org


def require_admin(user: User) -> None:
    if user.role is not Role.NATIONAL_ADMIN:
        raise Forbidden("only a national admin can do this")


def can_edit(user: User) -> bool:
    """The monitoring team (national, provincial) edits incidents; coordinators answer them."""
    return user.role in (Role.NATIONAL_ADMIN, Role.PROVINCE_OFFICER)
