"""Circular financing, with numbers (issue 13, item 7): hand-worked from the register rows."""

from __future__ import annotations

import pytest

from stargate.model import circular
from stargate.present import charts
from stargate.present import circular_report as rep
from stargate.scenario import PARAMS_DIR, load_scenario

BN = 1e9


@pytest.fixture(scope="module")
def base():
    return load_scenario(PARAMS_DIR / "base.yaml")


def test_loop_ratios_by_hand(base):
    s = circular.summarize_circular_financing(base)
    # NVIDIA: $100bn / 10 GW = $10bn per GW invested; $35bn of hardware per GW; 35 / 10 = 3.5
    assert s["nvidia_investment_per_gw_usd"] == pytest.approx(10 * BN)
    assert s["nvidia_revenue_per_gw_usd"] == pytest.approx(35 * BN)
    assert s["nvidia_revenue_per_dollar_invested"] == pytest.approx(3.5)
    # AMD: $90bn / 6 GW = $15bn; warrant 160m x $600 = $96bn, / 6 = $16bn; 96 / 90 = 1.0667
    assert s["amd_sales_per_gw_usd"] == pytest.approx(15 * BN)
    assert s["amd_warrant_per_gw_usd"] == pytest.approx(16 * BN)
    assert s["amd_warrant_to_sales"] == pytest.approx(96 / 90)
    # SoftBank: 5.83 + 9.17 = 15.0 of asset sales, 8.5 of loan, against its 22.5 tranche
    assert s["softbank_asset_sales_usd"] == pytest.approx(15.0 * BN)
    assert s["softbank_bridge_loan_usd"] == pytest.approx(8.5 * BN)
    assert s["softbank_sources_to_tranche"] == pytest.approx(23.5 / 22.5)


def test_flows_table(base):
    flows = circular.compute_circular_flows(base)
    assert list(flows["loop"].unique()) == ["NVIDIA", "AMD", "SoftBank"]
    assert set(flows["payer"]) | set(flows["payee"]) <= set(circular.NODES)
    # The NVIDIA loop closes: NVIDIA -> OpenAI -> clouds -> NVIDIA
    nv = flows[flows["loop"] == "NVIDIA"]
    assert list(zip(nv["payer"], nv["payee"], strict=True)) == [
        ("NVIDIA", "OpenAI"),
        ("OpenAI", rep.CLOUDS),
        (rep.CLOUDS, "NVIDIA"),
    ]
    table = rep.format_circular_table(base).set_index("what")
    assert table.loc["6 GW of Instinct GPUs", "amount (USD)"] == "$90.0bn"
    assert table.loc["6 GW of Instinct GPUs", "per GW (USD/GW)"] == "$15.0bn"
    assert table.loc["sale of all its Nvidia shares", "per GW (USD/GW)"] == "—"


def test_paragraph_and_chart(base):
    text = rep.build_circular_paragraph(base)
    assert "3.5× comes back as revenue" in text
    assert "1.07× the sales" in text
    nodes, edges = rep.tidy_loop_chart(base)
    # Arrow from NVIDIA (12, 82) down-right to OpenAI (50, 50): heading between 90 and 180 deg
    e = edges[(edges["payer"] == "NVIDIA") & (edges["payee"] == "OpenAI")].iloc[0]
    assert 90 < e["angle"] < 180
    # The three SoftBank sources share one arrow, each amount in its label
    sb = edges[edges["payee"] == "SoftBank"].iloc[0]
    assert sb["label"] == "$5.8bn + $9.2bn + $8.5bn"
    with charts.settings(base.display, scenario_title=base.title):
        svg = charts.render_svg(rep.chart_circular_loop(base).to_dict())
    assert svg.lstrip().startswith("<svg") and "$350.0bn" in svg
