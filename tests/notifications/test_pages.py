"""The list of notifications, opening one, marking all read, the header's count, e-mail choice."""

import re

from sqlalchemy import select

from platform.notifications.models import (
    EmailFrequency,
    Notification,
    NotificationSettings,
)
from tests.support.pages import text


def test_the_list_shows_newest_first_and_marks_unread_in_text(
    app, client, auth, citizen, make_user, make_problem, add_notifications
):
    writer = make_user(display_name="Yanis")
    old = make_problem(title="Bancs cassés")
    new = make_problem(title="Trottoirs encombrés")
    add_notifications(citizen, old, 1, actor=writer, read=True)
    add_notifications(citizen, new, 1, actor=writer)
    auth.login(citizen)
    page = text(client.get("/notifications/"))
    assert page.index("Trottoirs encombrés") < page.index("Bancs cassés")
    assert "Yanis a commenté votre problème «\u00a0Trottoirs encombrés\u00a0»." in page
    assert page.count("Non lue</span>") == 1
    assert "Vous avez 1 notification non lue." in page


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_header_counts_unread_notifications(
    app, client, auth, citizen, make_problem, add_notifications
):
    add_notifications(citizen, make_problem(), 3)
    add_notifications(citizen, make_problem(), 2, read=True)
    auth.login(citizen)
    page = text(client.get("/"))
    assert '<span aria-hidden="true">(3)</span>' in page
    assert '<span class="visually-hidden"> (3 non lues)</span>' in page


def test_the_header_shows_no_count_when_all_is_read(
    app, client, auth, citizen, make_problem, add_notifications
):
    add_notifications(citizen, make_problem(), 1, read=True)
    auth.login(citizen)
    page = text(client.get("/"))
    assert ">Notifications</a>" in page and "non lue" not in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(
    app, client, auth, citizen, make_problem, fetch, add_notifications
):
    problem = make_problem()
    (notification_id,) = add_notifications(citizen, problem, 1)
    auth.login(citizen)
    response = client.get(f"/notifications/{notification_id}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{problem.id}"
    assert fetch(lambda s: s.get(Notification, notification_id)).read_at is not None


def test_another_accounts_notification_is_not_found(
    app, client, auth, citizen, make_user, make_problem, fetch, add_notifications
):
    (notification_id,) = add_notifications(make_user(), make_problem(), 1)
    auth.login(citizen)
    assert client.get(f"/notifications/{notification_id}").status_code == 404
    assert client.get("/notifications/999999").status_code == 404
    assert fetch(lambda s: s.get(Notification, notification_id)).read_at is None


def test_mark_all_as_read(
    app, client, auth, citizen, make_user, make_problem, fetch, add_notifications
):
    other = make_user()
    add_notifications(citizen, make_problem(), 3)
    add_notifications(other, make_problem(), 1)
    auth.login(citizen)
    response = client.post("/notifications/read")
    assert response.status_code == 302
    assert "Toutes vos notifications sont marquées comme lues." in text(
        client.get("/notifications/")
    )
    unread = select(Notification.recipient_id).where(Notification.read_at.is_(None))
    assert fetch(lambda s: s.scalars(unread).all()) == [other.id]


def test_mark_all_as_read_needs_the_csrf_token(
    app, client, auth, citizen, make_problem, fetch, add_notifications
):
    add_notifications(citizen, make_problem(), 1)
    auth.login(citizen)
    assert client.post("/notifications/read", csrf=False).status_code == 400
    unread = select(Notification).where(Notification.read_at.is_(None))
    assert len(fetch(lambda s: s.scalars(unread).all())) == 1


def test_the_list_costs_the_same_queries_for_one_or_a_full_page(
    app, client, auth, citizen, make_user, make_problem, count_queries, add_notifications
):
    auth.login(citizen)
    add_notifications(citizen, make_problem(), 1, actor=make_user())

    def queries():
        with count_queries() as counter:
            assert client.get("/notifications/").status_code == 200
        return counter.count

    one = queries()
    writers = [make_user() for _ in range(3)]
    for i in range(24):
        add_notifications(citizen, make_problem(), 1, actor=writers[i % 3])
    assert queries() == one


def test_pages_follow_each_other(app, client, auth, citizen, make_problem, add_notifications):
    problem = make_problem(title="Problème paginé")
    add_notifications(citizen, problem, 25)
    auth.login(citizen)
    first = text(client.get("/notifications/"))
    second = text(client.get("/notifications/?page=2"))
    assert first.count("Problème paginé") == 20 and second.count("Problème paginé") == 5
    assert "Page 2 sur 2" in second
    assert "Cette page est vide." in text(client.get("/notifications/?page=9"))


def test_daily_digest_is_the_default_choice(client, auth, citizen):
    auth.login(citizen)
    page = text(client.get("/notifications/settings"))
    assert re.search(r'<input checked [^>]*value="daily"', page)
    assert len(re.findall(r"<input checked", page)) == 1


def test_choosing_immediate_e_mails(client, auth, citizen, fetch):
    auth.login(citizen)
    response = client.post("/notifications/settings", data={"email_frequency": "immediate"})
    assert response.status_code == 302
    settings = fetch(lambda s: s.get(NotificationSettings, citizen.id))
    assert settings.email_frequency is EmailFrequency.IMMEDIATE
    assert "Votre choix d'e-mails est enregistré." in text(client.get("/notifications/settings"))


def test_an_unknown_choice_is_refused_and_changes_nothing(client, auth, citizen, fetch):
    auth.login(citizen)
    response = client.post("/notifications/settings", data={"email_frequency": "hourly"})
    assert response.status_code == 400
    assert "Choisissez l'une des options de la liste." in text(response)
    assert fetch(lambda s: s.get(NotificationSettings, citizen.id)) is None


def test_the_pages_are_valid_html(
    client, auth, citizen, make_user, make_problem, add_notifications
):
    from tests.test_valid_html import problems

    add_notifications(citizen, make_problem(), 2, actor=make_user())
    add_notifications(citizen, make_problem(), 1, read=True)
    auth.login(citizen)
    for response in (
        client.get("/notifications/"),
        client.get("/notifications/settings"),
        client.post("/notifications/settings", data={"email_frequency": "x"}),
    ):
        assert problems(response) == []
