"""The verdict paragraph: its objects, the headline numbers, the tornado's conditions."""

from __future__ import annotations

import pytest

from stargate.model import montecarlo as mc
from stargate.model import project_economics as pe
from stargate.present import sustainability_report as report
from stargate.present import verdict
from stargate.present.formatting import format_value
from stargate.scenario import Scenario, load_scenario

SCENARIOS = ("base", "altman_optimist", "musk_skeptic", "megaproject_overrun", "next_gen_hardware")


def scenario(name: str) -> Scenario:
    return load_scenario(f"params/{name}.yaml")


@pytest.fixture(scope="module", params=SCENARIOS)
def case(request: pytest.FixtureRequest) -> tuple[Scenario, dict, object, str]:
    s = scenario(request.param)
    summary = mc.summarize_monte_carlo(mc.run_monte_carlo(s, n_draws=4_000))
    tornado = mc.compute_tornado(s, "npv_usd")
    return s, summary, tornado, verdict.build_verdict_paragraph(s, summary, tornado)


def test_names_both_objects(case) -> None:
    _, _, _, text = case
    assert "**The venture's build-out**" in text
    assert "**OpenAI's funding**" in text
    assert "\n" not in text  # one paragraph


def test_numbers_are_the_headline_records(case) -> None:
    s, summary, _, text = case
    for name, (value, unit, _) in report.headline_figures(s, summary).items():
        if name in (
            "npv_positive_probability",
            "breakeven_price_usd_per_gpu_hour",
            "openai_shortfall_probability",
            "funding_need_point_usd",
            "funding_need_p50_usd",
        ):
            shown = format_value(value, unit, s.display)
            assert f"{shown}" in text, (name, shown)


def test_conditions_are_the_tornados_widest_npv_swings(case) -> None:
    s, _, tornado, text = case
    conditions = verdict.find_conditions(s, tornado)
    top = list(tornado.sort_values("swing", ascending=False)["input"].head(3))
    assert [c.input for c in conditions] == top
    for c in conditions:
        assert c.label in text
        assert c.label == report.LABELS[c.input]


def test_each_zero_crossing_is_where_npv_is_zero(case) -> None:
    s, _, tornado, _ = case
    base_npv = pe.compute_project_npv_usd(s)
    for c in verdict.find_conditions(s, tornado):
        if c.zero_at is None:
            # No crossing: NPV keeps one sign over the swing (both ends on the same side).
            assert (c.npv_low_usd > 0) == (c.npv_high_usd > 0)
            continue
        row = tornado.set_index("input").loc[c.input]
        assert min(row.low_value, row.high_value) <= c.zero_at <= max(row.low_value, row.high_value)
        at = mc.outcome_at(s, c.input, [c.zero_at])[0]
        # Within a millionth of the range of the input: NPV within a small share of its swing.
        assert abs(at) < 1e-4 * max(row.swing, abs(base_npv))


def test_base_breakeven_by_its_definition() -> None:
    s = scenario("base")
    p = pe.find_breakeven_price_usd_per_gpu_hour(s)
    assert pe.compute_project_npv_usd(s, price_usd_per_gpu_hour=p) == pytest.approx(0, abs=1e3)
    # The contract price moves only the contracted hours: the break-even lies above the
    # contract's $5.67 in the base (its NPV is negative at the point).
    assert p > s.finance.price_usd_per_gpu_hour


def test_article_case_names_its_contract_reference_generation() -> None:
    """article_case prices H100 hours: the headline is per GB300-equivalent hour, and the H100
    break-even is that figure × H100's all-in watts ÷ GB300's (the contract buys power)."""
    s = scenario("article_case")
    assert s.finance.price_generation == "H100"
    summary = mc.summarize_monte_carlo(mc.run_monte_carlo(s, n_draws=500))
    text = verdict.build_verdict_paragraph(s, summary, mc.compute_tornado(s, "npv_usd"))
    assert "per GB300-equivalent GPU-hour" in text
    assert "per hour of this scenario's contract reference generation, the H100" in text
    specs = s.fleet.specs
    own = pe.find_breakeven_price_usd_per_gb300_hour(s) * (
        specs["H100"].it_power_w_per_gpu / specs["GB300"].it_power_w_per_gpu
    )
    assert f"{format_value(own, 'USD')} per hour of this scenario's contract" in text


def test_musk_condition_does_not_contradict_itself() -> None:
    # Base: a gap stays open at every growth rate up to 3x (no threshold), so the sentence must
    # not say revenue "must disappoint" (it was: "revenue must disappoint: ... a gap stays open
    # at any growth rate").
    s = scenario("base")
    summary = mc.summarize_monte_carlo(mc.run_monte_carlo(s, n_draws=2_000))
    text = report.build_verdict(s, summary, mc.compute_tornado(s), mc.compute_tornado(s, "npv_usd"))
    musk = text[text.index("What must be true for Musk") :]
    musk = musk[: musk.index("What must be true for Altman")]
    assert "must disappoint" not in musk
    assert "revenue need not disappoint" in musk and "up to three times as fast" in musk
