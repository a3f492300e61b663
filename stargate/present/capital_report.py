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
from stargate.model import parties
from stargate.present import charts, i18n
from stargate.present.data_text import data_text, data_texts, template_text
from stargate.present.fact_text import fill_facts
from stargate.present.formatting import (
    MISSING,
    DisplaySettings,
    format_money,
    format_ratio,
    format_table,
)
from stargate.present.i18n import (
    N_,
    current_language,
    format_date,
    join_sentences,
    money_text,
    scenario_title,
    year_span,
)
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario

#: The names of the layers, the flow chart's sources and uses and the words of the tables'
#: cells (:mod:`stargate.model.capital_structure`), for the catalog.
LAYER_WORDS = (
    N_("Land, buildings & power plant"),
    N_("GPUs, servers & networking"),
    N_("The compute contract"),
    N_("Electricity"),
    N_("Money for the parties, not the programme"),
    N_("Revenue"),
    N_("Venture equity"),
    N_("Gap"),
    N_("Running costs"),
    N_("JPMorgan loans (Abilene)"),
    N_("Abilene JV equity"),
    N_("JPMorgan & MUFG loan (Shackelford)"),
    N_("JPMorgan & MUFG loan (Port Washington)"),
    N_("New Mexico loan package"),
    N_("Revenue from OpenAI"),
    N_("SoftBank equity"),
    N_("OpenAI equity"),
    N_("Oracle equity"),
    N_("MGX equity"),
    N_("Funding gap"),
    N_("not reported"),
    N_("none reported"),
    N_("JPMorgan"),
    N_("Banks led by JPMorgan & MUFG"),
    N_("Lenders to the New Mexico site (not named)"),
    N_("Oracle's bondholders"),
    N_("Banks (bridge loan to SoftBank)"),
    N_("OpenAI (payments for compute)"),
    N_("Funding gap (no equity or named funder covers it)"),
    N_("funder"),
    N_("layer"),
    N_("scope"),
    N_("owner"),
    N_("instrument"),
    N_("terms"),
    N_("source"),
    N_("confidence"),
    N_("what"),
    N_("why"),
    N_("year"),
    N_("loop"),
)


def word(text: object) -> object:
    """A name or word of a table cell in the current language (others stay as they are)."""
    return _(text) if isinstance(text, str) and current_language() != "en" else text


def headers(table: pd.DataFrame) -> pd.DataFrame:
    """A reader table with its column titles in the current language."""
    if current_language() == "en":
        return table
    return table.rename(columns=lambda c: _(str(c)))


def money_header(name: str, display: DisplaySettings) -> str:
    """A column title that names the currency its amounts are shown in: ``amount (USD)``.

    ``name`` is an English msgid; in Japanese: ``金額（円）``.
    """
    if current_language() != "en":
        unit = "円" if display.currency == "JPY" else "ドル"
        return _("{name} ({currency})").format(name=_(name), currency=unit)
    return f"{name} ({display.currency})"


# =========================================================================== layers and stack


def format_capital_layers(scenario: Scenario) -> pd.DataFrame:
    """Who owns each layer, who funds it, on what terms (:func:`cs.list_capital_layers`).

    The model's ``rate`` and ``tenor`` are not columns of their own: no interest rate is in the
    register, and where a tenor is reported the terms already say it (four years plus
    extensions), so the table fits a 1280-pixel page.
    """
    show = scenario.display
    table = cs.list_capital_layers()
    table["instrument"] = data_texts(table["instrument"], show)
    table["terms"] = [data_text(t, show) if t else MISSING for t in table["terms"]]
    for column in ("scope", "owner", "why"):
        table[column] = data_texts(table[column])
    english = current_language() == "en"
    table["as_of"] = [(d if english else format_date(d)) if d else MISSING for d in table["as_of"]]
    table["is_counted"] = [_("yes") if c else _("no") for c in table["is_counted"]]
    for column in ("layer", "funder"):  # the owner was translated above, as a table text
        table[column] = [word(t) for t in table[column]]
    columns = [
        "layer",
        "scope",
        "owner",
        "funder",
        "instrument",
        "amount_usd",
        "terms",
        "as_of",
        "is_counted",
        "why",
        "source",
        "confidence",
    ]
    return headers(
        format_table(
            table[columns],
            show,
            money=["amount_usd"],
            rename={
                "amount_usd": money_header(N_("amount"), show),
                "as_of": _("dated"),
                "is_counted": _("in the funding stack"),
                "why": _("why (or why not)"),
            },
        )
    )


def format_funding_stack(scenario: Scenario) -> pd.DataFrame:
    """Every funder named in the evidence: what it reports and what of it is counted."""
    show = scenario.display
    stack = cs.build_funding_stack(scenario)
    stack["what"] = [
        fill_facts(template_text(t, v, translated=v), show)
        for t, v in zip(stack["what_template"], stack["what_values"], strict=True)
    ]
    stack["why"] = data_texts(stack["why"])
    scenario_source = [
        data_text(cs.STACK_TEXTS["scenario"]).format(title=scenario_title(scenario))
        for _c in stack["confidence"]
    ]
    stack["source"] = stack["source"].where(stack["confidence"] != "scenario", scenario_source)
    stack["funder"] = [word(t) for t in stack["funder"]]
    stack["layer"] = [word(t) for t in stack["layer"]]
    return headers(
        format_table(
            stack[["funder", "layer", "what", "reported_usd", "counted_usd", "why", "source"]],
            show,
            money=["reported_usd", "counted_usd"],
            rename={
                "reported_usd": money_header(N_("reported"), show),
                "counted_usd": money_header(N_("counted in the stack"), show),
            },
        )
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


#: The values of a reconciliation line that are texts of a table (translated, then put in).
_TRANSLATED_VALUES = ("name", "funder", "instrument", "scope")


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
            "line": [
                fill_facts(template_text(t, v, translated=_TRANSLATED_VALUES), show)
                for t, v in zip(lines["template"], lines["values"], strict=True)
            ],
            "amount_usd": lines["amount_usd"],
            "figure": [data_text(f) if f else MISSING for f in lines["figure"]],
            "line_id": lines["line_id"],
            "kind": lines["kind"],
        }
    )


def format_reconciliation(scenario: Scenario) -> pd.DataFrame:
    """The one reconciliation for readers: sign, line, amount, the figure it is."""
    show = scenario.display
    table = describe_reconciliation(scenario)
    return headers(
        format_table(
            table[["sign", "line", "amount_usd", "figure"]],
            show,
            money=["amount_usd"],
            rename={
                "sign": " ",
                "amount_usd": money_header(N_("amount"), show),
                "figure": _("which published figure this line is"),
            },
        )
    )


def format_cash_need_by_year(scenario: Scenario) -> pd.DataFrame:
    """The venture's uses, revenue and cash need per year (:func:`cs.compute_cash_need_by_year`)."""
    show = scenario.display
    table = cs.compute_cash_need_by_year(scenario).reset_index()
    table["in_reconciliation"] = [
        _("yes") if x else _("no (after the peak)") for x in table["in_reconciliation"]
    ]
    money = [
        "programme_capex_usd",
        "refresh_usd",
        "running_usd",
        "revenue_usd",
        "deferred_capex_usd",
        "cash_need_usd",
        "cumulative_need_usd",
    ]
    names = {
        "programme_capex_usd": N_("programme capex"),
        "refresh_usd": N_("IT refresh"),
        "running_usd": N_("running costs"),
        "revenue_usd": N_("revenue from OpenAI"),
        "deferred_capex_usd": N_("capex deferred past 2030, still owed"),
        "cash_need_usd": N_("cash need"),
        "cumulative_need_usd": N_("cash need so far"),
    }
    return format_table(
        table,
        show,
        money=money,
        rename={
            "year": _("year"),
            **{k: money_header(v, show) for k, v in names.items()},
            "in_reconciliation": _("in the reconciliation"),
        },
    )


def write_reconciliation_summary(scenario: Scenario, with_obligor: bool = False) -> str:
    """Markdown: the reconciliation in a few sentences, each figure named by its line.

    ``with_obligor``: add :func:`write_venture_obligor` as a second paragraph (the investor
    page, where the parties and their layers are listed).
    """
    show = scenario.display
    rec = cs.reconcile_venture_funding(scenario)
    v = rec.value
    named = rec.named_usd()
    equity = sum(v(f"equity_{k}") for k in ("softbank", "openai", "oracle", "mgx"))
    span = year_span(rec.first_year, max(rec.peak_year, rec.first_year))
    text = _(
        "**One reconciliation, one gap.** Over {span}, the programme's capex "
        "({programme_capex}), IT refreshes and running costs, less the {revenue} OpenAI pays "
        "the venture, leave a **cash need of {cash_need} at its peak in {peak_year}** (the "
        "figure the Monte Carlo calls the venture's need). The partners' equity ({equity} "
        "used) and the named lenders, lessors and developers, each counted only against the "
        "layer it pays for ({named}), leave **{gap} as the venture's funding gap**: cash need "
        "no equity or named funder covers. Below the gap, and only if it were raised: at the "
        "assumed leverage of {leverage} (Abilene's loans over its owners' capital; no lender "
        "is named) the venture could borrow {debt} more, which would leave {left}."
    ).format(
        span=span,
        programme_capex=_money(v("programme_capex"), show),
        revenue=_money(v("revenue"), show),
        cash_need=_money(v("cash_need"), show),
        peak_year=rec.peak_year,
        equity=_money(equity, show),
        named=_money(named, show),
        gap=_money(v("funding_gap"), show),
        leverage=_ratio(rec.max_debt_to_equity_ratio),
        debt=_money(v("assumed_debt"), show),
        left=_money(v("left_after_debt"), show),
    )
    summary = join_sentences(
        text,
        _(
            "That leverage caps all the debt in the structure, so the named loans already use "
            "part of it: the debt it leaves room for is the leverage times the partners' equity "
            "and the named developers' capital, less the named loans. Oracle buys and owns "
            "Abilene's GPUs, but the venture here earns OpenAI's payments for every GPU-hour, "
            "Abilene's included, so Oracle's purchase is listed, not counted: the venture cannot "
            "have both the GPUs' rent and the GPUs. The named money is not free: developers are "
            "repaid through Oracle's lease payments and lenders through interest, whose amounts "
            "are not reported and so are not in the running costs; the gap is a floor. OpenAI's "
            "own corporate funding need is a separate object (see the *Sustainability* report)."
        ),
    )
    if with_obligor:
        return f"{summary}\n\n{write_venture_obligor(scenario)}"
    return summary


def venture_gap_by_partner_usd(scenario: Scenario) -> dict[str, float]:
    """The venture's funding gap shared among the partners pro rata to their equity (USD).

    The model's reading of who would carry the gap if Stargate LLC carried it (no source says
    so): each partner's equity under the scenario over the four's, times the gap line of
    :func:`cs.reconcile_venture_funding`. Keys: the equity parties (withdrawn: 0); the values
    add up to the gap. No equity at all: every share is 0.
    """
    gap = cs.reconcile_venture_funding(scenario).value("funding_gap")
    equity = parties.equity_usd_by_party(scenario)
    total = float(sum(equity.values()))
    return {p: (gap * usd / total if total > 0 else 0.0) for p, usd in equity.items()}


def write_venture_obligor(scenario: Scenario) -> str:
    """Markdown: who "the venture" is, who would carry its gap, why Oracle's GPUs are not counted.

    The venture is the programme seen as one balance sheet; no company reports it. The gap is
    the reconciliation's line, shared among the partners by :func:`venture_gap_by_partner_usd`
    (the model's reading, not a reported fact), or carried layer by layer by the owners the
    capital-layers table names.
    """
    show = scenario.display
    rec = cs.reconcile_venture_funding(scenario)
    shares = venture_gap_by_partner_usd(scenario)
    values = {
        "gap": _money(rec.value("funding_gap"), show),
        "softbank": _money(shares["softbank"], show),
        "openai": _money(shares["openai"], show),
        "oracle": _money(shares["oracle"], show),
        "mgx": _money(shares["mgx"], show),
    }
    lead = _(
        '**Who "the venture" is.** No company reports the venture\'s accounts: it is the '
        "programme seen as one balance sheet, Stargate LLC's partners (SoftBank, OpenAI, Oracle "
        "and MGX) together with the Stargate assets of Oracle (the GPUs it buys and runs) and of "
        "the developers (the campuses they own and lease to Oracle), as the capital-structure "
        "table lists them. If the venture's {gap} funding gap opened, the model's reading — not "
        "a reported fact — is that it would fall either on the partners pro rata to their "
        "equity commitments (SoftBank {softbank}, OpenAI {openai}, Oracle {oracle}, MGX "
        "{mgx}), if Stargate LLC carried it, or layer by layer on the owners that table names: "
        "Oracle for the GPUs, the developers and their lenders for the land, buildings and "
        "power plant."
    ).format(**values)
    oracle = fill_facts(
        _(
            "Oracle's {abilene_gpus_oracle_ft_usd} of GPUs for Abilene is listed, not counted, "
            "for the same reason that the exposure table's {sg_oracle_300bn} that Oracle earns "
            "is not the venture's cost: on one balance sheet, OpenAI's contract is the venture's "
            "revenue and the GPUs are the venture's to pay for, whoever holds the title."
        ),
        show,
    )
    return join_sentences(lead, oracle)


def _money(amount_usd: float, display: DisplaySettings) -> str:
    """An amount in running text: the display currency; Japanese: yen, then the dollars."""
    if current_language() != "en":
        return money_text(amount_usd, display)
    return format_money(amount_usd, display)


def _ratio(value: float) -> str:
    """A multiple in running text: ``1.68×``; Japanese: ``1.68倍``."""
    text = format_ratio(value, 2)
    return text if current_language() == "en" else text.replace("×", "倍")


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
    flows["source"] = [word(t) for t in flows["source"]]
    flows["use"] = [word(t) for t in flows["use"]]
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
                    "label": _("{name}: {amount}").format(
                        name=n, amount=charts.format_value(amounts[n], "USD")
                    ),
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
                    "tied": _("named funder, its own layer")
                    if f["is_tied"]
                    else _("pooled money, spread in proportion"),
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
    span = year_span(rec.first_year, max(rec.peak_year, rec.first_year))
    top = float(nodes["y2"].max())
    bottom = float(nodes["y"].min())
    y_scale = alt.Scale(domain=[bottom, top], nice=False, zero=False)
    x_scale = alt.Scale(domain=[0.0, 1.0], nice=False)
    with i18n.not_recording():  # every party's colour; the chart names only some
        equity_colors = {word(f"{p} equity"): c for p, c in charts.PARTY_COLORS.items()}
    colors = charts.color_scale(
        list(nodes.loc[nodes["side"] == "left", "name"]),
        {
            **equity_colors,
            word("Revenue from OpenAI"): "#0f766e",
            word("Funding gap"): "#d9534f",
        },
    )
    tip = [
        alt.Tooltip("source:N", title=_("From")),
        alt.Tooltip("use:N", title=_("Pays for")),
        alt.Tooltip("shown:N", title=_("Amount")),
        alt.Tooltip("tied:N", title=_("How it is tied")),
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
    node_tip = [alt.Tooltip("label:N", title=_("Node"))]
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
        _("Who pays for the venture's build-out, {span}").format(span=span),
        "USD",
        N_(
            "Named funders flow to the layer they pay for; revenue, equity and the funding gap "
            "are spread over the rest in proportion"
        ),
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
        _("named funder, its own layer") if x else _("pooled, in proportion")
        for x in flows["is_tied"]
    ]
    flows["source"] = [word(t) for t in flows["source"]]
    flows["use"] = [word(t) for t in flows["use"]]
    return format_table(
        flows,
        show,
        money=["amount_usd"],
        rename={
            "source": _("from"),
            "use": _("pays for"),
            "amount_usd": money_header(N_("amount"), show),
            "is_tied": _("how it is tied"),
        },
    )
