"""The investor-roles report runs under papermill for every shipped scenario and publishes its
headline figures."""

from __future__ import annotations

import math
from pathlib import Path

import papermill
import pytest

from stargate import investors
from stargate.headline import read_headlines, read_meta
from stargate.scenario import PARAMS_DIR, list_scenarios, load_scenario

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "investor_roles.ipynb"
HEADLINES = {
    "equity_committed_usd",
    "equity_share_of_programme",
    "funding_gap_usd",
    "debt_to_equity_ratio",
}
# Abilene: loans 2.3 + 7.1 = 9.4 ($bn) beside 15 − 9.4 = 5.6 of equity.
ABILENE_RATIO = 9.4 / 5.6


def test_report_runs_for_every_scenario(tmp_path: Path) -> None:
    names = list_scenarios()
    assert "base" in names
    for name in names:
        scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
        out = tmp_path / f"{name}.ipynb"
        # The builder injects the complete merged parameters; so does this test.
        nb = papermill.execute_notebook(
            str(NOTEBOOK),
            str(out),
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
        assert read_meta(nb)["report_title"] == "Investor roles"
        assert read_meta(nb)["scenario_name"] == name
        headlines = {h["name"]: h for h in read_headlines(nb)}
        assert set(headlines) == HEADLINES, name
        assert all(math.isfinite(h["value"]) for h in headlines.values())
        # The published figures are the model's for this scenario.
        summary = investors.summarize_funding(scenario)
        for key in HEADLINES:
            assert headlines[key]["value"] == pytest.approx(summary[key]), (name, key)
        if name == "base":
            # 19 + 19 + 7 + 7 = 52; 52 / 500 = 10.4 %; (500 − 52) / 52 = 8.615;
            # gap = 500 − 52 × (1 + 1.678571) = 360.71 ($bn).
            assert headlines["equity_committed_usd"]["value"] == 52e9
            assert headlines["equity_share_of_programme"]["value"] == pytest.approx(0.104)
            assert headlines["debt_to_equity_ratio"]["value"] == pytest.approx(448 / 52)
            assert headlines["funding_gap_usd"]["value"] == pytest.approx(
                (500 - 52 * (1 + ABILENE_RATIO)) * 1e9, rel=1e-6
            )
