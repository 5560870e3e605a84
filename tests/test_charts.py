"""Charts are accessible inline SVG without inline styles, shown with a table of their figures."""

import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from platform.charts import GROUP_COLOURS, bar_chart, grouped_bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, not untrusted input


def bars(root):
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "chart-bar"]


def texts(root):
    return [element.text for element in root.iter(f"{SVG}text")]


def simple_chart(**overrides):
    arguments = {
        "title": "Average rating per version",
        "value_label": "Average rating",
        "max_value": 5,
    }
    arguments.update(overrides)
    return bar_chart([("Version 1", 2), ("Version 2", None), ("Version 3", 4)], **arguments)


@pytest.fixture(params=["bar", "grouped"])
def any_chart(request):
    if request.param == "bar":
        return simple_chart()
    return grouped_bar_chart(
        ["Version 1", "Version 2"],
        [("Rating", [3, 4]), ("Ease of use", [None, 2]), ("Usefulness", [1, 5])],
        title="Ratings per version",
    )


def test_chart_is_markup_that_parses_as_svg(any_chart):
    assert isinstance(any_chart, Markup)
    assert parse(any_chart).tag == f"{SVG}svg"


def test_chart_is_an_image_labelled_by_its_title(any_chart):
    root = parse(any_chart)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title.get("id") == root.get("aria-labelledby")
    assert title.text in {"Average rating per version", "Ratings per version"}


def test_chart_is_described_by_its_figures():
    root = parse(simple_chart())
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == root.get("aria-describedby")
    assert (
        desc.text
        == "Average rating per version. Average rating — Version 1: 2; Version 2: –; Version 3: 4."
    )


def test_each_chart_has_its_own_ids():
    first, second = parse(simple_chart()), parse(simple_chart())
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_chart_scales_to_its_container(any_chart):
    root = parse(any_chart)
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 640 \d+(\.\d)?", root.get("viewBox"))
    assert root.get("preserveAspectRatio") == "xMinYMin meet"


def test_chart_has_no_inline_style_nor_script(any_chart):
    root = parse(any_chart)
    for element in root.iter():
        assert "style" not in element.attrib
        assert element.tag not in {f"{SVG}style", f"{SVG}script"}
    assert "style" not in str(any_chart)


def test_bar_chart_draws_one_bar_per_value_in_proportion():
    chart_bars = bars(parse(simple_chart()))
    assert len(chart_bars) == 2
    first, last = (float(bar.get("height")) for bar in chart_bars)
    assert last / first == pytest.approx(2, rel=0.01)


def test_bars_stand_on_the_baseline():
    chart_bars = bars(parse(simple_chart()))
    bottoms = {float(bar.get("y")) + float(bar.get("height")) for bar in chart_bars}
    assert len(bottoms) == 1


def test_a_missing_value_draws_no_bar_but_a_dash():
    root = parse(bar_chart([("Version 1", None)], title="Ratings", value_label="Rating"))
    assert bars(root) == []
    assert "–" in texts(root)


def test_values_are_written_above_their_bars():
    assert {"2", "4"} <= set(texts(parse(simple_chart())))


def test_number_format_writes_the_values():
    root = parse(simple_chart(number_format=lambda value: f"{value:.1f}".replace(".", ",")))
    assert {"2,0", "4,0"} <= set(texts(root))
    assert "Version 1: 2,0" in root.find(f"{SVG}desc").text


def test_y_axis_runs_from_zero_to_the_maximum_with_three_to_five_gridlines():
    root = parse(simple_chart())
    assert {"0", "1", "2", "3", "4", "5"} <= set(texts(root))
    gridlines = [line for line in root.iter(f"{SVG}line") if line.get("stroke") == "#d0d0d7"]
    assert 3 <= len(gridlines) <= 5


@pytest.mark.parametrize("top", [1, 3, 7, 10, 37, 120, 999])
def test_a_scale_from_the_data_has_three_to_five_gridlines(top):
    root = parse(bar_chart([("A", top)], title="Counts", value_label="Count"))
    gridlines = [line for line in root.iter(f"{SVG}line") if line.get("stroke") == "#d0d0d7"]
    assert 3 <= len(gridlines) <= 5


def test_a_value_at_the_maximum_fills_the_plot():
    full, half = bars(parse(bar_chart([("A", 10), ("B", 5)], title="T", value_label="V")))
    assert float(full.get("height")) == pytest.approx(2 * float(half.get("height")), rel=0.01)


def test_colours_are_the_site_colours():
    root = parse(simple_chart())
    assert {bar.get("fill") for bar in bars(root)} == {"#1d4f91"}
    assert {text.get("fill") for text in root.iter(f"{SVG}text")} == {"#1b1b1f"}


def test_highlight_last_darkens_the_last_bar():
    chart_bars = bars(parse(simple_chart(highlight_last=True)))
    assert [bar.get("fill") for bar in chart_bars] == ["#1d4f91", "#143a6c"]


def test_labels_and_title_are_escaped():
    svg = bar_chart(
        [("<script>alert(1)</script>", 1)],
        title='<b>"Title"</b>',
        value_label="<i>Rating</i>",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == '<b>"Title"</b>'
    assert "<i>Rating</i>" in texts(root)
    assert root.find(f".//{SVG}script") is None


def test_long_labels_are_shortened_with_an_ellipsis():
    label = "A prototype version with a remarkably long name"
    root = parse(bar_chart([(label, 1)] * 6, title="T", value_label="V"))
    shortened = [text for text in texts(root) if text.endswith("…")]
    assert len(shortened) == 6
    assert label.startswith(shortened[0][:-1])
    assert label in root.find(f"{SVG}desc").text


def grouped_chart(**overrides):
    arguments = {"title": "Ratings per version", "max_value": 5}
    arguments.update(overrides)
    return grouped_bar_chart(
        ["Version 1", "Version 2"],
        [("Rating", [3, 4]), ("Ease of use", [None, 2]), ("Usefulness", [1, 5])],
        **arguments,
    )


def test_grouped_chart_draws_one_bar_per_value():
    root = parse(grouped_chart())
    assert len(bars(root)) == 5
    assert "–" in texts(root)


def test_grouped_chart_bars_are_in_proportion():
    heights = [float(bar.get("height")) for bar in bars(parse(grouped_chart()))]
    # In order: Version 1 (3, 1), then Version 2 (4, 2, 5).
    assert heights[0] / heights[1] == pytest.approx(3, rel=0.01)
    assert heights[4] / heights[3] == pytest.approx(2.5, rel=0.01)


def test_grouped_chart_has_a_legend_in_the_order_of_the_bars():
    root = parse(grouped_chart())
    swatches = [
        rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "chart-legend-swatch"
    ]
    assert len(swatches) == 3
    legend = [text for text in texts(root) if text in {"Rating", "Ease of use", "Usefulness"}]
    assert legend == ["Rating", "Ease of use", "Usefulness"]


def test_grouped_chart_groups_differ_by_fill_pattern_as_well_as_colour():
    root = parse(grouped_chart())
    swatches = [
        rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "chart-legend-swatch"
    ]
    fills = [swatch.get("fill") for swatch in swatches]
    assert len(set(fills)) == 3
    pattern_ids = {pattern.get("id") for pattern in root.iter(f"{SVG}pattern")}
    assert {f"url(#{pattern_id})" for pattern_id in pattern_ids} == set(fills[1:])
    assert [swatch.get("stroke") for swatch in swatches] == GROUP_COLOURS[:3]


def test_grouped_chart_bars_share_their_groups_fill():
    root = parse(grouped_chart())
    swatches = [
        rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "chart-legend-swatch"
    ]
    legend_fills = {swatch.get("fill") for swatch in swatches}
    assert {bar.get("fill") for bar in bars(root)} == legend_fills


def test_grouped_chart_formats_its_figures():
    root = parse(grouped_chart(number_format=lambda value: f"{value} pts"))
    assert "Version 2 — Rating: 4 pts, Ease of use: 2 pts, Usefulness: 5 pts" in (
        root.find(f"{SVG}desc").text
    )


def test_grouped_chart_escapes_its_texts():
    svg = grouped_bar_chart(["<script>x</script>"], [("<b>g</b>", [1])], title="<i>t</i>")
    root = parse(svg)
    assert "<script>x</script>" in texts(root)
    assert "<b>g</b>" in texts(root)
    assert root.find(f".//{SVG}script") is None


def test_grouped_chart_refuses_more_than_six_groups():
    groups = [(f"Question {n}", [1]) for n in range(7)]
    with pytest.raises(ValueError):
        grouped_bar_chart(["Version 1"], groups, title="T")


def test_grouped_chart_refuses_a_group_without_one_value_per_category():
    with pytest.raises(ValueError):
        grouped_bar_chart(["Version 1", "Version 2"], [("Rating", [1])], title="T")


def test_group_colours_contrast_three_to_one_with_white():
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in GROUP_COLOURS:
        assert 1.05 / (luminance(colour) + 0.05) >= 3


MACRO = (
    '{% from "macros/charts.html" import chart_with_table %}'
    "{{ chart_with_table(svg, caption, headers, rows, table_summary, id=id) }}"
)


def render_chart_with_table(app, **context):
    with app.test_request_context():
        return app.jinja_env.from_string(MACRO).render(**context)


def test_chart_with_table_shows_the_figure_and_its_table(app):
    html = render_chart_with_table(
        app,
        svg=simple_chart(),
        caption="Average rating <per> version",
        headers=["Version", "Average rating"],
        rows=[("Version 1", "2"), ("Version 2", None), ("Version 3", "4")],
        table_summary="Show the figures",
        id="ratings",
    )
    assert re.search(r'<figure class="chart" id="ratings">\s*<svg ', html)
    assert "<figcaption>Average rating &lt;per&gt; version</figcaption>" in html
    assert '<details class="chart-table" id="ratings-table">' in html
    assert "<summary>Show the figures</summary>" in html
    assert "<caption>Average rating &lt;per&gt; version</caption>" in html
    assert re.findall(r'<th scope="col">([^<]*)</th>', html) == ["Version", "Average rating"]
    assert re.findall(r'<th scope="row">([^<]*)</th>', html) == [
        "Version 1",
        "Version 2",
        "Version 3",
    ]
    assert re.findall(r"<td>([^<]*)</td>", html) == ["2", "–", "4"]


def test_chart_with_table_escapes_the_table(app):
    html = render_chart_with_table(
        app,
        svg=simple_chart(),
        caption="c",
        headers=["<b>h</b>"],
        rows=[("<script>r</script>",)],
        table_summary="s",
        id=None,
    )
    assert "<script>r" not in html
    assert '<th scope="row">&lt;script&gt;r&lt;/script&gt;</th>' in html
    assert '<figure class="chart">' in html
