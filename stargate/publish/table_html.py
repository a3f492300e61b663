"""Tables on a page: pandas' HTML made readable, and the sources table made short.

:func:`polish_dataframe_html` works on one table's HTML: no raw values (``NaN``, ``None``,
``True``/``False``, ``-0%`` become ``—``, ``yes``/``no``, ``0%``), numbers right-aligned by
column (money like ``$19.0bn`` or ``2.7兆円``, shares, multiples, the missing mark), fact ids
set as code. :func:`table_block` puts a table in its container: a scroll box with a sticky first
column, wider than the text column when its content needs it, and collapsed in ``<details>``
beyond :data:`LONG_TABLE_ROWS` rows. :func:`sources_block` renders the sources table
(recognised by its header, :data:`stargate.present.sources.COLUMNS`) collapsed, under a line of
counts by kind and citability.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from stargate import facts
from stargate.present.formatting import MISSING
from stargate.present.i18n import (
    N_,
    current_language,
    format_date,
    gettext,
    has_translation,
    localise_units,
)
from stargate.present.sources import COLUMNS as SOURCES_COLUMNS
from stargate.present.sources import (
    DERIVED_MARK,
    DESCRIPTION_MARK,
    LEGACY_COLUMNS,
    category_label,
    group_by_source,
    source_counts_sentence,
    source_headers,
    summarise_rows,
    summary_sentence,
    unit_after_value,
)

#: Tables with more body rows than this are collapsed in ``<details>``.
LONG_TABLE_ROWS = 15
#: Estimated width (px) above which a table leaves the text column for the window's width.
TEXT_COLUMN_PX = 830

_PANDAS_STYLE = re.compile(r"<style scoped>.*?</style>\s*", re.S)
_THEAD_ROW = re.compile(r'(<thead>\s*<tr)(?: style="text-align: right;")?(>)\s*<th></th>')
_INDEX_CELL = re.compile(r"(<tr>)\s*<th>(\d+)</th>")
_THEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_ROW = re.compile(r"(<tr[^>]*>)(.*?)(</tr>)", re.S)
_CELL = re.compile(r"<(td|th)([^>]*)>(.*?)</\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_URL = re.compile(r"^https?://[^\s<>\"]+$")
# Pandas prints these for missing values; "" is an empty cell.
_RAW_MISSING = frozenset({"", "nan", "NaN", "None", "<NA>", "NaT", "inf", "-inf", "null"})
_BOOLEANS = {"True": "yes", "False": "no"}
_UNIT_WORD = r"(?:\s?/?\s?[A-Za-z][A-Za-z-]*(?:\s[A-Za-z-]+)?)?"
#: A number as the house formatter writes it: $19.0bn, -$5.0bn, 2.7兆円, 1,560億円, 40%, 8.6×,
#: 884.7 MW, $2.55/GPU-hour, +12%, 2025 — or the missing mark.
_NUMBER = re.compile(
    r"^[-+−]?\s?(?:[$¥€£]\s?)?[-−]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?"
    r"(?:\s?(?:%|×|x|bn|tn|m|k|兆円|億円|万円|円|pts?))?" + _UNIT_WORD + r"$"
)
_NEGATIVE_ZERO = re.compile(r"^[-−](?=[^1-9]*$)(?=.*0)")
_IDS = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:,\s*[a-z][a-z0-9]*(?:_[a-z0-9]+)+)*$")


def _text(cell_html: str) -> str:
    return html.unescape(_TAGS.sub("", cell_html)).strip()


def reader_value(text: str) -> str:
    """One cell's text as a reader should see it (HTML-escaped in, HTML-escaped out).

    ``NaN``/``None``/empty → ``—``; ``True``/``False`` → ``yes``/``no``; a negative zero
    (``-0%``, ``-$0.0bn``) loses its sign; comma-separated fact ids are set as code.
    """
    plain = html.unescape(text).strip()
    if plain in _RAW_MISSING:
        return MISSING
    if plain in _BOOLEANS:
        return _BOOLEANS[plain]
    if _NUMBER.match(plain) and _NEGATIVE_ZERO.match(plain):
        return html.escape(plain[1:], quote=False)
    if "<" not in text and _IDS.match(plain):
        return ", ".join(f"<code>{i.strip()}</code>" for i in plain.split(","))
    return text


def is_number(text: str) -> bool:
    """True for a cell a reader reads as a figure (money, share, multiple, count, ``—``)."""
    plain = html.unescape(_TAGS.sub("", text)).strip()
    return plain == MISSING or bool(_NUMBER.match(plain))


def polish_dataframe_html(value: str) -> str:
    """Tidy a pandas DataFrame's HTML for a publication.

    Drops pandas' inline style and a default 0…n-1 row index (readers need no row numbers),
    replaces raw values (:func:`reader_value`), right-aligns every column whose cells are all
    figures (header included) and makes cells holding a URL into links.

    Args:
        value: HTML from ``DataFrame._repr_html_`` (or any one-table HTML).

    Returns:
        The same table, polished.
    """
    # tex2jax_ignore keeps JupyterLab's MathJax off dollar amounts; the page has no MathJax.
    value = (
        _PANDAS_STYLE.sub("", value)
        .replace(' class="dataframe tex2jax_ignore mathjax_ignore"', ' class="dataframe"')
        .replace(' class="dataframe tex2jax_ignore"', ' class="dataframe"')
        .replace(' border="1" class="dataframe"', ' class="dataframe"')
    )
    if value.count("<table") == 1 and "<thead>" in value and _THEAD_ROW.search(value):
        numbers = [int(number) for _row, number in _INDEX_CELL.findall(value)]
        rows = value.split("<tbody>", 1)[-1].count("<tr>")
        if numbers == list(range(rows)) and value.count("<tr") == rows + 1:
            value = _THEAD_ROW.sub(r"\1\2", value, count=1)
            value = _INDEX_CELL.sub(r"\1", value)
    return cite_sources(align_columns(merge_index_name_row(value)))


#: Column heads of a model table's column of citations (English msgids; a page in another
#: language shows their translations).
SOURCE_HEADS = (N_("Source"), N_("source"))


@lru_cache(maxsize=1)
def _citations() -> dict[str, facts.Fact]:
    """Every citation the register writes (:meth:`stargate.facts.Fact.citation`), its fact."""
    found: dict[str, facts.Fact] = {}
    for fact in facts.all_facts().values():
        found.setdefault(fact.citation(), fact)
    return found


def cite_sources(value: str) -> str:
    """A table's column of citations (headed ``Source``) written as the sources table writes them.

    Each citation of the register in a cell (a model table joins several with ``"; "``) becomes
    :func:`citation_html`: the title in ``<cite>``, the publisher marked as a name, the rest in
    the page's language. Text that is no citation of the register is kept as it is.
    """
    head, sep, body = value.rpartition("</thead>")
    if not sep:
        return value
    rows = _ROW.findall(head)
    if not rows:
        return value
    heads = [_text(text) for _tag, _attrs, text in _CELL.findall(rows[-1][1])]
    wanted = {h for name in SOURCE_HEADS for h in (name, gettext(name))}
    positions = {len(heads) - i for i, h in enumerate(heads) if h in wanted}
    if not positions:
        return value
    citations = _citations()

    def redo_row(match: re.Match[str]) -> str:
        opened, inner, closed = match.groups()
        cells = _CELL.findall(inner)
        n = len(cells)
        index = iter(range(n))

        def redo_cell(cell: re.Match[str]) -> str:
            pos = n - next(index)
            tag, attrs, text = cell.groups()
            if pos not in positions or tag != "td" or "<" in text:
                return cell.group(0)
            plain = html.unescape(text)
            found = sorted(
                ((plain.find(c), c) for c in citations if c in plain),
                key=lambda x: (x[0], -len(x[1])),
            )
            if not found:
                return cell.group(0)
            out, at = [], 0
            for start, citation in found:
                if start < at:
                    continue  # inside a longer citation already written
                out.append(html.escape(plain[at:start], quote=False))
                out.append(citation_html(citation, citations[citation]))
                at = start + len(citation)
            out.append(html.escape(plain[at:], quote=False))
            return f"<{tag}{attrs}>{''.join(out)}</{tag}>"

        return opened + _CELL.sub(redo_cell, inner) + closed

    return head + sep + _ROW.sub(redo_row, body)


def merge_index_name_row(value: str) -> str:
    """Put a named index's header (pandas' second header row) into the first header row.

    pandas writes a named index as a header row of its own under the column names, holding
    only the index name(s) (``Generation``, then empty cells): an empty-looking row to a
    reader. When the first row's leading cells are empty exactly where the second row's are
    filled, the names move up and the second row goes.
    """
    match = _THEAD.search(value)
    if not match:
        return value
    rows = _ROW.findall(match.group(1))
    if len(rows) != 2:
        return value
    first, second = (_CELL.findall(inner) for _open, inner, _close in rows)
    names = [_text(text) for _tag, _attrs, text in second]
    filled = [bool(n) for n in names]
    k = filled.index(False) if False in filled else len(filled)
    if (
        not k
        or len(first) != len(second)
        or any(filled[k:])
        or any(_text(text) for _tag, _attrs, text in first[:k])
        or any("span" in attrs for _tag, attrs, _text_ in first + second)
    ):
        return value
    cells = [f"<th>{second[i][2]}</th>" for i in range(k)]
    cells += [f"<{tag}{attrs}>{text}</{tag}>" for tag, attrs, text in first[k:]]
    head = f"<thead><tr>{''.join(cells)}</tr></thead>"
    return value[: match.start()] + head + value[match.end() :]


def align_columns(value: str) -> str:
    """Clean every body cell and right-align the columns whose cells are all figures.

    Columns are counted from the right of each row, so index cells spanning rows (pandas'
    MultiIndex) do not shift them. A column is a figure column when it has a figure and every
    cell is a figure or the missing mark; all its cells and its header cell get ``sg-num``.
    """
    head, sep, body = value.rpartition("</thead>")
    if not sep:
        head, body = "", value
    cleaned: list[list[tuple[str, str, str]]] = []
    numeric: dict[int, bool] = {}
    seen: dict[int, bool] = {}
    for _open, inner, _close in _ROW.findall(body):
        cells = _CELL.findall(inner)
        tds = [c for c in cells if c[0] == "td"]
        row = []
        for i, (tag, attrs, text) in enumerate(tds):
            text = reader_value(text)
            pos = len(tds) - i  # 1 = last column
            plain = _text(text)
            if plain != MISSING:
                seen[pos] = True
            numeric[pos] = numeric.get(pos, True) and is_number(text)
            row.append((tag, attrs, text))
        cleaned.append(row)
    figure_cols = {pos for pos, ok in numeric.items() if ok and seen.get(pos)}
    rows = iter(cleaned)

    def redo_row(match: re.Match[str]) -> str:
        opened, inner, closed = match.groups()
        tds = next(rows)
        n = len(tds)
        cells = iter(tds)
        index = iter(range(n))

        def redo_cell(cell: re.Match[str]) -> str:
            if cell.group(1) != "td":
                return cell.group(0)
            _tag, attrs, text = next(cells)
            pos = n - next(index)
            if _URL.match(_text(text)) and "<a " not in text:
                url = _text(text)
                return f'<td class="sg-text"><a href="{html.escape(url)}">{text}</a></td>'
            if pos in figure_cols and "sg-num" not in attrs:
                attrs = f'{attrs} class="sg-num"' if "class=" not in attrs else attrs
            return f"<td{attrs}>{text}</td>"

        return opened + _CELL.sub(redo_cell, inner) + closed

    body = _ROW.sub(redo_row, body)
    if head and head.count("<tr") >= 1:
        first, rest = head.split("</tr>", 1) if "</tr>" in head else (head, "")
        ths = _CELL.findall(first)
        n = len(ths)
        index = iter(range(n))

        def redo_th(cell: re.Match[str]) -> str:
            pos = n - next(index)
            tag, attrs, text = cell.groups()
            if pos in figure_cols and "colspan" not in attrs and "class=" not in attrs:
                return f'<{tag} class="sg-num"{attrs}>{text}</{tag}>'
            return cell.group(0)

        if all("colspan" not in a for _t, a, _x in ths):
            first = _CELL.sub(redo_th, first)
        head = first + ("</tr>" + rest if rest or "</tr>" in head else "")
    return head + sep + body


def body_rows(value: str) -> int:
    """How many body rows a table has."""
    body = value.rpartition("</thead>")[2] if "</thead>" in value else value
    return len(_ROW.findall(body))


def estimated_width_px(value: str) -> int:
    """A rough width for the table at the page's table font (≈7 px per character).

    Text cells wrap, so they count up to 28 characters; figures never wrap.
    """
    widths: dict[int, int] = {}
    for _open, inner, _close in _ROW.findall(value):
        cells = _CELL.findall(inner)
        for i, (_tag, attrs, text) in enumerate(cells):
            pos = len(cells) - i
            chars = len(_text(text))
            if "sg-num" not in attrs:
                chars = min(chars, 28)
            widths[pos] = max(widths.get(pos, 0), chars)
    return sum(7 * c + 24 for c in widths.values())


def table_block(value: str, *, caption: str = "table") -> str:
    """A polished table in its container: scroll box, sticky first column, collapsed if long.

    Args:
        value: a table's HTML (after :func:`polish_dataframe_html`).
        caption: what the rows are, for the ``<details>`` summary ("Show all 24 rows").

    Returns:
        ``<div class="sg-scroll">`` (``sg-wide`` when the table needs more than the text
        column) holding the table, inside ``<details>`` when it has more than
        :data:`LONG_TABLE_ROWS` rows.
    """
    wide = estimated_width_px(value) > TEXT_COLUMN_PX
    classes = "sg-scroll sg-wide" if wide else "sg-scroll"
    block = (
        f'<div class="{classes}" role="region" aria-label="{html.escape(caption)}, '
        f'scrolls sideways" tabindex="0">{value}</div>'
    )
    rows = body_rows(value)
    if rows > LONG_TABLE_ROWS:
        summary = (
            gettext("Show the full table ({rows} rows)").format(rows=rows)
            if caption == "table"
            else f"Show the full {html.escape(caption)} ({rows} rows)"
        )
        block = f'<details class="sg-long-table"><summary>{summary}</summary>{block}</details>'
    return block


# --------------------------------------------------------------------------- sources table


def header_cells(value: str) -> list[str]:
    """The text of a table's header cells (first header row)."""
    head = value.partition("</thead>")[0]
    first = head.split("</tr>", 1)[0]
    return [_text(text) for _tag, _attrs, text in _CELL.findall(first)]


def _sources_columns(value: str) -> list[str] | None:
    """The sources table's columns if ``value`` is one (current or legacy header), else None."""
    if "</thead>" not in value:
        return None
    cells = header_cells(value)
    for columns in (SOURCES_COLUMNS, LEGACY_COLUMNS):
        if cells[-len(columns) :] == list(columns):
            return list(columns)
    return None


def is_sources_table(value: str) -> bool:
    """True when a table's columns are exactly the sources table's (its stable marker)."""
    return _sources_columns(value) is not None


def sources_rows(value: str) -> list[dict[str, str]]:
    """The rows of a sources table's HTML: one dict per fact, columns as in the table (text)."""
    columns = _sources_columns(value) or list(SOURCES_COLUMNS)
    rows = []
    for _open, inner, _close in _ROW.findall(value.partition("</thead>")[2]):
        tds = [text for tag, _attrs, text in _CELL.findall(inner) if tag == "td"]
        if len(tds) >= len(columns):
            tds = tds[-len(columns) :]
            rows.append({c: _text(t) for c, t in zip(columns, tds, strict=True)})
    return rows


def fact_anchor(fact_id: str) -> str:
    """The HTML ``id`` of a fact's line in the sources table (the id is never shown as text)."""
    return "fact-" + re.sub(r"[^A-Za-z0-9_-]", "-", fact_id)


def register_text(text: str) -> str:
    """The register's own words (what a fact is, a description standing for a title), as HTML.

    Translated through the catalog (the ``fact_texts`` extractor of ``babel.cfg`` makes each a
    msgid); a text with no translation yet is shown in English, marked ``lang="en"``, and
    looked up as a miss, so the page lists it as untranslated.
    """
    shown = gettext(text)
    escaped = html.escape(shown, quote=False)
    if current_language() != "en" and not has_translation(text):
        return f'<span lang="en">{escaped}</span>'
    return escaped


def _input_name(fact_id: str, whats: dict[str, str]) -> str:
    """A derived row's input for readers: what it is, linked to its line when the table has it."""
    if fact_id in whats:
        what = register_text(whats[fact_id])
        return f'<a href="#{html.escape(fact_anchor(fact_id))}">{what}</a>'
    if facts.exists(fact_id):
        return register_text(facts.all_facts()[fact_id].what)
    return html.escape(gettext("another row of the fact register"), quote=False)


def _english_name(text: str) -> str:
    """A publisher's or a site's name as the register writes it: marked English on other pages."""
    escaped = html.escape(text, quote=False)
    return escaped if current_language() == "en" else f'<span lang="en">{escaped}</span>'


def citation_html(source: str, fact: facts.Fact | None) -> str:
    """A citation for readers: publisher, the copy read, the title in ``<cite>``, the date.

    Built from the register's source of ``fact`` when the notebook's citation ``source`` is the
    register's (its marks after it); else (a notebook run against an older register) the
    notebook's text as it is, its quoted title in ``<cite>``. A source's title stays in its own
    language, in ``<cite>`` on every page, so checks for untranslated text skip it by element;
    a description standing for a title, and the project's own notes (assumptions), are the
    register's words and are translated.
    """
    s = fact.source if fact is not None else None
    if s is None or not source.startswith(fact.citation()):
        text = html.escape(source, quote=False)
        text = re.sub(r"\u201c(.+?)\u201d", "\u201c<cite>\\1</cite>\u201d", text, count=1)
        if DESCRIPTION_MARK in source:
            note = html.escape(gettext("(a description: no title was found)"), quote=False)
            text = text.replace(
                " " + html.escape(DESCRIPTION_MARK, quote=False),
                f' <span class="sg-note">{note}</span>',
            )
        return text
    own = s.kind == "register"  # the project's own note: its words are translated
    parts = [register_text(s.publisher) if own else _english_name(s.publisher)]
    if s.via:
        read_via = html.escape(gettext("{publisher} (read via {site})"), quote=False)
        parts[0] = read_via.format(publisher=parts[0], site=_english_name(s.via))
    if s.title_is_description or own:
        title = register_text(s.title)
        if s.title_is_description:
            note = html.escape(gettext("(a description: no title was found)"), quote=False)
            title += f' <span class="sg-note">{note}</span>'
    else:
        title = f"\u201c<cite>{html.escape(s.title, quote=False)}</cite>\u201d"
    parts += [title, html.escape(_date(s.date), quote=False)]
    if s.print_source and s.locator:
        parts.append(_english_name(s.locator))
    text = gettext(", ").join(parts)
    if s.print_source:
        text += " " + html.escape(gettext("(print source)"), quote=False)
    elif s.url_not_found:
        text += " " + html.escape(gettext("(URL not found)"), quote=False)
    return text


def _source_cell(entry: dict[str, Any], whats: dict[str, str]) -> str:
    source, url = entry["source"], entry["url"]
    if source.startswith(DERIVED_MARK):
        inputs = [i.strip() for i in source[len(DERIVED_MARK) :].split(",") if i.strip()]
        named = "; ".join(_input_name(i, whats) for i in inputs)
        return html.escape(gettext("Derived from: {inputs}"), quote=False).format(inputs=named)
    first = entry["facts"][0].get("id", "") if entry["facts"] else ""
    register = facts.all_facts()  # naming a source does not record it as used
    text = citation_html(source, register.get(first))
    if url:
        href = html.escape(url)
        text += f' <a class="sg-source-link" href="{href}">{href}</a>'
    return text


def in_brackets(text: str) -> str:
    """``text`` in brackets as the page's language writes them: ``(2025)``, ``（2025年）``."""
    return gettext("({text})").format(text=text)


def _value_html(row: dict[str, Any]) -> str:
    """A fact's value in the sources list (HTML): a statement (``unit: text``) translated."""
    if row.get("unit") == "text" and row.get("value"):
        return register_text(row["value"])
    return html.escape(_value(row["value"]), quote=False)


def _value(value: str) -> str:
    """A fact's value as the notebook wrote it; another language words its range."""
    if current_language() == "en" or " (range " not in value:
        return value
    point, _, span = value.partition(" (range ")
    return gettext("{value} (range {low_high})").format(value=point, low_high=span.rstrip(")"))


def _unit(unit: str) -> str:
    """What follows a value in the sources list, in the page's language (``/GPU時間``)."""
    shown = unit_after_value(unit)
    return shown if current_language() == "en" else localise_units(shown)


def _date(as_of: Any) -> str:
    """A fact's date as the page's language writes it (Japanese: 2025年5月21日)."""
    text = str(as_of or "")
    return text if current_language() == "en" or not text else format_date(text)


def sources_block(value: str) -> str:
    """The sources table for readers: counts above, the table collapsed in ``<details>``.

    One row per source (:func:`stargate.present.sources.group_by_source`): the citation
    (publisher, title, date; a description marked as one; the link), its kind, the confidence
    of the facts it supports, and those facts - what each is, its value and date. A fact's id
    is only its line's HTML ``id`` (:func:`fact_anchor`), never visible text: a derived row
    names its inputs by what they are, linked to their lines.
    """
    rows = sources_rows(value)
    summary = summarise_rows(rows)
    whats = {r["id"]: r["what"] for r in rows}
    body = []
    for entry in group_by_source(rows):
        items = "".join(
            f'<li id="{html.escape(fact_anchor(r["id"]))}">{register_text(r["what"])}'
            f"{html.escape(gettext(': '), quote=False)}"
            f"{_value_html(r) or MISSING}"
            f"{html.escape(_unit(r['unit']), quote=False) if r['value'] else ''}"
            f' <span class="sg-date">{in_brackets(html.escape(_date(r["as_of"])) or MISSING)}'
            "</span></li>"
            for r in entry["facts"]
        )
        body.append(
            "<tr>"
            f"<td>{_source_cell(entry, whats)}</td>"
            f"<td>{html.escape(category_label(entry['category']), quote=False)}</td>"
            f"<td>{html.escape(', '.join(entry['confidence'])) or MISSING}</td>"
            f'<td><ul class="sg-facts">{items}</ul></td>'
            "</tr>"
        )
    head = "".join(f"<th>{html.escape(h)}</th>" for h in source_headers())
    table = (
        f'<table class="sg-sources-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    shown = len(body)
    # Rows are sources, derived figures and assumptions: "rows", not "sources" (the line
    # above counts the sources alone).
    show_all = html.escape(gettext("Show the sources table ({count} rows)").format(count=shown))
    return (
        f'<div class="sg-sources"><p class="sg-sources-summary">'
        f"{html.escape(source_counts_sentence(summary), quote=False)} "
        f"{html.escape(summary_sentence(summary), quote=False)}</p>"
        f'<details class="sg-sources-details"><summary>{show_all}</summary>'
        f'<div class="sg-scroll sg-wide" role="region" aria-label="Sources, scrolls sideways" '
        f'tabindex="0">{table}</div></details></div>'
    )


def newest_as_of(rows: list[dict[str, Any]]) -> str:
    """The newest date of the evidence among a sources table's rows ("" if none).

    Evidence rows and claims count with the newer of their own date and their source's
    publication date (:func:`stargate.facts.evidence_as_of`); a derived row with the dates of its
    inputs (:func:`stargate.facts.evidence_as_of`, else its ``derived_from`` column), never the
    day it was worked out; assumptions are the project's own and are left out.
    """
    dates = []
    for r in rows:
        kind, as_of = r.get("kind"), str(r.get("as_of") or "")
        fact_id = str(r.get("id", ""))
        if kind in ("evidence", "claim") and facts.exists(fact_id):
            dates.append(facts.evidence_as_of([fact_id]))  # its source's date counts too
        elif kind in ("evidence", "claim") and as_of:
            dates.append(as_of)
        elif kind == "derived":
            inputs = [r.get("id", "")] if facts.exists(str(r.get("id", ""))) else []
            inputs = inputs or [i.strip() for i in str(r.get("derived_from", "")).split(",")]
            dates.append(facts.evidence_as_of(i for i in inputs if i))
    dates = [d for d in dates if d]
    return max(dates, key=facts.date_key) if dates else ""
