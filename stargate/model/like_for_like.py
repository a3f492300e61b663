"""Cost, contract price and break-even price of a GPU-hour, all per GB300-equivalent hour.

The cost model gives a cost per worked GPU-hour averaged over the mixed fleet; the Oracle
contract and the project's break-even price are quoted per GB300 GPU-hour, other generations
earning in proportion to their all-in IT power (the contract buys gigawatts). Counting the
cost in the same unit (:func:`stargate.model.costs.cost_per_equivalent_gpu_hour_usd`) sets the
three side by side.

Why the break-even can lie above a contract price that covers the cost. The project's NPV is
linear in the contract price ``p`` (per GB300-equivalent hour):
``NPV(p) = p·Xc + M − K``, with ``Xc`` the present value of the contracted GB300-equivalent
hours, ``M`` that of the market rent earned by every other hour and ``K`` that of the costs
(capex, less the facility value kept, plus running costs). With ``Xu`` the present value of
the hours outside the contract, ``c = K / (Xc + Xu)`` the levelised cost and ``m = M / Xu`` the
discounted average market rent of an hour outside the contract, the break-even is
``p* = (K − M) / Xc = c + (Xu / Xc)·(c − m)``: above the levelised cost exactly when the
market hours earn less than it. Each present value is read off the project's own NPV
(:func:`stargate.model.project_economics.compute_project_npv_usd`) by switching one thing
off, so the decomposition follows the NPV model wherever it goes.
"""

from __future__ import annotations

from stargate.model import costs, project_economics
from stargate.scenario import Scenario
from stargate.schema.common import PLAN_FIRST_YEAR

#: Generation whose hour the three prices are counted in (the contract's headline unit).
GENERATION = project_economics.HEADLINE_PRICE_GENERATION


def _npv_at_price(scenario: Scenario, price: float) -> float:
    return project_economics.compute_project_npv_usd(scenario, price_usd_per_gpu_hour=price)


def _with_finance(scenario: Scenario, **changes: float) -> Scenario:
    return scenario.model_copy(update={"finance": scenario.finance.model_copy(update=changes)})


def compare_cost_price_breakeven(scenario: Scenario) -> dict[str, float]:
    """Cost, contract price and break-even, per GB300-equivalent GPU-hour, and why they differ.

    Returns (USD per GB300-equivalent GPU-hour unless stated):
        ``cost_usd_per_gb300_hour`` (annual TCO ÷ GB300-equivalent hours worked, the cost
        model's steady state), ``price_usd_per_gb300_hour`` (the scenario's contract price),
        ``breakeven_usd_per_gb300_hour`` (the contract price at which the project's NPV is
        zero); the decomposition of the module docstring: ``levelised_cost_usd_per_gb300_hour``
        (``c``), ``market_usd_per_gb300_hour`` (``m``; NaN when every hour is contracted),
        ``contracted_share_of_hours`` (``Xc / (Xc + Xu)``, discounted hours, fraction). Prices
        are per ``finance.price_generation`` hour in the NPV and turned into GB300 hours with
        :func:`~stargate.model.project_economics.to_headline_generation_usd`.
    """
    to_gb300 = project_economics.to_headline_generation_usd
    npv_zero = _npv_at_price(scenario, 0.0)
    contracted_hours = _npv_at_price(scenario, 1.0) - npv_zero  # Xc (per price-generation hour)
    # Every hour contracted for the whole IT life: the slope is then the PV of all hours.
    life = max(scenario.finance.it_lifetime_years, scenario.finance.contract_years)
    all_in = _with_finance(
        scenario,
        contracted_gw=float("inf"),
        contract_years=life + 1.0,
        contract_start_year=PLAN_FIRST_YEAR,  # no hour before the plan's first year
    )
    all_hours = _npv_at_price(all_in, 1.0) - _npv_at_price(all_in, 0.0)  # Xc + Xu
    # No market rent: what is left at a zero price is the costs alone.
    no_market = _with_finance(scenario, market_rent_usd_per_pflop_hour=0.0)
    cost_pv = -_npv_at_price(no_market, 0.0)  # K
    market_pv = npv_zero + cost_pv  # M
    market_hours = all_hours - contracted_hours  # Xu
    breakeven = project_economics.find_breakeven_price_usd_per_gpu_hour(scenario)
    return {
        "cost_usd_per_gb300_hour": costs.cost_per_equivalent_gpu_hour_usd(scenario, GENERATION),
        "price_usd_per_gb300_hour": to_gb300(scenario, scenario.finance.price_usd_per_gpu_hour),
        "breakeven_usd_per_gb300_hour": to_gb300(scenario, breakeven),
        "levelised_cost_usd_per_gb300_hour": to_gb300(scenario, cost_pv / all_hours),
        "market_usd_per_gb300_hour": (
            to_gb300(scenario, market_pv / market_hours) if market_hours > 0 else float("nan")
        ),
        "contracted_share_of_hours": contracted_hours / all_hours,
    }
