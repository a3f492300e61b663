"""Circular financing for readers: the table, the loop chart with amounts, and a paragraph.

Numbers from :mod:`stargate.model.circular`; figures through :mod:`stargate.present.formatting`
in the scenario's display currency. The chart is plain Altair (points, rules, text) on the
house theme, so it renders offline like every other chart (:mod:`stargate.present.charts`).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from stargate import facts
from stargate.model import circular
from stargate.present import charts
from stargate.present.formatting import format_money, format_ratio, format_table
from stargate.present.i18n import N_, current_language, money_text
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario

CLOUDS = "Clouds (Oracle, Azure, AWS, CoreWeave)"
#: Where each node sits (x, y on a 0-100 square, y up): NVIDIA's loop on the left, AMD's on the
#: right, SoftBank's below; OpenAI in the middle of all three.
NODE_XY: dict[str, tuple[float, float]] = {
    "NVIDIA": (12.0, 82.0),
    "OpenAI": (50.0, 50.0),
    CLOUDS: (12.0, 18.0),
    "AMD": (88.0, 82.0),
    "SoftBank": (88.0, 18.0),
    "Markets and banks": (62.0, 0.0),
}
NODE_COLORS: dict[str, str] = {
    "NVIDIA": charts.PARTY_COLORS["NVIDIA"],
    "OpenAI": charts.PARTY_COLORS["OpenAI"],
    CLOUDS: charts.PARTY_COLORS["Oracle"],
    "AMD": charts.CATEGORY_COLORS[3],
    "SoftBank": charts.PARTY_COLORS["SoftBank"],
    "Markets and banks": charts.PARTY_COLORS["Lenders/Debt"],
}
#: The loops' names, nodes and words (:func:`stargate.model.circular.compute_circular_flows`),
#: for the catalog; English shows them as the model writes them.
CIRCULAR_WORDS = (
    N_("Clouds (Oracle, Azure, AWS, CoreWeave)"),
    N_("Markets and banks"),
    N_("AMD"),
    N_("equity, in steps as each GW is deployed (letter of intent)"),
    N_("compute contracts that pay for the systems"),
    N_("NVIDIA hardware for each GW (NVIDIA's own estimate)"),
    N_("6 GW of Instinct GPUs"),
    N_("warrant: 160m AMD shares at a nominal price, worth this at the share-price target"),
    N_("sale of all its Nvidia shares"),
    N_("partial sale of T-Mobile"),
    N_("bridge loan for the first closing"),
    N_("last tranche of the SoftBank-led round"),
    N_("letter of intent, not definitive"),
    N_("contracts (reported); amount per GW from NVIDIA"),
    N_("Huang's figure per GW x the LOI's GW"),
    N_("purchase agreement; first GW binding"),
    N_("vests with deployment and share-price targets"),
    N_("done (Oct 2025)"),
    N_("done (2025)"),
    N_("loan"),
    N_("paid (Dec 2025)"),
)


def _flows(scenario: Scenario) -> pd.DataFrame:
    """The circular flows with their names and words in the current language."""
    flows = circular.compute_circular_flows(scenario)
    if current_language() == "en":
        return flows
    for column in ("loop", "payer", "payee", "what", "status"):
        flows[column] = [_(t) for t in flows[column]]
    return flows


_NODE_RADIUS = 9.0
_SIDE = 560  # px: a square plot keeps arrowheads pointing along their edges


def format_circular_table(scenario: Scenario, *, with_facts: bool = True) -> pd.DataFrame:
    """:func:`stargate.model.circular.compute_circular_flows` for readers.

    Args:
        scenario: the scenario.
        with_facts: keep the ``facts`` column (the ids of the facts behind each row).
    """
    flows = _flows(scenario)
    currency = scenario.display.currency
    if current_language() != "en":
        currency = "円" if currency == "JPY" else "ドル"
    columns = ["loop", "payer", "payee", "what", "amount_usd", "usd_per_gw", "status", "facts"]
    rename = {
        "amount_usd": _("amount ({currency})").format(currency=currency),
        "usd_per_gw": _("per GW ({currency}/GW)").format(currency=currency),
    }
    out = format_table(
        flows[columns if with_facts else columns[:-1]],
        scenario.display,
        money=["amount_usd", "usd_per_gw"],
        rename=rename,
    )
    if current_language() != "en":  # the other heads are data names: msgids
        shown = set(rename.values())
        out = out.rename(columns=lambda c: str(c) if c in shown else _(str(c)))
    return out


def _edges(scenario: Scenario) -> pd.DataFrame:
    """One edge per (payer, payee): amounts summed, label listing each flow."""
    flows = _flows(scenario)
    disp = scenario.display
    rows = []
    for (payer, payee), group in flows.groupby(["payer", "payee"], sort=False):
        parts = [
            f"{format_money(a, disp)} {w.split(',')[0]}"
            for a, w in zip(group["amount_usd"], group["what"], strict=True)
        ]
        label = (
            format_money(float(group["amount_usd"].sum()), disp)
            if len(group) == 1
            else " + ".join(format_money(a, disp) for a in group["amount_usd"])
        )
        rows.append(
            {
                "payer": payer,
                "payee": payee,
                "loop": group["loop"].iloc[0],
                "amount_usd": float(group["amount_usd"].sum()),
                "label": label,
                "detail": "; ".join(parts),
            }
        )
    return pd.DataFrame(rows)


def tidy_loop_chart(scenario: Scenario) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Chart data: (nodes: name, x, y; edges: x, y, x2, y2, label x/y, arrow angle, texts)."""
    # Names above the upper nodes, below the lower ones (clear of the arrows).
    nodes = pd.DataFrame(
        [
            {"name": _(n), "x": x, "y": y, "name_y": y + 10 if y >= 30 else y - 10}
            for n, (x, y) in NODE_XY.items()
        ]
    )
    edges = _edges(scenario)
    pairs = {(r.payer, r.payee) for r in edges.itertuples()}
    where = {_(n): xy for n, xy in NODE_XY.items()}
    geo = []
    for e in edges.itertuples():
        (x0, y0), (x1, y1) = where[e.payer], where[e.payee]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        # Two flows between the same nodes run side by side, each offset to its own left.
        shift = 3.0 if (e.payee, e.payer) in pairs else 0.0
        ox, oy = -uy * shift, ux * shift
        sx, sy = x0 + ux * _NODE_RADIUS + ox, y0 + uy * _NODE_RADIUS + oy
        ex, ey = x1 - ux * _NODE_RADIUS + ox, y1 - uy * _NODE_RADIUS + oy
        # Label beside the middle of the edge, on the same side as the offset.
        side = 4.0
        geo.append(
            {
                "x": sx,
                "y": sy,
                "x2": ex,
                "y2": ey,
                "label_x": (sx + ex) / 2 - uy * side,
                "label_y": (sy + ey) / 2 + ux * side,
                # Vega's point angle: degrees clockwise from "up" (the plot is square)
                "angle": math.degrees(math.atan2(ux, uy)) % 360,
            }
        )
    return nodes, pd.concat([edges, pd.DataFrame(geo)], axis=1)


def chart_circular_loop(scenario: Scenario) -> Any:
    """The three loops as nodes and arrows, each arrow labelled with its amount."""
    import altair as alt

    nodes, edges = tidy_loop_chart(scenario)
    summary = circular.summarize_circular_financing(scenario)
    disp = scenario.display
    nvda_back = format_money(summary["nvidia_revenue_per_gw_usd"], disp)
    nvda_in = format_money(summary["nvidia_investment_per_gw_usd"], disp)
    subtitle = _(
        "NVIDIA: {nvidia_back} of hardware per GW for {nvidia_in} invested · AMD: warrant "
        "{warrant_ratio} its sales at a {price_target} share price · SoftBank: asset sales and "
        "a loan"
    ).format(
        nvidia_back=nvda_back,
        nvidia_in=nvda_in,
        warrant_ratio=_ratio(summary["amd_warrant_to_sales"], 2),
        price_target=format_money(facts.value("amd_6gw_share_price_target"), disp),
    )
    scale_x = alt.Scale(domain=[-8, 108], nice=False)
    scale_y = alt.Scale(domain=[-12, 104], nice=False)
    axis = None
    tip = [
        alt.Tooltip("payer:N", title=_("From")),
        alt.Tooltip("payee:N", title=_("To")),
        alt.Tooltip("detail:N", title=_("What")),
    ]
    rules = (
        alt.Chart(edges)
        .mark_rule(strokeWidth=2, color=charts.MUTED_COLOR)
        .encode(
            x=alt.X("x:Q", scale=scale_x, axis=axis),
            y=alt.Y("y:Q", scale=scale_y, axis=axis),
            x2="x2:Q",
            y2="y2:Q",
            tooltip=tip,
        )
    )
    heads = (
        alt.Chart(edges)
        .mark_point(shape="triangle", filled=True, size=110, color=charts.MUTED_COLOR, opacity=1)
        .encode(
            x=alt.X("x2:Q", scale=scale_x, axis=axis),
            y=alt.Y("y2:Q", scale=scale_y, axis=axis),
            angle=alt.Angle("angle:Q", scale=None),
            tooltip=tip,
        )
    )
    labels = (
        alt.Chart(edges)
        .mark_text(fontSize=11, fontWeight="bold", color=charts.TEXT_COLOR)
        .encode(
            x=alt.X("label_x:Q", scale=scale_x, axis=axis),
            y=alt.Y("label_y:Q", scale=scale_y, axis=axis),
            text="label:N",
            tooltip=tip,
        )
    )
    circles = (
        alt.Chart(nodes)
        .mark_circle(size=1400, opacity=0.9)
        .encode(
            x=alt.X("x:Q", scale=scale_x, axis=axis),
            y=alt.Y("y:Q", scale=scale_y, axis=axis),
            color=alt.Color(
                "name:N",
                scale=alt.Scale(
                    domain=[_(n) for n in NODE_COLORS], range=list(NODE_COLORS.values())
                ),
                legend=None,
            ),
            tooltip=[alt.Tooltip("name:N", title=_("Party"))],
        )
    )
    names = (
        alt.Chart(nodes)
        .mark_text(fontSize=12, color=charts.TEXT_COLOR)
        .encode(
            x=alt.X("x:Q", scale=scale_x, axis=axis),
            y=alt.Y("name_y:Q", scale=scale_y, axis=axis),
            text="name:N",
        )
    )
    return (
        alt.layer(rules, heads, circles, names, labels)
        .properties(
            width=_SIDE,
            height=_SIDE,
            title=charts.chart_title(
                N_("Circular financing: money that comes back as revenue"),
                "USD",
                subtitle,
                subtitle_shown=True,  # written above, with its figures
            ),
        )
        .configure_view(stroke=None)
    )


def build_circular_paragraph(scenario: Scenario) -> str:
    """The three loops in three sentences (Markdown)."""
    disp = scenario.display
    s = circular.summarize_circular_financing(scenario)
    return _(
        "**NVIDIA** intends to invest {nvidia_in} per GW OpenAI deploys (a letter of intent, "
        "not a definitive agreement), while each GW needs about {nvidia_hardware} of its "
        "hardware: {nvidia_back} comes back as revenue for each dollar invested. **AMD** sells "
        "OpenAI GPUs worth about {amd_sales} per GW and gives it a warrant worth {amd_warrant} "
        "per GW if its shares reach the {price_target} target - {warrant_ratio} the sales. "
        "**SoftBank** paid its last {softbank_tranche} into OpenAI with {asset_sales} of asset "
        "sales (all its Nvidia shares, part of T-Mobile) and a {bridge_loan} bridge loan."
    ).format(
        nvidia_in=_money(s["nvidia_investment_per_gw_usd"], disp),
        nvidia_hardware=_money(s["nvidia_revenue_per_gw_usd"], disp),
        nvidia_back=_ratio(s["nvidia_revenue_per_dollar_invested"]),
        amd_sales=_money(s["amd_sales_per_gw_usd"], disp),
        amd_warrant=_money(s["amd_warrant_per_gw_usd"], disp),
        price_target=_money(facts.value("amd_6gw_share_price_target"), disp),
        warrant_ratio=_ratio(s["amd_warrant_to_sales"], 2),
        softbank_tranche=_money(s["softbank_tranche_usd"], disp),
        asset_sales=_money(s["softbank_asset_sales_usd"], disp),
        bridge_loan=_money(s["softbank_bridge_loan_usd"], disp),
    )


def _money(amount_usd: float, display: object) -> str:
    """An amount in running text: the display currency; Japanese: yen, then the dollars."""
    if current_language() != "en":
        return money_text(amount_usd, display)
    return format_money(amount_usd, display)  # type: ignore[arg-type]


def _ratio(value: float, digits: int | None = None) -> str:
    """A multiple: ``0.83×``; Japanese: ``0.83倍``."""
    text = format_ratio(value) if digits is None else format_ratio(value, digits)
    return text if current_language() == "en" else text.replace("×", "倍")
