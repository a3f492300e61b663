"""Monte Carlo and one-at-a-time sensitivity of the sustainability model.

The uncertain inputs and their distributions are declared in the scenario (``scenario.risk``,
:mod:`stargate.schema.risk`). :func:`draw_inputs` draws them, seeded from the scenario (same
seed, same numbers); :func:`stargate.model.sustainability.evaluate_model` evaluates the whole model
for every draw at once with NumPy; :func:`summarize_monte_carlo` turns the outcomes into the
report's probabilities. :func:`compute_tornado` swings one input at a time from its 10th to its
90th percentile with every other input at the scenario's point value.

Each input has its own random stream (``numpy.random.default_rng([seed, i])``), so changing the
distribution of one input does not change the draws of the others: two scenarios that differ in
one distribution are compared on common random numbers.

:func:`evaluate_model_loop` is the same model written as a plain Python loop, one draw at a time,
with no NumPy: the benchmark and tests use it as an independent check of the vectorised code and
to measure what vectorising buys. Reports never call it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from stargate import facts
from stargate.model.finance import HOURS_PER_YEAR
from stargate.model.sustainability import (
    DRAW_NAMES,
    PLAN_START_YEAR,
    ModelInputs,
    build_model_inputs,
    committed_funding_usd,
    evaluate_model,
    point_draws,
)
from stargate.scenario import Scenario
from stargate.schema.risk import (
    CENTRED_RANGES,
    VARIABLES,
    Fixed,
    Lognormal,
    Triangular,
    Uniform,
)

Dist = Fixed | Uniform | Triangular | Lognormal

#: Readers' labels of the Monte Carlo inputs.
LABELS: dict[str, str] = {
    "revenue_growth_realization": "OpenAI revenue growth (share of plan)",
    "price_usd_per_gpu_hour": "Price per GPU-hour",
    "price_change_rate": "Price change per year as GPUs age",
    "utilization_rate": "Utilisation",
    "facility_overrun_rate": "Facility capex overrun",
    "accelerator_overrun_rate": "Accelerator capex overrun",
    "other_it_overrun_rate": "Other IT capex overrun",
    "it_lifetime_years": "IT lifetime",
    "cost_of_capital_rate": "Cost of capital",
    "schedule_delay_years": "Schedule delay",
}

#: Scenario assumptions (not drawn) that the tornado also swings over their fact's low-high:
#: (group, field, fact id, label).
ASSUMPTION_SWINGS: tuple[tuple[str, str, str, str], ...] = (
    ("openai", "fixed_cost_ratio_2030", "as_oa_fixed_cost_ratio_2030", "OpenAI 2030 cost level"),
    ("openai", "flexible_cost_share", "as_oa_flexible_cost_share", "Costs that follow revenue"),
)


# =========================================================================== distributions


def _fact_end(fact_id: str, which: str) -> float:
    fact = facts.get(fact_id)
    value = getattr(fact, which)
    if value is None or isinstance(value, str):
        raise ValueError(f"fact {fact_id!r} has no numeric {which}")
    return float(value)


def resolve_distributions(scenario: Scenario) -> dict[str, Dist]:
    """Every input's distribution, with the empty ones built around the scenario's point value.

    An input left empty in ``scenario.risk`` gets a triangle from its sourced low to its
    sourced high (:data:`stargate.schema.risk.CENTRED_RANGES`) with the scenario's point value
    as the most likely value; the range is widened to include the point if it lies outside.
    The facts behind the distributions in effect are recorded as used.
    """
    declared = scenario.risk.distributions()
    points = {name: float(v[0]) for name, v in point_draws(scenario).items()}
    facts.record(scenario.risk.default_fact_ids())
    out: dict[str, Dist] = {}
    for name in DRAW_NAMES:
        dist = declared[name]
        if dist is None:
            (low_id, low_end), (high_id, high_end) = CENTRED_RANGES[name]
            point = points[name]
            low = min(_fact_end(low_id, low_end), point)
            high = max(_fact_end(high_id, high_end), point)
            if low == high:
                dist = Fixed(dist="fixed", value=point)
            else:
                dist = Triangular(dist="triangular", low=low, mode=point, high=high)
        out[name] = dist
    return out


def quantile(dist: Dist, q: float | np.ndarray) -> np.ndarray:
    """The ``q``-quantile of a distribution (inverse CDF), ``q`` in [0, 1].

    Triangular (a, c, b): ``a + sqrt(q (b-a)(c-a))`` below ``F(c) = (c-a)/(b-a)``, else
    ``b - sqrt((1-q)(b-a)(b-c))``. Lognormal: ``floor + (median - floor) exp(sigma z_q)``.
    """
    q = np.asarray(q, dtype=float)
    if isinstance(dist, Fixed):
        return np.full(q.shape, dist.value)
    if isinstance(dist, Uniform):
        return dist.low + q * (dist.high - dist.low)
    if isinstance(dist, Triangular):
        a, c, b = dist.low, dist.mode, dist.high
        split = (c - a) / (b - a)
        left = a + np.sqrt(q * (b - a) * (c - a))
        right = b - np.sqrt((1.0 - q) * (b - a) * (b - c))
        return np.where(q < split, left, right)
    if isinstance(dist, Lognormal):
        z = np.vectorize(lambda p: NormalDist().inv_cdf(min(max(p, 1e-12), 1 - 1e-12)))(q)
        return dist.floor + (dist.median - dist.floor) * np.exp(dist.sigma * z)
    raise TypeError(f"unknown distribution {dist!r}")


def sample_distribution(dist: Dist, rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` draws from ``dist`` with ``rng`` (inverse-CDF of uniforms; normals for lognormal)."""
    if isinstance(dist, Lognormal):
        z = rng.standard_normal(n)
        return dist.floor + (dist.median - dist.floor) * np.exp(dist.sigma * z)
    return quantile(dist, rng.random(n))


def draw_inputs(
    scenario: Scenario, n_draws: int | None = None, seed: int | None = None
) -> dict[str, np.ndarray]:
    """Draw every Monte Carlo input, clipped to its bounds (default: the scenario's n and seed).

    Returns:
        One array of shape (n_draws,) per name in :data:`stargate.model.sustainability.DRAW_NAMES`.
    """
    n = scenario.risk.n_draws if n_draws is None else int(n_draws)
    base_seed = scenario.risk.seed if seed is None else int(seed)
    dists = resolve_distributions(scenario)
    out = {}
    for i, name in enumerate(DRAW_NAMES):
        rng = np.random.default_rng([base_seed, i])
        low, high, _, _ = VARIABLES[name]
        out[name] = np.clip(sample_distribution(dists[name], rng, n), low, high)
    return out


# =========================================================================== Monte Carlo


@dataclass(frozen=True)
class MonteCarloResult:
    """Draws and outcomes of one Monte Carlo run.

    Attributes:
        draws: the inputs drawn, one array (N,) per input.
        outcomes: :func:`stargate.model.sustainability.evaluate_model`'s outputs for the draws.
        inputs: the scenario's fixed model inputs.
        committed_usd: money committed to OpenAI and the venture (see
            :func:`stargate.model.sustainability.committed_funding_usd`).
        seed: the seed used.
    """

    draws: dict[str, np.ndarray]
    outcomes: dict[str, np.ndarray]
    inputs: ModelInputs
    committed_usd: float
    seed: int

    @property
    def n_draws(self) -> int:
        """Number of draws."""
        return int(next(iter(self.draws.values())).size)


def run_monte_carlo(
    scenario: Scenario, n_draws: int | None = None, seed: int | None = None
) -> MonteCarloResult:
    """Draw the inputs and evaluate the model for every draw (vectorised).

    Args:
        scenario: the scenario (its ``risk`` group declares distributions, draws and seed).
        n_draws: override ``scenario.risk.n_draws``.
        seed: override ``scenario.risk.seed``.
    """
    inputs = build_model_inputs(scenario)
    draws = draw_inputs(scenario, n_draws, seed)
    outcomes = evaluate_model(inputs, draws)
    return MonteCarloResult(
        draws=draws,
        outcomes=outcomes,
        inputs=inputs,
        committed_usd=committed_funding_usd(inputs),
        seed=scenario.risk.seed if seed is None else int(seed),
    )


def summarize_monte_carlo(result: MonteCarloResult) -> dict[str, float]:
    """The report's probabilities and percentiles.

    Returns:
        ``need_p10_usd``, ``need_p50_usd``, ``need_p90_usd`` (total funding need, 2025-2030);
        ``shortfall_probability`` (money still to raise beyond what is committed, OpenAI or
        venture); ``shortfall_incl_announced_probability`` (counting announced money such as
        NVIDIA's letter of intent as if it arrived); ``venture_shortfall_probability``;
        ``still_to_raise_p50_usd`` and ``still_to_raise_p90_usd``; ``npv_positive_probability``;
        ``npv_p10_usd``, ``npv_p50_usd``, ``npv_p90_usd``; ``n_draws``.
    """
    out = result.outcomes
    need = out["total_need_usd"]
    still = out["shortfall_usd"]
    still_announced = out["openai_still_to_raise_incl_announced_usd"] + out["venture_shortfall_usd"]
    npv = out["npv_usd"]
    p10, p50, p90 = np.percentile(need, [10, 50, 90])
    n10, n50, n90 = np.percentile(npv, [10, 50, 90])
    return {
        "need_p10_usd": float(p10),
        "need_p50_usd": float(p50),
        "need_p90_usd": float(p90),
        "shortfall_probability": float(np.mean(still > 0)),
        "shortfall_incl_announced_probability": float(np.mean(still_announced > 0)),
        "venture_shortfall_probability": float(np.mean(out["venture_shortfall_usd"] > 0)),
        "still_to_raise_p50_usd": float(np.percentile(still, 50)),
        "still_to_raise_p90_usd": float(np.percentile(still, 90)),
        "npv_positive_probability": float(np.mean(npv > 0)),
        "npv_p10_usd": float(n10),
        "npv_p50_usd": float(n50),
        "npv_p90_usd": float(n90),
        "n_draws": float(result.n_draws),
    }


def compute_need_band(result: MonteCarloResult) -> pd.DataFrame:
    """P10 / P50 / P90 of the cumulative funding need by year, 2025-2030 (USD).

    Returns:
        Columns ``year``, ``p10_usd``, ``p50_usd``, ``p90_usd``.
    """
    years = np.asarray(result.inputs.years)
    keep = years >= PLAN_START_YEAR
    cum = result.outcomes["cumulative_need_usd"][:, keep]
    p10, p50, p90 = np.percentile(cum, [10, 50, 90], axis=0)
    return pd.DataFrame({"year": years[keep], "p10_usd": p10, "p50_usd": p50, "p90_usd": p90})


def describe_inputs(scenario: Scenario) -> pd.DataFrame:
    """Each Monte Carlo input: its distribution, point value, P10 and P90 (for the report).

    Returns:
        Columns ``input``, ``unit``, ``distribution`` (readable), ``point``, ``p10``, ``p90``.
    """
    dists = resolve_distributions(scenario)
    points = point_draws(scenario)
    rows = []
    for name in DRAW_NAMES:
        dist = dists[name]
        unit = VARIABLES[name][2]
        rows.append(
            {
                "input": LABELS[name],
                "unit": unit,
                "distribution": _describe(dist),
                "point": float(points[name][0]),
                "p10": float(quantile(dist, 0.1)),
                "p90": float(quantile(dist, 0.9)),
            }
        )
    return pd.DataFrame(rows)


def _describe(dist: Dist) -> str:
    if isinstance(dist, Fixed):
        return f"fixed at {dist.value:g}"
    if isinstance(dist, Uniform):
        return f"uniform {dist.low:g} to {dist.high:g}"
    if isinstance(dist, Triangular):
        return f"triangular {dist.low:g} / {dist.mode:g} / {dist.high:g}"
    return f"lognormal: median {dist.median:g}, P90 {dist.p90:g}, floor {dist.floor:g}"


# =========================================================================== tornado


def compute_tornado(scenario: Scenario, outcome: str = "total_need_usd") -> pd.DataFrame:
    """One-at-a-time swings: ``outcome`` with each input at its P10 and at its P90.

    Every other input stays at the scenario's point value. Drawn inputs swing over their
    distribution's P10-P90; the OpenAI cost assumptions of :data:`ASSUMPTION_SWINGS` over their
    fact's low-high. Inputs fixed in the scenario (no spread) are left out.

    Args:
        scenario: the scenario.
        outcome: an output of :func:`stargate.model.sustainability.evaluate_model` with one value
        per
            draw (``total_need_usd``, ``npv_usd``, ``shortfall_usd`` …).

    Returns:
        Columns ``factor``, ``low_input``, ``high_input`` (text), ``outcome_low``,
        ``outcome_high``, ``swing`` (absolute difference), sorted by swing, widest first; the
        base outcome in ``attrs["base"]``; inputs that do not move the outcome at all are left
        out and named in ``attrs["no_effect"]``.
    """
    inputs = build_model_inputs(scenario)
    base_draws = point_draws(scenario)
    base = float(evaluate_model(inputs, base_draws)[outcome][0])
    dists = resolve_distributions(scenario)
    rows = []
    for name in DRAW_NAMES:
        low, high = (float(quantile(dists[name], q)) for q in (0.1, 0.9))
        if math.isclose(low, high):
            continue
        values = []
        for value in (low, high):
            draws = dict(base_draws)
            draws[name] = np.array([value])
            values.append(float(evaluate_model(inputs, draws)[outcome][0]))
        unit = VARIABLES[name][2]
        rows.append(_tornado_row(LABELS[name], name, low, high, unit, values))
    for group, field, fact_id, label in ASSUMPTION_SWINGS:
        fact = facts.get(fact_id)
        if fact.low is None or fact.high is None:
            continue
        values = []
        for value in (fact.low, fact.high):
            changed = getattr(scenario, group).model_copy(update={field: value})
            variant = scenario.model_copy(update={group: changed})
            values.append(
                float(evaluate_model(build_model_inputs(variant), base_draws)[outcome][0])
            )
        rows.append(_tornado_row(label, field, fact.low, fact.high, fact.unit, values))
    table = pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable")
    moves = table["swing"] > 1e-9 * max(1.0, abs(base))
    no_effect = list(table.loc[~moves, "factor"])
    table = table[moves].reset_index(drop=True)
    table.attrs["base"] = base
    table.attrs["no_effect"] = no_effect
    return table


def _format_input(value: float, name: str, unit: str) -> str:
    if name == "revenue_growth_realization":
        return f"{value:.0%} of projected growth"
    if name == "price_change_rate":
        return f"{value:+.0%} a year"
    if unit == "USD/GPU-hour":
        return f"${value:.2f}/GPU-hour"
    if unit == "fraction":
        return f"{value:.0%}"
    if unit == "years":
        return f"{value:.1f} years"
    return f"{value:.2f}"


def _tornado_row(
    label: str, name: str, low: float, high: float, unit: str, values: list[float]
) -> dict[str, Any]:
    return {
        "factor": label,
        "low_input": _format_input(low, name, unit),
        "high_input": _format_input(high, name, unit),
        "outcome_low": values[0],
        "outcome_high": values[1],
        "swing": abs(values[1] - values[0]),
    }


# =========================================================================== reference loop


def _fractional_year(
    rent_new: float,
    running: float,
    rate: float,
    change: float,
    whole: int,
    life: float,
    waited: float,
) -> float:
    """PV of the part of the annuities between year ``whole`` and a fractional ``life``.

    The closed forms extend the sums to non-integer lives: ``sum_{k=1..n} x^k`` becomes
    ``x (1 - x^n) / (1 - x)`` for any n; this is the difference between n = life and n = whole
    (service must have started: ``waited <= whole``).
    """
    if waited > whole:
        return 0.0
    v = 1.0 / (1.0 + rate)
    q = (1.0 + change) * v

    def growing(n: float) -> float:
        if abs(rate - change) < 1e-12:
            return n * v
        return (1.0 - q**n) / (rate - change)

    def level(n: float) -> float:
        return (1.0 - v**n) / rate

    return rent_new * (growing(life) - growing(whole)) - running * (level(life) - level(whole))


def evaluate_model_loop(inputs: ModelInputs, draws: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The model of :func:`stargate.model.sustainability.evaluate_model`, one draw at a time.

    Plain Python (``math`` and lists), written separately from the NumPy version so that each
    checks the other; used by the tests and the benchmark only.

    Returns:
        Per draw: ``total_need_usd``, ``openai_still_to_raise_usd``,
        ``openai_still_to_raise_incl_announced_usd``, ``venture_shortfall_usd``,
        ``shortfall_usd``, ``npv_usd`` (arrays of shape (N,)).
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

        # Revenue: 2024 and 2025 as planned, then a share k of each planned growth rate.
        revenue = [plan[0], plan[1]]
        for t in range(2, len(years)):
            revenue.append(revenue[-1] * (1.0 + k * (plan[t] / plan[t - 1] - 1.0)))

        venture = [0.0] * len(years)
        payments = [0.0] * len(years)
        npv = 0.0
        for b in batches:
            deploy = int(fl.deploy_year[b])
            cap_a = float(fl.accelerator_capex_usd[b]) * (1.0 + over_a)
            cap_o = float(fl.other_it_capex_usd[b]) * (1.0 + over_o)
            cap_f = float(fl.facility_capex_usd[b]) * (1.0 + over_f)
            hours = float(fl.gpu_count[b]) * HOURS_PER_YEAR
            running = float(fl.energy_usd_per_year_full_use[b]) * util + float(
                fl.fixed_opex_usd_per_year[b]
            )
            start = deploy + delay
            for t, year in enumerate(years):
                age = year - deploy
                if age < 0:
                    continue
                if age == 0:
                    venture[t] += cap_a + cap_o + cap_f
                cycle_age = age % life_int
                if age > 0 and cycle_age == 0:
                    j = refresh_years.index(year)
                    venture[t] += float(fl.refresh_accelerator_capex_usd[b][j]) * (1.0 + over_a)
                    venture[t] += float(fl.refresh_other_it_capex_usd[b][j]) * (1.0 + over_o)
                if year >= start:
                    rent = hours * util * price * (1.0 + change) ** cycle_age
                    payments[t] += rent
                    venture[t] += running - rent
            # NPV: the discounted flows of one IT life, year by year (service from the end of
            # the delay), then the facility's remaining value at the end of the IT life.
            v = 1.0 / (1.0 + rate)
            t0 = deploy - PLAN_START_YEAR
            waited = min(delay, life)
            flows = 0.0
            # Sum over whole years of service, then the fractional last year's share.
            whole = math.floor(life)
            for year_k in range(1, whole + 1):
                if year_k > waited:
                    flows += (hours * util * price * (1.0 + change) ** (year_k - 1) - running) * (
                        v**year_k
                    )
            frac = life - whole
            if frac > 0:
                flows += _fractional_year(
                    hours * util * price, running, rate, change, whole, life, waited
                )
            rest = max(fl.facility_lifetime_years - (life - waited), 0.0)
            crf = rate / (1.0 - v**fl.facility_lifetime_years)
            residual = cap_f * crf * (1.0 - v**rest) / rate * v**life
            npv += v**t0 * (flows + residual - (cap_a + cap_o + cap_f))

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
            compute = max(compute_planned, payments[t])
            costs = compute + (fixed - compute_planned) + inputs.revenue_share_rate * revenue[t]
            burn = costs * (1.0 - inputs.non_cash_cost_share) - revenue[t]

            cum_venture += venture[t]
            peak = max(peak, cum_venture)
            if equity > 0:
                called = inputs.equity_openai_usd / equity * min(equity, peak / (1.0 + ratio))
            else:
                called = 0.0
            call = called - called_before
            called_before = called

            cum_openai += burn + call
            sources += committed[t]
            sources_all += committed[t] + announced[t]
            still = max(still, cum_openai - sources)
            still_all = max(still_all, cum_openai - sources_all)
            cum_total += burn + venture[t]
            total_peak = max(total_peak, cum_total)
        shortfall_venture = max(0.0, peak - equity * (1.0 + ratio))
        results["total_need_usd"].append(total_peak)
        results["openai_still_to_raise_usd"].append(still)
        results["openai_still_to_raise_incl_announced_usd"].append(still_all)
        results["venture_shortfall_usd"].append(shortfall_venture)
        results["shortfall_usd"].append(still + shortfall_venture)
        results["npv_usd"].append(npv)
    return {k: np.asarray(v) for k, v in results.items()}


def check_distribution_points(scenario: Scenario) -> list[str]:
    """Inputs whose point value lies outside the distribution the scenario declares for it.

    A scenario that moves a point value (e.g. ``finance.price_usd_per_gpu_hour``) but keeps an
    explicit distribution elsewhere draws around the old value; the report says so.

    Returns:
        One readable line per such input (empty when all is consistent).
    """
    declared = scenario.risk.distributions()
    points = point_draws(scenario)
    problems = []
    for name in DRAW_NAMES:
        dist = declared[name]
        if dist is None:
            continue
        low, high = (float(quantile(dist, q)) for q in (0.0, 1.0))
        if isinstance(dist, Lognormal):
            low, high = dist.floor, float("inf")
        point = float(points[name][0])
        if not low - 1e-12 <= point <= high + 1e-12:
            problems.append(
                f"{LABELS[name]}: the point value {point:g} lies outside its distribution "
                f"({_describe(dist)})"
            )
    return problems
