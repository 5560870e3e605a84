"""Pages of problems: list, propose, show, edit, and the actions posted from them."""

import secrets

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from platform import timeline
from platform.comments.forms import CommentForm
from platform.comments.routes import handle_comment_form, requested_comment_page
from platform.forms import attempt, form_status, is_safe_next_url, submit
from platform.ideas import bp, listing, services
from platform.ideas.filters import LISTED_STATUSES, ProblemFilters
from platform.ideas.forms import ProblemForm, StatusForm
from platform.ideas.models import ProblemStatus
from platform.ideas.permissions import (
    can_change_problem_status,
    can_edit_problem,
    can_follow_problem,
    can_propose_problem,
    can_read_hidden_problem,
    can_support_problem,
    can_view_problem,
    can_withdraw_problem,
    is_author,
)
from platform.limits import posting_limit
from platform.permissions import ensure, permission_required, register_predicates
from platform.taxonomy.services import list_districts, list_themes

register_predicates(
    bp,
    can_propose_problem,
    can_edit_problem,
    can_withdraw_problem,
    can_support_problem,
    can_follow_problem,
    can_change_problem_status,
    is_author,
)


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


@bp.route("/")
def index():
    themes, districts = list_themes(), list_districts()
    filters = ProblemFilters.parse(request.args, themes=themes, districts=districts)
    page = listing.list_page(
        **filters.listing_args(), seed=shuffle_seed(),
        per_page=current_app.config["ITEMS_PER_PAGE"],
    )  # fmt: skip
    return render_template(
        "ideas/index.html", page=page, supported=services.supported_among(current_user, page.items),
        themes=themes, districts=districts, statuses=LISTED_STATUSES, sorts=listing.SORTS,
        filters=filters.as_args(), active_filters=filters.active_args(),
        max_offset_page=listing.MAX_OFFSET_PAGE, errors=[r.name for r in filters.refused],
    ), (400 if filters.refused else 200)  # fmt: skip


def similar_problems_page(form):
    """The step before publishing: problems like the one typed, or None when there are none."""
    similar = listing.find_similar(form.title.data, form.description.data)
    if not similar:
        return None
    form.similar_checked.data = "1"
    return render_template(
        "ideas/similar.html", form=form, similar=similar,
        supported=services.supported_among(current_user, similar),
    )  # fmt: skip


@bp.route("/new", methods=["GET", "POST"])
@permission_required(can_propose_problem)
@posting_limit
def new():
    form = ProblemForm(themes=list_themes(), districts=list_districts())
    if not form.validate_on_submit():
        return render_template("ideas/new.html", form=form), form_status(form)
    if form.similar_checked.data != "1" and (similar := similar_problems_page(form)):
        return similar
    sent = attempt(form, services.create_problem, current_user, **form.problem_fields())
    if not sent.ok:
        return render_template("ideas/new.html", form=form), form_status(form)
    if sent.result.status is ProblemStatus.PENDING:
        flash(_("Thank you! Your problem will be published once a moderator has read it."))
    else:
        flash(_("Thank you! Your problem is published."), "success")
    return redirect(url_for("ideas.show", problem_id=sent.result.id))


def render_problem(problem, comment_form=None, status_form=None, status=200):
    comments = requested_comment_page(problem)
    return render_template(
        "ideas/show.html", problem=problem, story=timeline.story_of(problem, current_user),
        comments=comments, comment_form=comment_form or CommentForm(),
        status_form=status_form or StatusForm(transitions=services.allowed_transitions(problem)),
        is_supporting=services.is_supporting(current_user, problem),
        is_following=services.is_following(current_user, problem),
        merged_into=services.find_problem(problem.merged_into_id),
    ), (400 if comments.error else status)  # fmt: skip


@bp.route("/<int:problem_id>")
def show(problem_id):
    problem = get_problem_or_404(problem_id)
    if problem.is_hidden and not can_read_hidden_problem(current_user, problem):
        # The public sees a tombstone; the author also sees the moderator's reason.
        return render_template("ideas/hidden.html", problem=problem)
    return render_problem(problem)


@bp.route("/<int:problem_id>/edit", methods=["GET", "POST"])
@posting_limit
def edit(problem_id):
    problem = get_problem_or_404(problem_id)
    closed = is_author(current_user, problem) and services.EDIT_CLOSED
    ensure(can_edit_problem(current_user, problem), closed)
    data = ProblemForm.data_of(problem) if request.method == "GET" else None
    form = ProblemForm(themes=list_themes(), districts=list_districts(), data=data)
    if submit(form, services.update_problem, current_user, problem, **form.problem_fields()).ok:
        flash(_("Your problem is updated."), "success")
        return redirect(url_for("ideas.show", problem_id=problem.id))
    return render_template("ideas/edit.html", form=form, problem=problem), form_status(form)


@bp.route("/<int:problem_id>/withdraw", methods=["POST"])
def withdraw(problem_id):
    problem = get_problem_or_404(problem_id)
    closed = is_author(current_user, problem) and services.WITHDRAW_CLOSED
    ensure(can_withdraw_problem(current_user, problem), closed)
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


def support_answer(problem, supported):
    """What the enhanced button reads: the new state and the counter, in words."""
    count = services.stored_supports(problem)
    label = ngettext("%(num)s support", "%(num)s supports", count)
    return {"supported": supported, "supports_count": count, "supports_label": label}


@bp.route("/<int:problem_id>/support", methods=["POST"])
def support(problem_id):
    problem = get_problem_or_404(problem_id)
    ensure(current_user.is_authenticated)
    wanted = requested_state(services.is_supporting(current_user, problem))
    if wanted:
        ensure(can_support_problem(current_user, problem), services.SUPPORTS_CLOSED)
    services.set_support(current_user, problem, wanted)
    if wants_json():
        return support_answer(problem, wanted)
    flash(_("You support this problem.") if wanted else _("You no longer support this problem."),
          "success")  # fmt: skip
    back = request.form.get("back")
    default = url_for("ideas.show", problem_id=problem.id)
    return redirect(back if is_safe_next_url(back) else default)


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
    if submit(form, services.change_status, current_user, problem, form.status.data,
              form.note.data).ok:  # fmt: skip
        flash(_("The problem is now: %(status)s.", status=problem.status.label), "success")
        return redirect(url_for("ideas.show", problem_id=problem.id) + "#timeline")
    return render_problem(problem, status_form=form, status=400)
