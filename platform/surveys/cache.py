"""Published results, kept by each process: a published survey takes no more responses, so its
figures are computed once and kept, with the HTML of its charts and tables in each language
(`results.survey_results`).

An entry is kept with the survey's stamp (`stamp`: when its results were published, and its
`updated_at`) and used only while the survey's row, read again by every request, still has the
same stamp: a change made through another process is seen on the very next request, whichever
process answers it. Publishing sets both; what changes published results afterwards bumps
`updated_at` in the transaction that makes the change: picking or withdrawing a quotation
(`quotes.set_quotation`), a moderator hiding or restoring one (`on_moderation_decision`,
subscribed by the blueprint's set-up). Quotations are read again by every request anyway (one
query through `ix_survey_answer_question_id_quoted_at`): reports can hide one without a
moderator's decision, and their "Report" buttons are the reader's own.

The cache holds plain data only (numbers, copies of the labels), never ORM objects, which the
request's commit expires. It keeps one entry per survey, at most `SURVEY_RESULTS_CACHE_SIZE`
(the least recently read leaves first).
"""

import threading
from collections import OrderedDict

from flask import current_app
from sqlalchemy import select, update

from platform.database import utcnow
from platform.extensions import db
from platform.surveys.models import Survey, SurveyResponse

DEFAULT_SIZE = 32
EXTENSION = "survey_results_cache"
MODERATED = "survey_answer"  # moderation's TargetType.SURVEY_ANSWER, a StrEnum


class ResultsCache:
    """A bounded mapping survey id -> (stamp, value), least recently read evicted first."""

    def __init__(self, size=DEFAULT_SIZE):
        self.size = max(int(size), 0)
        self.hits = self.misses = 0
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, survey_id, stamp):
        """The value kept for `survey_id` under `stamp`, or None (an older stamp is dropped)."""
        with self._lock:
            kept = self._entries.get(survey_id)
            if kept is not None and kept[0] == stamp:
                self._entries.move_to_end(survey_id)
                self.hits += 1
                return kept[1]
            if kept is not None:
                del self._entries[survey_id]
            self.misses += 1
            return None

    def put(self, survey_id, stamp, value):
        with self._lock:
            self._entries[survey_id] = (stamp, value)
            self._entries.move_to_end(survey_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def peek(self, survey_id):
        """The value kept for `survey_id` whatever its stamp, or None (counts nothing)."""
        kept = self._entries.get(survey_id)
        return None if kept is None else kept[1]

    def clear(self):
        with self._lock:
            self._entries.clear()

    def __len__(self):
        return len(self._entries)

    def __contains__(self, survey_id):
        return survey_id in self._entries


def install(app):
    app.extensions[EXTENSION] = ResultsCache(
        app.config.get("SURVEY_RESULTS_CACHE_SIZE", DEFAULT_SIZE)
    )


def results_cache(app=None):
    """The app's cache of published results, or None (an app without the surveys' blueprint)."""
    return (app or current_app).extensions.get(EXTENSION)


def stamp(survey):
    """What must not have changed for a kept entry to be used: read from the survey's row."""
    return survey.results_published_at, survey.updated_at


def touch(survey):
    """Mark that the survey's published results change (in the caller's transaction)."""
    survey.updated_at = utcnow()


def on_moderation_decision(_sender, target_type=None, item=None, **_kwargs):
    """A moderator hid or restored a quotation: bump its survey's stamp, in SQL (the survey is
    not loaded), in the transaction of the decision."""
    if target_type != MODERATED or item is None:
        return
    survey_id = (
        select(SurveyResponse.survey_id)
        .where(SurveyResponse.id == item.response_id)
        .scalar_subquery()
    )
    db.session.execute(
        update(Survey)
        .where(Survey.id == survey_id)
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
