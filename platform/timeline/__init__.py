"""The story of a problem: its timeline and the work done on it, fed by every feature.

A problem's page and the open data API tell what became of it: when it was proposed, each stage
with the lab's note, the duplicates merged into it, the prototype versions published for it, the
experiments opened and their results (and, as the lab's method grows, its surveys and working
sessions). The problems' own package cannot import the features built on top of it, so each
feature registers a *source* with the app when it is set up (`register_source`, usually in its
blueprint's `record_once`), and the page asks for the whole story (`story_of`).

A source reads what it knows about one problem, as one viewer may see it, in a fixed number of
queries, and returns a `Chapter`: its timeline events and, when it has a section on the problem's
page, the items that section lists and the template that shows them.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask import Blueprint, current_app

# No pages of its own: the blueprint carries the timeline's template (`timeline/_timeline.html`).
bp = Blueprint("timeline", __name__, template_folder="templates")

EXTENSION = "platform.timeline"


@dataclass(frozen=True)
class Event:
    """One step of a problem's timeline, ready to show: a headline, an optional link, who."""

    at: datetime
    kind: str  # a stable code, also the API's (`status_changed`, `experiment_opened`, ...)
    headline: str
    subject: object = None  # the row the event is about, for the API's representation
    link_url: str | None = None
    link_text: str = ""
    detail: str = ""  # said after the link, e.g. the experiment's method
    by: str | None = None  # the name of who did it, when it is shown
    note: str = ""  # the lab's public note


@dataclass
class Chapter:
    """What one source knows of a problem: events, and the items of its section on the page."""

    events: list = field(default_factory=list)
    items: list = field(default_factory=list)
    template: str | None = None  # the section of the problem's page, if the source has one


@dataclass(frozen=True)
class Source:
    name: str
    load: object  # (problem, viewer) -> Chapter
    position: int


@dataclass
class Story:
    """A problem's whole story: every event oldest first, and each source's chapter by name."""

    events: list
    chapters: dict

    def items(self, name):
        """The items of one source's section (its prototypes, its experiments...)."""
        chapter = self.chapters.get(name)
        return chapter.items if chapter is not None else []

    @property
    def sections(self):
        """The chapters that have a section on the problem's page, in the sources' order."""
        return [chapter for chapter in self.chapters.values() if chapter.template]


def register_source(app, name, load, position):
    """Let `load(problem, viewer)` tell its part of every problem's story; `position` orders the
    sections of the problem's page (registering the same name again replaces it)."""
    sources = app.extensions.setdefault(EXTENSION, {})
    sources[name] = Source(name, load, position)


def story_of(problem, viewer):
    """The problem's story as `viewer` may see it: one call per registered source."""
    sources = sorted(current_app.extensions.get(EXTENSION, {}).values(), key=lambda s: s.position)
    chapters = {source.name: source.load(problem, viewer) for source in sources}
    events = [event for chapter in chapters.values() for event in chapter.events]
    # Stable: events of the same moment keep the sources' order (the proposal comes first).
    return Story(sorted(events, key=lambda event: event.at), chapters)
