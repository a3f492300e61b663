"""Money formatting and conversion, checked against hand-written expectations."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from stargate.present.formatting import (
    format_both,
    format_jpy,
    format_money,
    format_usd,
    usd_to_jpy,
)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (17.2e9, "$17.2bn"),
        (500e9, "$500.0bn"),
        (1.4e12, "$1.4tn"),
        (350e6, "$350.0m"),
        (53_571.43, "$53,571"),
        (2.8, "$2.80"),
        (-5e9, "-$5.0bn"),
        (999.9e6, "$999.9m"),
        (0, "$0"),
    ],
)
def test_format_usd(amount: float, text: str) -> None:
    assert format_usd(amount) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (78e12, "78.0兆円"),  # $500bn x 156
        (2.7e12, "2.7兆円"),
        (1560e8, "1,560億円"),  # $1bn x 156 = 1,560億円
        (437e4, "437万円"),
        (437, "437円"),
        (-2.964e12, "-3.0兆円"),
    ],
)
def test_format_jpy(amount: float, text: str) -> None:
    assert format_jpy(amount) == text


def test_conversion_at_the_article_rate() -> None:
    # 78兆円 / $500bn = 156 JPY per USD; $19bn x 156 = 2.964兆円
    assert usd_to_jpy(500e9, 156) == 78e12
    assert format_jpy(usd_to_jpy(19e9, 156), digits=3) == "2.964兆円"
    assert format_both(100e9, 156) == "$100.0bn (15.6兆円)"


def test_format_money_follows_display() -> None:
    assert format_money(500e9, SimpleNamespace(currency="USD", jpy_per_usd=156)) == "$500.0bn"
    assert format_money(500e9, SimpleNamespace(currency="JPY", jpy_per_usd=156)) == "78.0兆円"
    with pytest.raises(ValueError):
        format_usd(float("nan"))


def test_nothing_is_zero_without_decimals_or_sign():
    # A zero in a column of billions reads "$0", never "$0.00" or "-$0.00"; float noise too.
    assert format_usd(0.0) == "$0"
    assert format_usd(-1e-9) == "$0"
    assert format_jpy(0.0) == "0円"
    assert format_jpy(-0.2) == "0円"
    assert format_usd(0.01) == "$0.01"


@pytest.mark.parametrize(
    ("value", "unit", "fmt", "text"),
    [
        (1.6789, "ratio", None, "1.7×"),  # was "1.7 ratio"
        (6.63, "×", None, "6.6×"),  # was "6.6 ×"
        (1.6789, "ratio", ".2f", "1.68×"),
        (0.0, "×", None, "0.0×"),
        (2_705_279, "GPU", None, "2,705,279 GPUs"),  # was "2,705,279 GPU"
        (1, "GPU", None, "1 GPU"),
        (10, "GW", None, "10 GW"),
        (6, "years", None, "6 years"),
    ],
)
def test_units_read_as_readers_write_them(value: float, unit: str, fmt: str | None, text: str):
    from stargate.present.formatting import format_value

    assert format_value(value, unit, None, fmt) == text


def test_headline_text_is_written_afresh_from_the_record():
    """A report published before ratios read "×" shows them as "×" on every page."""
    from stargate.present.i18n import format_value_ja
    from stargate.publish.headline import record_text

    old = {"value": 1.6789, "unit": "ratio", "text": "1.7 ratio", "fmt": None}
    assert record_text(old) == "1.7×"
    jpy = {"value": 17.2e9, "unit": "USD", "currency": "JPY", "jpy_per_usd": 150.0}
    assert record_text(jpy) == format_money(
        17.2e9, SimpleNamespace(currency="JPY", jpy_per_usd=150.0)
    )
    assert record_text({"text": "kept", "value": None}) == "kept"
    assert format_value_ja(1.6789, "ratio", 156.0) == "1.7倍"


def test_a_calendar_year_reads_as_a_year() -> None:
    from stargate.present.formatting import format_value

    assert format_value(2027, "year") == "2027"
    assert format_value(5, "years") == "5 years"


def test_yen_below_ten_oku_or_man_keeps_two_significant_figures() -> None:
    # $1.6m at 156 JPY/USD = 249.6m yen = 2.496億 → 2.5億円 (not 2億円 or 3億円);
    # $86.80 × 156 = 13,540.8 yen = 1.354万 → 1.4万円 (not 1万円); from 10 up, whole numbers.
    from stargate.present.formatting import format_jpy

    assert format_jpy(1.6e6 * 156) == "2.5億円"
    assert format_jpy(86.80 * 156) == "1.4万円"
    assert format_jpy(1.0e9 * 156) == "1,560億円"
    assert format_jpy(28_000 * 156) == "437万円"


def test_a_probability_short_of_certainty_never_reads_100_or_0_percent() -> None:
    from stargate.present import sustainability_report
    from stargate.present.formatting import format_share, format_value

    # 49,990 of 50,000 draws: 99.98 %, which rounds to 100 % - shown as above 99 %
    assert format_share(49_990 / 50_000) == "> 99%"
    assert format_share(0.995) == "> 99%"  # the first value that would round up to 100 %
    assert format_share(0.9949) == "99%"
    # 10 of 50,000 draws: 0.02 %, which rounds to 0.0 % - shown as below 0.1 %
    assert format_share(10 / 50_000) == "< 0.1%"
    assert format_share(0.0005) == "0.1%"
    # All draws or none: exactly 100 % and 0 %, also for a sum of shares with float noise
    assert format_share(1.0) == "100%"
    assert format_share(0.1 + 0.2 + 0.7) == "100%"
    assert format_share(0.0) == "0.0%"
    # Signed changes and values outside 0-1 keep the plain rule
    assert format_share(0.9996, signed=True) == "+100%"
    assert format_share(1.0004) == "100%"
    # The tile (format_value) and the sentence say the same thing
    assert format_value(0.9998, "fraction") == "> 99%"
    assert sustainability_report.format_probability(0.9998) == "more than 99%"
    assert sustainability_report.format_probability(0.0002) == "less than 0.1%"
