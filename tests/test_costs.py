"""Cost model and its sensitivity sweeps: hand-worked arithmetic, properties, schema groups.

The fact-check is tested in test_fact_check.py, the report's sentences and tables in
test_cost_report.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from stargate import facts
from stargate.model import cost_sensitivity, costs, sites
from stargate.scenario import ScenarioError, load_scenario, validate

# A small scenario with round inputs, so every figure below can be worked out by hand:
# 1,000 H100 at $20,000 + $10,000 other IT, 1,000 W all-in IT each (1 MW of IT load);
# facility $10m per MW, PUE 1.5, $50/MWh; cost of capital 0 (so CRF = 1 / life),
# IT life 5 y, facility life 20 y, utilisation 50 %, maintenance 2 %, staff & other 1 %.
HAND_SPEC = {
    "accelerator_price_usd": 20_000,
    "other_it_capex_usd_per_gpu": 10_000,
    "chip_power_w": 700,
    "it_power_w_per_gpu": 1_000,
    "compute_pflops_bf16_dense": 1.0,
}
HAND = {
    "name": "hand",
    "title": "Hand-worked",
    "description": "Round inputs for hand arithmetic",
    "fleet": {
        "batches": [{"generation": "H100", "gpu_count": 1_000, "deploy_year": 2025}],
        "specs": {"H100": HAND_SPEC},
    },
    "facility": {
        "facility_capex_usd_per_mw_it": 10_000_000,
        "pue": 1.5,
        "electricity_usd_per_mwh": 50,
    },
    "finance": {
        "cost_of_capital_rate": 0.0,
        "it_lifetime_years": 5,
        "facility_lifetime_years": 20,
        "utilization_rate": 0.5,
        "maintenance_rate": 0.02,
        "staff_other_rate": 0.01,
        "price_usd_per_gpu_hour": 3.0,
    },
}


def make(**changes):
    """The hand scenario with groups updated (``finance={"pue": ...}`` merges into the group).

    A scenario file cannot set a zero cost of capital (the sustainability model divides by it),
    but the cost model's formulas are defined there — capital recovery is straight-line, 1/n —
    which keeps these tests' arithmetic by hand. So the hand scenario validates at a positive
    rate and then has its rate set, unvalidated, to the one asked for.
    """
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in HAND.items()}
    for group, update in changes.items():
        data[group] = {**data[group], **update}
    rate = data["finance"]["cost_of_capital_rate"]
    data["finance"] = {**data["finance"], "cost_of_capital_rate": max(rate, 0.01)}
    scenario = validate(data)
    finance = scenario.finance.model_copy(update={"cost_of_capital_rate": rate})
    return scenario.model_copy(update={"finance": finance})


@pytest.fixture(scope="module")
def hand():
    return make()


@pytest.fixture(scope="module")
def base():
    return load_scenario("base")


# --------------------------------------------------------------------------- hand scenario


def test_capex_breakdown_by_hand(hand):
    # accelerators 1,000 × 20,000 = 20m; other IT 1,000 × 10,000 = 10m;
    # IT load 1,000 × 1,000 W = 1 MW → facility 1 × 10m = 10m; total 40m
    parts = costs.capex_breakdown_usd(hand)
    assert parts == pytest.approx({"accelerators": 20e6, "other_it": 10e6, "facility": 10e6})
    assert costs.total_capex_usd(hand) == pytest.approx(40e6)
    # NVIDIA accelerators 20m of 40m
    assert costs.nvidia_share_of_capex(hand) == pytest.approx(0.5)


def test_power_by_hand(hand):
    # IT 1 MW; facility 1 × 1.5 = 1.5 MW; 1.5 × 8,760 × 0.5 = 6,570 MWh; × $50 = $328,500
    p = costs.power_summary(hand)
    assert p == pytest.approx(
        {
            "power_it_mw": 1.0,
            "power_facility_mw": 1.5,
            "energy_mwh_per_year": 6_570.0,
            "energy_usd_per_year": 328_500.0,
        }
    )


def test_annual_tco_by_hand(hand):
    # IT capital 30m × CRF(0, 5) = 30m / 5 = 6m; facility 10m / 20 = 0.5m;
    # energy 328,500; maintenance 2 % × 40m = 800,000; staff & other 1 % × 40m = 400,000
    parts = costs.annual_tco_breakdown_usd(hand)
    assert parts == pytest.approx(
        {
            "it_capital": 6_000_000,
            "facility_capital": 500_000,
            "energy": 328_500,
            "maintenance": 800_000,
            "staff_other": 400_000,
        }
    )
    # 6,000,000 + 500,000 + 328,500 + 800,000 + 400,000 = 8,028,500
    assert costs.annual_tco_usd(hand) == pytest.approx(8_028_500)
    assert costs.annual_capital_charge_usd(hand) == pytest.approx(
        {"it": 6_000_000, "facility": 500_000}
    )
    assert costs.annual_opex_usd(hand) == pytest.approx(
        {"energy": 328_500, "maintenance": 800_000, "staff_other": 400_000}
    )
    # per MW of IT load: 8,028,500 / 1 MW
    assert costs.tco_per_mw_it_usd(hand) == pytest.approx(8_028_500)


def test_cost_per_gpu_hour_by_hand(hand):
    # GPU-hours worked = 1,000 × 8,760 × 0.5 = 4,380,000; 8,028,500 / 4,380,000 = 1.832991
    assert costs.gpu_hours_per_year(hand) == pytest.approx(4_380_000)
    assert costs.cost_per_gpu_hour_usd(hand) == pytest.approx(1.832991, abs=1e-6)
    # components: IT 6m / 4.38m = 1.369863; energy 328,500 / 4.38m = 0.075
    parts = costs.cost_per_gpu_hour_breakdown_usd(hand)
    assert parts["it_capital"] == pytest.approx(1.369863, abs=1e-6)
    assert parts["energy"] == pytest.approx(0.075)
    assert sum(parts.values()) == pytest.approx(costs.cost_per_gpu_hour_usd(hand))
    # per PFLOP-hour: 1 PFLOPS per GPU → the same figure
    assert costs.cost_per_pflop_hour_usd(hand) == pytest.approx(1.832991, abs=1e-6)


def test_cost_with_interest_by_hand():
    s = make(finance={"cost_of_capital_rate": 0.10})
    # IT 30m × 0.2637975 = 7,913,924; facility 10m × CRF(0.1, 20) where
    # 1.1^20 = 6.727500 → 0.1 × 6.7275 / 5.7275 = 0.1174596 → 1,174,596
    parts = costs.annual_tco_breakdown_usd(s)
    assert parts["it_capital"] == pytest.approx(7_913_924, abs=1)
    assert parts["facility_capital"] == pytest.approx(1_174_596, abs=1)


def test_per_gpu_function_by_hand():
    # One GPU: IT capex 50,000; 2,000 W; facility $5m/MW → 0.002 × 5m = 10,000;
    # PUE 1.2, $100/MWh, r = 0, IT life 4, facility life 10, utilisation 100 %,
    # maintenance 0 %, staff 0 %.
    # 50,000 / 4 = 12,500; 10,000 / 10 = 1,000; energy 0.002 × 1.2 × 8,760 × 100 = 2,102.4
    # total 15,602.4 a year → / 8,760 h = 1.781096 per GPU-hour
    inputs = dict(
        it_capex_usd_per_gpu=50_000,
        it_power_w_per_gpu=2_000,
        facility_capex_usd_per_mw_it=5e6,
        pue=1.2,
        electricity_usd_per_mwh=100,
        cost_of_capital_rate=0.0,
        it_lifetime_years=4,
        facility_lifetime_years=10,
        utilization_rate=1.0,
        maintenance_rate=0.0,
        staff_other_rate=0.0,
    )
    parts = costs.compute_annual_cost_per_gpu_usd(**inputs)
    assert float(parts["it_capital"]) == pytest.approx(12_500)
    assert float(parts["facility_capital"]) == pytest.approx(1_000)
    assert float(parts["energy"]) == pytest.approx(2_102.4)
    assert costs.compute_cost_per_gpu_hour_usd(**inputs) == pytest.approx(15_602.4 / 8_760)


def test_two_batches_by_year_and_weighted_cost():
    gb = {**HAND_SPEC, "accelerator_price_usd": 50_000, "it_power_w_per_gpu": 2_000}
    s = make(
        fleet={
            "batches": [
                {"generation": "H100", "gpu_count": 1_000, "deploy_year": 2025},
                {"generation": "GB200", "gpu_count": 500, "deploy_year": 2026},
            ],
            "specs": {"H100": HAND_SPEC, "GB200": {**gb, "chip_power_w": 1_200}},
        }
    )
    # 2025: 40m (as the hand case). 2026: 500 × (50,000 + 10,000) = 30m IT; 500 × 2 kW = 1 MW
    # → 10m facility; 40m in 2026.
    assert costs.capex_usd_by_year(s) == pytest.approx({2025: 40e6, 2026: 40e6})
    assert costs.fleet_table(s)["power_it_mw"].tolist() == pytest.approx([1.0, 1.0])
    # GB200 batch TCO: IT 30m / 5 = 6m; facility 0.5m; energy 328,500; maintenance 800,000;
    # staff 400,000 → 8,028,500 (the same as the H100 batch). Fleet: 16,057,000 over
    # 1,500 × 8,760 × 0.5 = 6,570,000 GPU-hours → 2.443988
    assert costs.annual_tco_usd(s) == pytest.approx(16_057_000)
    assert costs.cost_per_gpu_hour_usd(s) == pytest.approx(16_057_000 / 6_570_000)


def test_fleet_of_one_generation_matches_generation_table():
    # Two independent paths: the fleet functions and the per-GPU generation table.
    s = make(fleet={"batches": [{"generation": "GB300", "gpu_count": 7, "deploy_year": 2027}]})
    table = costs.generation_table(s).set_index("generation")
    assert costs.cost_per_gpu_hour_usd(s) == pytest.approx(
        table.loc["GB300", "cost_per_gpu_hour_usd"], rel=1e-12
    )
    assert costs.cost_per_pflop_hour_usd(s) == pytest.approx(
        table.loc["GB300", "cost_per_pflop_hour_usd"], rel=1e-12
    )


def test_sweep_matches_rebuilt_scenarios(hand):
    lives = np.array([3.0, 4.0, 7.0])
    util = np.array([0.5, 0.75, 1.0])
    grid = costs.sweep_cost_per_gpu_hour_usd(
        hand, it_lifetime_years=lives[:, None], utilization_rate=util[None, :]
    )
    assert grid.shape == (3, 3)
    for i, life in enumerate(lives):
        for j, u in enumerate(util):
            rebuilt = make(finance={"it_lifetime_years": life, "utilization_rate": u})
            assert grid[i, j] == pytest.approx(costs.cost_per_gpu_hour_usd(rebuilt), rel=1e-12)


def test_sweep_rejects_unknown_inputs(hand):
    with pytest.raises(ValueError, match="cannot sweep"):
        costs.sweep_cost_per_gpu_hour_usd(hand, gpu_count=5)


# --------------------------------------------------------------------------- properties


def test_tco_rises_with_electricity_price_and_cost_of_capital(base):
    prices = np.linspace(0, 300, 31)
    rates = np.linspace(0, 0.3, 31)
    by_price = costs.sweep_annual_tco_breakdown_usd(base, electricity_usd_per_mwh=prices)
    by_rate = costs.sweep_annual_tco_breakdown_usd(base, cost_of_capital_rate=rates)
    assert np.all(np.diff(sum(by_price.values())) > 0)
    assert np.all(np.diff(sum(by_rate.values())) > 0)


def test_tco_falls_with_lifetimes(base):
    lives = np.linspace(1, 15, 29)
    it = costs.sweep_annual_tco_breakdown_usd(base, it_lifetime_years=lives)
    facility = costs.sweep_annual_tco_breakdown_usd(base, facility_lifetime_years=lives)
    assert np.all(np.diff(sum(it.values())) < 0)
    assert np.all(np.diff(sum(facility.values())) < 0)


@pytest.mark.parametrize("rate", [0.0, 0.05, 0.10, 0.20])
def test_cost_per_gpu_hour_falls_with_utilisation(base, rate):
    util = np.linspace(0.05, 1.0, 20)
    cost = costs.sweep_cost_per_gpu_hour_usd(base, utilization_rate=util, cost_of_capital_rate=rate)
    assert np.all(np.diff(cost) < 0)


def test_heatmap_grid_is_monotone(base):
    grid = cost_sensitivity.lifetime_utilization_grid(base)
    assert len(grid) == len(costs.LIFETIME_GRID_YEARS) * len(costs.UTILIZATION_GRID)
    cube = grid.pivot(
        index="it_lifetime_years", columns="utilization_rate", values="cost_per_gpu_hour_usd"
    ).to_numpy()
    assert np.all(np.diff(cube, axis=0) < 0)  # longer life → cheaper
    assert np.all(np.diff(cube, axis=1) < 0)  # more hours worked → cheaper


def test_tornado_brackets_the_base_case(base):
    table = cost_sensitivity.tornado_table(base)
    point = costs.cost_per_gpu_hour_usd(base)
    lo = table[["cost_at_low_usd", "cost_at_high_usd"]].min(axis=1)
    hi = table[["cost_at_low_usd", "cost_at_high_usd"]].max(axis=1)
    # Every base input lies inside its swept range, so the base outcome lies inside each swing.
    assert (lo <= point + 1e-12).all() and (hi >= point - 1e-12).all()
    assert list(table["swing_usd"]) == sorted(table["swing_usd"], reverse=True)
    # Each assumption row is swept over its own low/high.
    cap = table.set_index("factor").loc["Cost of capital"]
    fact = facts.get("as_cost_of_capital_rate")
    assert (cap.low_value, cap.high_value) == (fact.low, fact.high)
    assert cap.cost_at_high_usd == pytest.approx(
        costs.sweep_cost_per_gpu_hour_usd(base, cost_of_capital_rate=fact.high)
    )


def test_every_assumption_of_the_cost_groups_is_swept(base):
    # An assumption row behind a fleet/facility/finance default must appear in the tornado.
    assumptions = {
        f
        for f in base.fact_ids(["fleet", "facility", "finance"])
        if facts.all_facts()[f].kind == "assumption"
    }
    swept = {
        i.strip()
        for ids in cost_sensitivity.tornado_table(base)["fact_ids"]
        for i in ids.split(",")
    }
    assert assumptions and assumptions <= swept


# --------------------------------------------------------------------------- base case


@pytest.fixture(scope="module")
def article():
    return load_scenario("article_case")


def test_article_case_fleet_is_the_article_claim(article, base):
    (batch,) = article.fleet.batches
    assert (batch.generation, batch.gpu_count, batch.deploy_year) == ("H100", 700_000, 2025)
    assert article.finance.price_usd_per_gpu_hour == 2.80
    # The base case is the programme's fleet, not the article's.
    assert base.fleet.batches is None
    assert "H100" not in sites.fleet_generations(base)


def test_article_case_h100_cost_by_hand(article):
    base = article
    # Register values: H100 $27,500 + $22,500 other IT = $50,000; 1,416.67 W all-in
    # (DGX H100 10,200 W / 8 / (1 - 0.10 cluster network & storage)); facility $16.25m per MW
    # of IT ($15bn ÷ (1.2 GW ÷ 1.3)) → 1,416.67e-6 × 16.25e6 = $23,020.83; PUE 1.3; $66/MWh;
    # 10 %; IT 5 y; facility 15 y; utilisation 80 %; maint 3 %; staff 1 %.
    # IT 50,000 × 0.2637975 = 13,189.87; facility 23,020.83 × 0.1314738 = 3,026.64
    # (1.1^15 = 4.177248 → 0.4177248 / 3.177248); energy 1,416.67e-6 × 1.3 × 8,760 × 0.8 × 66
    # = 851.82; capex per GPU 50,000 + 23,020.83 = 73,020.83: maintenance 3 % = 2,190.62;
    # staff 1 % = 730.21; total 19,989.17 / (8,760 × 0.8 = 7,008 h) = 2.85234 per GPU-hour
    assert costs.cost_per_gpu_hour_usd(base) == pytest.approx(2.85234, abs=2e-5)
    # 700,000 × 19,989.17 = 13.9924bn a year
    assert costs.annual_tco_usd(base) == pytest.approx(13.9924e9, rel=1e-4)
    # 700,000 × 73,020.83 = 51.1146bn; accelerators 19.25bn / 51.1146bn = 37.66 %
    assert costs.total_capex_usd(base) == pytest.approx(51.1146e9, rel=1e-5)
    assert costs.nvidia_share_of_capex(base) == pytest.approx(0.37660, abs=1e-5)


def test_base_generations_per_hour_vs_per_compute(base):
    t = costs.generation_table(base).set_index("generation")
    # Each newer NVL72 generation costs more per GPU-hour ...
    assert list(t["cost_per_gpu_hour_usd"]) == sorted(t["cost_per_gpu_hour_usd"])
    # ... but a GB200 PFLOP-hour is cheaper than an H100's (2.375 vs 0.989 PFLOPS per GPU)
    assert t.loc["GB200", "cost_per_pflop_hour_usd"] < t.loc["H100", "cost_per_pflop_hour_usd"]
    assert "compute_pflops_bf16_dense" in t.loc["VR200", "derived_fields"]
    assert t.loc["H100", "derived_fields"] == ("other_it_capex_usd_per_gpu", "it_power_w_per_gpu")
    assert t.loc["H100", "cost_per_gpu_hour_vs_h100"] == 1.0


# --------------------------------------------------------------------------- sweeps, headline


def test_electricity_sweep_uses_sourced_prices(base):
    t = cost_sensitivity.electricity_sweep(base)
    assert list(t["electricity_usd_per_mwh"]) == sorted(t["electricity_usd_per_mwh"])
    row = t.set_index("fact_id").loc["elec_tx_industrial"]
    assert row.cost_per_gpu_hour_usd == pytest.approx(costs.cost_per_gpu_hour_usd(base))


def test_cost_of_capital_sweep_covers_the_assumption_range(base):
    t = cost_sensitivity.cost_of_capital_sweep(base)
    fact = facts.get("as_cost_of_capital_rate")
    assert t["cost_of_capital_rate"].min() == pytest.approx(fact.low)
    assert t["cost_of_capital_rate"].max() == pytest.approx(fact.high)
    assert sorted(t["it_lifetime_years"].unique()) == [3.0, 5.0, 6.0]


def test_headline_figures(base):
    h = costs.headline_figures(base)
    assert set(h) == {
        "annual_tco_usd",
        "cost_per_gb300_equivalent_hour_usd",
        "cost_per_gpu_hour_usd",
        "nvidia_share_of_capex",
        "power_facility_mw",
    }
    assert h["cost_per_gpu_hour_usd"][0] == pytest.approx(costs.cost_per_gpu_hour_usd(base))
    # The like-for-like cost (hours counted by IT power against a GB300's; worked by hand in the
    # equivalent-hours tests above): the base fleet's average GPU draws more than a GB300, so an
    # equivalent hour costs less than an average one.
    per_equivalent = h["cost_per_gb300_equivalent_hour_usd"][0]
    assert per_equivalent == pytest.approx(costs.cost_per_equivalent_gpu_hour_usd(base, "GB300"))
    assert per_equivalent < h["cost_per_gpu_hour_usd"][0]


# --------------------------------------------------------------------------- schema


def test_specs_lookup(base):
    assert base.fleet.specs["GB200"] is base.fleet.specs.GB200
    assert [g for g, _ in base.fleet.specs.items()] == ["H100", "GB200", "GB300", "VR200"]
    with pytest.raises(KeyError, match="unknown generation"):
        base.fleet.specs["A100"]


def test_spec_defaults_come_from_the_register(base):
    assert base.fleet.specs.H100.accelerator_price_usd == facts.value("price_h100")
    assert base.fleet.specs.GB300.chip_power_w == facts.value("tdp_b300")
    # NVIDIA's SuperPOD unit: 1,200 kW / (8 racks × 72 GPUs) = 2,083.33 W per GPU, all-in
    assert base.fleet.specs.GB200.it_power_w_per_gpu == pytest.approx(2_083.33)
    assert base.facility.pue == facts.value("pue_new_builds")
    assert base.finance.it_lifetime_years == facts.value("dep_amazon_2025")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"fleet": {"specs": {"H100": {**HAND_SPEC, "it_power_w_per_gpu": 500}}}},
            "fleet.specs.H100: it_power_w_per_gpu (500 W) is below chip_power_w (700 W)",
        ),
        (
            {"fleet": {"batches": [{"generation": "A100", "gpu_count": 1, "deploy_year": 2025}]}},
            "fleet.batches[0].generation",
        ),
        (
            {"fleet": {"batches": [{"generation": "H100", "gpu_count": 0, "deploy_year": 2025}]}},
            "fleet.batches[0].gpu_count",
        ),
        ({"finance": {"utilization_rate": 0.0}}, "finance.utilization_rate"),
        ({"facility": {"pue": 0.9}}, "facility.pue"),
        ({"fleet": {"batches": []}}, "fleet.batches"),
    ],
)
def test_bad_inputs_are_one_line_each(change, message):
    with pytest.raises(ScenarioError) as err:
        make(**change)
    assert any(message in p for p in err.value.problems), err.value.problems
    assert all("\n" not in p for p in err.value.problems)


def test_abilene_it_load_is_a_derived_fact():
    # 1.2 GW of facility power ÷ PUE 1.3 = 923.08 MW of IT load, from the rows it names.
    row = facts.get("abilene_it_mw_derived")
    assert row.kind == "derived"
    assert set(row.derived_from) == {"abilene_capacity", "pue_new_builds"}
    inputs = facts.value("abilene_capacity") * 1000 / facts.value("pue_new_builds")
    assert inputs == pytest.approx(1_200 / 1.3)
    assert row.value == pytest.approx(inputs, rel=1e-6)
    # The facility cost per MW of IT is the JV's $15bn over that load: 15e9 / 923.08 = $16.25m.
    assert facts.value("abilene_shell_per_mw") * row.value == pytest.approx(15e9, rel=1e-6)


def test_no_hand_typed_abilene_it_load():
    # The schema's help for the Abilene key names the fact, not a number typed by hand.
    from stargate.schema.compute import Facility

    text = Facility.model_fields["facility_capex_usd_per_mw_it"].description or ""
    assert "923" not in text and "abilene_it_mw_derived" in text


# --------------------------------------------------------------------------- like for like


def test_cost_per_gb300_equivalent_hour_by_hand(base):
    from stargate.model import like_for_like, project_economics

    # Fleet mix (programme) × all-in IT W over GB300's 2,291.67 W: GB200 443,078 × 2,083.33 /
    # 2,291.67 = 402,799; GB300 688,111 × 1; VR200 1,574,090 × 3,298.61 / 2,291.67 = 2,265,728
    # → 3,356,638 GB300-equivalent GPUs, against 2,705,279 GPUs.
    table = costs.fleet_table(base).groupby("generation")["gpu_count"].sum()
    assert dict(table) == {"GB200": 443_078, "GB300": 688_111, "VR200": 1_574_090}
    watts = {"GB200": 2_083.33, "GB300": 2_291.67, "VR200": 3_298.61}
    eq_gpus = sum(table[g] * watts[g] / watts["GB300"] for g in watts)
    assert eq_gpus == pytest.approx(3_356_638, abs=2)
    hours = 8_760 * 0.8
    assert costs.equivalent_gpu_hours_per_year(base, "GB300") == pytest.approx(eq_gpus * hours)
    # The cost: annual TCO ÷ those hours = $6.1693 per average GPU-hour × 2,705,279 / 3,356,638
    # = $4.972 per GB300-equivalent GPU-hour.
    per_eq = costs.cost_per_equivalent_gpu_hour_usd(base, "GB300")
    assert per_eq == pytest.approx(costs.annual_tco_usd(base) / (eq_gpus * hours), rel=1e-9)
    assert per_eq == pytest.approx(6.16935 * 2_705_279 / 3_356_638, rel=1e-5)
    assert per_eq == pytest.approx(4.972, abs=5e-4)
    # Independently: TCO per MW of IT a year × a GB300's 0.00229167 MW ÷ its hours worked.
    assert per_eq == pytest.approx(costs.tco_per_mw_it_usd(base) * 2_291.67e-6 / hours, rel=1e-9)
    # The break-even's unit is the same: an hour of each generation priced by its IT power.
    assert like_for_like.GENERATION == project_economics.HEADLINE_PRICE_GENERATION == "GB300"


def _all_contracted_one_year(base):
    """The base fleet bought in 2026, every hour contracted for the whole IT life (from 2026)."""
    from stargate.schema.compute import GpuBatch

    batches = [
        GpuBatch(generation=b.generation, gpu_count=b.gpu_count, deploy_year=2026)
        for b in sites.fleet_batches(base)
    ]
    fleet = base.fleet.model_copy(update={"batches": batches})
    finance = base.finance.model_copy(update={"contracted_gw": 100.0, "contract_start_year": 2026})
    return base.model_copy(update={"fleet": fleet, "finance": finance})


def test_breakeven_is_the_equivalent_cost_when_every_hour_is_contracted(base):
    from stargate.model import like_for_like, project_economics

    # Derived, not assumed: each batch's NPV at price p is A·(p·H_b − TCO_b) (annuity identity:
    # capex at the start, IT over its life, the facility kept at its remaining annuity), with H_b
    # the batch's GB300-equivalent hours. Bought in one year, the batches share A, so NPV = 0
    # at p = ΣTCO_b / ΣH_b: the cost per GB300-equivalent hour, whatever the fleet's mix.
    s = _all_contracted_one_year(base)
    assert s.risk.facility_overrun_rate == 0 and s.risk.schedule_delay_years == 0
    breakeven = project_economics.find_breakeven_price_usd_per_gb300_hour(s)
    cost = costs.cost_per_equivalent_gpu_hour_usd(s, "GB300")
    assert breakeven == pytest.approx(cost, rel=1e-9)
    # Per average GPU-hour the cost would be off by the fleet's power mix (not the same unit).
    assert abs(costs.cost_per_gpu_hour_usd(s) - breakeven) > 1.0
    lfl = like_for_like.compare_cost_price_breakeven(s)
    assert lfl["contracted_share_of_hours"] == pytest.approx(1.0)
    assert np.isnan(lfl["market_usd_per_gb300_hour"])
    assert lfl["levelised_cost_usd_per_gb300_hour"] == pytest.approx(cost, rel=1e-9)


def test_base_breakeven_above_a_price_that_covers_the_cost(base):
    from stargate.model import like_for_like, project_economics

    lfl = like_for_like.compare_cost_price_breakeven(base)
    cost, price = lfl["cost_usd_per_gb300_hour"], lfl["price_usd_per_gb300_hour"]
    breakeven, c = lfl["breakeven_usd_per_gb300_hour"], lfl["levelised_cost_usd_per_gb300_hour"]
    market, share = lfl["market_usd_per_gb300_hour"], lfl["contracted_share_of_hours"]
    # $4.97 < $5.67 < $6.72: the contract covers an hour's cost, yet NPV < 0 at it.
    assert cost == pytest.approx(4.972, abs=5e-4) and price == 5.67
    own = project_economics.find_breakeven_price_usd_per_gb300_hour(base)
    assert breakeven == pytest.approx(own)
    assert breakeven == pytest.approx(6.722, abs=5e-4)
    assert cost < price < breakeven
    assert project_economics.compute_project_npv_usd(base) < 0
    # NPV(p) = p·Xc + M − K is linear, so p* = c + (Xu / Xc)·(c − m), Xu / Xc = (1 − s) / s:
    # 4.949 + 0.592 / 0.408 × (4.949 − 3.726) = 6.722. Break-even ≥ cost iff m ≤ c. The
    # contracted share of the (discounted) hours is below 4.5 GW of the fleet's 10 GW: no hour
    # before the contract's 2027 start is contracted.
    assert share == pytest.approx(0.4084, abs=1e-4) and share < 0.45
    assert c == pytest.approx(4.949, abs=5e-4) and market == pytest.approx(3.726, abs=5e-4)
    assert breakeven == pytest.approx(c + (1 - share) / share * (c - market), rel=1e-9)
    # The other way round (altman_optimist): market hours earn more than the cost, so the
    # break-even falls below it.
    alt = like_for_like.compare_cost_price_breakeven(load_scenario("altman_optimist"))
    assert alt["market_usd_per_gb300_hour"] > alt["levelised_cost_usd_per_gb300_hour"]
    assert alt["breakeven_usd_per_gb300_hour"] < alt["levelised_cost_usd_per_gb300_hour"]
