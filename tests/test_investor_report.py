"""Tests of the investor-roles presentation: words, yen, house formats, by hand."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from stargate import facts, tables
from stargate.model import parties as parties_model
from stargate.model.exposure import PaymentFlow
from stargate.model.label_timeline import LabelStep
from stargate.model.liquidity import MuskCheckRow
from stargate.model.parties import Party
from stargate.present import investor_report as report
from stargate.present.formatting import format_jpy, markdown_text
from stargate.scenario import from_parameters

BN = 1e9
DOLLAR_AMOUNT = re.compile(r"\$\s?\d")


def make(**groups):
    """A scenario from parameter groups merged onto base (as papermill injects them)."""
    return from_parameters(groups)


@pytest.fixture(scope="module")
def base():
    return make()


@pytest.fixture(scope="module")
def jpy():
    return make(display={"currency": "JPY"})


def test_jpy_conversion(base):
    parties = report.describe_parties(base).set_index("party")
    # $19bn × 156 JPY/USD = 2,964,000,000,000 = 2.964兆円.
    assert base.display.jpy_per_usd == 156
    assert parties.loc["SoftBank", "commitment_jpy"] == pytest.approx(2.964e12)
    assert format_jpy(parties.loc["SoftBank", "commitment_jpy"], digits=3) == "2.964兆円"
    # MGX ~$7bn × 156 = 1.092兆円.
    assert parties.loc["MGX", "commitment_jpy"] == pytest.approx(1.092e12)


def test_a_withdrawn_partner_says_so():
    parties = report.describe_parties(make(funding={"withdrawn_parties": ["mgx"]}))
    mgx = parties.set_index("party").loc["MGX"]
    assert mgx["commitment"] == (
        "Withdrawn in this scenario (reported plan: equity in the stargate venture (reported plan))"
    )
    assert mgx["commitment_usd"] == 0


def test_fill_facts(base, jpy):
    usd = base.display
    assert report.fill_facts("up to {nvda_loi_usd}", usd) == "up to $100bn"
    assert report.fill_facts("{oa_msft_invest_funded} funded", usd) == "$11.6bn funded"
    # An amount as the source wrote it stays so in USD: Musk wrote "$10B".
    assert report.fill_facts("under {sg_musk_claim|$10B}", usd) == "under $10B"
    # In yen: $100bn × 156 = 15.6兆円; $10bn × 156 = 1.56兆円 → 1.6兆円.
    assert report.fill_facts("up to {nvda_loi_usd}", jpy.display) == "up to 15.6兆円"
    assert report.fill_facts("under {sg_musk_claim|$10B}", jpy.display) == "under 1.6兆円"
    with pytest.raises(facts.UnknownFactError):
        report.fill_facts("{no_such_fact}", usd)
    # Other figures in the house format: the four-year period; SoftBank's 40 % stake.
    assert report.fill_facts("{sg_duration_years} years, {sg_stake_softbank}", usd) == (
        "4 years, 40%"
    )
    with pytest.raises(ValueError, match="not a figure"):
        report.fill_facts("{sg_roles}", usd)


@pytest.mark.parametrize(
    ("table", "row_model", "fields"),
    [
        ("parties", Party, ("commitment_what",)),
        ("payment_flows", PaymentFlow, ("what",)),
        ("musk_check", MuskCheckRow, ("what",)),
        ("label_timeline", LabelStep, ("event",)),
    ],
)
def test_every_amount_in_the_tables_is_a_placeholder(table, row_model, fields, base, jpy):
    rows: tuple[BaseModel, ...] = tables.load_table(table, row_model)
    for row in rows:
        for field in fields:
            text = getattr(row, field)
            shown_usd = report.fill_facts(text, base.display)
            shown_jpy = report.fill_facts(text, jpy.display)
            assert "{" not in shown_usd and "{" not in shown_jpy, text
            assert not DOLLAR_AMOUNT.search(shown_jpy), (table, shown_jpy)


def test_texts_of_the_tables_read_as_before_in_usd(base, jpy):
    flows = report.describe_payment_flows(base).set_index(["payer", "payee"])
    # $300bn over 5 years = $60bn a year (sg_oracle_300bn_per_year_derived).
    assert (
        flows.loc[("OpenAI", "Oracle"), "what"]
        == "computing power over ~5 years from 2027 (~$60bn a year)"
    )
    timeline = report.describe_label_timeline(base)
    assert timeline.loc[1, "event"] == "Equity split reported: 19 + 19 + 7 + 7 = $52bn"
    assert timeline.loc[0, "event"] == "Announced: $500bn over four years, $100bn “immediately”"
    # In yen: 19 × 156 = 2,964 → 3.0兆円; 7 × 156 = 1,092 → 1.1兆円; 52 × 156 = 8,112 → 8.1兆円.
    in_yen = report.describe_label_timeline(jpy)
    assert in_yen.loc[1, "event"] == (
        "Equity split reported: 3.0兆円 + 3.0兆円 + 1.1兆円 + 1.1兆円 = 8.1兆円"
    )
    musk = report.describe_musk_check(base)
    assert musk.loc[0, "what"] == "“SoftBank has well under $10B secured” (an upper bound)"


def test_exposure_in_words(base, jpy):
    table = report.describe_exposure(base).set_index("party")
    assert table.loc["SoftBank", "at_risk"] == (
        "equity in the venture (scenario: $19.0bn) + its completed OpenAI investment"
    )
    assert table.loc["SoftBank", "earns"] == (
        "its share of the venture's profits, if any (40% reported stake)"
    )
    assert (
        table.loc["MGX", "earns"]
        == "its share of the venture's profits, if any (stake not reported)"
    )
    # 15 − (2.3 + 7.1) = 5.6 of JV equity.
    assert table.loc["Crusoe, Blue Owl & Primary Digital", "at_risk"] == (
        "JV equity in Abilene ($15bn JV funding less $9.4bn of loans)"
    )
    assert table.loc["Microsoft", "earns"] == "a 20% share of OpenAI's revenue"
    # Oracle 300 + Azure 250 + AWS 38 + CoreWeave 22.4 = 610.4; AMD 90 + Broadcom 150 = 240
    assert table.loc["OpenAI", "at_risk"] == (
        "equity in the venture (scenario: $19.0bn) + the compute it contracted to buy from "
        "Oracle, Azure, AWS and CoreWeave ($610.4bn); its AMD and Broadcom chip deals ($240.0bn) "
        "are not added, as the chips may be that same capacity"
    )
    # $15bn × 156 = 2.34兆円; $9.4bn × 156 = 1.4664兆円.
    in_yen = report.describe_exposure(jpy).set_index("party")
    assert in_yen.loc["Crusoe, Blue Owl & Primary Digital", "at_risk"] == (
        "JV equity in Abilene (2.3兆円 JV funding less 1.5兆円 of loans)"
    )


def test_summary_paragraph(base, jpy):
    from oracle_loop import evaluate_model_loop

    from stargate.model import funding, programme, venture

    text = report.write_funding_summary(base, funding.summarize_funding(base))
    capex = programme.programme_capex_usd(base)
    # 395.375 at $12.5m, plus the 10 GW's 10,000 / 1.3 MW of IT × ($16.25m − $12.5m) of
    # facility per MW of IT = 28.846 → 424.221.
    assert capex == pytest.approx(424.221e9, rel=1e-4)
    # 52 / 424.221 = 12.3 %; 424.221 × 156 = 66.2兆円; 52 / 100 = 52 %.
    assert "commit $52.0bn (8.1兆円) of equity — 12.3% of the $424.2bn (66.2兆円)" in text
    assert "against the $500.0bn announced" in text
    assert "52% of the first $100.0bn" in text
    # The cash need at its peak, by the plain-Python oracle (one draw at the point values):
    # 424.2 of capex + running costs 37.6 at $12.5m, plus maintenance and staff 4 % a year of
    # the extra facility 2.885bn per GW in service (0.206 + 3.25 + 5.3 + 10.0 = 18.756 GW-years
    # in 2025-2028: +2.16) = 39.8, − 216.7 of rent, 2025-2028 (2025-2026 at market rent: the
    # Oracle contract starts in 2027) = 247.3; × 156 = 38.6兆円.
    inputs = venture.build_model_inputs(base)
    need = float(evaluate_model_loop(inputs, venture.point_draws(base))["venture_need_usd"][0])
    assert need == pytest.approx(247.28e9, rel=1e-3)
    assert "out of pocket by at most $247.3bn (38.6兆円), in 2028" in text
    # Named funders (loans 9.4 + 17.5 + 12.5 + 18 = 57.4; the Abilene JV's 15.0 − 9.4 = 5.6):
    # 63.0 counted; the gap 247.28 − 52 − 63.0 = 132.3; × 156 = 20.6兆円.
    assert "($63.0bn counted)" in text
    assert "**$132.3bn (20.6兆円) as the venture's funding gap**" in text
    assert "no equity or named funder covers" in text
    # Then, only if raised: 1.6786 × (52 + 5.6) − 57.4 = 39.3 of debt; 132.3 − 39.3 = 93.0.
    assert "assumed 1.68 dollars of debt" in text
    assert "raise $39.3bn more and $93.0bn would be left" in text
    # The leverage that closes it: (132.23 + 57.4) / (52 + 5.6) = 3.29.
    assert "would take 3.3 dollars of debt" in text
    in_yen = report.write_funding_summary(jpy, funding.summarize_funding(jpy))
    assert "**20.6兆円 as the venture's funding gap**" in in_yen
    assert not DOLLAR_AMOUNT.search(in_yen.replace(markdown_text(jpy.title), ""))


def test_softbank_verdict(base, jpy):
    from stargate.model import liquidity

    text = report.write_softbank_verdict(liquidity.check_softbank_liquidity(base), base.display)
    # Commitments 19 + 30 = 49 vs cash 24.3: 24.7 more.
    assert "$49.0bn of commitments, $24.7bn more than the cash reported" in text
    assert "did hold more than $10bn between them" in text
    in_yen = report.write_softbank_verdict(liquidity.check_softbank_liquidity(jpy), jpy.display)
    assert not DOLLAR_AMOUNT.search(in_yen)
    assert "did hold more than 1.6兆円 between them" in in_yen


def test_reader_tables_use_the_house_formats(base):
    musk = report.format_musk_check(report.describe_musk_check(base), base.display)
    column = "multiple of Musk's $10bn (×)"
    assert column in musk.columns
    # SoftBank's reported cash: 24.3 / 10 = 2.43 → "2.4×".
    assert musk.loc[1, column] == "2.4×"
    parties = report.format_parties(report.describe_parties(base), base.display)
    assert parties.set_index("party").loc["Arm", "amount (USD)"] == "—"
    softbank = parties.set_index("party").loc["SoftBank"]
    # Two definitions, titled apart: the reported 40 % stake, and SoftBank's $19bn of the
    # partners' 19 + 19 + 7 + 7 = $52bn, 36.5 % (shown "37%").
    assert softbank["reported stake (%)"] == "40%"
    assert softbank["share of equity contributions (%)"] == "37%"
    shares = parties_model.contribution_share_by_party(base)
    assert shares["softbank"] == pytest.approx(19 / 52)
    assert sum(shares.values()) == pytest.approx(1.0)


def test_reader_tables_in_yen_show_no_dollar_amount(jpy):
    from stargate.present import capital_report

    show = jpy.display
    shown = [
        report.format_parties(report.describe_parties(jpy), show),
        capital_report.format_funding_stack(jpy),
        capital_report.format_reconciliation(jpy),
        capital_report.format_cash_need_by_year(jpy),
        capital_report.format_capital_layers(jpy),
        capital_report.format_capital_flows(jpy),
        report.format_capex_split(report.describe_capex_split(jpy), show),
        report.format_payment_flows(report.describe_payment_flows(jpy), show),
        report.format_exposure(report.describe_exposure(jpy), show),
        report.format_musk_check(report.describe_musk_check(jpy), show),
        report.format_label_timeline(report.describe_label_timeline(jpy), show),
    ]
    for table in shown:
        assert "USD" not in table.columns
        # Sources are cited as published (their titles may quote dollars); the rest is ours.
        ours = table.drop(columns=[c for c in ("source",) if c in table.columns])
        text = ours.to_string() + " ".join(map(str, ours.columns))
        assert not DOLLAR_AMOUNT.search(text), text


def test_equity_share_not_capped_when_equity_exceeds_capex():
    """article_case: $52.0bn of equity against a $51.1bn build-out is 52 / 51.1 = 101.7 %.

    The build-out: the article's $47.4bn as costed before the facility fix, plus 700,000 H100s'
    ~0.99 GW of IT load x ($16.25m - $12.5m) per MW of IT (the PUE factor) = $51.1bn.
    """
    from stargate.model import funding, programme
    from stargate.scenario import load_scenario

    article = load_scenario("params/article_case.yaml")
    capex = programme.programme_capex_usd(article)
    assert capex == pytest.approx(47.4e9 + 0.99e3 * 3.75e6, rel=3e-3)
    text = report.write_funding_summary(article, funding.summarize_funding(article))
    assert "commit $52.0bn" in text
    assert "100.0% of the" not in text
    assert f"{52.0e9 / capex:.1%} of the $51.1bn" in text


def test_stakes_against_contributions(base):
    text = report.build_stakes_and_roles(base)
    # Reported stakes 40 % + 40 % = 80 %; equity (19 + 19) / (19 + 19 + 7 + 7) = 38 / 52 = 73.1 %
    assert "reported to own 80% of the venture for 73% of the partners' equity" in " ".join(
        text.split()
    )
    assert "The exposure table below uses the reported stakes." in " ".join(text.split())
    assert text.index("Stakes:") < text.index("80%") < text.index("## Who does what")
    # A lead partner withdrawn: nothing to set side by side, the note is left out
    withdrawn = make(funding={"withdrawn_parties": ["openai"]})
    assert "of the partners' equity" not in report.build_stakes_and_roles(withdrawn)
