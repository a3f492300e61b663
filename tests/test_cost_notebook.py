"""The cost-structure report runs under papermill for every shipped scenario and publishes its
headline figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_run import run_report

from stargate.model import costs
from stargate.scenario import list_scenarios

HEADLINES = {
    "capex_usd",
    "annual_tco_usd",
    "cost_per_gpu_hour_usd",
    "nvidia_share_of_capex",
    "power_facility_mw",
}


def test_report_runs_for_every_scenario(tmp_path: Path) -> None:
    names = list_scenarios()
    assert "base" in names
    for name in names:
        scenario, nb, headlines = run_report(
            "cost_structure", name, "Cost structure", HEADLINES, tmp_path
        )
        # The published figures are the model's for this scenario.
        expected = costs.headline_figures(scenario)
        for key in HEADLINES:
            assert headlines[key]["value"] == pytest.approx(expected[key][0]), (name, key)
            assert headlines[key]["unit"] == expected[key][1]
        # The last output is the sources table; it lists the facts the fact-check cites even
        # when every parameter arrives injected.
        last = nb.cells[-1].outputs[-1]["data"]["text/html"]
        for fact_id in ("claim_capex_usd", "bernstein_gpu_share", "price_h100", "tdp_h100"):
            assert fact_id in last, (name, fact_id)
        if name == "base":
            # 700,000 × (27,500 + 22,500 + 972.22 W × $12.5/W) = 700,000 × 62,152.75 = 43.507bn
            assert headlines["capex_usd"]["value"] == pytest.approx(43.5069e9, rel=1e-5)
            # 19.25bn / 43.507bn
            assert headlines["nvidia_share_of_capex"]["value"] == pytest.approx(0.44246, abs=1e-5)
            # 700,000 × 972.22 W × 1.3 = 884.72 MW
            assert headlines["power_facility_mw"]["value"] == pytest.approx(884.72, abs=0.01)
