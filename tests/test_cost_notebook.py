"""The cost-structure report runs under papermill for every shipped scenario, publishes its
headline figures, and shows every amount in the display currency (no dollars in a JPY report)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from report_run import JPY_SCENARIO, run_report

from stargate.model import costs, programme
from stargate.scenario import list_scenarios, validate

HEADLINES = {
    "programme_capex_usd",
    "programme_gw",
    "programme_gpus",
    *(f"capex_{year}_usd" for year in programme.PLAN_YEARS),
    "annual_tco_usd",
    "cost_per_gb300_equivalent_hour_usd",
    "cost_per_gpu_hour_usd",
    "nvidia_share_of_capex",
    "power_facility_mw",
}


def test_report_runs_for_every_scenario(shipped_reports: Path, tmp_path: Path) -> None:
    names = list_scenarios()
    assert "base" in names
    for name in names:
        scenario, nb, headlines = run_report(
            "cost_structure", name, "Cost structure", HEADLINES, tmp_path, reports=shipped_reports
        )
        # The published figures are the model's for this scenario.
        expected = {**costs.headline_figures(scenario), **programme.headline_figures(scenario)}
        for key in HEADLINES:
            assert headlines[key]["value"] == pytest.approx(expected[key][0]), (name, key)
            assert headlines[key]["unit"] == expected[key][1]
        # The last output is the sources table; it lists the facts the fact-check cites even
        # when every parameter arrives injected.
        last = nb.cells[-1].outputs[-1]["data"]["text/html"]
        for fact_id in ("claim_capex_usd", "bernstein_gpu_share", "price_h100", "tdp_h100"):
            assert fact_id in last, (name, fact_id)
        if name == "article_case":
            # 700,000 × (27,500 + 22,500 + 1,416.67 W × $16.25/W) = 700,000 × 73,020.83
            # = 51.115bn (all-in W: DGX H100 10,200 W / 8 / 0.9 for network and storage;
            # $16.25m per MW of IT = $15bn ÷ (1.2 GW ÷ PUE 1.3))
            assert headlines["programme_capex_usd"]["value"] == pytest.approx(51.1146e9, rel=1e-5)
            # 19.25bn / 51.115bn
            assert headlines["nvidia_share_of_capex"]["value"] == pytest.approx(0.37660, abs=1e-5)
            # 700,000 × 1,416.67 W × 1.3 = 1,289.17 MW
            assert headlines["power_facility_mw"]["value"] == pytest.approx(1289.17, abs=0.01)


#: A dollar sign followed by a figure: "$2.80", "\$49.0bn", "-$5.0bn" (an amount in USD).
_DOLLAR_AMOUNT = re.compile(r"\$\s?\d")


def test_jpy_report_shows_no_dollar_amount(jpy_reports: Path) -> None:
    # The base scenario with amounts shown in yen, built by the builder (the session's
    # ``jpy_reports``). Its title and description are its own (the base file's quote "$500bn":
    # a scenario's text is the author's, not an amount the report computes).
    nb = nbformat.read(jpy_reports / JPY_SCENARIO / "cost_structure.ipynb", as_version=4)
    injected = nb.metadata["papermill"]["parameters"]
    assert validate(injected).display.currency == "JPY"
    code = [c for c in nb.cells if c.cell_type == "code"]
    # The last output is the sources table: the register's own rows, quoted in the units their
    # sources give ("$15bn / 1.2 GW"), not amounts of this report; every other output counts.
    *report, sources = code
    assert "claim_capex_usd" in sources.outputs[-1]["data"]["text/html"]
    found = []
    for number, cell in enumerate(report):
        assert not [o for o in cell.outputs if o.get("output_type") == "error"], number
        for output in cell.outputs:
            texts = [output.get("text", "")] if output.get("output_type") == "stream" else []
            data = output.get("data", {})
            texts += [data[k] for k in ("text/plain", "text/markdown", "text/html") if k in data]
            found += [(number, m.group()) for t in texts for m in _DOLLAR_AMOUNT.finditer(t)]
    assert not found, found[:5]
    # Yen amounts are there instead: the capex paragraph and the TCO table.
    html = "".join(str(o.get("data", {}).get("text/html", "")) for c in report for o in c.outputs)
    assert html.count("円") > 50
