"""Every chart's look in one place: fonts, sizes, palettes, the display currency, axis formats.

:func:`enable` (called once per report by ``stargate.publish.notebook_helpers.start``) registers
the ``stargate`` Altair theme and renderer and sets how amounts are shown (USD, or JPY at
``display.jpy_per_usd``); :func:`settings` does the same for a block of code (pages built in
Python). The chart helpers in :mod:`stargate.present.charts` read these settings.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from stargate.present import chart_render, formatting
from stargate.present.chart_render import FONT as FONT
from stargate.present.chart_render import STATIC_FONT as STATIC_FONT
from stargate.present.chart_render import STATIC_FONT_STACK as STATIC_FONT_STACK

# --------------------------------------------------------------------------- look

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
                "labelLimit": 300,
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
    scenario_title_ja: str | None = None
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
    display: Any = None,
    *,
    scenario_title: str | None = None,
    static_svg: bool = True,
    scenario_title_ja: str | None = None,
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
        scenario_title_ja: the scenario's Japanese title, named in the Japanese charts
            (None: they name the English one).
    """
    _state.display = to_display(display) if display is not None else Display()
    _state.scenario_title = scenario_title
    _state.scenario_title_ja = scenario_title_ja
    _state.static_svg = static_svg
    chart_render.start_run(static_svg=static_svg)
    # Report tables are read, not browsed: show cell text (source URLs) and rows in full.
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    # Tables carry dollar amounts: keep JupyterLab's MathJax from reading "$2.80 … $49bn" as math
    # (pandas marks the table tex2jax_ignore and mathjax_ignore, for MathJax 2 and 3).
    pd.set_option("display.html.use_mathjax", False)
    _use_theme()
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, chart_render.render_mimebundle)
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
    saved = (_state.display, _state.scenario_title, _state.scenario_title_ja)
    _state.display = to_display(display) if display is not None else Display()
    _state.scenario_title, _state.scenario_title_ja = scenario_title, None
    try:
        with _use_theme():
            yield
    finally:
        _state.display, _state.scenario_title, _state.scenario_title_ja = saved


@contextlib.contextmanager
def edition(code: str) -> Iterator[None]:
    """Chart for the edition in language ``code``: Japanese charts show money in yen.

    Keeps the scenario title and the renderer :func:`enable` set; only the currency changes
    (at the scenario's rate). English: nothing changes.
    """
    from stargate.present.i18n import edition_display

    saved = _state.display
    _state.display = to_display(edition_display(saved, code))
    try:
        yield
    finally:
        _state.display = saved


def current_display() -> Display:
    """The display settings :func:`enable` set."""
    return _state.display


# --------------------------------------------------------------------------- units and formats


is_money = formatting.is_money_unit


def display_unit(unit: str, display: Any = None) -> str:
    """The unit as readers see it: ``"USD/GPU-hour"`` → ``"JPY/GPU-hour"`` when showing JPY.

    Fractions (``"fraction"``, ``"share"``) are shown as percentages: ``"%"``. In Japanese,
    yen is ``円`` and a GPU-hour ``GPU時間`` (``円/GPU時間``).
    """
    from stargate.present.i18n import current_language, localise_units

    if is_money(unit) and to_display(display).currency == "JPY":
        if current_language() != "en":
            return localise_units("円" + unit[3:])
        return "JPY" + unit[3:]
    if unit in ("fraction", "share"):
        return "%"
    return localise_units(unit) if current_language() != "en" else unit


def money_factor(unit: str, display: Any = None) -> float:
    """Multiplier from stored values to displayed values (the JPY rate for money, else 1)."""
    d = to_display(display)
    return d.jpy_per_usd if is_money(unit) and d.currency == "JPY" else 1.0


def format_value(value: float, unit: str, display: Any = None, fmt: str | None = None) -> str:
    """Format one value: :func:`stargate.present.formatting.format_value`.

    With ``display`` None, the settings :func:`enable` set (charts' tooltips, labels, headlines).
    In Japanese the units read as Japanese (``円/GPU時間``, ``5年``).
    """
    from stargate.present.i18n import current_language, localise_units

    text = formatting.format_value(value, unit, to_display(display), fmt)
    return localise_units(text) if current_language() != "en" else text


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
    """An axis for values in ``unit``: money labels, percentages or plain numbers.

    ``title`` is shown as it is: a caller translates an English title (:func:`axis_title`); a
    unit (:func:`display_unit`) is already in the page's language.
    """
    if is_money(unit):
        return alt.Axis(title=title, labelExpr=money_label_expr(), **kwargs)
    if unit in ("fraction", "share"):
        return alt.Axis(title=title, format=fmt or ".0%", **kwargs)
    return alt.Axis(title=title, format=fmt or ",.4~r", **kwargs)


def chart_title(
    text: str,
    unit: str | None = None,
    subtitle: str | None = None,
    *,
    subtitle_shown: bool = False,
) -> alt.TitleParams:
    """A title whose subtitle states the units and the scenario.

    Args:
        text: the title (a finding, ideally: "Debt funds half of phase 1").
        unit: the unit of the values (money units are named in the display currency).
        subtitle: an extra line above the units line (an English msgid).
        subtitle_shown: ``subtitle`` is already in the page's language (a chart helper's
            default line, written with its values): shown as it is, not looked up again.

    Returns:
        Title parameters for ``alt.Chart(title=...)``.
    """
    from stargate.present.i18n import current_language

    if current_language() != "en":
        return _chart_title_translated(text, unit, subtitle, subtitle_shown)
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


def _chart_title_translated(
    text: str, unit: str | None, subtitle: str | None, subtitle_shown: bool = False
) -> alt.TitleParams:
    """:func:`chart_title` in the current language (not English): every line through the catalog.

    The title and subtitle are English msgids (a chart helper's caller marks them with ``_``
    or ``N_``); money is in yen (the page states the rate once, in its header); the scenario
    is named by the short part of its title (the user's text, before any colon).
    """
    from stargate.present.i18n import gettext

    lines = [subtitle if subtitle_shown else gettext(subtitle)] if subtitle else []
    facts = []
    if unit:
        if is_money(unit):
            rest = unit[3:].strip("/ ")
            facts.append(
                gettext("Units: nominal yen per GPU-hour")
                if rest == "GPU-hour"
                else gettext("Units: nominal yen per {unit}").format(unit=_unit_in_words(rest))
                if rest
                else gettext("Units: nominal yen")
            )
        else:
            facts.append(gettext("Units: {unit}").format(unit=_unit_in_words(unit)))
    if _state.scenario_title:
        from stargate.present.i18n import scenario_text

        shown = scenario_text(_state.scenario_title, _state.scenario_title_ja)
        short = re.split(r"[:：]", shown, maxsplit=1)[0].strip()
        facts.append(gettext("Scenario: {title}").format(title=short))
    if facts:
        lines.append(gettext(" · ").join(facts))
    title = gettext(text)
    return alt.TitleParams(text=title, subtitle=lines) if lines else alt.TitleParams(text=title)


def _unit_in_words(unit: str) -> str:
    """A non-money unit in the current language (``years`` → 年, ``fraction`` → %)."""
    from stargate.present.i18n import gettext

    if unit in ("fraction", "share"):
        return "%"
    if unit.endswith("-hour"):  # PFLOP-hour → PFLOP時間
        return unit[: -len("-hour")] + "時間"
    return {"years": gettext("years"), "GPUs": gettext("GPUs")}.get(unit, unit)


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


#: A field name as code writes it (``usd_per_year``, ``scenario``, ``_amount_text``): never a
#: heading a reader sees.
IDENTIFIER = re.compile(r"^_?[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def is_identifier(text: Any) -> bool:
    """Whether ``text`` reads as a field name (snake_case or one bare lower-case word)."""
    return isinstance(text, str) and bool(IDENTIFIER.match(text.strip()))


def _reader_title(title: Any, field: str) -> str:
    """``title`` checked: a reader's heading, not empty and not a field name."""
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"chart field {field!r} needs a reader's title (got {title!r})")
    if is_identifier(title):
        raise ValueError(
            f"chart field {field!r} is titled {title!r}, a field name: give a reader's title"
        )
    return title


def tooltip(field: str, title: str, kind: str = "N", **kwargs: Any) -> alt.Tooltip:
    """A tooltip entry of ``field`` headed ``title`` (already in the page's language).

    Refuses a missing title, or one that is a field name (``usd_per_year``, ``scenario``): a
    tooltip's heading is read, so every field a chart shows on hover is named for readers.
    """
    return alt.Tooltip(f"{field}:{kind}", title=_reader_title(title, field), **kwargs)


def unit_label(unit: str, display: Any = None) -> str:
    """A unit as a heading names it: ``$``, ``$/GPU-hour``, ``¥``; Japanese ``円``, ``円/GPU時間``.

    Fractions are ``%``, ratios ``×`` (Japanese ``倍``), other units as :func:`display_unit`.
    """
    from stargate.present.i18n import current_language, localise_units

    japanese = current_language() != "en"
    if is_money(unit):
        if japanese:
            return (
                localise_units("円" + unit[3:])
                if to_display(display).currency == "JPY"
                else ("ドル" + unit[3:])
            )
        symbol = "¥" if to_display(display).currency == "JPY" else "$"
        return symbol + unit[3:]
    if unit in formatting.RATIO_UNITS:
        return "倍" if japanese else "×"
    return display_unit(unit, display)


def value_heading(title: str | None, unit: str, display: Any = None) -> str:
    """The heading of a value: ``title`` (an English msgid) with its unit, e.g. ``Amount ($)``.

    Without a title: ``Amount`` for money, ``Value`` otherwise. Japanese: ``金額（円）``.
    """
    from stargate.present.i18n import gettext

    name = gettext(title) if title else (gettext("Amount") if is_money(unit) else gettext("Value"))
    shown = unit_label(unit, display) if unit else ""
    if not shown:
        return name
    return gettext("{title} ({unit})").format(title=name, unit=shown)


def _text_tooltip(col: str, title: str) -> alt.Tooltip:
    """A tooltip of ``col``'s formatted text, headed ``title`` as it is (already translated)."""
    return tooltip(f"_{col}_text", title)


def _field_tooltip(col: str, title: str | None = None) -> alt.Tooltip:
    """A tooltip of ``col``, headed ``title`` (already translated) or the column's own name.

    A table's columns are named for readers in the page's language, so the name is shown as it
    is, never looked up in the catalog (a lookup of a name is no translation). A column named
    as code names it (``commitment_kind``) needs a ``title``: refused without one.
    """
    return tooltip(col, title or col)


def _text_px(text: str, size: float = 12.0) -> float:
    """Roughly how wide ``text`` is at ``size`` px: a CJK character is square, Latin narrow."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.56 for c in text)


def wrap_label(text: str, width_px: float, max_lines: int = 3) -> list[str]:
    """``text`` broken into lines no wider than ``width_px`` (at the axis font, 12 px).

    Latin text breaks at spaces, Japanese between characters; the last line takes what is left
    (an axis's ``labelLimit`` cuts it if it is still too long).
    """
    if _text_px(text) <= width_px:
        return [text]
    tokens = re.findall(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+", text)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if line and _text_px((line + token).rstrip()) > width_px and len(lines) < max_lines - 1:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    lines.append(line.rstrip())
    return [ln for ln in lines if ln]


def wrapped_labels_expr(labels: Iterable[Any], width_px: float, max_lines: int = 3) -> str | None:
    """A Vega ``labelExpr`` drawing each long category label on several lines (None: all fit).

    Args:
        labels: the category values on the axis.
        width_px: the width a line may take.
        max_lines: at most this many lines per label.
    """
    import json

    cases = []
    for label in dict.fromkeys(str(v) for v in labels):
        lines = wrap_label(label, width_px, max_lines)
        if len(lines) > 1:
            cases.append(
                f"datum.value === {json.dumps(label, ensure_ascii=False)} ? "
                f"{json.dumps(lines, ensure_ascii=False)} : "
            )
    return "".join(cases) + "datum.label" if cases else None


def axis_title(title: str | None, column: str) -> str:
    """An axis or tooltip title: ``title`` (an English msgid) translated, else the column name.

    Args:
        title: the caller's title, an English msgid marked with ``N_`` (None: none given).
        column: the column drawn, named for readers (shown as it is).
    """
    from stargate.present.i18n import gettext

    return gettext(title) if title else column
