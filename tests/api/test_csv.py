"""CSV exports: the same items and filters as the JSON, every row, safe in a spreadsheet."""

import csv
import io

from platform.api import services
from tests.api.calls import get


def rows(client, url):
    response = get(client, url)
    assert response.status_code == 200, response.get_data(as_text=True)
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_exports_are_attachments_in_utf8(client, world):
    for name in ("ideas", "prototypes", "experiments"):
        response = get(client, f"/api/v1/{name}.csv")
        assert response.mimetype == "text/csv" and response.mimetype_params["charset"] == "utf-8"
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith(f'attachment; filename="{name}-') and disposition.endswith(
            '.csv"'
        )
        assert response.headers["Cache-Control"] == "public, max-age=60"


def test_export_has_every_listed_item_and_the_json_fields(client, world):
    exported = rows(client, "/api/v1/ideas.csv")
    assert [int(row["id"]) for row in exported] == world.listed
    proposed = exported[0]
    assert proposed["theme"] == world.theme and proposed["theme_name_fr"] == "Mobilité"
    assert proposed["district"] == world.district and proposed["author"] == "Camille"
    orphan = next(row for row in exported if int(row["id"]) == world.orphan)
    assert orphan["author"] == "" and orphan["district"] == ""


def test_export_follows_the_filters(client, world):
    assert [int(r["id"]) for r in rows(client, f"/api/v1/ideas.csv?district={world.district}")] == [
        world.proposed
    ]
    assert [int(r["id"]) for r in rows(client, "/api/v1/experiments.csv?method=survey")] == [
        world.survey
    ]
    response = get(client, "/api/v1/prototypes.csv?status=draft")
    assert response.status_code == 400 and response.is_json


def test_formulas_are_made_inert(client, world):
    selected = next(r for r in rows(client, "/api/v1/ideas.csv") if int(r["id"]) == world.selected)
    assert selected["title"] == '\'=HYPERLINK("http://evil.example")'
    assert selected["description"] == "'@SUM(1+1) et -2"


def test_export_reads_the_rows_in_batches(client, world, monkeypatch, count_queries):
    """Rows are read by keyset batches (here of 1), never all at once, and all are sent."""
    batches = services.batches_of
    monkeypatch.setattr(services, "batches_of", lambda query, model: batches(query, model, 1))
    with count_queries() as counter:
        exported = rows(client, "/api/v1/ideas.csv")
    assert [int(row["id"]) for row in exported] == world.listed
    batch_reads = [s for s in counter.statements if "LIMIT" in s.upper() and "FROM idea" in s]
    assert len(batch_reads) == len(world.listed)
