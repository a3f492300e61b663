"""Tests of the funding model (stack, schedule, leverage): figures worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stargate import facts
from stargate.model import funding, parties, programme
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


def capex(scenario):
    """The programme's capex (the funding need), and per plan year, from the programme model."""
    return programme.programme_capex_usd(scenario), programme.capex_usd_by_plan_year(scenario)


def test_funding_stack_table_sums(base):
    stack = funding.compute_funding_stack(base)
    total, _ = capex(base)
    assert stack["programme_usd"].sum() == pytest.approx(total)
    assert stack["first_tranche_usd"].sum() == pytest.approx(100 * BN)
    assert stack["programme_share"].sum() == pytest.approx(1.0)
    equity = stack[stack["kind"] == "equity"]
    assert equity["programme_usd"].sum() == pytest.approx(52 * BN)
    # 52 / capex of the programme; 52 / 100 = 52 % of the first tranche.
    assert equity["programme_share"].sum() == pytest.approx(52 * BN / total)
    assert equity["first_tranche_share"].sum() == pytest.approx(0.52)
    gap = stack.set_index("layer").loc["Unfunded gap"]
    assert gap["programme_usd"] == pytest.approx(total - 52 * (1 + ABILENE_RATIO) * BN, rel=1e-6)
    assert gap["first_tranche_usd"] == pytest.approx(0.0)


def test_summary_headlines(base):
    s = funding.summarize_funding(base)
    total, _ = capex(base)
    assert s["programme_usd"] == pytest.approx(total)
    assert s["commitment_usd"] == 500 * BN
    assert s["equity_committed_usd"] == 52 * BN
    assert s["equity_share_of_programme"] == pytest.approx(52 * BN / total)
    assert s["equity_share_of_first_tranche"] == pytest.approx(52 / 100)
    assert s["debt_to_equity_ratio"] == pytest.approx((total - 52 * BN) / (52 * BN))
    # Over the schedule the gap is the same as the stack's: capacity never exceeds the need.
    assert s["funding_gap_usd"] == pytest.approx(total - 52 * (1 + ABILENE_RATIO) * BN, rel=1e-6)
    assert s["debt_usd"] == pytest.approx(52 * ABILENE_RATIO * BN, rel=1e-6)


def test_base_schedule_by_hand(base):
    sched = funding.compute_funding_schedule(base)
    total, by_year = capex(base)
    assert list(sched.index) == [2025, 2026, 2027, 2028, 2029, 2030]
    # Need: the programme's capex per year (each site's build in its energisation year).
    assert sched["need_usd"].tolist() == pytest.approx(list(by_year.values()))
    # Pro rata: equity called = 52 × need / capex; debt = 1.678571 × that (lenders' capacity
    # binds every year, the need being far larger); gap = need × (1 − 52 × 2.678571 / capex).
    need_2025 = by_year[2025]
    assert sched.loc[2025, "equity_call_usd"] == pytest.approx(52 * BN * need_2025 / total)
    assert sched.loc[2025, "debt_drawdown_usd"] == pytest.approx(
        52 * BN * need_2025 / total * ABILENE_RATIO
    )
    kept = 1 - 52 * BN * (1 + ABILENE_RATIO) / total
    assert sched["gap_usd"].tolist() == pytest.approx([n * kept for n in by_year.values()])


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
    total, _ = capex(base)
    sched = funding.compute_funding_schedule(without_mgx)
    # Total: capex − 45 × 2.678571; it moves by 7 × 2.678571 = 18.75 vs base.
    gap = sched["gap_usd"].sum()
    assert gap == pytest.approx(total - 45 * (1 + ABILENE_RATIO) * BN, rel=1e-6)
    base_total = funding.compute_funding_schedule(base)["gap_usd"].sum()
    assert gap - base_total == pytest.approx(18.75 * BN, rel=1e-6)
    # The party table says so and its stake no longer counts.
    table = parties.build_parties_table(without_mgx).set_index("party")
    assert table.loc["MGX", "commitment_usd"] == 0
    assert table.loc["MGX", "is_withdrawn"]
    assert table.loc["MGX", "commitment_kind"] == "withdrawn (scenario)"


def test_setting_a_partner_to_zero_equals_withdrawing_it():
    a = funding.compute_funding_schedule(make(funding={"oracle_equity_usd": 0.0}))
    b = funding.compute_funding_schedule(make(funding={"withdrawn_parties": ["oracle"]}))
    np.testing.assert_allclose(a["gap_usd"], b["gap_usd"])


def test_a_slip_moves_the_need_a_year_later():
    base_need = capex(make())[1]
    slipped = funding.compute_funding_schedule(make(programme={"slip_years": 1}))
    # Abilene phase 1 (GB200, 2025) is paid in 2026 instead; nothing is left in 2025.
    assert slipped.loc[2025, "need_usd"] == 0.0
    assert slipped.loc[2026, "need_usd"] > 0.0
    assert base_need[2025] > 0.0
    # Nothing of the slipped programme is built in 2030's place beyond the horizon: 2029 holds
    # what base builds in 2028.
    assert slipped.loc[2029, "need_usd"] > 0.0 and base_need[2029] == 0.0


def test_equity_first_by_hand():
    s = make(funding={"equity_call_profile": "equity_first"})
    sched = funding.compute_funding_schedule(s)
    _, by_year = capex(s)
    need = list(by_year.values())
    # Equity pays each year's need until the 52 is spent; lenders add up to 1.678571 × the
    # equity paid in so far, less what they already lent; the rest is gap.
    paid, drawn, calls, gaps = 0.0, 0.0, [], []
    for n in need:
        e = min(max(52 * BN - paid, 0.0), n)
        paid += e
        d = max(0.0, min(n - e, ABILENE_RATIO * paid - drawn))
        drawn += d
        calls.append(e)
        gaps.append(n - e - d)
    assert sched["equity_call_usd"].tolist() == pytest.approx(calls)
    assert sched["gap_usd"].tolist() == pytest.approx(gaps, rel=1e-5, abs=1.0)


def test_more_equity_than_need_leaves_no_gap():
    out = funding.schedule_funding([10 * BN, 20 * BN], 100 * BN, 2.0, "pro_rata")
    assert out["gap_usd"].tolist() == [0.0, 0.0]
    assert out["equity_call_usd"].tolist() == [10 * BN, 20 * BN]
    assert out["debt_drawdown_usd"].tolist() == [0.0, 0.0]


def test_leverage_sweep_is_monotone(base):
    sweep = funding.sweep_debt_to_equity(
        base, [0.0, 1.0, 2.0, (capex(base)[0] - 52 * BN) / (52 * BN), 20.0]
    )
    gaps = sweep["funding_gap_usd"].tolist()
    total, _ = capex(base)
    assert gaps[0] == pytest.approx(total - 52 * BN)  # no debt: capex − 52
    assert gaps[1] == pytest.approx(total - 104 * BN)  # capex − 52 × 2
    assert all(a >= b for a, b in zip(gaps, gaps[1:], strict=False))
    assert gaps[3] == pytest.approx(0.0, abs=1.0)  # the required leverage closes it
    assert gaps[4] == pytest.approx(0.0, abs=1.0)
