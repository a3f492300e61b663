"""Tests of the funding model (stack, schedule, leverage): figures worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stargate import facts
from stargate.model import funding, parties
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


def test_funding_stack_table_sums(base):
    stack = funding.compute_funding_stack(base)
    assert stack["programme_usd"].sum() == pytest.approx(500 * BN)
    assert stack["first_tranche_usd"].sum() == pytest.approx(100 * BN)
    assert stack["programme_share"].sum() == pytest.approx(1.0)
    equity = stack[stack["kind"] == "equity"]
    assert equity["programme_usd"].sum() == pytest.approx(52 * BN)
    # 52 / 500 = 10.4 % of the programme; 52 / 100 = 52 % of the first tranche.
    assert equity["programme_share"].sum() == pytest.approx(0.104)
    assert equity["first_tranche_share"].sum() == pytest.approx(0.52)
    gap = stack.set_index("layer").loc["Unfunded gap"]
    assert gap["programme_usd"] == pytest.approx((500 - 52 * (1 + ABILENE_RATIO)) * BN, rel=1e-6)
    assert gap["first_tranche_usd"] == pytest.approx(0.0)


def test_summary_headlines(base):
    s = funding.summarize_funding(base)
    assert s["equity_committed_usd"] == 52 * BN
    assert s["equity_share_of_programme"] == pytest.approx(52 / 500)
    assert s["equity_share_of_first_tranche"] == pytest.approx(52 / 100)
    assert s["debt_to_equity_ratio"] == pytest.approx(448 / 52)
    # Over the schedule the gap is the same as the stack's: capacity never exceeds the need.
    assert s["funding_gap_usd"] == pytest.approx((500 - 52 * (1 + ABILENE_RATIO)) * BN, rel=1e-6)
    assert s["debt_usd"] == pytest.approx(52 * ABILENE_RATIO * BN, rel=1e-6)


def test_base_schedule_by_hand(base):
    sched = funding.compute_funding_schedule(base)
    assert list(sched.index) == [2025, 2026, 2027, 2028]
    # Need: $100bn in 2025, then (500 − 100) / 3 = 133.33 a year.
    assert sched["need_usd"].tolist() == pytest.approx([100 * BN] + [400 / 3 * BN] * 3)
    # Pro rata: equity called = 52 × need / 500 → 10.4 in 2025, 13.87 after.
    assert sched.loc[2025, "equity_call_usd"] == pytest.approx(10.4 * BN)
    # Debt = 1.678571 × 10.4 = 17.457; gap = 100 − 10.4 − 17.457 = 72.143.
    assert sched.loc[2025, "debt_drawdown_usd"] == pytest.approx(10.4 * ABILENE_RATIO * BN)
    assert sched.loc[2025, "gap_usd"] == pytest.approx(72.142857 * BN, rel=1e-6)
    assert sched.loc[2025, "debt_need_usd"] == pytest.approx(89.6 * BN)


@pytest.mark.parametrize("profile", ["pro_rata", "equity_first"])
def test_gap_is_need_minus_funding_every_year(profile):
    rng = np.random.default_rng(20250121)
    for _ in range(200):
        years = int(rng.integers(1, 10))
        need = rng.uniform(0, 200, size=years) * BN
        equity = float(rng.uniform(0, 300)) * BN
        ratio = float(rng.uniform(0, 5))
        out = funding.schedule_funding(need, equity, ratio, profile)
        np.testing.assert_allclose(
            out["gap_usd"], need - out["equity_call_usd"] - out["debt_drawdown_usd"], atol=1e-3
        )
        np.testing.assert_allclose(out["funding_usd"] + out["gap_usd"], need, atol=1e-3)
        assert (out["gap_usd"] >= -1e-3).all()
        assert (out["equity_call_usd"] <= need + 1e-3).all()
        # Equity called never exceeds what was committed; debt never exceeds ratio × equity.
        assert out["equity_call_usd"].sum() <= equity + 1e-3
        assert out["debt_drawdown_usd"].sum() <= ratio * out["equity_call_usd"].sum() + 1e-3


def test_schedule_gap_equals_need_minus_funding_in_the_scenario(base):
    sched = funding.compute_funding_schedule(base)
    for year, row in sched.iterrows():
        assert row["gap_usd"] == pytest.approx(
            row["need_usd"] - row["equity_call_usd"] - row["debt_drawdown_usd"]
        ), year


def test_removing_a_partner_moves_the_gap_by_hand(base):
    without_mgx = make(funding={"withdrawn_parties": ["mgx"]})
    assert parties.total_equity_usd(without_mgx) == 45 * BN  # 52 − 7
    sched = funding.compute_funding_schedule(without_mgx)
    # 2025: equity 45 × 0.2 = 9; debt 9 × 1.678571 = 15.107; gap 100 − 24.107 = 75.893.
    assert sched.loc[2025, "gap_usd"] == pytest.approx(75.892857 * BN, rel=1e-6)
    # Total: 500 − 45 × 2.678571 = 379.464; it moves by 7 × 2.678571 = 18.75 vs base.
    total = sched["gap_usd"].sum()
    assert total == pytest.approx(379.464286 * BN, rel=1e-6)
    base_total = funding.compute_funding_schedule(base)["gap_usd"].sum()
    assert total - base_total == pytest.approx(18.75 * BN, rel=1e-6)
    # The party table says so and its stake no longer counts.
    table = parties.build_parties_table(without_mgx).set_index("party")
    assert table.loc["MGX", "commitment_usd"] == 0
    assert table.loc["MGX", "is_withdrawn"]
    assert table.loc["MGX", "commitment_kind"] == "withdrawn (scenario)"


def test_setting_a_partner_to_zero_equals_withdrawing_it():
    a = funding.compute_funding_schedule(make(funding={"oracle_equity_usd": 0.0}))
    b = funding.compute_funding_schedule(make(funding={"withdrawn_parties": ["oracle"]}))
    np.testing.assert_allclose(a["gap_usd"], b["gap_usd"])


def test_changing_the_schedule_moves_the_gap_by_hand():
    s = make(program={"deployment_shares": [0.1, 0.2, 0.3, 0.4]})
    sched = funding.compute_funding_schedule(s)
    # Pro rata, leverage not binding: gap_t = share_t × (500 − 52 × 2.678571) = share_t × 360.714.
    expected = [share * 360.714286 * BN for share in (0.1, 0.2, 0.3, 0.4)]
    assert sched["gap_usd"].tolist() == pytest.approx(expected, rel=1e-6)


def test_equity_first_by_hand():
    s = make(funding={"equity_call_profile": "equity_first"})
    sched = funding.compute_funding_schedule(s)
    # 2025: need 100 → equity 52, debt 48 (capacity 87.29) → gap 0.
    # 2026: no equity left; 87.29 − 48 = 39.29 of debt → gap 133.33 − 39.29 = 94.05.
    # 2027, 2028: nothing left → gap 133.33 each.
    cap = 52 * ABILENE_RATIO
    expected = [0.0, (400 / 3 - (cap - 48)) * BN, 400 / 3 * BN, 400 / 3 * BN]
    assert sched["gap_usd"].tolist() == pytest.approx(expected, rel=1e-6, abs=1.0)
    assert sched["equity_call_usd"].tolist() == pytest.approx([52 * BN, 0, 0, 0])


def test_more_equity_than_need_leaves_no_gap():
    out = funding.schedule_funding([10 * BN, 20 * BN], 100 * BN, 2.0, "pro_rata")
    assert out["gap_usd"].tolist() == [0.0, 0.0]
    assert out["equity_call_usd"].tolist() == [10 * BN, 20 * BN]
    assert out["debt_drawdown_usd"].tolist() == [0.0, 0.0]


def test_leverage_sweep_is_monotone(base):
    sweep = funding.sweep_debt_to_equity(base, [0.0, 1.0, 2.0, 448 / 52, 20.0])
    gaps = sweep["funding_gap_usd"].tolist()
    assert gaps[0] == pytest.approx(448 * BN)  # no debt: 500 − 52
    assert gaps[1] == pytest.approx(396 * BN)  # 500 − 52 × 2
    assert all(a >= b for a, b in zip(gaps, gaps[1:], strict=False))
    assert gaps[3] == pytest.approx(0.0, abs=1.0)  # the required leverage closes it
    assert gaps[4] == pytest.approx(0.0, abs=1.0)
