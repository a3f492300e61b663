"""Funding: the partners' equity, named project finance, the gap, and the debt that could close it.

The model in one paragraph: the venture's cash need — the programme's capex, IT refreshes and
running costs less OpenAI's payments, up to the year the venture is most out of pocket — is met
first by the partners' reported equity ($19bn + $19bn + ~$7bn + ~$7bn), then by the money named
lenders, lessors and developers have put into the programme's sites, each tied to the layer it
pays for. What is left is the **funding gap**: cash need no equity or named funder covers, money
that has to come from investors or lenders not yet named. Then, conditionally: the debt the
venture could raise at ``max_debt_to_equity_ratio`` dollars per dollar of equity (Abilene's
leverage by default; no lender is named), net of the named loans that leverage already counts,
and what would be left if it were raised. The reconciliation itself is
:func:`stargate.model.capital_structure.reconcile_venture_funding`; this module publishes its
figures and sweeps its leverage. The gap is a measure of what is missing from the reported
commitments, not a forecast that the money will not be found.

Pure functions of a validated :class:`~stargate.scenario.Scenario` (``scenario.funding``,
``scenario.program``), plus :func:`stack_funding` over plain numbers, checkable by hand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from stargate import facts
from stargate.model import capital_structure, programme
from stargate.model.parties import total_equity_usd
from stargate.scenario import Scenario


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
    """Headline figures of the funding stack, from the one reconciliation.

    Returns:
        ``equity_committed_usd`` (partners still in), ``programme_usd`` (the programme's
        capex, :func:`stargate.model.programme.programme_capex_usd`), ``commitment_usd`` (the
        announced $500bn, ``scenario.program``), ``first_tranche_usd`` (``scenario.program``),
        ``equity_share_of_programme`` (equity ÷ programme capex, not capped: above 1 where the
        equity exceeds the programme, as in the article's case) and
        ``equity_share_of_first_tranche`` (equity ÷ the first tranche, capped at 1),
        ``cash_need_usd`` (the venture's cash need at its peak),
        ``named_finance_usd`` (named funders' money counted), ``funding_gap_usd`` (cash need no
        equity or named funder covers: the headline), ``max_debt_to_equity_ratio`` (the
        scenario's assumed leverage), ``named_debt_usd`` (the named loans counted),
        ``debt_capacity_usd`` (debt that leverage leaves room for beside the named loans),
        ``debt_usd`` (the part of it the gap would take), ``left_after_debt_usd`` (the gap less
        that debt), ``debt_to_equity_ratio`` (the leverage at which that debt closes the gap:
        (gap + named loans) ÷ (equity + named owners' capital) , ≥ 0; ``inf`` without equity)
        and ``peak_year``.
    """
    program = scenario.program
    equity = total_equity_usd(scenario)
    capex = programme.programme_capex_usd(scenario)
    first = stack_funding(
        program.initial_tranche_usd, equity, scenario.funding.max_debt_to_equity_ratio
    )
    rec = capital_structure.reconcile_venture_funding(scenario)
    named_lines = rec.lines[rec.lines["line_id"].str.startswith("named_")]
    is_debt = rec.named["is_debt"].to_numpy(dtype=bool) if not rec.named.empty else []
    named_debt = float(named_lines["amount_usd"].to_numpy()[is_debt].sum())
    named_equity = rec.named_usd() - named_debt
    gap = rec.value("funding_gap")
    base = min(equity, rec.value("cash_need")) + named_equity
    if base > 0:
        closing = max(0.0, (gap + named_debt) / base)
    else:
        closing = float("inf") if gap > 0 else 0.0
    return {
        "equity_committed_usd": equity,
        "programme_usd": capex,
        "commitment_usd": program.total_commitment_usd,
        "first_tranche_usd": program.initial_tranche_usd,
        "equity_share_of_programme": equity / capex if capex > 0 else float("nan"),
        "equity_share_of_first_tranche": (
            first["equity_usd"] / program.initial_tranche_usd
            if program.initial_tranche_usd > 0
            else float("nan")
        ),
        "cash_need_usd": rec.value("cash_need"),
        "named_finance_usd": rec.named_usd(),
        "funding_gap_usd": gap,
        "max_debt_to_equity_ratio": scenario.funding.max_debt_to_equity_ratio,
        "named_debt_usd": named_debt,
        "debt_capacity_usd": rec.debt_capacity_usd,
        "debt_usd": rec.value("assumed_debt"),
        "left_after_debt_usd": rec.value("left_after_debt"),
        "debt_to_equity_ratio": closing,
        "peak_year": float(rec.peak_year),
    }


def sweep_debt_to_equity(scenario: Scenario, ratios: Sequence[float]) -> pd.DataFrame:
    """What is left of the venture's funding gap if it borrows at each leverage in ``ratios``.

    The funding gap itself (cash need no equity or named funder covers) does not depend on the
    leverage; the debt the venture could raise beside the named loans does.

    Returns:
        Columns ``max_debt_to_equity_ratio``, ``debt_usd`` (the debt the gap would take),
        ``funding_gap_usd`` (the same for every ratio), ``left_after_debt_usd``,
        ``left_share_of_need`` (fraction of the cash need at its peak).
    """
    rows = []
    for ratio in ratios:
        rec = capital_structure.reconcile_venture_funding(scenario, float(ratio))
        need = rec.value("cash_need")
        left = rec.value("left_after_debt")
        rows.append(
            {
                "max_debt_to_equity_ratio": float(ratio),
                "debt_usd": rec.value("assumed_debt"),
                "funding_gap_usd": rec.value("funding_gap"),
                "left_after_debt_usd": left,
                "left_share_of_need": left / need if need > 0 else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def list_leverage_ratios(scenario: Scenario) -> list[float]:
    """Lender leverages worth sweeping, debt per dollar of equity.

    None, 1×, Abilene's range and point, 3–6×, the leverage that closes the gap (when finite),
    and 10×.

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
        *(
            [closing]
            if math.isfinite(closing := summarize_funding(scenario)["debt_to_equity_ratio"])
            else []
        ),
        10.0,
    ]


def shared_headline_figures(scenario: Scenario) -> dict[str, tuple[float, str, str]]:
    """The funding figure every report that shows it publishes: name → (value, unit, label).

    ``funding_gap_usd``: the gap line of the one reconciliation
    (:func:`stargate.model.capital_structure.reconcile_venture_funding`): the venture's cash
    need after revenue that no equity or named funder covers (no assumed debt in it).
    """
    return {
        "funding_gap_usd": (
            summarize_funding(scenario)["funding_gap_usd"],
            "USD",
            FUNDING_GAP_LABEL,
        )
    }


#: The headline label of the venture's funding gap (the reconciliation's gap line).
FUNDING_GAP_LABEL = "The venture's funding gap: cash need no equity or named funder covers"
