"""Delivery from the outbox: nothing lost, nothing sent twice but for one unavoidable window.

A sender claims one message (status ``sending``, claimed_at, claimed_by) and commits, sends it
over SMTP, then records ``sent`` and commits. A crash between the server accepting the message
and that record is the one window that can duplicate: the claim is taken back (at once when the
claiming process is gone from this machine, else after EAGLE_EYE_ALERT_SEND_LEASE_S) and the
message goes again with the same Message-ID, which mail clients use to show it once.

While the server is down, messages wait with a growing delay (base·2^(n-1), capped); a message
the server refuses for good (5xx) is marked failed and its incident's timeline says so.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from alerts.lifecycle import record, transition
from eagle_eye.db import session_scope
from eagle_eye.errors import ConfigError
from eagle_eye.models import Incident, IncidentStatus, OutboxMessage, OutboxStatus
from eagle_eye.settings import Settings
from eagle_eye.owners import owner_alive, worker_id

S = OutboxStatus


@dataclass
class FlushResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    #: why the batch stopped early (the server is down), safe to print
    stopped: str = ""
    errors: list[str] = field(default_factory=list)


def build_message(row: OutboxMessage, *, mail_from: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = row.subject
    message["From"] = mail_from
    message["To"] = ", ".join(row.to_addrs)
    if row.cc_addrs:
        message["Cc"] = ", ".join(row.cc_addrs)
    message["Message-ID"] = row.message_id
    message["Date"] = format_datetime(row.created_at)
    # automatic mail: no out-of-office replies back to us (RFC 3834)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Eagle-Eye-Kind"] = row.kind
    if row.incident_id is not None:
        message["X-Eagle-Eye-Incident"] = str(row.incident_id)
    message.set_content(row.text_body, charset="utf-8")
    message.add_alternative(row.html_body, subtype="html", charset="utf-8")
    return message


class SmtpTransport:
    """One SMTP connection for a batch, opened on first use."""

    def __init__(self, settings: Settings) -> None:
        if not settings.smtp_host:
            raise ConfigError("EAGLE_EYE_SMTP_HOST is not set: emails wait in the outbox until it is")
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage, recipients: list[str]) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        self._smtp.send_message(message, to_addrs=recipients)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_s)
        try:
            if s.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if s.smtp_user:
                smtp.login(s.smtp_user, s.smtp_password.get_secret_value() if s.smtp_password else "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


def flush(engine: sa.Engine, settings: Settings, *, clock: Callable[[], datetime] | None = None,
          limit: int | None = None, transport: SmtpTransport | None = None) -> FlushResult:
    """Send what is due now, one message at a time, until none is due, the limit is reached, or
    the server is unreachable. Safe to run in several processes at once."""
    now_of = clock or (lambda: datetime.now(timezone.utc))
    transport = transport or SmtpTransport(settings)
    result = FlushResult()
    me = worker_id()
    _release_dead_claims(engine)
    try:
        while limit is None or result.sent + result.failed < limit:
            claimed = _claim(engine, now=now_of(), owner=me, lease=timedelta(seconds=settings.alert_send_lease_s))
            if claimed is None:
                break
            try:
                transport.send(build_message(claimed, mail_from=settings.mail_from),
                               [*claimed.to_addrs, *claimed.cc_addrs])
            except smtplib.SMTPAuthenticationError:
                _retry(engine, claimed, settings, now=now_of(), error="the mail server refused our login")
                result.retrying += 1
                raise ConfigError("the mail server refused EAGLE_EYE_SMTP_USER/EAGLE_EYE_SMTP_PASSWORD") from None
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException, smtplib.SMTPSenderRefused) as exc:
                code, text = _reply(exc)
                transport.close()  # the session's state is unknown after a refusal
                if 500 <= code < 600:
                    _fail(engine, claimed, now=now_of(), error=f"refused by the mail server: {code} {text}")
                    result.failed += 1
                else:
                    if _retry(engine, claimed, settings, now=now_of(), error=f"mail server busy: {code} {text}"):
                        result.failed += 1
                    else:
                        result.retrying += 1
                    result.stopped = f"the mail server answered {code}; the rest waits"
                    break
            except (OSError, smtplib.SMTPException) as exc:
                transport.close()
                reason = _network_reason(exc)
                if _retry(engine, claimed, settings, now=now_of(), error=reason):
                    result.failed += 1
                else:
                    result.retrying += 1
                result.stopped = f"{reason}; the rest waits in the outbox"
                break
            else:
                _sent(engine, claimed, now=now_of())
                result.sent += 1
    finally:
        transport.close()
    return result


def pending_count(session: Session) -> int:
    return session.exec(
        select(sa.func.count()).select_from(OutboxMessage)
        .where(col(OutboxMessage.status).in_([S.PENDING.value, S.SENDING.value]))
    ).one()


def _claim(engine: sa.Engine, *, now: datetime, owner: str, lease: timedelta) -> OutboxMessage | None:
    due = sa.or_(
        sa.and_(OutboxMessage.status == S.PENDING.value, col(OutboxMessage.next_attempt_at) <= now),
        sa.and_(OutboxMessage.status == S.SENDING.value, col(OutboxMessage.claimed_at) <= now - lease),
    )
    for _ in range(20):  # another sender may take the same row between our read and our update
        with session_scope(engine) as session:
            row = session.exec(
                select(OutboxMessage).where(due).order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id)).limit(1)
            ).first()
            if row is None:
                return None
            taken = session.exec(
                sa.update(OutboxMessage).where(OutboxMessage.id == row.id, due)
                .values(status=S.SENDING.value, claimed_at=now, claimed_by=owner, attempts=OutboxMessage.attempts + 1)
            ).rowcount
            if taken:
                session.refresh(row)
                session.expunge(row)
                return row
    return None


def _release_dead_claims(engine: sa.Engine) -> None:
    """Claims held by processes of this machine that no longer exist go back to the queue now."""
    with session_scope(engine) as session:
        for row in session.exec(select(OutboxMessage).where(OutboxMessage.status == S.SENDING.value)):
            if not owner_alive(row.claimed_by):
                # its next_attempt_at is in the past: it goes first, in the order it was queued
                row.status, row.claimed_at, row.claimed_by = S.PENDING, None, ""
                session.add(row)


def _sent(engine: sa.Engine, claimed: OutboxMessage, *, now: datetime) -> None:
    with session_scope(engine) as session:
        row = session.get(OutboxMessage, claimed.id)
        row.status, row.sent_at, row.last_error = S.SENT, now, ""
        session.add(row)
        if row.incident_id is None:
            return
        incident = session.get(Incident, row.incident_id)
        record(session, incident, "email_sent", now=now,
               detail=f"ส่งอีเมล ({row.kind}) ถึง {', '.join([*row.to_addrs, *row.cc_addrs])}")
        if row.kind == "notification" and incident.status in (IncidentStatus.OPEN, IncidentStatus.REOPENED):
            transition(session, incident, IncidentStatus.NOTIFIED, now=now, detail="ผู้ประสานงานได้รับอีเมลแจ้งแล้ว")


def _retry(engine: sa.Engine, claimed: OutboxMessage, settings: Settings, *, now: datetime, error: str) -> bool:
    """Back to the queue after a delay; True if that was the last attempt and it is now failed."""
    if claimed.attempts >= settings.alert_max_attempts:
        _fail(engine, claimed, now=now, error=f"gave up after {claimed.attempts} attempts: {error}")
        return True
    delay = min(settings.alert_retry_base_s * 2 ** (claimed.attempts - 1), settings.alert_retry_max_s)
    with session_scope(engine) as session:
        row = session.get(OutboxMessage, claimed.id)
        row.status, row.next_attempt_at, row.last_error = S.PENDING, now + timedelta(seconds=delay), error[:500]
        row.claimed_at, row.claimed_by = None, ""
        session.add(row)
    return False


def _fail(engine: sa.Engine, claimed: OutboxMessage, *, now: datetime, error: str) -> None:
    with session_scope(engine) as session:
        row = session.get(OutboxMessage, claimed.id)
        row.status, row.last_error = S.FAILED, error[:500]
        session.add(row)
        if row.incident_id is not None:
            record(session, session.get(Incident, row.incident_id), "email_failed", now=now,
                   detail=f"ส่งอีเมล ({row.kind}) ไม่สำเร็จ: {error[:300]}")


def _reply(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()), (550, b""))
        return code, _text(text)
    return getattr(exc, "smtp_code", 0) or 0, _text(getattr(exc, "smtp_error", b""))


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return " ".join(text.split())[:200]


def _network_reason(exc: BaseException) -> str:
    if isinstance(exc, (ConnectionRefusedError, smtplib.SMTPConnectError)):
        return "the mail server refused the connection"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "the mail server did not answer in time"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "the mail server closed the connection"
    return f"cannot reach the mail server ({type(exc).__name__})"
