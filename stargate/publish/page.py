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

from stargate.present.chart_output import CHART_ID_PREFIX, VEGA_MIMETYPE
from stargate.present.formatting import money_note
from stargate.publish.assets import chart_html, page_scripts, render_template
from stargate.publish.headline import DATA_MIMETYPES, load_notebook, read_headlines, read_meta

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
#: A table with this many columns or more gets more width than the text column.
WIDE_TABLE_COLUMNS = 7
#: Heading levels listed in the table of contents.
TOC_LEVELS = (1, 2, 3)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_TAGS = re.compile(r"<[^>]+>")
_URL_CELL = re.compile(r"<td>(https?://[^\s<>\"]+(?<!\.\.\.))</td>")  # not pandas-truncated
_NUM_CELL = re.compile(r"<td>(\s*[-+−]?[$¥€£]?\s*[\d,]*\.?\d+(?:[eE][-+]?\d+)?\s*%?\s*)</td>")
_PANDAS_STYLE = re.compile(r"<style scoped>.*?</style>\s*", re.S)
_THEAD_ROW = re.compile(r'(<thead>\s*<tr)(?: style="text-align: right;")?(>)\s*<th></th>')
_INDEX_CELL = re.compile(r"(<tr>)\s*<th>(\d+)</th>")
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(td|th)([^>]*)>(.*?)</\1>", re.S)
_HEAD_CELL = re.compile(r"<th>")
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


def polish_dataframe_html(value: str) -> str:
    """Tidy a pandas DataFrame's HTML for a publication.

    Drops pandas' inline style, a default 0…n-1 row index (readers need no row numbers), marks
    numeric cells (right-aligned, tabular figures) and makes cells holding a URL into links.

    Args:
        value: HTML from ``DataFrame._repr_html_``.

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
    value = _URL_CELL.sub(r'<td class="sg-text"><a href="\1">\1</a></td>', value)
    value = _NUM_CELL.sub(r'<td class="sg-num">\1</td>', value)
    value = _align_headers(value)
    head = value.partition("</thead>")[0]
    if head.count("<tr") == 1 and head.count("<th") >= WIDE_TABLE_COLUMNS:
        value = value.replace(
            '<table class="dataframe">', '<table class="dataframe sg-wide-table">', 1
        )
    return value


def _align_headers(value: str) -> str:
    """Right-align the header of every column whose cells are all numbers."""
    head, sep, body = value.partition("</thead>")
    if not sep or head.count("<tr") != 1:
        return value
    numeric: dict[int, bool] = {}
    for row in _ROW.findall(body):
        for i, (tag, attrs, text) in enumerate(_CELL.findall(row)):
            if tag == "td" and text.strip():
                numeric[i] = numeric.get(i, True) and 'class="sg-num"' in attrs
    cells = iter(range(10_000))

    def mark(match: re.Match[str]) -> str:
        return '<th class="sg-num">' if numeric.get(next(cells)) else match.group(0)

    return _HEAD_CELL.sub(mark, head) + sep + body


def _data_html(data: Any, markdown: Any, page: _Page) -> str | None:
    """HTML for one display_data / execute_result bundle (None: nothing to show)."""
    if any(m in data for m in DATA_MIMETYPES):
        return None  # headline figures and metadata: shown in the header only
    for mime in MIME_PRIORITY:
        if mime not in data:
            continue
        if mime == VEGA_MIMETYPE:
            svg = _source(data.get("image/svg+xml", "")) or None
            return chart_html(data[mime], page.chart_id(), svg, mode="vega")
        value = _source(data[mime])
        if mime == "text/html":
            value = value.replace(_ALTAIR_CDN, "")
            if 'class="dataframe' in value:
                value = polish_dataframe_html(value)
            return value
        if mime == "image/svg+xml":
            return value
        if mime in ("image/png", "image/jpeg"):
            payload = value.replace("\n", "")
            base64.b64decode(payload, validate=True)  # refuse anything but base64
            return f'<img src="data:{mime};base64,{payload}" alt="">'
        if mime == "text/markdown":
            return str(markdown(value))
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
    return [
        f'<div class="sg-output sg-wide">{p}</div>'
        if "sg-wide-table" in p
        else f'<div class="sg-output">{p}</div>'
        for p in parts
    ]


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


def render_report_html(nb: Any) -> str:
    """Render an executed report notebook as one self-contained HTML page.

    Args:
        nb: the executed notebook: an nbformat ``NotebookNode`` (v4), or a path to one.

    Returns:
        The page (UTF-8 text): byte-identical for the same notebook, no network references,
        the chart JavaScript included at most once.
    """
    from markupsafe import Markup

    nb = load_notebook(nb)
    meta = read_meta(nb)
    headlines = read_headlines(nb)
    first_h1 = _first_heading(nb)
    report_title = str(meta.get("report_title") or first_h1 or "Report")
    page = _Page(report_title=report_title)
    markdown = _markdown(page)
    blocks: list[str] = []
    for cell in nb.cells:
        tags = _tags(cell)
        if PAPERMILL_ERROR_TAG in tags:
            continue
        hidden = bool(tags & HIDDEN_TAGS)
        if cell.get("cell_type") == "markdown":
            if not hidden:
                blocks.append(str(markdown(_source(cell.get("source", "")))))
        elif cell.get("cell_type") == "code":
            # A hidden cell's error is still shown: a failing setup cell explains the page.
            blocks.extend(_outputs_html(cell, page, markdown, show=not hidden))
    content = "\n".join(b for b in blocks if b.strip())
    has_charts = any(marker in content for marker in _CHART_MARKERS)
    record = nb.metadata.get("stargate", {}) if hasattr(nb, "metadata") else {}
    scenario_name = meta.get("scenario_name") or record.get("scenario", "")
    notebook_name = record.get("notebook", "")
    footer = "Built by stargate"
    if notebook_name:
        footer += f" from notebooks/{notebook_name}.ipynb"
    if scenario_name:
        footer += f" with params/{scenario_name}.yaml"
    footer += ". Every figure's source is listed in the Sources table."
    title_bits = [report_title] + ([meta["scenario_title"]] if meta.get("scenario_title") else [])
    return render_template(
        "report.html.j2",
        page_title=" — ".join(title_bits),
        head_scripts=Markup(page_scripts() if has_charts else ""),
        report_title=report_title,
        meta=meta,
        money_note=money_note(meta.get("currency"), meta.get("jpy_per_usd")),
        headlines=[{**h, "parts": headline_parts(h)} for h in headlines],
        errors=page.errors,
        toc=Markup(_toc_html(page.headings)),
        content=Markup(content),
        footer=footer,
    )


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
