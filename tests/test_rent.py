"""Rent per generation, a contract price that does not age, GPUs bought at energisation.

Every expected figure is worked out by hand from the register (the arithmetic is in the
comments) or by an independent route (the register's own derivation of the contract price).
"""

from __future__ import annotations

import numpy as np
import pytest
from oracle_loop import evaluate_model_loop

from stargate import facts
from stargate.model import fleet_refresh, montecarlo, project_economics, sites, venture
from stargate.model.finance import HOURS_PER_YEAR
from stargate.scenario import Scenario, load_scenario

YEARS = list(venture.YEARS)


def scenario(name: str) -> Scenario:
    return load_scenario(f"params/{name}.yaml")


def with_finance(s: Scenario, **values: object) -> Scenario:
    return s.model_copy(update={"finance": s.finance.model_copy(update=values)})


def ledger(s: Scenario, **overrides: float) -> dict[str, np.ndarray]:
    return {k: v[0] for k, v in venture.evaluate_point(s, **overrides).items()}


# --------------------------------------------------------------------------- the register


def test_market_rent_per_pflop_hour_by_hand() -> None:
    # B200 on-demand midpoint $5.25 over the Blackwell GPU's 4.75 dense FP8 PFLOPS.
    row = facts.get("rent_market_usd_per_pflop_hour_fp8_derived")
    assert row.value == pytest.approx(5.25 / 4.75, abs=5e-4)
    assert row.low == pytest.approx(2.25 / 4.75, abs=5e-4)
    assert row.high == pytest.approx(6.00 / 4.75, abs=5e-4)
    # The cross-check the row states: the H100 one-year index of the same month, per PFLOP-hour,
    # is within 7 % of the point.
    h100 = facts.value("gpu_rent_low_2025_rebound") / facts.value("spec_h100_fp8")
    assert abs(h100 / row.value - 1) < 0.075


def test_contract_rent_per_generation_matches_the_registers_derivation() -> None:
    # The register derives $8.16 for a Vera Rubin GW at 80 % (13.33e9 / (233,198 GPUs x 8,760 h
    # x 0.8)) and $4.12 for a GB200 GW paid every hour. The model gets a generation's contract
    # rent as price x its IT power / GB300's: an independent route to the same figures.
    s = scenario("base")
    fl = venture.build_model_inputs(s).fleet
    weight = dict(zip(fl.generation, fl.contract_weight, strict=True))
    price = s.finance.price_usd_per_gpu_hour
    row = facts.get("price_oracle_contract_per_gpu_hour_derived")
    assert price * weight["VR200"] == pytest.approx(row.high, rel=2e-3)
    assert price * weight["GB200"] * s.finance.utilization_rate == pytest.approx(row.low, rel=2e-3)
    assert weight["GB300"] == 1.0


def test_contracted_share_is_contracted_gw_over_fleet_gw() -> None:
    base = scenario("base")
    # 4.5 GW of the programme's 10 GW (facility power).
    assert fleet_refresh.contracted_share(base) == pytest.approx(4.5 / 10.0, rel=1e-3)
    # The skeptic builds only the named sites (about 9.2 GW): a larger share of fewer GW.
    musk = scenario("musk_skeptic")
    assert fleet_refresh.contracted_share(musk) > fleet_refresh.contracted_share(base)
    # The article's ~1.3 GW is all under a 4.5 GW contract.
    assert fleet_refresh.contracted_share(scenario("article_case")) == 1.0
    assert fleet_refresh.contracted_share(with_finance(base, contracted_gw=0.0)) == 0.0


# --------------------------------------------------------------------------- revenue


def test_contract_price_does_not_age() -> None:
    # The article's one H100 batch (2025), every hour contracted: whatever the market does, it
    # earns $2.80 x 700,000 x 8,760 h x 80 % in each of the contract's years, from the Oracle
    # contract's start (2027, sg_oracle_300bn_start) to the horizon. Before it, the market rent:
    # 1.979 PFLOPS x $1.105 per PFLOP-hour in 2026, moved by the rent change.
    s = scenario("article_case")
    hours = 700_000 * HOURS_PER_YEAR * 0.8
    expected = 2.80 * hours
    for change in (-0.256, -0.084, 0.0):
        rent = ledger(s, price_change_rate=change)["stargate_payments_usd"]
        for year in range(2027, 2031):
            assert rent[YEARS.index(year)] == pytest.approx(expected, rel=1e-12)
        market_2026 = hours * 1.979 * 1.105
        assert rent[YEARS.index(2026)] == pytest.approx(market_2026, rel=1e-3)
        assert rent[YEARS.index(2025)] == pytest.approx(market_2026 / (1 + change), rel=1e-3)


def test_uncontracted_hours_follow_the_market_rent_by_hand() -> None:
    # No hour contracted: the article's H100s earn 1.979 PFLOPS x $1.105 per PFLOP-hour in
    # 2026, moved by -8.4 % a year either side.
    s = with_finance(scenario("article_case"), contracted_gw=0.0)
    rent = ledger(s)["stargate_payments_usd"]
    hours = 700_000 * HOURS_PER_YEAR * 0.8
    per_hour_2026 = 1.979 * 1.105
    assert rent[YEARS.index(2026)] == pytest.approx(hours * per_hour_2026, rel=1e-9)
    assert rent[YEARS.index(2025)] == pytest.approx(hours * per_hour_2026 / 0.916, rel=1e-9)
    assert rent[YEARS.index(2028)] == pytest.approx(hours * per_hour_2026 * 0.916**2, rel=1e-9)
    # The contract price now moves nothing.
    assert np.isnan(project_economics.find_breakeven_price_usd_per_gpu_hour(s))


def test_split_of_a_batch_between_contract_and_market() -> None:
    # Half the article's GW under contract: each year half the hours at $2.80, half at market.
    s = scenario("article_case")
    half = with_finance(s, contracted_gw=0.5 * sites_gw(s))
    rent = ledger(half)["stargate_payments_usd"]
    hours = 700_000 * HOURS_PER_YEAR * 0.8
    market_2027 = 1.979 * 1.105 * 0.916
    expected = hours * (0.5 * 2.80 + 0.5 * market_2027)
    assert rent[YEARS.index(2027)] == pytest.approx(expected, rel=1e-6)


def sites_gw(s: Scenario) -> float:
    from stargate.model import costs

    return costs.power_summary(s)["power_facility_mw"] / 1000.0


def test_vera_rubin_rents_more_than_a_gb300_hour() -> None:
    # A GW holds fewer Rubin GPUs: its contracted hour earns more (power ratio 3,298.61 /
    # 2,291.67 = 1.439), its market hour at least GB300's (FP8 floor 5 PFLOPS).
    fl = venture.build_model_inputs(scenario("base")).fleet
    gens = list(fl.generation)
    vr, gb = gens.index("VR200"), gens.index("GB300")
    assert fl.contract_weight[vr] / fl.contract_weight[gb] == pytest.approx(3298.61 / 2291.67)
    assert fl.market_usd_per_gpu_hour[vr] == pytest.approx(5.0 * 1.105)
    assert fl.market_usd_per_gpu_hour[gb] == pytest.approx(5.0 * 1.105)


# --------------------------------------------------------------------------- timing


def test_delay_moves_the_whole_batch_site_and_gpus() -> None:
    # The article's 2025 batch, two years late: site, GPUs and their IT are all paid in 2027
    # when it is energised (the one delay model, as the point's slip moves a site), and rent
    # starts then. No GPU ages idle; nothing is paid in 2025 or 2026.
    s = scenario("article_case")
    fl = venture.build_model_inputs(s).fleet
    site, it = fl.facility_capex_usd[0], fl.accelerator_capex_usd[0] + fl.other_it_capex_usd[0]
    out = ledger(s, schedule_delay_years=2.0)
    capex, rent = out["venture_capex_usd"], out["stargate_payments_usd"]
    assert capex[YEARS.index(2025)] == 0.0
    assert capex[YEARS.index(2026)] == 0.0
    assert capex[YEARS.index(2027)] == pytest.approx(site + it)
    assert rent[YEARS.index(2026)] == 0.0
    # ...and from 2027 it earns a full contract term, as it would have from 2025.
    assert rent[YEARS.index(2027)] == pytest.approx(2.80 * 700_000 * HOURS_PER_YEAR * 0.8)


def test_delayed_npv_is_the_on_time_npv_discounted() -> None:
    # Every hour contracted for five flat years: a delay of d years moves every flow of the
    # batch, site included, d years later, so NPV(d) = v^d NPV(0). The contract counts from
    # service start (its first year moved to the batch's 2025), so a delay moves the term with
    # the GPUs.
    s = with_finance(scenario("article_case"), contract_start_year=2025)
    v = 1 / 1.1
    on_time = project_economics.compute_project_npv_usd(s)
    late = project_economics.compute_project_npv_usd(s, schedule_delay_years=3.0)
    assert late == pytest.approx(v**3 * on_time, rel=1e-9)


def test_a_site_slip_moves_purchase_and_energisation_together() -> None:
    # megaproject_overrun slips every site not yet energised a year: each batch is bought in
    # its (slipped) energisation year, and earns from that year on. Abilene phase 1, energised
    # in 2025, keeps its year, so the first batch is 2025 in both; the first capacity that is
    # not yet energised (Abilene phase 2, due 2026) is bought a year later, in 2027.
    base, slipped = scenario("base"), scenario("megaproject_overrun")
    table = sites.schedule_table(slipped)
    energised = {
        (int(r.year), r.generation) for r in table.itertuples() if r.in_horizon and r.gw > 0
    }
    for batch in sites.fleet_batches(slipped):
        assert (batch.deploy_year, batch.generation) in energised
    base_years = sorted({b.deploy_year for b in sites.fleet_batches(base)})
    slipped_years = sorted({b.deploy_year for b in sites.fleet_batches(slipped)})
    assert base_years == [2025, 2026, 2027, 2028]
    assert slipped_years == [2025, 2027, 2028, 2029]
    # In the ledger, phase 1 is bought in 2025 and nothing is bought in 2026, the year every
    # site due then (Abilene phase 2, Shackelford, Doña Ana, Lordstown/Milam) slipped out of.
    out = ledger(slipped, schedule_delay_years=0.0)
    assert out["venture_capex_usd"][YEARS.index(2025)] > 0
    assert out["venture_capex_usd"][YEARS.index(2026)] == 0.0
    assert out["venture_capex_usd"][YEARS.index(2027)] > 0


# --------------------------------------------------------------------------- oracle


def test_loop_agrees_with_a_term_ending_inside_a_year() -> None:
    s = with_finance(scenario("base"), contract_years=4.5)
    inputs = venture.build_model_inputs(s)
    draws = {k: np.repeat(v, 5) for k, v in venture.point_draws(s).items()}
    draws["it_lifetime_years"] = np.array([3.2, 4.3, 4.7, 5.0, 6.5])
    draws["schedule_delay_years"] = np.array([0.0, 1.0, 0.0, 2.0, 1.0])
    draws["price_change_rate"] = np.array([-0.2, -0.084, 0.0, 0.05, -0.1])
    vec = venture.evaluate_model(inputs, draws)
    loop = evaluate_model_loop(inputs, draws)
    for key, values in loop.items():
        np.testing.assert_allclose(vec[key], values, rtol=1e-9, atol=1e-3, err_msg=key)


def test_npv_moves_with_the_market_rent_only_outside_the_contract() -> None:
    # Doubling the market rent adds to NPV exactly the market part, which the contracted
    # share does not have: with every hour contracted for the whole life (from the batch's
    # 2025 start) it adds nothing.
    s = with_finance(scenario("article_case"), contract_start_year=2025)
    doubled = with_finance(s, market_rent_usd_per_pflop_hour=2 * 1.105)
    assert project_economics.compute_project_npv_usd(doubled) == pytest.approx(
        project_economics.compute_project_npv_usd(s), rel=1e-12
    )
    base = scenario("base")
    up = montecarlo.outcome_at(base, "market_rent_usd_per_pflop_hour", [1.105, 2.21])
    assert up[1] > up[0]


def test_rent_by_generation_table_by_hand() -> None:
    from stargate.present import cost_report

    s = scenario("base")
    table = fleet_refresh.compute_rent_by_generation(s).set_index("generation")
    # Contract: $5.67 x IT W / GB300's 2,291.67 W. Market: FP8 PFLOPS x $1.105 in 2026, moved
    # by -8.4 % a year to the generation's first year (GB200: 2025, one year back).
    assert table.loc["GB300", "contract_usd_per_gpu_hour"] == pytest.approx(5.67)
    assert table.loc["H100", "contract_usd_per_gpu_hour"] == pytest.approx(5.67 * 1416.67 / 2291.67)
    assert table.loc["GB200", "market_usd_per_gpu_hour"] == pytest.approx(4.75 * 1.105)
    assert table.loc["GB200", "market_first_year_usd_per_gpu_hour"] == pytest.approx(
        4.75 * 1.105 / 0.916
    )
    text = cost_report.describe_rent_by_generation(s)
    assert "45%" in text and "$5.67/GPU-hour" in text and "$1.10/PFLOP-hour" in text
    frame = cost_report.rent_by_generation_frame(s)
    assert list(frame["generation"]) == ["H100", "GB200", "GB300", "VR200"]
    assert "$8.16/GPU-hour" in set(frame["contracted hour (flat for the term)"])
