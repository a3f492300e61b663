"""The cost report's sentences, reader tables and chart frames (stargate.present.cost_*)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from test_costs import make

from stargate import facts
from stargate.model import costs
from stargate.present import cost_fact_check, cost_report, cost_tables
from stargate.scenario import from_parameters, load_scenario


@pytest.fixture(scope="module")
def hand():
    return make()


@pytest.fixture(scope="module")
def base():
    return load_scenario("base")


@pytest.fixture(scope="module")
def base_jpy(base):
    return base.model_copy(update={"display": base.display.model_copy(update={"currency": "JPY"})})


def test_frames_add_up(base):
    assert cost_report.capex_frame(base)["capex_usd"].sum() == pytest.approx(
        costs.total_capex_usd(base)
    )
    assert cost_report.tco_frame(base)["usd_per_year"].sum() == pytest.approx(
        costs.annual_tco_usd(base)
    )
    assert cost_report.gpu_hour_steps(base)["usd_per_gpu_hour"].sum() == pytest.approx(
        costs.cost_per_gpu_hour_usd(base)
    )
    assert list(cost_report.generation_frame(base, "pflop_hour")["generation"]) == [
        "H100",
        "GB200",
        "GB300",
        "VR200",
    ]
    with pytest.raises(ValueError):
        cost_report.generation_frame(base, "year")


def test_chart_labels(base):
    grid = cost_report.lifetime_utilization_frame(base)
    assert set(grid["it_lifetime"]) == {"3 years", "4 years", "5 years", "6 years", "7 years"}
    assert list(grid["utilization"][:6]) == ["50%", "60%", "70%", "80%", "90%", "100%"]
    sweep = cost_report.cost_of_capital_frame(base)
    assert sorted(set(sweep["it_lifetime"])) == [
        "IT life 3 years",
        "IT life 5 years",
        "IT life 6 years",
    ]
    assert sweep["cost_of_capital_pct"].tolist() == [
        round(r * 100, 2) for r in sweep["cost_of_capital_rate"]
    ]
    tornado = cost_report.tornado_frame(base).set_index("factor")
    assert tornado.loc["PUE", "low_input"] == "PUE 1.10"
    assert tornado.loc["Electricity price", "high_input"].endswith("/MWh")
    assert tornado.loc["IT lifetime", ["low_input", "high_input"]].tolist() == [
        "3 years",
        "6 years",
    ]


def test_jpy_display_formats_tables(base_jpy):
    table = cost_tables.format_tco_table(base_jpy)
    assert table["Per year"].str.contains("円").all()


def _texts(scenario) -> list[str]:
    """Every sentence and table cell the report's present functions produce."""
    out = [
        cost_report.describe_article_claims(scenario),
        cost_report.describe_capex(scenario),
        cost_report.describe_power(scenario),
        cost_report.describe_tco(scenario),
        cost_report.describe_generations(scenario),
        cost_report.describe_sensitivity(scenario),
        cost_report.describe_takeaways(scenario),
        cost_fact_check.describe_fact_check(scenario),
    ]
    tables: list[pd.DataFrame] = [
        cost_tables.format_fleet_table(scenario),
        cost_tables.format_inputs_table(scenario),
        cost_tables.format_tco_table(scenario),
        cost_tables.format_generation_table(scenario),
        cost_tables.format_electricity_table(scenario),
        cost_fact_check.format_fact_check_table(scenario),
        cost_fact_check.format_peer_check_table(scenario),
        cost_report.tornado_frame(scenario)[["low_input", "high_input"]],
    ]
    for t in tables:
        out += [str(i) for i in t.index] + [str(v) for v in t.to_numpy().ravel()]
    return out


def test_jpy_scenario_shows_no_dollar_amount(base_jpy):
    # The article's own figures too: an amount is shown in the display currency.
    found = [t for t in _texts(base_jpy) if re.search(r"\$\s?\d", t)]
    assert not found, found[:3]
    # …while the USD report quotes them as the article gives them.
    claims = cost_report.describe_article_claims(load_scenario("base"))
    assert "**$2.80 per GPU-hour**" in claims and "**$49.0bn**" in claims
    # 2.80 × 156 = 436.8 → 437円; 49bn × 156 = 7.644兆円
    jpy = cost_report.describe_article_claims(base_jpy)
    assert "**437円 per GPU-hour**" in jpy and "**7.6兆円**" in jpy


def test_fact_check_texts(base):
    t = cost_fact_check.fact_check_rows(base)
    by_claim = dict(zip(t["claim"], t["verdict"], strict=True))
    assert by_claim["NVIDIA supplies 700,000 GPUs to Stargate"] == "unsourced"
    assert by_claim["NVIDIA's share of capex ($37.5bn of $49.0bn)"] == "inconsistent"
    assert by_claim["NVIDIA earns $37.5bn"] == "inconsistent"
    shown = t.set_index("claim")
    # $37.5bn ÷ $49bn = 76.5 %, shown to a tenth of a point against the 70 % bound
    assert shown.loc["NVIDIA's share of capex ($37.5bn of $49.0bn)", "article_value"] == "76.5%"
    annual = shown.loc["Implied annual cost: 700,000 × $2.80 × 8,760 h"]
    assert annual.article_value == "$17.2bn a year"
    # 3 consistent (capex per GPU: $70k inside $46.9-75.3k since H100 power is the DGX figure;
    # annual cost, GB300/VR200), 1 partly supported (the $2.80 "operating cost": inside the
    # H100 full-cost range, far above the $0.54 of running costs), 4 inconsistent, 1 unsourced
    assert cost_fact_check.describe_fact_check(base) == (
        "Of the article's 9 cost claims checked: **3** consistent, **1** partly supported, "
        "**4** inconsistent, **1** unsourced."
    )
    table = cost_fact_check.format_fact_check_table(base)
    assert table.loc["Operating cost of $2.80 per H100-hour", "Verdict"] == (
        "not an operating cost; as a full cost or rental price: consistent"
    )
    evidence = shown.loc["Operating cost of $2.80 per H100-hour", "evidence"]
    assert "Running costs alone (energy, maintenance, staff) are $0.54" in evidence
    assert (
        "- **The article.** Of its cost figures, 3 are consistent with the evidence, 1 only "
        in (cost_report.describe_takeaways(base))
    )


def test_peer_check_texts(base):
    t = cost_fact_check.format_peer_check_table(base)
    capex = t.loc["Capex per GW of facility power"]
    # $38.14bn (test_fact_check.test_gb200_campus_per_gw_by_hand) against Bernstein's $35bn
    # (38.14 / 35 − 1 = +9.0 %) and NVIDIA's $50bn (38.14 / 50 − 1 = −23.7 %)
    assert capex["Model"] == "$38.1bn"
    assert capex["Bernstein"] == "$35.0bn (+9.0%)"
    assert capex["NVIDIA"].startswith("$50.0bn (-24%)")
    assert "Why" in t.columns and all(t["Why"].str.len() > 0)
    verdicts = dict(zip(t.index, t["Verdict"], strict=True))
    assert verdicts["Running costs per GW (energy, maintenance, staff & other)"] == (
        "fitted — not a test"
    )
    assert verdicts["Annual cost per GW (capital recovery and running costs)"] == (
        "consistent (cost below the price paid)"
    )
    assert "Abilene" in t.loc["Facility per GW (buildings, power and cooling plant)", "Why"]
    assert "**fitted — not a test**" in cost_fact_check.describe_peer_check(base)


def test_peer_check_text_reads_the_same_numbers_as_its_row(base):
    t = cost_fact_check.format_peer_check_table(base)
    capex = t.loc["Capex per GW of facility power"]
    why = capex["Why"]
    # $38.14bn against Bernstein's $35bn is +9.0 % (test_peer_check_texts), not "within 1%".
    assert "within 1%" not in why
    assert "The model's total, $38.1bn, is +9.0% against Bernstein's $35.0bn" in why
    assert capex["Bernstein"] == "$35.0bn (+9.0%)"
    # Altman's "more than $40bn" is a floor; $38.1bn is below it, so no "-4.6%" difference.
    assert capex["Other published figure"] == (
        "Altman: more than $40.0bn (the model is below this floor)"
    )
    assert "-4.6%" not in capex["Other published figure"]
    assert "and the model's $38.1bn is below it." in why


def test_peer_check_floor_reads_above_when_the_model_passes_it(base):
    # Facility at $25m per MW of IT: 769.23 MW × 25m = 19.23bn + IT 25.64bn = 44.9bn > $40bn.
    dearer = base.model_copy(
        update={"facility": base.facility.model_copy(update={"facility_capex_usd_per_mw_it": 25e6})}
    )
    capex = cost_fact_check.format_peer_check_table(dearer).loc["Capex per GW of facility power"]
    assert capex["Model"] == "$44.9bn"
    assert capex["Other published figure"].endswith("(the model is above this floor)")
    assert "and the model's $44.9bn is above it." in capex["Why"]
    # Bernstein: 44.87 / 35 − 1 = +28 %
    assert "is +28% against Bernstein's $35.0bn" in capex["Why"]


def test_facility_cost_names_its_high_and_the_loans(base):
    # Figures by hand in test_fact_check: loans $23.25bn and $14.75bn against $17.5bn and
    # $12.5bn; capex $424.2bn at Abilene's rate, $477.8bn (+$53.6bn) at Shackelford's.
    text = cost_report.describe_facility_high(base)
    assert "Abilene's figure is the point" in text and "Shackelford's is the high" in text
    assert "Shackelford's loan alone ($23.2bn) exceeds" in text and "($17.5bn)" in text
    assert "Port Washington's ($14.8bn) exceeds its ($12.5bn)" in text
    assert "capex would be $477.8bn instead of $424.2bn, $53.6bn more." in text
    row = cost_tables.format_inputs_table(base).loc["Facility capex per MW of IT load"]
    assert text in row["What the sources say"]
    capex = cost_report.describe_capex(base)
    assert "at Shackelford's $23.2m, the high end of the evidence" in capex
    assert "capex would be **$477.8bn**, $53.6bn more." in capex


def test_generation_table_marks_derived_figures(base, hand):
    t = cost_tables.format_generation_table(base)
    # H100's other IT and all-in IT power are worked out from other rows (derived).
    assert t.loc["H100", "Derived, not sourced directly"] == "other IT, IT power"
    # The hand scenario sets H100's figures itself: nothing derived, shown as missing.
    assert (
        cost_tables.format_generation_table(hand).loc["H100", "Derived, not sourced directly"]
        == "—"
    )
    assert "BF16 compute" in t.loc["VR200", "Derived, not sourced directly"]
    assert t.loc["H100", "vs H100 (GPU-hour)"] == "1.00×"


def test_tables_record_the_facts_behind_derived_defaults(base):
    # GB200's per-GPU price is $3.1m / 72 GPUs: the sources table must reach the 72 and the
    # rack price too, however the parameters arrived (here: every one injected).
    injected = from_parameters(base.to_parameters())
    facts.reset_used()
    costs.generation_table(injected)
    cost_tables.format_inputs_table(injected)
    used = set(facts.used())
    assert "price_gb200_nvl72_per_gpu_derived" in used
    assert "rack_gb200_nvl72_gpus" not in used  # not looked up: the sources table adds it
    listed = set(facts.with_inputs(facts.used()))
    assert {"price_gb200_nvl72_per_gpu_derived", "rack_gb200_nvl72_gpus"} <= listed
    assert {"abilene_shell_per_mw", "abilene_jv_15bn", "abilene_capacity"} <= listed
    kinds = cost_tables.format_inputs_table(injected)["Kind"]
    assert kinds["Cost of capital"] == "assumption"
    assert kinds["Price of a GPU-hour"] == "derived"
    # "Why this value" is the register's chosen_why of the fact behind each default.
    why = cost_tables.format_inputs_table(injected)["Why this value"]
    assert why["IT lifetime"] == facts.get("dep_amazon_2025").chosen_why
    assert why["Cost of capital"] == facts.get("as_cost_of_capital_rate").chosen_why
    assert all(why)


def test_changed_inputs_are_marked_as_set_by_the_scenario(hand):
    kinds = cost_tables.format_inputs_table(hand)["Kind"]
    assert kinds["Power usage effectiveness (PUE)"] == "scenario"  # 1.5, not the 1.3 default
    assert kinds["Cost of capital"] == "scenario"
    # A value equal to the default is the default's fact, however it was given: 5 years is
    # Amazon's filing, 1 % the staff & other assumption.
    assert kinds["IT lifetime"] == "evidence"
    assert kinds["Staff and other (share of capex a year)"] == "assumption"
    assert cost_tables.format_inputs_table(hand).loc["Cost of capital", "Why this value"] == (
        "Set by this scenario."
    )
    assert "set by this scenario" in cost_report.describe_tco(hand)
    # price $3.00 against a cost of $1.83: 3.00 − 1.832991 = $1.17 above full cost
    assert "earns $1.17 more than its full cost" in cost_report.describe_tco(hand)
    # The contract's price is per GB300-equivalent hour, the cost per average fleet hour: the
    # base page names the price and says why the two are not compared (the review's unit catch).
    base_text = cost_report.describe_tco(load_scenario("base"))
    assert "The Oracle contract prices a GB300-equivalent GPU-hour at $5.67" in base_text
    assert "short of its full cost" not in base_text and "more than its full cost" not in base_text


def test_facility_input_row_reads_abilene_it_load_from_the_register(base):
    facts.reset_used()
    row = cost_tables.format_inputs_table(base).loc["Facility capex per MW of IT load"]
    # 1,200 MW ÷ 1.3 = 923 MW of IT, read from the derived fact (recorded, so it is listed).
    assert "923 MW of IT load" in row["What the sources say"]
    assert "abilene_it_mw_derived" in facts.used()
    # Shackelford: $17.9m per MW of facility power = $17.9m × 1.3 = $23.2m per MW of IT.
    assert (
        "$17.9m per MW of facility power, $23.2m per MW of IT load at a PUE of 1.3"
        in (row["What the sources say"])
    )


def test_peer_check_sets_shackelford_per_mw_of_it(base):
    text = cost_fact_check._peer_whys(base)["facility_per_gw"]
    # Bernstein's $35bn × 2.5 / 5.9 = $14.83bn per GW over 769.2 MW of IT = $19.3m per MW of IT,
    # below Shackelford's $17.857m × 1.3 = $23.2m per MW of IT (not "near" its $17.9m per MW
    # of facility power, which is a different unit).
    assert "$19.3m per MW of IT, below Shackelford's $23.2m per MW of IT" in text
    assert "($17.9m per MW of facility power × PUE 1.3)" in text


def test_cost_price_and_breakeven_in_one_unit(base):
    text = cost_report.describe_like_for_like(base)
    # Its own section, so the page's contents list it; it says what "equivalent" means.
    assert text.startswith(
        "## Cost, price and break-even in one unit: per GB300-equivalent GPU-hour\n\n"
    )
    assert "an hour of a GB300's IT power, not of a GB300's compute" in text
    # Hand figures: test_costs.test_base_breakeven_above_a_price_that_covers_the_cost.
    assert "**$4.97 per GB300-equivalent GPU-hour**" in text
    assert "The contract pays $5.67 per GB300 GPU-hour" in text
    assert "contract price of **$6.72 per GB300-equivalent GPU-hour**" in text
    # 41 %, not 4.5 of 10 GW: no hour before the contract's 2027 start is contracted.
    assert "The break-even lies above the cost because only 41% of the fleet's hours" in text
    assert "on average $3.73 per GB300-equivalent hour" in text
    # 7,692.31 MW of IT ÷ 2,705,279 GPUs = 2,843 W; GB300 2,292 W: more equivalent hours.
    assert "2,843 W of IT power against a GB300's 2,292 W" in text and "more GB300-eq" in text
    table = cost_tables.format_like_for_like_table(base)
    column = "Per GB300-equivalent GPU-hour"
    assert list(table[column]) == ["$4.97", "$5.67", "$6.72", "$3.73"]
    assert table.index[1] == "Contract price (Oracle)"


def test_like_for_like_when_every_hour_is_contracted():
    # The article's batch contracted from its first year of service (the contract's start moved
    # to 2025; at the register's 2027 its first two years earn the market rent).
    shipped = load_scenario("article_case")
    article = shipped.model_copy(
        update={"finance": shipped.finance.model_copy(update={"contract_start_year": 2025})}
    )
    text = cost_report.describe_like_for_like(article)
    # H100 1,416.67 W < GB300's 2,291.67 W: $2.852 per H100-hour × 2,291.67 / 1,416.67 = $4.61;
    # the article's $2.80 per H100-hour is $4.53 per GB300-equivalent hour.
    assert "1,417 W of IT power against a GB300's 2,292 W" in text and "fewer GB300-eq" in text
    assert "$2.80 per H100 GPU-hour comes to $4.53 per GB300-equivalent GPU-hour" in text
    assert "Every hour is sold at that price" in text
    table = cost_tables.format_like_for_like_table(article)
    assert table.iloc[3, 0] == "—"
    assert table.index[1] == "Price (set by this scenario)"
    assert "nan" not in text.lower() and "None" not in text


def test_peer_verdict_names_the_peer_that_differs() -> None:
    """Review: "differs by more than 10%" stood beside "+9.0%" against Bernstein, when NVIDIA's
    −24% decided it; a ``differs`` verdict names the peer(s) that differ."""
    from stargate.model import fact_check

    scenario = load_scenario("base")
    checks = fact_check.peer_check_table(scenario).set_index("check")
    table = cost_fact_check.format_peer_check_table(scenario)
    verdicts = dict(zip(checks.index, table[table.columns[-3]], strict=True))
    for check, row in checks.iterrows():
        if row.verdict != "differs":
            assert row.differs_from == ()
            continue
        far = {
            peer
            for peer, diff in (("Bernstein", row.diff_bernstein), ("NVIDIA", row.diff_nvidia))
            if abs(diff) > fact_check.PEER_TOLERANCE
        }
        assert set(row.differs_from) <= far and row.differs_from, check
        assert all(peer in verdicts[check] for peer in row.differs_from), check
        assert all(peer not in verdicts[check] for peer in {"Bernstein", "NVIDIA"} - far), check
    capex = checks.loc["capex_per_gw"]
    if abs(capex.diff_bernstein) <= fact_check.PEER_TOLERANCE < abs(capex.diff_nvidia):
        assert verdicts["capex_per_gw"] == "differs from NVIDIA by more than 10% (see why)"
    assert cost_fact_check.peer_verdict_text("differs", ("Bernstein",)) == (
        "differs from Bernstein by more than 10% (see why)"
    )
