"""The builder's pages: a survey's sections and questions on one page, and the forms and buttons
that change them, all usable without JavaScript.

Organisers and admins use them until the results are published (`can_edit_survey`); once the
survey has a response the pages offer only wording corrections (`can_change_structure`), and
the rules in `builder.py` refuse anything else. Views parse, check who may act, call one rule
and redirect; a refusal shows the page again with its message (400), what was typed kept.
Sections, questions and options are looked up in their survey's structure: one of another
survey is not found (404).

No rate limit: these are the lab's working tools, where a survey takes dozens of changes.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.forms import form_status, submit
from platform.permissions import ensure
from platform.surveys import bp, builder, services
from platform.surveys.builder_forms import (
    ButtonForm,
    MoveForm,
    OptionForm,
    QuestionForm,
    QuestionWordingForm,
    SectionChoiceForm,
    SectionForm,
)
from platform.surveys.models import QuestionKind
from platform.surveys.permissions import can_change_structure, can_edit_survey, can_manage_survey
from platform.surveys.routes import get_survey_or_404

NEW_SECTION = "new-section"


def editable_survey(survey_id):
    """The survey, for whoever may edit it: sign in for visitors, 403 for others, and the
    reason for organisers of a survey whose results are published."""
    survey = get_survey_or_404(survey_id)
    ensure(can_edit_survey(current_user, survey),
           can_manage_survey(current_user, survey) and services.PUBLISHED_CLOSED)  # fmt: skip
    return survey


def found(item):
    if item is None:
        abort(404)
    return item


def to_builder(survey, anchor=None):
    return redirect(url_for("surveys.build", survey_id=survey.id, _anchor=anchor))


def to_question(survey, question_id, anchor=None):
    return redirect(
        url_for("surveys.edit_question", survey_id=survey.id, question_id=question_id,
                _anchor=anchor)
    )  # fmt: skip


def move_form(question, sections, formdata=None):
    """The "move to the section" form of one question (its prefix keeps its ids unique)."""
    return SectionChoiceForm(
        formdata=formdata, prefix=f"question-{question.id}", sections=sections,
        data={"section_id": question.section_id},
    )  # fmt: skip


# The overview --------------------------------------------------------------------------------


def render_builder(survey, sections=None, *, problem=None, section_form=None, moved=None,
                   status=200):  # fmt: skip
    """The builder's page; `problem` is the form whose errors it shows (a button's or a form's),
    `moved` a question's "move to the section" form sent back."""
    sections = services.load_structure(survey) if sections is None else sections
    move_forms = {q.id: move_form(q, sections) for s in sections for q in s.questions}
    if moved is not None:
        move_forms[moved[0]] = moved[1]
    return render_template(
        "surveys/build.html", survey=survey, sections=sections, problem=problem,
        section_form=section_form or SectionForm(formdata=None, prefix=NEW_SECTION),
        move_forms=move_forms, prompts={q.id: q.prompt for s in sections for q in s.questions},
        revisions=builder.revisions(survey) if survey.is_locked else [],
        condition_text=builder.condition_text, revision_label=builder.revision_label,
        locked=services.LOCKED,
    ), status  # fmt: skip


def button(survey, sections, form, rule, *args, message, anchor=None):
    """Run a button's rule; back to the builder, or the builder with the refusal."""
    if submit(form, rule, current_user, survey, *args).ok:
        flash(message, "success")
        return to_builder(survey, anchor)
    return render_builder(survey, sections, problem=form, status=400)


@bp.route("/<int:survey_id>/build")
def build(survey_id):
    return render_builder(editable_survey(survey_id))


# Sections ------------------------------------------------------------------------------------


@bp.route("/<int:survey_id>/sections", methods=["POST"])
def add_section(survey_id):
    survey = editable_survey(survey_id)
    form = SectionForm(prefix=NEW_SECTION)
    sent = submit(form, builder.add_section, current_user, survey, **form.section_fields())
    if sent.ok:
        flash(_("The section is added."), "success")
        return to_builder(survey, f"section-{sent.result.id}")
    return render_builder(survey, problem=form, section_form=form, status=400)


@bp.route("/<int:survey_id>/sections/<int:section_id>/edit", methods=["GET", "POST"])
def edit_section(survey_id, section_id):
    survey = editable_survey(survey_id)
    section = found(builder.section_in(services.load_structure(survey), section_id))
    data = {"title": section.title, "description": section.description}
    form = SectionForm(data=data if request.method == "GET" else None)
    if submit(form, builder.update_section, current_user, survey, section,
              **form.section_fields()).ok:  # fmt: skip
        flash(_("The section is updated."), "success")
        return to_builder(survey, f"section-{section.id}")
    page = render_template("surveys/build_section.html", survey=survey, section=section,
                           form=form, locked=services.LOCKED)  # fmt: skip
    return page, form_status(form)


@bp.route("/<int:survey_id>/sections/<int:section_id>/move", methods=["POST"])
def move_section(survey_id, section_id):
    survey = editable_survey(survey_id)
    sections = services.load_structure(survey)
    section = found(builder.section_in(sections, section_id))
    form = MoveForm()
    return button(survey, sections, form, builder.move_section, section, form.direction.data,
                  message=_("The section is moved."), anchor=f"section-{section.id}")  # fmt: skip


@bp.route("/<int:survey_id>/sections/<int:section_id>/delete", methods=["POST"])
def delete_section(survey_id, section_id):
    survey = editable_survey(survey_id)
    sections = services.load_structure(survey)
    section = found(builder.section_in(sections, section_id))
    return button(survey, sections, ButtonForm(), builder.delete_section, section,
                  message=_("The section and its questions are deleted."))  # fmt: skip


# Questions -----------------------------------------------------------------------------------


def option_name(question, option):
    """The label of an option's field: "Option 2", or a matrix's "Column 2" and "Row 1"."""
    if option.is_row:
        return _("Row %(n)s", n=option.position)
    if question.kind is QuestionKind.MATRIX:
        return _("Column %(n)s", n=option.position)
    return _("Option %(n)s", n=option.position)


def render_question(survey, sections, section, form, question=None, *, problem=None,
                    option_form=None, status=200):  # fmt: skip
    """The page of a new question (`question` None) or of one to change, with its options;
    `problem` is the form whose errors it shows, `option_form` an option's form sent back."""
    option_forms = {}
    for option in (*question.options, *question.rows) if question is not None else ():
        sent_back = option_form is not None and option_form[0] == option.id
        one = option_form[1] if sent_back else OptionForm(
            formdata=None, prefix=f"option-{option.id}", data={"label": option.label}
        )  # fmt: skip
        one.label.label.text = option_name(question, option)
        option_forms[option.id] = one
    return render_template(
        "surveys/build_question.html", survey=survey, section=section, form=form,
        question=question, problem=problem, option_forms=option_forms,
        sources=builder.condition_sources(sections, section), QuestionKind=QuestionKind,
        locked=services.LOCKED,
    ), status  # fmt: skip


@bp.route("/<int:survey_id>/sections/<int:section_id>/questions/new", methods=["GET", "POST"])
def new_question(survey_id, section_id):
    survey = editable_survey(survey_id)
    if request.method == "GET":  # a form sent after the first response is refused by the rule
        ensure(can_change_structure(current_user, survey), services.LOCKED)
    sections = services.load_structure(survey)
    section = found(builder.section_in(sections, section_id))
    form = QuestionForm()
    sent = submit(form, builder.add_question, current_user, survey, section,
                  **form.question_fields())  # fmt: skip
    if sent.ok:
        flash(_("The question is added."), "success")
        return to_builder(survey, f"question-{sent.result.id}")
    return render_question(survey, sections, section, form, problem=form,
                           status=form_status(form))  # fmt: skip


def question_form(survey, question):
    """The whole question while its settings may change; its wording only once locked. A form
    sent with its settings (`structure`) is read whole: the rule decides what it may change."""
    if request.method == "POST":
        full = "structure" in request.form
        data = None
    else:
        full = can_change_structure(current_user, survey)
        data = QuestionForm.data_of(question)
    return QuestionForm(data=data, adding=True) if full else QuestionWordingForm(data=data)


@bp.route("/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(survey_id, question_id):
    survey = editable_survey(survey_id)
    sections = services.load_structure(survey)
    question = found(builder.question_in(sections, question_id))
    form = question_form(survey, question)
    structure = form.structure_fields() if isinstance(form, QuestionForm) else None
    if submit(form, builder.update_question, current_user, survey, question,
              structure=structure, **form.wording_fields()).ok:  # fmt: skip
        flash(_("The question is updated."), "success")
        return to_builder(survey, f"question-{question.id}")
    section = builder.section_in(sections, question.section_id)
    return render_question(survey, sections, section, form, question, problem=form,
                           status=form_status(form))  # fmt: skip


@bp.route("/<int:survey_id>/questions/<int:question_id>/move", methods=["POST"])
def move_question(survey_id, question_id):
    survey = editable_survey(survey_id)
    sections = services.load_structure(survey)
    question = found(builder.question_in(sections, question_id))
    form = MoveForm()
    anchor = f"question-{question.id}"
    return button(survey, sections, form, builder.move_question, question, form.direction.data,
                  message=_("The question is moved."), anchor=anchor)  # fmt: skip


@bp.route("/<int:survey_id>/questions/<int:question_id>/section", methods=["POST"])
def move_question_to_section(survey_id, question_id):
    survey = editable_survey(survey_id)
    sections = services.load_structure(survey)
    question = found(builder.question_in(sections, question_id))
    form = move_form(question, sections, formdata=request.form)
    target = builder.section_in(sections, form.section_id.data)
    if submit(form, builder.move_question_to_section, current_user, survey, question,
              target).ok:  # fmt: skip
        flash(_("The question is moved to the section."), "success")
        return to_builder(survey, f"question-{question.id}")
    return render_builder(survey, sections, problem=form, moved=(question.id, form), status=400)


@bp.route("/<int:survey_id>/questions/<int:question_id>/delete", methods=["POST"])
def delete_question(survey_id, question_id):
    survey = editable_survey(survey_id)
    sections = services.load_structure(survey)
    question = found(builder.question_in(sections, question_id))
    anchor = f"section-{question.section_id}"
    return button(survey, sections, ButtonForm(), builder.delete_question, question,
                  message=_("The question is deleted."), anchor=anchor)  # fmt: skip


# Options -------------------------------------------------------------------------------------


def option_and_question(survey_id, option_id):
    """(survey, its structure, the option, its question), or 404."""
    survey = editable_survey(survey_id)
    sections = services.load_structure(survey)
    option = found(builder.option_in(sections, option_id))
    return survey, sections, option, builder.question_in(sections, option.question_id)


def option_refused(survey, sections, question, problem, option_form=None):
    """The question's page again, with the refusal of an option's form or button."""
    section = builder.section_in(sections, question.section_id)
    data = QuestionForm.data_of(question)
    if can_change_structure(current_user, survey):
        form = QuestionForm(formdata=None, data=data, adding=True)
    else:
        form = QuestionWordingForm(formdata=None, data=data)
    return render_question(survey, sections, section, form, question, problem=problem,
                           option_form=option_form, status=400)  # fmt: skip


@bp.route("/<int:survey_id>/options/<int:option_id>/edit", methods=["POST"])
def edit_option(survey_id, option_id):
    survey, sections, option, question = option_and_question(survey_id, option_id)
    form = OptionForm(prefix=f"option-{option.id}")
    if submit(form, builder.rename_option, current_user, survey, option, form.label.data).ok:
        flash(_("The option is renamed."), "success")
        return to_question(survey, question.id, f"option-{option.id}")
    return option_refused(survey, sections, question, form, option_form=(option.id, form))


@bp.route("/<int:survey_id>/options/<int:option_id>/move", methods=["POST"])
def move_option(survey_id, option_id):
    survey, sections, option, question = option_and_question(survey_id, option_id)
    form = MoveForm()
    if submit(form, builder.move_option, current_user, survey, option, form.direction.data).ok:
        flash(_("The option is moved."), "success")
        return to_question(survey, question.id, f"option-{option.id}")
    return option_refused(survey, sections, question, form)


@bp.route("/<int:survey_id>/options/<int:option_id>/delete", methods=["POST"])
def delete_option(survey_id, option_id):
    survey, sections, option, question = option_and_question(survey_id, option_id)
    form = ButtonForm()
    if submit(form, builder.delete_option, current_user, survey, option).ok:
        flash(_("The option is deleted."), "success")
        return to_question(
            survey, question.id, "existing-rows" if option.is_row else "existing-options"
        )
    return option_refused(survey, sections, question, form)
