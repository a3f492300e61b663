"""The sustainability report runs under papermill for every shipped scenario and publishes its
headline figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from report_run import JPY_SCENARIO, run_report

from stargate.model import montecarlo as mc
from stargate.model import programme
from stargate.present import sustainability_report as report
from stargate.scenario import list_scenarios

#: The programme's figures every report publishes (stargate.model.programme.headline_figures).
PROGRAMME_HEADLINES = {
    "programme_capex_usd",
    "programme_gw",
    "programme_gpus",
    *(f"capex_{year}_usd" for year in programme.PLAN_YEARS),
}
HEADLINES = {
    "funding_need_p50_usd",
    "funding_need_point_usd",
    "openai_shortfall_probability",
    "venture_shortfall_probability",
    "obligations_to_revenue_2028",
    "shortfall_probability",
    "shortfall_incl_announced_probability",
    "npv_positive_probability",
    "breakeven_price_usd_per_gpu_hour",
    "funding_gap_usd",
} | PROGRAMME_HEADLINES


def test_report_runs_for_every_scenario(shipped_reports: Path, tmp_path: Path) -> None:
    names = list_scenarios()
    assert {"base", "musk_skeptic", "altman_optimist", "next_gen_hardware"} <= set(names)
    assert "megaproject_overrun" in names
    for name in names:
        scenario, nb, headlines = run_report(
            "sustainability", name, "Sustainability", HEADLINES, tmp_path, reports=shipped_reports
        )
        # The published figures are the model's for this scenario (same seed, same draws).
        summary = mc.summarize_monte_carlo(mc.run_monte_carlo(scenario))
        for key, (value, _, _) in report.headline_figures(scenario, summary).items():
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


def test_report_in_yen_shows_no_dollar_amount(jpy_reports: Path) -> None:
    """With ``display: {currency: JPY}`` no output of the report shows a ``$`` amount.

    The sources table (last cell) is left out: it quotes each source's own value and title,
    in the source's currency. The report is the session's ``jpy_reports`` build (base in yen,
    a title of its own: the base title quotes the article's "$500bn").
    """
    nb = nbformat.read(jpy_reports / JPY_SCENARIO / "sustainability.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["display"]["currency"] == "JPY"
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert "nb.sources(" in code[-1].source
    found = []
    for number, cell in enumerate(code[:-1]):
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output.get("evalue")
            for kind, data in output.get("data", {}).items():
                if kind.startswith("text/") or "vega" in kind:
                    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
                    text = text.replace("\\$", "$")
                    found += [(number, kind, m) for m in re.findall(r".{30}\$\d.{10}", text)]
    assert not found, found
    html = "".join(
        "".join(o.get("data", {}).get("text/html", "")) for cell in code for o in cell.outputs
    )
    assert "兆円" in html and "円 per GPU-hour" in html
