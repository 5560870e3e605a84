"""Merging a duplicate problem into another: supports and followers move, none counted twice."""

import pytest
from sqlalchemy import func, select

from platform.extensions import db
from platform.ideas.models import Follow, Problem, ProblemStatus, StatusChange, Support
from platform.moderation.merge import MergeError, merge_problems
from platform.moderation.models import ActionType, ModerationAction, TargetType
from tests.support.pages import text


def merge(app, actor, source, target, note=""):
    """Merge through the service, as a request would, and commit."""
    with app.test_request_context():
        loaded_source = db.session.get(Problem, source.id)
        loaded_target = db.session.get(Problem, target.id) if target is not None else None
        merge_problems(actor, loaded_source, loaded_target, note)
        db.session.commit()


def user_ids(fetch, model, problem):
    return fetch(
        lambda s: sorted(s.scalars(select(model.user_id).where(model.problem_id == problem.id)))
    )


def follow(app, problem, users):
    with app.app_context():
        for user in users:
            db.session.add(Follow(problem_id=problem.id, user_id=user.id))
        db.session.get(Problem, problem.id).followers_count += len(users)
        db.session.commit()


def log_entries(fetch):
    return fetch(lambda s: s.scalars(select(ModerationAction)).all())


def snapshot(fetch, *problems):
    """What a refused merge must leave untouched."""

    def read(s):
        rows = [s.get(Problem, problem.id) for problem in problems]
        return (
            [(i.status, i.merged_into_id, i.supports_count, i.followers_count) for i in rows],
            sorted(s.execute(select(Support.problem_id, Support.user_id)).all()),
            sorted(s.execute(select(Follow.problem_id, Follow.user_id)).all()),
            s.scalar(select(func.count()).select_from(StatusChange)),
            s.scalar(select(func.count()).select_from(ModerationAction)),
        )

    return fetch(read)


@pytest.fixture
def people(make_user):
    return [make_user() for _ in range(4)]


def test_an_account_that_supported_both_keeps_one_support_and_others_move(
    app, moderator, make_problem, add_supports, people, fetch, get_problem
):
    both, only_source, only_target, other = people
    source, target = make_problem(), make_problem()
    add_supports(source, [both, only_source])
    add_supports(target, [both, only_target, other])
    merge(app, moderator, source, target)
    assert user_ids(fetch, Support, target) == sorted(u.id for u in people)
    assert user_ids(fetch, Support, source) == []
    assert get_problem(target).supports_count == 4
    assert get_problem(source).supports_count == 0


def test_an_account_that_followed_both_keeps_one_follow_and_others_move(
    app, moderator, make_problem, people, fetch, get_problem
):
    both, only_source, only_target, _other = people
    source, target = make_problem(), make_problem()
    follow(app, source, [both, only_source])
    follow(app, target, [both, only_target])
    merge(app, moderator, source, target)
    assert user_ids(fetch, Follow, target) == sorted([both.id, only_source.id, only_target.id])
    assert user_ids(fetch, Follow, source) == []
    assert get_problem(target).followers_count == 3
    assert get_problem(source).followers_count == 0


def test_counters_equal_the_rows_even_if_they_had_drifted(
    app, moderator, make_problem, add_supports, people, fetch, get_problem
):
    source = make_problem(supports_count=7, followers_count=5)
    target = make_problem(supports_count=40, followers_count=1)
    add_supports(source, people[:2])
    add_supports(target, people[1:3])
    follow(app, target, people[:1])
    merge(app, moderator, source, target)
    merged = get_problem(target)
    assert merged.supports_count == len(user_ids(fetch, Support, target)) == 3
    assert merged.followers_count == len(user_ids(fetch, Follow, target)) == 1


def test_source_becomes_merged_with_a_step_on_its_timeline(
    app, moderator, make_problem, fetch, get_problem
):
    source, target = make_problem(), make_problem()
    merge(app, moderator, source, target, note="  Même problème que l'autre.  ")
    merged = get_problem(source)
    assert (merged.status, merged.merged_into_id) == (ProblemStatus.MERGED, target.id)
    [change] = fetch(
        lambda s: s.scalars(select(StatusChange).where(StatusChange.problem_id == source.id)).all()
    )
    assert (change.actor_id, change.from_status, change.to_status, change.note) == (
        moderator.id,
        ProblemStatus.PROPOSED,
        ProblemStatus.MERGED,
        "Même problème que l'autre.",
    )
    assert get_problem(target).status is ProblemStatus.PROPOSED


def test_exactly_one_moderation_action_is_written(app, moderator, make_problem, fetch):
    source, target = make_problem(), make_problem()
    merge(app, moderator, source, target, note="Doublon")
    [entry] = log_entries(fetch)
    assert (
        entry.actor_id,
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.reason,
        entry.details,
    ) == (
        moderator.id,
        ActionType.MERGE,
        TargetType.PROBLEM,
        source.id,
        "Doublon",
        f"→ {target.id}",
    )


@pytest.mark.parametrize(
    ("source_status", "target_status"),
    [
        (ProblemStatus.PROPOSED, ProblemStatus.MERGED),
        (ProblemStatus.MERGED, ProblemStatus.PROPOSED),
        (ProblemStatus.WITHDRAWN, ProblemStatus.PROPOSED),
        (ProblemStatus.PROPOSED, ProblemStatus.WITHDRAWN),
        (ProblemStatus.PENDING, ProblemStatus.PROPOSED),
        (ProblemStatus.PROPOSED, ProblemStatus.PENDING),
    ],
)
def test_merge_from_or_into_a_closed_problem_is_refused_and_changes_nothing(
    app, moderator, make_problem, add_supports, people, fetch, source_status, target_status
):
    source = make_problem(status=source_status)
    target = make_problem(status=target_status)
    add_supports(source, people[:2])
    add_supports(target, people[1:3])
    before = snapshot(fetch, source, target)
    with pytest.raises(MergeError):
        merge(app, moderator, source, target)
    assert snapshot(fetch, source, target) == before


def test_merge_into_itself_is_refused_and_changes_nothing(
    app, moderator, make_problem, add_supports, people, fetch
):
    problem = make_problem()
    add_supports(problem, people)
    before = snapshot(fetch, problem)
    with pytest.raises(MergeError) as refused:
        merge(app, moderator, problem, problem)
    assert refused.value.field == "target_id"
    assert snapshot(fetch, problem) == before


def test_merge_into_a_missing_problem_is_refused(app, moderator, make_problem, fetch):
    source = make_problem()
    before = snapshot(fetch, source)
    with pytest.raises(MergeError) as refused:
        merge(app, moderator, source, None)
    assert refused.value.field == "target_id"
    assert snapshot(fetch, source) == before


def test_merged_problem_keeps_its_comments_and_links_to_the_target(
    app, client, moderator, make_problem, add_comments, people
):
    source, target = make_problem(), make_problem(title="Trottoirs encombrés")
    add_comments(source, people, 3)
    merge(app, moderator, source, target)
    page = text(client.get(f"/ideas/{source.id}?lang=en"))
    banner = page.split('class="notice"')[1].split("</p>")[0]
    assert f'<a href="/ideas/{target.id}">Trottoirs encombrés</a>' in banner
    assert "was merged into" in banner
    assert all(f"Commentaire {i}" in page for i in range(3))


def test_target_timeline_shows_the_merged_duplicate(app, client, moderator, make_problem):
    source, target = make_problem(title="Bancs cassés au parc"), make_problem()
    merge(app, moderator, source, target)
    page = text(client.get(f"/ideas/{target.id}?lang=en"))
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    assert f'<a href="/ideas/{source.id}">Bancs cassés au parc</a>' in timeline
    assert "Duplicate merged into this problem" in timeline
    assert 'class="notice"' not in page.split('id="timeline"')[0]
