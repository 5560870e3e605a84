"""Who may do what with surveys, for routes and templates alike (one predicate per action).

Drafts exist for the lab (agents and above) only. A survey is run by its organisers (the agent
who made it, and those they add) and by admins; moderators curate its published quotations.
The model's `phase` says what the state allows.
"""

from platform.permissions import is_lab
from platform.roles import Role
from platform.surveys.models import Phase


def is_organiser(user, survey):
    return user.is_authenticated and any(o.id == user.id for o in survey.organisers)


def can_view_survey(user, survey):
    """A draft is not found (404) for anyone outside the lab; a hidden survey, for anyone
    who does not run it."""
    if survey.is_hidden and not can_manage_survey(user, survey):
        return False
    return not survey.is_draft or is_lab(user)


def can_create_survey(user, _obj=None):
    return is_lab(user)


def can_manage_survey(user, survey):
    """Its organisers and admins: settings, builder, opening, closing, results, exports."""
    return is_organiser(user, survey) or (user.is_authenticated and user.has_role(Role.ADMIN))


def can_edit_survey(user, survey):
    """Settings and wording, until the results are published."""
    return can_manage_survey(user, survey) and not survey.is_published


def can_change_structure(user, survey):
    """Add, remove, reorder, change types and options: until the first response."""
    return can_edit_survey(user, survey) and not survey.is_locked


def can_open_survey(user, survey):
    return can_manage_survey(user, survey) and survey.is_draft


def can_close_survey(user, survey):
    return can_manage_survey(user, survey) and survey.phase in (Phase.SCHEDULED, Phase.OPEN)


def can_publish_survey_results(user, survey):
    return can_manage_survey(user, survey) and survey.awaits_results


def can_view_results(user, survey):
    """Published results are public; organisers follow them from the first response."""
    return survey.is_published or can_manage_survey(user, survey)


def can_read_private_answers(user, survey):
    """Free texts and "other" answers, before they are picked as quotations; the CSV."""
    return can_manage_survey(user, survey)


def can_pick_quotations(user, survey):
    return can_manage_survey(user, survey) and not survey.is_draft


def can_answer_survey(user, survey):
    """Whether to offer the form: a signed-in account, while the survey takes responses."""
    return user.is_authenticated and survey.accepts_responses
