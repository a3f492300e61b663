"""Two gaps, never mixed (issue 13, item 4) and point beside median (item 5), for readers.

OpenAI's corporate funding need (its burn and equity calls against its cash and signed rounds)
and the venture's funding gap (its deficit against its partners' equity and the debt it
carries) are separate outcomes of the model; every headline probability and sentence names
which one it is about.
"""

from __future__ import annotations

import numpy as np
import pytest

from stargate.model import montecarlo as mc
from stargate.model import openai_path
from stargate.present import sustainability_report as report
from stargate.scenario import PARAMS_DIR, load_scenario


@pytest.fixture(scope="module")
def base():
    return load_scenario(PARAMS_DIR / "base.yaml")


@pytest.fixture(scope="module")
def run(base):
    result = mc.run_monte_carlo(base, n_draws=4_000)
    return result, mc.summarize_monte_carlo(result)


def test_gap_probabilities_are_the_model_outcomes(run):
    result, summary = run
    out = result.outcomes
    # Counted independently from the raw outcomes
    assert summary["openai_shortfall_probability"] == np.mean(out["openai_still_to_raise_usd"] > 0)
    assert summary["venture_shortfall_probability"] == np.mean(out["venture_shortfall_usd"] > 0)
    either = (out["openai_still_to_raise_usd"] > 0) | (out["venture_shortfall_usd"] > 0)
    assert summary["shortfall_probability"] == pytest.approx(np.mean(either))
    # Either gap is open at least as often as each one
    assert summary["shortfall_probability"] >= max(
        summary["openai_shortfall_probability"], summary["venture_shortfall_probability"]
    )


def test_every_headline_probability_names_its_gap(base, run):
    _, summary = run
    heads = report.headline_figures(base, summary)
    # Record names stay stable; new records add the two gaps and the point
    assert {
        "funding_need_p50_usd",
        "shortfall_probability",
        "shortfall_incl_announced_probability",
        "npv_positive_probability",
        "breakeven_price_usd_per_gpu_hour",
    } <= set(heads)
    for name, (_, unit, label) in heads.items():
        if unit == "fraction":
            assert any(w in label for w in ("OpenAI", "venture", "either gap")), (name, label)
    assert "corporate funding need" in heads["openai_shortfall_probability"][2]
    # The venture's probability names its reconciliation line: the gap no equity or named
    # funder covers (the headline funding gap), not a shortfall after assumed debt.
    assert (
        "cash need exceeds its equity and named funders"
        in heads["venture_shortfall_probability"][2]
    )
    assert "GB300" in heads["breakeven_price_usd_per_gpu_hour"][2]
    assert "venture's build-out" in heads["npv_positive_probability"][2]
    # Point and median are labelled as such
    assert "(point: this scenario)" in heads["funding_need_point_usd"][2]
    assert "(median of the draws)" in heads["funding_need_p50_usd"][2]
    point = openai_path.summarize_funding_need(base)["total_need_usd"]
    assert heads["funding_need_point_usd"][0] == pytest.approx(point)


def test_in_brief_and_verdict_name_both_gaps(base, run):
    _, summary = run
    brief = report.build_in_brief(base, summary)
    assert "**OpenAI's corporate funding need**" in brief
    assert "**The venture's funding gap**" in brief
    pct = report.format_probability
    assert f"is not covered in {pct(summary['openai_shortfall_probability'])}" in brief
    assert f"opens in {pct(summary['venture_shortfall_probability'])}" in brief
    verdict = report.build_verdict(
        base, summary, mc.compute_tornado(base), mc.compute_tornado(base, "npv_usd")
    )
    assert "- **OpenAI's corporate funding need: OpenAI's committed money falls short" in verdict
    assert (
        "- **The venture's funding gap: the venture's cash need exceeds its equity and named "
        "funders in"
    ) in verdict
    # Musk's claim was about Stargate's money: the venture's gap
    assert "his claim was about Stargate's money, which is the venture's funding gap" in verdict
    assert "(point, at this scenario's values: " in verdict


def test_point_and_median_table(base, run):
    result, summary = run
    table = report.format_point_and_median_table(base, result)
    assert list(table.columns) == [
        "measure",
        "point (this scenario)",
        "median of 4,000 draws",
        "P10",
        "P90",
    ]
    row = table.set_index("measure").loc[report.OUTCOME_LABELS["total_need_usd"]]
    point = openai_path.summarize_funding_need(base)["total_need_usd"]
    assert row["point (this scenario)"] == f"${point / 1e9:.1f}bn"
    assert row["median of 4,000 draws"] == f"${summary['need_p50_usd'] / 1e9:.1f}bn"


def test_distribution_note_states_declared_offsets(tmp_path):
    # A file that declares the IT class's fat tail (median 6.8 %) but keeps its 73 % mean as
    # the point: the note says the draws are not centred on it.
    (tmp_path / "off.yaml").write_text(
        "title: Off centre\ndescription: A declared distribution away from its point.\n"
        "risk:\n  other_it_overrun_rate: 0.73\n"
        "  other_it_overrun_rate_dist: {dist: lognormal, median: 0.068, p90: 1.11, floor: 0.0}\n"
    )
    off = load_scenario(tmp_path / "off.yaml", params_dir=PARAMS_DIR)
    note = report.build_distribution_note(off)
    assert "Other IT capex overrun: drawn with median 0.068 against the point value 0.73" in note
    base = load_scenario(PARAMS_DIR / "base.yaml")
    assert "the median of each distribution is the point value" in (
        report.build_distribution_note(base)
    )


@pytest.mark.parametrize("name", sorted(p.stem for p in PARAMS_DIR.glob("*.yaml")))
def test_the_price_openai_pays_the_venture_nets_out_of_their_combined_need(name):
    # A price paid by OpenAI to the venture is a cost to one and revenue to the other: raising
    # it cannot make the combined need smaller (or larger). The venture's own view still moves.
    from stargate.model import venture

    s = load_scenario(PARAMS_DIR / f"{name}.yaml")
    price = s.finance.price_usd_per_gpu_hour
    needs, venture_peaks = [], []
    for factor in (0.5, 0.8, 1.0, 1.25, 2.0):
        out = venture.evaluate_point(s, price_usd_per_gpu_hour=price * factor)
        needs.append(float(out["total_need_usd"][0]))
        venture_peaks.append(float(out["npv_usd"][0]))
    assert max(needs) - min(needs) <= 1e-6 * max(needs), needs
    assert venture_peaks == sorted(venture_peaks)  # the venture gains from a higher price
    assert venture_peaks[0] < venture_peaks[-1]
