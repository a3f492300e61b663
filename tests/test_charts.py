"""stargate.present.charts: theme, colours, money formats, helpers, offline renderer (no kernel)."""

from __future__ import annotations

import functools
import json
import re

import altair as alt
import nbformat
import numpy as np
import pandas as pd
import pytest

from stargate.present import charts
from stargate.publish import assets

PARTIES = [
    "SoftBank",
    "OpenAI",
    "Oracle",
    "MGX",
    "NVIDIA",
    "Microsoft",
    "Arm",
    "Crusoe",
    "Blue Owl",
    "Lenders/Debt",
    "Other",
]


@pytest.fixture(autouse=True)
def usd_charts():
    charts.enable(display={"currency": "USD", "jpy_per_usd": 156.0}, scenario_title="Base case")
    yield
    charts.enable()


def funding() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2025, 2025, 2026, 2026],
            "party": ["OpenAI", "SoftBank", "SoftBank", "Oracle"],
            "amount_usd": [19e9, 19e9, 30e9, 7e9],
        }
    )


@functools.cache
def every_chart() -> dict[str, alt.TopLevelMixin]:
    """One chart of each helper, made under the ``usd_charts`` settings."""
    rng = np.random.default_rng(3)
    band = pd.DataFrame(
        {"year": [2025, 2026, 2027], "p50": [1e9, 2e9, 3e9], "p10": [5e8, 1e9, 2e9]}
    ).assign(p90=lambda d: d["p50"] * 1.5)
    return {
        "bar": charts.bar(
            funding(), "party", "amount_usd", category_title="Party", title="Bar", unit="USD"
        ),
        "line": charts.line(
            funding(),
            "year",
            "amount_usd",
            color="party",
            title="Line",
            unit="USD",
            x_title="Year",
            color_title="Party",
        ),
        "stacked_bar": charts.stacked_bar(
            funding(),
            "year",
            "amount_usd",
            "party",
            title="Stacked",
            unit="USD",
            x_title="Year",
            color_title="Party",
        ),
        "waterfall": charts.waterfall(
            pd.DataFrame({"step": ["Equity", "Debt", "Overrun"], "usd": [1e11, 3e11, -5e10]}),
            "step",
            "usd",
            title="Waterfall",
        ),
        "line_band": charts.line_band(
            band,
            "year",
            "p50",
            "p10",
            "p90",
            title="Band",
            unit="USD",
            x_title="Year",
            reference=pd.DataFrame({"year": [2026], "p50": [2.5e9], "label": ["Projection"]}),
        ),
        "heatmap": charts.heatmap(
            pd.DataFrame(
                {"x": ["a", "a", "b", "b"], "y": ["1", "2", "1", "2"], "v": [-1, 2, 3, 4]}
            ),
            "x",
            "y",
            "v",
            title="Heat",
            unit="USD",
            x_title="Column",
            y_title="Row",
        ),
        "histogram": charts.histogram(
            rng.normal(5e10, 1e10, 2000), title="Hist", unit="USD", markers={"P50": 5e10}
        ),
        "tornado": charts.tornado(
            pd.DataFrame({"f": ["Price", "Utilisation"], "lo": [-3e9, 1e9], "hi": [8e9, 4e9]}),
            "f",
            "lo",
            "hi",
            base=2e9,
            title="Tornado",
            unit="USD",
        ),
    }


def marks(spec: dict) -> list[dict]:
    """Every unit spec (a spec with a mark) inside a possibly layered spec."""
    found = [spec] if "mark" in spec else []
    for sub in spec.get("layer", []):
        found += marks(sub)
    return found


def test_enable_registers_and_enables_theme_and_renderer() -> None:
    assert alt.theme.active == charts.THEME_NAME
    assert alt.renderers.active == charts.RENDERER_NAME
    spec = charts.bar(
        funding(), "party", "amount_usd", category_title="Party", title="T", unit="USD"
    ).to_dict()
    assert spec["config"]["font"] == charts.FONT
    assert spec["config"]["title"]["fontSize"] == 16


def test_fixed_colours_per_party_and_generation() -> None:
    assert list(charts.PARTY_COLORS) == PARTIES
    assert list(charts.GENERATION_COLORS) == ["H100", "GB200", "GB300", "VR200"]
    colours = list(charts.PARTY_COLORS.values()) + list(charts.GENERATION_COLORS.values())
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)


def test_colour_scale_keeps_palette_order_and_colours() -> None:
    scale = charts.color_scale(["Oracle", "SoftBank", "OpenAI"])
    assert scale.domain == ["SoftBank", "OpenAI", "Oracle"]
    assert scale.range == ["#e0a800", "#10a37f", "#c74634"]
    gens = charts.color_scale(["GB300", "H100"])
    assert gens.domain == ["H100", "GB300"]
    assert gens.range == [charts.GENERATION_COLORS["H100"], charts.GENERATION_COLORS["GB300"]]
    other = charts.color_scale(["SoftBank", "Somebody"])
    assert other.domain == ["SoftBank", "Somebody"]
    assert other.range[0] == charts.PARTY_COLORS["SoftBank"]


def test_same_party_gets_same_colour_in_different_charts() -> None:
    one = charts.stacked_bar(
        funding(),
        "year",
        "amount_usd",
        "party",
        title="A",
        unit="USD",
        x_title="Year",
        color_title="Party",
    )
    two = charts.bar(
        funding(),
        "party",
        "amount_usd",
        category_title="Party",
        color="party",
        title="B",
        unit="USD",
    )
    for chart in (one, two):
        scale = chart.to_dict()["encoding"]["color"]["scale"]
        assert dict(zip(scale["domain"], scale["range"], strict=True))["Oracle"] == "#c74634"


def test_format_value_usd_jpy_and_other_units() -> None:
    assert charts.format_value(17.2e9, "USD") == "$17.2bn"
    assert charts.format_value(2.8, "USD/GPU-hour") == "$2.80/GPU-hour"
    assert charts.format_value(0.125, "fraction") == "13%"  # house: whole % from 10 %, halves up
    assert charts.format_value(700_000, "GPUs") == "700,000 GPUs"
    assert charts.format_value(700_000, "GPUs", fmt=",.0f") == "700,000 GPUs"
    jpy = {"currency": "JPY", "jpy_per_usd": 156.0}
    assert charts.format_value(500e9, "USD", jpy) == "78.0兆円"
    assert charts.format_value(10e9, "USD", jpy) == "1.6兆円"
    assert charts.format_value(2.8, "USD/GPU-hour", jpy) == "437円/GPU-hour"
    assert charts.display_unit("USD/GPU-hour", jpy) == "JPY/GPU-hour"


def test_jpy_display_converts_amounts_only_for_display() -> None:
    data = funding()
    charts.enable(display={"currency": "JPY", "jpy_per_usd": 150.0}, scenario_title="S")
    spec = charts.stacked_bar(
        data,
        "year",
        "amount_usd",
        "party",
        title="T",
        unit="USD",
        x_title="Year",
        color_title="Party",
    ).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["amount_usd"] for r in rows] == [19e9 * 150, 19e9 * 150, 30e9 * 150, 7e9 * 150]
    assert rows[0]["_amount_usd_text"] == "2.9兆円"
    assert data["amount_usd"].iloc[0] == 19e9  # the caller's frame is untouched
    assert "兆円" in spec["encoding"]["y"]["axis"]["labelExpr"]
    assert spec["title"]["subtitle"] == ["Units: nominal JPY at 150 JPY/USD · Scenario: S"]


def test_money_axis_labels_in_usd() -> None:
    expr = charts.money_label_expr({"currency": "USD", "jpy_per_usd": 1})
    assert "'bn'" in expr and "'$'" in expr
    spec = charts.bar(
        funding(), "party", "amount_usd", category_title="Party", title="T", unit="USD"
    ).to_dict()
    assert spec["encoding"]["x"]["axis"]["labelExpr"] == expr


KINDS = ["bar", "line", "stacked_bar", "waterfall", "line_band", "heatmap", "histogram", "tornado"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_helper_has_tooltips_title_units_and_scenario(kind: str) -> None:
    assert sorted(every_chart()) == sorted(KINDS)
    spec = every_chart()[kind].to_dict()
    assert spec["title"]["subtitle"][-1] == "Units: nominal USD · Scenario: Base case"
    units = marks(spec)
    assert units, kind
    for unit in units:
        assert "tooltip" in unit["encoding"], (kind, unit["mark"])


def test_waterfall_steps_and_total() -> None:
    spec = every_chart()["waterfall"].to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["step"] for r in rows] == ["Equity", "Debt", "Overrun", "Total"]
    assert [r["_end"] for r in rows] == [1e11, 4e11, 3.5e11, 3.5e11]
    assert [r["_kind"] for r in rows] == ["Increase", "Increase", "Decrease", "Total"]


def test_histogram_is_binned_in_python() -> None:
    spec = charts.histogram(np.arange(10_000.0), title="H", unit="years", bins=20).to_dict()
    bars = next(d for d in spec["datasets"].values() if "bin_start" in d[0])
    assert len(bars) == 20
    assert sum(r["draws"] for r in bars) == 10_000
    assert spec["title"]["subtitle"][0] == "10,000 draws"


def test_tornado_sorts_by_swing() -> None:
    spec = every_chart()["tornado"].to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Price", "Utilisation"]


def test_renderer_ids_are_a_counter_and_output_is_deterministic() -> None:
    chart = charts.bar(
        funding(), "party", "amount_usd", category_title="Party", title="T", unit="USD"
    )
    first = [charts.render_mimebundle(chart.to_dict()) for _ in range(2)]
    charts.enable(display={"currency": "USD", "jpy_per_usd": 156.0}, scenario_title="Base case")
    again = [charts.render_mimebundle(chart.to_dict()) for _ in range(2)]
    assert [b["text/plain"] for b in first] == ["<Chart sg-chart-1>", "<Chart sg-chart-2>"]
    assert first == again
    assert sorted(first[0]) == sorted([charts.VEGA_MIMETYPE, "image/svg+xml", "text/plain"])
    assert first[0]["image/svg+xml"].startswith("<svg")


def test_renderer_vega_spec_is_the_chart() -> None:
    """The Vega output draws the same picture as the Vega-Lite chart (independent path)."""
    import vl_convert

    spec = charts.bar(
        funding(), "party", "amount_usd", category_title="Party", title="T", unit="USD"
    ).to_dict()
    bundle = charts.render_mimebundle(spec)
    vega = bundle[charts.VEGA_MIMETYPE]
    assert "$schema" not in vega  # JupyterLab's Vega 5 would warn about a Vega 6 schema
    # The static SVG is drawn with the pinned font: compile the same pinned spec to Vega and
    # draw that, independently of the Vega-Lite path.
    from stargate.present import chart_render

    chart_render._register_static_font()  # the bundle's SVG may come from the cache, unregistered
    pinned = charts._pin_fonts(dict(spec))
    pinned["config"] = {**pinned.get("config", {}), "font": charts.STATIC_FONT_STACK}
    assert vl_convert.vega_to_svg(charts.to_vega(pinned)) == bundle["image/svg+xml"]
    values = next(d["values"] for d in vega["data"] if d.get("values"))
    assert sorted(r["party"] for r in values) == sorted(funding()["party"])


def test_renderer_output_has_no_html_and_no_network() -> None:
    bundle = charts.render_mimebundle(every_chart()["line_band"].to_dict())
    assert "text/html" not in bundle  # sanitised to loose text in an untrusted JupyterLab
    text = json.dumps(bundle)
    for host in ("cdn.jsdelivr", "unpkg.com", "cdnjs", "<script"):
        assert host not in text


def test_chart_html_escapes_script_end_in_spec() -> None:
    spec = {"mark": "bar", "title": "</script><script>alert(1)</script>", "data": {"values": []}}
    html = assets.chart_html(spec, "sg-chart-7")
    assert '"mode":"vega-lite"' in html
    assert html.count("</script>") == 1
    assert "\\u003c/script\\u003e" in html
    script = html.split("<script", 1)[1]
    assert json.loads(re.search(r"\((\{.*?\}), \{", script).group(1))["title"] == spec["title"]


def test_notebook_with_chart_output_is_valid_nbformat() -> None:
    bundle = charts.render_mimebundle(every_chart()["heatmap"].to_dict())
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart")
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
    nb.cells = [cell]
    nbformat.validate(nb)
    assert nbformat.reads(nbformat.writes(nb), as_version=4).cells[0].outputs[0].data == bundle


def test_static_svg_can_be_switched_off() -> None:
    charts.enable(static_svg=False)
    bundle = charts.render_mimebundle(every_chart()["bar"].to_dict())
    assert "image/svg+xml" not in bundle
    assert charts.VEGA_MIMETYPE in bundle


def test_chart_html_modes() -> None:
    vega = charts.to_vega(every_chart()["bar"].to_dict())
    assert '"mode":"vega"' in assets.chart_html(vega, "sg-chart-1", mode="vega")
    with pytest.raises(ValueError, match="vega-lite"):
        assets.chart_html(vega, "sg-chart-1", mode="svg")


def test_bad_display_is_refused() -> None:
    with pytest.raises(ValueError, match="USD or JPY"):
        charts.to_display({"currency": "EUR"})
    with pytest.raises(ValueError, match="positive"):
        charts.to_display({"currency": "JPY", "jpy_per_usd": 0})


def test_scenario_title_with_markup_is_escaped_in_chart_output() -> None:
    charts.enable(scenario_title="</script><script>alert(1)</script>")
    bundle = charts.render_mimebundle(
        charts.bar(
            funding(), "party", "amount_usd", category_title="Party", title="T", unit="USD"
        ).to_dict()
    )
    html = assets.chart_html(
        bundle[charts.VEGA_MIMETYPE], "sg-chart-1", bundle["image/svg+xml"], mode="vega"
    )
    assert html.count("</script>") == 1  # only the chart's own script element ends
    assert "<script>alert" not in html
    assert (
        "Scenario: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in bundle["image/svg+xml"]
    )
