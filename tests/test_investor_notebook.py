"""The investor-roles report runs under papermill for every shipped scenario and publishes its
headline figures."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from report_run import JPY_SCENARIO, run_report

from stargate import facts
from stargate.model import capital_structure, funding, programme
from stargate.scenario import list_scenarios

#: The programme's figures every report publishes (stargate.model.programme.headline_figures).
PROGRAMME_HEADLINES = {
    "programme_capex_usd",
    "programme_gw",
    "programme_gpus",
    *(f"capex_{year}_usd" for year in programme.PLAN_YEARS),
}
#: The report's own figures (stargate.model.funding.summarize_funding).
OWN_HEADLINES = {
    "equity_committed_usd",
    "equity_share_of_programme",
    "funding_gap_usd",
    "debt_to_equity_ratio",
}
HEADLINES = OWN_HEADLINES | PROGRAMME_HEADLINES
# Abilene: loans 2.3 + 7.1 = 9.4 ($bn) beside 15 − 9.4 = 5.6 of equity.
ABILENE_RATIO = 9.4 / 5.6


def test_report_runs_for_every_scenario(shipped_reports: Path, tmp_path: Path) -> None:
    names = list_scenarios()
    assert "base" in names
    for name in names:
        scenario, nb, headlines = run_report(
            "investor_roles", name, "Investor roles", HEADLINES, tmp_path, reports=shipped_reports
        )
        # The published figures are the model's for this scenario.
        summary = funding.summarize_funding(scenario)
        for key in OWN_HEADLINES:
            assert headlines[key]["value"] == pytest.approx(summary[key]), (name, key)
        for key, (value, _, _) in programme.headline_figures(scenario).items():
            assert headlines[key]["value"] == pytest.approx(value), (name, key)
        if name == "base":
            # 19 + 19 + 7 + 7 = 52 against the programme's capex C: 52 / C. The gap is the
            # venture's peak cash need N less the 52 of equity and the named funders F (each
            # tied to its layer); the leverage that closes it is the one at which the debt
            # capacity L × (52 + named owners' capital) − named loans equals the gap, so
            # reconciling again at that L leaves nothing after the debt.
            capex = programme.programme_capex_usd(scenario)
            assert headlines["equity_committed_usd"]["value"] == 52e9
            assert headlines["equity_share_of_programme"]["value"] == pytest.approx(52e9 / capex)
            rec = capital_structure.reconcile_venture_funding(scenario)
            named = float(rec.named["tied_usd"].clip(lower=0).sum())
            need = rec.value("cash_need")
            assert headlines["funding_gap_usd"]["value"] == pytest.approx(
                max(0.0, need - 52e9 - min(named, need - 52e9)), rel=1e-6
            )
            closing = headlines["debt_to_equity_ratio"]["value"]
            again = capital_structure.reconcile_venture_funding(
                scenario, max_debt_to_equity_ratio=closing
            )
            assert again.value("left_after_debt") == pytest.approx(0.0, abs=1e3)
            below = capital_structure.reconcile_venture_funding(
                scenario, max_debt_to_equity_ratio=closing * 0.9
            )
            assert below.value("left_after_debt") > 1e9


def _texts(output: dict[str, Any]) -> list[str]:
    """The reader-facing text of an output: its HTML / Markdown, or its plain text if none."""
    data = output.get("data", {})
    kinds = [k for k in ("text/html", "text/markdown") if k in data] or ["text/plain"]
    texts = [data[k] for k in kinds if k in data]
    if output.get("output_type") == "stream":
        texts.append(output.get("text", ""))
    return ["".join(t) if isinstance(t, list) else str(t) for t in texts]


def _chart_strings(value: Any) -> list[str]:
    """Every string in a chart's Vega spec (titles, labels, tooltips' data)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _chart_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _chart_strings(v)]
    return []


def test_a_jpy_scenario_shows_no_dollar_amount(jpy_reports: Path, tmp_path: Path) -> None:
    # The base scenario in yen, built once per session (``jpy_reports``).
    scenario, nb, _ = run_report(
        "investor_roles",
        JPY_SCENARIO,
        "Investor roles",
        HEADLINES,
        tmp_path,
        reports=jpy_reports,
        params_dir=jpy_reports.parent / "params",
    )
    assert scenario.display.currency == "JPY"
    # Not ours to convert: the scenario's own title, and sources cited by their published titles
    # (“SoftBank, OpenAI commit $19 bn each…”). The last cell, the sources table, lists the
    # register's rows in their own units, as the sources state them.
    quoted = sorted(
        [scenario.title, *{f.citation() for f in facts.all_facts().values()}], key=len, reverse=True
    )
    code_cells = [c for c in nb.cells if c.cell_type == "code"][:-1]
    found = []
    for number, cell in enumerate(code_cells):
        for output in cell.get("outputs", []):
            texts = _texts(output)
            for key, spec in output.get("data", {}).items():
                if key.startswith("application/vnd.vega"):
                    texts.extend(_chart_strings(spec))
            for text in texts:
                text = html.unescape(text).replace("\\$", "$")
                for quote in quoted:
                    text = text.replace(quote, "")
                found += [(number, m.group(0)) for m in re.finditer(r"\$\s?\d[^<\n]{0,40}", text)]
    assert not found, found
