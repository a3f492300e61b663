"""Figures of the register inside text: ``{fact_id}`` placeholders filled for readers.

Narrative in a notebook and text in a data table name their figures by fact id, not by value, so
every figure is sourced (the fact is recorded as used and lands in the report's sources table)
and follows the scenario's display currency — a static sentence cannot turn "$500bn" into
"78.0兆円". Placeholders:

- ``{fact_id}``: the fact's value — an amount as prose states it (:func:`format_amount`:
  ``$100bn``, ``$11.6bn``, ``15.6兆円``), a share as ``40%``, another number with separators;
- ``{fact_id|as written}``: in USD, ``as written`` (a figure quoted as the source wrote it, e.g.
  Musk's "$10B"); in any other currency the fact's amount;
- ``{name:kind}``: shown as ``money``, ``both`` (USD with its yen), ``share``, ``count`` or
  ``year``; ``name`` is a fact id
  or a figure worked out from facts that the caller passes (``fact_id.low`` / ``.high``, a
  gap in years).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from stargate import facts
from stargate.present.formatting import (
    DisplaySettings,
    format_jpy,
    format_money,
    format_number,
    format_share,
    format_usd,
)
from stargate.present.i18n import current_language, format_usd_ja

_PLACEHOLDER = re.compile(r"\{([a-z0-9_.]+)(?::(money|both|share|count|year))?(?:\|([^}]*))?\}")


def format_amount(amount_usd: float, display: DisplaySettings) -> str:
    """An amount as prose states it: ``$100bn``, ``$11.6bn`` (no ``.0``); ``15.6兆円`` in JPY.

    The house money format at the precision the figure has: whole amounts in USD drop the
    decimal (``$100bn``, as sources write them); JPY keeps the house default.
    """
    if display.currency != "USD":
        return format_money(amount_usd, display)
    if abs(amount_usd) < 1e6:  # $2.80, $27,500: the house format already fits
        return format_usd(amount_usd)
    one_decimal = format_usd(amount_usd, 1)
    whole = format_usd(amount_usd, 0)
    return whole if one_decimal.replace(".0", "", 1) == whole else one_decimal


def fill_facts(
    text: str, display: DisplaySettings, figures: Mapping[str, float] | None = None
) -> str:
    """Fill the placeholders of ``text`` (see the module docstring).

    Money is shown in the display currency; the text says what it is per (``{price} per
    GPU-hour``). Facts so shown are recorded as used.

    Args:
        text: the text with placeholders.
        display: the scenario's display settings.
        figures: values worked out from facts (e.g. a gap in years), looked up before the
            register; ``{name:kind}`` then says how to show one (``money``, ``share``, ``count``,
            ``year``).

    Raises:
        stargate.facts.UnknownFactError: a placeholder names neither a figure nor a fact.
        ValueError: the fact's value is text, not a figure.
    """

    def figure(match: re.Match[str]) -> str:
        name, kind, written = match.group(1), match.group(2), match.group(3)
        if figures is not None and name in figures:
            value, unit = float(figures[name]), ""
        else:
            fact = facts.get(name)
            if not isinstance(fact.value, float):
                raise ValueError(f"{fact.id}: not a figure, cannot fill {match.group(0)}")
            value, unit = fact.value, fact.unit
        if written is not None and (display.currency == "USD" or not unit.startswith("USD")):
            return written
        kind = kind or (
            "money" if unit.startswith("USD") else "share" if unit == "fraction" else "count"
        )
        if kind in ("money", "both") and current_language() != "en":
            # The Japanese edition: yen first, the source's dollars after (as written, if so).
            yen = format_jpy(value * display.jpy_per_usd)
            # The dollars as the Japanese press writes them (（1000億ドル）), never "$100bn".
            return f"{yen}（{format_usd_ja(value)}）"
        return _SHOW[kind](value, display)

    return _PLACEHOLDER.sub(figure, text)


def format_amount_both(amount_usd: float, display: DisplaySettings) -> str:
    """``$500bn (78.0兆円)`` when showing USD (an amount with its yen); yen alone in JPY."""
    if display.currency != "USD":
        return format_money(amount_usd, display)
    return f"{format_amount(amount_usd, display)} ({format_jpy(amount_usd * display.jpy_per_usd)})"


_SHOW: dict[str, Callable[[float, DisplaySettings], str]] = {
    "money": format_amount,
    "both": format_amount_both,
    "share": lambda x, _d: format_share(x),
    "count": lambda x, _d: format_number(x),
    "year": lambda x, _d: f"{x:.0f}",
}
