"""Fact-check of the seed article's cost figures: its arithmetic, the ranges, the verdicts."""

from __future__ import annotations

import numpy as np
import pytest
from test_costs import make

from stargate import facts
from stargate.model import costs, fact_check
from stargate.scenario import load_scenario


@pytest.fixture(scope="module")
def hand():
    return make()


@pytest.fixture(scope="module")
def base():
    return load_scenario("base")


def test_article_arithmetic_exact():
    art = fact_check.article_arithmetic()
    # 700,000 × $2.80 × 8,760 h = $17,169,600,000 a year
    assert art["annual_cost_usd"] == pytest.approx(17_169_600_000, abs=1e-3)
    # $49bn ÷ 700,000 = $70,000 per GPU
    assert art["capex_usd_per_gpu"] == pytest.approx(70_000, abs=1e-9)
    # $37.5bn ÷ $49bn = 0.765306 (76.5 %)
    assert art["nvidia_share_of_capex"] == pytest.approx(37.5 / 49)
    assert round(art["nvidia_share_of_capex"], 3) == 0.765
    # $37.5bn ÷ 700,000 = $53,571.43 per GPU
    assert art["nvidia_revenue_usd_per_gpu"] == pytest.approx(53_571.43, abs=0.005)


def test_judge_claim():
    assert fact_check.judge_claim(2.0, 1.0, 3.0) == "consistent"
    assert fact_check.judge_claim(3.0, 1.0, 3.0) == "consistent"
    assert fact_check.judge_claim(3.01, 1.0, 3.0) == "inconsistent"
    with pytest.raises(ValueError):
        fact_check.judge_claim(1.0, 2.0, 1.0)


def test_claim_checks_table_is_data_citing_the_claims():
    checks = fact_check.claim_checks()
    assert [c.id for c in checks][:2] == ["gpu_count", "hopper"]
    # Every check cites at least one of the article's claim rows.
    for check in checks:
        assert any(facts.all_facts()[f].kind == "claim" for f in check.fact_ids), check.id


def test_fact_check_verdicts(base):
    t = fact_check.fact_check_table(base)
    assert set(t["verdict"]) <= {"consistent", "partly_supported", "inconsistent", "unsourced"}
    by_check = dict(zip(t["check"], t["verdict"], strict=True))
    assert by_check["gpu_count"] == "unsourced"
    assert by_check["hopper"] == "inconsistent"
    # 76.5 % is above NVIDIA's own $35bn / $50bn = 70 % and Bernstein's 39 %
    assert by_check["nvidia_share_of_capex"] == "inconsistent"
    # $53,571 per GPU exceeds even the all-in $50,000 per H100 with networking
    assert by_check["nvidia_revenue_per_gpu"] == "inconsistent"
    # Per GPU-hour GB200 → GB300 → VR200 rises in the base case, so the claim holds.
    assert by_check["newer_generations_dearer"] == "consistent"
    # Verdicts follow the stated ranges.
    numeric = t.dropna(subset=["range_low"])
    assert len(numeric) == 6
    for row in numeric.itertuples():
        inside = row.range_low <= row.article_number <= row.range_high
        if row.check == "h100_cost_per_hour":
            # Inside the full-cost range, but the article calls it an operating cost.
            assert inside and row.verdict == "partly_supported"
            continue
        assert row.verdict == ("consistent" if inside else "inconsistent"), row.check
    share = t.set_index("check").loc["nvidia_share_of_capex"]
    assert (share.range_low, share.range_high) == pytest.approx((0.39, 0.70))


def test_operating_cost_above_the_running_costs_is_not_an_operating_cost(base):
    fig = fact_check.fact_check_figures(base)
    hour = fact_check.fact_check_table(base).set_index("check").loc["h100_cost_per_hour"]
    # $2.80 lies in the H100 full-cost range ($1.97-$6.07) but far above the running costs
    # alone (energy, maintenance, staff: about $0.54 an hour), so it is a full cost or a rental
    # price, not the "operating cost" the article calls it.
    assert hour.article_number == pytest.approx(2.80)
    assert hour.range_low <= 2.80 <= hour.range_high
    assert fig["h100_running_cost_per_gpu_hour_usd"] == pytest.approx(0.54, abs=0.01)
    assert hour.verdict == "partly_supported"


def test_fact_check_ranges_by_hand():
    # On the article's own fleet, where the model's H100 figures are the fleet's.
    base = load_scenario("article_case")
    t = fact_check.fact_check_table(base).set_index("check")
    # Capex per GPU: H100 all-in 50,000 + 1,416.67 W × $16.25/W = 73,020.8875 (the model's figure;
    # $16.25m per MW of IT = $15bn ÷ (1.2 GW ÷ PUE 1.3))
    capex = t.loc["capex_per_gpu"]
    assert capex.model_value == pytest.approx(73_020.8875, abs=0.01)
    assert capex.article_number == pytest.approx(70_000)
    # The H100-hour range is the grid's span of the H100 cost; the base point lies inside it.
    point, low, high = costs.generation_cost_range(base, "H100")
    hour = t.loc["h100_cost_per_hour"]
    assert (hour.range_low, hour.range_high) == (low, high)
    assert low < point == hour.model_value < high
    # The dearest corner is 3 years at 50 %, the cheapest 7 years at 100 % (monotone grid).
    rebuilt = base.model_copy(
        update={
            "finance": base.finance.model_copy(
                update={"it_lifetime_years": 3.0, "utilization_rate": 0.5}
            )
        }
    )
    assert high == pytest.approx(costs.cost_per_gpu_hour_usd(rebuilt), rel=1e-12)
    # Annual cost of the article's fleet at the model's cost (2.85234 per GPU-hour, worked in
    # test_costs.test_article_case_h100_cost_by_hand): 700,000 × 2.85234 × 7,008 h
    annual = t.loc["annual_cost"]
    assert annual.model_value == pytest.approx(700_000 * 2.85234 * 7_008, rel=1e-5)


def test_fact_check_sources_exist_and_are_recorded(base):
    facts.reset_used()
    t = fact_check.fact_check_table(base)
    ids = {i.strip() for text in t["sources"] for i in text.split(",")}
    assert all(facts.exists(i) for i in ids)
    assert ids <= set(facts.used())


def test_fact_check_uses_the_article_fleet_whatever_the_scenario(hand):
    # The article's arithmetic does not change when the scenario's fleet does.
    t = fact_check.fact_check_table(hand).set_index("check")
    assert t.loc["gpu_count", "article_number"] == 700_000
    assert t.loc["annual_cost", "article_number"] == pytest.approx(17_169_600_000)


def test_gb200_campus_per_gw_by_hand(base):
    c = fact_check.gb200_campus_per_gw(base)
    # 2,083.33 W all-in × PUE 1.3 = 2,708.33 W of facility power per GPU → 369,231 GPUs per GW
    assert c["gpus"] == pytest.approx(1e9 / (2_083.33 * 1.3), rel=1e-9)
    assert c["racks"] == pytest.approx(c["gpus"] / 72)
    # accelerators 369,231 × 43,055.56 = 15.897bn; other IT × 26,388.89 = 9.744bn;
    # facility 1,000 MW / 1.3 = 769.23 MW of IT × $16.25m = 12.5bn → capex 38.141bn
    assert c["accelerators"] == pytest.approx(15.8975e9, rel=1e-4)
    assert c["other_it"] == pytest.approx(9.7436e9, rel=1e-4)
    assert c["facility"] == pytest.approx(1e3 / 1.3 * 16.25e6)
    assert c["capex"] == pytest.approx(38.1411e9, rel=1e-4)
    # energy 1,000 MW × 8,760 h × 0.8 × $66 = 462.5m; maintenance 3 % and staff 1 % of capex
    assert c["energy"] == pytest.approx(1e3 * 8_760 * 0.8 * 66)
    assert c["maintenance"] == pytest.approx(0.03 * c["capex"])
    assert c["opex"] == pytest.approx(c["energy"] + 0.04 * c["capex"])
    # IT 25.641bn × CRF(10 %, 5 y) 0.2637975 = 6.7641 + facility 12.5bn × CRF(10 %, 15 y)
    # 0.1314738 = 1.6434 + energy 0.4625 + opex 4 % × 38.141 = 1.5256 → 10.3957bn
    assert c["it_capital"] == pytest.approx(25.6411e9 * 0.2637975, rel=1e-4)
    assert c["annual_cost"] == pytest.approx(10.3957e9, rel=1e-4)


def test_peer_check_components_for_base(base):
    t = fact_check.peer_check_table(base).set_index("check")
    assert list(t.index) == [
        "capex_per_gw",
        "it_equipment_per_gw",
        "accelerators_per_gw",
        "other_it_per_gw",
        "facility_per_gw",
        "nvidia_share",
        "annual_cost_per_gw",
        "annual_cost_per_gw_nesov",
        "opex_per_gw",
    ]
    capex = t.loc["capex_per_gw"]
    # Model 38.141bn (test_gb200_campus_per_gw_by_hand) against Bernstein $35bn: +9.0 %;
    # NVIDIA ~$50bn (its own $50-60bn): -23.7 %
    assert capex.bernstein_value == 35e9 and capex.nvidia_value == 50e9
    assert (capex.nvidia_low, capex.nvidia_high) == (50e9, 60e9)
    assert capex.diff_bernstein == pytest.approx(38.1411 / 35 - 1, abs=1e-4)
    assert capex.diff_nvidia == pytest.approx(38.1411 / 50 - 1, abs=1e-4)
    assert capex.verdict == "differs"
    # Bernstein's rack split: $35bn × 3.4 / 5.9 = 20.17bn of compute; 2.5 / 5.9 = 14.83bn physical
    assert t.loc["it_equipment_per_gw", "bernstein_value"] == pytest.approx(35e9 * 3.4 / 5.9)
    assert t.loc["facility_per_gw", "bernstein_value"] == pytest.approx(35e9 * 2.5 / 5.9)
    assert t.loc["accelerators_per_gw", "bernstein_value"] == pytest.approx(35e9 * 0.39)
    assert t.loc["other_it_per_gw", "bernstein_value"] == pytest.approx(35e9 * 0.13)
    # Oracle's price to OpenAI: $60bn a year / 4.5 GW = $13.33bn per GW-year; the cost is below
    oracle = t.loc["annual_cost_per_gw"]
    assert oracle.other_value == pytest.approx(60e9 / 4.5)
    assert oracle.verdict == "consistent" and not oracle.is_fitted


def test_peer_check_marks_fitted_estimates_as_no_test(base):
    t = fact_check.peer_check_table(base).set_index("check")
    # The maintenance rate was fitted to Nesov's running costs and the IT outside the rack comes
    # from his $5m all-in rack: comparing with his estimate tests nothing.
    for check in ("annual_cost_per_gw_nesov", "opex_per_gw"):
        assert t.loc[check, "is_fitted"]
        assert t.loc[check, "verdict"] == "fitted"
    fitted = {c.id: c.fitted_facts for c in fact_check.peer_checks()}
    assert "as_maintenance_rate" in fitted["opex_per_gw"]
    # Nesov per GW: 369,231 GPUs × $70,000 / 3 years × 20 % = 1.723bn a year
    gpus = fact_check.gb200_campus_per_gw(base)["gpus"]
    assert t.loc["opex_per_gw", "other_value"] == pytest.approx(gpus * 70_000 / 3 * 0.2)
    # The tested rows cite only peers that set no input (no Nesov row among them).
    for check in fact_check.peer_checks():
        if not check.fitted_facts:
            assert not any(f.startswith("gpu_gb200_atcost") for f in check.fact_ids), check.id


def test_peer_verdicts_follow_the_tolerance():
    assert fact_check._peer_verdict(105.0, 100.0, np.nan, (np.nan, np.nan)) == "agrees"
    assert fact_check._peer_verdict(111.0, 100.0, np.nan, (np.nan, np.nan)) == "differs"
    # Inside NVIDIA's own range counts as agreeing with NVIDIA.
    assert fact_check._peer_verdict(58.0, np.nan, 50.0, (50.0, 60.0)) == "agrees"
    assert fact_check._peer_verdict(np.nan, np.nan, np.nan, (np.nan, np.nan)) == "differs"


def test_shackelford_is_set_against_the_model_per_mw_of_it(base, hand):
    # $25bn / 1,400 MW = $17,857,143 per MW of the campus's capacity, which is facility power.
    # The model's facility capex is per MW of IT, and a MW of IT draws PUE MW of facility power:
    # × 1.3 = $23,214,286 per MW of IT (the hand scenario's PUE 1.5: × 1.5 = $26,785,714).
    assert fact_check.shackelford_usd_per_mw_it(base) == pytest.approx(25e9 / 1_400 * 1.3, rel=1e-7)
    assert fact_check.shackelford_usd_per_mw_it(hand) == pytest.approx(25e9 / 1_400 * 1.5, rel=1e-7)
    # The capex range's top: H100 all-in $50,000 + 1,416.67 W of IT × $23.214 per W of IT
    # = 50,000 + 32,886.98 = $82,886.98 (per facility MW, as before, it read $75,297.64).
    high = fact_check.fact_check_figures(base)["capex_high_usd_per_gpu"]
    assert high == pytest.approx(50_000 + 1_416.67e-6 * 25e9 / 1_400 * 1.3, rel=1e-7)
    assert high == pytest.approx(82_886.98, abs=0.01)
    # The article's $70,000 stays inside the evidence's range.
    t = fact_check.fact_check_table(base).set_index("check")
    assert t.loc["capex_per_gpu", "range_high"] == pytest.approx(high)
    assert t.loc["capex_per_gpu", "verdict"] == "consistent"


def test_named_loans_exceed_the_model_facility_capex_at_their_sites(base):
    loans = fact_check.named_loans_against_facility(base).set_index("site")
    # Shackelford 1,400 MW of facility power / PUE 1.3 = 1,076.9 MW of IT × $16.25m = $17.5bn,
    # below its $23.25bn construction loan; Port Washington 1,000 / 1.3 × 16.25m = $12.5bn
    # against $14.75bn.
    assert loans.loc["shackelford", "model_facility_capex_usd"] == pytest.approx(17.5e9)
    assert loans.loc["shackelford", "loan_usd"] == 23.25e9
    assert loans.loc["wisconsin", "model_facility_capex_usd"] == pytest.approx(12.5e9)
    assert loans.loc["wisconsin", "loan_usd"] == 14.75e9
    assert loans.loc["shackelford", "loan_over_model"] == pytest.approx(23.25 / 17.5)


def test_capex_at_shackelford_rate_by_hand(base):
    # The programme's 10,000 MW of facility power is 7,692.31 MW of IT; Shackelford's rate is
    # $25bn / 1,400 MW × 1.3 = $23.214m per MW of IT against Abilene's $16.25m: 7,692.31 ×
    # 6.964m = $53.57bn more, with nothing else changed.
    high = fact_check.shackelford_usd_per_mw_it(base)
    assert high == pytest.approx(25e9 / 1400 * 1.3, rel=1e-3)
    delta = fact_check.capex_at_facility_rate_usd(base, high) - costs.total_capex_usd(base)
    assert delta == pytest.approx(10_000 / 1.3 * (high - 16.25e6), rel=1e-5)  # GPU rounding
    assert delta == pytest.approx(53.57e9, rel=1e-3)
    # At the scenario's own rate the capex is unchanged.
    assert fact_check.capex_at_facility_rate_usd(base, 16.25e6) == pytest.approx(
        costs.total_capex_usd(base)
    )
