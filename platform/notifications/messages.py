"""What a notification says and where it leads, written when it is read, in the reader's language.

Everything here reads only the rows `services.with_links` loads with the notification, so a page
of notifications costs the same number of queries whatever it holds.
"""

from flask_babel import gettext as _

from platform.accounts.models import DELETED_ACCOUNT
from platform.moderation.models import moderator_reason
from platform.notifications.models import Kind


def _name(user):
    return user.public_name if user is not None else str(DELETED_ACCOUNT)


def _commented_title(n):
    """The title of the page a comment is on: its problem or its prototype."""
    page = n.problem or n.prototype
    return page.title if page is not None else ""


def _hidden(n):
    if n.feedback_id is not None:
        reason = moderator_reason(n.feedback)
        title = n.prototype.title
        if reason:
            return _(
                "A moderator hid your feedback on the prototype “%(title)s”. Reason: %(reason)s",
                title=title,
                reason=reason,
            )
        return _("A moderator hid your feedback on the prototype “%(title)s”.", title=title)
    if n.comment_id is not None:
        reason = moderator_reason(n.comment)
        title = _commented_title(n)
        if reason:
            return _(
                "A moderator hid your comment on “%(title)s”. Reason: %(reason)s",
                title=title,
                reason=reason,
            )
        return _("A moderator hid your comment on “%(title)s”.", title=title)
    reason = moderator_reason(n.problem)
    if reason:
        return _(
            "A moderator hid your problem “%(title)s”. Reason: %(reason)s",
            title=n.problem.title,
            reason=reason,
        )
    return _("A moderator hid your problem “%(title)s”.", title=n.problem.title)


def _restored(n):
    if n.feedback_id is not None:
        return _(
            "A moderator restored your feedback on the prototype “%(title)s”.",
            title=n.prototype.title,
        )
    if n.comment_id is not None:
        return _("A moderator restored your comment on “%(title)s”.", title=_commented_title(n))
    return _("A moderator restored your problem “%(title)s”.", title=n.problem.title)


def text_of(n):
    """One sentence saying what happened."""
    match n.kind:
        case Kind.COMMENT:
            return _(
                "%(name)s commented on your problem “%(title)s”.",
                name=_name(n.actor),
                title=n.problem.title,
            )
        case Kind.REPLY:
            return _(
                "%(name)s replied to your comment on “%(title)s”.",
                name=_name(n.actor),
                title=_commented_title(n),
            )
        case Kind.STATUS_CHANGED:
            return _(
                "The problem “%(title)s” moved to a new stage: %(status)s.",
                title=n.problem.title,
                status=n.status_change.to_status.label,
            )
        case Kind.PROTOTYPE_PUBLISHED:
            return _(
                "A prototype was published for the problem “%(problem)s”: %(title)s.",
                problem=n.problem.title,
                title=n.prototype.title,
            )
        case Kind.EXPERIMENT_OPENED:
            return _(
                "An experiment is open for sign-up on the problem “%(problem)s”: %(title)s.",
                problem=n.problem.title,
                title=n.experiment.title,
            )
        case Kind.PLACE_FREED:
            return _(
                "A place freed up: you now take part in “%(title)s”.", title=n.experiment.title
            )
        case Kind.RESULTS_PUBLISHED:
            return _("The results of “%(title)s” are published.", title=n.experiment.title)
        case Kind.SURVEY_RESULTS:
            return _("The results of the survey “%(title)s” you answered are published.",
                     title=n.survey.title)  # fmt: skip
        case Kind.CONTENT_HIDDEN:
            return _hidden(n)
        case Kind.CONTENT_RESTORED:
            return _restored(n)


def target_of(n):
    """(endpoint, URL values, anchor) of the page that shows what happened."""
    if n.kind in (Kind.PLACE_FREED, Kind.RESULTS_PUBLISHED, Kind.EXPERIMENT_OPENED):
        return "experiments.show", {"experiment_id": n.experiment_id}, ""
    if n.kind is Kind.STATUS_CHANGED:
        return "ideas.show", {"problem_id": n.problem_id}, "#timeline"
    if n.kind is Kind.SURVEY_RESULTS:
        return "surveys.show", {"survey_id": n.survey_id}, "#results-title"
    if n.problem_id is not None and n.kind is not Kind.PROTOTYPE_PUBLISHED:
        endpoint, values = "ideas.show", {"problem_id": n.problem_id}
    else:
        endpoint, values = "prototypes.show", {"prototype_id": n.prototype_id}
    if n.comment_id is not None and n.kind is not Kind.CONTENT_HIDDEN:
        # The page of the thread that shows the comment, scrolled to it.
        return endpoint, {**values, "comment": n.comment_id}, f"#c{n.comment_id}"
    return endpoint, values, ""
