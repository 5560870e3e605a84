"""The experiments' chapter of a problem's story (`platform.timeline`): each experiment opened
and its results, and the section of the problem's page that lists its experiments."""

from flask import url_for
from flask_babel import gettext as _

from platform.experiments import services
from platform.timeline import Chapter, Event


def experiments_chapter(problem, viewer):
    """One query: the experiments `viewer` may see (drafts for the lab)."""
    experiments = services.experiments_of_problem(problem, viewer)
    events = []
    for experiment in experiments:
        page = url_for("experiments.show", experiment_id=experiment.id)
        if experiment.opened_at:
            events.append(
                Event(
                    experiment.opened_at, "experiment_opened", _("Experiment opened"),
                    subject=experiment, link_url=page, link_text=experiment.title,
                    detail=f" ({experiment.method.label})",
                )
            )  # fmt: skip
        if experiment.results_published_at:
            events.append(
                Event(
                    experiment.results_published_at, "results_published", _("Results published"),
                    subject=experiment, link_url=f"{page}#results-title",
                    link_text=experiment.title,
                )
            )  # fmt: skip
    return Chapter(events=events, items=experiments, template="experiments/_problem_section.html")
