"""Comments on problems: threads two replies deep, edit window, tombstones, counters."""

import pytest
from sqlalchemy import select

from platform.comments.models import Comment
from platform.ideas.models import Follow, ProblemStatus
from tests.support.pages import text


def comments(fetch, problem):
    return fetch(
        lambda s: s.scalars(
            select(Comment).where(Comment.problem_id == problem.id).order_by(Comment.id)
        ).all()
    )


def post(client, problem, body, parent=None):
    data = {"body": body}
    if parent:
        data["parent_id"] = str(parent.id)
    return client.post(f"/ideas/{problem.id}/comments", data=data)


def test_comment_is_published_counted_and_follows(
    client, auth, citizen, make_problem, get_problem, fetch
):
    problem = make_problem()
    auth.login(citizen)
    response = post(client, problem, "Même constat dans mon quartier.")
    [comment] = comments(fetch, problem)
    location = f"/ideas/{problem.id}?comment={comment.id}#c{comment.id}"
    assert response.headers["Location"] == location
    assert get_problem(problem).comments_count == 1
    assert get_problem(problem).followers_count == 1
    assert fetch(lambda s: s.scalar(select(Follow.user_id))) == citizen.id
    assert "Même constat dans mon quartier." in text(client.get(f"/ideas/{problem.id}"))


def test_replies_nest_two_levels_then_stay_beside(client, auth, citizen, make_problem, fetch):
    problem = make_problem()
    auth.login(citizen)
    post(client, problem, "Racine")
    root = comments(fetch, problem)[0]
    post(client, problem, "Réponse", root)
    reply = comments(fetch, problem)[1]
    post(client, problem, "Réponse à la réponse", reply)
    deep = comments(fetch, problem)[2]
    post(client, problem, "Encore plus loin", deep)
    deeper = comments(fetch, problem)[3]
    assert [c.depth for c in (root, reply, deep, deeper)] == [0, 1, 2, 2]
    assert deeper.parent_id == reply.id


def test_thread_is_oldest_first_with_replies_under_their_parent(
    client, auth, citizen, make_problem, fetch
):
    problem = make_problem()
    auth.login(citizen)
    post(client, problem, "Premier")
    post(client, problem, "Deuxième")
    first = comments(fetch, problem)[0]
    post(client, problem, "Réponse au premier", first)
    page = text(client.get(f"/ideas/{problem.id}"))
    assert page.index("Premier") < page.index("Réponse au premier") < page.index("Deuxième")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Écrivez votre commentaire avant de l'envoyer."),
        ("x" * 2001, "Saisissez 2000 caractères au maximum."),
    ],
)
def test_bad_comments_are_refused(
    client, auth, citizen, make_problem, get_problem, fetch, body, message
):
    problem = make_problem()
    auth.login(citizen)
    response = post(client, problem, body)
    assert response.status_code == 400
    assert message in text(response)
    assert comments(fetch, problem) == []
    assert get_problem(problem).comments_count == 0


@pytest.mark.parametrize("parent_id", ["999999", "abc"])
def test_reply_to_a_missing_comment_is_refused(
    client, auth, citizen, make_problem, fetch, parent_id
):
    problem = make_problem()
    auth.login(citizen)
    response = client.post(
        f"/ideas/{problem.id}/comments", data={"body": "x", "parent_id": parent_id}
    )
    assert response.status_code == 400
    assert comments(fetch, problem) == []


def test_reply_to_a_comment_of_another_problem_is_refused(
    client, auth, citizen, make_problem, add_comments, fetch
):
    problem, other = make_problem(), make_problem()
    add_comments(other, [citizen], 1)
    [foreign] = comments(fetch, other)
    auth.login(citizen)
    assert post(client, problem, "x", foreign).status_code == 400
    assert comments(fetch, problem) == []


def test_comment_on_a_withdrawn_problem_is_refused(client, auth, citizen, make_problem, fetch):
    problem = make_problem(status=ProblemStatus.WITHDRAWN)
    auth.login(citizen)
    assert post(client, problem, "Trop tard ?").status_code == 403
    assert comments(fetch, problem) == []


def test_author_edits_within_the_window(client, auth, citizen, make_problem, fetch):
    problem = make_problem()
    auth.login(citizen)
    post(client, problem, "Premier jet")
    [comment] = comments(fetch, problem)
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Version corrigée"})
    assert response.status_code == 302
    [comment] = comments(fetch, problem)
    assert (comment.body, comment.edited_at is not None) == ("Version corrigée", True)


def test_editing_after_the_window_is_refused(
    client, auth, citizen, make_problem, add_comments, fetch
):
    problem = make_problem()
    add_comments(problem, [citizen], 1, minutes_ago=16)
    [comment] = comments(fetch, problem)
    auth.login(citizen)
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Trop tard"})
    assert response.status_code == 403
    assert "dans les 15 minutes qui suivent son envoi" in text(response)
    assert comments(fetch, problem)[0].body == comment.body


def test_others_cannot_edit_or_delete(
    client, auth, citizen, make_user, make_problem, add_comments, fetch
):
    problem = make_problem()
    add_comments(problem, [citizen], 1)
    [comment] = comments(fetch, problem)
    auth.login(make_user())
    assert client.post(f"/comments/{comment.id}/edit", data={"body": "x"}).status_code == 403
    assert client.post(f"/comments/{comment.id}/delete").status_code == 403
    assert comments(fetch, problem)[0].body == comment.body


def test_deleting_leaves_a_tombstone_and_keeps_replies(
    client, auth, citizen, make_problem, get_problem, fetch
):
    problem = make_problem()
    auth.login(citizen)
    post(client, problem, "Message à supprimer")
    root = comments(fetch, problem)[0]
    post(client, problem, "La réponse reste", root)
    assert client.post(f"/comments/{root.id}/delete").status_code == 302
    page = text(client.get(f"/ideas/{problem.id}"))
    assert "Message à supprimer" not in page
    assert "Ce commentaire a été supprimé." in page
    assert "La réponse reste" in page
    assert get_problem(problem).comments_count == 1
    assert client.post(f"/comments/{root.id}/delete").status_code == 403  # already deleted
    assert post(client, problem, "Réponse à un fantôme", root).status_code == 400


def test_visitor_sees_comments_and_an_invitation(client, make_problem, add_comments, citizen):
    problem = make_problem()
    add_comments(problem, [citizen], 2)
    page = text(client.get(f"/ideas/{problem.id}"))
    assert "Commentaire 1" in page
    assert f'href="/auth/login?next=/ideas/{problem.id}"' in page
    assert client.post(f"/ideas/{problem.id}/comments", data={"body": "x"}).status_code == 302


def test_comment_markup_is_escaped(client, auth, citizen, make_problem):
    problem = make_problem()
    auth.login(citizen)
    post(client, problem, "<script>alert(1)</script>")
    page = client.get(f"/ideas/{problem.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_report_form_is_offered_on_others_comments_only(
    client, auth, make_user, make_problem, add_comments
):
    author, reader = make_user(), make_user()
    problem = make_problem()
    add_comments(problem, [author], 1)
    report_form = 'name="target_type" value="comment"'
    assert report_form not in client.get(f"/ideas/{problem.id}").get_data(as_text=True)
    auth.login(author)
    assert report_form not in client.get(f"/ideas/{problem.id}").get_data(as_text=True)
    auth.logout()
    auth.login(reader)
    assert report_form in client.get(f"/ideas/{problem.id}").get_data(as_text=True)
