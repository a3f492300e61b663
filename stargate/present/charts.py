"""Every chart's look in one place, and charts that draw offline.

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

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from stargate.present import formatting

# Re-exported: chart pages and notebooks name these through ``charts``.
from stargate.present.chart_output import CHART_CLASS as CHART_CLASS
from stargate.present.chart_output import CHART_ID_PREFIX as CHART_ID_PREFIX
from stargate.present.chart_output import VEGA_MIMETYPE as VEGA_MIMETYPE

# --------------------------------------------------------------------------- look

#: System font stack: no web font to download, native look on every OS.
FONT = (
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
    "'Noto Sans', 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif"
)
#: The font static SVGs are measured and drawn with: IPAex Gothic (Latin and Japanese), shipped by
#: the pinned ``matplotlib-fontja`` package and registered with vl-convert (:func:`render_svg`).
#: Static SVG text widths come from the font, so naming only a font the project pins makes a
#: chart's static SVG the same on every machine, whatever fonts are installed there.
STATIC_FONT = "IPAexGothic"
#: What static SVG text names: the pinned font first (it has every glyph the reports use, so
#: vl-convert never falls back), then :data:`FONT` for a viewer that does not have it.
STATIC_FONT_STACK = f"{STATIC_FONT}, {FONT}"
#: Default chart size in CSS pixels (fits the report's 880 px text column with a legend).
WIDTH_PX = 600
HEIGHT_PX = 300
TEXT_COLOR = "#1f2328"
MUTED_COLOR = "#57606a"
GRID_COLOR = "#e6e8eb"

#: One colour per party, the same in every chart of every report.
PARTY_COLORS: dict[str, str] = {
    "SoftBank": "#e0a800",
    "OpenAI": "#10a37f",
    "Oracle": "#c74634",
    "MGX": "#7c3aed",
    "NVIDIA": "#5c8f00",
    "Microsoft": "#2563eb",
    "Arm": "#06b6d4",
    "Crusoe": "#ea580c",
    "Blue Owl": "#1e3a8a",
    "Lenders/Debt": "#6b7280",
    "Other": "#b8bec6",
}
#: One colour per GPU generation: newer is darker.
GENERATION_COLORS: dict[str, str] = {
    "H100": "#8ec1e6",
    "GB200": "#3a87c8",
    "GB300": "#1d4f91",
    "VR200": "#5b2a86",
}
#: Categorical palette for anything else (Tableau 10, colour-blind aware order).
CATEGORY_COLORS: tuple[str, ...] = (
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#e45756",
    "#72b7b2",
    "#b279a2",
    "#eeca3b",
    "#ff9da6",
    "#9d755d",
    "#bab0ac",
)
#: Increase / decrease / total in waterfalls; low / high in tornado charts.
INCREASE_COLOR = "#3a87c8"
DECREASE_COLOR = "#d1495b"
TOTAL_COLOR = "#57606a"
LOW_COLOR = "#d1495b"
HIGH_COLOR = "#3a87c8"
BAND_OPACITY = 0.18

THEME_NAME = "stargate"
RENDERER_NAME = "stargate"


def theme() -> dict[str, Any]:
    """The ``stargate`` Altair theme: fonts, sizes, palette, quiet axes.

    Returns:
        A Vega-Lite ``config`` (as a theme dict).
    """
    axis = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
        "labelColor": MUTED_COLOR,
        "titleColor": MUTED_COLOR,
        "domainColor": "#8c959f",
        "tickColor": "#8c959f",
        "gridColor": GRID_COLOR,
        "labelLimit": 220,
    }
    return {
        "config": {
            "background": "white",
            "font": FONT,
            "padding": {"left": 4, "right": 12, "top": 4, "bottom": 4},
            "view": {"continuousWidth": WIDTH_PX, "continuousHeight": HEIGHT_PX, "stroke": None},
            "title": {
                "font": FONT,
                "fontSize": 16,
                "fontWeight": 600,
                "color": TEXT_COLOR,
                "anchor": "start",
                "subtitleFont": FONT,
                "subtitleFontSize": 12.5,
                "subtitleColor": MUTED_COLOR,
                "subtitlePadding": 4,
                "offset": 12,
            },
            "axis": axis,
            "axisX": {"grid": False},
            "axisY": {"grid": True, "domain": False, "ticks": False},
            "axisBand": {"grid": False},
            "legend": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "labelColor": TEXT_COLOR,
                "titleColor": MUTED_COLOR,
                "symbolType": "square",
                "orient": "right",
            },
            "header": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12},
            "range": {"category": list(CATEGORY_COLORS), "ordinal": {"scheme": "blues"}},
            "bar": {"continuousBandSize": 10},
            "line": {"strokeWidth": 2.25},
            "point": {"size": 50, "filled": True},
            "text": {"font": FONT, "fontSize": 11, "color": TEXT_COLOR},
            "rule": {"color": MUTED_COLOR},
            "numberFormat": ",.4~r",
        }
    }


# --------------------------------------------------------------------------- display state


@dataclass(frozen=True)
class Display:
    """How amounts are shown: ``currency`` ``"USD"`` or ``"JPY"``; ``jpy_per_usd`` JPY per USD."""

    currency: str = "USD"
    jpy_per_usd: float = 156.0


@dataclass
class _State:
    display: Display
    scenario_title: str | None = None
    static_svg: bool = True
    counter: int = 0


_state = _State(display=Display())


def to_display(display: Any = None) -> Display:
    """Normalise display settings: an object with ``currency`` / ``jpy_per_usd``, a dict, or None.

    Args:
        display: e.g. ``scenario.display``, ``{"currency": "JPY", "jpy_per_usd": 156}``; None
            gives the settings :func:`enable` set (USD by default).

    Returns:
        A :class:`Display`.

    Raises:
        ValueError: an unknown currency or a non-positive rate.
    """
    if display is None:
        return _state.display
    if isinstance(display, Display):
        return display
    if isinstance(display, Mapping):
        currency = display.get("currency", "USD")
        rate = display.get("jpy_per_usd", Display.jpy_per_usd)
    else:
        currency = getattr(display, "currency", "USD")
        rate = getattr(display, "jpy_per_usd", Display.jpy_per_usd)
    if currency not in ("USD", "JPY"):
        raise ValueError(f"display currency must be USD or JPY, not {currency!r}")
    rate = float(rate)
    if not rate > 0:
        raise ValueError(f"jpy_per_usd must be positive, not {rate}")
    return Display(currency=currency, jpy_per_usd=rate)


def enable(
    display: Any = None, *, scenario_title: str | None = None, static_svg: bool = True
) -> None:
    """Set up charts for a report: theme, offline renderer, currency. Call once per notebook.

    Also restarts the chart counter, so the n-th chart of a run is always ``sg-chart-n``, and
    lets pandas show tables in full (cell text up to any length, up to 500 rows): a report's
    sources table must not cut its URLs.

    Args:
        display: display settings (``scenario.display``: ``currency`` ``"USD"``/``"JPY"`` and
            ``jpy_per_usd``); None: USD.
        scenario_title: named in every chart's subtitle (None: not named).
        static_svg: also draw each chart as a static SVG with vl-convert (≈0.2 s for the first
            chart in a kernel, ≈0.03 s after), shown where the page's JavaScript is absent.
    """
    _state.display = to_display(display) if display is not None else Display()
    _state.scenario_title = scenario_title
    _state.static_svg = static_svg
    _state.counter = 0
    # Report tables are read, not browsed: show cell text (source URLs) and rows in full.
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    # Tables carry dollar amounts: keep JupyterLab's MathJax from reading "$2.80 … $49bn" as math
    # (pandas marks the table tex2jax_ignore and mathjax_ignore, for MathJax 2 and 3).
    pd.set_option("display.html.use_mathjax", False)
    _use_theme()
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, render_mimebundle)
    alt.renderers.enable(RENDERER_NAME)


def _use_theme() -> Any:
    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(theme)
    return alt.theme.enable(THEME_NAME)


@contextlib.contextmanager
def settings(display: Any = None, *, scenario_title: str | None = None) -> Iterator[None]:
    """Temporarily chart with the theme and these display settings (for pages built in Python).

    Args:
        display: display settings (None: USD).
        scenario_title: named in chart subtitles (None: not named).
    """
    saved = (_state.display, _state.scenario_title)
    _state.display = to_display(display) if display is not None else Display()
    _state.scenario_title = scenario_title
    try:
        with _use_theme():
            yield
    finally:
        _state.display, _state.scenario_title = saved


def current_display() -> Display:
    """The display settings :func:`enable` set."""
    return _state.display


# --------------------------------------------------------------------------- units and formats


is_money = formatting.is_money_unit


def display_unit(unit: str, display: Any = None) -> str:
    """The unit as readers see it: ``"USD/GPU-hour"`` → ``"JPY/GPU-hour"`` when showing JPY.

    Fractions (``"fraction"``, ``"share"``) are shown as percentages: ``"%"``.
    """
    if is_money(unit) and to_display(display).currency == "JPY":
        return "JPY" + unit[3:]
    if unit in ("fraction", "share"):
        return "%"
    return unit


def money_factor(unit: str, display: Any = None) -> float:
    """Multiplier from stored values to displayed values (the JPY rate for money, else 1)."""
    d = to_display(display)
    return d.jpy_per_usd if is_money(unit) and d.currency == "JPY" else 1.0


def format_value(value: float, unit: str, display: Any = None, fmt: str | None = None) -> str:
    """Format one value: :func:`stargate.present.formatting.format_value`.

    With ``display`` None, the settings :func:`enable` set (charts' tooltips, labels, headlines).
    """
    return formatting.format_value(value, unit, to_display(display), fmt)


def money_label_expr(display: Any = None, field: str = "datum.value") -> str:
    """A Vega expression formatting an axis value (already in the display currency).

    Args:
        display: display settings (None: those :func:`enable` set).
        field: the expression of the value (``datum.value`` for axis labels).

    Returns:
        e.g. labels ``$500bn``, ``$1.2tn``, ``$2.8`` (USD) or ``78兆円``, ``1,560億円`` (JPY).
    """
    v = f"abs({field})"
    sign = f"({field} < 0 ? '-' : '')"
    if to_display(display).currency == "JPY":
        body = (
            f"{v} >= 1e12 ? format({v} / 1e12, ',.4~r') + '兆円' : "
            f"{v} >= 1e8 ? format({v} / 1e8, ',.4~r') + '億円' : "
            f"{v} >= 1e4 ? format({v} / 1e4, ',.4~r') + '万円' : format({v}, ',.4~r') + '円'"
        )
        return f"{sign} + ({body})"
    body = (
        f"{v} >= 1e12 ? format({v} / 1e12, ',.4~r') + 'tn' : "
        f"{v} >= 1e9 ? format({v} / 1e9, ',.4~r') + 'bn' : "
        f"{v} >= 1e6 ? format({v} / 1e6, ',.4~r') + 'm' : format({v}, ',.4~r')"
    )
    return f"{sign} + '$' + ({body})"


def _axis(unit: str, title: str | None, fmt: str | None = None, **kwargs: Any) -> alt.Axis:
    """An axis for values in ``unit``: money labels, percentages or plain numbers."""
    if is_money(unit):
        return alt.Axis(title=title, labelExpr=money_label_expr(), **kwargs)
    if unit in ("fraction", "share"):
        return alt.Axis(title=title, format=fmt or ".0%", **kwargs)
    return alt.Axis(title=title, format=fmt or ",.4~r", **kwargs)


def chart_title(text: str, unit: str | None = None, subtitle: str | None = None) -> alt.TitleParams:
    """A title whose subtitle states the units and the scenario.

    Args:
        text: the title (a finding, ideally: "Debt funds half of phase 1").
        unit: the unit of the values (money units are named in the display currency).
        subtitle: an extra line above the units line.

    Returns:
        Title parameters for ``alt.Chart(title=...)``.
    """
    lines = [subtitle] if subtitle else []
    facts = []
    if unit:
        shown = display_unit(unit)
        if is_money(unit):
            shown = f"nominal {shown}"
            if _state.display.currency == "JPY":
                shown += f" at {_state.display.jpy_per_usd:g} JPY/USD"
        facts.append(f"Units: {shown}")
    if _state.scenario_title:
        facts.append(f"Scenario: {_state.scenario_title}")
    if facts:
        lines.append(" · ".join(facts))
    return alt.TitleParams(text=text, subtitle=lines) if lines else alt.TitleParams(text=text)


def color_scale(values: Iterable[Any], palette: Mapping[str, str] | None = None) -> alt.Scale:
    """A colour scale that gives each party / GPU generation its fixed colour.

    Args:
        values: the categories in the data.
        palette: name → colour; default: :data:`PARTY_COLORS` or :data:`GENERATION_COLORS`,
            whichever names more of the values (others get the theme's palette), else the
            theme's palette.

    Returns:
        A scale whose domain lists the categories in palette order (others after, in order seen).
    """
    seen = list(dict.fromkeys(str(v) for v in values))
    if palette is None:
        # The fixed palette that names most of the categories (parties win a tie).
        best = max((PARTY_COLORS, GENERATION_COLORS), key=lambda p: sum(v in p for v in seen))
        palette = best if any(v in best for v in seen) else None
    if palette is None:
        colors = [CATEGORY_COLORS[i % len(CATEGORY_COLORS)] for i in range(len(seen))]
        return alt.Scale(domain=seen, range=colors)
    known = [name for name in palette if name in seen]
    extra = [v for v in seen if v not in palette]
    domain = known + extra
    colors = [palette[n] for n in known] + [
        CATEGORY_COLORS[i % len(CATEGORY_COLORS)] for i in range(len(extra))
    ]
    return alt.Scale(domain=domain, range=colors)


def _prepare(df: pd.DataFrame, columns: Sequence[str], unit: str, fmt: str | None) -> pd.DataFrame:
    """Copy ``df``, convert money ``columns`` to the display currency, add ``_<col>_text``."""
    data = df.copy()
    factor = money_factor(unit)
    for col in columns:
        data[f"_{col}_text"] = [format_value(v, unit, fmt=fmt) for v in data[col]]
        data[col] = data[col].astype(float) * factor
    return data


def _text_tooltip(col: str, title: str) -> alt.Tooltip:
    return alt.Tooltip(f"_{col}_text:N", title=title)


def _field_tooltip(col: str, title: str | None = None) -> alt.Tooltip:
    return alt.Tooltip(f"{col}:N", title=title or col)


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

    Returns:
        The chart.
    """
    data = _prepare(df, [value], unit, fmt)
    value_axis = _axis(unit, display_unit(unit) if not is_money(unit) else None)
    if sort in ("-x", "-y"):
        sort = "-x" if horizontal else "-y"
    elif sort is None:
        sort = list(dict.fromkeys(str(v) for v in data[category]))
    cat = alt.X if not horizontal else alt.Y
    val = alt.Y if not horizontal else alt.X
    tooltip = [_field_tooltip(category), _text_tooltip(value, value)]
    enc: dict[str, Any] = {
        ("y" if horizontal else "x"): cat(f"{category}:N", sort=sort, title=None),
        ("x" if horizontal else "y"): val(f"{value}:Q", axis=value_axis),
        "tooltip": tooltip,
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", scale=color_scale(data[color]), title=None)
        if color != category:
            tooltip.insert(1, _field_tooltip(color))
    else:
        enc["color"] = alt.value(CATEGORY_COLORS[0])
    height: Any = alt.Step(30) if horizontal else HEIGHT_PX  # 30 px per bar
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

    Returns:
        The chart.
    """
    data = _prepare(df, [y], unit, fmt)
    x_axis = _year_axis() if x_type == "Q" and _is_integer(data[x]) else alt.Axis()
    tooltip = [_field_tooltip(x, x_title or x), _text_tooltip(y, display_unit(unit))]
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:{x_type}", title=x_title or x, axis=x_axis),
        "y": alt.Y(f"{y}:Q", axis=_axis(unit, None if is_money(unit) else display_unit(unit))),
        "tooltip": tooltip,
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", scale=color_scale(data[color]), title=None)
        tooltip.insert(0, _field_tooltip(color))
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

    Returns:
        The chart; stack order follows the palette order.
    """
    data = _prepare(df, [y], unit, fmt)
    scale = color_scale(data[color], palette)
    rank = {name: i for i, name in enumerate(scale.domain)}
    data["_stack_order"] = [rank[str(v)] for v in data[color]]
    order = list(dict.fromkeys(str(v) for v in data[x]))
    cat_type = "O" if _is_integer(data[x]) else "N"
    cat = (alt.Y if horizontal else alt.X)(
        f"{x}:{cat_type}", sort=order, title=x_title, axis=alt.Axis(labelAngle=0)
    )
    val = (alt.X if horizontal else alt.Y)(
        f"{y}:Q", stack="zero", axis=_axis(unit, None if is_money(unit) else display_unit(unit))
    )
    return (
        alt.Chart(data, title=chart_title(title, unit, subtitle))
        .mark_bar()
        .encode(
            **{"y" if horizontal else "x": cat, "x" if horizontal else "y": val},
            color=alt.Color(f"{color}:N", scale=scale, title=None),
            order=alt.Order("_stack_order:Q"),
            tooltip=[_field_tooltip(x, x_title), _field_tooltip(color), _text_tooltip(y, y)],
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

    Returns:
        The chart (bars plus value labels).
    """
    steps = df[[label, amount] + ([color] if color else [])].copy()
    ends = steps[amount].astype(float).cumsum()
    steps["_start"] = ends - steps[amount].astype(float)
    steps["_end"] = ends
    steps["_kind"] = np.where(steps[amount] >= 0, "Increase", "Decrease")
    if total is not None:
        last = float(ends.iloc[-1]) if len(ends) else 0.0
        row = {label: total, amount: last, "_start": 0.0, "_end": last, "_kind": "Total"}
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
        kinds = {"Increase": INCREASE_COLOR, "Decrease": DECREASE_COLOR, "Total": TOTAL_COLOR}
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
            axis=alt.Axis(labelAngle=0, labelLimit=max(60, WIDTH_PX // max(1, len(order)) - 8)),
        ),
        tooltip=[
            _field_tooltip(label, "Step"),
            _text_tooltip(amount, "Amount"),
            _text_tooltip("_end", "Running total"),
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

    Returns:
        The layered chart.
    """
    data = _prepare(df, [y, lower, upper], unit, fmt)
    x_axis = _year_axis() if _is_integer(data[x]) else alt.Axis()
    x_enc = alt.X(f"{x}:Q", title=x_title or x, axis=x_axis)
    y_axis = _axis(unit, None if is_money(unit) else display_unit(unit))
    tooltip = [
        _field_tooltip(x, x_title or x),
        _text_tooltip(y, "Median (P50)"),
        _text_tooltip(lower, f"{band_label}: low"),
        _text_tooltip(upper, f"{band_label}: high"),
    ]
    if color:
        tooltip.insert(0, _field_tooltip(color))
        scale = color_scale(data[color])
        color_enc: Any = alt.Color(f"{color}:N", scale=scale, title=None)
    else:
        color_enc = alt.value(CATEGORY_COLORS[0])
    sub = subtitle or f"Line: median; band: {band_label}"
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
                alt.Tooltip("label:N", title="Reference"),
                _field_tooltip(x, x_title or x),
                _text_tooltip(y, "Value"),
            ],
        )
        layers.append(ref_base.mark_point(shape="diamond", size=90, filled=True, color=TEXT_COLOR))
        layers.append(ref_base.mark_text(align="left", dx=8, dy=-6).encode(text="label:N"))
    return alt.layer(*layers, title=chart_title(title, unit, sub)).properties(
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
        x=alt.X(f"{x}:O", sort=x_order, title=x_title or x, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:O", sort=y_order, title=y_title or y),
        tooltip=[
            _field_tooltip(y, y_title or y),
            _field_tooltip(x, x_title or x),
            _text_tooltip(value, display_unit(unit)),
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
    x_axis = _axis(unit, value_title if value_title else (None if is_money(unit) else unit))
    bars = (
        alt.Chart(data)
        .mark_bar(color=CATEGORY_COLORS[0], opacity=0.85, binSpacing=1)
        .encode(
            x=alt.X("bin_start:Q", axis=x_axis, scale=alt.Scale(zero=False)),
            x2="bin_end:Q",
            y=alt.Y("share:Q", axis=alt.Axis(format=".0%", title="Share of draws")),
            y2=alt.datum(0),
            tooltip=[
                _text_tooltip("bin_start", "From"),
                _text_tooltip("bin_end", "To"),
                alt.Tooltip("draws:Q", title="Draws", format=","),
                alt.Tooltip("_share_text:N", title="Share"),
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
            tooltip=[alt.Tooltip("marker:N", title="Marker"), _text_tooltip("at", "Value")],
        )
        layers.append(rule_base.mark_rule(strokeDash=[4, 3], color=TEXT_COLOR))
        layers.append(
            rule_base.mark_text(align="left", dx=4, baseline="top", y=2, color=TEXT_COLOR).encode(
                text="_caption:N"
            )
        )
    sub = subtitle or f"{draws.size:,} draws"
    return alt.layer(*layers, title=chart_title(title, unit, sub)).properties(
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
    for _, r in df.iterrows():
        swing = abs(float(r[high]) - float(r[low]))
        for side, col, described in (
            ("Low input", low, low_label),
            ("High input", high, high_label),
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
        alt.Tooltip("factor:N", title="Factor"),
        alt.Tooltip("side:N", title="Case"),
        _text_tooltip("outcome", "Outcome"),
        _text_tooltip("swing", "Swing"),
    ]
    if low_label or high_label:
        tooltip.insert(2, alt.Tooltip("input:N", title="Input"))
    chart = alt.Chart(data)
    bars = chart.mark_bar(height=18).encode(
        y=alt.Y("factor:N", sort=[str(v) for v in order], title=None),
        x=alt.X("base:Q", axis=axis, scale=alt.Scale(zero=False)),
        x2="outcome:Q",
        color=alt.Color(
            "side:N",
            scale=alt.Scale(domain=["Low input", "High input"], range=[LOW_COLOR, HIGH_COLOR]),
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
        .encode(x="base:Q", tooltip=[alt.Tooltip("_t:N", title="Base case")])
    )
    sub = subtitle or f"Base case: {format_value(base, unit, fmt=fmt)}"
    return alt.layer(bars, rule, title=chart_title(title, unit, sub)).properties(
        width=WIDTH_PX, height=max(120, 30 * len(order))
    )


def _year_axis() -> alt.Axis:
    """An axis for integer values such as years: no thousands separator, whole ticks only."""
    return alt.Axis(format="d", tickMinStep=1)


def _is_integer(series: pd.Series) -> bool:
    return pd.api.types.is_integer_dtype(series)


# --------------------------------------------------------------------------- offline rendering


def next_chart_id() -> str:
    """The next chart id: ``sg-chart-1``, ``sg-chart-2``… (restarted by :func:`enable`)."""
    _state.counter += 1
    return f"{CHART_ID_PREFIX}{_state.counter}"


def vl_version() -> str:
    """The Vega-Lite version vl-convert uses for Altair's schema (e.g. ``"6.4"``)."""
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_version_for_vl_convert()


def static_font_file() -> Path:
    """The pinned font file (:data:`STATIC_FONT`): ``matplotlib_fontja/fonts/ipaexg.ttf``.

    Found without importing the package (its ``__init__`` imports matplotlib).
    """
    import importlib.util

    spec = importlib.util.find_spec("matplotlib_fontja")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / "fonts" / "ipaexg.ttf"
        if path.is_file():
            return path
    raise RuntimeError(
        "the chart font IPAex Gothic is missing: install the pinned package "
        "matplotlib-fontja (pip install -e .)"
    )


@lru_cache(maxsize=1)
def _register_static_font() -> None:
    import vl_convert

    vl_convert.register_font_directory(str(static_font_file().parent))


def _pin_fonts(node: Any) -> Any:
    """``node`` with every :data:`FONT` replaced by :data:`STATIC_FONT_STACK` (a copy)."""
    if isinstance(node, dict):
        return {k: _pin_fonts(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_pin_fonts(v) for v in node]
    return STATIC_FONT_STACK if node == FONT else node


def render_svg(spec: Mapping[str, Any]) -> str:
    """Draw a Vega-Lite spec as a static SVG with vl-convert (no browser, no network).

    Text is measured and drawn with the pinned :data:`STATIC_FONT` (also for marks that name no
    font), so the SVG does not depend on the fonts installed on the machine. Drawings are kept
    in the chart cache (:func:`chart_cache_dir`) by the hash of everything they depend on.
    """
    pinned = _pin_fonts(dict(spec))
    pinned["config"] = {**pinned.get("config", {}), "font": STATIC_FONT_STACK}
    key = _cache_key("svg", pinned)
    cached = _cache_read(key, ".svg")
    if cached is not None:
        return cached

    import vl_convert

    _register_static_font()
    svg = vl_convert.vegalite_to_svg(pinned, vl_version=vl_version())
    _cache_write(key, ".svg", svg)
    return svg


def to_vega(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Compile a Vega-Lite spec to Vega with vl-convert (no browser, no network).

    The ``$schema`` key is dropped: JupyterLab's Vega renderer and :func:`chart_html` both name
    the language explicitly, and JupyterLab's Vega 5 would otherwise warn that the spec was
    written for Vega 6. Compiled specs are kept in the chart cache like drawings.
    """
    import json

    key = _cache_key("vega", dict(spec))
    cached = _cache_read(key, ".json")
    if cached is not None:
        with contextlib.suppress(ValueError):
            return json.loads(cached)

    import vl_convert

    vega = vl_convert.vegalite_to_vega(dict(spec), vl_version=vl_version())
    vega.pop("$schema", None)
    with contextlib.suppress(TypeError, ValueError):
        _cache_write(key, ".json", json.dumps(vega, ensure_ascii=False))
    return vega


# --------------------------------------------------------------------------- chart cache
#
# vl-convert spends ≈1 s starting in each process (its JavaScript engine), then 0.05–0.1 s per
# chart. A kernel whose charts are all in the cache never starts it. An entry is keyed by the
# spec exactly as given (key order included), the Vega-Lite version, the vl-convert version,
# the pinned font's bytes (drawings) and :data:`CHART_CACHE_FORMAT`, so it is used only where
# vl-convert would produce the very same text; entries are written atomically.

#: Bump when what a cache entry holds changes (every earlier entry is then unused).
CHART_CACHE_FORMAT = 1
#: Environment variable: ``0`` turns the chart cache off; a folder puts it there.
CHART_CACHE_ENV = "STARGATE_CHART_CACHE"


def chart_cache_dir() -> Path | None:
    """The chart cache folder, or None when it is off (``STARGATE_CHART_CACHE=0``).

    Default: ``charts/`` in ``$STARGATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/stargate`` or
    ``~/.cache/stargate`` (where the page's Vega bundle is cached too).
    """
    import os

    setting = os.environ.get(CHART_CACHE_ENV, "").strip()
    if setting.lower() in ("0", "off", "no", "false"):
        return None
    if setting:
        return Path(setting)
    root = os.environ.get("STARGATE_CACHE_DIR")
    if root:
        return Path(root) / "charts"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stargate" / "charts"


@lru_cache(maxsize=1)
def _renderer_identity() -> str:
    """What, besides the spec, decides vl-convert's output: versions and the font's bytes."""
    import hashlib
    import importlib.metadata

    font = hashlib.sha256(static_font_file().read_bytes()).hexdigest()
    return "|".join(
        [
            str(CHART_CACHE_FORMAT),
            importlib.metadata.version("vl-convert-python"),
            vl_version(),
            font,
        ]
    )


def _cache_key(kind: str, spec: Mapping[str, Any]) -> str | None:
    import hashlib
    import json

    if chart_cache_dir() is None:
        return None
    try:
        text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):  # not plain JSON: render without the cache
        return None
    digest = hashlib.sha256(f"{kind}|{_renderer_identity()}|".encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _cache_file(key: str, suffix: str) -> Path | None:
    folder = chart_cache_dir()
    return None if folder is None else folder / key[:2] / f"{key}{suffix}"


def _cache_read(key: str | None, suffix: str) -> str | None:
    path = _cache_file(key, suffix) if key else None
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def _cache_write(key: str | None, suffix: str, text: str) -> None:
    from stargate.files import write_cache

    path = _cache_file(key, suffix) if key else None
    if path is not None:
        write_cache(path, text)


def render_mimebundle(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """The ``stargate`` Altair renderer: the chart as a Vega spec, plus a static SVG.

    JupyterLab draws the Vega spec (``application/vnd.vega.v5+json``) interactively with its
    built-in renderer, trusted notebook or not; report pages embed it with their own vega-embed
    (:mod:`stargate.publish.page`); viewers without Vega (nbviewer, GitHub) show the SVG.

    Args:
        spec: the Vega-Lite spec Altair passes (theme applied).
        **metadata: Altair's renderer metadata (ignored).

    Returns:
        A mimebundle with the Vega spec, ``image/svg+xml`` (when static SVGs are on) and
        ``text/plain`` (``<Chart sg-chart-n>``, counted from :func:`enable`).
    """
    chart_id = next_chart_id()
    bundle: dict[str, Any] = {VEGA_MIMETYPE: to_vega(spec), "text/plain": f"<Chart {chart_id}>"}
    if _state.static_svg:
        bundle["image/svg+xml"] = render_svg(spec)
    return bundle
