"""Monte Carlo and one-at-a-time sensitivity of the sustainability model.

The uncertain inputs and their distributions are declared in the scenario (``scenario.risk``,
:mod:`stargate.schema.risk`). :func:`draw_inputs` draws them, seeded from the scenario (same
seed, same numbers); :func:`stargate.model.venture.evaluate_model` evaluates the whole model
for every draw at once with NumPy; :func:`summarize_monte_carlo` turns the outcomes into the
report's probabilities. :func:`compute_tornado` swings one input at a time from its 10th to its
90th percentile with every other input at the scenario's point value.

Each input has its own random stream (``numpy.random.default_rng([seed, i])``), so changing the
distribution of one input does not change the draws of the others: two scenarios that differ in
one distribution are compared on common random numbers.

Numbers only: the readers' labels of the inputs, the descriptions of distributions and the
formatted tornado live in :mod:`stargate.present.sustainability_report`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from stargate import facts
from stargate.model import cost_sensitivity
from stargate.model.openai_plan import PLAN_START_YEAR
from stargate.model.venture import (
    DRAW_NAMES,
    ModelInputs,
    build_model_inputs,
    committed_funding_usd,
    evaluate_model,
    point_draws,
)
from stargate.scenario import Scenario
from stargate.schema.risk import (
    CENTRED_RANGES,
    RELATIVE_RANGES,
    VARIABLES,
    Centred,
    Fixed,
    Lognormal,
    RangeEnd,
    Triangular,
    Uniform,
)

Dist = Fixed | Uniform | Triangular | Lognormal | Centred

#: Largest offset of a distribution's median from the point value, as a share of the point
#: (where the point is 0: of the distribution's P10-P90 width), for the two to count as one.
CENTRED_TOLERANCE = 0.02

#: Scenario assumptions (not drawn) that the tornado also swings over their fact's low-high:
#: (group, field, fact id). A dotted group reaches into the scenario (``fleet.specs.VR200``);
#: the row of such a swing is named ``<last part, lower case>_<field>``
#: (:func:`assumption_name`).
ASSUMPTION_SWINGS: tuple[tuple[str, str, str], ...] = (
    ("openai", "fixed_cost_ratio_2030", "as_oa_fixed_cost_ratio_2030"),
    ("openai", "flexible_cost_share", "as_oa_flexible_cost_share"),
)
# Vera Rubin's FP8 compute (GB300's floor to the FP4 ratio, spec_vr200_fp8_derived) and the
# market rent per PFLOP-hour (B200 spot to the top of on-demand,
# rent_market_usd_per_pflop_hour_fp8_derived) are drawn inputs: the tornado swings them with the
# other draws.

#: Scenario assumptions with a sourced range that neither the Monte Carlo nor the tornado moves:
#: (group, field, fact id), each held at the scenario's point for a reason the input table
#: states. ``openai.commitments_honoured_share``: the register's low end (17 %, the binding part
#: of the AMD deal) is the least a counterparty could enforce, a what-if for readers rather than an
#: outcome with odds; drawn down from the reported 100 % it could only shrink OpenAI's bills.
HELD_ASSUMPTIONS: tuple[tuple[str, str, str], ...] = (
    ("openai", "commitments_honoured_share", "as_commitments_honoured_share"),
)


def assumption_name(group: str, field: str) -> str:
    """The tornado's name of a swung assumption: the field, prefixed by a nested group's end."""
    return field if "." not in group else f"{group.rsplit('.', 1)[1].lower()}_{field}"


def with_assumption(scenario: Scenario, group: str, field: str, value: float) -> Scenario:
    """The scenario with ``group.field`` set to ``value`` (``group`` may be a dotted path)."""
    parts = group.split(".")
    chain: list[Any] = [scenario]
    for part in parts:
        chain.append(getattr(chain[-1], part))
    updated = chain[-1].model_copy(update={field: value})
    for part, parent in zip(reversed(parts), reversed(chain[:-1]), strict=True):
        updated = parent.model_copy(update={part: updated})
    return updated


# =========================================================================== distributions


def _range_end(end: RangeEnd) -> float:
    if not isinstance(end, tuple):
        return float(end)
    fact_id, which = end
    value = getattr(facts.get(fact_id), which)
    if value is None or isinstance(value, str):
        raise ValueError(f"fact {fact_id!r} has no numeric {which}")
    return float(value)


def centred_distribution(name: str, point: float) -> Dist:
    """The distribution of input ``name`` centred on ``point``: its median is the point.

    ``centred`` from the sourced low to the sourced high of
    :data:`stargate.schema.risk.CENTRED_RANGES` (relative to the point for
    :data:`~stargate.schema.risk.RELATIVE_RANGES`; widened to include the point), half the draws
    on each side of the point; fixed at the point for an input with no sourced range (the
    schedule delay) or a range of one value.
    """
    if name not in CENTRED_RANGES:
        return Fixed(dist="fixed", value=point)
    low_end, high_end = CENTRED_RANGES[name]
    low, high = _range_end(low_end), _range_end(high_end)
    if name in RELATIVE_RANGES and isinstance(low_end, tuple):
        reference = float(facts.value(low_end[0]))
        low, high = point * low / reference, point * high / reference
    low = min(low, point)
    high = max(high, point)
    if low == high:
        return Fixed(dist="fixed", value=point)
    return Centred(dist="centred", low=low, median=point, high=high)


def support(dist: Dist) -> tuple[float, float]:
    """Lowest and highest value a distribution draws (lognormal: its floor to infinity)."""
    if isinstance(dist, Fixed):
        return dist.value, dist.value
    if isinstance(dist, Lognormal):
        return dist.floor, math.inf
    return dist.low, dist.high


def point_bound(dist: Dist, point: float) -> str:
    """``"floor"`` or ``"ceiling"`` where ``point`` is the lowest or highest value ``dist`` draws.

    Empty for a point inside the range and for a fixed input. A point at a bound cannot be the
    middle of the draws: every draw is on one side of it (with a default ``centred`` distribution
    half of them sit exactly at the point, the other half beyond it).
    """
    if isinstance(dist, Fixed):
        return ""
    low, high = support(dist)
    tolerance = 1e-9 * max(1.0, abs(point))
    if abs(point - low) <= tolerance:
        return "floor"
    if abs(point - high) <= tolerance:
        return "ceiling"
    return ""


def resolve_distributions(scenario: Scenario) -> dict[str, Dist]:
    """Every input's distribution; the empty ones centred on the scenario's point value.

    An input left empty in ``scenario.risk`` (the default) gets :func:`centred_distribution`:
    its median is the scenario's point value by construction, so a scenario that moves a point
    moves its distribution. A distribution the scenario declares is used as written (see
    :func:`compute_centring` for its offset). The facts behind the distributions in effect are
    recorded as used.
    """
    declared = scenario.risk.distributions()
    points = {name: float(v[0]) for name, v in point_draws(scenario).items()}
    facts.record(scenario.risk.default_fact_ids())
    out: dict[str, Dist] = {}
    for name in DRAW_NAMES:
        dist = declared[name]
        out[name] = centred_distribution(name, points[name]) if dist is None else dist
    return out


def centring_scale(dist: Dist, point: float) -> float:
    """What an offset from ``point`` is measured against: |point|, else P10-P90 width, else 1."""
    if point != 0:
        return abs(point)
    width = float(quantile(dist, 0.9) - quantile(dist, 0.1))
    return width if width > 0 else 1.0


def compute_centring(scenario: Scenario) -> pd.DataFrame:
    """Each input's point value against the median of the distribution drawn for it.

    Returns:
        Columns ``input``, ``unit``, ``point``, ``median`` (the distribution's, analytic),
        ``offset`` (median - point), ``relative_offset`` (offset / |point|; where the point
        is 0, offset / the distribution's P10-P90 width, or the offset itself when that is 0),
        ``is_declared`` (the scenario file sets the distribution),
        ``is_centred`` (offset within :data:`CENTRED_TOLERANCE`).
    """
    declared = scenario.risk.distributions()
    dists = resolve_distributions(scenario)
    points = point_draws(scenario)
    rows = []
    for name in DRAW_NAMES:
        point = float(points[name][0])
        median = float(quantile(dists[name], 0.5))
        if name == "schedule_delay_years":
            median = float(np.round(median))  # the model rounds delays to whole years
        offset = median - point
        relative = offset / centring_scale(dists[name], point)
        rows.append(
            {
                "input": name,
                "unit": VARIABLES[name][2],
                "point": point,
                "median": median,
                "offset": offset,
                "relative_offset": relative,
                "is_declared": declared[name] is not None,
                "is_centred": abs(relative) <= CENTRED_TOLERANCE,
            }
        )
    return pd.DataFrame(rows)


def quantile(dist: Dist, q: float | np.ndarray) -> np.ndarray:
    """The ``q``-quantile of a distribution (inverse CDF), ``q`` in [0, 1].

    Triangular (a, c, b): ``a + sqrt(q (b-a)(c-a))`` below ``F(c) = (c-a)/(b-a)``, else
    ``b - sqrt((1-q)(b-a)(b-c))``. Lognormal: ``floor + (median - floor) exp(sigma z_q)``.
    Centred (a, m, b): ``a + (m-a) sqrt(2q)`` below the median, ``b - (b-m) sqrt(2(1-q))``
    above (each half a triangle holding half the draws).
    """
    q = np.asarray(q, dtype=float)
    if isinstance(dist, Fixed):
        return np.full(q.shape, dist.value)
    if isinstance(dist, Centred):
        a, m, b = dist.low, dist.median, dist.high
        left = a + (m - a) * np.sqrt(2.0 * np.minimum(q, 0.5))
        right = b - (b - m) * np.sqrt(2.0 * (1.0 - np.maximum(q, 0.5)))
        return np.where(q < 0.5, left, right)
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


#: Inputs drawn together: one project's cost overruns move together (a late, over-budget
#: build is over budget on its shell, its plant and its IT at once), so the three overruns
#: share one random stream — each draw is the same quantile of each one's distribution.
#: Drawn apart, the chance that all three stay on budget would be an eighth, not a half, and the
#: combined overrun would rarely sit at the scenario's point even when each input's median does.
COMONOTONIC_OVERRUNS: tuple[str, ...] = (
    "facility_overrun_rate",
    "accelerator_overrun_rate",
    "other_it_overrun_rate",
)
_OVERRUN_STREAM = 1_000


def draw_inputs(
    scenario: Scenario, n_draws: int | None = None, seed: int | None = None
) -> dict[str, np.ndarray]:
    """Draw every Monte Carlo input, clipped to its bounds (default: the scenario's n and seed).

    The overruns of :data:`COMONOTONIC_OVERRUNS` share one stream; every other input has its own.

    Returns:
        One array of shape (n_draws,) per name in :data:`stargate.model.venture.DRAW_NAMES`.
    """
    n = scenario.risk.n_draws if n_draws is None else int(n_draws)
    base_seed = scenario.risk.seed if seed is None else int(seed)
    dists = resolve_distributions(scenario)
    out = {}
    for i, name in enumerate(DRAW_NAMES):
        stream = _OVERRUN_STREAM if name in COMONOTONIC_OVERRUNS else i
        rng = np.random.default_rng([base_seed, stream])
        low, high, _, _ = VARIABLES[name]
        out[name] = np.clip(sample_distribution(dists[name], rng, n), low, high)
    return out


# =========================================================================== Monte Carlo


@dataclass(frozen=True)
class MonteCarloResult:
    """Draws and outcomes of one Monte Carlo run.

    Attributes:
        draws: the inputs drawn, one array (N,) per input.
        outcomes: :func:`stargate.model.venture.evaluate_model`'s outputs for the draws.
        inputs: the scenario's fixed model inputs.
        committed_usd: money committed to OpenAI and the venture (see
            :func:`stargate.model.venture.committed_funding_usd`).
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
        ``need_p10_usd``, ``need_p50_usd``, ``need_p90_usd`` (combined funding need of OpenAI
        and the venture, 2025-2030); ``shortfall_probability`` (money still to raise beyond
        what is committed, in either gap); ``shortfall_incl_announced_probability`` (counting
        announced money such as NVIDIA's letter of intent as if it arrived);
        ``openai_shortfall_probability`` and ``openai_shortfall_incl_announced_probability``
        (OpenAI's corporate funding need alone: its burn and equity calls against its cash and
        rounds); ``venture_shortfall_probability`` (the venture's funding gap alone, the
        reconciliation's gap line: its peak need beyond its partners' equity and the named
        funders' money at the point, which no draw changes; debt no lender is named for is not
        counted);
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
        "openai_shortfall_probability": float(np.mean(out["openai_still_to_raise_usd"] > 0)),
        "openai_shortfall_incl_announced_probability": float(
            np.mean(out["openai_still_to_raise_incl_announced_usd"] > 0)
        ),
        "venture_shortfall_probability": float(np.mean(out["venture_shortfall_usd"] > 0)),
        "still_to_raise_p50_usd": float(np.percentile(still, 50)),
        "still_to_raise_p90_usd": float(np.percentile(still, 90)),
        "npv_positive_probability": float(np.mean(npv > 0)),
        "npv_p10_usd": float(n10),
        "npv_p50_usd": float(n50),
        "npv_p90_usd": float(n90),
        "n_draws": float(result.n_draws),
    }


#: Outcomes shown as "point (this scenario)" beside the Monte Carlo's percentiles.
POINT_OUTCOMES: tuple[str, ...] = (
    "total_need_usd",
    "openai_need_usd",
    "venture_need_usd",
    "npv_usd",
)


def compare_point_with_draws(scenario: Scenario, result: MonteCarloResult) -> pd.DataFrame:
    """Each outcome at the scenario's point values beside the P10 / P50 / P90 of the draws.

    Returns:
        One row per outcome of :data:`POINT_OUTCOMES`: ``outcome``, ``point`` (every input at
        the scenario's value), ``p10``, ``p50``, ``p90`` (of ``result``'s draws), ``n_draws``
        and ``is_inside`` (P10 <= point <= P90).
    """
    point = evaluate_model(result.inputs, point_draws(scenario))
    rows = []
    for name in POINT_OUTCOMES:
        p10, p50, p90 = np.percentile(result.outcomes[name], [10, 50, 90])
        value = float(point[name][0])
        rows.append(
            {
                "outcome": name,
                "point": value,
                "p10": float(p10),
                "p50": float(p50),
                "p90": float(p90),
                "n_draws": result.n_draws,
                "is_inside": bool(p10 <= value <= p90),
            }
        )
    return pd.DataFrame(rows)


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


def inputs_outside_fleet(scenario: Scenario) -> frozenset[str]:
    """Drawn inputs no GPU of the scenario's fleet uses, so their draws cannot move it.

    Vera Rubin's compute (``vr200_compute_pflops_fp8_dense``) where no batch is Vera Rubin and
    no refresh installs it within the model's years: the model's outcomes (the venture's NPV,
    OpenAI's payments to it, the funding need) are the same with it doubled.
    """
    name = "vr200_compute_pflops_fp8_dense"
    inputs = build_model_inputs(scenario)
    if inputs.vr200_batch is None or bool(np.asarray(inputs.vr200_batch).any()):
        return frozenset()
    draws = point_draws(scenario)
    draws[name] = np.concatenate([draws[name], 2.0 * draws[name]])
    out = evaluate_model(inputs, draws)
    for key in ("npv_usd", "stargate_payments_usd", "cumulative_need_usd"):
        values = np.asarray(out[key])
        if not np.allclose(values[0], values[1], rtol=1e-12, atol=1.0):
            return frozenset()
    return frozenset({name})


def compute_input_quantiles(scenario: Scenario) -> pd.DataFrame:
    """Each Monte Carlo input: its unit, point value, P10 and P90, and its distribution.

    Returns:
        Columns ``input`` (name in :data:`~stargate.model.venture.DRAW_NAMES`), ``unit``,
        ``point``, ``p10``, ``p90``, ``bound`` (:func:`point_bound`: ``"floor"``, ``"ceiling"``
        or empty) and ``npv_effect`` (for a point at a bound: ``"kinder"`` or ``"harsher"``
        where the draws beyond it raise or lower the venture's NPV, ``"none"`` where they do not
        move it; empty otherwise) and ``in_fleet`` (False for an input no GPU of the scenario's
        fleet uses, :func:`inputs_outside_fleet`); the distributions in
        ``attrs["distributions"]`` (name -> distribution, as :func:`resolve_distributions`).
    """
    dists = resolve_distributions(scenario)
    points = point_draws(scenario)
    outside = inputs_outside_fleet(scenario)
    point_npv: float | None = None
    rows = []
    for name in DRAW_NAMES:
        dist = dists[name]
        point = float(points[name][0])
        bound = point_bound(dist, point)
        effect = ""
        if bound:
            if point_npv is None:
                point_npv = float(outcome_at(scenario, name, [point])[0])
            beyond = float(quantile(dist, 0.9 if bound == "floor" else 0.1))
            moved = float(outcome_at(scenario, name, [beyond])[0]) - point_npv
            small = 1e-9 * max(1.0, abs(point_npv))
            effect = "none" if abs(moved) <= small else ("kinder" if moved > 0 else "harsher")
        rows.append(
            {
                "input": name,
                "unit": VARIABLES[name][2],
                "point": point,
                "p10": float(quantile(dist, 0.1)),
                "p90": float(quantile(dist, 0.9)),
                "bound": bound,
                "npv_effect": effect,
                "in_fleet": name not in outside,
            }
        )
    table = pd.DataFrame(rows)
    table.attrs["distributions"] = dists
    return table


#: Inputs of the cost page's tornado whose uncertainty a drawn overrun already carries (the
#: facility's budget per MW: the facility overrun is drawn on it), so not listed as held.
COVERED_BY_OVERRUNS: frozenset[str] = frozenset({"facility_capex_usd_per_mw_it"})


def compute_held_inputs(scenario: Scenario) -> pd.DataFrame:
    """The swung inputs the Monte Carlo does not draw: each held at the scenario's point.

    Four kinds: a Monte Carlo input whose distribution is one value (the schedule delay when
    the scenario declares none); the assumptions the sustainability tornado swings beside the
    draws (:data:`ASSUMPTION_SWINGS`); the assumptions held for a stated reason
    (:data:`HELD_ASSUMPTIONS`); the site and finance inputs the cost page's tornado
    swings (``cost_tornado_inputs.yaml``) that no draw covers (:data:`COVERED_BY_OVERRUNS`).

    Returns:
        Columns ``input`` (a Monte Carlo input's name, an :func:`assumption_name` or a
        parameter's field), ``unit``, ``point`` (the scenario's value), ``fact_ids`` (the
        register rows of its sourced range, comma-separated; empty for a fixed draw).
    """
    rows: list[dict[str, Any]] = []
    dists = resolve_distributions(scenario)
    points = point_draws(scenario)
    for name in DRAW_NAMES:
        if isinstance(dists[name], Fixed):
            rows.append(
                {
                    "input": name,
                    "unit": VARIABLES[name][2],
                    "point": float(points[name][0]),
                    "fact_ids": "",
                }
            )
    for group, field, fact_id in ASSUMPTION_SWINGS + HELD_ASSUMPTIONS:
        owner: Any = scenario
        for part in group.split("."):
            owner = getattr(owner, part)
        rows.append(
            {
                "input": assumption_name(group, field),
                "unit": facts.get(fact_id).unit,
                "point": float(getattr(owner, field)),
                "fact_ids": fact_id,
            }
        )
    for row in cost_sensitivity.tornado_inputs():
        if row.field in DRAW_NAMES or row.field in COVERED_BY_OVERRUNS:
            continue
        rows.append(
            {
                "input": row.field,
                "unit": str(facts.get(row.low_fact).unit),
                "point": float(getattr(getattr(scenario, row.group), row.field)),
                "fact_ids": ", ".join(dict.fromkeys((row.low_fact, row.high_fact))),
            }
        )
    return pd.DataFrame(rows, columns=["input", "unit", "point", "fact_ids"])


# =========================================================================== tornado


def compute_tornado(scenario: Scenario, outcome: str = "total_need_usd") -> pd.DataFrame:
    """One-at-a-time swings: ``outcome`` with each input at its P10 and at its P90.

    Every other input stays at the scenario's point value. Drawn inputs swing over their
    distribution's P10-P90; the OpenAI cost assumptions of :data:`ASSUMPTION_SWINGS` over their
    fact's low-high. Inputs fixed in the scenario (no spread) are left out.

    Args:
        scenario: the scenario.
        outcome: an output of :func:`stargate.model.venture.evaluate_model` with one value per
            draw (``total_need_usd``, ``npv_usd``, ``shortfall_usd`` …).

    Returns:
        Columns ``input`` (a name of :data:`~stargate.model.venture.DRAW_NAMES` or an
        assumption's field), ``unit``, ``low_value``, ``high_value`` (the input's two values),
        ``outcome_low``, ``outcome_high``, ``swing`` (absolute difference), sorted by swing,
        widest first; the base outcome in ``attrs["base"]``; inputs that do not move the
        outcome at all are left out and named in ``attrs["no_effect"]``.
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
        rows.append(_tornado_row(name, VARIABLES[name][2], low, high, values))
    for group, field, fact_id in ASSUMPTION_SWINGS:
        fact = facts.get(fact_id)
        if fact.low is None or fact.high is None:
            continue
        values = [
            float(outcome_at(scenario, assumption_name(group, field), [value], outcome)[0])
            for value in (fact.low, fact.high)
        ]
        rows.append(
            _tornado_row(
                assumption_name(group, field),
                fact.unit,
                float(fact.low),
                float(fact.high),
                values,
            )
        )
    table = pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable")
    moves = table["swing"] > 1e-9 * max(1.0, abs(base))
    no_effect = list(table.loc[~moves, "input"])
    table = table[moves].reset_index(drop=True)
    table.attrs["base"] = base
    table.attrs["no_effect"] = no_effect
    return table


def outcome_at(scenario: Scenario, name: str, values: Any, outcome: str = "npv_usd") -> np.ndarray:
    """``outcome`` with input ``name`` at each of ``values``, every other input at its point.

    ``name`` is a Monte Carlo input (one vectorised evaluation) or a swung assumption of
    :data:`ASSUMPTION_SWINGS` by its :func:`assumption_name` (one evaluation per value).
    """
    grid = np.atleast_1d(np.asarray(values, dtype=float))
    draws = point_draws(scenario)
    if name in draws:
        draws[name] = grid
        return np.asarray(evaluate_model(build_model_inputs(scenario), draws)[outcome])
    for group, field, _ in ASSUMPTION_SWINGS:
        if assumption_name(group, field) == name:
            # OpenAI's payments to the venture are compared with the scenario's own: a rent
            # swung here raises OpenAI's costs exactly as much as the venture's revenue, so the
            # combined need does not move (a transfer nets out), as it does for drawn prices.
            reference = build_model_inputs(scenario).stargate_reference_usd
            return np.array(
                [
                    float(
                        evaluate_model(
                            dataclasses.replace(
                                build_model_inputs(with_assumption(scenario, group, field, v)),
                                stargate_reference_usd=reference,
                            ),
                            draws,
                        )[outcome][0]
                    )
                    for v in grid
                ]
            )
    raise KeyError(f"unknown input {name!r}")


def find_zero_crossing(
    scenario: Scenario, name: str, low: float, high: float, outcome: str = "npv_usd"
) -> float | None:
    """The value of input ``name`` in [low, high] at which ``outcome`` changes sign, if any.

    Every other input stays at the scenario's point. The outcome is evaluated on a grid of 33
    values; the first interval where its sign changes is narrowed by bisection to a millionth
    of the range. None when the sign is the same across the grid (the outcome does not cross
    zero inside the range, or crosses it twice between two grid points).
    """
    grid = np.linspace(low, high, 33)
    values = outcome_at(scenario, name, grid, outcome)
    signs = np.sign(values)
    changes = np.flatnonzero(signs[:-1] * signs[1:] <= 0)
    if changes.size == 0:
        return None
    i = int(changes[0])
    a, b = float(grid[i]), float(grid[i + 1])
    fa = float(values[i])
    if fa == 0:
        return a
    for _ in range(40):
        if abs(b - a) <= 1e-6 * abs(high - low):
            break
        mid = 0.5 * (a + b)
        fm = float(outcome_at(scenario, name, [mid], outcome)[0])
        if (fm > 0) == (fa > 0) and fm != 0:
            a, fa = mid, fm
        else:
            b = mid
    return 0.5 * (a + b)


def _tornado_row(
    name: str, unit: str, low: float, high: float, values: list[float]
) -> dict[str, Any]:
    return {
        "input": name,
        "unit": unit,
        "low_value": low,
        "high_value": high,
        "outcome_low": values[0],
        "outcome_high": values[1],
        "swing": abs(values[1] - values[0]),
    }


def check_distribution_points(scenario: Scenario) -> list[tuple[str, float, Dist]]:
    """Inputs whose point value lies outside the distribution the scenario declares for it.

    A scenario that moves a point value (e.g. ``finance.price_usd_per_gpu_hour``) but keeps an
    explicit distribution elsewhere draws around the old value; the report says so.

    Returns:
        ``(name, point value, declared distribution)`` per such input (empty when consistent).
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
            problems.append((name, point, dist))
    return problems
