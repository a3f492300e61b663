"""The sustainability model: OpenAI's cash path, calibration, project economics, base rates.

Expected values are worked out by hand (the arithmetic is in the comments) or by an independent
method (numpy-financial, the cost model, explicit sums).
"""

from __future__ import annotations

import math
import re
from statistics import NormalDist

import numpy as np
import numpy_financial as npf
import pytest

from stargate import facts
from stargate.model import costs, finance, fleet_refresh, openai_path, reference_class, venture
from stargate.model import montecarlo as mc
from stargate.model import openai_plan as oplan
from stargate.model import project_economics as pe
from stargate.present import sustainability_report as report
from stargate.present import sustainability_tables as tables
from stargate.scenario import PARAMS_DIR, load_scenario

BN = 1e9


@pytest.fixture(scope="module")
def base():
    return load_scenario(PARAMS_DIR / "base.yaml")


def scenario(name: str):
    return load_scenario(PARAMS_DIR / f"{name}.yaml")


@pytest.fixture(scope="module")
def article():
    """The article's case: one 2025 batch of 700,000 H100, which the hand-worked tests need."""
    return scenario("article_case")


# --------------------------------------------------------------------------- revenue


def test_interpolate_geometric_by_hand() -> None:
    out = oplan.interpolate_geometric(
        {2024: 3.7, 2025: 13.0, 2028: 100.0, 2030: 200.0}, oplan.YEARS
    )
    # 2026 = 13 (100/13)^(1/3); 2027 = 13 (100/13)^(2/3); 2029 = sqrt(100 x 200).
    assert out == pytest.approx(
        [3.7, 13.0, 13 * (100 / 13) ** (1 / 3), 13 * (100 / 13) ** (2 / 3), 100, 200**0.5 * 10, 200]
    )
    with pytest.raises(ValueError):
        oplan.interpolate_geometric({2024: 1.0}, (2024,))
    with pytest.raises(ValueError):
        oplan.interpolate_geometric({2024: 1.0, 2025: 2.0}, (2026,))


def test_revenue_plan_uses_openai_anchors(base) -> None:
    plan = oplan.plan_revenue_usd(base)
    assert plan[0] == 3.7 * BN  # oa_rev_2024
    assert plan[1] == 13 * BN  # oa_rev_2025_target
    assert plan[4] == pytest.approx(100 * BN)  # oa_rev_proj_long_2028
    assert plan[6] == pytest.approx(200 * BN)  # oa_rev_proj_long_2030


def test_project_revenue_realises_a_share_of_growth(base) -> None:
    plan = oplan.plan_revenue_usd(base)
    half = oplan.project_revenue_usd(plan, 0.5)[0]
    # 2026: 13 x (1 + 0.5 x (25.659 / 13 - 1)) = 13 x 1.48688 = 19.329 ($bn)
    g26 = (100 / 13) ** (1 / 3) - 1
    assert half[2] == pytest.approx(13 * BN * (1 + 0.5 * g26))
    assert half[3] == pytest.approx(13 * BN * (1 + 0.5 * g26) ** 2)
    # k = 1 is the plan; k = 0 freezes revenue at the 2025 level.
    assert oplan.project_revenue_usd(plan, 1.0)[0] == pytest.approx(plan)
    assert oplan.project_revenue_usd(plan, 0.0)[0][1:] == pytest.approx([13 * BN] * 6)
    # Vectorised over realisations.
    assert oplan.project_revenue_usd(plan, np.array([0.0, 0.5, 1.0])).shape == (3, 7)


# --------------------------------------------------------------------------- cash path


def test_cash_path_hand_worked_years(base) -> None:
    # At the register's contract price the plan's budget holds Stargate's payments exactly as
    # the plan counts them (S = S_ref), so OpenAI's plan as projected (before its other clouds'
    # contracts, which exceed the budget: tests/test_openai_compute.py) can be worked by hand.
    # Only in 2026 do the payments (every hour at market rent: the contract starts in 2027)
    # exceed the budget, and the excess is paid on top (test_openai_flows_small_numbers).
    path = openai_path.compute_openai_path(base, other_clouds=False)
    excess = (path["stargate_usd"] - path["compute_budget_usd"]).clip(lower=0.0)
    assert (path["above_budget_usd"] - excess).abs().max() < 1.0  # dollars: float noise only
    assert excess.drop(2026).max() == 0.0 and excess[2026] > 0
    n = facts.value("oa_non_cash_cost_share_derived")  # 1 - 145/174
    # 2024: compute 7 + staff 1.5 + revenue share 0.2 x 3.7 = 9.24; loss 9.24 - 3.7 = 5.54;
    # burn = 9.24 (1 - n) - 3.7.
    costs_2024 = 7 + 1.5 + 0.2 * 3.7
    assert path.loc[2024, "operating_loss_usd"] == pytest.approx((costs_2024 - 3.7) * BN)
    assert path.loc[2024, "cash_burn_usd"] == pytest.approx((costs_2024 * (1 - n) - 3.7) * BN)
    # 2028 is the anchor: costs = 100 + 74 = 174, loss 74, burn 174 x 5/6 - 100 = 45.
    assert path.loc[2028, "operating_loss_usd"] == pytest.approx(74 * BN)
    assert path.loc[2028, "cash_burn_usd"] == pytest.approx(45 * BN, rel=1e-5)
    # 2026: costs before revenue share per planned dollar, geometric between 2024 (8.5 / 3.7)
    # and 2028 (154 / 100): halfway = sqrt(2.2973 x 1.54) = 1.8809; revenue 25.659;
    # costs = 1.8809 x 25.659 + 0.2 x 25.659 = 53.40; loss 27.74; burn 53.40 x 5/6 - 25.66.
    rev = 13 * (100 / 13) ** (1 / 3)
    ratio = math.sqrt(8.5 / 3.7 * 1.54)
    costs_2026 = ratio * rev + 0.2 * rev
    assert path.loc[2026, "operating_loss_usd"] == pytest.approx(
        (costs_2026 - rev) * BN + excess[2026]
    )
    assert path.loc[2026, "cash_burn_usd"] == pytest.approx(
        (costs_2026 * (1 - n) - rev) * BN + excess[2026]
    )
    # 2030: break-even by construction (fixed costs 0.8 x 200 + revenue share 0.2 x 200).
    assert path.loc[2030, "operating_loss_usd"] == pytest.approx(0, abs=1e-3)
    # Losses and burn are different measures: burn is smaller whenever costs are positive.
    assert (path["cash_burn_usd"] < path["operating_loss_usd"]).all()


def test_openai_flows_small_numbers() -> None:
    # Revenue 5 on a plan of 10, fixed plan 20, half flexible: fixed = 20 x (0.5 + 0.5 x 0.5) =
    # 15; planned compute 0.5 x 15 = 7.5 < Stargate 30 -> compute 30, above the budget 22.5;
    # other 7.5; revenue share 1; costs 38.5; loss 33.5. Non-cash: a quarter of the planned
    # costs, 0.25 x (15 + 1) = 4 (the 22.5 beyond the budget is cash); burn 38.5 - 4 - 5 = 29.5.
    kw = dict(
        revenue_share_rate=0.2,
        flexible_cost_share=0.5,
        non_cash_cost_share=0.25,
        compute_share_of_fixed_costs=0.5,
    )
    out = oplan.compute_openai_flows(
        np.array([5.0]), np.array([10.0]), np.array([20.0]), np.array([30.0]), **kw
    )
    assert out["compute_usd"][0] == 30
    assert out["above_budget_usd"][0] == 22.5
    assert out["other_costs_usd"][0] == 7.5
    assert out["operating_loss_usd"][0] == pytest.approx(33.5)
    assert out["cash_burn_usd"][0] == pytest.approx(29.5)
    lean = oplan.compute_openai_cash_burn_usd(
        np.array([5.0]), np.array([10.0]), np.array([20.0]), np.array([30.0]), **kw
    )
    assert lean[0] == pytest.approx(29.5)


def test_calibration_within_stated_tolerance(base) -> None:
    table = openai_path.compare_with_reported(base)
    tested = table[table["within_tolerance"] != "not tested"]
    assert len(tested) == 7
    for row in tested.itertuples():
        # The stated tolerance, checked independently of the table's own flag.
        assert abs(row.model_usd / row.reported_usd - 1) <= row.tolerance, row.point
    # The stated tolerances: 40 % per year of burn, 10 % cumulative, 15 % for the 2024 loss.
    tol = dict(zip(table["point"], table["tolerance"], strict=True))
    assert tol["Cash burn 2025-2029"] == 0.10 and tol["Loss 2024"] == 0.15
    assert openai_path.first_cash_positive_year(base) == facts.value(
        "oa_burn_to_2029_cash_positive_year"
    )


def test_derived_rows_are_their_arithmetic() -> None:
    assert facts.value("oa_non_cash_cost_share_derived") == pytest.approx(1 - 145 / 174, abs=1e-6)
    assert facts.value("oa_compute_share_2024_derived") == pytest.approx(7 / 8.5, abs=1e-6)
    assert facts.value("as_oa_flexible_cost_share") == pytest.approx(4 / 8.5, abs=1e-6)
    assert facts.value("rc_facility_overrun_weighted_derived") == pytest.approx(
        0.53 * 0.16 + 0.47 * 0.62
    )
    # The IT lognormal fit meets its two conditions: P(overrun >= 0.5) = 0.18, mean = 0.73.
    median = facts.value("rc_it_lognormal_median_derived")
    sigma = math.log(facts.value("rc_it_lognormal_p90_derived") / median) / 1.2815515655446004
    tail = 1 - NormalDist().cdf(math.log(0.5 / median) / sigma)
    assert tail == pytest.approx(0.18, abs=0.005)
    assert median * math.exp(sigma**2 / 2) == pytest.approx(0.73, rel=0.01)


# --------------------------------------------------------------------------- funding and runway


def test_runway_is_cash_minus_burn_and_calls(base) -> None:
    runway = openai_path.compute_runway(base)
    cash = 10 * BN  # sg_partner_cash_openai
    for year, row in runway.iterrows():
        cash += row.committed_rounds_usd - row.cash_burn_usd - row.equity_calls_usd
        assert row.cash_end_usd == pytest.approx(cash), year
    # The SoftBank-led round: $10bn + $30bn in 2025; NVIDIA's LOI only announced, $10bn per GW
    # the programme energises from 2026: 10 GW less Abilene phase 1's 0.206 (2025) = 9.794 GW
    # in the horizon → $97.94bn (test_nvidia_loi_arrives_per_gw_deployed has the years).
    assert runway.loc[2025, "committed_rounds_usd"] == 40 * BN
    assert runway["announced_rounds_usd"].sum() == pytest.approx(97.94 * BN)
    assert openai_path.find_runway_end_year(runway) == int(runway.index[runway.cash_end_usd < 0][0])
    assert runway["still_to_raise_usd"].iloc[-1] == pytest.approx(-runway["cash_end_usd"].min())


def test_nvidia_loi_arrives_per_gw_deployed(base) -> None:
    # NVIDIA's "up to $100bn as each GW is deployed" (nvda_loi_usd / nvda_loi_gw = $10bn per
    # GW), paid on the programme's GW energised from 2026 (the LOI's first GW, H2 2026). Base
    # schedule (sites.yaml): 2026 Abilene phase 2 0.994 + Shackelford 1.4 / 3 + Doña Ana 2.5 / 3
    # + Lordstown/Milam 1.5 / 2 = 3.044 GW → $30.44bn; 2027 0.4667 + 0.8333 + 0.75 = 2.05 GW →
    # $20.5bn; 2028 Abilene expansion 0.6 + 0.4667 + 0.8333 + Wisconsin 1 + Michigan 1 +
    # unsited (10 − 9.2 named) 0.8 = 4.7 GW → $47.0bn. Abilene phase 1 (2025) predates it.
    expected = {2024: 0.0, 2025: 0.0, 2026: 30.44, 2027: 20.5, 2028: 47.0, 2029: 0.0, 2030: 0.0}
    got = oplan.rounds_by_year_usd(base, committed=False)
    assert dict(zip(oplan.YEARS, got / BN, strict=True)) == pytest.approx(expected)
    # megaproject_overrun slips every site not yet energised a year: each tranche a year later.
    slipped = oplan.rounds_by_year_usd(scenario("megaproject_overrun"), committed=False)
    later = {2024: 0.0, 2025: 0.0, 2026: 0.0, 2027: 30.44, 2028: 20.5, 2029: 47.0, 2030: 0.0}
    assert dict(zip(oplan.YEARS, slipped / BN, strict=True)) == pytest.approx(later)
    # The helper by hand: $100bn over 10 GW from 2026; 2 GW in 2025 do not count; 6 + 7 GW
    # after would be $130bn, so the second year is capped at the $40bn left.
    gw = np.array([0.0, 2.0, 6.0, 7.0, 0.0, 0.0, 0.0])
    paid = oplan.per_gw_round_by_year_usd(100 * BN, 10.0, 2026, gw)
    assert list(paid / BN) == pytest.approx([0, 0, 60, 40, 0, 0, 0])


def test_venture_equity_calls_follow_the_deficit(article) -> None:
    base = article
    venture = openai_path.compute_venture_path(base)
    # The article's case: one 2025 batch, financed 1 : 1.68 by equity and debt; OpenAI holds
    # 19 of 52 of the equity, so its call is 19/52 x deficit / (1 + ratio).
    ratio = base.funding.max_debt_to_equity_ratio
    deficit_2025 = venture.loc[2025, "deficit_usd"]
    assert deficit_2025 == pytest.approx(
        venture.loc[2025, "capex_usd"]
        + venture.loc[2025, "opex_usd"]
        - venture.loc[2025, "revenue_usd"]
    )
    assert venture.loc[2025, "openai_equity_calls_usd"] == pytest.approx(
        19 / 52 * deficit_2025 / (1 + ratio)
    )
    # Revenue in the first year of service, before the contract's 2027 start: GPU-hours x
    # utilisation x the H100's market rent, 1.979 PFLOPS x $1.105 per PFLOP-hour in 2026, a
    # year earlier at -8.4 % a year.
    market_2025 = 1.979 * 1.105 / (1 + base.risk.price_change_rate)
    assert venture.loc[2025, "revenue_usd"] == pytest.approx(
        market_2025 * 700_000 * 8760 * 0.8, rel=1e-3
    )


def test_committed_funding_by_hand(base) -> None:
    inputs = venture.build_model_inputs(base)
    # OpenAI 10 + 40; partners other than OpenAI 19 + 7 + 7; the named funders tied to their
    # sites' facility capex at $16.25m per MW of IT ($15bn ÷ (1.2 GW ÷ 1.3)): Abilene's
    # 1,200 / 1.3 × 16.25m = 15.0 (loans and JV), Shackelford 1,400 / 1.3 × 16.25m = 17.5, Port
    # Washington 1,000 / 1.3 × 16.25m = 12.5, New Mexico's 18 loan ($bn). Debt no lender is
    # named for is not committed.
    named = (1200 + 1400 + 1000) / 1.3 * 16.25e6 + 18 * BN
    expected = (10 + 40 + 33) * BN + named
    assert venture.committed_funding_usd(inputs) == pytest.approx(expected)


# --------------------------------------------------------------------------- project economics


@pytest.mark.parametrize(
    "name", ["base", "musk_skeptic", "megaproject_overrun", "next_gen_hardware"]
)
def test_npv_and_irr_against_numpy_financial(name: str) -> None:
    s = scenario(name)
    flows = pe.compute_project_cash_flows(s)["net_usd"].to_numpy()
    periods = pe.compute_project_cash_flows(s).index.to_numpy()
    rate = s.finance.cost_of_capital_rate
    # numpy-financial discounts value t at (1 + r)^t from the first period.
    reference = npf.npv(rate, flows) / (1 + rate) ** -periods[0]
    assert pe.compute_project_npv_usd(s) == pytest.approx(reference, rel=1e-9, abs=1.0)
    irr = pe.compute_project_irr(s)
    if irr is not None:
        assert npf.npv(irr, flows) == pytest.approx(0.0, abs=1e-6 * np.abs(flows).max())


def test_breakeven_price_equals_cost_per_gpu_hour(article) -> None:
    # One batch, contracted from its first year of service (the contract's start moved to the
    # batch's 2025): the annuity identity holds batch by batch.
    base = article.model_copy(
        update={"finance": article.finance.model_copy(update={"contract_start_year": 2025})}
    )
    # With a flat price, no overrun and no delay, the NPV-zero price is the cost model's TCO per
    # worked GPU-hour (capital recovery + running costs), by the annuity identity.
    flat = pe.find_breakeven_price_usd_per_gpu_hour(base, price_change_rate=0.0)
    assert flat == pytest.approx(costs.cost_per_gpu_hour_usd(base), rel=1e-9)
    p = pe.find_breakeven_price_usd_per_gpu_hour(base)
    assert pe.compute_project_npv_usd(base, price_usd_per_gpu_hour=p) == pytest.approx(0, abs=1e3)
    u = pe.find_breakeven_utilization(base)
    assert pe.compute_project_npv_usd(base, utilization_rate=u) == pytest.approx(0, abs=1e3)


def test_payback_by_hand() -> None:
    # -100 then 30 a year: after 3 years -10, the 4th year pays 30 -> 3 + 10/30.
    assert pe.compute_payback_years([-100, 30, 30, 30, 30]) == pytest.approx(3 + 10 / 30)
    assert pe.compute_payback_years([-100, 10, 10]) is None


# --------------------------------------------------------------------------- refresh, base rates


def test_refresh_generation_and_power_envelope(article) -> None:
    base = article
    assert fleet_refresh.choose_refresh_generation(2024, "H100") == "H100"
    assert fleet_refresh.choose_refresh_generation(2025, "H100") == "GB200"
    assert fleet_refresh.choose_refresh_generation(2030, "H100") == "VR200"
    assert fleet_refresh.choose_refresh_generation(2030, "VR200") == "VR200"
    wave = fleet_refresh.compute_refresh_wave(base)
    first = wave.iloc[0]
    # 5-year life from 2025 -> 2030; 700,000 x 1,416.67 W / 3,298.61 W = 300,632 VR200
    # (all-in IT power per GPU, 14_hardware_power.yaml).
    assert first.refresh_year == 2030 and first.new_generation == "VR200"
    assert first.new_gpu_count == pytest.approx(700_000 * 1_416.67 / 3_298.61)
    vr = base.fleet.specs.VR200
    assert first.refresh_capex_usd == pytest.approx(
        first.new_gpu_count * (vr.accelerator_price_usd + vr.other_it_capex_usd_per_gpu)
    )


def test_reference_class_weighting(base) -> None:
    parts = costs.capex_breakdown_usd(base)
    # shell etc. 47 % of facility at 62 %, plant 53 % at 16 %, GPUs at 1 %, other IT at 13 %.
    expected = (
        parts["facility"] * (0.47 * 0.62 + 0.53 * 0.16)
        + parts["accelerators"] * 0.01
        + parts["other_it"] * 0.13
    ) / sum(parts.values())
    assert reference_class.compute_reference_class_overrun(base) == pytest.approx(expected)
    table = reference_class.compute_reference_class_table(base)
    assert set(table["component"]) >= {"Shell, site and fit-out", "Software and bring-up"}


def test_reference_class_budget_is_before_the_scenarios_overruns() -> None:
    # megaproject_overrun already overruns each part at its point rate (facility 37.62 %,
    # accelerators 7 %, other IT 6.8 %): the table's budget is the capex before those, so each
    # part with overruns is its budget × (1 + rate), and the class means apply to the budget
    # once, not on top of the scenario's overruns.
    mega = scenario("megaproject_overrun")
    table = reference_class.compute_reference_class_table(mega).dropna(subset=["capex_usd"])
    with_overruns = costs.capex_breakdown_usd(mega)
    rates = {"facility": 0.3762, "accelerators": 0.07, "other_it": 0.068}
    budget = sum(with_overruns[p] / (1 + r) for p, r in rates.items())
    assert table["capex_usd"].sum() == pytest.approx(budget)
    assert table["capex_usd"].sum() < costs.total_capex_usd(mega)
    # Weighted by the budget: facility × (0.47 × 0.62 + 0.53 × 0.16), GPUs × 1 %, other × 13 %.
    facility = with_overruns["facility"] / 1.3762
    expected = (
        facility * (0.47 * 0.62 + 0.53 * 0.16)
        + with_overruns["accelerators"] / 1.07 * 0.01
        + with_overruns["other_it"] / 1.068 * 0.13
    ) / budget
    assert reference_class.compute_reference_class_overrun(mega) == pytest.approx(expected)


def test_precedents_table() -> None:
    table = tables.build_precedents_table(load_scenario(PARAMS_DIR / "base.yaml").display)
    fox = table.iloc[0]
    assert "13,000 jobs" in fox.promised and "1,454 jobs" in fox.outcome
    assert fox.gap == "91% fewer jobs than promised"  # 1 - 1,114 / 13,000 = 91.4 %
    intel = table[table.project.str.startswith("Intel")].iloc[0]
    assert intel.gap == "6 years late"  # 2025 -> operations by end-2031


# --------------------------------------------------------------------------- scenarios


@pytest.fixture(scope="module")
def headlines():
    out = {}
    for name in (
        "base",
        "musk_skeptic",
        "altman_optimist",
        "next_gen_hardware",
        "megaproject_overrun",
    ):
        s = scenario(name)
        summary = mc.summarize_monte_carlo(mc.run_monte_carlo(s, n_draws=20_000))
        out[name] = {k: v[0] for k, v in report.headline_figures(s, summary).items()}
        out[name]["capex_usd"] = pe.summarize_project(s)["capex_usd"]
    return out


def test_musk_skeptic_moves_as_described(headlines) -> None:
    b, m = headlines["base"], headlines["musk_skeptic"]
    assert m["funding_need_p50_usd"] > b["funding_need_p50_usd"]
    # The programme's build-out is so large that the base case already falls short in (almost)
    # every draw: the probabilities can only stay at their bound.
    assert m["shortfall_incl_announced_probability"] >= b["shortfall_incl_announced_probability"]
    assert m["shortfall_probability"] >= b["shortfall_probability"]
    assert m["npv_positive_probability"] <= b["npv_positive_probability"]
    assert m["breakeven_price_usd_per_gpu_hour"] > b["breakeven_price_usd_per_gpu_hour"]


def test_altman_optimist_moves_as_described(headlines) -> None:
    b, a = headlines["base"], headlines["altman_optimist"]
    assert a["funding_need_p50_usd"] < b["funding_need_p50_usd"]
    assert a["shortfall_probability"] <= b["shortfall_probability"]
    assert a["npv_positive_probability"] >= b["npv_positive_probability"]
    assert a["breakeven_price_usd_per_gpu_hour"] < b["breakeven_price_usd_per_gpu_hour"]


def test_next_gen_hardware_moves_as_described(headlines) -> None:
    b, n = headlines["base"], headlines["next_gen_hardware"]
    assert n["capex_usd"] > b["capex_usd"]
    assert n["breakeven_price_usd_per_gpu_hour"] > b["breakeven_price_usd_per_gpu_hour"]
    # Its dearer Rubin GPUs rent at a Blackwell-class price, so its NPV may rise: not asserted.


def test_megaproject_overrun_moves_as_described(headlines) -> None:
    b, o = headlines["base"], headlines["megaproject_overrun"]
    # At the point. The median of the draws is not: draws that delay sites by years push capex
    # past 2030 and cut OpenAI's Stargate payments, while its other clouds' contracted bills,
    # which the base's budget cannot hold beside its full Stargate payments, stay the same.
    assert o["funding_need_point_usd"] > b["funding_need_point_usd"]
    assert o["npv_positive_probability"] <= b["npv_positive_probability"]
    assert o["breakeven_price_usd_per_gpu_hour"] > b["breakeven_price_usd_per_gpu_hour"]
    assert o["capex_usd"] > b["capex_usd"]


def test_growth_threshold_is_where_the_gap_closes(article) -> None:
    base = article  # the programme's own build-out leaves no growth rate below 3x that closes it
    k = openai_path.find_growth_threshold(base, include_announced=True)
    assert k is not None and 0 < k < 3
    above = venture.evaluate_point(base, revenue_growth_realization=k)
    below = venture.evaluate_point(base, revenue_growth_realization=k - 0.01)
    assert above["openai_still_to_raise_incl_announced_usd"][0] <= 1.0
    assert below["openai_still_to_raise_incl_announced_usd"][0] > 1.0


def test_verdict_states_probabilities_and_conditions(base) -> None:
    result = mc.run_monte_carlo(base, n_draws=5_000)
    summary = mc.summarize_monte_carlo(result)
    text = report.build_verdict(
        base, summary, mc.compute_tornado(base), mc.compute_tornado(base, "npv_usd")
    )
    assert "What must be true for Musk to be right" in text
    assert "What must be true for Altman to be right" in text
    assert "5,000 draws" in text
    assert f"${pe.find_breakeven_price_usd_per_gpu_hour(base):.2f}" in text


# --------------------------------------------------------------------------- fast forms, currency


def test_log_space_discounting_is_the_finance_maths() -> None:
    # The kernel's log-space annuities are model.finance's formulas, per draw.
    rate = np.array([0.05, 0.10, 0.15, 0.08])
    change = np.array([-0.084, 0.0, 0.02, 0.08])  # the last: rate == growth
    years = np.array([3.0, 4.5, 5.0, 6.2])
    disc = venture.LogDiscount(rate, change)
    np.testing.assert_allclose(disc.annuity(years), finance.annuity_factor(rate, years))
    np.testing.assert_allclose(
        disc.growing_annuity(years), finance.growing_annuity_factor(rate, change, years)
    )
    np.testing.assert_allclose(
        disc.capital_recovery(20.0), finance.capital_recovery_factor(rate, 20.0)
    )
    np.testing.assert_allclose(disc.discount(years), (1 + rate) ** -years)


def test_reference_class_table_is_data(base) -> None:
    rows = reference_class.load_reference_classes()
    assert [r.overrun_fact for r in rows] == [
        "bf_overrun_buildings",
        "bf_overrun_fossil",
        "bf_overrun_solar",
        "bf_overrun_wind",
        "bf_overrun_it",
    ]
    table = reference_class.compute_reference_class_table(base)
    # Shell etc. is the complement of the critical-plant share of the facility capex.
    facility = costs.capex_breakdown_usd(base)["facility"]
    share = facts.value("dc_cost_share_critical")
    assert table.iloc[0].capex_usd == pytest.approx(facility * (1 - share))
    assert table.iloc[1].capex_usd == pytest.approx(facility * share)


def test_verdict_and_paragraphs_follow_the_display_currency(base) -> None:
    # The base title quotes the article's "$500bn": a title is the scenario's own text.
    jpy = base.model_copy(
        update={
            "title": "Base, in yen",
            "display": base.display.model_copy(update={"currency": "JPY"}),
        }
    )
    summary = mc.summarize_monte_carlo(mc.run_monte_carlo(jpy, n_draws=2_000))
    texts = [
        report.build_verdict(
            jpy, summary, mc.compute_tornado(jpy), mc.compute_tornado(jpy, "npv_usd")
        ),
        report.build_in_brief(jpy, summary),
        report.build_project_paragraph(jpy),
        report.build_funding_need_paragraph(jpy),
        report.build_calibration_paragraph(jpy, openai_path.compare_with_reported(jpy)),
    ]
    for text in texts:
        assert not re.search(r"\$\d", text), text
    # The break-even price in yen: price x 156 JPY/USD, whole yen.
    price = pe.find_breakeven_price_usd_per_gpu_hour(base)
    assert f"GB300 GPU-hour must fetch at least {price * 156:,.0f}円 (this scenario" in texts[0]
    # ...and the verdict paragraph quotes the same break-even as its headline does.
    assert f"contract price of **{price * 156:,.0f}円/GPU-hour**" in texts[0]
    # H1 2025: $2.5bn burned on a $7.8bn loss = 3,900億円 and 1.2兆円.
    assert "burned 3,900億円 of cash on a 1.2兆円 operating loss" in texts[4]


def test_house_share_wording() -> None:
    assert report.format_probability(1.0) == "100%"
    assert report.format_probability(0.9996) == "more than 99%"
    assert report.format_probability(0.0002) == "less than 0.1%"
    assert report.format_probability(0.085) == "8.5%"
    assert report.format_pace(0.81) == "81% as fast as"
    assert report.format_pace(2.2) == "2.2 times as fast as"


def test_calibration_counts_only_independent_points(base) -> None:
    """Base: 2025, 2026 and 2027 burns are the independent points (3, all within 40 %); the 2024
    loss and the 2025-2029 total are checked but not counted as independent (2, both within)."""
    text = report.build_calibration_paragraph(base, openai_path.compare_with_reported(base))
    assert text.startswith("3 of 3 independent points are within tolerance.")
    assert "(2 of these 2 are within tolerance)" in text
    assert "5 of 5" not in text


def test_altman_sentence_reads_whole_when_no_growth_closes(base) -> None:
    """Base: no growth up to 3x closes both gaps, so Altman needs more money than is counted."""
    assert openai_path.find_growth_threshold(base, include_announced=True) is None
    summary = mc.summarize_monte_carlo(mc.run_monte_carlo(base, n_draws=500))
    text = report.build_verdict(
        base, summary, mc.compute_tornado(base), mc.compute_tornado(base, "npv_usd")
    )
    assert "must turn into signed money, and no growth" not in text
    assert '("wrong"): more money than this scenario counts.' in text
    assert "no growth of OpenAI's revenue up to three times its projection closes both gaps" in text
    # The market rent is a payment from OpenAI to the venture: it nets out of the combined need
    # and is not among the need's drivers (tests/test_montecarlo.py checks the swing is 0).
    assert "no hour is sold to anyone but OpenAI" not in text
