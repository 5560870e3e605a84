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
from platform.ideas.forms import IdeaForm, StatusForm
from platform.ideas.models import Idea, IdeaStatus, StatusChange
from platform.ideas.permissions import (
    can_change_idea_status,
    can_edit_idea,
    can_follow_idea,
    can_propose_idea,
    can_support_idea,
    can_view_idea,
    can_withdraw_idea,
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
    can_propose_idea,
    can_edit_idea,
    can_withdraw_idea,
    can_support_idea,
    can_follow_idea,
    can_change_idea_status,
)


@bp.record_once
def subscribe(_state):
    comment_posted.connect(services.on_comment_posted)


def themes_and_districts():
    themes = db.session.scalars(select(Theme).order_by(Theme.position, Theme.id)).all()
    districts = db.session.scalars(select(District).order_by(District.position, District.id)).all()
    return themes, districts


def get_idea_or_404(idea_id):
    idea = services.load_idea(idea_id)
    if idea is None or not can_view_idea(current_user, idea):
        abort(404)
    return idea


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
    status = pick("status", [s for s in IdeaStatus if s.is_listed], lambda s: s.value)
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
        per_page=current_app.config["IDEAS_PER_PAGE"],
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
        statuses=[s for s in IdeaStatus if s.is_listed],
        sorts=services.SORTS,
        filters=filters,
        active_filters={name: value for name, value in filters.items() if value},
        max_offset_page=services.MAX_OFFSET_PAGE,
        errors=errors,
    ), (400 if errors else 200)


@bp.route("/new", methods=["GET", "POST"])
@permission_required(can_propose_idea)
@posting_limit
def new():
    themes, districts = themes_and_districts()
    form = IdeaForm(themes=themes, districts=districts)
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
            idea = services.create_idea(
                current_user,
                title=form.title.data,
                description=form.description.data,
                theme_id=form.theme.data,
                district_id=form.district.data or None,
            )
        except services.IdeaError as error:
            add_error(form, error.field, error.message)
        else:
            if idea.status is IdeaStatus.PENDING:
                flash(_("Thank you! Your problem will be published once a moderator has read it."))
            else:
                flash(_("Thank you! Your problem is published."), "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/new.html", form=form), (400 if form.errors else 200)


def merged_duplicates(idea):
    """The visible problems merged into this one, with the date of their merge (one query)."""
    merged_at = func.coalesce(StatusChange.created_at, Idea.updated_at)
    return db.session.execute(
        select(Idea, merged_at)
        .outerjoin(
            StatusChange,
            and_(StatusChange.idea_id == Idea.id, StatusChange.to_status == IdeaStatus.MERGED),
        )
        .where(Idea.merged_into_id == idea.id, Idea.status == IdeaStatus.MERGED, ~Idea.is_hidden)
        .order_by(merged_at, Idea.id)
    ).all()


def timeline_events(idea, prototypes, experiments):
    """The problem's story, oldest first: changes of stage, duplicates merged into it, prototype
    versions published, experiments opened and their results."""
    events = [(change.created_at, "status", change) for change in services.timeline_of(idea)]
    events += [(when, "merged_in", duplicate) for duplicate, when in merged_duplicates(idea)]
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


def render_idea(idea, comment_form=None, status_form=None, status=200):
    prototypes = prototype_services.prototypes_of_idea(idea, current_user)
    experiments = experiment_services.experiments_of_idea(idea, current_user)
    comments = requested_comment_page(idea)
    return render_template(
        "ideas/show.html",
        idea=idea,
        events=timeline_events(idea, prototypes, experiments),
        prototypes=prototypes,
        experiments=experiments,
        comments=comments,
        comment_form=comment_form or CommentForm(),
        status_form=status_form or StatusForm(transitions=services.allowed_transitions(idea)),
        is_supporting=services.is_supporting(current_user, idea),
        is_following=services.is_following(current_user, idea),
        merged_into=db.session.get(Idea, idea.merged_into_id) if idea.merged_into_id else None,
    ), (400 if comments.error else status)


@bp.route("/<int:idea_id>")
def show(idea_id):
    idea = get_idea_or_404(idea_id)
    if idea.is_hidden and not can_moderate(current_user):
        # The public sees a tombstone; the author also sees the moderator's reason.
        return render_template("ideas/hidden.html", idea=idea)
    return render_idea(idea)


@bp.route("/<int:idea_id>/edit", methods=["GET", "POST"])
@posting_limit
def edit(idea_id):
    idea = get_idea_or_404(idea_id)
    ensure(
        can_edit_idea(current_user, idea), is_author(current_user, idea) and services.EDIT_CLOSED
    )
    themes, districts = themes_and_districts()
    data = None
    if request.method == "GET":
        data = {
            "title": idea.title,
            "description": idea.description,
            "theme": idea.theme_id,
            "district": idea.district_id or 0,
        }
    form = IdeaForm(themes=themes, districts=districts, data=data)
    if form.validate_on_submit():
        try:
            services.update_idea(
                current_user,
                idea,
                title=form.title.data,
                description=form.description.data,
                theme_id=form.theme.data,
                district_id=form.district.data or None,
            )
        except services.IdeaError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("Your problem is updated."), "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/edit.html", form=form, idea=idea), (400 if form.errors else 200)


@bp.route("/<int:idea_id>/withdraw", methods=["POST"])
def withdraw(idea_id):
    idea = get_idea_or_404(idea_id)
    ensure(
        can_withdraw_idea(current_user, idea),
        is_author(current_user, idea) and services.WITHDRAW_CLOSED,
    )
    services.withdraw_idea(current_user, idea)
    flash(_("Your problem is withdrawn. It stays readable but is no longer listed."), "success")
    return redirect(url_for("ideas.show", idea_id=idea.id))


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


@bp.route("/<int:idea_id>/support", methods=["POST"])
def support(idea_id):
    idea = get_idea_or_404(idea_id)
    ensure(current_user.is_authenticated)
    wanted = requested_state(services.is_supporting(current_user, idea))
    if wanted:
        ensure(can_support_idea(current_user, idea), services.SUPPORTS_CLOSED)
    services.set_support(current_user, idea, wanted)
    if wants_json():
        db.session.refresh(idea)
        return {
            "supported": wanted,
            "supports_count": idea.supports_count,
            "supports_label": ngettext("%(num)s support", "%(num)s supports", idea.supports_count),
        }
    if wanted:
        flash(_("You support this problem."), "success")
    else:
        flash(_("You no longer support this problem."), "success")
    back = request.form.get("back")
    return redirect(back if is_safe_next_url(back) else url_for("ideas.show", idea_id=idea.id))


@bp.route("/<int:idea_id>/follow", methods=["POST"])
def follow(idea_id):
    idea = get_idea_or_404(idea_id)
    ensure(can_follow_idea(current_user, idea))
    if requested_state(services.is_following(current_user, idea)):
        services.follow_idea(current_user, idea)
        flash(_("You follow this problem: you will be told what happens to it."), "success")
    else:
        services.unfollow_idea(current_user, idea)
        flash(_("You no longer follow this problem."), "success")
    return redirect(url_for("ideas.show", idea_id=idea.id))


@bp.route("/<int:idea_id>/comments", methods=["POST"])
@posting_limit
def comment(idea_id):
    idea = get_idea_or_404(idea_id)
    return handle_comment_form(idea, lambda **kw: render_idea(idea, **kw))


@bp.route("/<int:idea_id>/status", methods=["POST"])
def change_status(idea_id):
    idea = get_idea_or_404(idea_id)
    ensure(can_change_idea_status(current_user, idea))
    form = StatusForm(transitions=services.allowed_transitions(idea))
    if form.validate_on_submit():
        try:
            services.change_status(current_user, idea, form.status.data, form.note.data)
        except services.IdeaError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("The problem is now: %(status)s.", status=idea.status.label), "success")
            return redirect(url_for("ideas.show", idea_id=idea.id) + "#timeline")
    return render_idea(idea, status_form=form, status=400)
