"""What the experiments keep about an account: its sign-ups, and the experiments it organises.

Deleting the account gives back the places it has not used yet and its turns on waiting lists
(the waiting lists move up); a place in an experiment that has started stays, anonymous: it
happened. It no longer organises anything.
"""

from sqlalchemy import delete, select

from platform.account_data import Part
from platform.database import isoformat, utcnow
from platform.experiments.models import Experiment, SignUp, SignUpStatus, experiment_organiser
from platform.experiments.services import leave_experiment
from platform.extensions import db


def export_sign_ups(user):
    rows = db.session.execute(
        select(SignUp.experiment_id, Experiment.title, SignUp.status, SignUp.created_at)
        .join(Experiment, Experiment.id == SignUp.experiment_id)
        .where(SignUp.user_id == user.id)
        .order_by(SignUp.id)
    )
    return {
        "experiment_sign_ups": [
            {
                "experiment_id": experiment_id,
                "title": title,
                "status": status.value,
                "created_at": isoformat(created_at),
            }
            for experiment_id, title, status, created_at in rows
        ]
    }


def erase_sign_ups(user):
    now = utcnow()
    for sign_up, experiment in db.session.execute(
        select(SignUp, Experiment)
        .join(Experiment, Experiment.id == SignUp.experiment_id)
        .where(SignUp.user_id == user.id)
        .order_by(SignUp.id)
    ).all():
        if sign_up.status is SignUpStatus.WAITING or experiment.starts_at > now:
            leave_experiment(user, experiment)
    db.session.execute(
        delete(experiment_organiser).where(experiment_organiser.c.user_id == user.id)
    )


PART = Part("experiments", export=export_sign_ups, erase=erase_sign_ups, position=40)
