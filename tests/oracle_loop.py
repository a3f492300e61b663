# ruff: noqa: B023  (batches_at is called inside the draw's own iteration, never later)
"""Test oracle: the sustainability model written as a plain Python loop, one draw at a time.

:func:`evaluate_model_loop` is :func:`stargate.model.venture.evaluate_model` written separately,
with ``math`` and lists and no NumPy arithmetic, so that each checks the other; the tests use it
as an independent check of the vectorised code and ``benchmarks/bench_montecarlo.py`` to measure
what vectorising buys. Reports never call it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from stargate.model.finance import HOURS_PER_YEAR
from stargate.model.openai_plan import PLAN_START_YEAR
from stargate.model.venture import DRAW_NAMES, ModelInputs


def _level_sum(rate: float, n: float) -> float:
    """sum_{k=1..n} v^k, extended to non-integer n by its closed form (v = 1 / (1 + rate))."""
    v = 1.0 / (1.0 + rate)
    return (1.0 - v**n) / rate


def _growing_sum(rate: float, change: float, n: float) -> float:
    """sum_{k=1..n} (1 + change)^(k-1) v^k, extended to non-integer n by its closed form."""
    v = 1.0 / (1.0 + rate)
    if abs(rate - change) < 1e-12:
        return n * v
    return (1.0 - ((1.0 + change) * v) ** n) / (rate - change)


def _azure_bill(inputs: ModelInputs, year: int, term: float) -> float:
    """The Azure bill in ``year`` for a term: 1/term a whole year, the rest in the last part."""
    k = year - inputs.azure_start_year
    if k < 0 or k >= term:
        return 0.0
    return inputs.azure_usd * min(1.0, term - k) / term


def evaluate_model_loop(inputs: ModelInputs, draws: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The model of :func:`stargate.model.venture.evaluate_model`, one draw at a time.

    Plain Python (``math`` and lists), written separately from the NumPy version so that each
    checks the other; used by the tests and the benchmark only.

    Returns:
        Per draw: ``total_need_usd``, ``openai_still_to_raise_usd``,
        ``openai_still_to_raise_incl_announced_usd``, ``venture_need_usd`` (its peak),
        ``venture_shortfall_usd`` (the peak beyond the partners' equity and the named funders'
        money), ``shortfall_usd``, ``npv_usd`` (arrays of shape (N,)).
    """
    cols = {name: [float(x) for x in np.atleast_1d(draws[name])] for name in DRAW_NAMES}
    n = max(len(v) for v in cols.values())
    for name, values in cols.items():
        if len(values) == 1:
            cols[name] = values * n
    fl = inputs.fleet
    years = list(inputs.years)
    plan = [float(x) for x in inputs.revenue_plan_usd]
    fixed_plan = [float(x) for x in inputs.fixed_cost_plan_usd]
    committed = [float(x) for x in inputs.committed_rounds_usd]
    announced = [float(x) for x in inputs.announced_rounds_usd]
    refresh_years = [int(y) for y in fl.refresh_years]
    batches = list(range(len(fl.gpu_count)))
    results: dict[str, list[float]] = {
        k: []
        for k in (
            "total_need_usd",
            "openai_still_to_raise_usd",
            "openai_still_to_raise_incl_announced_usd",
            "venture_need_usd",
            "venture_shortfall_usd",
            "shortfall_usd",
            "npv_usd",
        )
    }
    for i in range(n):
        k = cols["revenue_growth_realization"][i]
        price = cols["price_usd_per_gpu_hour"][i]
        change = cols["price_change_rate"][i]
        util = cols["utilization_rate"][i]
        over_f = cols["facility_overrun_rate"][i]
        over_a = cols["accelerator_overrun_rate"][i]
        over_o = cols["other_it_overrun_rate"][i]
        life = cols["it_lifetime_years"][i]
        rate = cols["cost_of_capital_rate"][i]
        delay = math.floor(cols["schedule_delay_years"][i] + 0.5)
        life_int = max(1, math.floor(life + 0.5))
        vr200 = cols["vr200_compute_pflops_fp8_dense"][i] / inputs.vr200_compute_point_pflops
        # Every market hour rents at the drawn rent per PFLOP-hour over the point's.
        rent_point = inputs.market_rent_point_usd_per_pflop_hour
        rent_scale = cols["market_rent_usd_per_pflop_hour"][i] / rent_point if rent_point else 0.0
        # The rounds paid per GW energised arrive as late as the GW: the row of this delay.
        committed_i, announced_i = list(committed), list(announced)
        for rounds, by_delay in (
            (committed_i, inputs.committed_per_gw_by_delay_usd),
            (announced_i, inputs.announced_per_gw_by_delay_usd),
        ):
            if by_delay is None:
                continue
            row = min(delay, len(by_delay) - 1)
            for t in range(len(years)):
                rounds[t] += float(by_delay[row][t]) - float(by_delay[inputs.point_delay_years][t])

        # Revenue: 2024 and 2025 as planned, then a share k of each planned growth rate.
        revenue = [plan[0], plan[1]]
        for t in range(2, len(years)):
            revenue.append(revenue[-1] * (1.0 + k * (plan[t] / plan[t - 1] - 1.0)))

        def batches_at(delay: int) -> tuple[list[float], list[float], float, float]:
            venture = [0.0] * len(years)
            payments = [0.0] * len(years)
            npv = 0.0
            deferred = 0.0
            share = fl.contracted_share
            term = fl.contract_years
            openai_share = fl.openai_uncontracted_share
            for b in batches:
                deploy = int(fl.deploy_year[b])
                cap_a = float(fl.accelerator_capex_usd[b]) * (1.0 + over_a)
                cap_o = float(fl.other_it_capex_usd[b]) * (1.0 + over_o)
                cap_f = float(fl.facility_capex_usd[b]) * (1.0 + over_f)
                hours = float(fl.gpu_count[b]) * HOURS_PER_YEAR * util
                running = float(fl.energy_usd_per_year_full_use[b]) * util + float(
                    fl.fixed_opex_usd_per_year[b]
                )
                contract_hour = price * float(fl.contract_weight[b])
                is_vr200 = fl.generation[b] == "VR200"
                market_hour = float(fl.market_usd_per_gpu_hour[b]) * (vr200 if is_vr200 else 1.0)
                market_hour *= rent_scale
                # One delay model: the whole batch moves; energised capacity never does.
                late = delay if inputs.delayable is None or inputs.delayable[b] else 0
                start = deploy + late
                if start > years[-1]:
                    deferred += cap_f + cap_a + cap_o  # still owed: counted in 2030
                # Service years (from 1) before the contract starts earn the market rent.
                k0 = max(fl.contract_start_year - start, 0)
                for t, year in enumerate(years):
                    age = year - start
                    if age < 0:
                        continue
                    if age == 0:
                        venture[t] += cap_a + cap_o + cap_f
                    if age > 0 and age % life_int == 0:
                        j = refresh_years.index(year)
                        venture[t] += float(fl.refresh_accelerator_capex_usd[b][j]) * (1.0 + over_a)
                        venture[t] += float(fl.refresh_other_it_capex_usd[b][j]) * (1.0 + over_o)
                        market_hour = float(fl.refresh_market_usd_per_gpu_hour[b][j]) * rent_scale
                        if inputs.vr200_refresh is not None and inputs.vr200_refresh[b][j]:
                            market_hour *= vr200
                    market = market_hour * (1.0 + change) ** (year - fl.market_rent_year)
                    contracted = share if k0 <= age < k0 + term else 0.0
                    market_rent = hours * (1.0 - contracted) * market
                    rent = hours * contracted * contract_hour + market_rent
                    # OpenAI pays the contract and its share of the other hours.
                    payments[t] += rent - (1.0 - openai_share) * market_rent
                    venture[t] += running - rent
                # NPV: one IT life from the start of service, year by year for whole years; the
                # contract's term and a fractional life by the closed forms of the sums.
                v = 1.0 / (1.0 + rate)
                market_start = hours * float(fl.market_usd_per_gpu_hour[b])
                market_start *= vr200 if is_vr200 else 1.0
                market_start *= rent_scale
                market_start *= (1.0 + change) ** (start - fl.market_rent_year)
                flows = 0.0
                whole = math.floor(life)
                for year_k in range(1, whole + 1):
                    contracted = share if k0 < year_k <= k0 + term else 0.0
                    rent = hours * contracted * contract_hour
                    rent += (1.0 - contracted) * market_start * (1.0 + change) ** (year_k - 1)
                    flows += (rent - running) * v**year_k
                if life > whole:  # the fractional last year
                    level = _level_sum(rate, life) - _level_sum(rate, whole)
                    grow = _growing_sum(rate, change, life) - _growing_sum(rate, change, whole)
                    contracted = share if k0 <= whole and life <= k0 + term else 0.0
                    flows += hours * contracted * contract_hour * level
                    flows += (1.0 - contracted) * market_start * grow - running * level
                end = k0 + term
                if end < life and end != math.floor(end):
                    # A term ending inside a year of service: the loop above sold that whole year
                    # at the market; its contracted part up to the term's end earns the contract.
                    low = math.floor(end)
                    level = _level_sum(rate, end) - _level_sum(rate, low)
                    grow = _growing_sum(rate, change, end) - _growing_sum(rate, change, low)
                    flows += share * (hours * contract_hour * level - market_start * grow)
                rest = max(fl.facility_lifetime_years - life, 0.0)
                crf = rate / (1.0 - v**fl.facility_lifetime_years)
                residual = cap_f * crf * (1.0 - v**rest) / rate * v**life
                t0 = deploy - PLAN_START_YEAR
                npv += v**t0 * v**late * (flows + residual - cap_a - cap_o - cap_f)

            return venture, payments, npv, deferred

        venture, payments, npv, deferred = batches_at(delay)
        # OpenAI buys elsewhere, at the point's use and the register's contract terms (the
        # price its plan counts on), the compute the slip and the delay hold back: the
        # on-schedule payments less the point's with this delay.
        replacement = [0.0] * len(years)
        rows = inputs.stargate_reference_by_delay_usd
        if rows is not None and inputs.stargate_on_schedule_usd is not None:
            row = min(delay, len(rows) - 1)
            replacement = [
                float(inputs.stargate_on_schedule_usd[t]) - float(rows[row][t])
                for t in range(len(years))
            ]

        # The capacity the point's slip already puts past 2030: still owed, in 2030.
        beyond = (
            inputs.beyond_facility_usd * (1.0 + over_f)
            + inputs.beyond_accelerator_usd * (1.0 + over_a)
            + inputs.beyond_other_it_usd * (1.0 + over_o)
        )

        # OpenAI's burn, the venture's funding and both ledgers, 2025-2030.
        equity = inputs.equity_total_usd
        ratio = inputs.max_debt_to_equity_ratio
        cum_venture = 0.0
        peak = 0.0
        called_before = 0.0
        cum_openai = 0.0
        cum_total = 0.0
        total_peak = 0.0
        sources = inputs.cash_2024_usd
        sources_all = inputs.cash_2024_usd
        still = 0.0
        still_all = 0.0
        for t, year in enumerate(years):
            if year < PLAN_START_YEAR:
                continue
            scale = (
                1.0
                - inputs.flexible_cost_share
                + inputs.flexible_cost_share * (revenue[t] / plan[t])
            )
            fixed = fixed_plan[t] * scale
            compute_planned = inputs.compute_share_of_fixed_costs * fixed
            reference = (
                payments[t]
                if inputs.stargate_reference_usd is None
                else float(inputs.stargate_reference_usd[t])
            )
            clouds = 0.0 if inputs.other_clouds_usd is None else float(inputs.other_clouds_usd[t])
            if inputs.other_clouds_usd is not None:
                # The Azure commitment billed over this draw's term instead of the point's.
                clouds += _azure_bill(inputs, year, cols["azure_commitment_years"][i])
                clouds -= _azure_bill(inputs, year, inputs.azure_point_years)
            # The budget left after the point's Stargate payments, or the other clouds' bills if
            # larger; then this draw's Stargate payments.
            compute = max(compute_planned - reference, clouds) + payments[t] + replacement[t]
            share_paid = inputs.revenue_share_rate * revenue[t]
            costs = compute + (fixed - compute_planned) + share_paid
            # The non-cash share is the planned costs'; compute beyond the budget is all cash.
            burn = costs - inputs.non_cash_cost_share * (fixed + share_paid) - revenue[t]

            owed = venture[t] + (deferred + beyond if t == len(years) - 1 else 0.0)
            cum_venture += owed
            peak = max(peak, cum_venture)
            if equity > 0:
                called = inputs.equity_openai_usd / equity * min(equity, peak / (1.0 + ratio))
            else:
                called = 0.0
            call = called - called_before
            called_before = called

            cum_openai += burn + call
            sources += committed_i[t]
            sources_all += committed_i[t] + announced_i[t]
            still = max(still, cum_openai - sources)
            still_all = max(still_all, cum_openai - sources_all)
            cum_total += burn + owed
            total_peak = max(total_peak, cum_total)
        # The funding gap: what neither the equity nor the named funders cover.
        shortfall_venture = max(0.0, peak - equity - inputs.named_funders_usd)
        results["total_need_usd"].append(total_peak)
        results["openai_still_to_raise_usd"].append(still)
        results["openai_still_to_raise_incl_announced_usd"].append(still_all)
        results["venture_need_usd"].append(peak)
        results["venture_shortfall_usd"].append(shortfall_venture)
        results["shortfall_usd"].append(still + shortfall_venture)
        results["npv_usd"].append(npv)
    return {k: np.asarray(v) for k, v in results.items()}
