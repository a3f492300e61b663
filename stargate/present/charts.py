"""The house chart helpers: tidy data in, an Altair chart with tooltips and a sourced subtitle.

One concept, a module of its own: the eight chart kinds the reports draw. The look lives in
:mod:`stargate.present.chart_theme`, offline drawing in :mod:`stargate.present.chart_render`;
both are re-exported here, so notebooks name everything through ``charts``.

A report notebook calls :func:`enable` once in its setup cell
(``stargate.publish.notebook_helpers.start`` does)::

    charts.enable(display=scenario.display, scenario_title=scenario.title)

That registers and enables the ``stargate`` Altair theme (fonts, sizes, palette) and the
``stargate`` renderer, and sets how amounts are shown (USD, or JPY at ``display.jpy_per_usd``).
The chart helpers (:func:`bar`, :func:`line`, :func:`stacked_bar`, :func:`waterfall`,
:func:`line_band`, :func:`heatmap`, :func:`histogram`, :func:`tornado`) each take a tidy pandas
DataFrame and return an Altair chart with tooltips on every mark and a title whose subtitle states
the units and the scenario.

Amounts are nominal USD internally. A helper whose ``unit`` starts with ``"USD"`` (``"USD"``,
``"USD/GPU-hour"``…) converts the amounts for display only: axis labels read ``$17.2bn`` or
``2.7兆円`` and tooltips use :func:`stargate.present.formatting.format_money`.

**Offline rendering.** The ``stargate`` renderer emits, for each chart, the chart compiled to a
Vega spec (mimetype ``application/vnd.vega.v5+json``) and a static SVG drawn by vl-convert
(``image/svg+xml``); no HTML, no script, no CDN. JupyterLab draws the Vega spec with its built-in
renderer, interactive, trusted notebook or not. A report page (:mod:`stargate.publish.page`) turns
each
into a container with a deterministic id (``sg-chart-1``, ``sg-chart-2``… per page) holding the
static SVG, includes the Vega / vega-embed JavaScript once
(:func:`stargate.publish.assets.page_scripts`),
and swaps the SVG for the interactive chart. Where no Vega is at hand (nbviewer, GitHub's viewer)
the static SVG shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from stargate.present import formatting
from stargate.present.chart_output import CHART_CLASS as CHART_CLASS
from stargate.present.chart_output import CHART_ID_PREFIX as CHART_ID_PREFIX
from stargate.present.chart_output import VEGA_MIMETYPE as VEGA_MIMETYPE
from stargate.present.chart_render import CHART_CACHE_ENV as CHART_CACHE_ENV
from stargate.present.chart_render import STATIC_FONT as STATIC_FONT
from stargate.present.chart_render import STATIC_FONT_STACK as STATIC_FONT_STACK
from stargate.present.chart_render import _pin_fonts as _pin_fonts
from stargate.present.chart_render import next_chart_id as next_chart_id
from stargate.present.chart_render import render_mimebundle as render_mimebundle
from stargate.present.chart_render import render_svg as render_svg
from stargate.present.chart_render import static_font_file as static_font_file
from stargate.present.chart_render import to_vega as to_vega
from stargate.present.chart_render import vl_version as vl_version
from stargate.present.chart_theme import BAND_OPACITY as BAND_OPACITY
from stargate.present.chart_theme import CATEGORY_COLORS as CATEGORY_COLORS
from stargate.present.chart_theme import DECREASE_COLOR as DECREASE_COLOR

# The look and the display settings, re-exported: notebooks and pages name them through charts.
from stargate.present.chart_theme import FONT as FONT
from stargate.present.chart_theme import GENERATION_COLORS as GENERATION_COLORS
from stargate.present.chart_theme import GRID_COLOR as GRID_COLOR
from stargate.present.chart_theme import HEIGHT_PX as HEIGHT_PX
from stargate.present.chart_theme import HIGH_COLOR as HIGH_COLOR
from stargate.present.chart_theme import INCREASE_COLOR as INCREASE_COLOR
from stargate.present.chart_theme import LOW_COLOR as LOW_COLOR
from stargate.present.chart_theme import MUTED_COLOR as MUTED_COLOR
from stargate.present.chart_theme import PARTY_COLORS as PARTY_COLORS
from stargate.present.chart_theme import RENDERER_NAME as RENDERER_NAME
from stargate.present.chart_theme import TEXT_COLOR as TEXT_COLOR
from stargate.present.chart_theme import THEME_NAME as THEME_NAME
from stargate.present.chart_theme import TOTAL_COLOR as TOTAL_COLOR
from stargate.present.chart_theme import WIDTH_PX as WIDTH_PX
from stargate.present.chart_theme import Display as Display
from stargate.present.chart_theme import (  # the private helpers the chart helpers use
    _axis,
    _field_tooltip,
    _prepare,
    _text_tooltip,
)
from stargate.present.chart_theme import axis_title as axis_title
from stargate.present.chart_theme import chart_title as chart_title
from stargate.present.chart_theme import color_scale as color_scale
from stargate.present.chart_theme import current_display as current_display
from stargate.present.chart_theme import display_unit as display_unit
from stargate.present.chart_theme import edition as edition
from stargate.present.chart_theme import enable as enable
from stargate.present.chart_theme import format_value as format_value
from stargate.present.chart_theme import is_identifier as is_identifier
from stargate.present.chart_theme import is_money as is_money
from stargate.present.chart_theme import money_factor as money_factor
from stargate.present.chart_theme import money_label_expr as money_label_expr
from stargate.present.chart_theme import settings as settings
from stargate.present.chart_theme import theme as theme
from stargate.present.chart_theme import to_display as to_display
from stargate.present.chart_theme import tooltip as tooltip
from stargate.present.chart_theme import unit_label as unit_label
from stargate.present.chart_theme import value_heading as value_heading
from stargate.present.chart_theme import wrap_label as wrap_label
from stargate.present.chart_theme import wrapped_labels_expr as wrapped_labels_expr
from stargate.present.i18n import N_
from stargate.present.i18n import gettext as _

# --------------------------------------------------------------------------- chart helpers


def bar(
    df: pd.DataFrame,
    category: str,
    value: str,
    *,
    title: str,
    unit: str,
    color: str | None = None,
    horizontal: bool = True,
    sort: Sequence[str] | str | None = "-x",
    subtitle: str | None = None,
    fmt: str | None = None,
    category_title: str | None = None,
    value_title: str | None = None,
    color_title: str | None = None,
) -> alt.Chart:
    """A bar per category.

    Args:
        df: one row per category.
        category: column of category names.
        value: column of values in ``unit`` (money: nominal USD).
        title: chart title.
        unit: unit of ``value`` (``"USD"``, ``"GPUs"``, ``"fraction"``…).
        color: column to colour by (parties and generations get their fixed colours);
            None: one colour.
        horizontal: bars run left to right (long category names stay readable).
        sort: category order: a list, ``"-x"``/``"-y"`` (by value, descending) or None (as given).
        subtitle: extra subtitle line.
        fmt: Python format spec for tooltips (default: by unit, see :func:`format_value`).
        category_title: the categories' heading in tooltips (an English msgid; needed when
            ``category`` is named as code names a field, e.g. ``party``).
        value_title: what the values are (an English msgid; shown with the unit: ``Amount ($)``).
        color_title: the colour column's heading in tooltips (as ``category_title``).

    Returns:
        The chart.

    Raises:
        ValueError: a column shown on hover has no reader's title.
    """
    data = _prepare(df, [value], unit, fmt)
    value_axis = _axis(unit, None if is_money(unit) else _value_axis_title(value_title, unit))
    if sort in ("-x", "-y"):
        sort = "-x" if horizontal else "-y"
    elif sort is None:
        sort = list(dict.fromkeys(str(v) for v in data[category]))
    cat = alt.X if not horizontal else alt.Y
    val = alt.Y if not horizontal else alt.X
    labels = [str(v) for v in data[category]]
    label_width = LABEL_WIDTH_PX if horizontal else max(60, WIDTH_PX // max(1, len(labels)) - 8)
    wrapped = wrapped_labels_expr(labels, label_width) is not None
    tooltip = [
        _field_tooltip(category, axis_title(category_title, category)),
        _text_tooltip(value, value_heading(value_title, unit)),
    ]
    enc: dict[str, Any] = {
        ("y" if horizontal else "x"): cat(
            f"{category}:N", sort=sort, title=None, axis=_category_axis(labels, label_width)
        ),
        ("x" if horizontal else "y"): val(f"{value}:Q", axis=value_axis),
        "tooltip": tooltip,
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", scale=color_scale(data[color]), title=None)
        if color != category:
            tooltip.insert(1, _field_tooltip(color, axis_title(color_title, color)))
    else:
        # ColorValue, not alt.value: a plain dict goes through Altair's from_dict, which hashes
        # every schema class on each call (~10 ms a chart; vega/altair#3547).
        enc["color"] = alt.ColorValue(CATEGORY_COLORS[0])
    # 30 px per bar; 40 where a label takes two lines or more.
    height: Any = alt.Step(40 if wrapped else 30) if horizontal else HEIGHT_PX
    return (
        alt.Chart(data, title=chart_title(title, unit, subtitle))
        .mark_bar()
        .encode(**enc)
        .properties(width=WIDTH_PX, height=height)
    )


def line(
    df: pd.DataFrame,
    x: str,
    y: str,
    *,
    title: str,
    unit: str,
    color: str | None = None,
    x_title: str | None = None,
    x_type: str = "Q",
    subtitle: str | None = None,
    fmt: str | None = None,
    value_title: str | None = None,
    color_title: str | None = None,
    x_unit: str | None = None,
) -> alt.Chart:
    """Lines (with points) of ``y`` against ``x``, one per ``color`` category.

    Args:
        df: tidy: one row per (x, series).
        x: column for the horizontal axis (years: integers, with ``x_type="O"`` or ``"Q"``).
        y: column of values in ``unit`` (money: nominal USD).
        title: chart title.
        unit: unit of ``y``.
        color: column naming the series (None: one line).
        x_title: horizontal axis title (default: the column name).
        x_type: Vega-Lite type of ``x``: ``"Q"``, ``"O"`` or ``"T"``.
        subtitle: extra subtitle line.
        fmt: Python format spec for tooltips.
        value_title: what ``y`` is (an English msgid; shown with the unit in tooltips).
        color_title: the series' heading in tooltips (an English msgid; needed when ``color``
            is named as code names a field, e.g. ``series``).
        x_unit: the unit of ``x`` when it is not a plain number: money (``"USD/MWh"``) is shown
            in the display currency, and ``{unit}`` in ``x_title`` names it (``$/MWh``, ``円/MWh``).

    Returns:
        The chart.

    Raises:
        ValueError: a column shown on hover has no reader's title.
    """
    data = _prepare(df, [y], unit, fmt)
    x_heading = axis_title(x_title, x)
    if x_unit:
        x_heading = x_heading.replace("{unit}", unit_label(x_unit))
    if x_unit and is_money(x_unit):
        data = _prepare(data, [x], x_unit, None)
        x_axis = _axis(x_unit, x_heading)
        x_tip = _text_tooltip(x, x_heading)
    else:
        x_axis = _year_axis() if x_type == "Q" and _is_integer(data[x]) else alt.Axis()
        x_tip = _field_tooltip(x, x_heading)
    tooltip = [x_tip, _text_tooltip(y, value_heading(value_title, unit))]
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:{x_type}", title=x_heading, axis=x_axis),
        "y": alt.Y(
            f"{y}:Q",
            axis=_axis(unit, None if is_money(unit) else _value_axis_title(value_title, unit)),
        ),
        "tooltip": tooltip,
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", scale=color_scale(data[color]), title=None)
        tooltip.insert(0, _field_tooltip(color, axis_title(color_title, color)))
    return (
        alt.Chart(data, title=chart_title(title, unit, subtitle))
        .mark_line(point=True)
        .encode(**enc)
        .properties(width=WIDTH_PX, height=HEIGHT_PX)
    )


def stacked_bar(
    df: pd.DataFrame,
    x: str,
    y: str,
    color: str,
    *,
    title: str,
    unit: str,
    horizontal: bool = False,
    palette: Mapping[str, str] | None = None,
    x_title: str | None = None,
    subtitle: str | None = None,
    fmt: str | None = None,
    value_title: str | None = None,
    color_title: str | None = None,
) -> alt.Chart:
    """Bars stacked by ``color`` (e.g. funding per party per year, capex per generation).

    Args:
        df: tidy: one row per (x, color) with the amount in ``y``.
        x: column of the bar categories (years, phases…), kept in the order first seen.
        y: column of values in ``unit`` (money: nominal USD).
        color: column of the stacked categories (parties, generations…).
        title: chart title.
        unit: unit of ``y``.
        horizontal: bars run left to right.
        palette: colours per category (default: parties / generations / theme palette).
        x_title: title of the category axis (default: none).
        subtitle: extra subtitle line.
        fmt: Python format spec for tooltips.
        value_title: what ``y`` is (an English msgid; shown with the unit in tooltips).
        color_title: the stacked categories' heading in tooltips (an English msgid; needed
            when ``color`` is named as code names a field, e.g. ``counterparty``).

    Returns:
        The chart; stack order follows the palette order.

    Raises:
        ValueError: a column shown on hover has no reader's title.
    """
    data = _prepare(df, [y], unit, fmt)
    scale = color_scale(data[color], palette)
    rank = {name: i for i, name in enumerate(scale.domain)}
    data["_stack_order"] = [rank[str(v)] for v in data[color]]
    order = list(dict.fromkeys(str(v) for v in data[x]))
    cat_type = "O" if _is_integer(data[x]) else "N"
    cat = (alt.Y if horizontal else alt.X)(
        f"{x}:{cat_type}",
        sort=order,
        title=_(x_title) if x_title else None,
        axis=alt.Axis(labelAngle=0),
    )
    val = (alt.X if horizontal else alt.Y)(
        f"{y}:Q",
        stack="zero",
        axis=_axis(unit, None if is_money(unit) else _value_axis_title(value_title, unit)),
    )
    return (
        alt.Chart(data, title=chart_title(title, unit, subtitle))
        .mark_bar()
        .encode(
            **{"y" if horizontal else "x": cat, "x" if horizontal else "y": val},
            color=alt.Color(f"{color}:N", scale=scale, title=None),
            order=alt.Order("_stack_order:Q"),
            tooltip=[
                _field_tooltip(x, axis_title(x_title, x)),
                _field_tooltip(color, axis_title(color_title, color)),
                _text_tooltip(y, value_heading(value_title, unit)),
            ],
        )
        .properties(width=WIDTH_PX, height=HEIGHT_PX)
    )


def waterfall(
    df: pd.DataFrame,
    label: str,
    amount: str,
    *,
    title: str,
    unit: str = "USD",
    total: str | None = "Total",
    color: str | None = None,
    subtitle: str | None = None,
    fmt: str | None = None,
    label_title: str | None = None,
) -> alt.LayerChart:
    """A waterfall: each step adds (or removes) its amount; a total bar closes it.

    Args:
        df: one row per step, in order; ``amount`` signed (money: nominal USD).
        label: column of step names.
        amount: column of signed amounts in ``unit``.
        title: chart title.
        unit: unit of ``amount``.
        total: label of the closing total bar (None: no total bar).
        color: column to colour steps by (e.g. a party); default: increase / decrease.
        subtitle: extra subtitle line.
        fmt: Python format spec for tooltips.
        label_title: the steps' heading in tooltips (an English msgid; default ``Step``).

    Returns:
        The chart (bars plus value labels).
    """
    steps = df[[label, amount] + ([color] if color else [])].copy()
    ends = steps[amount].astype(float).cumsum()
    steps["_start"] = ends - steps[amount].astype(float)
    steps["_end"] = ends
    steps["_kind"] = np.where(steps[amount] >= 0, _("Increase"), _("Decrease"))
    total = _(total) if total is not None else None
    if total is not None:
        last = float(ends.iloc[-1]) if len(ends) else 0.0
        row = {label: total, amount: last, "_start": 0.0, "_end": last, "_kind": _("Total")}
        if color:
            row[color] = "Total"
        steps = pd.concat([steps, pd.DataFrame([row])], ignore_index=True)
    data = _prepare(steps, [amount, "_start", "_end"], unit, fmt)
    order = list(dict.fromkeys(str(v) for v in data[label]))
    if color:
        palette = {"Total": TOTAL_COLOR}
        scale = color_scale([v for v in data[color] if v != "Total"])
        palette.update(dict(zip(scale.domain, scale.range, strict=True)))
        color_enc = alt.Color(f"{color}:N", scale=color_scale(data[color], palette), title=None)
    else:
        kinds = {
            _("Increase"): INCREASE_COLOR,
            _("Decrease"): DECREASE_COLOR,
            _("Total"): TOTAL_COLOR,
        }
        present = [k for k in kinds if k in set(data["_kind"])]
        color_enc = alt.Color(
            "_kind:N",
            scale=alt.Scale(domain=present, range=[kinds[k] for k in present]),
            title=None,
        )
    base = alt.Chart(data).encode(
        x=alt.X(
            f"{label}:N",
            sort=order,
            title=None,
            axis=_category_axis(order, max(60, WIDTH_PX // max(1, len(order)) - 8), labelAngle=0),
        ),
        tooltip=[
            _field_tooltip(label, _(label_title or "Step")),
            _text_tooltip(amount, value_heading(None, unit)),
            _text_tooltip("_end", value_heading(N_("Running total"), unit)),
        ],
    )
    bars = base.mark_bar(size=34).encode(
        y=alt.Y("_start:Q", axis=_axis(unit, None if is_money(unit) else display_unit(unit))),
        y2="_end:Q",
        color=color_enc,
    )
    labels = base.mark_text(dy=-7, fontSize=11, color=TEXT_COLOR).encode(
        y=alt.Y("_top:Q"), text=alt.Text(f"_{amount}_text:N")
    )
    labels = labels.transform_calculate(_top="max(datum._start, datum._end)")
    return alt.layer(bars, labels, title=chart_title(title, unit, subtitle)).properties(
        width=WIDTH_PX, height=HEIGHT_PX
    )


def line_band(
    df: pd.DataFrame,
    x: str,
    y: str,
    lower: str,
    upper: str,
    *,
    title: str,
    unit: str,
    color: str | None = None,
    reference: pd.DataFrame | None = None,
    band_label: str = "P10–P90",
    x_title: str | None = None,
    subtitle: str | None = None,
    fmt: str | None = None,
    color_title: str | None = None,
) -> alt.LayerChart:
    """A line (e.g. the median) inside a shaded band (e.g. P10–P90), with optional points.

    Args:
        df: tidy: one row per (x, series) with ``y``, ``lower`` and ``upper`` in ``unit``.
        x: column for the horizontal axis (years as integers).
        y: column of the central value (P50).
        lower: column of the band's lower edge (P10).
        upper: column of the band's upper edge (P90).
        title: chart title.
        unit: unit of the values (money: nominal USD).
        color: column naming the series (None: one series).
        reference: optional points to compare against: columns ``x``, ``y`` (same names and
            unit as ``df``) and ``label`` (shown beside each point).
        band_label: what the band is, for tooltips and the subtitle.
        x_title: horizontal axis title (default: the column name).
        subtitle: extra subtitle line (default: says what the line and band are).
        fmt: Python format spec for tooltips.
        color_title: the series' heading in tooltips (an English msgid; needed when ``color``
            is named as code names a field).

    Returns:
        The layered chart.
    """
    data = _prepare(df, [y, lower, upper], unit, fmt)
    x_axis = _year_axis() if _is_integer(data[x]) else alt.Axis()
    x_enc = alt.X(f"{x}:Q", title=axis_title(x_title, x), axis=x_axis)
    y_axis = _axis(unit, None if is_money(unit) else display_unit(unit))
    tooltip = [
        _field_tooltip(x, axis_title(x_title, x)),
        _text_tooltip(y, value_heading(N_("Median (P50)"), unit)),
        _text_tooltip(lower, _("{band}: low").format(band=band_label)),
        _text_tooltip(upper, _("{band}: high").format(band=band_label)),
    ]
    if color:
        tooltip.insert(0, _field_tooltip(color, axis_title(color_title, color)))
        scale = color_scale(data[color])
        color_enc: Any = alt.Color(f"{color}:N", scale=scale, title=None)
    else:
        color_enc = alt.ColorValue(CATEGORY_COLORS[0])  # not alt.value: see bar()
    # The subtitle is translated here (its default has a value in it): shown as it is.
    sub = _(subtitle) if subtitle else _("Line: median; band: {band}").format(band=band_label)
    base = alt.Chart(data).encode(x=x_enc, tooltip=tooltip)
    band = base.mark_area(opacity=BAND_OPACITY).encode(
        y=alt.Y(f"{lower}:Q", axis=y_axis), y2=f"{upper}:Q", color=color_enc
    )
    central = base.mark_line(point=True).encode(y=alt.Y(f"{y}:Q"), color=color_enc)
    layers: list[Any] = [band, central]
    if reference is not None and len(reference):
        ref = _prepare(reference, [y], unit, fmt)
        ref_base = alt.Chart(ref).encode(
            x=alt.X(f"{x}:Q"),
            y=alt.Y(f"{y}:Q"),
            tooltip=[
                alt.Tooltip("label:N", title=_("Reference")),
                _field_tooltip(x, axis_title(x_title, x)),
                _text_tooltip(y, value_heading(None, unit)),
            ],
        )
        layers.append(ref_base.mark_point(shape="diamond", size=90, filled=True, color=TEXT_COLOR))
        layers.append(ref_base.mark_text(align="left", dx=8, dy=-6).encode(text="label:N"))
    return alt.layer(*layers, title=chart_title(title, unit, sub, subtitle_shown=True)).properties(
        width=WIDTH_PX, height=HEIGHT_PX
    )


def heatmap(
    df: pd.DataFrame,
    x: str,
    y: str,
    value: str,
    *,
    title: str,
    unit: str,
    scheme: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    subtitle: str | None = None,
    fmt: str | None = None,
) -> alt.LayerChart:
    """A grid of cells coloured by value, each labelled with its value.

    Args:
        df: tidy: one row per (x, y) cell.
        x: column of the horizontal categories (kept in the order first seen).
        y: column of the vertical categories (kept in the order first seen).
        value: column of values in ``unit`` (money: nominal USD).
        title: chart title.
        unit: unit of ``value``.
        scheme: Vega colour scheme (default ``"blues"``, or ``"redblue"`` centred on 0 when
            values have both signs).
        x_title: horizontal axis title (default: the column name).
        y_title: vertical axis title (default: the column name).
        subtitle: extra subtitle line.
        fmt: Python format spec for the labels and tooltips.

    Returns:
        The layered chart (cells plus labels).
    """
    data = _prepare(df, [value], unit, fmt)
    values = data[value].astype(float)
    lo, hi = float(values.min()), float(values.max())
    diverging = lo < 0 < hi
    scale = (
        alt.Scale(scheme=scheme or "redblue", domainMid=0)
        if diverging
        else alt.Scale(scheme=scheme or "blues")
    )
    if diverging:
        extent = max(abs(lo), abs(hi)) or 1.0
        strength = values.abs() / extent
    else:
        strength = (values - lo) / ((hi - lo) or 1.0)
    data["_label_color"] = np.where(strength > 0.55, "white", TEXT_COLOR)
    x_order = list(dict.fromkeys(str(v) for v in data[x]))
    y_order = list(dict.fromkeys(str(v) for v in data[y]))
    n_x, n_y = len(x_order), len(y_order)
    base = alt.Chart(data).encode(
        x=alt.X(f"{x}:O", sort=x_order, title=axis_title(x_title, x), axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:O", sort=y_order, title=axis_title(y_title, y)),
        tooltip=[
            _field_tooltip(y, axis_title(y_title, y)),
            _field_tooltip(x, axis_title(x_title, x)),
            _text_tooltip(value, value_heading(None, unit)),
        ],
    )
    legend_format: dict[str, Any] = (
        {"labelExpr": money_label_expr()}
        if is_money(unit)
        else {"format": ".0%" if unit in ("fraction", "share") else ",.4~r"}
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            f"{value}:Q",
            scale=scale,
            title=None,
            legend=alt.Legend(gradientLength=160, **legend_format),
        )
    )
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text(f"_{value}_text:N"),
        color=alt.condition(
            "datum._label_color == 'white'", alt.value("white"), alt.value(TEXT_COLOR)
        ),
    )
    return alt.layer(cells, labels, title=chart_title(title, unit, subtitle)).properties(
        width=min(WIDTH_PX, 80 * n_x), height=min(420, max(120, 34 * n_y))
    )


def histogram(
    values: Sequence[float] | np.ndarray | pd.Series,
    *,
    title: str,
    unit: str,
    bins: int = 40,
    markers: Mapping[str, float] | None = None,
    value_title: str | None = None,
    subtitle: str | None = None,
    fmt: str | None = None,
) -> alt.LayerChart:
    """A histogram of draws (e.g. Monte Carlo outcomes), binned here so the page stays small.

    Args:
        values: the draws, in ``unit`` (money: nominal USD); non-finite values are dropped.
        title: chart title.
        unit: unit of the values.
        bins: number of equal-width bins.
        markers: vertical rules with labels, e.g. ``{"P10": p10, "P50": p50, "P90": p90}``.
        value_title: horizontal axis title (default: none for money, else the unit).
        subtitle: extra subtitle line (default: the number of draws).
        fmt: Python format spec for tooltips.

    Returns:
        The layered chart; bar heights are shares of the draws.
    """
    draws = np.asarray(values, dtype=float)
    draws = draws[np.isfinite(draws)]
    if draws.size == 0:
        raise ValueError("histogram needs at least one finite value")
    counts, edges = np.histogram(draws, bins=bins)
    table = pd.DataFrame(
        {
            "bin_start": edges[:-1],
            "bin_end": edges[1:],
            "draws": counts,
            "share": counts / draws.size,
        }
    )
    data = _prepare(table, ["bin_start", "bin_end"], unit, fmt)
    data["_share_text"] = [formatting.format_share(s) for s in data["share"]]
    shown_unit = None if is_money(unit) else display_unit(unit)
    x_axis = _axis(unit, _(value_title) if value_title else shown_unit)
    bars = (
        alt.Chart(data)
        .mark_bar(color=CATEGORY_COLORS[0], opacity=0.85, binSpacing=1)
        .encode(
            x=alt.X("bin_start:Q", axis=x_axis, scale=alt.Scale(zero=False)),
            x2="bin_end:Q",
            y=alt.Y("share:Q", axis=alt.Axis(format=".0%", title=_("Share of draws"))),
            y2=alt.datum(0),
            tooltip=[
                _text_tooltip("bin_start", value_heading(N_("From"), unit)),
                _text_tooltip("bin_end", value_heading(N_("To"), unit)),
                alt.Tooltip("draws:Q", title=_("Draws"), format=","),
                alt.Tooltip("_share_text:N", title=_("Share")),
            ],
        )
    )
    layers: list[Any] = [bars]
    if markers:
        marks = pd.DataFrame({"marker": list(markers), "at": [float(v) for v in markers.values()]})
        marks = _prepare(marks, ["at"], unit, fmt)
        marks["_caption"] = [
            f"{m} {t}" for m, t in zip(marks["marker"], marks["_at_text"], strict=True)
        ]
        rule_base = alt.Chart(marks).encode(
            x=alt.X("at:Q"),
            tooltip=[
                tooltip("marker", _("Marker")),
                _text_tooltip("at", value_heading(None, unit)),
            ],
        )
        layers.append(rule_base.mark_rule(strokeDash=[4, 3], color=TEXT_COLOR))
        layers.append(
            rule_base.mark_text(align="left", dx=4, baseline="top", y=2, color=TEXT_COLOR).encode(
                text="_caption:N"
            )
        )
    sub = _(subtitle) if subtitle else _("{count} draws").format(count=f"{draws.size:,}")
    return alt.layer(*layers, title=chart_title(title, unit, sub, subtitle_shown=True)).properties(
        width=WIDTH_PX, height=HEIGHT_PX
    )


def tornado(
    df: pd.DataFrame,
    factor: str,
    low: str,
    high: str,
    *,
    base: float,
    title: str,
    unit: str,
    low_label: str | None = None,
    high_label: str | None = None,
    subtitle: str | None = None,
    fmt: str | None = None,
) -> alt.LayerChart:
    """A tornado chart: how far the outcome moves when each input goes to its low / high value.

    Args:
        df: one row per input factor.
        factor: column of factor names.
        low: column of the outcome with the factor at its low value (in ``unit``).
        high: column of the outcome with the factor at its high value (in ``unit``).
        base: the outcome with every factor at its base value (in ``unit``).
        title: chart title.
        unit: unit of the outcome (money: nominal USD).
        low_label: optional column describing the low input (e.g. ``"$1.80/GPU-hour"``).
        high_label: optional column describing the high input.
        subtitle: extra subtitle line (default: names the base outcome).
        fmt: Python format spec for tooltips.

    Returns:
        The layered chart; factors sorted by swing, widest on top.
    """
    rows = []
    for _index, r in df.iterrows():
        swing = abs(float(r[high]) - float(r[low]))
        for side, col, described in (
            (_("Low input"), low, low_label),
            (_("High input"), high, high_label),
        ):
            rows.append(
                {
                    "factor": r[factor],
                    "side": side,
                    "outcome": float(r[col]),
                    "base": float(base),
                    "swing": swing,
                    "input": str(r[described]) if described else "",
                }
            )
    data = pd.DataFrame(rows)
    order = data.drop_duplicates("factor").sort_values("swing", ascending=False, kind="stable")[
        "factor"
    ]
    data = _prepare(data, ["outcome", "base", "swing"], unit, fmt)
    axis = _axis(unit, None if is_money(unit) else display_unit(unit))
    tooltip = [
        alt.Tooltip("factor:N", title=_("Factor")),
        alt.Tooltip("side:N", title=_("Case")),
        _text_tooltip("outcome", value_heading(N_("Outcome"), unit)),
        _text_tooltip("swing", value_heading(N_("Swing"), unit)),
    ]
    if low_label or high_label:
        tooltip.insert(2, alt.Tooltip("input:N", title=_("Input")))
    wrapped = wrapped_labels_expr(list(order), LABEL_WIDTH_PX) is not None
    chart = alt.Chart(data)
    bars = chart.mark_bar(height=18).encode(
        # Long factor names ("Term of OpenAI's incremental Azure commitment") wrap, not cut.
        y=alt.Y(
            "factor:N",
            sort=[str(v) for v in order],
            title=None,
            axis=_category_axis(list(order), LABEL_WIDTH_PX),
        ),
        x=alt.X("base:Q", axis=axis, scale=alt.Scale(zero=False)),
        x2="outcome:Q",
        color=alt.Color(
            "side:N",
            scale=alt.Scale(
                domain=[_("Low input"), _("High input")], range=[LOW_COLOR, HIGH_COLOR]
            ),
            title=None,
        ),
        tooltip=tooltip,
    )
    rule = (
        alt.Chart(
            pd.DataFrame(
                {
                    "base": [float(base) * money_factor(unit)],
                    "_t": [format_value(base, unit, fmt=fmt)],
                }
            )
        )
        .mark_rule(color=TEXT_COLOR)
        .encode(x="base:Q", tooltip=[alt.Tooltip("_t:N", title=_("Base case"))])
    )
    sub = (
        _(subtitle)
        if subtitle
        else _("Base case: {value}").format(value=format_value(base, unit, fmt=fmt))
    )
    return alt.layer(
        bars, rule, title=chart_title(title, unit, sub, subtitle_shown=True)
    ).properties(width=WIDTH_PX, height=max(120, (40 if wrapped else 30) * len(order)))


#: How wide a category label on a vertical axis may be before it wraps (two or three lines).
LABEL_WIDTH_PX = 260


def category_axis(labels: Sequence[Any], width_px: float, **kwargs: Any) -> alt.Axis:
    """A category axis whose long labels wrap onto lines ``width_px`` wide (none cut short)."""
    expr = wrapped_labels_expr(labels, width_px)
    extra = {"labelExpr": expr} if expr else {}
    return alt.Axis(labelLimit=int(width_px) + 20, **extra, **kwargs)


_category_axis = category_axis


def _value_axis_title(title: str | None, unit: str) -> str:
    """A value axis's title (not money: money axes name their unit in every label)."""
    return value_heading(title, unit) if title else unit_label(unit)


def _year_axis() -> alt.Axis:
    """An axis for integer values such as years: no thousands separator, whole ticks only."""
    return alt.Axis(format="d", tickMinStep=1)


def _is_integer(series: pd.Series) -> bool:
    return pd.api.types.is_integer_dtype(series)
