"""Pages of a survey's life: the list, preparing one, its page, opening, closing, publishing.

The builder's pages are in `builder_routes.py`, answering in `answer_routes.py`, results and
quotations in `results_routes.py`. A refusal is a 403 (or sign in) for whoever may not act; an
organiser whose action the survey's state refuses is told why (403 with the reason, or 400
for a second click on "open").
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.errors import render_error
from platform.forms import form_status, submit
from platform.limits import posting_limit
from platform.permissions import ensure, register_predicates
from platform.surveys import bp, results, services
from platform.surveys.forms import PublishForm, SurveyForm
from platform.surveys.permissions import (
    can_answer_survey,
    can_change_structure,
    can_close_survey,
    can_create_survey,
    can_edit_survey,
    can_manage_survey,
    can_open_survey,
    can_pick_quotations,
    can_publish_survey_results,
    can_read_private_answers,
    can_view_results,
    can_view_survey,
)

register_predicates(
    bp,
    can_answer_survey,
    can_change_structure,
    can_close_survey,
    can_create_survey,
    can_edit_survey,
    can_manage_survey,
    can_open_survey,
    can_pick_quotations,
    can_publish_survey_results,
    can_read_private_answers,
    can_view_results,
)


def get_survey_or_404(survey_id):
    """The survey, if `current_user` may see it; otherwise 404."""
    survey = services.load_survey(survey_id)
    if survey is None or not can_view_survey(current_user, survey):
        abort(404)
    return survey


def back_to(survey, anchor=None):
    return redirect(url_for("surveys.show", survey_id=survey.id, _anchor=anchor))


def settings_form(**kwargs):
    return SurveyForm(
        problems=services.problem_choices(), prototypes=services.prototype_choices(), **kwargs
    )


@bp.route("/")
def index():
    page = services.list_page(
        current_user, page=request.args.get("page", 1, type=int),
        per_page=current_app.config["ITEMS_PER_PAGE"],
    )  # fmt: skip
    return render_template("surveys/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@posting_limit
def new():
    ensure(can_create_survey(current_user))
    data = None
    if request.method == "GET":
        data = {
            "problem_id": request.args.get("idea", 0, type=int),
            "prototype_id": request.args.get("prototype", 0, type=int),
        }
    form = settings_form(data=data)
    sent = submit(form, services.create_survey, current_user, **form.survey_fields())
    if sent.ok:
        flash(_("The survey is prepared as a draft. Add its questions, then open it."), "success")
        return redirect(url_for("surveys.build", survey_id=sent.result.id))
    return render_template("surveys/form.html", form=form, survey=None), form_status(form)


@bp.route("/<int:survey_id>/edit", methods=["GET", "POST"])
@posting_limit
def edit(survey_id):
    survey = get_survey_or_404(survey_id)
    ensure(can_edit_survey(current_user, survey),
           can_manage_survey(current_user, survey) and services.PUBLISHED_CLOSED)  # fmt: skip
    form = settings_form(data=SurveyForm.data_of(survey) if request.method == "GET" else None)
    if submit(form, services.update_survey, current_user, survey, **form.survey_fields()).ok:
        flash(_("The survey is updated."), "success")
        return back_to(survey)
    return render_template("surveys/form.html", form=form, survey=survey), form_status(form)


def render_survey(survey, publish_form=None, status=200):
    shows_results = can_view_results(current_user, survey) and survey.is_published
    return render_template(
        "surveys/show.html", survey=survey, response=services.response_of(current_user, survey),
        results=results.survey_results(survey) if shows_results else None,
        publish_form=publish_form or PublishForm(),
    ), status  # fmt: skip


@bp.route("/<int:survey_id>")
def show(survey_id):
    return render_survey(get_survey_or_404(survey_id))


def run_rule(survey, action, message):
    try:
        action(current_user, survey)
    except services.SurveyError as error:
        return render_error(400, _("This action is not possible"), error.message)
    flash(message, "success")
    return back_to(survey)


@bp.route("/<int:survey_id>/open", methods=["POST"])
def open_survey(survey_id):
    survey = get_survey_or_404(survey_id)
    ensure(can_manage_survey(current_user, survey))
    return run_rule(survey, services.open_survey, _("The survey is open."))


@bp.route("/<int:survey_id>/close", methods=["POST"])
def close_survey(survey_id):
    survey = get_survey_or_404(survey_id)
    ensure(can_manage_survey(current_user, survey))
    return run_rule(
        survey, services.close_survey, _("The survey is closed: it takes no more answers.")
    )


@bp.route("/<int:survey_id>/publish", methods=["POST"])
@posting_limit
def publish(survey_id):
    survey = get_survey_or_404(survey_id)
    ensure(can_publish_survey_results(current_user, survey),
           can_manage_survey(current_user, survey)
           and services.RESULTS_WAIT)  # fmt: skip
    form = PublishForm()
    if submit(form, services.publish_results, current_user, survey, form.note.data).ok:
        flash(_("The results are published; respondents are told."), "success")
        return back_to(survey, "results-title")
    return render_survey(survey, publish_form=form, status=400)
