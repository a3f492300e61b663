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


# --------------------------------------------------------------------------- summary

#: How a source's description (no real title found) is marked in the ``source`` column.
DESCRIPTION_MARK = "(description; title not found)"
#: How a source without a URL is marked in the ``source`` column.
PRINT_SOURCE_MARK = "(print source)"
URL_NOT_FOUND_MARK = "(URL not found)"
VIA_MARK = "(read via "

_KIND_WORDS = {
    "evidence": ("evidence", "evidence"),
    "derived": ("derived", "derived"),
    "assumption": ("assumption", "assumptions"),
    "claim": ("claim of the seed article", "claims of the seed article"),
}


def summarise_rows(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The counts of :func:`stargate.facts.sources_summary`, read back from table rows.

    A page has the executed notebook's sources table, not the register it was built from, so
    the counts are worked out from the table's own columns and marks: ``kind``, ``url`` and the
    marks in ``source`` (:data:`DESCRIPTION_MARK`, :data:`PRINT_SOURCE_MARK`,
    :data:`URL_NOT_FOUND_MARK`, :data:`VIA_MARK`). For the same facts the result equals
    ``sources_summary`` without ``verdicts`` (a test checks it).

    Args:
        rows: dicts with at least ``kind``, ``source`` and ``url`` (text).
    """
    rows = list(rows)
    sourced = [r for r in rows if r.get("kind") in ("evidence", "claim")]

    def described(r: dict[str, Any]) -> bool:
        return DESCRIPTION_MARK in str(r.get("source", ""))

    def printed(r: dict[str, Any]) -> bool:
        return PRINT_SOURCE_MARK in str(r.get("source", ""))

    return {
        "rows": len(rows),
        "by_kind": {k: sum(r.get("kind") == k for r in rows) for k in facts.SUMMARY_KINDS},
        "sourced": len(sourced),
        "citable": sum(
            not described(r) and (bool(str(r.get("url", "")).strip()) or printed(r))
            for r in sourced
        ),
        "description_only": sum(described(r) for r in sourced),
        "url_not_found": sum(URL_NOT_FOUND_MARK in str(r.get("source", "")) for r in sourced),
        "print_source": sum(printed(r) for r in sourced),
        "via_aggregator": sum(VIA_MARK in str(r.get("source", "")) for r in sourced),
    }


def summary_sentence(summary: dict[str, Any]) -> str:
    """The line above a collapsed sources table, from a (``sources_summary``-shaped) dict.

    e.g. "94 facts: 40 evidence, 20 derived, 25 assumptions, 9 claims of the seed article. 38
    of the 49 with a source of their own can be cited (a real title, and a link or a print
    source); 6 have only a description, 5 no URL that could be found; 12 were read in a copy."
    """
    kinds = [
        f"{n:,} {_KIND_WORDS[k][0 if n == 1 else 1]}"
        for k, n in summary["by_kind"].items()
        if n and k in _KIND_WORDS
    ]
    rows = summary["rows"]
    text = f"{rows:,} fact{'' if rows == 1 else 's'}" + (": " + ", ".join(kinds) if kinds else "")
    text += "."
    if summary["sourced"]:
        text += (
            f" {summary['citable']:,} of the {summary['sourced']:,} with a source of their own "
            "can be cited (a real title, and a link or a print source)"
        )
        gaps = []
        if summary["description_only"]:
            gaps.append(f"{summary['description_only']:,} have only a description")
        if summary["url_not_found"]:
            gaps.append(f"{summary['url_not_found']:,} no URL that could be found")
        text += ("; " + ", ".join(gaps) if gaps else "") + "."
        if summary["via_aggregator"]:
            text += f" {summary['via_aggregator']:,} were read in a copy on another site."
    return text
