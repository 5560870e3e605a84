"""Moderation pages: the queue, decisions, merges, suspensions, the log; and reporting."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.accounts.services import find_active_account
from platform.errors import render_error
from platform.forms import is_safe_next_url
from platform.ideas.services import find_problem
from platform.limits import posting_limit
from platform.moderation import bp, services
from platform.moderation.forms import MergeForm, ReportForm, SuspendForm
from platform.moderation.log import audit_log_page
from platform.moderation.merge import MergeError, find_merge_target, merge_problems
from platform.moderation.models import ActionType, ReportReason, TargetType
from platform.moderation.permissions import (
    can_dismiss_reports,
    can_hide_content,
    can_lift_suspension,
    can_merge_problems,
    can_moderate,
    can_publish_pending,
    can_read_hidden_reason,
    can_report,
    can_restore_content,
    can_suspend_account,
)
from platform.moderation.suspensions import (
    SuspensionError,
    get_account,
    lift_suspension,
    suspend_account,
)
from platform.permissions import ensure, permission_required, register_predicates

register_predicates(
    bp,
    can_moderate,
    can_report,
    can_read_hidden_reason,
    can_hide_content,
    can_restore_content,
    can_dismiss_reports,
    can_publish_pending,
    can_merge_problems,
    can_suspend_account,
    can_lift_suspension,
)


@bp.app_template_global()
def report_reasons():
    """The reasons offered when reporting, in the reader's language."""
    return [(reason.value, reason.label) for reason in ReportReason]


def back_to(default):
    target = request.form.get("back")
    return redirect(target if is_safe_next_url(target) else default)


def refused(error):
    return render_error(400, _("This action is not possible"), error.message)


def errors_of(form):
    return " ".join(str(m) for messages in form.errors.values() for m in messages)


@bp.route("/report", methods=["POST"])
@posting_limit
def report():
    ensure(can_report(current_user))  # the item's own rule is applied on sending
    form = ReportForm()
    if not form.validate_on_submit():
        return render_error(400, _("The report was not sent"), errors_of(form))
    try:
        services.report_content(
            current_user, form.target_type.data, form.target_id.data, form.reason.data,
            form.note.data,
        )  # fmt: skip
    except services.ModerationError as error:
        return render_error(400, _("The report was not sent"), error.message)
    flash(_("Thank you: a moderator will look at your report."), "success")
    return back_to(url_for("main.home"))


@bp.route("/")
@permission_required(can_moderate)
def queue():
    return render_template(
        "moderation/queue.html",
        entries=services.queue(),
        pending=services.pending_problems(),
        merge_form=MergeForm(),
        TargetType=TargetType,
    )


def decide(action, message):
    try:
        action(
            current_user, request.form.get("target_type"), request.form.get("target_id"),
            request.form.get("reason", ""),
        )  # fmt: skip
    except services.ModerationError as error:
        return refused(error)
    flash(message, "success")
    return back_to(url_for("moderation.queue"))


@bp.route("/hide", methods=["POST"])
@permission_required(can_hide_content)
def hide():
    return decide(services.hide_content, _("The contribution is hidden."))


@bp.route("/restore", methods=["POST"])
@permission_required(can_restore_content)
def restore():
    return decide(services.restore_content, _("The contribution is visible again."))


@bp.route("/dismiss", methods=["POST"])
@permission_required(can_dismiss_reports)
def dismiss():
    return decide(services.dismiss_reports, _("The reports are dismissed."))


@bp.route("/bulk", methods=["POST"])
@permission_required(can_moderate)
def bulk():
    try:
        done = services.bulk(
            current_user, request.form.get("action"), request.form.getlist("targets"),
            request.form.get("reason", ""),
        )  # fmt: skip
    except services.ModerationError as error:
        return refused(error)
    flash(_("Done for %(n)s contributions.", n=len(done)), "success")
    return redirect(url_for("moderation.queue"))


@bp.route("/ideas/<int:problem_id>/publish", methods=["POST"])
@permission_required(can_publish_pending)
def publish(problem_id):
    problem = find_problem(problem_id) or abort(404)
    try:
        services.publish_pending(current_user, problem)
    except services.ModerationError as error:
        return refused(error)
    flash(_("The problem is published."), "success")
    return redirect(url_for("moderation.queue"))


@bp.route("/ideas/<int:problem_id>/merge", methods=["POST"])
@permission_required(can_merge_problems)
def merge(problem_id):
    source = find_problem(problem_id) or abort(404)
    form = MergeForm()
    if not form.validate_on_submit():
        return render_error(400, _("The problems were not merged"), errors_of(form))
    target = find_merge_target(form.target_id.data)
    try:
        merge_problems(current_user, source, target, form.note.data)
    except MergeError as error:
        return render_error(400, _("The problems were not merged"), error.message)
    flash(_("The problem is merged; its supports and followers moved."), "success")
    return redirect(url_for("ideas.show", problem_id=target.id))


@bp.route("/accounts/<int:user_id>/suspend", methods=["GET", "POST"])
@permission_required(can_suspend_account)
def suspend(user_id):
    account = find_active_account(user_id) or abort(404)
    form = SuspendForm()
    if form.validate_on_submit():
        try:
            suspend_account(current_user, account, until=form.until(), reason=form.reason.data,
                            hide_content=form.hide_content.data)  # fmt: skip
        except SuspensionError as error:
            form.reason.errors.append(error.message)
        else:
            flash(_("%(name)s is suspended.", name=account.display_name), "success")
            return redirect(url_for("moderation.queue"))
    return render_template("moderation/suspend.html", form=form, account=account), (
        400 if form.errors else 200
    )


@bp.route("/accounts/<int:user_id>/unsuspend", methods=["POST"])
@permission_required(can_lift_suspension)
def unsuspend(user_id):
    account = get_account(user_id) or abort(404)
    try:
        lift_suspension(current_user, account)
    except SuspensionError as error:
        return refused(error)
    flash(_("The suspension of %(name)s is lifted.", name=account.display_name), "success")
    return redirect(url_for("moderation.log"))


@bp.route("/log")
@permission_required(can_moderate)
def log():
    page, filters = audit_log_page(
        request.args.get("action", ""), request.args.get("target", ""),
        request.args.get("actor", type=int), page=request.args.get("page", 1, type=int),
        per_page=current_app.config["USERS_PER_PAGE"],
    )  # fmt: skip
    return render_template(
        "moderation/log.html", page=page, actions=list(ActionType), targets=list(TargetType),
        filters=filters,
    )  # fmt: skip
