"""The programme model: sites -> GW by year -> GPUs by generation -> capex, by hand."""

from __future__ import annotations

import pytest

from stargate import facts
from stargate.model import costs, programme, sites
from stargate.present import programme_report
from stargate.scenario import ScenarioError, from_parameters, load_scenario

v = facts.value


@pytest.fixture(scope="module")
def base():
    return load_scenario("base")


def test_named_sites_add_up_by_hand():
    # Abilene 0.206 + 0.994 + expansion 0.6; Shackelford 1.4; Doña Ana 2.5 (5.5 - 1.4 - 0.6 - 1.0);
    # Port Washington 1.0; Lordstown + Milam 1.5; Saline Township 1.0 = 9.2 GW.
    assert sites.sited_gw() == pytest.approx(9.2)
    assert v("sg_dona_ana_gw_derived") == pytest.approx(
        v("sg_sep25_oracle_sites") - v("sg_shackelford_gw") - 0.6 - v("sg_wisconsin")
    )
    assert v("abilene_phase2_mw_derived") == v("abilene_capacity") * 1000 - v("abilene_phase1_mw")
    # Sites outside the US programme are listed, not counted.
    table = sites.sites_table(load_scenario("base")).set_index("site_id")
    assert not table.loc["uae", "counted"] and not table.loc["norway", "counted"]


def test_unsited_remainder_is_the_target_less_the_sites(base):
    assert sites.unsited_gw(base) == pytest.approx(10 - 9.2)
    half = from_parameters({"programme": {"unsited_share_built": 0.5}})
    assert sites.unsited_gw(half) == pytest.approx(0.4)


def test_schedule_spreads_each_site_over_its_reported_years(base):
    table = sites.schedule_table(base)
    shack = table[table["site_id"] == "shackelford"]
    # First building 2026, complete 2028: 1.4 GW / 3 years.
    assert shack["year"].tolist() == [2026, 2027, 2028]
    assert shack["gw"].tolist() == pytest.approx([1.4 / 3] * 3)
    # Capacity is filled with the generation of its year; Abilene reports GB200.
    assert shack["generation"].tolist() == ["GB300", "VR200", "VR200"]
    abilene = table[table["site_id"].str.startswith("abilene_phase")]
    assert set(abilene["generation"]) == {"GB200"}
    assert table["gw"].sum() == pytest.approx(10.0)


def test_gpus_are_it_power_over_watts_by_hand(base):
    (first, *_) = sites.programme_batches(base)
    # Abilene phase 1: 206 MW / PUE 1.3 = 158.46 MW of IT; / 2,083.3 W per GB200 (120 kW / 72
    # x 1.25 for the SuperPOD's network and storage) = 76,062.
    watts = base.fleet.specs.GB200.it_power_w_per_gpu
    assert (first.generation, first.year) == ("GB200", 2025)
    assert first.gpu_count == round(206e6 / 1.3 / watts)
    assert first.gpu_count == pytest.approx(76_062, abs=5)


def test_programme_gpus_against_an_independent_estimate(base):
    # Huang: 10 GW is about 4-5 million GPUs (nvda_gw_gpus), a figure the model does not use.
    # The model counts fewer: it sizes each GPU with its rack, cluster network and storage from
    # NVIDIA's system specifications (2.1-3.3 kW) and the building's cooling (PUE 1.3), about
    # 3.7 kW a GPU on average, where Huang's count implies 2.0-2.5 kW. The report says so.
    gpus = programme.programme_gpus(base)
    fact = facts.get("nvda_gw_gpus")
    assert 0.5 * fact.low < gpus < fact.low
    implied_w = 10e9 / gpus
    assert 10e9 / fact.high < 10e9 / fact.low < implied_w
    assert "4–5 million" in programme_report.describe_programme(base)


def test_capex_by_hand_and_by_year(base):
    by_year = programme.capex_usd_by_plan_year(base)
    assert sum(by_year.values()) == pytest.approx(programme.programme_capex_usd(base))
    # 2025: Abilene phase 1's GB200s, each $3.1m/72 + $1.9m/72 of IT + 2,083.3 W x $16.25m per
    # MW of IT ($15bn ÷ (1.2 GW ÷ PUE 1.3)).
    spec = base.fleet.specs.GB200
    (first, *_) = sites.programme_batches(base)
    per_gpu = 3.1e6 / 72 + 1.9e6 / 72 + spec.it_power_w_per_gpu * 16.25
    assert by_year[2025] == pytest.approx(first.gpu_count * per_gpu, rel=1e-3)
    assert by_year[2029] == by_year[2030] == 0.0


def test_slips_move_capacity_and_can_leave_the_horizon():
    slipped = from_parameters({"programme": {"slip_years": 3}})
    # Sites due in 2028 slip to 2031, past the models' last year: left out, and said so.
    assert sites.beyond_horizon_gw(slipped) > 0
    assert programme.programme_gw(slipped) < 10.0
    one = from_parameters({"programme": {"site_slip_years": {"wisconsin": 2}}})
    wi = sites.schedule_table(one).query("site_id == 'wisconsin'")
    assert wi["year"].tolist() == [2030]


def test_a_slip_leaves_energised_capacity_where_it_is():
    # Abilene phase 1 is energised (sites.yaml status, abilene_timeline_phase1_energised 2025);
    # the Abilene expansion is only announced, due at the end of the build-out (2028). A
    # two-year slip, overall and on each site by name, moves the expansion to 2028 + 2 = 2030
    # and leaves phase 1 in 2025.
    slipped = from_parameters(
        {
            "programme": {
                "slip_years": 1,
                "site_slip_years": {"abilene_phase1": 1, "abilene_expansion": 1},
            }
        }
    )
    table = sites.schedule_table(slipped)
    phase1 = table.query("site_id == 'abilene_phase1'")
    assert phase1["year"].tolist() == [2025]
    assert phase1["slip_years"].tolist() == [0]
    expansion = table.query("site_id == 'abilene_expansion'")
    assert expansion["year"].tolist() == [2030]
    assert expansion["slip_years"].tolist() == [2]
    shown = sites.sites_table(slipped).set_index("site_id")["slip_years"]
    assert shown["abilene_phase1"] == 0
    assert shown["abilene_expansion"] == 2


def test_a_programme_with_nothing_in_the_horizon_still_builds():
    # Everything slips past 2030 and none of the remainder is built: the reports still compute.
    empty = from_parameters({"programme": {"slip_years": 5, "unsited_share_built": 0.0}})
    assert costs.cost_per_gpu_hour_usd(empty) > 0
    assert programme.programme_capex_usd(empty) > 0


@pytest.mark.parametrize(
    ("programme_params", "where"),
    [
        ({"site_slip_years": {"atlantis": 1}}, "programme.site_slip_years.atlantis"),
        ({"site_slip_years": {"michigan": 9}}, "programme.site_slip_years.michigan"),
        (
            {"generation_first_year": {"GB300": 2029, "VR200": 2027}},
            "programme.generation_first_year",
        ),
        ({"slip_years": 6}, "programme.slip_years"),
        ({"unsited_share_built": 1.5}, "programme.unsited_share_built"),
    ],
)
def test_bad_programme_knobs_are_refused(programme_params, where):
    with pytest.raises(ScenarioError) as err:
        from_parameters({"programme": programme_params})
    assert any(where in line for line in err.value.problems), err.value.problems


def test_the_article_share_of_the_programme(base):
    frame = programme.what_commitment_buys(base).set_index("row")
    # The article's 700,000 H100 at 1,416.67 W x 1.3 = 1.289 GW of the programme's 10 GW.
    assert frame.loc["article", "gpus"] == 700_000
    assert frame.loc["article_share", "gw"] == pytest.approx(1.28917 / 10.0, rel=1e-3)
    # The commitment at the programme's cost per GW.
    assert frame.loc["commitment", "gw"] == pytest.approx(
        500e9 / frame.loc["programme", "capex_usd_per_gw"]
    )
