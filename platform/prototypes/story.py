"""The prototypes' chapter of a problem's story (`platform.timeline`): each version published,
and the section of the problem's page that lists its prototypes."""

from flask import url_for
from flask_babel import gettext as _

from platform.prototypes import queries
from platform.timeline import Chapter, Event


def prototypes_chapter(problem, viewer):
    """Two queries: the prototypes `viewer` may see (drafts for the lab), their versions."""
    prototypes = queries.prototypes_of_problem(problem, viewer)
    versions = queries.versions_of_prototypes(prototypes)
    events = []
    for prototype in prototypes:
        if prototype.published_at is None:
            continue
        for version in versions[prototype.id]:
            first = version.number == 1
            events.append(
                Event(
                    prototype.published_at if first else version.created_at,
                    "prototype_version_published",
                    _("Prototype published") if first else _("New prototype version"),
                    subject=(prototype, version),
                    link_url=url_for("prototypes.show", prototype_id=prototype.id),
                    link_text=prototype.title,
                    detail=", " + _("version %(n)s", n=version.number),
                )
            )
    return Chapter(events=events, items=prototypes, template="prototypes/_problem_section.html")
