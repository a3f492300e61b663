"""Turn an executed report notebook into one self-contained HTML page.

The page shows what a reader needs and nothing of the machinery:

- a header from :func:`stargate.publish.headline.publish_meta` (report title, scenario title and
  description, date of the data), the headline figures, and a table of contents built from the
  markdown headings (with anchors);
- the markdown narrative and the outputs of code cells (charts, tables, text), never code;
- no papermill plumbing: cells tagged ``parameters``, ``injected-parameters``, ``setup`` or
  ``remove-cell`` are dropped with their outputs, papermill's error marker cells too. A failed
  run gets a banner linking to each error, shown in place;
- the Vega / Vega-Lite / vega-embed JavaScript once, inline, so every chart draws and stays
  interactive with no network, and no CDN anywhere; a print stylesheet for saving a PDF.

**Languages.** One executed notebook gives a page per language (:func:`render_report_html`,
``lang``): English from the outputs as a notebook shows them; Japanese from each output's
Japanese payload (:data:`stargate.present.i18n.I18N_MIMETYPE`, written by
``notebook_helpers.show`` in the same kernel run), the Markdown cells translated block by
block through the catalog (:func:`markdown_blocks`, the msgids the notebook extractor
:func:`stargate.present.i18n.extract_notebook` gives Babel), the header's figures yen first.
What has no translation yet is shown in English, marked ``lang="en"``, listed in
:attr:`RenderedPage.untranslated` and announced in Japanese at the top of the page.

Everything is derived from the notebook alone, so the same notebook gives byte-identical HTML.
Scenario-supplied text (titles, descriptions) is HTML-escaped. Markdown cells and ``text/html``
outputs are the repository's own notebooks' and are trusted.
"""

from __future__ import annotations

import base64
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stargate.present import i18n
from stargate.present.chart_output import CHART_ID_PREFIX, VEGA_MIMETYPE
from stargate.present.formatting import money_note
from stargate.present.i18n import I18N_MIMETYPE, gettext, markdown_blocks
from stargate.publish.assets import chart_html, page_scripts, render_template
from stargate.publish.headline import DATA_MIMETYPES, load_notebook, read_headlines, read_meta
from stargate.publish.table_html import (
    align_columns,
    is_sources_table,
    newest_as_of,
    polish_dataframe_html,
    sources_block,
    sources_rows,
    table_block,
)

__all__ = [
    "as_of_day",
    "as_of_note",
    "RenderedPage",
    "format_as_of",
    "render_report",
    "polish_dataframe_html",
    "render_report_html",
    "report_data_as_of",
    "set_page_data_as_of",
    "write_report_html",
]

#: Cells with any of these tags are not shown (nor their outputs).
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters", "setup", "remove-cell"})
#: papermill's tag on the markdown cells it adds around a failure.
PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"
#: Output mimetypes shown, best first.
MIME_PRIORITY = (
    VEGA_MIMETYPE,
    "text/html",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/markdown",
    "text/plain",
)
#: Heading levels listed in the table of contents.
TOC_LEVELS = (1, 2, 3)

#: Stands in the block list for an output that carries data for pages (a headline record):
#: nothing is shown, but a section holding only such outputs is empty for a reader.
DATA_OUTPUT = "\x00data"
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>')
_MD_TABLE = re.compile(r"<table>.*?</table>", re.S)
_MONTHS = (
    "January February March April May June July August September October November December"
).split()

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_TAGS = re.compile(r"<[^>]+>")
# Altair's own HTML renderer (a chart shown without ``charts.enable``) loads its libraries from
# this base URL unless ``VEGA_DEBUG`` names the versions, which every page with charts does.
_ALTAIR_CDN = "https://cdn.jsdelivr.net/npm"
_CHART_MARKERS = ('class="sg-chart"', "vegaEmbed(")


# --------------------------------------------------------------------------- rendering


@dataclass
class _Heading:
    level: int
    anchor: str
    text: str


@dataclass
class _Page:
    """What is collected while rendering cells."""

    report_title: str
    anchors: set[str] = field(default_factory=set)
    headings: list[_Heading] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    title_dropped: bool = False
    charts: int = 0
    lang: str = "en"
    #: What this page shows in English although it is in another language (Markdown blocks
    #: and outputs with no translation): the page says so at its top.
    untranslated: list[str] = field(default_factory=list)

    def chart_id(self) -> str:
        """The next chart container id on this page (``sg-chart-1``, ``sg-chart-2``, …)."""
        self.charts += 1
        return f"{CHART_ID_PREFIX}{self.charts}"

    def anchor(self, text: str) -> str:
        """A unique, readable id for a heading (``"Funding gap"`` → ``funding-gap``)."""
        slug = unicodedata.normalize("NFKC", text).lower()
        slug = re.sub(r"[^\w]+", "-", slug).strip("-") or "section"
        candidate, n = slug, 1
        while candidate in self.anchors:
            n += 1
            candidate = f"{slug}-{n}"
        self.anchors.add(candidate)
        return candidate


def _markdown(page: _Page) -> Any:
    import mistune

    class Renderer(mistune.HTMLRenderer):
        def heading(self, text: str, level: int, **attrs: Any) -> str:
            plain = html.unescape(_TAGS.sub("", text)).strip()
            if level == 1 and not page.title_dropped and plain == page.report_title:
                page.title_dropped = True  # the page header already shows it
                return ""
            anchor = page.anchor(plain)
            if level in TOC_LEVELS:
                page.headings.append(_Heading(level, anchor, plain))
            return f'<h{level} id="{anchor}">{text}</h{level}>\n'

    return mistune.create_markdown(
        renderer=Renderer(escape=False),
        plugins=["table", "strikethrough", "footnotes", "url"],
    )


def _source(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _tags(cell: Any) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []) or [])


def _error_html(output: Any, anchor: str) -> str:
    ename = html.escape(str(output.get("ename", "Error")))
    evalue = html.escape(str(output.get("evalue", "")))
    trace = "\n".join(_ANSI.sub("", line) for line in output.get("traceback", []))
    details = (
        f"<details><summary>Traceback</summary><pre>{html.escape(trace)}</pre></details>"
        if trace.strip()
        else ""
    )
    return (
        f'<div class="sg-error" id="{anchor}" role="alert"><strong>{ename}</strong>: {evalue}'
        f"{details}</div>"
    )


_NARRATIVE_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)


def _anchor_headings(value: str, page: _Page) -> str:
    """Give the headings of computed narrative ids, and list them in the contents."""

    def heading(match: re.Match[str]) -> str:
        level, text = int(match.group(1)), match.group(2)
        plain = html.unescape(_TAGS.sub("", text)).strip()
        anchor = page.anchor(plain)
        if level in TOC_LEVELS:
            page.headings.append(_Heading(level, anchor, plain))
        return f'<h{level} id="{anchor}">{text}</h{level}>'

    return _NARRATIVE_HEADING.sub(heading, value)


def _data_html(data: Any, markdown: Any, page: _Page) -> str | None:
    """HTML for one display_data / execute_result bundle (None: nothing to show)."""
    if any(m in data for m in DATA_MIMETYPES):
        return DATA_OUTPUT  # headline figures and metadata: shown in the header only
    if page.lang != i18n.SOURCE_LANGUAGE:
        payload = (data.get(I18N_MIMETYPE) or {}).get(page.lang)
        if payload is not None:
            for missing in payload.get(i18n.MISSES_MIMETYPE) or ():
                page.untranslated.append(_first_line(str(missing))[:80])
            data = payload
        else:
            shown = _data_html_shown(data, markdown, page)
            if shown is None:
                return None
            if shown.startswith('<div class="sg-sources"'):
                # Sources are cited as they are written (titles in their own language).
                note = html.escape(
                    gettext("The sources are listed as they are written, in their own language.")
                )
                return f'<p class="sg-note">{note}</p><div lang="en">{shown}</div>'
            page.untranslated.append(_first_line(_TAGS.sub(" ", shown))[:80] or "output")
            return f'<div lang="en">{shown}</div>'
    return _data_html_shown(data, markdown, page)


def _data_html_shown(data: Any, markdown: Any, page: _Page) -> str | None:
    """HTML for one bundle's best mimetype (the language's payload already chosen)."""
    for mime in MIME_PRIORITY:
        if mime not in data:
            continue
        if mime == VEGA_MIMETYPE:
            svg = _source(data.get("image/svg+xml", "")) or None
            return chart_html(data[mime], page.chart_id(), svg, mode="vega")
        value = _source(data[mime])
        if mime == "text/html":
            value = value.replace(_ALTAIR_CDN, "")
            if 'class="dataframe' in value and value.count("<table") == 1:
                # The register's texts a table shows (what a fact is, a citation's words) are
                # translated at page time: one with no translation yet is listed untranslated.
                with i18n.recording_misses() as missed:
                    if is_sources_table(value):
                        shown = sources_block(value)
                    else:
                        shown = table_block(polish_dataframe_html(value))
                page.untranslated.extend(m[:80] for m in dict.fromkeys(missed))
                return shown
            if "mathjax_ignore" in value:  # narrative a notebook computed (nb.md, nb.md_facts)
                return _anchor_headings(value, page)
            return value
        if mime == "image/svg+xml":
            return value
        if mime in ("image/png", "image/jpeg"):
            payload = value.replace("\n", "")
            base64.b64decode(payload, validate=True)  # refuse anything but base64
            return f'<img src="data:{mime};base64,{payload}" alt="">'
        if mime == "text/markdown":
            return _markdown_tables(str(markdown(value)))
        return f"<pre>{html.escape(value)}</pre>"
    return None


def _outputs_html(cell: Any, page: _Page, markdown: Any, show: bool) -> list[str]:
    parts = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "error":
            anchor = page.anchor(f"error-{len(page.errors) + 1}")
            count = cell.get("execution_count")
            where = f" (In [{count}])" if count is not None else ""
            page.errors.append(
                {
                    "anchor": anchor,
                    "summary": f"{output.get('ename', 'Error')}: "
                    f"{_first_line(str(output.get('evalue', '')))}{where}",
                }
            )
            parts.append(_error_html(output, anchor))
        elif not show:
            continue
        elif kind == "stream":
            if output.get("name") == "stdout":
                parts.append(f'<pre class="sg-stream">{html.escape(_source(output["text"]))}</pre>')
        elif kind in ("display_data", "execute_result"):
            shown = _data_html(output.get("data", {}), markdown, page)
            if shown is not None:
                parts.append(shown)
    return [p if p == DATA_OUTPUT else f'<div class="sg-output">{p}</div>' for p in parts]


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _toc_html(headings: list[_Heading]) -> str:
    """Nested ordered lists of the headings (the shallowest level present is the top)."""
    if not headings:
        return ""
    top = min(h.level for h in headings)
    # Headings that number themselves ("1. Cash path") get no second number from the list.
    numbered = any(re.match(r"^\d+[.)]\s", h.text) for h in headings if h.level == top)
    out: list[str] = []
    depth = 0
    for h in headings:
        level = min(h.level - top + 1, depth + 1)  # never skip a nesting level
        if level > depth:
            out.append('<ol class="sg-self-numbered">' if numbered and depth == 0 else "<ol>")
        else:
            while depth > level:
                out.append("</li></ol>")
                depth -= 1
            out.append("</li>")
        depth = level
        out.append(f'<li><a href="#{h.anchor}">{html.escape(h.text)}</a>')
    out.append("</li>")
    out.append("</ol></li>" * (depth - 1))
    out.append("</ol>")
    return "".join(out)


def headline_parts(record: dict[str, Any]) -> tuple[str, str]:
    """Split a headline's text into the figure and a unit suffix shown smaller.

    ``"$2.31/GPU-hour"`` → ``("$2.31", "/GPU-hour")``;
    ``"700,000 GPUs"`` → ``("700,000", " GPUs")``.
    """
    text, unit = str(record.get("text", "")), str(record.get("unit", ""))
    if unit.startswith("USD/") and "/" in text:
        head, _, tail = text.partition("/")
        return head, "/" + tail
    if unit and text.endswith(" " + unit):
        return text[: -len(unit) - 1], " " + unit
    return text, ""


def language_switch(lang: str, other_href: str) -> Any:
    """The page chrome's language switch (日本語 / English), to append to the header's kicker.

    This page's language unlinked, and a link to ``other_href``: the same page (or, until it
    exists, the front page) in the other language.

    Args:
        lang: the page's language (``"en"`` or ``"ja"``).
        other_href: relative link to the page in the other language.
    """
    from markupsafe import Markup, escape

    href = escape(other_href)
    if lang == "ja":
        ja = '<span aria-current="page">日本語</span>'
        en = f'<a href="{href}" hreflang="en" lang="en">English</a>'
    else:
        ja = f'<a href="{href}" hreflang="ja" lang="ja">日本語</a>'
        en = '<span aria-current="page">English</span>'
    return Markup(f' · <span class="sg-lang-switch">{ja} / {en}</span>')


@dataclass
class RenderedPage:
    """A report page in one language, and what it shows untranslated (English, marked)."""

    html: str
    lang: str
    untranslated: list[str]


def render_report_html(nb: Any, lang: str = "en") -> str:
    """Render an executed report notebook as one self-contained HTML page.

    Args:
        nb: the executed notebook: an nbformat ``NotebookNode`` (v4), or a path to one.
        lang: the page's language (:data:`stargate.present.i18n.LANGUAGES`).

    Returns:
        The page (UTF-8 text): byte-identical for the same notebook, no network references,
        the chart JavaScript included at most once.
    """
    return render_report(nb, lang).html


def twin_href(nb: Any, lang: str) -> str | None:
    """The link from a report page in ``lang`` to the same report in the other language.

    English pages live in ``reports/<scenario>/``, Japanese ones in ``reports/ja/<scenario>/``
    (same file names). None when the notebook does not say which report it is.
    """
    meta = read_meta(nb)
    record = nb.metadata.get("stargate", {}) if hasattr(nb, "metadata") else {}
    scenario = meta.get("scenario_name") or record.get("scenario", "")
    notebook = record.get("notebook", "")
    if not scenario or not notebook:
        return None
    from urllib.parse import quote

    target = f"{quote(scenario)}/{quote(notebook)}.html"
    return f"../ja/{target}" if lang == "en" else f"../../{target}"


def render_report(nb: Any, lang: str = "en") -> RenderedPage:
    """:func:`render_report_html` with what the page shows untranslated."""
    with i18n.language(lang):
        return _render_report(load_notebook(nb), lang)


def _render_report(nb: Any, lang: str) -> RenderedPage:
    from markupsafe import Markup

    meta = read_meta(nb)
    headlines = read_headlines(nb)
    first_h1 = _first_heading(nb)
    report_title = gettext(str(meta.get("report_title") or first_h1 or "Report"))
    page = _Page(report_title=report_title, lang=lang)
    markdown = _markdown(page)
    blocks: list[str] = []
    for cell in nb.cells:
        tags = _tags(cell)
        if PAPERMILL_ERROR_TAG in tags:
            continue
        hidden = bool(tags & HIDDEN_TAGS)
        if cell.get("cell_type") == "markdown":
            if not hidden:
                blocks.append(_markdown_cell(_source(cell.get("source", "")), markdown, page))
        elif cell.get("cell_type") == "code":
            # A hidden cell's error is still shown: a failing setup cell explains the page.
            blocks.extend(_outputs_html(cell, page, markdown, show=not hidden))
    blocks = _drop_empty_sections(blocks, page)
    content = "\n".join(b for b in blocks if b.strip() and b != DATA_OUTPUT)
    has_charts = any(marker in content for marker in _CHART_MARKERS)
    if page.untranslated:
        notice = html.escape(
            gettext(
                "Parts of this report are not yet translated: they are shown in English. The "
                "headline figures are in yen."
            )
        )
        content = f'<p class="sg-note sg-untranslated" role="note">{notice}</p>\n{content}'
    record = nb.metadata.get("stargate", {}) if hasattr(nb, "metadata") else {}
    scenario_name = meta.get("scenario_name") or record.get("scenario", "")
    notebook_name = record.get("notebook", "")
    footer = _footer(notebook_name, scenario_name)
    as_of = report_data_as_of(nb) or str(meta.get("data_as_of") or "")
    title_ja, description_ja = meta.get("scenario_title_ja"), meta.get("scenario_description_ja")
    scenario_title = i18n.scenario_text(str(meta.get("scenario_title") or ""), title_ja)
    title_bits = [report_title] + ([scenario_title] if scenario_title else [])
    twin = twin_href(nb, lang)
    if lang == i18n.SOURCE_LANGUAGE and not i18n.build_languages():
        twin = None  # an English-only build (STARGATE_LANGUAGES=en) writes no twin
    other = "ja" if lang == "en" else "en"
    alternate = (
        f'<link rel="alternate" hreflang="{other}" href="{html.escape(twin)}">\n' if twin else ""
    )
    if lang == i18n.SOURCE_LANGUAGE:
        note = money_note(meta.get("currency"), meta.get("jpy_per_usd"))
        shown_headlines = [{**h, "parts": headline_parts(h)} for h in headlines]
        as_of_text = format_as_of(as_of)
    else:
        rate = float(meta.get("jpy_per_usd") or 156.0)
        note = rate_note(rate)
        shown_headlines = [_headline_translated(h, rate) for h in headlines]
        as_of_text = i18n.format_date(as_of)
    return RenderedPage(
        render_template(
            "report.html.j2",
            lang=lang,
            page_title=" — ".join(title_bits),
            head_scripts=Markup(alternate + (page_scripts() if has_charts else "")),
            report_title=report_title,
            meta=meta,
            money_note=note,
            headlines=shown_headlines,
            errors=page.errors,
            toc=Markup(_toc_html(page.headings)),
            content=Markup(content),
            footer=Markup(footer),
            data_as_of=as_of,
            data_as_of_text=as_of_text,
            as_of_html=Markup(
                f'<time datetime="{html.escape(as_of)}">{html.escape(as_of_text)}</time>'
            ),
            # The scenario's own text: its Japanese when the file gives it, else its English,
            # marked as such.
            scenario_title=scenario_title,
            scenario_description=i18n.scenario_text(
                str(meta.get("scenario_description") or ""), description_ja
            ),
            title_lang=Markup(' lang="en"' if i18n.is_scenario_text_english(title_ja) else ""),
            description_lang=Markup(
                ' lang="en"' if i18n.is_scenario_text_english(description_ja) else ""
            ),
            # The same report in the other language; the front page when the notebook does
            # not say which report it is.
            switch=language_switch(
                lang, twin or ("../ja/index.html" if lang == "en" else "../../index.html")
            ),
        ),
        lang,
        page.untranslated,
    )


def _footer(notebook_name: str, scenario_name: str) -> str:
    """The page's last line: what built it from which files (HTML)."""
    notebook = f"<code>notebooks/{html.escape(notebook_name)}.ipynb</code>" if notebook_name else ""
    params = f"<code>params/{html.escape(scenario_name)}.yaml</code>" if scenario_name else ""
    if notebook and params:
        text = gettext("Built by stargate from {notebook} with {params}.")
    elif notebook:
        text = gettext("Built by stargate from {notebook}.")
    else:
        text = gettext("Built by stargate.")
    text = text.format(notebook=notebook, params=params)
    return (
        text + " " + html.escape(gettext("Every figure's source is listed in the Sources table."))
    )


def rate_note(jpy_per_usd: float) -> str:
    """The exchange rate and its date, stated once on a page in yen (the site's words)."""
    from stargate import facts

    rate = f"{jpy_per_usd:g}"
    with facts.unrecorded():
        fact = facts.get("fx_implied") if facts.exists("fx_implied") else None
    if fact is not None and float(fact.value) == jpy_per_usd:
        return gettext(
            "Amounts in yen at {rate} yen to the dollar, the rate of the article's own "
            "conversion ({date}); figures the sources give in dollars follow in parentheses."
        ).format(rate=rate, date=i18n.format_date(str(fact.as_of)))
    return gettext(
        "Amounts in yen at {rate} yen to the dollar, as the scenario sets it; figures the "
        "sources give in dollars follow in parentheses."
    ).format(rate=rate)


def _headline_translated(record: dict[str, Any], jpy_per_usd: float) -> dict[str, Any]:
    """A headline record for a page in another language: its label translated, yen first."""
    text = i18n.format_value_ja(
        record["value"], str(record.get("unit", "")), jpy_per_usd, record.get("fmt")
    )
    head, paren, tail = text.partition("（")
    return {
        **record,
        "label": gettext(str(record.get("label", ""))),
        "text": text,
        "parts": (head, paren + tail),
    }


def _markdown_cell(source: str, markdown: Any, page: _Page) -> str:
    """A Markdown cell's HTML; in another language each block through the catalog.

    A block (:func:`stargate.present.i18n.markdown_blocks`) with no translation is shown in
    English, marked ``lang="en"``, and listed in the page's untranslated parts.
    """
    if page.lang == i18n.SOURCE_LANGUAGE:
        return _markdown_tables(str(markdown(source)))
    parts = []
    for block, is_text in markdown_blocks(source):
        if not is_text:
            parts.append(block)
            continue
        translated = gettext(block)
        rendered = _markdown_tables(str(markdown(translated)))
        if not i18n.has_translation(block):
            page.untranslated.append(_first_line(block)[:80])
            heading = re.match(r'<h[1-6] id="[^"]+"', rendered)
            if heading:  # a heading stays a heading (sections are cut at headings)
                rendered = rendered[: heading.end()] + ' lang="en"' + rendered[heading.end() :]
            elif rendered.strip():
                rendered = f'<div lang="en">{rendered}</div>'
        parts.append(rendered)
    return "\n".join(parts)


def _markdown_tables(value: str) -> str:
    """Markdown tables get the DataFrames' treatment: figures right-aligned, a scroll box."""
    if "<table>" not in value:
        return value
    return _MD_TABLE.sub(lambda m: table_block(align_columns(m.group(0))), value)


def _drop_empty_sections(blocks: list[str], page: _Page) -> list[str]:
    """Leave out a section whose only outputs are data for other pages (headline records).

    A heading, its text and its sub-sections up to the next heading of the same or a higher
    level form a section. A section that holds a headline record and no visible output (the
    notebooks' "Headline figures", which the header already shows) would be an empty
    section on the page, so it goes, and with it its entries in the contents.
    """
    tokens: list[tuple[str, int, str]] = []  # (kind, level, html)
    for block in blocks:
        if block == DATA_OUTPUT:
            tokens.append(("data", 0, block))
        elif block.startswith('<div class="sg-output">') or block.startswith(
            '<div class="sg-error'
        ):
            tokens.append(("out", 0, block))
        else:
            cuts = [m.start() for m in _HEADING.finditer(block)]
            bounds = [0, *cuts, len(block)]
            for start, end in zip(bounds, bounds[1:], strict=False):
                piece = block[start:end]
                match = _HEADING.match(piece)
                if match:
                    tokens.append(("heading", int(match.group(1)), piece))
                elif piece.strip():
                    tokens.append(("md", 0, piece))
    dropped: set[int] = set()
    for i, (kind, level, _piece) in enumerate(tokens):
        if kind != "heading" or i in dropped:
            continue
        end = next(
            (
                j
                for j in range(i + 1, len(tokens))
                if tokens[j][0] == "heading" and tokens[j][1] <= level
            ),
            len(tokens),
        )
        kinds = {tokens[j][0] for j in range(i + 1, end)}
        if "data" in kinds and "out" not in kinds:
            dropped.update(range(i, end))
    gone = {m.group(2) for i in dropped for m in [_HEADING.match(tokens[i][2])] if m}
    page.headings = [h for h in page.headings if h.anchor not in gone]
    return [piece for i, (_k, _l, piece) in enumerate(tokens) if i not in dropped]


_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
#: The visible date in a page's header (its first ``<time>``), which :func:`set_page_data_as_of`
#: rewrites.
_DATELINE_TIME = re.compile(
    r'(<p class="sg-dateline">(?:(?!</p>).)*?)<time datetime="[^"]*">[^<]*</time>', re.S
)


def as_of_day(date: str) -> str:
    """A register date as a day: ``"2026-11"`` → ``"2026-11-01"``, ``"2026"`` → ``"2026-01-01"``.

    A date given by month counts as its first day, a year as 1 January, so a fact is never
    dated later than it may have been published. Anything that is not a
    date comes back unchanged.
    """
    match = _DATE.fullmatch(date.strip())
    if not match or not 1 <= int(match.group(2) or 1) <= 12:
        return date
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


def as_of_note(date: str) -> str:
    """How a data date given only by month or year is counted, in the current language.

    ``"2026-11"`` → ``"(the newest fact gives only its month, November 2026, counted as the
    1st)"``; ``"2026"`` → ``"(… only its year, 2026, counted as 1 January)"``; a day or
    anything else → ``""``.
    """
    from stargate.present.i18n import format_date, gettext

    match = _DATE.fullmatch(date.strip())
    if not match or not 1 <= int(match.group(2) or 1) <= 12 or match.group(3):
        return ""
    if match.group(2):
        return gettext(
            "(the newest fact gives only its month, {month}, counted as the 1st)"
        ).format(month=format_date(date))
    return gettext("(the newest fact gives only its year, {year}, counted as 1 January)").format(
        year=format_date(date)
    )


def format_as_of(date: str) -> str:
    """A data date for readers, as a day, in the current language.

    ``"2026-11-02"`` → ``"2 November 2026"`` (Japanese ``2026年11月2日``). A date the register
    gives only by month or year is shown as the day it counts as (:func:`as_of_day`) followed
    by :func:`as_of_note`: ``"2026-11"`` → ``"1 November 2026 (the newest fact gives only its
    month, November 2026, counted as the 1st)"``. Anything else unchanged.
    """
    from stargate.present.i18n import format_date

    match = _DATE.fullmatch(date.strip())
    if not match or not 1 <= int(match.group(2) or 1) <= 12:
        return date
    day, note = format_date(as_of_day(date)), as_of_note(date)
    if not note:
        return day
    return day + note if note.startswith("（") else f"{day} {note}"


def set_page_data_as_of(html_path: Path, date: str) -> bool:
    """Show ``date`` as the data date in a written page's header (the scenario's date).

    A report page is rendered from its own notebook, so it shows the newest fact *that report*
    used; every page of a scenario should show the scenario's date (the newest over its
    reports), which :func:`stargate.publish.site.write_site` knows once all are built. Only
    the header's ``<time>`` element changes (the build's stamp stays: the page is as fresh
    as before).

    Returns:
        True when the page was rewritten (it showed another date).
    """
    from markupsafe import escape

    from stargate.files import write_text_atomic

    text = Path(html_path).read_text(encoding="utf-8")
    element = f'<time datetime="{escape(date)}">{escape(format_as_of(date))}</time>'
    new = _DATELINE_TIME.sub(lambda m: m.group(1) + element, text, count=1)
    if new == text:
        return False
    write_text_atomic(Path(html_path), new)
    return True


def report_data_as_of(nb: Any) -> str:
    """The newest date of the facts a report used, read from its sources table ("" if none).

    That is the date a reader needs ("data as of"): the register may hold newer facts the
    report did not use. Dates keep the register's precision (``YYYY-MM-DD`` where it has it).
    """
    nb = load_notebook(nb)
    for cell in reversed(nb.cells):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            value = _source((output.get("data") or {}).get("text/html", ""))
            if 'class="dataframe' in value and is_sources_table(value):
                return newest_as_of(sources_rows(value))
    return ""


def _first_heading(nb: Any) -> str:
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            match = re.search(r"^#\s+(.+?)\s*#*\s*$", _source(cell.get("source", "")), re.M)
            if match:
                return match.group(1)
    return ""


def write_report_html(nb_path: Path, html_path: Path | None = None) -> Path:
    """Render ``nb_path`` and write the page atomically next to it (or to ``html_path``).

    Returns:
        The path written.
    """
    from stargate.files import write_text_atomic

    nb_path = Path(nb_path)
    out = Path(html_path) if html_path else nb_path.with_suffix(".html")
    write_text_atomic(out, render_report_html(nb_path))
    return out
