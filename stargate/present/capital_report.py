"""The capital structure and the one venture reconciliation as readers see them.

Tables, the flow chart and the sentences for :mod:`stargate.model.capital_structure`, shared by
the investor-roles and the sustainability reports so both show the same lines with the same
numbers. Every amount goes through the house formatter in the scenario's display currency, and
every column that holds a figure names its unit.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from stargate.model import capital_structure as cs
from stargate.present import charts
from stargate.present.fact_text import fill_facts
from stargate.present.formatting import (
    MISSING,
    DisplaySettings,
    format_money,
    format_ratio,
    format_table,
)
from stargate.scenario import Scenario


def money_header(name: str, display: DisplaySettings) -> str:
    """A column title that names the currency its amounts are shown in: ``amount (USD)``."""
    return f"{name} ({display.currency})"


# =========================================================================== layers and stack


def format_capital_layers(scenario: Scenario) -> pd.DataFrame:
    """Who owns each layer, who funds it, on what terms (:func:`cs.list_capital_layers`)."""
    show = scenario.display
    table = cs.list_capital_layers()
    table["instrument"] = [fill_facts(t, show) for t in table["instrument"]]
    table["terms"] = [fill_facts(t, show) if t else MISSING for t in table["terms"]]
    table["as_of"] = [d or MISSING for d in table["as_of"]]
    table["is_counted"] = ["yes" if c else "no" for c in table["is_counted"]]
    columns = [
        "layer",
        "scope",
        "owner",
        "funder",
        "instrument",
        "amount_usd",
        "rate",
        "tenor",
        "terms",
        "as_of",
        "is_counted",
        "why",
        "source",
        "confidence",
    ]
    return format_table(
        table[columns],
        show,
        money=["amount_usd"],
        rename={
            "amount_usd": money_header("amount", show),
            "rate": "interest rate (% a year)",
            "tenor": "tenor (years)",
            "as_of": "dated",
            "is_counted": "in the funding stack",
            "why": "why (or why not)",
        },
    )


def format_funding_stack(scenario: Scenario) -> pd.DataFrame:
    """Every funder named in the evidence: what it reports and what of it is counted."""
    show = scenario.display
    stack = cs.build_funding_stack(scenario)
    stack["what"] = [fill_facts(t, show) for t in stack["what"]]
    return format_table(
        stack[["funder", "layer", "what", "reported_usd", "counted_usd", "why", "source"]],
        show,
        money=["reported_usd", "counted_usd"],
        rename={
            "reported_usd": money_header("reported", show),
            "counted_usd": money_header("counted in the stack", show),
        },
    )


# =========================================================================== the reconciliation

#: A line's sign; the conditional lines below the gap are in brackets (not part of its sum).
_SIGNS: dict[str, str] = {
    "use": "+",
    "revenue": "−",
    "source": "−",
    "subtotal": "=",
    "gap": "=",
    "if_source": "(−)",
    "if_subtotal": "(=)",
}


def describe_reconciliation(scenario: Scenario) -> pd.DataFrame:
    """The reconciliation's lines (:func:`cs.reconcile_venture_funding`) in words.

    Returns:
        Columns ``sign`` (+, −, =), ``line`` (placeholders filled), ``amount_usd``,
        ``figure`` (which published figure the line is; "—" for none), ``line_id``, ``kind``.
    """
    show = scenario.display
    lines = cs.reconcile_venture_funding(scenario).lines
    return pd.DataFrame(
        {
            "sign": [_SIGNS[k] for k in lines["kind"]],
            "line": [fill_facts(t, show) for t in lines["line"]],
            "amount_usd": lines["amount_usd"],
            "figure": [f if f else MISSING for f in lines["figure"]],
            "line_id": lines["line_id"],
            "kind": lines["kind"],
        }
    )


def format_reconciliation(scenario: Scenario) -> pd.DataFrame:
    """The one reconciliation for readers: sign, line, amount, the figure it is."""
    show = scenario.display
    table = describe_reconciliation(scenario)
    return format_table(
        table[["sign", "line", "amount_usd", "figure"]],
        show,
        money=["amount_usd"],
        rename={
            "sign": " ",
            "amount_usd": money_header("amount", show),
            "figure": "which published figure this line is",
        },
    )


def format_cash_need_by_year(scenario: Scenario) -> pd.DataFrame:
    """The venture's uses, revenue and cash need per year (:func:`cs.compute_cash_need_by_year`)."""
    show = scenario.display
    table = cs.compute_cash_need_by_year(scenario).reset_index()
    table["in_reconciliation"] = [
        "yes" if x else "no (after the peak)" for x in table["in_reconciliation"]
    ]
    money = [
        "programme_capex_usd",
        "refresh_usd",
        "running_usd",
        "revenue_usd",
        "cash_need_usd",
        "cumulative_need_usd",
    ]
    names = {
        "programme_capex_usd": "programme capex",
        "refresh_usd": "IT refresh",
        "running_usd": "running costs",
        "revenue_usd": "revenue from OpenAI",
        "cash_need_usd": "cash need",
        "cumulative_need_usd": "cash need so far",
    }
    return format_table(
        table,
        show,
        money=money,
        rename={
            "year": "year",
            **{k: money_header(v, show) for k, v in names.items()},
            "in_reconciliation": "in the reconciliation",
        },
    )


def write_reconciliation_summary(scenario: Scenario) -> str:
    """Markdown: the reconciliation in a few sentences, each figure named by its line."""
    show = scenario.display
    rec = cs.reconcile_venture_funding(scenario)
    v = rec.value
    named = rec.named_usd()
    equity = sum(v(f"equity_{k}") for k in ("softbank", "openai", "oracle", "mgx"))
    span = (
        f"{rec.first_year}–{rec.peak_year}"
        if rec.peak_year > rec.first_year
        else str(rec.first_year)
    )
    text = (
        f"**One reconciliation, one gap.** Over {span}, the programme's capex "
        f"({format_money(v('programme_capex'), show)}), IT refreshes and running costs, less the "
        f"{format_money(v('revenue'), show)} OpenAI pays the venture, leave a **cash need of "
        f"{format_money(v('cash_need'), show)} at its peak in {rec.peak_year}** (the figure the "
        f"Monte Carlo calls the venture's need). The partners' equity "
        f"({format_money(equity, show)} used) and the named lenders, lessors and developers, "
        f"each counted only against the layer it pays for "
        f"({format_money(named, show)}), leave **{format_money(v('funding_gap'), show)} as the "
        "venture's funding gap**: cash need no equity or named funder covers. Below the gap, "
        "and only if it were raised: at the assumed leverage of "
        f"{format_ratio(rec.max_debt_to_equity_ratio, 2)} (Abilene's loans over its owners' "
        "capital; no lender is named) the venture could borrow "
        f"{format_money(v('assumed_debt'), show)} more, which would leave "
        f"{format_money(v('left_after_debt'), show)}."
    )
    return text + (
        " That leverage caps all the debt in the structure, so the named loans already use "
        "part of it: the debt it leaves room for is the leverage times the partners' equity and "
        "the named developers' capital, less the named loans. Oracle buys and owns Abilene's "
        "GPUs, but the venture here earns OpenAI's payments for every GPU-hour, Abilene's "
        "included, so Oracle's purchase is listed, not counted: the venture cannot have both the "
        "GPUs' rent and the GPUs. The named money is not free: developers are repaid through "
        "Oracle's lease payments and lenders through interest, whose amounts are not reported "
        "and so are not in the running costs; the gap is a floor. OpenAI's own corporate funding "
        "need is a separate object (see the *Sustainability* report)."
    )


# =========================================================================== the flow chart

_ROW_GAP_SHARE = 0.022
_X_LEFT = (0.30, 0.33)
_X_RIGHT = (0.67, 0.70)
_STEPS = 24


def _stack_nodes(names: list[str], amounts: dict[str, float], pad: float) -> dict[str, float]:
    """Top of each node when ``names`` are stacked from the top, ``pad`` apart (y grows up)."""
    total = sum(amounts[n] for n in names) + pad * (len(names) - 1)
    tops, y = {}, total
    for n in names:
        tops[n] = y
        y -= amounts[n] + pad
    return tops


def tidy_flow_chart(scenario: Scenario) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes and ribbons of the sources → uses flow chart (:func:`cs.list_capital_flows`).

    Returns:
        ``nodes`` (``name``, ``side`` left/right, ``x``, ``x2``, ``y``, ``y2``, ``amount_usd``,
        ``label``) and ``ribbons`` (``link``, ``source``, ``use``, ``x``, ``y``, ``y2``,
        ``amount_usd``, ``shown``): each ribbon a band sampled along x, its width the amount.
    """
    flows = cs.list_capital_flows(scenario)
    flows = flows[flows["amount_usd"] > 0].reset_index(drop=True)
    sources = list(dict.fromkeys(flows["source"]))
    uses = list(dict.fromkeys(flows["use"]))
    out_of = flows.groupby("source")["amount_usd"].sum().to_dict()
    into = flows.groupby("use")["amount_usd"].sum().to_dict()
    total = float(flows["amount_usd"].sum())
    pad = total * _ROW_GAP_SHARE
    left_tops = _stack_nodes(sources, out_of, pad)
    right_tops = _stack_nodes(uses, into, pad)
    shift = (max(left_tops.values()) - max(right_tops.values())) / 2.0
    right_tops = {k: t + shift for k, t in right_tops.items()}
    nodes = []
    for side, names, tops, amounts, (x0, x1) in (
        ("left", sources, left_tops, out_of, _X_LEFT),
        ("right", uses, right_tops, into, _X_RIGHT),
    ):
        for n in names:
            nodes.append(
                {
                    "name": n,
                    "side": side,
                    "x": x0,
                    "x2": x1,
                    "y": tops[n] - amounts[n],
                    "y2": tops[n],
                    "mid": tops[n] - amounts[n] / 2.0,
                    "amount_usd": amounts[n],
                    "label": f"{n}: {charts.format_value(amounts[n], 'USD')}",
                }
            )
    out_cursor = dict(left_tops)
    in_cursor = dict(right_tops)
    t = np.linspace(0.0, 1.0, _STEPS)
    ease = t * t * (3.0 - 2.0 * t)
    ribbons = []
    for i, f in flows.iterrows():
        a = float(f["amount_usd"])
        s_top, u_top = out_cursor[f["source"]], in_cursor[f["use"]]
        out_cursor[f["source"]] -= a
        in_cursor[f["use"]] -= a
        top = s_top + (u_top - s_top) * ease
        x = _X_LEFT[1] + (_X_RIGHT[0] - _X_LEFT[1]) * t
        for xi, yi in zip(x, top, strict=True):
            ribbons.append(
                {
                    "link": int(i),
                    "source": f["source"],
                    "use": f["use"],
                    "x": float(xi),
                    "y": float(yi - a),
                    "y2": float(yi),
                    "amount_usd": a,
                    "shown": charts.format_value(a, "USD"),
                    "tied": "named funder, its own layer"
                    if f["is_tied"]
                    else "pooled money, spread in proportion",
                }
            )
    return pd.DataFrame(nodes), pd.DataFrame(ribbons)


def chart_capital_flows(scenario: Scenario) -> alt.LayerChart:
    """Where the venture's money comes from and what it pays for, up to its peak need.

    A Sankey-style chart from Altair marks: rectangles for sources (left) and uses (right),
    their heights the amounts; ribbons between them as wide as each flow.
    """
    nodes, ribbons = tidy_flow_chart(scenario)
    rec = cs.reconcile_venture_funding(scenario)
    span = (
        f"{rec.first_year}–{rec.peak_year}"
        if rec.peak_year > rec.first_year
        else str(rec.first_year)
    )
    top = float(nodes["y2"].max())
    bottom = float(nodes["y"].min())
    y_scale = alt.Scale(domain=[bottom, top], nice=False, zero=False)
    x_scale = alt.Scale(domain=[0.0, 1.0], nice=False)
    colors = charts.color_scale(
        list(nodes.loc[nodes["side"] == "left", "name"]),
        {
            **{f"{p} equity": c for p, c in charts.PARTY_COLORS.items()},
            "Revenue from OpenAI": "#0f766e",
            "Funding gap": "#d9534f",
        },
    )
    tip = [
        alt.Tooltip("source:N", title="From"),
        alt.Tooltip("use:N", title="Pays for"),
        alt.Tooltip("shown:N", title="Amount"),
        alt.Tooltip("tied:N", title="How it is tied"),
    ]
    bands = (
        alt.Chart(ribbons)
        .mark_area(opacity=0.45, interpolate="linear")
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=None),
            y=alt.Y("y:Q", scale=y_scale, axis=None),
            y2="y2:Q",
            detail="link:N",
            color=alt.Color("source:N", scale=colors, legend=None),
            tooltip=tip,
        )
    )
    node_tip = [alt.Tooltip("label:N", title="Node")]
    boxes = (
        alt.Chart(nodes)
        .mark_rect(color=charts.TEXT_COLOR, opacity=0.85)
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=None),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale, axis=None),
            y2="y2:Q",
            tooltip=node_tip,
        )
    )
    left = (
        alt.Chart(nodes[nodes["side"] == "left"])
        .mark_text(align="right", dx=-4, fontSize=10, color=charts.TEXT_COLOR)
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=None),
            y=alt.Y("mid:Q", scale=y_scale, axis=None),
            text="label:N",
            tooltip=node_tip,
        )
    )
    right = (
        alt.Chart(nodes[nodes["side"] == "right"])
        .mark_text(align="left", dx=4, fontSize=11, color=charts.TEXT_COLOR)
        .encode(
            x=alt.X("x2:Q", scale=x_scale, axis=None),
            y=alt.Y("mid:Q", scale=y_scale, axis=None),
            text="label:N",
            tooltip=node_tip,
        )
    )
    title = charts.chart_title(
        f"Who pays for the venture's build-out, {span}",
        "USD",
        "Named funders flow to the layer they pay for; revenue, equity and the funding gap "
        "are spread over the rest in proportion",
    )
    return (
        alt.layer(bands, boxes, left, right, title=title)
        .properties(width=charts.WIDTH_PX, height=max(charts.HEIGHT_PX, 26 * len(nodes)))
        .configure_view(stroke=None)
    )


def format_capital_flows(scenario: Scenario) -> pd.DataFrame:
    """The flows of :func:`chart_capital_flows` as a table, one row per ribbon."""
    show = scenario.display
    flows = cs.list_capital_flows(scenario)
    flows = flows[flows["amount_usd"] > 0].copy()
    flows["is_tied"] = [
        "named funder, its own layer" if x else "pooled, in proportion" for x in flows["is_tied"]
    ]
    return format_table(
        flows,
        show,
        money=["amount_usd"],
        rename={
            "source": "from",
            "use": "pays for",
            "amount_usd": money_header("amount", show),
            "is_tied": "how it is tied",
        },
    )
