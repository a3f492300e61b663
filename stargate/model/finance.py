"""Finance maths, written once: hours in a year, capital recovery, annuities, NPV and IRR.

Every model module takes these from here. Rates are fractions per year (0.10 = 10 %), years may
be fractional, and every function broadcasts over NumPy arrays (scalars in, a float out).
Cash flows are at each year's end unless a docstring says otherwise. NPV and IRR come from
numpy-financial (the well-kept port of the spreadsheet functions), not hand-written loops.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy_financial as npf
from numpy.typing import ArrayLike

#: Hours in a (non-leap) year: what a GPU can run in a year at 100 % utilisation.
HOURS_PER_YEAR = 8_760


def _float_or_array(x: np.ndarray) -> Any:
    return float(x) if x.ndim == 0 else x


def capital_recovery_factor(rate: ArrayLike, years: ArrayLike) -> Any:
    """Share of a capital sum to pay each year to repay it, with interest, over ``years``.

    CRF(r, n) = r (1 + r)^n / ((1 + r)^n − 1), and 1 / n at r = 0: the annuity that repays one
    dollar borrowed at rate ``r`` over ``n`` years (Short, Packey & Holt, *A Manual for the
    Economic Evaluation of Energy Efficiency and Renewable Energy Technologies*, NREL/TP-462-5173,
    1995, eq. 4-4). Equals ``-numpy_financial.pmt(r, n, 1)`` and ``1 / annuity_factor(r, n)``.

    Args:
        rate: cost of capital per year (fraction; 0.10 = 10 %), scalar or array, > -1.
        years: economic life in years (> 0), scalar or array (broadcast against ``rate``).

    Returns:
        The factor per year (a float for scalar inputs, else an array).

    Raises:
        ValueError: a life that is not positive, or a rate at or below -100 %.
    """
    r = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    if np.any(n <= 0):
        raise ValueError("years must be positive")
    if np.any(r <= -1):
        raise ValueError("rate must be above -1 (-100 %)")
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = (1.0 + r) ** n
        crf = np.where(r == 0, 1.0 / n, r * growth / (growth - 1.0))
    return _float_or_array(crf)


def annuity_factor(rate: ArrayLike, years: ArrayLike) -> Any:
    """Present value of 1 a year for ``years`` years, paid at each year's end.

    (1 − (1 + r)^−n) / r, and n at r = 0 (standard level-annuity formula; the reciprocal of
    :func:`capital_recovery_factor`). Works for fractional ``years``.
    """
    r = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(r == 0, n, (1.0 - (1.0 + r) ** -n) / np.where(r == 0, 1.0, r))
    return _float_or_array(out)


def growing_annuity_factor(rate: ArrayLike, growth: ArrayLike, years: ArrayLike) -> Any:
    """Present value of a payment of 1 at the end of year 1 that grows by ``growth`` a year.

    Σ_{k=1..n} (1+g)^(k−1) / (1+r)^k = (1 − ((1+g)/(1+r))^n) / (r − g), and n / (1+r) when
    r = g (standard growing-annuity formula).
    """
    r = np.asarray(rate, dtype=float)
    g = np.asarray(growth, dtype=float)
    n = np.asarray(years, dtype=float)
    diff = r - g
    same = np.abs(diff) < 1e-12
    ratio = (1.0 + g) / (1.0 + r)
    out = np.where(same, n / (1.0 + r), (1.0 - ratio**n) / np.where(same, 1.0, diff))
    return _float_or_array(out)


def discount_factors(rate: float, years: ArrayLike) -> Any:
    """1 / (1 + r)^t for each ``t`` in ``years`` (years after the valuation date)."""
    return _float_or_array((1.0 + float(rate)) ** -np.asarray(years, dtype=float))


def npv(rate: float, flows: ArrayLike) -> float:
    """Net present value of yearly ``flows``, the first one at t = 0 (numpy-financial).

    Note the spreadsheet NPV() discounts its first flow a year; ``numpy_financial.npv`` does not.
    """
    return float(npf.npv(float(rate), np.asarray(flows, dtype=float)))


def irr(flows: ArrayLike) -> float | None:
    """Internal rate of return of yearly ``flows`` (numpy-financial); None when there is none.

    None when the flows never change sign or the solver finds no finite rate.
    """
    result = npf.irr(np.asarray(flows, dtype=float))
    return None if result is None or not np.isfinite(result) else float(result)
