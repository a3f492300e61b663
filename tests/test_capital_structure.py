"""Tests of the capital structure and the one venture reconciliation.

Checked against the vectorised venture model (an independent implementation of the same cash
path), against hand arithmetic, and across every shipped scenario.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from stargate import facts, tables
from stargate.model import capital_structure as cs
from stargate.model import exposure, finance, openai_path, parties, programme, sites
from stargate.model.venture import evaluate_point
from stargate.present import (
    capital_report,
    investor_report,
    programme_report,
    sustainability_report,
    sustainability_tables,
)
from stargate.scenario import from_parameters, load_scenario

BN = 1e9
ROOT = Path(__file__).resolve().parent.parent
#: A cell that is an amount and nothing else, in each display currency.
MONEY = {
    "USD": re.compile(r"^-?\$[\d.,]+(bn|m|tn|k)?$"),
    "JPY": re.compile(r"^-?[\d.,]+(兆円|億円|万円|円)$"),
}
SHIPPED = sorted(p.stem for p in (ROOT / "params").glob("*.yaml"))


@pytest.fixture(scope="module")
def base():
    return from_parameters({})


@pytest.fixture(scope="module", params=SHIPPED)
def shipped(request):
    return load_scenario(request.param)


# --------------------------------------------------------------------------- the reconciliation


def test_reconciliation_adds_up_in_every_shipped_scenario(shipped):
    rec = cs.reconcile_venture_funding(shipped)
    t = rec.lines.set_index("line_id")["amount_usd"]
    uses = t["programme_capex"] + t["refresh"] + t["running"]
    assert t["cash_need"] == pytest.approx(uses - t["revenue"], rel=1e-9)
    equity = sum(t[f"equity_{k}"] for k in ("softbank", "openai", "oracle", "mgx"))
    named = t[[i for i in t.index if i.startswith("named_")]].sum()
    # The gap is what no equity or named funder covers; the assumed debt comes after it.
    assert t["funding_gap"] == pytest.approx(max(0.0, t["cash_need"] - equity - named), abs=1.0)
    assert t["left_after_debt"] == pytest.approx(t["funding_gap"] - t["assumed_debt"], abs=1.0)
    assert t["assumed_debt"] <= t["funding_gap"] + 1.0
    assert list(t.index[-3:]) == ["funding_gap", "assumed_debt", "left_after_debt"]
    assert cs.check_reconciliation(rec) == pytest.approx(0.0, abs=1e3)
    assert (rec.lines["amount_usd"] >= 0).all()


def test_the_stack_and_the_gap_add_up_to_programme_capex(shipped):
    # Every funder's counted money plus the gap = what the venture spends to its peak need,
    # of which programme capex is the headline (the whole build falls inside the window).
    rec = cs.reconcile_venture_funding(shipped)
    stack = cs.build_funding_stack(shipped)
    counted = stack["counted_usd"].sum()
    other_uses = rec.value("refresh") + rec.value("running")
    assert counted - other_uses == pytest.approx(programme.programme_capex_usd(shipped), rel=1e-9)
    assert rec.value("programme_capex") == pytest.approx(programme.programme_capex_usd(shipped))


def test_subtotals_are_the_venture_model_figures(shipped):
    # The vectorised venture model computes the need and the shortfall its own way.
    out = evaluate_point(shipped)
    rec = cs.reconcile_venture_funding(shipped)
    assert rec.value("cash_need") == pytest.approx(float(out["venture_need_usd"][0]), rel=1e-9)
    assert rec.value("funding_gap") == pytest.approx(
        float(out["venture_shortfall_usd"][0]), rel=1e-9, abs=1.0
    )


def test_named_money_never_exceeds_its_layer(shipped):
    named = cs.tie_named_finance(shipped)
    for _, group in named.groupby(["layer", "scope"]):
        assert group["tied_usd"].sum() <= group["layer_capex_usd"].iloc[0] + 1.0
    assert (named["tied_usd"] <= named["reported_usd"] + 1.0).all()


def test_base_named_finance_by_hand(base):
    named = cs.tie_named_finance(base).set_index("instrument")
    abilene = 1200 / 1.3 * 16.25e6  # 923 MW of IT × $16.25m = 15.0bn, the JV's funding
    loans = named.loc["construction loans (phase 1 and phase 2)", "tied_usd"]
    assert loans == pytest.approx(9.4 * BN)
    jv = named.loc["joint-venture equity (the JV's funding less the loans)", "tied_usd"]
    assert jv == pytest.approx(abilene - 9.4 * BN, rel=1e-4)  # 15.0 − 9.4 = all of the 5.6
    assert "purchase of ~400,000 GB200 chips from NVIDIA" not in named.index
    assert facts.value("abilene_jv_equity_derived") == pytest.approx(
        facts.value("abilene_jv_15bn")
        - facts.value("abilene_loan_phase1")
        - facts.value("abilene_loan_phase2")
    )
    assert facts.value("sg_shackelford_developer_capital_derived") == pytest.approx(
        facts.value("sg_shackelford_usd") - facts.value("sg_oracle_debt_38bn_tx")
    )


# Hand-worked base figures (PUE 1.3, $16.25m of facility per MW of IT = $15bn ÷ (1.2 GW ÷ 1.3),
# every named site energised by the 2028 peak): the named loans are JPMorgan's 9.4 at Abilene,
# Shackelford's 23.25 loan up to its facility capex 1,400 / 1.3 × 16.25m = 17.5, Port
# Washington's 14.75 up to 1,000 / 1.3 × 16.25m = 12.5 and New Mexico's 18 ($bn); the named
# owners' capital is the Abilene JV's 1,200 / 1.3 × 16.25m − 9.4 = 15.0 − 9.4 = 5.6 (Vantage's
# 1.75 finds no room left beside its loan). Abilene's leverage 9.4 / 5.6 = 1.6786 caps all the
# debt: beside the named loans the venture could raise
# 1.6786 × (52 + 5.6) − (9.4 + 17.5 + 12.5 + 18) = 96.686 − 57.4 = 39.29.
ABILENE_RATIO = 9.4 / 5.6
NAMED_LOANS = 9.4 * BN + 1400 / 1.3 * 16.25e6 + 1000 / 1.3 * 16.25e6 + 18 * BN
NAMED_OWNERS = 1200 / 1.3 * 16.25e6 - 9.4 * BN


def test_assumed_debt_is_net_of_the_named_loans_by_hand(base):
    rec = cs.reconcile_venture_funding(base)
    capacity = ABILENE_RATIO * (52 * BN + NAMED_OWNERS) - NAMED_LOANS
    assert capacity == pytest.approx(39.29 * BN, rel=1e-3)
    assert rec.debt_capacity_usd == pytest.approx(capacity, rel=1e-5)
    # The gap (132.2 in the base) exceeds it, so all of it would be raised.
    assert rec.value("assumed_debt") == pytest.approx(capacity, rel=1e-5)
    # Counting Abilene's leverage on the equity alone, beside the same named loans, would
    # have offered 1.6786 × 52 = 87.3: the double count this netting removes.
    assert rec.value("assumed_debt") < ABILENE_RATIO * 52 * BN - 40 * BN
    # By hand, the helper: 2 × (10 + 5) − 12 = 18; never below 0.
    assert cs.compute_debt_capacity_usd(2.0, 10.0, 5.0, 12.0) == 18.0
    assert cs.compute_debt_capacity_usd(1.0, 1.0, 0.0, 12.0) == 0.0


def test_oracles_abilene_gpus_earn_the_venture_rent_so_oracle_does_not_fund_them(base):
    # The venture earns OpenAI's payments for every GPU-hour: in 2025 only Abilene's first
    # phase is in service, and the venture already earns revenue from it. So Oracle's own
    # purchase of those GPUs cannot also be a funder of the venture (one or the other).
    by_year = cs.compute_cash_need_by_year(base)
    schedule = sites.schedule_table(base)
    in_2025 = set(schedule.loc[schedule["year"] == 2025, "site_id"])
    assert in_2025 and all(s.startswith("abilene") for s in in_2025)
    assert by_year.loc[2025, "revenue_usd"] > 0
    named = cs.tie_named_finance(base)
    assert not (named["layer"] == cs.LAYER_NAMES["it"]).any()
    stack = cs.build_funding_stack(base)
    oracle_gpus = stack[stack["what"].str.contains("GB200 chips")]
    assert len(oracle_gpus) == 1
    assert oracle_gpus["reported_usd"].iloc[0] == 40 * BN
    assert oracle_gpus["counted_usd"].iloc[0] == 0.0
    assert "rent" in oracle_gpus["why"].iloc[0]


def test_a_scenario_without_the_programme_has_no_named_site_money():
    article = load_scenario("article_case")
    assert cs.tie_named_finance(article)["tied_usd"].sum() == 0.0


def test_oracle_bonds_are_not_counted_twice(base):
    stack = cs.build_funding_stack(base).set_index("funder")
    assert stack.loc["Oracle's bondholders", "reported_usd"] == 18 * BN
    assert stack.loc["Oracle's bondholders", "counted_usd"] == 0.0
    assert stack.loc["NVIDIA", "counted_usd"] == 0.0  # invests in OpenAI, not the programme


def test_every_funder_named_on_the_investor_page_is_in_the_stack(base):
    stack = cs.build_funding_stack(base)
    names = set(stack["funder"]) | set(stack["party"])
    # Parties with an amount on the page: the four partners and every committed party.
    with_amount = parties.build_parties_table(base).dropna(subset=["commitment_usd"])
    missing = [p for p in with_amount["party"] if p not in names]
    assert not missing, missing
    # Payers of capital in the flows table (leases, interest and the compute contract are
    # payments for a service, not capital).
    flows = exposure.list_payment_flows()
    capital = flows[~flows["status"].str.contains("lease|interest|contract")]
    payers = {p.strip() for payer in capital["payer"] for p in payer.split(",")}
    assert not payers - names, payers - names


def test_capital_layers_cite_terms_or_say_not_reported():
    table = cs.list_capital_layers()
    assert set(table["rate"]) == {cs.NOT_REPORTED}  # no rate is in the register
    vantage = table[table["funder"] == "Banks led by JPMorgan & MUFG"]
    assert set(vantage["tenor"]) == {"4"}  # sg_oracle_debt_38bn_term, years
    counted = table[table["is_counted"]]
    assert counted["amount_usd"].notna().all()
    assert (table["source"].str.len() > 0).all()


def test_flows_add_up_per_source_and_per_use(base):
    flows = cs.list_capital_flows(base)
    rec = cs.reconcile_venture_funding(base)
    by_source = flows.groupby("source")["amount_usd"].sum()
    assert by_source["Revenue from OpenAI"] == pytest.approx(rec.value("revenue"))
    assert by_source["SoftBank equity"] == pytest.approx(19 * BN)
    assert by_source["Funding gap"] == pytest.approx(rec.value("funding_gap"))
    assert "Assumed debt" not in by_source  # conditional: no lender is named
    by_use = flows.groupby("use")["amount_usd"].sum()
    assert by_use["Running costs"] == pytest.approx(rec.value("running"))
    assert by_use.sum() == pytest.approx(
        rec.value("programme_capex") + rec.value("refresh") + rec.value("running")
    )
    nodes, ribbons = capital_report.tidy_flow_chart(base)
    left = nodes[nodes["side"] == "left"]
    right = nodes[nodes["side"] == "right"]
    assert left["amount_usd"].sum() == pytest.approx(right["amount_usd"].sum())
    assert (ribbons["y2"] >= ribbons["y"]).all()


# --------------------------------------------------------------------------- both pages


def test_both_pages_show_the_same_reconciliation_lines(base):
    rec = cs.reconcile_venture_funding(base)
    show = base.display
    money = capital_report.format_money
    gap = money(rec.value("funding_gap"), show)
    left = money(rec.value("left_after_debt"), show)
    need = money(rec.value("cash_need"), show)
    investor = investor_report.write_funding_summary(
        base, __import__("stargate.model.funding").model.funding.summarize_funding(base)
    )
    section2 = sustainability_report.build_funding_need_paragraph(base)
    brief = programme_report.describe_funding_gap(base)
    for text in (investor, section2):
        assert gap in text and need.split(" ")[0] in text
    assert left in section2 and left in investor and gap in brief
    # Both notebooks show the reconciliation table from the same function.
    for name in ("investor_roles", "sustainability"):
        source = (ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "capital_report.format_reconciliation" in source, name
    table = capital_report.format_reconciliation(base)
    gap_row = table.iloc[-3].tolist()
    assert gap in gap_row and "headline funding gap" in gap_row[-1]
    # The debt no lender is named for sits below the gap, in brackets: not part of its sum.
    assert [r[0] for r in table.iloc[-2:].itertuples(index=False)] == ["(−)", "(=)"]
    labels = dict(zip(rec.lines["line_id"], rec.lines["figure"], strict=True))
    assert "Monte Carlo" in labels["cash_need"] and "Monte Carlo" in labels["funding_gap"]
    assert "venture need" in labels["cash_need"]
    assert "reconciliation" in sustainability_report.OUTCOME_LABELS["venture_need_usd"]


def test_units_in_every_investor_table_header(base):
    jpy = from_parameters({"display": {"currency": "JPY"}})
    for scenario, unit in ((base, "USD"), (jpy, "JPY")):
        show = scenario.display
        shown = [
            investor_report.format_parties(investor_report.describe_parties(scenario), show),
            investor_report.format_capex_split(
                investor_report.describe_capex_split(scenario), show
            ),
            investor_report.format_payment_flows(
                investor_report.describe_payment_flows(scenario), show
            ),
            investor_report.format_exposure(investor_report.describe_exposure(scenario), show),
            investor_report.format_musk_check(investor_report.describe_musk_check(scenario), show),
            investor_report.format_label_timeline(
                investor_report.describe_label_timeline(scenario), show
            ),
            capital_report.format_capital_layers(scenario),
            capital_report.format_funding_stack(scenario),
            capital_report.format_reconciliation(scenario),
            capital_report.format_cash_need_by_year(scenario),
            capital_report.format_capital_flows(scenario),
        ]
        amount = MONEY[unit]
        checked = 0
        for table in shown:
            for column in table.columns:
                values = [str(v) for v in table[column] if str(v) != "—"]
                if values and all(amount.match(v) for v in values):
                    checked += 1
                    assert f"({unit})" in column, (column, unit)
        assert checked >= 15


# --------------------------------------------------------------------------- years line up


def test_npv_table_starts_with_the_cash_table_and_books_the_same_years(shipped):
    from stargate.model import project_economics

    flows = project_economics.compute_project_cash_flows(shipped)
    aligned = sustainability_tables.align_project_flows(flows)
    show = shipped.display
    npv_table = sustainability_tables.format_project_flows_table(flows, show)
    cash_table = sustainability_tables.format_venture_table(
        openai_path.compute_venture_path(shipped), show
    )
    assert npv_table["year"].iloc[0] == cash_table["year"].iloc[0] == 2025
    # Totals kept; the NPV from the calendar table (capex at the start of each year, the
    # rest at its end) is the model's.
    assert aligned["net_usd"].sum() == pytest.approx(flows["net_usd"].sum())
    rate = shipped.finance.cost_of_capital_rate
    t = aligned.index.to_numpy() - 2025
    npv = float(
        (aligned["capex_usd"] / (1 + rate) ** t).sum()
        + ((aligned["operating_usd"] + aligned["residual_usd"]) / (1 + rate) ** (t + 1)).sum()
    )
    assert npv == pytest.approx(finance.npv(rate, flows["net_usd"].to_numpy()), rel=1e-9)


def test_a_year_of_operations_is_the_same_year_in_both_tables(base):
    from stargate.model import project_economics

    aligned = sustainability_tables.align_project_flows(
        project_economics.compute_project_cash_flows(base)
    )
    venture = openai_path.compute_venture_path(base)
    # Before the first refresh (2030) both count every batch's rent less running costs.
    for year in range(2025, 2030):
        expected = venture.loc[year, "revenue_usd"] - venture.loc[year, "opex_usd"]
        assert aligned.loc[year, "operating_usd"] == pytest.approx(expected, rel=1e-9)
    # So the calendar table's running sum bottoms out at the reconciliation's peak need.
    rec = cs.reconcile_venture_funding(base)
    assert -aligned["cumulative_usd"].min() == pytest.approx(rec.value("cash_need"), rel=1e-9)


def test_tables_are_loaded_with_known_fact_ids():
    rows = tables.load_table("capital_layers", cs.CapitalRow)
    assert len(rows) >= 10
    assert np.isfinite([facts.value(i) for r in rows for i in r.amount_facts]).all()


def test_the_venture_as_obligor_uses_the_reconciliation_figures(base):
    rec = cs.reconcile_venture_funding(base)
    gap = rec.value("funding_gap")
    shares = capital_report.venture_gap_by_partner_usd(base)
    # Pro rata to equity commitments: SoftBank and OpenAI 19/52 each, Oracle and MGX 7/52
    assert shares["softbank"] == pytest.approx(gap * 19 / 52)
    assert shares["mgx"] == pytest.approx(gap * 7 / 52)
    assert sum(shares.values()) == pytest.approx(gap)
    text = capital_report.write_venture_obligor(base)
    # The paragraph's gap is the reconciliation's gap line, formatted as its table shows it
    shown = capital_report.format_reconciliation(base)
    gap_cell = shown.iloc[list(rec.lines["line_id"]).index("funding_gap"), 2]
    assert f"venture's {gap_cell} funding gap" in text
    for key, name in (("softbank", "SoftBank"), ("openai", "OpenAI"), ("mgx", "MGX")):
        assert f"{name} {capital_report.format_money(shares[key], base.display)}" in text
    assert "not a reported fact" in text
    # Oracle's GPU purchase and the contract Oracle earns, as the register gives them
    assert "Oracle's $40bn of GPUs for Abilene is listed, not counted" in text
    assert "exposure table's $300bn that Oracle earns" in text
    # The investor page's summary carries the paragraph; the sustainability page's does not
    assert text in capital_report.write_reconciliation_summary(base, with_obligor=True)
    assert text not in capital_report.write_reconciliation_summary(base)
