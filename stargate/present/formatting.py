"""The one formatter: money, shares, numbers, missing values and tables, for every page.

Amounts are nominal USD internally; JPY appears only here, at display time, through the
scenario's display settings (``display.currency``, ``display.jpy_per_usd``). Formats follow the
conventions of each language's financial press: ``$17.2bn``, ``$350m``, ``$2.80`` in English;
``2.7兆円``, ``1,560億円``, ``437円`` in Japanese. House conventions, for every table, chart,
headline and sentence:

- a missing value is :data:`MISSING` (``—``), never ``NaN``, ``None`` or an empty cell;
- a share is ``40%`` (``4.5%`` below 10 %), never ``-0%``; a signed change is ``+5%``; a share
  that is neither all nor none (a probability short of certainty) never reads ``100%`` or
  ``0%``: ``> 99%``, ``< 0.1%``;
- a ratio is ``8.6×``; other numbers have thousands separators and about four significant
  digits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol


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
    if abs(amount_usd) < 0.005:  # nothing, not "$0.00" in a column of billions (nor "-$0.00")
        return "$0"
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


def _small_digits(units: float, digits: int | None) -> int:
    """Decimals for an amount in 億 or 万: one below 10 (after rounding), else none."""
    if digits is not None:
        return digits
    return 1 if round(units, 1) < 10 else 0


def format_jpy(amount_jpy: float, digits: int | None = None) -> str:
    """Format a JPY amount with 兆 / 億 / 万 units.

    Args:
        amount_jpy: amount in JPY (may be negative).
        digits: decimals for 兆円 (default 1); 億円 and 万円 are whole numbers from 10 up and
            carry one decimal below 10 (``2.5億円``, not ``2億円``: at least two significant
            figures, as the press writes them).

    Returns:
        e.g. ``78.0兆円``, ``2.7兆円``, ``1,560億円``, ``2.5億円``, ``437万円``, ``1.4万円``,
        ``437円``.
    """
    _check(amount_jpy)
    if abs(amount_jpy) < 0.5:
        return "0円"
    sign = "-" if amount_jpy < 0 else ""
    a = abs(amount_jpy)
    if a >= _CHO or round(a / _OKU) >= 10_000:
        d = 1 if digits is None else digits
        return f"{sign}{_trim(a / _CHO, d)}兆円"
    if a >= _OKU:
        return f"{sign}{_trim(a / _OKU, _small_digits(a / _OKU, digits))}億円"
    if a >= _MAN:
        return f"{sign}{_trim(a / _MAN, _small_digits(a / _MAN, digits))}万円"
    return f"{sign}{_trim(a, 0 if digits is None else digits)}円"


def format_money(amount_usd: float, display: DisplaySettings, digits: int | None = None) -> str:
    """Format a USD amount in the display currency (USD, or JPY at ``display.jpy_per_usd``)."""
    if display.currency == "JPY":
        return format_jpy(usd_to_jpy(amount_usd, display.jpy_per_usd), digits)
    return format_usd(amount_usd, digits)


def format_both(amount_usd: float, jpy_per_usd: float) -> str:
    """Format as ``$500.0bn (78.0兆円)`` — USD with its JPY equivalent."""
    return f"{format_usd(amount_usd)} ({format_jpy(usd_to_jpy(amount_usd, jpy_per_usd))})"


# --------------------------------------------------------------------------- shares, numbers

#: What a reader sees where there is no value.
MISSING = "—"


def is_missing(value: Any) -> bool:
    """True for None, NaN, ±inf and pandas' missing markers."""
    if value is None:
        return True
    try:
        return not math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def format_share(fraction: Any, digits: int | None = None, signed: bool = False) -> str:
    """A fraction as a percentage: ``0.4`` → ``40%``, ``0.045`` → ``4.5%``, ``-0.001`` → ``0%``.

    Between 0 and 1 (exclusive, unsigned), a value that would round to ``100%`` or ``0%`` shows
    as ``> 99%`` (``> 99.9%`` with one decimal) or ``< 0.1%`` (``< 1%`` with none): a Monte
    Carlo probability of 0.9996 was not certain, and must not read as if it were.

    Args:
        fraction: 0.4 for 40 % (may be negative or above 1); missing → :data:`MISSING`.
        digits: decimals; default 1 below 10 % (in absolute value), else 0.
        signed: show a ``+`` on positive values (for changes: ``+5%``).
    """
    if is_missing(fraction):
        return MISSING
    pct = float(fraction) * 100.0
    d = (1 if abs(pct) < 9.95 else 0) if digits is None else digits
    # Halves round away from zero, as readers expect (12.5 % → 13%), not to even.
    rounded = float(Decimal(repr(pct)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP))
    if not signed and 0.0 < float(fraction) < 1.0 and not _is_whole(float(fraction)):
        # Not all and not none: a share that is neither never reads as 100% or 0%.
        if rounded >= 100.0:
            return f"> {100 - 10.0**-d:.{d}f}%"
        if rounded == 0:
            return f"< {10.0**-d:.{d}f}%"
    if rounded == 0:  # no "-0%" / "+0%"
        return f"{0:.{d}f}%"
    return f"{rounded:{'+' if signed else ''},.{d}f}%"


def _japanese() -> bool:
    """True while a Japanese page is written (:func:`stargate.present.i18n.current_language`)."""
    from stargate.present.i18n import current_language  # i18n imports this module

    return current_language() == "ja"


_WHOLE_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)")


def japanese_units(text: str) -> str:
    """A whole number as the Japanese press writes it, in 万 / 億 / 兆 groups.

    ``"700,000"`` → ``70万``, ``"160,000,000"`` → ``1億6000万``, ``"2,705,279"`` →
    ``270万5279``; below 10,000, or anything but a whole number, unchanged.
    """
    if not _WHOLE_NUMBER.fullmatch(text):
        return text
    number = int(text.replace(",", ""))
    sign, n = ("-" if number < 0 else ""), abs(number)
    if n < 10_000:
        return text
    groups = ((n // 10**12, "兆"), (n // 10**8 % 10_000, "億"), (n // 10**4 % 10_000, "万"))
    shown = "".join(f"{count}{unit}" for count, unit in groups if count)
    return sign + shown + (str(n % 10_000) if n % 10_000 else "")


def _is_whole(fraction: float) -> bool:
    """True for 0 or 1 up to floating-point noise (a sum of shares that is all of it)."""
    return abs(fraction) < 1e-12 or abs(fraction - 1.0) < 1e-12


def format_number(value: Any, digits: int = 4) -> str:
    """A plain number with thousands separators and about ``digits`` significant digits.

    On a Japanese page a whole number from 10,000 up is written in 万 / 億 groups
    (:func:`japanese_units`: ``70万``, ``1億6000万``).
    """
    if is_missing(value):
        return MISSING
    x = float(value)
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) >= 1:
        return japanese_units(f"{x:,.0f}") if _japanese() else f"{x:,.0f}"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(digits - 1 - magnitude, 0)
    text = f"{x:,.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return japanese_units(text) if _japanese() else text


#: Units of a multiple: shown as ``1.7×``, never ``1.7 ratio`` (prose says ``2.2 times as fast``).
RATIO_UNITS = frozenset({"×", "x", "ratio"})
#: Count units a reader reads in the plural after any number but one (``700,000 GPUs``).
PLURAL_UNITS = {"GPU": "GPUs", "year": "years", "site": "sites"}


def format_ratio(value: Any, digits: int = 1) -> str:
    """A multiple: ``8.63`` → ``8.6×`` (on a Japanese page ``8.6倍``)."""
    if is_missing(value):
        return MISSING
    return f"{float(value):,.{digits}f}" + ("倍" if _japanese() else "×")


def is_money_unit(unit: str) -> bool:
    """True for units that are amounts of money in USD (``"USD"``, ``"USD/GPU-hour"``…)."""
    return unit == "USD" or unit.startswith("USD/") or unit.startswith("USD ")


def format_value(
    value: Any, unit: str, display: DisplaySettings | None = None, fmt: str | None = None
) -> str:
    """Format one value of any unit for a table, tooltip, headline or sentence.

    Args:
        value: the value in ``unit`` (money: nominal USD); missing → :data:`MISSING`.
        unit: ``"USD…"`` (money, in the display currency, the rest of the unit appended),
            ``"fraction"`` / ``"share"`` (a percentage), ``"count"`` / ``""`` (a number) or any
            other unit (appended after the number).
        display: display settings (None: USD).
        fmt: a Python format spec for the number instead of the house format.

    Returns:
        e.g. ``"$17.2bn"``, ``"2.7兆円"``, ``"$2.80/GPU-hour"``, ``"12%"``, ``"1.7×"`` (any of
        :data:`RATIO_UNITS`), ``"700,000 GPUs"`` (unit ``"GPU"``, see :data:`PLURAL_UNITS`).
    """
    if is_missing(value):
        return MISSING
    if is_money_unit(unit) and fmt is None:
        shown = format_money(float(value), display) if display else format_usd(float(value))
        return shown + unit[3:]
    if unit in ("fraction", "share"):
        return format(float(value), fmt) if fmt else format_share(value)
    if unit in RATIO_UNITS:
        return format(float(value), fmt) + "×" if fmt else format_ratio(value)
    if unit == "year" and fmt is None and float(value) == int(value):
        return str(int(value))  # a calendar year ("years" is a duration): 2027, never 2,027 year
    text = format(value, fmt) if fmt else format_number(value)
    if unit in PLURAL_UNITS and float(value) != 1:
        unit = PLURAL_UNITS[unit]
    return f"{text} {unit}" if unit and unit not in ("%", "count", "number", "") else text


def format_table(
    table: Any,
    display: DisplaySettings | None = None,
    *,
    money: Sequence[str] = (),
    usd: Sequence[str] = (),
    jpy: Sequence[str] = (),
    shares: Sequence[str] = (),
    ratios: Sequence[str] = (),
    numbers: Mapping[str, str | None] | Sequence[str] = (),
    rename: Mapping[str, str] | None = None,
) -> Any:
    """A copy of a DataFrame for readers, every figure in the house format.

    Args:
        table: a pandas DataFrame (amounts in nominal USD, or JPY for ``jpy`` columns).
        display: display settings for ``money`` columns (None: USD).
        money: USD columns shown in the display currency.
        usd: USD columns always shown in USD (e.g. next to a JPY column).
        jpy: columns already in JPY, shown with 兆円 / 億円.
        shares: fractions, shown as percentages (:func:`format_share`).
        ratios: multiples, shown as ``8.6×``.
        numbers: other numeric columns: names (house format) or name → format spec.
        rename: column titles for readers.

    Returns:
        A DataFrame of strings, missing values shown as :data:`MISSING`, columns renamed.
    """
    out = table.copy()

    def apply(cols: Sequence[str], fn: Callable[[Any], str]) -> None:
        for col in cols:
            out[col] = [MISSING if is_missing(v) else fn(v) for v in out[col].tolist()]

    apply(money, lambda x: format_money(float(x), display) if display else format_usd(float(x)))
    apply(usd, lambda x: format_usd(float(x)))
    apply(jpy, lambda x: format_jpy(float(x)))
    apply(shares, format_share)
    apply(ratios, format_ratio)
    specs = numbers.items() if isinstance(numbers, Mapping) else ((n, None) for n in numbers)
    for col, spec in specs:
        apply([col], (lambda x, s=spec: format(float(x), s)) if spec else format_number)
    return out.rename(columns=dict(rename or {}))


def money_note(currency: str | None, jpy_per_usd: float | None = None) -> str:
    """The line under a page title that says what its amounts are in."""
    if currency == "JPY":
        return (
            f"Amounts in nominal JPY at {jpy_per_usd:g} JPY/USD"
            if jpy_per_usd
            else ("Amounts in nominal JPY")
        )
    return "Amounts in nominal USD" if currency == "USD" else ""


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def markdown_text(text: str) -> str:
    """Scenario text (a title, a description) made literal inside Markdown narrative.

    A scenario file is the user's: its text must read as text, never as Markdown or HTML — an
    image written ``![x](https://…)`` in a title would otherwise become a picture the page
    fetches, a bare URL a link. Every Markdown special character (``:`` too, which stops
    autolinks; ``&``, which stops entities) is backslash-escaped; line breaks become spaces.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
