"""Pages of a survey's results: the results (public once published, the organisers' from the
first response), the organisers' CSV of the responses, and reading the free texts of a question
to publish some as quotations.

A survey the reader may not see is not found (404); results they may not read yet ask them to
sign in, or are refused (403).
"""

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from platform.errors import render_error
from platform.permissions import ensure
from platform.surveys import bp, exports, quotes, results
from platform.surveys.permissions import (
    can_manage_survey,
    can_pick_quotations,
    can_read_private_answers,
    can_view_results,
)
from platform.surveys.routes import get_survey_or_404
from platform.surveys.services import SurveyError

ANSWERS_PER_PAGE = 50

bp.add_app_template_global(results.figure_of, "survey_figure")
bp.add_app_template_global(results.decimal, "survey_decimal")
bp.add_app_template_global(results.share, "survey_share")


@bp.route("/<int:survey_id>/results", endpoint="results")
def results_page(survey_id):
    survey = get_survey_or_404(survey_id)
    ensure(can_view_results(current_user, survey))
    return render_template(
        "surveys/results.html", survey=survey, results=results.survey_results(survey)
    )


@bp.route("/<int:survey_id>/responses.csv")
def export(survey_id):
    survey = get_survey_or_404(survey_id)
    ensure(can_read_private_answers(current_user, survey))
    name, chunks = exports.responses_csv(survey)
    response = Response(stream_with_context(chunks), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:survey_id>/questions/<int:question_id>/answers")
def answers(survey_id, question_id):
    survey = get_survey_or_404(survey_id)
    ensure(can_read_private_answers(current_user, survey))
    question = quotes.text_question(survey, question_id) or abort(404)
    page = quotes.answers_page(
        survey, question, page=request.args.get("page", 1, type=int),
        per_page=current_app.config.get("SURVEY_ANSWERS_PER_PAGE", ANSWERS_PER_PAGE),
    )  # fmt: skip
    return render_template("surveys/answers.html", survey=survey, question=question, page=page)


def requested_state():
    """`state=on|off`, required: an explicit state makes a second click change nothing."""
    state = request.form.get("state")
    if state not in ("on", "off"):
        abort(400)
    return state == "on"


@bp.route("/<int:survey_id>/answers/<int:answer_id>/quote", methods=["POST"])
def quote(survey_id, answer_id):
    survey = get_survey_or_404(survey_id)
    ensure(can_pick_quotations(current_user, survey),
           can_manage_survey(current_user, survey)
           and _("Quotations are picked once the survey is open."))  # fmt: skip
    quoted = requested_state()
    answer = quotes.find_answer(survey, answer_id) or abort(404)
    try:
        quotes.set_quotation(current_user, survey, answer, quoted)
    except SurveyError as error:
        return render_error(400, _("This action is not possible"), error.message)
    if quoted:
        flash(_("The answer is published as a quotation with the results."), "success")
    else:
        flash(_("The quotation is withdrawn."), "success")
    return redirect(
        url_for(
            "surveys.answers", survey_id=survey.id, question_id=answer.question_id,
            page=request.form.get("page", type=int), _anchor=f"answer-{answer.id}",
        )
    )  # fmt: skip
