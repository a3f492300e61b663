"""The investor-roles report as readers see it: tables, paragraphs and charts.

One concept — the presentation of this one report, in the order the notebook shows it — hence
longer than most modules (about 650 lines).

Every figure goes through the house formatter (:mod:`stargate.present.formatting`) and the
scenario's display settings: a JPY scenario shows yen, and no dollar amount, anywhere. The
numbers come from the model (:mod:`stargate.model.parties`, :mod:`~stargate.model.funding`,
:mod:`~stargate.model.exposure`, :mod:`~stargate.model.liquidity`,
:mod:`~stargate.model.label_timeline`); the words of data tables come from
``stargate/data/tables``, where ``{fact_id}`` stands for that fact's amount (filled in here by
:func:`fill_facts`).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from stargate import facts
from stargate.model import costs, exposure, label_timeline, liquidity, parties
from stargate.present import charts
from stargate.present.fact_text import fill_facts, format_amount
from stargate.present.formatting import (
    MISSING,
    DisplaySettings,
    format_both,
    format_money,
    format_share,
    format_table,
    format_value,
    is_missing,
    markdown_text,
    usd_to_jpy,
)
from stargate.scenario import Scenario

# --------------------------------------------------------------------------- amounts in words


def _money_with_jpy(amount_usd: float, display: DisplaySettings) -> str:
    """``$52.0bn (8.1兆円)`` when showing USD; yen alone when showing JPY (no dollar sign)."""
    if display.currency == "USD":
        return format_both(amount_usd, display.jpy_per_usd)
    return format_money(amount_usd, display)


def _with_jpy(table: pd.DataFrame, usd: str, jpy: str, display: DisplaySettings) -> pd.DataFrame:
    """``table`` with a ``jpy`` column (``usd`` at the display rate) right after ``usd``."""
    out = table.copy()
    out.insert(out.columns.get_loc(usd) + 1, jpy, usd_to_jpy(out[usd], display.jpy_per_usd))
    return out


def _amount_columns(
    table: pd.DataFrame, usd: str, jpy: str, display: DisplaySettings, **kwargs: Any
) -> pd.DataFrame:
    """A reader table with an amount in USD and JPY columns (only JPY when showing JPY)."""
    rename = dict(kwargs.pop("rename", {}))
    if display.currency != "USD":
        table = table.drop(columns=usd)
        return format_table(
            table, display, jpy=[jpy], rename={jpy: "amount (JPY)", **rename}, **kwargs
        )
    return format_table(
        table,
        display,
        usd=[usd],
        jpy=[jpy],
        rename={usd: "amount (USD)", jpy: "amount (JPY)", **rename},
        **kwargs,
    )


# --------------------------------------------------------------------------- summary


def write_funding_summary(scenario: Scenario, summary: dict[str, float]) -> str:
    """The opening paragraph: equity against the programme, the one funding gap, the leverage.

    Args:
        scenario: the scenario (title, display settings).
        summary: :func:`stargate.model.funding.summarize_funding` of it.
    """
    show = scenario.display
    closing = summary["debt_to_equity_ratio"]
    if summary["funding_gap_usd"] <= 0:
        leverage = "No debt beyond the named loans is needed."
    elif closing == closing and closing != float("inf"):
        leverage = (
            f"Closing the gap with debt alone would take "
            f"{format_value(closing, '', fmt='.1f')} dollars of debt per dollar of equity in "
            "the whole structure, named loans included."
        )
    else:
        leverage = "Without equity, no debt can be raised beside it."
    return (
        f"**In this scenario ({markdown_text(scenario.title)}):** the partners commit "
        f"{_money_with_jpy(summary['equity_committed_usd'], show)} of equity — "
        f"{format_share(summary['equity_share_of_programme'], digits=1)} of the "
        f"{_money_with_jpy(summary['programme_usd'], show)} the programme's build-out costs "
        f"(its capex, against the {format_money(summary['commitment_usd'], show)} announced) "
        f"and "
        f"{format_share(summary['equity_share_of_first_tranche'])} of the first "
        f"{format_money(summary['first_tranche_usd'], show)}. After the revenue OpenAI pays it, "
        f"the venture is out of pocket by at most "
        f"{_money_with_jpy(summary['cash_need_usd'], show)}, in "
        f"{int(summary['peak_year'])}. Its equity and the money named lenders, lessors and "
        f"developers have put into its sites "
        f"({format_money(summary['named_finance_usd'], show)} counted) leave "
        f"**{_money_with_jpy(summary['funding_gap_usd'], show)} as the venture's funding "
        f"gap**: cash need no equity or named funder covers (the gap line of the "
        f"reconciliation below). If it also borrowed at the assumed "
        f"{format_value(summary['max_debt_to_equity_ratio'], '', fmt='.2f')} dollars of debt "
        f"per dollar of equity (Abilene's leverage; no lender is named), net of the named "
        f"loans that leverage already counts, it could raise "
        f"{format_money(summary['debt_usd'], show)} more and "
        f"{format_money(summary['left_after_debt_usd'], show)} would be left. {leverage}"
    )


# --------------------------------------------------------------------------- parties and roles


def describe_parties(scenario: Scenario) -> pd.DataFrame:
    """Every party (:func:`stargate.model.parties.build_parties_table`) in words and yen.

    Returns:
        Columns ``party``, ``roles``, ``commitment`` (what the amount is, in the display
        currency; a withdrawn funder says so), ``commitment_kind``, ``commitment_usd``,
        ``commitment_jpy``, ``stake_fraction``, ``fact_ids``, ``source``, ``confidence``.
    """
    show = scenario.display
    table = parties.build_parties_table(scenario)
    commitment = []
    for what, withdrawn in zip(table["commitment_what"], table["is_withdrawn"], strict=True):
        text = fill_facts(what, show)
        if withdrawn:
            text = f"Withdrawn in this scenario (reported plan: {text.lower()})"
        commitment.append(text)
    table.insert(table.columns.get_loc("commitment_what"), "commitment", commitment)
    table = table.drop(columns=["commitment_what", "is_withdrawn"])
    return _with_jpy(table, "commitment_usd", "commitment_jpy", show)


def format_parties(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The parties table (:func:`describe_parties`) for readers."""
    columns = ["party", "roles", "commitment", "commitment_usd", "commitment_jpy"]
    return _amount_columns(
        table[[*columns, "stake_fraction", "source", "confidence"]],
        "commitment_usd",
        "commitment_jpy",
        display,
        shares=["stake_fraction"],
        rename={"stake_fraction": "stake (%)", "commitment": "commitment (in words)"},
    )


def chart_roles_matrix(matrix: pd.DataFrame | None = None) -> alt.Chart:
    """Dots where a party holds a role, with the source on hover.

    Args:
        matrix: :func:`stargate.model.parties.build_roles_matrix` (built when None).

    Returns:
        An Altair chart (party rows, role columns).
    """
    matrix = parties.build_roles_matrix() if matrix is None else matrix
    evidence = parties.list_role_evidence()
    data = evidence.assign(
        color=[p if p in charts.PARTY_COLORS else "Other" for p in evidence["party"]]
    )
    names = list(matrix.index)
    roles = [r for r in parties.ROLES if matrix[r].any()]
    return (
        alt.Chart(
            data, title=charts.chart_title("Who does what", None, "Hover a dot for its source")
        )
        .mark_circle(size=170, opacity=1)
        .encode(
            x=alt.X(
                "role:N",
                sort=roles,
                title=None,
                axis=alt.Axis(orient="top", labelAngle=-35, labelAlign="left", labelLimit=200),
            ),
            y=alt.Y("party:N", sort=names, title=None),
            color=alt.Color(
                "color:N",
                scale=charts.color_scale(data["color"], charts.PARTY_COLORS),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("party:N", title="Party"),
                alt.Tooltip("role:N", title="Role"),
                alt.Tooltip("source:N", title="Source"),
                alt.Tooltip("confidence:N", title="Confidence"),
            ],
        )
        .properties(width=34 * len(roles), height=26 * len(names))
    )


# --------------------------------------------------------------------------- funding


def chart_leverage_sweep(sweep: pd.DataFrame, summary: dict[str, float]) -> alt.Chart:
    """What the venture's funding gap leaves if it borrows at each leverage (the sweep).

    Args:
        sweep: :func:`stargate.model.funding.sweep_debt_to_equity`.
        summary: :func:`stargate.model.funding.summarize_funding` (the leverage that closes it).
    """
    closing = summary["debt_to_equity_ratio"]
    title = (
        f"Debt would close the venture's gap at {format_value(closing, '', fmt='.1f')} dollars "
        "per dollar of equity"
        if closing != float("inf")
        else "Without equity, no leverage closes the venture's gap"
    )
    return charts.line(
        sweep,
        "max_debt_to_equity_ratio",
        "left_after_debt_usd",
        title=title,
        unit="USD",
        x_title="Debt per dollar of equity in the whole structure, named loans included (×)",
        subtitle=(
            "Left of the funding gap if that debt were raised (no lender named); Abilene's "
            "financing: 1.6–2.1× (phases 2 and 1), 1.7× for the whole campus"
        ),
    )


# --------------------------------------------------------------------------- flows and exposure

#: What each recipient of a capex dollar supplies.
CAPEX_RECIPIENT_WHAT: dict[str, str] = {
    "NVIDIA": "GPUs and the NVIDIA systems around them",
    "Other IT suppliers": "servers, networking, storage not sold by NVIDIA",
    "Builders & power plant": (
        "buildings, electrical and cooling plant (site developers, contractors)"
    ),
}


def describe_capex_split(scenario: Scenario) -> pd.DataFrame:
    """Where a dollar of capex goes (:func:`stargate.model.exposure.split_capex_dollar`).

    Returns:
        Its columns with ``what`` (what the recipient supplies) after ``recipient``.
    """
    table = exposure.split_capex_dollar(scenario)
    table.insert(1, "what", [CAPEX_RECIPIENT_WHAT[r] for r in table["recipient"]])
    return table


def format_capex_split(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The capex split (:func:`describe_capex_split`) for readers."""
    return format_table(
        table,
        display,
        money=["fleet_usd", "programme_usd"],
        shares=["share_of_capex"],
        rename={
            "share_of_capex": "share of a capex dollar (%)",
            "fleet_usd": f"of the modelled fleet ({display.currency})",
            "programme_usd": f"of the announced commitment ({display.currency})",
        },
    )


def describe_payment_flows(scenario: Scenario) -> pd.DataFrame:
    """Who pays whom (:func:`stargate.model.exposure.list_payment_flows`) in words and yen."""
    show = scenario.display
    table = exposure.list_payment_flows()
    table["what"] = [fill_facts(t, show) for t in table["what"]]
    return _with_jpy(table, "amount_usd", "amount_jpy", show)


def format_payment_flows(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The payment flows (:func:`describe_payment_flows`) for readers."""
    return _amount_columns(table.drop(columns=["fact_ids"]), "amount_usd", "amount_jpy", display)


def describe_exposure(scenario: Scenario) -> pd.DataFrame:
    """What each party has at risk and earns (:func:`stargate.model.exposure.compute_exposure`).

    Returns:
        Columns ``party``, ``at_risk_usd``, ``at_risk`` (what is at risk, in words),
        ``earns_usd``, ``earns``, ``fact_ids``, ``source``, ``confidence``.
    """
    show = scenario.display
    equity = parties.equity_usd_by_party(scenario)
    stakes = parties.stake_by_party(scenario)
    nvidia_share = float(costs.nvidia_share_of_capex(scenario))
    v = facts.value

    def stake(party: str) -> str:
        s = stakes[party]
        return "stake not reported" if s is None else f"{format_share(s)} stake"

    def in_venture(party: str) -> str:
        return f"equity in the venture (scenario: {format_money(equity[party], show)})"

    loans = v("abilene_loan_phase1") + v("abilene_loan_phase2")
    words: dict[str, tuple[str, str]] = {
        "SoftBank": (
            f"{in_venture('softbank')} + its completed OpenAI investment",
            f"its share of the venture's profits, if any ({stake('softbank')})",
        ),
        "OpenAI": (
            f"{in_venture('openai')} + compute it contracted to buy from Oracle (~5 years)",
            f"the compute its products run on ({stake('openai')})",
        ),
        "Oracle": (
            f"{in_venture('oracle')} + GB200 chips bought for Abilene; long site leases",
            "OpenAI's compute contract (~5 years from 2027), if OpenAI can pay",
        ),
        "MGX": (
            in_venture("mgx"),
            f"its share of the venture's profits, if any ({stake('mgx')})",
        ),
        "NVIDIA": (
            f"up to {format_amount(v('nvda_loi_usd'), show)} it intends to invest in OpenAI "
            "(letter of intent)",
            f"hardware sales: {format_share(nvidia_share)} of capex (cost model) × the programme",
        ),
        "Lenders to the venture (modelled)": (
            "debt lent beside the equity at the scenario's leverage",
            "interest (rate not reported)",
        ),
        "Site lenders (JPMorgan, MUFG and banks)": (
            "construction loans at Abilene and the two Vantage campuses",
            "interest (rate not reported)",
        ),
        "Crusoe, Blue Owl & Primary Digital": (
            f"JV equity in Abilene ({format_amount(v('abilene_jv_15bn'), show)} JV funding "
            f"less {format_amount(loans, show)} of loans)",
            "Oracle's lease payments (amount not reported)",
        ),
        "Vantage": (
            "cost of the Shackelford campus (mostly borrowed)",
            "Oracle's lease payments (amount not reported)",
        ),
        "Microsoft": (
            "its funding commitment to OpenAI (not to Stargate)",
            f"a {format_share(v('oa_msft_share'))} share of OpenAI's revenue",
        ),
    }
    table = exposure.compute_exposure(scenario)
    table.insert(2, "at_risk", [words[p][0] for p in table["party"]])
    table.insert(4, "earns", [words[p][1] for p in table["party"]])
    return table


def format_exposure(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The exposure table (:func:`describe_exposure`) for readers."""
    return format_table(
        table.drop(columns=["fact_ids"]),
        display,
        money=["at_risk_usd", "earns_usd"],
        rename={
            "at_risk_usd": f"at risk ({display.currency})",
            "at_risk": "what is at risk",
            "earns_usd": f"earns ({display.currency})",
            "earns": "what it earns",
        },
    )


# --------------------------------------------------------------------------- Musk check


def describe_musk_check(scenario: Scenario) -> pd.DataFrame:
    """Musk's claim against the evidence (:func:`stargate.model.liquidity.check_musk_claim`).

    Returns:
        Its columns, ``what`` in the display currency, with ``amount_jpy`` after ``amount_usd``.
    """
    show = scenario.display
    table = liquidity.check_musk_claim()
    table["what"] = [fill_facts(t, show) for t in table["what"]]
    return _with_jpy(table, "amount_usd", "amount_jpy", show)


def format_musk_check(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The Musk check (:func:`describe_musk_check`) for readers."""
    musk = format_amount(facts.value("sg_musk_claim"), display)
    return _amount_columns(
        table.drop(columns=["fact_id", "label"]),
        "amount_usd",
        "amount_jpy",
        display,
        ratios=["vs_musk_10bn"],
        rename={"vs_musk_10bn": f"multiple of Musk's {musk} (×)"},
    )


def chart_musk_check(table: pd.DataFrame) -> alt.LayerChart:
    """The Musk check (:func:`describe_musk_check`) as bars, with Musk's figure as a rule.

    Returns:
        An Altair layered chart; amounts in the display currency set by ``charts.enable``.
    """
    show = charts.current_display()
    musk_usd = float(table.loc[table["kind"] == "claim", "amount_usd"].iloc[0])
    musk = format_amount(musk_usd, show)
    data = table.assign(item=[f"{r.date} · {r.label}" for r in table.itertuples()])
    bars = charts.bar(
        data,
        "item",
        "amount_usd",
        title=fill_facts(
            "“Well under {sg_musk_claim|$10B} secured” against what was reported", show
        ),
        unit="USD",
        color="kind",
        sort=None,
        subtitle=f"Black line: Musk's {musk}; every bar is a sourced figure (see the table)",
    )
    factor = charts.money_factor("USD")
    rule = (
        alt.Chart(pd.DataFrame({"x": [musk_usd * factor], "label": [f"Musk: {musk}"]}))
        .mark_rule(color=charts.TEXT_COLOR, strokeWidth=2)
        .encode(x="x:Q", tooltip=[alt.Tooltip("label:N", title="Claim")])
    )
    return alt.layer(bars, rule)


def write_softbank_verdict(liquidity_usd: dict[str, float], display: DisplaySettings) -> str:
    """What the evidence supports about SoftBank's money, in one paragraph.

    Args:
        liquidity_usd: :func:`stargate.model.liquidity.check_softbank_liquidity`.
        display: display settings.
    """
    m = {k: format_money(v, display) for k, v in liquidity_usd.items()}
    return (
        f"**What the evidence supports.** The cash SoftBank was reported to hold "
        f"({m['cash_usd']}) was more than Musk's {m['musk_bound_usd']} — if the unnamed source "
        f"is right. But within ten weeks SoftBank had also promised up to "
        f"{m['openai_commitment_usd']} to OpenAI's funding round, on top of "
        f"{m['stargate_equity_usd']} for Stargate: {m['commitments_usd']} of commitments, "
        f"{m['shortfall_usd']} more than the cash reported. It was reported to be negotiating a "
        f"{m['loan_talks_usd']} loan in March 2025, and by November 2025 had raised "
        f"{m['raised_usd']} by selling all its Nvidia shares, part of T-Mobile and taking a "
        f"bridge loan. So Musk's number cannot be verified, and the partners did hold more than "
        f"{format_amount(liquidity_usd['musk_bound_usd'], display)} between them — but SoftBank "
        f"did not have the cash for its commitments and had to borrow and sell assets to meet "
        f"them."
    )


# --------------------------------------------------------------------------- the moving label


def describe_label_timeline(scenario: Scenario) -> pd.DataFrame:
    """The label's steps (:func:`stargate.model.label_timeline.trace_label_timeline`) in words.

    Returns:
        Its columns, ``event`` in the display currency, with ``usd_jpy`` after ``usd``.
    """
    show = scenario.display
    table = label_timeline.trace_label_timeline()
    table["event"] = [fill_facts(t, show) for t in table["event"]]
    return _with_jpy(table, "usd", "usd_jpy", show)


def format_label_timeline(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The label timeline (:func:`describe_label_timeline`) for readers."""
    return _amount_columns(
        table.drop(columns=["fact_ids"]),
        "usd",
        "usd_jpy",
        display,
        rename={"gw": "capacity (GW)"},
    )


def chart_label_timeline(timeline: pd.DataFrame) -> alt.LayerChart:
    """Amounts attached to “Stargate” over 2025, coloured by what kind of promise.

    Args:
        timeline: :func:`describe_label_timeline`.

    Returns:
        An Altair layered chart (points with labels) of the timeline's ``usd`` column.
    """
    data = timeline.dropna(subset=["usd"]).copy()
    data["when"] = [d if len(d) > 7 else f"{d}-15" for d in data["date"]]
    data["shown"] = [charts.format_value(v, "USD") for v in data["usd"]]
    data["usd"] = data["usd"] * charts.money_factor("USD")
    data["gw_text"] = [MISSING if is_missing(g) else format_value(g, "GW") for g in data["gw"]]
    base = alt.Chart(data).encode(
        x=alt.X(
            "when:T",
            title=None,
            axis=alt.Axis(format="%b %Y", tickCount="month"),
            scale=alt.Scale(domain=["2025-01-01", "2026-01-31"]),
        ),
        y=alt.Y("usd:Q", title=None, axis=alt.Axis(labelExpr=charts.money_label_expr())),
        tooltip=[
            alt.Tooltip("date:N", title="Date"),
            alt.Tooltip("event:N", title="What"),
            alt.Tooltip("status:N", title="Kind of promise"),
            alt.Tooltip("shown:N", title="Amount"),
            alt.Tooltip("gw_text:N", title="Capacity"),
            alt.Tooltip("confidence:N", title="Confidence"),
        ],
    )
    points = base.mark_point(size=120, filled=True, opacity=1).encode(
        color=alt.Color("status:N", scale=charts.color_scale(data["status"]), title=None),
    )
    labels = base.mark_text(align="left", dx=9, dy=-8).encode(text="shown:N")
    title = charts.chart_title(
        "The label moved: what each dollar figure is",
        "USD",
        "Plans, contracts, loans and a letter of intent are different kinds of promise",
    )
    return alt.layer(points, labels, title=title).properties(
        width=charts.WIDTH_PX, height=charts.HEIGHT_PX
    )
