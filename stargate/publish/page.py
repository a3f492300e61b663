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
import hashlib
import html
import importlib.metadata
import json
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from stargate.files import write_cache
from stargate.present.chart_output import CHART_CLASS, CHART_ID_PREFIX, VEGA_MIMETYPE
from stargate.publish.headline import DATA_MIMETYPES, load_notebook, read_headlines, read_meta

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
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


# --------------------------------------------------------------------------- page assets


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _cache_dir() -> Path:
    root = os.environ.get("STARGATE_CACHE_DIR")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stargate"


def _versions_key() -> str:
    versions = "|".join(
        importlib.metadata.version(name) for name in ("altair", "vl-convert-python")
    )
    return hashlib.sha256(versions.encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def vega_versions() -> dict[str, str]:
    """Versions the installed Altair expects: Vega-Lite for vl-convert, and ``VEGA_DEBUG``.

    Returns:
        ``{"vl_convert": "6.4", "vega_version": "6", "vegalite_version": "6.4.1",
        "vegaembed_version": "7"}``. Importing Altair costs ≈0.4 s, so the answer is kept in
        the file cache (see :func:`javascript_bundle`) keyed by the Altair and vl-convert versions.
    """
    path = _cache_dir() / f"vega-versions-{_versions_key()}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and cached.get("vl_convert"):
            return cached
    except (OSError, ValueError):
        pass
    from altair.utils._importers import vl_version_for_vl_convert
    from altair.vegalite.v6.display import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

    versions = {
        "vl_convert": vl_version_for_vl_convert(),
        "vega_version": VEGA_VERSION,
        "vegalite_version": VEGALITE_VERSION,
        "vegaembed_version": VEGAEMBED_VERSION,
    }
    write_cache(path, json.dumps(versions, sort_keys=True))
    return versions


def vega_debug() -> dict[str, str]:
    """The ``VEGA_DEBUG`` global that makes Altair's own HTML loader skip the CDN.

    A chart shown with Altair's default HTML renderer (no ``charts.enable``) checks this global
    for the versions it needs; finding them, it uses the libraries already on the page.
    """
    v = vega_versions()
    return {k: v[k] for k in ("vega_version", "vegalite_version", "vegaembed_version")}


@lru_cache(maxsize=1)
def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (≈0.9 MB), from vl-convert.

    vl-convert builds the bundle on its first call in a process (≈2.5 s), so it is also kept in
    a file cache (``$STARGATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/stargate`` or
    ``~/.cache/stargate``) keyed by the Altair and vl-convert versions.

    Returns:
        JavaScript defining ``window.vegaEmbed``, ``window.vega`` and ``window.vegaLite``.
    """
    path = _cache_dir() / f"vega-bundle-{_versions_key()}.js"
    try:
        text = path.read_text(encoding="utf-8")
        if "window.vegaEmbed=" in text and text.rstrip().endswith(";"):
            return text
    except OSError:
        pass
    import vl_convert

    text = vl_convert.javascript_bundle(vl_version=vega_versions()["vl_convert"])
    write_cache(path, text)
    return text


def page_scripts() -> str:
    """The ``<script>`` elements a page with charts needs, once, in its ``<head>``.

    Returns:
        The ``VEGA_DEBUG`` global and the JavaScript bundle, wrapped in a function so its
        top-level names do not leak into the page.

    Raises:
        RuntimeError: the bundle contains ``</script`` (it would end the element early).
    """
    bundle = javascript_bundle()
    if "</script" in bundle.lower() or "<!--" in bundle:
        raise RuntimeError("the Vega bundle contains '</script' or '<!--': cannot inline it")
    return (
        f'<script type="text/javascript">var VEGA_DEBUG = {script_json(vega_debug())};</script>\n'
        '<script type="text/javascript">/* vega, vega-lite, vega-embed (via vl-convert) */\n'
        f"(function () {{\n{bundle}\n}}).call(window);\n</script>\n"
    )


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


# --------------------------------------------------------------------------- charts

#: Vega-embed options: SVG (crisp in print), export menu only (no link to an online editor).
EMBED_OPTIONS: dict[str, Any] = {
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
    "renderer": "svg",
}

_CHART_SCRIPT = """\
(function (spec, opt, id) {
  var s = document.currentScript, host = s && s.previousElementSibling;
  if (!host || host.id !== id) { host = document.getElementById(id); }
  if (!host) { return; }
  if (typeof window.vegaEmbed !== "function") { host.dataset.sgState = "static"; return; }
  var still = host.querySelector(".sg-chart-static"), target = document.createElement("div");
  if (still) { still.remove(); }
  host.appendChild(target);
  window.vegaEmbed(target, spec, opt).then(function () {
    host.dataset.sgState = "drawn";
  }).catch(function (err) {
    host.dataset.sgState = "error";
    target.remove();
    if (still) { host.appendChild(still); }
    var note = document.createElement("p");
    note.className = "sg-chart-error";
    note.textContent = "This chart could not be drawn (" + err.message + ").";
    host.insertBefore(note, host.firstChild);
    console.error("stargate chart " + id + ":", err);
  });
})(%s, %s, %s);"""


def chart_html(
    spec: Mapping[str, Any],
    chart_id: str,
    static_svg: str | None = None,
    mode: str = "vega-lite",
) -> str:
    """The HTML of one chart: a container div (with an optional static SVG) and its script.

    The script draws the interactive chart with ``window.vegaEmbed`` when the page provides it
    (:func:`page_scripts`), replacing the static SVG; otherwise it leaves the static SVG. It
    then sets ``data-sg-state`` on the container: ``drawn``, ``error`` or ``static`` (what the
    browser test waits for).

    Args:
        spec: a Vega-Lite spec (``chart.to_dict()``) or, with ``mode="vega"``, a Vega spec.
        chart_id: the container's id (deterministic: counted per page).
        static_svg: SVG markup shown until (or instead of) the interactive chart.
        mode: ``"vega-lite"`` or ``"vega"``: the language of ``spec``.

    Returns:
        An HTML fragment with no reference to any network resource.
    """
    if mode not in ("vega-lite", "vega"):
        raise ValueError(f"chart mode must be 'vega-lite' or 'vega', not {mode!r}")
    inner = f'<div class="sg-chart-static">{static_svg}</div>' if static_svg else ""
    options = {**EMBED_OPTIONS, "mode": mode}
    script = _CHART_SCRIPT % (script_json(spec), script_json(options), script_json(chart_id))
    return (
        f'<div class="{CHART_CLASS}" id="{chart_id}">{inner}</div>\n'
        f'<script type="text/javascript">\n{script}\n</script>\n'
    )


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=1)
def page_css() -> str:
    """The stylesheet every stargate page inlines (screen and print)."""
    return (TEMPLATES_DIR / "style.css").read_text(encoding="utf-8")


def render_template(name: str, **context: Any) -> str:
    """Render one of the package's Jinja templates (autoescaped; pass trusted HTML as Markup)."""
    from markupsafe import Markup

    context.setdefault("css", Markup(page_css()))
    context.setdefault("head_scripts", Markup(""))
    return _environment().get_template(name).render(**context)


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


def _money_note(meta: dict[str, Any]) -> str:
    currency = meta.get("currency")
    if currency == "JPY":
        rate = meta.get("jpy_per_usd")
        return f"Amounts in nominal JPY at {rate:g} JPY/USD" if rate else "Amounts in nominal JPY"
    if currency == "USD":
        return "Amounts in nominal USD"
    return ""


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
        money_note=_money_note(meta),
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
