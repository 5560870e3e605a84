"""Merging a duplicate problem into another: supports and followers move, none counted twice."""

import pytest
from sqlalchemy import func, select

from platform.extensions import db
from platform.ideas.models import Follow, Idea, IdeaStatus, StatusChange, Support
from platform.moderation.merge import MergeError, merge_ideas
from platform.moderation.models import ActionType, ModerationAction, TargetType
from tests.support.pages import text


def merge(app, actor, source, target, note=""):
    """Merge through the service, as a request would, and commit."""
    with app.test_request_context():
        loaded_source = db.session.get(Idea, source.id)
        loaded_target = db.session.get(Idea, target.id) if target is not None else None
        merge_ideas(actor, loaded_source, loaded_target, note)
        db.session.commit()


def user_ids(fetch, model, idea):
    return fetch(lambda s: sorted(s.scalars(select(model.user_id).where(model.idea_id == idea.id))))


def follow(app, idea, users):
    with app.app_context():
        for user in users:
            db.session.add(Follow(idea_id=idea.id, user_id=user.id))
        db.session.get(Idea, idea.id).followers_count += len(users)
        db.session.commit()


def log_entries(fetch):
    return fetch(lambda s: s.scalars(select(ModerationAction)).all())


def snapshot(fetch, *ideas):
    """What a refused merge must leave untouched."""

    def read(s):
        rows = [s.get(Idea, idea.id) for idea in ideas]
        return (
            [(i.status, i.merged_into_id, i.supports_count, i.followers_count) for i in rows],
            sorted(s.execute(select(Support.idea_id, Support.user_id)).all()),
            sorted(s.execute(select(Follow.idea_id, Follow.user_id)).all()),
            s.scalar(select(func.count()).select_from(StatusChange)),
            s.scalar(select(func.count()).select_from(ModerationAction)),
        )

    return fetch(read)


@pytest.fixture
def people(make_user):
    return [make_user() for _ in range(4)]


def test_an_account_that_supported_both_keeps_one_support_and_others_move(
    app, moderator, make_idea, add_supports, people, fetch, get_idea
):
    both, only_source, only_target, other = people
    source, target = make_idea(), make_idea()
    add_supports(source, [both, only_source])
    add_supports(target, [both, only_target, other])
    merge(app, moderator, source, target)
    assert user_ids(fetch, Support, target) == sorted(u.id for u in people)
    assert user_ids(fetch, Support, source) == []
    assert get_idea(target).supports_count == 4
    assert get_idea(source).supports_count == 0


def test_an_account_that_followed_both_keeps_one_follow_and_others_move(
    app, moderator, make_idea, people, fetch, get_idea
):
    both, only_source, only_target, _other = people
    source, target = make_idea(), make_idea()
    follow(app, source, [both, only_source])
    follow(app, target, [both, only_target])
    merge(app, moderator, source, target)
    assert user_ids(fetch, Follow, target) == sorted([both.id, only_source.id, only_target.id])
    assert user_ids(fetch, Follow, source) == []
    assert get_idea(target).followers_count == 3
    assert get_idea(source).followers_count == 0


def test_counters_equal_the_rows_even_if_they_had_drifted(
    app, moderator, make_idea, add_supports, people, fetch, get_idea
):
    source = make_idea(supports_count=7, followers_count=5)
    target = make_idea(supports_count=40, followers_count=1)
    add_supports(source, people[:2])
    add_supports(target, people[1:3])
    follow(app, target, people[:1])
    merge(app, moderator, source, target)
    merged = get_idea(target)
    assert merged.supports_count == len(user_ids(fetch, Support, target)) == 3
    assert merged.followers_count == len(user_ids(fetch, Follow, target)) == 1


def test_source_becomes_merged_with_a_step_on_its_timeline(
    app, moderator, make_idea, fetch, get_idea
):
    source, target = make_idea(), make_idea()
    merge(app, moderator, source, target, note="  Même problème que l'autre.  ")
    merged = get_idea(source)
    assert (merged.status, merged.merged_into_id) == (IdeaStatus.MERGED, target.id)
    [change] = fetch(
        lambda s: s.scalars(select(StatusChange).where(StatusChange.idea_id == source.id)).all()
    )
    assert (change.actor_id, change.from_status, change.to_status, change.note) == (
        moderator.id,
        IdeaStatus.PROPOSED,
        IdeaStatus.MERGED,
        "Même problème que l'autre.",
    )
    assert get_idea(target).status is IdeaStatus.PROPOSED


def test_exactly_one_moderation_action_is_written(app, moderator, make_idea, fetch):
    source, target = make_idea(), make_idea()
    merge(app, moderator, source, target, note="Doublon")
    [entry] = log_entries(fetch)
    assert (
        entry.actor_id,
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.reason,
        entry.details,
    ) == (moderator.id, ActionType.MERGE, TargetType.IDEA, source.id, "Doublon", f"→ {target.id}")


@pytest.mark.parametrize(
    ("source_status", "target_status"),
    [
        (IdeaStatus.PROPOSED, IdeaStatus.MERGED),
        (IdeaStatus.MERGED, IdeaStatus.PROPOSED),
        (IdeaStatus.WITHDRAWN, IdeaStatus.PROPOSED),
        (IdeaStatus.PROPOSED, IdeaStatus.WITHDRAWN),
        (IdeaStatus.PENDING, IdeaStatus.PROPOSED),
        (IdeaStatus.PROPOSED, IdeaStatus.PENDING),
    ],
)
def test_merge_from_or_into_a_closed_problem_is_refused_and_changes_nothing(
    app, moderator, make_idea, add_supports, people, fetch, source_status, target_status
):
    source = make_idea(status=source_status)
    target = make_idea(status=target_status)
    add_supports(source, people[:2])
    add_supports(target, people[1:3])
    before = snapshot(fetch, source, target)
    with pytest.raises(MergeError):
        merge(app, moderator, source, target)
    assert snapshot(fetch, source, target) == before


def test_merge_into_itself_is_refused_and_changes_nothing(
    app, moderator, make_idea, add_supports, people, fetch
):
    idea = make_idea()
    add_supports(idea, people)
    before = snapshot(fetch, idea)
    with pytest.raises(MergeError) as refused:
        merge(app, moderator, idea, idea)
    assert refused.value.field == "target_id"
    assert snapshot(fetch, idea) == before


def test_merge_into_a_missing_problem_is_refused(app, moderator, make_idea, fetch):
    source = make_idea()
    before = snapshot(fetch, source)
    with pytest.raises(MergeError) as refused:
        merge(app, moderator, source, None)
    assert refused.value.field == "target_id"
    assert snapshot(fetch, source) == before


def test_merged_problem_keeps_its_comments_and_links_to_the_target(
    app, client, moderator, make_idea, add_comments, people
):
    source, target = make_idea(), make_idea(title="Trottoirs encombrés")
    add_comments(source, people, 3)
    merge(app, moderator, source, target)
    page = text(client.get(f"/ideas/{source.id}?lang=en"))
    banner = page.split('class="notice"')[1].split("</p>")[0]
    assert f'<a href="/ideas/{target.id}">Trottoirs encombrés</a>' in banner
    assert "was merged into" in banner
    assert all(f"Commentaire {i}" in page for i in range(3))


def test_target_timeline_shows_the_merged_duplicate(app, client, moderator, make_idea):
    source, target = make_idea(title="Bancs cassés au parc"), make_idea()
    merge(app, moderator, source, target)
    page = text(client.get(f"/ideas/{target.id}?lang=en"))
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    assert f'<a href="/ideas/{source.id}">Bancs cassés au parc</a>' in timeline
    assert "Duplicate merged into this problem" in timeline
    assert 'class="notice"' not in page.split('id="timeline"')[0]
