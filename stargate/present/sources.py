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
from stargate.present.formatting import DisplaySettings, format_value, is_money_unit
from stargate.present.i18n import N_, current_language
from stargate.present.i18n import gettext as _

#: The columns of the sources table of a report built before ``source_kind`` and
#: ``derived_from`` were added (pages are still rendered from such executed notebooks).
LEGACY_COLUMNS = ["id", "kind", "what", "value", "unit", "as_of", "source", "url", "confidence"]
COLUMNS = [*LEGACY_COLUMNS, "source_kind", "derived_from"]


def format_fact_value(value: float, unit: str, display: DisplaySettings | None = None) -> str:
    """A fact's value for readers: ``$27,500`` (or yen), ``40%``, ``1,200``, ``0.989``.

    Formatted by :func:`stargate.present.formatting.format_value`. The unit is a column of its
    own, so only money carries its sign (in the display currency) and no unit is appended.
    """
    if is_money_unit(unit):
        return format_value(value, "USD", display)
    if unit in ("fraction", "year"):  # a share, a calendar year (2027, not 2,027)
        return format_value(value, unit, display)
    return format_value(value, "count", display)


def sources_table(
    fact_ids: Iterable[str] | None = None, display: DisplaySettings | None = None
) -> Any:
    """A DataFrame listing ``fact_ids`` (default: :func:`stargate.facts.used`) with sources.

    Columns: id, kind, what, value, unit, as_of, source, url, confidence, source_kind (one of
    :data:`stargate.facts.SOURCE_CATEGORIES`), derived_from (comma-separated ids). Claims of the
    seed article are labelled as such so a reader never mistakes them for evidence. ``source``
    quotes a real title and marks a description "(description; title not found)"; it names the
    copy read ("read via …") and says "print source" or "URL not found" where there is no URL;
    a derived row's source says what it is derived from.
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
        if f.kind == "derived":
            citation = DERIVED_MARK + ", ".join(f.derived_from)
        elif f.source.print_source:
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
                "source_kind": facts.source_category(f),
                "derived_from": ", ".join(f.derived_from),
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
#: How a derived row's ``source`` begins (the ids of its inputs follow).
DERIVED_MARK = "derived in this register from "

#: How each kind of source is counted for readers: (one, many).
_CATEGORY_WORDS = {
    "primary": (N_("company or official document"), N_("company and official documents")),
    "outlet": (N_("news or analyst report"), N_("news and analyst reports")),
    "aggregator": (N_("copy read on another site"), N_("copies read on other sites")),
    "register": (N_("research note of this project"), N_("research notes of this project")),
    "article": (N_("seed article"), N_("seed articles")),
    "derived": (N_("figure derived from other rows"), N_("figures derived from other rows")),
    "assumption": (N_("modelling assumption"), N_("modelling assumptions")),
    "other": (N_("other source"), N_("other sources")),
}
#: Column headings of the sources table readers see (one row per source; English msgids).
SOURCE_HEADERS = (N_("Source"), N_("Kind of source"), N_("Confidence"), N_("Facts it supports"))

_KIND_WORDS = {
    "evidence": (N_("evidence"), N_("evidence")),
    "derived": (N_("derived"), N_("derived")),
    "assumption": (N_("assumption"), N_("assumptions")),
    "claim": (N_("claim of the seed article"), N_("claims of the seed article")),
}


def source_headers() -> tuple[str, ...]:
    """The sources table's column headings in the current language."""
    return tuple(_(h) for h in SOURCE_HEADERS)


def _count(n: int) -> str:
    """A count in the sources lines: ``1,234``."""
    return f"{n:,}"


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
    keyed = [(row_category(r), _row_key(r)) for r in rows]

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
        "sources": facts.source_counts(keyed),
    }


def unit_after_value(unit: str) -> str:
    """What follows a formatted value in the sources list: `` kW``, ``/GPU`` or nothing.

    :func:`format_fact_value` already shows money with its sign and a fraction as a percentage,
    so ``USD`` adds nothing and ``USD/GPU`` adds ``/GPU``; counts and text add nothing.
    """
    if is_money_unit(unit):
        return unit[3:]
    if unit in ("", "fraction", "count", "text", "year"):
        return ""
    return f" {unit}"


def row_category(row: dict[str, Any]) -> str:
    """A table row's kind of source (its ``source_kind``; a legacy table's is worked out)."""
    if row.get("source_kind"):
        return str(row["source_kind"])
    kind = row.get("kind")
    if kind == "claim":
        return "article"
    if kind in ("derived", "assumption"):
        return str(kind)
    return "aggregator" if VIA_MARK in str(row.get("source", "")) else "other"


def _row_key(row: dict[str, Any]) -> Any:
    if row.get("kind") in ("derived", "assumption"):
        return row.get("id")
    source = str(row.get("source", ""))
    for mark in (PRINT_SOURCE_MARK, URL_NOT_FOUND_MARK):
        source = source.removesuffix(" " + mark)
    return (source, str(row.get("url", "") or ""))


def group_by_source(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sources table's rows (one per fact) as one entry per source, for readers.

    Each entry: ``category``, ``source`` (the citation with its marks), ``url``, ``confidence``
    (the distinct ratings of its facts, highest first) and ``facts`` (the rows it supports, in
    table order). Entries follow :data:`stargate.facts.SOURCE_CATEGORIES`, then first
    appearance. A derived row is its own entry; its ``source`` says what it is derived from.
    """
    order = {c: i for i, c in enumerate(facts.SOURCE_CATEGORIES)}
    ranks = {c: i for i, c in enumerate(("H", "M-H", "M", "L-M", "L"))}
    groups: dict[Any, dict[str, Any]] = {}
    for r in rows:
        category = row_category(r)
        key = (category, _row_key(r))
        entry = groups.setdefault(
            key,
            {
                "category": category,
                "source": str(r.get("source", "")),
                "url": str(r.get("url", "") or ""),
                "confidence": [],
                "facts": [],
            },
        )
        confidence = str(r.get("confidence", "") or "")
        if confidence and confidence not in entry["confidence"]:
            entry["confidence"].append(confidence)
        entry["facts"].append(r)
    entries = sorted(groups.values(), key=lambda e: order.get(e["category"], len(order)))
    for e in entries:
        e["confidence"] = sorted(e["confidence"], key=lambda c: ranks.get(c, len(ranks)))
    return entries


def category_label(category: str, count: int = 1) -> str:
    """How a kind of source is named for readers, e.g. "news and analyst reports"."""
    one, many = _CATEGORY_WORDS.get(category, _CATEGORY_WORDS["other"])
    return _(one if count == 1 else many)


def source_counts_sentence(summary: dict[str, Any]) -> str:
    """The first line above the sources table: distinct sources, by kind.

    e.g. "52 sources: 18 company and official documents, 25 news and analyst reports, 6 copies
    read on other sites, 1 seed article; 3 figures derived from other rows."
    """
    counts = summary.get("sources") or {}
    outside = [(c, n) for c, n in counts.items() if n and c not in ("derived", "assumption")]
    own = [(c, n) for c, n in counts.items() if n and c in ("derived", "assumption")]
    total = sum(n for _c, n in outside)
    if current_language() != "en":
        # 出典52件：企業・公的機関の文書18件、…。ほかに他の行から導いた数値3件。
        text = _("{count} sources").format(count=_count(total))
        if outside:
            parts = [
                _("{label} {count}").format(label=category_label(c, n), count=_count(n))
                for c, n in outside
            ]
            text += _(": ") + _(", ").join(parts)
        if own:
            parts = [
                _("{label} {count}").format(label=category_label(c, n), count=_count(n))
                for c, n in own
            ]
            text += _("; ") + _(", ").join(parts)
        return text + _(".")
    text = f"{total:,} source{'' if total == 1 else 's'}"
    if outside:
        text += ": " + ", ".join(f"{n:,} {category_label(c, n)}" for c, n in outside)
    if own:
        text += "; " + ", ".join(f"{n:,} {category_label(c, n)}" for c, n in own)
    return text + "."


def summary_sentence(summary: dict[str, Any]) -> str:
    """The line above a collapsed sources table, from a (``sources_summary``-shaped) dict.

    e.g. "94 facts: 40 evidence, 20 derived, 25 assumptions, 9 claims of the seed article. 38
    of the 49 facts with a source of their own can be cited (a real title, and a link or a print
    source); 6 facts have only a description, 5 facts have no URL that could be found. 12 facts
    were read in a copy on another site." Every count after the first says what it counts
    (facts), so it is not read as a count of the sources in the line before.
    """
    if current_language() != "en":
        return _summary_sentence_translated(summary)
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
            f" {summary['citable']:,} of the {summary['sourced']:,} facts with a source of their "
            "own can be cited (a real title, and a link or a print source)"
        )
        gaps = []
        if summary["description_only"]:
            gaps.append(f"{summary['description_only']:,} facts have only a description")
        if summary["url_not_found"]:
            gaps.append(f"{summary['url_not_found']:,} facts have no URL that could be found")
        text += ("; " + ", ".join(gaps) if gaps else "") + "."
        if summary["via_aggregator"]:
            text += f" {summary['via_aggregator']:,} facts were read in a copy on another site."
    return text


def _summary_sentence_translated(summary: dict[str, Any]) -> str:
    """:func:`summary_sentence` in the current language (not English): whole sentences."""
    kinds = [
        _("{label} {count}").format(label=_(_KIND_WORDS[k][0 if n == 1 else 1]), count=_count(n))
        for k, n in summary["by_kind"].items()
        if n and k in _KIND_WORDS
    ]
    text = _("{count} facts").format(count=_count(summary["rows"]))
    text += (_(": ") + _(", ").join(kinds) if kinds else "") + _(".")
    if summary["sourced"]:
        text += _(
            "Of the {sourced} facts with a source of their own, {citable} can be cited (a "
            "real title, and a link or a print source)."
        ).format(sourced=_count(summary["sourced"]), citable=_count(summary["citable"]))
        if summary["description_only"]:
            text += _("{count} facts have only a description.").format(
                count=_count(summary["description_only"])
            )
        if summary["url_not_found"]:
            text += _("{count} facts have no URL that could be found.").format(
                count=_count(summary["url_not_found"])
            )
        if summary["via_aggregator"]:
            text += _("{count} facts were read in a copy on another site.").format(
                count=_count(summary["via_aggregator"])
            )
    return text
