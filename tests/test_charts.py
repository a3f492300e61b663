"""stargate.present.charts: theme, colours, money formats, helpers, offline renderer (no kernel)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import altair as alt
import chart_text_scan
import nbformat
import numpy as np
import pandas as pd
import pytest

from stargate.present import chart_theme, charts
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


# --------------------------------------------------------------------------- chart text readers see
#
# Every axis, legend and tooltip heading of every chart a page embeds is a reader's title in the
# page's language (never a field name such as ``usd_per_year``), with its unit; on a Japanese
# page amounts are yen, so no heading names dollars. ``chart_text_scan`` reads the charts out of
# a built page (Vega or Vega-Lite, as embedded); the fixtures below are pages it must reject.

FIXTURES = Path(__file__).parent / "fixtures" / "charts"


@pytest.mark.parametrize("name", ["raw_tooltip.html", "raw_tooltip_vega.html"])
def test_scan_rejects_a_chart_whose_tooltip_shows_raw_fields(name: str) -> None:
    page = (FIXTURES / name).read_text(encoding="utf-8")
    assert len(chart_text_scan.embedded_specs(page)) == 1
    problems = chart_text_scan.scan_page(page, japanese=False)
    assert [(p.where, p.title, p.why) for p in problems] == [
        ("tooltip", "party", "an identifier"),
        ("tooltip", "usd_per_year", "an identifier"),
    ]


def test_scan_rejects_dollar_headings_on_a_japanese_page_only() -> None:
    page = (FIXTURES / "ja_dollar_axis.html").read_text(encoding="utf-8")
    problems = chart_text_scan.scan_page(page, japanese=True)
    assert sorted((p.where, p.title) for p in problems) == [
        ("axis", "GPU時間当たり価格（ドル）"),
        ("tooltip", "価格（USD）"),
    ]
    assert chart_text_scan.scan_page(page, japanese=False) == []
    # "per dollar of equity" is a ratio, not a unit: allowed.
    assert chart_text_scan.check_title("出資1ドル当たりの負債（倍）", japanese=True) is None


def test_helpers_refuse_a_field_name_as_a_heading() -> None:
    with pytest.raises(ValueError, match="'party'"):
        charts.bar(funding(), "party", "amount_usd", title="T", unit="USD")
    with pytest.raises(ValueError, match="'party'"):
        charts.line(
            funding(), "year", "amount_usd", color="party", title="T", unit="USD", x_title="Year"
        )
    with pytest.raises(ValueError, match="usd_per_year"):
        charts.tooltip("x", "usd_per_year")
    with pytest.raises(ValueError, match="reader's title"):
        charts.tooltip("x", " ")
    spec = charts.bar(
        funding(), "party", "amount_usd", title="T", unit="USD", category_title="Party"
    ).to_dict()
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Party", "Amount ($)"]


def test_value_headings_name_the_display_unit() -> None:
    from stargate.present import i18n

    assert charts.value_heading(None, "USD") == "Amount ($)"
    assert charts.value_heading("Cost per GPU-hour", "USD/GPU-hour") == (
        "Cost per GPU-hour ($/GPU-hour)"
    )
    assert charts.value_heading(None, "fraction") == "Value (%)"
    jpy = {"currency": "JPY", "jpy_per_usd": 156}
    with charts.settings(jpy):
        assert charts.value_heading(None, "USD") == "Amount (¥)"
        with i18n.language("ja"):
            assert charts.value_heading(None, "USD") == "金額（円）"
            assert charts.value_heading("Cost per GPU-hour", "USD/GPU-hour") == (
                "GPU時間当たりのコスト（円/GPU時間）"
            )
            assert charts.unit_label("ratio") == "倍"


def test_long_category_labels_wrap_not_cut() -> None:
    label = "2025年1月22日 · マスク氏：ソフトバンクは資金を確保していない"
    lines = charts.wrap_label(label, 260)
    assert "".join(lines) == label and len(lines) == 2
    assert all(chart_theme._text_px(line) <= 260 for line in lines)
    assert charts.wrap_label("Accelerators (NVIDIA systems)", 142) == [
        "Accelerators (NVIDIA",
        "systems)",
    ]
    assert charts.wrap_label("Facility", 142) == ["Facility"]
    data = pd.DataFrame({"item": [label, "短い"], "usd": [1e9, 2e9]})
    spec = charts.bar(data, "item", "usd", title="T", unit="USD", category_title="Item").to_dict()
    axis = spec["encoding"]["y"]["axis"]
    assert axis["labelLimit"] >= 260
    assert json.dumps(lines, ensure_ascii=False) in axis["labelExpr"]
    assert spec["height"] == {"step": 40}


def _report_charts(scenario) -> dict[str, alt.TopLevelMixin]:
    from stargate.present import (
        capital_report,
        circular_report,
        cost_report,
        investor_report,
        obligations_report,
        sustainability_tables,
    )

    return {
        "capex": cost_report.capex_chart(scenario),
        "tco": cost_report.tco_chart(scenario),
        "gpu_hour": cost_report.gpu_hour_chart(scenario),
        "generation": cost_report.generation_chart(scenario, "gpu_hour"),
        "generation_pflop": cost_report.generation_chart(scenario, "pflop_hour"),
        "lifetime": cost_report.lifetime_utilization_chart(scenario),
        "tornado": cost_report.tornado_chart(scenario),
        "electricity": cost_report.electricity_chart(scenario),
        "cost_of_capital": cost_report.cost_of_capital_chart(scenario),
        "parties": investor_report.parties_chart(scenario),
        "roles": investor_report.chart_roles_matrix(),
        "capex_split": investor_report.capex_split_chart(scenario),
        "musk": investor_report.musk_chart(scenario),
        "label_timeline": investor_report.label_timeline_chart(scenario),
        "capital_flows": capital_report.chart_capital_flows(scenario),
        "circular": circular_report.chart_circular_loop(scenario),
        "obligations": obligations_report.chart_obligations(scenario),
        "capex_wave": sustainability_tables.chart_capex_wave(scenario),
        "generation_costs": sustainability_tables.chart_generation_costs(scenario),
        "npv_price": sustainability_tables.chart_npv_by_price(scenario),
        "npv_utilisation": sustainability_tables.chart_npv_by_utilisation(scenario),
        "openai_path": sustainability_tables.chart_openai_path(scenario),
        "runway": sustainability_tables.chart_runway(scenario),
    }


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_report_chart_has_reader_headings(lang: str) -> None:
    """The base scenario's report charts, compiled to Vega and embedded as a page embeds them."""
    from stargate.publish.notebook_helpers import _in_edition, edition
    from stargate.scenario import load_scenario

    scenario = load_scenario("base")
    with edition(lang):
        shown = _in_edition(scenario, lang)
        made = _report_charts(shown)
        page = "".join(
            assets.chart_html(charts.to_vega(c.to_dict()), f"sg-chart-{i}", mode="vega")
            for i, c in enumerate(made.values(), start=1)
        )
        rate = charts.money_factor("USD")
        electricity = made["electricity"].to_dict()
    problems = chart_text_scan.scan_page(page, japanese=lang == "ja")
    assert [str(p) for p in problems] == []
    tips = [
        t
        for spec, _mode in chart_text_scan.embedded_specs(page)
        for where, t in chart_text_scan._titles_vega(spec)
        if where == "tooltip"
    ]
    assert len(tips) > 60  # every chart has headed tooltips: the check is not vacuous
    # The electricity prices on the axis are in the page's money (yen in Japanese).
    rows = next(iter(electricity["datasets"].values()))
    x_field = electricity["encoding"]["x"]["field"]
    raw = [float(r) for r in scenario_electricity_prices()]
    assert sorted(r[x_field] for r in rows) == pytest.approx(sorted(p * rate for p in raw))
    assert (rate == 156.0) == (lang == "ja")
    if lang == "ja":
        assert electricity["encoding"]["x"]["title"].startswith("電力価格（円/MWh")


def scenario_electricity_prices() -> list[float]:
    from stargate.model import cost_sensitivity
    from stargate.scenario import load_scenario

    sweep = cost_sensitivity.electricity_sweep(load_scenario("base"))
    return list(sweep["electricity_usd_per_mwh"])


@pytest.mark.parametrize("page", ["compare.html", "ja/compare.html"])
def test_compare_page_charts_have_reader_headings(site_tree: Path, page: str) -> None:
    html = (site_tree / page).read_text(encoding="utf-8")
    specs = chart_text_scan.embedded_specs(html)
    assert specs
    assert [str(p) for p in chart_text_scan.scan_page(html, page.startswith("ja/"))] == []
    for spec, _mode in specs:
        titles = [t["title"] for t in spec["encoding"]["tooltip"]]
        assert titles[0] == ("シナリオ" if page.startswith("ja/") else "Scenario")
    # The contents list groups the figures by report, numbered within each (no "aa.").
    toc = html.split('<nav class="sg-toc"', 1)[1].split("</nav>", 1)[0]
    assert 'class="sg-toc-groups"' in toc and 'class="sg-toc-figures"' in toc


def test_confidence_of_a_scenario_figure_is_in_words() -> None:
    from stargate.present import i18n, investor_report
    from stargate.publish.notebook_helpers import _in_edition, edition
    from stargate.scenario import load_scenario

    scenario = load_scenario("base")
    for lang, words in (("en", "set by the scenario"), ("ja", "シナリオの前提")):
        with edition(lang):
            shown = _in_edition(scenario, lang)
            table = investor_report.format_exposure(
                investor_report.describe_exposure(shown), shown.display
            )
            column = table.columns[-1]
            assert "scenario" not in set(table[column]), lang
            assert words in set(table[column]), lang
    assert i18n.current_language() == "en"


def test_tornado_factor_labels_wrap() -> None:
    long = "Azure commitment (on the NPV), OpenAI 2030 cost of compute per unit"
    data = pd.DataFrame(
        {"f": [long, "Price", "Life", "Rate"], "lo": [-3e9, 1e9, 0, 1], "hi": [8e9, 4e9, 2, 3]}
    )
    spec = charts.tornado(data, "f", "lo", "hi", base=2e9, title="T", unit="USD").to_dict()
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert json.dumps(charts.wrap_label(long, 260)) in axis["labelExpr"]
    assert len(charts.wrap_label(long, 260)) == 2
    assert spec["height"] == 160  # 40 px a factor when a label takes two lines


def cut_category_labels(spec: dict) -> list[str]:
    """The category labels of ``spec``'s axes that their axis cuts short (not wrapped and wider
    than its ``labelLimit``, or a wrapped line wider than it)."""
    default = spec.get("config", {}).get("axis", {}).get("labelLimit", 180)
    datasets = spec.get("datasets", {})
    cut = []

    def walk(node: dict, data: list[dict]) -> None:
        if isinstance(node.get("data"), dict) and "name" in node["data"]:
            data = datasets.get(node["data"]["name"], data)
        for channel in ("x", "y"):
            enc = node.get("encoding", {}).get(channel)
            if not enc or enc.get("type") not in ("nominal", "ordinal"):
                continue
            axis = enc.get("axis", {})
            if axis is None:  # no axis drawn
                continue
            limit = axis.get("labelLimit", default)
            sort = enc.get("sort")
            labels = sort if isinstance(sort, list) else [r.get(enc["field"]) for r in data]
            for label in {str(v) for v in labels if v is not None}:
                lines = charts.wrap_label(label, 10**6)
                if json.dumps(label, ensure_ascii=False) in axis.get("labelExpr", ""):
                    lines = [
                        line
                        for line in charts.wrap_label(label, limit - 20)
                        if json.dumps(line, ensure_ascii=False) in axis["labelExpr"]
                    ] or lines
                if any(chart_theme._text_px(line) > limit for line in lines):
                    cut.append(label)
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []):
                walk(child, data)

    walk(spec, [])
    return sorted(cut)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_investor_chart_cuts_a_category_label(lang: str) -> None:
    """Review: "Banks led by JPMorgan & MUFG (Vant…" and 「JPモルガンと三菱UFJが率いる銀行団…」
    on the roles matrix: every category label fits its axis or wraps."""
    from stargate.present import investor_report
    from stargate.publish.notebook_helpers import _in_edition, edition
    from stargate.scenario import load_scenario

    scenario = load_scenario("base")
    with edition(lang):
        shown = _in_edition(scenario, lang)
        built = {
            "roles": investor_report.chart_roles_matrix(),
            "parties": investor_report.parties_chart(shown),
            "capex": investor_report.capex_split_chart(shown),
        }
        specs = {name: chart.to_dict() for name, chart in built.items()}
    for name, spec in specs.items():
        assert cut_category_labels(spec) == [], f"{lang} {name}"


def test_cut_label_check_finds_a_cut_label() -> None:
    long = "Banks led by JPMorgan & MUFG (Vantage Frontier debt)"
    data = pd.DataFrame({"p": [long, "b"], "r": ["x", "y"]})
    chart = alt.Chart(data).mark_circle().encode(x="r:N", y=alt.Y("p:N", sort=[long, "b"]))
    spec = chart.to_dict()
    spec.setdefault("config", {})["axis"] = {"labelLimit": 180}
    assert cut_category_labels(spec) == [long]
