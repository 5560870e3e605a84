"""E-mail: one digest for what is pending, sent once, when the account's choice says so."""

from datetime import timedelta

import pytest

from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.notifications.models import EmailFrequency, Notification, NotificationSettings


@pytest.fixture
def choose(app):
    """Save an account's e-mail choice, and when it was last e-mailed."""

    def save(user, frequency, last_emailed_at=None):
        with app.app_context():
            db.session.add(
                NotificationSettings(
                    user_id=user.id,
                    email_frequency=EmailFrequency(frequency),
                    last_emailed_at=last_emailed_at,
                )
            )
            db.session.commit()

    return save


def emailed(fetch, user):
    rows = fetch(lambda s: s.query(Notification.emailed_at).filter_by(recipient_id=user.id).all())
    return [at is not None for (at,) in rows]


def test_several_notifications_make_one_digest(
    citizen, make_user, make_problem, add_notifications, digests, mails
):
    writer = make_user(display_name="Yanis")
    add_notifications(citizen, make_problem(title="Bancs cassés"), 2, actor=writer)
    add_notifications(citizen, make_problem(title="Trottoirs encombrés"), 1, actor=writer)
    assert digests() == 1
    (mail,) = mails()
    assert mail["To"] == citizen.email
    assert mail["Subject"] == "3 nouvelles notifications sur Lab d'innovation publique"
    body = mail.get_content()
    assert body.startswith(f"Bonjour {citizen.display_name},")
    assert body.count("Yanis a commenté votre problème «\u00a0Bancs cassés\u00a0».") == 2
    assert body.count("http://127.0.0.1:5000/notifications/") == 3 + 2
    assert "http://127.0.0.1:5000/notifications/settings" in body


def test_running_twice_sends_each_notification_once(
    citizen, make_problem, add_notifications, digests, mails, fetch
):
    add_notifications(citizen, make_problem(), 2)
    assert digests() == 1
    assert digests() == 0
    assert len(mails()) == 1
    assert emailed(fetch, citizen) == [True, True]


def test_the_command_sends_what_is_due_once(
    runner, citizen, make_problem, add_notifications, mails
):
    add_notifications(citizen, make_problem(), 1)
    first = runner.invoke(args=["send-digests"])
    second = runner.invoke(args=["send-digests"])
    assert first.exit_code == 0 and "E-mails sent: 1" in first.output
    assert "E-mails sent: 0" in second.output
    assert len(mails()) == 1


def test_a_daily_digest_waits_24_hours_after_the_last_one(
    citizen, make_problem, add_notifications, digests, mails, choose, fetch
):
    choose(citizen, "daily", last_emailed_at=utcnow() - timedelta(hours=3))
    add_notifications(citizen, make_problem(), 2)
    assert digests() == 0
    assert emailed(fetch, citizen) == [False, False]
    assert digests(now=utcnow() + timedelta(hours=21)) == 1
    (mail,) = mails()
    assert "2 nouvelles notifications" in mail["Subject"]


def test_notifications_arriving_after_a_digest_wait_for_the_next_day(
    citizen, make_problem, add_notifications, digests, mails, fetch
):
    add_notifications(citizen, make_problem(), 1)
    assert digests() == 1
    add_notifications(citizen, make_problem(), 1)
    assert digests(now=utcnow() + timedelta(hours=12)) == 0
    assert digests(now=utcnow() + timedelta(hours=24)) == 1
    assert len(mails()) == 2 and emailed(fetch, citizen) == [True, True]


def test_immediate_e_mails_do_not_wait(
    citizen, make_problem, add_notifications, digests, mails, choose
):
    choose(citizen, "immediate", last_emailed_at=utcnow() - timedelta(minutes=1))
    add_notifications(citizen, make_problem(), 1)
    assert digests() == 1
    add_notifications(citizen, make_problem(), 1)
    assert digests() == 1
    assert len(mails()) == 2


def test_no_e_mail_for_an_account_that_wants_none(
    citizen, make_problem, add_notifications, digests, mails, choose, fetch
):
    choose(citizen, "none")
    add_notifications(citizen, make_problem(), 2)
    assert digests() == 0
    assert mails() == []
    assert emailed(fetch, citizen) == [False, False]


def test_what_was_read_on_the_site_is_not_e_mailed(
    citizen, make_problem, add_notifications, digests, mails
):
    add_notifications(citizen, make_problem(), 2, read=True)
    assert digests() == 0 and mails() == []


def test_suspended_and_deleted_accounts_get_no_e_mail(
    app, make_user, make_problem, add_notifications, digests, mails
):
    suspended, deleted = make_user(), make_user()
    add_notifications(suspended, make_problem(), 1)
    add_notifications(deleted, make_problem(), 1)
    with app.app_context():
        db.session.get(User, suspended.id).suspended_until = utcnow() + timedelta(days=3)
        db.session.get(User, deleted.id).deleted_at = utcnow()
        db.session.commit()
    assert digests() == 0 and mails() == []


def test_e_mails_speak_the_recipients_language(
    make_user, make_problem, add_notifications, digests, mails
):
    lucia = make_user(locale="es", display_name="Lucía")
    add_notifications(lucia, make_problem(title="Bancos rotos"), 1)
    digests()
    (mail,) = mails()
    assert mail["Subject"] == "1 notificación nueva en Lab d'innovation publique"
    assert mail["Content-Language"] == "es"
    assert "Hola, Lucía:" in mail.get_content()


def test_links_use_the_public_address(
    app, citizen, make_problem, add_notifications, digests, mails
):
    app.config["PUBLIC_URL"] = "https://participer.example.fr/"
    (notification_id,) = add_notifications(citizen, make_problem(), 1)
    digests()
    (mail,) = mails()
    assert f"https://participer.example.fr/notifications/{notification_id}\n" in mail.get_content()
