"""Answering a survey, for signed-in accounts: one page per section, a review, sending.

    GET       /surveys/<id>/answer               surveys.answer          continue where one was
    GET/POST  /surveys/<id>/answer/<position>    surveys.answer_section  one section
    GET       /surveys/<id>/answer/review        surveys.answer_review   every answer, "Change"
    POST      /surveys/<id>/answer/submit        surveys.answer_submit   send (or save changes)

The rules are in `answering.py`; these views parse, call and render. A survey that takes no
answers (draft, scheduled, closed, published, hidden) gets a 400 page saying why. Plain forms:
everything works without JavaScript.
"""

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.errors import render_error
from platform.permissions import ensure
from platform.surveys import answering, bp
from platform.surveys.routes import back_to, get_survey_or_404
from platform.surveys.services import SurveyError


def refused(message):
    return render_error(400, _("This survey does not take answers"), message)


def answering_view(view):
    """Load the survey (404 if it may not be seen), send a visitor to sign in, and refuse a
    survey that takes no answers; the view gets the survey."""

    @wraps(view)
    def wrapped(survey_id, **kwargs):
        survey = get_survey_or_404(survey_id)
        ensure(current_user.is_authenticated)
        refusal = answering.answering_refusal(survey)
        if refusal is not None:
            return refused(refusal)
        return view(survey, **kwargs)

    return wrapped


def section_url(survey, position):
    if position is None:
        return url_for("surveys.answer_review", survey_id=survey.id)
    return url_for("surveys.answer_section", survey_id=survey.id, position=position)


@bp.route("/<int:survey_id>/answer")
@answering_view
def answer(survey):
    sheet = answering.sheet_of(current_user, survey)
    return redirect(section_url(survey, sheet.continue_position()))


def render_section(sheet, section, values, errors=None, status=200):
    previous = sheet.previous_before(section.position)
    return render_template(
        "surveys/answer.html", survey=sheet.survey, sheet=sheet, section=section,
        questions=sheet.visible_questions(section), values=values, errors=errors or {},
        progress=sheet.progress(section), instructions=answering.instructions,
        back_url=section_url(sheet.survey, previous.position) if previous else None,
    ), status  # fmt: skip


@bp.route("/<int:survey_id>/answer/<int:position>", methods=["GET", "POST"])
@answering_view
def answer_section(survey, position):
    if request.method == "POST":
        return save_section(survey, position)
    sheet = answering.sheet_of(current_user, survey)
    section = sheet.section_at(position)
    if section is None:
        abort(404)
    if not sheet.visible_questions(section):  # skipped: nothing in it applies to the answers
        following = sheet.next_after(position)
        return redirect(section_url(survey, following.position if following else None))
    return render_section(sheet, section, answering.form_values(sheet, section))


def save_section(survey, position):
    try:
        following = answering.save_section(current_user, survey, position, request.form)
    except answering.NoSuchSection:
        abort(404)
    except answering.InvalidAnswers as invalid:
        section = invalid.sheet.section_at(position)
        return render_section(invalid.sheet, section, request.form, invalid.errors, 400)
    except SurveyError as error:
        return refused(error.message)
    return redirect(section_url(survey, following))


def render_review(sheet, errors=None, status=200):
    return render_template(
        "surveys/answer_review.html", survey=sheet.survey, sheet=sheet, errors=errors or {},
        missing=sheet.missing(), describe=answering.describe,
    ), status  # fmt: skip


@bp.route("/<int:survey_id>/answer/review")
@answering_view
def answer_review(survey):
    sheet = answering.sheet_of(current_user, survey)
    first = sheet.continue_position()
    if sheet.response is None and first is not None:  # nothing saved yet: start the survey
        return redirect(section_url(survey, first))
    return render_review(sheet)


@bp.route("/<int:survey_id>/answer/submit", methods=["POST"])
@answering_view
def answer_submit(survey):
    try:
        sent_now = answering.submit_response(current_user, survey)
    except answering.InvalidAnswers as invalid:
        return render_review(invalid.sheet, invalid.errors, 400)
    except SurveyError as error:
        return refused(error.message)
    if sent_now:
        flash(_("Thank you: your answers are sent."), "success")
    else:
        flash(_("Your changes are saved."), "success")
    return back_to(survey)
