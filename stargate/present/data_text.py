"""Texts of the data tables and the model in the page's language: one cell, one msgid.

The reader-visible fields of ``stargate/data/tables`` (declared in
:data:`stargate.tables.TEXT_FIELDS`) are msgids as written, ``{fact_id}`` placeholders
unfilled; lines the model writes from a template (``N_``-marked, with values) are msgids too.
Here a cell is translated first, then its placeholders are filled, so a translation is a whole
phrase with the figures where Japanese puts them. English pages are unchanged: the English
text is the msgid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from stargate import facts
from stargate.present.fact_text import fill_facts
from stargate.present.formatting import MISSING, DisplaySettings
from stargate.present.i18n import current_language, format_date, gettext


def data_text(text: Any, display: DisplaySettings | None = None) -> Any:
    """A table's text in the current language, its ``{fact_id}`` placeholders filled.

    Args:
        text: the text as the table writes it (not text - a number, NaN, None - is returned
            as it is).
        display: the scenario's display settings; ``None`` for a text with no placeholders.
    """
    if not isinstance(text, str) or not text:
        return text
    translated = gettext(text)
    return fill_facts(translated, display) if display is not None else translated


def data_texts(texts: Iterable[Any], display: DisplaySettings | None = None) -> list[Any]:
    """:func:`data_text` of each of ``texts`` (a column)."""
    return [data_text(t, display) for t in texts]


def template_text(template: str, values: Mapping[str, Any], translated: Iterable[str] = ()) -> str:
    """A model line written from a template (``N_``-marked) and its values, in the language.

    Args:
        template: the English template, e.g. ``"Programme capex, initial build, {span}"``.
        values: its placeholders' values (years, names, table texts).
        translated: the values that are themselves texts of a table (names, instruments):
            translated through the catalog before they are put in.
    """
    wanted = set(translated)
    shown = {
        k: (gettext(v) if k in wanted and isinstance(v, str) else v) for k, v in values.items()
    }
    return gettext(template).format(**shown)


def source_names(fact_ids: Iterable[str] | str) -> str:
    """Who the sources of ``fact_ids`` are, for a table's sources column: no identifiers.

    Each evidence row's publisher and date as the register writes them (``Bloomberg,
    2025-03-07``; a Japanese page dates it ``2025年3月7日``), de-duplicated, joined by
    ``"; "``; a derived figure or an assumption names the sources of the rows it rests on;
    the seed article's claims are left out (the table quotes the article itself), and a row
    resting on them alone shows ``—``. The sources table at the end of the page has the full
    citations.
    """
    ids = [i.strip() for i in fact_ids.split(",")] if isinstance(fact_ids, str) else fact_ids
    register = facts.all_facts()  # naming a source does not record its inputs as used
    shown: dict[str, None] = {}

    def visit(fact_id: str, seen: set[str]) -> None:
        if not fact_id or fact_id in seen or fact_id not in register:
            return
        seen.add(fact_id)
        fact = register[fact_id]
        if fact.kind == "claim":
            return
        if fact.kind in ("derived", "assumption"):
            for source in fact.derived_from:
                visit(source, seen)
            return
        date = fact.source.date or ""
        date = f", {date if current_language() == 'en' else format_date(date)}" if date else ""
        shown[f"{fact.source.publisher}{date}"] = None

    seen: set[str] = set()
    for fact_id in ids:
        visit(fact_id, seen)
    return "; ".join(shown) or MISSING
