"""Money: amounts are nominal USD internally; JPY appears only at display time.

Formats follow the conventions of each language's financial press: ``$17.2bn``, ``$350m``,
``$2.80`` in English; ``2.7兆円``, ``1,560億円``, ``437円`` in Japanese.
"""

from __future__ import annotations

import math
from typing import Protocol


class DisplaySettings(Protocol):
    """Anything with a display currency and a JPY/USD rate (e.g. the scenario's ``display``)."""

    currency: str
    jpy_per_usd: float


_TRILLION = 1e12
_BILLION = 1e9
_MILLION = 1e6
_CHO = 1e12  # 兆 = 10^12
_OKU = 1e8  # 億 = 10^8
_MAN = 1e4  # 万 = 10^4


def usd_to_jpy(amount_usd: float, jpy_per_usd: float) -> float:
    """Convert nominal USD to JPY at ``jpy_per_usd`` (JPY per 1 USD)."""
    return amount_usd * jpy_per_usd


def _check(amount: float) -> None:
    if not math.isfinite(amount):
        raise ValueError(f"cannot format a non-finite amount ({amount})")


def _trim(number: float, digits: int) -> str:
    """Format with thousands separators and ``digits`` decimals."""
    return f"{number:,.{digits}f}"


def format_usd(amount_usd: float, digits: int | None = None) -> str:
    """Format a USD amount the way the financial press does.

    Args:
        amount_usd: amount in USD (may be negative).
        digits: decimals to show; default 1 for millions and above, 2 below 1,000.

    Returns:
        e.g. ``$17.2bn``, ``$1.4tn``, ``$350.0m``, ``$53,571``, ``$2.80``, ``-$5.0bn``.
    """
    _check(amount_usd)
    sign = "-" if amount_usd < 0 else ""
    a = abs(amount_usd)
    d = 1 if digits is None else digits
    for scale, suffix in ((_TRILLION, "tn"), (_BILLION, "bn"), (_MILLION, "m")):
        # $999.9m stays in millions; $999.96m would round to "$1,000.0m", so it shows as $1.0bn
        if a >= scale or round(a / (scale / 1000), d) >= 1000:
            return f"{sign}${_trim(a / scale, d)}{suffix}"
    if a >= 1000:
        d = 0 if digits is None else digits
        return f"{sign}${_trim(a, d)}"
    d = 2 if digits is None else digits
    return f"{sign}${_trim(a, d)}"


def format_jpy(amount_jpy: float, digits: int | None = None) -> str:
    """Format a JPY amount with 兆 / 億 / 万 units.

    Args:
        amount_jpy: amount in JPY (may be negative).
        digits: decimals for 兆円 (default 1); 億円 and 万円 are shown as whole numbers.

    Returns:
        e.g. ``78.0兆円``, ``2.7兆円``, ``1,560億円``, ``437万円``, ``437円``.
    """
    _check(amount_jpy)
    sign = "-" if amount_jpy < 0 else ""
    a = abs(amount_jpy)
    if a >= _CHO or round(a / _OKU) >= 10_000:
        d = 1 if digits is None else digits
        return f"{sign}{_trim(a / _CHO, d)}兆円"
    if a >= _OKU:
        return f"{sign}{_trim(a / _OKU, 0 if digits is None else digits)}億円"
    if a >= _MAN:
        return f"{sign}{_trim(a / _MAN, 0 if digits is None else digits)}万円"
    return f"{sign}{_trim(a, 0 if digits is None else digits)}円"


def format_money(amount_usd: float, display: DisplaySettings, digits: int | None = None) -> str:
    """Format a USD amount in the display currency (USD, or JPY at ``display.jpy_per_usd``)."""
    if display.currency == "JPY":
        return format_jpy(usd_to_jpy(amount_usd, display.jpy_per_usd), digits)
    return format_usd(amount_usd, digits)


def format_both(amount_usd: float, jpy_per_usd: float) -> str:
    """Format as ``$500.0bn (78.0兆円)`` — USD with its JPY equivalent."""
    return f"{format_usd(amount_usd)} ({format_jpy(usd_to_jpy(amount_usd, jpy_per_usd))})"
