"""The sources table at the end of every report: the facts it used, for readers to cite.

Values are shown in the house format (:mod:`stargate.present.formatting`); money in the
scenario's display currency, so a JPY page shows yen here too. Source titles and the ``what`` of
each fact are quoted as the source wrote them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from stargate import facts
from stargate.present.formatting import (
    DisplaySettings,
    format_money,
    format_number,
    format_share,
    format_usd,
    is_money_unit,
)

COLUMNS = ["id", "kind", "what", "value", "unit", "as_of", "source", "url", "confidence"]


def format_fact_value(value: float, unit: str, display: DisplaySettings | None = None) -> str:
    """A fact's value for readers: ``$27,500`` (or yen), ``40%``, ``1,200``, ``0.989``.

    The unit itself is a column of its own, so only money carries its sign.
    """
    if is_money_unit(unit):
        return format_money(value, display) if display else format_usd(value)
    if unit == "fraction":
        return format_share(value)
    return format_number(value)


def sources_table(
    fact_ids: Iterable[str] | None = None, display: DisplaySettings | None = None
) -> Any:
    """A DataFrame listing ``fact_ids`` (default: :func:`stargate.facts.used`) with sources.

    Columns: id, kind, what, value, unit, as_of, source, url, confidence. Claims of the seed
    article are labelled as such so a reader never mistakes them for evidence. ``source`` quotes
    a real title and marks a description "(description; title not found)"; it names the copy
    read ("read via …") and says "print source" or "URL not found" where there is no URL.
    """
    ids = list(dict.fromkeys(fact_ids if fact_ids is not None else facts.used()))
    register = facts.all_facts()  # listing a fact does not record it as used
    rows = []
    for fact_id in ids:
        f = register[fact_id] if fact_id in register else facts.get(fact_id)
        shown: Any = f.value
        if f.is_range:
            low = format_fact_value(f.low, f.unit, display)
            high = format_fact_value(f.high, f.unit, display)
            shown = f"{format_fact_value(f.value, f.unit, display)} (range {low}\u2013{high})"
        elif isinstance(shown, float):
            shown = format_fact_value(shown, f.unit, display)
        citation = f.citation()
        if f.source.print_source:
            citation += " (print source)"
        elif f.source.url_not_found:
            citation += " (URL not found)"
        rows.append(
            {
                "id": f.id,
                "kind": f.kind,
                "what": f.what,
                "value": shown,
                "unit": f.unit,
                "as_of": f.as_of,
                "source": citation,
                "url": f.source.url or "",
                "confidence": f.confidence,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
