"""Can OpenAI and the partners carry Stargate? Cash path, runway, project economics, base rates.

Everything here is a pure function of a validated :class:`~stargate.scenario.Scenario`, built on
lower-level functions over plain numbers and NumPy arrays (so the Monte Carlo of
:mod:`stargate.model.montecarlo` evaluates the same model for many draws at once).

The model in four parts:

1. **OpenAI's cash path, 2024-2030.** Revenue follows OpenAI's own anchors (2024 actual, 2025
   target, 2028 and 2030 projections; geometric in between), with the growth after 2025 scaled
   by ``revenue_growth_realization``. Costs follow a *plan*: the 2024 bill (compute + staff),
   the level implied by the projected 2028 operating loss, and a 2030 level at which OpenAI
   breaks even as it projects, each as "costs per dollar of planned revenue", geometric in
   between. When revenue falls short of plan only a share of costs (``flexible_cost_share``)
   shrinks with it; Microsoft's revenue share always follows revenue. Stargate capacity is
   part of the compute bill; if its payments exceed the planned compute budget OpenAI pays
   the excess on top. Operating loss = costs - revenue (an accounting measure, including
   stock compensation); cash burn = costs actually paid in cash that year - revenue
   (``non_cash_cost_share`` separates the two). They are different measures and stay apart.
2. **The Stargate venture's cash path.** It pays the capex of each GPU batch (cost model, with
   overruns) in the batch's deployment year, earns ``price x GPU-hours x utilisation`` from the
   year the batch enters service (after any delay) and pays its running costs. The price a
   GPU-hour fetches changes each year as the hardware ages (``risk.price_change_rate``). IT
   equipment is replaced at the end of its life, counted from purchase, by the newest
   generation in service, in the same power envelope (the refresh wave); a replaced batch earns
   what it earned when new. Partners' equity and lenders' debt (at the scenario's
   debt-to-equity ratio) fund its deficit; OpenAI pays its share of the equity calls out of its
   own cash. What the venture earns is what OpenAI pays: the market price of the compute, part
   of OpenAI's planned compute bill.
3. **Funding need.** The total funding need is the peak of the cumulative deficit of OpenAI and
   the venture together, from 2025 to 2030. Each is then set against what is committed to it
   (OpenAI: cash at the end of 2024 plus committed rounds, by the year they arrive; the
   venture: partners' equity plus debt capacity). A shortfall in either is money still to
   raise: no one has committed it yet.
4. **Project economics.** NPV of the venture's capex over one IT lifetime at the cost of
   capital (facility kept at its economic value), IRR and payback from the annual cash flows
   (numpy-financial), break-even price per GPU-hour and break-even utilisation.

Plus the reference-class view of overruns (Flyvbjerg's base rates, the class chosen for each
component and why), the precedents table (Foxconn Wisconsin, CHIPS Act fabs), and the verdict
text in probabilities.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from stargate import facts
from stargate.model import finance
from stargate.model.finance import HOURS_PER_YEAR, annuity_factor
from stargate.scenario import Scenario
from stargate.schema.risk import VARIABLES

#: Calendar years of OpenAI's cash path: 2024 (actual) to 2030 (the last projection found).
YEARS: tuple[int, ...] = tuple(range(2024, 2031))
#: First year of the plan (the cash ledger and funding need start here).
PLAN_START_YEAR = 2025

#: Index of each year in :data:`YEARS`.
_YEAR_INDEX = {y: i for i, y in enumerate(YEARS)}


# =========================================================================== revenue


def interpolate_geometric(anchors: Mapping[int, float], years: tuple[int, ...]) -> np.ndarray:
    """Values in ``years`` growing at a constant rate between consecutive anchor years.

    Between anchors (y0, v0) and (y1, v1) the value in year y is ``v0 * (v1 / v0) ** ((y - y0)
    / (y1 - y0))``. Years outside the anchors' span are not allowed.

    Args:
        anchors: ``{year: value}``, values > 0, at least two years.
        years: years to fill, within the anchors' span.

    Returns:
        Array of values, one per year.
    """
    points = sorted(anchors.items())
    if len(points) < 2 or any(v <= 0 for _, v in points):
        raise ValueError("need at least two anchors with positive values")
    out = []
    for year in years:
        if not points[0][0] <= year <= points[-1][0]:
            raise ValueError(f"year {year} outside the anchors {points[0][0]}-{points[-1][0]}")
        for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
            if y0 <= year <= y1:
                out.append(v0 * (v1 / v0) ** ((year - y0) / (y1 - y0)))
                break
    return np.asarray(out, dtype=float)


def plan_revenue_usd(scenario: Scenario) -> np.ndarray:
    """OpenAI's planned revenue per year of :data:`YEARS`, USD (its own anchors, geometric)."""
    oa = scenario.openai
    return interpolate_geometric(
        {
            2024: oa.revenue_2024_usd,
            2025: oa.revenue_2025_usd,
            2028: oa.revenue_2028_usd,
            2030: oa.revenue_2030_usd,
        },
        YEARS,
    )


def plan_growth_rates(revenue_plan_usd: np.ndarray) -> np.ndarray:
    """Planned year-on-year growth per year of :data:`YEARS` (0 for 2024 and 2025: actual/target).

    Args:
        revenue_plan_usd: planned revenue per year of :data:`YEARS`, USD.
    """
    growth = np.zeros(len(YEARS))
    growth[2:] = revenue_plan_usd[2:] / revenue_plan_usd[1:-1] - 1.0
    return growth


def project_revenue_usd(
    revenue_plan_usd: np.ndarray, realization: np.ndarray | float
) -> np.ndarray:
    """Realised revenue when a share of the planned growth after 2025 is realised.

    ``R[2024], R[2025]`` as planned; then ``R[y] = R[y-1] * (1 + k * g[y])`` with ``g`` the
    planned growth rate and ``k`` the realisation (1 = plan, 0.5 = half the growth rate).

    Args:
        revenue_plan_usd: planned revenue per year of :data:`YEARS`, USD, shape (Y,).
        realization: share of planned growth realised, scalar or shape (N,).

    Returns:
        Revenue, USD, shape (N, Y) (N = 1 for a scalar realisation).
    """
    k = np.atleast_1d(np.asarray(realization, dtype=float))[:, None]
    growth = plan_growth_rates(revenue_plan_usd)[None, 1:]
    revenue = np.empty((k.shape[0], len(YEARS)))
    revenue[:, 0] = revenue_plan_usd[0]
    revenue[:, 1:] = revenue_plan_usd[1] * np.cumprod(1.0 + k * growth, axis=1)
    return revenue


# =========================================================================== OpenAI costs


def plan_fixed_costs_usd(scenario: Scenario, revenue_plan_usd: np.ndarray) -> np.ndarray:
    """OpenAI's planned costs other than the revenue share, per year of :data:`YEARS`, USD.

    Anchors, as costs per dollar of planned revenue (geometric in between):

    - 2024: compute + staff bill ÷ 2024 revenue (7 + 1.5) ÷ 3.7 = 2.30;
    - 2028: (revenue + operating loss - revenue share) ÷ revenue = (100 + 74 - 20) ÷ 100 = 1.54;
    - 2030: ``fixed_cost_ratio_2030`` (0.8: operating break-even, as OpenAI projects).
    """
    oa = scenario.openai
    rev_2024, rev_2028 = revenue_plan_usd[0], revenue_plan_usd[_YEAR_INDEX[2028]]
    ratio_2024 = (oa.compute_cost_2024_usd + oa.staff_cost_2024_usd) / rev_2024
    ratio_2028 = (rev_2028 * (1.0 - oa.revenue_share_rate) + oa.operating_loss_2028_usd) / rev_2028
    if ratio_2028 <= 0:
        raise ValueError("the 2028 operating loss implies costs below the revenue share")
    ratios = interpolate_geometric(
        {2024: ratio_2024, 2028: ratio_2028, 2030: oa.fixed_cost_ratio_2030}, YEARS
    )
    return ratios * revenue_plan_usd


def compute_openai_flows(
    revenue_usd: np.ndarray,
    revenue_plan_usd: np.ndarray,
    fixed_cost_plan_usd: np.ndarray,
    stargate_payments_usd: np.ndarray,
    *,
    revenue_share_rate: float,
    flexible_cost_share: float,
    non_cash_cost_share: float,
    compute_share_of_fixed_costs: float,
) -> dict[str, np.ndarray]:
    """OpenAI's costs, operating loss and cash burn per year from revenue and the cost plan.

    For each year (arrays broadcast; shapes (N, Y) or (Y,)):

    - fixed costs ``F = F_plan * ((1 - flex) + flex * R / R_plan)`` (the flexible share follows
      realised revenue, the rest is contracted);
    - compute ``C = max(share_c * F, S)``: Stargate's payments ``S`` are part of the compute
      budget; payments beyond it are paid on top (capacity bought but not needed by the plan);
    - other costs ``(1 - share_c) * F``; revenue share ``m * R``;
    - operating loss ``= C + other + m R - R``; cash burn ``= (1 - n) (C + other + m R) - R``.

    Returns:
        ``compute_usd``, ``stargate_usd``, ``stargate_excess_usd``, ``other_costs_usd``,
        ``revenue_share_usd``, ``operating_costs_usd``, ``operating_loss_usd``,
        ``non_cash_usd``, ``cash_burn_usd``.
    """
    scale = (1.0 - flexible_cost_share) + flexible_cost_share * revenue_usd / revenue_plan_usd
    fixed = fixed_cost_plan_usd * scale
    compute_planned = compute_share_of_fixed_costs * fixed
    compute = np.maximum(compute_planned, stargate_payments_usd)
    other = fixed - compute_planned
    revenue_share = revenue_share_rate * revenue_usd
    costs = compute + other + revenue_share
    non_cash = non_cash_cost_share * costs
    return {
        "compute_usd": compute,
        "stargate_usd": np.broadcast_to(stargate_payments_usd, compute.shape).copy(),
        "stargate_excess_usd": compute - compute_planned,
        "other_costs_usd": other,
        "revenue_share_usd": revenue_share,
        "operating_costs_usd": costs,
        "operating_loss_usd": costs - revenue_usd,
        "non_cash_usd": non_cash,
        "cash_burn_usd": costs - non_cash - revenue_usd,
    }


def compute_openai_cash_burn_usd(
    revenue_usd: np.ndarray,
    revenue_plan_usd: np.ndarray,
    fixed_cost_plan_usd: np.ndarray,
    stargate_payments_usd: np.ndarray,
    *,
    revenue_share_rate: float,
    flexible_cost_share: float,
    non_cash_cost_share: float,
    compute_share_of_fixed_costs: float,
) -> np.ndarray:
    """Cash burn only, as in :func:`compute_openai_flows`, with fewer temporary arrays.

    The Monte Carlo's inner step: same arguments and arithmetic, only the burn returned.
    """
    fixed = revenue_usd / revenue_plan_usd
    fixed *= flexible_cost_share
    fixed += 1.0 - flexible_cost_share
    fixed *= fixed_cost_plan_usd
    compute = fixed * compute_share_of_fixed_costs
    np.maximum(compute, stargate_payments_usd, out=compute)
    fixed *= 1.0 - compute_share_of_fixed_costs
    compute += fixed
    compute += revenue_share_rate * revenue_usd
    compute *= 1.0 - non_cash_cost_share
    compute -= revenue_usd
    return compute


# =========================================================================== the fleet

#: First year each generation is reported in service, and the fact that says so; a refresh in
#: year y installs the newest generation in service by y.
GENERATION_FIRST_YEAR: dict[str, tuple[int, str]] = {
    "H100": (2022, "spec_h100_bf16"),
    "GB200": (2025, "abilene_timeline_phase1_energised"),
    "GB300": (2026, "sg_uae_phase1_mw"),
    "VR200": (2026, "nvda_loi_gw"),
}


def choose_refresh_generation(year: int, current: str) -> str:
    """The generation that replaces ``current`` in ``year``: the newest in service by then.

    Never an older one than ``current`` (order H100 < GB200 < GB300 < VR200).
    """
    order = list(GENERATION_FIRST_YEAR)
    available = [g for g in order if GENERATION_FIRST_YEAR[g][0] <= year]
    newest = available[-1] if available else current
    return newest if order.index(newest) >= order.index(current) else current


@dataclass(frozen=True)
class FleetArrays:
    """Per-batch figures of the Stargate fleet, from the cost model (arrays of shape (B,)).

    Attributes:
        generation: GPU generation of each batch.
        gpu_count: GPUs per batch.
        deploy_year: year each batch is bought (capex paid).
        accelerator_capex_usd, other_it_capex_usd, facility_capex_usd: capex as budgeted, USD.
        energy_usd_per_year_full_use: electricity per year at 100 % utilisation, USD.
        fixed_opex_usd_per_year: maintenance, staff and other per year, USD.
        refresh_accelerator_capex_usd, refresh_other_it_capex_usd: shape (B, R): IT capex of
            replacing each batch in year ``refresh_years[j]`` (power-equivalent count of the
            newest generation in service by then), USD.
        refresh_years: calendar years of the refresh columns (R,).
        facility_lifetime_years: economic life of the facility, years.
    """

    generation: tuple[str, ...]
    gpu_count: np.ndarray
    deploy_year: np.ndarray
    accelerator_capex_usd: np.ndarray
    other_it_capex_usd: np.ndarray
    facility_capex_usd: np.ndarray
    energy_usd_per_year_full_use: np.ndarray
    fixed_opex_usd_per_year: np.ndarray
    refresh_accelerator_capex_usd: np.ndarray
    refresh_other_it_capex_usd: np.ndarray
    refresh_years: np.ndarray
    facility_lifetime_years: float

    @property
    def gpu_hours_per_year(self) -> np.ndarray:
        """GPU-hours each batch offers in a year at 100 % utilisation."""
        return self.gpu_count * HOURS_PER_YEAR


@dataclass(frozen=True)
class ModelInputs:
    """Everything the vectorised model needs that does not vary between Monte Carlo draws.

    Built once per scenario by :func:`build_model_inputs`; :func:`evaluate_model` (NumPy, all
    draws at once) and :func:`stargate.model.montecarlo.evaluate_model_loop` (plain Python, one
    draw at a
    time) both read it.
    """

    revenue_plan_usd: np.ndarray
    fixed_cost_plan_usd: np.ndarray
    revenue_share_rate: float
    flexible_cost_share: float
    non_cash_cost_share: float
    compute_share_of_fixed_costs: float
    fleet: FleetArrays
    cash_2024_usd: float
    committed_rounds_usd: np.ndarray
    announced_rounds_usd: np.ndarray
    equity_total_usd: float
    equity_openai_usd: float
    max_debt_to_equity_ratio: float
    years: tuple[int, ...] = YEARS


# =========================================================================== the model kernel

#: Monte Carlo inputs, in order (the keys of a draws mapping); see stargate.schema.risk.
DRAW_NAMES: tuple[str, ...] = tuple(VARIABLES)


def _as_draw(draws: Mapping[str, Any], name: str, n: int) -> np.ndarray:
    value = np.asarray(draws[name], dtype=float).reshape(-1)
    return np.full(n, value[0]) if value.size == 1 else value


def whole_years(years: np.ndarray) -> np.ndarray:
    """Round year counts to whole years, halves up (4.5 -> 5), as integers."""
    return np.floor(np.asarray(years, dtype=float) + 0.5).astype(int)


def _running(flows: np.ndarray, peak: bool = False) -> np.ndarray:
    """Cumulative sum over years (axis 0) of a (year, draw) array.

    With ``peak``, the running maximum of that sum, floored at 0. A loop over the few years
    beats ``np.cumsum(axis=0)`` on this layout.
    """
    out = np.empty_like(flows)
    out[0] = flows[0]
    for t in range(1, flows.shape[0]):
        np.add(out[t - 1], flows[t], out=out[t])
    if peak:
        np.maximum(out[0], 0.0, out=out[0])
        # running peak of max(cumulative, 0): max of the previous peak and today's cumulative
        for t in range(1, flows.shape[0]):
            np.maximum(out[t], out[t - 1], out=out[t])
    return out


def evaluate_model(inputs: ModelInputs, draws: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Evaluate the whole model for N draws at once (vectorised over draws).

    Args:
        inputs: the scenario's fixed arrays (:func:`build_model_inputs`).
        draws: one array of shape (N,) (or a scalar) per name in :data:`DRAW_NAMES`.

    Returns:
        Per draw (shape (N,)): ``total_need_usd`` (peak cumulative deficit of OpenAI and the
        venture together, 2025-2030), ``openai_need_usd`` (OpenAI's peak, own burn plus its
        equity calls), ``venture_need_usd`` (the venture's peak), ``openai_still_to_raise_usd``
        and ``openai_still_to_raise_incl_announced_usd`` (beyond cash and committed / also
        announced rounds, by the year they arrive), ``venture_shortfall_usd`` (beyond partners'
        equity and debt capacity), ``shortfall_usd`` (the sum), ``npv_usd`` (project NPV at
        2025). Per draw and year (shape (N, Y), years of :data:`YEARS`): ``revenue_usd``,
        ``openai_cash_burn_usd``, ``stargate_payments_usd``,
        ``venture_capex_usd`` (incl. refresh), ``venture_refresh_usd``, ``venture_opex_usd``,
        ``venture_deficit_usd``, ``openai_equity_calls_usd``, ``cumulative_need_usd``.
    """
    n = max(np.size(draws[name]) for name in DRAW_NAMES)
    k = _as_draw(draws, "revenue_growth_realization", n)
    price = _as_draw(draws, "price_usd_per_gpu_hour", n)
    change = _as_draw(draws, "price_change_rate", n)
    util = _as_draw(draws, "utilization_rate", n)
    over_f = _as_draw(draws, "facility_overrun_rate", n)
    over_a = _as_draw(draws, "accelerator_overrun_rate", n)
    over_o = _as_draw(draws, "other_it_overrun_rate", n)
    life = _as_draw(draws, "it_lifetime_years", n)
    rate = _as_draw(draws, "cost_of_capital_rate", n)
    delay = whole_years(_as_draw(draws, "schedule_delay_years", n))
    life_int = np.maximum(1, whole_years(life)).astype(np.int16)

    # Arrays are (year, draw): each year is a contiguous vector over the draws, so the loops
    # below run over the 7 years and the batches while NumPy works across all draws.
    fl = inputs.fleet
    years = list(inputs.years)
    n_years = len(years)
    plan_from = years.index(PLAN_START_YEAR)
    refresh_col = {y: int(np.searchsorted(fl.refresh_years, y)) for y in years}
    capex = np.zeros((n_years, n))
    refresh = np.zeros((n_years, n))
    rent = np.zeros((n_years, n))
    opex = np.zeros((n_years, n))
    npv = np.zeros(n)

    # Discounting with logarithms: v^x = exp(x ln v) costs one exp instead of a power.
    log_v = -np.log1p(rate)
    log_q = np.log1p(change) + log_v
    inv_rate = 1.0 / rate
    gap = rate - change
    same = np.abs(gap) < 1e-12
    any_same = bool(same.any())
    inv_gap = 1.0 / (np.where(same, 1.0, gap) if any_same else gap)

    def level(x: np.ndarray) -> np.ndarray:  # annuity_factor(rate, x)
        return (1.0 - np.exp(x * log_v)) * inv_rate

    def grow(x: np.ndarray) -> np.ndarray:  # growing_annuity_factor(rate, change, x)
        out = (1.0 - np.exp(x * log_q)) * inv_gap
        return np.where(same, x * np.exp(log_v), out) if any_same else out

    v_life = np.exp(life * log_v)
    a_life = (1.0 - v_life) * inv_rate
    ga = grow(life)
    crf_facility = rate / (1.0 - np.exp(fl.facility_lifetime_years * log_v))
    growth = 1.0 + change
    util_price = util * price
    any_delay = bool(delay.any())

    for b in range(fl.gpu_count.size):
        cap_a = fl.accelerator_capex_usd[b] * (1.0 + over_a)
        cap_o = fl.other_it_capex_usd[b] * (1.0 + over_o)
        cap_f = fl.facility_capex_usd[b] * (1.0 + over_f)
        deploy = int(fl.deploy_year[b])
        start = deploy + delay
        rent_new = fl.gpu_hours_per_year[b] * util_price
        running = fl.energy_usd_per_year_full_use[b] * util + fl.fixed_opex_usd_per_year[b]
        price_factor = np.ones(n)
        cycle = np.zeros(n, dtype=np.int16)
        for t, year in enumerate(years):
            age = year - deploy
            if age < 0:
                continue
            # Years into the current IT life (``cycle``), counted from purchase (hardware ages
            # whether or not the site is ready): a refresh at each multiple of the life; the
            # price a GPU-hour fetches falls with the hardware's age, restarts with new hardware.
            if age == 0:
                capex[t] += cap_a + cap_o + cap_f
                new_life = np.ones(n, dtype=bool)
            else:
                cycle += 1
                new_life = cycle == life_int
                cycle[new_life] = 0
            if age > 0 and new_life.any():
                col = refresh_col[year]
                refresh[t] += new_life * (
                    fl.refresh_accelerator_capex_usd[b, col] * (1.0 + over_a)
                    + fl.refresh_other_it_capex_usd[b, col] * (1.0 + over_o)
                )
            price_factor *= growth
            price_factor[new_life] = 1.0
            if any_delay:
                serving = year >= start
                rent[t] += serving * rent_new * price_factor
                opex[t] += serving * running
            else:
                rent[t] += rent_new * price_factor
                opex[t] += running
        # Project NPV over one IT life, discounted to the start of the plan's first year:
        # capex at the start of the deployment year; operating cash flows at the end of each
        # year of service, from the end of any delay to the end of the IT life; the facility
        # kept at its economic value (the annuity it still owes over its remaining life).
        t0 = deploy - PLAN_START_YEAR
        if any_delay:
            waited = np.minimum(delay, life)
            operating = rent_new * (ga - grow(waited)) - running * (a_life - level(waited))
            facility_left = np.maximum(fl.facility_lifetime_years - (life - waited), 0.0)
        else:
            operating = rent_new * ga - running * a_life
            facility_left = np.maximum(fl.facility_lifetime_years - life, 0.0)
        residual = cap_f * crf_facility * level(facility_left) * v_life
        operating += residual
        operating -= cap_a + cap_o + cap_f
        npv += operating if t0 == 0 else np.exp(t0 * log_v) * operating

    plan = inputs.revenue_plan_usd
    revenue = np.empty((n_years, n))
    revenue[0] = plan[0]
    revenue[1] = plan[1]
    for t in range(2, n_years):
        revenue[t] = revenue[t - 1] * (1.0 + k * (plan[t] / plan[t - 1] - 1.0))
    burn = compute_openai_cash_burn_usd(
        revenue,
        plan[:, None],
        inputs.fixed_cost_plan_usd[:, None],
        rent,
        revenue_share_rate=inputs.revenue_share_rate,
        flexible_cost_share=inputs.flexible_cost_share,
        non_cash_cost_share=inputs.non_cash_cost_share,
        compute_share_of_fixed_costs=inputs.compute_share_of_fixed_costs,
    )
    p = plan_from
    deficit = np.zeros((n_years, n))
    np.add(capex[p:], refresh[p:], out=deficit[p:])
    deficit[p:] += opex[p:]
    deficit[p:] -= rent[p:]

    # The venture: equity and debt fund its running peak deficit side by side at the lenders'
    # ratio; OpenAI pays its share of the equity as it is called.
    peak_deficit = _running(deficit, peak=True)
    equity = inputs.equity_total_usd
    ratio = inputs.max_debt_to_equity_ratio
    if equity > 0:
        openai_called = peak_deficit * (1.0 / (1.0 + ratio))
        np.minimum(openai_called, equity, out=openai_called)
        openai_called *= inputs.equity_openai_usd / equity
    else:
        openai_called = np.zeros_like(peak_deficit)
    calls = openai_called
    calls[1:] -= openai_called[:-1].copy()
    venture_shortfall = np.maximum(0.0, peak_deficit[-1] - equity * (1.0 + ratio))

    # OpenAI: burn plus equity calls against cash and rounds, by the year the money arrives.
    outflow = burn + calls
    outflow[:p] = 0.0
    openai_cum = _running(outflow)
    in_plan = np.arange(n_years) >= p
    committed = inputs.cash_2024_usd + np.cumsum(inputs.committed_rounds_usd * in_plan)
    announced = committed + np.cumsum(inputs.announced_rounds_usd * in_plan)
    still = np.maximum(0.0, (openai_cum - committed[:, None]).max(axis=0))
    still_announced = np.maximum(0.0, (openai_cum - announced[:, None]).max(axis=0))

    outflow -= calls
    outflow += deficit
    cumulative = _running(outflow)
    return {
        "total_need_usd": np.maximum(0.0, cumulative.max(axis=0)),
        "openai_need_usd": np.maximum(0.0, openai_cum.max(axis=0)),
        "venture_need_usd": peak_deficit[-1],
        "openai_still_to_raise_usd": still,
        "openai_still_to_raise_incl_announced_usd": still_announced,
        "venture_shortfall_usd": venture_shortfall,
        "shortfall_usd": still + venture_shortfall,
        "npv_usd": npv,
        "revenue_usd": revenue.T,
        "openai_cash_burn_usd": burn.T,
        "stargate_payments_usd": rent.T,
        "venture_capex_usd": (capex + refresh).T,
        "venture_refresh_usd": refresh.T,
        "venture_opex_usd": opex.T,
        "venture_deficit_usd": deficit.T,
        "openai_equity_calls_usd": calls.T,
        "cumulative_need_usd": cumulative.T,
    }


# =========================================================================== scenario -> inputs

#: Calendar years a refresh may fall in (the ledger's years and the rest of a long IT life).
REFRESH_YEARS: tuple[int, ...] = tuple(range(YEARS[0], YEARS[-1] + 1))


def build_fleet_arrays(scenario: Scenario) -> FleetArrays:
    """Per-batch capex, running costs and refresh capex of the fleet, from the cost model."""
    per_batch = _batch_costs(scenario)
    specs = scenario.fleet.specs
    gens = tuple(b.generation for b in scenario.fleet.batches)
    counts = np.array([b.gpu_count for b in scenario.fleet.batches], dtype=float)
    ref_a = np.zeros((len(gens), len(REFRESH_YEARS)))
    ref_o = np.zeros_like(ref_a)
    for i, (gen, count) in enumerate(zip(gens, counts, strict=True)):
        old = specs[gen]
        for j, year in enumerate(REFRESH_YEARS):
            new_gen = choose_refresh_generation(year, gen)
            new = specs[new_gen]
            # Same power envelope: the building's megawatts are fixed, so a refresh installs as
            # many new GPUs as the old ones' IT power allows.
            new_count = count * old.it_power_w_per_gpu / new.it_power_w_per_gpu
            ref_a[i, j] = new_count * new.accelerator_price_usd
            ref_o[i, j] = new_count * new.other_it_capex_usd_per_gpu
    return FleetArrays(
        generation=gens,
        gpu_count=counts,
        deploy_year=np.array([b.deploy_year for b in scenario.fleet.batches], dtype=int),
        accelerator_capex_usd=per_batch["accelerators"],
        other_it_capex_usd=per_batch["other_it"],
        facility_capex_usd=per_batch["facility"],
        energy_usd_per_year_full_use=per_batch["energy_full_use"],
        fixed_opex_usd_per_year=per_batch["fixed_opex"],
        refresh_accelerator_capex_usd=ref_a,
        refresh_other_it_capex_usd=ref_o,
        refresh_years=np.array(REFRESH_YEARS),
        facility_lifetime_years=float(scenario.finance.facility_lifetime_years),
    )


def _batch_costs(scenario: Scenario) -> dict[str, np.ndarray]:
    """Per-batch capex by component and running costs per year, from :mod:`stargate.model.costs`.

    Energy is given at 100 % utilisation (the model scales it with each draw's utilisation,
    as the cost model draws energy only in the hours the GPUs work); maintenance and staff &
    other are shares of capex as budgeted.
    """
    from stargate.model import costs

    table = costs.fleet_table(scenario)
    site = {
        name: float(getattr(getattr(scenario, group), name))
        for name, group in costs.SWEEPABLE.items()
    }
    site["utilization_rate"] = 1.0
    per_gpu = costs.compute_annual_cost_per_gpu_usd(
        it_capex_usd_per_gpu=table["it_capex_usd_per_gpu"].to_numpy(dtype=float),
        it_power_w_per_gpu=table["it_power_w_per_gpu"].to_numpy(dtype=float),
        **site,
    )
    count = table["gpu_count"].to_numpy(dtype=float)
    return {
        "accelerators": count * table["accelerator_price_usd"].to_numpy(dtype=float),
        "other_it": count * table["other_it_capex_usd_per_gpu"].to_numpy(dtype=float),
        "facility": count * table["facility_capex_usd_per_gpu"].to_numpy(dtype=float),
        "energy_full_use": count * per_gpu["energy"],
        "fixed_opex": count * (per_gpu["maintenance"] + per_gpu["staff_other"]),
    }


def rounds_by_year_usd(scenario: Scenario, *, committed: bool) -> np.ndarray:
    """OpenAI's funding rounds per year of :data:`YEARS` (committed, or only announced), USD.

    Rounds dated before 2025 are already in ``cash_2024_usd``; rounds after 2030 are outside
    the horizon. The facts behind the rounds are recorded as used.
    """
    out = np.zeros(len(YEARS))
    for rnd in scenario.openai.funding_rounds:
        if rnd.fact is not None:
            facts.get(rnd.fact)
        if (
            rnd.is_committed == committed
            and rnd.year in _YEAR_INDEX
            and rnd.year >= PLAN_START_YEAR
        ):
            out[_YEAR_INDEX[rnd.year]] += rnd.amount_usd
    return out


def build_model_inputs(scenario: Scenario) -> ModelInputs:
    """Everything the model needs from a scenario that does not vary between draws."""
    from stargate.model import investors

    oa = scenario.openai
    plan = plan_revenue_usd(scenario)
    equity = investors.equity_usd_by_party(scenario)
    return ModelInputs(
        revenue_plan_usd=plan,
        fixed_cost_plan_usd=plan_fixed_costs_usd(scenario, plan),
        revenue_share_rate=oa.revenue_share_rate,
        flexible_cost_share=oa.flexible_cost_share,
        non_cash_cost_share=oa.non_cash_cost_share,
        compute_share_of_fixed_costs=oa.compute_share_of_fixed_costs,
        fleet=build_fleet_arrays(scenario),
        cash_2024_usd=oa.cash_2024_usd,
        committed_rounds_usd=rounds_by_year_usd(scenario, committed=True),
        announced_rounds_usd=rounds_by_year_usd(scenario, committed=False),
        equity_total_usd=float(sum(equity.values())),
        equity_openai_usd=float(equity["openai"]),
        max_debt_to_equity_ratio=scenario.funding.max_debt_to_equity_ratio,
    )


def point_draws(scenario: Scenario) -> dict[str, np.ndarray]:
    """The deterministic case as a single 'draw': every input at the scenario's point value."""
    fin, risk = scenario.finance, scenario.risk
    values = {
        "revenue_growth_realization": scenario.openai.revenue_growth_realization,
        "price_usd_per_gpu_hour": fin.price_usd_per_gpu_hour,
        "price_change_rate": risk.price_change_rate,
        "utilization_rate": fin.utilization_rate,
        "facility_overrun_rate": risk.facility_overrun_rate,
        "accelerator_overrun_rate": risk.accelerator_overrun_rate,
        "other_it_overrun_rate": risk.other_it_overrun_rate,
        "it_lifetime_years": fin.it_lifetime_years,
        "cost_of_capital_rate": fin.cost_of_capital_rate,
        "schedule_delay_years": float(risk.schedule_delay_years),
    }
    return {name: np.array([float(values[name])]) for name in DRAW_NAMES}


def evaluate_point(scenario: Scenario, **overrides: float) -> dict[str, np.ndarray]:
    """The model at the scenario's point values, with any input overridden by keyword."""
    draws = point_draws(scenario)
    for name, value in overrides.items():
        if name not in draws:
            raise KeyError(f"unknown model input {name!r} (known: {', '.join(DRAW_NAMES)})")
        draws[name] = np.array([float(value)])
    return evaluate_model(build_model_inputs(scenario), draws)


# =========================================================================== OpenAI's cash path


def compute_openai_path(scenario: Scenario) -> pd.DataFrame:
    """OpenAI's revenue, costs, operating loss and cash burn per year, 2024-2030 (USD).

    Columns: ``revenue_plan_usd`` (OpenAI's projections), ``revenue_usd`` (with the scenario's
    growth realisation), ``compute_usd`` (of which ``stargate_usd`` are payments for Stargate
    capacity and ``stargate_excess_usd`` the part above the planned compute budget),
    ``other_costs_usd`` (staff, sales, general), ``revenue_share_usd`` (to Microsoft),
    ``operating_costs_usd``, ``operating_loss_usd`` (accounting, incl. stock compensation),
    ``non_cash_usd`` and ``cash_burn_usd`` (cash actually spent beyond revenue).
    """
    inputs = build_model_inputs(scenario)
    draws = point_draws(scenario)
    out = evaluate_model(inputs, draws)
    revenue = out["revenue_usd"][0]
    flows = compute_openai_flows(
        revenue,
        inputs.revenue_plan_usd,
        inputs.fixed_cost_plan_usd,
        out["stargate_payments_usd"][0],
        revenue_share_rate=inputs.revenue_share_rate,
        flexible_cost_share=inputs.flexible_cost_share,
        non_cash_cost_share=inputs.non_cash_cost_share,
        compute_share_of_fixed_costs=inputs.compute_share_of_fixed_costs,
    )
    table = pd.DataFrame(
        {"revenue_plan_usd": inputs.revenue_plan_usd, "revenue_usd": revenue, **flows},
        index=pd.Index(YEARS, name="year"),
    )
    return table


#: Reported points the OpenAI path is checked against: (label, measure, year or span, fact id,
#: tolerance as a fraction of the reported value or None when the point only informs).
#: 2028's operating loss and burn anchor the model (used to build it); the other points were
#: not fitted. The tolerance is the model's stated accuracy: each annual burn within 40 %
#: (2025 is the worst year: reported H1-2025 burn was only a third of the operating loss),
#: the 2025-2029 cumulative burn within 10 %, the 2024 loss within 15 %.
REPORTED_POINTS: tuple[tuple[str, str, str, str, float | None], ...] = (
    ("Loss 2024", "operating_loss_usd", "2024", "oa_loss_2024", 0.15),
    ("Cash burn 2025", "cash_burn_usd", "2025", "oa_burn_2025", 0.40),
    ("Cash burn 2026", "cash_burn_usd", "2026", "oa_burn_2026", 0.40),
    ("Cash burn 2027", "cash_burn_usd", "2027", "oa_burn_2027", 0.40),
    ("Cash burn 2028 (anchor)", "cash_burn_usd", "2028", "oa_burn_2028", 0.01),
    ("Operating loss 2028 (anchor)", "operating_loss_usd", "2028", "oa_oploss_2028_proj", 0.01),
    ("Cash burn 2025-2029", "cash_burn_usd", "2025-2029", "oa_burn_to_2029", 0.10),
    ("Loss 2026 (Oct-2024 projection)", "operating_loss_usd", "2026", "oa_loss_2026_proj", None),
)


#: Facts the report cites beside the calibration: H1-2025 cash burn and operating loss (why the
#: model overstates 2025's burn), the annualised run-rates it does not mix in, and the year
#: OpenAI projects positive cash flow.
CALIBRATION_CONTEXT_FACTS: tuple[str, ...] = (
    "oa_h1_2025_cash_burn",
    "oa_h1_2025_op_loss",
    "oa_runrate_2024",
    "oa_runrate_2025",
    "oa_burn_to_2029_cash_positive_year",
    "sg_musk_claim",
    "sg_total_commitment",
    "claim_total_jpy",
)


def compare_with_reported(scenario: Scenario) -> pd.DataFrame:
    """The modelled OpenAI path against the reported figures, with the stated tolerance.

    Returns:
        One row per reported point: ``point``, ``year``, ``reported_usd``, ``model_usd``,
        ``difference`` (model ÷ reported - 1), ``tolerance`` (fraction, NaN where the point only
        informs), ``within_tolerance`` (bool, or "not tested"), ``fact``.
    """
    # Facts the report cites to explain the gaps (H1 2025: burn far below the operating loss).
    facts.record(CALIBRATION_CONTEXT_FACTS)
    path = compute_openai_path(scenario)
    rows = []
    for label, column, span, fact_id, tol in REPORTED_POINTS:
        reported = facts.value(fact_id)
        if "-" in span:
            first, last = (int(x) for x in span.split("-"))
            model = float(path.loc[first:last, column].sum())
        else:
            model = float(path.loc[int(span), column])
        diff = model / reported - 1.0
        rows.append(
            {
                "point": label,
                "year": span,
                "reported_usd": reported,
                "model_usd": model,
                "difference": diff,
                "tolerance": np.nan if tol is None else tol,
                "within_tolerance": "not tested" if tol is None else bool(abs(diff) <= tol),
                "fact": fact_id,
            }
        )
    return pd.DataFrame(rows)


def first_cash_positive_year(scenario: Scenario) -> int | None:
    """First plan year in which OpenAI's modelled cash burn is negative (cash comes in)."""
    path = compute_openai_path(scenario)
    positive = path.loc[PLAN_START_YEAR:, "cash_burn_usd"] < 0
    return int(positive.idxmax()) if positive.any() else None


# =========================================================================== venture and runway


def compute_venture_path(scenario: Scenario) -> pd.DataFrame:
    """The Stargate venture's cash flows per year, 2024-2030 (USD), at the scenario's point.

    Columns: ``capex_usd`` (new batches and refreshes, with the scenario's overruns),
    ``refresh_usd`` (of which replacing IT at the end of its life), ``opex_usd`` (energy,
    maintenance, staff), ``revenue_usd`` (OpenAI's payments: price x GPU-hours x utilisation),
    ``deficit_usd`` (capex + opex - revenue: money the partners must put in that year),
    ``openai_equity_calls_usd`` (OpenAI's share of the equity called).
    """
    out = evaluate_model(build_model_inputs(scenario), point_draws(scenario))
    return pd.DataFrame(
        {
            "capex_usd": out["venture_capex_usd"][0],
            "refresh_usd": out["venture_refresh_usd"][0],
            "opex_usd": out["venture_opex_usd"][0],
            "revenue_usd": out["stargate_payments_usd"][0],
            "deficit_usd": out["venture_deficit_usd"][0],
            "openai_equity_calls_usd": out["openai_equity_calls_usd"][0],
        },
        index=pd.Index(YEARS, name="year"),
    )


def compute_runway(scenario: Scenario) -> pd.DataFrame:
    """OpenAI's cash against its burn and equity calls, year by year, 2025-2030 (USD).

    Starts from cash at the end of 2024; adds rounds in the year their money arrives.

    Returns:
        Indexed by year: ``cash_burn_usd``, ``equity_calls_usd``, ``committed_rounds_usd``,
        ``announced_rounds_usd``, ``cash_end_usd`` (committed money only; negative = money
        still to raise by then), ``cash_end_incl_announced_usd``, ``still_to_raise_usd``
        (cumulative, committed money only, never decreasing).
    """
    inputs = build_model_inputs(scenario)
    out = evaluate_model(inputs, point_draws(scenario))
    sl = slice(_YEAR_INDEX[PLAN_START_YEAR], None)
    burn = out["openai_cash_burn_usd"][0][sl]
    calls = out["openai_equity_calls_usd"][0][sl]
    committed = inputs.committed_rounds_usd[sl]
    announced = inputs.announced_rounds_usd[sl]
    cash_end = inputs.cash_2024_usd + np.cumsum(committed - burn - calls)
    cash_end_all = cash_end + np.cumsum(announced)
    return pd.DataFrame(
        {
            "cash_burn_usd": burn,
            "equity_calls_usd": calls,
            "committed_rounds_usd": committed,
            "announced_rounds_usd": announced,
            "cash_end_usd": cash_end,
            "cash_end_incl_announced_usd": cash_end_all,
            "still_to_raise_usd": np.maximum.accumulate(np.maximum(-cash_end, 0.0)),
        },
        index=pd.Index(YEARS[sl], name="year"),
    )


def find_runway_end_year(runway: pd.DataFrame, column: str = "cash_end_usd") -> int | None:
    """First year the cash in ``column`` of :func:`compute_runway` turns negative (None: never)."""
    short = runway[column] < 0
    return int(short.idxmax()) if short.any() else None


def summarize_funding_need(scenario: Scenario) -> dict[str, float]:
    """Deterministic funding figures at the scenario's point values (USD).

    Returns:
        ``total_need_usd``, ``openai_need_usd``, ``venture_need_usd``,
        ``openai_still_to_raise_usd``, ``openai_still_to_raise_incl_announced_usd``,
        ``venture_shortfall_usd``, ``shortfall_usd``, ``committed_usd`` (OpenAI's cash and
        committed rounds plus the venture's equity and debt capacity) and ``announced_usd``.
    """
    inputs = build_model_inputs(scenario)
    out = evaluate_model(inputs, point_draws(scenario))
    keys = (
        "total_need_usd",
        "openai_need_usd",
        "venture_need_usd",
        "openai_still_to_raise_usd",
        "openai_still_to_raise_incl_announced_usd",
        "venture_shortfall_usd",
        "shortfall_usd",
    )
    summary = {k: float(out[k][0]) for k in keys}
    summary["committed_usd"] = committed_funding_usd(inputs)
    summary["announced_usd"] = float(inputs.announced_rounds_usd.sum())
    return summary


def committed_funding_usd(inputs: ModelInputs) -> float:
    """Money committed to OpenAI and the venture over the horizon (USD).

    OpenAI's cash at the end of 2024 and its committed rounds, plus the venture's partners'
    equity other than OpenAI's (OpenAI's is paid out of its own cash) and the debt lenders
    would put beside all of it.
    """
    openai = inputs.cash_2024_usd + float(inputs.committed_rounds_usd.sum())
    others = inputs.equity_total_usd - inputs.equity_openai_usd
    debt = inputs.max_debt_to_equity_ratio * inputs.equity_total_usd
    return openai + others + debt


# =========================================================================== project economics


def compute_project_cash_flows(scenario: Scenario, **overrides: float) -> pd.DataFrame:
    """The venture's project cash flows over one IT life, per period from 2025 (USD).

    Period t is calendar year 2025 + t. Capex is paid at the start of the deployment year
    (period ``deploy - 2025``); year k of the IT life (k = 1..L, L and the delay d rounded to
    whole years) yields ``price x (1 + change)^(k-1) x GPU-hours x utilisation - running
    costs`` at its end if the site is in service (k > d); at the end of the IT life the
    facility is kept at its economic value: the capital-recovery annuity it still owes over
    its remaining life.

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
    t_first = int(min(fl.deploy_year)) - PLAN_START_YEAR
    t_last = int(max(fl.deploy_year)) - PLAN_START_YEAR + life
    periods = np.arange(min(t_first, 0), t_last + 1)
    capex = np.zeros(periods.size)
    operating = np.zeros(periods.size)
    residual = np.zeros(periods.size)
    crf = rate / (1.0 - (1.0 + rate) ** -fl.facility_lifetime_years)
    waited = min(delay, life)
    rest = float(annuity_factor(rate, max(fl.facility_lifetime_years - (life - waited), 0.0)))
    offset = -periods[0]
    for b in range(fl.gpu_count.size):
        t0 = int(fl.deploy_year[b]) - PLAN_START_YEAR
        cap_f = fl.facility_capex_usd[b] * (1.0 + d["facility_overrun_rate"])
        cap = (
            fl.accelerator_capex_usd[b] * (1.0 + d["accelerator_overrun_rate"])
            + fl.other_it_capex_usd[b] * (1.0 + d["other_it_overrun_rate"])
            + cap_f
        )
        capex[t0 + offset] -= cap
        running = fl.energy_usd_per_year_full_use[b] * d["utilization_rate"]
        running += fl.fixed_opex_usd_per_year[b]
        for k in range(waited + 1, life + 1):
            rent = fl.gpu_hours_per_year[b] * d["utilization_rate"] * d["price_usd_per_gpu_hour"]
            rent *= (1.0 + d["price_change_rate"]) ** (k - 1)
            operating[t0 + k + offset] += rent - running
        residual[t0 + life + offset] += cap_f * crf * rest
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
    """First-year price per GPU-hour at which the project NPV is zero (USD/GPU-hour).

    NPV is linear in the price: ``p* = -NPV(0) / (NPV(1) - NPV(0))``. With a flat price path,
    no overrun and no delay it equals the cost model's cost per GPU-hour (TCO ÷ GPU-hours used).
    """
    at_zero = compute_project_npv_usd(scenario, **{**overrides, "price_usd_per_gpu_hour": 0.0})
    at_one = compute_project_npv_usd(scenario, **{**overrides, "price_usd_per_gpu_hour": 1.0})
    return -at_zero / (at_one - at_zero)


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
        life), ``breakeven_price_usd_per_gpu_hour``, ``breakeven_utilization``,
        ``capex_usd`` (with overruns), ``price_usd_per_gpu_hour``, ``utilization_rate``,
        ``cost_of_capital_rate``.
    """
    facts.record(("gpu_rent_2024_early", "gpu_rent_low_2025", "gpu_rent_low_2025_rebound"))
    flows = compute_project_cash_flows(scenario)
    return {
        "npv_usd": compute_project_npv_usd(scenario),
        "irr": compute_project_irr(scenario),
        "payback_years": compute_payback_years(flows["net_usd"]),
        "breakeven_price_usd_per_gpu_hour": find_breakeven_price_usd_per_gpu_hour(scenario),
        "breakeven_utilization": find_breakeven_utilization(scenario),
        "capex_usd": float(-flows["capex_usd"].sum()),
        "price_usd_per_gpu_hour": scenario.finance.price_usd_per_gpu_hour,
        "utilization_rate": scenario.finance.utilization_rate,
        "cost_of_capital_rate": scenario.finance.cost_of_capital_rate,
    }


# =========================================================================== hardware refresh


def compute_refresh_wave(scenario: Scenario, until_year: int = 2035) -> pd.DataFrame:
    """Each batch's IT replaced at the end of its life by the newest generation, to ``until_year``.

    A refresh keeps the building's power envelope: it installs as many GPUs of the new
    generation as the old ones' IT power allows (``old count x old W / new W``). The IT
    lifetime (the scenario's point value, rounded to whole years) counts from purchase: a
    delayed site does not slow the hardware's ageing.

    Returns:
        One row per refresh: ``batch`` (generation and deploy year), ``refresh_year``,
        ``old_generation``, ``new_generation``, ``old_gpu_count``, ``new_gpu_count``,
        ``refresh_capex_usd`` (with the point overruns), ``compute_before_pflops``,
        ``compute_after_pflops`` (dense BF16), ``in_funding_horizon`` (refresh by 2030).
    """
    specs = scenario.fleet.specs
    risk = scenario.risk
    life = int(max(1, whole_years(scenario.finance.it_lifetime_years)))
    rows = []
    for batch in scenario.fleet.batches:
        year = batch.deploy_year + life
        generation, count = batch.generation, float(batch.gpu_count)
        while year <= until_year:
            new_gen = choose_refresh_generation(year, generation)
            old, new = specs[generation], specs[new_gen]
            new_count = count * old.it_power_w_per_gpu / new.it_power_w_per_gpu
            capex = new_count * (
                new.accelerator_price_usd * (1.0 + risk.accelerator_overrun_rate)
                + new.other_it_capex_usd_per_gpu * (1.0 + risk.other_it_overrun_rate)
            )
            rows.append(
                {
                    "batch": f"{batch.generation} ({batch.deploy_year})",
                    "refresh_year": year,
                    "old_generation": generation,
                    "new_generation": new_gen,
                    "old_gpu_count": count,
                    "new_gpu_count": new_count,
                    "refresh_capex_usd": capex,
                    "compute_before_pflops": count * old.compute_pflops_bf16_dense,
                    "compute_after_pflops": new_count * new.compute_pflops_bf16_dense,
                    "in_funding_horizon": year <= YEARS[-1],
                }
            )
            generation, count = new_gen, new_count
            year += life
    for _, (_, fact_id) in GENERATION_FIRST_YEAR.items():
        facts.get(fact_id)
    return pd.DataFrame(rows)


def compute_capex_wave(scenario: Scenario, until_year: int = 2035) -> pd.DataFrame:
    """Capex by year and kind (initial build, IT refresh) and generation, to ``until_year``.

    Returns:
        Tidy: ``year``, ``kind`` (``Initial build`` / ``IT refresh``), ``generation``,
        ``capex_usd`` (with the scenario's point overruns).
    """
    from stargate.model import costs

    risk = scenario.risk
    rows = []
    for _, r in costs.fleet_table(scenario).iterrows():
        capex = r["gpu_count"] * (
            r["accelerator_price_usd"] * (1.0 + risk.accelerator_overrun_rate)
            + r["other_it_capex_usd_per_gpu"] * (1.0 + risk.other_it_overrun_rate)
            + r["facility_capex_usd_per_gpu"] * (1.0 + risk.facility_overrun_rate)
        )
        rows.append(
            {
                "year": int(r["deploy_year"]),
                "kind": "Initial build",
                "generation": r["generation"],
                "capex_usd": float(capex),
            }
        )
    for _, r in compute_refresh_wave(scenario, until_year).iterrows():
        rows.append(
            {
                "year": int(r["refresh_year"]),
                "kind": "IT refresh",
                "generation": r["new_generation"],
                "capex_usd": float(r["refresh_capex_usd"]),
            }
        )
    table = pd.DataFrame(rows, columns=["year", "kind", "generation", "capex_usd"])
    return table.groupby(["year", "kind", "generation"], as_index=False)["capex_usd"].sum()


def compute_generation_costs(scenario: Scenario) -> pd.DataFrame:
    """Cost per GPU-hour and per dense BF16 PFLOP-hour of each generation (cost model).

    Returns:
        ``generation``, ``first_year`` (first reported in service), ``cost_per_gpu_hour_usd``,
        ``cost_per_pflop_hour_usd``, ``cost_per_pflop_hour_vs_h100`` (ratio).
    """
    from stargate.model import costs

    table = costs.generation_table(scenario)
    table["first_year"] = [GENERATION_FIRST_YEAR[g][0] for g in table["generation"]]
    return table[
        [
            "generation",
            "first_year",
            "cost_per_gpu_hour_usd",
            "cost_per_pflop_hour_usd",
            "cost_per_pflop_hour_vs_h100",
        ]
    ]


# =========================================================================== reference class

#: The reference class chosen for each part of the capex, and why. Flyvbjerg's database has no
#: data-centre class (dc_reference_class), so each part takes the class it resembles most.
REFERENCE_CLASSES: tuple[dict[str, Any], ...] = (
    {
        "component": "Shell, site and fit-out",
        "capex_part": "facility",
        "share_fact": "dc_cost_share_critical",
        "share_is_complement": True,
        "class": "Major buildings",
        "overrun_fact": "bf_overrun_buildings",
        "why": (
            "Bespoke construction on each site, exposed to labour, weather and permits "
            "(Abilene ran 3,000-5,000 workers a day): a building project."
        ),
        "in_model": "facility_overrun_rate: its mean is the Monte Carlo's high end",
    },
    {
        "component": "Power and cooling plant",
        "capex_part": "facility",
        "share_fact": "dc_cost_share_critical",
        "share_is_complement": False,
        "class": "Thermal power",
        "overrun_fact": "bf_overrun_fossil",
        "why": (
            "Switchgear, transformers, generators and chillers: standard plant, but grid "
            "connections and on-site generation (300 MW at Abilene) behave like a power station."
        ),
        "in_model": "facility_overrun_rate: its mean is the Monte Carlo's most likely value",
    },
    {
        "component": "Accelerators (GPUs)",
        "capex_part": "accelerators",
        "share_fact": None,
        "share_is_complement": False,
        "class": "Solar (modular)",
        "overrun_fact": "bf_overrun_solar",
        "why": (
            "Identical units bought in volume at a quoted price: Flyvbjerg's modular classes "
            "have thin tails. The risk here is the next generation's price, not an overrun."
        ),
        "in_model": "accelerator_overrun_rate: 0 to 13 % (wind) in the Monte Carlo",
    },
    {
        "component": "Servers, networking, integration",
        "capex_part": "other_it",
        "share_fact": None,
        "share_is_complement": False,
        "class": "Wind (modular)",
        "overrun_fact": "bf_overrun_wind",
        "why": (
            "Hardware bought in volume but cabled into one cluster on site, like a wind farm's "
            "turbines; the integration work can run like an IT project (73 % mean)."
        ),
        "in_model": "other_it_overrun_rate: 0 to 73 % (IT projects) in the Monte Carlo",
    },
    {
        "component": "Software and bring-up",
        "capex_part": None,
        "share_fact": None,
        "share_is_complement": False,
        "class": "IT projects (fat tail)",
        "overrun_fact": "bf_overrun_it",
        "why": (
            "The only one of Flyvbjerg's classes with a tail index at or below 1 (bf_it_alpha): "
            "18 % of IT projects overrun by 50 % or more, by 447 % on average. No capex line "
            "here, so it shows as capacity arriving late."
        ),
        "in_model": "schedule_delay_years (drawn in the megaproject scenario)",
    },
)


#: Facts the reference-class section cites besides the class means.
REFERENCE_CONTEXT_FACTS: tuple[str, ...] = (
    "dc_reference_class",
    "bf_database_projects",
    "bf_on_budget",
    "bf_budget_time",
    "bf_budget_time_benefits",
    "bf_modularity",
    "bf_it_alpha",
    "bf_it_tail_share",
    "bf_it_tail_mean",
    "abilene_workers_daily",
    "abilene_workers_peak",
    "abilene_site_onsite_gen_mw",
)


def compute_reference_class_table(scenario: Scenario) -> pd.DataFrame:
    """The reference class chosen for each part of the capex, its mean overrun and why.

    Returns:
        ``component``, ``capex_usd`` (as budgeted; NaN where no capex line), ``share_of_capex``,
        ``reference_class``, ``mean_overrun`` (fraction), ``expected_overrun_usd``, ``why``,
        ``in_model``, ``fact``.
    """
    from stargate.model import costs

    parts = costs.capex_breakdown_usd(scenario)
    total = sum(parts.values())
    rows = []
    for rc in REFERENCE_CLASSES:
        part = rc["capex_part"]
        capex = float(parts[part]) if part else float("nan")
        if rc["share_fact"]:
            share = facts.value(rc["share_fact"])
            capex *= (1.0 - share) if rc["share_is_complement"] else share
        mean = facts.value(rc["overrun_fact"])
        rows.append(
            {
                "component": rc["component"],
                "capex_usd": capex,
                "share_of_capex": capex / total if part else float("nan"),
                "reference_class": rc["class"],
                "mean_overrun": mean,
                "expected_overrun_usd": capex * mean if part else float("nan"),
                "why": rc["why"],
                "in_model": rc["in_model"],
                "fact": rc["overrun_fact"],
            }
        )
    facts.record(REFERENCE_CONTEXT_FACTS)
    return pd.DataFrame(rows)


def compute_reference_class_overrun(scenario: Scenario) -> float:
    """Capex-weighted mean overrun of the reference classes (fraction of budgeted capex)."""
    table = compute_reference_class_table(scenario).dropna(subset=["capex_usd"])
    return float(table["expected_overrun_usd"].sum() / table["capex_usd"].sum())


def compute_capex_overrun_draws(scenario: Scenario, draws: Mapping[str, np.ndarray]) -> np.ndarray:
    """Overrun of the whole initial capex in each Monte Carlo draw (fraction of budget)."""
    from stargate.model import costs

    parts = costs.capex_breakdown_usd(scenario)
    total = sum(parts.values())
    with_overrun = (
        parts["accelerators"] * (1.0 + np.asarray(draws["accelerator_overrun_rate"]))
        + parts["other_it"] * (1.0 + np.asarray(draws["other_it_overrun_rate"]))
        + parts["facility"] * (1.0 + np.asarray(draws["facility_overrun_rate"]))
    )
    return with_overrun / total - 1.0


# =========================================================================== precedents


def build_precedents_table(display: Any = None) -> pd.DataFrame:
    """Foxconn Wisconsin and the CHIPS Act fabs: what was promised, what happened.

    Args:
        display: the scenario's display settings (currency); default USD.

    Returns:
        ``project``, ``promised``, ``outcome``, ``gap``, ``facts`` (ids behind the row).
    """
    from stargate.present.formatting import format_money, format_usd

    def money(fact_id: str) -> str:
        amount = facts.value(fact_id)
        return format_money(amount, display) if display is not None else format_usd(amount)

    def year(fact_id: str) -> int:
        return int(facts.value(fact_id))

    v = facts.value
    promise_jobs, amended_jobs, jobs_2023 = (
        v("fx_promise_jobs"),
        v("fx_2021_amend_jobs"),
        v("fx_2023_jobs"),
    )
    intel_from, intel_to = year("intel_ohio_orig"), year("intel_ohio_now_fab1_ops")
    fab1_from, fab1_to = year("tsmc_az_fab1_planned"), year("tsmc_az_fab1_revised")
    fab2 = facts.get("tsmc_az_fab2_revised")
    sam = facts.get("samsung_taylor")
    rows = [
        {
            "project": "Foxconn, Mount Pleasant (Wisconsin), 2017",
            "promised": f"{money('fx_promise_usd')} and {promise_jobs:,.0f} jobs",
            "outcome": (
                f"Contract cut in 2021 to {money('fx_2021_amend_usd')} and {amended_jobs:,.0f} "
                f"jobs; {jobs_2023:,.0f} full-time jobs in 2023"
            ),
            "gap": f"{1 - jobs_2023 / promise_jobs:.0%} fewer jobs than promised",
            "facts": "fx_promise_usd, fx_promise_jobs, fx_2021_amend_usd, fx_2021_amend_jobs, "
            "fx_2023_jobs",
        },
        {
            "project": "Intel Ohio One (New Albany), 2022",
            "promised": f"Production in {intel_from}; {money('intel_ohio_orig_usd')}, two fabs",
            "outcome": (
                f"Fab 1 construction complete {year('intel_ohio_now_fab1_complete')}, "
                f"operations by end-{intel_to}"
            ),
            "gap": f"{intel_to - intel_from} years late",
            "facts": "intel_ohio_orig, intel_ohio_orig_usd, intel_ohio_now_fab1_complete, "
            "intel_ohio_now_fab1_ops",
        },
        {
            "project": "TSMC Arizona fab 1, 2021",
            "promised": f"N4 production in {fab1_from}",
            "outcome": f"Production in {fab1_to}, for lack of skilled installers",
            "gap": f"{fab1_to - fab1_from} year late",
            "facts": "tsmc_az_fab1_planned, tsmc_az_fab1_revised",
        },
        {
            "project": "TSMC Arizona fab 2",
            "promised": f"Production in {year('tsmc_az_fab2_planned')}",
            "outcome": f"Pushed back to {fab2.low:.0f}-{fab2.high:.0f}",
            "gap": f"{fab2.low - year('tsmc_az_fab2_planned'):.0f}-"
            f"{fab2.high - year('tsmc_az_fab2_planned'):.0f} years late",
            "facts": "tsmc_az_fab2_planned, tsmc_az_fab2_revised",
        },
        {
            "project": "Samsung Taylor (Texas)",
            "promised": (
                f"Production in {year('samsung_taylor_planned')}; "
                f"{money('samsung_chips_award_invest_before')} investment"
            ),
            "outcome": (
                f"Production {sam.low:.0f} (possibly {sam.high:.0f}) for lack of customers; "
                f"investment cut to {money('samsung_chips_award_invest_after')}, CHIPS award "
                f"from {money('samsung_chips_award_prelim')} to "
                f"{money('samsung_chips_award_final')}"
            ),
            "gap": f"{sam.value - year('samsung_taylor_planned'):.0f}-"
            f"{sam.high - year('samsung_taylor_planned'):.0f} years late",
            "facts": "samsung_taylor_planned, samsung_taylor, samsung_chips_award_invest_before, "
            "samsung_chips_award_invest_after, samsung_chips_award_prelim, "
            "samsung_chips_award_final",
        },
    ]
    return pd.DataFrame(rows)


# =========================================================================== thresholds, verdict

#: Grid of revenue growth realisations scanned for thresholds (0 to 3 in steps of 0.01).
GROWTH_GRID: np.ndarray = np.round(np.arange(0.0, 3.0 + 1e-9, 0.01), 2)


def find_growth_threshold(scenario: Scenario, *, include_announced: bool) -> float | None:
    """Smallest growth realisation from which no money is missing (the rest at point values).

    Scans :data:`GROWTH_GRID` (one vectorised evaluation) and returns the smallest value ``k``
    such that for every realisation at or above ``k`` neither OpenAI nor the venture needs money
    beyond what is committed (and, with ``include_announced``, announced). None if even 3x the
    projected growth leaves a gap.
    """
    draws = point_draws(scenario)
    draws["revenue_growth_realization"] = GROWTH_GRID
    out = evaluate_model(build_model_inputs(scenario), draws)
    key = (
        "openai_still_to_raise_incl_announced_usd"
        if include_announced
        else "openai_still_to_raise_usd"
    )
    missing = out[key] + out["venture_shortfall_usd"] > 1.0
    if missing[-1]:
        return None
    if not missing.any():
        return float(GROWTH_GRID[0])
    return float(GROWTH_GRID[np.flatnonzero(missing)[-1] + 1])


def revenue_2030_usd(scenario: Scenario, realization: float) -> float:
    """OpenAI's 2030 revenue at a growth realisation (USD)."""
    return float(project_revenue_usd(plan_revenue_usd(scenario), realization)[0, -1])


def _money(amount_usd: float, display: Any) -> str:
    from stargate.present.formatting import format_money

    return format_money(amount_usd, display)


def _pct(x: float) -> str:
    """A probability or share in words-friendly form: 38%, more than 99%, less than 1%."""
    if 0.995 < x < 1.0:
        return "more than 99%"
    if 0.0 < x < 0.005:
        return "less than 1%"
    return f"{x:.0%}"


def _pace(k: float) -> str:
    """A growth realisation as readers say it: '81% as fast as' or '2.4 times as fast as'."""
    return f"{k:.0%} as fast as" if k <= 1.0 else f"{k:.1f} times as fast as"


def build_in_brief(scenario: Scenario, summary: Mapping[str, float]) -> str:
    """Two sentences for the top of the report: the key probabilities (Markdown)."""
    disp = scenario.display
    announced = float(build_model_inputs(scenario).announced_rounds_usd.sum())
    still = summary["still_to_raise_p50_usd"]
    text = (
        f"**In brief ({scenario.title}).** In {_pct(summary['shortfall_probability'])} of "
        f"{summary['n_draws']:,.0f} simulated futures the money committed today does not cover "
        "what OpenAI and the venture must pay out by 2030 (median still to raise: "
        f"{_money(still, disp) if still > 0 else 'nothing'})"
    )
    if announced > 0:
        text += (
            f"; counting money only announced, in "
            f"{_pct(summary['shortfall_incl_announced_probability'])}"
        )
    return text + (
        f". The build-out pays for itself in {_pct(summary['npv_positive_probability'])} of them. "
        "The verdict at the end says what must be true for each side to be right."
    )


def build_verdict(
    scenario: Scenario,
    summary: Mapping[str, float],
    tornado_need: pd.DataFrame,
    tornado_npv: pd.DataFrame,
) -> str:
    """The verdict in plain words (Markdown): probabilities, and what must be true for each side.

    Args:
        scenario: the scenario.
        summary: :func:`stargate.model.montecarlo.summarize_monte_carlo` of its Monte Carlo.
        tornado_need: :func:`stargate.model.montecarlo.compute_tornado` of ``total_need_usd``.
        tornado_npv: :func:`stargate.model.montecarlo.compute_tornado` of ``npv_usd``.
    """
    disp = scenario.display
    inputs = build_model_inputs(scenario)
    oa_committed = inputs.cash_2024_usd + float(inputs.committed_rounds_usd.sum())
    venture_sources = inputs.equity_total_usd * (1.0 + inputs.max_debt_to_equity_ratio)
    announced = float(inputs.announced_rounds_usd.sum())
    k_ann = find_growth_threshold(scenario, include_announced=True)
    k_com = find_growth_threshold(scenario, include_announced=False)
    project = summarize_project(scenario)
    fin = scenario.finance
    n = int(summary["n_draws"])
    plan_2030 = _money(inputs.revenue_plan_usd[-1], disp)

    def drivers(table: pd.DataFrame) -> str:
        top = table.head(3)
        if top.empty:
            return "none of the swept assumptions moves it"
        return "; ".join(
            f"{r.factor} ({r.low_input} to {r.high_input}: "
            f"{_money(r.outcome_low, disp)} to {_money(r.outcome_high, disp)})"
            for r in top.itertuples()
        )

    def growth(k: float | None, money_kind: str) -> str:
        if k is None:
            return (
                f"no growth rate up to three times OpenAI's projection closes the gap with "
                f"{money_kind}"
            )
        if k == 0:
            return f"{money_kind} covers the need even if OpenAI's revenue stops growing"
        return (
            f"OpenAI's revenue must grow at least {_pace(k)} it projects each year (about "
            f"{_money(revenue_2030_usd(scenario, k), disp)} in 2030, against the {plan_2030} "
            f"projected)"
        )

    still = summary["still_to_raise_p50_usd"]
    still_text = _money(still, disp) if still > 0 else "nothing"
    price_ok = project["breakeven_price_usd_per_gpu_hour"]
    util_ok = project["breakeven_utilization"]
    util_text = (
        f"the fleet must be used {_pct(util_ok)} of its hours"
        if util_ok <= 1.0
        else "no utilisation is enough, not even every hour of the year"
    )
    if announced > 0:
        announced_line = (
            f"- **Counting money only announced** ({_money(announced, disp)}, such as NVIDIA's "
            "letter of intent, which is not a definitive agreement), the chance of a shortfall is "
            f"{_pct(summary['shortfall_incl_announced_probability'])}."
        )
        gap_money = "committed and announced money"
        musk_k, musk_when = k_ann, "even after the announced money arrives"
    else:
        announced_line = (
            "- This scenario counts no money as merely announced: every round in it is treated "
            "as committed."
        )
        gap_money = "committed money"
        musk_k, musk_when = k_com, "even with the money in this scenario"
    if musk_k is None:
        musk_growth = "in this scenario the gap stays open at any growth rate up to three times "
        musk_growth += "the projection."
    elif musk_k == 0:
        musk_growth = "in this scenario the money covers the need at any growth rate."
    else:
        musk_growth = (
            f"unless OpenAI's revenue grows at least {_pace(musk_k)} it projects, the gap stays "
            "open at this scenario's other values."
        )
    altman = (
        '**What must be true for Altman to be right** ("wrong"): '
        + ("the announced money must turn into signed money, and " if announced > 0 else "")
        + growth(k_ann, gap_money)
        + ". "
    )
    if announced > 0:
        altman += "With committed money alone, " + growth(k_com, "committed money") + ". "
    lines = [
        f"**The answer in probabilities** ({n:,} draws of the assumptions, seed "
        f"{scenario.risk.seed}):",
        "",
        f"- **Money committed today falls short in {_pct(summary['shortfall_probability'])} "
        f"of draws.** Committed means OpenAI's cash and signed rounds "
        f"({_money(oa_committed, disp)}) for OpenAI, and the partners' equity with the debt "
        f"lenders would add ({_money(venture_sources, disp)}) for the venture; neither can pay "
        f"the other's bills. Median still to raise by 2030: {still_text} (1 draw in 10: more "
        f"than {_money(summary['still_to_raise_p90_usd'], disp)}).",
        announced_line,
        f"- **The build-out pays for itself** (NPV above zero at the cost of capital) in "
        f"{_pct(summary['npv_positive_probability'])} of draws; median NPV "
        f"{_money(summary['npv_p50_usd'], disp)}.",
        f"- Total funding need of OpenAI and the venture, 2025-2030: median "
        f"{_money(summary['need_p50_usd'], disp)}, 8 draws in 10 between "
        f"{_money(summary['need_p10_usd'], disp)} and {_money(summary['need_p90_usd'], disp)}.",
        "",
        '**What must be true for Musk to be right** ("they don\'t have the money"): on money '
        f"in hand he is right in {_pct(summary['shortfall_probability'])} of draws - but a "
        "shortfall is money still to raise, not proof that it cannot be raised. For him to be "
        f"right {musk_when}, revenue must disappoint: " + musk_growth,
        "",
        altman
        + f"For the build-out itself to pay, a GPU-hour must fetch at least ${price_ok:.2f} in "
        f"its first year (this scenario: ${fin.price_usd_per_gpu_hour:.2f}); at this "
        f"scenario's price {util_text} (this scenario: {_pct(fin.utilization_rate)}).",
        "",
        "**The assumptions that decide it.** Funding need: " + drivers(tornado_need) + ". "
        "Value of the build-out (NPV): " + drivers(tornado_npv) + ".",
    ]
    return "\n".join(lines)


def headline_figures(
    scenario: Scenario, summary: Mapping[str, float]
) -> dict[str, tuple[float, str, str]]:
    """The sustainability report's headline figures: name -> (value, unit, label)."""
    return {
        "funding_need_p50_usd": (
            summary["need_p50_usd"],
            "USD",
            "Funding need 2025-2030 (median)",
        ),
        "shortfall_probability": (
            summary["shortfall_probability"],
            "fraction",
            "Chance committed money falls short",
        ),
        "shortfall_incl_announced_probability": (
            summary["shortfall_incl_announced_probability"],
            "fraction",
            "Chance of a shortfall even with announced money",
        ),
        "npv_positive_probability": (
            summary["npv_positive_probability"],
            "fraction",
            "Chance the build-out pays (NPV > 0)",
        ),
        "breakeven_price_usd_per_gpu_hour": (
            find_breakeven_price_usd_per_gpu_hour(scenario),
            "USD/GPU-hour",
            "Break-even price per GPU-hour",
        ),
    }


# =========================================================================== tables and charts


def format_table(
    table: pd.DataFrame,
    display: Any,
    *,
    money: tuple[str, ...] | list[str] = (),
    fractions: tuple[str, ...] | list[str] = (),
    numbers: Mapping[str, str] | None = None,
    rename: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A copy of ``table`` ready to show: money in the display currency, shares as percent.

    Args:
        table: the table.
        display: the scenario's display settings.
        money: columns of nominal USD amounts.
        fractions: columns of fractions (0.25 shown as 25 %).
        numbers: column -> Python format spec for other numbers.
        rename: column renames for readers.
    """
    from stargate.present.formatting import format_money

    out = table.copy()
    for col in money:
        out[col] = [
            "" if pd.isna(x) else format_money(float(x), display) for x in out[col].to_numpy()
        ]
    for col in fractions:
        out[col] = ["" if pd.isna(x) else f"{float(x):.0%}" for x in out[col].to_numpy()]
    for col, spec in (numbers or {}).items():
        out[col] = ["" if pd.isna(x) else format(float(x), spec) for x in out[col].to_numpy()]
    return out.rename(columns=dict(rename or {}))


#: Series of the OpenAI path chart: column of :func:`compute_openai_path` -> label.
PATH_SERIES: dict[str, str] = {
    "revenue_usd": "Revenue",
    "operating_costs_usd": "Operating costs",
    "operating_loss_usd": "Operating loss",
    "cash_burn_usd": "Cash burn",
}


def chart_openai_path(scenario: Scenario) -> Any:
    """Revenue, costs, operating loss and cash burn by year, with the reported points.

    Lines: the model (:func:`compute_openai_path`); diamonds: the reported figures of
    :func:`compare_with_reported` (annual ones), labelled.
    """
    import altair as alt

    from stargate.present import charts

    path = compute_openai_path(scenario)
    tidy = (
        path[list(PATH_SERIES)]
        .rename(columns=PATH_SERIES)
        .reset_index()
        .melt(id_vars="year", var_name="series", value_name="usd")
    )
    lines = charts.line(
        tidy,
        "year",
        "usd",
        title="OpenAI's cash path: the model against the reported figures",
        unit="USD",
        color="series",
        x_title="Year",
        subtitle="Lines: model; diamonds: reported figures (listed in the table below)",
    )
    reported = compare_with_reported(scenario)
    reported = reported[~reported["year"].str.contains("-")].copy()
    reported["year"] = reported["year"].astype(int)
    factor = charts.money_factor("USD")
    points = pd.DataFrame(
        {
            "year": reported["year"],
            "usd": reported["reported_usd"] * factor,
            "label": reported["point"],
            "text": [charts.format_value(v, "USD") for v in reported["reported_usd"]],
        }
    )
    base = alt.Chart(points).encode(
        x=alt.X("year:Q"),
        y=alt.Y("usd:Q"),
        tooltip=[
            alt.Tooltip("label:N", title="Reported"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("text:N", title="Value"),
        ],
    )
    marks = base.mark_point(shape="diamond", size=90, filled=True, color=charts.TEXT_COLOR)
    return alt.layer(lines, marks)


def tidy_runway(runway: pd.DataFrame) -> pd.DataFrame:
    """:func:`compute_runway` as tidy rows for a line chart: year, series, usd."""
    series = {
        "cash_end_usd": "Committed money only",
        "cash_end_incl_announced_usd": "With announced money",
    }
    return (
        runway[list(series)]
        .rename(columns=series)
        .reset_index()
        .melt(id_vars="year", var_name="series", value_name="usd")
    )


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


def tidy_capex_wave(wave: pd.DataFrame) -> pd.DataFrame:
    """:func:`compute_capex_wave` with one label per kind and generation, for a stacked bar."""
    out = wave.copy()
    out["part"] = out["kind"] + ": " + out["generation"]
    return out
