"""The cost-structure report's tables for readers: fleet, inputs, TCO, generations, electricity.

Every figure goes through :mod:`stargate.present.formatting` (amounts in the scenario's display
currency, shares as ``40%``, ratios as ``1.86×``, missing values as ``—``). The numbers come from
:mod:`stargate.model.costs` and :mod:`stargate.model.cost_sensitivity`; the "why this value" of
each input is the ``chosen_why`` of the fact behind its default, in the facts register.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from stargate import facts
from stargate.model import cost_sensitivity, costs
from stargate.present.cost_report import TCO_LABELS
from stargate.present.formatting import (
    MISSING,
    format_money,
    format_number,
    format_ratio,
    format_share,
    format_value,
)
from stargate.scenario import Scenario
from stargate.schema.common import fact_behind

#: Readers' names of the per-GPU figures a generation's default may derive rather than source
#: (:data:`stargate.model.costs.SPEC_FIELDS`).
SPEC_FIELD_LABELS: dict[str, str] = {
    "accelerator_price_usd": "price",
    "other_it_capex_usd_per_gpu": "other IT",
    "chip_power_w": "chip power",
    "it_power_w_per_gpu": "IT power",
    "compute_pflops_bf16_dense": "BF16 compute",
}


def _each(values: Iterable[Any], show: Callable[[Any], str]) -> list[str]:
    return [show(v) for v in values]


def format_fleet_table(scenario: Scenario) -> pd.DataFrame:
    """The fleet table for readers: per-GPU cost and power, batch totals."""
    d = scenario.display
    table = costs.fleet_table(scenario)

    def money(v: float) -> str:
        return format_money(v, d)

    def power(unit: str) -> Callable[[float], str]:
        return lambda v: format_value(v, unit, fmt=",.0f")

    return pd.DataFrame(
        {
            "Generation": table["generation"],
            "Deployed": table["deploy_year"].astype(str),
            "GPUs": _each(table["gpu_count"], format_number),
            "Accelerator per GPU": _each(table["accelerator_price_usd"], money),
            "Other IT per GPU": _each(table["other_it_capex_usd_per_gpu"], money),
            "Facility per GPU": _each(table["facility_capex_usd_per_gpu"], money),
            "All-in per GPU": _each(table["capex_usd_per_gpu"], money),
            "Chip power": _each(table["chip_power_w"], power("W")),
            "All-in IT power": _each(table["it_power_w_per_gpu"], power("W")),
            "IT load": _each(table["power_it_mw"], power("MW")),
            "Facility load": _each(table["power_facility_mw"], power("MW")),
            "Capex": _each(table["capex_usd"], money),
        }
    ).set_index("Generation")


def format_tco_table(scenario: Scenario) -> pd.DataFrame:
    """Annual TCO by component for readers: per year, per MW of IT load, per GPU-hour, share."""
    d = scenario.display
    parts = costs.annual_tco_breakdown_usd(scenario)
    per_hour = costs.cost_per_gpu_hour_breakdown_usd(scenario)
    it_mw = costs.power_summary(scenario)["power_it_mw"]
    total = sum(parts.values())

    def row(label: str, per_year: float, per_gpu_hour: float) -> dict[str, str]:
        return {
            "Component": label,
            "Per year": format_money(per_year, d),
            "Per MW of IT load per year": format_money(per_year / it_mw, d),
            "Per GPU-hour": format_money(per_gpu_hour, d),
            "Share": format_share(per_year / total),
        }

    rows = [row(TCO_LABELS[k], v, per_hour[k]) for k, v in parts.items()]
    rows.append(row("Total cost of ownership", total, sum(per_hour.values())))
    return pd.DataFrame(rows).set_index("Component")


def format_generation_table(scenario: Scenario) -> pd.DataFrame:
    """The generation comparison for readers."""
    d = scenario.display
    t = costs.generation_table(scenario)

    def money(v: float) -> str:
        return format_money(v, d)

    def ratio(v: float) -> str:
        return format_ratio(v, digits=2)

    def derived(fields: tuple[str, ...]) -> str:
        return ", ".join(SPEC_FIELD_LABELS[f] for f in fields) or MISSING

    return pd.DataFrame(
        {
            "Generation": t["generation"],
            "Accelerator per GPU": _each(t["accelerator_price_usd"], money),
            "All-in capex per GPU": _each(t["capex_usd_per_gpu"], money),
            "All-in IT power": _each(
                t["it_power_w_per_gpu"], lambda v: format_value(v, "W", fmt=",.0f")
            ),
            "Dense BF16": _each(
                t["compute_pflops_bf16_dense"], lambda v: format_value(v, "PFLOPS", fmt=".3g")
            ),
            "Cost per GPU-hour": _each(t["cost_per_gpu_hour_usd"], money),
            "vs H100 (GPU-hour)": _each(t["cost_per_gpu_hour_vs_h100"], ratio),
            "Cost per PFLOP-hour": _each(t["cost_per_pflop_hour_usd"], money),
            "vs H100 (PFLOP-hour)": _each(t["cost_per_pflop_hour_vs_h100"], ratio),
            "Derived, not sourced directly": _each(t["derived_fields"], derived),
        }
    ).set_index("Generation")


def format_electricity_table(scenario: Scenario) -> pd.DataFrame:
    """Cost per GPU-hour at each sourced electricity price, for readers.

    The price column stays in USD/MWh, the unit of the sources and of the chart's axis.
    """
    d = scenario.display
    t = cost_sensitivity.electricity_sweep(scenario)
    return pd.DataFrame(
        {
            "Electricity price": t["price"],
            "USD/MWh": _each(
                t["electricity_usd_per_mwh"], lambda v: format_value(v, "", fmt=",.2f")
            ),
            "Cost per GPU-hour": _each(t["cost_per_gpu_hour_usd"], lambda v: format_money(v, d)),
            "Energy's share of TCO": _each(t["energy_share"], format_share),
            "Fact id": t["fact_id"],
        }
    ).set_index("Electricity price")


def _input_rows(scenario: Scenario) -> list[tuple[Any, str, str, str, str]]:
    """(group, field, label, value shown, what the sources say) for each site/finance input."""
    d = scenario.display
    v = facts.value

    def m(usd: float) -> str:
        return format_money(usd, d)

    def years(x: float) -> str:
        return format_value(x, "years")

    cw = facts.get("dc_cost_per_mw")
    states = [v(f) for f in ("elec_nm_industrial", "elec_oh_industrial", "elec_mi_industrial")]
    states.append(v("elec_wi_industrial"))
    fac, fin = scenario.facility, scenario.finance
    return [
        (
            fac,
            "facility_capex_usd_per_mw_it",
            "Facility capex per MW of IT load",
            format_value(fac.facility_capex_usd_per_mw_it, "USD/MW", d),
            f"Abilene: {m(v('abilene_jv_15bn'))} of joint-venture funding for buildings and "
            f"power over {format_value(v('abilene_capacity'), 'GW')} = "
            f"{format_value(v('abilene_shell_per_mw'), 'USD/MW', d)} (Oracle buys the GPUs). "
            f"Cushman & Wakefield, 19 US markets: {m(cw.low or 0)}–"
            f"{format_value(cw.high or 0, 'USD/MW', d)}, average {m(cw.value)} (excluding IT, "
            f"land and soft costs). Shackelford: "
            f"{format_value(v('sg_shackelford_per_mw_derived'), 'USD/MW', d)} (scope may be "
            "wider).",
        ),
        (
            fac,
            "pue",
            "Power usage effectiveness (PUE)",
            format_value(fac.pue, "", fmt=".2f"),
            f"Uptime Institute survey average {format_value(v('pue_uptime_2024'), '', fmt='.2f')}"
            f" (2024); new large facilities {format_value(v('pue_new_builds'), '', fmt='.1f')} or"
            f" better; Google's fleet {format_value(v('pue_google'), '', fmt='.2f')}.",
        ),
        (
            fac,
            "electricity_usd_per_mwh",
            "Electricity price",
            format_value(fac.electricity_usd_per_mwh, "USD/MWh", d),
            f"Texas industrial average {format_value(v('elec_tx_industrial'), 'USD/MWh', d)} "
            f"(EIA, 2023, incl. delivery); ERCOT wholesale 2024 {m(v('elec_ercot_da_2024'))} "
            f"(day-ahead) to {m(v('elec_ercot_rt_2024'))} (real-time), 2023 "
            f"{m(v('elec_ercot_da_2023'))}; other Stargate states' industrial averages "
            f"{m(min(states))}–{m(max(states))}.",
        ),
        (
            fin,
            "it_lifetime_years",
            "IT lifetime",
            years(fin.it_lifetime_years),
            f"Hyperscaler filings: Amazon {years(v('dep_amazon_2025'))} (2025, cut from "
            f"{format_number(v('dep_amazon_2025_prior'))} for the pace of AI), Meta "
            f"{format_number(v('dep_meta_2025'))}, Microsoft {format_number(v('dep_msft'))}, "
            f"Alphabet {format_number(v('dep_alphabet'))}; about {years(v('dep_2020'))} at all "
            "four around 2020. Critics argue 2–3 years (an opinion, not a filing).",
        ),
        (
            fin,
            "facility_lifetime_years",
            "Facility lifetime",
            years(fin.facility_lifetime_years),
            f"No source. Oracle's lease on the Abilene campus runs "
            f"{years(v('abilene_lease_term'))}.",
        ),
        (
            fin,
            "cost_of_capital_rate",
            "Cost of capital",
            format_share(fin.cost_of_capital_rate),
            "No source. Abilene's financing carries about "
            f"{format_value(v('abilene_debt_to_equity_derived'), '', fmt='.1f')} dollars of "
            "loans per dollar of equity.",
        ),
        (
            fin,
            "utilization_rate",
            "Utilisation",
            format_share(fin.utilization_rate),
            "No source gives the utilisation of a Stargate fleet.",
        ),
        (
            fin,
            "maintenance_rate",
            "Maintenance (share of capex a year)",
            format_share(fin.maintenance_rate),
            "No source for AI campuses.",
        ),
        (
            fin,
            "staff_other_rate",
            "Staff and other (share of capex a year)",
            format_share(fin.staff_other_rate),
            "No source for AI campuses.",
        ),
        (
            fin,
            "price_usd_per_gpu_hour",
            "Price of a GPU-hour",
            m(fin.price_usd_per_gpu_hour),
            f"The article's {m(v('claim_price_usd_per_gpu_hour'))} (its 'operating cost', "
            f"untraced); H100 rental {m(v('gpu_rent_low_2025'))}–{m(v('gpu_rent_oct2024'))} in "
            "2024–25.",
        ),
    ]


def format_inputs_table(scenario: Scenario) -> pd.DataFrame:
    """The site and finance inputs for readers: value, what the sources say, why this value.

    Returns:
        Index "Input"; columns "Value", "Kind" (evidence / derived / assumption / claim, or
        "scenario" where the scenario file changed the default), "What the sources say" and
        "Why this value" (the ``chosen_why`` of the fact behind the default, or "Set by this
        scenario.").
    """
    table = []
    for model, field, label, value, sources in _input_rows(scenario):
        fact_id = fact_behind(model, field)
        fact = facts.get(fact_id) if fact_id else None
        table.append(
            {
                "Input": label,
                "Value": value,
                "Kind": fact.kind if fact else "scenario",
                "What the sources say": sources,
                "Why this value": fact.chosen_why if fact else "Set by this scenario.",
            }
        )
    return pd.DataFrame(table).set_index("Input")
