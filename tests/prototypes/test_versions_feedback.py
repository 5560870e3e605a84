"""Versions and feedback: one feedback per account per version, on the version being tested."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from platform.extensions import db
from platform.prototypes.models import Answer, Feedback, PrototypeStatus
from tests.support.pages import text


def feedbacks(fetch):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(Feedback)))


def version_form(**overrides):
    data = {"changes": "Police plus grande, QR code."}
    for n in range(5):
        data[f"questions-{n}-text"] = ""
        data[f"questions-{n}-kind"] = "text"
    data["questions-0-text"] = "Est-ce plus lisible ?"
    data["questions-0-kind"] = "scale"
    data.update(overrides)
    return data


def test_new_version_closes_the_previous_one(
    client, auth, agent, make_prototype, versions_of, get_prototype
):
    prototype = make_prototype()
    auth.login(agent)
    page = text(client.get(f"/prototypes/{prototype.id}/versions/new"))
    assert "Avez-vous trouvé l'information facilement ?" in page  # questions carried over
    response = client.post(f"/prototypes/{prototype.id}/versions/new", data=version_form())
    assert response.status_code == 302
    first, second = versions_of(prototype)
    assert first.closed_at is not None and second.closed_at is None
    assert (second.number, second.changes) == (2, "Police plus grande, QR code.")
    assert get_prototype(prototype).versions_count == 2


def test_version_needs_its_changes_described(client, auth, agent, make_prototype, versions_of):
    prototype = make_prototype()
    auth.login(agent)
    response = client.post(
        f"/prototypes/{prototype.id}/versions/new", data=version_form(changes="")
    )
    assert response.status_code == 400
    assert "Dites ce qui a changé dans cette version." in text(response)
    assert len(versions_of(prototype)) == 1


def test_no_version_for_a_draft_or_closed_prototype(client, auth, agent, make_prototype):
    auth.login(agent)
    for status in (PrototypeStatus.DRAFT, PrototypeStatus.CLOSED):
        prototype = make_prototype(status=status)
        response = client.post(f"/prototypes/{prototype.id}/versions/new", data=version_form())
        assert response.status_code == 403


def give(client, prototype, rating="4", **answers):
    data = {"rating": rating, "comment": answers.pop("comment", "")}
    data.update({f"q-{key}": value for key, value in answers.items()})
    return client.post(f"/prototypes/{prototype.id}/feedback", data=data)


def test_citizen_gives_feedback_with_answers(
    client, auth, citizen, make_prototype, versions_of, question_ids, fetch
):
    prototype = make_prototype()
    [version] = versions_of(prototype)
    scale, free = question_ids(version)
    auth.login(citizen)
    response = give(client, prototype, "4", **{str(scale): "5", str(free): "Le plan du quartier"})
    assert response.status_code == 302
    [version] = versions_of(prototype)
    assert (version.feedbacks_count, version.rating_sum) == (1, 4)
    answers = fetch(lambda s: s.scalars(select(Answer).order_by(Answer.question_id)).all())
    assert [(a.scale_value, a.text_value) for a in answers] == [
        (5, None),
        (None, "Le plan du quartier"),
    ]


def test_giving_feedback_again_edits_it(
    client, auth, citizen, make_prototype, versions_of, question_ids, fetch
):
    prototype = make_prototype()
    scale, free = question_ids(versions_of(prototype)[0])
    auth.login(citizen)
    give(client, prototype, "2", **{str(scale): "1"})
    give(client, prototype, "5", **{str(free): "Parfait"})
    [version] = versions_of(prototype)
    assert (version.feedbacks_count, version.rating_sum) == (1, 5)
    answers = fetch(lambda s: s.scalars(select(Answer)).all())
    assert [(a.question_id, a.text_value) for a in answers] == [(free, "Parfait")]
    page = text(client.get(f"/prototypes/{prototype.id}"))
    assert "Vous pouvez le modifier tant que cette version est ouverte" in page


@pytest.mark.parametrize("rating", ["0", "6", "abc", ""])
def test_rating_outside_one_to_five_is_refused(
    client, auth, citizen, make_prototype, fetch, rating
):
    prototype = make_prototype()
    auth.login(citizen)
    response = give(client, prototype, rating)
    assert response.status_code == 400
    assert "Donnez une note globale de 1 à 5." in text(response)
    assert feedbacks(fetch) == 0


def test_answer_to_an_unknown_question_is_refused(client, auth, citizen, make_prototype, fetch):
    prototype = make_prototype()
    auth.login(citizen)
    for key in ("999999", "abc"):
        response = give(client, prototype, "4", **{key: "5"})
        assert response.status_code == 400
        assert "une question que cette version ne pose pas" in text(response)
    assert feedbacks(fetch) == 0


def test_answer_to_an_earlier_version_question_is_refused(
    client, auth, citizen, make_prototype, versions_of, question_ids, fetch
):
    prototype = make_prototype(versions=2)
    old_scale, _old_free = question_ids(versions_of(prototype)[0])
    auth.login(citizen)
    assert give(client, prototype, "4", **{str(old_scale): "5"}).status_code == 400
    assert feedbacks(fetch) == 0


def test_scale_answer_outside_the_scale_is_refused(
    client, auth, citizen, make_prototype, versions_of, question_ids, fetch
):
    prototype = make_prototype()
    scale, _free = question_ids(versions_of(prototype)[0])
    auth.login(citizen)
    response = give(client, prototype, "4", **{str(scale): "9"})
    assert response.status_code == 400
    assert "Les réponses sur une échelle vont de 1 à 5." in text(response)
    assert feedbacks(fetch) == 0


def test_feedback_on_a_closed_prototype_is_refused(client, auth, citizen, make_prototype, fetch):
    prototype = make_prototype(status=PrototypeStatus.CLOSED)
    auth.login(citizen)
    response = give(client, prototype)
    assert response.status_code == 403
    assert "Ce prototype ne recueille pas d'avis." in text(response)
    assert feedbacks(fetch) == 0


def test_feedback_goes_to_the_latest_version(client, auth, citizen, make_prototype, versions_of):
    prototype = make_prototype(versions=3)
    auth.login(citizen)
    give(client, prototype, "3")
    assert [v.feedbacks_count for v in versions_of(prototype)] == [0, 0, 1]


def test_visitor_is_sent_to_sign_in(client, make_prototype, fetch):
    prototype = make_prototype()
    assert give(client, prototype).headers["Location"].startswith("/auth/login")
    assert feedbacks(fetch) == 0


def test_database_refuses_two_feedbacks_by_one_account(app, citizen, make_prototype, versions_of):
    prototype = make_prototype()
    [version] = versions_of(prototype)
    with app.app_context():
        db.session.add(Feedback(version_id=version.id, user_id=citizen.id, rating=3))
        db.session.add(Feedback(version_id=version.id, user_id=citizen.id, rating=4))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
