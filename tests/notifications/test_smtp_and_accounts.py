"""Sending over a real SMTP connection; concurrent runs; deleting and exporting an account."""

import socketserver
import threading
import time
from email import message_from_bytes, policy

import pytest
from sqlalchemy import func, select

from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Problem
from platform.notifications.mail import send_digests
from platform.notifications.models import Kind, Notification
from platform.notifications.services import set_email_frequency
from platform.personal_data.services import delete_account, export_account
from platform.taxonomy.models import Theme
from tests.conftest import PASSWORD


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of RFC 5321 to take messages from smtplib and keep them."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 test ESMTP")
        while line := self.rfile.readline():
            command = line.decode().strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 test")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 go on")
                data = b""
                while (chunk := self.rfile.readline()) != b".\r\n":
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                time.sleep(self.server.delay)
                self.server.received.append(message_from_bytes(data, policy=policy.default))
                self.reply("250 queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPHandler)
    server.daemon_threads = True
    server.received, server.delay = [], 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def mail_settings(server):
    return {
        "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": server.server_address[1],
        "MAIL_USE_TLS": False, "MAIL_FROM": "Lab <lab@example.org>",
    }  # fmt: skip


def test_digests_go_over_smtp(app, citizen, make_problem, add_notifications, smtp_server, digests):
    app.config.update(mail_settings(smtp_server))
    add_notifications(citizen, make_problem(title="Bancs cassés"), 2)
    assert digests() == 1
    (mail,) = smtp_server.received
    assert mail["To"] == citizen.email and mail["From"] == "Lab <lab@example.org>"
    assert "Bancs cassés" in mail.get_content()
    assert mail["Message-ID"].endswith("@example.org>")


def test_a_failed_sending_marks_nothing_and_is_tried_again(
    app, citizen, make_problem, add_notifications, smtp_server, digests, fetch
):
    add_notifications(citizen, make_problem(), 1)
    port = smtp_server.server_address[1]
    app.config.update(mail_settings(smtp_server), MAIL_PORT=1)  # nothing listens there
    assert digests() == 0
    pending = select(func.count()).where(Notification.emailed_at.is_(None))
    assert fetch(lambda s: s.scalar(pending)) == 1
    app.config["MAIL_PORT"] = port
    assert digests() == 1 and len(smtp_server.received) == 1


@pytest.mark.slow
def test_two_runs_at_once_send_each_notification_once(live_app, smtp_server):
    """Cron started twice: the second run finds the rows claimed (locked or already e-mailed)."""
    live_app.config.update(mail_settings(smtp_server))
    smtp_server.delay = 0.5  # the first run is still sending when the second one starts
    with live_app.app_context():
        users = [
            User(email=f"p{i}@example.org", display_name=f"P{i}", password_hash="!",
                 accepted_terms_at=utcnow())
            for i in range(3)
        ]  # fmt: skip
        theme = Theme(slug="t", name_fr="T", name_en="T", name_es="T")
        db.session.add_all([*users, theme])
        db.session.flush()
        problem = Problem(title="Bancs", description="D", theme_id=theme.id, author_id=users[0].id)
        db.session.add(problem)
        db.session.flush()
        for user in users:
            set_email_frequency(user, "immediate")
            db.session.add(
                Notification(recipient_id=user.id, kind=Kind.COMMENT, problem_id=problem.id)
            )
        db.session.commit()
    sent, errors = [], []

    def run():
        try:
            with live_app.app_context():
                sent.append(send_digests())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(sent) == 3
    assert sorted(m["To"] for m in smtp_server.received) == [f"p{i}@example.org" for i in range(3)]


def test_deleting_an_account_erases_its_notifications(
    app, citizen, make_problem, add_notifications, fetch
):
    add_notifications(citizen, make_problem(), 2)
    with app.test_request_context():
        user = db.session.get(User, citizen.id)
        set_email_frequency(user, "none")
        delete_account(user, PASSWORD)
        db.session.commit()
    mine = select(func.count()).where(Notification.recipient_id == citizen.id)
    assert fetch(lambda s: s.scalar(mine)) == 0


def test_the_export_holds_the_e_mail_choice_and_notifications(
    app, citizen, make_problem, add_notifications
):
    add_notifications(citizen, make_problem(), 1)
    with app.test_request_context():
        data = export_account(db.session.get(User, citizen.id))
    assert data["notification_email"] == "daily"
    assert [n["kind"] for n in data["notifications"]] == ["comment"]
