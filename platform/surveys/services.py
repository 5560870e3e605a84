"""The rules of a survey's life: create, change its settings, open, close, publish its results;
and reading surveys for lists and pages.

The builder's rules are in `builder.py`, answering in `answering.py`, results in `results.py`.
"""

import hashlib
import hmac
from datetime import UTC

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.i18n import local_number
from platform.ideas.models import Problem
from platform.permissions import can_see_drafts
from platform.prototypes.models import Prototype, PrototypeStatus
from platform.rules import RuleError
from platform.signals import survey_opened, survey_results_published
from platform.surveys.models import (
    Phase,
    Survey,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    SurveyStatus,
)

TITLE_MAX = 150
TEXT_MAX = 10_000

PUBLISHED_CLOSED = _l("The results of this survey are published: it can no longer change.")
RESULTS_WAIT = _l("Results can be published once the survey is closed.")
LOCKED = _l(
    "This survey has responses: its questions' types and options can no longer change. "
    "Their wording can still be corrected."
)


class SurveyError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def _emit(signal, **data):
    signal.send(current_app._get_current_object(), **data)


def text(value, maximum, field, empty, required=True):
    """A stripped text of at most `maximum` characters, or a SurveyError on `field`."""
    value = (value or "").strip()
    if required and not value:
        raise SurveyError(empty, field)
    if len(value) > maximum:
        raise SurveyError(_l("At most %(n)s characters.", n=local_number(maximum)), field)
    return value


def respondent_key(survey_id, user_id):
    """The keyed hash that stands for an account in one survey's responses."""
    secret = current_app.config.get("SURVEY_KEY") or current_app.config["SECRET_KEY"]
    message = f"survey:{survey_id}:account:{user_id}".encode()
    return hmac.new(str(secret).encode(), message, hashlib.sha256).hexdigest()


# Settings ----------------------------------------------------------------------------------


def _clean(fields):
    opens_at, closes_at = fields.get("opens_at"), fields.get("closes_at")
    if opens_at is None:
        raise SurveyError(_l("Give the opening date and time."), "opens_at")
    if closes_at is None:
        raise SurveyError(_l("Give the closing date and time."), "closes_at")
    if closes_at <= opens_at:
        raise SurveyError(_l("The survey must close after it opens."), "closes_at")
    problem_id = fields.get("problem_id") or None
    prototype_id = fields.get("prototype_id") or None
    if problem_id is not None:
        problem = db.session.get(Problem, problem_id)
        if problem is None or problem.is_hidden:
            raise SurveyError(_l("Choose a problem from the list."), "problem_id")
    if prototype_id is not None:
        prototype = db.session.get(Prototype, prototype_id)
        if prototype is None or prototype.is_hidden:
            raise SurveyError(_l("Choose a prototype from the list."), "prototype_id")
        if problem_id is None:
            problem_id = prototype.problem_id
        elif prototype.problem_id != problem_id:
            raise SurveyError(
                _l("Choose a prototype of the problem the survey is for."), "prototype_id"
            )
    return {
        "title": text(fields.get("title"), TITLE_MAX, "title", _l("Give the survey a title.")),
        "introduction": text(fields.get("introduction"), TEXT_MAX, "introduction",
                             _l("Say what the survey is for."), required=False),
        "opens_at": opens_at.astimezone(UTC),
        "closes_at": closes_at.astimezone(UTC),
        "problem_id": problem_id,
        "prototype_id": prototype_id,
        "is_anonymous": bool(fields.get("is_anonymous")),
    }  # fmt: skip


def create_survey(author, **fields):
    """A draft survey, with a first section; its author organises it."""
    survey = Survey(status=SurveyStatus.DRAFT, created_by_id=author.id, **_clean(fields))
    survey.organisers = [db.session.get(User, author.id)]
    # Named in the author's language: the builder renames it.
    survey.sections = [SurveySection(position=1, title=str(_l("Part %(n)s", n=1)))]
    db.session.add(survey)
    db.session.flush()
    return survey


def update_survey(actor, survey, **fields):
    """Change the settings; anonymity cannot change once someone has answered."""
    if survey.is_published:
        raise SurveyError(PUBLISHED_CLOSED)
    cleaned = _clean(fields)
    if survey.is_locked and cleaned["is_anonymous"] != survey.is_anonymous:
        raise SurveyError(
            _l("People have answered: whether answers are anonymous can no longer change."),
            "is_anonymous",
        )
    for name, value in cleaned.items():
        setattr(survey, name, value)
    survey.updated_at = utcnow()
    db.session.flush()
    return survey


# Life --------------------------------------------------------------------------------------


def open_survey(actor, survey):
    """Open a draft: it takes answers between its opening and closing times."""
    if not survey.is_draft:
        raise SurveyError(_l("This survey is already open."))
    if survey.closes_at <= utcnow():
        raise SurveyError(_l("The closing time has passed: change it before opening."))
    questions = db.session.scalar(
        select(func.count())
        .select_from(SurveyQuestion)
        .where(SurveyQuestion.survey_id == survey.id)
    )
    if not questions:
        raise SurveyError(_l("Add at least one question before opening the survey."))
    survey.status = SurveyStatus.OPEN
    survey.opened_at = survey.updated_at = utcnow()
    db.session.flush()
    _emit(survey_opened, survey=survey, actor=actor)
    return survey


def close_survey(actor, survey):
    """Stop taking answers now (or before it opens); drafts of responses stay uncounted."""
    if survey.phase not in (Phase.SCHEDULED, Phase.OPEN):
        raise SurveyError(_l("Only an open survey can be closed."))
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = survey.updated_at = utcnow()
    db.session.flush()
    return survey


def publish_results(actor, survey, note=""):
    """Publish the results of a closed survey, with the lab's reading; respondents are told."""
    if not survey.awaits_results:
        raise SurveyError(RESULTS_WAIT)
    survey.results_note = text(note, TEXT_MAX, "note", "", required=False)
    if survey.status is SurveyStatus.OPEN:
        survey.closed_at = survey.closes_at
    survey.status = SurveyStatus.PUBLISHED
    survey.results_published_at = survey.updated_at = utcnow()
    db.session.flush()
    _emit(
        survey_results_published, survey=survey, respondent_ids=respondent_ids(survey),
        actor=actor,
    )  # fmt: skip
    return survey


def respondent_ids(survey):
    """The accounts that sent a response. For an anonymous survey no response names its
    account: every active account's key is computed and matched against the responses' keys
    (two queries, whatever the number of responses)."""
    submitted = SurveyResponse.survey_id == survey.id, SurveyResponse.submitted_at.is_not(None)
    if not survey.is_anonymous:
        return list(
            db.session.scalars(
                select(SurveyResponse.user_id)
                .where(*submitted, SurveyResponse.user_id.is_not(None))
                .order_by(SurveyResponse.user_id)
            )
        )
    keys = set(db.session.scalars(select(SurveyResponse.respondent_key).where(*submitted)))
    if not keys:
        return []
    accounts = db.session.scalars(
        select(User.id).where(User.deleted_at.is_(None)).order_by(User.id)
    )
    return [user_id for user_id in accounts if respondent_key(survey.id, user_id) in keys]


# Reading -----------------------------------------------------------------------------------


def load_survey(survey_id):
    """A survey with its problem, prototype and organisers (one query), or None."""
    return db.session.scalar(
        select(Survey)
        .where(Survey.id == survey_id)
        .options(
            joinedload(Survey.problem),
            joinedload(Survey.prototype),
            selectinload(Survey.organisers),
        )
    )


def load_structure(survey):
    """The survey's sections, questions, options and conditions, in three queries."""
    q = SurveyQuestion
    return db.session.scalars(
        select(SurveySection)
        .where(SurveySection.survey_id == survey.id)
        .order_by(SurveySection.position)
        .options(
            selectinload(SurveySection.questions).options(
                selectinload(q.options), selectinload(q.rows), selectinload(q.condition_options)
            )
        )
    ).all()


def response_of(user, survey):
    """The account's response (draft or sent), or None."""
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        select(SurveyResponse).where(
            SurveyResponse.survey_id == survey.id,
            SurveyResponse.respondent_key == respondent_key(survey.id, user.id),
        )
    )


def list_query(viewer):
    """The surveys `viewer` may see in lists (the API's rule too, seen by a visitor): drafts
    for the lab, hidden surveys for no one."""
    query = select(Survey).where(Survey.is_hidden.is_(False))
    return query if can_see_drafts(viewer) else query.where(Survey.status != SurveyStatus.DRAFT)


def _list_order():
    """Taking answers first (soonest to close), then scheduled, then closed and published
    (most recent first), drafts last."""
    now = utcnow()
    rank = case(
        (
            (Survey.status == SurveyStatus.OPEN)
            & (Survey.opens_at <= now)
            & (Survey.closes_at > now),
            0,
        ),
        ((Survey.status == SurveyStatus.OPEN) & (Survey.opens_at > now), 1),
        (Survey.status == SurveyStatus.DRAFT, 3),
        else_=2,
    )
    return rank, case((rank == 0, Survey.closes_at), else_=None), Survey.closes_at.desc()


def list_page(viewer, page=1, per_page=20, problem=None):
    """One page of surveys for `viewer`, open first, with their problems (two queries)."""
    query = list_query(viewer).options(joinedload(Survey.problem))
    if problem is not None:
        query = query.where(Survey.problem_id == problem.id)
    return db.paginate(
        query.order_by(*_list_order(), Survey.id.desc()), page=page, per_page=per_page,
        error_out=False,
    )  # fmt: skip


def open_surveys(viewer, limit=3):
    """Surveys taking answers now, soonest to close first (the home page's block)."""
    now = utcnow()
    return db.session.scalars(
        list_query(viewer)
        .where(Survey.status == SurveyStatus.OPEN, Survey.opens_at <= now, Survey.closes_at > now)
        .options(joinedload(Survey.problem))
        .order_by(Survey.closes_at, Survey.id)
        .limit(limit)
    ).all()


def latest_results(viewer, limit=2):
    """Surveys whose results were published last (the home page's block)."""
    return db.session.scalars(
        list_query(viewer)
        .where(Survey.status == SurveyStatus.PUBLISHED)
        .options(joinedload(Survey.problem))
        .order_by(Survey.results_published_at.desc(), Survey.id.desc())
        .limit(limit)
    ).all()


def surveys_of_problem(problem, viewer):
    return db.session.scalars(
        list_query(viewer)
        .where(Survey.problem_id == problem.id)
        .order_by(Survey.opens_at, Survey.id)
    ).all()


def surveys_of_prototype(prototype, viewer):
    return db.session.scalars(
        list_query(viewer)
        .where(Survey.prototype_id == prototype.id)
        .order_by(Survey.opens_at, Survey.id)
    ).all()


def problem_choices():
    """Problems a survey may be for, newest first: (id, title)."""
    return db.session.execute(
        select(Problem.id, Problem.title)
        .where(Problem.is_hidden.is_(False))
        .order_by(Problem.created_at.desc())
        .limit(500)
    ).all()


def prototype_choices():
    """Published prototypes a survey may be about: (id, title)."""
    return db.session.execute(
        select(Prototype.id, Prototype.title)
        .where(Prototype.is_hidden.is_(False), Prototype.status != PrototypeStatus.DRAFT)
        .order_by(Prototype.created_at.desc())
        .limit(500)
    ).all()


def counts():
    """(surveys listed publicly, responses sent to them), for the statistics."""
    surveys, responses = db.session.execute(
        select(func.count(), func.coalesce(func.sum(Survey.responses_count), 0)).where(
            Survey.status != SurveyStatus.DRAFT, Survey.is_hidden.is_(False)
        )
    ).one()
    return surveys, responses
