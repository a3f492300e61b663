"""The model of OpenAI's and the Stargate venture's cash, vectorised over Monte Carlo draws.

One concept: :func:`evaluate_model` evaluates, for N draws of the uncertain inputs at once,

1. **OpenAI's cash path** (:mod:`stargate.model.openai_plan`). Stargate capacity is part of the
   compute bill, and so are the other clouds' contracted bills; if together they exceed the
   planned compute budget OpenAI pays the excess.
2. **The venture's cash path.** It pays for each batch's site (shell, power, cooling), its GPUs
   and the IT around them in the year the site is energised, and its running costs from then on.
   **One delay model**: a drawn delay of d years moves the whole batch d years later, site and
   GPUs alike, exactly as the scenario's slip (``programme.slip_years``) moves a site at the
   point (:mod:`stargate.model.sites`), so a draw with delay d is the point with d more years of
   slip. Why the whole site: the programme's capex is priced in the year its capacity is
   energised (:mod:`stargate.model.programme`), and the delays the scenarios cite slow the
   build itself (TSMC Arizona short of installers; Intel slowing Ohio's construction), so the
   spending follows the build. Capacity already energised (status ``energised`` in the sites
   table) is never delayed. **A delay defers, it does not cancel**: a batch's initial-build
   capex that the delay (or the point's slip) moves past 2030, the model's last year, is
   counted in 2030 as "capex deferred past 2030, still owed" (``venture_deferred_capex_usd``),
   so a longer delay never makes the build look cheaper; only the revenue and running costs it
   moves past 2030 leave the horizon. OpenAI's side follows the point's rule for a slip: its
   compute budget is set against the Stargate payments with the draw's delay, so it fills a
   late site's gap from other clouds up to its planned budget and pays less where its
   contracts already exceed it. Its revenue
   has two parts (:mod:`stargate.model.fleet_refresh` sets both per batch). The share of
   GPU-hours sold under the contract (``finance.contracted_gw`` over the fleet's GW) earns the
   contract price, ``price x the GPU's IT power / the priced generation's`` (the contract buys
   GW), flat for the contract's term from service start or the contract's first year
   (``finance.contract_start_year``), whichever is later: a contract price does not age. Every
   other hour earns the market rent of its GPU's dense FP8 compute
   (``finance.market_rent_usd_per_pflop_hour``, drawn), which moves by ``risk.price_change_rate`` a
   year from its reference year (the H100's measured decline, applied to the market only). IT
   equipment is replaced at the end of its life by the newest generation in the same power
   (:mod:`stargate.model.fleet_refresh`) and then rents at the new GPUs' compute (Vera Rubin's,
   not published, is a draw). Partners'
   equity and the named funders' money tied to its sites (at the scenario's point, the same in
   every draw) fund its deficit; what they leave is its funding gap, the reconciliation's gap
   line (:func:`stargate.model.capital_structure.reconcile_venture_funding`). OpenAI pays its
   share of the equity calls out of its own cash (called beside debt at the scenario's
   debt-to-equity ratio). Everything OpenAI pays the venture (the contract and its share of the
   other hours, ``openai.uncontracted_hours_share``) is in OpenAI's compute costs, so it nets out
   of the combined need: the plan's compute budget holds Stargate at the register's contract
   terms (:func:`reference_payments_usd`), so a scenario's own price moves OpenAI's cost one for
   one.
3. **Funding need**: the peak of the cumulative deficit of OpenAI and the venture together,
   2025-2030, the capex deferred past 2030 counted in 2030, each set against what is committed
   to it. A shortfall is money still to raise. The headline, the Monte Carlo and the tornado all
   read this one kernel, so they share this definition.
4. **Project NPV** of the venture's capex over one IT lifetime at the cost of capital.

The annuities are computed in log space (:class:`LogDiscount`), one ``exp`` per power; they are
the formulas of :mod:`stargate.model.finance`, which the tests check them against.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from stargate import facts
from stargate.model import parties, sites
from stargate.model.fleet_refresh import (
    FleetArrays,
    build_fleet_arrays,
    choose_refresh_generation,
    generation_first_years,
    whole_years,
)
from stargate.model.openai_plan import (
    PER_GW_ROUNDS,
    PLAN_START_YEAR,
    YEARS,
    compute_openai_cash_burn_usd,
    even_spread_by_year_usd,
    per_gw_round_by_year_usd,
    plan_fixed_costs_usd,
    plan_revenue_usd,
    programme_gw_by_year,
    rounds_by_year_usd,
)
from stargate.scenario import Scenario
from stargate.schema.risk import VARIABLES


@dataclass(frozen=True)
class ModelInputs:
    """Everything the vectorised model needs that does not vary between Monte Carlo draws.

    Built once per scenario by :func:`build_model_inputs`; :func:`evaluate_model` (NumPy, all
    draws at once) reads it, and so does the tests' plain-Python oracle (``tests/oracle_loop.py``,
    one draw at a time).
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
    #: The named funders' money the reconciliation counts at the scenario's point (USD): reported
    #: amounts tied to their layers (:func:`stargate.model.capital_structure.tie_named_finance`)
    #: up to the point's peak year, which no draw changes (a draw's overruns would raise the
    #: layers' capex, never a reported amount; the point's cap is the conservative one).
    named_funders_usd: float = 0.0
    years: tuple[int, ...] = YEARS
    #: OpenAI's Stargate payments its plan counts on, per year (USD): every site on its
    #: reported schedule, at the register's contract terms (:func:`reference_payments_usd`),
    #: the part of its compute plan they fill. A draw or a scenario that pays more (or less)
    #: changes OpenAI's costs by the difference (see
    #: :func:`stargate.model.openai_plan.compute_openai_flows`).
    stargate_reference_usd: np.ndarray | None = None
    #: Vera Rubin's dense FP8 PFLOPS at the scenario's point: a draw's market rent of a VR200
    #: hour is the point's times the drawn compute over this.
    vr200_compute_point_pflops: float = 1.0
    #: The market rent per dense FP8 PFLOP-hour at the scenario's point (USD): a draw's market
    #: rent of every hour outside the contract is the point's times the drawn rent over this
    #: (0: no market rent, as in the like-for-like comparison; every draw then earns none).
    market_rent_point_usd_per_pflop_hour: float = 1.0
    #: (B,) True where a batch is Vera Rubin; (B, R) True where its refresh installs Vera Rubin.
    vr200_batch: np.ndarray | None = None
    vr200_refresh: np.ndarray | None = None
    #: The rounds paid per GW energised (NVIDIA's letter of intent), committed and announced,
    #: with every GW energised d years late, for d = 0 .. the longest delay: (D + 1, Y) arrays
    #: (:func:`per_gw_rounds_by_delay_usd`). A draw's delay moves them; ``*_rounds_usd`` hold
    #: the point's (``point_delay_years``).
    committed_per_gw_by_delay_usd: np.ndarray | None = None
    announced_per_gw_by_delay_usd: np.ndarray | None = None
    point_delay_years: int = 0
    #: OpenAI's contracted bills from other clouds per year (USD;
    #: :func:`stargate.model.obligations.other_cloud_bills_usd`): its compute is never below them
    #: plus its Stargate payments. None: no such bills. They include the Azure commitment spread
    #: over the term at the point (``azure_point_years``); a draw's own term
    #: (``azure_commitment_years``) replaces that part.
    other_clouds_usd: np.ndarray | None = None
    #: The Azure commitment whose term is drawn
    #: (:func:`stargate.model.obligations.drawn_term_commitment`): amount as honoured (USD),
    #: first year (after the scenario's delay) and term at the point (years).
    azure_usd: float = 0.0
    azure_start_year: int = PLAN_START_YEAR
    azure_point_years: float = 1.0
    #: OpenAI's Stargate payments at the point (at the register's contract terms, as
    #: ``stargate_reference_usd``) with every batch delayed d more years, for d = 0
    #: .. the longest delay, (D + 1, Y) (USD): a draw's delay sets its reference row.
    stargate_reference_by_delay_usd: np.ndarray | None = None
    #: OpenAI's Stargate payments at the point with every site on its reported schedule (no
    #: slip, no delay), at the register's contract terms, per year (USD): the compute its plan
    #: counts on (``stargate_reference_usd``).
    stargate_on_schedule_usd: np.ndarray | None = None
    #: (B,) True where a batch can be delayed: False where all its capacity is already
    #: energised (a delay cannot move what is running). None: every batch can.
    delayable: np.ndarray | None = None
    #: Initial-build capex of the capacity the point's slip already puts past 2030 (left out
    #: of the fleet, :func:`stargate.model.sites.beyond_horizon_batches`), before overruns,
    #: by component (USD): still owed, so counted in 2030 with each draw's overruns.
    beyond_facility_usd: float = 0.0
    beyond_accelerator_usd: float = 0.0
    beyond_other_it_usd: float = 0.0


# =========================================================================== the model kernel

#: Monte Carlo inputs, in order (the keys of a draws mapping); see stargate.schema.risk.
DRAW_NAMES: tuple[str, ...] = tuple(VARIABLES)

#: Longest delay a draw can have (years): the bound of ``schedule_delay_years``.
MAX_DELAY_YEARS = int(VARIABLES["schedule_delay_years"][1])


def _as_draw(draws: Mapping[str, Any], name: str, n: int) -> np.ndarray:
    value = np.asarray(draws[name], dtype=float).reshape(-1)
    return np.full(n, value[0]) if value.size == 1 else value


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


class LogDiscount:
    """Discounting at ``rate`` (and a payment growing by ``change``) in log space, per draw.

    ``v^x = exp(x ln v)`` costs one ``exp`` instead of a power. Each method is the formula of
    :mod:`stargate.model.finance` of the same name (the tests assert they agree), rewritten for
    speed; arrays of shape (N,) broadcast against ``x``.
    """

    def __init__(self, rate: np.ndarray, change: np.ndarray) -> None:
        self.log_v = -np.log1p(rate)
        self._log_q = np.log1p(change) + self.log_v
        self._rate = rate
        self._inv_rate = 1.0 / rate
        gap = rate - change
        self._same = np.abs(gap) < 1e-12
        self._any_same = bool(self._same.any())
        self._inv_gap = 1.0 / (np.where(self._same, 1.0, gap) if self._any_same else gap)

    def discount(self, x: Any) -> np.ndarray:
        """``1 / (1 + rate)^x`` (:func:`stargate.model.finance.discount_factors`)."""
        return np.exp(x * self.log_v)

    def annuity(self, x: Any) -> np.ndarray:
        """:func:`stargate.model.finance.annuity_factor` ``(rate, x)`` (rate > 0)."""
        return (1.0 - np.exp(x * self.log_v)) * self._inv_rate

    def growing_annuity(self, x: Any) -> np.ndarray:
        """:func:`stargate.model.finance.growing_annuity_factor` ``(rate, change, x)``."""
        out = (1.0 - np.exp(x * self._log_q)) * self._inv_gap
        return np.where(self._same, x * np.exp(self.log_v), out) if self._any_same else out

    def capital_recovery(self, years: Any) -> np.ndarray:
        """:func:`stargate.model.finance.capital_recovery_factor` ``(rate, years)`` (rate > 0)."""
        return self._rate / (1.0 - np.exp(years * self.log_v))


def evaluate_model(inputs: ModelInputs, draws: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Evaluate the whole model for N draws at once (vectorised over draws).

    Args:
        inputs: the scenario's fixed arrays (:func:`build_model_inputs`).
        draws: one array of shape (N,) (or a scalar) per name in :data:`DRAW_NAMES`.

    Returns:
        Per draw (shape (N,)): ``total_need_usd`` (peak cumulative deficit of OpenAI and the
        venture together, 2025-2030, capex deferred past 2030 counted in 2030),
        ``venture_deferred_capex_usd`` (initial-build capex the delay or slip moves past 2030:
        still owed, counted in 2030), per draw and year ``openai_replacement_compute_usd``
        (compute OpenAI buys from other clouds because sites are late), ``openai_need_usd``
        (OpenAI's peak, own burn plus its equity calls), ``venture_need_usd`` (the venture's
        peak), ``openai_still_to_raise_usd``
        and ``openai_still_to_raise_incl_announced_usd`` (beyond cash and committed / also
        announced rounds, by the year they arrive), ``venture_shortfall_usd`` (the venture's
        funding gap: its peak need beyond partners' equity and the named funders' money),
        ``shortfall_usd`` (the sum), ``npv_usd`` (project NPV at
        2025). Per draw and year (shape (N, Y), years of :data:`YEARS`): ``revenue_usd``,
        ``openai_cash_burn_usd``, ``stargate_payments_usd`` (what OpenAI pays the venture: the
        contract and its share of the other hours), ``venture_revenue_usd`` (all the venture
        earns, from OpenAI and other customers),
        ``venture_capex_usd`` (incl. refresh), ``venture_refresh_usd``, ``venture_opex_usd``,
        ``venture_deficit_usd``, ``openai_equity_calls_usd``, ``cumulative_need_usd``,
        ``committed_rounds_usd`` and ``announced_rounds_usd`` (OpenAI's rounds by the year they
        arrive: a round paid per GW energised, NVIDIA's letter of intent, as late as the draw's
        delay makes the GW).
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
    vr200_scale = _as_draw(draws, "vr200_compute_pflops_fp8_dense", n)
    vr200_scale = vr200_scale / inputs.vr200_compute_point_pflops
    vr200_batch = inputs.vr200_batch
    vr200_refresh = inputs.vr200_refresh
    market_point = inputs.market_rent_point_usd_per_pflop_hour
    market_scale = _as_draw(draws, "market_rent_usd_per_pflop_hour", n)
    market_scale = market_scale / market_point if market_point > 0 else np.zeros(n)

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
    # What OpenAI pays of it: the contract, and its share of the hours outside the contract.
    openai_share = fl.openai_uncontracted_share
    paid = rent if openai_share == 1.0 else np.zeros((n_years, n))
    opex = np.zeros((n_years, n))
    npv = np.zeros(n)

    disc = LogDiscount(rate, change)
    level, grow, log_v = disc.annuity, disc.growing_annuity, disc.log_v
    a_life = level(life)
    g_life = grow(life)
    v_life = disc.discount(life)
    crf_facility = disc.capital_recovery(fl.facility_lifetime_years)
    residual_factor = crf_facility * level(np.maximum(fl.facility_lifetime_years - life, 0.0))
    residual_factor *= v_life
    log_growth = np.log1p(change)
    share = fl.contracted_share
    contract_years = fl.contract_years
    # The market rent's level each calendar year, relative to its reference year.
    market_level = [np.exp((year - fl.market_rent_year) * log_growth) for year in years]
    any_delay = bool(delay.any())
    v_delay = disc.discount(delay) if any_delay else None
    no_delay = np.zeros_like(delay)
    last_year = years[-1]
    # Capex still owed for capacity energised after 2030: the point's slip's, then the draws'.
    deferred = (
        inputs.beyond_facility_usd * (1.0 + over_f)
        + inputs.beyond_accelerator_usd * (1.0 + over_a)
        + inputs.beyond_other_it_usd * (1.0 + over_o)
    )

    for b in range(fl.gpu_count.size):
        cap_a = fl.accelerator_capex_usd[b] * (1.0 + over_a)
        cap_o = fl.other_it_capex_usd[b] * (1.0 + over_o)
        cap_f = fl.facility_capex_usd[b] * (1.0 + over_f)
        deploy = int(fl.deploy_year[b])
        # The whole batch (site, GPUs and the IT around them) is paid for when it is
        # energised, after any delay; the IT life, refreshes and the contract's term all
        # count from that start. Capacity already energised is not delayed.
        delayed = inputs.delayable is None or bool(inputs.delayable[b])
        batch_delay = delay if delayed else no_delay
        start = deploy + batch_delay
        # Past 2030 the build is still owed: counted in 2030, not dropped.
        deferred = deferred + (start > last_year) * (cap_f + cap_a + cap_o)
        # The contract's term runs from service start or the contract's start, whichever is
        # later (hours before it earn the market rent); within one IT life for the NPV.
        contract_from = np.maximum(start, fl.contract_start_year)
        term_from = np.minimum(contract_from - start, life)
        term_to = np.minimum(contract_from - start + contract_years, life)
        a_term = level(term_to) - level(term_from)
        g_term = grow(term_to) - grow(term_from)
        used_hours = fl.gpu_hours_per_year[b] * util
        contract_rent = used_hours * (share * fl.contract_weight[b]) * price
        # A Vera Rubin hour outside the contract rents at the drawn compute.
        is_vr200 = vr200_batch is not None and bool(vr200_batch[b])
        market_hour = fl.market_usd_per_gpu_hour[b] * market_scale
        if is_vr200:
            market_hour = market_hour * vr200_scale
        running = fl.energy_usd_per_year_full_use[b] * util + fl.fixed_opex_usd_per_year[b]
        for t, year in enumerate(years):
            it_age = year - start
            if it_age.max() < 0:
                continue
            serving = it_age >= 0
            capex[t] += (it_age == 0) * (cap_a + cap_o + cap_f)
            new_life = serving & (it_age > 0) & (it_age % life_int == 0)
            if new_life.any():
                col = refresh_col[year]
                refresh[t] += new_life * (
                    fl.refresh_accelerator_capex_usd[b, col] * (1.0 + over_a)
                    + fl.refresh_other_it_capex_usd[b, col] * (1.0 + over_o)
                )
                new_market = fl.refresh_market_usd_per_gpu_hour[b, col] * market_scale
                if vr200_refresh is not None and vr200_refresh[b, col]:
                    market_hour[new_life] = (new_market * vr200_scale)[new_life]
                else:
                    market_hour[new_life] = new_market[new_life]
            # Contracted hours earn the contract price for its term, whatever the GPUs' age;
            # every other hour earns the market rent of its GPUs' compute in that year.
            contract_age = year - contract_from
            in_term = serving & (contract_age >= 0) & (contract_age < contract_years)
            market_share = serving - share * in_term
            market_rent = market_share * used_hours * market_hour * (market_level[t])
            rent[t] += in_term * contract_rent + market_rent
            if paid is not rent:
                paid[t] += in_term * contract_rent + openai_share * market_rent
            opex[t] += serving * running
        # Project NPV over one IT life, discounted to the start of the plan's first year: the
        # facility and the IT at the start of service (after any delay); operating cash flows at the
        # end of each year of service; at the end of the IT life the facility kept at its economic
        # value (the annuity it still owes over its remaining life). Year k of service earns the
        # market level of year start + k - 1.
        market_start = used_hours * fl.market_usd_per_gpu_hour[b] * market_scale
        if is_vr200:
            market_start = market_start * vr200_scale
        market_start = market_start * np.exp((start - fl.market_rent_year) * log_growth)
        operating = contract_rent * a_term
        operating += market_start * (g_life - share * g_term)
        operating -= running * a_life
        operating += cap_f * residual_factor
        operating -= cap_a + cap_o + cap_f
        if any_delay and delayed:
            operating *= v_delay
        t0 = deploy - PLAN_START_YEAR
        npv += operating if t0 == 0 else np.exp(t0 * log_v) * operating

    clouds = _other_clouds_usd(inputs, _as_draw(draws, "azure_commitment_years", n))

    replacement = np.broadcast_to(_replacement_usd(inputs, delay), (n_years, n))
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
        paid + replacement,
        revenue_share_rate=inputs.revenue_share_rate,
        flexible_cost_share=inputs.flexible_cost_share,
        non_cash_cost_share=inputs.non_cash_cost_share,
        compute_share_of_fixed_costs=inputs.compute_share_of_fixed_costs,
        stargate_reference_usd=None
        if inputs.stargate_reference_usd is None
        else inputs.stargate_reference_usd[:, None],
        other_clouds_usd=clouds,
    )
    p = plan_from
    deficit = np.zeros((n_years, n))
    np.add(capex[p:], refresh[p:], out=deficit[p:])
    deficit[p:] += opex[p:]
    deficit[p:] -= rent[p:]
    # The need counts the capex deferred past 2030 in 2030: still owed, not saved.
    owed = deficit.copy()
    owed[-1] += deferred

    # The venture: equity and debt fund its running peak deficit side by side at the lenders'
    # ratio; OpenAI pays its share of the equity as it is called.
    peak_deficit = _running(owed, peak=True)
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
    # Its funding gap: the peak need no equity or named funder covers (no assumed debt).
    venture_shortfall = np.maximum(0.0, peak_deficit[-1] - equity - inputs.named_funders_usd)

    # OpenAI: burn plus equity calls against cash and rounds, by the year the money arrives.
    outflow = burn + calls
    outflow[:p] = 0.0
    openai_cum = _running(outflow)
    in_plan = (np.arange(n_years) >= p)[:, None]
    committed_rounds = _rounds_after_delay(
        inputs.committed_rounds_usd, inputs.committed_per_gw_by_delay_usd, inputs, delay, n
    )
    announced_rounds = _rounds_after_delay(
        inputs.announced_rounds_usd, inputs.announced_per_gw_by_delay_usd, inputs, delay, n
    )
    committed = inputs.cash_2024_usd + _running(committed_rounds * in_plan)
    announced = committed + _running(announced_rounds * in_plan)
    still = np.maximum(0.0, (openai_cum - committed).max(axis=0))
    still_announced = np.maximum(0.0, (openai_cum - announced).max(axis=0))

    outflow -= calls
    outflow += owed
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
        "venture_deferred_capex_usd": np.asarray(deferred, dtype=float) * np.ones(n),
        "revenue_usd": revenue.T,
        "openai_cash_burn_usd": burn.T,
        "stargate_payments_usd": paid.T,
        "venture_revenue_usd": rent.T,
        "openai_replacement_compute_usd": np.array(replacement.T),
        "venture_capex_usd": (capex + refresh).T,
        "venture_refresh_usd": refresh.T,
        "venture_opex_usd": opex.T,
        "venture_deficit_usd": deficit.T,
        "openai_equity_calls_usd": calls.T,
        "cumulative_need_usd": cumulative.T,
        "committed_rounds_usd": committed_rounds.T,
        "announced_rounds_usd": announced_rounds.T,
    }


def _replacement_usd(inputs: ModelInputs, delay: np.ndarray) -> np.ndarray | float:
    """Compute OpenAI buys elsewhere because sites are late, per year and draw, (Y, N) (USD).

    OpenAI's plan still needs the compute of the sites on their reported schedule: what the
    scenario's slip and the draw's delay hold back it buys from other clouds at the point's
    use and the price its plan counts on (the register's contract terms, as the budget's
    ``S_ref``: a scenario's own contract price is a transfer to the venture and nets out, a
    cloud's bill does not), the on-schedule payments less the payments with the slip and the
    draw's delay (row ``delay`` of ``stargate_reference_by_delay_usd``). 0 with neither.
    """
    rows = inputs.stargate_reference_by_delay_usd
    if rows is None or inputs.stargate_on_schedule_usd is None:
        return 0.0
    index = np.clip(delay, 0, rows.shape[0] - 1).astype(int)
    return inputs.stargate_on_schedule_usd[:, None] - rows[index].T


def _other_clouds_usd(inputs: ModelInputs, azure_years: np.ndarray) -> np.ndarray | float:
    """The other clouds' bills per year and draw, (Y, N), with each draw's Azure term.

    The point's bills less the Azure commitment spread over the point's term, plus it spread
    over the draw's (:func:`stargate.model.openai_plan.even_spread_by_year_usd`); 0 with no
    bills. A draw at the point's term gets the point's bills exactly.
    """
    if inputs.other_clouds_usd is None:
        return 0.0
    clouds = inputs.other_clouds_usd[:, None]
    if inputs.azure_usd == 0.0 or bool((azure_years == inputs.azure_point_years).all()):
        return clouds
    spread = even_spread_by_year_usd(inputs.azure_usd, inputs.azure_start_year, azure_years)
    point = even_spread_by_year_usd(
        inputs.azure_usd, inputs.azure_start_year, inputs.azure_point_years
    )
    return clouds - point[:, None] + spread


def _rounds_after_delay(
    rounds_usd: np.ndarray,
    per_gw_by_delay_usd: np.ndarray | None,
    inputs: ModelInputs,
    delay: np.ndarray,
    n: int,
) -> np.ndarray:
    """OpenAI's rounds per year and draw, (Y, N): a round paid per GW follows the drawn delay.

    ``rounds_usd`` holds the rounds at the point's delay; the per-GW part of it (row
    ``point_delay_years`` of ``per_gw_by_delay_usd``) is replaced by the row of each draw's own
    delay, so a GW energised a year late brings its money a year late.
    """
    out = np.broadcast_to(rounds_usd[:, None], (rounds_usd.size, n))
    if per_gw_by_delay_usd is None:
        return np.array(out)
    rows = per_gw_by_delay_usd
    index = np.clip(delay, 0, rows.shape[0] - 1).astype(int)
    return out - rows[inputs.point_delay_years][:, None] + rows[index].T


def per_gw_rounds_by_delay_usd(scenario: Scenario, *, committed: bool) -> np.ndarray:
    """The rounds paid per GW energised with every GW energised d years late, (D + 1, Y) (USD).

    Row d is :func:`stargate.model.openai_plan.per_gw_round_by_year_usd` of each such round of
    the scenario (NVIDIA's letter of intent: $10bn per GW) on the programme's GW by year moved
    d years later (:data:`MAX_DELAY_YEARS` at most); GW moved past 2030 bring money outside the
    horizon. Row 0 is the per-GW part of
    :func:`stargate.model.openai_plan.rounds_by_year_usd`.
    """
    out = np.zeros((MAX_DELAY_YEARS + 1, len(YEARS)))
    rounds = [
        r
        for r in scenario.openai.funding_rounds
        if r.fact in PER_GW_ROUNDS and r.is_committed == committed and r.year >= PLAN_START_YEAR
    ]
    if not rounds:
        return out
    gw_by_year = programme_gw_by_year(scenario)
    for d in range(MAX_DELAY_YEARS + 1):
        moved = np.zeros_like(gw_by_year)
        if d < moved.size:
            moved[d:] = gw_by_year[: moved.size - d]
        for rnd in rounds:
            total_gw = float(facts.value(PER_GW_ROUNDS[str(rnd.fact)]))
            out[d] += per_gw_round_by_year_usd(rnd.amount_usd, total_gw, rnd.year, moved)
    return out


def _vr200_masks(scenario: Scenario, fleet: FleetArrays) -> tuple[np.ndarray, np.ndarray]:
    """(B,) Vera Rubin batches; (B, R) refreshes that install Vera Rubin."""
    first_years = generation_first_years(scenario)
    batch = np.array([g == "VR200" for g in fleet.generation], dtype=bool)
    refresh = np.array(
        [
            [
                choose_refresh_generation(int(year), g, first_years) == "VR200"
                for year in fleet.refresh_years
            ]
            for g in fleet.generation
        ],
        dtype=bool,
    ).reshape(len(fleet.generation), len(fleet.refresh_years))
    return batch, refresh


def build_model_inputs(scenario: Scenario) -> ModelInputs:
    """Everything the model needs from a scenario that does not vary between draws."""
    oa = scenario.openai
    plan = plan_revenue_usd(scenario)
    equity = parties.equity_usd_by_party(scenario)
    fleet = build_fleet_arrays(scenario)
    vr200_batch, vr200_refresh = _vr200_masks(scenario, fleet)
    point_delay = int(scenario.risk.schedule_delay_years)
    per_gw = {kind: per_gw_rounds_by_delay_usd(scenario, committed=kind) for kind in (True, False)}
    # The rounds at the point's delay: the per-GW ones moved with it (none at zero delay).
    rounds = {
        kind: rounds_by_year_usd(scenario, committed=kind)
        - per_gw[kind][0]
        + per_gw[kind][min(point_delay, MAX_DELAY_YEARS)]
        for kind in (True, False)
    }
    inputs = ModelInputs(
        revenue_plan_usd=plan,
        fixed_cost_plan_usd=plan_fixed_costs_usd(scenario, plan),
        revenue_share_rate=oa.revenue_share_rate,
        flexible_cost_share=oa.flexible_cost_share,
        non_cash_cost_share=oa.non_cash_cost_share,
        compute_share_of_fixed_costs=oa.compute_share_of_fixed_costs,
        fleet=fleet,
        cash_2024_usd=oa.cash_2024_usd,
        committed_rounds_usd=rounds[True],
        announced_rounds_usd=rounds[False],
        equity_total_usd=float(sum(equity.values())),
        equity_openai_usd=float(equity["openai"]),
        max_debt_to_equity_ratio=scenario.funding.max_debt_to_equity_ratio,
        vr200_compute_point_pflops=float(scenario.fleet.specs["VR200"].compute_pflops_fp8_dense),
        market_rent_point_usd_per_pflop_hour=float(scenario.finance.market_rent_usd_per_pflop_hour),
        vr200_batch=vr200_batch,
        vr200_refresh=vr200_refresh,
        committed_per_gw_by_delay_usd=per_gw[True],
        announced_per_gw_by_delay_usd=per_gw[False],
        point_delay_years=min(point_delay, MAX_DELAY_YEARS),
        delayable=~np.asarray(sites.batch_is_energised(scenario), dtype=bool),
        **_beyond_horizon_capex_usd(scenario),
    )
    point = evaluate_model(inputs, point_draws(scenario))
    # What OpenAI's plan counts on paying the venture (S_ref): every site on its reported
    # schedule (no slip, no delay), at the register's contract terms; and the same with every
    # batch d years late, for d = 0 .. the longest delay (a draw's delay sets its row). What the
    # slip and a draw's delay hold back OpenAI buys from other clouds at those terms.
    on_time = _on_schedule(scenario)
    if on_time is None:
        reference = reference_payments_usd(scenario, inputs)
    else:
        reference = build_model_inputs(on_time).stargate_reference_usd
    by_delay = _reference_payments_by_delay_usd(scenario, inputs)
    # The named funders' money up to the point's peak year (the reconciliation's window).
    # Imported here: capital_structure reads the venture's path, which is built from this.
    from stargate.model.capital_structure import tie_named_finance
    from stargate.model.obligations import drawn_term_commitment, other_cloud_bills_usd

    years = np.asarray(inputs.years)
    in_plan = years >= PLAN_START_YEAR
    owed = point["venture_deficit_usd"][0].copy()
    owed[-1] += point["venture_deferred_capex_usd"][0]
    cumulative = np.cumsum(owed[in_plan])
    peak_year = int(years[in_plan][int(np.argmax(cumulative))])
    named = tie_named_finance(scenario, until_year=peak_year)
    azure_usd, azure_start, azure_years = drawn_term_commitment(scenario)
    return dataclasses.replace(
        inputs,
        stargate_reference_usd=np.asarray(reference, dtype=float),
        stargate_reference_by_delay_usd=np.asarray(by_delay, dtype=float),
        stargate_on_schedule_usd=np.asarray(reference, dtype=float),
        other_clouds_usd=other_cloud_bills_usd(scenario),
        azure_usd=azure_usd,
        azure_start_year=azure_start,
        azure_point_years=azure_years,
        named_funders_usd=float(named["tied_usd"].sum()) if not named.empty else 0.0,
    )


def _on_schedule(scenario: Scenario) -> Scenario | None:
    """The scenario with every site on schedule: no slip, no delay (None if none is set)."""
    prog = scenario.programme
    if (
        scenario.risk.schedule_delay_years == 0
        and prog.slip_years == 0
        and not any(prog.site_slip_years.values())
    ):
        return None
    return scenario.model_copy(
        update={
            "programme": prog.model_copy(update={"slip_years": 0, "site_slip_years": {}}),
            "risk": scenario.risk.model_copy(update={"schedule_delay_years": 0}),
        }
    )


def _beyond_horizon_capex_usd(scenario: Scenario) -> dict[str, float]:
    """Capex before overruns of the capacity the point's slip puts past 2030, by component."""
    from stargate.model import costs, programme

    batches = sites.beyond_horizon_batches(scenario)
    if not batches:
        return {}
    late = programme.with_batches(scenario, batches)
    parts = costs.capex_breakdown_usd(late, with_overruns=False)
    return {
        "beyond_facility_usd": parts["facility"],
        "beyond_accelerator_usd": parts["accelerators"],
        "beyond_other_it_usd": parts["other_it"],
    }


#: The contract terms the plan's compute budget counts Stargate at, by group: the register's
#: price (and the generation it is quoted for) and share of the uncontracted hours OpenAI rents.
REFERENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "finance": ("price_usd_per_gpu_hour", "price_generation"),
    "openai": ("uncontracted_hours_share",),
}


def at_reference_terms(scenario: Scenario) -> Scenario:
    """The scenario with :data:`REFERENCE_FIELDS` at their defaults (the register's)."""
    update = {}
    for group_name, names in REFERENCE_FIELDS.items():
        group = getattr(scenario, group_name)
        fields = type(group).model_fields
        changes = {name: fields[name].get_default(call_default_factory=True) for name in names}
        if any(getattr(group, name) != value for name, value in changes.items()):
            update[group_name] = group.model_copy(update=changes)
    return scenario.model_copy(update=update) if update else scenario


def reference_payments_usd(scenario: Scenario, inputs: ModelInputs) -> np.ndarray:
    """What OpenAI's plan counts on paying the venture at the scenario's schedule, per year (USD).

    The scenario's fleet and use at the register's contract terms (:func:`at_reference_terms`);
    ``S_ref`` is this with every site on its reported schedule (:func:`build_model_inputs`).
    The plan's compute budget holds Stargate at this; whatever the scenario pays beyond it
    (a higher price in the scenario file, or more of the uncontracted hours) is OpenAI's extra
    cost, one for one, and a transfer between the two nets out of their combined need.
    """
    reference = at_reference_terms(scenario)
    if reference is not scenario:
        inputs = dataclasses.replace(inputs, fleet=build_fleet_arrays(reference))
    out = evaluate_model(inputs, point_draws(reference))
    return np.asarray(out["stargate_payments_usd"][0], dtype=float)


def _reference_payments_by_delay_usd(scenario: Scenario, inputs: ModelInputs) -> np.ndarray:
    """:func:`reference_payments_usd` with every batch d years late, (D + 1, Y) (USD).

    d = 0 .. the longest delay: the scenario's fleet (and slip) at the register's contract terms.
    """
    reference = at_reference_terms(scenario)
    if reference is not scenario:
        inputs = dataclasses.replace(inputs, fleet=build_fleet_arrays(reference))
    rows = []
    for d in range(MAX_DELAY_YEARS + 1):
        late = point_draws(reference)
        late["schedule_delay_years"] = np.array([float(d)])
        rows.append(evaluate_model(inputs, late)["stargate_payments_usd"][0])
    return np.asarray(rows, dtype=float)


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
        "vr200_compute_pflops_fp8_dense": scenario.fleet.specs["VR200"].compute_pflops_fp8_dense,
        "market_rent_usd_per_pflop_hour": fin.market_rent_usd_per_pflop_hour,
        "azure_commitment_years": azure_point_years(scenario),
    }
    return {name: np.array([float(values[name])]) for name in DRAW_NAMES}


def azure_point_years(scenario: Scenario) -> float:
    """The term of OpenAI's Azure commitment at the point: the register's (years).

    The ``years_fact`` of the commitments table's :data:`~stargate.model.obligations.DRAWN_TERM`
    row (as_azure_250bn_years): the Monte Carlo's ``azure_commitment_years`` is centred on it.
    """
    from stargate.model.obligations import DRAWN_TERM, load_commitments

    row = next(r for r in load_commitments() if r.counterparty == DRAWN_TERM)
    if row.years_fact is None:
        raise ValueError(f"{DRAWN_TERM}'s row gives no term (years_fact) to draw")
    return float(facts.value(row.years_fact))


def evaluate_point(scenario: Scenario, **overrides: float) -> dict[str, np.ndarray]:
    """The model at the scenario's point values, with any input overridden by keyword."""
    draws = point_draws(scenario)
    for name, value in overrides.items():
        if name not in draws:
            raise KeyError(f"unknown model input {name!r} (known: {', '.join(DRAW_NAMES)})")
        draws[name] = np.array([float(value)])
    return evaluate_model(build_model_inputs(scenario), draws)


def committed_funding_usd(inputs: ModelInputs) -> float:
    """Money committed to OpenAI and the venture over the horizon (USD).

    OpenAI's cash at the end of 2024 and its committed rounds, plus the venture's partners'
    equity other than OpenAI's (OpenAI's is paid out of its own cash) and the named funders'
    money tied to its sites. Debt no lender is named for is not committed, so not counted.
    """
    openai = inputs.cash_2024_usd + float(inputs.committed_rounds_usd.sum())
    others = inputs.equity_total_usd - inputs.equity_openai_usd
    return openai + others + inputs.named_funders_usd


def deferred_capex_usd(scenario: Scenario) -> float:
    """Initial-build capex the point's delay or slip moves past 2030, still owed (USD).

    The venture model counts it in 2030, the model's last year (``venture_deferred_capex_usd``
    of :func:`evaluate_model` at the point); 0 when everything is energised by 2030.
    """
    out = evaluate_model(build_model_inputs(scenario), point_draws(scenario))
    return float(out["venture_deferred_capex_usd"][0])
