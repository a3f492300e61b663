"""The investor-roles report runs under papermill for every shipped scenario and publishes its
headline figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_run import run_report

from stargate.model import investors
from stargate.scenario import list_scenarios

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
        scenario, nb, headlines = run_report(
            "investor_roles", name, "Investor roles", HEADLINES, tmp_path
        )
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
