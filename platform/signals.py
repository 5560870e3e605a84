"""Signals that features emit and others (notifications, moderation) subscribe to.

Emitting a signal never imports the subscriber, so features do not import each other in circles.
"""

from blinker import Namespace

_signals = Namespace()

problem_created = _signals.signal("idea-created")
problem_status_changed = _signals.signal("idea-status-changed")
problem_supported = _signals.signal("idea-supported")
comment_posted = _signals.signal("comment-posted")
prototype_published = _signals.signal("prototype-published")
experiment_opened = _signals.signal("experiment-opened")
place_freed = _signals.signal("place-freed")
results_published = _signals.signal("results-published")
moderation_decision = _signals.signal("moderation-decision")
role_changed = _signals.signal("role-changed")
survey_opened = _signals.signal("survey-opened")
survey_results_published = _signals.signal("survey-results-published")
