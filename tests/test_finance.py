"""stargate.model.finance: capital recovery, annuities, NPV, IRR (numpy-financial, by hand)."""

import numpy as np
import numpy_financial as npf
import pytest

from stargate.model import finance

# --------------------------------------------------------------------------- CRF


def test_crf_matches_numpy_financial_on_a_grid():
    rates = np.array([0.0001, 0.03, 0.05, 0.08, 0.10, 0.15, 0.30])
    years = np.array([1, 2, 3, 5, 5.5, 6, 7, 15, 30])
    crf = finance.capital_recovery_factor(rates[:, None], years[None, :])
    # Independent method: the annuity payment on $1 (numpy-financial), sign flipped.
    expected = -npf.pmt(rates[:, None], years[None, :], 1.0)
    np.testing.assert_allclose(crf, expected, rtol=1e-12)


def test_crf_by_hand():
    # 1.1^5 = 1.61051; 0.1 × 1.61051 / 0.61051 = 0.2637975
    assert finance.capital_recovery_factor(0.10, 5) == pytest.approx(0.2637975, abs=1e-7)
    # 1.08^15 = 3.172169; 0.08 × 3.172169 / 2.172169 = 0.1168295
    assert finance.capital_recovery_factor(0.08, 15) == pytest.approx(0.1168295, abs=1e-7)
    # At a zero rate the annuity is straight-line: 1 / n.
    assert finance.capital_recovery_factor(0.0, 4) == pytest.approx(0.25)
    assert isinstance(finance.capital_recovery_factor(0.1, 5), float)


def test_crf_zero_rate_inside_an_array():
    out = finance.capital_recovery_factor(np.array([0.0, 0.1]), 5)
    np.testing.assert_allclose(out, [0.2, 0.2637975], atol=1e-7)


@pytest.mark.parametrize(("rate", "years"), [(0.1, 0), (0.1, -3), (-1.0, 5)])
def test_crf_rejects_impossible_inputs(rate, years):
    with pytest.raises(ValueError):
        finance.capital_recovery_factor(rate, years)


def test_crf_exceeds_straight_line_and_falls_with_life():
    years = np.arange(1, 31)
    crf = finance.capital_recovery_factor(0.07, years)
    assert np.all(crf > 1 / years)
    assert np.all(np.diff(crf) < 0)


def test_annuity_factors_against_numpy_financial() -> None:
    # PV of 1 a year for 5 years at 10 %: -npf.pv(0.1, 5, 1) = 3.7908.
    assert finance.annuity_factor(0.1, 5) == pytest.approx(-npf.pv(0.1, 5, 1))
    # Growing annuity: explicit sum of (1+g)^(k-1) / (1+r)^k.
    explicit = sum(0.95 ** (k - 1) / 1.1**k for k in range(1, 6))
    assert finance.growing_annuity_factor(0.1, -0.05, 5) == pytest.approx(explicit)
    assert finance.growing_annuity_factor(0.1, 0.1, 5) == pytest.approx(5 / 1.1)


def test_annuity_is_the_reciprocal_of_capital_recovery():
    rates = np.array([0.0, 0.02, 0.07, 0.12])
    years = np.array([3.0, 4.5, 15.0, 30.0])
    product = finance.annuity_factor(rates[:, None], years[None, :]) * (
        finance.capital_recovery_factor(rates[:, None], years[None, :])
    )
    np.testing.assert_allclose(product, 1.0, rtol=1e-12)
    assert finance.annuity_factor(0.0, 4) == pytest.approx(4.0)


def test_npv_and_irr_by_hand():
    # -100 now, 60 and 60.5 later: at 10 % the PV of the inflows is 54.545 + 50 = 104.545.
    assert finance.npv(0.10, [-100, 60, 60.5]) == pytest.approx(4.5454545, abs=1e-6)
    # -100 then 110 a year later: IRR exactly 10 %.
    assert finance.irr([-100, 110]) == pytest.approx(0.10)
    assert finance.irr([100, 10, 10]) is None  # never changes sign: no rate


def test_discount_factors_by_hand():
    np.testing.assert_allclose(finance.discount_factors(0.10, [0, 1, 2]), [1, 1 / 1.1, 1 / 1.21])
    assert finance.HOURS_PER_YEAR == 365 * 24
