"""E-mail: the digest of what an account has not read yet, sent over SMTP or written to the log.

`send_digests` is run by cron (`flask --app app send-digests`). It sends each notification at
most once, even when two runs overlap: an account's pending notifications are marked e-mailed in
the same transaction that claims them (on PostgreSQL, rows another run holds are skipped), and
the claim is committed only once the e-mail has left. If sending fails, nothing is marked and the
next run tries again.
"""

import logging
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.notifications.messages import text_of
from platform.notifications.models import EmailFrequency, Notification, NotificationSettings
from platform.notifications.services import settings_of, with_links

logger = logging.getLogger("platform.notifications.mail")

DIGEST_EVERY = timedelta(hours=24)
# A daily cron job starts a little earlier or later from one day to the next: a digest sent
# 23 h 59 min ago must not make today's wait until tomorrow.
DIGEST_SLACK = timedelta(hours=1)


def init_app(app):
    """Make the log backend visible: Flask's handler, and INFO for our messages."""
    app.logger  # noqa: B018 - creating it installs Flask's default handler
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)


def is_due(frequency, last_emailed_at, now):
    if frequency is EmailFrequency.NONE:
        return False
    if frequency is EmailFrequency.IMMEDIATE or last_emailed_at is None:
        return True
    return now - last_emailed_at >= DIGEST_EVERY - DIGEST_SLACK


def _pending():
    """Neither e-mailed nor already read on the site."""
    return Notification.emailed_at.is_(None), Notification.read_at.is_(None)


def due_recipients(now):
    """The accounts an e-mail is due to: something pending, their choice allows it now.

    Suspended and deleted accounts get no e-mail.
    """
    rows = db.session.execute(
        select(
            Notification.recipient_id,
            NotificationSettings.email_frequency,
            NotificationSettings.last_emailed_at,
        )
        .join(User, User.id == Notification.recipient_id)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == Notification.recipient_id)
        .where(
            *_pending(),
            User.deleted_at.is_(None),
            or_(User.suspended_until.is_(None), User.suspended_until <= now),
        )
        .distinct()
        .order_by(Notification.recipient_id)
    ).all()
    return [
        user_id
        for user_id, frequency, last_emailed_at in rows
        if is_due(frequency or EmailFrequency.DAILY, last_emailed_at, now)
    ]


def send_digests(now=None):
    """Send every e-mail that is due; return how many were sent. Safe to run twice, or at once."""
    now = now or utcnow()
    recipients = due_recipients(now)
    db.session.commit()  # each account's claim below is the first write of its own transaction
    sent = 0
    for user_id in recipients:
        try:
            sent += send_digest(user_id, now)
            db.session.commit()
        except Exception:  # one account's failure must not keep the others from their e-mail
            db.session.rollback()
            logger.exception("E-mail to account %s failed: the next run tries again.", user_id)
    return sent


def claim(user_id, now):
    """Mark the account's pending notifications e-mailed; return their ids.

    Rows that a concurrent run has claimed are skipped (PostgreSQL: SKIP LOCKED; SQLite: the
    update waits for the other run's write lock, then finds them e-mailed).
    """
    pending = (
        select(Notification.id)
        .where(Notification.recipient_id == user_id, *_pending())
        .with_for_update(skip_locked=True)
    )
    return db.session.scalars(
        update(Notification)
        .where(Notification.id.in_(pending), *_pending())
        .values(emailed_at=now)
        .returning(Notification.id)
        .execution_options(synchronize_session=False)
    ).all()


def send_digest(user_id, now):
    """Claim what is pending for one account and e-mail it in one message; return 1 if sent."""
    ids = claim(user_id, now)
    if not ids:
        return 0
    user = db.session.get(User, user_id)
    notifications = db.session.scalars(
        with_links(select(Notification))
        .where(Notification.id.in_(ids))
        .order_by(Notification.created_at, Notification.id)
    ).all()
    message = compose_digest(user, notifications)
    settings = settings_of(user)
    settings.last_emailed_at = now
    db.session.add(settings)
    db.session.flush()
    deliver(message)
    return 1


def absolute_url(endpoint, **values):
    """A link for an e-mail, on the site's public address (PUBLIC_URL)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def language_of(user):
    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def compose_digest(user, notifications):
    """The plain-text e-mail listing `notifications`, in the recipient's language."""
    site = current_app.config["SITE_NAME"]
    language = language_of(user)
    with force_locale(language):
        subject = ngettext(
            "%(num)d new notification on %(site)s",
            "%(num)d new notifications on %(site)s",
            len(notifications),
            site=site,
        )
        lines = [_("Hello %(name)s,", name=user.display_name), ""]
        lines.append(_("Here is what happened on %(site)s:", site=site))
        for notification in notifications:
            link = absolute_url("notifications.open_notification", notification_id=notification.id)
            lines += ["", f"- {text_of(notification)}", f"  {link}"]
        lines += [
            "",
            _("All your notifications: %(url)s", url=absolute_url("notifications.index")),
            _(
                "To choose which e-mails you receive: %(url)s",
                url=absolute_url("notifications.settings"),
            ),
        ]
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = user.email
    message["Date"] = formatdate(localtime=False)
    domain = parseaddr(current_app.config["MAIL_FROM"])[1].rpartition("@")[2]
    message["Message-ID"] = make_msgid(domain=domain or "localhost")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message.set_content("\n".join(lines) + "\n")
    message["Content-Language"] = language  # after set_content, which resets Content-* headers
    return message


def deliver(message):
    """Send over SMTP when MAIL_SERVER is set; otherwise write the e-mail to the log."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        logger.info(
            "E-mail (not sent: no MAIL_SERVER)\nTo: %s\nSubject: %s\n\n%s",
            message["To"],
            message["Subject"],
            message.get_content(),
            extra={"email": message},
        )
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
