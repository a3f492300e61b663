"""Tests of the investor-roles model: every expected figure is worked out by hand below."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from stargate import facts
from stargate.model import investors
from stargate.present.formatting import format_jpy
from stargate.scenario import ScenarioError, from_parameters
from stargate.schema.funding import EQUITY_PARTIES, Funding

BN = 1e9
# Abilene's financing: loans 2.3 + 7.1 = 9.4 ($bn) in a JV of 3.4 + 11.6 = 15 → equity 5.6.
ABILENE_RATIO = 9.4 / 5.6  # = 1.678571…


def make(**groups):
    """A scenario from parameter groups merged onto base (as papermill injects them)."""
    return from_parameters(groups)


@pytest.fixture(scope="module")
def base():
    return make()


# --------------------------------------------------------------------------- schema


def test_base_equity_is_the_reported_split(base):
    # The Information (Jan 2025): SoftBank 19, OpenAI 19, Oracle ~7, MGX ~7 ($bn).
    assert investors.equity_usd_by_party(base) == {
        "softbank": 19 * BN,
        "openai": 19 * BN,
        "oracle": 7 * BN,
        "mgx": 7 * BN,
    }
    # 19 + 19 + 7 + 7 = 52, the register's derived total.
    assert investors.total_equity_usd(base) == 52 * BN
    assert investors.total_equity_usd(base) == facts.value("sg_eq_total_derived")


def test_base_leverage_is_abilene(base):
    assert base.funding.max_debt_to_equity_ratio == pytest.approx(ABILENE_RATIO, rel=1e-6)
    fact = facts.get("abilene_debt_to_equity_derived")
    # Range: phase 2 alone 7.1 / (11.6 − 7.1); phase 1 alone 2.3 / (3.4 − 2.3).
    assert fact.low == pytest.approx(7.1 / 4.5, rel=1e-6)
    assert fact.high == pytest.approx(2.3 / 1.1, rel=1e-6)
    # The inputs it is derived from really give those numbers.
    loans = facts.value("abilene_loan_phase1") + facts.value("abilene_loan_phase2")
    assert loans / (facts.value("abilene_jv_15bn") - loans) == pytest.approx(fact.value, rel=1e-6)


def test_stakes_reported_and_at_most_100_percent(base):
    stakes = investors.stake_by_party(base)
    assert stakes == {"softbank": 0.4, "openai": 0.4, "oracle": None, "mgx": None}
    with pytest.raises(ValidationError, match="stakes add up to more than 100 %"):
        Funding(softbank_stake_fraction=0.5, openai_stake_fraction=0.4, mgx_stake_fraction=0.2)
    # Exactly 100 % is allowed: 0.4 + 0.4 + 0.1 + 0.1.
    ok = Funding(oracle_stake_fraction=0.1, mgx_stake_fraction=0.1)
    assert sum(ok.stake_fraction(p) for p in EQUITY_PARTIES) == pytest.approx(1.0)


def test_stake_over_100_percent_is_one_line_in_a_scenario():
    with pytest.raises(ScenarioError) as err:
        make(funding={"softbank_stake_fraction": 0.9})
    assert len(err.value.problems) == 1
    assert "funding" in err.value.problems[0]
    assert "more than 100 %" in err.value.problems[0]


@pytest.mark.parametrize(
    "bad",
    [
        {"mgx_equity_usd": -1.0},
        {"withdrawn_parties": ["mgx", "mgx"]},
        {"withdrawn_parties": ["nvidia"]},
        {"equity_call_profile": "all_at_once"},
        {"max_debt_to_equity_ratio": -0.5},
        {"oracle_stake_fraction": 1.5},
    ],
)
def test_bad_funding_is_rejected(bad):
    with pytest.raises(ValidationError):
        Funding(**bad)


# --------------------------------------------------------------------------- funding stack


def test_stack_funding_by_hand():
    r = ABILENE_RATIO
    got = investors.stack_funding(500 * BN, 52 * BN, r)
    # debt = 52 × 1.678571 = 87.2857; gap = 500 − 52 − 87.2857 = 360.714.
    assert got["equity_usd"] == 52 * BN
    assert got["debt_usd"] == pytest.approx(87.285714 * BN, rel=1e-6)
    assert got["gap_usd"] == pytest.approx(360.714286 * BN, rel=1e-6)
    # leverage that closes the gap with debt alone: (500 − 52) / 52 = 8.615.
    assert got["debt_to_equity_ratio"] == pytest.approx(448 / 52)
    # First tranche: 100 − 52 = 48 of debt is within the 87.3 lenders offer → no gap.
    first = investors.stack_funding(100 * BN, 52 * BN, r)
    assert first["debt_usd"] == pytest.approx(48 * BN)
    assert first["gap_usd"] == 0
    assert first["debt_to_equity_ratio"] == pytest.approx(48 / 52)
    # No equity: nothing to lend against.
    none = investors.stack_funding(100 * BN, 0.0, r)
    assert none["gap_usd"] == 100 * BN
    assert math.isinf(none["debt_to_equity_ratio"])


def test_funding_stack_table_sums(base):
    stack = investors.compute_funding_stack(base)
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
    s = investors.summarize_funding(base)
    assert s["equity_committed_usd"] == 52 * BN
    assert s["equity_share_of_programme"] == pytest.approx(52 / 500)
    assert s["equity_share_of_first_tranche"] == pytest.approx(52 / 100)
    assert s["debt_to_equity_ratio"] == pytest.approx(448 / 52)
    # Over the schedule the gap is the same as the stack's: capacity never exceeds the need.
    assert s["funding_gap_usd"] == pytest.approx((500 - 52 * (1 + ABILENE_RATIO)) * BN, rel=1e-6)
    assert s["debt_usd"] == pytest.approx(52 * ABILENE_RATIO * BN, rel=1e-6)


# --------------------------------------------------------------------------- schedule


def test_base_schedule_by_hand(base):
    sched = investors.compute_funding_schedule(base)
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
        out = investors.schedule_funding(need, equity, ratio, profile)
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
    sched = investors.compute_funding_schedule(base)
    for year, row in sched.iterrows():
        assert row["gap_usd"] == pytest.approx(
            row["need_usd"] - row["equity_call_usd"] - row["debt_drawdown_usd"]
        ), year


def test_removing_a_partner_moves_the_gap_by_hand(base):
    without_mgx = make(funding={"withdrawn_parties": ["mgx"]})
    assert investors.total_equity_usd(without_mgx) == 45 * BN  # 52 − 7
    sched = investors.compute_funding_schedule(without_mgx)
    # 2025: equity 45 × 0.2 = 9; debt 9 × 1.678571 = 15.107; gap 100 − 24.107 = 75.893.
    assert sched.loc[2025, "gap_usd"] == pytest.approx(75.892857 * BN, rel=1e-6)
    # Total: 500 − 45 × 2.678571 = 379.464; it moves by 7 × 2.678571 = 18.75 vs base.
    total = sched["gap_usd"].sum()
    assert total == pytest.approx(379.464286 * BN, rel=1e-6)
    base_total = investors.compute_funding_schedule(base)["gap_usd"].sum()
    assert total - base_total == pytest.approx(18.75 * BN, rel=1e-6)
    # The party table says so and its stake no longer counts.
    parties = investors.build_parties_table(without_mgx).set_index("party")
    assert parties.loc["MGX", "commitment_usd"] == 0
    assert parties.loc["MGX", "commitment"].startswith("Withdrawn")


def test_setting_a_partner_to_zero_equals_withdrawing_it():
    a = investors.compute_funding_schedule(make(funding={"oracle_equity_usd": 0.0}))
    b = investors.compute_funding_schedule(make(funding={"withdrawn_parties": ["oracle"]}))
    np.testing.assert_allclose(a["gap_usd"], b["gap_usd"])


def test_changing_the_schedule_moves_the_gap_by_hand():
    s = make(program={"deployment_shares": [0.1, 0.2, 0.3, 0.4]})
    sched = investors.compute_funding_schedule(s)
    # Pro rata, leverage not binding: gap_t = share_t × (500 − 52 × 2.678571) = share_t × 360.714.
    expected = [share * 360.714286 * BN for share in (0.1, 0.2, 0.3, 0.4)]
    assert sched["gap_usd"].tolist() == pytest.approx(expected, rel=1e-6)


def test_equity_first_by_hand():
    s = make(funding={"equity_call_profile": "equity_first"})
    sched = investors.compute_funding_schedule(s)
    # 2025: need 100 → equity 52, debt 48 (capacity 87.29) → gap 0.
    # 2026: no equity left; 87.29 − 48 = 39.29 of debt → gap 133.33 − 39.29 = 94.05.
    # 2027, 2028: nothing left → gap 133.33 each.
    cap = 52 * ABILENE_RATIO
    expected = [0.0, (400 / 3 - (cap - 48)) * BN, 400 / 3 * BN, 400 / 3 * BN]
    assert sched["gap_usd"].tolist() == pytest.approx(expected, rel=1e-6, abs=1.0)
    assert sched["equity_call_usd"].tolist() == pytest.approx([52 * BN, 0, 0, 0])


def test_more_equity_than_need_leaves_no_gap():
    out = investors.schedule_funding([10 * BN, 20 * BN], 100 * BN, 2.0, "pro_rata")
    assert out["gap_usd"].tolist() == [0.0, 0.0]
    assert out["equity_call_usd"].tolist() == [10 * BN, 20 * BN]
    assert out["debt_drawdown_usd"].tolist() == [0.0, 0.0]


def test_leverage_sweep_is_monotone(base):
    sweep = investors.sweep_debt_to_equity(base, [0.0, 1.0, 2.0, 448 / 52, 20.0])
    gaps = sweep["funding_gap_usd"].tolist()
    assert gaps[0] == pytest.approx(448 * BN)  # no debt: 500 − 52
    assert gaps[1] == pytest.approx(396 * BN)  # 500 − 52 × 2
    assert all(a >= b for a, b in zip(gaps, gaps[1:], strict=False))
    assert gaps[3] == pytest.approx(0.0, abs=1.0)  # the required leverage closes it
    assert gaps[4] == pytest.approx(0.0, abs=1.0)


# --------------------------------------------------------------------------- parties, roles


def test_jpy_conversion(base):
    parties = investors.build_parties_table(base).set_index("party")
    # $19bn × 156 JPY/USD = 2,964,000,000,000 = 2.964兆円.
    assert base.display.jpy_per_usd == 156
    assert parties.loc["SoftBank", "commitment_jpy"] == pytest.approx(2.964e12)
    assert format_jpy(parties.loc["SoftBank", "commitment_jpy"], digits=3) == "2.964兆円"
    # MGX ~$7bn × 156 = 1.092兆円.
    assert parties.loc["MGX", "commitment_jpy"] == pytest.approx(1.092e12)


def test_every_party_figure_has_source_and_confidence(base):
    parties = investors.build_parties_table(base)
    assert parties["source"].str.len().min() > 0
    assert set(parties["confidence"]) <= {"H", "M-H", "M", "L-M", "L"}
    # NVIDIA's figure is the letter of intent, and says so.
    nvidia = parties.set_index("party").loc["NVIDIA"]
    assert nvidia["commitment_usd"] == 100 * BN
    assert "letter of intent" in nvidia["commitment"]


def test_a_scenario_figure_names_the_scenario_not_the_fact():
    s = make(funding={"softbank_equity_usd": 10 * BN})
    row = investors.build_parties_table(s).set_index("party").loc["SoftBank"]
    assert row["commitment_usd"] == 10 * BN
    assert row["confidence"] == "scenario"
    assert "scenario 'base'" in row["source"]


def test_roles_matrix():
    matrix = investors.build_roles_matrix()
    assert matrix.any(axis=1).all(), "every party holds a role"
    funders = sorted(matrix.index[matrix["Equity funder"]])
    assert funders == ["MGX", "OpenAI", "Oracle", "SoftBank"]
    assert matrix.loc["SoftBank", "Financial responsibility (chair)"]
    assert matrix.loc["OpenAI", "Operational responsibility"]
    tech = set(matrix.index[matrix["Technology partner"]])
    assert tech == {"Arm", "Microsoft", "NVIDIA", "Oracle", "OpenAI"}  # as announced
    evidence = investors.list_role_evidence()
    assert len(evidence) == int(matrix.to_numpy().sum())


# --------------------------------------------------------------------------- flows, exposure


def test_capex_dollar_split_matches_the_cost_model(base):
    from stargate.model import costs

    split = investors.split_capex_dollar(base).set_index("recipient")
    assert split["share_of_capex"].sum() == pytest.approx(1.0)
    parts = costs.capex_breakdown_usd(base)
    assert split.loc["Builders & power plant", "share_of_capex"] == pytest.approx(
        parts["facility"] / sum(parts.values())
    )
    assert split.loc["NVIDIA", "share_of_capex"] == pytest.approx(costs.nvidia_share_of_capex(base))
    assert split["programme_usd"].sum() == pytest.approx(500 * BN)


def test_payment_flows(base):
    flows = investors.list_payment_flows(base).set_index("payer")
    assert flows.loc["SoftBank, OpenAI, Oracle, MGX", "amount_usd"] == 52 * BN
    assert flows.loc["JPMorgan", "amount_usd"] == pytest.approx(9.4 * BN)  # 2.3 + 7.1
    assert (flows["source"].str.len() > 0).all()


def test_exposure(base):
    from stargate.model import costs

    exposure = investors.compute_exposure(base).set_index("party")
    # SoftBank: 19 of Stargate equity + 41 into OpenAI = 60.
    assert exposure.loc["SoftBank", "at_risk_usd"] == pytest.approx(60 * BN)
    assert exposure.loc["NVIDIA", "earns_usd"] == pytest.approx(
        costs.nvidia_share_of_capex(base) * 500 * BN
    )
    # Crusoe JV equity: 15 − 2.3 − 7.1 = 5.6.
    assert exposure.loc["Crusoe, Blue Owl & Primary Digital", "at_risk_usd"] == pytest.approx(
        5.6 * BN
    )
    assert exposure.loc["Lenders to the venture (modelled)", "at_risk_usd"] == pytest.approx(
        52 * ABILENE_RATIO * BN, rel=1e-6
    )


# --------------------------------------------------------------------------- Musk, timeline


def test_musk_check(base):
    table = investors.check_musk_claim(base)
    assert table.iloc[0]["who"] == "Elon Musk" and table.iloc[0]["kind"] == "claim"
    assert set(table["kind"]) == {"claim", "reported liquidity", "commitment", "later financing"}
    cash = table[(table["who"] == "SoftBank") & (table["kind"] == "reported liquidity")]
    assert cash["vs_musk_10bn"].item() == pytest.approx(2.43)  # 24.3 / 10
    liq = investors.check_softbank_liquidity(base)
    # Commitments 19 + 30 = 49 vs cash 24.3 → short by 24.7; raised 5.83 + 9.17 + 8.5 = 23.5.
    assert liq["commitments_usd"] == pytest.approx(49 * BN)
    assert liq["shortfall_usd"] == pytest.approx(24.7 * BN)
    assert liq["raised_usd"] == pytest.approx(23.5 * BN)


def test_label_timeline(base):
    timeline = investors.trace_label_timeline(base)
    assert timeline["date"].tolist() == sorted(timeline["date"])
    gw = timeline.dropna(subset=["gw"])
    plans = gw[gw["status"].str.startswith(("agreement", "plan"))]["gw"].tolist()
    assert plans == [5, 7, 8]  # >5 GW (Jul) → ~7 GW (Sep) → >8 GW (Oct 2025)
    nvidia = timeline[timeline["usd"] == 100 * BN]
    assert nvidia["status"].item() == "letter of intent"
    assert (timeline["confidence"] != "").all()


def test_a_scenario_needs_some_equity():
    with pytest.raises(ValidationError, match="no equity left"):
        Funding(withdrawn_parties=["softbank", "openai", "oracle", "mgx"])
    with pytest.raises(ValidationError, match="no equity left"):
        Funding(withdrawn_parties=["softbank", "openai"], oracle_equity_usd=0.0, mgx_equity_usd=0.0)


def test_only_facts_whose_value_is_used_are_recorded():
    facts.reset_used()
    investors.build_parties_table(make(funding={"softbank_equity_usd": 10 * BN}))
    used = facts.used()
    assert "sg_eq_softbank" not in used  # the scenario's $10bn replaced it
    assert {"sg_eq_openai", "sg_eq_oracle", "sg_eq_mgx", "sg_stake_softbank"} <= set(used)
