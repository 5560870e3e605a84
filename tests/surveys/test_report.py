"""The yearly report tells the year's surveys and their results."""

from platform.database import utcnow
from platform.surveys.models import SurveyStatus
from tests.support.pages import text


def test_the_yearly_report_lists_the_surveys_of_the_year(client, make_survey, make_problem):
    make_problem()  # a report exists from the year of the first public problem
    make_survey(title="Enquête de l'année", status=SurveyStatus.PUBLISHED)
    make_survey(title="Brouillon de l'année", status=SurveyStatus.DRAFT)
    page = text(client.get(f"/report/{utcnow().year}"))
    assert "Enquête de l'année" in page and "Brouillon de l'année" not in page
    assert "Enquêtes avec des résultats publiés" in page
