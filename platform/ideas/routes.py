"""Pages of problems: list, propose, show, edit, and the actions posted from them."""

import secrets

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import and_, func, select

from platform.comments.forms import CommentForm
from platform.comments.routes import handle_comment_form, requested_comment_page
from platform.experiments import services as experiment_services
from platform.extensions import db
from platform.forms import add_error, is_safe_next_url
from platform.ideas import bp, services
from platform.ideas.forms import ProblemForm, StatusForm
from platform.ideas.models import Problem, ProblemStatus, StatusChange
from platform.ideas.permissions import (
    can_change_problem_status,
    can_edit_problem,
    can_follow_problem,
    can_propose_problem,
    can_support_problem,
    can_view_problem,
    can_withdraw_problem,
    is_author,
)
from platform.limits import posting_limit
from platform.moderation.permissions import can_moderate
from platform.permissions import ensure, permission_required, register_predicates
from platform.prototypes import services as prototype_services
from platform.signals import comment_posted
from platform.taxonomy.models import District, Theme

register_predicates(
    bp,
    can_propose_problem,
    can_edit_problem,
    can_withdraw_problem,
    can_support_problem,
    can_follow_problem,
    can_change_problem_status,
)


@bp.record_once
def subscribe(_state):
    comment_posted.connect(services.on_comment_posted)


def themes_and_districts():
    themes = db.session.scalars(select(Theme).order_by(Theme.position, Theme.id)).all()
    districts = db.session.scalars(select(District).order_by(District.position, District.id)).all()
    return themes, districts


def get_problem_or_404(problem_id):
    problem = services.load_problem(problem_id)
    if problem is None or not can_view_problem(current_user, problem):
        abort(404)
    return problem


def shuffle_seed():
    """A visitor's own random order, kept for the session so pages do not overlap."""
    if "shuffle_seed" not in session:
        session["shuffle_seed"] = secrets.randbelow(2**31)
    return session["shuffle_seed"]


def list_paging(args, sort, errors):
    """`page`, `after` and `before` from the query string; a bad value shows the first page."""
    try:
        page = int(args.get("page", "1"))
        after, before = (
            services.Cursor.parse(args[name], sort) if args.get(name) else None
            for name in ("after", "before")
        )
    except ValueError:
        errors.append("page")
        return {}
    if not 1 <= page <= 10**9 or (after and before):
        errors.append("page")
        return {}
    if page > services.MAX_OFFSET_PAGE and not (after or before):
        errors.append("deep_page")
        return {}
    return {"page": page, "after": after, "before": before}


@bp.route("/")
def index():
    themes, districts = themes_and_districts()
    errors = []
    args = request.args

    def pick(name, items, key):
        value = args.get(name, "").strip()
        if not value:
            return None
        found = next((item for item in items if key(item) == value), None)
        if found is None:
            errors.append(name)
        return found

    theme = pick("theme", themes, lambda t: t.slug)
    district = pick("district", districts, lambda d: d.slug)
    status = pick("status", [s for s in ProblemStatus if s.is_listed], lambda s: s.value)
    sort = args.get("sort", "")
    if sort and sort not in services.SORTS:
        errors.append("sort")
        sort = "random"
    q = args.get("q", "").strip()[:200]
    paging = list_paging(args, sort or (services.RELEVANCE if q else "random"), errors)
    page = services.list_page(
        q=q,
        theme=theme,
        district=district,
        status=status,
        sort=sort,
        seed=shuffle_seed(),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        **paging,
    )
    supported = services.supported_among(current_user, page.items)
    filters = {
        "q": q,
        "theme": theme.slug if theme else "",
        "district": district.slug if district else "",
        "status": status.value if status else "",
        "sort": sort,
    }
    return render_template(
        "ideas/index.html",
        page=page,
        supported=supported,
        themes=themes,
        districts=districts,
        statuses=[s for s in ProblemStatus if s.is_listed],
        sorts=services.SORTS,
        filters=filters,
        active_filters={name: value for name, value in filters.items() if value},
        max_offset_page=services.MAX_OFFSET_PAGE,
        errors=errors,
    ), (400 if errors else 200)


@bp.route("/new", methods=["GET", "POST"])
@permission_required(can_propose_problem)
@posting_limit
def new():
    themes, districts = themes_and_districts()
    form = ProblemForm(themes=themes, districts=districts)
    if form.validate_on_submit():
        if form.similar_checked.data != "1":
            similar = services.find_similar(form.title.data, form.description.data)
            if similar:
                form.similar_checked.data = "1"
                return render_template(
                    "ideas/similar.html",
                    form=form,
                    similar=similar,
                    supported=services.supported_among(current_user, similar),
                )
        try:
            problem = services.create_problem(
                current_user,
                title=form.title.data,
                description=form.description.data,
                theme_id=form.theme.data,
                district_id=form.district.data or None,
            )
        except services.ProblemError as error:
            add_error(form, error.field, error.message)
        else:
            if problem.status is ProblemStatus.PENDING:
                flash(_("Thank you! Your problem will be published once a moderator has read it."))
            else:
                flash(_("Thank you! Your problem is published."), "success")
            return redirect(url_for("ideas.show", problem_id=problem.id))
    return render_template("ideas/new.html", form=form), (400 if form.errors else 200)


def merged_duplicates(problem):
    """The visible problems merged into this one, with the date of their merge (one query)."""
    merged_at = func.coalesce(StatusChange.created_at, Problem.updated_at)
    return db.session.execute(
        select(Problem, merged_at)
        .outerjoin(
            StatusChange,
            and_(
                StatusChange.problem_id == Problem.id,
                StatusChange.to_status == ProblemStatus.MERGED,
            ),
        )
        .where(
            Problem.merged_into_id == problem.id,
            Problem.status == ProblemStatus.MERGED,
            ~Problem.is_hidden,
        )
        .order_by(merged_at, Problem.id)
    ).all()


def timeline_events(problem, prototypes, experiments):
    """The problem's story, oldest first: changes of stage, duplicates merged into it, prototype
    versions published, experiments opened and their results."""
    events = [(change.created_at, "status", change) for change in services.timeline_of(problem)]
    events += [(when, "merged_in", duplicate) for duplicate, when in merged_duplicates(problem)]
    for experiment in experiments:
        if experiment.opened_at:
            events.append((experiment.opened_at, "experiment", experiment))
        if experiment.results_published_at:
            events.append((experiment.results_published_at, "results", experiment))
    versions = prototype_services.versions_of_prototypes(prototypes)
    for prototype in prototypes:
        if prototype.published_at is None:
            continue
        for version in versions[prototype.id]:
            when = prototype.published_at if version.number == 1 else version.created_at
            events.append((when, "version", (prototype, version)))
    return sorted(events, key=lambda event: event[0])


def render_problem(problem, comment_form=None, status_form=None, status=200):
    prototypes = prototype_services.prototypes_of_problem(problem, current_user)
    experiments = experiment_services.experiments_of_problem(problem, current_user)
    comments = requested_comment_page(problem)
    return render_template(
        "ideas/show.html",
        problem=problem,
        events=timeline_events(problem, prototypes, experiments),
        prototypes=prototypes,
        experiments=experiments,
        comments=comments,
        comment_form=comment_form or CommentForm(),
        status_form=status_form or StatusForm(transitions=services.allowed_transitions(problem)),
        is_supporting=services.is_supporting(current_user, problem),
        is_following=services.is_following(current_user, problem),
        merged_into=db.session.get(Problem, problem.merged_into_id)
        if problem.merged_into_id
        else None,
    ), (400 if comments.error else status)


@bp.route("/<int:problem_id>")
def show(problem_id):
    problem = get_problem_or_404(problem_id)
    if problem.is_hidden and not can_moderate(current_user):
        # The public sees a tombstone; the author also sees the moderator's reason.
        return render_template("ideas/hidden.html", problem=problem)
    return render_problem(problem)


@bp.route("/<int:problem_id>/edit", methods=["GET", "POST"])
@posting_limit
def edit(problem_id):
    problem = get_problem_or_404(problem_id)
    ensure(
        can_edit_problem(current_user, problem),
        is_author(current_user, problem) and services.EDIT_CLOSED,
    )
    themes, districts = themes_and_districts()
    data = None
    if request.method == "GET":
        data = {
            "title": problem.title,
            "description": problem.description,
            "theme": problem.theme_id,
            "district": problem.district_id or 0,
        }
    form = ProblemForm(themes=themes, districts=districts, data=data)
    if form.validate_on_submit():
        try:
            services.update_problem(
                current_user,
                problem,
                title=form.title.data,
                description=form.description.data,
                theme_id=form.theme.data,
                district_id=form.district.data or None,
            )
        except services.ProblemError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("Your problem is updated."), "success")
            return redirect(url_for("ideas.show", problem_id=problem.id))
    return render_template("ideas/edit.html", form=form, problem=problem), (
        400 if form.errors else 200
    )


@bp.route("/<int:problem_id>/withdraw", methods=["POST"])
def withdraw(problem_id):
    problem = get_problem_or_404(problem_id)
    ensure(
        can_withdraw_problem(current_user, problem),
        is_author(current_user, problem) and services.WITHDRAW_CLOSED,
    )
    services.withdraw_problem(current_user, problem)
    flash(_("Your problem is withdrawn. It stays readable but is no longer listed."), "success")
    return redirect(url_for("ideas.show", problem_id=problem.id))


def wants_json():
    return request.accept_mimetypes.best == "application/json"


def requested_state(current):
    """`state=on|off` makes the action idempotent (a double click changes nothing); without it,
    the action toggles."""
    state = request.form.get("state")
    if state in (None, ""):
        return not current
    if state not in ("on", "off"):
        abort(400)
    return state == "on"


@bp.route("/<int:problem_id>/support", methods=["POST"])
def support(problem_id):
    problem = get_problem_or_404(problem_id)
    ensure(current_user.is_authenticated)
    wanted = requested_state(services.is_supporting(current_user, problem))
    if wanted:
        ensure(can_support_problem(current_user, problem), services.SUPPORTS_CLOSED)
    services.set_support(current_user, problem, wanted)
    if wants_json():
        db.session.refresh(problem)
        return {
            "supported": wanted,
            "supports_count": problem.supports_count,
            "supports_label": ngettext(
                "%(num)s support", "%(num)s supports", problem.supports_count
            ),
        }
    if wanted:
        flash(_("You support this problem."), "success")
    else:
        flash(_("You no longer support this problem."), "success")
    back = request.form.get("back")
    return redirect(
        back if is_safe_next_url(back) else url_for("ideas.show", problem_id=problem.id)
    )


@bp.route("/<int:problem_id>/follow", methods=["POST"])
def follow(problem_id):
    problem = get_problem_or_404(problem_id)
    ensure(can_follow_problem(current_user, problem))
    if requested_state(services.is_following(current_user, problem)):
        services.follow_problem(current_user, problem)
        flash(_("You follow this problem: you will be told what happens to it."), "success")
    else:
        services.unfollow_problem(current_user, problem)
        flash(_("You no longer follow this problem."), "success")
    return redirect(url_for("ideas.show", problem_id=problem.id))


@bp.route("/<int:problem_id>/comments", methods=["POST"])
@posting_limit
def comment(problem_id):
    problem = get_problem_or_404(problem_id)
    return handle_comment_form(problem, lambda **kw: render_problem(problem, **kw))


@bp.route("/<int:problem_id>/status", methods=["POST"])
def change_status(problem_id):
    problem = get_problem_or_404(problem_id)
    ensure(can_change_problem_status(current_user, problem))
    form = StatusForm(transitions=services.allowed_transitions(problem))
    if form.validate_on_submit():
        try:
            services.change_status(current_user, problem, form.status.data, form.note.data)
        except services.ProblemError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("The problem is now: %(status)s.", status=problem.status.label), "success")
            return redirect(url_for("ideas.show", problem_id=problem.id) + "#timeline")
    return render_problem(problem, status_form=form, status=400)
