"""The problems' own chapter of a problem's story (`platform.timeline`): its proposal, each change
of stage with the lab's note, and the duplicates merged into it."""

from flask import url_for
from flask_babel import gettext as _

from platform.ideas import services
from platform.timeline import Chapter, Event


def problem_chapter(problem, _viewer):
    """Two queries: the changes of stage, the duplicates merged in."""
    author = problem.author
    events = [
        Event(
            problem.created_at, "proposed", _("Proposed"), subject=problem,
            by=author.display_name if author else _("Deleted account"),
        )
    ]  # fmt: skip
    for change in services.status_changes_of(problem):
        events.append(
            Event(
                change.created_at, "status_changed", change.to_status.label, subject=change,
                by=change.actor.display_name if change.actor else None, note=change.note,
            )
        )  # fmt: skip
    for duplicate, merged_at in services.merged_duplicates(problem):
        events.append(
            Event(
                merged_at, "duplicate_merged_in", _("Duplicate merged into this problem"),
                subject=duplicate, link_url=url_for("ideas.show", problem_id=duplicate.id),
                link_text=duplicate.title,
            )
        )  # fmt: skip
    return Chapter(events=events)
