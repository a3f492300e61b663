"""Tests of the parties model (equity, stakes, roles): figures worked out by hand."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from stargate import facts
from stargate.model import parties
from stargate.scenario import ScenarioError, from_parameters
from stargate.schema.funding import EQUITY_PARTIES, Funding

BN = 1e9


def make(**groups):
    """A scenario from parameter groups merged onto base (as papermill injects them)."""
    return from_parameters(groups)


@pytest.fixture(scope="module")
def base():
    return make()


def test_base_equity_is_the_reported_split(base):
    # The Information (Jan 2025): SoftBank 19, OpenAI 19, Oracle ~7, MGX ~7 ($bn).
    assert parties.equity_usd_by_party(base) == {
        "softbank": 19 * BN,
        "openai": 19 * BN,
        "oracle": 7 * BN,
        "mgx": 7 * BN,
    }
    # 19 + 19 + 7 + 7 = 52, the register's derived total.
    assert parties.total_equity_usd(base) == 52 * BN
    assert parties.total_equity_usd(base) == facts.value("sg_eq_total_derived")


def test_stakes_reported_and_at_most_100_percent(base):
    stakes = parties.stake_by_party(base)
    assert stakes == {"softbank": 0.4, "openai": 0.4, "oracle": None, "mgx": None}
    with pytest.raises(ValidationError, match="stakes add up to more than 100 %"):
        Funding(softbank_stake_fraction=0.5, openai_stake_fraction=0.4, mgx_stake_fraction=0.2)
    # Exactly 100 % is allowed: 0.4 + 0.4 + 0.1 + 0.1.
    ok = Funding(oracle_stake_fraction=0.1, mgx_stake_fraction=0.1)
    assert sum(ok.stake_fraction(p) for p in EQUITY_PARTIES) == pytest.approx(1.0)


def test_stake_over_100_percent_is_one_line_in_a_scenario():
    with pytest.raises(ScenarioError) as err:
        make(funding={"softbank_stake_fraction": 0.9})
    assert len(err.value.problems) == 1
    assert "funding" in err.value.problems[0]
    assert "more than 100 %" in err.value.problems[0]


@pytest.mark.parametrize(
    "bad",
    [
        {"mgx_equity_usd": -1.0},
        {"withdrawn_parties": ["mgx", "mgx"]},
        {"withdrawn_parties": ["nvidia"]},
        {"withdrawn_parties": ["softbank", "openai", "oracle", "mgx", "mgx"]},
        {"max_debt_to_equity_ratio": -0.5},
        {"oracle_stake_fraction": 1.5},
    ],
)
def test_bad_funding_is_rejected(bad):
    with pytest.raises(ValidationError):
        Funding(**bad)


def test_a_scenario_needs_some_equity():
    with pytest.raises(ValidationError, match="no equity left"):
        Funding(withdrawn_parties=["softbank", "openai", "oracle", "mgx"])
    with pytest.raises(ValidationError, match="no equity left"):
        Funding(withdrawn_parties=["softbank", "openai"], oracle_equity_usd=0.0, mgx_equity_usd=0.0)


def test_every_party_figure_has_source_and_confidence(base):
    table = parties.build_parties_table(base)
    assert table["source"].str.len().min() > 0
    assert set(table["confidence"]) <= {"H", "M-H", "M", "L-M", "L"}
    # NVIDIA's figure is the letter of intent, and says so.
    nvidia = table.set_index("party").loc["NVIDIA"]
    assert nvidia["commitment_usd"] == 100 * BN
    assert "letter of intent" in nvidia["commitment_what"]
    assert nvidia["commitment_kind"] == "letter of intent"


def test_a_scenario_figure_names_the_scenario_not_the_fact():
    s = make(funding={"softbank_equity_usd": 10 * BN})
    row = parties.build_parties_table(s).set_index("party").loc["SoftBank"]
    assert row["commitment_usd"] == 10 * BN
    assert row["confidence"] == "scenario"
    assert row["source"].startswith(f"this scenario ({s.title})")
    assert "sg_eq_softbank" not in row["source"]  # a reader sees words, not a fact id


def test_roles_matrix():
    matrix = parties.build_roles_matrix()
    assert matrix.any(axis=1).all(), "every party holds a role"
    funders = sorted(matrix.index[matrix["Equity funder"]])
    assert funders == ["MGX", "OpenAI", "Oracle", "SoftBank"]
    assert matrix.loc["SoftBank", "Financial responsibility (chair)"]
    assert matrix.loc["OpenAI", "Operational responsibility"]
    tech = set(matrix.index[matrix["Technology partner"]])
    assert tech == {"Arm", "Microsoft", "NVIDIA", "Oracle", "OpenAI"}  # as announced
    evidence = parties.list_role_evidence()
    assert len(evidence) == int(matrix.to_numpy().sum())


def test_only_facts_whose_value_is_used_are_recorded():
    facts.reset_used()
    parties.build_parties_table(make(funding={"softbank_equity_usd": 10 * BN}))
    used = facts.used()
    assert "sg_eq_softbank" not in used  # the scenario's $10bn replaced it
    assert {"sg_eq_openai", "sg_eq_oracle", "sg_eq_mgx", "sg_stake_softbank"} <= set(used)
