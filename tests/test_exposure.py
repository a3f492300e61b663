"""Tests of the capex dollar, payment flows and exposure: expected figures worked out by hand."""

from __future__ import annotations

import pytest

from stargate.model import costs, exposure
from stargate.scenario import from_parameters

BN = 1e9
# Abilene's financing: loans 2.3 + 7.1 = 9.4 ($bn) in a JV of 3.4 + 11.6 = 15 → equity 5.6.
ABILENE_RATIO = 9.4 / 5.6  # = 1.678571…


def make(**groups):
    """A scenario from parameter groups merged onto base (as papermill injects them)."""
    return from_parameters(groups)


@pytest.fixture(scope="module")
def base():
    return make()


def test_capex_dollar_split_matches_the_cost_model(base):
    split = exposure.split_capex_dollar(base).set_index("recipient")
    assert split["share_of_capex"].sum() == pytest.approx(1.0)
    parts = costs.capex_breakdown_usd(base)
    assert split.loc["Builders & power plant", "share_of_capex"] == pytest.approx(
        parts["facility"] / sum(parts.values())
    )
    assert split.loc["NVIDIA", "share_of_capex"] == pytest.approx(costs.nvidia_share_of_capex(base))
    assert split["programme_usd"].sum() == pytest.approx(500 * BN)


def test_payment_flows(base):
    flows = exposure.list_payment_flows().set_index("payer")
    assert flows.loc["SoftBank, OpenAI, Oracle, MGX", "amount_usd"] == 52 * BN
    assert flows.loc["JPMorgan", "amount_usd"] == pytest.approx(9.4 * BN)  # 2.3 + 7.1
    assert (flows["source"].str.len() > 0).all()


def test_exposure(base):
    table = exposure.compute_exposure(base).set_index("party")
    # SoftBank: 19 of Stargate equity + 41 into OpenAI = 60.
    assert table.loc["SoftBank", "at_risk_usd"] == pytest.approx(60 * BN)
    assert table.loc["NVIDIA", "earns_usd"] == pytest.approx(
        costs.nvidia_share_of_capex(base) * costs.total_capex_usd(base)
    )
    # OpenAI: 19 of Stargate equity + its contracts for compute capacity, Oracle 300 + Azure 250
    # + AWS 38 + CoreWeave 22.4 = 610.4 (was 19 + Oracle's 300 alone = 319); the chip deals
    # (AMD 90, Broadcom 150) are not added: the chips may be that same capacity.
    assert table.loc["OpenAI", "at_risk_usd"] == pytest.approx((19 + 300 + 250 + 38 + 22.4) * BN)
    assert (
        table.loc["OpenAI", "fact_ids"] == "sg_oracle_300bn, azure_250bn, aws_38bn, coreweave_total"
    )
    # Crusoe JV equity: 15 − 2.3 − 7.1 = 5.6.
    assert table.loc["Crusoe, Blue Owl & Primary Digital", "at_risk_usd"] == pytest.approx(5.6 * BN)
    # The venture's own (unnamed) lenders: Abilene's leverage on the partners' 52 and the
    # Abilene JV's 1,200 / 1.3 × 16.25m − 9.4 = 15.0 − 9.4 = 5.6 counted, less the named loans
    # 9.4 + 17.5 (1,400 / 1.3 × 16.25m) + 12.5 (1,000 / 1.3 × 16.25m) + 18 = 57.4 it already
    # counts: 1.6786 × 57.6 − 57.4 = 39.29.
    named_loans = 9.4 * BN + 1400 / 1.3 * 16.25e6 + 1000 / 1.3 * 16.25e6 + 18 * BN
    owners = 1200 / 1.3 * 16.25e6 - 9.4 * BN
    assert table.loc["Lenders to the venture (modelled)", "at_risk_usd"] == pytest.approx(
        ABILENE_RATIO * (52 * BN + owners) - named_loans, rel=1e-5
    )


def test_openai_contracts_are_the_obligations_schedule_total(base):
    from stargate.model import obligations

    contracts, _ids = exposure.openai_compute_contracts_usd(base)
    # One quantity, one value: the exposure table's contracts are the schedule's capacity total
    assert contracts == pytest.approx(obligations.summarize_obligations(base)["total_usd"])
    half = make(openai={"commitments_honoured_share": 0.5})
    assert exposure.openai_compute_contracts_usd(half)[0] == pytest.approx(0.5 * 610.4 * BN)
