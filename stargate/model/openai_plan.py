"""OpenAI's plan and its cash flows: revenue, costs, operating loss and cash burn, 2024-2030.

Formulas over plain numbers and NumPy arrays (shapes (Y,) or (N, Y), years of :data:`YEARS`), so
the venture model (:mod:`stargate.model.venture`) evaluates them for many Monte Carlo draws at
once. Revenue follows OpenAI's own anchors (2024 actual, 2025 target, 2028 and 2030 projections;
geometric in between), with the growth after 2025 scaled by ``revenue_growth_realization``.
Costs follow a *plan*: the 2024 bill (compute + staff), the level implied by the projected 2028
operating loss, and a 2030 level at which OpenAI breaks even as it projects, each as "costs per
dollar of planned revenue", geometric in between. When revenue falls short of plan only a share
of costs (``flexible_cost_share``) shrinks with it; Microsoft's revenue share always follows
revenue. Compute is never below what OpenAI has contracted for that year: its Stargate payments
plus its other clouds' bills (:func:`compute_openai_flows`). Operating loss = costs - revenue
(an accounting measure, including stock compensation); cash burn = costs actually paid in cash
that year - revenue (``non_cash_cost_share`` separates the two).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from stargate import facts
from stargate.scenario import Scenario
from stargate.schema.common import PLAN_FIRST_YEAR, PLAN_LAST_YEAR

#: Calendar years of OpenAI's cash path: 2024 (actual) to 2030 (the last projection found); the
#: schema's horizon (scenario years must fall inside it) is the same constant.
YEARS: tuple[int, ...] = tuple(range(PLAN_FIRST_YEAR - 1, PLAN_LAST_YEAR + 1))
#: First year of the plan (the cash ledger and funding need start here).
PLAN_START_YEAR = PLAN_FIRST_YEAR

#: Index of each year in :data:`YEARS`.
YEAR_INDEX = {y: i for i, y in enumerate(YEARS)}


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
    rev_2024, rev_2028 = revenue_plan_usd[0], revenue_plan_usd[YEAR_INDEX[2028]]
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
    stargate_reference_usd: np.ndarray | None = None,
    other_clouds_usd: np.ndarray | float = 0.0,
) -> dict[str, np.ndarray]:
    """OpenAI's costs, operating loss and cash burn per year from revenue and the cost plan.

    For each year (arrays broadcast; shapes (N, Y) or (Y,)):

    - fixed costs ``F = F_plan * ((1 - flex) + flex * R / R_plan)`` (the flexible share follows
      realised revenue, the rest is contracted);
    - compute ``C = max(share_c * F - S_ref, O) + S``. ``share_c * F`` is the plan's compute
      budget; it includes Stargate capacity at the register's contract terms (``S_ref``:
      :func:`stargate.model.venture.reference_payments_usd`, the scenario's fleet and use at the
      register's price). OpenAI pays the venture ``S`` in full, so a higher price (in a draw or
      in the scenario file) raises OpenAI's costs exactly as much as the venture's revenue, in
      every year, and the combined need of the two does not move (a transfer nets out). ``O``
      is what OpenAI owes other clouds that year under contract
      (:func:`stargate.model.obligations.other_cloud_bills_usd`: Azure, AWS, CoreWeave): the
      budget left after Stargate pays them first, and if it is too small they are paid on top.
      At the point (``S = S_ref``) ``C = max(share_c * F, S + O)``: never below the contracted
      bills. ``C - S - O`` is the budget's uncontracted remainder (0 when the bills exceed it);
    - other costs ``(1 - share_c) * F``; revenue share ``m * R``;
    - operating loss ``= C + other + m R - R``; cash burn ``= costs - n (F + m R) - R``: the
      non-cash share (stock-based pay …) applies to the costs as planned, ``F + m R``; whatever
      compute is paid beyond the budget (Stargate payments or cloud bills above it) is cash, all
      of it.

    Returns:
        ``compute_usd``, ``stargate_usd``, ``other_clouds_usd`` (contracted bills of other
        clouds), ``uncontracted_compute_usd`` (``C - S - O``), ``compute_budget_usd``
        (``share_c * F``), ``above_budget_usd`` (``C - share_c * F``), ``other_costs_usd``,
        ``revenue_share_usd``, ``operating_costs_usd``, ``operating_loss_usd``,
        ``non_cash_usd``, ``cash_burn_usd``.
    """
    scale = (1.0 - flexible_cost_share) + flexible_cost_share * revenue_usd / revenue_plan_usd
    fixed = fixed_cost_plan_usd * scale
    compute_planned = compute_share_of_fixed_costs * fixed
    reference = stargate_payments_usd if stargate_reference_usd is None else stargate_reference_usd
    uncontracted = np.maximum(compute_planned - reference - other_clouds_usd, 0.0)
    other_clouds = np.broadcast_to(other_clouds_usd, uncontracted.shape)
    compute = uncontracted + other_clouds + stargate_payments_usd
    other = fixed - compute_planned
    revenue_share = revenue_share_rate * revenue_usd
    costs = compute + other + revenue_share
    non_cash = non_cash_cost_share * (fixed + revenue_share)
    return {
        "compute_usd": compute,
        "stargate_usd": np.broadcast_to(stargate_payments_usd, compute.shape).copy(),
        "other_clouds_usd": np.broadcast_to(other_clouds, compute.shape).copy(),
        "uncontracted_compute_usd": uncontracted,
        "compute_budget_usd": np.broadcast_to(compute_planned, compute.shape).copy(),
        "above_budget_usd": compute - compute_planned,
        "other_costs_usd": other,
        "revenue_share_usd": revenue_share,
        "operating_costs_usd": costs,
        "operating_loss_usd": costs - revenue_usd,
        "non_cash_usd": np.broadcast_to(non_cash, compute.shape).copy(),
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
    stargate_reference_usd: np.ndarray | None = None,
    other_clouds_usd: np.ndarray | float = 0.0,
) -> np.ndarray:
    """Cash burn only, as in :func:`compute_openai_flows`, with fewer temporary arrays.

    The Monte Carlo's inner step: same arguments and arithmetic, only the burn returned:
    ``max(share_c F - S_ref, O) + S + (1 - share_c) F + m R - n (F + m R) - R``.
    """
    fixed = revenue_usd / revenue_plan_usd
    fixed *= flexible_cost_share
    fixed += 1.0 - flexible_cost_share
    fixed *= fixed_cost_plan_usd
    reference = stargate_payments_usd if stargate_reference_usd is None else stargate_reference_usd
    share = revenue_share_rate * revenue_usd
    # Compute beyond the plan's budget: max(share_c F - S_ref, O) - share_c F + S (cash in full).
    burn = fixed * compute_share_of_fixed_costs
    burn -= reference
    np.maximum(burn, other_clouds_usd, out=burn)
    burn -= fixed * compute_share_of_fixed_costs
    burn += stargate_payments_usd
    # … plus the costs as planned, F + m R, of which the share n is not paid in cash.
    fixed += share
    fixed *= 1.0 - non_cash_cost_share
    burn += fixed
    burn -= revenue_usd
    return burn


def even_spread_by_year_usd(
    amount_usd: float, start_year: int, years: np.ndarray | float
) -> np.ndarray:
    """An amount billed evenly over a term of ``years`` from ``start_year``, per year of YEARS.

    Year ``start_year + k`` (k = 0, 1, ...) pays ``amount * min(max(years - k, 0), 1) / years``:
    ``1 / years`` of it in each whole year of the term and the rest in a part-year at its end
    (5.5 years: 2/11 a year for five years, 1/11 in the sixth). For a whole number of years it is
    :func:`stargate.model.obligations.ramp_weights` ``("even", years)``. Years before the start
    pay nothing; years after 2030 are outside :data:`YEARS`.

    Args:
        amount_usd: the amount (USD).
        start_year: first year billed.
        years: the term, scalar or shape (N,) (one per draw), at least 1.

    Returns:
        USD per year, shape (Y,) for a scalar term, (Y, N) for N terms.
    """
    term = np.atleast_1d(np.asarray(years, dtype=float))
    if (term < 1.0).any():
        raise ValueError("a term is at least one year")
    k = (np.asarray(YEARS, dtype=float) - start_year)[:, None]
    share = np.clip(term[None, :] - k, 0.0, 1.0) * (k >= 0) / term[None, :]
    out = amount_usd * share
    return out[:, 0] if np.ndim(years) == 0 else out


#: Rounds paid "as each GW is deployed": the fact behind the round → the GW it is paid over.
#: NVIDIA's letter of intent: up to $100bn (nvda_loi_usd) over 10 GW (nvda_loi_gw).
PER_GW_ROUNDS: dict[str, str] = {"nvda_loi_usd": "nvda_loi_gw"}


def programme_gw_by_year(scenario: Scenario) -> np.ndarray:
    """GW of facility power the programme energises per year of :data:`YEARS` (after slips).

    The programme's site schedule (:func:`stargate.model.sites.schedule_table`), whatever fleet
    the scenario models: the deployment a per-GW round is paid on.
    """
    from stargate.model import sites

    out = np.zeros(len(YEARS))
    table = sites.schedule_table(scenario)
    for year, gw in table.groupby("year")["gw"].sum().items():
        if int(year) in YEAR_INDEX:
            out[YEAR_INDEX[int(year)]] += float(gw)
    return out


def per_gw_round_by_year_usd(
    amount_usd: float, total_gw: float, first_year: int, gw_by_year: np.ndarray
) -> np.ndarray:
    """A round paid per GW deployed: amount ÷ total GW for each GW energised from its year.

    GW energised before ``first_year`` do not count; payments stop at ``amount_usd``; GW
    deployed after 2030 bring money outside the horizon (left out).
    """
    per_gw = amount_usd / total_gw
    out = np.zeros(len(YEARS))
    paid = 0.0
    for i, year in enumerate(YEARS):
        if year < first_year:
            continue
        pay = min(per_gw * float(gw_by_year[i]), amount_usd - paid)
        out[i] = pay
        paid += pay
    return out


def rounds_by_year_usd(scenario: Scenario, *, committed: bool) -> np.ndarray:
    """OpenAI's funding rounds per year of :data:`YEARS` (committed, or only announced), USD.

    Rounds dated before 2025 are already in ``cash_2024_usd``; rounds after 2030 are outside
    the horizon. A round paid as each GW is deployed (:data:`PER_GW_ROUNDS`, NVIDIA's letter of
    intent: $10bn per GW) arrives with the programme's GW energised from the round's year on
    (:func:`programme_gw_by_year`), not all in its year. The facts behind the rounds are
    recorded as used.
    """
    out = np.zeros(len(YEARS))
    gw_by_year: np.ndarray | None = None
    for rnd in scenario.openai.funding_rounds:
        if rnd.fact is not None:
            facts.get(rnd.fact)
        if rnd.is_committed != committed or rnd.year < PLAN_START_YEAR:
            continue
        if rnd.fact in PER_GW_ROUNDS:
            if gw_by_year is None:
                gw_by_year = programme_gw_by_year(scenario)
            total_gw = float(facts.value(PER_GW_ROUNDS[rnd.fact]))
            out += per_gw_round_by_year_usd(rnd.amount_usd, total_gw, rnd.year, gw_by_year)
        elif rnd.year in YEAR_INDEX:
            out[YEAR_INDEX[rnd.year]] += rnd.amount_usd
    return out
