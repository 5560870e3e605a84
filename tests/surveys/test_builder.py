"""The survey builder, through its pages: who may use it; sections, questions, options and
conditions with every rule and every refused input; the lock after the first response, with its
recorded corrections; a published survey that no longer changes; valid pages whose cost in
queries does not grow with the questions.

Pages are read in English (the messages' source language), so that the tests do not depend on
the translations.
"""

import pytest
from sqlalchemy import insert, select, update

from platform.extensions import db
from platform.surveys.models import (
    SurveyOption,
    SurveyQuestion,
    SurveyRevision,
    SurveySection,
    SurveyStatus,
    survey_condition_option,
)
from tests.support.pages import text
from tests.test_valid_html import problems

MAIRIE = "Venez-vous à la mairie ?"
MOYENS = "Par quels moyens ?"
SATISFACTION = "Votre satisfaction"
IDEE = "Une idée pour l'accueil ?"

# Section 1: two choice questions; section 2: one conditioned on the first, and a ranking;
# section 3: a scale and a choice question.
CONDITIONAL = [
    [
        {"kind": "single_choice", "prompt": MAIRIE, "options": ["Oui", "Non"]},
        {"kind": "multiple_choice", "prompt": MOYENS, "options": ["À pied", "En bus", "Vélo"]},
    ],
    [
        {"kind": "long_text", "prompt": "Pourquoi pas ?", "condition": (MAIRIE, ["Non"])},
        {"kind": "ranking", "prompt": "Classez", "options": ["A", "B", "C"]},
    ],
    [
        {"kind": "scale", "prompt": SATISFACTION, "scale": (1, 5), "low_label": "Bof"},
        {"kind": "single_choice", "prompt": "Reviendrez-vous ?", "options": ["Oui", "Non"]},
    ],
]  # fmt: skip


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def make_survey(make_survey, app):
    """The shared factory, its conditions stored in SQL here: the factory sets the condition's
    options on a question already flushed, which its `lazy="raise"` relationship refuses."""

    def make(sections=None, **kwargs):
        if sections is None:
            return make_survey(**kwargs)
        plain = [[{k: v for k, v in q.items() if k != "condition"} for q in s] for s in sections]
        built = make_survey(sections=plain, **kwargs)
        conditions = [q for s in sections for q in s if "condition" in q]
        with app.app_context():
            for spec in conditions:
                source, chosen = spec["condition"]
                question_id = built.q(spec["prompt"])
                db.session.execute(
                    update(SurveyQuestion)
                    .where(SurveyQuestion.id == question_id)
                    .values(condition_question_id=built.q(source))
                )
                db.session.execute(
                    insert(survey_condition_option),
                    [{"question_id": question_id, "option_id": built.option(source, label)}
                     for label in chosen],
                )  # fmt: skip
            db.session.commit()
        return built

    return make


@pytest.fixture
def organiser(auth, agent):
    auth.login(agent)
    return agent


def url(built, path=""):
    return f"/surveys/{built.id}{path}"


def layout(fetch, built):
    """[(section title, [question prompts])], checking positions run 1..n without gaps."""

    def read(s):
        sections = s.scalars(
            select(SurveySection)
            .where(SurveySection.survey_id == built.id)
            .order_by(SurveySection.position)
        ).all()
        assert [x.position for x in sections] == list(range(1, len(sections) + 1))
        found = []
        for section in sections:
            questions = s.scalars(
                select(SurveyQuestion)
                .where(SurveyQuestion.section_id == section.id)
                .order_by(SurveyQuestion.position)
            ).all()
            assert [q.position for q in questions] == list(range(1, len(questions) + 1))
            found.append((section.title, [q.prompt for q in questions]))
        return found

    return fetch(read)


def labels(fetch, question_id, rows=False):
    """The labels of a question's options (or matrix rows), checking positions run 1..n."""

    def read(s):
        options = s.scalars(
            select(SurveyOption)
            .where(SurveyOption.question_id == question_id, SurveyOption.is_row.is_(rows))
            .order_by(SurveyOption.position)
        ).all()
        assert [o.position for o in options] == list(range(1, len(options) + 1))
        return [o.label for o in options]

    return fetch(read)


def question_of(fetch, question_id):
    return fetch(lambda s: s.get(SurveyQuestion, question_id))


def condition_of(fetch, question_id):
    """(source question id, sorted option ids) of a question's condition."""

    def read(s):
        link = survey_condition_option.c
        options = s.scalars(select(link.option_id).where(link.question_id == question_id)).all()
        return s.get(SurveyQuestion, question_id).condition_question_id, sorted(options)

    return fetch(read)


def stored_revisions(fetch, built):
    query = select(SurveyRevision).where(SurveyRevision.survey_id == built.id)
    return fetch(lambda s: s.scalars(query.order_by(SurveyRevision.id)).all())


def new_question(**overrides):
    data = {
        "kind": "single_choice", "prompt": "Quel jour ?", "help_text": "",
        "options": "Lundi\nMardi", "rows": "", "scale": "1-5", "low_label": "",
        "high_label": "", "min_choices": "", "max_choices": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def edit_data(fetch, question_id, **overrides):
    """What the question's page sends back unchanged (with its settings), then `overrides`."""

    def read(s):
        q = s.get(SurveyQuestion, question_id)
        link = survey_condition_option.c
        condition = s.scalars(select(link.option_id).where(link.question_id == question_id))
        data = {
            "structure": "1", "kind": q.kind.value, "prompt": q.prompt,
            "help_text": q.help_text, "low_label": q.low_label, "high_label": q.high_label,
            "min_choices": "" if q.min_choices is None else str(q.min_choices),
            "max_choices": "" if q.max_choices is None else str(q.max_choices),
            "scale": f"{q.scale_min}-{q.scale_max}" if q.scale_min is not None else "1-5",
            "options": "", "rows": "", "condition": list(condition),
        }  # fmt: skip
        if q.is_required:
            data["is_required"] = "y"
        if q.has_other:
            data["has_other"] = "y"
        return data

    data = fetch(read)
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


# Who may build -------------------------------------------------------------------------------


def test_organiser_sees_sections_questions_and_summaries(client, organiser, make_survey):
    built = make_survey(sections=CONDITIONAL)
    response = client.get(url(built, "/build"))
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert page.count("<h3") == 6
    assert "Section 1: Partie 1" in page and "Section 3: Partie 3" in page
    assert f'href="/surveys/{built.id}"' in page  # back to the survey
    assert "Single choice" in page and "Ranking" in page and "from 1 to 5" in page
    assert f"Shown if «{MAIRIE}» is «Non»" in page
    assert "Add a section" in page and "Move up" in page
    assert problems(response) == []


@pytest.mark.parametrize(
    ("who", "status"),
    [("organiser", 200), ("admin", 200), ("other agent", 403), ("moderator", 403),
     ("citizen", 403)],
)  # fmt: skip
def test_who_may_open_the_builder(client, auth, make_user, agent, make_survey, who, status):
    built = make_survey()
    user = {"organiser": agent, "admin": make_user("admin"), "other agent": make_user("agent"),
            "moderator": make_user("moderator"), "citizen": make_user("citizen")}[who]  # fmt: skip
    auth.login(user)
    assert client.get(url(built, "/build")).status_code == status


def test_visitor_is_sent_to_sign_in(client, make_survey):
    built = make_survey()
    response = client.get(url(built, "/build"))
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert "/auth/login" in client.post(url(built, "/sections"), data={}).headers["Location"]


def test_a_draft_is_not_found_outside_the_lab(client, auth, citizen, make_survey):
    built = make_survey(status=SurveyStatus.DRAFT)
    assert client.get(url(built, "/build")).status_code == 404
    auth.login(citizen)
    assert client.get(url(built, "/build")).status_code == 404


def test_another_agent_cannot_change_anything(client, auth, make_user, make_survey, fetch):
    built = make_survey(status=SurveyStatus.DRAFT)
    before = layout(fetch, built)
    auth.login(make_user("agent"))
    question = built.q(MAIRIE)
    for path, data in [
        ("/sections", {"new-section-title": "Encore"}),
        (f"/questions/{question}/delete", {}),
        (f"/questions/{question}/edit", {"prompt": "Changé"}),
        (f"/options/{built.option(MAIRIE, 'Oui')}/delete", {}),
    ]:
        assert client.post(url(built, path), data=data).status_code == 403
    assert layout(fetch, built) == before


def test_an_admin_may_build_any_survey(client, auth, admin, make_survey, fetch):
    built = make_survey()
    auth.login(admin)
    response = client.post(url(built, "/sections"), data={"new-section-title": "Fin"})
    assert response.status_code == 302
    assert [title for title, _questions in layout(fetch, built)][-1] == "Fin"


def test_parts_of_another_survey_are_not_found(client, organiser, make_survey, fetch):
    built, other = make_survey(), make_survey()
    section = section_ids(fetch, other)[0]
    with_other = [
        ("get", f"/sections/{section}/edit"),
        ("get", f"/sections/{section}/questions/new"),
        ("post", f"/sections/{section}/delete"),
        ("get", f"/questions/{other.q(MAIRIE)}/edit"),
        ("post", f"/questions/{other.q(MAIRIE)}/delete"),
        ("post", f"/options/{other.option(MAIRIE, 'Oui')}/delete"),
        ("post", f"/options/{other.option(MAIRIE, 'Oui')}/edit"),
    ]
    for method, path in with_other:
        assert getattr(client, method)(url(built, path)).status_code == 404, path


# Sections ------------------------------------------------------------------------------------


def test_add_a_section_at_the_end(client, organiser, make_survey, fetch):
    built = make_survey()
    response = client.post(
        url(built, "/sections"),
        data={"new-section-title": " Vos habitudes ", "new-section-description": "Pour finir."},
    )
    assert response.status_code == 302
    assert "#section-" in response.headers["Location"]
    assert layout(fetch, built)[-1] == ("Vos habitudes", [])


@pytest.mark.parametrize(
    ("data", "message", "field"),
    [
        ({"new-section-title": "  "}, "Give the section a title.", "new-section-title"),
        ({"new-section-title": "x" * 151}, "Enter at most 150 characters.", "new-section-title"),
        ({"new-section-title": "Ok", "new-section-description": "x" * 2001},
         "Enter at most 2000 characters.", "new-section-description"),
    ],
)  # fmt: skip
def test_a_bad_section_is_refused(client, organiser, make_survey, fetch, data, message, field):
    built = make_survey()
    before = layout(fetch, built)
    response = client.post(url(built, "/sections"), data=data)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert f'<a href="#{field}">' in page  # the error summary links to the field
    assert 'aria-invalid="true"' in page
    assert layout(fetch, built) == before
    assert problems(response) == []


def test_rename_a_section(client, organiser, make_survey, fetch):
    built = make_survey()
    section = layout(fetch, built)
    section_id = fetch(lambda s: s.scalar(select(SurveySection.id).where(
        SurveySection.survey_id == built.id, SurveySection.position == 2)))  # fmt: skip
    page = client.get(url(built, f"/sections/{section_id}/edit"))
    assert page.status_code == 200 and 'value="Partie 2"' in text(page)
    assert problems(page) == []
    response = client.post(
        url(built, f"/sections/{section_id}/edit"),
        data={"title": "Votre avis", "description": "Trois minutes."},
    )
    assert response.status_code == 302
    stored = fetch(lambda s: s.get(SurveySection, section_id))
    assert (stored.title, stored.description) == ("Votre avis", "Trois minutes.")
    assert layout(fetch, built)[0] == section[0]
    assert stored_revisions(fetch, built) == []  # no response yet: nothing to record
    refused = client.post(url(built, f"/sections/{section_id}/edit"), data={"title": ""})
    assert refused.status_code == 400
    assert "Give the section a title." in text(refused)


def section_ids(fetch, built):
    query = select(SurveySection.id).where(SurveySection.survey_id == built.id)
    return fetch(lambda s: s.scalars(query.order_by(SurveySection.position)).all())


def test_move_sections_keeps_positions(client, organiser, make_survey, fetch):
    built = make_survey(sections=[[], [], []])
    first, second, third = section_ids(fetch, built)
    move = url(built, f"/sections/{third}/move")
    assert client.post(move, data={"direction": "up"}).status_code == 302
    assert section_ids(fetch, built) == [first, third, second]
    client.post(url(built, f"/sections/{first}/move"), data={"direction": "down"})
    assert section_ids(fetch, built) == [third, first, second]
    client.post(url(built, f"/sections/{third}/move"), data={"direction": "up"})  # first already
    assert section_ids(fetch, built) == [third, first, second]
    assert [t for t, _q in layout(fetch, built)] == ["Partie 3", "Partie 1", "Partie 2"]
    refused = client.post(move, data={"direction": "sideways"})
    assert refused.status_code == 400
    assert "Choose whether to move it up or down." in text(refused)


def test_a_section_move_never_puts_a_condition_before_its_question(
    client, organiser, make_survey, fetch
):
    built = make_survey(sections=CONDITIONAL)
    before = layout(fetch, built)
    first, second, _third = section_ids(fetch, built)
    for section, direction in ((second, "up"), (first, "down")):
        response = client.post(url(built, f"/sections/{section}/move"),
                               data={"direction": direction})  # fmt: skip
        assert response.status_code == 400
        assert "This would put «Pourquoi pas ?» on the same page as the question it depends on" in (
            text(response)
        )
        assert problems(response) == []
    assert layout(fetch, built) == before


def test_delete_a_section_with_its_questions(client, organiser, make_survey, fetch):
    built = make_survey(sections=[[{"kind": "short_text", "prompt": "A"}],
                                  [{"kind": "number", "prompt": "B"}], []])  # fmt: skip
    _first, second, _third = section_ids(fetch, built)
    response = client.post(url(built, f"/sections/{second}/delete"))
    assert response.status_code == 302
    assert layout(fetch, built) == [("Partie 1", ["A"]), ("Partie 3", [])]
    assert question_of(fetch, built.q("B")) is None


def test_the_last_section_is_kept(client, organiser, make_survey, fetch):
    built = make_survey(sections=[[{"kind": "short_text", "prompt": "A"}]])
    [section] = section_ids(fetch, built)
    assert f'/sections/{section}/delete"' not in text(client.get(url(built, "/build")))
    response = client.post(url(built, f"/sections/{section}/delete"))
    assert response.status_code == 400
    assert "A survey keeps at least one section." in text(response)
    assert layout(fetch, built) == [("Partie 1", ["A"])]


def test_a_section_whose_question_conditions_a_later_one_is_kept(
    client, organiser, make_survey, fetch
):
    built = make_survey(sections=CONDITIONAL)
    before = layout(fetch, built)
    response = client.post(url(built, f"/sections/{section_ids(fetch, built)[0]}/delete"))
    assert response.status_code == 400
    assert "«Pourquoi pas ?» is shown depending on a question of this section" in text(response)
    assert layout(fetch, built) == before


# Questions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected", "options", "rows"),
    [
        ({"kind": "short_text", "options": "", "is_required": "y"},
         {"is_required": True}, [], []),
        ({"kind": "long_text", "options": "", "help_text": "Librement."},
         {"help_text": "Librement."}, [], []),
        ({"kind": "number", "options": ""}, {"scale_min": None}, [], []),
        ({"kind": "single_choice", "options": "\n Oui \n\n Non\n", "has_other": "y"},
         {"has_other": True, "min_choices": None}, ["Oui", "Non"], []),
        ({"kind": "multiple_choice", "options": "A\nB\nC", "min_choices": "1",
          "max_choices": "3"}, {"min_choices": 1, "max_choices": 3}, ["A", "B", "C"], []),
        ({"kind": "multiple_choice", "options": "A\nB\nC", "has_other": "y",
          "max_choices": "4"}, {"max_choices": 4, "has_other": True}, ["A", "B", "C"], []),
        ({"kind": "scale", "options": "", "scale": "0-10", "low_label": "Jamais",
          "high_label": "Toujours"},
         {"scale_min": 0, "scale_max": 10, "low_label": "Jamais", "high_label": "Toujours"},
         [], []),
        ({"kind": "scale", "options": ""}, {"scale_min": 1, "scale_max": 5}, [], []),
        ({"kind": "ranking", "options": "Bus\nTram"}, {}, ["Bus", "Tram"], []),
        ({"kind": "matrix", "options": "Oui\nNon", "rows": "Accueil\nAttente"}, {},
         ["Oui", "Non"], ["Accueil", "Attente"]),
    ],
)  # fmt: skip
def test_add_a_question_of_each_kind(
    client, organiser, make_survey, fetch, data, expected, options, rows
):
    built = make_survey()
    section = section_ids(fetch, built)[1]
    new_page = client.get(url(built, f"/sections/{section}/questions/new"))
    assert new_page.status_code == 200
    assert problems(new_page) == []
    response = client.post(url(built, f"/sections/{section}/questions/new"),
                           data=new_question(**data))  # fmt: skip
    assert response.status_code == 302
    assert layout(fetch, built)[1] == ("Partie 2", [SATISFACTION, IDEE, "Quel jour ?"])
    question_id = int(response.headers["Location"].rsplit("question-", 1)[1])
    stored = question_of(fetch, question_id)
    assert stored.kind.value == data["kind"]
    for name, value in expected.items():
        assert getattr(stored, name) == value, name
    assert labels(fetch, question_id) == options
    assert labels(fetch, question_id, rows=True) == rows


BAD_QUESTIONS = [
    ({"prompt": " "}, "Write the question.", "prompt"),
    ({"prompt": "x" * 301}, "Enter at most 300 characters.", "prompt"),
    ({"help_text": "x" * 501}, "Enter at most 500 characters.", "help_text"),
    ({"kind": "essay"}, "Choose one of the options in the list.", "kind"),
    ({"options": "Oui\n\n"}, "Give at least two options, one per line.", "options"),
    ({"options": "Oui\n oui "}, "«oui» is listed twice: each option must be different.",
     "options"),
    ({"options": "Oui\n" + "x" * 201}, "An option has at most 200 characters", "options"),
    ({"kind": "ranking", "options": "Seul"}, "Give at least two options", "options"),
    ({"kind": "matrix", "options": "Oui", "rows": "Accueil"},
     "Give at least two columns, one per line.", "options"),
    ({"kind": "matrix", "options": "Oui\nNon", "rows": " \n"}, "Give at least one row.", "rows"),
    ({"kind": "matrix", "options": "Oui\nNon", "rows": "A\na"}, "«a» is listed twice", "rows"),
    ({"rows": "Accueil"}, "Only a matrix has rows: leave this field empty.", "rows"),
    ({"kind": "short_text"}, "A question of this kind has no options", "options"),
    ({"kind": "ranking", "has_other": "y"},
     "Only a single or multiple choice question can offer “other”.", "has_other"),
    ({"kind": "scale", "options": "", "has_other": "y"}, "can offer “other”", "has_other"),
    ({"kind": "multiple_choice", "min_choices": "0"},
     "Enter a number of choices of at least 1.", "min_choices"),
    ({"kind": "multiple_choice", "max_choices": "0"},
     "Enter a number of choices of at least 1.", "max_choices"),
    ({"kind": "multiple_choice", "options": "A\nB\nC", "min_choices": "3", "max_choices": "2"},
     "The maximum cannot be below the minimum.", "max_choices"),
    ({"kind": "multiple_choice", "options": "A\nB\nC", "max_choices": "4"},
     "There are only 3 choices to pick from.", "max_choices"),
    ({"kind": "multiple_choice", "options": "A\nB", "has_other": "y", "min_choices": "4"},
     "There are only 3 choices to pick from.", "min_choices"),
    ({"kind": "single_choice", "min_choices": "1"},
     "Only a multiple choice question takes a number of choices", "min_choices"),
    ({"kind": "ranking", "max_choices": "2"},
     "Only a multiple choice question takes a number of choices", "max_choices"),
    ({"kind": "multiple_choice", "min_choices": "deux"}, "Enter a whole number, like 3.",
     "min_choices"),
    ({"kind": "scale", "options": "", "scale": "2-7"},
     "A scale goes from 1 to 5 or from 0 to 10.", "scale"),
    ({"kind": "scale", "options": "", "scale": "beaucoup"}, "A scale goes from 1 to 5",
     "scale"),
    ({"kind": "short_text", "options": "", "low_label": "Peu"},
     "Only a scale has labels at its ends: leave this empty.", "low_label"),
    ({"kind": "scale", "options": "", "high_label": "x" * 81},
     "Enter at most 80 characters.", "high_label"),
    ({"condition": "abc"}, "Choose options from the list.", "condition"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message", "field"), BAD_QUESTIONS)
def test_a_bad_question_is_refused(client, organiser, make_survey, fetch, data, message, field):
    built = make_survey()
    before = layout(fetch, built)
    section = section_ids(fetch, built)[1]
    response = client.post(url(built, f"/sections/{section}/questions/new"),
                           data=new_question(**data))  # fmt: skip
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert f'<a href="#{field}">' in page
    assert 'value="Quel jour ?"' in page or field == "prompt"  # what was typed is kept
    assert layout(fetch, built) == before
    assert problems(response) == []


# Conditions ----------------------------------------------------------------------------------


def test_a_question_shown_for_answers_of_an_earlier_section(client, organiser, make_survey, fetch):
    built = make_survey(sections=CONDITIONAL)
    third = section_ids(fetch, built)[2]
    page = text(client.get(url(built, f"/sections/{third}/questions/new")))
    # One group per single or multiple choice question of the earlier sections, not the ranking.
    assert f"Shown if «{MAIRIE}» is answered with:" in page
    assert f"Shown if «{MOYENS}» is answered with:" in page
    assert "Shown if «Classez»" not in page
    bus, velo = built.option(MOYENS, "En bus"), built.option(MOYENS, "Vélo")
    response = client.post(url(built, f"/sections/{third}/questions/new"),
                           data=new_question(kind="short_text", options="", prompt="Quel bus ?",
                                             condition=[bus, velo]))  # fmt: skip
    assert response.status_code == 302
    question_id = int(response.headers["Location"].rsplit("question-", 1)[1])
    assert condition_of(fetch, question_id) == (built.q(MOYENS), sorted([bus, velo]))
    assert f"Shown if «{MOYENS}» is «En bus» or «Vélo»" in text(client.get(url(built, "/build")))


def test_unticking_every_option_removes_the_condition(client, organiser, make_survey, fetch):
    built = make_survey(sections=CONDITIONAL)
    question = built.q("Pourquoi pas ?")
    edit = client.get(url(built, f"/questions/{question}/edit"))
    assert f'value="{built.option(MAIRIE, "Non")}" id="condition-' in text(edit)
    assert problems(edit) == []
    data = edit_data(fetch, question, condition=None)
    assert client.post(url(built, f"/questions/{question}/edit"), data=data).status_code == 302
    assert condition_of(fetch, question) == (None, [])
    assert "Shown if" not in text(client.get(url(built, "/build")))


EARLIER = "Choose options of a single or multiple choice question of an earlier section."


@pytest.mark.parametrize(
    ("source", "section", "message"),
    [
        ("two questions", 1, "Tick the options of one question only"),
        ("same section", 0, EARLIER),
        ("later section", 1, EARLIER),
        ("not a choice", 2, EARLIER),
        ("unknown", 1, EARLIER),
    ],
)
def test_a_bad_condition_is_refused(
    client, organiser, make_survey, fetch, source, section, message
):
    built = make_survey(sections=CONDITIONAL)
    ticked = {
        "two questions": [built.option(MAIRIE, "Oui"), built.option(MOYENS, "Vélo")],
        "same section": [built.option(MAIRIE, "Oui")],
        "later section": [built.option("Reviendrez-vous ?", "Oui")],
        "not a choice": [built.option("Classez", "B")],  # a ranking, in an earlier section
        "unknown": [built.option(MAIRIE, "Oui"), 10**6],
    }[source]
    before = layout(fetch, built)
    target = section_ids(fetch, built)[section]
    response = client.post(url(built, f"/sections/{target}/questions/new"),
                           data=new_question(condition=ticked))  # fmt: skip
    assert response.status_code == 400
    assert message in text(response)
    assert '<a href="#condition">' in text(response)
    assert layout(fetch, built) == before


def test_a_condition_on_a_choice_question_of_the_same_section_is_refused(
    client, organiser, make_survey, fetch
):
    built = make_survey(sections=CONDITIONAL)
    question = built.q(MOYENS)  # section 1, like «Venez-vous…»
    data = edit_data(fetch, question, condition=[built.option(MAIRIE, "Oui")])
    response = client.post(url(built, f"/questions/{question}/edit"), data=data)
    assert response.status_code == 400
    assert "of an earlier section" in text(response)
    assert condition_of(fetch, question) == (None, [])


def test_a_condition_source_stays_a_choice_question(client, organiser, make_survey, fetch):
    built = make_survey(sections=CONDITIONAL)
    question = built.q(MAIRIE)
    for kind in ("ranking", "short_text"):
        data = edit_data(fetch, question, kind=kind)
        response = client.post(url(built, f"/questions/{question}/edit"), data=data)
        assert response.status_code == 400
        assert "«Pourquoi pas ?» is shown depending on this question's answer" in text(response)
    assert question_of(fetch, question).kind.value == "single_choice"
    assert labels(fetch, question) == ["Oui", "Non"]
    # Single to multiple choice keeps its options and the condition on them.
    data = edit_data(fetch, question, kind="multiple_choice")
    assert client.post(url(built, f"/questions/{question}/edit"), data=data).status_code == 302
    assert question_of(fetch, question).kind.value == "multiple_choice"
    assert condition_of(fetch, built.q("Pourquoi pas ?"))[0] == question


def test_a_question_used_by_a_condition_is_not_deleted(client, organiser, make_survey, fetch):
    built = make_survey(sections=CONDITIONAL)
    before = layout(fetch, built)
    response = client.post(url(built, f"/questions/{built.q(MAIRIE)}/delete"))
    assert response.status_code == 400
    assert "«Pourquoi pas ?» is shown depending on this question's answer" in text(response)
    assert layout(fetch, built) == before
    # The conditional question itself may go.
    response = client.post(url(built, f"/questions/{built.q('Pourquoi pas ?')}/delete"))
    assert response.status_code == 302
    assert layout(fetch, built)[1] == ("Partie 2", ["Classez"])


def test_an_option_used_by_a_condition_is_not_deleted(client, organiser, make_survey, fetch):
    built = make_survey(sections=[
        [{"kind": "single_choice", "prompt": MAIRIE, "options": ["Oui", "Non", "Parfois"]}],
        [{"kind": "short_text", "prompt": "Pourquoi pas ?", "condition": (MAIRIE, ["Non"])}],
    ])  # fmt: skip
    response = client.post(url(built, f"/options/{built.option(MAIRIE, 'Non')}/delete"))
    assert response.status_code == 400
    assert "«Pourquoi pas ?» is shown depending on this option" in text(response)
    assert problems(response) == []
    assert labels(fetch, built.q(MAIRIE)) == ["Oui", "Non", "Parfois"]
    # An option no condition uses may go.
    assert (
        client.post(url(built, f"/options/{built.option(MAIRIE, 'Oui')}/delete")).status_code == 302
    )
    assert labels(fetch, built.q(MAIRIE)) == ["Non", "Parfois"]


# Editing and moving questions ----------------------------------------------------------------


def test_change_a_question_and_add_options(client, organiser, make_survey, fetch):
    built = make_survey()
    question = built.q(MOYENS)
    data = edit_data(
        fetch,
        question,
        prompt="Comment venez-vous ?",
        options="Tram\n\nMétro",
        min_choices="2",
        max_choices="5",
        help_text="Plusieurs réponses.",
    )
    response = client.post(url(built, f"/questions/{question}/edit"), data=data)
    assert response.status_code == 302
    stored = question_of(fetch, question)
    assert (stored.prompt, stored.help_text) == ("Comment venez-vous ?", "Plusieurs réponses.")
    assert (stored.min_choices, stored.max_choices) == (2, 5)  # 5 options, and "other": 6
    assert labels(fetch, question) == ["À pied", "En bus", "En voiture", "Tram", "Métro"]
    refused = client.post(url(built, f"/questions/{question}/edit"),
                          data=edit_data(fetch, question, options="tram"))  # fmt: skip
    assert refused.status_code == 400
    assert "«tram» is listed twice" in text(refused)


def test_a_choice_question_becomes_a_text_question(client, organiser, make_survey, fetch):
    built = make_survey()
    question = built.q(MOYENS)
    data = edit_data(fetch, question, kind="long_text", has_other=None)
    assert client.post(url(built, f"/questions/{question}/edit"), data=data).status_code == 302
    assert question_of(fetch, question).kind.value == "long_text"
    assert labels(fetch, question) == []


def test_a_text_question_becomes_a_matrix(client, organiser, make_survey, fetch):
    built = make_survey()
    question = built.q(IDEE)
    data = edit_data(fetch, question, kind="matrix", options="Oui\nNon", rows="Accueil")
    assert client.post(url(built, f"/questions/{question}/edit"), data=data).status_code == 302
    assert labels(fetch, question) == ["Oui", "Non"]
    assert labels(fetch, question, rows=True) == ["Accueil"]
    page = text(client.get(url(built, f"/questions/{question}/edit")))
    assert "Column 2" in page and "Row 1" in page


def test_a_scale_only_takes_its_two_ranges(client, organiser, make_survey, fetch):
    built = make_survey()
    question = built.q(SATISFACTION)
    for scale in ("0-5", "1-10", "0-100"):
        response = client.post(url(built, f"/questions/{question}/edit"),
                               data=edit_data(fetch, question, scale=scale))  # fmt: skip
        assert response.status_code == 400
        assert "A scale goes from 1 to 5 or from 0 to 10." in text(response)
    ok = client.post(url(built, f"/questions/{question}/edit"),
                     data=edit_data(fetch, question, scale="0-10"))  # fmt: skip
    assert ok.status_code == 302
    stored = question_of(fetch, question)
    assert (stored.scale_min, stored.scale_max) == (0, 10)


def test_move_questions_within_their_section(client, organiser, make_survey, fetch):
    built = make_survey(sections=[[{"kind": "short_text", "prompt": p} for p in "ABC"]])
    assert client.post(url(built, f"/questions/{built.q('C')}/move"),
                       data={"direction": "up"}).status_code == 302  # fmt: skip
    assert layout(fetch, built) == [("Partie 1", ["A", "C", "B"])]
    client.post(url(built, f"/questions/{built.q('A')}/move"), data={"direction": "down"})
    assert layout(fetch, built) == [("Partie 1", ["C", "A", "B"])]
    client.post(url(built, f"/questions/{built.q('B')}/move"), data={"direction": "down"})
    assert layout(fetch, built) == [("Partie 1", ["C", "A", "B"])]  # already last
    refused = client.post(url(built, f"/questions/{built.q('A')}/move"), data={})
    assert refused.status_code == 400
    assert "Choose whether to move it up or down." in text(refused)


def test_move_a_question_to_another_section(client, organiser, make_survey, fetch):
    built = make_survey()
    _first, second = section_ids(fetch, built)
    question = built.q(MAIRIE)
    response = client.post(url(built, f"/questions/{question}/section"),
                           data={f"question-{question}-section_id": str(second)})  # fmt: skip
    assert response.status_code == 302
    assert layout(fetch, built) == [("Partie 1", [MOYENS]),
                                    ("Partie 2", [SATISFACTION, IDEE, MAIRIE])]  # fmt: skip


@pytest.mark.parametrize(
    ("prompt", "to"),
    [("Pourquoi pas ?", 0), (MAIRIE, 1), (MAIRIE, 2)],
)
def test_a_question_move_never_puts_a_condition_before_its_question(
    client, organiser, make_survey, fetch, prompt, to
):
    built = make_survey(sections=CONDITIONAL)
    before = layout(fetch, built)
    question = built.q(prompt)
    target = section_ids(fetch, built)[to]
    response = client.post(url(built, f"/questions/{question}/section"),
                           data={f"question-{question}-section_id": str(target)})  # fmt: skip
    assert response.status_code == 400
    assert "This would put «Pourquoi pas ?» on the same page as the question it depends on" in (
        text(response)
    )
    assert problems(response) == []
    assert layout(fetch, built) == before


def test_move_to_a_section_of_another_survey_is_refused(client, organiser, make_survey, fetch):
    built, other = make_survey(), make_survey()
    before = layout(fetch, built)
    question = built.q(MAIRIE)
    field = f"question-{question}-section_id"
    response = client.post(url(built, f"/questions/{question}/section"),
                           data={field: str(section_ids(fetch, other)[1])})  # fmt: skip
    assert response.status_code == 400
    page = text(response)
    assert "Choose one of the options in the list." in page
    assert f'<a href="#{field}">' in page and f'id="{field}-error"' in page
    assert problems(response) == []
    assert layout(fetch, built) == before


def test_delete_a_question_keeps_positions(client, organiser, make_survey, fetch):
    built = make_survey(sections=[[{"kind": "short_text", "prompt": p} for p in "ABC"]])
    assert client.post(url(built, f"/questions/{built.q('A')}/delete")).status_code == 302
    assert layout(fetch, built) == [("Partie 1", ["B", "C"])]


# Options -------------------------------------------------------------------------------------


def test_rename_move_and_delete_options(client, organiser, make_survey, fetch):
    built = make_survey()
    question = built.q(MOYENS)
    bus = built.option(MOYENS, "En bus")
    page = client.get(url(built, f"/questions/{question}/edit"))
    assert page.status_code == 200
    assert problems(page) == []
    response = client.post(url(built, f"/options/{bus}/edit"), data={f"option-{bus}-label": "Bus"})
    assert response.status_code == 302
    assert labels(fetch, question) == ["À pied", "Bus", "En voiture"]
    assert stored_revisions(fetch, built) == []
    client.post(url(built, f"/options/{bus}/move"), data={"direction": "up"})
    assert labels(fetch, question) == ["Bus", "À pied", "En voiture"]
    assert client.post(url(built, f"/options/{bus}/delete")).status_code == 302
    assert labels(fetch, question) == ["À pied", "En voiture"]


@pytest.mark.parametrize(
    ("label", "message"),
    [(" ", "Write the option."), ("x" * 201, "Enter at most 200 characters."),
     ("en voiture", "Another option already says «en voiture».")],
)  # fmt: skip
def test_a_bad_option_label_is_refused(client, organiser, make_survey, fetch, label, message):
    built = make_survey()
    bus = built.option(MOYENS, "En bus")
    field = f"option-{bus}-label"
    response = client.post(url(built, f"/options/{bus}/edit"), data={field: label})
    assert response.status_code == 400
    page = text(response)
    assert message in page and f'<a href="#{field}">' in page
    assert problems(response) == []
    assert labels(fetch, built.q(MOYENS)) == ["À pied", "En bus", "En voiture"]


def test_a_choice_question_keeps_two_options(client, organiser, make_survey, fetch):
    built = make_survey()
    response = client.post(url(built, f"/options/{built.option(MAIRIE, 'Oui')}/delete"))
    assert response.status_code == 400
    assert "A question of this kind keeps at least two options." in text(response)
    assert labels(fetch, built.q(MAIRIE)) == ["Oui", "Non"]


def test_a_matrix_keeps_two_columns_and_one_row(client, organiser, make_survey, fetch):
    matrix = {"kind": "matrix", "prompt": "M", "options": ["Oui", "Non"], "rows": ["Accueil"]}
    built = make_survey(sections=[[matrix]])
    column = client.post(url(built, f"/options/{built.option('M', 'Oui')}/delete"))
    assert column.status_code == 400
    assert "A matrix keeps at least two columns." in text(column)
    row = client.post(url(built, f"/options/{built.row('M', 'Accueil')}/delete"))
    assert row.status_code == 400
    assert "A matrix keeps at least one row." in text(row)
    assert labels(fetch, built.q("M")) == ["Oui", "Non"]
    assert labels(fetch, built.q("M"), rows=True) == ["Accueil"]


def test_an_option_needed_by_the_number_of_choices_is_kept(client, organiser, make_survey, fetch):
    question = {"kind": "multiple_choice", "prompt": "Q", "options": ["A", "B", "C"],
                "min_choices": 1, "max_choices": 3}  # fmt: skip
    built = make_survey(sections=[[question]])
    response = client.post(url(built, f"/options/{built.option('Q', 'A')}/delete"))
    assert response.status_code == 400
    assert "asks for more choices than would remain" in text(response)
    assert labels(fetch, built.q("Q")) == ["A", "B", "C"]


# The lock ------------------------------------------------------------------------------------


def test_a_locked_survey_offers_wording_corrections_only(client, organiser, make_survey, fetch):
    built = make_survey(locked=True)
    response = client.get(url(built, "/build"))
    assert response.status_code == 200
    page = text(response)
    assert "This survey has responses" in page
    assert "Correct the wording" in page
    for structural in ("Add a section", "Move up", "Move down", "Delete<", "Add a question",
                       "Move to the section"):  # fmt: skip
        assert structural not in page
    assert "Corrections since the first response" in page
    assert problems(response) == []
    edit = text(client.get(url(built, f"/questions/{built.q(SATISFACTION)}/edit")))
    assert 'name="kind"' not in edit and 'name="structure"' not in edit
    assert 'name="low_label"' in edit and 'name="prompt"' in edit
    assert "Move up" not in edit and 'name="option-' not in edit  # a scale has no options
    options_page = text(client.get(url(built, f"/questions/{built.q(MOYENS)}/edit")))
    assert f'name="option-{built.option(MOYENS, "En bus")}-label"' in options_page
    assert "Delete<" not in options_page
    new = client.get(url(built, f"/sections/{section_ids(fetch, built)[0]}/questions/new"))
    assert new.status_code == 403
    assert "This survey has responses" in text(new)


def test_a_locked_survey_refuses_structural_changes(client, organiser, make_survey, fetch):
    built = make_survey(locked=True)
    first, second = section_ids(fetch, built)
    before = layout(fetch, built)
    question = built.q(MOYENS)
    bus = built.option(MOYENS, "En bus")
    attempts = [
        ("/sections", {"new-section-title": "Encore"}),
        (f"/sections/{second}/move", {"direction": "up"}),
        (f"/sections/{second}/delete", {}),
        (f"/sections/{first}/questions/new", new_question()),
        (f"/questions/{question}/move", {"direction": "up"}),
        (f"/questions/{question}/section", {f"question-{question}-section_id": str(second)}),
        (f"/questions/{question}/delete", {}),
        (f"/questions/{question}/edit", edit_data(fetch, question, kind="single_choice",
                                                  has_other=None)),
        (f"/questions/{question}/edit", edit_data(fetch, question, options="Tram")),
        (f"/questions/{question}/edit", edit_data(fetch, question, max_choices="2")),
        (f"/questions/{question}/edit", edit_data(fetch, question, has_other=None)),
        (f"/questions/{question}/edit", edit_data(fetch, question, is_required="y")),
        (f"/questions/{built.q(SATISFACTION)}/edit",
         edit_data(fetch, built.q(SATISFACTION), scale="0-10")),
        (f"/questions/{built.q(IDEE)}/edit",
         edit_data(fetch, built.q(IDEE), condition=[built.option(MAIRIE, "Oui")])),
        (f"/options/{bus}/move", {"direction": "up"}),
        (f"/options/{bus}/delete", {}),
    ]  # fmt: skip
    for path, data in attempts:
        response = client.post(url(built, path), data=data)
        assert response.status_code == 400, path
        assert "This survey has responses: its questions' types and options can no longer" in (
            text(response)
        ), path
    assert layout(fetch, built) == before
    assert labels(fetch, question) == ["À pied", "En bus", "En voiture"]
    stored = question_of(fetch, question)
    assert (stored.kind.value, stored.has_other, stored.max_choices) == (
        "multiple_choice", True, None,
    )  # fmt: skip
    assert condition_of(fetch, built.q(IDEE)) == (None, [])
    assert stored_revisions(fetch, built) == []


def test_a_locked_survey_records_each_wording_correction(
    client, organiser, agent, make_survey, fetch
):
    built = make_survey(locked=True)
    first = section_ids(fetch, built)[0]
    scale = built.q(SATISFACTION)
    corrections = [
        (f"/sections/{first}/edit", {"title": "Votre venue", "description": "Deux questions."}),
        (f"/questions/{built.q(MAIRIE)}/edit", {"prompt": "Venez-vous souvent à la mairie ?",
                                                "help_text": "Cette année."}),
        # The whole form, sent back unchanged but for its wording, is accepted too.
        (f"/questions/{scale}/edit", edit_data(fetch, scale, low_label="Pas satisfait",
                                               high_label="Très satisfait")),
        (f"/options/{built.option(MOYENS, 'En bus')}/edit",
         {f"option-{built.option(MOYENS, 'En bus')}-label": "En bus ou en tram"}),
    ]  # fmt: skip
    for path, data in corrections:
        assert client.post(url(built, path), data=data).status_code == 302, path
    recorded = [(r.what, r.before, r.after, r.by_id) for r in stored_revisions(fetch, built)]
    assert recorded == [
        ("section_title", "Partie 1", "Votre venue", agent.id),
        ("section_description", "", "Deux questions.", agent.id),
        ("prompt", MAIRIE, "Venez-vous souvent à la mairie ?", agent.id),
        ("help_text", "", "Cette année.", agent.id),
        ("low_label", "Pas du tout", "Pas satisfait", agent.id),
        ("high_label", "Tout à fait", "Très satisfait", agent.id),
        ("option", "En bus", "En bus ou en tram", agent.id),
    ]
    question_ids = [r.question_id for r in stored_revisions(fetch, built)]
    assert question_ids == [None, None, built.q(MAIRIE), built.q(MAIRIE), scale, scale,
                            built.q(MOYENS)]  # fmt: skip
    assert question_of(fetch, built.q(MAIRIE)).prompt == "Venez-vous souvent à la mairie ?"
    # Sending the same words again records nothing more.
    client.post(url(built, f"/sections/{first}/edit"),
                data={"title": "Votre venue", "description": "Deux questions."})  # fmt: skip
    assert len(stored_revisions(fetch, built)) == 7
    response = client.get(url(built, "/build"))
    page = text(response)
    history = page.split("Corrections since the first response")[1]
    assert agent.display_name in history
    assert "Section title" in history and "Option" in history
    assert "Partie 1</del> → <ins>Votre venue" in history
    assert "En bus</del> → <ins>En bus ou en tram" in history
    assert problems(response) == []


def test_a_locked_survey_refuses_bad_wording_too(client, organiser, make_survey, fetch):
    built = make_survey(locked=True)
    question = built.q(MAIRIE)
    response = client.post(url(built, f"/questions/{question}/edit"), data={"prompt": ""})
    assert response.status_code == 400
    assert "Write the question." in text(response)
    assert question_of(fetch, question).prompt == MAIRIE
    assert stored_revisions(fetch, built) == []


def test_the_rules_refuse_structure_once_locked(app, agent, make_survey):
    """The lock is the rules' own check, whatever the page offered."""
    from platform.surveys import builder, services

    built = make_survey(locked=True)
    with app.test_request_context():
        survey = services.load_survey(built.id)
        sections = services.load_structure(survey)
        question = builder.question_in(sections, built.q(MAIRIE))
        for rule, args in [
            (builder.add_section, {"title": "Encore"}),
            (builder.move_section, {"section": sections[1], "direction": "up"}),
            (builder.delete_section, {"section": sections[1]}),
            (builder.add_question, {"section": sections[0], "kind": "short_text", "prompt": "Q"}),
            (builder.move_question, {"question": question, "direction": "down"}),
            (builder.delete_question, {"question": question}),
            (builder.move_option, {"option": question.options[1], "direction": "up"}),
            (builder.delete_option, {"option": question.options[1]}),
        ]:
            with pytest.raises(services.SurveyError) as refused:
                rule(agent, survey, **args)
            assert refused.value.message == services.LOCKED
        db.session.rollback()


# A published survey --------------------------------------------------------------------------


def test_a_published_survey_no_longer_changes(client, organiser, make_survey, fetch):
    built = make_survey(status=SurveyStatus.PUBLISHED, locked=True)
    before = layout(fetch, built)
    first = section_ids(fetch, built)[0]
    question = built.q(MAIRIE)
    page = client.get(url(built, "/build"))
    assert page.status_code == 403
    assert "The results of this survey are published" in text(page)
    for path, data in [
        ("/sections", {"new-section-title": "Encore"}),
        (f"/sections/{first}/edit", {"title": "Autre"}),
        (f"/questions/{question}/edit", {"prompt": "Autre"}),
        (f"/options/{built.option(MAIRIE, 'Oui')}/edit",
         {f"option-{built.option(MAIRIE, 'Oui')}-label": "Si"}),
        (f"/questions/{question}/delete", {}),
    ]:  # fmt: skip
        response = client.post(url(built, path), data=data)
        assert response.status_code == 403, path
        assert "The results of this survey are published" in text(response)
    assert layout(fetch, built) == before
    assert labels(fetch, question) == ["Oui", "Non"]
    assert stored_revisions(fetch, built) == []


def test_the_rules_refuse_a_published_survey(app, agent, make_survey):
    from platform.surveys import builder, services

    built = make_survey(status=SurveyStatus.PUBLISHED)
    with app.test_request_context():
        survey = services.load_survey(built.id)
        sections = services.load_structure(survey)
        question = builder.question_in(sections, built.q(MAIRIE))
        for rule, args in [
            (builder.update_section, {"section": sections[0], "title": "Autre"}),
            (builder.update_question, {"question": question, "prompt": "Autre"}),
            (builder.rename_option, {"option": question.options[0], "label": "Si"}),
            (builder.add_section, {"title": "Encore"}),
        ]:
            with pytest.raises(services.SurveyError) as refused:
                rule(agent, survey, **args)
            assert refused.value.message == services.PUBLISHED_CLOSED
        db.session.rollback()


# Cost ----------------------------------------------------------------------------------------


def many_questions(n):
    """`n` questions over two sections, of every kind, half of the second section's conditional."""
    first = [{"kind": "single_choice", "prompt": "Source", "options": ["Oui", "Non"]}]
    first += [{"kind": "multiple_choice", "prompt": f"Choix {i}", "options": ["A", "B", "C"]}
              for i in range(n // 2 - 1)]  # fmt: skip
    second = [
        {"kind": "matrix", "prompt": f"Matrice {i}", "options": ["Oui", "Non"], "rows": ["L"],
         **({"condition": ("Source", ["Oui"])} if i % 2 else {})}
        for i in range(n - len(first))
    ]  # fmt: skip
    return [first, second]


def test_the_builder_costs_the_same_for_2_or_20_questions(
    client, organiser, make_survey, count_queries
):
    costs = []
    for n in (2, 20):
        built = make_survey(sections=many_questions(n), locked=True)
        client.get(url(built, "/build"))  # warm up: the session, the account
        with count_queries() as counter:
            response = client.get(url(built, "/build"))
        assert response.status_code == 200
        assert text(response).count("<h3") == n
        costs.append(counter.count)
    assert costs[0] == costs[1]


def test_revisions_come_with_their_authors_in_one_query(
    app, client, organiser, agent, make_survey, count_queries
):
    from platform.surveys import builder, services

    built = make_survey(locked=True)
    for n in range(3):
        client.post(url(built, f"/questions/{built.q(MAIRIE)}/edit"), data={"prompt": f"Q{n}"})
    with app.test_request_context():
        survey = services.load_survey(built.id)
        with count_queries() as counter:
            found = builder.revisions(survey)
            names = [r.by.public_name for r in found]
        assert counter.count == 1
    assert [r.after for r in found] == ["Q0", "Q1", "Q2"]
    assert names == [agent.display_name] * 3
