"""Only the lab publishes, edits, versions, closes and changes images; drafts are not found by
anyone else."""

import io

import pytest
from PIL import Image

from platform.accounts.models import AnonymousUser
from platform.extensions import db
from platform.prototypes.models import Prototype, PrototypeImage, PrototypeStatus
from platform.prototypes.permissions import (
    can_add_image,
    can_add_version,
    can_close_prototype,
    can_delete_image,
    can_edit_prototype,
    can_give_feedback,
    can_publish_prototype,
    can_view_prototype,
)
from platform.prototypes.queries import latest_version
from platform.roles import Role

ACTORS = ["visitor", "citizen", "agent", "moderator", "admin"]
LAB = {"agent", "moderator", "admin"}
P = PrototypeStatus


def expected(actor, status, action):
    lab = actor in LAB
    return {
        "view": status is not P.DRAFT or lab,
        "edit": lab and status is not P.CLOSED,
        "publish": lab and status is P.DRAFT,
        "version": lab and status is P.OPEN,
        "close": lab and status is P.OPEN,
        "add_image": lab and status is not P.CLOSED,
        "delete_image": lab and status is not P.CLOSED,
        "feedback": actor != "visitor" and status is P.OPEN,
    }[action]


PREDICATES = {
    "view": can_view_prototype,
    "edit": can_edit_prototype,
    "publish": can_publish_prototype,
    "version": can_add_version,
    "close": can_close_prototype,
    "add_image": can_add_image,
    "delete_image": can_delete_image,
    "feedback": can_give_feedback,
}


@pytest.fixture
def actors(make_user):
    return {
        "visitor": AnonymousUser(),
        "citizen": make_user(Role.CITIZEN),
        "agent": make_user(Role.AGENT),
        "moderator": make_user(Role.MODERATOR),
        "admin": make_user(Role.ADMIN),
    }


@pytest.mark.parametrize("status", list(PrototypeStatus))
def test_predicates_match_the_table(app, actors, make_prototype, status):
    prototype = make_prototype(status=status)
    with app.test_request_context():
        table = {
            (actor, action): PREDICATES[action](user, prototype)
            for actor, user in actors.items()
            for action in PREDICATES
        }
    assert table == {
        (a, action): expected(a, status, action) for a in ACTORS for action in PREDICATES
    }


@pytest.fixture
def app_config(tmp_path):
    return {"UPLOAD_FOLDER": str(tmp_path / "uploads")}


@pytest.fixture
def make_image(app):
    """An image row of the prototype's latest version (its file need not exist)."""

    def make(prototype):
        with app.test_request_context():
            version = latest_version(db.session.get(Prototype, prototype.id))
            image = PrototypeImage(
                version_id=version.id, filename=f"{prototype.id:024d}.png", alt_text="Fiche",
                content_type="image/png", width=1, height=1,
            )  # fmt: skip
            db.session.add(image)
            db.session.commit()
            return image.id

    return make


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "navy").save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def requests_for(prototype, image_id):
    version = {"changes": "Mieux."} | {f"questions-{n}-text": "" for n in range(5)} | {
        f"questions-{n}-kind": "text" for n in range(5)
    } | {"questions-0-text": "Alors ?"}  # fmt: skip
    return {
        "view": ("GET", f"/prototypes/{prototype.id}", None),
        "edit": ("POST", f"/prototypes/{prototype.id}/edit",
                 {"title": "T", "summary": "S", "description": "D"}),
        "publish": ("POST", f"/prototypes/{prototype.id}/publish", {}),
        "version": ("POST", f"/prototypes/{prototype.id}/versions/new", version),
        "close": ("POST", f"/prototypes/{prototype.id}/close", {}),
        "add_image": ("POST", f"/prototypes/{prototype.id}/images",
                      {"image": (png(), "fiche.png"), "alt_text": "Fiche"}),
        "delete_image": ("POST", f"/prototypes/images/{image_id}/delete", {}),
        "feedback": ("POST", f"/prototypes/{prototype.id}/feedback", {"rating": "4"}),
    }  # fmt: skip


@pytest.mark.parametrize("status", list(PrototypeStatus))
@pytest.mark.parametrize("actor", ACTORS)
def test_routes_match_the_table(client, auth, actors, make_prototype, make_image, actor, status):
    if actor != "visitor":
        auth.login(actors[actor])
    for action in PREDICATES:
        prototype = make_prototype(status=status)
        method, path, data = requests_for(prototype, make_image(prototype))[action]
        response = client.get(path) if method == "GET" else client.post(path, data=data)
        if expected(actor, status, action):
            assert response.status_code in (200, 302), (action, response.status_code)
            if response.status_code == 302:
                assert "/auth/login" not in response.headers["Location"], action
        elif status is P.DRAFT and actor not in LAB:
            assert response.status_code == 404, action  # a draft is not found, not forbidden
        elif actor == "visitor":
            assert response.headers["Location"].startswith("/auth/login"), action
        else:
            assert response.status_code == 403, (action, response.status_code)
