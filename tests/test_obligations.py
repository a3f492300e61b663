"""OpenAI's compute obligations against its revenue (issue 13, item 2).

Every expected value is worked out by hand from the register rows (the arithmetic is in the
comments): Oracle $300bn over 5 years from 2027, Azure $250bn over 6 years from 2026 (assumed),
AWS $38bn over 7 years from 2025, CoreWeave $22.4bn over 5 years from 2025, AMD 6 GW x $15bn
(linear ramp over 5 years from 2026), Broadcom 10 GW x $15bn (linear ramp 2026-2029).
"""

from __future__ import annotations

import numpy as np
import pytest

from stargate import facts
from stargate.model import obligations as ob
from stargate.model import openai_path
from stargate.scenario import PARAMS_DIR, list_scenarios, load_scenario

BN = 1e9


@pytest.fixture(scope="module")
def base():
    return load_scenario(PARAMS_DIR / "base.yaml")


def _with_openai(scenario, **update):
    return scenario.model_copy(update={"openai": scenario.openai.model_copy(update=update)})


def test_ramp_weights_by_hand():
    assert ob.ramp_weights("even", 4) == pytest.approx([0.25] * 4)
    # 1 + 2 + 3 + 4 = 10
    assert ob.ramp_weights("linear", 4) == pytest.approx([0.1, 0.2, 0.3, 0.4])
    assert ob.ramp_weights("linear", 1) == pytest.approx([1.0])
    with pytest.raises(ValueError):
        ob.ramp_weights("even", 0)
    with pytest.raises(ValueError):
        ob.ramp_weights("step", 3)


def test_table_rows_cite_existing_facts_and_cover_the_register_commitments():
    rows = ob.load_commitments()
    names = [r.counterparty for r in rows]
    assert names == ["Oracle", "Microsoft Azure", "AWS", "CoreWeave", "AMD", "Broadcom"]
    for row in rows:
        for fact_id in row.fact_ids():
            assert facts.exists(fact_id), fact_id


def test_gw_commitments_converted_with_a_sourced_price(base):
    terms = ob.compute_commitment_terms(base).set_index("counterparty")
    # AMD: $90bn sales value / 6 GW = $15bn per GW; 6 x 15 = $90bn
    assert terms.loc["AMD", "usd_per_gw"] == pytest.approx(15 * BN)
    assert terms.loc["AMD", "reported_usd"] == pytest.approx(90 * BN)
    # Broadcom: 10 GW at the assumed $15bn per GW = $150bn, H2 2026 to end-2029 = 4 years
    assert terms.loc["Broadcom", "reported_usd"] == pytest.approx(150 * BN)
    assert terms.loc["Broadcom", "years"] == 4
    assert np.isnan(terms.loc["Oracle", "gw"])


def test_base_schedule_by_hand(base):
    sched = ob.compute_obligations_schedule(base)
    assert list(sched.index) == list(range(2025, 2032))
    # 2028: Oracle 300/5 = 60; Azure 250/6 = 41.667; AWS 38/7 = 5.4286; CoreWeave 22.4/5 = 4.48;
    # AMD 90 x 3/15 = 18 (third of 2026-2030); Broadcom 150 x 3/10 = 45 (third of 2026-2029)
    row = sched.loc[2028] / BN
    assert row["Oracle"] == pytest.approx(60.0)
    assert row["Microsoft Azure"] == pytest.approx(250 / 6)
    assert row["AWS"] == pytest.approx(38 / 7)
    assert row["CoreWeave"] == pytest.approx(4.48)
    assert row["AMD"] == pytest.approx(18.0)
    assert row["Broadcom"] == pytest.approx(45.0)
    assert row.sum() == pytest.approx(60 + 250 / 6 + 38 / 7 + 4.48 + 18 + 45)
    # Oracle starts in 2027; CoreWeave ends 2029; Broadcom's last year 2029 is 4/10 of 150 = 60
    assert sched.loc[2026, "Oracle"] == 0.0
    assert sched.loc[2030, "CoreWeave"] == 0.0
    assert sched.loc[2029, "Broadcom"] == pytest.approx(60 * BN)
    # Every commitment is paid in full over its term: 300 + 250 + 38 + 22.4 + 90 + 150 = 850.4
    assert sched.to_numpy().sum() == pytest.approx(850.4 * BN)


def test_honoured_share_and_delay(base):
    half = ob.compute_obligations_schedule(_with_openai(base, commitments_honoured_share=0.5))
    full = ob.compute_obligations_schedule(base)
    assert half.to_numpy().sum() == pytest.approx(0.5 * full.to_numpy().sum())
    late = ob.compute_obligations_schedule(_with_openai(base, commitments_delay_years=2))
    # Oracle moves from 2027-2031 to 2029-2033; nothing is paid in 2025 or 2026 any more
    assert late.loc[2028, "Oracle"] == 0.0
    assert late.loc[2033, "Oracle"] == pytest.approx(60 * BN)
    assert late.loc[2025:2026].to_numpy().sum() == 0.0
    assert late.to_numpy().sum() == pytest.approx(full.to_numpy().sum())


def test_base_coverage_by_hand(base):
    cov = ob.compute_obligation_coverage(base)
    path = openai_path.compute_openai_path(base)
    assert list(cov.index) == list(range(2025, 2031))
    # 2028 revenue is OpenAI's projection ($100bn) at a growth realisation of 1
    assert cov.loc[2028, "revenue_usd"] == pytest.approx(100 * BN)
    # Capacity contracts only: Oracle 300/5 + Azure 250/6 + AWS 38/7 + CoreWeave 4.48 = 111.58;
    # the chip deals (AMD 18 + Broadcom 45 in 2028) stand apart
    obl_2028 = (60 + 250 / 6 + 38 / 7 + 4.48) * BN
    assert cov.loc[2028, "obligations_usd"] == pytest.approx(obl_2028)
    assert cov.loc[2028, "chip_commitments_usd"] == pytest.approx((18 + 45) * BN)
    assert cov.loc[2028, "obligations_to_revenue"] == pytest.approx(obl_2028 / (100 * BN))
    assert cov.loc[2028, "obligations_to_revenue"] == pytest.approx(1.1158, abs=1e-4)
    # Funding: $10bn cash at end-2024 + $10bn + $30bn committed in 2025 = $50bn from 2025 on
    assert cov["funding_usd"].to_numpy() == pytest.approx([50 * BN] * 6)
    # 2025: AWS 38/7 + CoreWeave 4.48 = 9.909; headroom 13 + 50 - 9.909 = 53.09
    assert cov.loc[2025, "obligations_usd"] == pytest.approx((38 / 7 + 4.48) * BN)
    assert cov.loc[2025, "headroom_usd"] == pytest.approx((13 + 50 - 38 / 7 - 4.48) * BN)
    # Headroom is an explicit running sum, checked year by year
    years = list(cov.index)
    running = (
        50 * BN + np.cumsum(path.loc[years, "revenue_usd"]) - np.cumsum(cov["obligations_usd"])
    )
    assert cov["headroom_usd"].to_numpy() == pytest.approx(running.to_numpy())
    # 2026: 13 + 25.7 revenue + 50 funding against 9.9 + 51.6 (Azure 41.67 + AWS 5.43 +
    # CoreWeave 4.48) obligations: still covered; 2027 adds Oracle's first $60bn: not covered
    assert cov.loc[2026, "obligations_usd"] == pytest.approx((250 / 6 + 38 / 7 + 4.48) * BN)
    assert cov.loc[2026, "headroom_usd"] > 0 > cov.loc[2027, "headroom_usd"]
    assert cov.attrs["first_uncovered_year"] == 2027
    # Money on hand in 2025: 13 revenue + 50 (cash 10 + rounds 40); 2026: 25.7 + 53.09 left
    assert cov.loc[2025, "available_usd"] == pytest.approx(63 * BN)
    assert cov.loc[2026, "available_usd"] == pytest.approx(
        cov.loc[2026, "revenue_usd"] + cov.loc[2025, "headroom_usd"]
    )
    # Bars first rise above the money on hand in the first uncovered year
    over = cov["obligations_usd"] > cov["available_usd"]
    assert int(over.idxmax()) == 2027 and not over.loc[:2026].any()
    # After other costs the money runs out in the same year (without the chip deals' 2026 bills)
    assert cov.attrs["first_uncovered_after_other_costs_year"] == 2027
    assert cov.loc[2026, "headroom_after_other_costs_usd"] > 0
    # After 2030: Oracle 60 + Azure 41.667 + AWS 5.4286 in 2031
    assert cov.attrs["beyond_2030_usd"] == pytest.approx((60 + 250 / 6 + 38 / 7) * BN)


def test_summary_matches_coverage(base):
    summary = ob.summarize_obligations(base)
    # 850.4 in all, of which the chip deals AMD 90 + Broadcom 150 = 240 stand apart
    assert summary["total_usd"] == pytest.approx((850.4 - 240) * BN)
    assert summary["chip_total_usd"] == pytest.approx(240 * BN)
    assert summary["chip_2028_usd"] == pytest.approx(63 * BN)
    assert summary["to_2030_usd"] + summary["beyond_2030_usd"] == pytest.approx(610.4 * BN)
    assert summary["ratio_2028"] == pytest.approx((60 + 250 / 6 + 38 / 7 + 4.48) / 100)
    assert summary["first_uncovered_year"] == 2027


def test_slower_revenue_raises_the_ratio(base):
    slow = ob.compute_obligation_coverage(_with_openai(base, revenue_growth_realization=0.5))
    fast = ob.compute_obligation_coverage(base)
    # Obligations do not depend on revenue; the ratio does, from 2026 on
    assert slow["obligations_usd"].to_numpy() == pytest.approx(fast["obligations_usd"].to_numpy())
    ratio = "obligations_to_revenue"
    assert (slow.loc[2026:, ratio] > fast.loc[2026:, ratio]).all()


@pytest.mark.parametrize("name", list_scenarios())
def test_every_scenario_has_a_schedule_and_coverage(name):
    scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
    cov = ob.compute_obligation_coverage(scenario)
    assert np.isfinite(cov["obligations_to_revenue"]).all()
    assert cov.loc[2028, "obligations_usd"] > 0


# --------------------------------------------------------------------------- for readers


def test_reader_tables_and_paragraph(base):
    from stargate.present import obligations_report as rep

    cov = rep.format_obligation_coverage_table(base)
    row = cov.set_index("year").loc[2028]
    # 111.576 / 100 = 1.1158 -> "1.1×" (the chip deals' 63.0 apart)
    assert row["compute contracts ÷ revenue (×)"] == "1.1×"
    assert row["chip commitments (may overlap the clouds' capacity) (USD)"] == "$63.0bn"
    assert row["revenue (USD)"] == "$100.0bn"
    sched = rep.format_obligations_schedule_table(base).set_index("year")
    assert sched.loc[2028, "Oracle (USD)"] == "$60.0bn"
    assert sched.loc[2028, "total (USD)"] == "$174.6bn"
    terms = rep.format_commitments_table(base).set_index("counterparty")
    assert terms.loc["AMD", "amount (USD)"] == "$90.0bn (6 GW at $15.0bn per GW)"
    assert terms.loc["Oracle", "years"] == "2027–2031"
    text = rep.build_obligations_paragraph(base)
    assert "**$610.4bn**" in text and "**1.1× its revenue**" in text and "**2027**" in text
    assert "($240.0bn, $63.0bn of it in 2028)" in text


def test_chart_renders_offline(base):
    from stargate.present import charts
    from stargate.present import obligations_report as rep

    with charts.settings(base.display, scenario_title=base.title):
        chart = rep.chart_obligations(base)
        bars, lines = rep.tidy_obligations(base)
        svg = charts.render_svg(chart.to_dict())
    assert svg.lstrip().startswith("<svg")
    # The chip deals are a line, not a bar
    assert set(bars["counterparty"]) == {"Oracle", "Microsoft Azure", "AWS", "CoreWeave"}
    chips = lines[lines["series"] == "Chip commitments (may overlap the clouds' capacity)"]
    assert chips.set_index("year").loc[2028, "usd"] == pytest.approx(63 * BN)
    assert set(lines["series"]) == set(rep.COVERAGE_LINES)
    assert sorted(set(bars["year"])) == list(range(2025, 2031))
