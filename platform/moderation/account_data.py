"""What moderation keeps about an account: the reports it sent. They stay after the account is
deleted, so that the moderation log still adds up."""

from sqlalchemy import select

from platform.account_data import Part
from platform.database import isoformat
from platform.extensions import db
from platform.moderation.models import Report


def export_reports(user):
    reports = db.session.scalars(
        select(Report).where(Report.reporter_id == user.id).order_by(Report.id)
    )
    return {
        "reports": [
            {
                "target_type": report.target_type.value,
                "target_id": report.target_id,
                "reason": report.reason.value,
                "note": report.note,
                "created_at": isoformat(report.created_at),
            }
            for report in reports
        ]
    }


PART = Part("moderation", export=export_reports, position=60)
