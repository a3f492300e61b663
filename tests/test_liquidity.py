"""Tests of Musk's claim and SoftBank's liquidity against the register, by hand."""

from __future__ import annotations

import pytest

from stargate.model import liquidity
from stargate.scenario import from_parameters

BN = 1e9


def make(**groups):
    """A scenario from parameter groups merged onto base (as papermill injects them)."""
    return from_parameters(groups)


@pytest.fixture(scope="module")
def base():
    return make()


def test_musk_check(base):
    table = liquidity.check_musk_claim()
    assert table.iloc[0]["who"] == "Elon Musk" and table.iloc[0]["kind"] == "claim"
    assert set(table["kind"]) == {"claim", "reported liquidity", "commitment", "later financing"}
    cash = table[(table["who"] == "SoftBank") & (table["kind"] == "reported liquidity")]
    assert cash["vs_musk_10bn"].item() == pytest.approx(2.43)  # 24.3 / 10
    liq = liquidity.check_softbank_liquidity(base)
    # Commitments 19 + 30 = 49 vs cash 24.3 → short by 24.7; raised 5.83 + 9.17 + 8.5 = 23.5.
    assert liq["commitments_usd"] == pytest.approx(49 * BN)
    assert liq["shortfall_usd"] == pytest.approx(24.7 * BN)
    assert liq["raised_usd"] == pytest.approx(23.5 * BN)
