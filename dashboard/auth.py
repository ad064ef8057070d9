"""Who is asking: passwords, sessions, CSRF and the login rate limit.

* Passwords: argon2id (argon2-cffi's defaults), never stored or logged in clear.
* Sessions: a random token in an HttpOnly, SameSite=Lax cookie; the database keeps its SHA-256
  only. Every login issues a new token (a token planted before login is worthless) and logout
  deletes it.
* CSRF: each session has a form token; every POST must bring it back (a hidden field, or the
  X-CSRF-Token header for htmx), compared in constant time.
* Rate limit: after LOGIN_MAX_FAILURES failed logins for one username, or from one address,
  within LOGIN_WINDOW, further attempts are refused until the window passes, right password or not.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from eagle_eye.errors import EagleEyeError
from eagle_eye.models import LoginAttempt, Role, User, UserSession

COOKIE = "eagle_eye_session"
SESSION_LIFETIME = timedelta(hours=12)
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 10

_hasher = PasswordHasher()


class AuthError(EagleEyeError):
    """Login refused, or a session or form token that does not check out."""


class LoginFailed(AuthError):
    """Wrong username or password: counts towards the rate limit."""


class TooManyAttempts(AuthError):
    """The rate limit: refused whatever the password."""


class Forbidden(EagleEyeError):
    """Logged in, but this is not yours to see or change."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(session: Session, *, username: str, password: str, address: str, now: datetime) -> tuple[User, str]:
    """The user and a new session token, or AuthError (the same message whatever was wrong)."""
    since = now - LOGIN_WINDOW
    failures = session.exec(
        select(sa.func.count()).select_from(LoginAttempt)
        .where(col(LoginAttempt.at) >= since, sa.or_(LoginAttempt.username == username, LoginAttempt.address == address))
    ).one()
    if failures >= LOGIN_MAX_FAILURES:
        raise TooManyAttempts("too many failed logins: try again in 15 minutes")
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active or not _verify(user.password_hash, password):
        # the caller records it with record_failure, in a transaction this error does not undo
        raise LoginFailed("wrong username or password")
    token = secrets.token_urlsafe(32)
    session.add(UserSession(token_hash=_token_hash(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                            created_at=now, expires_at=now + SESSION_LIFETIME))
    user.last_login_at = now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    session.add(user)
    return user, token


def record_failure(session: Session, *, username: str, address: str, now: datetime) -> None:
    session.add(LoginAttempt(username=username[:100], address=address[:64], at=now))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def current(session: Session, token: str | None, *, now: datetime) -> tuple[User, UserSession] | None:
    if not token:
        return None
    row = session.exec(select(UserSession).where(UserSession.token_hash == _token_hash(token))).first()
    if row is None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return user, row


def logout(session: Session, token: str | None) -> None:
    if token:
        session.exec(sa.delete(UserSession).where(UserSession.token_hash == _token_hash(token)))


def check_csrf(user_session: UserSession, sent: str | None) -> None:
    if not sent or not hmac.compare_digest(sent, user_session.csrf_token):
        raise AuthError("the form expired or did not come from this site: reload the page and try again")


def add_user(session: Session, *, username: str, password: str, role: Role, now: datetime, display_name: str = "",
             province: str = "", org_id: str | None = None) -> User:
    if role is Role.PROVINCE_OFFICER and not province:
        raise AuthError("a province officer needs --province")
    if role is Role.COORDINATOR and not org_id:
        raise AuthError("a coordinator needs --org")
    if session.exec(select(User.id).where(User.username == username)).first() is not None:
        raise AuthError(f"user {username} exists already")
    user = User(username=username, display_name=display_name or username, role=role, province=province,
                org_id=org_id if role is Role.COORDINATOR else None, password_hash=hash_password(password),
                created_at=now)
    session.add(user)
    session.flush()
    return user


class LoginRequired(EagleEyeError):
    """No session: the error handler sends the browser to the login page."""
