"""The surveys' chapter of a problem's story (`platform.timeline`): its survey stage, each
survey opened and its results published, and the section of the problem's page that lists them."""

from flask import url_for
from flask_babel import gettext as _

from platform.database import utcnow
from platform.surveys import services
from platform.timeline import Chapter, Event


def surveys_chapter(problem, viewer):
    """One query: the surveys of the problem `viewer` may see (drafts for the lab)."""
    surveys = services.surveys_of_problem(problem, viewer)
    events, now = [], utcnow()
    for survey in surveys:
        page = url_for("surveys.show", survey_id=survey.id)
        # A survey opened ahead of its opening time joins the story when it starts taking answers.
        opened = survey.opened_at and max(survey.opened_at, survey.opens_at)
        if opened and opened <= now:
            events.append(
                Event(
                    opened, "survey_opened", _("Survey opened"), subject=survey,
                    link_url=page, link_text=survey.title,
                )
            )  # fmt: skip
        if survey.results_published_at:
            events.append(
                Event(
                    survey.results_published_at, "survey_results_published",
                    _("Survey results published"), subject=survey,
                    link_url=f"{page}#results-title", link_text=survey.title,
                )
            )  # fmt: skip
    return Chapter(events=events, items=surveys, template="surveys/_problem_section.html")
