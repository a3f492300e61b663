"""Cash paths at the scenario's point values: OpenAI's, the venture's, the runway, the thresholds.

Each function evaluates :func:`stargate.model.venture.evaluate_model` for the deterministic case
(or a grid of one input) and returns tables by year in USD. Includes the check of OpenAI's
modelled path against the reported figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from stargate import facts
from stargate.model.openai_plan import (
    PLAN_START_YEAR,
    YEAR_INDEX,
    YEARS,
    compute_openai_flows,
    plan_revenue_usd,
    project_revenue_usd,
)
from stargate.model.venture import (
    build_model_inputs,
    committed_funding_usd,
    evaluate_model,
    point_draws,
)
from stargate.scenario import Scenario
from stargate.tables import N_


def compute_openai_path(scenario: Scenario, *, other_clouds: bool = True) -> pd.DataFrame:
    """OpenAI's revenue, costs, operating loss and cash burn per year, 2024-2030 (USD).

    Columns: ``revenue_plan_usd`` (OpenAI's projections), ``revenue_usd`` (with the scenario's
    growth realisation), ``compute_usd``, split into ``stargate_usd`` (payments for Stargate
    capacity), ``other_clouds_usd`` (contracted bills of Azure, AWS and CoreWeave) and
    ``uncontracted_compute_usd`` (what is left of the compute budget beyond those bills, and
    the compute late sites hold back, which OpenAI buys elsewhere at the same price, also
    alone as ``late_sites_compute_usd``),
    ``compute_budget_usd`` (the plan's) and ``above_budget_usd`` (compute beyond it),
    ``other_costs_usd`` (staff, sales, general), ``revenue_share_usd`` (to Microsoft),
    ``operating_costs_usd``, ``operating_loss_usd`` (accounting, incl. stock compensation),
    ``non_cash_usd`` and ``cash_burn_usd`` (cash actually spent beyond revenue). The formulas:
    :func:`stargate.model.openai_plan.compute_openai_flows`.

    Args:
        scenario: the scenario.
        other_clouds: count the other clouds' contracted bills (the model's path). False gives
            OpenAI's plan as projected, before those contracts: the path the reported figures
            are compared with (:func:`compare_with_reported`).
    """
    inputs = build_model_inputs(scenario)
    draws = point_draws(scenario)
    out = evaluate_model(inputs, draws)
    revenue = out["revenue_usd"][0]
    clouds = inputs.other_clouds_usd if other_clouds else None
    # Compute OpenAI buys elsewhere because sites are late (the slip's, at the point): as in
    # the model, it fills the budget with the Stargate payments it replaces (the plan counts
    # the sites on schedule, S_ref), before the other clouds' bills and uncontracted compute,
    # and is shown as uncontracted compute.
    late = out["openai_replacement_compute_usd"][0]
    flows = compute_openai_flows(
        revenue,
        inputs.revenue_plan_usd,
        inputs.fixed_cost_plan_usd,
        out["stargate_payments_usd"][0] + late,
        revenue_share_rate=inputs.revenue_share_rate,
        flexible_cost_share=inputs.flexible_cost_share,
        non_cash_cost_share=inputs.non_cash_cost_share,
        compute_share_of_fixed_costs=inputs.compute_share_of_fixed_costs,
        stargate_reference_usd=inputs.stargate_reference_usd,
        other_clouds_usd=0.0 if clouds is None else clouds,
    )
    flows["stargate_usd"] = flows["stargate_usd"] - late
    flows["uncontracted_compute_usd"] = flows["uncontracted_compute_usd"] + late
    flows["late_sites_compute_usd"] = np.asarray(late, dtype=float)
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

    The reported figures are OpenAI's own results and projections, so they are compared with
    its plan as projected (:func:`compute_openai_path` without the other clouds' contracted
    bills, which its projections need not carry in full); ``with_contracts_usd`` is the model's
    path with them, beside it (not tested).

    Returns:
        One row per reported point: ``point``, ``year``, ``reported_usd``, ``model_usd`` (the
        plan), ``difference`` (model ÷ reported - 1), ``tolerance`` (fraction, NaN where the
        point only informs), ``within_tolerance`` (bool, or "not tested"),
        ``with_contracts_usd`` (the path with the other clouds' bills), ``fact``.
    """
    # Facts the report cites to explain the gaps (H1 2025: burn far below the operating loss).
    facts.record(CALIBRATION_CONTEXT_FACTS)
    plan = compute_openai_path(scenario, other_clouds=False)
    path = compute_openai_path(scenario)
    rows = []
    for label, column, span, fact_id, tol in REPORTED_POINTS:
        reported = facts.value(fact_id)
        if "-" in span:
            first, last = (int(x) for x in span.split("-"))
            model, contracted = (float(p.loc[first:last, column].sum()) for p in (plan, path))
        else:
            model, contracted = (float(p.loc[int(span), column]) for p in (plan, path))
        diff = model / reported - 1.0
        rows.append(
            {
                "point": label,
                "year": span,
                "reported_usd": reported,
                "model_usd": model,
                "difference": diff,
                "tolerance": np.nan if tol is None else tol,
                "within_tolerance": N_("not tested") if tol is None else bool(abs(diff) <= tol),
                "with_contracts_usd": contracted,
                "fact": fact_id,
            }
        )
    return pd.DataFrame(rows)


def first_cash_positive_year(scenario: Scenario, *, other_clouds: bool = True) -> int | None:
    """First plan year in which OpenAI's modelled cash burn is negative (cash comes in).

    ``other_clouds`` as in :func:`compute_openai_path` (False: OpenAI's plan as projected).
    """
    path = compute_openai_path(scenario, other_clouds=other_clouds)
    positive = path.loc[PLAN_START_YEAR:, "cash_burn_usd"] < 0
    return int(positive.idxmax()) if positive.any() else None


# =========================================================================== venture and runway


def compute_venture_path(scenario: Scenario) -> pd.DataFrame:
    """The Stargate venture's cash flows per year, 2024-2030 (USD), at the scenario's point.

    Columns: ``capex_usd`` (new batches and refreshes, with the scenario's overruns),
    ``refresh_usd`` (of which replacing IT at the end of its life), ``opex_usd`` (energy,
    maintenance, staff), ``revenue_usd`` (all it earns:
    contracted GPU-hours at the contract price, the others at the market rent, whoever rents
    them),
    ``deficit_usd`` (capex + opex - revenue: money the partners must put in that year),
    ``openai_equity_calls_usd`` (OpenAI's share of the equity called).
    """
    out = evaluate_model(build_model_inputs(scenario), point_draws(scenario))
    return pd.DataFrame(
        {
            "capex_usd": out["venture_capex_usd"][0],
            "refresh_usd": out["venture_refresh_usd"][0],
            "opex_usd": out["venture_opex_usd"][0],
            "revenue_usd": out["venture_revenue_usd"][0],
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
    sl = slice(YEAR_INDEX[PLAN_START_YEAR], None)
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


#: The two gaps the reports keep apart, and their sum. OpenAI's corporate funding need: its cash
#: burn and its equity calls against its cash and its funding rounds. The venture's funding gap:
#: its capex and running costs, less what OpenAI pays it, against its partners' equity and the
#: debt that equity supports. Neither's money can pay the other's bills.
GAPS: dict[str, tuple[str, ...]] = {
    "openai": ("openai_need_usd", "openai_still_to_raise_usd"),
    "venture": ("venture_need_usd", "venture_shortfall_usd"),
    "combined": ("total_need_usd", "shortfall_usd"),
}


def summarize_funding_need(scenario: Scenario) -> dict[str, float]:
    """Deterministic funding figures at the scenario's point values (USD), by gap (:data:`GAPS`).

    ``openai_*``: OpenAI's corporate funding need; ``venture_*``: the venture's funding gap;
    ``total_need_usd`` and ``shortfall_usd``: both together.

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
