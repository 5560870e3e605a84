"""The horizontal bar chart the results draw for options: accessible SVG, bars in proportion,
long labels kept readable, no inline style."""

import pytest

from platform.charts import horizontal_bar_chart
from tests.test_charts import SVG, bars, parse, texts


def chart(**overrides):
    arguments = {
        "title": "Share of respondents",
        "value_label": "Respondents (%)",
        "max_value": 100,
    }
    arguments.update(overrides)
    return horizontal_bar_chart([("Oui", 50), ("Non", None), ("Peut-être", 100)], **arguments)


def test_it_is_an_image_with_a_title_and_its_figures():
    root = parse(chart())
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Share of respondents"
    assert "Oui: 50" in root.find(f"{SVG}desc").text
    assert root.find(f"{SVG}title").get("id") == root.get("aria-labelledby")


def test_bars_are_in_proportion_and_a_missing_value_draws_none():
    widths = [float(bar.get("width")) for bar in bars(parse(chart()))]
    assert len(widths) == 2
    assert widths[1] == pytest.approx(2 * widths[0])


def test_labels_are_written_in_full_when_they_fit():
    label = "Je viens à pied, en bus ou à vélo selon le temps qu'il fait"
    root = parse(horizontal_bar_chart([(label, 3)], title="T", value_label="V"))
    assert label in texts(root)


def test_very_long_labels_are_shortened():
    label = "Une réponse " * 20
    root = parse(horizontal_bar_chart([(label, 3)], title="T", value_label="V"))
    assert any(t.endswith("…") for t in texts(root))
    assert label.strip() in root.find(f"{SVG}desc").text


def test_values_are_formatted_and_escaped():
    root = parse(
        horizontal_bar_chart(
            [("<b>", 1.5)], title="<T>", value_label="V", number_format=lambda v: f"{v} pts"
        )
    )
    assert "1.5 pts" in texts(root)
    assert "<b>" in texts(root)  # as text, not markup


def test_no_inline_style_nor_script():
    svg = str(chart())
    assert "style" not in svg
    assert "<script" not in svg
