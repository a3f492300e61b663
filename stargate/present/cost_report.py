"""The cost-structure report's narrative and chart data: paragraphs and frames for readers.

Each ``describe_*`` returns a Markdown paragraph (or bullet list) for ``nb.md``, every figure
through :mod:`stargate.present.formatting` in the scenario's display currency; each ``*_frame``
returns the table a chart of :mod:`stargate.present.charts` draws, with readers' labels. The
numbers come from :mod:`stargate.model.costs`, :mod:`stargate.model.cost_sensitivity` and
:mod:`stargate.model.fact_check`; the reader tables are in :mod:`stargate.present.cost_tables`
and :mod:`stargate.present.cost_fact_check`.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from stargate import facts
from stargate.model import (
    cost_sensitivity,
    costs,
    fact_check,
    fleet_refresh,
    like_for_like,
    sites,
)
from stargate.model.finance import HOURS_PER_YEAR, capital_recovery_factor
from stargate.present import charts
from stargate.present.formatting import (
    format_money,
    format_number,
    format_ratio,
    format_share,
    format_value,
)
from stargate.present.i18n import N_, current_language, join_sentences, money_text
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario
from stargate.schema.common import fact_behind
from stargate.schema.compute import GENERATIONS

#: Readers' labels of the annual TCO components (:data:`stargate.model.costs.TCO_COMPONENTS`).
TCO_LABELS: dict[str, str] = {
    "it_capital": N_("IT capital"),
    "facility_capital": N_("Facility capital"),
    "energy": N_("Energy"),
    "maintenance": N_("Maintenance"),
    "staff_other": N_("Staff & other"),
}
#: Readers' labels of the capex components (:data:`stargate.model.costs.CAPEX_COMPONENTS`).
CAPEX_LABELS: dict[str, str] = {
    "accelerators": N_("Accelerators (NVIDIA)"),
    "other_it": N_("Other IT"),
    "facility": N_("Facility"),
}


# --------------------------------------------------------------------------- chart frames


def capex_frame(scenario: Scenario) -> pd.DataFrame:
    """Steps of the capex build-up (a waterfall): accelerators, other IT, facility.

    Returns:
        Columns ``component`` (label) and ``capex_usd``; the steps sum to
        :func:`stargate.model.costs.total_capex_usd`.
    """
    parts = costs.capex_breakdown_usd(scenario)
    return pd.DataFrame(
        [{"component": _(CAPEX_LABELS[k]), "capex_usd": v} for k, v in parts.items()]
    )


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
                "component": _(TCO_LABELS[k]),
                "kind": _("Capital recovery") if k.endswith("capital") else _("Operating cost"),
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
    return pd.DataFrame(
        [{"step": _(TCO_LABELS[k]), "usd_per_gpu_hour": v} for k, v in parts.items()]
    )


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
    grid["it_lifetime"] = [
        _("{years} years").format(years=format_number(y)) for y in grid["it_lifetime_years"]
    ]
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
        _("IT life {years} years").format(years=format_number(life))
        for life in sweep["it_lifetime_years"]
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


#: The tornado's factor names (``data/tables/cost_tornado_inputs.yaml`` and
#: :data:`stargate.model.cost_sensitivity.TORNADO_SPEC_FIELDS`), marked for the catalog.
FACTOR_NAMES = (
    N_("Cost of capital"),
    N_("Utilisation"),
    N_("IT lifetime"),
    N_("Facility lifetime"),
    N_("Maintenance"),
    N_("Staff and other"),
    N_("Electricity price"),
    N_("PUE"),
    N_("Facility capex per MW"),
    N_("GPU price"),
    N_("Other IT per GPU"),
)


def factor_name(factor: str) -> str:
    """A tornado factor in the current language: ``GPU price (H100)`` → ``GPU価格（H100）``."""
    match = re.fullmatch(r"(.+) \((\w+)\)", factor)
    if match:
        return _("{factor} ({generation})").format(
            factor=_(match.group(1)), generation=match.group(2)
        )
    return _(factor)


def format_input(field: str, value: float, scenario: Scenario) -> str:
    """One swept input as a reader sees it: "10%", "5 years", "PUE 1.30", "$66.00/MWh"."""
    d = scenario.display
    if field.endswith("_rate"):
        return format_share(value)
    if field.endswith("_years"):
        return _("{years} years").format(years=format_number(value))
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
    table["factor"] = [factor_name(str(f)) for f in table["factor"]]
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


def _money(amount_usd: float, scenario: Scenario) -> str:
    """An amount in running text (Japanese: yen, then the USD figure in parentheses)."""
    return money_text(amount_usd, scenario.display)


def describe_article_claims(scenario: Scenario) -> str:
    """Markdown: the seed article's cost claims, quoted with their values (claim rows).

    In Japanese each claim is the article's own sentence, quoted as it wrote it.
    """
    if current_language() == "ja":
        rows = [
            facts.get(i)
            for i in (
                "claim_hopper_gpus",
                "claim_price_usd_per_gpu_hour",
                "claim_capex_usd",
                "claim_nvidia_revenue_usd",
                "claim_gb200_usd_per_gpu_hour",
            )
        ]
        # The register's quotes carry their own 「」.
        return "\n".join(f"- {_quoted(_article_quote(f))}" for f in rows)
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


def _quoted(text: str) -> str:
    """``text`` in 「」, once (a quote that already has its brackets is kept as it is)."""
    return text if text.startswith("「") and text.endswith("」") else f"「{text}」"


def _article_quote(fact: Any) -> str:
    """The article's own Japanese words for a claim (the register's quote), else its note."""
    for name in ("quote", "quote_ja", "text_ja", "original"):
        text = getattr(fact, name, None)
        if isinstance(text, str) and text.strip():
            return text.strip()
    return str(getattr(fact, "what", "") or fact.id)


def _facility_high_values(scenario: Scenario) -> dict[str, Any]:
    """The figures of the facility cost's high case (Shackelford's rate, the named loans)."""
    loans = fact_check.named_loans_against_facility(scenario).set_index("site")
    high_rate = fact_check.shackelford_usd_per_mw_it(scenario)
    point = costs.total_capex_usd(scenario)
    high = fact_check.capex_at_facility_rate_usd(scenario, high_rate)
    return {
        "rate": _money(scenario.facility.facility_capex_usd_per_mw_it, scenario),
        "high_rate": _money(high_rate, scenario),
        "tx_loan": _money(loans.loc["shackelford", "loan_usd"], scenario),
        "tx_model": _money(loans.loc["shackelford", "model_facility_capex_usd"], scenario),
        "wi_loan": _money(loans.loc["wisconsin", "loan_usd"], scenario),
        "wi_model": _money(loans.loc["wisconsin", "model_facility_capex_usd"], scenario),
        "point": _money(point, scenario),
        "high": _money(high, scenario),
        "delta": _money(high - point, scenario),
        "delta_usd": high - point,
    }


def describe_facility_high(scenario: Scenario) -> str:
    """Sentences: why Abilene's facility cost is the point and Shackelford's the high.

    Also the named loans against the model's facility capex at their sites and the capex at
    the high (:func:`stargate.model.fact_check.capex_at_facility_rate_usd`).
    """
    values = _facility_high_values(scenario)
    loans = fact_check.named_loans_against_facility(scenario)
    if bool((loans["loan_over_model"] > 1.0).all()):
        loans_text = _(
            "The named construction loans say the sites cost more: Shackelford's loan alone "
            "({tx_loan}) exceeds the facility capex the model's rate gives that site "
            "({tx_model}), and Port Washington's ({wi_loan}) exceeds its ({wi_model})."
        )
    else:
        loans_text = _(
            "The named construction loans fit inside the facility capex the model's rate gives "
            "their sites: Shackelford's {tx_loan} against {tx_model}, Port Washington's "
            "{wi_loan} against {wi_model}."
        )
    return join_sentences(
        _(
            "Abilene's figure is the point because its funding is known to pay for buildings "
            "and power alone; Shackelford's is the high, since its scope may be wider."
        ),
        loans_text,
        _(
            "At Shackelford's {high_rate} per MW of IT, capex would be {high} instead of "
            "{point}, {delta} more."
        )
        if values["delta_usd"] > 0
        else "",
    ).format(**values)


def describe_capex(scenario: Scenario) -> str:
    """Markdown: what the fleet costs to build, where the money goes, NVIDIA's share."""
    parts = costs.capex_breakdown_usd(scenario)
    total = sum(parts.values())
    gpu_count = sites.fleet_gpu_count(scenario)
    gens = _(", ").join(sites.fleet_generations(scenario))
    it_share = (parts["accelerators"] + parts["other_it"]) / total

    def share(part: str) -> str:
        return format_share(parts[part] / total)

    text = _(
        "Building the scenario's fleet of **{gpus} GPUs** ({generations}) costs **{total}**: "
        "{accelerators} for the NVIDIA accelerators ({accelerators_share}), {other_it} for the "
        "rest of the IT — servers, networking, storage ({other_it_share}) — and {facility} for "
        "buildings, power and cooling ({facility_share}). NVIDIA's accelerators are "
        "**{nvidia_share}** of capex; since NVIDIA also sells networking, its true share lies "
        "between that and the IT total of {it_share}. That is {per_gpu} per GPU all-in."
    )
    facility = scenario.facility
    high_values = _facility_high_values(scenario)
    if fact_check.capex_at_facility_rate_usd(
        scenario, fact_check.shackelford_usd_per_mw_it(scenario)
    ) <= sum(parts.values()):
        high = ""  # the scenario's facility cost is already at or above the high
    elif fact_behind(facility, "facility_capex_usd_per_mw_it"):
        high = _(
            "Buildings, power and cooling are costed at Abilene's {rate} per MW of IT; at "
            "Shackelford's {high_rate}, the high end of the evidence (its construction loan "
            "alone, {tx_loan}, exceeds the {tx_model} the model's rate gives that site), capex "
            "would be **{high}**, {delta} more."
        ).format(**high_values)
    else:
        high = _(
            "Buildings, power and cooling are costed at this scenario's {rate} per MW of IT; at "
            "Shackelford's {high_rate}, the high end of the evidence, capex would be **{high}**, "
            "{delta} more."
        ).format(**high_values)
    return join_sentences(
        text.format(
            gpus=format_number(gpu_count),
            generations=gens,
            total=_money(total, scenario),
            accelerators=_money(parts["accelerators"], scenario),
            accelerators_share=share("accelerators"),
            other_it=_money(parts["other_it"], scenario),
            other_it_share=share("other_it"),
            facility=_money(parts["facility"], scenario),
            facility_share=share("facility"),
            nvidia_share=format_share(costs.nvidia_share_of_capex(scenario)),
            it_share=format_share(it_share),
            per_gpu=_money(total / gpu_count, scenario),
        ),
        high,
    )


def describe_power(scenario: Scenario) -> str:
    """Markdown: IT and facility power of the fleet, yearly energy and its cost."""
    d = scenario.display
    p = costs.power_summary(scenario)
    f = scenario.facility
    return _(
        "The GPUs and the servers around them draw **{it_mw} MW** of IT load. With a PUE of "
        "{pue} — every watt of IT needs {extra_w} W more for cooling and power conversion — "
        "the campus draws **{facility_mw} MW** from the grid. Working {utilization} of the "
        "year's hours, it uses {energy_million_mwh} million MWh a year, which at {price} costs "
        "**{energy_cost} a year**."
    ).format(
        it_mw=format_value(p["power_it_mw"], "", fmt=",.0f"),
        pue=format_value(f.pue, "", fmt=".2f"),
        extra_w=format_value(f.pue - 1, "", fmt=".2f"),
        facility_mw=format_value(p["power_facility_mw"], "", fmt=",.0f"),
        utilization=format_share(scenario.finance.utilization_rate),
        energy_million_mwh=(
            format_value(p["energy_mwh_per_year"] / 1e6, "", fmt=",.2f")
            if current_language() == "en"
            else f"{p['energy_mwh_per_year'] / 1e4:,.0f}万"  # 7,008万MWh, not 70.08百万MWh
        ),
        price=money_text(f.electricity_usd_per_mwh, d, "/MWh"),
        energy_cost=_money(p["energy_usd_per_year"], scenario),
    )


def describe_tco(scenario: Scenario) -> str:
    """Markdown: annual TCO, its split between capital and operating costs, per GPU-hour."""
    fin = scenario.finance
    parts = costs.annual_tco_breakdown_usd(scenario)
    total = sum(parts.values())
    capital = parts["it_capital"] + parts["facility_capital"]
    crf_it = capital_recovery_factor(fin.cost_of_capital_rate, fin.it_lifetime_years)
    crf_fac = capital_recovery_factor(fin.cost_of_capital_rate, fin.facility_lifetime_years)
    cost = costs.cost_per_gpu_hour_usd(scenario)
    price = fin.price_usd_per_gpu_hour
    from_contract = fact_behind(fin, "price_usd_per_gpu_hour")
    values = {
        "rate": format_share(fin.cost_of_capital_rate),
        "crf_it": format_share(float(crf_it), digits=1),
        "it_years": format_number(fin.it_lifetime_years),
        "crf_facility": format_share(float(crf_fac), digits=1),
        "facility_years": format_number(fin.facility_lifetime_years),
        "total": _money(total, scenario),
        "per_mw": _money(costs.tco_per_mw_it_usd(scenario), scenario),
        "capital_share": format_share(capital / total),
        "operating_share": format_share((total - capital) / total),
        "utilization": format_share(fin.utilization_rate),
        "hours": format_number(HOURS_PER_YEAR),
        "cost": _money(cost, scenario),
        "price": _money(price, scenario),
        "margin": _money(abs(price - cost), scenario),
    }
    first = _(
        "At a {rate} cost of capital, the IT equipment must earn back {crf_it} of its cost "
        "every year for {it_years} years and the facility {crf_facility} a year for "
        "{facility_years} years. Owning and running the fleet costs **{total} a year** "
        "({per_mw} per MW of IT load): {capital_share} is capital recovery and "
        "{operating_share} operating costs. Spread over the GPU-hours worked ({utilization} of "
        "{hours} hours), that is **{cost} per GPU-hour**."
    )
    if from_contract:
        # The contract prices a GB300-equivalent hour (other generations by their power); this
        # cost is per average hour of the fleet: not the same unit, so set side by side only
        # once counted in the contract's unit (describe_like_for_like).
        second = _(
            "The Oracle contract prices a GB300-equivalent GPU-hour at {price} (other generations "
            "in proportion to their power), a different unit from this cost per average GPU-hour "
            "of the fleet; the section on cost, price and break-even below counts all three per "
            "GB300-equivalent GPU-hour."
        )
    elif price >= cost:
        second = _(
            "Sold at the scenario's price of {price} per GPU-hour (set by this scenario), "
            "each worked hour earns {margin} more than its full cost, which already "
            "includes the return on capital."
        )
    else:
        second = _(
            "Sold at the scenario's price of {price} per GPU-hour (set by this scenario), "
            "each worked hour falls {margin} short of its full cost, return on capital "
            "included."
        )
    return join_sentences(first, second).format(**values)


def describe_generations(scenario: Scenario) -> str:
    """Markdown: how cost per GPU-hour and per PFLOP-hour move from H100 to VR200."""
    t = costs.generation_table(scenario).set_index("generation")

    def pair(g: str) -> str:
        return _("{generation} {per_hour} per GPU-hour, {per_pflop} per PFLOP-hour").format(
            generation=g,
            per_hour=_money(t.loc[g, "cost_per_gpu_hour_usd"], scenario),
            per_pflop=_money(t.loc[g, "cost_per_pflop_hour_usd"], scenario),
        )

    cheapest = str(t["cost_per_pflop_hour_usd"].idxmin())
    dearest_hour = str(t["cost_per_gpu_hour_usd"].idxmax())
    return _(
        "With the same site and finance inputs: {pairs}. The dearest GPU-hour is "
        "{dearest}'s, at {dearest_ratio} an H100-hour; the cheapest unit of compute is "
        "{cheapest}'s, at {cheapest_ratio} an H100's cost per PFLOP-hour."
    ).format(
        pairs=_("; ").join(pair(g) for g in GENERATIONS),
        dearest=dearest_hour,
        dearest_ratio=_ratio(t.loc[dearest_hour, "cost_per_gpu_hour_vs_h100"]),
        cheapest=cheapest,
        cheapest_ratio=_ratio(t.loc[cheapest, "cost_per_pflop_hour_vs_h100"], digits=2),
    )


def _ratio(value: float, digits: int = 1) -> str:
    """A multiple in the current language: ``1.9×`` / ``1.9倍``."""
    text = format_ratio(value, digits=digits)
    return text.replace("×", "倍") if current_language() == "ja" else text


def describe_sensitivity(scenario: Scenario) -> str:
    """Markdown: the range of the cost per GPU-hour over the grid and the widest swings."""
    grid = lifetime_utilization_frame(scenario)
    top = tornado_frame(scenario).head(3)
    swings = _("; ").join(
        _("{factor} ({low_input} → {high_input}): {low} → {high}").format(
            factor=r.factor,
            low_input=r.low_input,
            high_input=r.high_input,
            low=_money(r.cost_at_low_usd, scenario),
            high=_money(r.cost_at_high_usd, scenario),
        )
        for r in top.itertuples()
    )
    lo = grid.loc[grid["cost_per_gpu_hour_usd"].idxmin()]
    hi = grid.loc[grid["cost_per_gpu_hour_usd"].idxmax()]
    years, util = costs.LIFETIME_GRID_YEARS, costs.UTILIZATION_GRID
    return _(
        "Across IT lifetimes of {first_year}–{last_year} years and utilisation of "
        "{low_util}–{high_util}, the cost per GPU-hour runs from **{low}** ({low_life}, "
        "{low_use}) to **{high}** ({high_life}, {high_use}). The widest one-at-a-time swings: "
        "{swings}."
    ).format(
        first_year=format_number(years[0]),
        last_year=format_number(years[-1]),
        low_util=format_share(util[0]),
        high_util=format_share(util[-1]),
        low=_money(lo.cost_per_gpu_hour_usd, scenario),
        low_life=lo.it_lifetime,
        low_use=lo.utilization,
        high=_money(hi.cost_per_gpu_hour_usd, scenario),
        high_life=hi.it_lifetime,
        high_use=hi.utilization,
        swings=swings,
    )


def _lower_first(text: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym ("IT lifetime", "PUE")."""
    if current_language() != "en":
        return text
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def describe_takeaways(scenario: Scenario) -> str:
    """Markdown: the report's conclusions for this scenario, as bullet points."""
    parts = costs.annual_tco_breakdown_usd(scenario)
    total = sum(parts.values())
    capital = (parts["it_capital"] + parts["facility_capital"]) / total
    top = [str(f) for f in tornado_frame(scenario)["factor"].head(2)]
    gens = costs.generation_table(scenario).set_index("generation")
    verdicts = fact_check.fact_check_table(scenario)["verdict"].value_counts()
    art = fact_check.article_arithmetic()
    nvidia_own = facts.value("nvda_per_gw_hardware") / facts.value("nvda_per_gw_total")
    cheapest = str(gens["cost_per_pflop_hour_usd"].idxmin())
    dearest = str(gens["cost_per_gpu_hour_usd"].idxmax())
    values = {
        "capital_share": format_share(capital),
        "energy_share": format_share(parts["energy"] / total),
        "first_input": _lower_first(top[0]),
        "second_input": _lower_first(top[1]),
        "nvidia_share": format_share(costs.nvidia_share_of_capex(scenario)),
        "article_share": format_share(art["nvidia_share_of_capex"], digits=1),
        "nvidia_own": format_share(nvidia_own),
        "dearest": dearest,
        "dearest_ratio": _ratio(gens.loc[dearest, "cost_per_gpu_hour_vs_h100"]),
        "cheapest": cheapest,
        "cheapest_cost": _money(gens.loc[cheapest, "cost_per_pflop_hour_usd"], scenario),
        "h100_cost": _money(gens.loc["H100", "cost_per_pflop_hour_usd"], scenario),
        "consistent": format_number(verdicts.get("consistent", 0)),
        "partly": format_number(verdicts.get("partly_supported", 0)),
        "inconsistent": format_number(verdicts.get("inconsistent", 0)),
        "unsourced": format_number(verdicts.get("unsourced", 0)),
    }
    lead = (
        _(
            "**Owning the hardware is the cost.** Capital recovery is {capital_share} of the "
            "annual cost in this scenario, energy {energy_share}. The inputs that move the cost "
            "per GPU-hour most are {first_input} and {second_input}."
        )
        if capital > 0.5
        else _(
            "**Running costs matter.** Capital recovery is {capital_share} of the annual cost "
            "in this scenario, energy {energy_share}. The inputs that move the cost per "
            "GPU-hour most are {first_input} and {second_input}."
        )
    )
    nvidia = (
        _(
            "**NVIDIA's take.** Accelerators are {nvidia_share} of the modelled capex; the "
            "article's figures imply {article_share}, above NVIDIA's own per-GW figure of "
            "{nvidia_own}."
        )
        if art["nvidia_share_of_capex"] > nvidia_own
        else _(
            "**NVIDIA's take.** Accelerators are {nvidia_share} of the modelled capex; the "
            "article's figures imply {article_share}, within NVIDIA's own per-GW figure of "
            "{nvidia_own}."
        )
    )
    generations = _(
        "**Generations.** The dearest GPU-hour is {dearest}'s ({dearest_ratio} an H100-hour), "
        "but per unit of compute {cheapest} is the cheapest ({cheapest_cost} per PFLOP-hour "
        "against {h100_cost} for H100)."
    )
    article = _(
        "**The article.** Of its cost figures, {consistent} are consistent with the evidence, "
        "{partly} only in part, {inconsistent} are not and {unsourced} cannot be tested; none "
        "could be traced to a source, and its Hopper fleet is not what Stargate is reported to be "
        "buying."
    )
    return "\n".join(f"- {line.format(**values)}" for line in (lead, nvidia, generations, article))


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
        label_title=N_("Component"),
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
        category_title=N_("Component"),
        value_title=N_("Cost per year"),
        color_title=N_("Kind of cost"),
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
            category_title=N_("GPU generation"),
            value_title=N_("Cost per GPU-hour"),
        )
    return charts.bar(
        generation_frame(scenario, "pflop_hour"),
        "generation",
        "usd",
        title=N_("Cost per unit of compute (dense BF16 PFLOP-hour)"),
        unit="USD/PFLOP-hour",
        color="generation",
        sort=None,
        category_title=N_("GPU generation"),
        value_title=N_("Cost per PFLOP-hour"),
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
        x_title=N_("Electricity price ({unit}; each point a sourced price)"),
        x_unit="USD/MWh",
        value_title=N_("Cost per GPU-hour"),
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
        value_title=N_("Cost per GPU-hour"),
        color_title=N_("IT lifetime"),
    )


# =========================================================================== rent per generation


def rent_by_generation_frame(scenario: Scenario) -> pd.DataFrame:
    """What a GPU-hour of each generation earns, for readers (figures in the display currency).

    The venture's revenue, not its cost: the contract column is what a contracted hour earns
    (flat for the contract's term), the market columns what an hour outside it earns.
    """
    table = fleet_refresh.compute_rent_by_generation(scenario)
    fin = scenario.finance
    disp = scenario.display

    def hourly(values: Any) -> list[str]:
        return [money_text(v, disp, "/GPU-hour") for v in values]

    return pd.DataFrame(
        {
            _("generation"): table["generation"],
            _("first year in service"): table["first_year"].astype(str),
            _("dense FP8 PFLOPS"): [format_number(v) for v in table["compute_pflops_fp8_dense"]],
            _("contracted hour (flat for the term)"): hourly(table["contract_usd_per_gpu_hour"]),
            _("market hour in {year}").format(year=fin.market_rent_year): hourly(
                table["market_usd_per_gpu_hour"]
            ),
            _("market hour in its first year"): hourly(table["market_first_year_usd_per_gpu_hour"]),
        }
    )


def rent_by_generation_table(scenario: Scenario) -> pd.DataFrame:
    """:func:`rent_by_generation_frame` with the generation as row label (the report's table)."""
    frame = rent_by_generation_frame(scenario)
    return frame.set_index(frame.columns[0])


def describe_rent_by_generation(scenario: Scenario) -> str:
    """How a GPU-hour of each generation earns, and which view each revenue figure is (Markdown)."""
    fin = scenario.finance
    disp = scenario.display
    share = fleet_refresh.contracted_share(scenario)
    fleet_gw = costs.power_summary(scenario)["power_facility_mw"] / 1000.0
    rest = _(
        "each earns the contract's price, {price} for a "
        "{generation} and in proportion to its power for another generation (the contract "
        "buys gigawatts, and a gigawatt holds fewer of the bigger GPUs), flat for {years} from "
        "service: a contracted price does not age. The other hours earn the market rent of "
        "their compute, {per_pflop} per dense FP8 PFLOP-hour in {year} (a B200 on-demand hour "
        "over its compute), moving by {trend} a year (the H100's measured trend applies to the "
        "market only). Vera Rubin has no market yet: its FP8 compute is not published, so its "
        "market hour is taken at GB300's compute, the register's floor; the sustainability "
        "report's Monte Carlo draws it up to the FP4 ratio."
    )
    if fin.contracted_gw >= fleet_gw:
        # The contract buys more than this fleet holds (the article's case): all of it is sold.
        lead = _(
            "**What a GPU-hour earns.** These are the venture's revenue per hour, not its cost. "
            "All of the fleet's hours are sold under the Oracle contract, whose {contracted_gw} "
            "GW cover the whole {fleet_gw} GW fleet:"
        )
    else:
        lead = _(
            "**What a GPU-hour earns.** These are the venture's revenue per hour, not its cost. "
            "{share} of the fleet's hours are sold under the Oracle contract ({contracted_gw} GW "
            "of the fleet's {fleet_gw} GW):"
        )
    return join_sentences(lead, rest).format(
        share=format_share(share),
        contracted_gw=format_number(fin.contracted_gw),
        fleet_gw=format_number(fleet_gw),
        price=money_text(fin.price_usd_per_gpu_hour, disp, "/GPU-hour"),
        generation=fin.price_generation,
        years=_("{years} years").format(years=format_value(fin.contract_years, "", fmt=".0f")),
        per_pflop=money_text(fin.market_rent_usd_per_pflop_hour, disp, "/PFLOP-hour"),
        year=fin.market_rent_year,
        trend=format_share(scenario.risk.price_change_rate, signed=True),
    )


# ====================================================================== cost, price, break-even


def describe_like_for_like(scenario: Scenario) -> str:
    """Markdown: cost, price and break-even of a GPU-hour in one unit, and why they differ.

    Every figure per GB300-equivalent GPU-hour (:mod:`stargate.model.like_for_like`): the cost
    model's cost, the scenario's contract price and the price at which the venture's NPV is
    zero; the gap between break-even and cost is explained by the hours outside the contract.
    """
    fin = scenario.finance
    lfl = like_for_like.compare_cost_price_breakeven(scenario)
    gen = like_for_like.GENERATION
    cost, price = lfl["cost_usd_per_gb300_hour"], lfl["price_usd_per_gb300_hour"]
    breakeven, levelised = (
        lfl["breakeven_usd_per_gb300_hour"],
        lfl["levelised_cost_usd_per_gb300_hour"],
    )
    market = lfl["market_usd_per_gb300_hour"]
    values = {
        "cost": _money(cost, scenario),
        "price": _money(price, scenario),
        "own_price": _money(fin.price_usd_per_gpu_hour, scenario),
        "own_generation": fin.price_generation,
        "breakeven": _money(breakeven, scenario),
        "levelised": _money(levelised, scenario),
        "market": "—" if market != market else _money(market, scenario),
        "average_cost": _money(costs.cost_per_gpu_hour_usd(scenario), scenario),
        "average_w": format_value(costs.average_it_power_w_per_gpu(scenario), "", fmt=",.0f"),
        "gb300_w": format_value(scenario.fleet.specs[gen].it_power_w_per_gpu, "", fmt=",.0f"),
        "share": format_share(lfl["contracted_share_of_hours"]),
    }
    # A section of its own (a heading, so the page's contents list it), not a paragraph
    # under the generations.
    heading = _("Cost, price and break-even in one unit: per GB300-equivalent GPU-hour")
    intro = _(
        "The Oracle contract pays for an hour of a GB300 and for another GPU's hour in "
        "proportion to its all-in IT power (it buys gigawatts), and the venture's break-even "
        "price in the sustainability report is quoted the same way: a GB300-equivalent hour "
        "is an hour of a GB300's IT power, not of a GB300's compute. Counted like that, the "
        "fleet's cost is **{cost} per GB300-equivalent GPU-hour**."
    )
    average_w = costs.average_it_power_w_per_gpu(scenario)
    gb300_w = scenario.fleet.specs[gen].it_power_w_per_gpu
    if abs(average_w - gb300_w) < 0.5:
        why = _(
            "That is also its cost per average GPU-hour: its average GPU draws a GB300's power."
        )
    elif average_w > gb300_w:
        why = _(
            "The fleet's average GPU draws {average_w} W of IT power against a GB300's "
            "{gb300_w} W, so the yearly cost that comes to {average_cost} per average GPU-hour "
            "spreads over more GB300-equivalent hours."
        )
    else:
        why = _(
            "The fleet's average GPU draws {average_w} W of IT power against a GB300's "
            "{gb300_w} W, so the yearly cost that comes to {average_cost} per average GPU-hour "
            "spreads over fewer GB300-equivalent hours."
        )
    if fact_behind(fin, "price_usd_per_gpu_hour"):
        second = _(
            "The contract pays {price} per GB300 GPU-hour, and the venture breaks even at a "
            "contract price of **{breakeven} per GB300-equivalent GPU-hour**."
        )
    elif fin.price_generation == gen:
        second = _(
            "This scenario's price is {price} per GB300 GPU-hour, and the venture breaks even "
            "at a price of **{breakeven} per GB300-equivalent GPU-hour**."
        )
    else:
        second = _(
            "This scenario's price of {own_price} per {own_generation} GPU-hour comes to "
            "{price} per GB300-equivalent GPU-hour, and the venture breaks even at a price of "
            "**{breakeven} per GB300-equivalent GPU-hour**."
        )
    if market != market:  # NaN: every hour is contracted
        third = _(
            "Every hour is sold at that price, so the break-even is the cost of an hour "
            "counted over the years the batches enter service and discounted, {levelised} per "
            "GB300-equivalent GPU-hour."
        )
    elif breakeven >= cost and market < levelised:
        third = _(
            "The break-even lies above the cost because only {share} of the fleet's hours "
            "(counted in present value) are sold at the contract price; the others earn the "
            "market rent, on average {market} per GB300-equivalent hour over the IT life, "
            "below the cost, so the contracted hours must make up their shortfall."
        )
    elif breakeven < cost and market >= levelised:
        third = _(
            "The break-even lies below the cost because only {share} of the fleet's hours "
            "(counted in present value) are sold at the contract price; the others earn the "
            "market rent, on average {market} per GB300-equivalent hour over the IT life, "
            "above the cost, so the contracted hours need not pay all of it."
        )
    else:
        third = _(
            "Only {share} of the fleet's hours (counted in present value) are sold at the "
            "contract price; the others earn the market rent, on average {market} per "
            "GB300-equivalent hour over the IT life."
        )
    return f"## {heading}\n\n" + join_sentences(intro, why, second, third).format(**values)
