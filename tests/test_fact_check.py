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
    assert set(t["verdict"]) <= {"consistent", "inconsistent", "unsourced"}
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
        assert row.verdict == ("consistent" if inside else "inconsistent"), row.check
    share = t.set_index("check").loc["nvidia_share_of_capex"]
    assert (share.range_low, share.range_high) == pytest.approx((0.39, 0.70))


def test_fact_check_ranges_by_hand():
    # On the article's own fleet, where the model's H100 figures are the fleet's.
    base = load_scenario("article_case")
    t = fact_check.fact_check_table(base).set_index("check")
    # Capex per GPU: H100 all-in 50,000 + 972.22 W × $12.5/W = 62,152.75 (the model's figure)
    capex = t.loc["capex_per_gpu"]
    assert capex.model_value == pytest.approx(62_152.75, abs=0.01)
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
    # Annual cost of the article's fleet at the model's cost: 700,000 × 2.54828 × 7,008 h
    annual = t.loc["annual_cost"]
    assert annual.model_value == pytest.approx(700_000 * 2.54828 * 7_008, rel=1e-5)


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


def test_peer_check_in_range_for_base(base):
    t = fact_check.peer_check_table(base).set_index("measure")
    per_gw = t.loc["Capex per GW of facility power (GB200 campus)"]
    # GB200: (69,444.45 + 1,666.7 W × $12.5/W = 20,833.75) / (1,666.7 × 1.3 W) = $41.67/W
    assert per_gw.model_value == pytest.approx(41.666e9, rel=1e-3)
    assert per_gw.verdict == "consistent"
    opex = t.loc["Operating costs per GB200 per year (energy, maintenance, staff & other)"]
    # GB200 capex per GPU 69,444.45 + 20,833.75 = 90,278.20; maintenance 3 % = 2,708.35;
    # staff 1 % = 902.78; energy 1.6667 kW × 1.3 × 8,760 h × 0.8 × $0.066/kWh = 1,002.16
    # → 4,613.29 a year, against Nesov 20 % × 70,000 / 3 = 4,666.67 (−1.1 %)
    assert opex.model_value == pytest.approx(4_613.29, abs=0.05)
    assert opex.peer_value == pytest.approx(4_666.67, abs=0.005)
    assert opex.difference_vs_estimate == pytest.approx(4_613.29 / 4_666.67 - 1, abs=1e-5)
    assert not isinstance(opex.verdict, str) and np.isnan(opex.verdict)
