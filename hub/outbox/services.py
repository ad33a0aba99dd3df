"""E-mail: rendered in the recipient's language and time zone, queued in the outbox, delivered
after commit.

Without MAIL_URL the message is written to the log and stays in the outbox (marked sent);
with MAIL_URL=smtp://user:password@host:port (smtps:// for TLS, ?starttls=1) it is sent over
SMTP. A failed delivery stays queued with a growing back-off, so no message is lost.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app, render_template
from sqlalchemy import or_, select

from hub import jobs
from hub.db import utcnow
from hub.extensions import db
from hub.i18n import as_recipient, user_timezone
from hub.outbox.models import OutboxMessage

if TYPE_CHECKING:
    from hub.accounts.models import User

log = logging.getLogger("hub.mail")


def queue_email_to(
    user: User,
    template: str,
    /,
    *,
    address: str | None = None,
    headers: dict[str, str] | None = None,
    **context,
) -> OutboxMessage:
    """E-mail a person in their language and time zone (at `address` instead of their own
    when confirming or announcing a change of address). Prefer this to queue_email."""
    return queue_email(
        address or user.email, user.locale, template,
        timezone=user_timezone(user), headers=headers, **context,
    )


def queue_email(
    recipient: str,
    locale: str | None,
    template: str,
    /,
    *,
    timezone: str | None = None,
    headers: dict[str, str] | None = None,
    **context,
) -> OutboxMessage:
    """Render `templates/email/<template>.txt` (first line: subject) in `locale` and `timezone`
    (the hub's defaults when not given: never the sender's); queue it. For an address without
    an account; people with one get queue_email_to."""
    with as_recipient(locale, timezone):
        text = render_template(f"email/{template}.txt", **context)
    subject, _sep, body = text.strip().partition("\n")
    message = OutboxMessage(
        recipient=recipient,
        subject=subject.strip(),
        body_text=body.strip() + "\n",
        locale=locale or current_app.config["HUB_DEFAULT_LOCALE"],
        headers=headers or None,
        next_attempt_at=utcnow(),
    )
    db.session.add(message)
    db.session.flush()
    jobs.after_commit(deliver_pending)
    return message


def deliver_pending(limit: int = 100) -> int:
    """Send what is due. Commits per message; safe to run from a request, CLI or worker."""
    now = utcnow()
    due = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None))
        .where(or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        .where(OutboxMessage.attempts < current_app.config["MAIL_MAX_ATTEMPTS"])
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    sent = 0
    for message in due:
        message.attempts += 1
        try:
            _send(message)
        except (OSError, smtplib.SMTPException) as error:
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            message.next_attempt_at = utcnow() + timedelta(minutes=2 ** message.attempts)
            log.warning("e-mail %s to %s not sent: %s", message.id, message.recipient, error)
        else:
            message.sent_at = utcnow()
            message.last_error = None
            sent += 1
        db.session.commit()
    return sent


def _send(message: OutboxMessage) -> None:
    url = current_app.config.get("MAIL_URL") or ""
    if not url:
        log.info(
            "e-mail to %s [%s]\nSubject: %s\n\n%s",
            message.recipient, message.locale, message.subject, message.body_text,
        )
        return
    parts = urlsplit(url)
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain="twinning.hub")
    email.set_content(message.body_text)
    email["Content-Language"] = message.locale  # after set_content, which resets Content-*
    for name, value in (message.headers or {}).items():
        email[name] = value
    smtp_class = smtplib.SMTP_SSL if parts.scheme == "smtps" else smtplib.SMTP
    with smtp_class(parts.hostname or "localhost", parts.port or 25, timeout=20) as smtp:
        if parse_qs(parts.query).get("starttls") == ["1"]:
            smtp.starttls()
        if parts.username:
            smtp.login(unquote(parts.username), unquote(parts.password or ""))
        smtp.send_message(email)
