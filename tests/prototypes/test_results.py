"""Results per version and the comparison across versions, against hand-computed figures."""

import io

import pytest
from PIL import Image
from sqlalchemy import select

from platform.extensions import db
from platform.prototypes import services
from platform.prototypes.feedback import give_feedback
from platform.prototypes.models import Prototype, PrototypeImage
from platform.prototypes.results import comparison, results_of
from platform.prototypes.storage import IMAGES_MAX
from tests.support.pages import text


@pytest.fixture
def tested(app, make_prototype, make_user, versions_of, question_ids):
    """v1: ratings 5, 4, 4, 2; scale answers 5, 3, 4 (one tester skips); two free answers.
    v2: ratings 5, 5; scale answers 5, 4."""
    prototype = make_prototype()
    testers = [make_user() for _ in range(4)]

    def give(user, rating, scale=None, free=None):
        version = versions_of(prototype)[-1]
        scale_id, free_id = question_ids(version)
        answers = {}
        if scale is not None:
            answers[scale_id] = str(scale)
        if free is not None:
            answers[free_id] = free
        with app.test_request_context():
            loaded = db.session.get(Prototype, prototype.id)
            give_feedback(user, loaded, rating=rating, answers=answers)
            db.session.commit()

    give(testers[0], 5, 5, "Très clair")
    give(testers[1], 4, 3)
    give(testers[2], 4, 4, "Police encore petite")
    give(testers[3], 2)
    with app.test_request_context():
        loaded = db.session.get(Prototype, prototype.id)
        questions = [
            ("Avez-vous trouvé l'information facilement ?", "scale"),
            ("Et maintenant ?", "text"),
        ]
        agent = make_user(role="agent")
        services.add_version(agent, loaded, changes="Plus grand", questions=questions)
        db.session.commit()
    give(testers[0], 5, 5)
    give(testers[1], 5, 4)
    return prototype


def test_results_per_version(app, tested):
    with app.test_request_context():
        v2, v1 = results_of(db.session.get(Prototype, tested.id))
    assert (v1.testers, v1.average) == (4, 3.75)
    assert v1.distribution == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    scale, free = v1.questions
    assert v1.question_averages == {scale.id: 4.0}
    assert [text for _feedback, text in v1.text_answers[free.id]] == [
        "Très clair",
        "Police encore petite",
    ]
    assert (v2.testers, v2.average) == (2, 5.0)
    assert v2.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 2}
    assert v2.question_averages == {v2.questions[0].id: 4.5}


def test_comparison_matches_questions_by_wording(app, tested):
    with app.test_request_context():
        results = results_of(db.session.get(Prototype, tested.id))
        labels, groups = comparison(results)
    assert labels == ["v1", "v2"]
    assert groups == [
        (None, [3.75, 5.0]),
        ("Avez-vous trouvé l'information facilement ?", [4.0, 4.5]),
    ]


def test_page_shows_the_figures_the_chart_and_its_table(client, tested):
    page = text(client.get(f"/prototypes/{tested.id}"))
    assert "4 testeurs" in page and "2 testeurs" in page
    assert "3,8 / 5" in page and "5,0 / 5" in page  # 3.75 rounded to one decimal, in French
    assert "Police encore petite" in page
    assert "<svg" in page and 'role="img"' in page
    table = page.split('<details class="chart-table"')[1].split("</details>")[0]
    assert '<th scope="row">v1</th>' in table and "3,8" in table and "4,5" in table


def image_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def app_config(tmp_path):
    return {"UPLOAD_FOLDER": str(tmp_path / "uploads")}


def test_agent_adds_an_image_with_its_description(client, auth, agent, make_prototype, tmp_path):
    prototype = make_prototype()
    auth.login(agent)
    response = client.post(
        f"/prototypes/{prototype.id}/images",
        data={"image": (io.BytesIO(image_bytes()), "fiche.png"), "alt_text": "La fiche à l'arrêt"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = client.get(f"/prototypes/{prototype.id}").get_data(as_text=True)
    assert 'alt="La fiche à l&#39;arrêt"' in page
    [stored] = list((tmp_path / "uploads").iterdir())
    assert f"/uploads/{stored.name}" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"image": (io.BytesIO(b"not an image"), "x.png"), "alt_text": "x"},
         "Ce fichier n'est pas une image que nous pouvons lire."),
        ({"image": (io.BytesIO(image_bytes()), "x.png"), "alt_text": ""},
         "Décrivez l'image pour les personnes qui ne peuvent pas la voir."),
    ],
)  # fmt: skip
def test_bad_images_are_refused(client, auth, agent, make_prototype, tmp_path, data, message):
    prototype = make_prototype()
    auth.login(agent)
    response = client.post(
        f"/prototypes/{prototype.id}/images", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert message in text(response)
    folder = tmp_path / "uploads"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_comments_on_a_prototype_use_the_shared_component(
    client, auth, citizen, make_prototype, get_prototype
):
    prototype = make_prototype()
    auth.login(citizen)
    response = client.post(f"/prototypes/{prototype.id}/comments", data={"body": "Bonne idée !"})
    assert response.status_code == 302
    assert get_prototype(prototype).comments_count == 1
    assert "Bonne idée !" in text(client.get(f"/prototypes/{prototype.id}"))


def post_image(client, prototype, alt_text="La fiche"):
    return client.post(
        f"/prototypes/{prototype.id}/images",
        data={"image": (io.BytesIO(image_bytes()), "fiche.png"), "alt_text": alt_text},
        content_type="multipart/form-data",
    )


def test_an_image_over_the_limit_leaves_no_file(client, auth, agent, make_prototype, tmp_path):
    prototype = make_prototype()
    auth.login(agent)
    for n in range(IMAGES_MAX):
        assert post_image(client, prototype, f"Fiche {n}").status_code == 302
    response = post_image(client, prototype)
    assert response.status_code == 400
    assert "6 images" in text(response)
    assert len(list((tmp_path / "uploads").iterdir())) == IMAGES_MAX


def test_agent_removes_an_image_and_its_file(client, auth, agent, make_prototype, fetch, tmp_path):
    prototype = make_prototype()
    auth.login(agent)
    post_image(client, prototype)
    image = fetch(lambda s: s.scalar(select(PrototypeImage)))
    response = client.post(f"/prototypes/images/{image.id}/delete")
    assert response.status_code == 302
    assert fetch(lambda s: s.scalar(select(PrototypeImage))) is None
    assert list((tmp_path / "uploads").iterdir()) == []


def test_removing_an_unknown_image_is_not_found(client, auth, agent):
    auth.login(agent)
    assert client.post("/prototypes/images/999999/delete").status_code == 404
