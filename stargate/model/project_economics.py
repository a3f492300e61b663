"""Does the build-out pay? The venture's project cash flows, NPV, IRR, payback and break-evens.

NPV of the venture's capex over one IT lifetime at the cost of capital (facility kept at its
economic value), IRR and payback from the annual cash flows (numpy-financial through
:mod:`stargate.model.finance`), break-even price per GPU-hour and break-even utilisation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from stargate import facts
from stargate.model import finance
from stargate.model.openai_plan import PLAN_START_YEAR
from stargate.model.venture import (
    build_model_inputs,
    evaluate_model,
    evaluate_point,
    point_draws,
    whole_years,
)
from stargate.scenario import Scenario

# =========================================================================== project economics


def compute_project_cash_flows(scenario: Scenario, **overrides: float) -> pd.DataFrame:
    """The venture's project cash flows over one IT life, per period from 2025 (USD).

    Period t is calendar year 2025 + t. Each batch's site, GPUs and other IT are paid at the start
    of service, ``d`` years after its deployment year (d the delay rounded to whole years; the
    venture model's one delay model: a delay moves the whole batch; capacity already energised is
    not delayed). Year k of the IT life (k = 1..L, L rounded to whole years) yields, at the end of
    period ``deploy - 2025 + d + k - 1``, the contracted share of its hours at the contract price
    while k is within the contract's term (which starts in ``finance.contract_start_year`` or at
    service start, whichever is later), every other hour at the market rent of that calendar year
    (its GPUs' FP8 PFLOPS x the rent per PFLOP-hour x (1 + change)^(year - the rent's reference
    year)), less running costs; at the end of the IT life the facility is kept at its economic
    value: the capital-recovery annuity it still owes over its remaining life.

    Args:
        scenario: the scenario.
        **overrides: model inputs to override (names of :data:`DRAW_NAMES`).

    Returns:
        Indexed by ``period``: ``year``, ``capex_usd`` (negative), ``operating_usd``,
        ``residual_usd``, ``net_usd``, ``cumulative_usd``.
    """
    draws = point_draws(scenario)
    for name, value in overrides.items():
        draws[name] = np.array([float(value)])
    inputs = build_model_inputs(scenario)
    fl = inputs.fleet
    d = {name: float(v[0]) for name, v in draws.items()}
    life = int(max(1, whole_years(d["it_lifetime_years"])))
    delay = int(whole_years(d["schedule_delay_years"]))
    rate = d["cost_of_capital_rate"]
    change = d["price_change_rate"]
    util = d["utilization_rate"]
    t_first = int(min(fl.deploy_year)) - PLAN_START_YEAR
    t_last = int(max(fl.deploy_year)) - PLAN_START_YEAR + delay + life
    periods = np.arange(min(t_first, 0), t_last + 1)
    capex = np.zeros(periods.size)
    operating = np.zeros(periods.size)
    residual = np.zeros(periods.size)
    crf = finance.capital_recovery_factor(rate, fl.facility_lifetime_years)
    facility_left_years = max(fl.facility_lifetime_years - life, 0.0)
    rest = float(finance.annuity_factor(rate, facility_left_years))
    offset = -periods[0]
    share = fl.contracted_share
    for b in range(fl.gpu_count.size):
        # Capacity already energised is never delayed.
        bd = delay if inputs.delayable is None or bool(inputs.delayable[b]) else 0
        t0 = int(fl.deploy_year[b]) - PLAN_START_YEAR
        cap_f = fl.facility_capex_usd[b] * (1.0 + d["facility_overrun_rate"])
        cap_it = fl.accelerator_capex_usd[b] * (1.0 + d["accelerator_overrun_rate"])
        cap_it += fl.other_it_capex_usd[b] * (1.0 + d["other_it_overrun_rate"])
        capex[t0 + bd + offset] -= cap_f + cap_it
        running = fl.energy_usd_per_year_full_use[b] * util + fl.fixed_opex_usd_per_year[b]
        hours = fl.gpu_hours_per_year[b] * util
        contract_hour = d["price_usd_per_gpu_hour"] * fl.contract_weight[b]
        # Service years before the contract's first year earn the market rent; the term runs
        # from then (or from service start, if later).
        k0 = max(fl.contract_start_year - (PLAN_START_YEAR + t0 + bd), 0)
        for k in range(1, life + 1):
            year = PLAN_START_YEAR + t0 + bd + k - 1
            market_hour = fl.market_usd_per_gpu_hour[b] * (1.0 + change) ** (
                year - fl.market_rent_year
            )
            contracted = share if k0 < k <= k0 + fl.contract_years else 0.0
            rent = hours * (contracted * contract_hour + (1.0 - contracted) * market_hour)
            operating[t0 + bd + k + offset] += rent - running
        residual[t0 + bd + life + offset] += cap_f * crf * rest
    net = capex + operating + residual
    return pd.DataFrame(
        {
            "year": PLAN_START_YEAR + periods,
            "capex_usd": capex,
            "operating_usd": operating,
            "residual_usd": residual,
            "net_usd": net,
            "cumulative_usd": np.cumsum(net),
        },
        index=pd.Index(periods, name="period"),
    )


def compute_project_npv_usd(scenario: Scenario, **overrides: float) -> float:
    """Project NPV of the venture's capex at the cost of capital, valued at 2025 (USD)."""
    return float(evaluate_point(scenario, **overrides)["npv_usd"][0])


def compute_project_irr(scenario: Scenario, **overrides: float) -> float | None:
    """Internal rate of return of :func:`compute_project_cash_flows` (numpy-financial).

    Returns None when the cash flows have no IRR (e.g. they never turn positive).
    """
    flows = compute_project_cash_flows(scenario, **overrides)["net_usd"].to_numpy()
    return finance.irr(flows)


def compute_payback_years(net_usd: np.ndarray | pd.Series) -> float | None:
    """Years from the first outflow until cumulative cash flow turns non-negative (undiscounted).

    Interpolates within the year it turns; None if it never does.

    Args:
        net_usd: net cash flow per period (first outflow first), USD.
    """
    net = np.asarray(net_usd, dtype=float)
    start = int(np.argmax(net < 0)) if (net < 0).any() else 0
    cum = 0.0
    for t in range(start, net.size):
        before = cum
        cum += net[t]
        if cum >= 0 and t > start:
            return float(t - start - 1 + (-before / net[t] if net[t] else 0.0))
    return None


def find_breakeven_price_usd_per_gpu_hour(scenario: Scenario, **overrides: float) -> float:
    """Contract price per GPU-hour at which the project NPV is zero (USD/GPU-hour).

    The price is ``finance.price_usd_per_gpu_hour``: what a contracted GPU-hour of
    ``finance.price_generation`` earns (other generations in proportion to their power); the
    hours outside the contract keep the scenario's market rent. NPV is linear in the price:
    ``p* = -NPV(0) / (NPV(1) - NPV(0))``. With every hour contracted for the whole IT life, no
    overrun and no delay, a one-generation fleet breaks even at the cost model's cost per
    GPU-hour (TCO ÷ GPU-hours used). NaN when no hour is contracted (the price moves nothing).
    """
    at_zero = compute_project_npv_usd(scenario, **{**overrides, "price_usd_per_gpu_hour": 0.0})
    at_one = compute_project_npv_usd(scenario, **{**overrides, "price_usd_per_gpu_hour": 1.0})
    slope = at_one - at_zero
    return float("nan") if slope == 0 else -at_zero / slope


#: The generation whose GPU-hour the headline contract prices are quoted per: the Oracle
#: contract's price per GPU-hour is worked out for it
#: (``price_oracle_contract_per_gpu_hour_derived``).
HEADLINE_PRICE_GENERATION = "GB300"


def to_headline_generation_usd(scenario: Scenario, price_usd_per_gpu_hour: float) -> float:
    """A contract price per ``finance.price_generation`` GPU-hour, per GB300 GPU-hour instead.

    The contract buys capacity by the GW, so an hour of each generation earns the price in
    proportion to its all-in IT power: × GB300's watts ÷ the priced generation's. Unchanged
    when the scenario prices GB300 (the base).
    """
    specs = scenario.fleet.specs
    ratio = (
        specs[HEADLINE_PRICE_GENERATION].it_power_w_per_gpu
        / specs[scenario.finance.price_generation].it_power_w_per_gpu
    )
    return float(price_usd_per_gpu_hour * ratio)


def find_breakeven_price_usd_per_gb300_hour(scenario: Scenario, **overrides: float) -> float:
    """:func:`find_breakeven_price_usd_per_gpu_hour` per GB300 GPU-hour (the headline's unit)."""
    return to_headline_generation_usd(
        scenario, find_breakeven_price_usd_per_gpu_hour(scenario, **overrides)
    )


def find_breakeven_utilization(scenario: Scenario, **overrides: float) -> float:
    """Utilisation at which the project NPV is zero (fraction; above 1 means out of reach).

    NPV is linear in utilisation (revenue and energy both scale with it).
    """
    at_zero = compute_project_npv_usd(scenario, **{**overrides, "utilization_rate": 0.0})
    at_one = compute_project_npv_usd(scenario, **{**overrides, "utilization_rate": 1.0})
    slope = at_one - at_zero
    return float("inf") if slope <= 0 else -at_zero / slope


def summarize_project(scenario: Scenario) -> dict[str, float | None]:
    """Project economics at the scenario's point values.

    Returns:
        ``npv_usd``, ``irr`` (None if none), ``payback_years`` (None if never within one IT
        life), ``breakeven_price_usd_per_gpu_hour`` (per ``finance.price_generation`` hour),
        ``breakeven_price_usd_per_gb300_hour`` (the same per GB300 hour),
        ``breakeven_utilization``, ``capex_usd`` (with overruns), ``price_usd_per_gpu_hour``,
        ``price_usd_per_gb300_hour``, ``utilization_rate``, ``cost_of_capital_rate``.
    """
    facts.record(("gpu_rent_2024_early", "gpu_rent_low_2025", "gpu_rent_low_2025_rebound"))
    flows = compute_project_cash_flows(scenario)
    breakeven = find_breakeven_price_usd_per_gpu_hour(scenario)
    price = scenario.finance.price_usd_per_gpu_hour
    return {
        "npv_usd": compute_project_npv_usd(scenario),
        "irr": compute_project_irr(scenario),
        "payback_years": compute_payback_years(flows["net_usd"]),
        "breakeven_price_usd_per_gpu_hour": breakeven,
        "breakeven_price_usd_per_gb300_hour": to_headline_generation_usd(scenario, breakeven),
        "breakeven_utilization": find_breakeven_utilization(scenario),
        "capex_usd": float(-flows["capex_usd"].sum()),
        "price_usd_per_gpu_hour": price,
        "price_usd_per_gb300_hour": to_headline_generation_usd(scenario, price),
        "utilization_rate": scenario.finance.utilization_rate,
        "cost_of_capital_rate": scenario.finance.cost_of_capital_rate,
    }


def sweep_project_npv(
    scenario: Scenario, name: str, values: np.ndarray | list[float]
) -> pd.DataFrame:
    """Project NPV with one model input set to each of ``values`` (the rest at point values).

    Returns:
        Columns ``value`` and ``npv_usd``.
    """
    draws = point_draws(scenario)
    if name not in draws:
        raise KeyError(f"unknown model input {name!r}")
    grid = np.asarray(values, dtype=float)
    draws[name] = grid
    out = evaluate_model(build_model_inputs(scenario), draws)
    return pd.DataFrame({"value": grid, "npv_usd": out["npv_usd"]})
