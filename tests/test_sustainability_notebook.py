"""The sustainability report runs under papermill for every shipped scenario and publishes its
headline figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_run import run_report

from stargate.model import montecarlo as risk
from stargate.model import sustainability as su
from stargate.scenario import list_scenarios

HEADLINES = {
    "funding_need_p50_usd",
    "shortfall_probability",
    "shortfall_incl_announced_probability",
    "npv_positive_probability",
    "breakeven_price_usd_per_gpu_hour",
}


def test_report_runs_for_every_scenario(tmp_path: Path) -> None:
    names = list_scenarios()
    assert {"base", "musk_skeptic", "altman_optimist", "next_gen_hardware"} <= set(names)
    assert "megaproject_overrun" in names
    for name in names:
        scenario, nb, headlines = run_report(
            "sustainability", name, "Sustainability", HEADLINES, tmp_path
        )
        # The published figures are the model's for this scenario (same seed, same draws).
        summary = risk.summarize_monte_carlo(risk.run_monte_carlo(scenario))
        for key, (value, _, _) in su.headline_figures(scenario, summary).items():
            assert headlines[key]["value"] == pytest.approx(value), (name, key)
        for key in ("shortfall_probability", "npv_positive_probability"):
            assert 0.0 <= headlines[key]["value"] <= 1.0
        # The verdict is there, in probabilities (nb.md output: HTML).
        text = "\n".join(
            "".join(o.get("data", {}).get("text/html", ""))
            for cell in nb.cells
            for o in cell.get("outputs", [])
        )
        assert "What must be true for Musk to be right" in text, name
        assert "What must be true for Altman to be right" in text, name
