"""The cost-structure report's narrative and chart data: paragraphs and frames for readers.

Each ``describe_*`` returns a Markdown paragraph (or bullet list) for ``nb.md``, every figure
through :mod:`stargate.present.formatting` in the scenario's display currency; each ``*_frame``
returns the table a chart of :mod:`stargate.present.charts` draws, with readers' labels. The
numbers come from :mod:`stargate.model.costs`, :mod:`stargate.model.cost_sensitivity` and
:mod:`stargate.model.fact_check`; the reader tables are in :mod:`stargate.present.cost_tables`
and :mod:`stargate.present.cost_fact_check`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from stargate import facts
from stargate.model import cost_sensitivity, costs, fact_check, sites
from stargate.model.finance import HOURS_PER_YEAR, capital_recovery_factor
from stargate.present import charts
from stargate.present.formatting import (
    format_money,
    format_number,
    format_ratio,
    format_share,
    format_value,
)
from stargate.present.i18n import N_
from stargate.scenario import Scenario
from stargate.schema.common import fact_behind
from stargate.schema.compute import GENERATIONS

#: Readers' labels of the annual TCO components (:data:`stargate.model.costs.TCO_COMPONENTS`).
TCO_LABELS: dict[str, str] = {
    "it_capital": "IT capital",
    "facility_capital": "Facility capital",
    "energy": "Energy",
    "maintenance": "Maintenance",
    "staff_other": "Staff & other",
}
#: Readers' labels of the capex components (:data:`stargate.model.costs.CAPEX_COMPONENTS`).
CAPEX_LABELS: dict[str, str] = {
    "accelerators": "Accelerators (NVIDIA)",
    "other_it": "Other IT",
    "facility": "Facility",
}


# --------------------------------------------------------------------------- chart frames


def capex_frame(scenario: Scenario) -> pd.DataFrame:
    """Steps of the capex build-up (a waterfall): accelerators, other IT, facility.

    Returns:
        Columns ``component`` (label) and ``capex_usd``; the steps sum to
        :func:`stargate.model.costs.total_capex_usd`.
    """
    parts = costs.capex_breakdown_usd(scenario)
    return pd.DataFrame([{"component": CAPEX_LABELS[k], "capex_usd": v} for k, v in parts.items()])


def tco_frame(scenario: Scenario) -> pd.DataFrame:
    """Annual TCO by component, for a bar chart.

    Returns:
        Columns ``component`` (label), ``kind`` ("Capital recovery" / "Operating cost"),
        ``usd_per_year``, ``share`` (of annual TCO, fraction).
    """
    parts = costs.annual_tco_breakdown_usd(scenario)
    total = sum(parts.values())
    return pd.DataFrame(
        [
            {
                "component": TCO_LABELS[k],
                "kind": "Capital recovery" if k.endswith("capital") else "Operating cost",
                "usd_per_year": v,
                "share": v / total,
            }
            for k, v in parts.items()
        ]
    )


def gpu_hour_steps(scenario: Scenario) -> pd.DataFrame:
    """Steps of the waterfall from capex to cost per GPU-hour: each component per GPU-hour.

    Returns:
        Columns ``step`` (label) and ``usd_per_gpu_hour``; the steps sum to
        :func:`stargate.model.costs.cost_per_gpu_hour_usd`.
    """
    parts = costs.cost_per_gpu_hour_breakdown_usd(scenario)
    return pd.DataFrame([{"step": TCO_LABELS[k], "usd_per_gpu_hour": v} for k, v in parts.items()])


def generation_frame(scenario: Scenario, per: str = "gpu_hour") -> pd.DataFrame:
    """Cost of each generation per GPU-hour or per dense BF16 PFLOP-hour, for a bar chart.

    Args:
        scenario: the scenario (site and finance inputs; per-generation specs).
        per: ``"gpu_hour"`` or ``"pflop_hour"``.

    Returns:
        Columns ``generation``, ``usd`` (USD per GPU-hour or per PFLOP-hour), ``vs_h100``.
    """
    if per not in ("gpu_hour", "pflop_hour"):
        raise ValueError(f"per must be 'gpu_hour' or 'pflop_hour', not {per!r}")
    table = costs.generation_table(scenario)
    column = "cost_per_gpu_hour" if per == "gpu_hour" else "cost_per_pflop_hour"
    return pd.DataFrame(
        {
            "generation": table["generation"],
            "usd": table[f"{column}_usd"],
            "vs_h100": table[f"{column}_vs_h100"],
        }
    )


def lifetime_utilization_frame(scenario: Scenario) -> pd.DataFrame:
    """The heatmap's grid, with axis labels.

    Returns:
        :func:`stargate.model.cost_sensitivity.lifetime_utilization_grid` plus labels
        ``it_lifetime`` ("5 years") and ``utilization`` ("80%").
    """
    grid = cost_sensitivity.lifetime_utilization_grid(scenario)
    grid["it_lifetime"] = [format_value(y, "years") for y in grid["it_lifetime_years"]]
    grid["utilization"] = [format_share(u) for u in grid["utilization_rate"]]
    return grid


def cost_of_capital_frame(scenario: Scenario) -> pd.DataFrame:
    """The cost-of-capital sweep for a line chart.

    Returns:
        :func:`stargate.model.cost_sensitivity.cost_of_capital_sweep` plus
        ``cost_of_capital_pct`` (percent, for the axis) and ``it_lifetime`` (series label,
        "IT life 5 years").
    """
    sweep = cost_sensitivity.cost_of_capital_sweep(scenario)
    sweep["cost_of_capital_pct"] = [round(r * 100, 2) for r in sweep["cost_of_capital_rate"]]
    sweep["it_lifetime"] = [
        f"IT life {format_value(life, 'years')}" for life in sweep["it_lifetime_years"]
    ]
    return sweep[
        [
            "cost_of_capital_rate",
            "cost_of_capital_pct",
            "it_lifetime_years",
            "it_lifetime",
            "cost_per_gpu_hour_usd",
        ]
    ]


def format_input(field: str, value: float, scenario: Scenario) -> str:
    """One swept input as a reader sees it: "10%", "5 years", "PUE 1.30", "$66.00/MWh"."""
    d = scenario.display
    if field.endswith("_rate"):
        return format_share(value)
    if field.endswith("_years"):
        return format_value(value, "years")
    if field == "pue":
        return f"PUE {format_value(value, '', fmt='.2f')}"
    if field == "electricity_usd_per_mwh":
        return format_value(value, "USD/MWh", d)
    if field == "facility_capex_usd_per_mw_it":
        return format_value(value, "USD/MW", d)
    return format_money(value, d)


def tornado_frame(scenario: Scenario) -> pd.DataFrame:
    """The tornado's swings with the bars' end labels, widest first.

    Returns:
        :func:`stargate.model.cost_sensitivity.tornado_table` (without ``field``) plus
        ``low_input`` and ``high_input``: the swept inputs as readers see them.
    """
    table = cost_sensitivity.tornado_table(scenario)
    for end in ("low", "high"):
        table[f"{end}_input"] = [
            format_input(field, value, scenario)
            for field, value in zip(table["field"], table[f"{end}_value"], strict=True)
        ]
    return table[
        [
            "factor",
            "low_input",
            "high_input",
            "low_value",
            "high_value",
            "cost_at_low_usd",
            "cost_at_high_usd",
            "fact_ids",
            "swing_usd",
        ]
    ]


# --------------------------------------------------------------------------- narrative


def describe_article_claims(scenario: Scenario) -> str:
    """Markdown: the seed article's cost claims, quoted with their values (claim rows)."""
    d = scenario.display
    gpus = format_number(facts.value("claim_hopper_gpus"))
    price = format_money(facts.value("claim_price_usd_per_gpu_hour"), d)
    capex = format_money(facts.value("claim_capex_usd"), d)
    nvidia = format_money(facts.value("claim_nvidia_revenue_usd"), d)
    gb200 = format_money(facts.value("claim_gb200_usd_per_gpu_hour"), d)
    return (
        f"- NVIDIA will supply **{gpus} Hopper GPUs**;\n"
        f"- their operating cost is about **{price} per GPU-hour**;\n"
        f"- total capital expenditure is about **{capex}**, of which NVIDIA would earn about "
        f"**{nvidia}**;\n"
        f"- OpenAI's first GB200 cluster costs **{gb200} per hour** to run, and the "
        "GB300 and Vera Rubin (VR200) generations will raise costs further."
    )


def describe_capex(scenario: Scenario) -> str:
    """Markdown: what the fleet costs to build, where the money goes, NVIDIA's share."""
    d = scenario.display
    parts = costs.capex_breakdown_usd(scenario)
    total = sum(parts.values())
    gpu_count = sites.fleet_gpu_count(scenario)
    gens = ", ".join(sites.fleet_generations(scenario))
    it_share = (parts["accelerators"] + parts["other_it"]) / total

    def money(usd: float) -> str:
        return format_money(usd, d)

    def share(part: str) -> str:
        return format_share(parts[part] / total)

    return (
        f"Building the scenario's fleet of **{format_number(gpu_count)} GPUs** ({gens}) "
        f"costs **{money(total)}**: {money(parts['accelerators'])} for the NVIDIA accelerators "
        f"({share('accelerators')}), {money(parts['other_it'])} for the rest of the IT — "
        f"servers, networking, storage ({share('other_it')}) — and {money(parts['facility'])}"
        f" for buildings, power and cooling ({share('facility')}). NVIDIA's accelerators are "
        f"**{format_share(costs.nvidia_share_of_capex(scenario))}** of capex; since NVIDIA also "
        f"sells networking, its true share lies between that and the IT total of "
        f"{format_share(it_share)}. That is {money(total / gpu_count)} per GPU all-in."
    )


def describe_power(scenario: Scenario) -> str:
    """Markdown: IT and facility power of the fleet, yearly energy and its cost."""
    d = scenario.display
    p = costs.power_summary(scenario)
    f = scenario.facility
    return (
        f"The GPUs and the servers around them draw "
        f"**{format_value(p['power_it_mw'], 'MW', fmt=',.0f')}** of IT load. With a PUE of "
        f"{format_value(f.pue, '', fmt='.2f')} — every watt of IT needs "
        f"{format_value(f.pue - 1, 'W', fmt='.2f')} more for cooling and power conversion — "
        f"the campus draws **{format_value(p['power_facility_mw'], 'MW', fmt=',.0f')}** from "
        f"the grid. Working {format_share(scenario.finance.utilization_rate)} of the year's "
        f"hours, it uses {format_value(p['energy_mwh_per_year'] / 1e6, 'million', fmt=',.2f')}"
        f" MWh a year, which at {format_value(f.electricity_usd_per_mwh, 'USD/MWh', d)} costs "
        f"**{format_money(p['energy_usd_per_year'], d)} a year**."
    )


def describe_tco(scenario: Scenario) -> str:
    """Markdown: annual TCO, its split between capital and operating costs, per GPU-hour."""
    d = scenario.display
    fin = scenario.finance
    parts = costs.annual_tco_breakdown_usd(scenario)
    total = sum(parts.values())
    capital = parts["it_capital"] + parts["facility_capital"]
    crf_it = capital_recovery_factor(fin.cost_of_capital_rate, fin.it_lifetime_years)
    crf_fac = capital_recovery_factor(fin.cost_of_capital_rate, fin.facility_lifetime_years)
    cost = costs.cost_per_gpu_hour_usd(scenario)
    price = fin.price_usd_per_gpu_hour
    origin = (
        "what the Oracle contract implies"
        if fact_behind(fin, "price_usd_per_gpu_hour")
        else "set by this scenario"
    )
    margin = (
        f"earns {format_money(price - cost, d)} more than its full cost, which already "
        "includes the return on capital."
        if price >= cost
        else f"falls {format_money(cost - price, d)} short of its full cost, return on "
        "capital included."
    )
    return (
        f"At a {format_share(fin.cost_of_capital_rate)} cost of capital, the IT equipment must "
        f"earn back {format_share(float(crf_it), digits=1)} of its cost every year for "
        f"{format_value(fin.it_lifetime_years, 'years')} and the facility "
        f"{format_share(float(crf_fac), digits=1)} a year for "
        f"{format_value(fin.facility_lifetime_years, 'years')}. Owning and running the fleet "
        f"costs **{format_money(total, d)} a year** "
        f"({format_money(costs.tco_per_mw_it_usd(scenario), d)} per MW of IT load): "
        f"{format_share(capital / total)} is capital recovery and "
        f"{format_share((total - capital) / total)} operating costs. Spread over the GPU-hours "
        f"worked ({format_share(fin.utilization_rate)} of {format_number(HOURS_PER_YEAR)} "
        f"hours), that is **{format_money(cost, d)} per GPU-hour**. Sold at the scenario's "
        f"price of {format_money(price, d)} per GPU-hour ({origin}), each worked hour {margin}"
    )


def describe_generations(scenario: Scenario) -> str:
    """Markdown: how cost per GPU-hour and per PFLOP-hour move from H100 to VR200."""
    d = scenario.display
    t = costs.generation_table(scenario).set_index("generation")

    def pair(g: str) -> str:
        return (
            f"{g} {format_money(t.loc[g, 'cost_per_gpu_hour_usd'], d)} per GPU-hour, "
            f"{format_money(t.loc[g, 'cost_per_pflop_hour_usd'], d)} per PFLOP-hour"
        )

    cheapest = str(t["cost_per_pflop_hour_usd"].idxmin())
    dearest_hour = str(t["cost_per_gpu_hour_usd"].idxmax())
    return (
        "With the same site and finance inputs: "
        + "; ".join(pair(g) for g in GENERATIONS)
        + f". The dearest GPU-hour is {dearest_hour}'s, at "
        f"{format_ratio(t.loc[dearest_hour, 'cost_per_gpu_hour_vs_h100'])} an H100-hour; the "
        f"cheapest unit of compute is {cheapest}'s, at "
        f"{format_ratio(t.loc[cheapest, 'cost_per_pflop_hour_vs_h100'], digits=2)} an H100's "
        "cost per PFLOP-hour."
    )


def describe_sensitivity(scenario: Scenario) -> str:
    """Markdown: the range of the cost per GPU-hour over the grid and the widest swings."""
    d = scenario.display
    grid = lifetime_utilization_frame(scenario)
    top = tornado_frame(scenario).head(3)
    swings = "; ".join(
        f"{r.factor} ({r.low_input} → {r.high_input}): {format_money(r.cost_at_low_usd, d)} → "
        f"{format_money(r.cost_at_high_usd, d)}"
        for r in top.itertuples()
    )
    lo = grid.loc[grid["cost_per_gpu_hour_usd"].idxmin()]
    hi = grid.loc[grid["cost_per_gpu_hour_usd"].idxmax()]
    years, util = costs.LIFETIME_GRID_YEARS, costs.UTILIZATION_GRID
    return (
        f"Across IT lifetimes of {format_number(years[0])}–{format_value(years[-1], 'years')} "
        f"and utilisation of {format_share(util[0])}–{format_share(util[-1])}, the cost per "
        f"GPU-hour runs from **{format_money(lo.cost_per_gpu_hour_usd, d)}** ({lo.it_lifetime}, "
        f"{lo.utilization}) to **{format_money(hi.cost_per_gpu_hour_usd, d)}** "
        f"({hi.it_lifetime}, {hi.utilization}). The widest one-at-a-time swings: {swings}."
    )


def _lower_first(text: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym ("IT lifetime", "PUE")."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def describe_takeaways(scenario: Scenario) -> str:
    """Markdown: the report's conclusions for this scenario, as bullet points."""
    d = scenario.display
    parts = costs.annual_tco_breakdown_usd(scenario)
    total = sum(parts.values())
    capital = (parts["it_capital"] + parts["facility_capital"]) / total
    top = [str(f) for f in cost_sensitivity.tornado_table(scenario)["factor"].head(2)]
    gens = costs.generation_table(scenario).set_index("generation")
    verdicts = fact_check.fact_check_table(scenario)["verdict"].value_counts()
    art = fact_check.article_arithmetic()
    nvidia_own = facts.value("nvda_per_gw_hardware") / facts.value("nvda_per_gw_total")
    cheapest = str(gens["cost_per_pflop_hour_usd"].idxmin())
    dearest = str(gens["cost_per_gpu_hour_usd"].idxmax())
    lead = "Owning the hardware is the cost." if capital > 0.5 else "Running costs matter."
    compare = "above" if art["nvidia_share_of_capex"] > nvidia_own else "within"
    return (
        f"- **{lead}** Capital recovery is {format_share(capital)} of the annual cost in this "
        f"scenario, energy {format_share(parts['energy'] / total)}. The inputs that move the "
        f"cost per GPU-hour most are {_lower_first(top[0])} and {_lower_first(top[1])}.\n"
        f"- **NVIDIA's take.** Accelerators are "
        f"{format_share(costs.nvidia_share_of_capex(scenario))} of the modelled capex; the "
        f"article's figures imply {format_share(art['nvidia_share_of_capex'], digits=1)}, "
        f"{compare} NVIDIA's own per-GW figure of {format_share(nvidia_own)}.\n"
        f"- **Generations.** The dearest GPU-hour is {dearest}'s "
        f"({format_ratio(gens.loc[dearest, 'cost_per_gpu_hour_vs_h100'])} an H100-hour), but "
        f"per unit of compute {cheapest} is the cheapest "
        f"({format_money(gens.loc[cheapest, 'cost_per_pflop_hour_usd'], d)} per PFLOP-hour "
        f"against {format_money(gens.loc['H100', 'cost_per_pflop_hour_usd'], d)} for H100).\n"
        f"- **The article.** Of its cost figures, {format_number(verdicts.get('consistent', 0))}"
        f" are consistent with the evidence, {format_number(verdicts.get('inconsistent', 0))} "
        f"are not and {format_number(verdicts.get('unsourced', 0))} cannot be tested; none "
        "could be traced to a source, and its Hopper fleet is not what Stargate is reported to "
        "be buying."
    )


# --------------------------------------------------------------------------- charts
#
# Each chart of the report, made in the current language (titles are msgids; the notebook
# shows them with ``nb.show(cost_report.capex_chart, scenario)``, once per language).


def capex_chart(scenario: Scenario) -> Any:
    """Waterfall: the capex build-up, accelerators to facility, and its total."""
    return charts.waterfall(
        capex_frame(scenario),
        "component",
        "capex_usd",
        title=N_("Capex build-up: what building the fleet costs"),
        unit="USD",
        total=N_("Total capex"),
    )


def tco_chart(scenario: Scenario) -> Any:
    """Bars: a year of owning and running the fleet, by component."""
    return charts.bar(
        tco_frame(scenario),
        "component",
        "usd_per_year",
        title=N_("What a year of owning and running the fleet costs"),
        unit="USD",
        color="kind",
        sort=None,
    )


def gpu_hour_chart(scenario: Scenario) -> Any:
    """Waterfall: from capex to the cost of one worked GPU-hour."""
    return charts.waterfall(
        gpu_hour_steps(scenario),
        "step",
        "usd_per_gpu_hour",
        title=N_("From capex to the cost of one GPU-hour"),
        unit="USD/GPU-hour",
        total=N_("Cost per GPU-hour"),
    )


def generation_chart(scenario: Scenario, per: str = "gpu_hour") -> Any:
    """Bars: each generation's cost per GPU-hour (or per dense BF16 PFLOP-hour)."""
    if per == "gpu_hour":
        return charts.bar(
            generation_frame(scenario, "gpu_hour"),
            "generation",
            "usd",
            title=N_("Cost per GPU-hour rises with each generation"),
            unit="USD/GPU-hour",
            color="generation",
            sort=None,
        )
    return charts.bar(
        generation_frame(scenario, "pflop_hour"),
        "generation",
        "usd",
        title=N_("Cost per unit of compute (dense BF16 PFLOP-hour)"),
        unit="USD/PFLOP-hour",
        color="generation",
        sort=None,
        subtitle=N_(
            "VR200: BF16 not published; GB300's figure used as a floor (an upper bound on cost)"
        ),
    )


def lifetime_utilization_chart(scenario: Scenario) -> Any:
    """Heatmap: the cost per GPU-hour for each IT lifetime and utilisation."""
    return charts.heatmap(
        lifetime_utilization_frame(scenario),
        "utilization",
        "it_lifetime",
        "cost_per_gpu_hour_usd",
        title=N_("Cost per GPU-hour by IT lifetime and utilisation"),
        unit="USD",
        subtitle=N_("Each cell: the cost of one worked GPU-hour"),
        x_title=N_("Utilisation (share of hours worked)"),
        y_title=N_("IT lifetime"),
    )


def tornado_chart(scenario: Scenario) -> Any:
    """Tornado: how far the cost of a GPU-hour moves with each input, low to high."""
    return charts.tornado(
        tornado_frame(scenario),
        "factor",
        "cost_at_low_usd",
        "cost_at_high_usd",
        base=costs.cost_per_gpu_hour_usd(scenario),
        title=N_("What moves the cost of a GPU-hour"),
        unit="USD/GPU-hour",
        low_label="low_input",
        high_label="high_input",
    )


def electricity_chart(scenario: Scenario) -> Any:
    """Line: the cost per GPU-hour at each sourced electricity price."""
    return charts.line(
        cost_sensitivity.electricity_sweep(scenario),
        "electricity_usd_per_mwh",
        "cost_per_gpu_hour_usd",
        title=N_("Cost per GPU-hour against the electricity price"),
        unit="USD/GPU-hour",
        x_title=N_("Electricity price (USD/MWh; each point a sourced price)"),
    )


def cost_of_capital_chart(scenario: Scenario) -> Any:
    """Lines: the cost per GPU-hour across the cost of capital, for three IT lives."""
    return charts.line(
        cost_of_capital_frame(scenario),
        "cost_of_capital_pct",
        "cost_per_gpu_hour_usd",
        title=N_("Cost per GPU-hour against the cost of capital"),
        unit="USD/GPU-hour",
        color="it_lifetime",
        x_title=N_("Cost of capital (% a year)"),
    )
