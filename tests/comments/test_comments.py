"""Comments on problems: threads two replies deep, edit window, tombstones, counters."""

import pytest
from sqlalchemy import select

from platform.comments.models import Comment
from platform.ideas.models import Follow, IdeaStatus
from tests.support.pages import text


def comments(fetch, idea):
    return fetch(
        lambda s: s.scalars(
            select(Comment).where(Comment.idea_id == idea.id).order_by(Comment.id)
        ).all()
    )


def post(client, idea, body, parent=None):
    data = {"body": body}
    if parent:
        data["parent_id"] = str(parent.id)
    return client.post(f"/ideas/{idea.id}/comments", data=data)


def test_comment_is_published_counted_and_follows(
    client, auth, citizen, make_idea, get_idea, fetch
):
    idea = make_idea()
    auth.login(citizen)
    response = post(client, idea, "Même constat dans mon quartier.")
    [comment] = comments(fetch, idea)
    location = f"/ideas/{idea.id}?comment={comment.id}#c{comment.id}"
    assert response.headers["Location"] == location
    assert get_idea(idea).comments_count == 1
    assert get_idea(idea).followers_count == 1
    assert fetch(lambda s: s.scalar(select(Follow.user_id))) == citizen.id
    assert "Même constat dans mon quartier." in text(client.get(f"/ideas/{idea.id}"))


def test_replies_nest_two_levels_then_stay_beside(client, auth, citizen, make_idea, fetch):
    idea = make_idea()
    auth.login(citizen)
    post(client, idea, "Racine")
    root = comments(fetch, idea)[0]
    post(client, idea, "Réponse", root)
    reply = comments(fetch, idea)[1]
    post(client, idea, "Réponse à la réponse", reply)
    deep = comments(fetch, idea)[2]
    post(client, idea, "Encore plus loin", deep)
    deeper = comments(fetch, idea)[3]
    assert [c.depth for c in (root, reply, deep, deeper)] == [0, 1, 2, 2]
    assert deeper.parent_id == reply.id


def test_thread_is_oldest_first_with_replies_under_their_parent(
    client, auth, citizen, make_idea, fetch
):
    idea = make_idea()
    auth.login(citizen)
    post(client, idea, "Premier")
    post(client, idea, "Deuxième")
    first = comments(fetch, idea)[0]
    post(client, idea, "Réponse au premier", first)
    page = text(client.get(f"/ideas/{idea.id}"))
    assert page.index("Premier") < page.index("Réponse au premier") < page.index("Deuxième")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Écrivez votre commentaire avant de l'envoyer."),
        ("x" * 2001, "Saisissez 2000 caractères au maximum."),
    ],
)
def test_bad_comments_are_refused(client, auth, citizen, make_idea, get_idea, fetch, body, message):
    idea = make_idea()
    auth.login(citizen)
    response = post(client, idea, body)
    assert response.status_code == 400
    assert message in text(response)
    assert comments(fetch, idea) == []
    assert get_idea(idea).comments_count == 0


@pytest.mark.parametrize("parent_id", ["999999", "abc"])
def test_reply_to_a_missing_comment_is_refused(client, auth, citizen, make_idea, fetch, parent_id):
    idea = make_idea()
    auth.login(citizen)
    response = client.post(f"/ideas/{idea.id}/comments", data={"body": "x", "parent_id": parent_id})
    assert response.status_code == 400
    assert comments(fetch, idea) == []


def test_reply_to_a_comment_of_another_problem_is_refused(
    client, auth, citizen, make_idea, add_comments, fetch
):
    idea, other = make_idea(), make_idea()
    add_comments(other, [citizen], 1)
    [foreign] = comments(fetch, other)
    auth.login(citizen)
    assert post(client, idea, "x", foreign).status_code == 400
    assert comments(fetch, idea) == []


def test_comment_on_a_withdrawn_problem_is_refused(client, auth, citizen, make_idea, fetch):
    idea = make_idea(status=IdeaStatus.WITHDRAWN)
    auth.login(citizen)
    assert post(client, idea, "Trop tard ?").status_code == 403
    assert comments(fetch, idea) == []


def test_author_edits_within_the_window(client, auth, citizen, make_idea, fetch):
    idea = make_idea()
    auth.login(citizen)
    post(client, idea, "Premier jet")
    [comment] = comments(fetch, idea)
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Version corrigée"})
    assert response.status_code == 302
    [comment] = comments(fetch, idea)
    assert (comment.body, comment.edited_at is not None) == ("Version corrigée", True)


def test_editing_after_the_window_is_refused(client, auth, citizen, make_idea, add_comments, fetch):
    idea = make_idea()
    add_comments(idea, [citizen], 1, minutes_ago=16)
    [comment] = comments(fetch, idea)
    auth.login(citizen)
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Trop tard"})
    assert response.status_code == 403
    assert "dans les 15 minutes qui suivent son envoi" in text(response)
    assert comments(fetch, idea)[0].body == comment.body


def test_others_cannot_edit_or_delete(
    client, auth, citizen, make_user, make_idea, add_comments, fetch
):
    idea = make_idea()
    add_comments(idea, [citizen], 1)
    [comment] = comments(fetch, idea)
    auth.login(make_user())
    assert client.post(f"/comments/{comment.id}/edit", data={"body": "x"}).status_code == 403
    assert client.post(f"/comments/{comment.id}/delete").status_code == 403
    assert comments(fetch, idea)[0].body == comment.body


def test_deleting_leaves_a_tombstone_and_keeps_replies(
    client, auth, citizen, make_idea, get_idea, fetch
):
    idea = make_idea()
    auth.login(citizen)
    post(client, idea, "Message à supprimer")
    root = comments(fetch, idea)[0]
    post(client, idea, "La réponse reste", root)
    assert client.post(f"/comments/{root.id}/delete").status_code == 302
    page = text(client.get(f"/ideas/{idea.id}"))
    assert "Message à supprimer" not in page
    assert "Ce commentaire a été supprimé." in page
    assert "La réponse reste" in page
    assert get_idea(idea).comments_count == 1
    assert client.post(f"/comments/{root.id}/delete").status_code == 403  # already deleted
    assert post(client, idea, "Réponse à un fantôme", root).status_code == 400


def test_visitor_sees_comments_and_an_invitation(client, make_idea, add_comments, citizen):
    idea = make_idea()
    add_comments(idea, [citizen], 2)
    page = text(client.get(f"/ideas/{idea.id}"))
    assert "Commentaire 1" in page
    assert f'href="/auth/login?next=/ideas/{idea.id}"' in page
    assert client.post(f"/ideas/{idea.id}/comments", data={"body": "x"}).status_code == 302


def test_comment_markup_is_escaped(client, auth, citizen, make_idea):
    idea = make_idea()
    auth.login(citizen)
    post(client, idea, "<script>alert(1)</script>")
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
