"""Tests of the funding model (first tranche, headline figures, leverage): worked by hand."""

from __future__ import annotations

import math

import pytest

from stargate import facts
from stargate.model import funding, programme
from stargate.scenario import from_parameters

BN = 1e9
# Abilene's financing: loans 2.3 + 7.1 = 9.4 ($bn) in a JV of 3.4 + 11.6 = 15 → equity 5.6.
ABILENE_RATIO = 9.4 / 5.6  # = 1.678571…


def make(**groups):
    """A scenario from parameter groups merged onto base (as papermill injects them)."""
    return from_parameters(groups)


@pytest.fixture(scope="module")
def base():
    return make()


def test_base_leverage_is_abilene(base):
    assert base.funding.max_debt_to_equity_ratio == pytest.approx(ABILENE_RATIO, rel=1e-6)
    fact = facts.get("abilene_debt_to_equity_derived")
    # Range: phase 2 alone 7.1 / (11.6 − 7.1); phase 1 alone 2.3 / (3.4 − 2.3).
    assert fact.low == pytest.approx(7.1 / 4.5, rel=1e-6)
    assert fact.high == pytest.approx(2.3 / 1.1, rel=1e-6)
    # The inputs it is derived from really give those numbers.
    loans = facts.value("abilene_loan_phase1") + facts.value("abilene_loan_phase2")
    assert loans / (facts.value("abilene_jv_15bn") - loans) == pytest.approx(fact.value, rel=1e-6)


def test_stack_funding_by_hand():
    r = ABILENE_RATIO
    got = funding.stack_funding(500 * BN, 52 * BN, r)
    # debt = 52 × 1.678571 = 87.2857; gap = 500 − 52 − 87.2857 = 360.714.
    assert got["equity_usd"] == 52 * BN
    assert got["debt_usd"] == pytest.approx(87.285714 * BN, rel=1e-6)
    assert got["gap_usd"] == pytest.approx(360.714286 * BN, rel=1e-6)
    # leverage that closes the gap with debt alone: (500 − 52) / 52 = 8.615.
    assert got["debt_to_equity_ratio"] == pytest.approx(448 / 52)
    # First tranche: 100 − 52 = 48 of debt is within the 87.3 lenders offer → no gap.
    first = funding.stack_funding(100 * BN, 52 * BN, r)
    assert first["debt_usd"] == pytest.approx(48 * BN)
    assert first["gap_usd"] == 0
    assert first["debt_to_equity_ratio"] == pytest.approx(48 / 52)
    # No equity: nothing to lend against.
    none = funding.stack_funding(100 * BN, 0.0, r)
    assert none["gap_usd"] == 100 * BN
    assert math.isinf(none["debt_to_equity_ratio"])


def reconciliation(scenario):
    from stargate.model import capital_structure

    return capital_structure.reconcile_venture_funding(scenario)


# Hand-worked base figures. Named funders tied to the model's layer capex at their sites
# (PUE 1.3, $16.25m of facility per MW of IT = $15bn ÷ (1.2 GW ÷ 1.3)), every named site
# energised by the 2028 peak:
#   Abilene (1.2 GW): facility 1200 / 1.3 × 16.25m = 15.0bn → JPMorgan 9.4, JV equity 5.6;
#   Shackelford (1.4 GW): 1400 / 1.3 × 16.25m = 17.5bn → the $23.25bn loan counts 17.5
#     and Vantage's own 1.75 finds no room;
#   Port Washington (1 GW): 1000 / 1.3 × 16.25m = 12.5bn → the $14.75bn loan counts 12.5;
#   Doña Ana (2.5 GW): the $18bn loan package fits its facility capex, 2500 / 1.3 × 16.25m
#     = 31.25bn.
# Oracle's $40bn of Abilene GPUs is not counted: the venture earns those GPUs' rent.
# Named total 63.0bn, of which loans 9.4 + 17.5 + 12.5 + 18 = 57.4 and owners' capital 5.6.
ABILENE_FACILITY = 1200 / 1.3 * 16.25e6
NAMED_LOANS = 9.4 * BN + 1400 / 1.3 * 16.25e6 + 1000 / 1.3 * 16.25e6 + 18 * BN
NAMED_OWNERS = ABILENE_FACILITY - 9.4 * BN
NAMED_BASE = NAMED_LOANS + NAMED_OWNERS


def test_summary_headlines(base):
    s = funding.summarize_funding(base)
    total = programme.programme_capex_usd(base)
    assert s["programme_usd"] == pytest.approx(total)
    assert s["commitment_usd"] == 500 * BN
    assert s["equity_committed_usd"] == 52 * BN
    assert s["equity_share_of_programme"] == pytest.approx(52 * BN / total)
    assert s["equity_share_of_first_tranche"] == pytest.approx(52 / 100)
    need = s["cash_need_usd"]
    assert s["named_finance_usd"] == pytest.approx(NAMED_BASE, rel=1e-4)
    assert NAMED_BASE == pytest.approx(63.0 * BN, rel=1e-4)
    # The headline gap: need − 52 of equity − 63.0 named; no assumed debt in it.
    assert s["funding_gap_usd"] == pytest.approx(need - 52 * BN - NAMED_BASE, rel=1e-6)
    # Then the debt Abilene's leverage leaves room for beside the named loans:
    # 1.6786 × (52 + 5.6) − 57.4 = 39.29, all of it taken by the gap.
    capacity = ABILENE_RATIO * (52 * BN + NAMED_OWNERS) - NAMED_LOANS
    assert s["named_debt_usd"] == pytest.approx(NAMED_LOANS, rel=1e-6)
    assert s["debt_usd"] == pytest.approx(capacity, rel=1e-5)
    assert s["left_after_debt_usd"] == pytest.approx(
        need - 52 * BN - NAMED_BASE - capacity, rel=1e-5
    )
    # The leverage at which that debt closes the gap: (gap + named loans) / (52 + 5.6).
    assert s["debt_to_equity_ratio"] == pytest.approx(
        (need - 52 * BN - NAMED_BASE + NAMED_LOANS) / (52 * BN + NAMED_OWNERS), rel=1e-6
    )
    assert s["funding_gap_usd"] == reconciliation(base).value("funding_gap")


def test_the_headline_gap_is_the_reconciliation_gap_line(base):
    (value, unit, label) = funding.shared_headline_figures(base)["funding_gap_usd"]
    rec = reconciliation(base)
    assert value == rec.value("funding_gap")
    assert rec.lines.set_index("line_id").loc["funding_gap", "kind"] == "gap"
    assert unit == "USD" and "funding gap" in label and "named funder" in label
    assert "debt" not in label  # the assumed debt is not in it


def test_leverage_sweep_is_monotone_and_closes_where_summarised(base):
    s = funding.summarize_funding(base)
    closing = s["debt_to_equity_ratio"]
    sweep = funding.sweep_debt_to_equity(base, [0.0, 1.0, closing, 20.0])
    left = sweep["left_after_debt_usd"].tolist()
    gap = s["funding_gap_usd"]
    # The gap itself does not move with the leverage.
    assert sweep["funding_gap_usd"].tolist() == pytest.approx([gap] * 4)
    # No leverage, or 1× (54.1 of room less 50.5 of named loans = 3.66): what is left by hand.
    assert left[0] == pytest.approx(gap)
    assert left[1] == pytest.approx(gap - (52 * BN + NAMED_OWNERS - NAMED_LOANS), rel=1e-6)
    assert all(a >= b for a, b in zip(left, left[1:], strict=False))
    assert left[2] == pytest.approx(0.0, abs=1e3)
    assert left[3] == 0.0
    assert closing in funding.list_leverage_ratios(base)


def test_removing_a_partner_moves_the_gap_by_its_equity(base):
    without_mgx = funding.summarize_funding(make(funding={"withdrawn_parties": ["mgx"]}))
    with_mgx = funding.summarize_funding(base)
    # MGX's 7 of equity is gone from the sources: the gap grows by 7, and what is left after
    # the assumed debt by 7 and the 7 × 1.6786 of debt it would have supported.
    assert without_mgx["funding_gap_usd"] == pytest.approx(
        with_mgx["funding_gap_usd"] + 7 * BN, rel=1e-9
    )
    assert without_mgx["left_after_debt_usd"] == pytest.approx(
        with_mgx["left_after_debt_usd"] + 7 * (1 + ABILENE_RATIO) * BN, rel=1e-6
    )


def test_setting_a_partner_to_zero_equals_withdrawing_it():
    a = funding.summarize_funding(make(funding={"oracle_equity_usd": 0.0}))
    b = funding.summarize_funding(make(funding={"withdrawn_parties": ["oracle"]}))
    assert a["funding_gap_usd"] == pytest.approx(b["funding_gap_usd"])
