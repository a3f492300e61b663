"""The sustainability report runs under papermill for every shipped scenario and publishes its
headline figures."""

from __future__ import annotations

import math
from pathlib import Path

import papermill
import pytest

from stargate import risk
from stargate import sustainability as su
from stargate.headline import read_headlines, read_meta
from stargate.scenario import PARAMS_DIR, list_scenarios, load_scenario

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "sustainability.ipynb"
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
        scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
        # The builder injects the complete merged parameters; so does this test.
        nb = papermill.execute_notebook(
            str(NOTEBOOK),
            str(tmp_path / f"{name}.ipynb"),
            parameters=scenario.to_parameters(),
            cwd=str(tmp_path),
            kernel_name="python3",
            progress_bar=False,
            shutdown_kernel="immediate",
        )
        errors = [
            o
            for cell in nb.cells
            if cell.cell_type == "code"
            for o in cell.get("outputs", [])
            if o.get("output_type") == "error"
        ]
        assert not errors, f"{name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
        meta = read_meta(nb)
        assert meta["report_title"] == "Sustainability"
        assert meta["scenario_name"] == name
        headlines = {h["name"]: h for h in read_headlines(nb)}
        assert set(headlines) == HEADLINES, name
        assert all(math.isfinite(h["value"]) for h in headlines.values())
        # The published figures are the model's for this scenario (same seed, same draws).
        summary = risk.summarize_monte_carlo(risk.run_monte_carlo(scenario))
        for key, (value, _, _) in su.headline_figures(scenario, summary).items():
            assert headlines[key]["value"] == pytest.approx(value), (name, key)
        for key in ("shortfall_probability", "npv_positive_probability"):
            assert 0.0 <= headlines[key]["value"] <= 1.0
        # The verdict is there, in probabilities.
        text = "\n".join(
            "".join(o.get("data", {}).get("text/markdown", ""))
            for cell in nb.cells
            for o in cell.get("outputs", [])
        )
        assert "What must be true for Musk to be right" in text, name
        assert "What must be true for Altman to be right" in text, name
