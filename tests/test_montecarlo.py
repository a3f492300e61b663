"""The Monte Carlo: distributions, seeding, convergence, and the vectorised model vs the loop."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from oracle_loop import evaluate_model_loop

from stargate.model import montecarlo as mc
from stargate.model import openai_path, project_economics, venture
from stargate.present import sustainability_report as report
from stargate.scenario import PARAMS_DIR, ScenarioError, list_scenarios, load_scenario
from stargate.schema.risk import Centred, Fixed, Lognormal, Triangular, Uniform

SCENARIOS = ["base", "musk_skeptic", "altman_optimist", "next_gen_hardware", "megaproject_overrun"]


def scenario(name: str):
    return load_scenario(PARAMS_DIR / f"{name}.yaml")


# --------------------------------------------------------------------------- distributions


def write_scenario(tmp_path: Path, body: str) -> Path:
    (tmp_path / "base.yaml").write_text((PARAMS_DIR / "base.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "x.yaml"
    path.write_text("title: t\ndescription: d\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            "risk:\n  utilization_rate_dist: {dist: triangular, low: 0.9, mode: 0.5, high: 1.0}\n",
            "low <= mode <= high",
        ),
        (
            "risk:\n  utilization_rate_dist: {dist: triangular, low: 0.5, mode: 0.8, high: 1.2}\n",
            "within [0.01, 1]",
        ),
        (
            "risk:\n  price_usd_per_gpu_hour_dist: {dist: uniform, low: 3, high: 3}\n",
            "low < high",
        ),
        (
            "risk:\n  other_it_overrun_rate_dist: {dist: lognormal, median: 0.5, p90: 0.2}\n",
            "floor < median < p90",
        ),
        ("risk:\n  it_lifetime_years_dist: {dist: normal, mean: 5}\n", "does not match"),
        ("risk:\n  n_draws: 10\n", "greater than or equal to 1000"),
    ],
)
def test_bad_distributions_are_one_line_each(tmp_path: Path, body: str, fragment: str) -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(write_scenario(tmp_path, body))
    problems = err.value.problems
    assert len(problems) == 1, problems
    assert "x.yaml: risk." in problems[0] and fragment in problems[0], problems[0]
    assert "\n" not in problems[0]


def test_triangular_quantiles_by_hand() -> None:
    tri = Triangular(dist="triangular", low=0.0, mode=1.0, high=4.0)
    # F(mode) = 1/4. q = 0.1 < 0.25: 0 + sqrt(0.1 x 4 x 1) = 0.6325;
    # q = 0.9: 4 - sqrt(0.1 x 4 x 3) = 2.9046; q = 0.25 -> the mode.
    assert mc.quantile(tri, 0.1) == pytest.approx(0.4**0.5)
    assert mc.quantile(tri, 0.9) == pytest.approx(4 - 1.2**0.5)
    assert mc.quantile(tri, 0.25) == pytest.approx(1.0)
    uni = Uniform(dist="uniform", low=2.0, high=4.0)
    assert mc.quantile(uni, 0.25) == pytest.approx(2.5)
    assert mc.quantile(Fixed(dist="fixed", value=3.0), 0.7) == 3.0
    log = Lognormal(dist="lognormal", median=0.1, p90=1.0, floor=0.0)
    assert mc.quantile(log, 0.5) == pytest.approx(0.1)
    assert mc.quantile(log, 0.9) == pytest.approx(1.0)


def test_samples_match_their_distribution() -> None:
    rng = np.random.default_rng(1)
    tri = Triangular(dist="triangular", low=0.0, mode=1.0, high=4.0)
    draws = mc.sample_distribution(tri, rng, 200_000)
    # Mean of a triangle = (low + mode + high) / 3 = 5/3.
    assert draws.mean() == pytest.approx(5 / 3, rel=0.01)
    assert draws.min() >= 0 and draws.max() <= 4
    log = Lognormal(dist="lognormal", median=0.068, p90=1.11, floor=0.0)
    ld = mc.sample_distribution(log, rng, 200_000)
    assert np.median(ld) == pytest.approx(0.068, rel=0.02)
    assert np.percentile(ld, 90) == pytest.approx(1.11, rel=0.03)


def test_empty_distributions_centre_on_the_point_value() -> None:
    base = scenario("base")
    dists = mc.resolve_distributions(base)
    # as_utilization_rate: 0.8 within 0.5-1.0; the article's $2.80 within $1.70-3.90.
    assert dists["utilization_rate"] == Centred(dist="centred", low=0.5, median=0.8, high=1.0)
    # The contract's price per GB300 GPU-hour sold: $60bn a year over 4.5 GW = 13.33e9 per
    # GW-year, over 1e9 / (W x 1.3) GPUs a GW x 8,760 h x 0.8, at the GB300's all-in power
    # range 1,851.85-2,430.56 W: 4.58-6.01 (not the 4.12-8.16 spanning GB200 to Vera Rubin,
    # whose hours the per-generation contract rent now prices).
    price = dists["price_usd_per_gpu_hour"]
    per_gw_year = 60e9 / 4.5

    def gb300_price(watts: float) -> float:
        return per_gw_year / (1e9 / (watts * 1.3) * 8760 * 0.8)

    assert price.median == 5.67
    assert price.low == pytest.approx(5.67 * 4.58 / 5.67)
    assert price.low == pytest.approx(gb300_price(1851.85), abs=0.005)
    assert price.high == pytest.approx(gb300_price(2430.56), abs=0.005)
    # Read relative to the point: the article's $2.80 H100-hour keeps the same spread.
    article = mc.resolve_distributions(scenario("article_case"))["price_usd_per_gpu_hour"]
    assert (article.low, article.median, article.high) == pytest.approx(
        (2.80 * 4.58 / 5.67, 2.80, 2.80 * 6.01 / 5.67)
    )
    # Overruns: from 0 (on budget, the point) to the reference class's mean overrun.
    assert dists["facility_overrun_rate"] == Centred(dist="centred", low=0.0, median=0.0, high=0.62)
    assert dists["other_it_overrun_rate"].high == 0.73
    # No sourced range for the delay: fixed at the point.
    assert dists["schedule_delay_years"] == Fixed(dist="fixed", value=0.0)
    # A point outside the sourced range widens it: musk_skeptic's 3-year life is the low end,
    # and its 15 % cost of capital the high end.
    musk = mc.resolve_distributions(scenario("musk_skeptic"))
    assert musk["it_lifetime_years"].low == musk["it_lifetime_years"].median == 3.0
    assert musk["cost_of_capital_rate"].median == musk["cost_of_capital_rate"].high == 0.15


def test_centred_quantiles_by_hand() -> None:
    dist = Centred(dist="centred", low=0.0, median=1.0, high=3.0)
    # below the median a + (m - a) sqrt(2q): q = 1/8 -> 0 + 1 x sqrt(1/4) = 0.5
    # above b - (b - m) sqrt(2(1 - q)): q = 7/8 -> 3 - 2 x sqrt(1/4) = 2
    assert mc.quantile(dist, np.array([0.0, 0.125, 0.5, 0.875, 1.0])) == pytest.approx(
        [0.0, 0.5, 1.0, 2.0, 3.0]
    )
    # Half the draws at the low end when the median is the low end (an overrun of 0)
    flat = Centred(dist="centred", low=0.0, median=0.0, high=0.62)
    draws = mc.sample_distribution(flat, np.random.default_rng(1), 20_000)
    assert np.mean(draws == 0.0) == pytest.approx(0.5, abs=0.01)
    # The mean of the upper triangle is m + (b - m) / 3; the whole: 0.5 x 0.62 / 3
    assert draws.mean() == pytest.approx(0.5 * 0.62 / 3, rel=0.02)


def test_moving_a_point_moves_its_distribution(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, "finance:\n  price_usd_per_gpu_hour: 3.5\n")
    moved = load_scenario(path)
    dist = mc.resolve_distributions(moved)["price_usd_per_gpu_hour"]
    assert float(mc.quantile(dist, 0.5)) == pytest.approx(3.5)
    draws = mc.draw_inputs(moved, n_draws=20_000)
    assert float(np.median(draws["price_usd_per_gpu_hour"])) == pytest.approx(3.5, rel=0.02)


def _off_centre_declared(s) -> list[str]:
    table = mc.compute_centring(s)
    off = table[table["is_declared"] & ~table["is_centred"]]
    return [f"{r.input} (point {r.point:g}, median {r.median:.3g})" for r in off.itertuples()]


@pytest.mark.parametrize("name", sorted(p.stem for p in PARAMS_DIR.glob("*.yaml")))
def test_every_shipped_scenario_draws_around_its_point(name: str) -> None:
    s = scenario(name)
    off = _off_centre_declared(s)
    if off:
        pytest.fail(
            f"params/{name}.yaml declares distributions whose median is not its point value: "
            + "; ".join(off)
        )
    draws = mc.draw_inputs(s, n_draws=20_000)
    points = venture.point_draws(s)
    dists = mc.resolve_distributions(s)
    for key in venture.DRAW_NAMES:
        point = float(points[key][0])
        median = float(np.median(draws[key]))
        if key == "schedule_delay_years":
            median = float(np.round(median))
        # within 2 % of the point (where the point is 0, of the distribution's P10-P90 width:
        # an overrun of 0 with a range to 62 % may be off by 1.2 points)
        scale = mc.centring_scale(dists[key], point)
        assert abs(median - point) <= 0.02 * scale, (key, point, median)
    centring = mc.compute_centring(s)
    assert centring["is_centred"].all()


@pytest.mark.parametrize("name", sorted(p.stem for p in PARAMS_DIR.glob("*.yaml")))
def test_every_shipped_scenario_point_results_lie_between_p10_and_p90(name: str) -> None:
    s = scenario(name)
    result = mc.run_monte_carlo(s, n_draws=20_000)
    table = mc.compare_point_with_draws(s, result).set_index("outcome")
    for outcome in ("total_need_usd", "npv_usd"):
        row = table.loc[outcome]
        assert row["p10"] <= row["point"] <= row["p90"], (outcome, dict(row))
        assert row["is_inside"]


def test_inconsistent_point_is_flagged(tmp_path: Path) -> None:
    path = write_scenario(
        tmp_path,
        "finance:\n  utilization_rate: 0.95\n"
        "risk:\n  utilization_rate_dist: {dist: uniform, low: 0.5, high: 0.7}\n",
    )
    problems = mc.check_distribution_points(load_scenario(path))
    assert [(name, point) for name, point, _ in problems] == [("utilization_rate", 0.95)]
    note = report.build_distribution_note(load_scenario(path))
    assert note.startswith("**Note on this scenario's inputs:** Utilisation: the point value 0.95")
    assert "(uniform 0.5 to 0.7)" in note
    assert mc.check_distribution_points(scenario("base")) == []


# --------------------------------------------------------------------------- seeding


def test_same_seed_same_numbers() -> None:
    s = scenario("base")
    a = mc.run_monte_carlo(s, n_draws=5_000)
    b = mc.run_monte_carlo(s, n_draws=5_000)
    for name in venture.DRAW_NAMES:
        np.testing.assert_array_equal(a.draws[name], b.draws[name])
    np.testing.assert_array_equal(a.outcomes["total_need_usd"], b.outcomes["total_need_usd"])
    c = mc.run_monte_carlo(s, n_draws=5_000, seed=s.risk.seed + 1)
    assert not np.array_equal(a.draws["utilization_rate"], c.draws["utilization_rate"])


def test_each_input_has_its_own_stream() -> None:
    # megaproject_overrun declares its own overrun and delay distributions; the other inputs'
    # draws are the same as base's (common random numbers) where their distributions are the
    # same.
    a = mc.draw_inputs(scenario("base"), 2_000)
    b = mc.draw_inputs(scenario("megaproject_overrun"), 2_000)
    assert not np.array_equal(a["facility_overrun_rate"], b["facility_overrun_rate"])
    assert not np.array_equal(a["schedule_delay_years"], b["schedule_delay_years"])
    np.testing.assert_array_equal(a["utilization_rate"], b["utilization_rate"])
    np.testing.assert_array_equal(a["price_usd_per_gpu_hour"], b["price_usd_per_gpu_hour"])


@pytest.mark.parametrize("name", SCENARIOS)
def test_median_need_converges(name: str) -> None:
    s = scenario(name)
    p50 = {
        n: mc.summarize_monte_carlo(mc.run_monte_carlo(s, n_draws=n))["need_p50_usd"]
        for n in (50_000, 200_000)
    }
    assert abs(p50[50_000] / p50[200_000] - 1) < 0.01


# --------------------------------------------------------------------------- vectorised vs loop


@pytest.mark.parametrize("name", SCENARIOS)
def test_vectorised_equals_loop_on_the_same_draws(name: str) -> None:
    s = scenario(name)
    result = mc.run_monte_carlo(s, n_draws=1_500)
    loop = evaluate_model_loop(result.inputs, result.draws)
    for key, values in loop.items():
        np.testing.assert_allclose(result.outcomes[key], values, rtol=1e-9, atol=1e-3, err_msg=key)


def test_loop_and_vectorised_agree_with_fractional_lives_and_delays() -> None:
    s = scenario("megaproject_overrun")
    inputs = venture.build_model_inputs(s)
    draws = {k: v.copy() for k, v in venture.point_draws(s).items()}
    life = np.array([3.2, 4.5, 4.49, 5.7, 6.0, 2.0])
    draws = {k: np.repeat(v, life.size) for k, v in draws.items()}
    draws["it_lifetime_years"] = life
    draws["schedule_delay_years"] = np.array([0.0, 1.0, 2.4, 2.6, 6.0, 3.0])
    vec = venture.evaluate_model(inputs, draws)
    loop = evaluate_model_loop(inputs, draws)
    for key, values in loop.items():
        np.testing.assert_allclose(vec[key], values, rtol=1e-9, atol=1e-3, err_msg=key)


def test_point_draw_is_the_deterministic_case() -> None:
    s = scenario("base")
    point = venture.evaluate_point(s)
    assert point["npv_usd"][0] == pytest.approx(project_economics.compute_project_npv_usd(s))
    assert point["total_need_usd"][0] == pytest.approx(
        openai_path.summarize_funding_need(s)["total_need_usd"]
    )


def test_the_venture_probability_is_the_headline_gap_line() -> None:
    # Same definition as the headline funding gap: the peak need beyond the partners' 52 and
    # the named funders' 63.0 ($bn: loans 9.4 + 17.5 + 12.5 + 18, the Abilene JV's 5.6, at
    # $16.25m of facility per MW of IT), which no draw changes. No assumed debt in it.
    from stargate.model import funding

    s = scenario("base")
    named = 9.4e9 + (1200 + 1400 + 1000) / 1.3 * 16.25e6 - 9.4e9 + 18e9
    result = mc.run_monte_carlo(s, n_draws=2_000)
    out = result.outcomes
    assert result.inputs.named_funders_usd == pytest.approx(named, rel=1e-9)
    expected = np.maximum(0.0, out["venture_need_usd"] - 52e9 - named)
    np.testing.assert_allclose(out["venture_shortfall_usd"], expected, rtol=1e-12, atol=1e-3)
    summary = mc.summarize_monte_carlo(result)
    assert summary["venture_shortfall_probability"] == np.mean(expected > 0)
    point = venture.evaluate_point(s)["venture_shortfall_usd"][0]
    assert point == pytest.approx(funding.summarize_funding(s)["funding_gap_usd"], rel=1e-9)


def test_summary_probabilities_are_shares_of_draws() -> None:
    s = scenario("base")
    result = mc.run_monte_carlo(s, n_draws=4_000)
    summary = mc.summarize_monte_carlo(result)
    npv = result.outcomes["npv_usd"]
    assert summary["npv_positive_probability"] == np.count_nonzero(npv > 0) / 4_000
    need = np.sort(result.outcomes["total_need_usd"])
    assert need[1999] <= summary["need_p50_usd"] <= need[2000]
    assert summary["need_p10_usd"] <= summary["need_p50_usd"] <= summary["need_p90_usd"]


# --------------------------------------------------------------------------- tornado


def test_tornado_swings_one_input_at_a_time() -> None:
    s = scenario("base")
    table = mc.compute_tornado(s, "total_need_usd")
    base_need = openai_path.summarize_funding_need(s)["total_need_usd"]
    assert table.attrs["base"] == pytest.approx(base_need)
    assert list(table["swing"]) == sorted(table["swing"], reverse=True)
    growth = table.set_index("input").loc["revenue_growth_realization"]
    # Less revenue growth, more money needed.
    assert growth.outcome_low > base_need > growth.outcome_high
    dist = mc.resolve_distributions(s)["revenue_growth_realization"]
    expected = venture.evaluate_point(s, revenue_growth_realization=float(mc.quantile(dist, 0.1)))
    assert growth.outcome_low == pytest.approx(expected["total_need_usd"][0])
    # Undiscounted cash: the cost of capital changes nothing; it is named, not drawn as a bar.
    assert "cost_of_capital_rate" in table.attrs["no_effect"]
    npv = mc.compute_tornado(s, "npv_usd").set_index("input")
    price = npv.loc["price_usd_per_gpu_hour"]
    assert price.outcome_high > price.outcome_low


def test_rents_swung_in_the_tornado_net_out_of_the_combined_need() -> None:
    """The market rent and Rubin's compute change what OpenAI pays the venture: a transfer.

    Swung one at a time (the scenario rebuilt with the new value), they move the venture's NPV
    but not the combined need of OpenAI and the venture, exactly as the drawn contract price
    does not: OpenAI's payments are compared with the scenario's own.
    """
    from stargate.model.montecarlo import compute_tornado, outcome_at

    for name in ("base", "musk_skeptic", "next_gen_hardware"):
        scenario = load_scenario(name)
        need = compute_tornado(scenario, "total_need_usd")
        for swung in ("market_rent_usd_per_pflop_hour", "vr200_compute_pflops_fp8_dense"):
            assert swung in need.attrs["no_effect"], (name, swung)
        rent = scenario.finance.market_rent_usd_per_pflop_hour
        npv = outcome_at(scenario, "market_rent_usd_per_pflop_hour", [rent, 1.5 * rent])
        assert npv[1] > npv[0] + 1e9, name  # the venture's view still depends on the rent


# --------------------------------------------------------------------------- Vera Rubin's compute


def test_vera_rubin_compute_is_drawn_over_the_registers_range() -> None:
    # spec_vr200_fp8_derived: 5 PFLOPS (GB300's dense FP8, the floor and the point) to
    # 5 x 50 / 15 = 16.667 (GB300's scaled by Rubin's FP4 ratio). Centred on the point, which is
    # the range's low end: half the draws at 5, the rest a falling triangle to 16.667.
    for name in ("base", "next_gen_hardware", "megaproject_overrun"):
        s = scenario(name)
        dist = mc.resolve_distributions(s)["vr200_compute_pflops_fp8_dense"]
        assert dist == Centred(dist="centred", low=5.0, median=5.0, high=16.667), name
        assert venture.point_draws(s)["vr200_compute_pflops_fp8_dense"][0] == 5.0
        draws = mc.draw_inputs(s, n_draws=20_000)["vr200_compute_pflops_fp8_dense"]
        assert np.median(draws) == pytest.approx(5.0, rel=0.02)
        assert np.mean(draws == 5.0) == pytest.approx(0.5, abs=0.01)
    # No longer a fixed assumption swung beside the draws: it is one of the draws.
    assert all(group != "fleet.specs.VR200" for group, _, _ in mc.ASSUMPTION_SWINGS)
    # The tornado swings it over its P10-P90: 5 and 16.667 - 11.667 x sqrt(0.2) = 11.449.
    row = mc.compute_tornado(scenario("base"), "npv_usd").set_index("input")
    row = row.loc["vr200_compute_pflops_fp8_dense"]
    assert (row.low_value, row.high_value) == pytest.approx((5.0, 16.667 - 11.667 * 0.2**0.5))
    assert row.outcome_high > row.outcome_low + 1e9  # more compute, more market rent


@pytest.mark.parametrize("name", ["base", "next_gen_hardware"])
def test_a_drawn_vera_rubin_compute_is_the_scenario_rebuilt_with_it(name: str) -> None:
    """The draw scales Rubin's market rent; rebuilding the fleet with the figure does the same.

    Independent route: the scenario with ``fleet.specs.VR200.compute_pflops_fp8_dense`` set to
    the value, its fleet arrays rebuilt from the specs (initial batches and refreshes), OpenAI's
    payments compared with the scenario's own (a transfer between the two nets out).
    """
    import dataclasses

    s = scenario(name)
    inputs = venture.build_model_inputs(s)
    values = np.array([5.0, 8.0, 16.667])
    draws = {k: np.repeat(v, values.size) for k, v in venture.point_draws(s).items()}
    draws["vr200_compute_pflops_fp8_dense"] = values
    drawn = venture.evaluate_model(inputs, draws)
    for i, value in enumerate(values):
        rebuilt_scenario = mc.with_assumption(
            s, "fleet.specs.VR200", "compute_pflops_fp8_dense", float(value)
        )
        rebuilt_inputs = dataclasses.replace(
            venture.build_model_inputs(rebuilt_scenario),
            stargate_reference_usd=inputs.stargate_reference_usd,
        )
        rebuilt = venture.evaluate_model(rebuilt_inputs, venture.point_draws(rebuilt_scenario))
        for key in ("npv_usd", "total_need_usd", "venture_need_usd"):
            assert drawn[key][i] == pytest.approx(rebuilt[key][0], rel=1e-12), (key, value)
        np.testing.assert_allclose(
            drawn["stargate_payments_usd"][i], rebuilt["stargate_payments_usd"][0], rtol=1e-12
        )
    assert drawn["npv_usd"][2] > drawn["npv_usd"][1] > drawn["npv_usd"][0]


# --------------------------------------------------------------------------- NVIDIA's letter


def test_nvidia_letter_of_intent_follows_the_drawn_energisation_year() -> None:
    """$10bn per GW energised from 2026 (nvda_loi_usd / nvda_loi_gw), a year later when late.

    Base's GW energised by year (the sites' schedule): 2025 0.206, 2026 3.044, 2027 2.05,
    2028 4.7. On time: 2026 $30.44bn, 2027 $20.5bn, 2028 $47bn (2025's GW come before the
    letter's first year). One year late: 2025's GW land in 2026 ($2.06bn), then $30.44bn,
    $20.5bn and $47bn a year later each, the letter's $100bn in all.
    """
    from stargate import facts
    from stargate.model import openai_plan

    s = scenario("base")
    per_gw = facts.value("nvda_loi_usd") / facts.value("nvda_loi_gw")
    assert per_gw == 10e9
    years = list(openai_plan.YEARS)
    assert years == [2024, 2025, 2026, 2027, 2028, 2029, 2030]
    on_time = np.array([0.0, 0.0, 3.044, 2.05, 4.7, 0.0, 0.0]) * per_gw
    late = np.array([0.0, 0.0, 0.206, 3.044, 2.05, 4.7, 0.0]) * per_gw
    inputs = venture.build_model_inputs(s)
    draws = {k: np.repeat(v, 2) for k, v in venture.point_draws(s).items()}
    draws["schedule_delay_years"] = np.array([0.0, 1.0])
    out = venture.evaluate_model(inputs, draws)
    np.testing.assert_allclose(out["announced_rounds_usd"][0], on_time, rtol=1e-9)
    np.testing.assert_allclose(out["announced_rounds_usd"][1], late, rtol=1e-9)
    assert late.sum() == pytest.approx(100e9)
    # The committed rounds (the SoftBank-led round) do not move.
    np.testing.assert_array_equal(out["committed_rounds_usd"][0], out["committed_rounds_usd"][1])
    # The point path is the zero-delay draw: the rounds every deterministic page uses.
    np.testing.assert_allclose(
        inputs.announced_rounds_usd, openai_plan.rounds_by_year_usd(s, committed=False)
    )
    np.testing.assert_allclose(out["announced_rounds_usd"][0], inputs.announced_rounds_usd)


def test_a_letter_counted_as_committed_follows_the_delay_too() -> None:
    # altman_optimist counts the letter as committed: the delay moves committed money.
    s = scenario("altman_optimist")
    inputs = venture.build_model_inputs(s)
    draws = {k: np.repeat(v, 2) for k, v in venture.point_draws(s).items()}
    draws["schedule_delay_years"] = np.array([0.0, 2.0])
    rounds = venture.evaluate_model(inputs, draws)["committed_rounds_usd"]
    letter = inputs.committed_per_gw_by_delay_usd
    assert letter is not None and letter[0].sum() > 0
    # Two years late: every year's letter money two years later (what falls past 2030 is lost).
    np.testing.assert_allclose(rounds[1] - rounds[0], letter[2] - letter[0])
    np.testing.assert_allclose(letter[2][4:], letter[0][2:5])
    # 2025's 0.206 GW, before the letter's first year on time, pay $10bn a GW in 2027.
    np.testing.assert_allclose(letter[2][:4], [0.0, 0.0, 0.0, 0.206 * 10e9])


# --------------------------------------------------------------------------- drawn and held


def test_the_input_table_lists_what_is_drawn_and_what_is_held_at_the_point() -> None:
    from stargate.present import sustainability_tables as tables

    base = tables.format_inputs_table(scenario("base"))
    rows = base.set_index(base.columns[0])
    distribution, p10, p90 = base.columns[2], base.columns[4], base.columns[5]
    is_held = rows[distribution].str.startswith("held at the point")
    held, drawn = rows[is_held], rows[~is_held]
    # Drawn: every Monte Carlo input with a spread, Vera Rubin's compute and the market rent
    # per PFLOP-hour among them.
    assert "Vera Rubin compute, which sets its market rent" in drawn.index
    assert drawn.loc["Vera Rubin compute, which sets its market rent", p90] == "11.4"
    assert "Market rent per PFLOP-hour (hours outside the contract)" in drawn.index
    assert len(drawn) == len(venture.DRAW_NAMES) - 1  # all but the delay, fixed in base
    # Held: the delay (no range in base), the tornado's undrawn assumptions, the share of the
    # commitments honoured (with its reason) and the running-cost inputs no draw covers, with
    # no percentiles.
    assert list(held.index) == [
        "Schedule delay",
        "OpenAI 2030 cost level",
        "Costs that follow revenue",
        "Share of OpenAI's reported compute commitments honoured",
        "Facility lifetime",
        "Maintenance",
        "Staff and other",
        "Electricity price",
        "PUE",
    ]
    assert (held[p10] == "—").all() and (held[p90] == "—").all()
    assert held.loc["Electricity price"].iloc[2] == "66"
    # megaproject_overrun draws the delay: it moves from the held rows to the drawn ones.
    mega = tables.format_inputs_table(scenario("megaproject_overrun"))
    mega_rows = mega.set_index(mega.columns[0])
    # Its point (no delay) is the floor of its range: the table says so, not "centred on". A
    # delay moves the whole batch (site, GPUs, rent), so for this loss-making venture it defers
    # losses: its NPV is less negative, "kinder" (the combined need still rises, tests/test_delay).
    assert mega_rows.loc["Schedule delay", distribution] == (
        "point at the floor of the sourced range, 0 to 5: draws can only be higher, kinder to "
        "the venture's NPV"
    )
    assert mega_rows[distribution].str.startswith("held at the point").sum() == 8
    # Each input once, none both drawn and held.
    assert mega_rows.index.is_unique and rows.index.is_unique


# --------------------------------------------------------------------------- Azure's term


@pytest.mark.parametrize("name", sorted(p.stem for p in PARAMS_DIR.glob("*.yaml")))
def test_the_azure_term_is_drawn_over_the_registers_range(name: str) -> None:
    # as_azure_250bn_years: 6 years, low 5 (Oracle's term), high 7 (AWS's). Every scenario
    # draws it, centred on 6: median within 2 %, P10 and P90 6 -/+ sqrt(0.2).
    s = scenario(name)
    dist = mc.resolve_distributions(s)["azure_commitment_years"]
    assert dist == Centred(dist="centred", low=5.0, median=6.0, high=7.0)
    assert venture.point_draws(s)["azure_commitment_years"][0] == 6.0
    draws = mc.draw_inputs(s, n_draws=20_000)["azure_commitment_years"]
    assert np.median(draws) == pytest.approx(6.0, rel=0.02)
    assert np.percentile(draws, [10, 90]) == pytest.approx([5.447, 6.553], abs=0.02)
    row = mc.compute_centring(s).set_index("input").loc["azure_commitment_years"]
    assert row["is_centred"] and row["median"] == 6.0
    held = mc.compute_held_inputs(s)
    assert "azure_commitment_years" not in set(held["input"])


def test_the_input_table_lists_the_azure_term_as_drawn() -> None:
    from stargate.present import sustainability_tables as tables

    table = tables.format_inputs_table(scenario("base"))
    row = table.set_index(table.columns[0]).loc["Term of OpenAI's incremental Azure commitment"]
    assert list(row) == ["years", "centred on 6, 5 to 7", "6", "5.45", "6.55"]


def test_an_azure_term_that_is_not_whole_ends_in_a_part_year() -> None:
    from stargate.model import openai_plan

    # $250bn over 4.5 years from 2026: 250 / 4.5 = 55.56 in 2026-2029, half that in 2030.
    spread = openai_plan.even_spread_by_year_usd(250e9, 2026, 4.5)
    assert spread / 1e9 == pytest.approx([0, 0, 55.556, 55.556, 55.556, 55.556, 27.778], abs=1e-3)
    assert spread.sum() == pytest.approx(250e9)
    # Whole terms are the schedule's even weights; two terms at once give one column each.
    both = openai_plan.even_spread_by_year_usd(120e9, 2027, np.array([3.0, 6.0]))
    assert both[:, 0] / 1e9 == pytest.approx([0, 0, 0, 40, 40, 40, 0])
    assert both[:, 1] / 1e9 == pytest.approx([0, 0, 0, 20, 20, 20, 20])


@pytest.mark.parametrize(
    ("term", "honoured", "years_moved"),
    [(5.0, 1.0, 5), (5.5, 1.0, 5), (7.0, 1.0, 5), (5.0, 0.5, 4)],
)
def test_a_drawn_azure_term_changes_openais_yearly_bill_by_hand(
    term: float, honoured: float, years_moved: int
) -> None:
    # In base the contracted bills exceed the compute budget every year 2026-2030 whatever the
    # term in 5-7 (tests/test_openai_compute.py), so OpenAI's burn moves by the whole change in
    # the yearly Azure bill: honoured x (250 / term - 250 / 6) $bn in each year 2026-2030. With
    # half the commitments honoured, 2030's budget left after Stargate (131.8 - 99.2 = 32.6)
    # still covers the halved bills (Azure 25.0 at 5 years + AWS 2.7): 2030 does not move.
    s = scenario("base")
    s = s.model_copy(
        update={"openai": s.openai.model_copy(update={"commitments_honoured_share": honoured})}
    )
    point = venture.evaluate_point(s)["openai_cash_burn_usd"][0]
    drawn = venture.evaluate_point(s, azure_commitment_years=term)["openai_cash_burn_usd"][0]
    step = honoured * (250 / term - 250 / 6)
    expected = [0, 0] + [step] * years_moved + [0] * (5 - years_moved)
    assert (drawn - point) / 1e9 == pytest.approx(expected, abs=1e-6)


def test_a_shorter_azure_term_raises_openais_need_in_the_tornado() -> None:
    table = mc.compute_tornado(scenario("base"), "openai_need_usd").set_index("input")
    row = table.loc["azure_commitment_years"]
    low, high = 5 + 0.2**0.5, 7 - 0.2**0.5  # the centred triangle's P10 and P90
    assert (row.low_value, row.high_value) == pytest.approx((low, high))
    # 5.447 years bills 250 / 5.447 = $45.9bn a year, 6.553 years $38.2bn: $7.7bn a year more,
    # all above the budget. OpenAI's need peaks at the end of 2029 (2030 brings cash in), so it
    # moves by the four years 2026-2029: $31.0bn.
    runway = openai_path.compute_runway(scenario("base"))
    assert runway.loc[2030, "cash_burn_usd"] < 0
    assert row.outcome_low - row.outcome_high == pytest.approx(
        4 * (250 / low - 250 / high) * 1e9, rel=1e-9
    )
    # The venture's own need and NPV do not depend on OpenAI's other clouds.
    npv = mc.compute_tornado(scenario("base"), "npv_usd")
    assert "azure_commitment_years" in npv.attrs["no_effect"]


# --------------------------------------------------------------------------- points at a bound


def _bound_by_hand(dist, point: float) -> str:
    """Independent of mc.point_bound: the ends of a centred distribution, read off its fields."""
    if isinstance(dist, Fixed):
        return ""
    low, high = (dist.floor, np.inf) if isinstance(dist, Lognormal) else (dist.low, dist.high)
    return "floor" if point == pytest.approx(low) else "ceiling" if point == high else ""


@pytest.mark.parametrize("name", sorted(p.stem for p in PARAMS_DIR.glob("*.yaml")))
def test_every_input_whose_point_is_at_a_bound_is_labelled_so(name: str) -> None:
    # A point at an end of its range cannot be the middle of its draws: the input table must
    # say "point at the floor / ceiling", never "centred on", and "centred on" only inside.
    from stargate.present import sustainability_tables as tables

    s = scenario(name)
    dists = mc.resolve_distributions(s)
    points = venture.point_draws(s)
    table = tables.format_inputs_table(s)
    texts = dict(zip(table.iloc[:, 0], table.iloc[:, 2], strict=True))
    outside = mc.inputs_outside_fleet(s)
    for key in venture.DRAW_NAMES:
        text = texts[report.label(key)]
        bound = _bound_by_hand(dists[key], float(points[key][0]))
        if key in outside:
            # No GPU of the fleet uses it: said so, neither "at the floor" nor "centred on".
            assert text.startswith("not in this fleet, so its draws move nothing"), (key, text)
            assert "centred" not in text and "point at the" not in text, (key, text)
        elif bound:
            assert text.startswith(f"point at the {bound} of the sourced range"), (key, text)
            assert "centred" not in text, (key, text)
        else:
            assert not text.startswith("point at the"), (key, text)


def test_the_points_at_a_bound_by_scenario_and_which_way_their_draws_move_the_venture() -> None:
    # base: the three overruns at 0 (on budget, the floor: draws only dearer, harsher) and Vera
    # Rubin at GB300's 5 PFLOPS (the floor: draws only more compute, more market rent, kinder).
    table = mc.compute_input_quantiles(scenario("base")).set_index("input")
    at = table[table["bound"] != ""]
    assert dict(zip(at.index, zip(at["bound"], at["npv_effect"], strict=True), strict=True)) == {
        "facility_overrun_rate": ("floor", "harsher"),
        "accelerator_overrun_rate": ("floor", "harsher"),
        "other_it_overrun_rate": ("floor", "harsher"),
        "vr200_compute_pflops_fp8_dense": ("floor", "kinder"),
    }
    # musk_skeptic adds its own ends: rents falling 25.6 % a year, utilisation 0.5 and a 3-year
    # life at their floors, a 15 % cost of capital at its ceiling.
    musk = scenario("musk_skeptic")
    table = mc.compute_input_quantiles(musk).set_index("input")
    at = table[table["bound"] != ""]
    assert set(at.index) == {
        "price_change_rate",
        "utilization_rate",
        "facility_overrun_rate",
        "accelerator_overrun_rate",
        "other_it_overrun_rate",
        "it_lifetime_years",
        "cost_of_capital_rate",
        "vr200_compute_pflops_fp8_dense",
    }
    assert at.loc["cost_of_capital_rate", "bound"] == "ceiling"
    assert (at.drop(index="cost_of_capital_rate")["bound"] == "floor").all()
    # The effects, checked against the model at the point and at the other side: a venture that
    # loses money loses more of it, in today's money, at a lower cost of capital (harsher).
    npv = {
        k: float(v)
        for k, v in (
            (k, venture.evaluate_point(musk, **{k: x})["npv_usd"][0])
            for k, x in (("utilization_rate", 0.8), ("cost_of_capital_rate", 0.10))
        )
    }
    point_npv = float(venture.evaluate_point(musk)["npv_usd"][0])
    assert npv["utilization_rate"] > point_npv
    assert at.loc["utilization_rate", "npv_effect"] == "kinder"
    assert npv["cost_of_capital_rate"] < point_npv
    assert at.loc["cost_of_capital_rate", "npv_effect"] == "harsher"


def test_the_monte_carlo_paragraph_states_the_offset_of_the_median_and_why() -> None:
    musk = scenario("musk_skeptic")
    result = mc.run_monte_carlo(musk, n_draws=5_000)
    text = report.build_centring_paragraph(musk, result)
    table = mc.compare_point_with_draws(musk, result).set_index("outcome")
    assert text.startswith("**The median is not the point here.** 8 drawn inputs sit at an end")
    assert "Utilisation (at its floor)" in text and "Cost of capital (at its ceiling)" in text
    npv = table.loc["npv_usd"]
    assert (
        f"median ${npv['p50'] / 1e9:.1f}bn against ${npv['point'] / 1e9:.1f}bn".replace("$-", "-$")
        in text
    )
    assert "centred" not in text
    # The note at the top, true that each input's median is its point, says so too.
    note = report.build_distribution_note(musk)
    assert "the median of each distribution is the point value. 8 of them sit at an end" in note
    assert "section 6 states what that does to the medians" in note


# --------------------------------------------------------------------------- market rent


@pytest.mark.parametrize("name", sorted(p.stem for p in PARAMS_DIR.glob("*.yaml")))
def test_the_market_rent_per_pflop_hour_is_drawn_over_the_registers_range(name: str) -> None:
    # rent_market_usd_per_pflop_hour_fp8_derived: $0.474 (B200 spot 2.25 / 4.75) to $1.263
    # (on-demand top 6.00 / 4.75), centred on the scenario's point ($1.105 in base, the 2025
    # cycle low $0.859 in musk_skeptic): a point off the middle of the range, so two triangles of
    # unequal width meeting at it. P10 = a + (m - a) sqrt(0.2), P90 = b - (b - m) sqrt(0.2).
    s = scenario(name)
    point = s.finance.market_rent_usd_per_pflop_hour
    assert venture.point_draws(s)["market_rent_usd_per_pflop_hour"][0] == point
    dist = mc.resolve_distributions(s)["market_rent_usd_per_pflop_hour"]
    assert dist == Centred(dist="centred", low=0.474, median=point, high=1.263)
    draws = mc.draw_inputs(s, n_draws=20_000)["market_rent_usd_per_pflop_hour"]
    assert np.median(draws) == pytest.approx(point, rel=0.02)
    p10 = 0.474 + (point - 0.474) * 0.2**0.5
    p90 = 1.263 - (1.263 - point) * 0.2**0.5
    assert np.percentile(draws, [10, 90]) == pytest.approx([p10, p90], abs=0.01)
    if name == "base":
        assert (p10, p90) == pytest.approx((0.7562, 1.1923), abs=1e-4)
    if name == "musk_skeptic":
        assert (p10, p90) == pytest.approx((0.6462, 1.0823), abs=1e-4)
    assert (
        mc.compute_centring(s)
        .set_index("input")
        .loc["market_rent_usd_per_pflop_hour"]["is_centred"]
    )
    assert "market_rent_usd_per_pflop_hour" not in set(mc.compute_held_inputs(s)["input"])


def test_a_drawn_market_rent_is_the_scenario_rebuilt_at_that_rent() -> None:
    # The draw scales every market hour by drawn / point rent; the scenario rebuilt at the
    # doubled rent prices each generation's hours from scratch (fleet_refresh). Same NPV.
    s = scenario("base")
    doubled = s.model_copy(
        update={"finance": s.finance.model_copy(update={"market_rent_usd_per_pflop_hour": 2.21})}
    )
    drawn = venture.evaluate_point(s, market_rent_usd_per_pflop_hour=2.21)["npv_usd"][0]
    rebuilt = venture.evaluate_point(doubled)["npv_usd"][0]
    assert drawn == pytest.approx(rebuilt, rel=1e-9)
    assert drawn > venture.evaluate_point(s)["npv_usd"][0] + 1e9


def test_the_share_of_commitments_honoured_is_held_with_its_reason() -> None:
    from stargate.present import sustainability_tables as tables

    table = tables.format_inputs_table(scenario("base"))
    row = table.set_index(table.columns[0]).loc[
        "Share of OpenAI's reported compute commitments honoured"
    ]
    assert row.iloc[1].startswith("held at the point: the register's low end (17 %)")
    assert row.iloc[2] == "1"


def test_the_input_table_in_japanese_has_no_english_distribution_text() -> None:
    # Every distribution text of the table, drawn or held, bound or centred, is translated.
    from stargate.present import i18n
    from stargate.present import sustainability_tables as tables

    with i18n.language("ja"):
        table = tables.format_inputs_table(scenario("musk_skeptic"))
    texts = list(table.iloc[:, 2])
    assert not [t for t in texts if re.search(r"held|point|centred|draws", t)], texts
    utilisation = "点推定は出典の幅（0.5〜1）の下限：試行はそれより高い値にしかならず、"
    assert utilisation + "事業体の正味現在価値には有利な方向" in texts
    assert texts.count("点推定の値で固定") == 8


# --------------------------------------------------------------------------- contract price


def _with_price(scenario_, factor: float):
    fin = scenario_.finance
    changed = fin.model_copy(update={"price_usd_per_gpu_hour": fin.price_usd_per_gpu_hour * factor})
    return scenario_.model_copy(update={"finance": changed})


@pytest.mark.parametrize("name", list_scenarios())
def test_contract_price_in_the_scenario_file_nets_out_of_the_combined_need(name) -> None:
    # A new Scenario at a higher or lower contract price (not a draw's swing): what OpenAI pays
    # the venture moves OpenAI's cost one for one in every year (the plan's budget holds
    # Stargate at the register's price), so the combined need is the same, year by year.
    base_ = scenario(name)
    needs, burns, revenue = [], [], []
    for factor in (1.0, 1.6, 0.4):
        changed = _with_price(base_, factor)
        out = venture.evaluate_model(
            venture.build_model_inputs(changed), venture.point_draws(changed)
        )
        needs.append(out["cumulative_need_usd"][0])
        burns.append(out["openai_cash_burn_usd"][0])
        revenue.append(out["stargate_payments_usd"][0])
    for k in (1, 2):
        assert np.abs(needs[k] - needs[0]).max() < 1e6, (name, needs[k] - needs[0])
        # OpenAI's burn moves by exactly what it pays the venture more or less.
        assert burns[k] - burns[0] == pytest.approx(revenue[k] - revenue[0], abs=1e3)
    assert not np.allclose(revenue[1], revenue[0])


def test_an_input_no_gpu_of_the_fleet_uses_is_not_said_to_sit_at_its_floor() -> None:
    """article_case's fleet is H100 only: Vera Rubin's compute moves none of its outcomes, so
    the page lists it as not in this fleet, not "at its floor"; base has Vera Rubin GPUs."""
    from stargate.present import sustainability_tables as tables

    case = scenario("article_case")
    assert mc.inputs_outside_fleet(case) == {"vr200_compute_pflops_fp8_dense"}
    name = "vr200_compute_pflops_fp8_dense"
    for outcome in ("npv_usd", "cumulative_need_usd", "stargate_payments_usd"):
        values = mc.outcome_at(case, name, [5.0, 20.0], outcome)
        assert np.allclose(values[0], values[1])
    table = mc.compute_input_quantiles(case).set_index("input")
    assert table.loc[name, "bound"] == "floor" and not table.loc[name, "in_fleet"]
    result = mc.run_monte_carlo(case, n_draws=500)
    text = report.build_centring_paragraph(case, result)
    assert "Vera Rubin" not in text
    assert text.startswith("**The median is not the point here.** 3 drawn inputs sit at an end")
    vr = "Vera Rubin compute, which sets its market rent"
    inputs = tables.format_inputs_table(case)
    rows = inputs.set_index(inputs.columns[0])
    cell = rows.loc[vr, inputs.columns[2]]
    assert cell == "not in this fleet, so its draws move nothing (sourced range 5 to 16.67)"
    from stargate.present import i18n

    with i18n.language("ja"):
        ja = tables.format_inputs_table(case)
    assert "このフリートには含まれないため、試行は結果を動かさない（出典の幅5〜16.67）" in list(
        ja.iloc[:, 2]
    )
    # base's fleet has Vera Rubin GPUs: there it sits at its floor, kinder to the venture's NPV.
    base = scenario("base")
    assert mc.inputs_outside_fleet(base) == frozenset()
    base_values = mc.outcome_at(base, name, [5.0, 20.0])
    assert base_values[1] > base_values[0]
    base_table = tables.format_inputs_table(base)
    base_rows = base_table.set_index(base_table.columns[0])
    assert base_rows.loc[vr, base_table.columns[2]].endswith(
        "draws can only be higher, kinder to the venture's NPV"
    )
