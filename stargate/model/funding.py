"""Funding: the partners' equity, the debt lenders add beside it, and the gap no one covers.

The model in one paragraph: the partners' reported equity ($19bn + $19bn + ~$7bn + ~$7bn) is
called as the programme spends — its capex schedule from the programme model
(:func:`stargate.model.programme.capex_usd_by_plan_year`: each site's build paid in the year it
is energised), not a fixed spread of the announced $500bn; lenders put beside it at most
``max_debt_to_equity_ratio`` dollars of debt per dollar of equity paid in (the leverage of
Abilene's financing by default); whatever spending that leaves uncovered is the **funding
gap** — money that has to come from investors or lenders not yet named. The gap is a measure
of what is missing from the reported commitments, not a forecast that the money will not be
found.

Pure functions of a validated :class:`~stargate.scenario.Scenario` (``scenario.funding``,
``scenario.program``), plus functions over plain numbers (:func:`stack_funding`,
:func:`schedule_funding`) that can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from stargate import facts
from stargate.model import programme
from stargate.model.parties import PARTY_NAMES, equity_usd_by_party, total_equity_usd
from stargate.scenario import Scenario
from stargate.schema.funding import EQUITY_PARTIES


def stack_funding(
    amount_usd: float, equity_usd: float, max_debt_to_equity_ratio: float
) -> dict[str, float]:
    """Split a spending amount into equity, debt and an unfunded gap.

    Equity pays first (up to the amount); lenders add at most ``max_debt_to_equity_ratio``
    dollars per dollar of equity used; what is left is the gap.

    Args:
        amount_usd: spending to fund, USD (≥ 0).
        equity_usd: equity available, USD (≥ 0).
        max_debt_to_equity_ratio: debt lenders provide per dollar of equity (≥ 0).

    Returns:
        ``equity_usd``, ``debt_usd``, ``gap_usd`` (they sum to ``amount_usd``) and
        ``debt_to_equity_ratio`` = (amount − equity) ÷ equity, the leverage that would close
        the gap with debt alone (``inf`` without equity).

    Example: $500bn with $52bn of equity at 1.68× → equity 52, debt 87.3, gap 360.7 ($bn);
    closing the gap by borrowing alone needs (500 − 52) ÷ 52 = 8.6× leverage.
    """
    if amount_usd < 0 or equity_usd < 0 or max_debt_to_equity_ratio < 0:
        raise ValueError("amount, equity and ratio must be non-negative")
    equity_used = min(equity_usd, amount_usd)
    debt = min(amount_usd - equity_used, max_debt_to_equity_ratio * equity_used)
    gap = amount_usd - equity_used - debt
    if equity_used > 0:
        required = (amount_usd - equity_used) / equity_used
    else:
        required = float("inf") if amount_usd > 0 else 0.0
    return {
        "equity_usd": float(equity_used),
        "debt_usd": float(debt),
        "gap_usd": float(gap),
        "debt_to_equity_ratio": float(required),
    }


def summarize_funding(scenario: Scenario) -> dict[str, float]:
    """Headline figures of the funding stack.

    Returns:
        ``equity_committed_usd`` (partners still in), ``programme_usd`` (the programme's
        capex, :func:`stargate.model.programme.programme_capex_usd`), ``commitment_usd`` (the
        announced $500bn, ``scenario.program``), ``first_tranche_usd`` (``scenario.program``),
        ``equity_share_of_programme`` and
        ``equity_share_of_first_tranche`` (fractions, equity ÷ amount, capped at 1),
        ``debt_to_equity_ratio`` (leverage that would fund the whole programme with today's
        equity: (programme − equity) ÷ equity), ``first_tranche_debt_to_equity_ratio``,
        ``max_debt_to_equity_ratio`` (the scenario's lender capacity), ``debt_usd`` and
        ``funding_gap_usd`` (over the programme years, from :func:`compute_funding_schedule`).
    """
    program = scenario.program
    equity = total_equity_usd(scenario)
    ratio = scenario.funding.max_debt_to_equity_ratio
    capex = programme.programme_capex_usd(scenario)
    whole = stack_funding(capex, equity, ratio)
    first = stack_funding(program.initial_tranche_usd, equity, ratio)
    schedule = compute_funding_schedule(scenario)
    return {
        "equity_committed_usd": equity,
        "programme_usd": capex,
        "commitment_usd": program.total_commitment_usd,
        "first_tranche_usd": program.initial_tranche_usd,
        "equity_share_of_programme": whole["equity_usd"] / capex if capex > 0 else float("nan"),
        "equity_share_of_first_tranche": (
            first["equity_usd"] / program.initial_tranche_usd
            if program.initial_tranche_usd > 0
            else float("nan")
        ),
        "debt_to_equity_ratio": whole["debt_to_equity_ratio"],
        "first_tranche_debt_to_equity_ratio": first["debt_to_equity_ratio"],
        "max_debt_to_equity_ratio": ratio,
        "debt_usd": float(schedule["debt_drawdown_usd"].sum()),
        "funding_gap_usd": float(schedule["gap_usd"].sum()),
    }


def compute_funding_stack(scenario: Scenario) -> pd.DataFrame:
    """The funding stack against the whole programme and against the first tranche.

    Each partner's equity, the debt lenders add at ``max_debt_to_equity_ratio``, and the gap
    left, for the programme's capex (:func:`stargate.model.programme.programme_capex_usd`) and
    ``program.initial_tranche_usd`` ($100bn). Equity used on an amount smaller than the equity
    is scaled down pro rata.

    Returns:
        Rows per layer (``layer``, ``kind`` in equity/debt/gap), columns ``programme_usd``,
        ``programme_share``, ``first_tranche_usd``, ``first_tranche_share``.
    """
    program = scenario.program
    equity = equity_usd_by_party(scenario)
    total = sum(equity.values())
    ratio = scenario.funding.max_debt_to_equity_ratio
    columns: dict[str, dict[str, float]] = {}
    capex = programme.programme_capex_usd(scenario)
    for label, amount in (
        ("programme", capex),
        ("first_tranche", program.initial_tranche_usd),
    ):
        stack = stack_funding(amount, total, ratio)
        scale = stack["equity_usd"] / total if total > 0 else 0.0
        layer = {f"{PARTY_NAMES[p]} equity": equity[p] * scale for p in EQUITY_PARTIES}
        layer["Debt (lenders)"] = stack["debt_usd"]
        layer["Unfunded gap"] = stack["gap_usd"]
        columns[label] = layer
    rows = []
    for name in columns["programme"]:
        kind = "equity" if name.endswith("equity") else ("debt" if "Debt" in name else "gap")
        row: dict[str, Any] = {"layer": name, "kind": kind}
        for label, amount in (
            ("programme", capex),
            ("first_tranche", program.initial_tranche_usd),
        ):
            row[f"{label}_usd"] = columns[label][name]
            row[f"{label}_share"] = columns[label][name] / amount if amount > 0 else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def schedule_funding(
    need_usd: ArrayLike,
    equity_usd: float,
    max_debt_to_equity_ratio: float,
    profile: str = "pro_rata",
) -> dict[str, np.ndarray]:
    """Fund a spending schedule year by year with equity calls and debt drawdowns.

    Equity calls: ``pro_rata`` calls ``equity × need_t ÷ Σ need`` each year (a fund calling
    capital as it invests); ``equity_first`` pays each year's need from equity until the
    equity is used up. Either way a call never exceeds the year's need.
    Debt: lenders lend up to ``ratio × equity paid in so far`` in total; each year draws what
    the equity left uncovered, within what is still available.
    Gap: ``need − equity call − debt drawdown`` (≥ 0), the money still to be found.

    Args:
        need_usd: spending per year, USD (≥ 0), e.g. ``program.spend_usd_by_year()`` values.
        equity_usd: equity committed in total, USD.
        max_debt_to_equity_ratio: debt per dollar of equity paid in.
        profile: ``"pro_rata"`` or ``"equity_first"``.

    Returns:
        Arrays per year: ``need_usd``, ``equity_call_usd``, ``debt_drawdown_usd``,
        ``funding_usd`` (equity + debt), ``gap_usd``, ``debt_need_usd`` (need − equity: what
        must be borrowed or raised from outside investors), ``cumulative_gap_usd``.
    """
    need = np.asarray(need_usd, dtype=float)
    if need.ndim != 1 or (need < 0).any():
        raise ValueError("need_usd must be a 1-D array of non-negative amounts")
    if equity_usd < 0 or max_debt_to_equity_ratio < 0:
        raise ValueError("equity_usd and max_debt_to_equity_ratio must be non-negative")
    total_need = need.sum()
    if profile == "pro_rata":
        share = need / total_need if total_need > 0 else np.zeros_like(need)
        equity = np.minimum(equity_usd * share, need)
    elif profile == "equity_first":
        paid_before = np.concatenate(([0.0], np.cumsum(need)[:-1]))
        equity = np.clip(equity_usd - paid_before, 0.0, need)
    else:
        raise ValueError(f"unknown equity call profile {profile!r}")
    debt = np.zeros_like(need)
    drawn = 0.0
    capacity = max_debt_to_equity_ratio * np.cumsum(equity)
    for t in range(need.size):
        debt[t] = max(0.0, min(need[t] - equity[t], capacity[t] - drawn))
        drawn += debt[t]
    funding = equity + debt
    gap = need - funding
    return {
        "need_usd": need,
        "equity_call_usd": equity,
        "debt_drawdown_usd": debt,
        "funding_usd": funding,
        "gap_usd": gap,
        "debt_need_usd": need - equity,
        "cumulative_gap_usd": np.cumsum(gap),
    }


def compute_funding_schedule(scenario: Scenario) -> pd.DataFrame:
    """Need, equity calls, debt drawdowns and the funding gap per programme year.

    Need is the programme's capex by year
    (:func:`stargate.model.programme.capex_usd_by_plan_year`, 2025-2030: the initial build of
    the modelled fleet, overruns in); equity is the partners' committed equity
    (:func:`total_equity_usd`) called as ``funding.equity_call_profile`` says; debt is capped
    at ``funding.max_debt_to_equity_ratio`` × equity paid in (see :func:`schedule_funding`).

    Returns:
        DataFrame indexed by calendar ``year`` with the columns of :func:`schedule_funding`.
    """
    spend = programme.capex_usd_by_plan_year(scenario)
    result = schedule_funding(
        list(spend.values()),
        total_equity_usd(scenario),
        scenario.funding.max_debt_to_equity_ratio,
        scenario.funding.equity_call_profile,
    )
    table = pd.DataFrame(result, index=pd.Index(list(spend), name="year"))
    return table


def sweep_debt_to_equity(scenario: Scenario, ratios: Sequence[float]) -> pd.DataFrame:
    """Total debt and funding gap over the programme for each lender leverage in ``ratios``.

    Returns:
        Columns ``max_debt_to_equity_ratio``, ``debt_usd``, ``funding_gap_usd``,
        ``gap_share_of_programme`` (fraction).
    """
    need = list(programme.capex_usd_by_plan_year(scenario).values())
    capex = sum(need)
    equity = total_equity_usd(scenario)
    rows = []
    for ratio in ratios:
        result = schedule_funding(need, equity, float(ratio), scenario.funding.equity_call_profile)
        gap = float(result["gap_usd"].sum())
        rows.append(
            {
                "max_debt_to_equity_ratio": float(ratio),
                "debt_usd": float(result["debt_drawdown_usd"].sum()),
                "funding_gap_usd": gap,
                "gap_share_of_programme": gap / capex if capex > 0 else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def compare_call_profiles(scenario: Scenario) -> pd.DataFrame:
    """The funding gap per year under each equity call profile (same equity and leverage).

    Returns:
        DataFrame indexed by ``year``, one column of gap (USD) per profile.
    """
    spend = programme.capex_usd_by_plan_year(scenario)
    equity = total_equity_usd(scenario)
    ratio = scenario.funding.max_debt_to_equity_ratio
    columns = {
        profile: schedule_funding(list(spend.values()), equity, ratio, profile)["gap_usd"]
        for profile in ("pro_rata", "equity_first")
    }
    return pd.DataFrame(columns, index=pd.Index(list(spend), name="year"))


def list_leverage_ratios(scenario: Scenario) -> list[float]:
    """Lender leverages worth sweeping, debt per dollar of equity.

    None, 1×, Abilene's range and point, 3–6×, the leverage that closes the gap, and 10×.

    Returns:
        Debt per dollar of equity, in the order the report plots them (not sorted).
    """
    abilene = facts.get("abilene_debt_to_equity_derived")
    return [
        0.0,
        1.0,
        abilene.low,
        abilene.value,
        abilene.high,
        3.0,
        4.0,
        6.0,
        summarize_funding(scenario)["debt_to_equity_ratio"],
        10.0,
    ]


def shared_headline_figures(scenario: Scenario) -> dict[str, tuple[float, str, str]]:
    """The funding figure every report that shows it publishes: name → (value, unit, label).

    ``funding_gap_usd``: the programme's capex that neither the partners' equity nor the debt
    lenders add beside it covers (:func:`summarize_funding`), before any revenue.
    """
    return {
        "funding_gap_usd": (
            summarize_funding(scenario)["funding_gap_usd"],
            "USD",
            "Funding gap: capex no named equity or debt covers",
        )
    }
