"""The prototype page costs the same whatever the number of versions, feedbacks and comments."""

from platform.comments.models import Comment
from platform.database import utcnow
from platform.extensions import db
from platform.prototypes import services
from platform.prototypes.models import Prototype


def build(app, make_prototype, make_user, add_comments, n):
    prototype = make_prototype(versions=n)
    people = [make_user() for _ in range(min(n, 5))]
    with app.test_request_context():
        loaded = db.session.get(Prototype, prototype.id)
        version = services.latest_version(loaded)
        scale, free = services.questions_of(version)
        for i in range(n):
            user = people[i % len(people)] if i < len(people) else make_user()
            answers = {scale.id: str(1 + i % 5), free.id: f"Réponse {i}"}
            services.give_feedback(user, loaded, rating=1 + i % 5, answers=answers)
        db.session.commit()
    with app.app_context():
        for i in range(n):
            db.session.add(Comment(prototype_id=prototype.id, author_id=people[0].id,
                                   body=f"Commentaire {i}", created_at=utcnow()))  # fmt: skip
        db.session.get(Prototype, prototype.id).comments_count = n
        db.session.commit()
    return prototype


def test_prototype_page_costs_the_same_for_1_or_100(
    app, client, auth, citizen, make_prototype, make_user, add_comments, count_queries
):
    small = build(app, make_prototype, make_user, add_comments, 1)
    big = build(app, make_prototype, make_user, add_comments, 100)
    for signed_in in (False, True):
        if signed_in:
            auth.login(citizen)
        costs = []
        for prototype in (small, big):
            with count_queries() as counter:
                assert client.get(f"/prototypes/{prototype.id}").status_code == 200
            costs.append(counter.count)
        assert costs[0] == costs[1]
        assert costs[0] <= 14
