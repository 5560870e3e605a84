"""Pages of experiments: list, prepare, show, join and leave, organise, publish results.

A refusal is a 403 (or sign in) for whoever may not act. When the person may act but the
experiment's state refuses, they are told why: joining, leaving and opening sign-ups answer the
service's reason with a 400 page; the organisers' other actions give it with the 403.
"""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.errors import render_error
from platform.experiments import bp, exports, services
from platform.experiments.filters import ExperimentFilters
from platform.experiments.forms import CapacityForm, ExperimentForm, ResultsForm
from platform.experiments.models import Method
from platform.experiments.permissions import (
    can_change_capacity,
    can_close_sign_ups,
    can_create_experiment,
    can_edit_experiment,
    can_join_experiment,
    can_leave_experiment,
    can_manage_experiment,
    can_open_sign_ups,
    can_publish_results,
    can_view_experiment,
    can_view_participants,
)
from platform.forms import form_status, submit
from platform.ideas.pages import problem_named_in_query
from platform.limits import posting_limit
from platform.permissions import ensure, register_predicates

register_predicates(
    bp,
    can_create_experiment,
    can_manage_experiment,
    can_edit_experiment,
    can_open_sign_ups,
    can_close_sign_ups,
    can_change_capacity,
    can_publish_results,
    can_view_participants,
    can_join_experiment,
    can_leave_experiment,
)


def get_experiment_or_404(experiment_id):
    experiment = services.load_experiment(experiment_id)
    if (
        experiment is None
        or experiment.is_hidden
        or not can_view_experiment(current_user, experiment)
    ):
        abort(404)
    return experiment


def ensure_allowed(allowed, experiment, closed):
    """Stop unless `allowed`; the experiment's organisers are told `closed`, why its state
    refuses, and anyone else is refused without a reason."""
    ensure(allowed, can_manage_experiment(current_user, experiment) and closed)


def back_to(experiment):
    return redirect(url_for("experiments.show", experiment_id=experiment.id))


def run_rule(experiment, action, message):
    """Run `action` (a service) on the experiment and flash `message`, or a function of what it
    returned; a refusal is shown with its reason and nothing changed (400)."""
    try:
        result = action(current_user, experiment)
    except services.ExperimentError as error:
        return render_error(400, _("This action is not possible"), error.message)
    flash(message(result) if callable(message) else message, "success")
    return back_to(experiment)


def send(export):
    headers = {"Content-Disposition": f'attachment; filename="{export.filename}"'}
    if export.is_private:
        headers["Cache-Control"] = "no-store"
    return Response(export.body, mimetype=export.mimetype, headers=headers)


@bp.route("/")
def index():
    filters = ExperimentFilters.parse(request.args)
    page = services.list_page(
        current_user, **filters.listing_args(), page=request.args.get("page", 1, type=int),
        per_page=current_app.config["ITEMS_PER_PAGE"],
    )  # fmt: skip
    return render_template(
        "experiments/index.html", page=page, methods=list(Method), filters=filters.as_args(),
        active_filters=filters.active_args(), problem=filters.problem, errors=filters.errors,
    ), (400 if filters.errors else 200)  # fmt: skip


@bp.route("/new", methods=["GET", "POST"])
@posting_limit
def new():
    problem = problem_named_in_query()
    ensure(can_create_experiment(current_user, problem))
    form = ExperimentForm(versions=services.version_choices(problem))
    sent = submit(form, services.create_experiment, current_user, problem,
                  **form.experiment_fields())  # fmt: skip
    if sent.ok:
        flash(_("The experiment is prepared as a draft. Open it when it is ready."), "success")
        return back_to(sent.result)
    return render_template(
        "experiments/form.html", form=form, problem=problem, experiment=None
    ), form_status(form)


@bp.route("/<int:experiment_id>/edit", methods=["GET", "POST"])
@posting_limit
def edit(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    allowed = can_edit_experiment(current_user, experiment)
    ensure_allowed(allowed, experiment, services.EDIT_CLOSED)
    data = ExperimentForm.data_of(experiment) if request.method == "GET" else None
    form = ExperimentForm(versions=services.version_choices(experiment.problem), data=data)
    if submit(form, services.update_experiment, current_user, experiment,
              **form.experiment_fields()).ok:  # fmt: skip
        flash(_("The experiment is updated."), "success")
        return back_to(experiment)
    return render_template(
        "experiments/form.html", form=form, problem=experiment.problem, experiment=experiment
    ), form_status(form)


def render_experiment(experiment, capacity_form=None, results_form=None, status=200):
    mine = services.sign_up_of(current_user, experiment)
    shows_people = can_view_participants(current_user, experiment)
    participants, waiting = services.sign_ups(experiment) if shows_people else ([], [])
    return render_template(
        "experiments/show.html", experiment=experiment, mine=mine,
        position=services.waiting_position(mine), participants=participants, waiting=waiting,
        version=services.tested_version(experiment),
        capacity_form=capacity_form or CapacityForm(data={"capacity": str(experiment.capacity)}),
        results_form=results_form or ResultsForm(),
    ), status  # fmt: skip


@bp.route("/<int:experiment_id>")
def show(experiment_id):
    return render_experiment(get_experiment_or_404(experiment_id))


@bp.route("/<int:experiment_id>/open", methods=["POST"])
def open_sign_ups(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    # Opening what is no longer a draft is explained (400), as a second click meets it.
    ensure(can_manage_experiment(current_user, experiment))
    message = _("The experiment is open: citizens can sign up.")
    return run_rule(experiment, services.open_experiment, message)


@bp.route("/<int:experiment_id>/close", methods=["POST"])
def close_sign_ups(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    allowed = can_close_sign_ups(current_user, experiment)
    ensure_allowed(allowed, experiment, services.CLOSE_CLOSED)
    return run_rule(experiment, services.close_sign_ups, _("Sign-ups are closed."))


def joined_message(sign_up):
    if sign_up.is_confirmed:
        return _("You are signed up. The details are below; add them to your calendar.")
    return _(
        "The experiment is full: you are number %(n)s on the waiting list. "
        "You will be told if a place frees up.",
        n=services.waiting_position(sign_up),
    )


@bp.route("/<int:experiment_id>/join", methods=["POST"])
def join(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    # Anyone signed in may try: the service tells why it is too late or already done (400),
    # under the same rule as `can_join_experiment`, which shows the button.
    ensure(current_user.is_authenticated)
    return run_rule(experiment, services.join_experiment, joined_message)


@bp.route("/<int:experiment_id>/leave", methods=["POST"])
def leave(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    # As for joining; `can_leave_experiment` shows the button.
    ensure(current_user.is_authenticated)
    return run_rule(experiment, services.leave_experiment, _("You are no longer signed up."))


@bp.route("/<int:experiment_id>/capacity", methods=["POST"])
def capacity(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    allowed = can_change_capacity(current_user, experiment)
    ensure_allowed(allowed, experiment, services.EDIT_CLOSED)
    form = CapacityForm()
    if submit(form, services.set_capacity, current_user, experiment, form.capacity.data).ok:
        flash(_("The number of places is now %(n)s.", n=experiment.capacity), "success")
        return back_to(experiment)
    return render_experiment(experiment, capacity_form=form, status=400)


@bp.route("/<int:experiment_id>/results", methods=["POST"])
@posting_limit
def results(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    allowed = can_publish_results(current_user, experiment)
    ensure_allowed(allowed, experiment, services.results_refusal(experiment))
    form = ResultsForm()
    if submit(form, services.publish_results, current_user, experiment, form.results.data).ok:
        flash(_("The results are published; participants are told."), "success")
        return back_to(experiment)
    return render_experiment(experiment, results_form=form, status=400)


@bp.route("/<int:experiment_id>.ics")
def calendar(experiment_id):
    return send(exports.calendar_file(get_experiment_or_404(experiment_id)))


@bp.route("/<int:experiment_id>/participants.csv")
def participants_export(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    ensure(can_view_participants(current_user, experiment))
    return send(exports.participants_file(experiment))
