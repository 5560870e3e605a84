"""Pages of experiments: list, prepare, show, join and leave, organise, publish results."""

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from platform.errors import render_error
from platform.experiments import bp, services
from platform.experiments.calendar import ics_for, participants_csv
from platform.experiments.forms import CapacityForm, ExperimentForm, ResultsForm
from platform.experiments.models import Method, SignUpStatus
from platform.experiments.permissions import (
    can_create_experiment,
    can_join_experiment,
    can_manage_experiment,
    can_publish_results,
    can_view_experiment,
    can_view_participants,
)
from platform.extensions import db
from platform.forms import add_error
from platform.ideas.models import Problem
from platform.ideas.pages import problem_named_in_query
from platform.limits import posting_limit
from platform.permissions import ensure, register_predicates
from platform.prototypes.models import Prototype, PrototypeVersion

register_predicates(
    bp,
    can_create_experiment,
    can_join_experiment,
    can_manage_experiment,
    can_publish_results,
    can_view_participants,
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


def versions_for(problem):
    """The prototype versions of a problem, to choose the one an experiment tests."""
    rows = db.session.execute(
        select(PrototypeVersion, Prototype.title)
        .join(Prototype, Prototype.id == PrototypeVersion.prototype_id)
        .where(Prototype.problem_id == problem.id)
        .order_by(Prototype.id, PrototypeVersion.number)
    ).all()
    return [(v, _("%(title)s, version %(n)s", title=title, n=v.number)) for v, title in rows]


def form_fields(form):
    return {
        "method": form.method.data,
        "title": form.title.data,
        "description": form.description.data,
        "involvement": form.involvement.data,
        "location": form.location.data,
        "is_online": form.is_online.data,
        "starts_at": form.starts_at.data,
        "ends_at": form.ends_at.data,
        "capacity": form.capacity.data,
        "prototype_version_id": form.prototype_version_id.data or None,
    }


@bp.route("/")
def index():
    errors = []
    method = None
    if request.args.get("method"):
        try:
            method = Method(request.args["method"])
        except ValueError:
            errors.append(_("This method does not exist: all methods are shown."))
    problem = None
    if request.args.get("idea"):
        problem_id = request.args.get("idea", type=int)
        problem = db.session.get(Problem, problem_id) if problem_id else None
        if problem is None:
            errors.append(_("This problem does not exist: all problems are shown."))
    places_left = request.args.get("places") == "1"
    page = db.paginate(
        services.list_query(current_user, method=method, problem=problem, places_left=places_left),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
    )
    filters = {
        "method": method.value if method else "",
        "idea": problem.id if problem else "",
        "places": "1" if places_left else "",
    }
    return render_template(
        "experiments/index.html",
        page=page,
        methods=list(Method),
        filters=filters,
        active_filters={k: v for k, v in filters.items() if v},
        problem=problem,
        errors=errors,
    ), (400 if errors else 200)


@bp.route("/new", methods=["GET", "POST"])
@posting_limit
def new():
    problem = problem_named_in_query()
    ensure(can_create_experiment(current_user, problem))
    form = ExperimentForm(versions=versions_for(problem))
    if form.validate_on_submit():
        try:
            experiment = services.create_experiment(current_user, problem, **form_fields(form))
        except services.ExperimentError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("The experiment is prepared as a draft. Open it when it is ready."), "success")
            return redirect(url_for("experiments.show", experiment_id=experiment.id))
    return render_template("experiments/form.html", form=form, problem=problem, experiment=None), (
        400 if form.errors else 200
    )


@bp.route("/<int:experiment_id>/edit", methods=["GET", "POST"])
@posting_limit
def edit(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    ensure(can_manage_experiment(current_user, experiment))
    form = ExperimentForm(
        obj=None if request.method == "POST" else experiment,
        versions=versions_for(experiment.problem),
    )
    if request.method == "GET":
        form.prototype_version_id.data = experiment.prototype_version_id or 0
        form.capacity.data = str(experiment.capacity)
    if form.validate_on_submit():
        try:
            services.update_experiment(current_user, experiment, **form_fields(form))
        except services.ExperimentError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("The experiment is updated."), "success")
            return redirect(url_for("experiments.show", experiment_id=experiment.id))
    return render_template(
        "experiments/form.html", form=form, problem=experiment.problem, experiment=experiment
    ), (400 if form.errors else 200)


def render_experiment(experiment, capacity_form=None, results_form=None, status=200):
    mine = services.sign_up_of(current_user, experiment)
    participants, waiting = (
        services.sign_ups(experiment)
        if can_view_participants(current_user, experiment)
        else ([], [])
    )
    version = (
        db.session.get(PrototypeVersion, experiment.prototype_version_id)
        if experiment.prototype_version_id
        else None
    )
    return render_template(
        "experiments/show.html",
        experiment=experiment,
        mine=mine,
        position=services.waiting_position(mine)
        if mine and mine.status is SignUpStatus.WAITING
        else None,
        participants=participants,
        waiting=waiting,
        version=version,
        capacity_form=capacity_form or CapacityForm(data={"capacity": str(experiment.capacity)}),
        results_form=results_form or ResultsForm(),
    ), status


@bp.route("/<int:experiment_id>")
def show(experiment_id):
    return render_experiment(get_experiment_or_404(experiment_id))


def refused_page(error):
    """A refused action: the reason, on an error page, with nothing changed (400)."""
    return render_error(400, _("This action is not possible"), error.message)


def organiser_action(experiment_id, action, message):
    """Run an organiser's action on the experiment; its refusal is shown with nothing changed."""
    experiment = get_experiment_or_404(experiment_id)
    ensure(can_manage_experiment(current_user, experiment))
    try:
        action(current_user, experiment)
    except services.ExperimentError as error:
        return refused_page(error)
    flash(message, "success")
    return redirect(url_for("experiments.show", experiment_id=experiment.id))


@bp.route("/<int:experiment_id>/open", methods=["POST"])
def open_sign_ups(experiment_id):
    return organiser_action(
        experiment_id,
        services.open_experiment,
        _("The experiment is open: citizens can sign up."),
    )


@bp.route("/<int:experiment_id>/close", methods=["POST"])
def close_sign_ups(experiment_id):
    return organiser_action(experiment_id, services.close_sign_ups, _("Sign-ups are closed."))


@bp.route("/<int:experiment_id>/join", methods=["POST"])
def join(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    ensure(current_user.is_authenticated)
    try:
        sign_up = services.join_experiment(current_user, experiment)
    except services.ExperimentError as error:
        return refused_page(error)
    if sign_up.status is SignUpStatus.CONFIRMED:
        flash(_("You are signed up. The details are below; add them to your calendar."), "success")
    else:
        flash(
            _(
                "The experiment is full: you are number %(n)s on the waiting list. "
                "You will be told if a place frees up.",
                n=services.waiting_position(sign_up),
            ),
            "success",
        )
    return redirect(url_for("experiments.show", experiment_id=experiment.id))


@bp.route("/<int:experiment_id>/leave", methods=["POST"])
def leave(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    ensure(current_user.is_authenticated)
    try:
        services.leave_experiment(current_user, experiment)
    except services.ExperimentError as error:
        return refused_page(error)
    flash(_("You are no longer signed up."), "success")
    return redirect(url_for("experiments.show", experiment_id=experiment.id))


@bp.route("/<int:experiment_id>/capacity", methods=["POST"])
def capacity(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    ensure(can_manage_experiment(current_user, experiment))
    form = CapacityForm()
    if form.validate_on_submit():
        try:
            services.set_capacity(current_user, experiment, form.capacity.data)
        except services.ExperimentError as error:
            add_error(form, "capacity", error.message)
        else:
            flash(_("The number of places is now %(n)s.", n=experiment.capacity), "success")
            return redirect(url_for("experiments.show", experiment_id=experiment.id))
    return render_experiment(experiment, capacity_form=form, status=400)


@bp.route("/<int:experiment_id>/results", methods=["POST"])
@posting_limit
def results(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    ensure(can_publish_results(current_user, experiment))
    form = ResultsForm()
    if form.validate_on_submit():
        try:
            services.publish_results(current_user, experiment, form.results.data)
        except services.ExperimentError as error:
            add_error(form, "results", error.message)
        else:
            flash(_("The results are published; participants are told."), "success")
            return redirect(url_for("experiments.show", experiment_id=experiment.id))
    return render_experiment(experiment, results_form=form, status=400)


@bp.route("/<int:experiment_id>.ics")
def calendar(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    url = url_for("experiments.show", experiment_id=experiment.id, _external=True)
    body = ics_for(experiment, url, request.host.split(":")[0])
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="experiment-{experiment.id}.ics"'},
    )


@bp.route("/<int:experiment_id>/participants.csv")
def participants_export(experiment_id):
    experiment = get_experiment_or_404(experiment_id)
    ensure(can_view_participants(current_user, experiment))
    participants, waiting = services.sign_ups(experiment)
    rows = [
        (s.user.display_name, s.user.email, _("Participant"), "", format_datetime(s.created_at))
        for s in participants
    ] + [
        (s.user.display_name, s.user.email, _("Waiting list"), n, format_datetime(s.created_at))
        for n, s in enumerate(waiting, 1)
    ]
    headers = [_("Name"), _("E-mail address"), _("Status"), _("Position"), _("Signed up on")]
    return Response(
        participants_csv(headers, rows),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="participants-{experiment.id}.csv"',
            "Cache-Control": "no-store",
        },
    )
