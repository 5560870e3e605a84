"""Bar charts drawn on the server as inline SVG, shown next to a table of the same figures.

The Content-Security-Policy forbids inline styles and scripts, so every colour and size is a
presentation attribute. The SVG is one image for assistive technologies (role="img", a title and
a description); the exact figures are in the table that `macros/charts.html` puts under it.
"""

import math
import secrets

from markupsafe import Markup, escape

WIDTH = 640
PLOT_HEIGHT = 220
MARGIN_LEFT = 56
MARGIN_RIGHT = 16
MARGIN_BOTTOM = 40
TEXT = "#1b1b1f"
GRID = "#d0d0d7"
BAR = "#1d4f91"
BAR_HIGHLIGHT = "#143a6c"
NO_DATA = "–"
# Every shade keeps a contrast of at least 3:1 against white (WCAG 1.4.11); neighbours differ in
# hue and in fill pattern, so that the groups can be told apart without colour.
GROUP_COLOURS = ["#1d4f91", "#c05600", "#1e6b35", "#3d7cc9", "#8a4b08", "#0f766e"]
# White marks drawn over a group's colour, in an 8 × 8 tile; the first group stays solid.
GROUP_MARKS = [
    None,
    ("path", {"d": "M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6", "stroke": "#fff", "stroke_width": 2}),
    ("circle", {"cx": 4, "cy": 4, "r": 1.6, "fill": "#fff"}),
    ("path", {"d": "M0,4 H8", "stroke": "#fff", "stroke_width": 2}),
    ("path", {"d": "M0,0 L8,8 M8,0 L0,8", "stroke": "#fff", "stroke_width": 1.5}),
    ("path", {"d": "M4,0 V8", "stroke": "#fff", "stroke_width": 2}),
]
MAX_GROUPS = len(GROUP_COLOURS)
# Gridline spacings people read easily, from the largest down.
NICE_STEPS = sorted(
    (mantissa * 10**exponent for exponent in range(-6, 16) for mantissa in (1, 2, 2.5, 5)),
    reverse=True,
)
# Horizontal charts: a row is a label line, then its bar; the right margin keeps room for the
# value written after the longest bar.
H_MARGIN_LEFT = 12
H_MARGIN_RIGHT = 72
H_LABEL = 20
H_BAR = 18
H_ROW = H_LABEL + H_BAR + 14
# Average advance of a character as a share of the font size, to guess a text's width.
CHARACTER_WIDTH = 0.55


def bar_chart(
    series, *, title, value_label, max_value=None, number_format=None, highlight_last=False
):
    """Draw one vertical bar per `(label, value)` pair, a value of None showing as no data."""
    fmt = number_format or str
    labels = [label for label, _ in series]
    values = [value for _, value in series]
    chart_id = _new_id()
    top, ticks = _scale(values, max_value)
    plot_top = 40
    baseline = plot_top + PLOT_HEIGHT
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / len(series) if series else plot_width
    bar_width = min(slot * 0.6, 80)

    parts = [
        *_frame(chart_id, title, _describe_series(title, value_label, labels, values, fmt)),
        _element("text", value_label, x=MARGIN_LEFT, y=16, fill=TEXT, font_size=13),
        *_axis(ticks, top, plot_top, fmt),
    ]
    for index, (label, value) in enumerate(series):
        centre = MARGIN_LEFT + slot * (index + 0.5)
        is_last = index == len(series) - 1
        colour = BAR_HIGHLIGHT if highlight_last and is_last else BAR
        text = None if value is None else fmt(value)
        parts += _bar(centre, bar_width, value, top, plot_top, colour, text, font_size=13)
        parts.append(_label(label, centre, baseline + 22, slot))
    parts.append(_baseline(baseline))
    return _svg(chart_id, baseline + MARGIN_BOTTOM, parts)


def grouped_bar_chart(categories, groups, *, title, max_value=None, number_format=None):
    """Draw, per category, one bar for each `(group_label, values)` side by side, with a legend."""
    if len(groups) > MAX_GROUPS:
        raise ValueError(f"A grouped bar chart shows at most {MAX_GROUPS} groups.")
    for group_label, values in groups:
        if len(values) != len(categories):
            raise ValueError(f"Group {group_label!r} needs one value per category.")
    fmt = number_format or str
    chart_id = _new_id()
    top, ticks = _scale([value for _, values in groups for value in values], max_value)
    legend, legend_bottom = _legend(chart_id, [label for label, _ in groups])
    plot_top = legend_bottom + 28
    baseline = plot_top + PLOT_HEIGHT
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / len(categories) if categories else plot_width
    bar_width = min(slot * 0.8 / max(len(groups), 1), 40)

    parts = [
        *_frame(chart_id, title, _describe_groups(title, categories, groups, fmt)),
        _patterns(chart_id, len(groups)),
        *legend,
        *_axis(ticks, top, plot_top, fmt),
    ]
    for index, category in enumerate(categories):
        centre = MARGIN_LEFT + slot * (index + 0.5)
        first_centre = centre - bar_width * (len(groups) - 1) / 2
        for position, (_, values) in enumerate(groups):
            value = values[index]
            text = None if value is None else fmt(value)
            # A value wider than its bar would run into its neighbours': the table has it.
            if text is not None and len(text) * 12 * CHARACTER_WIDTH > bar_width - 2:
                text = None
            parts += _bar(
                first_centre + bar_width * position,
                bar_width * 0.9,
                value,
                top,
                plot_top,
                _group_fill(chart_id, position),
                text,
                font_size=12,
                outline=GROUP_COLOURS[position],
            )
        parts.append(_label(category, centre, baseline + 22, slot))
    parts.append(_baseline(baseline))
    return _svg(chart_id, baseline + MARGIN_BOTTOM, parts)


def horizontal_bar_chart(series, *, title, value_label, max_value=None, number_format=None):
    """Draw one horizontal bar per `(label, value)` pair, each under its label written across the
    chart's width: long labels (a survey's options) keep room to be read, where vertical bars
    would cut them to their slot. A value of None shows as no data."""
    fmt = number_format or str
    labels = [label for label, _ in series]
    values = [value for _, value in series]
    chart_id = _new_id()
    top, ticks = _scale(values, max_value)
    plot_top = 32
    plot_width = WIDTH - H_MARGIN_LEFT - H_MARGIN_RIGHT
    bottom = plot_top + H_ROW * len(series)
    parts = [
        *_frame(chart_id, title, _describe_series(title, value_label, labels, values, fmt)),
        _element("text", value_label, x=H_MARGIN_LEFT, y=16, fill=TEXT, font_size=13),
        *_vertical_axis(ticks, top, plot_top, bottom, fmt),
    ]
    room = max(int(plot_width / (13 * CHARACTER_WIDTH)), 4)
    for index, (label, value) in enumerate(series):
        y = plot_top + H_ROW * index
        parts.append(
            _element(
                "text", _shorten(str(label), room), x=H_MARGIN_LEFT, y=y + 14, fill=TEXT,
                font_size=13,
            )
        )  # fmt: skip
        parts += _horizontal_bar(value, top, y + H_LABEL, plot_width, fmt)
    parts.append(
        _element(
            "line", x1=H_MARGIN_LEFT, x2=H_MARGIN_LEFT, y1=plot_top, y2=bottom, stroke=TEXT,
            stroke_width=1.5,
        )
    )  # fmt: skip
    return _svg(chart_id, bottom + 28, parts)


def _vertical_axis(ticks, top, plot_top, bottom, fmt):
    """Draw the vertical gridlines of a horizontal chart and their figures under the plot."""
    plot_width = WIDTH - H_MARGIN_LEFT - H_MARGIN_RIGHT
    parts = []
    for tick in [0, *ticks]:
        x = H_MARGIN_LEFT + plot_width * tick / top
        if tick:
            parts.append(
                _element(
                    "line", x1=_number(x), x2=_number(x), y1=plot_top, y2=bottom, stroke=GRID,
                    stroke_width=1,
                )
            )  # fmt: skip
        parts.append(
            _element(
                "text", fmt(tick), x=_number(x), y=bottom + 18, text_anchor="middle", fill=TEXT,
                font_size=12,
            )
        )  # fmt: skip
    return parts


def _horizontal_bar(value, top, y, plot_width, fmt):
    """Draw a bar from the axis and its value after it, or the no-data mark."""
    if value is None:
        return [_element("text", NO_DATA, x=H_MARGIN_LEFT + 6, y=y + 14, fill=TEXT, font_size=13)]
    width = plot_width * min(max(float(value), 0.0), top) / top
    return [
        _element(
            "rect", x=H_MARGIN_LEFT, y=y, width=_number(width), height=H_BAR, fill=BAR,
            class_="chart-bar",
        ),
        _element(
            "text", fmt(value), x=_number(H_MARGIN_LEFT + width + 6), y=y + 14, fill=TEXT,
            font_size=13,
        ),
    ]  # fmt: skip


def _new_id():
    # Several charts may share a page: every one needs its own ids.
    return f"chart-{secrets.token_hex(4)}"


def _svg(chart_id, height, parts):
    return _element(
        "svg",
        Markup("").join(parts),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {_number(height)}",
        width="100%",
        preserveAspectRatio="xMinYMin meet",
        role="img",
        aria_labelledby=f"{chart_id}-title",
        aria_describedby=f"{chart_id}-desc",
        class_="chart-svg",
    )


def _frame(chart_id, title, description):
    return [
        _element("title", title, id=f"{chart_id}-title"),
        _element("desc", description, id=f"{chart_id}-desc"),
    ]


def _scale(values, max_value):
    """Return the top of the y axis and its gridline values, from 3 to 5 of them."""
    known = [float(value) for value in values if value is not None]
    top = float(max_value) if max_value else max([1.0, *known])
    if max_value:
        # A fixed scale (a rating out of 5) keeps its top; gridlines stop at or below it.
        step = next(s for s in NICE_STEPS if top / s >= 3)
        count = math.floor(round(top / step, 9))
    else:
        # A scale from the data is rounded up to the next gridline.
        step = next(s for s in NICE_STEPS if top / s > 2)
        count = math.ceil(round(top / step, 9))
        top = count * step
    ticks = [_plain(round(step * i, 9)) for i in range(1, count + 1)]
    return top, ticks


def _axis(ticks, top, plot_top, fmt):
    """Draw the gridlines and the figures of the y axis, from 0 up."""
    parts = []
    for tick in [0, *ticks]:
        y = plot_top + PLOT_HEIGHT * (1 - tick / top)
        if tick:
            parts.append(
                _element(
                    "line",
                    x1=MARGIN_LEFT,
                    x2=WIDTH - MARGIN_RIGHT,
                    y1=_number(y),
                    y2=_number(y),
                    stroke=GRID,
                    stroke_width=1,
                )
            )
        parts.append(
            _element(
                "text",
                fmt(tick),
                x=MARGIN_LEFT - 8,
                y=_number(y),
                dy="0.35em",
                text_anchor="end",
                fill=TEXT,
                font_size=12,
            )
        )
    return parts


def _baseline(y):
    return _element(
        "line", x1=MARGIN_LEFT, x2=WIDTH - MARGIN_RIGHT, y1=y, y2=y, stroke=TEXT, stroke_width=1.5
    )


def _bar(centre, width, value, top, plot_top, fill, text, *, font_size, outline=None):
    """Draw a bar and its value above it, or the no-data mark when there is no value."""
    baseline = plot_top + PLOT_HEIGHT
    if value is None:
        return [_value_text(NO_DATA, centre, baseline - 6, font_size)]
    # A value beyond a fixed scale stops at its top; a negative one has no height.
    height = PLOT_HEIGHT * min(max(float(value), 0.0), top) / top
    parts = [
        _element(
            "rect",
            x=_number(centre - width / 2),
            y=_number(baseline - height),
            width=_number(width),
            height=_number(height),
            fill=fill,
            stroke=outline,
            stroke_width=1 if outline else None,
            class_="chart-bar",
        )
    ]
    if text is not None:
        parts.append(_value_text(text, centre, baseline - height - 6, font_size))
    return parts


def _value_text(text, x, y, font_size):
    return _element(
        "text",
        text,
        x=_number(x),
        y=_number(y),
        text_anchor="middle",
        fill=TEXT,
        font_size=font_size,
    )


def _label(label, centre, y, slot):
    """Write a bar's label under it, shortened to its slot (the table has it in full)."""
    # Many bars get a smaller font before their labels lose characters.
    font_size = 13 if slot >= 64 else 12
    room = max(int(slot / (font_size * CHARACTER_WIDTH)), 4)
    return _element(
        "text",
        _shorten(str(label), room),
        x=_number(centre),
        y=y,
        text_anchor="middle",
        fill=TEXT,
        font_size=font_size,
    )


def _shorten(text, room):
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _legend(chart_id, group_labels):
    """Lay the legend out in rows above the plot; return its parts and its lower edge."""
    parts = []
    x, y = MARGIN_LEFT, 12
    for position, label in enumerate(group_labels):
        label = _shorten(str(label), 40)
        item_width = 14 + 6 + len(label) * 13 * CHARACTER_WIDTH + 16
        if x > MARGIN_LEFT and x + item_width > WIDTH - MARGIN_RIGHT:
            x, y = MARGIN_LEFT, y + 22
        parts.append(
            _element(
                "rect",
                x=_number(x),
                y=y,
                width=14,
                height=14,
                fill=_group_fill(chart_id, position),
                stroke=GROUP_COLOURS[position],
                stroke_width=1,
                class_="chart-legend-swatch",
            )
        )
        parts.append(_element("text", label, x=_number(x + 20), y=y + 12, fill=TEXT, font_size=13))
        x += item_width
    return parts, y + 14


def _patterns(chart_id, count):
    patterns = []
    for position in range(1, count):
        kind, attributes = GROUP_MARKS[position]
        tile = [
            _element("rect", width=8, height=8, fill=GROUP_COLOURS[position]),
            _element(kind, **attributes),
        ]
        patterns.append(
            _element(
                "pattern",
                Markup("").join(tile),
                id=f"{chart_id}-pattern-{position}",
                width=8,
                height=8,
                patternUnits="userSpaceOnUse",
            )
        )
    return _element("defs", Markup("").join(patterns))


def _group_fill(chart_id, position):
    return GROUP_COLOURS[0] if position == 0 else f"url(#{chart_id}-pattern-{position})"


def _describe_series(title, value_label, labels, values, fmt):
    figures = "; ".join(
        f"{label}: {_figure(value, fmt)}" for label, value in zip(labels, values, strict=True)
    )
    return f"{_sentence(title)} {value_label} — {figures}."


def _describe_groups(title, categories, groups, fmt):
    per_category = []
    for index, category in enumerate(categories):
        figures = ", ".join(f"{label}: {_figure(values[index], fmt)}" for label, values in groups)
        per_category.append(f"{category} — {figures}")
    return f"{_sentence(title)} {'; '.join(per_category)}."


def _sentence(text):
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _figure(value, fmt):
    return NO_DATA if value is None else fmt(value)


def _element(name, content=None, /, **attributes):
    """Write one SVG element, its attribute values and its text escaped."""
    attrs = Markup("").join(
        Markup(' {}="{}"').format(_attribute_name(key), value)
        for key, value in attributes.items()
        if value is not None
    )
    if content is None:
        return Markup("<{}{}/>").format(name, attrs)
    return Markup("<{0}{1}>{2}</{0}>").format(name, attrs, escape(content))


def _attribute_name(key):
    # `class_` for the reserved word; SVG's hyphenated names (font-size) as Python keywords.
    return key.rstrip("_").replace("_", "-")


def _number(x):
    """Write a coordinate with at most one decimal: the SVG stays short and stable."""
    return _plain(round(x, 1))


def _plain(x):
    return int(x) if float(x).is_integer() else x
